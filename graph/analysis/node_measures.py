"""The value per node a network view sizes (and may colour) its nodes by, with its Dutch label.

Degree and population are read straight from the graph; betweenness and PageRank are computed on
the cooperation projection by the same functions :func:`graph.analysis.metrics.network_measures` uses,
without the measures a view does not show (communities alone take seconds at national size).
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from graph.analysis.municipal import municipality
from graph.assemble import raw_adjacency
from graph.model import NodeKind
from graph.selection import MEASURE_LABELS


@dataclass(frozen=True)
class MeasureValues:
    """A measure's value per node (nodes without one are left out) and its Dutch label."""

    values: dict[str, float]
    label: str


def node_measure(graph: nx.MultiDiGraph, key: str) -> MeasureValues | None:
    """The values of measure ``key`` (graph.selection.MEASURES); None for "soort" or unknown.

    Degree is every relationship in and out (graph.analysis.metrics' ``graad``); population is each
    municipality's most recent count (graph.analysis.municipal).
    """
    label = MEASURE_LABELS.get(key, "")
    if key == "graad":
        _, succ, pred = raw_adjacency(graph)  # graph.degree() through views: 3x slower
        return MeasureValues(
            {
                n: float(sum(map(len, succ[n].values())) + sum(map(len, pred[n].values())))
                for n in graph
            },
            label,
        )
    if key == "inwoners":
        people = {
            n: municipality(n, a).inwoners
            for n, a in graph.nodes(data=True)
            if a.get("kind") == NodeKind.GEMEENTE
        }
        return MeasureValues({n: float(v) for n, v in people.items() if v is not None}, label)
    if key not in ("tussenheid", "pagerank"):
        return None
    # Imported here: graph.analysis.metrics needs scipy, which the default view (degree) does not.
    from graph.analysis import metrics

    projection = metrics.cooperation_projection(graph)
    if key == "pagerank":
        values, _ = metrics.pagerank(projection)
    else:
        values, sampled = metrics.betweenness(
            projection, metrics.EXACT_BETWEENNESS_LIMIT, metrics.BETWEENNESS_SAMPLE, metrics.SEED
        )
        if sampled is not None:
            label += f" (geschat uit {sampled} steekproefnodes)"
    return MeasureValues({str(n): float(v) for n, v in values.items()}, label)
