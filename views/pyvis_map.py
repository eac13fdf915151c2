"""The interactive network map: a pyvis network rendered in memory into one offline HTML page.

The page carries vis-network's JavaScript and CSS inline and links nothing on the internet, so it
works in the app, as a downloaded file and on a machine without a network. Positions come from
:mod:`views.layout` and physics is off, so the picture stands still and settles at once.

Safety: node labels are drawn on a canvas and tooltips are plain strings, which vis-network 9.1.2
(bundled with pyvis 0.3.2) shows with ``innerText``; the details panel is built with
``textContent``; data reach the page as JSON with ``<``, ``>``, ``&`` and U+2028/2029 escaped
(:func:`script_json`), so a name like ``</script><script>alert(1)</script>`` stays text.

Example data (bron_type voorbeeld or synthetisch) is drawn with a dashed border or line and is
called "(voorbeeld)" in tooltips and details; derived links (bron_type afgeleid) are finely dotted
and called "(afgeleid)".

Readability: labels are wrapped at spaces and measured (DejaVu Sans, the first font the page
asks for), and :func:`views.layout.declutter` moves nodes until no shape or label box overlaps
another, municipalities moving least and, on a geographic layout, never out of their own
boundary on the base map. Label sizes follow a priority (municipalities largest,
then regions and provinces, partners, vocabulary), and vis-network leaves out a label smaller
than :data:`DRAW_THRESHOLD` pixels on screen: zoomed out, the lower-priority labels give way
first, zooming in brings them back.
"""

from __future__ import annotations

import importlib.util
import json
import math
import re
import weakref
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import jinja2
import networkx as nx
import pyvis
from markupsafe import Markup
from PIL import ImageFont
from pyvis.network import Network

from graph.analysis.municipal_view import (
    EXAMPLE_PARTS,
    count_key,
    has_example_parts,
    is_municipal_view,
)
from graph.analysis.tie_status import STATUS, STATUS_SOURCE
from graph.assemble import raw_adjacency
from graph.model import (
    KIND_LABELS,
    MUNICIPAL_TIE,
    ORGANISATION_KINDS,
    PROVENANCE_KEYS,
    SYMMETRIC_RELS,
    TIE_STATUS_LABELS,
    NodeKind,
    TieStatus,
    bron_label,
    has_derived,
    is_derived,
    is_example,
    kind_label,
    rel_label,
)
from graph.selection import VOCABULARY_VIEW_KINDS
from views.basemap import BaseMap, base_map
from views.layout import Box, Positions, declutter, spread_factor
from views.map_template import TEMPLATE

VIS_DIR = Path(pyvis.__file__).resolve().parent / "templates" / "lib" / "vis-9.1.2"

#: Colour, vis shape and legend symbol per kind (Okabe–Ito based; shapes tell kinds apart too).
KIND_STYLE: dict[NodeKind, tuple[str, str, str]] = {
    NodeKind.GEMEENTE: ("#0072B2", "dot", "●"),
    NodeKind.PROVINCIE: ("#4B5563", "hexagon", "⬢"),
    NodeKind.REGIO: ("#6A3D9A", "square", "■"),
    NodeKind.ONDERNEMERSNETWERK: ("#E69F00", "diamond", "◆"),
    NodeKind.VRIJWILLIGERSCENTRALE: ("#009E73", "triangle", "▲"),
    NodeKind.ORGANISATIE: ("#56B4E9", "triangleDown", "▼"),
    NodeKind.BELEIDSTERREIN: ("#8C564B", "square", "■"),
    NodeKind.ACTIVITEIT: ("#D55E00", "star", "★"),
    NodeKind.THEMA: ("#CC79A7", "dot", "●"),
    NodeKind.WERKVORM: ("#9C9E1F", "diamond", "◆"),
    NodeKind.STRUIKELBLOK: ("#A61C3C", "triangleDown", "▼"),
    NodeKind.ENQUETE: ("#1F2937", "hexagon", "⬢"),
}
_FALLBACK_STYLE = ("#7B8794", "dot", "●")
EXAMPLE_BORDER = "#B45309"
OVERLAY_COLOUR = "#E11D48"
EDGE_COLOUR = "#9AA5B1"
BASE_SIZE = 14.0
MIN_SIZE, MAX_SIZE = 8.0, 42.0
#: Label sizes (canvas units) by priority: municipalities, regions and provinces, partners,
#: vocabulary; a small graph is drawn zoomed out, so its labels are larger.
SMALL_GRAPH = 120
LABEL_SIZES = {True: (20, 16, 13, 12), False: (14, 12, 10, 9)}  # small graph -> sizes
_PRIORITY = {
    NodeKind.GEMEENTE.value: 0,
    NodeKind.REGIO.value: 1,
    NodeKind.PROVINCIE.value: 1,
    **{kind: 3 for kind in VOCABULARY_VIEW_KINDS},
}
#: How much a node resists being moved to make room (municipalities keep their place).
_WEIGHTS = (12.0, 3.0, 1.0, 1.0)
#: Canvas font; its first face is the one labels are measured in.
FONT_FACE = "DejaVu Sans, system-ui, sans-serif"
#: Labels longer than this many times their font size wrap at spaces.
WRAP_EMS = 10.0
#: Labels smaller than this on screen (pixels) are not drawn (vis-network's drawThreshold).
DRAW_THRESHOLD = 6
DIM_COLOUR = "#D5DBE1"
MARK_BORDER = "#111827"
#: Relationships listed per node in the details panel (the count says how many there are).
DETAIL_RELATIONS = 25
#: Items of a list-valued fact and parts of an aggregated tie shown before "... en N meer".
DETAIL_ITEMS = 15
TIE_PARTS = 8
_HIDDEN_FACTS = {"kind", "naam", *PROVENANCE_KEYS}
_NIVEAU_WIDTH = {"structureel": 3.5, "incidenteel": 2.0}
#: A derived link (activity raakt thema, the project's own reading): finely dotted, and named so.
DERIVED_DASHES = [2, 6]
DERIVED_MARK = " (afgeleid)"
#: What a Gemeentekaart's line means, in every map's legend notes.
TIE_NOTE = (
    "Gemeentekaart: een lijn bundelt wat twee gemeenten delen (grens, regio, "
    "partnerorganisatie, aanhaken, leren); hoe dikker, hoe meer."
)


@dataclass(frozen=True)
class OverlayStyle:
    """How one kind of overlay line is drawn, and its legend entry (symbol and meaning)."""

    colour: str
    dashes: tuple[int, ...]
    symbol: str
    label: str


#: Overlay lines by meaning: a suggestion (aanhaken), and a tie that a later survey round added,
#: lost or gave another level (Vergelijken). Colour and dash pattern both differ, so the
#: lines stay apart without colour vision too.
OVERLAY_STYLES: dict[str, OverlayStyle] = {
    "voorstel": OverlayStyle(
        OVERLAY_COLOUR, (8, 6), "┅", "voorgestelde verbinding (zie tooltip voor de redenen)"
    ),
    "nieuw": OverlayStyle("#15803D", (), "━", "nieuwe band (in de latere ronde genoemd)"),
    "vervallen": OverlayStyle(
        "#B91C1C", (8, 6), "┅", "vervallen band (in de latere ronde niet meer genoemd)"
    ),
    "gewijzigd": OverlayStyle("#1D4ED8", (2, 4), "┉", "band met een ander niveau"),
}


#: A tie between municipalities by whether the other side says it too (graph.analysis.tie_status):
#: confirmed solid, one-sided dashed, denied red and dash-dotted (apart without colour vision too).
TIE_STATE_STYLES: dict[TieStatus, OverlayStyle] = {
    TieStatus.BEVESTIGD: OverlayStyle(
        "#0F766E", (), "━", f"band {TIE_STATUS_LABELS[TieStatus.BEVESTIGD]}"
    ),
    TieStatus.EENZIJDIG: OverlayStyle(
        "#B45309", (10, 6), "╍", f"band {TIE_STATUS_LABELS[TieStatus.EENZIJDIG]}"
    ),
    TieStatus.BETWIST: OverlayStyle(
        "#B91C1C", (12, 4, 2, 4), "━·", f"band {TIE_STATUS_LABELS[TieStatus.BETWIST]}"
    ),
}
#: Which state a line shows when its ties differ: a doubt outweighs a confirmation.
_STATE_ORDER = (TieStatus.BETWIST, TieStatus.EENZIJDIG, TieStatus.BEVESTIGD)


def tie_state(facts: Sequence[tuple[str, str, Mapping[str, Any]]]) -> TieStatus | None:
    """The state a line of ``facts`` is drawn in: the most doubtful state of its real checked
    ties (an example tie's state proves nothing and keeps the example style), or None."""
    states = {
        str(attrs[STATUS])
        for *_, attrs in facts
        if STATUS_SOURCE in attrs and STATUS in attrs and not is_example(attrs)
    }
    return next((state for state in _STATE_ORDER if state in states), None)


@dataclass(frozen=True)
class OverlayEdge:
    """An extra line drawn on top of the network, e.g. a suggested aanhaken pair; ``style``
    is a key of :data:`OVERLAY_STYLES`."""

    source: str
    target: str
    text: str
    style: str = "voorstel"


def script_json(value: Any) -> str:
    """JSON that is safe inside an HTML ``<script>`` element.

    >>> script_json({"naam": "</script><!--\\u2028"})
    '{"naam": "\\\\u003c/script\\\\u003e\\\\u003c!--\\\\u2028"}'
    """
    return script_text(json.dumps(value, ensure_ascii=False))


def script_text(text: str) -> str:
    """Escape the characters that could end a script element or a JS line in JSON text."""
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


@cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.DictLoader({"network.html": TEMPLATE}), autoescape=True)
    env.filters["script_json"] = lambda v: Markup(script_json(v))
    env.filters["script_text"] = lambda v: Markup(script_text(v))
    env.globals["vis_js"] = Markup((VIS_DIR / "vis-network.min.js").read_text("utf-8"))
    env.globals["vis_css"] = Markup((VIS_DIR / "vis-network.css").read_text("utf-8"))
    return env


@cache
def _font(size: int) -> ImageFont.FreeTypeFont:
    """DejaVu Sans as matplotlib ships it, so measuring needs no font installed on the system.

    Pillow's basic layout, not libraqm: whether raqm is installed differs between machines (the
    layout would too), and raqm refuses some text (a name with U+2029 raised an error)."""
    spec = importlib.util.find_spec("matplotlib")
    assert spec is not None and spec.origin is not None
    path = Path(spec.origin).parent / "mpl-data" / "fonts" / "ttf" / "DejaVuSans.ttf"
    return ImageFont.truetype(str(path), size, layout_engine=ImageFont.Layout.BASIC)


#: Characters the text shaper refuses (it fails on line and paragraph separators, controls).
_UNSHAPEABLE = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029]")


@lru_cache(maxsize=8192)
def _width(text: str, size: int) -> float:
    """Drawn width of ``text``: its widest line, with characters the shaper refuses measured as
    spaces. Labels are measured word by word, twice per map, so cached."""
    return max(
        float(_font(size).getlength(_UNSHAPEABLE.sub(" ", line))) for line in text.split("\n")
    )


def wrapped(label: str, size: int) -> str:
    """``label`` broken at spaces into lines of at most :data:`WRAP_EMS` font sizes wide.

    >>> wrapped("Ondernemersvereniging Haaksbergen (voorbeeld)", 13)
    'Ondernemersvereniging\\nHaaksbergen\\n(voorbeeld)'
    """
    limit = WRAP_EMS * size
    lines: list[str] = []
    for word in label.split(" "):
        if lines and _width(f"{lines[-1]} {word}", size) <= limit:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return "\n".join(lines)


def node_box(size: float, label: str, font_size: int) -> Box:
    """What vis-network's getBoundingBox covers around a node: the shape, and the label under
    it (as wide as its widest line, one font size high per line)."""
    lines = label.split("\n")
    half = max(size, max(_width(line, font_size) for line in lines) / 2)
    return (-half, -size, half, size + font_size * len(lines))


def kind_style(kind: str) -> tuple[str, str, str]:
    try:
        return KIND_STYLE[NodeKind(kind)]
    except ValueError:
        return _FALLBACK_STYLE


def fact_text(value: Any, key: str = "") -> str:
    """A property value as people read it: lists joined, booleans ja/nee, Dutch number format.

    >>> fact_text(74355), fact_text(52.347), fact_text(2024, "inwoners_recent_jaar")
    ('74.355', '52,347', '2024')
    """
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, float):
        return f"{value:,.3f}".rstrip("0").rstrip(".").replace(",", " ").replace(".", ",")
    if isinstance(value, int):
        return str(value) if key.endswith("jaar") else f"{value:,}".replace(",", ".")
    if isinstance(value, list | tuple):
        return "; ".join(fact_text(v) for v in value)
    return str(value)


def provenance_text(attrs: Mapping[str, Any]) -> str:
    """ "<bron> — <soort bron>, <jaar>" for tooltips and the details panel."""
    kind = bron_label(str(attrs.get("bron_type", ""))) or "onbekend"
    year = f", {attrs['jaar']}" if attrs.get("jaar") is not None else ""
    return f"{attrs.get('bron', 'onbekende bron')} — {kind}{year}"


def _sizes(values: Mapping[str, float] | None, nodes: Sequence[str]) -> dict[str, float]:
    """Node size by the square root of its value (area follows the value)."""
    if not values:
        return {n: BASE_SIZE for n in nodes}
    top = max((float(values.get(n) or 0.0) for n in nodes), default=0.0)
    if top <= 0:
        return {n: BASE_SIZE for n in nodes}
    return {
        n: MIN_SIZE + (MAX_SIZE - MIN_SIZE) * math.sqrt(max(0.0, float(values.get(n) or 0.0)) / top)
        for n in nodes
    }


def _shade(fraction: float) -> str:
    """Light to dark blue for colouring by a measure (0 = lowest, 1 = highest)."""
    low, high = (0xDE, 0xEB, 0xF7), (0x08, 0x30, 0x6B)
    mix = [
        round(a + (b - a) * min(1.0, max(0.0, fraction))) for a, b in zip(low, high, strict=True)
    ]
    return "#{:02x}{:02x}{:02x}".format(*mix)


def _relation_lines(graph: nx.MultiDiGraph, node: str) -> list[tuple[str, bool]]:
    lines = []
    for u, v, attrs in [*graph.out_edges(node, data=True), *graph.in_edges(node, data=True)]:
        other = v if u == node else u
        name = graph.nodes[other].get("naam", other)
        rel = rel_label(attrs.get("type", ""))
        niveau = f" ({attrs['niveau']})" if attrs.get("niveau") else ""
        text = f"{rel}{niveau} {name}" if u == node else f"{name} {rel}{niveau} deze node"
        lines.append((text + (DERIVED_MARK if is_derived(attrs) else ""), is_example(attrs)))
    return sorted(lines)


Fact = tuple[str, str, str]
#: Per whole graph: node -> (relationship label, vocabulary node, its name), built once.
_VOCABULARY_FACTS: weakref.WeakKeyDictionary[nx.MultiDiGraph, dict[str, list[Fact]]] = (
    weakref.WeakKeyDictionary()
)


def _vocabulary_facts(context: nx.MultiDiGraph) -> dict[str, list[Fact]]:
    """Every relationship with a vocabulary node, filed under the other end, once per graph
    (graphs are read-only once loaded; the app keeps one per store version): the 300 nodes
    of a national map are its hubs, with thousands of relationships each, and every filter
    change draws them again."""
    found = _VOCABULARY_FACTS.get(context)
    if found is not None:
        return found
    found = {}
    attributes, succ, pred = raw_adjacency(context)
    for vocab, vocab_attrs in attributes.items():
        if vocab_attrs.get("kind") not in VOCABULARY_VIEW_KINDS:
            continue
        name = str(vocab_attrs.get("naam", vocab))
        for door, adjacent in ((False, pred[vocab]), (True, succ[vocab])):
            for other, keyed in adjacent.items():
                if door and other == vocab:
                    continue  # a loop is listed once, as its own node's outgoing relationship
                for attrs in keyed.values():
                    rel = rel_label(str(attrs.get("type", "")))
                    mark = " (voorbeeld)" if is_example(attrs) else ""
                    label = f"{rel} (door)" if door else rel
                    found.setdefault(other, []).append((label, vocab, f"{name}{mark}"))
    _VOCABULARY_FACTS[context] = found
    return found


def _hidden_facts(context: nx.MultiDiGraph, drawn: nx.MultiDiGraph, node: str) -> list[list[str]]:
    """Vocabulary the map leaves out (themes, activities, ...), as facts of ``node``: e.g.
    ``["organiseert", "Beursvloer; NL Doet"]``, read from the whole graph ``context``."""
    grouped: dict[str, list[str]] = {}
    for label, vocab, name in _vocabulary_facts(context).get(node, ()):
        if vocab not in drawn:
            grouped.setdefault(label, []).append(name)
    return [[label, "; ".join(sorted(set(names)))] for label, names in sorted(grouped.items())]


def _shortened(value: Any) -> Any:
    """A long list cut to :data:`DETAIL_ITEMS` items and a count of the rest (the page stays
    small at national size; the exports keep the whole list)."""
    if isinstance(value, list | tuple) and len(value) > DETAIL_ITEMS:
        return [*value[:DETAIL_ITEMS], f"… en {len(value) - DETAIL_ITEMS} meer"]
    return value


def _details(
    graph: nx.MultiDiGraph,
    node: str,
    attrs: Mapping[str, Any],
    context: nx.MultiDiGraph | None,
) -> dict[str, Any]:
    relations = _relation_lines(graph, node)
    facts = [
        [key.replace("_", " "), fact_text(_shortened(value), key)]
        for key, value in attrs.items()
        if key not in _HIDDEN_FACTS
    ]
    return {
        "naam": str(attrs.get("naam", node)),
        "soort": kind_label(str(attrs.get("kind", ""))),
        "voorbeeld": is_example(attrs),
        "feiten": facts + (_hidden_facts(context, graph, node) if context is not None else []),
        "bron": provenance_text(attrs),
        "relaties": [list(r) for r in relations[:DETAIL_RELATIONS]],
        "aantal_relaties": len(relations),
    }


def _counts_line(attrs: Mapping[str, Any]) -> list[str]:
    """The Gemeentekaart's breakdown of a municipality (graph.analysis.municipal_view) for its tooltip."""
    if "aantal_partners" not in attrs:
        return []
    kinds = ", ".join(
        f"{attrs.get(count_key(kind), 0)} {kind_label(kind, plural=True).lower()}"
        for kind in ORGANISATION_KINDS
    )
    lines = [f"Partners: {attrs['aantal_partners']} ({kinds})"]
    if attrs.get("partners_voorbeeld"):
        lines[-1] += f", waarvan {attrs['partners_voorbeeld']} voorbeeld"
    activities = "; ".join(attrs.get("activiteiten", []) or [])
    lines.append(f"Activiteiten: {attrs.get('aantal_activiteiten', 0)}")
    if activities:
        lines[-1] += f" ({activities})"
    return lines


def _tooltip(attrs: Mapping[str, Any], node: str, value_line: str | None) -> str:
    lines = [str(attrs.get("naam", node)), kind_label(str(attrs.get("kind", "")))]
    if is_example(attrs):
        lines.append("(voorbeeld) illustratief, geen enquêteresultaat")
    if value_line:
        lines.append(value_line)
    lines.extend(_counts_line(attrs))
    lines.append(f"Bron: {provenance_text(attrs)}")
    return "\n".join(lines)


def _grouped_edges(graph: nx.MultiDiGraph) -> dict[tuple[str, str], list[tuple[str, str, dict]]]:
    """Relationships per unordered pair: one drawn line per pair, all facts in its tooltip."""
    pairs: dict[tuple[str, str], list[tuple[str, str, dict]]] = {}
    for u, v, attrs in graph.edges(data=True):
        if u == v:
            continue
        pairs.setdefault((u, v) if u <= v else (v, u), []).append((u, v, attrs))
    return pairs


def _edge_options(graph: nx.MultiDiGraph, facts: list[tuple[str, str, dict]]) -> dict[str, Any]:
    first_u, first_v, _ = facts[0]
    directions = {
        (u, v)
        for u, v, attrs in facts
        if attrs.get("type") not in {*map(str, SYMMETRIC_RELS), MUNICIPAL_TIE}
    }
    arrows = ",".join(
        end
        for end, pair in (("to", (first_u, first_v)), ("from", (first_v, first_u)))
        if pair in directions
    )
    example_only = all(is_example(attrs) or attrs.get(EXAMPLE_PARTS) for *_, attrs in facts)
    derived = all(is_derived(attrs) for *_, attrs in facts)
    lines = []
    for u, v, attrs in facts:
        if attrs.get("type") == MUNICIPAL_TIE:
            lines.append(_tie_text(graph, u, v, attrs))
            continue
        niveau = f" ({attrs['niveau']})" if attrs.get("niveau") else ""
        mark = ""
        if attrs.get("antwoord"):  # an answer about the other's tie (REAGEERT_OP)
            mark = f" ({rel_label(str(attrs.get('band', '')))}: {attrs['antwoord']})"
        mark += " (voorbeeld)" if is_example(attrs) else ""
        mark += DERIVED_MARK if is_derived(attrs) else ""
        if STATUS_SOURCE in attrs and STATUS in attrs:
            mark += f"\nStatus: {attrs[STATUS]} ({attrs.get('status_reden', '')}; afgeleid)"
        lines.append(
            f"{graph.nodes[u].get('naam', u)} {rel_label(attrs.get('type', ''))}{niveau} "
            f"{graph.nodes[v].get('naam', v)}{mark}\nBron: {provenance_text(attrs)}"
        )
    width = max(edge_width(attrs) for *_, attrs in facts)
    state = tie_state(facts)
    dashes: Any = DERIVED_DASHES if derived else example_only
    colour = EDGE_COLOUR
    if state is not None:
        style = TIE_STATE_STYLES[state]
        dashes, colour = list(style.dashes) or False, style.colour
    return {
        "title": "\n".join(lines),
        "arrows": arrows or {"to": {"enabled": False}},
        "dashes": dashes,
        "width": width,
        "color": {"color": colour, "highlight": "#334E68", "hover": "#334E68"},
    }


def _tie_text(graph: nx.MultiDiGraph, u: str, v: str, attrs: Mapping[str, Any]) -> str:
    """Tooltip of an aggregated Gemeentekaart tie: its parts, example share and provenance."""
    parts = attrs.get("onderdelen", []) or []
    lines = [
        f"{graph.nodes[u].get('naam', u)} – {graph.nodes[v].get('naam', v)}: "
        f"{attrs.get('gewicht', len(parts))} verbinding(en)",
        *(f"· {part}" for part in parts[:TIE_PARTS]),
    ]
    if len(parts) > TIE_PARTS:
        lines.append(f"· … en {len(parts) - TIE_PARTS} meer")
    if attrs.get(EXAMPLE_PARTS):
        lines.append(
            f"(voorbeeld) {attrs[EXAMPLE_PARTS]} onderliggende relaties zijn voorbeelddata"
        )
    lines.append(f"Bron: {provenance_text(attrs)}")
    return "\n".join(lines)


def edge_width(attrs: Mapping[str, Any]) -> float:
    """Structural ties drawn thicker; an aggregated tie by the square root of its weight."""
    if attrs.get("type") == MUNICIPAL_TIE:
        return round(1.0 + 1.5 * math.sqrt(max(0, int(attrs.get("gewicht", 1))) - 1), 2)
    return _NIVEAU_WIDTH.get(str(attrs.get("niveau")), 1.0)


def _vis_options(nodes: int) -> dict[str, Any]:
    """vis-network options: no physics (positions are fixed), labels readable when fitted."""
    return {
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False, "randomSeed": 42},
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": True},
        "nodes": {
            "font": {
                "size": LABEL_SIZES[nodes <= SMALL_GRAPH][2],
                "face": FONT_FACE,
                "strokeWidth": 3,
                "strokeColor": "#ffffff",
            },
            "borderWidth": 1.5,
            "scaling": {"label": {"enabled": False, "drawThreshold": DRAW_THRESHOLD}},
        },
        "edges": {"smooth": False, "selectionWidth": 2, "arrowStrikethrough": False},
    }


def _legend(graph: nx.MultiDiGraph) -> list[dict[str, str]]:
    present = {str(a.get("kind", "")) for _, a in graph.nodes(data=True)}
    items = []
    for kind in NodeKind:
        if kind.value in present:
            colour, _, symbol = KIND_STYLE[kind]
            items.append({"colour": colour, "symbol": symbol, "label": KIND_LABELS[kind][1]})
    return items


def _notes(
    graph: nx.MultiDiGraph,
    value_label: str | None,
    overlay: Sequence[OverlayEdge],
    marks_label: str | None,
) -> list[str]:
    notes = []
    if value_label:
        notes.append(f"Grootte: {value_label}.")
    if is_municipal_view(graph):
        notes.append(TIE_NOTE)
    else:
        notes.append("Dikke lijn: structurele samenwerking, facilitering of subsidie.")
    if marks_label:
        notes.append(f"Gemarkeerd (donkere rand): wie iets heeft met {marks_label}.")
    if has_example_parts(graph):
        notes.append(
            "Gestippelde rand of lijn: voorbeelddata (illustratief, geen enquêteresultaat)."
        )
    if has_derived(graph):
        notes.append(
            "Fijn gestippelde lijn: afgeleide koppeling (eigen lezing van het project, geen "
            "enquêteresultaat)."
        )
    if any(line.style == "voorstel" for line in overlay):
        notes.append("Rode stippellijn: voorgestelde verbinding (zie tooltip voor de redenen).")
    return notes


def tie_state_legend(graph: nx.MultiDiGraph) -> list[dict[str, str]]:
    """A legend line per state of the ties the map draws (:data:`TIE_STATE_STYLES`)."""
    present = {tie_state(facts) for facts in _grouped_edges(graph).values()}
    return [
        {"colour": style.colour, "symbol": style.symbol, "label": style.label}
        for state, style in TIE_STATE_STYLES.items()
        if state in present
    ]


def _overlay_legend(overlay: Sequence[OverlayEdge]) -> list[dict[str, str]]:
    """A legend line per kind of overlay line on the map, in the order of OVERLAY_STYLES."""
    present = {line.style for line in overlay}
    return [
        {"colour": style.colour, "symbol": style.symbol, "label": style.label}
        for name, style in OVERLAY_STYLES.items()
        if name in present and name != "voorstel"  # the suggestion has its note
    ]


def _font_size(kind: str, small: bool, size: float = BASE_SIZE) -> int:
    """Label size by priority; a municipality's grows with its node (up to 1.6 times), so
    zoomed out the largest places keep their names longest."""
    base = LABEL_SIZES[small][_PRIORITY.get(kind, 2)]
    if kind != NodeKind.GEMEENTE.value:
        return base
    return round(base * (1 + 0.6 * max(0.0, size - BASE_SIZE) / (MAX_SIZE - BASE_SIZE)))


def readable_map(
    graph: nx.MultiDiGraph, positions: Positions, values: Mapping[str, float] | None = None
) -> tuple[Positions, BaseMap | None]:
    """The positions :func:`network_html` draws and the base map under them.

    ``positions`` are moved just enough that no node's shape or label covers another's (the
    boxes :func:`node_box` predicts, with the sizes and labels the page draws). On a geographic
    layout the municipal boundaries are stretched as the positions are
    (:func:`views.layout.spread_factor`) and every municipality stays inside its own.
    """
    boxes, weights = _label_boxes(graph, values)
    start = {n: positions.get(n, (0.0, 0.0)) for n in graph.nodes}
    base = base_map(graph, positions)  # None unless the positions are geographic
    placed = declutter(start, boxes, weights, regions=base.regions() if base else None)
    return placed, base.scaled(spread_factor(start, boxes)) if base else None


def _label_boxes(
    graph: nx.MultiDiGraph, values: Mapping[str, float] | None
) -> tuple[dict[str, Box], dict[str, float]]:
    """Each node's drawn box (shape and label) and how firmly it keeps its place."""
    order = list(graph.nodes)
    sizes = _sizes(values, order)
    small = len(order) <= SMALL_GRAPH
    boxes, weights = {}, {}
    for node, attrs in graph.nodes(data=True):
        kind = str(attrs.get("kind", ""))
        font = _font_size(kind, small, sizes[node])
        label = wrapped(str(attrs.get("naam", node)) or node, font)
        boxes[node] = node_box(round(sizes[node], 2), label, font)
        weights[node] = _WEIGHTS[_PRIORITY.get(kind, 2)]
    return boxes, weights


def network_html(
    graph: nx.MultiDiGraph,
    positions: Positions,
    *,
    values: Mapping[str, float] | None = None,
    value_label: str | None = None,
    colour_by_value: bool = False,
    overlay: Sequence[OverlayEdge] = (),
    title: str = "",
    lines: Sequence[str] = (),
    focus: str | None = None,
    height: int = 620,
    marks: Collection[str] | None = None,
    marks_label: str | None = None,
    context: nx.MultiDiGraph | None = None,
) -> str:
    """The whole HTML page of an interactive map of ``graph`` (no file is written).

    ``positions`` are made readable first (:func:`readable_map`). ``values`` (e.g. degree
    or population per node) set the node size and, with ``colour_by_value``, the colour;
    ``overlay`` adds highlighted lines; ``focus`` is selected and shown in the details panel
    when the page opens. ``marks`` (with ``marks_label`` naming what they share) are drawn with
    a dark border and the other nodes pale. ``context`` (the whole graph) lets the details
    panel list the vocabulary the map leaves out. ``title`` and ``lines`` head the page
    (exports use them for title, date and sources; the app leaves them empty).
    """
    net = Network(height=f"{height}px", width="100%", directed=True, cdn_resources="in_line")
    net.templateEnv = _environment()
    net.path = "network.html"
    net.options = _vis_options(graph.number_of_nodes())
    order = list(graph.nodes)
    sizes = _sizes(values, order)
    small = len(order) <= SMALL_GRAPH
    placed, base = readable_map(graph, positions, values)
    top = max((float(values.get(n) or 0.0) for n in order), default=0.0) if values else 0.0
    for node, attrs in graph.nodes(data=True):
        kind = str(attrs.get("kind", ""))
        colour, shape, _ = kind_style(kind)
        value = values.get(node) if values else None
        if colour_by_value and value is not None and top > 0:
            colour = _shade(float(value) / top)
        example = is_example(attrs)
        marked = marks is not None and node in marks
        if marks is not None and not marked:
            colour = DIM_COLOUR
        border = MARK_BORDER if marked else EXAMPLE_BORDER if example else "#ffffff"
        font = _font_size(kind, small, sizes[node])
        x, y = placed[node]
        net.add_node(
            node,
            label=wrapped(str(attrs.get("naam", node)) or node, font),
            shape=shape,
            color={
                "background": colour,
                "border": border,
                "highlight": {"background": colour, "border": "#111827"},
                "hover": {"background": colour, "border": "#111827"},
            },
            size=round(sizes[node], 2),
            title=_tooltip(
                attrs,
                node,
                f"{value_label}: {fact_text(value)}" if value_label and value is not None else None,
            ),
            x=round(x, 2),
            y=round(y, 2),
            borderWidth=3.5 if marked else 2.5 if example else 1.5,
            shapeProperties={"borderDashes": [4, 3] if example else False},
            font={
                "size": font,
                **({"color": "#7B8794"} if marks is not None and not marked else {}),
            },
            details=_details(graph, node, attrs, context),
        )
    for facts in _grouped_edges(graph).values():
        net.add_edge(facts[0][0], facts[0][1], **_edge_options(graph, facts))
    for line in overlay:
        if line.source in graph and line.target in graph:
            style = OVERLAY_STYLES[line.style]
            net.add_edge(
                line.source,
                line.target,
                title=line.text,
                dashes=list(style.dashes) or False,
                width=3,
                color={"color": style.colour, "highlight": style.colour},
                arrows="to",
            )
    net.heading = {
        "title": title,
        "lines": list(lines),
        "legend": _legend(graph) + tie_state_legend(graph) + _overlay_legend(overlay),
        "notes": _notes(graph, value_label, overlay, marks_label if marks is not None else None)
        + ([base.caption] if base else []),
        "basemap": base.to_json() if base else None,
        "focus": focus if focus in graph else None,
        "height": int(height),
    }
    return net.generate_html()
