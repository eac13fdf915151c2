"""The server process: launched in a session of its own so it outlives the Python process that
started it, and later found, checked and stopped by pid through psutil.

A pid from ``server.json`` is only trusted when the process still runs and its command line is
this home's Neo4j: pids are reused, and signalling a stranger must never happen.
"""

from __future__ import annotations

import contextlib
import logging
import os
import subprocess
import time
from pathlib import Path

import psutil

from netwerkkaart.services.neo4j_local.errors import Neo4jServerError
from netwerkkaart.services.neo4j_local.logs import START_MARKER

log = logging.getLogger(__name__)

MAIN_CLASS = "org.neo4j.server.CommunityEntryPoint"
HEAP = "1g"  # -Xmx; -Xms is HEAP_INITIAL
HEAP_INITIAL = "512m"

# The flags of the stock 5.26 `neo4j.conf` (server.jvm.additional). Started this way the server
# does not apply the JVM settings of neo4j.conf, so they go on the command line.
JVM_FLAGS = (
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+UnlockExperimentalVMOptions",
    "-XX:+TrustFinalNonStaticFields",
    "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED",
    "-Dlog4j2.disable.jmx=true",
    "-Dfile.encoding=UTF-8",
)

# Popen objects of servers started by this process, kept so they are not garbage collected
# (and reaped) while the server runs; the server itself outlives this process.
_CHILDREN: dict[int, subprocess.Popen[bytes]] = {}


def server_command(java: str, lib: Path, home: Path) -> list[str]:
    return [
        java,
        *JVM_FLAGS,
        f"-Xms{HEAP_INITIAL}",
        f"-Xmx{HEAP}",
        f"-XX:ErrorFile={home / 'logs' / 'hs_err_pid%p.log'}",
        "-cp",
        f"{lib}/*",
        MAIN_CLASS,
        f"--home-dir={home}",
        f"--config-dir={home / 'conf'}",
        "--console-mode",
    ]


def spawn(java: str, lib: Path, home: Path, console: Path) -> subprocess.Popen[bytes]:
    """Start the server in its own session, its output appended to ``console`` after a
    start marker; NEO4J_PASSWORD is not passed on."""
    env = {k: v for k, v in os.environ.items() if k != "NEO4J_PASSWORD"}
    env["NEO4J_HOME"] = str(home)
    env["NEO4J_CONF"] = str(home / "conf")
    console.parent.mkdir(parents=True, exist_ok=True)
    with open(console, "ab") as out:
        out.write(f"\n{START_MARKER}{time.strftime('%Y-%m-%d %H:%M:%S')} =====\n".encode())
        out.flush()
        try:
            proc = subprocess.Popen(
                server_command(java, lib, home),
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                cwd=home,
                env=env,
                start_new_session=True,
                close_fds=True,
            )
        except OSError as exc:
            raise Neo4jServerError(f"Neo4j kon niet worden gestart: {exc}") from exc
    _CHILDREN[proc.pid] = proc
    return proc


def exit_code(proc: subprocess.Popen[bytes]) -> int | None:
    """The exit code when the launched server has ended (and is reaped), else None."""
    code = proc.poll()
    if code is not None:
        _CHILDREN.pop(proc.pid, None)
    return code


def pid_alive(pid: int) -> bool:
    """True while ``pid`` runs; an exited process that is not yet reaped (a zombie) is gone."""
    if pid <= 0:
        return False
    child = _CHILDREN.get(pid)
    if child is not None and exit_code(child) is not None:
        return False  # our own child: reaped now, so it does not linger as a zombie
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False
    except psutil.AccessDenied:
        return True


def is_our_server(pid: int, home: Path) -> bool:
    """True when pid is alive and is the Neo4j server of this home (guards against pid reuse)."""
    if not pid_alive(pid):
        return False
    try:
        cmdline = psutil.Process(pid).cmdline()
    except psutil.NoSuchProcess:
        return False
    except psutil.AccessDenied:  # cannot tell; trust the state file
        return True
    return MAIN_CLASS in cmdline and f"--home-dir={home}" in cmdline


def _wait_gone(pid: int, timeout_s: float) -> bool:
    deadline = time.monotonic() + timeout_s
    while pid_alive(pid):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


def terminate(pid: int, timeout_s: float) -> None:
    """SIGTERM, wait up to timeout_s, then SIGKILL.

    Raises ``psutil.AccessDenied`` when the process belongs to someone else.
    """
    try:
        proc = psutil.Process(pid)
        proc.terminate()
        if not _wait_gone(pid, timeout_s):
            log.warning("Neo4j (pid %d) stopt niet na %.0f s; nu geforceerd.", pid, timeout_s)
            proc.kill()
            _wait_gone(pid, 10)
    except psutil.NoSuchProcess:
        pass
    finally:
        child = _CHILDREN.pop(pid, None)
        if child is not None:
            with contextlib.suppress(subprocess.TimeoutExpired, OSError):
                child.wait(timeout=1)
