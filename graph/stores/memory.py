"""The embedded store: the graph as one JSON snapshot file in the workspace folder.

JSON keeps every property type the graph allows (strings, numbers, booleans, lists) and stays
readable by people and other tools. Writes go through :func:`graph.files.write_atomically`, so
a crash mid-write leaves the previous snapshot intact.

Every save writes a fresh ``version`` token right after the schema tag, so a reader in another
process learns whether the graph changed from the file's first bytes, without reading the rest
(file times alone can repeat for two saves within one clock tick).
"""

from __future__ import annotations

import json
import os
import re
import uuid
from pathlib import Path
from typing import Any

import networkx as nx

from graph.assemble import assemble, gc_paused
from graph.files import write_atomically
from graph.model import new_graph
from graph.stores.base import StoreError

SNAPSHOT_SCHEMA = "netwerkkaart-snapshot/1"
SNAPSHOT_FILE = "graph.json"
_HEAD_BYTES = 128
_VERSION_TAG = re.compile(rb'^\{"schema":"[^"]*","version":"([0-9a-f]{32})"')
#: Keys the node-link form uses for structure; an attribute of that name would overwrite them.
NODE_FIELDS = frozenset({"id"})
EDGE_FIELDS = frozenset({"source", "target", "key"})


def _refuse_structural_names(graph: nx.MultiDiGraph) -> None:
    for n, attrs in graph.nodes(data=True):
        if clash := NODE_FIELDS & attrs.keys():
            raise ValueError(f"node {n} has attribute(s) {sorted(clash)} reserved by the snapshot")
    for u, v, attrs in graph.edges(data=True):
        if clash := EDGE_FIELDS & attrs.keys():
            raise ValueError(
                f"relationship {u}->{v} has attribute(s) {sorted(clash)} reserved by the snapshot"
            )


def graph_to_dict(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """Node-link form with a schema tag; node and edge order kept for stable files."""
    _refuse_structural_names(graph)
    return {
        "schema": SNAPSHOT_SCHEMA,
        "nodes": [{"id": n, **attrs} for n, attrs in graph.nodes(data=True)],
        "edges": [
            {"source": u, "target": v, "key": k, **attrs}
            for u, v, k, attrs in graph.edges(keys=True, data=True)
        ],
    }


def graph_from_dict(data: dict[str, Any]) -> nx.MultiDiGraph:
    """Inverse of :func:`graph_to_dict`; refuses data of another schema or shape (StoreError).
    Consumes ``data`` (freshly parsed JSON): its records become the graph's attribute dicts."""
    schema = data.get("schema") if isinstance(data, dict) else type(data).__name__
    if schema != SNAPSHOT_SCHEMA:
        raise StoreError(f"onbekend snapshotformaat {schema!r} (verwacht {SNAPSHOT_SCHEMA})")
    nodes, edges = data.get("nodes"), data.get("edges")
    if not isinstance(nodes, list) or not isinstance(edges, list):
        raise StoreError("onvolledige snapshot: 'nodes' en 'edges' moeten lijsten zijn")
    try:  # the parsed records are ours: their dicts become the graph's attributes
        return assemble(
            ((record.pop("id"), record) for record in nodes),
            ((r.pop("source"), r.pop("target"), r.pop("key"), r) for r in edges),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise StoreError(f"onvolledige snapshot: {type(exc).__name__} {exc}") from exc


class MemoryStore:
    """The default store: a snapshot file at ``<workspace>/graph.json``."""

    name = "embedded"

    def __init__(self, workspace: Path) -> None:
        self.path = Path(workspace) / SNAPSHOT_FILE

    def save(self, graph: nx.MultiDiGraph) -> None:
        data = graph_to_dict(graph)
        tagged = {"schema": data.pop("schema"), "version": uuid.uuid4().hex, **data}
        payload = json.dumps(tagged, ensure_ascii=False, separators=(",", ":"))
        try:
            write_atomically(self.path, payload.encode("utf-8"))
        except OSError as exc:
            raise StoreError(f"Kan de snapshot niet schrijven naar {self.path}: {exc}") from exc

    def load(self) -> nx.MultiDiGraph:
        if not self.path.exists():
            return new_graph()
        try:
            with gc_paused():  # json.loads makes a dict per node and relationship
                return graph_from_dict(json.loads(self.path.read_text(encoding="utf-8")))
        except (OSError, ValueError, StoreError) as exc:
            raise StoreError(
                f"De snapshot {self.path} is onleesbaar ({exc}). "
                "Bouw de graaf opnieuw met `netwerkkaart build`."
            ) from exc

    def exists(self) -> bool:
        return self.path.exists()

    def describe(self) -> str:
        return f"ingebouwde opslag (snapshot {self.path})"

    def version(self) -> str:
        """The save's token with the file's time and size (which also catch a snapshot edited
        by hand, or one written before tokens existed); ``""`` without a snapshot.

        >>> import tempfile
        >>> store = MemoryStore(Path(tempfile.mkdtemp()))
        >>> store.version()
        ''
        >>> store.save(new_graph()); first = store.version()
        >>> store.save(new_graph()); first != store.version() and store.version() != ""
        True
        """
        try:
            with self.path.open("rb") as snapshot:
                head, status = snapshot.read(_HEAD_BYTES), os.fstat(snapshot.fileno())
        except FileNotFoundError:
            return ""
        except OSError as exc:
            raise StoreError(f"De snapshot {self.path} is onleesbaar ({exc}).") from exc
        token = match.group(1).decode() if (match := _VERSION_TAG.match(head)) else ""
        return f"{token}:{status.st_mtime_ns}:{status.st_size}"
