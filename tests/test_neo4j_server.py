"""Tests of netwerkkaart.services.neo4j_local: a real local Neo4j, no mocks.

The server tests (marked ``neo4j``) start the genuine Neo4j Community server from the Maven
Central jars in a temporary workspace on a free port, through ``scripts/neo4j-local`` (so the
server must outlive the Python process that started it). They need ``java`` (17+) and ``mvn``:
without them they are skipped, except under CI=true, where they fail.

The unit tests of the failure messages need no server and no Java.
"""

from __future__ import annotations

import os
import signal
import socket
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest

from netwerkkaart.services import neo4j_local as ns
from netwerkkaart.services.neo4j_local.process import MAIN_CLASS
from tests.neo4j_support import require_java_and_maven

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "neo4j-local"


# --------------------------------------------------------------------------- helpers


def _port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _pid_gone(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True


def _fake_tool(bin_dir: Path, name: str, script: str) -> None:
    bin_dir.mkdir(parents=True, exist_ok=True)
    tool = bin_dir / name
    tool.write_text("#!/bin/sh\n" + script + "\n")
    tool.chmod(0o755)


@pytest.fixture(autouse=True)
def _no_password_from_the_caller(monkeypatch: pytest.MonkeyPatch) -> None:
    """CI exports NEO4J_PASSWORD for its own server; these tests start servers of their own."""
    monkeypatch.delenv("NEO4J_PASSWORD", raising=False)


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """No settings from the caller's environment; a private, empty jar cache."""
    for name in ("NETWERKKAART_NEO4J_PORT", "NEO4J_PASSWORD", "JAVA_HOME"):
        monkeypatch.delenv(name, raising=False)
    cache = tmp_path / "cache"
    monkeypatch.setenv("NETWERKKAART_CACHE", str(cache))
    return cache


# --------------------------------------------------------------------------- fast unit tests


def test_port_taken_is_an_error_naming_the_port(clean_env: Path, tmp_path: Path) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        port = sock.getsockname()[1]
        with pytest.raises(ns.Neo4jServerError) as err:
            ns.start(tmp_path / "ws", port=port)
    message = str(err.value)
    assert str(port) in message
    assert "in gebruik" in message
    assert not (tmp_path / "ws" / "neo4j" / "server.json").exists()


def test_port_taken_via_environment(
    clean_env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        port = sock.getsockname()[1]
        monkeypatch.setenv("NETWERKKAART_NEO4J_PORT", str(port))
        with pytest.raises(ns.Neo4jServerError, match=str(port)):
            ns.start(tmp_path / "ws")


def test_invalid_port_setting(
    clean_env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NETWERKKAART_NEO4J_PORT", "zevenduizend")
    with pytest.raises(ns.Neo4jServerError, match="Ongeldige poort"):
        ns.start(tmp_path / "ws")


def test_java_missing(clean_env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    with pytest.raises(ns.Neo4jServerError) as err:
        ns.start(tmp_path / "ws", port="auto")
    message = str(err.value)
    assert "Java 17 of nieuwer is nodig" in message
    assert "niet gevonden" in message


def test_java_too_old(clean_env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bin_dir = tmp_path / "bin"
    _fake_tool(bin_dir, "java", "echo 'openjdk version \"11.0.22\" 2024-01-16' >&2")
    monkeypatch.setenv("PATH", str(bin_dir))
    with pytest.raises(ns.Neo4jServerError) as err:
        ns.start(tmp_path / "ws", port="auto")
    message = str(err.value)
    assert "Java 17 of nieuwer is nodig" in message
    assert "Java 11" in message


def test_java_8_version_style_is_understood(
    clean_env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bin_dir = tmp_path / "bin"
    _fake_tool(bin_dir, "java", "echo 'java version \"1.8.0_392\"' >&2")
    monkeypatch.setenv("PATH", str(bin_dir))
    with pytest.raises(ns.Neo4jServerError, match="Java 8"):
        ns.start(tmp_path / "ws", port="auto")


def test_maven_missing(clean_env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bin_dir = tmp_path / "bin"
    _fake_tool(bin_dir, "java", "echo 'openjdk version \"17.0.15\" 2025-04-15' >&2")
    monkeypatch.setenv("PATH", str(bin_dir))
    with pytest.raises(ns.Neo4jServerError) as err:
        ns.start(tmp_path / "ws", port="auto")
    message = str(err.value)
    assert "Maven" in message
    assert "niet gevonden" in message


def test_maven_download_failure_shows_mavens_output(
    clean_env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bin_dir = tmp_path / "bin"
    _fake_tool(bin_dir, "java", "echo 'openjdk version \"17.0.15\" 2025-04-15' >&2")
    _fake_tool(
        bin_dir,
        "mvn",
        "echo '[ERROR] Failed to execute goal: Could not resolve dependencies' >&2\nexit 1",
    )
    monkeypatch.setenv("PATH", str(bin_dir))
    with pytest.raises(ns.Neo4jServerError) as err:
        ns.start(tmp_path / "ws", port="auto")
    message = str(err.value)
    assert "via Maven is mislukt" in message
    assert "Could not resolve dependencies" in message
    # nothing half-fetched is taken for a cache
    assert not (clean_env / f"neo4j-{ns.NEO4J_VERSION}" / "lib").exists()


def test_too_short_neo4j_password(
    clean_env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEO4J_PASSWORD", "kort")
    with pytest.raises(ns.Neo4jServerError, match="minstens 8"):
        ns.start(tmp_path / "ws", port="auto")


def test_nothing_running_in_an_empty_workspace(tmp_path: Path) -> None:
    workspace = tmp_path / "ws"
    assert ns.status(workspace) is None
    assert ns.connection_settings(workspace) is None
    assert ns.is_running(workspace) is False
    assert ns.stop(workspace) is False


def test_stale_state_file_is_not_a_running_server(tmp_path: Path) -> None:
    dead = subprocess.Popen(["true"])
    dead.wait()
    home = tmp_path / "ws" / "neo4j"
    home.mkdir(parents=True)
    (home / "server.json").write_text(
        f'{{"pid": {dead.pid}, "port": 7687, "uri": "bolt://127.0.0.1:7687", "version": "x"}}'
    )
    assert ns.status(tmp_path / "ws") is None
    assert ns.connection_settings(tmp_path / "ws") is None
    assert ns.stop(tmp_path / "ws") is False
    assert not (home / "server.json").exists()


def test_state_file_pointing_at_another_process_is_ignored(tmp_path: Path) -> None:
    """A reused pid (here: this test's own process) is not taken for our server."""
    home = tmp_path / "ws" / "neo4j"
    home.mkdir(parents=True)
    (home / "server.json").write_text(
        f'{{"pid": {os.getpid()}, "port": 7687, "uri": "bolt://127.0.0.1:7687"}}'
    )
    assert ns.connection_settings(tmp_path / "ws") is None
    assert ns.stop(tmp_path / "ws") is False  # and we are still alive


def test_a_killed_writers_temporary_files_are_removed_on_start(
    clean_env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A writer killed mid-write leaves a uniquely named temporary file (one may hold a
    password); the next start removes them under the home's lock, the files themselves stay."""
    home = tmp_path / "ws" / "neo4j"
    (home / "conf").mkdir(parents=True)
    (home / "password").write_text("een-wachtwoord-van-lang-genoeg\n")
    leftovers = [home / ".password.k1l2m3.tmp", home / ".server.json.x9y8.tmp"]
    leftovers.append(home / "conf" / ".neo4j.conf.q7r6.tmp")
    for leftover in leftovers:
        leftover.write_text("half\n")
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    with pytest.raises(ns.Neo4jServerError, match="Java 17"):
        ns.start(tmp_path / "ws", port="auto")
    assert not any(leftover.exists() for leftover in leftovers)
    assert (home / "password").read_text() == "een-wachtwoord-van-lang-genoeg\n"


def _stand_in(home: Path) -> subprocess.Popen[bytes]:
    """A sleeping process whose command line names Neo4j's main class and ``home``."""
    return subprocess.Popen(
        [sys.executable, "-c", "import time; time.sleep(120)", MAIN_CLASS, f"--home-dir={home}"]
    )


def test_a_live_process_of_another_home_is_not_our_server(tmp_path: Path) -> None:
    """Same main class, other --home-dir: the pid is not trusted and nothing is signalled."""
    other = _stand_in(tmp_path / "elders" / "neo4j")
    try:
        home = tmp_path / "ws" / "neo4j"
        home.mkdir(parents=True)
        (home / "server.json").write_text(f'{{"pid": {other.pid}, "port": 7687}}')
        assert ns.connection_settings(tmp_path / "ws") is None
        assert ns.stop(tmp_path / "ws") is False
        assert other.poll() is None
    finally:
        other.kill()
        other.wait()


def test_stop_terminates_the_process_named_in_server_json(tmp_path: Path) -> None:
    """The pid check and SIGTERM work on any process that is this home's server by its
    command line (here a stand-in, so no Java is needed)."""
    home = (tmp_path / "ws" / "neo4j").resolve()
    home.mkdir(parents=True)
    stand_in = _stand_in(home)
    try:
        (home / "server.json").write_text(
            f'{{"pid": {stand_in.pid}, "port": 7687, "uri": "bolt://127.0.0.1:7687"}}'
        )
        found = ns.connection_settings(tmp_path / "ws")
        assert found is not None and found.pid == stand_in.pid
        assert ns.stop(tmp_path / "ws", timeout_s=30) is True
        assert stand_in.wait(timeout=30) == -signal.SIGTERM
        assert not (home / "server.json").exists()
    finally:
        if stand_in.poll() is None:
            stand_in.kill()
            stand_in.wait()


def test_repr_hides_the_password(tmp_path: Path) -> None:
    server = ns.LocalServer(
        uri="bolt://127.0.0.1:7687",
        user="neo4j",
        password="geheim-wachtwoord",
        pid=1,
        home=tmp_path,
        version=ns.NEO4J_VERSION,
    )
    assert "geheim-wachtwoord" not in repr(server)
    assert server.port == 7687
    assert server.already_running is False


def test_pinned_version_is_a_5_26_release() -> None:
    assert ns.NEO4J_VERSION.startswith("5.26.")


# --------------------------------------------------------------------------- real server


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """A real server in a fresh workspace on a free port, started by scripts/neo4j-local."""
    require_java_and_maven("de lokale Neo4j kan niet starten")
    workspace = tmp_path_factory.mktemp("neo4j-ws")
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("NEO4J_PASSWORD", "NETWERKKAART_NEO4J_PORT")
    }
    env.update(
        PYTHON=sys.executable,
        NETWERKKAART_HOME=str(workspace),
        NETWERKKAART_NEO4J_PORT="auto",
    )
    proc = subprocess.run(
        ["bash", str(SCRIPT), "start"],
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        stdin=subprocess.DEVNULL,
    )
    assert proc.returncode == 0, f"neo4j-local start mislukte:\n{proc.stderr}"
    uri = proc.stdout.strip()
    try:
        yield workspace, uri
    finally:
        ns.stop(workspace)


@pytest.mark.neo4j
def test_started_by_script_and_outlives_it(server: tuple[Path, str]) -> None:
    workspace, uri = server
    assert uri.startswith("bolt://127.0.0.1:")
    found = ns.status(workspace)  # the script's Python process has exited by now
    assert found is not None
    assert found.uri == uri
    assert found.user == "neo4j"
    assert found.version == ns.NEO4J_VERSION
    assert found.home == (workspace / "neo4j").resolve()
    assert found.pid is not None and not _pid_gone(found.pid)
    assert ns.is_running(workspace)


@pytest.mark.neo4j
def test_cypher_works_with_the_generated_password(server: tuple[Path, str]) -> None:
    from neo4j import GraphDatabase

    workspace, uri = server
    password = (workspace / "neo4j" / "password").read_text().strip()
    assert len(password) >= 20
    with GraphDatabase.driver(uri, auth=("neo4j", password)) as driver:
        records, _, _ = driver.execute_query("RETURN 1 AS one")
        assert records[0]["one"] == 1
        records, _, _ = driver.execute_query("CALL dbms.components() YIELD versions, edition")
        assert records[0]["versions"] == [ns.NEO4J_VERSION]
        assert records[0]["edition"] == "community"


@pytest.mark.neo4j
def test_connection_settings_find_the_local_server(server: tuple[Path, str]) -> None:
    workspace, uri = server
    settings = ns.connection_settings(workspace)
    assert settings is not None
    assert settings.uri == uri
    assert settings.user == "neo4j"
    assert settings.password == (workspace / "neo4j" / "password").read_text().strip()


@pytest.mark.neo4j
def test_second_start_reports_already_running(server: tuple[Path, str]) -> None:
    workspace, uri = server
    before = ns.status(workspace)
    assert before is not None
    again = ns.start(workspace, port="auto")
    assert again.already_running is True
    assert again.uri == uri
    assert again.pid == before.pid


@pytest.mark.neo4j
def test_script_status_and_second_start(server: tuple[Path, str]) -> None:
    workspace, uri = server
    env = {**os.environ, "PYTHON": sys.executable, "NETWERKKAART_HOME": str(workspace)}
    status = subprocess.run(
        ["bash", str(SCRIPT), "status"], env=env, capture_output=True, text=True, timeout=120
    )
    assert status.returncode == 0, status.stderr
    assert status.stdout.strip() == uri
    again = subprocess.run(
        ["bash", str(SCRIPT), "start"], env=env, capture_output=True, text=True, timeout=120
    )
    assert again.returncode == 0, again.stderr
    assert again.stdout.strip() == uri
    assert "draaide al" in again.stderr


@pytest.mark.neo4j
def test_wrong_password_is_refused(server: tuple[Path, str]) -> None:
    from neo4j import GraphDatabase
    from neo4j.exceptions import AuthError

    _, uri = server
    with (
        GraphDatabase.driver(uri, auth=("neo4j", "niet-het-wachtwoord")) as driver,
        pytest.raises(AuthError),
    ):
        driver.verify_connectivity()


@pytest.mark.neo4j
def test_password_is_private_and_never_logged(server: tuple[Path, str]) -> None:
    workspace, _ = server
    home = workspace / "neo4j"
    password_file = home / "password"
    assert stat.S_IMODE(password_file.stat().st_mode) == 0o600
    password = password_file.read_text().strip()
    console = home / "logs" / "console.log"
    assert console.exists() and "Started." in console.read_text()
    for path in [*(home / "logs").iterdir(), home / "server.json", home / "conf" / "neo4j.conf"]:
        assert password not in path.read_text(errors="replace"), path
    found = ns.status(workspace)
    assert found is not None and found.pid is not None
    assert password not in Path(f"/proc/{found.pid}/cmdline").read_text(errors="replace")
    assert password not in repr(found)


@pytest.mark.neo4j
def test_restart_keeps_data_and_password(server: tuple[Path, str]) -> None:
    """Runs before the stop test and leaves the server running for it (one start fewer)."""
    from neo4j import GraphDatabase

    workspace, _ = server
    first = ns.start(workspace, port="auto")  # the module's server, or a new one when stopped
    with GraphDatabase.driver(first.uri, auth=first.auth) as driver:
        driver.execute_query("CREATE (:Proef {naam: 'blijft'})")
    assert ns.stop(workspace) is True
    second = ns.start(workspace, port="auto")
    assert second.already_running is False
    assert second.password == first.password
    with GraphDatabase.driver(second.uri, auth=second.auth) as driver:
        records, _, _ = driver.execute_query("MATCH (p:Proef) RETURN p.naam AS naam")
    assert [r["naam"] for r in records] == ["blijft"]


@pytest.mark.neo4j
def test_stop_is_clean_and_frees_the_port(server: tuple[Path, str]) -> None:
    workspace, _ = server
    running = ns.status(workspace) or ns.start(workspace, port="auto")
    assert running is not None and running.pid is not None
    assert ns.stop(workspace) is True
    assert _pid_gone(running.pid)
    assert _port_is_free(running.port)
    assert ns.status(workspace) is None
    assert ns.connection_settings(workspace) is None
    assert not (workspace / "neo4j" / "server.json").exists()
    assert ns.stop(workspace) is False
    assert "Stopped." in (workspace / "neo4j" / "logs" / "console.log").read_text()


@pytest.mark.neo4j
def test_server_that_dies_during_start_reports_its_log(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A store path that is a file makes the real server exit; the error shows the log tail."""
    require_java_and_maven("de lokale Neo4j kan niet starten")
    monkeypatch.delenv("NEO4J_PASSWORD", raising=False)
    home = tmp_path / "ws" / "neo4j"
    (home / "data" / "databases").mkdir(parents=True)
    (home / "data" / "databases" / "system").write_text("geen database\n")
    (home / "password").write_text("een-wachtwoord-van-lang-genoeg\n")
    with pytest.raises(ns.Neo4jServerError) as err:
        ns.start(tmp_path / "ws", port="auto", timeout_s=120)
    message = str(err.value)
    assert "stopte tijdens het starten" in message
    assert "console.log" in message
    assert "databases/system" in message  # from the log tail
    assert ns.status(tmp_path / "ws") is None
