"""start, stop and status of a workspace's local server: the other modules put together, under
one lock per server home so concurrent starts and stops take turns."""

from __future__ import annotations

import contextlib
import logging
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import psutil

from graph.files import leftover_temporaries
from netwerkkaart.services.locking import locked
from netwerkkaart.services.neo4j_local.bolt import bolt_check
from netwerkkaart.services.neo4j_local.config import (
    DEFAULT_PORT,
    HOST,
    config_file,
    free_port,
    port_free,
    resolve_port,
    write_config,
)
from netwerkkaart.services.neo4j_local.credentials import (
    USER,
    ensure_password,
    env_password,
    password_file,
    read_password,
    set_initial_password,
)
from netwerkkaart.services.neo4j_local.errors import Neo4jServerError
from netwerkkaart.services.neo4j_local.fetch import NEO4J_VERSION, ensure_lib
from netwerkkaart.services.neo4j_local.java import check_java
from netwerkkaart.services.neo4j_local.logs import console_log, log_tail
from netwerkkaart.services.neo4j_local.process import (
    exit_code,
    is_our_server,
    pid_alive,
    spawn,
    terminate,
)
from netwerkkaart.services.neo4j_local.state import read_state, remove_state, write_state

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LocalServer:
    """A started or known local Neo4j server.

    ``already_running`` is True when :func:`start` found this server already running (it was
    not started by that call). The password is left out of ``repr`` so it is never logged.
    """

    uri: str
    user: str
    password: str = field(repr=False)
    pid: int | None
    home: Path
    version: str
    already_running: bool = field(default=False, compare=False)

    @property
    def port(self) -> int:
        return int(self.uri.rsplit(":", 1)[1])

    @property
    def auth(self) -> tuple[str, str]:
        return (self.user, self.password)


def _home(workspace: Path) -> Path:
    return Path(workspace).expanduser().resolve() / "neo4j"


def _running_pid(home: Path) -> tuple[int, dict[str, Any]] | None:
    """(pid, state) of our running server according to server.json, else None."""
    state = read_state(home)
    if not state:
        return None
    pid = state.get("pid")
    if isinstance(pid, int) and is_our_server(pid, home):
        return pid, state
    return None


def _server_from_state(
    home: Path, pid: int, state: dict[str, Any], *, already_running: bool = False
) -> LocalServer:
    password = read_password(home) or os.environ.get("NEO4J_PASSWORD") or ""
    return LocalServer(
        uri=str(state.get("uri") or f"bolt://{HOST}:{state.get('port', DEFAULT_PORT)}"),
        user=str(state.get("user") or USER),
        password=password,
        pid=pid,
        home=home,
        version=str(state.get("version") or NEO4J_VERSION),
        already_running=already_running,
    )


def _remove_leftover_temporaries(home: Path) -> None:
    """Temporary files of a writer killed mid-write (one may hold a password); the caller
    holds the home's lock, so no writer is busy."""
    for folder in (home, config_file(home).parent):
        for leftover in leftover_temporaries(folder):
            leftover.unlink(missing_ok=True)


def status(workspace: Path) -> LocalServer | None:
    """The running local server (pid alive and Bolt answering), else None."""
    home = _home(workspace)
    found = _running_pid(home)
    if found is None:
        return None
    pid, state = found
    server = _server_from_state(home, pid, state)
    # A refused password still means Bolt answers: the server runs.
    if bolt_check(server.uri, server.password, timeout_s=5.0) == "down":
        return None
    return server


def is_running(workspace: Path) -> bool:
    """True when the local server of this workspace runs (pid alive and Bolt answering)."""
    return status(workspace) is not None


def connection_settings(workspace: Path) -> LocalServer | None:
    """uri/user/password of the local server when it runs (from server.json and the password
    file; only the pid is checked, not Bolt), else None. For commands that need no
    configuration to find the local server."""
    home = _home(workspace)
    found = _running_pid(home)
    if found is None:
        return None
    pid, state = found
    return _server_from_state(home, pid, state)


def start(
    workspace: Path,
    *,
    port: int | Literal["auto"] | None = None,
    timeout_s: float = 120,
) -> LocalServer:
    """Start the local Neo4j server of ``workspace`` (home ``<workspace>/neo4j``) and wait until
    Bolt answers `RETURN 1`.

    ``port``: None = NETWERKKAART_NEO4J_PORT or 7687; 0 or "auto" = a free port. A port taken by
    something else is an error. When this workspace's server already runs, that server is
    returned with ``already_running=True`` (and nothing is started).

    Raises :class:`Neo4jServerError` (Dutch message) on any failure.
    """
    home = _home(workspace)
    wanted = resolve_port(port)
    env_password()  # fail early on a too short NEO4J_PASSWORD
    home.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(OSError):
        os.chmod(home, 0o700)
    with locked(home / ".lock"):
        found = _running_pid(home)
        if found is not None:
            pid, state = found
            server = _server_from_state(home, pid, state, already_running=True)
            if port is not None and wanted is not None and server.port != wanted:
                log.warning(
                    "De lokale Neo4j draait al op poort %d (niet op %d).", server.port, wanted
                )
            log.info("De lokale Neo4j draait al op %s (pid %d).", server.uri, pid)
            return server
        remove_state(home)
        _remove_leftover_temporaries(home)

        if wanted is None:
            chosen = free_port()
        else:
            if not port_free(wanted):
                raise Neo4jServerError(
                    f"Poort {wanted} op {HOST} is al in gebruik door een ander programma "
                    "(misschien een andere Neo4j). Stop dat programma, of kies een andere "
                    "poort met NETWERKKAART_NEO4J_PORT=<poort> (of 'auto' voor een vrije poort)."
                )
            chosen = wanted

        java = check_java()
        lib = ensure_lib()

        database_exists = (home / "data" / "databases" / "system").exists()
        write_config(home, chosen)
        password = ensure_password(home, database_exists)
        if not database_exists:
            set_initial_password(java, lib, home, password)

        return _launch(java, lib, home, chosen, password, timeout_s)


def _launch(
    java: str, lib: Path, home: Path, port: int, password: str, timeout_s: float
) -> LocalServer:
    """Spawn the server, record it in server.json and wait until Bolt answers; on failure the
    process is stopped, server.json removed and the log tail shown."""
    console = console_log(home)
    uri = f"bolt://{HOST}:{port}"
    log.info("Neo4j %s starten op %s ...", NEO4J_VERSION, uri)
    began = time.monotonic()
    proc = spawn(java, lib, home, console)
    write_state(
        home,
        {
            "pid": proc.pid,
            "port": port,
            "uri": uri,
            "user": USER,
            "version": NEO4J_VERSION,
            "home": str(home),
            "started_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        },
    )

    deadline = began + timeout_s
    while True:
        code = exit_code(proc)
        if code is not None:
            remove_state(home)
            raise Neo4jServerError(
                f"Neo4j stopte tijdens het starten met exitcode {code}. "
                f"Laatste regels van {console}:\n{log_tail(home)}"
            )
        result = bolt_check(uri, password, timeout_s=2.0)
        if result == "ok":
            break
        if result == "auth":
            terminate(proc.pid, 60)
            remove_state(home)
            raise Neo4jServerError(
                "Neo4j draait, maar weigert het wachtwoord uit "
                f"{password_file(home)}. De database in {home / 'data'} heeft een ander "
                "wachtwoord: zet NEO4J_PASSWORD op het juiste wachtwoord, of verwijder de map "
                "data om opnieuw te beginnen."
            )
        if time.monotonic() > deadline:
            terminate(proc.pid, 60)
            remove_state(home)
            raise Neo4jServerError(
                f"Neo4j antwoordde niet binnen {timeout_s:.0f} s op {uri}; het proces is "
                f"gestopt. Laatste regels van {console}:\n{log_tail(home)}"
            )
        time.sleep(0.5)
    log.info(
        "Neo4j %s draait op %s (pid %d, klaar na %.1f s).",
        NEO4J_VERSION,
        uri,
        proc.pid,
        time.monotonic() - began,
    )
    return LocalServer(
        uri=uri, user=USER, password=password, pid=proc.pid, home=home, version=NEO4J_VERSION
    )


def stop(workspace: Path, *, timeout_s: float = 60) -> bool:
    """Stop the local server of ``workspace`` (SIGTERM, then wait; SIGKILL after timeout_s).

    True when a running server was stopped, False when none ran.
    """
    home = _home(workspace)
    if not home.exists():
        return False
    with locked(home / ".lock"):
        found = _running_pid(home)
        if found is None:
            remove_state(home)
            return False
        pid, _state = found
        log.info("Neo4j (pid %d) stoppen ...", pid)
        began = time.monotonic()
        try:
            terminate(pid, timeout_s)
        except psutil.AccessDenied as exc:
            raise Neo4jServerError(
                f"Geen toestemming om Neo4j (pid {pid}) te stoppen: {exc}"
            ) from exc
        if pid_alive(pid):
            raise Neo4jServerError(f"Neo4j (pid {pid}) kon niet worden gestopt.")
        remove_state(home)
        log.info("Neo4j gestopt na %.1f s.", time.monotonic() - began)
        return True
