"""Counts per node kind and relationship type (a symmetric relationship is stored, and counted, once): what `netwerkkaart stats` and status pages show."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import networkx as nx


@dataclass(frozen=True)
class GraphStats:
    nodes: int
    relationships: int
    nodes_per_kind: dict[str, int] = field(default_factory=dict)
    relationships_per_type: dict[str, int] = field(default_factory=dict)
    per_bron_type: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, object]:
        return {
            "nodes": self.nodes,
            "relaties": self.relationships,
            "nodes_per_soort": self.nodes_per_kind,
            "relaties_per_type": self.relationships_per_type,
            "per_bron_type": self.per_bron_type,
        }


def graph_stats(graph: nx.MultiDiGraph) -> GraphStats:
    """Count nodes per kind, relationships per type (symmetric ones once per pair) and sources.

    >>> from graph.model import new_graph
    >>> g = new_graph(); g.add_node("gemeente:A", kind="gemeente", bron_type="referentie")
    >>> graph_stats(g).nodes_per_kind
    {'gemeente': 1}
    """
    kinds = Counter(attrs.get("kind", "?") for _, attrs in graph.nodes(data=True))
    types = Counter(attrs.get("type", "?") for _, _, attrs in graph.edges(data=True))
    sources = Counter(attrs.get("bron_type", "?") for _, attrs in graph.nodes(data=True))
    sources.update(attrs.get("bron_type", "?") for _, _, attrs in graph.edges(data=True))
    return GraphStats(
        nodes=graph.number_of_nodes(),
        relationships=graph.number_of_edges(),
        nodes_per_kind=dict(sorted(kinds.items())),
        relationships_per_type=dict(sorted(types.items())),
        per_bron_type=dict(sorted(sources.items())),
    )
