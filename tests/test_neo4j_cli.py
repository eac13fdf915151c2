"""The issue's "done when", end to end through `netwerkkaart` in-process against a real server:
build into Neo4j, status, pull identical, a named query, write queries refused, bad settings
answered with one Dutch line."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import networkx as nx
import pytest

from graph.analysis.stats import graph_stats
from graph.model import NEO4J_LABELS, NodeKind
from graph.stores.memory import MemoryStore, graph_to_dict
from tests.cli_support import run
from tests.neo4j_support import Neo4jConnection, count_all

pytestmark = pytest.mark.neo4j


def test_build_status_pull_and_a_named_query(
    workspace: Path,
    neo4j_env: Neo4jConnection,
    shipped_graph: nx.MultiDiGraph,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run(capsys, "build")[0] == 0
    code, out, _ = run(capsys, "build", "--store", "neo4j")
    assert code == 0 and "Neo4j" in out

    code, out, _ = run(capsys, "neo4j", "status")
    assert code == 0 and "database neo4j" in out and "community" in out
    stats = graph_stats(shipped_graph)
    for kind, count in stats.nodes_per_kind.items():
        assert f"{NEO4J_LABELS[NodeKind(kind)]}" in out
        assert any(
            line.split() == ["label", NEO4J_LABELS[NodeKind(kind)], str(count)]
            for line in out.splitlines()
        )
    for rel, count in stats.relationships_per_type.items():
        assert any(line.split() == ["relatie", rel, str(count)] for line in out.splitlines())
    code, out, _ = run(capsys, "neo4j", "status", "--format", "json")
    status = json.loads(out)
    assert (status["nodes"], status["relaties"]) == (stats.nodes, stats.relationships)

    code, out, _ = run(capsys, "neo4j", "pull")
    assert code == 0 and "Gelijk aan de bestaande snapshot" in out
    assert graph_to_dict(MemoryStore(workspace).load()) == graph_to_dict(shipped_graph)

    code, out, err = run(
        capsys,
        "cypher",
        "--naam",
        "regiopartners",
        "--param",
        "gemeente=Zwolle",
        "--format",
        "json",
    )
    assert code == 0, err
    rows = json.loads(out)
    neighbours = {
        shipped_graph.nodes[v]["naam"]
        for u, v, a in shipped_graph.edges("gemeente:GM0193", data=True)
        if a["type"] == "GRENST_AAN"
    }
    assert neighbours and neighbours <= {r["partner"] for r in rows}

    code, out, _ = run(capsys, "cypher", "--lijst")
    assert code == 0 and "kortste-pad" in out and "netwerkkaart cypher --naam" in out

    code, out, _ = run(
        capsys,
        "cypher",
        "MATCH (g:Municipality) WHERE g.inwoners_recent > $min RETURN g.naam AS naam",
        "--param",
        "min=100000",
        "--format",
        "csv",
    )
    big = {
        a["naam"] for _, a in shipped_graph.nodes(data=True) if a.get("inwoners_recent", 0) > 100000
    }
    assert code == 0 and set(out.splitlines()[1:]) == big


def test_push_and_pull_report_differences(
    workspace: Path, neo4j_env: Neo4jConnection, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "neo4j", "push")
    assert code == 1 and "netwerkkaart build" in err
    assert run(capsys, "build")[0] == 0
    code, out, _ = run(capsys, "neo4j", "push", "--batch", "7")
    assert code == 0 and "rijen/s" in out
    snapshot = MemoryStore(workspace)
    changed = snapshot.load()
    changed.remove_node("gemeente:GM0163")
    snapshot.save(changed)
    code, out, _ = run(capsys, "neo4j", "pull")
    assert code == 0 and "Wijkt af" in out


WRITES = [
    "CREATE (n:Municipality {id: 'x'}) RETURN n",
    "MERGE (n:Municipality {id: 'x'})",
    "MATCH (n:Municipality) SET n.naam = 'x'",
    "MATCH (n:Municipality) DELETE n",
    "MATCH (n) DETACH DELETE n",
    "MATCH (n:Municipality) REMOVE n.naam",
    "LOAD CSV FROM 'file:///etc/passwd' AS r RETURN r",
    "CALL () { MATCH (n) RETURN n } IN TRANSACTIONS RETURN count(n)",
    "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS",
    "CREATE CONSTRAINT c IF NOT EXISTS FOR (n:Theme) REQUIRE n.naam IS UNIQUE",
    "DROP CONSTRAINT netwerkkaart_theme_id",
    "CALL db.createLabel('Vreemd')",
    "CALL db.stats.clear('QUERIES')",
    "TERMINATE TRANSACTIONS 'neo4j-transaction-1'",
    "FOREACH (i IN [1] | CREATE (:Theme {id: 'y'}))",
    "MATCH (n) RETURN count(n); MATCH (n) DETACH DELETE n",
    "CREATE USER indringer SET PASSWORD 'geheim-geheim'",
]


@pytest.mark.parametrize("query", WRITES)
def test_write_queries_are_refused_and_change_nothing(
    query: str,
    workspace: Path,
    neo4j_env: Neo4jConnection,
    shipped_graph: nx.MultiDiGraph,
    capsys: pytest.CaptureFixture[str],
) -> None:
    with neo4j_env.store() as store:
        store.save(shipped_graph)
    constraints = _constraint_count(neo4j_env)
    before = count_all(neo4j_env)
    code, out, err = run(capsys, "cypher", query)
    assert code == 1 and out == ""
    assert err.startswith("fout: Geweigerd") and err.count("\n") == 1, err
    assert "Traceback" not in err
    assert count_all(neo4j_env) == before
    assert _constraint_count(neo4j_env) == constraints
    with neo4j_env.store() as store:
        assert graph_to_dict(store.load()) == graph_to_dict(shipped_graph)


def _constraint_count(connection: Neo4jConnection) -> int:
    with connection.store() as store, store.session() as session:
        return session.run("SHOW CONSTRAINTS YIELD name RETURN count(*) AS c").single()["c"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.parametrize(
    ("setting", "value", "words"),
    [
        ("NEO4J_PASSWORD", "fout-wachtwoord-123", "verkeerd wachtwoord"),
        ("NEO4J_URI", "bolt://127.0.0.1:{port}", "niet bereikbaar"),
        ("NEO4J_DATABASE", "bestaatniet", "bestaat niet"),
        ("NEO4J_URI", "http://127.0.0.1:7474", "Ongeldig Neo4j-adres"),
    ],
)
@pytest.mark.parametrize(
    "command", [["neo4j", "status"], ["cypher", "RETURN 1"], ["build", "--store", "neo4j"]]
)
def test_bad_settings_give_one_dutch_line(
    setting: str,
    value: str,
    words: str,
    command: list[str],
    workspace: Path,
    neo4j_env: Neo4jConnection,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv(setting, value.format(port=_free_port()))
    code, out, err = run(capsys, *command)
    assert code == 1
    assert err.startswith("fout: ") and err.count("\n") == 1, err
    assert words in err and "Traceback" not in err
    assert neo4j_env.password not in err + out and "fout-wachtwoord" not in err + out


def test_without_any_neo4j_the_user_is_told_how(
    workspace: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("NEO4J_URI", raising=False)
    code, _, err = run(capsys, "neo4j", "status")
    assert code == 1 and "netwerkkaart neo4j start" in err and "NEO4J_URI" in err
