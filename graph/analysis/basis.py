"""What an analysis may rest on: the graph without example rows (and, on request, without the
project's own derived links).

Rankings, knowledge-exchange pairs and the measures on the map must not change because of
invented example rows (``bron_type`` voorbeeld), so by default they are computed on this view;
the user switches example data on explicitly ("met voorbeelddata", ``--met-voorbeelden``) and
then every reason that rests on it says so. Derived links (``afgeleid``, e.g. which theme an
activity touches) count by default and can be switched off.

Synthetic data (``synthetisch``) always counts: it is the benchmark's own data set, which holds
nothing else, so leaving it out would leave the benchmark nothing to measure.

>>> from graph.model import new_graph
>>> g = new_graph()
>>> g.add_node("gemeente:A", bron_type="referentie")
>>> g.add_node("organisatie:x", bron_type="voorbeeld")
>>> g.add_node("thema:t", bron_type="referentie")
>>> _ = g.add_edge("gemeente:A", "organisatie:x", bron_type="voorbeeld")
>>> _ = g.add_edge("gemeente:A", "thema:t", bron_type="afgeleid")
>>> sorted(analysis_basis(g).nodes), analysis_basis(g).number_of_edges()
(['gemeente:A', 'thema:t'], 1)
>>> analysis_basis(g, met_afgeleid=False).number_of_edges()
0
>>> analysis_basis(g, met_voorbeelden=True) is g
True
"""

from __future__ import annotations

import networkx as nx

from graph.assemble import raw_adjacency
from graph.model import BronType


def left_out(met_voorbeelden: bool = False, met_afgeleid: bool = True) -> frozenset[str]:
    """The ``bron_type`` values an analysis leaves out for these switches."""
    dropped = set()
    if not met_voorbeelden:
        dropped.add(str(BronType.VOORBEELD))
    if not met_afgeleid:
        dropped.add(str(BronType.AFGELEID))
    return frozenset(dropped)


def analysis_basis(
    graph: nx.MultiDiGraph, met_voorbeelden: bool = False, met_afgeleid: bool = True
) -> nx.MultiDiGraph:
    """A read-only view of ``graph`` without nodes and relationships of the left-out sources.

    Returns ``graph`` itself when nothing is left out, so graphs without example rows (the
    benchmark's) pay nothing.
    """
    dropped = left_out(met_voorbeelden, met_afgeleid)
    attrs, succ, _ = raw_adjacency(graph)  # the scan runs on every map; views cost 3x
    nodes = {n for n, a in attrs.items() if a.get("bron_type") in dropped}
    edges = {
        (u, v, k)
        for u, adjacent in succ.items()
        for v, keyed in adjacent.items()
        for k, a in keyed.items()
        if a.get("bron_type") in dropped
    }
    if not nodes and not edges:
        return graph
    return nx.subgraph_view(
        graph,
        filter_node=lambda n: n not in nodes,
        filter_edge=lambda u, v, k: (u, v, k) not in edges,
    )
