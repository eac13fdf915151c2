"""The print-ready map: right pixel and page sizes, deterministic, and it really draws something."""

from __future__ import annotations

import io
import re
import zlib

import networkx as nx
import pytest
from matplotlib.collections import LineCollection, PathCollection
from PIL import Image

from graph.analysis.municipal import municipality
from graph.analysis.municipal_view import selected_view
from graph.selection import Selection, select
from tests.exports_support import DATE, TWENTE, hostile_graph, twente
from views.exports.meta import export_meta
from views.exports.registry import render_export
from views.exports.static_map import AREA_FILL, PAPERS, draw_map
from views.layout import geo_layout
from views.pyvis_map import TIE_NOTE

AREA_FILL_RGB = tuple(int(AREA_FILL[True][i : i + 2], 16) for i in (1, 3, 5))

PT_PER_MM = 72 / 25.4


def _png(graph: nx.MultiDiGraph, **options) -> Image.Image:
    return Image.open(io.BytesIO(render_export("png", graph, datum=DATE, **options)))


@pytest.mark.parametrize(
    ("papier", "liggend", "size"),
    [("A4", False, (1654, 2339)), ("A4", True, (2339, 1654)), ("dia", False, (1920, 1080))],
)
def test_png_has_the_paper_size(
    shipped_graph: nx.MultiDiGraph, papier: str, liggend: bool, size: tuple[int, int]
) -> None:
    image = _png(shipped_graph, papier=papier, liggend=liggend)
    assert image.size == size == PAPERS[papier].pixels(liggend or papier == "dia")


def test_png_is_a_drawn_map_not_a_blank_page(shipped_graph: nx.MultiDiGraph) -> None:
    image = _png(shipped_graph, papier="A4", liggend=True).convert("RGB")
    colours = image.getcolors(maxcolors=1_000_000)
    assert colours is not None
    municipal_blue = sum(n for n, (r, g, b) in colours if b > 150 and r < 40 and 90 < g < 140)
    white = sum(n for n, c in colours if c == (255, 255, 255))
    assert municipal_blue > 5_000, "municipality markers missing"
    assert white < image.width * image.height * 0.97


def test_a3_png_is_larger_than_a4(shipped_graph: nx.MultiDiGraph) -> None:
    a3 = _png(shipped_graph, papier="A3", liggend=True)
    assert a3.size == PAPERS["A3"].pixels(True) == (3307, 2339)


@pytest.mark.parametrize(("papier", "liggend"), [("A4", False), ("A4", True), ("A3", True)])
def test_pdf_page_has_the_paper_size(
    shipped_graph: nx.MultiDiGraph, papier: str, liggend: bool
) -> None:
    payload = render_export("pdf", shipped_graph, datum=DATE, papier=papier, liggend=liggend)
    assert payload.startswith(b"%PDF-")
    boxes = re.findall(rb"/MediaBox \[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", payload)
    assert len(boxes) == 1, "one page"
    width, height = (float(v) for v in boxes[0])
    short, long = PAPERS[papier].short_mm * PT_PER_MM, PAPERS[papier].long_mm * PT_PER_MM
    expected = (long, short) if liggend else (short, long)
    assert width == pytest.approx(expected[0], abs=0.5)
    assert height == pytest.approx(expected[1], abs=0.5)


@pytest.mark.parametrize("fmt", ["png", "svg", "pdf"])
def test_maps_are_deterministic(shipped_graph: nx.MultiDiGraph, fmt: str) -> None:
    selection = twente(shipped_graph)
    first = render_export(fmt, selection, datum=DATE, papier="A4", liggend=True)
    second = render_export(fmt, selection, datum=DATE, papier="A4", liggend=True)
    assert first == second


def test_svg_carries_no_markup_from_data(shipped_graph: nx.MultiDiGraph) -> None:
    svg = render_export("svg", hostile_graph(shipped_graph), datum=DATE, titel="<b>titel</b>")
    text = svg.decode("utf-8")
    assert text.lstrip().startswith("<?xml")
    assert "<script" not in text and "onload" not in text and "<b>" not in text


def test_empty_selection_still_gives_a_page() -> None:
    image = Image.open(io.BytesIO(render_export("png", nx.MultiDiGraph(), datum=DATE)))
    assert image.size == PAPERS["A4"].pixels(False)


def test_unknown_paper_is_refused(shipped_graph: nx.MultiDiGraph) -> None:
    with pytest.raises(ValueError, match="onbekend papierformaat"):
        render_export("png", shipped_graph, papier="A5")


def test_map_names_title_selection_sources_and_example_data(shipped_graph: nx.MultiDiGraph) -> None:
    selection = twente(shipped_graph)
    meta = export_meta(selection, titel="Raadsmemo", datum=DATE, selectie="Regio Twente")
    paper = PAPERS["A4"]
    fig = draw_map(selection, meta, paper.size_inches(True), paper, True)
    texts = [t.get_text() for t in fig.texts]
    assert texts[0] == "Raadsmemo"
    assert "Regio Twente · 7 maart 2025" in texts
    joined = " ".join(t.replace("\n", " ") for t in texts)
    assert "Bronnen: enquete_2010_antwoorden_voorbeeld.csv" in joined
    assert "voorbeelddata" in joined and "geen enquêteresultaat" in joined
    labels = {t.get_text() for t in fig.axes[0].texts}
    municipalities = {a["naam"] for _, a in selection.nodes(data=True) if a["kind"] == "gemeente"}
    assert municipalities <= labels, "every municipality is labelled"
    assert "Zwolle" not in labels
    (legend,) = fig.legends
    entries = [t.get_text() for t in legend.get_texts()]
    assert "Gemeenten" in entries and "voorbeelddata (oranje)" in entries
    assert "gemeentegrens (CBS 2015)" in entries
    assert "Ondergrond: gemeentegrenzen 1-1-2015, CBS/PDOK" in joined
    assert "afgeleide koppeling (eigen lezing)" not in entries  # no vocabulary drawn


def test_map_legend_names_derived_links_when_the_vocabulary_is_drawn(
    shipped_graph: nx.MultiDiGraph,
) -> None:
    selection = select(shipped_graph, Selection(regions=frozenset({TWENTE}), vocabulary=True))
    meta = export_meta(selection, titel="Raadsmemo", datum=DATE, selectie="Regio Twente")
    paper = PAPERS["A4"]
    fig = draw_map(selection, meta, paper.size_inches(True), paper, True)
    (legend,) = fig.legends
    entries = [t.get_text() for t in legend.get_texts()]
    assert "afgeleide koppeling (eigen lezing)" in entries  # activities' themes (issue 11)


def _text_boxes(fig) -> list:
    """Window extents of every text on the page: title, notes, legend, labels (as drawn)."""
    fig.draw_without_rendering()  # lays the legend out
    renderer = fig.canvas.get_renderer()
    texts = [*fig.texts, *(t for ax in fig.axes for t in ax.texts)]
    for legend in fig.legends:
        texts += [*legend.get_texts(), legend.get_title()]
    return [t.get_window_extent(renderer) for t in texts if t.get_text()]


@pytest.mark.parametrize(
    ("papier", "liggend"), [(p, lig) for p in ("A4", "A3") for lig in (False, True)]
)
def test_no_two_texts_overlap(shipped_graph: nx.MultiDiGraph, papier: str, liggend: bool) -> None:
    """Labels, legend, title and sources: no text box overlaps another, municipalities neither."""
    meta = export_meta(shipped_graph, datum=DATE)
    paper = PAPERS[papier]
    fig = draw_map(shipped_graph, meta, paper.size_inches(liggend), paper, liggend)
    boxes = _text_boxes(fig)
    assert len(boxes) > 60
    clashes = [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1 :] if a.overlaps(b)]
    assert clashes == []
    page = fig.bbox
    assert all(page.contains(b.x0, b.y0) and page.contains(b.x1, b.y1) for b in boxes)


def test_overlap_measure_can_fail(shipped_graph: nx.MultiDiGraph) -> None:
    meta = export_meta(shipped_graph, datum=DATE)
    paper = PAPERS["A4"]
    fig = draw_map(shipped_graph, meta, paper.size_inches(True), paper, True)
    label = next(t for t in fig.axes[0].texts if t.get_text() == "Almelo")
    fig.axes[0].annotate(
        "Almelo", label.xy, xytext=label.get_position(), textcoords=label.get_anncoords()
    )
    boxes = _text_boxes(fig)
    assert any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1 :])


@pytest.mark.parametrize(("papier", "liggend"), [("A4", False), ("A4", True), ("A3", False)])
def test_map_fills_the_page(shipped_graph: nx.MultiDiGraph, papier: str, liggend: bool) -> None:
    """The drawn map (boundaries and nodes, as placed on the page) spans most of the page."""
    meta = export_meta(shipped_graph, datum=DATE)
    paper = PAPERS[papier]
    fig = draw_map(shipped_graph, meta, paper.size_inches(liggend), paper, liggend)
    ax = fig.axes[0]
    points = [
        point
        for c in ax.collections
        for point in (
            c.get_offsets()
            if isinstance(c, PathCollection)
            else [v for path in c.get_paths() for v in path.vertices]
        )
    ]
    xs, ys = zip(*ax.transData.transform(points), strict=True)
    page = fig.bbox
    width = (min(max(xs), page.x1) - max(min(xs), page.x0)) / page.width
    height = (min(max(ys), page.y1) - max(min(ys), page.y0)) / page.height
    assert max(width, height) > 0.8 and width * height > 0.45, (width, height)


def _base_map_pixels(image: Image.Image) -> int:
    colours = image.convert("RGB").getcolors(maxcolors=1_000_000) or []
    return sum(n for n, c in colours if c == AREA_FILL_RGB)


def test_png_draws_the_base_map_in_the_geographic_layout_only(
    shipped_graph: nx.MultiDiGraph,
) -> None:
    geo = _png(shipped_graph, papier="A4", liggend=True)
    force = _png(shipped_graph, papier="A4", liggend=True, indeling="force")
    assert _base_map_pixels(geo) > 200_000
    assert _base_map_pixels(force) == 0


@pytest.mark.parametrize("fmt", ["svg", "pdf"])
def test_vector_maps_carry_the_base_map_in_the_geographic_layout_only(
    shipped_graph: nx.MultiDiGraph, fmt: str
) -> None:
    geo = render_export(fmt, shipped_graph, datum=DATE, papier="A4", liggend=True)
    force = render_export(
        fmt, shipped_graph, datum=DATE, papier="A4", liggend=True, indeling="force"
    )
    assert _has_area_fill(fmt, geo)
    assert not _has_area_fill(fmt, force)


def _has_area_fill(fmt: str, payload: bytes) -> bool:
    """Whether the selected municipalities' fill colour is painted anywhere in the file."""
    fill = AREA_FILL[True].lower()
    if fmt == "svg":
        return f"fill: {fill}".encode() in payload.lower()
    r, g, b = (re.escape(f"{int(fill[i : i + 2], 16) / 255:.3f}"[:-1]) for i in (1, 3, 5))
    return re.search(rf"{r}\d* {g}\d* {b}\d* rg".encode(), _inflated(payload)) is not None


def _inflated(pdf: bytes) -> bytes:
    """The PDF's content streams, decompressed."""
    streams = re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S)
    out = []
    for raw in streams:
        try:
            out.append(zlib.decompress(raw))
        except zlib.error:
            out.append(raw)
    return b"\n".join(out)


def _crowded(count: int) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    graph.add_node("gemeente:GM0001", kind="gemeente", naam="Midden", lat=52.4, lon=6.4)
    for index in range(count):
        node = f"organisatie:o{index:03d}"
        graph.add_node(node, kind="organisatie", naam=f"Organisatie {index}", bron_type="enquete")
        graph.add_edge(node, "gemeente:GM0001", key="ACTIEF_IN", type="ACTIEF_IN")
    return graph


def test_large_selection_is_reduced_like_the_netwerk_page_and_says_so() -> None:
    from graph.selection import NODE_CAP

    graph = _crowded(NODE_CAP + 50)
    meta = export_meta(graph, datum=DATE)
    paper = PAPERS["A4"]
    fig = draw_map(graph, meta, paper.size_inches(True), paper, True, focus="organisatie:o349")
    texts = " ".join(t.get_text() for t in fig.texts)
    assert f"Deze selectie telt {NODE_CAP + 51} nodes" in texts
    points = sum(
        len(c.get_offsets()) for c in fig.axes[0].collections if isinstance(c, PathCollection)
    )
    assert points == NODE_CAP
    labels = {t.get_text() for t in fig.axes[0].texts}
    assert "Midden" in labels


def test_gemeentekaart_lines_follow_gewicht_and_nodes_population(
    shipped_graph: nx.MultiDiGraph,
) -> None:
    """As on the interactive Gemeentekaart: a tie as thick as its number of shared connections,
    a municipality as large as its population, and a legend that says so."""
    view, network = selected_view(shipped_graph, Selection(view="gemeenten"))
    meta = export_meta(network, datum=DATE, selectie="Gemeentekaart")
    paper = PAPERS["A4"]
    fig = draw_map(view, meta, paper.size_inches(True), paper, True)
    ax = fig.axes[0]
    at = {tuple(round(v, 3) for v in xy): n for n, xy in geo_layout(view).items()}
    drawn: dict[frozenset[str], float] = {}
    for collection in ax.collections:
        if isinstance(collection, LineCollection):
            widths = collection.get_linewidths()
            for i, segment in enumerate(collection.get_segments()):
                ends = frozenset(at.get(tuple(round(v, 3) for v in xy)) for xy in segment)
                if None not in ends:
                    drawn[ends] = float(widths[i % len(widths)])
    ties = {frozenset((u, v)): int(a["gewicht"]) for u, v, a in view.edges(data=True)}
    assert drawn.keys() == ties.keys()
    by_weight: dict[int, set[float]] = {}
    for pair, weight in ties.items():
        by_weight.setdefault(weight, set()).add(drawn[pair])
    assert len(by_weight) >= 3 and all(len(w) == 1 for w in by_weight.values())
    ordered = [min(by_weight[w]) for w in sorted(by_weight)]
    assert ordered == sorted(ordered) and len(set(ordered)) == len(ordered)

    sizes = {}
    for collection in ax.collections:
        if isinstance(collection, PathCollection):
            for xy, size in zip(collection.get_offsets(), collection.get_sizes(), strict=True):
                sizes[at[tuple(round(float(v), 3) for v in xy)]] = float(size)
    people = {n: municipality(n, a).inwoners or 0 for n, a in view.nodes(data=True)}
    by_people = sorted(view.nodes, key=lambda n: people[n])
    assert [sizes[n] for n in by_people] == sorted(sizes.values())
    assert sizes[by_people[-1]] > 2 * sizes[by_people[0]]

    (legend,) = fig.legends
    entries = {
        t.get_text(): h for t, h in zip(legend.get_texts(), legend.legend_handles, strict=True)
    }
    top = max(by_weight)
    assert entries["1 gedeeld verband"].get_linewidth() == ordered[0]
    assert entries[f"{top} gedeelde verbanden"].get_linewidth() == ordered[-1]
    assert "grootte: inwoners" in entries and "relatie" not in entries
    assert TIE_NOTE in " ".join(t.get_text().replace("\n", " ") for t in fig.texts)
