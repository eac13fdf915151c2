r"""Cypher: a script that recreates the selection in an empty Neo4j 5 database.

Run it with ``cypher-shell -f netwerk.cypher`` or paste it into Neo4j Browser. First uniqueness
constraints (one per label, on ``id``), then nodes and relationships in batches of ``UNWIND``
rows with ``MERGE`` on the id (nodes) and on type plus ``key`` (relationships), then ``SET`` of
all properties. Running it twice changes nothing. The shape is the Neo4j store's: a node's label
comes from its kind and it keeps every attribute plus ``id``; a relationship's type is its
``type`` attribute and its key is the property ``key``.

Labels and relationship types come from the closed lists in :mod:`graph.model`, never from data;
every value from data is a literal escaped by :func:`literal`, and comments are single lines with
line breaks removed, so no text in the data can end a string or a comment early.

>>> print(literal('O\'Neil \\ "x"\n'), literal([1, 2.5, True]), literal({"a b": None}))
'O\'Neil \\ "x"\n' [1, 2.5, true] {`a b`: null}
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import networkx as nx

from graph.model import NEO4J_LABELS, NodeKind, RelType
from views.exports.meta import PRODUCT, ExportMeta

BATCH_SIZE = 250
EDGE_KEY_PROPERTY = "key"

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_ESCAPES = {
    "\\": "\\\\",
    "'": "\\'",
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\b": "\\b",
    "\f": "\\f",
}
_NEEDS_ESCAPE = re.compile(r"[\\'\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_LINE_BREAKS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def _escape_char(match: re.Match[str]) -> str:
    char = match.group(0)
    if char in _ESCAPES:
        return _ESCAPES[char]
    if "\ud800" <= char <= "\udfff":
        return "\\ufffd"
    return f"\\u{ord(char):04x}"


def name(text: str) -> str:
    """A property name: plain when it is an identifier, else in backticks (doubled inside)."""
    if _IDENTIFIER.fullmatch(text):
        return text
    return "`" + text.replace("`", "``") + "`"


def literal(value: Any) -> str:
    """A Cypher literal for a property value (text, number, boolean, list, map)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"Cypher kent geen letterlijke waarde voor {value!r}")
        return repr(value)
    if isinstance(value, str):
        return "'" + _NEEDS_ESCAPE.sub(_escape_char, value) + "'"
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{name(str(k))}: {literal(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(literal(v) for v in value) + "]"
    raise TypeError(f"geen Cypher-waarde: {type(value).__name__}")


def comment(text: str) -> str:
    """A ``//`` comment line; control characters and line separators become spaces."""
    return "// " + _LINE_BREAKS.sub(" ", text).strip()


def label_of(attrs: Mapping[str, Any]) -> str:
    """The Neo4j label of a node, from the closed list (ValueError for an unknown kind)."""
    return NEO4J_LABELS[NodeKind(str(attrs.get("kind")))]


def _edge_props(key: object, attrs: Mapping[str, Any]) -> dict[str, Any]:
    """A relationship's properties: its key and attributes; ``type`` is the relationship type."""
    return {EDGE_KEY_PROPERTY: str(key), **{k: v for k, v in attrs.items() if k != "type"}}


def _batches(rows: Sequence[str], size: int) -> Iterable[Sequence[str]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def _unwind(rows: Sequence[str], body: str) -> str:
    return "UNWIND [\n  " + ",\n  ".join(rows) + "\n] AS row\n" + body + ";"


def _groups(items: Iterable[tuple[tuple[str, ...], str]]) -> dict[tuple[str, ...], list[str]]:
    groups: dict[tuple[str, ...], list[str]] = {}
    for group, row in items:
        groups.setdefault(group, []).append(row)
    return groups


def to_cypher(graph: nx.MultiDiGraph, meta: ExportMeta, batch_size: int = BATCH_SIZE) -> bytes:
    """The script as UTF-8 text; statements end with ``;`` at the end of a line."""
    labels = {node: label_of(attrs) for node, attrs in graph.nodes(data=True)}
    header = [comment(f"{PRODUCT} — Cypher-export"), *(comment(line) for line in meta.lines())]
    header += [
        comment("Voor een lege Neo4j 5-database, bijv.: cypher-shell -f <dit bestand>."),
        comment("Opnieuw uitvoeren verandert niets (MERGE op id en op relatietype + key)."),
    ]
    parts = ["\n".join(header)]
    parts += [
        f"CREATE CONSTRAINT {name(label.lower() + '_id')} IF NOT EXISTS "
        f"FOR (n:{label}) REQUIRE n.id IS UNIQUE;"
        for label in sorted(set(labels.values()))
    ]
    node_rows = _groups(
        (
            (labels[node],),
            literal({"id": node, "props": {"id": node, **attrs}}),
        )
        for node, attrs in graph.nodes(data=True)
    )
    for (label,), rows in node_rows.items():
        for batch in _batches(rows, batch_size):
            parts.append(_unwind(batch, f"MERGE (n:{label} {{id: row.id}})\nSET n = row.props"))
    edge_rows = _groups(
        (
            (str(RelType(str(attrs.get("type")))), labels[u], labels[v]),
            literal({"van": u, "naar": v, "key": str(k), "props": _edge_props(k, attrs)}),
        )
        for u, v, k, attrs in graph.edges(keys=True, data=True)
    )
    for (rel_type, source, target), rows in edge_rows.items():
        body = (
            f"MATCH (a:{source} {{id: row.van}})\nMATCH (b:{target} {{id: row.naar}})\n"
            f"MERGE (a)-[r:{rel_type} {{{EDGE_KEY_PROPERTY}: row.key}}]->(b)\nSET r = row.props"
        )
        for batch in _batches(rows, batch_size):
            parts.append(_unwind(batch, body))
    return ("\n\n".join(parts) + "\n").encode("utf-8")
