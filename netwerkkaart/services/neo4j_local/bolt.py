"""Is the server ready? Asked over Bolt with the real driver and `RETURN 1`, because the port
opens (and the log says "Started.") a second or more before the first query is answered."""

from __future__ import annotations

import contextlib
from typing import Literal

from netwerkkaart.services.neo4j_local.credentials import USER

BoltAnswer = Literal["ok", "auth", "down"]


def bolt_check(uri: str, password: str, timeout_s: float = 5.0) -> BoltAnswer:
    """'ok' when Bolt answers and `RETURN 1` works, 'auth' when the password is refused,
    'down' when nothing (usable) answers."""
    from neo4j import GraphDatabase
    from neo4j.exceptions import AuthError

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
    except Exception:  # ServiceUnavailable, Neo4jError, OSError and whatever a half-up server says
        return "down"
    finally:
        with contextlib.suppress(Exception):
            driver.close()
