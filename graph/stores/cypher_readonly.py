"""Run a user's Cypher query read-only: checked first, then run in a read transaction.

Three fences, each sufficient for ordinary writes and together for the odd ones:

1. ``EXPLAIN`` plans the query without running it. Only query type ``r`` passes; ``rw``, ``w``
   (writes, write procedures) and ``s`` (schema, administration) are refused. Operators that
   read-type plans can still contain are refused by name: ``LOAD CSV`` (reads files or URLs),
   ``CALL {...} IN TRANSACTIONS`` (commits on its own) and ``TERMINATE TRANSACTIONS``.
   Procedures must be on a short list of informative ones (``db.stats.clear`` is "read" too).
   Two statements do not plan at all and are refused with the server's reason.
2. The query runs in a READ transaction, which the server refuses to write in.
3. A timeout ends it on the server; at most ``row_cap`` rows are fetched.

The result comes back as plain rows (nodes and relationships as dicts) and, when it holds nodes
or relationships, as a small networkx graph for display.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
from neo4j import READ_ACCESS, ManagedTransaction, Query, Record, unit_of_work
from neo4j.exceptions import Neo4jError
from neo4j.graph import Node, Path, Relationship

from graph.model import EXAMPLE_BRON_TYPES, new_graph
from graph.stores.base import StoreError
from graph.stores.cypher import GENERATION, NODE_LABEL, STATE_ID, STATE_LABEL, current_generation
from graph.stores.neo4j import Neo4jStore
from graph.stores.neo4j_rows import INTERNAL_PROPERTIES

DEFAULT_TIMEOUT_S = 30.0
DEFAULT_ROW_CAP = 1000

#: Plan operators refused even inside a read-type plan, with the reason shown to the user.
REFUSED_OPERATORS: dict[str, str] = {
    "LoadCSV": "LOAD CSV leest bestanden of webadressen en is hier niet toegestaan",
    "TransactionApply": "CALL { ... } IN TRANSACTIONS legt zelf transacties vast",
    "TransactionForeach": "CALL { ... } IN TRANSACTIONS legt zelf transacties vast",
    "TerminateTransactions": "TERMINATE TRANSACTIONS breekt het werk van anderen af",
}

#: Procedures that only describe the database; every other procedure is refused.
ALLOWED_PROCEDURES: frozenset[str] = frozenset(
    {
        "db.labels",
        "db.relationshipTypes",
        "db.propertyKeys",
        "db.schema.visualization",
        "db.schema.nodeTypeProperties",
        "db.schema.relTypeProperties",
        "db.info",
        "db.ping",
        "db.index.fulltext.queryNodes",
        "db.index.fulltext.queryRelationships",
        "db.index.vector.queryNodes",
        "db.index.vector.queryRelationships",
    }
)

_QUERY_TYPES = {
    "rw": "leest en schrijft",
    "w": "schrijft",
    "s": "wijzigt het schema of de beheerinstellingen",
}
_EXAMPLE_VALUES = frozenset(str(b) for b in EXAMPLE_BRON_TYPES)
_PROCEDURE = re.compile(r"^\s*([\w.]+)\s*\(")


class QueryRefused(StoreError):
    """A query that was not run because it could change something; ``str()`` says why (Dutch)."""


@dataclass
class CypherResult:
    """Rows (plain values) and, when the result holds nodes or relationships, a graph of them."""

    columns: list[str]
    rows: list[dict[str, Any]]
    truncated: bool = False
    graph: nx.MultiDiGraph | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def has_example_data(self) -> bool:
        """Whether any row shows a ``bron_type`` of example or synthetic data."""
        return any(_is_example(row) for row in self.rows)


def _is_example(value: Any, under_bron_type: bool = False) -> bool:
    if isinstance(value, dict):
        return any(_is_example(v, "bron_type" in str(k)) for k, v in value.items())
    if isinstance(value, list):
        return any(_is_example(v, under_bron_type) for v in value)
    return under_bron_type and value in _EXAMPLE_VALUES


def _operators(plan: Mapping[str, Any] | None) -> Iterable[tuple[str, str]]:
    """(operator name without '@db', details) for every operator of an EXPLAIN plan."""
    if not plan:
        return
    name = str(plan.get("operatorType", "")).split("@", 1)[0]
    yield name, str(plan.get("args", {}).get("Details", ""))
    for child in plan.get("children", []):
        yield from _operators(child)


def refusal(query_type: str | None, plan: Mapping[str, Any] | None) -> str | None:
    """Why a planned query must not run, or None when it only reads."""
    if query_type != "r":
        what = _QUERY_TYPES.get(query_type or "", f"is van onbekend type {query_type!r}")
        return f"deze query {what} (querytype {query_type!r}); alleen lezen is toegestaan"
    for name, details in _operators(plan):
        if name in REFUSED_OPERATORS:
            return REFUSED_OPERATORS[name]
        if name == "ProcedureCall":
            match = _PROCEDURE.match(details)
            procedure = match.group(1) if match else details
            if procedure not in ALLOWED_PROCEDURES:
                return f"de procedure {procedure} staat niet op de lijst van leesprocedures"
    return None


def check_read_only(store: Neo4jStore, query: str, params: Mapping[str, Any]) -> None:
    """Plan ``query`` with EXPLAIN (nothing runs) and raise QueryRefused unless it only reads."""
    if not query.strip():
        raise QueryRefused("Geweigerd: de query is leeg.")
    with store.translated("de query controleren"), store.session(READ_ACCESS) as session:
        try:
            summary = session.run(Query("EXPLAIN " + query), dict(params)).consume()
        except Neo4jError as exc:
            raise QueryRefused(_planning_message(exc)) from None
    reason = refusal(summary.query_type, summary.plan)
    if reason:
        raise QueryRefused(f"Geweigerd: {reason}. Er is niets uitgevoerd of gewijzigd.")


def _planning_message(exc: Neo4jError) -> str:
    message = (exc.message or str(exc)).strip()
    if "exactly one statement" in message:
        return "Geweigerd: de query bevat meer dan één statement; geef er één tegelijk."
    first = message.splitlines()[0] if message else exc.code or "onbekende fout"
    return f"De query is niet geldig en is niet uitgevoerd: {first}"


def run_read_only(
    store: Neo4jStore,
    query: str,
    params: Mapping[str, Any] | None = None,
    *,
    timeout_s: float = DEFAULT_TIMEOUT_S,
    row_cap: int = DEFAULT_ROW_CAP,
) -> CypherResult:
    """Check ``query`` (see :func:`check_read_only`), then run it in a read transaction."""
    values = dict(params or {})
    check_read_only(store, query, values)

    def work(tx: ManagedTransaction) -> tuple[list[str], list[Record], bool, int]:
        result = tx.run(query, values)
        columns, truncated = list(result.keys()), False
        records: list[Record] = []
        for record in result:
            if len(records) == row_cap:
                truncated = True
                break
            records.append(record)
        result.consume()
        state = tx.run(current_generation(), state_id=STATE_ID).single()
        return columns, records, truncated, len(state["generations"]) if state else 0

    with store.translated("de query uitvoeren"), store.session(READ_ACCESS) as session:
        try:
            columns, records, truncated, generations = session.execute_read(
                unit_of_work(timeout=timeout_s)(work)
            )
        except Neo4jError as exc:
            raise StoreError(_run_message(exc, timeout_s)) from None
    rows = [{key: plain(record[key]) for key in columns} for record in records]
    graph = result_graph(value for record in records for value in record.values())
    notes = [f"Alleen de eerste {row_cap} rijen zijn getoond."] if truncated else []
    if generations > 1 and GENERATION.lstrip("_") not in query:
        notes.append(generations_note(generations))
    return CypherResult(columns, rows, truncated, graph, notes)


def generations_note(generations: int) -> str:
    """Why a query may count things twice while a push runs (or after one was broken off)."""
    return (
        f"Let op: de database bevat nu {generations} generaties van de graaf (een push is bezig "
        "of werd afgebroken), en deze query leest ze allemaal. Begin bij de huidige: "
        f"MATCH (s:{STATE_LABEL} {{id: '{STATE_ID}'}}) WITH s.generatie AS gen "
        f"MATCH (n {{{GENERATION}: gen}}) ..."
    )


def _run_message(exc: Neo4jError, timeout_s: float) -> str:
    code = exc.code or ""
    if "TransactionTimedOut" in code or "Terminated" in code:
        return f"De query duurde langer dan {timeout_s:g} s en is afgebroken."
    if "AccessMode" in code or "ForbiddenOnReadOnlyDatabase" in code:
        return "Geweigerd: de query probeerde te schrijven; er is niets gewijzigd."
    message = (exc.message or str(exc)).strip()
    first = message.splitlines()[0] if message else code
    return f"De query is mislukt: {first}"


def _properties(entity: Node | Relationship) -> dict[str, Any]:
    return {k: plain(v) for k, v in entity.items() if k not in INTERNAL_PROPERTIES}


def _node_key(node: Node) -> str:
    return str(node.get("id") or node.element_id)


def plain(value: Any) -> Any:
    """A result value as JSON-friendly data: nodes, relationships and paths as dicts."""
    if isinstance(value, Node):
        props = _properties(value)
        props.pop("id", None)
        labels = sorted(label for label in value.labels if label != NODE_LABEL)
        return {"id": _node_key(value), "labels": labels, "eigenschappen": props}
    if isinstance(value, Relationship):
        props = _properties(value)
        return {
            "type": value.type,
            "van": None if value.start_node is None else _node_key(value.start_node),
            "naar": None if value.end_node is None else _node_key(value.end_node),
            "eigenschappen": props,
        }
    if isinstance(value, Path):
        return {
            "nodes": [plain(n) for n in value.nodes],
            "relaties": [plain(r) for r in value.relationships],
        }
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)  # temporal and spatial values


def _entities(value: Any) -> Iterable[Node | Relationship]:
    if isinstance(value, Node | Relationship):
        yield value
    elif isinstance(value, Path):
        yield from value.nodes
        yield from value.relationships
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _entities(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _entities(item)


def _add_node(graph: nx.MultiDiGraph, node: Node) -> str:
    key = _node_key(node)
    attrs = _properties(node)
    attrs.pop("id", None)
    if key not in graph or attrs:
        graph.add_node(key, **attrs)
    return key


def result_graph(values: Iterable[Any]) -> nx.MultiDiGraph | None:
    """The nodes and relationships among ``values`` as a graph of the project's shape.

    Nodes are keyed by their ``id`` property (the element id when they have none); a
    relationship brings its end nodes along even when the query did not return them.
    """
    graph = new_graph()
    relationships: list[Relationship] = []
    for entity in (e for value in values for e in _entities(value)):
        if isinstance(entity, Node):
            _add_node(graph, entity)
        else:
            relationships.append(entity)
    for rel in relationships:
        if rel.start_node is None or rel.end_node is None:
            continue
        source, target = _add_node(graph, rel.start_node), _add_node(graph, rel.end_node)
        attrs = _properties(rel)
        key = attrs.pop("key", rel.element_id)
        graph.add_edge(source, target, key=key, type=rel.type, **attrs)
    return graph if graph.number_of_nodes() else None
