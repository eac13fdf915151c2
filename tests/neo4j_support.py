"""Fixtures for tests against a real Neo4j: one server for the whole session, an empty database
per test, and a seeded graph generator for bigger pushes.

The server is the project's own local Neo4j (started with the launcher on a free port in a
temporary workspace, stopped at the end; under pytest-xdist each worker starts its own, so the
Neo4j tests spread over the workers), or the one NEO4J_URI / NEO4J_USER / NEO4J_PASSWORD /
NEO4J_DATABASE point at (CI starts one that way; tests/conftest.py then keeps every Neo4j test on
one worker). The tests empty that database: a database that holds anything but this project's
nodes is refused rather than wiped.

Without java/mvn and without NEO4J_URI the Neo4j tests are skipped with one line saying why;
under CI=true they fail instead, so CI never passes without having run them.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
import pytest
from neo4j import WRITE_ACCESS

from graph.model import NodeKind, RelType, new_graph, node_id
from graph.stores import cypher
from graph.stores.base import GraphStore
from graph.stores.neo4j import DEFAULT_BATCH_SIZE, Neo4jStore
from netwerkkaart.services.neo4j_local import Neo4jServerError, start, stop


@dataclass(frozen=True)
class Neo4jConnection:
    uri: str
    user: str
    password: str = field(repr=False)
    database: str = "neo4j"

    def store(self, batch_size: int = DEFAULT_BATCH_SIZE) -> Neo4jStore:
        return Neo4jStore(self.uri, self.user, self.password, self.database, batch_size=batch_size)


def neo4j_unavailable(reason: str) -> None:
    """The one way a test gives up for want of Neo4j: skipped here, a failure under CI=true."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"Neo4j is nodig onder CI=true: {reason}", pytrace=False)
    pytest.skip(f"Neo4j-tests overgeslagen: {reason}")


def require_java_and_maven(why: str) -> None:
    """:func:`neo4j_unavailable` when java or mvn is missing, so ``why`` cannot be done here."""
    missing = [tool for tool in ("java", "mvn") if shutil.which(tool) is None]
    if missing:
        neo4j_unavailable(f"{' en '.join(missing)} niet gevonden: {why}")


FOREIGN_NODES = (
    f"MATCH (n) WHERE n.{cypher.GENERATION} IS NULL AND NOT n:{cypher.STATE_LABEL} "
    "RETURN count(n) AS count"
)
DELETE_ALL = "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"


@pytest.fixture(scope="session")
def neo4j_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Neo4jConnection]:
    """The Neo4j of this test session (see the module docstring)."""
    uri = os.environ.get("NEO4J_URI", "").strip()
    if uri:
        connection = Neo4jConnection(
            uri,
            os.environ.get("NEO4J_USER") or "neo4j",
            os.environ.get("NEO4J_PASSWORD", ""),
            os.environ.get("NEO4J_DATABASE") or "neo4j",
        )
        with connection.store() as store, store.session() as session:
            foreign = session.run(FOREIGN_NODES).single()["count"]
        if foreign:
            pytest.fail(
                f"De Neo4j op {uri} bevat {foreign} nodes die niet van netwerkkaart zijn; de "
                "tests zouden ze wissen. Gebruik een lege testdatabase.",
                pytrace=False,
            )
        yield connection
        return
    require_java_and_maven("de lokale Neo4j kan niet starten en NEO4J_URI is niet gezet.")
    home = tmp_path_factory.mktemp("neo4j-werkmap")
    try:
        server = start(home, port="auto", timeout_s=180)
    except Neo4jServerError as exc:
        pytest.fail(f"De lokale Neo4j start niet: {exc}", pytrace=False)
    try:
        yield Neo4jConnection(server.uri, server.user, server.password)
    finally:
        stop(home)


def empty_database(connection: Neo4jConnection) -> None:
    """Delete every node and relationship (constraints and indexes stay)."""
    with connection.store() as store, store.session(WRITE_ACCESS) as session:
        session.run(DELETE_ALL).consume()


@pytest.fixture()
def neo4j_empty(neo4j_server: Neo4jConnection) -> Neo4jConnection:
    """The session's Neo4j with an empty database, so each test starts from nothing."""
    empty_database(neo4j_server)
    return neo4j_server


@pytest.fixture()
def neo4j_store(neo4j_empty: Neo4jConnection) -> Iterator[Neo4jStore]:
    """A Neo4j store on an empty database, closed after the test."""
    with neo4j_empty.store() as store:
        yield store


@pytest.fixture()
def neo4j_env(neo4j_empty: Neo4jConnection, monkeypatch: pytest.MonkeyPatch) -> Neo4jConnection:
    """NEO4J_* set for in-process CLI calls, on an empty database."""
    monkeypatch.setenv("NEO4J_URI", neo4j_empty.uri)
    monkeypatch.setenv("NEO4J_USER", neo4j_empty.user)
    monkeypatch.setenv("NEO4J_PASSWORD", neo4j_empty.password)
    monkeypatch.setenv("NEO4J_DATABASE", neo4j_empty.database)
    return neo4j_empty


def random_graph(nodes: int, relationships: int, seed: int = 2010) -> nx.MultiDiGraph:
    """A seeded graph of the project's shape, marked ``synthetisch``, with parallel relationships
    and every property type; fast to make at 100k relationships."""
    rng = random.Random(seed)
    kinds = list(NodeKind)
    graph = new_graph()
    ids = []
    for i in range(nodes):
        kind = kinds[i % len(kinds)]
        identifier = node_id(kind, f"s{i:06d}")
        ids.append(identifier)
        graph.add_node(
            identifier,
            kind=kind.value,
            naam=f"Synthetisch {i}",
            inwoners=rng.randrange(1_000, 200_000),
            lat=rng.uniform(50.7, 53.5),
            synoniemen=[f"s{i}", f"'{i}\""],
            bron="random_graph",
            bron_type="synthetisch",
            jaar=2024,
        )
    types = list(RelType)
    for i in range(relationships):
        source, target = rng.choice(ids), rng.choice(ids)
        rel = types[i % len(types)]
        graph.add_edge(
            source,
            target,
            key=f"{rel}|{i}",
            type=rel.value,
            niveau=rng.choice(["geen", "incidenteel", "structureel"]),
            gewicht=rng.random(),
            actief=bool(i % 2),
            bron="random_graph",
            bron_type="synthetisch",
            jaar=2024,
        )
    return graph


def count_all(connection: Neo4jConnection) -> tuple[int, int]:
    """(nodes, relationships) in the whole database, every generation and the state node."""
    with connection.store() as store, store.session() as session:
        nodes = session.run("MATCH (n) RETURN count(n) AS c").single()["c"]
        rels = session.run("MATCH ()-[r]->() RETURN count(r) AS c").single()["c"]
    return nodes, rels


def project_root() -> Path:
    return Path(__file__).resolve().parents[1]


# --------------------------------------------------------------------------- killed saves

WORKER = """
import os, sys
from pathlib import Path
from tests.neo4j_support import random_graph

graph = random_graph(int(sys.argv[2]), int(sys.argv[3]), seed=7)
print("klaar om te schrijven", flush=True)
if sys.argv[1] == "memory":
    from graph.stores.memory import MemoryStore
    MemoryStore(Path(os.environ["WERKMAP"])).save(graph)
else:
    from graph.stores.neo4j import Neo4jStore
    Neo4jStore(
        os.environ["NEO4J_URI"], os.environ["NEO4J_USER"], os.environ["NEO4J_PASSWORD"],
        os.environ["NEO4J_DATABASE"], batch_size=25,
    ).save(graph)
"""
#: Prelude for a child process whose snapshot write is to be killed: its first fsync touches the
#: file named in $HELD_AT_FSYNC (when set) and never returns. The test kills it there (new bytes
#: on disk, old snapshot not yet replaced) instead of racing a clock against a write that takes
#: milliseconds.
HOLD_AT_FSYNC = """
import os, time
from pathlib import Path
_real_fsync = os.fsync
def _fsync_then_hold(fd):
    _real_fsync(fd)
    if "HELD_AT_FSYNC" in os.environ:
        Path(os.environ["HELD_AT_FSYNC"]).touch()
    time.sleep(600)
os.fsync = _fsync_then_hold
"""
#: Prelude for a child process whose Neo4j push is to be interrupted: once its first batch is
#: committed, it touches the file named in $HELD_AFTER_BATCH and waits until the file named in
#: $RELEASE_AFTER_BATCH exists (forever when that is not set), then goes on with the next batch.
#: The test acts there (kills the server or the process) with part of the new generation written
#: and the rest to come, instead of pushing a big graph and racing a clock against it.
HOLD_AFTER_FIRST_BATCH = """
import os, time
from pathlib import Path
from graph.stores.neo4j import Neo4jStore
_real_check_batch = Neo4jStore._check_batch
def _check_batch_then_hold(self, written, expected):
    _real_check_batch(self, written, expected)
    if getattr(self, "_held_once", False):
        return
    self._held_once = True
    Path(os.environ["HELD_AFTER_BATCH"]).touch()
    release = os.environ.get("RELEASE_AFTER_BATCH")
    while release is None or not Path(release).exists():
        time.sleep(0.05)
Neo4jStore._check_batch = _check_batch_then_hold
"""
#: (nodes, relationships) the killed save writes: several batches, so a batch can be caught with
#: more to come (the processes hold at a known point, so size does not decide the timing).
WORKER_SIZE = {"memory": (2_000, 4_000), "neo4j": (400, 800)}


def _halfway_probe(store_kind: str, store: GraphStore, held: Path) -> Callable[[], bool]:
    """True once a save is visibly under way but not finished: the snapshot's temporary file
    exists (memory), or the process holds after its first batch (Neo4j)."""
    if store_kind == "memory":
        folder = store.path.parent  # type: ignore[attr-defined]
        return lambda: any(folder.glob(".graph.json.*.tmp"))
    return held.exists


def _nodes_in(store: GraphStore) -> int:
    with store.session() as session:  # type: ignore[attr-defined]
        return session.run("MATCH (n:Node) RETURN count(n) AS c").single()["c"]


def _worker_env(
    store_kind: str, store: GraphStore, connection: Neo4jConnection | None, held: Path
) -> dict:
    env = {**os.environ, "PYTHONPATH": str(project_root()), "HELD_AFTER_BATCH": str(held)}
    env.pop("RELEASE_AFTER_BATCH", None)
    if store_kind == "memory":
        env["WERKMAP"] = str(store.path.parent)  # type: ignore[attr-defined]
    else:
        assert connection is not None
        env.update(
            NEO4J_URI=connection.uri,
            NEO4J_USER=connection.user,
            NEO4J_PASSWORD=connection.password,
            NEO4J_DATABASE=connection.database,
        )
    return env


def kill_save_halfway(
    store_kind: str, store: GraphStore, nodes_before: int, connection: Neo4jConnection | None
) -> None:
    """Start saving a graph into ``store`` in another process and SIGKILL it half-way (see the
    probe); fails the test when it could not be caught half-way (for Neo4j: with a batch of the
    new generation committed and more to come)."""
    held = Path(tempfile.mkdtemp(prefix="held-")) / "held"
    halfway = _halfway_probe(store_kind, store, held)
    nodes, rels = WORKER_SIZE[store_kind]
    hold = HOLD_AT_FSYNC if store_kind == "memory" else HOLD_AFTER_FIRST_BATCH
    worker = subprocess.Popen(
        [sys.executable, "-c", hold + WORKER, store_kind, str(nodes), str(rels)],
        env=_worker_env(store_kind, store, connection, held),
        cwd=project_root(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    caught = False
    try:
        assert worker.stdout is not None
        worker.stdout.readline()  # the graph is made; writing starts now
        deadline = time.monotonic() + 60
        while worker.poll() is None and time.monotonic() < deadline:
            if halfway():
                worker.send_signal(signal.SIGKILL)
                caught = store_kind == "memory" or _nodes_in(store) > nodes_before
                break
            time.sleep(0.001)
    finally:
        if worker.poll() is None:
            worker.kill()
        _, errors = worker.communicate()
        shutil.rmtree(held.parent, ignore_errors=True)
    assert caught, f"de save was niet halverwege te vangen: {errors[-500:]!r}"
