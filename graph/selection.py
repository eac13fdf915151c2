"""What part of the graph a network view shows: the Netwerk page's filters as one value.

A :class:`Selection` is the whole view state (filters, focus, measure, layout). It round-trips
through URL query parameters, so a view can be bookmarked and shared, and :func:`select` turns it
into the subgraph that is drawn. Exports call the same two functions, so what a user sees is what
they export. :func:`reduce_to_cap` keeps a browser responsive when a selection is too large.

Filter rules (an empty filter means "no filter"):

- ``vocabulary``: off by default. The view then shows partners (municipalities, provinces,
  regions, networks, centres, organisations) and leaves out the vocabulary kinds
  (:data:`VOCABULARY_VIEW_KINDS`: themes, activities, formats, obstacles, portfolios, surveys),
  unless ``kinds`` names them or one is the focus. The map shows them as facts in the details.
- ``kinds``: only nodes of these kinds are shown.
- ``regions`` and ``survey_status`` narrow the *municipalities* (members of one of the regions;
  a survey status in any wave). Other nodes stay when they are related to a municipality that
  stays, so "Regio Twente" shows the Twente municipalities together with their partners.
- ``rel_types``: only relationships of these types; nodes left without a shown relationship are
  hidden.
- ``bron_types``: only relationships from these sources; nodes stay when they come from one of
  these sources themselves or take part in a shown relationship.
- ``focus`` with ``hops``: after filtering, only what lies within 1–3 steps of the focus node
  (directions ignored). The focus node itself is always shown when it exists.

Display fields: ``marks`` (vocabulary nodes, e.g. NL Doet: :func:`marked` highlights whoever is
related to one), ``view`` (``netwerk``, or ``gemeenten``: one node per municipality, see
:mod:`graph.analysis.municipal_view`), measure, colour and layout.

>>> from graph.model import new_graph
>>> g = new_graph()
>>> g.add_node("gemeente:A", kind="gemeente", naam="A", bron_type="referentie")
>>> g.add_node("thema:t", kind="thema", naam="T", bron_type="enquete")
>>> _ = g.add_edge("gemeente:A", "thema:t", type="HEEFT_INTERESSE_IN", bron_type="voorbeeld")
>>> sorted(select(g, Selection(kinds=frozenset({"gemeente"}))).nodes)
['gemeente:A']
>>> sorted(select(g, Selection()).nodes), len(select(g, Selection(vocabulary=True)))
(['gemeente:A'], 2)
>>> Selection.from_query_params(Selection(hops=2, focus="gemeente:A").to_query_params()).hops
2
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import networkx as nx

from graph.assemble import assemble, gc_paused, raw_adjacency
from graph.model import VOCABULARY_KINDS, BronType, NodeKind, RelType, SurveyStatus, kind_of

#: Most nodes a browser view draws; larger selections are reduced (see :func:`reduce_to_cap`).
NODE_CAP = 300
#: The Gemeentekaart draws every municipality of the country (342 in 2024) and no other node.
MUNICIPAL_CAP = 400

#: Kinds that are vocabulary rather than partners: hidden unless asked for (``vocabulary``).
VOCABULARY_VIEW_KINDS: frozenset[str] = frozenset(
    str(k) for k in (*VOCABULARY_KINDS, NodeKind.ENQUETE)
)

#: What a view draws: the network itself, or one node per municipality.
VIEW_LABELS: dict[str, str] = {"netwerk": "Netwerk", "gemeenten": "Gemeentekaart"}
VIEWS: tuple[str, ...] = tuple(VIEW_LABELS)

#: Measures a view can size (and optionally colour) nodes by; "soort" means: by kind only.
MEASURE_LABELS: dict[str, str] = {
    "soort": "geen (alle even groot)",
    "graad": "aantal relaties (graad)",
    "tussenheid": "tussenheid (brugfunctie)",
    "pagerank": "PageRank (invloed in het samenwerkingsnetwerk)",
    "inwoners": "inwoners (meest recente jaar)",
}
MEASURES: tuple[str, ...] = tuple(MEASURE_LABELS)
LAYOUT_LABELS: dict[str, str] = {
    "geo": "geografisch (gemeenten op de kaart)",
    "force": "krachtenmodel (verbonden nodes bij elkaar)",
}
LAYOUTS: tuple[str, ...] = tuple(LAYOUT_LABELS)
COLOUR_LABELS: dict[str, str] = {"soort": "soort node", "maat": "gekozen maat"}
COLOURINGS: tuple[str, ...] = tuple(COLOUR_LABELS)
MAX_HOPS = 3
_MAX_PARAM_LENGTH = 2000
_MAX_ID_LENGTH = 200

#: Query parameter names (Dutch, they are visible in the address bar).
PARAMS: dict[str, str] = {
    "kinds": "soort",
    "regions": "regio",
    "rel_types": "relatie",
    "bron_types": "bron",
    "survey_status": "status",
    "focus": "focus",
    "hops": "stappen",
    "measure": "maat",
    "colour": "kleur",
    "layout": "indeling",
    "vocabulary": "begrippen",
    "marks": "kenmerk",
    "view": "weergave",
}


@dataclass(frozen=True)
class Selection:
    """The state of one network view; every field has a harmless default."""

    kinds: frozenset[str] = field(default_factory=frozenset)
    regions: frozenset[str] = field(default_factory=frozenset)
    rel_types: frozenset[str] = field(default_factory=frozenset)
    bron_types: frozenset[str] = field(default_factory=frozenset)
    survey_status: frozenset[str] = field(default_factory=frozenset)
    focus: str | None = None
    hops: int = 1
    measure: str = "graad"
    colour: str = "soort"
    layout: str = "geo"
    vocabulary: bool = False
    marks: frozenset[str] = field(default_factory=frozenset)
    view: str = "netwerk"

    def filters_only(self) -> Selection:
        """The same nodes and relationships with the display fields (measure, colour, layout,
        marks, view) at their defaults: what :func:`select` depends on, so a cache of it can
        key on this."""
        return replace(
            self, measure="graad", colour="soort", layout="geo", marks=frozenset(), view="netwerk"
        )

    def to_query_params(self) -> dict[str, str]:
        """Only the fields that differ from the default, as short strings (sorted lists)."""
        default = Selection()
        params: dict[str, str] = {}
        for name, param in PARAMS.items():
            value = getattr(self, name)
            if value == getattr(default, name) or value is None:
                continue
            if isinstance(value, bool):
                params[param] = "aan" if value else "uit"
            elif isinstance(value, frozenset):
                params[param] = ",".join(sorted(value))
            else:
                params[param] = str(value)
        return params

    @classmethod
    def from_query_params(cls, params: Mapping[str, Any]) -> Selection:
        """Parse what :meth:`to_query_params` wrote; anything unknown or malformed is ignored."""
        return cls(
            kinds=_members(params, "kinds", {k.value for k in NodeKind}),
            regions=frozenset(
                v for v in _values(params, "regions") if _is_node_id(v, NodeKind.REGIO)
            ),
            rel_types=_members(params, "rel_types", {r.value for r in RelType}),
            bron_types=_members(params, "bron_types", {b.value for b in BronType}),
            survey_status=_members(params, "survey_status", {s.value for s in SurveyStatus}),
            focus=_focus(_single(params, "focus")),
            hops=_hops(_single(params, "hops")),
            measure=_choice(_single(params, "measure"), MEASURES, "graad"),
            colour=_choice(_single(params, "colour"), COLOURINGS, "soort"),
            layout=_choice(_single(params, "layout"), LAYOUTS, "geo"),
            vocabulary=_single(params, "vocabulary") == "aan",
            marks=frozenset(
                v
                for v in _values(params, "marks")
                if _is_node_id(v) and v.partition(":")[0] in VOCABULARY_VIEW_KINDS
            ),
            view=_choice(_single(params, "view"), VIEWS, "netwerk"),
        )


def _single(params: Mapping[str, Any], name: str) -> str:
    """One parameter as text (AppTest gives lists, Streamlit strings); over-long values dropped."""
    raw = params.get(PARAMS[name], "")
    if isinstance(raw, list | tuple):
        raw = raw[-1] if raw else ""
    text = str(raw)
    return text if len(text) <= _MAX_PARAM_LENGTH else ""


def _values(params: Mapping[str, Any], name: str) -> list[str]:
    return [v.strip() for v in _single(params, name).split(",") if v.strip()]


def _members(params: Mapping[str, Any], name: str, allowed: set[str]) -> frozenset[str]:
    return frozenset(v for v in _values(params, name) if v in allowed)


def _is_node_id(text: str, kind: NodeKind | None = None) -> bool:
    if len(text) > _MAX_ID_LENGTH or not text.isprintable():
        return False
    try:
        found = kind_of(text)
    except ValueError:
        return False
    return kind is None or found is kind


def _focus(text: str) -> str | None:
    return text if text and _is_node_id(text) else None


def _hops(text: str) -> int:
    try:
        return min(MAX_HOPS, max(1, int(text)))
    except ValueError:
        return 1


def _choice(text: str, allowed: tuple[str, ...], default: str) -> str:
    return text if text in allowed else default


def _municipalities_kept(graph: nx.MultiDiGraph, selection: Selection) -> set[str] | None:
    """Municipalities passing the region and survey-status filters; None when neither is set."""
    regions = {r for r in selection.regions if r in graph}
    if not regions and not selection.survey_status:
        return None
    kept = set()
    for node, attrs in graph.nodes(data=True):
        if attrs.get("kind") != NodeKind.GEMEENTE:
            continue
        out = [(v, a) for _, v, a in graph.out_edges(node, data=True)]
        if regions and not any(a.get("type") == RelType.LID_VAN and v in regions for v, a in out):
            continue
        if selection.survey_status and not any(
            a.get("type") == RelType.NAM_DEEL_AAN and a.get("status") in selection.survey_status
            for _, a in out
        ):
            continue
        kept.add(node)
    return kept


def _candidate_nodes(graph: nx.MultiDiGraph, selection: Selection) -> set[str]:
    municipalities = _municipalities_kept(graph, selection)
    nodes = set(graph.nodes)
    hidden = set() if selection.vocabulary else VOCABULARY_VIEW_KINDS - selection.kinds
    if selection.kinds or hidden:  # first: cheap tests, so the neighbour test sees fewer nodes
        nodes = {
            n
            for n in nodes
            if (kind := graph.nodes[n].get("kind")) not in hidden
            and (not selection.kinds or kind in selection.kinds)
        }
    if municipalities is not None:
        nodes = {
            n
            for n in nodes
            if n in municipalities
            or (
                graph.nodes[n].get("kind") != NodeKind.GEMEENTE
                and any(m in municipalities for m in nx.all_neighbors(graph, n))
            )
        }
    return nodes


def _edge_shown(attrs: Mapping[str, Any], selection: Selection) -> bool:
    return (not selection.rel_types or attrs.get("type") in selection.rel_types) and (
        not selection.bron_types or attrs.get("bron_type") in selection.bron_types
    )


@gc_paused()
def select(graph: nx.MultiDiGraph, selection: Selection) -> nx.MultiDiGraph:
    """The subgraph ``selection`` shows, as a new graph (attributes copied, input untouched).

    With a focus, the hops are walked on a filtered view first, so only what is reached is
    copied (a focus in a national graph reaches a few hundred of its 20,000 nodes).
    """
    nodes = _candidate_nodes(graph, selection)
    focus = selection.focus if selection.focus in graph else None
    if focus:
        nodes.add(focus)
        shown = nx.subgraph_view(
            graph,
            filter_node=nodes.__contains__,
            filter_edge=lambda u, v, k: _edge_shown(graph.edges[u, v, k], selection),
        )
        reach = nx.single_source_shortest_path_length(
            shown.to_undirected(as_view=True), focus, cutoff=selection.hops
        )
        nodes &= reach.keys()
    in_graph_order = [n for n in graph if n in nodes]  # the copy keeps the graph's order
    attrs, succ, _ = raw_adjacency(graph)
    filtered = bool(selection.rel_types or selection.bron_types)
    edges: Iterable[tuple[Any, Any, Any, dict[str, Any]]] = (
        (u, v, k, a)
        for u in in_graph_order
        for v, keyed in succ[u].items()
        if v in nodes
        for k, a in keyed.items()
        if not filtered or _edge_shown(a, selection)
    )
    if filtered:  # nodes left without a shown relationship go, so the edges are read twice
        edges = list(edges)
        keep = {u for u, *_ in edges} | {v for _, v, *_ in edges}
        if not selection.rel_types:
            keep |= {n for n in nodes if graph.nodes[n].get("bron_type") in selection.bron_types}
        nodes &= keep | ({focus} if focus else set())
    return assemble(  # every end of a shown relationship is kept: no second test
        ((n, dict(attrs[n])) for n in in_graph_order if n in nodes),
        ((u, v, k, dict(a)) for u, v, k, a in edges),
    )


def marked(graph: nx.MultiDiGraph, marks: Iterable[str]) -> frozenset[str]:
    """Nodes related (either direction) to one of the vocabulary nodes ``marks``, e.g. the
    municipalities that organise NL Doet: what a map highlights for a ``kenmerk`` filter.

    >>> g = nx.MultiDiGraph([("gemeente:A", "activiteit:nl-doet"), ("gemeente:B", "regio:r")])
    >>> sorted(marked(g, ["activiteit:nl-doet"]))
    ['gemeente:A']
    """
    found: set[str] = set()
    for mark in marks:
        if mark in graph:
            found.update(nx.all_neighbors(graph, mark))
    return frozenset(found)


@dataclass(frozen=True)
class Reduced:
    """A graph cut down to a drawable size, and the Dutch notice saying so (None when whole)."""

    graph: nx.MultiDiGraph
    notice: str | None
    dropped: int


def reduce_to_cap(
    graph: nx.MultiDiGraph,
    scores: Mapping[str, float] | None = None,
    *,
    cap: int = NODE_CAP,
    keep: Iterable[str | None] = (),
    score_label: str = "aantal relaties",
) -> Reduced:
    """Keep the ``cap`` nodes with the highest score (default: degree) plus ``keep``.

    Ties are broken by node id, so the result does not depend on insertion order.

    >>> g = nx.MultiDiGraph([("a", "b"), ("a", "c"), ("d", "e")])
    >>> r = reduce_to_cap(g, cap=2)
    >>> sorted(r.graph.nodes), r.dropped
    (['a', 'b'], 3)
    """
    if graph.number_of_nodes() <= cap:
        return Reduced(graph, None, 0)
    values = dict(graph.degree()) if scores is None else scores
    forced = [n for n in keep if n is not None and n in graph]
    ranked = heapq.nsmallest(  # the first of the sorted order, without sorting the rest
        max(0, cap - len(forced)),
        (n for n in graph if n not in forced),
        key=lambda n: (-float(values.get(n, 0.0)), n),
    )
    chosen = set(forced) | set(ranked)
    # In the graph's order (a subgraph view would follow the set's, which changes per process).
    attrs, succ, _ = raw_adjacency(graph)
    order = [n for n in graph if n in chosen]
    reduced = assemble(
        ((n, dict(attrs[n])) for n in order),
        (
            (u, v, k, dict(a))
            for u in order
            for v, keyed in succ[u].items()
            if v in chosen
            for k, a in keyed.items()
        ),
    )
    total = graph.number_of_nodes()
    notice = (
        f"Deze selectie telt {total} nodes; getoond worden de {len(chosen)} met het hoogste "
        f"{score_label}. Verfijn de filters of kies een focus om de rest te zien."
    )
    return Reduced(reduced, notice, total - len(chosen))
