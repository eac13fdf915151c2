"""A networkx graph as rows for ``UNWIND $rows`` writes, and read rows back as graph items.

Pure functions, no driver: they decide what Neo4j can hold. Every node gets its kind's label
(from the id prefix) and keeps its attributes as properties plus ``id`` and an order number;
every relationship gets its ``type`` attribute as relationship type and keeps its edge key as the
property ``key``. Values Neo4j cannot store faithfully (None, mixed lists, nested data, integers
beyond 64 bits) are refused before anything is written, with a Dutch message saying where.

>>> from graph.model import new_graph
>>> g = new_graph()
>>> g.add_node("gemeente:GM0163", kind="gemeente", naam="Hellendoorn")
>>> plan = push_plan(g)
>>> plan.nodes["Municipality"][0]["props"]["naam"]
'Hellendoorn'
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from graph.model import NEO4J_LABELS, kind_of
from graph.stores.base import StoreError
from graph.stores.cypher import GENERATION, ORDER, checked_rel_type

INTERNAL_PROPERTIES = frozenset({GENERATION, ORDER})
#: Attribute names the store itself uses; a graph carrying them cannot round-trip.
RESERVED_NODE_ATTRIBUTES = INTERNAL_PROPERTIES | {"id"}
RESERVED_EDGE_ATTRIBUTES = INTERNAL_PROPERTIES | {"key"}
_INT64 = (-(2**63), 2**63 - 1)

Row = dict[str, Any]


@dataclass
class PushPlan:
    """Rows per node label and per relationship type, in graph order."""

    nodes: dict[str, list[Row]] = field(default_factory=dict)
    relationships: dict[str, list[Row]] = field(default_factory=dict)
    node_count: int = 0
    relationship_count: int = 0


def batches(rows: Sequence[Row], size: int) -> Iterator[list[Row]]:
    """Consecutive slices of at most ``size`` rows."""
    for start in range(0, len(rows), size):
        yield list(rows[start : start + size])


def label_of(node: Any) -> str:
    """The Neo4j label of a node id, or a Dutch StoreError for an id without a known kind."""
    if not isinstance(node, str):
        raise StoreError(f"Kan niet opslaan in Neo4j: node-id {node!r} is geen tekst.")
    try:
        return NEO4J_LABELS[kind_of(node)]
    except ValueError:
        raise StoreError(
            f"Kan niet opslaan in Neo4j: node-id {node!r} begint niet met een bekende soort "
            "(zoals 'gemeente:')."
        ) from None


def _value_problem(value: Any) -> str | None:
    """Why Neo4j cannot hold ``value`` as it is, or None when it can."""
    if value is None:
        return "een lege waarde (None); laat het attribuut dan weg"
    if isinstance(value, bool | str | float):
        return None
    if isinstance(value, int):
        return None if _INT64[0] <= value <= _INT64[1] else "een getal buiten 64 bits"
    if isinstance(value, list):
        kinds = {type(v) for v in value}
        if len(kinds) > 1:
            return "een lijst met gemengde typen"
        if kinds and not kinds <= {bool, int, float, str}:
            return f"een lijst met {next(iter(kinds)).__name__}-waarden"
        problems = [p for p in map(_value_problem, value) if p]
        return problems[0] if problems else None
    return f"een waarde van type {type(value).__name__}"


def checked_properties(where: str, attrs: Mapping[str, Any], reserved: frozenset[str]) -> Row:
    """A copy of ``attrs`` when every name and value fits Neo4j; a Dutch StoreError otherwise."""
    for name, value in attrs.items():
        if not isinstance(name, str) or not name or "\x00" in name:
            raise StoreError(
                f"Kan niet opslaan in Neo4j: {where} heeft een ongeldige naam {name!r}."
            )
        if name in reserved:
            raise StoreError(
                f"Kan niet opslaan in Neo4j: {where} gebruikt de gereserveerde eigenschap {name!r}."
            )
        problem = _value_problem(value)
        if problem:
            raise StoreError(
                f"Kan niet opslaan in Neo4j: {where}, eigenschap {name!r} is {problem}."
            )
    return dict(attrs)


def push_plan(graph: nx.MultiDiGraph) -> PushPlan:
    """Rows for every node and relationship; refuses (StoreError) what cannot round-trip."""
    plan = PushPlan()
    for order, (node, attrs) in enumerate(graph.nodes(data=True)):
        label = label_of(node)
        props = checked_properties(f"node {node}", attrs, RESERVED_NODE_ATTRIBUTES)
        props[ORDER] = order
        plan.nodes.setdefault(label, []).append({"id": node, "props": props})
    for order, (u, v, key, attrs) in enumerate(graph.edges(keys=True, data=True)):
        where = f"relatie {u} -[{key}]-> {v}"
        if not isinstance(key, str):
            raise StoreError(
                f"Kan niet opslaan in Neo4j: {where} heeft een sleutel die geen tekst is."
            )
        props = checked_properties(where, attrs, RESERVED_EDGE_ATTRIBUTES)
        try:
            rel_type = checked_rel_type(props.pop("type", None))
        except ValueError:
            raise StoreError(
                f"Kan niet opslaan in Neo4j: {where} heeft geen relatietype uit het model "
                f"(attribuut 'type' = {attrs.get('type')!r})."
            ) from None
        props[ORDER] = order
        plan.relationships.setdefault(rel_type, []).append(
            {"source": u, "target": v, "key": key, "props": props}
        )
    plan.node_count = graph.number_of_nodes()
    plan.relationship_count = graph.number_of_edges()
    return plan


def node_from_row(props: Mapping[str, Any]) -> tuple[str, Row]:
    """(id, attributes) of a read node: its properties without the store's own."""
    attrs = {k: v for k, v in props.items() if k not in RESERVED_NODE_ATTRIBUTES}
    return props["id"], attrs


def edge_from_row(rel_type: str, props: Mapping[str, Any]) -> tuple[str, Row]:
    """(key, attributes) of a read relationship; the type becomes the ``type`` attribute."""
    attrs = {k: v for k, v in props.items() if k not in RESERVED_EDGE_ATTRIBUTES}
    attrs["type"] = rel_type
    return props["key"], attrs
