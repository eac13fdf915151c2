"""Node-link JSON: the selection for scripts and for the project itself.

The file is the project's own snapshot format (``schema: netwerkkaart-snapshot/1``, nodes and
edges with every attribute, types kept) plus an ``export`` block with title, date, selection,
sources and the example-data note. So an export can be reloaded exactly with
:func:`load_json_export`, and placed in a workspace as ``graph.json`` if need be.
"""

from __future__ import annotations

import json

import networkx as nx

from graph.stores.base import StoreError
from graph.stores.memory import SNAPSHOT_SCHEMA, graph_from_dict, graph_to_dict
from views.exports.meta import ExportMeta


def to_json(graph: nx.MultiDiGraph, meta: ExportMeta) -> bytes:
    """UTF-8 JSON, indented, in the graph's own node and edge order."""
    data = graph_to_dict(graph)
    document = {
        "schema": data["schema"],
        "export": {
            "titel": meta.titel,
            "datum": meta.datum.isoformat(),
            "selectie": meta.selectie,
            "bronnen": list(meta.bronnen),
            "bron_types": meta.bron_types,
            "let_op": meta.example_note,
        },
        "nodes": data["nodes"],
        "edges": data["edges"],
    }
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def load_json_export(payload: bytes) -> nx.MultiDiGraph:
    """The graph inside a JSON export; a Dutch ``ValueError`` for anything else."""
    try:
        data = json.loads(payload.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"Geen leesbare JSON-export: {exc}") from exc
    if not isinstance(data, dict) or data.get("schema") != SNAPSHOT_SCHEMA:
        found = data.get("schema") if isinstance(data, dict) else type(data).__name__
        raise ValueError(f"Geen Netwerkkaart-export: schema {found!r}, verwacht {SNAPSHOT_SCHEMA}.")
    try:
        return graph_from_dict(data)
    except (StoreError, KeyError, TypeError) as exc:
        raise ValueError(f"Onvolledige JSON-export: {exc}") from exc
