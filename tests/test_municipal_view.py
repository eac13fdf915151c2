"""The Gemeentekaart: one node per municipality, ties aggregated with weight, kinds, provenance."""

from __future__ import annotations

import random

import networkx as nx

from graph.analysis.municipal_view import has_example_parts, municipal_view, selected_view
from graph.model import MUNICIPAL_TIE, NodeKind, RelType
from graph.selection import Selection, select
from tests.graph_support import shuffled


def test_one_node_per_municipality_with_counts(shipped_graph: nx.MultiDiGraph) -> None:
    view = municipal_view(shipped_graph)
    municipalities = {
        n for n, a in shipped_graph.nodes(data=True) if a.get("kind") == NodeKind.GEMEENTE
    }
    assert set(view) == municipalities
    almelo = view.nodes["gemeente:GM0141"]
    assert almelo["naam"] == "Almelo" and almelo["bron_type"] == "referentie"
    organised = {
        shipped_graph.nodes[v]["naam"]
        for _, v, a in shipped_graph.out_edges("gemeente:GM0141", data=True)
        if a["type"] == RelType.ORGANISEERT
    }
    assert set(almelo["activiteiten"]) == organised and almelo["aantal_activiteiten"] == len(
        organised
    )
    assert almelo["aantal_partners"] == len(almelo["partners"]) > 0
    assert almelo["partners_voorbeeld"] == sum("(voorbeeld)" in p for p in almelo["partners"])


def test_ties_aggregate_borders_regions_and_keep_provenance(
    shipped_graph: nx.MultiDiGraph,
) -> None:
    view = municipal_view(shipped_graph)
    assert {a["type"] for *_, a in view.edges(data=True)} == {MUNICIPAL_TIE}
    pairs = [frozenset((u, v)) for u, v in view.edges()]
    assert len(pairs) == len(set(pairs))  # one tie per pair
    borders = sum(1 for *_, a in shipped_graph.edges(data=True) if a["type"] == RelType.GRENST_AAN)
    assert sum("grens" in a["soorten"] for *_, a in view.edges(data=True)) == borders
    for *_, attrs in view.edges(data=True):
        assert attrs["gewicht"] == len(attrs["onderdelen"]) >= 1
        assert attrs["bron_type"] in {"referentie", "enquete", "voorbeeld", "afgeleid"}
        if "leren" in attrs["soorten"]:
            assert attrs["bron_type"] == "afgeleid"
    almelo_borne = view.get_edge_data("gemeente:GM0141", "gemeente:GM0147")
    (tie,) = almelo_borne.values()
    assert "samen in Regio Twente" in tie["onderdelen"] and "grens" in tie["soorten"]


def test_mixed_sources_are_derived_and_example_parts_flagged() -> None:
    g = nx.MultiDiGraph()
    for key in ("A", "B"):
        g.add_node(f"gemeente:{key}", kind="gemeente", naam=key, bron="CBS", bron_type="referentie")
    g.add_node("organisatie:o", kind="organisatie", naam="O", bron="x", bron_type="voorbeeld")
    g.add_edge("gemeente:A", "gemeente:B", type="GRENST_AAN", bron="CBS", bron_type="referentie")
    for key in ("A", "B"):
        g.add_edge("organisatie:o", f"gemeente:{key}", type="ACTIEF_IN", bron_type="voorbeeld")
    view = municipal_view(g)
    ((_, _, tie),) = view.edges(data=True)
    assert tie["bron_type"] == "afgeleid" and tie["voorbeeld_delen"] == 2
    assert tie["soorten"] == ["grens", "organisatie"] and "delen O" in tie["onderdelen"]
    assert has_example_parts(view)
    assert not has_example_parts(municipal_view(g.subgraph(["gemeente:A", "gemeente:B"])))


def test_same_result_in_any_insertion_order(shipped_graph: nx.MultiDiGraph) -> None:
    first = municipal_view(shipped_graph)
    again = municipal_view(shuffled(shipped_graph, random.Random(7)))
    assert sorted(first.edges(data=True), key=str) == sorted(again.edges(data=True), key=str)


def test_selected_view_follows_the_filters(shipped_graph: nx.MultiDiGraph) -> None:
    twente = Selection(regions=frozenset({"regio:regio-twente"}), view="gemeenten")
    view, network = selected_view(shipped_graph, twente)
    assert "gemeente:GM0147" in view and "gemeente:GM0193" not in view
    assert any(n.startswith("activiteit:") for n in network)  # counted from the vocabulary
    plain, same = selected_view(shipped_graph, Selection())
    assert plain is same and set(plain) == set(select(shipped_graph, Selection()))
