"""Every named query, run on the real server over the shipped graph, agrees with the same
question answered by networkx on the graph itself."""

from __future__ import annotations

from collections import Counter

import networkx as nx
import pytest

from graph.stores.named_queries import NAMED_QUERIES, named_query, run_named
from graph.stores.neo4j import Neo4jStore


def _edges(graph: nx.MultiDiGraph, rel: str) -> list[tuple[str, str, dict]]:
    return [(u, v, a) for u, v, a in graph.edges(data=True) if a["type"] == rel]


def _naam(graph: nx.MultiDiGraph, node: str) -> str:
    return graph.nodes[node]["naam"]


@pytest.fixture()
def shipped_store(neo4j_store: Neo4jStore, shipped_graph: nx.MultiDiGraph) -> Neo4jStore:
    neo4j_store.save(shipped_graph)
    return neo4j_store


pytestmark = pytest.mark.neo4j


def test_small_municipalities_without_structural_cooperation(
    shipped_store: Neo4jStore, shipped_graph: nx.MultiDiGraph
) -> None:
    limit = 30_000
    structural = {
        u
        for u, v, a in _edges(shipped_graph, "WERKT_SAMEN_MET")
        if a.get("niveau") == "structureel" and v.startswith("ondernemersnetwerk:")
    }
    expected = {
        a["naam"]
        for n, a in shipped_graph.nodes(data=True)
        if a["kind"] == "gemeente" and a["inwoners_recent"] <= limit and n not in structural
    }
    result = run_named(shipped_store, "kleine-gemeenten-zonder-samenwerking")
    assert {r["gemeente"] for r in result.rows} == expected
    assert [r["inwoners"] for r in result.rows] == sorted(r["inwoners"] for r in result.rows)
    smaller = run_named(
        shipped_store, "kleine-gemeenten-zonder-samenwerking", {"max_inwoners": "20000"}
    )
    assert {r["gemeente"] for r in smaller.rows} < expected
    assert result.has_example_data  # answers come from the example answer set


def test_who_asks_and_who_has_experience(
    shipped_store: Neo4jStore, shipped_graph: nx.MultiDiGraph
) -> None:
    for thema in ("structurele-samenwerking", "klein-bij-groot"):
        node = f"thema:{thema}"
        asks = {
            _naam(shipped_graph, u)
            for u, v, _ in _edges(shipped_graph, "HEEFT_INTERESSE_IN")
            if v == node
        }
        knows = {
            _naam(shipped_graph, u)
            for u, v, _ in _edges(shipped_graph, "HEEFT_ERVARING_MET")
            if v == node
        }
        touching = {u for u, v, _ in _edges(shipped_graph, "RAAKT_THEMA") if v == node}
        knows |= {
            _naam(shipped_graph, u)
            for u, v, _ in _edges(shipped_graph, "ORGANISEERT")
            if v in touching
        }
        rows = run_named(shipped_store, "thema-vraag-en-ervaring", {"thema": thema}).rows
        assert {r["naam"] for r in rows if r["rol"] == "vraagt"} == asks
        assert {r["naam"] for r in rows if r["rol"] == "heeft ervaring"} == knows
        # an activity's link to the theme is the project's own reading, and the row says so
        assert {r["koppeling"] for r in rows if r["via"]} <= {"afgeleid"}
        assert asks | knows


def test_regional_partners(shipped_store: Neo4jStore, shipped_graph: nx.MultiDiGraph) -> None:
    gemeente = "gemeente:GM0163"
    regions = {v for u, v, _ in _edges(shipped_graph, "LID_VAN") if u == gemeente}
    partners = {u for u, v, _ in _edges(shipped_graph, "LID_VAN") if v in regions and u != gemeente}
    partners |= {v for u, v, _ in _edges(shipped_graph, "GRENST_AAN") if u == gemeente}
    partners |= {u for u, v, _ in _edges(shipped_graph, "GRENST_AAN") if v == gemeente}
    for name in ("Hellendoorn", "hellendoorn", "GM0163"):
        rows = run_named(shipped_store, "regiopartners", {"gemeente": name}).rows
        assert {r["partner"] for r in rows} == {_naam(shipped_graph, p) for p in partners}


def test_shortest_path_skips_survey_and_province_links(
    shipped_store: Neo4jStore, shipped_graph: nx.MultiDiGraph
) -> None:
    skipped = {"NAM_DEEL_AAN", "LIGT_IN", "RAAKT_THEMA"}  # RAAKT_THEMA: derived, no tie
    undirected = nx.Graph()
    undirected.add_nodes_from(shipped_graph)
    undirected.add_edges_from(
        (u, v) for u, v, a in shipped_graph.edges(data=True) if a["type"] not in skipped
    )
    ends = ("gemeente:GM1773", "activiteit:lerende-gemeenschap")
    rows = run_named(shipped_store, "kortste-pad").rows  # the defaults name these two
    assert len(rows) == 1 and rows[0]["stappen"] == nx.shortest_path_length(undirected, *ends)
    assert rows[0]["route"][0] == _naam(shipped_graph, ends[0])
    assert rows[0]["route"][-1] == _naam(shipped_graph, ends[1])
    assert not skipped & set(rows[0]["relaties"])
    # Gelderland is only reached by 'ligt in', which does not count
    assert not nx.has_path(undirected, "gemeente:GM1773", "provincie:gelderland")
    lonely = {"van": "Olst-Wijhe", "naar": "Gelderland"}
    assert run_named(shipped_store, "kortste-pad", lonely, timeout_s=10).rows == []


def test_municipalities_organising_an_activity(
    shipped_store: Neo4jStore, shipped_graph: nx.MultiDiGraph
) -> None:
    activity = "activiteit:nl-doet"
    organisers = {u for u, v, _ in _edges(shipped_graph, "ORGANISEERT") if v == activity}
    subsidisers = {u for u, v, _ in _edges(shipped_graph, "SUBSIDIEERT") if v == activity}
    rows = run_named(shipped_store, "gemeenten-per-activiteit", {"activiteit": "NL Doet"}).rows
    assert {r["gemeente"]: r["subsidieert"] for r in rows} == {
        _naam(shipped_graph, g): g in subsidisers for g in organisers
    }


def test_counts_per_source_type(shipped_store: Neo4jStore, shipped_graph: nx.MultiDiGraph) -> None:
    nodes = Counter(a["bron_type"] for _, a in shipped_graph.nodes(data=True))
    rels = Counter(a["bron_type"] for _, _, a in shipped_graph.edges(data=True))
    rows = run_named(shipped_store, "bronnen").rows
    assert {r["bron_type"]: r["aantal"] for r in rows if r["soort"] == "node"} == nodes
    assert {r["bron_type"]: r["aantal"] for r in rows if r["soort"] == "relatie"} == rels
    assert {r["bron_type"] for r in rows if r["illustratief"]} == {"voorbeeld"}


def test_every_named_query_is_read_only_and_documented(shipped_store: Neo4jStore) -> None:
    for query in NAMED_QUERIES.values():
        assert query.titel and query.beschrijving
        result = run_named(shipped_store, query.key)
        assert result.rows, query.key


def test_unknown_names_and_parameters_are_refused_in_dutch() -> None:
    with pytest.raises(ValueError, match="Onbekende query 'x'; kies uit"):
        named_query("x")
    with pytest.raises(ValueError, match="kent geen parameter 'stad'"):
        NAMED_QUERIES["regiopartners"].values({"stad": "Zwolle"})
    with pytest.raises(ValueError, match="verwacht een getal"):
        NAMED_QUERIES["kleine-gemeenten-zonder-samenwerking"].values({"max_inwoners": "veel"})
