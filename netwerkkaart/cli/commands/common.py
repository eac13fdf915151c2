"""Small helpers the command modules share: options, loading the stored graph, finding names."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import networkx as nx
import typer

from graph.model import NodeKind
from graph.stores.base import GraphStore
from loaders.names import NameIndex
from netwerkkaart.services.errors import UserError
from netwerkkaart.services.settings import workspace
from netwerkkaart.services.stores import open_store


class TableFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


class StoreKind(StrEnum):
    memory = "memory"
    neo4j = "neo4j"


StoreOption = typer.Option(None, "--store", help="memory (ingebouwd, standaard) of neo4j.")


def store_for(kind: StoreKind | None) -> tuple[Path, GraphStore]:
    home = workspace()
    return home, open_store(home, kind.value if kind else None)


def stored_graph(kind: StoreKind | None) -> nx.MultiDiGraph:
    """The stored graph, or a Dutch error telling how to build one."""
    _, store = store_for(kind)
    if not store.exists():
        raise UserError(
            f"Nog geen graaf in {store.describe()}: voer eerst `netwerkkaart build` uit."
        )
    return store.load()


def find_node(graph: nx.MultiDiGraph, kind: NodeKind, text: str) -> str:
    """The id of the node of ``kind`` that ``text`` names (code, name, or near miss)."""
    prefix = f"{kind.value}:"
    entries = [
        (n.removeprefix(prefix), a.get("naam", n))
        for n, a in graph.nodes(data=True)
        if n.startswith(prefix)
    ]
    resolution = NameIndex(entries).resolve(text)
    if resolution.key is None:
        raise UserError(resolution.unknown_message(kind.value, text))
    return prefix + resolution.key
