"""The Cypher export: literals escaped, and the script rebuilds the selection in a real Neo4j.

The Neo4j test runs the script statement by statement through the driver (as cypher-shell
would), reads everything back, compares it with the selection, runs the script again and checks
that nothing changed. It removes its nodes and constraints afterwards, so the store's tests
find the database as they expect it.
"""

from __future__ import annotations

import re
from typing import Any

import networkx as nx
import pytest
from neo4j import GraphDatabase

from graph.model import NEO4J_LABELS, NodeKind
from graph.stores.neo4j_rows import edge_from_row, label_of, node_from_row, push_plan
from tests.exports_support import DATE, HOSTILE, hostile_graph, twente
from views.exports.cypher_script import comment, literal
from views.exports.registry import render_export


def statements(script: str) -> list[str]:
    """The script's statements: each ends with ';' at the end of a line; comments dropped."""
    parts = re.split(r";\n", script)
    found = []
    for part in parts:
        body = "\n".join(line for line in part.splitlines() if not line.startswith("//")).strip()
        if body:
            found.append(body)
    return found


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("gewoon", "'gewoon'"),
        ("O'Neil", "'O\\'Neil'"),
        ("a\\b", "'a\\\\b'"),
        ("regel1\nregel2\r\t", "'regel1\\nregel2\\r\\t'"),
        ("\u2028\x00", "'\\u2028\\u0000'"),
        ("☃ 𝄞", "'☃ 𝄞'"),
        (12, "12"),
        (-0.5, "-0.5"),
        (True, "true"),
        (["a'", "b"], "['a\\'', 'b']"),
        ({"naam": "x", "rare sleutel`": 1}, "{naam: 'x', `rare sleutel```: 1}"),
    ],
)
def test_literals(value: Any, expected: str) -> None:
    assert literal(value) == expected


def test_non_finite_numbers_are_refused() -> None:
    with pytest.raises(ValueError):
        literal(float("nan"))


def test_comments_stay_on_one_line() -> None:
    assert comment("a\nMATCH (n) DETACH DELETE n\u2028b") == "// a MATCH (n) DETACH DELETE n b"


def test_script_is_constraints_first_then_batches(shipped_graph: nx.MultiDiGraph) -> None:
    script = render_export("cypher", shipped_graph, datum=DATE).decode("utf-8")
    found = statements(script)
    kinds = {a["kind"] for _, a in shipped_graph.nodes(data=True)}
    constraints = [s for s in found if s.startswith("CREATE CONSTRAINT")]
    assert len(constraints) == len(kinds)
    assert found[: len(constraints)] == constraints
    assert all(s.startswith("UNWIND [") for s in found[len(constraints) :])
    assert script.startswith("// Netwerkkaart MBO — Cypher-export")


def test_script_writes_the_stores_rows_and_labels(shipped_graph: nx.MultiDiGraph) -> None:
    """The script's UNWIND rows are the Neo4j store's push rows, under the store's labels."""
    selection = twente(hostile_graph(shipped_graph))
    script = render_export("cypher", selection, datum=DATE).decode("utf-8")
    plan = push_plan(selection)
    found = statements(script)
    for label, rows in plan.nodes.items():
        merged = "\n".join(s for s in found if f"MERGE (n:{label} {{id: row.id}})" in s)
        assert all(f"  {literal(row)}" in merged for row in rows), label
    for rel_type, rows in plan.relationships.items():
        merged = "\n".join(s for s in found if f"-[r:{rel_type} " in s)
        assert all(f"  {literal(row)}" in merged for row in rows), rel_type
        for row in rows:
            ends = f"MATCH (a:{label_of(row['source'])} {{id: row.source}})\nMATCH (b:{label_of(row['target'])} "
            assert any(ends in s and literal(row) in s for s in found)
    rows = sum(s.count("\n  {") for s in found)  # one row per line inside UNWIND [...]
    assert rows == plan.node_count + plan.relationship_count
    constraints = re.findall(r"FOR \(n:(\w+)\) REQUIRE", script)
    assert sorted(constraints) == sorted(plan.nodes)


def test_what_the_store_refuses_the_script_refuses(shipped_graph: nx.MultiDiGraph) -> None:
    graph = shipped_graph.copy()
    graph.nodes["gemeente:GM0147"]["adres"] = {"straat": "Markt"}
    with pytest.raises(ValueError, match=r"gemeente:GM0147.*'adres'"):
        render_export("cypher", graph, datum=DATE)


def _pull(session: Any) -> nx.MultiDiGraph:
    """Everything in the database as a graph, read the way the Neo4j store reads it."""
    graph = nx.MultiDiGraph()
    for record in session.run("MATCH (n) RETURN labels(n) AS labels, properties(n) AS props"):
        node, attrs = node_from_row(record["props"])
        assert record["labels"] == [NEO4J_LABELS[NodeKind(attrs["kind"])]]
        graph.add_node(node, **attrs)
    for record in session.run(
        "MATCH (a)-[r]->(b) RETURN a.id AS a, b.id AS b, type(r) AS type, properties(r) AS props"
    ):
        key, attrs = edge_from_row(record["type"], record["props"])
        graph.add_edge(record["a"], record["b"], key=key, **attrs)
    return graph


def _as_sets(graph: nx.MultiDiGraph) -> tuple[dict, dict]:
    return (
        {n: dict(a) for n, a in graph.nodes(data=True)},
        {(u, v, k): dict(a) for u, v, k, a in graph.edges(keys=True, data=True)},
    )


@pytest.mark.neo4j
def test_script_rebuilds_the_selection_in_neo4j_and_is_idempotent(
    shipped_graph: nx.MultiDiGraph, neo4j_empty: Any
) -> None:
    selection = twente(hostile_graph(shipped_graph))
    assert any(a["naam"] == HOSTILE[7] for _, a in selection.nodes(data=True))
    script = render_export("cypher", selection, datum=DATE, selectie=HOSTILE[7]).decode("utf-8")
    found = statements(script)
    created = re.findall(r"^CREATE CONSTRAINT (\w+) ", script, re.M)
    auth = (neo4j_empty.user, neo4j_empty.password)
    with (
        GraphDatabase.driver(neo4j_empty.uri, auth=auth) as driver,
        driver.session(database=neo4j_empty.database) as session,
    ):
        try:
            for statement in found:
                session.run(statement).consume()
            first = _pull(session)
            assert _as_sets(first) == _as_sets(selection)
            counts = session.run(
                "MATCH (n) WITH count(n) AS n MATCH ()-[r]->() RETURN n, count(r) AS r"
            ).single()
            assert (counts["n"], counts["r"]) == (
                selection.number_of_nodes(),
                selection.number_of_edges(),
            )
            for statement in found:
                summary = session.run(statement).consume()
                assert summary.counters.nodes_created == 0
                assert summary.counters.relationships_created == 0
            assert _as_sets(_pull(session)) == _as_sets(selection)
        finally:
            session.run("MATCH (n) DETACH DELETE n").consume()
            for name in created:
                session.run(f"DROP CONSTRAINT {name} IF EXISTS").consume()
