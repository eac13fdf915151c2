"""Where the server listens and what its ``conf/neo4j.conf`` says.

It listens on the loopback address only, with HTTP(S) off and auth on, and every directory of
the server inside its home: a local server must not be reachable from the network, and all it
writes stays in the workspace.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path
from typing import Literal

from graph.files import write_atomically
from netwerkkaart.services.neo4j_local.errors import Neo4jServerError

HOST = "127.0.0.1"
DEFAULT_PORT = 7687
PAGECACHE = "256m"
_DIRECTORIES = ("data", "logs", "run", "import", "plugins", "lib", "licenses")


def resolve_port(port: int | Literal["auto"] | None) -> int | None:
    """The requested port; None means 'pick a free one'.

    ``port`` None means NETWERKKAART_NEO4J_PORT, else 7687.
    """
    if port is None:
        env = os.environ.get("NETWERKKAART_NEO4J_PORT", "").strip()
        if not env:
            return DEFAULT_PORT
        requested: int | str = "auto" if env.lower() == "auto" else env
    else:
        requested = port
    if requested == "auto":
        return None
    try:
        number = int(requested)
    except (TypeError, ValueError):
        raise Neo4jServerError(
            f"Ongeldige poort {requested!r} (NETWERKKAART_NEO4J_PORT): gebruik een getal "
            "van 1 tot 65535, of 'auto'."
        ) from None
    if number == 0:
        return None
    if not 0 < number < 65536:
        raise Neo4jServerError(f"Ongeldige poort {number}: gebruik een getal van 1 tot 65535.")
    return number


def port_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        # Like Netty: SO_REUSEADDR, so TIME_WAIT leftovers of a stopped server do not count.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((HOST, port))
        except OSError:
            return False
    return True


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def config_file(home: Path) -> Path:
    return home / "conf" / "neo4j.conf"


def write_config(home: Path, port: int) -> None:
    """(Re)write neo4j.conf for a server on ``port`` and create the directories it names."""
    dirs = {name: home / name for name in _DIRECTORIES}
    for path in dirs.values():
        path.mkdir(parents=True, exist_ok=True)
    lines = [
        "# Written by netwerkkaart/services/neo4j_local/config.py on every start; edits are overwritten.",
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
    write_atomically(config_file(home), "\n".join(lines).encode("utf-8"))
