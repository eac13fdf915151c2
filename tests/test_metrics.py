"""Network measures on hand-checkable graphs, against networkx, and their reproducibility."""

from __future__ import annotations

import math
import random

import networkx as nx
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.analysis.basis import analysis_basis
from graph.analysis.metrics import (
    REL_FAMILIES,
    betweenness,
    brokers,
    cooperation_projection,
    network_measures,
)
from graph.build import build_graph
from graph.model import BronType, EdgeRecord, NodeKind, NodeRecord, Provenance, RelType, new_graph
from tests.graph_support import shuffled

P = Provenance("test", BronType.REFERENTIE)


def node(identifier: str) -> NodeRecord:
    return NodeRecord(identifier, identifier.partition(":")[2].upper(), P)


def two_triangles() -> nx.MultiDiGraph:
    """Triangles A-B-C and D-E-F joined by the bridge C-D; plus vocabulary and a province.

    The theme T (asked by A and F) and the province (LIGT_IN for all) would join everything if
    they were part of the projection; they are not.
    """
    gemeenten = [f"gemeente:{k}" for k in "abcdef"]
    nodes = [node(g) for g in gemeenten] + [node("thema:t"), node("provincie:p")]
    pairs = [("a", "b"), ("b", "c"), ("a", "c"), ("c", "d"), ("d", "e"), ("e", "f"), ("d", "f")]
    edges = [EdgeRecord(f"gemeente:{u}", f"gemeente:{v}", RelType.GRENST_AAN, P) for u, v in pairs]
    edges += [EdgeRecord(g, "provincie:p", RelType.LIGT_IN, P) for g in gemeenten]
    edges += [
        EdgeRecord("gemeente:a", "thema:t", RelType.HEEFT_INTERESSE_IN, P),
        EdgeRecord("gemeente:f", "thema:t", RelType.HEEFT_INTERESSE_IN, P),
    ]
    return build_graph(nodes, edges)


@pytest.fixture()
def measures():
    return network_measures(two_triangles())


def row(result, identifier: str) -> dict:
    return result.table.set_index("id").loc[identifier].to_dict()


def test_degree_counts_every_relationship_per_family(measures) -> None:
    c = row(measures, "gemeente:c")
    assert (c["graad_in"], c["graad_uit"], c["graad"]) == (2, 2, 4)  # a->c, b->c; c->d, c->p
    assert (c["graad_geografie"], c["graad_regio"], c["graad_kennis"]) == (3, 1, 0)
    a = row(measures, "gemeente:a")
    assert (a["graad"], a["graad_kennis"], a["graad_samenwerking"]) == (4, 1, 0)
    theme = row(measures, "thema:t")
    assert (theme["graad_in"], theme["graad_uit"]) == (2, 0)


def test_every_relationship_type_is_in_exactly_one_family() -> None:
    members = [rel for rels in REL_FAMILIES.values() for rel in rels]
    assert sorted(members) == sorted(RelType)


def test_projection_leaves_out_vocabulary_and_containment(measures) -> None:
    projection = cooperation_projection(two_triangles())
    assert sorted(projection) == [*(f"gemeente:{k}" for k in "abcdef"), "provincie:p"]
    assert projection.number_of_edges() == 7
    assert projection.degree("provincie:p") == 0
    theme = row(measures, "thema:t")
    assert not theme["in_projectie"] and math.isnan(theme["tussenheid"])
    assert pd.isna(theme["gemeenschap"])
    assert (measures.projection_nodes, measures.projection_edges) == (7, 7)


def test_betweenness_is_exact_and_normalised(measures) -> None:
    # n = 7 (the province is isolated): C lies on the paths from A and B to D, E and F
    # (6 of the 15 pairs it is not an end of).
    assert row(measures, "gemeente:c")["tussenheid"] == pytest.approx(6 / 15)
    assert row(measures, "gemeente:d")["tussenheid"] == pytest.approx(6 / 15)
    assert row(measures, "gemeente:a")["tussenheid"] == 0.0
    assert not measures.approximate and measures.sample_size is None


def test_pagerank_on_a_path_of_three() -> None:
    g = new_graph()
    for key in "abc":
        g.add_node(f"gemeente:{key}", kind="gemeente", naam=key)
    g.add_edge("gemeente:a", "gemeente:b", type="GRENST_AAN")
    g.add_edge("gemeente:b", "gemeente:c", type="GRENST_AAN")
    result = network_measures(g)
    # x = 0.05 + 0.85 * y / 2 (ends), y = 0.05 + 0.85 * 2x (middle): x = 19/74, y = 18/37
    assert row(result, "gemeente:a")["pagerank"] == pytest.approx(19 / 74, abs=1e-6)
    assert row(result, "gemeente:b")["pagerank"] == pytest.approx(18 / 37, abs=1e-6)
    assert result.pagerank_converged


def test_pagerank_falls_back_to_degree_shares_when_it_does_not_converge() -> None:
    result = network_measures(two_triangles(), pagerank_max_iter=1)
    assert not result.pagerank_converged
    assert row(result, "gemeente:c")["pagerank"] == pytest.approx(3 / 14)
    assert row(result, "provincie:p")["pagerank"] == 0.0


def test_communities_are_the_two_triangles_numbered_by_size_then_id(measures) -> None:
    groups = [row(measures, f"gemeente:{k}")["gemeenschap"] for k in "abcdef"]
    assert groups == [0, 0, 0, 1, 1, 1]
    assert row(measures, "provincie:p")["gemeenschap"] == 2
    assert measures.communities == 3


def test_brokers_are_the_bridge_ends(measures) -> None:
    assert list(measures.table.loc[measures.table["makelaar"], "id"]) == [
        "gemeente:c",
        "gemeente:d",
    ]
    assert brokers(two_triangles()) == ["gemeente:c", "gemeente:d"]
    assert brokers(two_triangles(), [NodeKind.PROVINCIE]) == []


def test_top_per_kind(measures) -> None:
    top = measures.top("tussenheid", NodeKind.GEMEENTE, 2)
    assert list(top["id"]) == ["gemeente:c", "gemeente:d"]
    assert list(measures.top("graad", n=1)["id"]) == ["provincie:p"]


def relabelled(graph: nx.Graph) -> nx.Graph:
    return nx.relabel_nodes(graph, {n: f"n{n:03d}" for n in graph})


@pytest.mark.parametrize(
    "graph",
    [
        nx.karate_club_graph(),
        nx.les_miserables_graph(),
        nx.gnm_random_graph(200, 400, seed=7),
        nx.disjoint_union(nx.star_graph(5), nx.cycle_graph(7)),
    ],
    ids=["karate", "miserables", "random", "disconnected"],
)
def test_betweenness_equals_networkx_exact_and_sampled(graph: nx.Graph) -> None:
    graph = nx.Graph(graph)
    if not all(isinstance(n, int) for n in graph):
        graph = nx.convert_node_labels_to_integers(graph)
    graph = relabelled(graph)
    exact, size = betweenness(graph, node_limit=10_000, sample_size=10, seed=1, chunk=5)
    assert size is None
    reference = nx.betweenness_centrality(graph)
    assert exact == pytest.approx(reference, abs=1e-12)
    sampled, size = betweenness(graph, node_limit=5, sample_size=10, seed=3)
    assert size == 10
    assert sampled == pytest.approx(nx.betweenness_centrality(graph, k=10, seed=3), abs=1e-12)


def test_large_graphs_are_sampled_and_flagged() -> None:
    g = new_graph()
    for i in range(30):
        g.add_node(f"gemeente:{i:02d}", kind="gemeente", naam=str(i))
    for i in range(29):
        g.add_edge(f"gemeente:{i:02d}", f"gemeente:{i + 1:02d}", type="GRENST_AAN")
    result = network_measures(g, node_limit=20, sample_size=8, seed=5)
    assert result.approximate and result.sample_size == 8
    projection = cooperation_projection(g)
    reference = nx.betweenness_centrality(projection, k=8, seed=5)
    assert row(result, "gemeente:10")["tussenheid"] == pytest.approx(reference["gemeente:10"])


@settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rng=st.randoms(use_true_random=False))
def test_measures_do_not_depend_on_insertion_order(
    shipped_graph: nx.MultiDiGraph, rng: random.Random
) -> None:
    expected = network_measures(shipped_graph).table
    actual = network_measures(shuffled(shipped_graph, rng)).table
    assert actual.equals(expected)


def test_shipped_graph_has_every_node_once(shipped_graph: nx.MultiDiGraph) -> None:
    result = network_measures(shipped_graph)
    assert list(result.table["id"]) == sorted(shipped_graph.nodes)
    municipalities = result.table[result.table["kind"] == "gemeente"]
    assert municipalities["in_projectie"].all()
    assert municipalities["gemeenschap"].notna().all()


def test_measures_without_example_rows_are_those_of_the_pruned_graph(
    shipped_graph: nx.MultiDiGraph,
) -> None:
    """The map's and `maten`'s default basis: as if no example row had ever been loaded."""
    pruned = shipped_graph.copy()
    pruned.remove_edges_from(
        [
            (u, v, k)
            for u, v, k, a in shipped_graph.edges(keys=True, data=True)
            if a["bron_type"] == "voorbeeld"
        ]
    )
    pruned.remove_nodes_from(
        [n for n, a in shipped_graph.nodes(data=True) if a["bron_type"] == "voorbeeld"]
    )
    assert pruned.number_of_edges() < shipped_graph.number_of_edges()
    basis = network_measures(analysis_basis(shipped_graph)).table
    pd.testing.assert_frame_equal(basis, network_measures(pruned).table)
    assert analysis_basis(shipped_graph, met_voorbeelden=True) is shipped_graph
