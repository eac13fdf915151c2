"""Faults: Neo4j stopped before, killed during and killed after a push; the app while Neo4j is
down and when it returns; a crash while the embedded snapshot is written; two pushes at once.

The server-killing tests run a Neo4j of their own (``netwerkkaart.services.neo4j_local.start`` in a
temporary workspace, on a fixed free port so it can come back at the same address). The push
that loses its server runs in a process that holds after its first committed batch (see
``HOLD_AFTER_FIRST_BATCH``): the test kills the server's JVM exactly there, with part of the new
generation written and the rest to come, so a small graph does and no clock is raced. They run
in file order, each leaving the server running for the next.
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from graph.stores.base import StoreError
from graph.stores.memory import MemoryStore, graph_to_dict
from graph.stores.neo4j import Neo4jStore
from loaders.datasets import Source
from netwerkkaart.cli import main
from netwerkkaart.services import neo4j_local
from netwerkkaart.services.workspace import build_and_save, upload_sources
from tests.browser_support import _free_port
from tests.neo4j_support import (
    HOLD_AFTER_FIRST_BATCH,
    HOLD_AT_FSYNC,
    Neo4jConnection,
    count_all,
    project_root,
    random_graph,
    require_java_and_maven,
)

pytestmark = pytest.mark.neo4j

APP = project_root() / "app.py"
#: ``netwerkkaart neo4j push --batch 100`` in a process of its own, as a user runs it, that holds
#: after its first committed batch until the test releases it (see HOLD_AFTER_FIRST_BATCH).
PUSH_HELD_AFTER_FIRST_BATCH = (
    HOLD_AFTER_FIRST_BATCH
    + "from netwerkkaart.cli import main\n"
    + "raise SystemExit(main(['neo4j', 'push', '--batch', '100']))"
)
#: ``netwerkkaart neo4j pull`` that stops for good at its first fsync (see HOLD_AT_FSYNC).
PULL_HELD_AT_FSYNC = HOLD_AT_FSYNC + "from netwerkkaart.cli import main; main(['neo4j', 'pull'])"
GOOD_UPLOAD = Source(
    "kring_borne.csv", b"soort;naam;gemeente\nondernemersnetwerk;Kring Borne (test);Borne\n"
)


@dataclass
class Dedicated:
    """A Neo4j started for these tests only: where it lives, its port, and the running server."""

    workspace: Path
    port: int
    server: neo4j_local.LocalServer = field(repr=False)

    @property
    def connection(self) -> Neo4jConnection:
        return Neo4jConnection(self.server.uri, self.server.user, self.server.password)

    def kill(self) -> None:
        """SIGKILL the server's JVM: no shutdown, no flush, like a power cut for the process."""
        assert self.server.pid is not None
        os.kill(self.server.pid, signal.SIGKILL)
        wait_for(self._port_released, 60, "het vrijkomen van de poort van de gestopte Neo4j")

    def _port_released(self) -> bool:
        """True once the dead JVM's listening socket is gone (the kernel needs a moment)."""
        with socket.socket() as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind(("127.0.0.1", self.port))
            except OSError:
                return False
        return True

    def restart(self) -> None:
        self.server = start_with_password(self.workspace, self.port, self.server.password)

    def stop(self) -> None:
        neo4j_local.stop(self.workspace)


def start_with_password(workspace: Path, port: int, password: str) -> neo4j_local.LocalServer:
    """Start the workspace's server with NEO4J_PASSWORD set for the start only. The tests use a
    password that begins with "-", which neo4j-admin once read as an option (1 in 64 generated
    passwords did), so a new database failed to start."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NEO4J_PASSWORD", password)
        return neo4j_local.start(workspace, port=port, timeout_s=240)


@pytest.fixture(scope="module")
def dedicated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Dedicated]:
    require_java_and_maven("een eigen lokale Neo4j kan hier niet starten")
    workspace = tmp_path_factory.mktemp("storingen-neo4j")
    port = _free_port()
    server = start_with_password(workspace, port, "-" + secrets.token_urlsafe(16))
    try:
        yield Dedicated(workspace, port, server)
    finally:
        neo4j_local.stop(workspace)


@pytest.fixture(scope="module")
def replacement() -> nx.MultiDiGraph:
    """The graph the fault tests push over the shipped one: over a dozen batches of 100 rows."""
    return random_graph(400, 800, seed=12)


def use_neo4j(monkeypatch: pytest.MonkeyPatch, connection: Neo4jConnection) -> None:
    monkeypatch.setenv("NEO4J_URI", connection.uri)
    monkeypatch.setenv("NEO4J_USER", connection.user)
    monkeypatch.setenv("NEO4J_PASSWORD", connection.password)
    monkeypatch.setenv("NEO4J_DATABASE", connection.database)


def wait_for(condition: Callable[[], bool], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"{what} bleef uit na {seconds:.0f} s")
        time.sleep(0.05)


def texts(elements) -> str:
    """What the elements say, without the backslashes that make data inert in markdown."""
    return "\n".join(str(e.value) for e in elements).replace("\\", "")


def open_page(page: str) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.switch_page(f"ui/pages/{page}.py")
    return at.run()


# --------------------------------------------------------------------------- stopped before


def test_a_push_to_a_stopped_neo4j_is_refused_in_dutch(
    dedicated: Dedicated,
    workspace: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["build"]) == 0
    snapshot = (workspace / "graph.json").read_bytes()
    use_neo4j(monkeypatch, dedicated.connection)
    dedicated.stop()
    try:
        capsys.readouterr()
        assert main(["neo4j", "push"]) == 1
        err = capsys.readouterr().err
        assert err.startswith("fout: Neo4j (bolt://127.0.0.1:") and err.count("\n") == 1, err
        assert "is niet bereikbaar (de push voorbereiden is mislukt)" in err
        assert "netwerkkaart neo4j start" in err and "Traceback" not in err
        assert dedicated.server.password not in err
        assert (workspace / "graph.json").read_bytes() == snapshot
    finally:
        dedicated.restart()


def test_the_app_while_neo4j_goes_down_and_comes_back(
    dedicated: Dedicated,
    workspace: Path,
    monkeypatch: pytest.MonkeyPatch,
    shipped_graph: nx.MultiDiGraph,
) -> None:
    """Connected: an upload is refused when Neo4j dies under it, nothing is kept. At the next
    start the app runs on the embedded snapshot with a warning, and reconnects once Neo4j is
    back."""
    assert build_and_save(workspace, MemoryStore(workspace)).ok
    with dedicated.connection.store() as store:
        store.save(shipped_graph)
    use_neo4j(monkeypatch, dedicated.connection)
    monkeypatch.setenv("NETWERKKAART_STORE", "neo4j")
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.switch_page("ui/pages/data.py")
    at.session_state["data_pending"] = GOOD_UPLOAD
    at.run()
    assert not at.warning and "in orde" in texts(at.success)

    dedicated.stop()
    at.button(key="data_add").click().run()
    assert not at.exception
    assert "Toevoegen is niet gelukt; er is niets opgeslagen." in texts(at.error)
    assert "niet bereikbaar" in texts(at.error)
    assert upload_sources(workspace) == []

    cut = open_page("netwerk")  # the connection made before is still the one in use
    assert not cut.exception
    assert "De graaf kan niet worden gelezen uit Neo4j" in texts(cut.error)
    assert "niet bereikbaar" in texts(cut.error) and "netwerkkaart neo4j start" in texts(cut.error)
    cut.button(key="graph_reconnect").click().run()  # still down: the fallback, saying why
    assert not cut.exception and not cut.error
    assert "De ingestelde opslag (neo4j) is niet bereikbaar" in texts(cut.warning)

    st.cache_resource.clear()  # the app starts again (a new server process has no connection)
    down = open_page("netwerk")
    assert not down.exception
    warning = texts(down.warning)
    assert "De ingestelde opslag (neo4j) is niet bereikbaar" in warning
    assert "ingebouwde snapshot" in warning
    assert dedicated.server.password not in warning + texts(down.markdown)
    assert "ingebouwde opslag" in texts(open_page("instellingen").markdown)

    dedicated.restart()
    status = open_page("instellingen")
    status.button(key="status_reconnect").click().run()
    assert not status.exception
    assert "niet bereikbaar" not in texts(status.warning)
    assert "**Neo4j-server:** 5." in texts(status.markdown)
    assert "**In gebruik:** Neo4j" in texts(status.markdown)
    cut.run()  # the page that lost the server has it back
    assert not cut.exception and not cut.error and "niet bereikbaar" not in texts(cut.warning)


# --------------------------------------------------------------------------- killed during


def _push_in_a_process(
    home: Path, connection: Neo4jConnection, held: Path, release: Path
) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "NETWERKKAART_"))}
    env.update(
        NETWERKKAART_HOME=str(home),
        NEO4J_URI=connection.uri,
        NEO4J_USER=connection.user,
        NEO4J_PASSWORD=connection.password,
        HELD_AFTER_BATCH=str(held),
        RELEASE_AFTER_BATCH=str(release),
    )
    return subprocess.Popen(
        [sys.executable, "-c", PUSH_HELD_AFTER_FIRST_BATCH],
        env=env,
        cwd=project_root(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _nodes_in_database(connection: Neo4jConnection) -> int:
    try:
        return count_all(connection)[0]
    except StoreError:
        return -1


def test_a_server_killed_mid_push_keeps_the_previous_graph(
    dedicated: Dedicated,
    tmp_path: Path,
    shipped_graph: nx.MultiDiGraph,
    replacement: nx.MultiDiGraph,
) -> None:
    with dedicated.connection.store() as store:
        store.save(shipped_graph)
    before = count_all(dedicated.connection)
    home = tmp_path / "vervanging-werkmap"
    MemoryStore(home).save(replacement)

    held, release = tmp_path / "batch-held", tmp_path / "batch-release"
    pusher = _push_in_a_process(home, dedicated.connection, held, release)
    try:
        wait_for(lambda: held.exists() or pusher.poll() is not None, 240, "de eerste batch")
        assert pusher.poll() is None, pusher.communicate()[1]
        # one batch of the new generation is committed, the other batches are still to come
        assert _nodes_in_database(dedicated.connection) > before[0]
        dedicated.kill()
        release.touch()
        _, err = pusher.communicate(timeout=120)
    finally:
        if pusher.poll() is None:
            pusher.kill()
    assert pusher.returncode == 1, err
    assert err.startswith("fout: Neo4j (") and err.count("\n") == 1, err
    assert "niet bereikbaar" in err and "De vorige graaf in Neo4j blijft ongewijzigd staan" in err
    assert dedicated.server.password not in err

    dedicated.restart()
    connection = dedicated.connection
    with connection.store() as store:
        assert graph_to_dict(store.load()) == graph_to_dict(shipped_graph)
        assert count_all(connection)[0] > before[0]  # the killed push's half generation
        store.save(replacement)
        assert store.counts().nodes == replacement.number_of_nodes()
        assert graph_to_dict(store.load()) == graph_to_dict(replacement)
    # no duplicates and no leftovers: one generation plus the state node
    assert count_all(connection) == (
        replacement.number_of_nodes() + 1,
        replacement.number_of_edges(),
    )


def test_a_server_killed_after_a_push_keeps_it(
    dedicated: Dedicated, replacement: nx.MultiDiGraph
) -> None:
    with dedicated.connection.store() as store:
        if store.counts().nodes != replacement.number_of_nodes():
            store.save(replacement)  # when run on its own
        counts = store.counts()
    dedicated.kill()
    dedicated.restart()
    with dedicated.connection.store() as store:
        assert store.counts() == counts
    assert count_all(dedicated.connection) == (
        replacement.number_of_nodes() + 1,
        replacement.number_of_edges(),
    )


# --------------------------------------------------------------------------- the snapshot


def test_a_pull_killed_while_writing_the_snapshot_keeps_the_previous_one(
    dedicated: Dedicated,
    tmp_path: Path,
    replacement: nx.MultiDiGraph,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`netwerkkaart neo4j pull` writes another graph over a workspace's shipped snapshot
    and is SIGKILLed while the file is being written.

    Killing at a moment picked by the clock loses the race on a fast machine (the write takes
    milliseconds), so the pull runs with ``os.fsync`` held open: the new bytes are on disk, the
    old snapshot not yet replaced, and the test kills the process exactly there. A store that
    wrote over ``graph.json`` in place would fail this test.
    """
    home = tmp_path / "werkmap"
    assert build_and_save(home, MemoryStore(home)).ok
    snapshot = (home / "graph.json").read_bytes()
    with dedicated.connection.store() as store:
        if store.counts().nodes != replacement.number_of_nodes():
            store.save(replacement)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "NETWERKKAART_"))}
    connection = dedicated.connection
    env.update(NETWERKKAART_HOME=str(home), NEO4J_URI=connection.uri, NEO4J_USER=connection.user)
    held = home / "fsync-held"
    env.update(NEO4J_PASSWORD=connection.password, HELD_AT_FSYNC=str(held))
    puller = subprocess.Popen(
        [sys.executable, "-c", PULL_HELD_AT_FSYNC],
        env=env,
        cwd=project_root(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        wait_for(lambda: held.exists() or puller.poll() is not None, 240, "de fsync van de pull")
        assert any(home.glob(".graph.json.*.tmp")), "de pull schreef geen tijdelijk bestand"
        puller.send_signal(signal.SIGKILL)
        puller.wait(timeout=30)
    finally:
        if puller.poll() is None:
            puller.kill()
    assert puller.returncode == -signal.SIGKILL, "de pull was al klaar voor hij werd gestopt"
    assert (home / "graph.json").read_bytes() == snapshot
    monkeypatch.setenv("NETWERKKAART_HOME", str(home))
    monkeypatch.delenv("NETWERKKAART_STORE", raising=False)
    capsys.readouterr()
    assert main(["stats", "--format", "json"]) == 0
    assert f'"nodes": {MemoryStore(home).load().number_of_nodes()}' in capsys.readouterr().out
    assert main(["build"]) == 0  # the next writer clears what the killed one left
    assert not any(home.glob(".graph.json.*.tmp"))


# --------------------------------------------------------------------------- two pushes


def test_two_pushes_at_once_end_with_one_consistent_graph(neo4j_empty: Neo4jConnection) -> None:
    graphs = [random_graph(1_500, 3_000, seed=s) for s in (21, 22)]
    expected = [graph_to_dict(g) for g in graphs]
    errors: list[StoreError] = []
    start = threading.Barrier(2)

    def push(graph: nx.MultiDiGraph) -> None:
        with Neo4jStore(
            neo4j_empty.uri, neo4j_empty.user, neo4j_empty.password, batch_size=100
        ) as store:
            start.wait()
            try:
                store.save(graph)
            except StoreError as exc:
                errors.append(exc)

    threads = [threading.Thread(target=push, args=(g,)) for g in graphs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert len(errors) <= 1, errors
    for error in errors:  # the push that lost says so, in Dutch, and that nothing changed
        assert "De vorige graaf" in str(error) or "tegelijk" in str(error), str(error)
    with neo4j_empty.store() as store:
        final = graph_to_dict(store.load())
        assert final in expected
        winner = graphs[expected.index(final)]
        assert store.counts().nodes == winner.number_of_nodes()
        assert store.counts().relationships == winner.number_of_edges()
        store.save(winner)  # the next push tidies whatever the loser left
    assert count_all(neo4j_empty) == (winner.number_of_nodes() + 1, winner.number_of_edges())
