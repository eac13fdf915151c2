"""Labels never pile up: the default map, measured in headless Chromium as a reader sees it.

After the map has settled (physics is off, so once drawn), vis-network's
``network.getBoundingBox(id)`` gives every node's box with its label; a node overlaps when its
box intersects another's. At most 5% of the nodes may overlap, and no municipality's box may
touch another box (no municipality label hidden). Measured on the Netwerk page of the served
app and on the default HTML export, both on the shipped data.

The same view shows the whole base map: vis-network fits its view to the nodes only, which cut
off the outer municipalities' boundaries until one zoomed out.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from netwerkkaart.cli import main
from tests.browser_support import AppServer, Tab
from tests.test_browser import map_frame, open_page

pytestmark = pytest.mark.browser

#: Most nodes (share) whose box may touch another's.
MAX_OVERLAPPING = 0.05
BOXES = """() => {
  const kaart = window.netwerkkaart;
  return new Promise((resolve) => {
    kaart.network.once("afterDrawing", () => resolve(kaart.nodes.getIds().map(
      (id) => [id, kaart.network.getBoundingBox(id)])));
    kaart.network.redraw();
  });
}"""


def overlapping(boxes: list[tuple[str, dict[str, float]]]) -> set[str]:
    """Nodes whose box (label included) intersects another node's box."""
    found = set()
    for i, (a, p) in enumerate(boxes):
        for b, q in boxes[i + 1 :]:
            if (
                p["left"] < q["right"]
                and q["left"] < p["right"]
                and p["top"] < q["bottom"]
                and q["top"] < p["bottom"]
            ):
                found |= {a, b}
    return found


BASE_MAP_ON_SCREEN = """() => new Promise((resolve) => {
  const kaart = window.netwerkkaart;
  kaart.network.once("afterDrawing", () => {
    const [x0, y0, x1, y1] = kaart.basemap.omvang;
    const a = kaart.network.canvasToDOM({x: x0, y: y0});
    const b = kaart.network.canvasToDOM({x: x1, y: y1});
    const frame = document.getElementById("nk-network");
    resolve([a.x, a.y, b.x, b.y, frame.clientWidth, frame.clientHeight]);
  });
  kaart.network.redraw();
})"""


def assert_base_map_fits(frame: Any) -> None:
    """The base map's extent lies wholly in the map's frame, and fills it in one direction."""
    left, top, right, bottom, width, height = frame.evaluate(BASE_MAP_ON_SCREEN)
    assert 0 <= left < right <= width and 0 <= top < bottom <= height
    assert max((right - left) / width, (bottom - top) / height) > 0.8


def assert_readable(frame: Any) -> None:
    boxes = [(node, box) for node, box in frame.evaluate(BOXES)]
    assert boxes, "no nodes drawn"
    kinds = {node.partition(":")[0] for node, _ in boxes}
    assert "gemeente" in kinds and not kinds & {"thema", "werkvorm", "enquete"}
    hit = overlapping(boxes)
    print(f"{len(boxes)} nodes, {len(hit)} overlapping")
    assert len(hit) <= MAX_OVERLAPPING * len(boxes), sorted(hit)
    assert not {n for n in hit if n.startswith("gemeente:")}


def test_netwerk_page_default_map_is_readable(tab: Tab, app_server: AppServer) -> None:
    page = open_page(tab, app_server, "netwerk", "Netwerk")
    frame = map_frame(page)
    assert_readable(frame)
    assert_base_map_fits(frame)


def test_default_html_export_is_readable(
    tab: Tab, workspace: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["build"]) == 0
    out = tmp_path / "kaart.html"
    assert main(["export", "--format", "html", "--out", str(out)]) == 0
    capsys.readouterr()
    tab.page.goto(out.resolve().as_uri())
    tab.page.wait_for_function("() => window.netwerkkaart !== undefined")
    assert_readable(tab.page)
    assert_base_map_fits(tab.page)
