"""Helpers for property tests on graphs."""

from __future__ import annotations

import random

import networkx as nx

from graph.model import new_graph


def shuffled(graph: nx.MultiDiGraph, rng: random.Random) -> nx.MultiDiGraph:
    """The same graph with nodes and edges inserted in a random order (results must not care)."""
    nodes, edges = list(graph.nodes(data=True)), list(graph.edges(keys=True, data=True))
    rng.shuffle(nodes)
    rng.shuffle(edges)
    copy = new_graph()
    copy.add_nodes_from(nodes)
    copy.add_edges_from(edges)
    return copy
