r"""Cypher: a script that recreates the selection in an empty Neo4j 5 database.

Run it with ``cypher-shell -f netwerk.cypher`` or paste it into Neo4j Browser. First uniqueness
constraints (one per label, on ``id``), then nodes and relationships in batches of ``UNWIND``
rows with ``MERGE`` on the id (nodes) and on type plus ``key`` (relationships), then ``SET +=``
of all properties. Running it twice changes nothing. The rows, their labels, their checks (values
Neo4j cannot hold are refused) and their batches are the Neo4j store's own
(:func:`graph.stores.neo4j_rows.push_plan`): a node's label comes from its kind and it keeps every
attribute plus ``id`` (and the store's order number ``_volgorde``); a relationship's type is its
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
from collections.abc import Mapping, Sequence
from typing import Any

import networkx as nx

from graph.stores.base import StoreError
from graph.stores.neo4j_rows import PushPlan, Row, batches, label_of, push_plan
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


def _unwind(rows: Sequence[Row], body: str) -> str:
    return "UNWIND [\n  " + ",\n  ".join(map(literal, rows)) + "\n] AS row\n" + body + ";"


def _plan(graph: nx.MultiDiGraph) -> PushPlan:
    """The store's rows for ``graph``; what the store refuses, the script refuses (ValueError)."""
    try:
        return push_plan(graph)
    except StoreError as exc:
        raise ValueError(str(exc)) from None


def to_cypher(graph: nx.MultiDiGraph, meta: ExportMeta, batch_size: int = BATCH_SIZE) -> bytes:
    """The script as UTF-8 text; statements end with ``;`` at the end of a line."""
    plan = _plan(graph)
    header = [comment(f"{PRODUCT} — Cypher-export"), *(comment(line) for line in meta.lines())]
    header += [
        comment("Voor een lege Neo4j 5-database, bijv.: cypher-shell -f <dit bestand>."),
        comment("Opnieuw uitvoeren verandert niets (MERGE op id en op relatietype + key)."),
    ]
    parts = ["\n".join(header)]
    parts += [
        f"CREATE CONSTRAINT {name(label.lower() + '_id')} IF NOT EXISTS "
        f"FOR (n:{label}) REQUIRE n.id IS UNIQUE;"
        for label in sorted(plan.nodes)
    ]
    for label, rows in plan.nodes.items():
        for batch in batches(rows, batch_size):
            parts.append(_unwind(batch, f"MERGE (n:{label} {{id: row.id}})\nSET n += row.props"))
    for rel_type, rows in plan.relationships.items():
        ends: dict[tuple[str, str], list[Row]] = {}
        for row in rows:  # grouped by the labels of both ends, so MATCH uses the constraints
            ends.setdefault((label_of(row["source"]), label_of(row["target"])), []).append(row)
        for (source, target), grouped in ends.items():
            body = (
                f"MATCH (a:{source} {{id: row.source}})\nMATCH (b:{target} {{id: row.target}})\n"
                f"MERGE (a)-[r:{rel_type} {{{EDGE_KEY_PROPERTY}: row.key}}]->(b)\n"
                "SET r += row.props"
            )
            for batch in batches(grouped, batch_size):
                parts.append(_unwind(batch, body))
    return ("\n\n".join(parts) + "\n").encode("utf-8")
