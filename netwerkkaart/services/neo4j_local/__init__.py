"""A local Neo4j Community server, started from the jars that Maven Central serves.

No Docker and no download site are needed: ``pom.xml`` in this package pins ``org.neo4j:neo4j``;
Maven copies its runtime jars once into ``<project root>/.cache/neo4j-<version>/lib`` and the
genuine server is started with ``java -cp "<lib>/*" org.neo4j.server.CommunityEntryPoint``.

Everything of one server lives in ``<workspace>/neo4j/``: ``conf/neo4j.conf``, ``data/``,
``logs/`` (``console.log`` is the server's stdout/stderr), ``server.json`` (pid, port, uri,
version) and ``password`` (mode 0600). The server runs in its own session, so it outlives the
Python process that started it; :func:`stop` finds it again through ``server.json``.

One module per concern: ``fetch`` (jars via Maven), ``java``, ``config`` (port, neo4j.conf),
``credentials`` (password), ``state`` (server.json), ``process`` (launch, pid checks, stop),
``bolt`` (readiness), ``logs`` (console.log) and ``server`` (start, stop, status).

Environment variables: ``NETWERKKAART_CACHE`` (cache dir instead of ``<project root>/.cache``),
``NETWERKKAART_NEO4J_PORT`` (Bolt port, ``auto``/``0`` for a free one), ``NEO4J_PASSWORD``
(password for a new database instead of a generated one), ``JAVA_HOME``.
"""

from __future__ import annotations

from netwerkkaart.services.neo4j_local.errors import Neo4jServerError
from netwerkkaart.services.neo4j_local.fetch import NEO4J_VERSION
from netwerkkaart.services.neo4j_local.server import (
    LocalServer,
    connection_settings,
    is_running,
    start,
    status,
    stop,
)

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
