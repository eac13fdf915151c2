"""What only the Neo4j store has: constraints, refused values, generations, concurrent readers,
a server that goes away mid-push, and what the guard lets through."""

from __future__ import annotations

import threading
from pathlib import Path

import networkx as nx
import pytest
from neo4j import WRITE_ACCESS

from graph.model import NEO4J_LABELS, NodeKind, new_graph
from graph.stores import cypher
from graph.stores.base import StoreError
from graph.stores.cypher_readonly import QueryRefused, run_read_only
from graph.stores.memory import graph_to_dict
from graph.stores.neo4j import Neo4jStore
from netwerkkaart.services.neo4j_local import start, stop
from tests.neo4j_support import (
    Neo4jConnection,
    count_all,
    kill_save_halfway,
    random_graph,
    require_java_and_maven,
)

pytestmark = pytest.mark.neo4j


def _constraints(store: Neo4jStore) -> dict[str, tuple[list[str], list[str]]]:
    with store.session() as session:
        return {
            r["name"]: (r["labels"], r["properties"])
            for r in session.run(cypher.show_unique_constraints())
        }


def _run_schema(store: Neo4jStore, statement: str) -> None:
    with store.session(WRITE_ACCESS) as session:
        session.run(statement).consume()


def test_constraints_are_created_once_and_recreated_when_dropped(
    neo4j_empty: Neo4jConnection, shipped_graph: nx.MultiDiGraph
) -> None:
    with neo4j_empty.store() as store:
        store.save(shipped_graph)
        found = _constraints(store)
    for label in NEO4J_LABELS.values():
        assert found[cypher.constraint_name(label)] == ([label], ["id", cypher.GENERATION])
    with neo4j_empty.store() as store:
        _run_schema(store, f"DROP CONSTRAINT {cypher.constraint_name('Theme')}")
    with neo4j_empty.store() as store:
        store.save(shipped_graph)
        assert _constraints(store)[cypher.constraint_name("Theme")] == (
            ["Theme"],
            ["id", cypher.GENERATION],
        )
        assert graph_to_dict(store.load()) == graph_to_dict(shipped_graph)


def test_a_foreign_id_constraint_is_named_and_nothing_changes(
    neo4j_empty: Neo4jConnection, shipped_graph: nx.MultiDiGraph
) -> None:
    with neo4j_empty.store() as store:
        store.save(shipped_graph)
    before = count_all(neo4j_empty)
    with neo4j_empty.store() as store:
        _run_schema(
            store, "CREATE CONSTRAINT vreemd_id FOR (n:Municipality) REQUIRE n.id IS UNIQUE"
        )
    try:
        with neo4j_empty.store() as store:
            with pytest.raises(StoreError, match="DROP CONSTRAINT vreemd_id"):
                store.save(random_graph(24, 10))
            assert graph_to_dict(store.load()) == graph_to_dict(shipped_graph)
    finally:
        with neo4j_empty.store() as store:
            _run_schema(store, "DROP CONSTRAINT vreemd_id IF EXISTS")
    assert count_all(neo4j_empty) == before


def _with(node_attrs: dict | None = None, edge_attrs: dict | None = None) -> nx.MultiDiGraph:
    graph = new_graph()
    graph.add_node("gemeente:A", kind="gemeente")
    graph.add_node("thema:t", kind="thema")
    graph.add_edge("gemeente:A", "thema:t", key="k", type="HEEFT_INTERESSE_IN")
    graph.nodes["gemeente:A"].update(node_attrs or {})
    graph.edges["gemeente:A", "thema:t", "k"].update(edge_attrs or {})
    return graph


def _bad_id() -> nx.MultiDiGraph:
    graph = new_graph()
    graph.add_node("zonder-soort", naam="x")
    return graph


def _bad_type() -> nx.MultiDiGraph:
    graph = _with()
    graph.add_edge("gemeente:A", "thema:t", key="x", type="KENT")
    return graph


def _int_key() -> nx.MultiDiGraph:
    graph = _with()
    graph.add_edge("gemeente:A", "thema:t", type="ERVAART")
    return graph


UNSTORABLE = {
    "None": (_with({"inwoners": None}), "lege waarde"),
    "gemengde lijst": (_with({"codes": [1, 2.5]}), "gemengde typen"),
    "dict": (_with({"adres": {"straat": "x"}}), "type dict"),
    "geneste lijst": (_with(edge_attrs={"paren": [[1, 2]]}), "list-waarden"),
    "te groot getal": (_with({"n": 2**64}), "64 bits"),
    "gereserveerd": (_with({cypher.GENERATION: "x"}), "gereserveerde"),
    "id-attribuut": (_with({"id": "x"}), "gereserveerde"),
    "key-attribuut": (_with(edge_attrs={"key": "x"}), "gereserveerde"),
    "lege naam": (_with({"": 1}), "ongeldige naam"),
    "id zonder soort": (_bad_id(), "bekende soort"),
    "onbekend relatietype": (_bad_type(), "relatietype"),
    "sleutel geen tekst": (_int_key(), "sleutel"),
}


@pytest.mark.parametrize("case", UNSTORABLE)
def test_unstorable_graphs_are_refused_before_anything_is_written(
    case: str, neo4j_store: Neo4jStore, neo4j_empty: Neo4jConnection
) -> None:
    previous = random_graph(12, 20, seed=5)
    neo4j_store.save(previous)
    before = count_all(neo4j_empty)
    graph, words = UNSTORABLE[case]
    with pytest.raises(StoreError, match=words) as raised:
        neo4j_store.save(graph)
    assert str(raised.value).startswith("Kan niet opslaan in Neo4j")
    assert count_all(neo4j_empty) == before
    assert graph_to_dict(neo4j_store.load()) == graph_to_dict(previous)


def test_next_push_removes_what_a_killed_push_left(
    neo4j_store: Neo4jStore, neo4j_empty: Neo4jConnection, shipped_graph: nx.MultiDiGraph
) -> None:
    neo4j_store.save(shipped_graph)
    kill_save_halfway("neo4j", neo4j_store, shipped_graph.number_of_nodes(), neo4j_empty)
    assert count_all(neo4j_empty)[0] > shipped_graph.number_of_nodes() + 1  # leftovers
    assert neo4j_store.counts().nodes == shipped_graph.number_of_nodes()
    count_municipalities = "MATCH (g:Municipality) RETURN count(g) AS n"
    municipalities = sum(a["kind"] == NodeKind.GEMEENTE for _, a in shipped_graph.nodes(data=True))
    # a user's own query sees the leftovers too, and is told so and how to avoid it
    own = run_read_only(neo4j_store, count_municipalities)
    assert own.rows[0]["n"] > municipalities
    assert [n for n in own.notes if "generaties van de graaf" in n and "s.generatie" in n]
    current = run_read_only(
        neo4j_store,
        cypher.current_generation_prefix()
        + f"MATCH (g:Municipality {{{cypher.GENERATION}: gen}}) RETURN count(g) AS n",
    )
    assert current.rows == [{"n": municipalities}] and not current.notes
    neo4j_store.save(shipped_graph)
    # only the current generation and the state node are left
    expected = (shipped_graph.number_of_nodes() + 1, shipped_graph.number_of_edges())
    assert count_all(neo4j_empty) == expected
    again = run_read_only(neo4j_store, count_municipalities)
    assert again.rows == [{"n": municipalities}] and not again.notes


def test_cleaning_up_never_deletes_the_current_graph(
    neo4j_store: Neo4jStore, shipped_graph: nx.MultiDiGraph
) -> None:
    """A push that started while another was writing sees that one's generation as a leftover
    to clean up; by the time it does, that generation may have become current."""
    neo4j_store.save(shipped_graph)
    with neo4j_store.session() as session:
        current = session.run(cypher.current_generation(), state_id=cypher.STATE_ID).single()[0]
    neo4j_store._drop_generations({current})
    assert graph_to_dict(neo4j_store.load()) == graph_to_dict(shipped_graph)
    assert neo4j_store.counts().nodes == shipped_graph.number_of_nodes()


def test_pushing_twice_leaves_identical_database_counts(
    neo4j_store: Neo4jStore, neo4j_empty: Neo4jConnection, shipped_graph: nx.MultiDiGraph
) -> None:
    neo4j_store.save(shipped_graph)
    first = count_all(neo4j_empty), neo4j_store.counts()
    neo4j_store.save(shipped_graph)
    assert (count_all(neo4j_empty), neo4j_store.counts()) == first
    kinds = {NEO4J_LABELS[NodeKind(a["kind"])] for _, a in shipped_graph.nodes(data=True)}
    assert set(first[1].nodes_per_label) == kinds
    assert first[1].relationships == shipped_graph.number_of_edges()


def test_readers_see_the_old_or_the_new_graph_never_a_mix(neo4j_empty: Neo4jConnection) -> None:
    graphs = [random_graph(150, 400, seed=s) for s in (11, 12)]
    expected = [graph_to_dict(g) for g in graphs]
    with neo4j_empty.store() as setup:
        setup.save(graphs[0])
    failures: list[BaseException] = []

    def pushes() -> None:
        try:
            with neo4j_empty.store(batch_size=50) as writer:
                for round_ in range(4):
                    writer.save(graphs[(round_ + 1) % 2])
        except BaseException as exc:  # reported by the main thread
            failures.append(exc)

    thread = threading.Thread(target=pushes)
    thread.start()
    seen = set()
    with neo4j_empty.store() as reader:
        while thread.is_alive():
            loaded = graph_to_dict(reader.load())
            assert loaded in expected, "een lezer zag een half geschreven graaf"
            seen.add(expected.index(loaded))
    thread.join()
    assert not failures, failures
    assert seen == {0, 1}


def test_server_gone_mid_push_keeps_the_previous_graph(
    tmp_path: Path, shipped_graph: nx.MultiDiGraph
) -> None:
    """A second local server is stopped while a push runs (held after its first committed batch,
    with more to come); after a restart the previous graph is complete and the next push
    succeeds."""
    require_java_and_maven("een tweede lokale Neo4j kan hier niet starten")
    home = tmp_path / "tweede-server"
    server = start(home, port="auto", timeout_s=180)
    try:
        with Neo4jStore(server.uri, server.user, server.password) as store:
            store.save(shipped_graph)
        big = random_graph(400, 800, seed=9)
        errors: list[StoreError] = []
        with Neo4jStore(server.uri, server.user, server.password, batch_size=25) as store:
            held, release = _hold_after_first_batch(store)
            pusher = threading.Thread(target=lambda: _push_expecting_error(store, big, errors))
            pusher.start()
            assert held.wait(timeout=120), "de push schreef geen batch"
            with store.session() as session:
                written = session.run("MATCH (n:Node) RETURN count(n) AS c").single()["c"]
            assert written > shipped_graph.number_of_nodes()  # part of the new generation
            stop(home)
            release.set()
            pusher.join(timeout=120)
        assert len(errors) == 1
        message = str(errors[0])
        assert "niet bereikbaar" in message and "blijft ongewijzigd" in message
        assert server.password not in message and "\n" not in message
        server = start(home, port="auto", timeout_s=180)
        with Neo4jStore(server.uri, server.user, server.password) as store:
            assert graph_to_dict(store.load()) == graph_to_dict(shipped_graph)
            store.save(big)
            assert graph_to_dict(store.load()) == graph_to_dict(big)
    finally:
        stop(home)


def _hold_after_first_batch(store: Neo4jStore) -> tuple[threading.Event, threading.Event]:
    """Make ``store``'s push wait after its first committed batch: the first event says it is
    there, the second lets it go on (in-process twin of HOLD_AFTER_FIRST_BATCH)."""
    held, release = threading.Event(), threading.Event()
    check_batch = store._check_batch

    def check_then_hold(written: int, expected: int) -> None:
        check_batch(written, expected)
        if not held.is_set():
            held.set()
            release.wait(timeout=120)

    store._check_batch = check_then_hold  # type: ignore[method-assign]
    return held, release


def _push_expecting_error(store: Neo4jStore, graph: nx.MultiDiGraph, errors: list) -> None:
    try:
        store.save(graph)
    except StoreError as exc:
        errors.append(exc)


def _kind_count(graph: nx.MultiDiGraph, kind: str) -> list[dict]:
    return [{"n": sum(1 for _, a in graph.nodes(data=True) if a["kind"] == kind)}]


READ_QUERIES = {
    "MATCH (g:Municipality) RETURN count(g) AS n": lambda g: _kind_count(g, "gemeente"),
    "CALL db.labels() YIELD label WHERE label = 'Theme' RETURN label": lambda g: [
        {"label": "Theme"}
    ],
    "MATCH (t:Theme {sleutel: $k}) RETURN t.naam AS naam": lambda g: [
        {"naam": g.nodes["thema:klein-bij-groot"]["naam"]}
    ],
}


@pytest.mark.parametrize("query", READ_QUERIES)
def test_read_queries_pass_the_guard(
    query: str, neo4j_store: Neo4jStore, shipped_graph: nx.MultiDiGraph
) -> None:
    neo4j_store.save(shipped_graph)
    result = run_read_only(neo4j_store, query, {"k": "klein-bij-groot"})
    assert result.rows == READ_QUERIES[query](shipped_graph)


def test_row_cap_and_result_graph(neo4j_store: Neo4jStore, shipped_graph: nx.MultiDiGraph) -> None:
    neo4j_store.save(shipped_graph)
    result = run_read_only(
        neo4j_store, "MATCH (g:Municipality)-[r:GRENST_AAN]->(h) RETURN g, r, h", row_cap=10
    )
    assert len(result.rows) == 10 and result.truncated and result.notes
    assert result.graph is not None and result.graph.number_of_edges() == 10
    for u, v, attrs in result.graph.edges(data=True):
        assert attrs["type"] == "GRENST_AAN"
        assert shipped_graph.has_edge(u, v) or shipped_graph.has_edge(v, u)
    assert all(a["kind"] == "gemeente" for _, a in result.graph.nodes(data=True))
    row = result.rows[0]
    assert row["g"]["labels"] == ["Municipality"] and row["r"]["type"] == "GRENST_AAN"
    assert cypher.GENERATION not in row["g"]["eigenschappen"]


def test_slow_query_times_out(neo4j_store: Neo4jStore) -> None:
    with pytest.raises(StoreError, match="langer dan 1 s"):
        run_read_only(
            neo4j_store,
            "UNWIND range(1, 1000000000) AS x WITH x WHERE x = -1 RETURN count(x)",
            timeout_s=1,
        )


def test_a_refused_query_is_not_a_syntax_error(neo4j_store: Neo4jStore) -> None:
    with pytest.raises(QueryRefused, match="niet geldig"):
        run_read_only(neo4j_store, "MATCH (n RETURN n")
