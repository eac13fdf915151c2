"""Which Neo4j to use: the user's own (NEO4J_URI ...) or else the project's local server.

Users who run Neo4j themselves (Docker ``neo4j:5``, a server, Aura) set ``NEO4J_URI``,
``NEO4J_USER``, ``NEO4J_PASSWORD`` and maybe ``NEO4J_DATABASE``; everybody else starts the local
server once with ``netwerkkaart neo4j start`` and needs no configuration at all.
"""

from __future__ import annotations

import logging
from pathlib import Path

from graph.stores.neo4j import Neo4jStore
from netwerkkaart.services.errors import UserError
from netwerkkaart.services.neo4j_local import connection_settings
from netwerkkaart.services.settings import setting


def open_neo4j_store(workspace: Path) -> Neo4jStore:
    """A Neo4j store on NEO4J_URI when set, else on the workspace's running local server.

    The driver's own English warnings (retries, dropped connections) are silenced: the store
    turns every failure into one Dutch message.
    """
    logging.getLogger("neo4j").setLevel(logging.CRITICAL)
    database = setting("NEO4J_DATABASE")
    uri = setting("NEO4J_URI").strip()
    if uri:
        password = setting("NEO4J_PASSWORD")
        if not password:
            local = connection_settings(workspace)
            password = local.password if local is not None and local.uri == uri else ""
        if not password:
            raise UserError(
                f"NEO4J_URI is gezet ({uri}), maar NEO4J_PASSWORD niet. Zet het wachtwoord van "
                "die Neo4j in NEO4J_PASSWORD."
            )
        return Neo4jStore(uri, setting("NEO4J_USER"), password, database)
    local = connection_settings(workspace)
    if local is None:
        raise UserError(
            "Er is geen Neo4j ingesteld en de lokale server draait niet. Start hem met "
            "`netwerkkaart neo4j start`, of zet NEO4J_URI (en NEO4J_USER, NEO4J_PASSWORD) "
            "voor een eigen Neo4j."
        )
    return Neo4jStore(local.uri, local.user, local.password, database)
