"""A static, print-ready network map (PNG, SVG, PDF) for memos, councils and slides.

Geographic by default: municipalities at their coordinates and the rest around them
(:func:`views.layout.geo_layout`); kinds in the same colours as the interactive map, node area by
number of relationships, example data with an orange ring and dashed lines. A Gemeentekaart
(:mod:`graph.analysis.municipal_view`) sizes municipalities by population and draws each tie as
thick as its ``gewicht`` (the interactive map's widths), with two sample lines in the legend. In the geographic
layout the municipal boundaries (CBS/PDOK 2015, :mod:`views.basemap`) lie under the network.

The page is filled: on landscape paper the map takes everything left of a column with the
legend, the example-data note and the sources (the base map's included); on portrait paper the
map takes the full width above them. Title, selection and date head the page.

Labels are placed greedily, most important first (municipalities by population, then by number
of relationships): each tries eight spots around its node and is left out when none is free of
labels and nodes; municipalities are always labelled and never over another label, so no two
texts on the page overlap (the tests measure every text box, also in the SVG in Chromium).

Output is deterministic: no timestamps in PDF or SVG, fixed SVG ids, seeded layouts.
"""

from __future__ import annotations

import io
import math
import re
import textwrap
from collections.abc import Mapping
from typing import Any

import matplotlib
import networkx as nx
from matplotlib import patheffects
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg
from matplotlib.collections import LineCollection, PolyCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Circle, Patch
from matplotlib.transforms import Bbox

from graph.analysis.municipal import municipality
from graph.analysis.municipal_view import EXAMPLE_PARTS, has_example_parts, is_municipal_view
from graph.analysis.node_measures import node_measure
from graph.model import (
    KIND_LABELS,
    MUNICIPAL_TIE,
    NodeKind,
    has_derived,
    has_example_data,
    is_derived,
    is_example,
)
from graph.selection import MUNICIPAL_CAP, NODE_CAP, reduce_to_cap
from views.basemap import SCHEMATIC_RADIUS, BaseMap, base_map
from views.exports.meta import PRODUCT, ExportMeta
from views.exports.paper import PAPERS, Paper
from views.layout import Positions, force_layout, geo_layout
from views.pyvis_map import (
    EDGE_COLOUR,
    EXAMPLE_BORDER,
    TIE_NOTE,
    TIE_STATE_STYLES,
    edge_width,
    kind_style,
    tie_state,
)

#: vis-network shapes (colours and shapes shared with the interactive map) as matplotlib markers.
MARKERS = {
    "dot": "o",
    "hexagon": "h",
    "square": "s",
    "diamond": "D",
    "triangle": "^",
    "triangleDown": "v",
    "star": "*",
}
FORMATS = ("png", "svg", "pdf")
#: Page margin and, on landscape pages, where the legend column starts (figure fractions).
MARGIN = 0.025
SIDEBAR = 0.76
#: Base map colours: municipalities in the selection a shade darker than their neighbours.
AREA_FILL = {True: "#EEF1F5", False: "#F8F9FA"}
AREA_EDGE = {True: "#A3ACB9", False: "#D5D9DF"}
OUTLINE_COLOUR = "#6B7280"
#: Points of line width per pixel of the interactive map's width (a Gemeentekaart tie).
TIE_WIDTH = 0.45
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")


def _landscape(paper: Paper, landscape: bool) -> bool:
    return True if paper.name == "dia" else landscape


def _degree(graph: nx.MultiDiGraph) -> dict[str, int]:
    return {n: d for n, d in graph.to_undirected(as_view=True).degree()}


def _sizes(graph: nx.MultiDiGraph) -> tuple[dict[str, float], str]:
    """What node size shows, and its legend text: population on a Gemeentekaart (as on the
    interactive one), else the number of relationships."""
    if is_municipal_view(graph):
        people = node_measure(graph, "inwoners")
        if people is not None and people.values:
            return dict(people.values), "grootte: inwoners"
    return {n: float(d) for n, d in _degree(graph).items()}, "grootte: aantal relaties"


def _areas(graph: nx.MultiDiGraph, values: Mapping[str, float], scale: float) -> dict[str, float]:
    """Marker area (points²) per node: grows with the square root of its value."""
    top = max(values.values(), default=1.0) or 1.0
    return {n: (28 + 260 * math.sqrt(max(0.0, values.get(n, 0.0)) / top)) * scale**2 for n in graph}


def _priority(graph: nx.MultiDiGraph, degree: Mapping[str, int]) -> list[str]:
    """Label order: municipalities by population, then other nodes by relationships, then id."""

    def key(node: str) -> tuple[int, float, str]:
        attrs = graph.nodes[node]
        if attrs.get("kind") == NodeKind.GEMEENTE:
            return (0, -float(municipality(node, attrs).inwoners or 0), node)
        return (1, -float(degree.get(node, 0)), node)

    return sorted(graph.nodes, key=key)


def _spots(offset: float) -> list[tuple[tuple[float, float], str, str]]:
    """Where a label may go around its node: right, left, above, below, then the diagonals."""
    d = offset * 0.75
    return [
        ((offset, 0), "left", "center"),
        ((-offset, 0), "right", "center"),
        ((0, offset), "center", "bottom"),
        ((0, -offset), "center", "top"),
        ((d, d), "left", "bottom"),
        ((-d, d), "right", "bottom"),
        ((d, -d), "left", "top"),
        ((-d, -d), "right", "top"),
    ]


def _renderer(fig: Figure) -> RendererAgg:
    """The renderer of the Agg canvas :func:`draw_map` gives every figure, to measure text."""
    if not isinstance(fig.canvas, FigureCanvasAgg):
        raise TypeError("the map is drawn on an Agg canvas")
    return fig.canvas.get_renderer()


def _place_labels(
    fig: Figure,
    ax: Any,
    graph: nx.MultiDiGraph,
    pos: Positions,
    areas: Mapping[str, float],
    font: float,
) -> int:
    """Greedy labels; returns how many were left out.

    A label may not overlap another label or a node. Municipalities are always labelled: when
    no spot is free they may cover other kinds' nodes, then any node, and only as a last resort
    (which the tests would catch as an overlap) go to the right regardless.
    """
    renderer = _renderer(fig)
    to_pixels = fig.dpi / 72
    markers: dict[str, Bbox] = {}
    for node in graph:
        x, y = ax.transData.transform(pos[node])
        radius = math.sqrt(areas[node]) / 2 * to_pixels
        markers[node] = Bbox.from_extents(x - radius, y - radius, x + radius, y + radius)
    municipal = {n for n, a in graph.nodes(data=True) if a.get("kind") == NodeKind.GEMEENTE}
    labels: list[Bbox] = []
    axes_box = ax.get_window_extent(renderer)
    skipped = 0
    for node in _priority(graph, _degree(graph)):
        attrs = graph.nodes[node]
        important = node in municipal
        strict = [b for n, b in markers.items() if n != node]
        tries = [strict]
        if important:  # may cover other kinds' nodes, then any node, never a label
            tries.append([b for n, b in markers.items() if n != node and n in municipal])
            tries.append([])
        chosen = None
        for obstacles in tries:
            for spot in _spots(math.sqrt(areas[node]) / 2 + font * 0.35):
                label = _label(ax, attrs, node, pos[node], spot, font, important)
                box = label.get_window_extent(renderer)
                inside = axes_box.contains(box.x0, box.y0) and axes_box.contains(box.x1, box.y1)
                if inside and not any(box.overlaps(o) for o in [*labels, *obstacles]):
                    chosen = box
                    break
                label.remove()
            if chosen is not None:
                break
        if chosen is None and important:
            spot = _spots(math.sqrt(areas[node]) / 2 + font * 0.35)[0]
            chosen = _label(ax, attrs, node, pos[node], spot, font, important).get_window_extent(
                renderer
            )
        if chosen is None:
            skipped += 1
        else:
            labels.append(chosen)
    return skipped


def _label(
    ax: Any,
    attrs: Mapping[str, Any],
    node: str,
    xy: tuple[float, float],
    spot: tuple[tuple[float, float], str, str],
    font: float,
    important: bool,
) -> Any:
    (dx, dy), ha, va = spot
    label = ax.annotate(
        _CONTROL.sub(" ", str(attrs.get("naam", node))),
        xy,
        xytext=(dx, dy),
        textcoords="offset points",
        ha=ha,
        va=va,
        fontsize=font if important else font * 0.88,
        color="#111827" if important else "#374151",
        fontweight="bold" if important else "normal",
        zorder=5,
    )
    label.set_path_effects([patheffects.withStroke(linewidth=2.4, foreground="white")])
    return label


#: Line style of derived links (activity raakt thema, the project's own reading).
DERIVED_LINE = (0, (1, 2))


def _edge_style(attrs: Mapping[str, Any]) -> str:
    """Example data first (it is never a survey result; a Gemeentekaart tie that rests on
    some, as the interactive map dashes it), then derived links, else plain."""
    if is_example(attrs) or attrs.get(EXAMPLE_PARTS):
        return "example"
    state = tie_state([("", "", attrs)])
    if state is not None:
        return str(state)
    return "derived" if is_derived(attrs) else "plain"


def _state_line(dashes: tuple[int, ...]) -> Any:
    return (0, tuple(d / 2 for d in dashes)) if dashes else "solid"


def _line_width(attrs: Mapping[str, Any], scale: float) -> float:
    """A Gemeentekaart tie as thick as on the interactive map (by its ``gewicht``); every other
    relationship thin."""
    if attrs.get("type") == MUNICIPAL_TIE:
        return TIE_WIDTH * edge_width(attrs) * scale
    return 0.5 * scale


def _draw_network(
    ax: Any, graph: nx.MultiDiGraph, pos: Positions, areas: Mapping[str, float], scale: float
) -> None:
    """Relationships as three line collections (example data dashed orange, derived links
    dotted; each line as wide as :func:`_line_width`), nodes as one scatter per kind and
    provenance: a few artists, however large the selection."""
    styles = {
        "plain": (EDGE_COLOUR, "solid", 0.6),
        "example": (EXAMPLE_BORDER, (0, (3, 2)), 0.4),
        "derived": (EDGE_COLOUR, DERIVED_LINE, 0.6),
        **{
            str(state): (look.colour, _state_line(look.dashes), 0.9)
            for state, look in TIE_STATE_STYLES.items()
        },
    }
    for style, (colour, line, alpha) in styles.items():
        drawn = [
            ((pos[u], pos[v]), _line_width(attrs, scale))
            for u, v, attrs in graph.edges(data=True)
            if u != v and _edge_style(attrs) == style
        ]
        if drawn:
            ax.add_collection(
                LineCollection(
                    [segment for segment, _ in drawn],
                    colors=colour,
                    linewidths=[width for _, width in drawn],
                    linestyles=line,
                    alpha=alpha,
                    zorder=1,
                )
            )
    groups: dict[tuple[bool, str, bool], list[str]] = {}
    for node, attrs in graph.nodes(data=True):
        municipal = attrs.get("kind") == NodeKind.GEMEENTE
        groups.setdefault((municipal, str(attrs.get("kind", "")), is_example(attrs)), []).append(
            node
        )
    for (municipal, kind, example), nodes in sorted(groups.items()):
        colour, shape, _ = kind_style(kind)
        ax.scatter(
            [pos[n][0] for n in nodes],
            [pos[n][1] for n in nodes],
            s=[areas[n] for n in nodes],
            marker=MARKERS.get(shape, "o"),
            c=colour,
            edgecolors=EXAMPLE_BORDER if example else "white",
            linewidths=(1.6 if example else 0.8) * scale,
            zorder=3 if municipal else 2,
        )


def _draw_base_map(ax: Any, base: BaseMap, scale: float) -> None:
    """Municipal boundaries and the province outline under the network (zorder 0)."""
    for selected in (False, True):
        rings = [ring for area in base.areas if area.selected == selected for ring in area.rings]
        if rings:
            ax.add_collection(
                PolyCollection(
                    rings,
                    facecolors=AREA_FILL[selected],
                    edgecolors=AREA_EDGE[selected],
                    linewidths=0.5 * scale,
                    zorder=0,
                )
            )
    if base.outline:
        ax.add_collection(
            LineCollection(base.outline, colors=OUTLINE_COLOUR, linewidths=1.1 * scale, zorder=0.5)
        )
    for _, x, y in base.schematic:
        ax.add_patch(
            Circle(
                (x, y),
                SCHEMATIC_RADIUS,
                fill=False,
                linestyle=(0, (2, 2)),
                edgecolor=AREA_EDGE[True],
                linewidth=0.8 * scale,
                zorder=0.5,
            )
        )


def _relation_handles(graph: nx.MultiDiGraph, scale: float) -> list[Any]:
    """How a line reads: one plain line, or on a Gemeentekaart the thinnest and thickest tie
    with their number of shared connections (drawn at the map's own widths)."""
    weights = sorted(
        {
            int(a.get("gewicht", 1))
            for *_, a in graph.edges(data=True)
            if a.get("type") == MUNICIPAL_TIE
        }
    )
    if not weights:
        return [Line2D([], [], color=EDGE_COLOUR, linewidth=1.2, label="relatie")]

    def sample(weight: int) -> Line2D:
        label = "1 gedeeld verband" if weight == 1 else f"{weight} gedeelde verbanden"
        width = _line_width({"type": MUNICIPAL_TIE, "gewicht": weight}, scale)
        return Line2D([], [], color=EDGE_COLOUR, linewidth=width, label=label)

    return [sample(w) for w in sorted({weights[0], weights[-1]})]


def _handles(
    graph: nx.MultiDiGraph, base: BaseMap | None, font: float, size_label: str
) -> list[Any]:
    """Legend entries: the kinds present, relationships, example data, size and the base map."""
    present = {str(a.get("kind", "")) for _, a in graph.nodes(data=True)}
    handles: list[Any] = []
    for kind in NodeKind:
        if kind.value in present:
            colour, shape, _ = kind_style(kind.value)
            handles.append(
                Line2D(
                    [],
                    [],
                    linestyle="none",
                    marker=MARKERS.get(shape, "o"),
                    markersize=font * 1.1,
                    markerfacecolor=colour,
                    markeredgecolor="white",
                    label=KIND_LABELS[kind][1],
                )
            )
    handles.extend(_relation_handles(graph, font / 7.0))
    if has_example_data(graph) or has_example_parts(graph):
        handles.append(
            Line2D(
                [],
                [],
                color=EXAMPLE_BORDER,
                linestyle=(0, (3, 2)),
                marker="o",
                markerfacecolor="white",
                markeredgecolor=EXAMPLE_BORDER,
                label="voorbeelddata (oranje)",
            )
        )
    states = {_edge_style(attrs) for u, v, attrs in graph.edges(data=True) if u != v}
    for state, look in TIE_STATE_STYLES.items():
        if str(state) in states:
            handles.append(
                Line2D(
                    [],
                    [],
                    color=look.colour,
                    linestyle=_state_line(look.dashes),
                    linewidth=1.2,
                    label=look.label,
                )
            )
    if has_derived(graph):
        handles.append(
            Line2D(
                [],
                [],
                color=EDGE_COLOUR,
                linestyle=DERIVED_LINE,
                linewidth=1.2,
                label="afgeleide koppeling (eigen lezing)",
            )
        )
    handles.append(
        Line2D(
            [],
            [],
            linestyle="none",
            marker="o",
            markersize=font * 0.6,
            color="#9CA3AF",
            label=size_label,
        )
    )
    if base is not None:
        handles.append(
            Patch(
                facecolor=AREA_FILL[True],
                edgecolor=AREA_EDGE[True],
                label="gemeentegrens (CBS 2015)",
            )
        )
        if base.outline:
            handles.append(
                Line2D([], [], color=OUTLINE_COLOUR, linewidth=1.6, label="provinciegrens")
            )
        if base.schematic:
            handles.append(
                Line2D(
                    [],
                    [],
                    linestyle="none",
                    marker="o",
                    markersize=font * 1.2,
                    markerfacecolor="none",
                    markeredgecolor=AREA_EDGE[True],
                    label="gemeente zonder grens (schematisch)",
                )
            )
    return handles


def _fit(ax: Any, pos: Positions, fig: Figure, base: BaseMap | None) -> None:
    """Axis limits around all nodes (and the drawn municipalities' boundaries) with the axes'
    own aspect ratio, so the map is not distorted and fills its box; y grows downwards as in
    the layout."""
    xs = [x for x, _ in pos.values()]
    ys = [y for _, y in pos.values()]
    extent = base.extent() if base is not None else None
    if extent is not None:
        xs += [extent[0], extent[2]]
        ys += [extent[1], extent[3]]
    span_x = max(max(xs) - min(xs), 1.0) * 1.06 + 40
    span_y = max(max(ys) - min(ys), 1.0) * 1.06 + 40
    box = ax.get_position()
    fig_w, fig_h = fig.get_size_inches()
    ratio = (box.width * fig_w) / (box.height * fig_h)
    if span_x / span_y < ratio:
        span_x = span_y * ratio
    else:
        span_y = span_x / ratio
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    ax.set_xlim(cx - span_x / 2, cx + span_x / 2)
    ax.set_ylim(cy + span_y / 2, cy - span_y / 2)


def _wrap(text: str, width_inches: float, font: float) -> str:
    chars = max(30, int(width_inches * 72 / (font * 0.55)))
    return "\n".join(textwrap.wrap(text, chars))


def _notes(meta: ExportMeta, base: BaseMap | None, municipal: bool) -> list[str]:
    """The source lines printed with the legend, most important first (on a Gemeentekaart,
    what its lines mean comes first)."""
    lines = [TIE_NOTE] if municipal else []
    lines.append(f"Bronnen: {meta.bronnen_tekst(limit=4)}")
    if base is not None:
        lines.append(base.caption)
    lines.append(f"Gegevens per soort bron: {meta.bron_types_kort()}")
    lines.append(f"{PRODUCT}, {meta.datum_tekst}")
    return lines


def _header(fig: Figure, meta: ExportMeta, notice: str | None, font: float) -> float:
    """Title, the selection and date, and a reduction notice; returns the bottom (fig coords)."""
    width, height = fig.get_size_inches()
    line = font / 72 / height  # one font-size in figure coordinates
    fig.text(
        MARGIN,
        1 - 1.2 * line,
        meta.titel,
        fontsize=font * 2.2,
        fontweight="bold",
        va="top",
        ha="left",
        color="#111827",
    )
    fig.text(
        MARGIN,
        1 - 4.0 * line,
        f"{meta.selectie} · {meta.datum_tekst}",
        fontsize=font * 1.15,
        va="top",
        ha="left",
        color="#374151",
    )
    bottom = 1 - 6.0 * line
    if notice:
        wrapped = _wrap(notice, width * (1 - 2 * MARGIN), font * 0.95)
        fig.text(
            MARGIN, bottom + 0.4 * line, wrapped, fontsize=font * 0.95, va="top", color="#7C2D12"
        )
        bottom -= (wrapped.count("\n") + 1) * 1.4 * line
    return bottom


def _text_block(
    fig: Figure,
    x: float,
    top: float,
    width: float,
    meta: ExportMeta,
    base: BaseMap | None,
    font: float,
    municipal: bool = False,
) -> tuple[float, list[Any]]:
    """The example-data note and the sources from ``top`` down; returns the bottom and texts."""
    renderer = _renderer(fig)
    width_inches = width * fig.get_size_inches()[0]
    gap = font * 0.6 / 72 / fig.get_size_inches()[1]
    y = top
    texts = []
    if meta.example_note:
        note = fig.text(
            x + 0.004,
            y - gap,
            _wrap(meta.example_note, width_inches * 0.95, font),
            fontsize=font,
            va="top",
            ha="left",
            color="#7C2D12",
            bbox={"boxstyle": "round,pad=0.4", "facecolor": "#FFF7ED", "edgecolor": EXAMPLE_BORDER},
        )
        y = fig.transFigure.inverted().transform(note.get_window_extent(renderer))[0][1] - gap
        texts.append(note)
    for text in _notes(meta, base, municipal):
        item = fig.text(
            x,
            y - gap * 0.6,
            _wrap(text, width_inches, font * 0.85),
            fontsize=font * 0.85,
            va="top",
            ha="left",
            color="#4B5563",
        )
        y = fig.transFigure.inverted().transform(item.get_window_extent(renderer))[0][1]
        texts.append(item)
    return y, texts


def draw_map(
    graph: nx.MultiDiGraph,
    meta: ExportMeta,
    size_inches: tuple[float, float],
    paper: Paper,
    landscape: bool,
    indeling: str = "geo",
    focus: str | None = None,
) -> Figure:
    """The whole page as a matplotlib figure (not yet saved).

    Landscape: the map fills the page left of a column with the legend and sources; portrait:
    the map fills the page above the legend and sources. In the geographic layout the municipal
    boundaries lie under the network (:mod:`views.basemap`). A selection larger than the Netwerk
    page draws is reduced the same way (:func:`graph.selection.reduce_to_cap`, the focus kept)
    and the map says so.
    """
    municipal = is_municipal_view(graph)
    values, size_label = _sizes(graph)
    reduced = (  # as the Netwerk page reduces: a Gemeentekaart by population
        reduce_to_cap(graph, values, keep=[focus], cap=MUNICIPAL_CAP, score_label="inwoners")
        if municipal
        else reduce_to_cap(graph, keep=[focus], cap=NODE_CAP)
    )
    shown = reduced.graph
    width, height = size_inches
    font = paper.font_pt
    scale = font / 7.0
    fig = Figure(figsize=(width, height), dpi=paper.dpi, facecolor="white")
    FigureCanvasAgg(fig)
    renderer = _renderer(fig)
    top = _header(fig, meta, reduced.notice, font)
    pos: Positions = {}
    if shown.number_of_nodes():
        pos = geo_layout(shown) if indeling == "geo" else force_layout(shown)
    base = base_map(shown, pos) if indeling == "geo" and pos else None
    handles = _handles(shown, base, font, size_label) if pos else []
    legend_style = {
        "frameon": False,
        "fontsize": font,
        "title": "Legenda",
        "title_fontsize": font * 1.1,
        "alignment": "left",
    }
    if landscape:
        column = SIDEBAR
        if handles:
            legend = fig.legend(
                handles=handles, loc="upper left", bbox_to_anchor=(column, top), **legend_style
            )
            below = fig.transFigure.inverted().transform(legend.get_window_extent(renderer))[0][1]
        else:
            below = top
        _text_block(
            fig, column + 0.008, below, 1 - MARGIN - column - 0.008, meta, base, font, municipal
        )
        box = (MARGIN, MARGIN, column - 2 * MARGIN, top - MARGIN)
    else:
        # Sources and notes from the bottom up, the legend above them, the map above that.
        # Laid out from the top of the page, then moved down onto the bottom margin.
        end, texts = _text_block(fig, MARGIN, 1.0, 1 - 2 * MARGIN, meta, base, font, municipal)
        for text in texts:
            text.set_y(text.get_position()[1] + MARGIN - end)
        bottom = MARGIN + 1.0 - end
        if handles:
            legend = fig.legend(
                handles=handles,
                loc="lower left",
                bbox_to_anchor=(MARGIN, bottom),
                ncol=3,
                **legend_style,
            )
            bottom = fig.transFigure.inverted().transform(legend.get_window_extent(renderer))[1][1]
        box = (MARGIN, bottom + 0.005, 1 - 2 * MARGIN, top - bottom - 0.005)
    ax = fig.add_axes(box)
    ax.set_axis_off()
    if pos:
        areas = _areas(shown, values, scale)
        if base is not None:
            _draw_base_map(ax, base, scale)
        _draw_network(ax, shown, pos, areas, scale)
        _fit(ax, pos, fig, base)
        _place_labels(fig, ax, shown, pos, areas, font)
    else:
        ax.text(0.5, 0.5, "Deze selectie is leeg.", ha="center", va="center", fontsize=font * 2)
    return fig


def to_static_map(
    graph: nx.MultiDiGraph,
    meta: ExportMeta,
    fmt: str = "png",
    papier: str = "A4",
    liggend: bool = False,
    indeling: str = "geo",
    focus: str | None = None,
) -> bytes:
    """The map as PNG, SVG or PDF bytes on the given paper (``A4``, ``A3`` or ``dia``)."""
    if fmt not in FORMATS:
        raise ValueError(f"onbekend kaartformaat {fmt!r}; kies uit {', '.join(FORMATS)}")
    if papier not in PAPERS:
        raise ValueError(f"onbekend papierformaat {papier!r}; kies uit {', '.join(PAPERS)}")
    paper = PAPERS[papier]
    landscape = _landscape(paper, liggend)
    size = paper.size_inches(landscape)
    if fmt == "png":  # exactly the promised pixels (matplotlib truncates width x dpi)
        width_px, height_px = paper.pixels(landscape)
        size = ((width_px + 0.5) / paper.dpi, (height_px + 0.5) / paper.dpi)
    fig = draw_map(graph, meta, size, paper, landscape, indeling, focus)
    metadata: dict[str, Any] = {"Title": meta.titel}
    if fmt == "pdf":
        metadata.update(Creator=PRODUCT, Producer=PRODUCT, CreationDate=None, ModDate=None)
    elif fmt == "svg":
        metadata.update(Creator=PRODUCT, Date=None)
    else:
        metadata.update(Software=PRODUCT)
    buffer = io.BytesIO()
    with matplotlib.rc_context({"svg.hashsalt": "netwerkkaart", "svg.fonttype": "path"}):
        fig.savefig(buffer, format=fmt, dpi=paper.dpi, metadata=metadata)
    return buffer.getvalue()
