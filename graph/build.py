"""Turn loader records into the project's networkx MultiDiGraph.

Build is deliberately dumb: loaders already validated every value and resolved every name, so
a dangling reference or a duplicate id here is a programming error and raises.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum
from typing import Any

import networkx as nx

from graph.model import EdgeRecord, NodeRecord, kind_of, new_graph


class BuildError(ValueError):
    """Records that do not form a graph (a bug in a loader, not a user's mistake)."""


def _plain(value: Any) -> Any:
    """Enums as their value and tuples as lists, so a stored and re-read graph compares equal."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _clean(props: dict[str, Any]) -> dict[str, Any]:
    """Drop missing values: Neo4j cannot store null, so "missing" means "attribute absent"."""
    return {k: _plain(v) for k, v in props.items() if v is not None}


def node_attributes(record: NodeRecord) -> dict[str, Any]:
    attrs = {"kind": record.kind.value, "naam": record.naam}
    attrs.update(_clean(dict(record.props)))
    attrs.update(record.provenance.as_properties())
    return attrs


def edge_attributes(record: EdgeRecord) -> dict[str, Any]:
    attrs: dict[str, Any] = {"type": str(record.type)}
    attrs.update(_clean(dict(record.props)))
    attrs.update(record.provenance.as_properties())
    return attrs


def build_graph(nodes: Iterable[NodeRecord], edges: Iterable[EdgeRecord]) -> nx.MultiDiGraph:
    """Assemble nodes and relationships; every relationship's ends must be among the nodes.

    >>> from graph.model import BronType, Provenance, RelType
    >>> p = Provenance("test", BronType.REFERENTIE)
    >>> g = build_graph([NodeRecord("gemeente:A", "A", p), NodeRecord("provincie:p", "P", p)],
    ...                 [EdgeRecord("gemeente:A", "provincie:p", RelType.LIGT_IN, p)])
    >>> g.number_of_nodes(), g.number_of_edges()
    (2, 1)
    """
    graph = new_graph()
    for record in nodes:
        kind_of(record.id)
        if record.id in graph:
            raise BuildError(f"node {record.id} komt twee keer voor")
        graph.add_node(record.id, **node_attributes(record))
    for edge in edges:
        for end in (edge.source, edge.target):
            if end not in graph:
                raise BuildError(f"relatie {edge.type} verwijst naar onbekende node {end}")
        if graph.has_edge(edge.source, edge.target, key=edge.edge_key):
            raise BuildError(
                f"relatie {edge.source} -[{edge.edge_key}]-> {edge.target} komt twee keer voor"
            )
        graph.add_edge(edge.source, edge.target, key=edge.edge_key, **edge_attributes(edge))
    return graph
