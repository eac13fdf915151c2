"""A local Neo4j Community server, started from the jars that Maven Central serves.

No Docker and no download site are needed: ``netwerkkaart/neo4j/pom.xml`` pins
``org.neo4j:neo4j``; Maven copies its runtime jars once into
``<project root>/.cache/neo4j-<version>/lib`` and the genuine server is started with
``java -cp "<lib>/*" org.neo4j.server.CommunityEntryPoint``.

Everything of one server lives in ``<workspace>/neo4j/``: ``conf/neo4j.conf``, ``data/``,
``logs/`` (``console.log`` is the server's stdout/stderr), ``server.json`` (pid, port, uri,
version) and ``password`` (mode 0600). The server runs in its own session, so it outlives the
Python process that started it; :func:`stop` finds it again through ``server.json``.

Public API: :class:`LocalServer`, :class:`Neo4jServerError`, :func:`start`, :func:`stop`,
:func:`status`, :func:`is_running` and :func:`connection_settings`.

Environment variables: ``NETWERKKAART_CACHE`` (cache dir instead of ``<project root>/.cache``),
``NETWERKKAART_NEO4J_PORT`` (Bolt port, ``auto``/``0`` for a free one), ``NEO4J_PASSWORD``
(password for a new database instead of a generated one), ``JAVA_HOME``.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from netwerkkaart.errors import UserError
from netwerkkaart.locking import locked

log = logging.getLogger(__name__)

__all__ = [
    "NEO4J_VERSION",
    "LocalServer",
    "Neo4jServerError",
    "connection_settings",
    "is_running",
    "start",
    "status",
    "stop",
]

POM_PATH = Path(__file__).resolve().parent / "neo4j" / "pom.xml"

DEFAULT_PORT = 7687
USER = "neo4j"
HOST = "127.0.0.1"
MIN_JAVA = 17
HEAP = "1g"  # -Xmx; -Xms is HEAP_INITIAL
HEAP_INITIAL = "512m"
PAGECACHE = "256m"
APPROX_DOWNLOAD_MB = 125  # measured size of the lib dir for 5.26.31, see docs/neo4j-local.md
MIN_PASSWORD_LENGTH = 8  # Neo4j's default dbms.security.auth_minimum_password_length
LOG_TAIL_LINES = 30
START_MARKER = "===== start "
_ERROR_LINE = re.compile(r"ERROR|Exception|Caused by")
MAIN_CLASS = "org.neo4j.server.CommunityEntryPoint"
ADMIN_CLASS = "org.neo4j.cli.AdminTool"

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


class Neo4jServerError(UserError):
    """Dutch, user-facing message; ``str(exc)`` is shown to the user as is."""


# --------------------------------------------------------------------------- paths & version


def _read_version(pom: Path = POM_PATH) -> str:
    match = re.search(r"<neo4j\.version>\s*([^<\s]+)\s*</neo4j\.version>", pom.read_text("utf-8"))
    if not match:
        raise Neo4jServerError(f"Kan de Neo4j-versie niet lezen uit {pom}.")
    return match.group(1)


NEO4J_VERSION = _read_version()


def _cache_root() -> Path:
    env = os.environ.get("NETWERKKAART_CACHE")
    if env:
        return Path(env).expanduser().resolve()
    project_root = Path(__file__).resolve().parent.parent
    if (project_root / "pyproject.toml").exists():
        return project_root / ".cache"
    # Installed as a package (no source tree): use the user's cache dir.
    xdg = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(xdg) / "netwerkkaart"


def _lib_dir() -> Path:
    return _cache_root() / f"neo4j-{NEO4J_VERSION}" / "lib"


def _home(workspace: Path) -> Path:
    return Path(workspace).expanduser().resolve() / "neo4j"


def _state_file(home: Path) -> Path:
    return home / "server.json"


def _password_file(home: Path) -> Path:
    return home / "password"


def _console_log(home: Path) -> Path:
    return home / "logs" / "console.log"


# --------------------------------------------------------------------------- processes


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    with contextlib.suppress(ChildProcessError, OSError):
        # Reap it if it is our own (exited) child, so it does not linger as a zombie.
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done == pid:
            _CHILDREN.pop(pid, None)
            return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        if stat.rsplit(")", 1)[1].split()[0] == "Z":
            return False
    except (OSError, IndexError):
        pass
    return True


def _cmdline(pid: int) -> str | None:
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
        return raw.replace(b"\0", b" ").decode("utf-8", "replace")
    except OSError:
        pass
    try:
        out = subprocess.run(
            ["ps", "-ww", "-o", "command=", "-p", str(pid)],
            capture_output=True,
            text=True,
            timeout=10,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() or None


def _is_our_server(pid: int, home: Path) -> bool:
    """True when pid is alive and is the Neo4j server of this home (guards against pid reuse)."""
    if not _pid_alive(pid):
        return False
    cmd = _cmdline(pid)
    if cmd is None:  # cannot tell; trust the state file
        return True
    return MAIN_CLASS in cmd and f"--home-dir={home}" in cmd


def _read_state(home: Path) -> dict | None:
    try:
        state = json.loads(_state_file(home).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return state if isinstance(state, dict) else None


def _write_state(home: Path, state: dict) -> None:
    path = _state_file(home)
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(state, indent=2) + "\n", "utf-8")
    os.replace(tmp, path)


def _remove_state(home: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        _state_file(home).unlink()


def _running_pid(home: Path) -> tuple[int, dict] | None:
    """(pid, state) of our running server according to server.json, else None."""
    state = _read_state(home)
    if not state:
        return None
    pid = state.get("pid")
    if isinstance(pid, int) and _is_our_server(pid, home):
        return pid, state
    return None


# --------------------------------------------------------------------------- password


def _read_password(home: Path) -> str | None:
    try:
        return _password_file(home).read_text("utf-8").strip() or None
    except OSError:
        return None


def _write_password(home: Path, password: str) -> None:
    path = _password_file(home)
    tmp = path.with_name(".password.tmp")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(password + "\n")
    os.replace(tmp, path)


def _env_password() -> str | None:
    """NEO4J_PASSWORD when set (checked against Neo4j's minimum length), else None."""
    env_pw = os.environ.get("NEO4J_PASSWORD")
    if env_pw and len(env_pw) < MIN_PASSWORD_LENGTH:
        raise Neo4jServerError(
            f"NEO4J_PASSWORD is te kort: Neo4j eist minstens {MIN_PASSWORD_LENGTH} tekens."
        )
    return env_pw or None


def _ensure_password(home: Path, database_exists: bool) -> str:
    """The server's password: NEO4J_PASSWORD when set, else the one kept in ``password``
    (generated once). Always kept in ``password`` (mode 0600) so later commands find it."""
    env_pw = _env_password()
    stored = _read_password(home)
    if env_pw:
        if database_exists and stored is not None and stored != env_pw:
            raise Neo4jServerError(
                "NEO4J_PASSWORD verschilt van het wachtwoord van de bestaande lokale database "
                f"({_password_file(home)}). Een wachtwoord geldt alleen voor een nieuwe database: "
                "haal NEO4J_PASSWORD weg, of verwijder "
                f"{home / 'data'} om opnieuw te beginnen."
            )
        password = env_pw
    elif stored:
        password = stored
    else:
        if database_exists:
            raise Neo4jServerError(
                f"Het wachtwoordbestand {_password_file(home)} ontbreekt, maar de database in "
                f"{home / 'data'} bestaat al. Zet NEO4J_PASSWORD op het wachtwoord van die "
                "database, of verwijder de map data om opnieuw te beginnen."
            )
        password = secrets.token_urlsafe(24)
    if stored != password:
        _write_password(home, password)
    else:
        os.chmod(_password_file(home), 0o600)
    return password


# --------------------------------------------------------------------------- port


def _resolve_port(port: int | Literal["auto"] | None) -> int | None:
    """The requested port; None means 'pick a free one'."""
    if port is None:
        env = os.environ.get("NETWERKKAART_NEO4J_PORT", "").strip()
        if not env:
            return DEFAULT_PORT
        port = "auto" if env.lower() == "auto" else env  # type: ignore[assignment]
    if port == "auto":
        return None
    try:
        number = int(port)
    except (TypeError, ValueError):
        raise Neo4jServerError(
            f"Ongeldige poort {port!r} (NETWERKKAART_NEO4J_PORT): gebruik een getal "
            "van 1 tot 65535, of 'auto'."
        ) from None
    if number == 0:
        return None
    if not 0 < number < 65536:
        raise Neo4jServerError(f"Ongeldige poort {number}: gebruik een getal van 1 tot 65535.")
    return number


def _port_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        # Like Netty: SO_REUSEADDR, so TIME_WAIT leftovers of a stopped server do not count.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((HOST, port))
        except OSError:
            return False
    return True


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


# --------------------------------------------------------------------------- java & maven


def _find_java() -> str:
    java_home = os.environ.get("JAVA_HOME")
    if java_home:
        candidate = Path(java_home) / "bin" / "java"
        if os.access(candidate, os.X_OK):
            return str(candidate)
    java = shutil.which("java")
    if java is None:
        raise Neo4jServerError(
            f"Java {MIN_JAVA} of nieuwer is nodig voor de lokale Neo4j, maar 'java' is niet "
            "gevonden (niet op PATH en niet in JAVA_HOME). Installeer bijvoorbeeld "
            "'openjdk-17-jre-headless' (Debian/Ubuntu) of zet JAVA_HOME."
        )
    return java


def _java_major(java: str) -> int:
    try:
        out = subprocess.run(
            [java, "-version"], capture_output=True, text=True, timeout=60, check=False
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise Neo4jServerError(f"Java ({java}) kan niet worden gestart: {exc}") from exc
    text = out.stderr + out.stdout
    match = re.search(r'version "(\d+)(?:\.(\d+))?', text)
    if not match:
        raise Neo4jServerError(
            f"Kan de Java-versie van {java} niet bepalen; uitvoer van 'java -version':\n"
            + text.strip()
        )
    major = int(match.group(1))
    if major == 1 and match.group(2):  # "1.8.0_392" style
        major = int(match.group(2))
    return major


def _check_java() -> str:
    java = _find_java()
    major = _java_major(java)
    if major < MIN_JAVA:
        raise Neo4jServerError(
            f"Java {MIN_JAVA} of nieuwer is nodig voor Neo4j {NEO4J_VERSION}, maar {java} is "
            f"Java {major}. Installeer Java 17 of 21 en zet die op PATH of in JAVA_HOME."
        )
    if major not in (17, 21):
        log.warning("Java %s gevonden; Neo4j %s is getest met Java 17 en 21.", major, NEO4J_VERSION)
    return java


def _ensure_lib() -> Path:
    """The directory with the server's jars; fetched with Maven on first use."""
    lib = _lib_dir()
    marker = lib / ".complete"
    if marker.exists():
        return lib
    with locked(lib.parent / ".fetch.lock"):
        if marker.exists():
            return lib
        mvn = shutil.which("mvn")
        if mvn is None:
            raise Neo4jServerError(
                f"Maven ('mvn') is nodig om Neo4j {NEO4J_VERSION} eenmalig op te halen, maar is "
                "niet gevonden op PATH. Installeer Maven (Debian/Ubuntu: 'apt-get install "
                "maven') en probeer opnieuw."
            )
        log.info(
            "Neo4j %s ophalen via Maven (eenmalig, ~%d MB) naar %s ...",
            NEO4J_VERSION,
            APPROX_DOWNLOAD_MB,
            lib,
        )
        partial = lib.with_name("lib.partial")
        shutil.rmtree(partial, ignore_errors=True)
        shutil.rmtree(lib, ignore_errors=True)
        partial.mkdir(parents=True)
        began = time.monotonic()
        cmd = [
            mvn,
            "-q",
            "-B",
            "-f",
            str(POM_PATH),
            "dependency:copy-dependencies",
            "-DincludeScope=runtime",
            f"-DoutputDirectory={partial}",
        ]
        try:
            out = subprocess.run(
                cmd, capture_output=True, text=True, timeout=1800, cwd=POM_PATH.parent
            )
        except (OSError, subprocess.SubprocessError) as exc:
            shutil.rmtree(partial, ignore_errors=True)
            raise Neo4jServerError(f"Neo4j ophalen via Maven is mislukt: {exc}") from exc
        jars = list(partial.glob("*.jar"))
        if out.returncode != 0 or not jars:
            shutil.rmtree(partial, ignore_errors=True)
            tail = _tail_text((out.stdout or "") + (out.stderr or ""), LOG_TAIL_LINES)
            raise Neo4jServerError(
                f"Neo4j {NEO4J_VERSION} ophalen via Maven is mislukt (exitcode "
                f"{out.returncode}). Is Maven Central bereikbaar? Laatste regels van Maven:\n"
                f"{tail}"
            )
        size_mb = sum(p.stat().st_size for p in jars) / 1e6
        (partial / ".complete").write_text(NEO4J_VERSION + "\n")
        os.replace(partial, lib)
        log.info(
            "Neo4j %s opgehaald: %d jars, %.0f MB in %.0f s.",
            NEO4J_VERSION,
            len(jars),
            size_mb,
            time.monotonic() - began,
        )
    return lib


# --------------------------------------------------------------------------- config & logs


def _write_config(home: Path, port: int) -> None:
    dirs = {
        "data": home / "data",
        "logs": home / "logs",
        "run": home / "run",
        "import": home / "import",
        "plugins": home / "plugins",
        "lib": home / "lib",
        "licenses": home / "licenses",
    }
    for path in dirs.values():
        path.mkdir(parents=True, exist_ok=True)
    lines = [
        "# Written by netwerkkaart/neo4j_server.py on every start; edits are overwritten.",
        *(f"server.directories.{name}={path}" for name, path in dirs.items()),
        f"server.default_listen_address={HOST}",
        f"server.default_advertised_address={HOST}",
        f"server.bolt.listen_address={HOST}:{port}",
        f"server.bolt.advertised_address={HOST}:{port}",
        "server.bolt.enabled=true",
        "server.http.enabled=false",
        "server.https.enabled=false",
        "dbms.usage_report.enabled=false",
        "dbms.security.auth_enabled=true",
        f"server.memory.pagecache.size={PAGECACHE}",
        # Netty waits 2 x 5 s of 'quiet period' when Bolt shuts down; a local server need not.
        "internal.dbms.bolt.netty_server_shutdown_quiet_period=0",
        "",
    ]
    conf = home / "conf" / "neo4j.conf"
    conf.parent.mkdir(parents=True, exist_ok=True)
    conf.write_text("\n".join(lines), "utf-8")


def _tail_text(text: str, lines: int) -> str:
    return "\n".join(text.rstrip().splitlines()[-lines:])


def _log_tail(home: Path, lines: int = LOG_TAIL_LINES) -> str:
    """The last lines of this start's part of console.log; the first error lines of that part
    come first when they fall outside the tail (a Java stack trace can push them out)."""
    try:
        text = _console_log(home).read_text("utf-8", errors="replace")
    except OSError:
        return "(geen log)"
    section = text.rsplit(START_MARKER, 1)[-1].rstrip().splitlines()
    if START_MARKER in text:
        section = section[1:]  # the rest of the marker line
    if not section:
        return "(log is leeg)"
    tail = section[-lines:]
    head = section[: max(0, len(section) - lines)]
    errors = [line for line in head if _ERROR_LINE.search(line)][:5]
    if errors:
        return "\n".join([*errors, "...", *tail])
    return "\n".join(tail)


def _argfile_quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _set_initial_password(java: str, lib: Path, home: Path, password: str) -> None:
    """Sets the password of a new database (before its first start).

    The password goes through a 0600 java @argfile, not the command line, so it never shows up
    in `ps`. AdminTool is what `neo4j-admin` runs; calling it directly saves a second JVM.
    """
    argfile = home / "run" / "set-password.args"
    argfile.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(FileNotFoundError):
        argfile.unlink()
    fd = os.open(argfile, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        # "--" ends the options: a password starting with "-" (1 in 64 generated ones) is no option
        handle.write(f"{ADMIN_CLASS}\ndbms\nset-initial-password\n--\n{_argfile_quote(password)}\n")
    env = {**os.environ, "NEO4J_HOME": str(home), "NEO4J_CONF": str(home / "conf")}
    try:
        out = subprocess.run(
            [java, "-Xmx256m", "-cp", f"{lib}/*", f"@{argfile}"],
            capture_output=True,
            text=True,
            env=env,
            cwd=home,
            timeout=300,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise Neo4jServerError(f"Het wachtwoord van Neo4j instellen is mislukt: {exc}") from exc
    finally:
        with contextlib.suppress(FileNotFoundError):
            argfile.unlink()
    if out.returncode != 0:
        text = (out.stdout + out.stderr).replace(password, "***")
        raise Neo4jServerError(
            f"Het wachtwoord van Neo4j instellen is mislukt (exitcode {out.returncode}):\n"
            + _tail_text(text, LOG_TAIL_LINES)
        )


# --------------------------------------------------------------------------- bolt


def _bolt_check(uri: str, password: str, timeout_s: float = 5.0) -> str:
    """'ok' when Bolt answers and `RETURN 1` works, 'auth' when the password is refused,
    'down' when nothing (usable) answers."""
    from neo4j import GraphDatabase
    from neo4j.exceptions import AuthError, Neo4jError, ServiceUnavailable

    try:
        driver = GraphDatabase.driver(
            uri,
            auth=(USER, password),
            connection_timeout=timeout_s,
            connection_acquisition_timeout=timeout_s,
            max_connection_pool_size=1,
        )
    except Exception:
        return "down"
    try:
        driver.verify_connectivity()
        records, _, _ = driver.execute_query("RETURN 1 AS ok")
        return "ok" if records and records[0]["ok"] == 1 else "down"
    except AuthError:
        return "auth"
    except (ServiceUnavailable, Neo4jError, OSError):
        return "down"
    except Exception:
        return "down"
    finally:
        with contextlib.suppress(Exception):
            driver.close()


def _server_from_state(
    home: Path, pid: int, state: dict, *, already_running: bool = False
) -> LocalServer:
    password = _read_password(home) or os.environ.get("NEO4J_PASSWORD") or ""
    return LocalServer(
        uri=str(state.get("uri") or f"bolt://{HOST}:{state.get('port', DEFAULT_PORT)}"),
        user=str(state.get("user") or USER),
        password=password,
        pid=pid,
        home=home,
        version=str(state.get("version") or NEO4J_VERSION),
        already_running=already_running,
    )


# --------------------------------------------------------------------------- public API


def status(workspace: Path) -> LocalServer | None:
    """The running local server (pid alive and Bolt answering), else None."""
    home = _home(workspace)
    found = _running_pid(home)
    if found is None:
        return None
    pid, state = found
    server = _server_from_state(home, pid, state)
    # A refused password still means Bolt answers: the server runs.
    if _bolt_check(server.uri, server.password, timeout_s=5.0) == "down":
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
    wanted = _resolve_port(port)
    _env_password()  # fail early on a too short NEO4J_PASSWORD
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
        _remove_state(home)

        if wanted is None:
            chosen = _free_port()
        else:
            if not _port_free(wanted):
                raise Neo4jServerError(
                    f"Poort {wanted} op {HOST} is al in gebruik door een ander programma "
                    "(misschien een andere Neo4j). Stop dat programma, of kies een andere "
                    "poort met NETWERKKAART_NEO4J_PORT=<poort> (of 'auto' voor een vrije poort)."
                )
            chosen = wanted

        java = _check_java()
        lib = _ensure_lib()

        database_exists = (home / "data" / "databases" / "system").exists()
        _write_config(home, chosen)
        password = _ensure_password(home, database_exists)
        if not database_exists:
            _set_initial_password(java, lib, home, password)

        return _launch(java, lib, home, chosen, password, timeout_s)


def _launch(
    java: str, lib: Path, home: Path, port: int, password: str, timeout_s: float
) -> LocalServer:
    console = _console_log(home)
    console.parent.mkdir(parents=True, exist_ok=True)
    cmd = [
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
    env = {k: v for k, v in os.environ.items() if k != "NEO4J_PASSWORD"}
    env["NEO4J_HOME"] = str(home)
    env["NEO4J_CONF"] = str(home / "conf")
    uri = f"bolt://{HOST}:{port}"
    log.info("Neo4j %s starten op %s ...", NEO4J_VERSION, uri)
    began = time.monotonic()
    with open(console, "ab") as out:
        out.write(f"\n{START_MARKER}{time.strftime('%Y-%m-%d %H:%M:%S')} =====\n".encode())
        out.flush()
        try:
            proc = subprocess.Popen(
                cmd,
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
    state = {
        "pid": proc.pid,
        "port": port,
        "uri": uri,
        "user": USER,
        "version": NEO4J_VERSION,
        "home": str(home),
        "started_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }
    _write_state(home, state)

    deadline = began + timeout_s
    while True:
        code = proc.poll()
        if code is not None:
            _CHILDREN.pop(proc.pid, None)
            _remove_state(home)
            raise Neo4jServerError(
                f"Neo4j stopte tijdens het starten met exitcode {code}. "
                f"Laatste regels van {console}:\n{_log_tail(home)}"
            )
        result = _bolt_check(uri, password, timeout_s=2.0)
        if result == "ok":
            break
        if result == "auth":
            _terminate(proc.pid, 60)
            _remove_state(home)
            raise Neo4jServerError(
                "Neo4j draait, maar weigert het wachtwoord uit "
                f"{_password_file(home)}. De database in {home / 'data'} heeft een ander "
                "wachtwoord: zet NEO4J_PASSWORD op het juiste wachtwoord, of verwijder de map "
                "data om opnieuw te beginnen."
            )
        if time.monotonic() > deadline:
            _terminate(proc.pid, 60)
            _remove_state(home)
            raise Neo4jServerError(
                f"Neo4j antwoordde niet binnen {timeout_s:.0f} s op {uri}; het proces is "
                f"gestopt. Laatste regels van {console}:\n{_log_tail(home)}"
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


def _terminate(pid: int, timeout_s: float) -> None:
    """SIGTERM, wait up to timeout_s, then SIGKILL."""
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout_s
    while _pid_alive(pid):
        if time.monotonic() > deadline:
            log.warning("Neo4j (pid %d) stopt niet na %.0f s; nu geforceerd.", pid, timeout_s)
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            kill_deadline = time.monotonic() + 10
            while _pid_alive(pid) and time.monotonic() < kill_deadline:
                time.sleep(0.1)
            break
        time.sleep(0.1)
    proc = _CHILDREN.pop(pid, None)
    if proc is not None:
        with contextlib.suppress(subprocess.TimeoutExpired, OSError):
            proc.wait(timeout=1)


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
            _remove_state(home)
            return False
        pid, _state = found
        log.info("Neo4j (pid %d) stoppen ...", pid)
        began = time.monotonic()
        try:
            _terminate(pid, timeout_s)
        except PermissionError as exc:
            raise Neo4jServerError(
                f"Geen toestemming om Neo4j (pid {pid}) te stoppen: {exc}"
            ) from exc
        if _pid_alive(pid):
            raise Neo4jServerError(f"Neo4j (pid {pid}) kon niet worden gestopt.")
        _remove_state(home)
        log.info("Neo4j gestopt na %.1f s.", time.monotonic() - began)
        return True
