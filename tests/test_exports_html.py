"""The HTML export in a real browser: offline, it draws the selection and runs no injected script."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from tests.browser_support import Tab
from tests.exports_support import DATE, HOSTILE, hostile_graph, twente
from views.exports.registry import render_export

pytestmark = pytest.mark.browser

EVIL_TITLE = "<img src=x onerror=alert('titel')>"


def _open_offline(tab: Tab, path: Path) -> tuple[Any, list[str]]:
    """Open a file with every non-file request refused and recorded."""
    attempts: list[str] = []

    def guard(route: Any) -> None:
        url = route.request.url
        if url.startswith("file://"):
            route.continue_()
        else:
            attempts.append(url)
            route.abort()

    tab.page.route("**/*", guard)
    tab.page.goto(path.as_uri(), wait_until="load")
    tab.page.wait_for_selector("#nk-network canvas", timeout=30_000)
    return tab.page, attempts


def test_offline_page_draws_the_twente_selection(
    shipped_graph: nx.MultiDiGraph, tab: Tab, tmp_path: Path, screenshots: Path
) -> None:
    selection = twente(shipped_graph)
    path = tmp_path / "twente.html"
    path.write_bytes(
        render_export("html", selection, datum=DATE, selectie="Regio Twente en hun partners")
    )
    page, attempts = _open_offline(tab, path)
    assert attempts == []
    assert page.evaluate("window.netwerkkaart.nodes.length") == selection.number_of_nodes()
    ids = set(page.evaluate("window.netwerkkaart.nodes.getIds()"))
    assert "gemeente:GM0147" in ids and "gemeente:GM0193" not in ids  # Borne yes, Zwolle no
    size = page.evaluate(
        "(() => { const c = document.querySelector('#nk-network canvas');"
        " return [c.width, c.height]; })()"
    )
    assert size[0] > 300 and size[1] > 300
    heading = page.inner_text(".nk-head")
    assert "Regio Twente en hun partners" in heading and "7 maart 2025" in heading
    assert "Bronnen:" in heading and "voorbeelddata" in heading
    page.screenshot(path=str(screenshots / "export-html-twente.png"))
    assert tab.dialogs == []


def test_hostile_names_stay_text(shipped_graph: nx.MultiDiGraph, tab: Tab, tmp_path: Path) -> None:
    graph = hostile_graph(shipped_graph)
    path = tmp_path / "vijandig.html"
    path.write_bytes(
        render_export("html", graph, datum=DATE, titel=EVIL_TITLE, selectie=HOSTILE[1])
    )
    page, attempts = _open_offline(tab, path)
    assert page.evaluate("window.netwerkkaart.nodes.length") == graph.number_of_nodes()
    page.evaluate("window.netwerkkaart.showDetails('organisatie:vijandig-0')")
    assert HOSTILE[0] in page.inner_text("#nk-details")
    assert page.inner_text(".nk-head h1") == EVIL_TITLE
    assert page.evaluate("document.querySelectorAll('svg, img, script:not([src])').length") == 2
    assert attempts == []  # an injected <img src=x> would have tried to load
    assert tab.dialogs == []


#: Fill-coloured pixels a map without base map may show by chance (a drawn one has > 10 000).
STRAY_PIXELS = 50


def check_base_map(page: Any, drawn: bool, min_fill: int) -> None:
    """The map page (app frame or exported file) draws the 26 boundaries with their source, or
    nothing of them at all."""
    page.wait_for_timeout(500)
    basemap = page.evaluate("window.netwerkkaart.basemap")
    notes = page.inner_text(".nk-side")
    if drawn:
        assert len(basemap["gebieden"]) == 26
        assert _fill_pixels(page) > min_fill
        assert "Ondergrond: gemeentegrenzen 1-1-2015, CBS/PDOK" in notes
    else:
        # An anti-aliased label edge can hit the fill colour by chance (1 pixel seen).
        assert basemap is None and _fill_pixels(page) < STRAY_PIXELS
        assert "Ondergrond" not in notes


def _fill_pixels(page: Any) -> int:
    """Canvas pixels painted in the base map's fill colour of selected municipalities."""
    return page.evaluate(
        """(() => {
          const c = document.querySelector('#nk-network canvas');
          const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
          let n = 0;
          for (let i = 0; i < d.length; i += 4) {
            if (d[i] === 0xEE && d[i + 1] === 0xF1 && d[i + 2] === 0xF5) { n++; }
          }
          return n;
        })()"""
    )


@pytest.mark.parametrize(("indeling", "drawn"), [("geo", True), ("force", False)])
def test_base_map_lies_under_the_geographic_network_only(
    shipped_graph: nx.MultiDiGraph, tab: Tab, tmp_path: Path, indeling: str, drawn: bool
) -> None:
    path = tmp_path / f"kaart-{indeling}.html"
    path.write_bytes(render_export("html", shipped_graph, datum=DATE, indeling=indeling))
    page, attempts = _open_offline(tab, path)
    check_base_map(page, drawn, min_fill=20_000)
    assert attempts == [] and tab.dialogs == []


@pytest.mark.parametrize(
    ("papier", "liggend"), [(p, lig) for p in ("A4", "A3") for lig in (True, False)]
)
def test_svg_export_has_no_two_overlapping_text_boxes(
    shipped_graph: nx.MultiDiGraph, tab: Tab, tmp_path: Path, papier: str, liggend: bool
) -> None:
    """Measured in the SVG as a browser draws it: every matplotlib text group's bounding box."""
    path = tmp_path / "kaart.svg"
    path.write_bytes(
        render_export("svg", shipped_graph, datum=DATE, papier=papier, liggend=liggend)
    )
    tab.page.goto(path.as_uri(), wait_until="load")
    boxes = tab.page.evaluate(
        """[...document.querySelectorAll('g[id^="text_"]')].map(g => {
             const r = g.getBoundingClientRect();
             return [g.id, r.left, r.top, r.right, r.bottom];
           }).filter(b => b[3] > b[1] && b[4] > b[2])"""
    )
    assert len(boxes) > 60
    clashes = [
        (a[0], b[0])
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if a[1] < b[3] and b[1] < a[3] and a[2] < b[4] and b[2] < a[4]
    ]
    assert clashes == []
