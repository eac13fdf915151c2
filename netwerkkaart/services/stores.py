"""Choosing a store: the embedded snapshot by default, Neo4j when asked or configured."""

from __future__ import annotations

from pathlib import Path

from graph.stores.base import GraphStore
from graph.stores.memory import MemoryStore
from netwerkkaart.services.errors import UserError
from netwerkkaart.services.settings import setting

STORE_KINDS = ("memory", "neo4j")


def open_store(workspace: Path, kind: str | None = None) -> GraphStore:
    """The store of ``kind`` (default: NETWERKKAART_STORE, else memory)."""
    chosen = (kind or setting("NETWERKKAART_STORE")).strip().lower()
    if chosen == "memory":
        return MemoryStore(workspace)
    if chosen == "neo4j":
        from netwerkkaart.services.neo4j_connection import open_neo4j_store

        return open_neo4j_store(workspace)
    raise UserError(f"Onbekende opslag '{chosen}'; kies uit: {', '.join(STORE_KINDS)}.")
