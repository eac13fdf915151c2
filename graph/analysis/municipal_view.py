"""The Gemeentekaart: one node per municipality, ties between municipalities aggregated.

A network of a few hundred partners and thousands of relationships is hard to read, and at
national size impossible to draw; a map of municipalities is not. :func:`municipal_view` turns a
(selected) network into a graph of its municipalities only:

- a node per municipality keeps the municipality's own attributes and provenance, and counts
  what hangs on it: partners per kind and activities (with names), and how many of those rest
  on example data only;
- one relationship (type ``VERBONDEN_MET``) per pair of municipalities that share something:
  a border, a region, a partner organisation, a hook-on (HAAKT_AAN_BIJ, either way), and
  between neighbours (a border or a region) each theme one asks about and the other has
  experience with ("leren": nearby, so it does not tie the whole country together). ``gewicht`` counts the parts,
  ``soorten`` names their kinds, ``onderdelen`` says each in Dutch.

Provenance: a tie's ``bron_type`` is the one bron_type all relationships under it share, else
``afgeleid`` (a "leren" part is an inference, so always ``afgeleid``); ``bron`` and ``jaar`` are
kept when shared. ``voorbeeld_delen`` counts the relationships under a tie that are example
data, so a map can dash a tie that rests on examples and a banner can say so
(:func:`has_example_parts`).

>>> from graph.model import new_graph
>>> g = new_graph()
>>> for key in ("A", "B"):
...     g.add_node(f"gemeente:{key}", kind="gemeente", naam=key, bron="CBS", bron_type="referentie")
>>> g.add_node("regio:r", kind="regio", naam="Regio R", bron="CBS", bron_type="referentie")
>>> for key in ("A", "B"):
...     _ = g.add_edge(f"gemeente:{key}", "regio:r", type="LID_VAN", bron="CBS", bron_type="referentie")
>>> _ = g.add_edge("gemeente:A", "gemeente:B", type="GRENST_AAN", bron="PDOK", bron_type="referentie")
>>> view = municipal_view(g)
>>> sorted(view.nodes)
['gemeente:A', 'gemeente:B']
>>> [(a["gewicht"], a["soorten"], a["bron_type"], a["bron"]) for *_, a in view.edges(data=True)]
[(2, ['grens', 'regio'], 'referentie', 'CBS; PDOK')]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import networkx as nx

from graph.analysis.municipal import PARTNER_RELS
from graph.model import (
    MUNICIPAL_TIE,
    ORGANISATION_KINDS,
    BronType,
    NodeKind,
    RelType,
    has_example_data,
    is_example,
    kind_label,
)
from graph.selection import Selection, select

#: Part kinds of a tie, in the order they are listed, with their Dutch name.
PART_KINDS: dict[str, str] = {
    "grens": "grenzen aan elkaar",
    "regio": "samen in een regio",
    "organisatie": "delen een partnerorganisatie",
    "aanhaken": "haakt aan bij",
    "leren": "kunnen van elkaar leren (thema)",
}
EXAMPLE_PARTS = "voorbeeld_delen"
_ORG_KINDS = frozenset(str(k) for k in ORGANISATION_KINDS)
_REGION = str(NodeKind.REGIO)


@dataclass
class _Tie:
    """The parts of one municipality pair and the relationships they rest on."""

    parts: list[tuple[str, str]] = field(default_factory=list)
    facts: list[Mapping[str, Any]] = field(default_factory=list)
    inferred: bool = False

    def add(self, kind: str, text: str, facts: Iterable[Mapping[str, Any]]) -> None:
        self.parts.append((kind, text))
        self.facts.extend(facts)


def _shared(values: Iterable[Any]) -> Any:
    """The one value every item has, else None."""
    found = set(values)
    return found.pop() if len(found) == 1 else None


def _provenance(tie: _Tie) -> dict[str, Any]:
    bron_type = _shared(str(f.get("bron_type", "")) for f in tie.facts)
    sources = sorted({str(f.get("bron", "")) for f in tie.facts} - {""})
    props: dict[str, Any] = {
        "bron": "; ".join(sources) or "Netwerkkaart MBO (afgeleid)",
        "bron_type": bron_type if bron_type and not tie.inferred else str(BronType.AFGELEID),
    }
    year = _shared(f.get("jaar") for f in tie.facts)
    if isinstance(year, int):
        props["jaar"] = year
    return props


def _pairs(members: list[str]) -> Iterable[tuple[str, str]]:
    ordered = sorted(members)
    for i, a in enumerate(ordered):
        for b in ordered[i + 1 :]:
            yield a, b


class _Sweep:
    """One pass over the relationships: what each municipality is tied to, and by which fact."""

    def __init__(self, graph: nx.MultiDiGraph, municipalities: set[str]) -> None:
        self.graph = graph
        self.borders: dict[tuple[str, str], list[Mapping[str, Any]]] = defaultdict(list)
        self.hooks: dict[tuple[str, str], list[Mapping[str, Any]]] = defaultdict(list)
        self.members: dict[str, dict[str, list[Mapping[str, Any]]]] = defaultdict(dict)
        self.partners: dict[str, dict[str, list[Mapping[str, Any]]]] = defaultdict(dict)
        self.partners_of: dict[str, dict[str, list[Mapping[str, Any]]]] = defaultdict(dict)
        self.activities: dict[str, dict[str, list[Mapping[str, Any]]]] = defaultdict(dict)
        self.asks: dict[str, dict[str, list[Mapping[str, Any]]]] = defaultdict(dict)
        self.knows: dict[str, dict[str, list[Mapping[str, Any]]]] = defaultdict(dict)
        nodes = graph.nodes
        for u, v, attrs in graph.edges(data=True):
            rel = attrs.get("type")
            if u in municipalities and v in municipalities:
                if rel == RelType.GRENST_AAN and u != v:
                    self.borders[(min(u, v), max(u, v))].append(attrs)
                elif rel == RelType.HAAKT_AAN_BIJ and u != v:
                    self.hooks[(u, v)].append(attrs)
                continue
            mine, other = (u, v) if u in municipalities else (v, u)
            if mine not in municipalities:
                continue
            kind = nodes[other].get("kind")
            if rel == RelType.LID_VAN and kind == _REGION:
                self.members[other].setdefault(mine, []).append(attrs)
            elif rel in PARTNER_RELS and kind in _ORG_KINDS:
                self.partners[other].setdefault(mine, []).append(attrs)
                self.partners_of[mine].setdefault(other, []).append(attrs)
            elif rel == RelType.ORGANISEERT and kind == NodeKind.ACTIVITEIT:
                self.activities[mine].setdefault(other, []).append(attrs)
                for theme in nodes[other].get("themas", []) or []:
                    self.knows[mine].setdefault(f"{NodeKind.THEMA}:{theme}", []).append(attrs)
            elif rel == RelType.HEEFT_ERVARING_MET:
                self.knows[mine].setdefault(other, []).append(attrs)
            elif rel == RelType.HEEFT_INTERESSE_IN:
                self.asks[mine].setdefault(other, []).append(attrs)

    def name(self, node: str) -> str:
        return str(self.graph.nodes[node].get("naam", node)) if node in self.graph else node


def _ties(sweep: _Sweep) -> dict[tuple[str, str], _Tie]:
    ties: dict[tuple[str, str], _Tie] = defaultdict(_Tie)
    for pair, facts in sweep.borders.items():
        ties[pair].add("grens", PART_KINDS["grens"], facts)
    for source, target in sorted(sweep.hooks):
        text = f"{sweep.name(source)} haakt aan bij {sweep.name(target)}"
        ties[(min(source, target), max(source, target))].add(
            "aanhaken", text, sweep.hooks[(source, target)]
        )
    for kind, groups in (("regio", sweep.members), ("organisatie", sweep.partners)):
        for group in sorted(groups):
            members = groups[group]
            verb = "samen in" if kind == "regio" else "delen"
            for a, b in _pairs(list(members)):
                ties[(a, b)].add(kind, f"{verb} {sweep.name(group)}", [*members[a], *members[b]])
    nearby = sorted(p for p, tie in ties.items() if {"grens", "regio"} & {k for k, _ in tie.parts})
    for pair in nearby:
        for learner, teacher in (pair, pair[::-1]):
            if learner not in sweep.asks or teacher not in sweep.knows:
                continue
            for theme in sorted(sweep.asks[learner].keys() & sweep.knows[teacher].keys()):
                tie = ties[(min(learner, teacher), max(learner, teacher))]
                text = f"{sweep.name(learner)} kan over {sweep.name(theme)} leren van "
                tie.add("leren", text + sweep.name(teacher), [])
                tie.facts.extend([*sweep.asks[learner][theme], *sweep.knows[teacher][theme]])
                tie.inferred = True
    return ties


def count_key(kind: NodeKind) -> str:
    """The attribute counting a municipality's partners of ``kind`` (``aantal_organisaties``)."""
    return f"aantal_{kind_label(kind, plural=True).lower()}"


def _node_facts(sweep: _Sweep, node: str) -> dict[str, Any]:
    """Counts (with names) of what hangs on one municipality, and how much of it is example."""
    mine = sweep.partners_of.get(node, {})
    partners = sorted(mine)
    facts: dict[str, Any] = {"aantal_partners": len(partners)}
    for kind in ORGANISATION_KINDS:
        facts[count_key(kind)] = sum(
            1 for p in partners if sweep.graph.nodes[p].get("kind") == kind
        )
    activities = sorted(sweep.activities.get(node, {}))
    facts["aantal_activiteiten"] = len(activities)
    facts["partners"] = [sweep.name(p) for p in partners]
    facts["activiteiten"] = [sweep.name(a) for a in activities]
    facts["partners_voorbeeld"] = sum(
        1
        for p in partners
        if is_example(sweep.graph.nodes[p]) or all(is_example(a) for a in mine[p])
    )
    facts["activiteiten_voorbeeld"] = sum(
        1 for a in activities if all(is_example(f) for f in sweep.activities[node][a])
    )
    return facts


def municipal_view(network: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The Gemeentekaart of ``network`` (usually a selection), as a new graph.

    Municipalities keep their attributes (copied) plus counts; ties are ``VERBONDEN_MET`` with
    ``gewicht``, ``soorten``, ``onderdelen``, ``voorbeeld_delen`` and provenance (see module
    docstring). Deterministic: nodes in the network's order, ties sorted by their ends.
    """
    municipalities = [n for n, a in network.nodes(data=True) if a.get("kind") == NodeKind.GEMEENTE]
    sweep = _Sweep(network, set(municipalities))
    view = nx.MultiDiGraph()
    for node in municipalities:
        view.add_node(node, **dict(network.nodes[node]), **_node_facts(sweep, node))
    for (a, b), tie in sorted(_ties(sweep).items()):
        kinds = sorted({kind for kind, _ in tie.parts}, key=list(PART_KINDS).index)
        view.add_edge(
            a,
            b,
            key=MUNICIPAL_TIE,
            type=MUNICIPAL_TIE,
            gewicht=len(tie.parts),
            soorten=kinds,
            onderdelen=[text for _, text in tie.parts],
            **{EXAMPLE_PARTS: sum(1 for f in tie.facts if is_example(f))},
            **_provenance(tie),
        )
    return view


def is_municipal_view(graph: nx.MultiDiGraph) -> bool:
    """Whether ``graph`` is a Gemeentekaart (its ties are aggregated ``VERBONDEN_MET``)."""
    return any(a.get("type") == MUNICIPAL_TIE for *_, a in graph.edges(data=True))


def has_example_parts(graph: nx.MultiDiGraph) -> bool:
    """Whether a view shows example data anywhere, also inside an aggregated tie or a count."""
    return (
        has_example_data(graph)
        or any(a.get(EXAMPLE_PARTS) for *_, a in graph.edges(data=True))
        or any(
            a.get("partners_voorbeeld") or a.get("activiteiten_voorbeeld")
            for _, a in graph.nodes(data=True)
        )
    )


def network_selection(selection: Selection) -> Selection:
    """What a Gemeentekaart aggregates: its selection with the vocabulary and every kind
    included, since it counts activities and partners."""
    return replace(selection, vocabulary=True, kinds=frozenset())


def selected_view(
    graph: nx.MultiDiGraph, selection: Selection
) -> tuple[nx.MultiDiGraph, nx.MultiDiGraph]:
    """(what a view draws or exports, the network it was made from) for ``selection``.

    The Gemeentekaart aggregates :func:`network_selection`; the network view is
    :func:`graph.selection.select`.
    """
    if selection.view == "gemeenten":
        network = select(graph, network_selection(selection))
        return municipal_view(network), network
    network = select(graph, selection)
    return network, network
