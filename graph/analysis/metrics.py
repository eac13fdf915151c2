"""The network's shape: degree, betweenness, PageRank, communities and brokers per node.

Degree is counted on the full graph (every relationship, in and out, also per family of
relationship types). The other measures need a network of *actors*, so they are computed on the
undirected simple projection of the cooperation network (:func:`cooperation_projection`):
municipalities, the province, regions, business networks, volunteer centres and organisations,
joined by any relationship between them except LIGT_IN. Themes, formats, obstacles, policy
portfolios, activities and survey waves are left out, because they are shared vocabulary, not
partners: with them in, "NL Doet" or the survey node would be the network's great broker.
Nodes outside the projection get no value (NaN) for those measures.

Betweenness is exact up to :data:`EXACT_BETWEENNESS_LIMIT` nodes; above that it is estimated
from a fixed-seed sample of source nodes and the result says ``approximate=True``. Communities
come from Louvain with a fixed seed on a projection built in sorted order, so the same graph
always gives the same communities and numbers, whatever order its nodes were added in.

>>> from graph.model import new_graph
>>> g = new_graph()
>>> for n in ("gemeente:A", "gemeente:B", "gemeente:C"):
...     g.add_node(n, kind="gemeente", naam=n[-1])
>>> _ = g.add_edge("gemeente:A", "gemeente:B", type="GRENST_AAN")
>>> _ = g.add_edge("gemeente:B", "gemeente:C", type="GRENST_AAN")
>>> m = network_measures(g)
>>> b = m.table.set_index("naam").loc["B"]
>>> int(b["graad"]), float(b["tussenheid"]), bool(b["makelaar"])
(2, 1.0, True)
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx
import numpy as np
import pandas as pd
import scipy.sparse as sp

from graph.model import NodeKind, RelType

#: Above this many nodes in the projection, betweenness is estimated from a sample.
EXACT_BETWEENNESS_LIMIT = 2_000
#: Number of sampled source nodes when betweenness is estimated.
BETWEENNESS_SAMPLE = 128
#: Seed for the betweenness sample and for Louvain.
SEED = 42

#: Node kinds that take part in the cooperation projection.
PROJECTION_KINDS: frozenset[NodeKind] = frozenset(
    {
        NodeKind.GEMEENTE,
        NodeKind.PROVINCIE,
        NodeKind.REGIO,
        NodeKind.ONDERNEMERSNETWERK,
        NodeKind.VRIJWILLIGERSCENTRALE,
        NodeKind.ORGANISATIE,
    }
)
#: Relationship types left out of the projection (containment, and a municipality's answer about
#: another's tie, which is no cooperation: "nee" denies one).
PROJECTION_EXCLUDED_RELS: frozenset[RelType] = frozenset({RelType.LIGT_IN, RelType.REAGEERT_OP})

#: Families of relationship types, for degree per family (every type in exactly one).
REL_FAMILIES: dict[str, frozenset[RelType]] = {
    "geografie": frozenset({RelType.GRENST_AAN}),
    "regio": frozenset({RelType.LID_VAN, RelType.LIGT_IN}),
    "samenwerking": frozenset(
        {
            RelType.ACTIEF_IN,
            RelType.FACILITEERT,
            RelType.SUBSIDIEERT,
            RelType.WERKT_SAMEN_MET,
            RelType.ORGANISEERT,
            RelType.HAAKT_AAN_BIJ,
        }
    ),
    "kennis": frozenset(
        {
            RelType.HEEFT_INTERESSE_IN,
            RelType.HEEFT_ERVARING_MET,
            RelType.VOORKEUR_VOOR,
            RelType.RAAKT_THEMA,
            RelType.LEERT_VAN,
        }
    ),
    "enquete": frozenset(
        {
            RelType.NAM_DEEL_AAN,
            RelType.UITGENODIGD_VOOR,
            RelType.ERVAART,
            RelType.BELEGD_BIJ,
            RelType.REAGEERT_OP,
        }
    ),
}

#: Dutch column headings of the measures table, for tables and legends.
COLUMN_LABELS: dict[str, str] = {
    "graad_in": "inkomende relaties",
    "graad_uit": "uitgaande relaties",
    "graad": "relaties (graad)",
    **{f"graad_{family}": f"relaties: {family}" for family in REL_FAMILIES},
    "buren": "verschillende partners in het samenwerkingsnetwerk",
    "tussenheid": "tussenheid (brugfunctie)",
    "pagerank": "PageRank",
    "gemeenschap": "gemeenschap (Louvain)",
    "makelaar": "makelaar (verbindt anders losse delen)",
}


@dataclass(frozen=True)
class NetworkMeasures:
    """One row per node (``table``) and how the numbers were obtained.

    ``approximate`` is True when betweenness was estimated from ``sample_size`` sampled
    sources (the projection had more than ``node_limit`` nodes). ``pagerank_converged`` is
    False when PageRank did not converge and the column holds normalised degree instead.
    """

    table: pd.DataFrame
    approximate: bool
    sample_size: int | None
    node_limit: int
    seed: int
    pagerank_converged: bool
    projection_nodes: int
    projection_edges: int
    communities: int

    def top(self, measure: str, kind: NodeKind | str | None = None, n: int = 10) -> pd.DataFrame:
        """The ``n`` highest nodes on ``measure``, optionally of one kind; ties by id."""
        table = self.table if kind is None else self.table[self.table["kind"] == str(kind)]
        ranked = table.dropna(subset=[measure]).sort_values(
            [measure, "id"], ascending=[False, True], kind="stable"
        )
        return ranked.head(n).reset_index(drop=True)


def cooperation_projection(
    graph: nx.MultiDiGraph,
    kinds: Iterable[NodeKind | str] = PROJECTION_KINDS,
    excluded_rels: Iterable[RelType | str] = PROJECTION_EXCLUDED_RELS,
) -> nx.Graph:
    """Undirected simple graph of ``kinds``, built in sorted order so results are reproducible."""
    wanted = {str(k) for k in kinds}
    skipped = {str(r) for r in excluded_rels}
    nodes = sorted(n for n, a in graph.nodes(data=True) if a.get("kind") in wanted)
    keep = set(nodes)
    edges = {
        (min(u, v), max(u, v))
        for u, v, a in graph.edges(data=True)
        if u != v and u in keep and v in keep and a.get("type") not in skipped
    }
    projection = nx.Graph()
    projection.add_nodes_from(nodes)
    projection.add_edges_from(sorted(edges))
    return projection


def _degrees(graph: nx.MultiDiGraph) -> dict[str, dict[str, int]]:
    family_of = {str(rel): family for family, rels in REL_FAMILIES.items() for rel in rels}
    counts = {
        n: {"graad_in": 0, "graad_uit": 0, **{f"graad_{f}": 0 for f in REL_FAMILIES}}
        for n in graph.nodes
    }
    for u, v, attrs in graph.edges(data=True):
        counts[u]["graad_uit"] += 1
        counts[v]["graad_in"] += 1
        family = family_of.get(attrs.get("type", ""))
        if family:
            counts[u][f"graad_{family}"] += 1
            counts[v][f"graad_{family}"] += 1
    return counts


def _dependencies(adjacency: sp.csr_array, sources: np.ndarray) -> np.ndarray:
    """Brandes' dependency of every node on shortest paths from each source, summed.

    All ``sources`` are searched at once, level by level: a breadth-first level is one sparse
    matrix product, so the work runs in compiled code instead of a Python loop per node.
    """
    n, width = adjacency.shape[0], len(sources)
    columns = np.arange(width)
    sigma = np.zeros((n, width))
    sigma[sources, columns] = 1.0
    seen = sigma > 0
    levels = [seen.copy()]
    while True:
        reached = adjacency @ np.where(levels[-1], sigma, 0.0)
        fresh = (reached > 0) & ~seen
        if not fresh.any():
            break
        sigma[fresh] = reached[fresh]
        seen |= fresh
        levels.append(fresh)
    delta = np.zeros((n, width))
    safe_sigma = np.where(sigma > 0, sigma, 1.0)
    for deeper, level in zip(levels[:0:-1], levels[-2::-1], strict=True):
        pulled = adjacency @ np.where(deeper, (1.0 + delta) / safe_sigma, 0.0)
        delta += np.where(level, sigma * pulled, 0.0)
    delta[sources, columns] = 0.0
    summed: np.ndarray = delta.sum(axis=1)
    return summed


def betweenness(
    projection: nx.Graph, node_limit: int, sample_size: int, seed: int, chunk: int = 128
) -> tuple[dict[str, float], int | None]:
    """Normalised betweenness; exact up to ``node_limit`` nodes, else from a seeded sample.

    Gives the same numbers as :func:`networkx.betweenness_centrality` (``normalized=True``),
    including its sampled estimate for ``k=sample_size, seed=seed``: the same sources are
    drawn the same way. Returns the values and the sample size (None when exact).
    """
    nodes = list(projection)
    n = len(nodes)
    if n == 0:
        return {}, None
    sampled = n > node_limit and 2 <= sample_size < n
    chosen = random.Random(seed).sample(nodes, sample_size) if sampled else nodes
    position = {node: i for i, node in enumerate(nodes)}
    sources = np.array([position[node] for node in chosen], dtype=np.int64)
    adjacency = nx.to_scipy_sparse_array(projection, nodelist=nodes, weight=None, format="csr")
    adjacency = adjacency.astype(float)
    total = np.zeros(n)
    for start in range(0, len(sources), chunk):
        total += _dependencies(adjacency, sources[start : start + chunk])
    if n <= 2:
        return dict.fromkeys(nodes, 0.0), None
    if not sampled:
        values = total / ((n - 1) * (n - 2))
        return {node: float(values[i]) for i, node in enumerate(nodes)}, None
    k = len(sources)
    scale = np.full(n, 1.0 / (k * (n - 2)))
    scale[sources] = 1.0 / ((k - 1) * (n - 2))  # a source is never on its own paths
    values = total * scale
    return {node: float(values[i]) for i, node in enumerate(nodes)}, k


def pagerank(projection: nx.Graph, max_iter: int = 100) -> tuple[dict[str, float], bool]:
    """PageRank, or (if the power iteration does not converge) degree shares, and which."""
    if projection.number_of_nodes() == 0:
        return {}, True
    try:
        return nx.pagerank(projection, max_iter=max_iter), True
    except nx.PowerIterationFailedConvergence:
        total = sum(d for _, d in projection.degree()) or 1
        return {n: d / total for n, d in projection.degree()}, False


def communities(projection: nx.Graph, seed: int = SEED) -> dict[str, int]:
    """Louvain community per node, numbered by size (largest 0), ties by smallest member id."""
    found = nx.community.louvain_communities(projection, seed=seed)
    ordered = sorted(found, key=lambda c: (-len(c), min(c)))
    return {node: index for index, members in enumerate(ordered) for node in members}


def brokers(
    graph: nx.MultiDiGraph, kinds: Iterable[NodeKind | str] = PROJECTION_KINDS
) -> list[str]:
    """Articulation points of the projection of ``kinds``: nodes whose removal splits a group.

    Pass a single kind (e.g. ``[NodeKind.GEMEENTE]``) to find brokers among those nodes only.
    """
    return sorted(nx.articulation_points(cooperation_projection(graph, kinds)))


def network_measures(
    graph: nx.MultiDiGraph,
    node_limit: int = EXACT_BETWEENNESS_LIMIT,
    sample_size: int = BETWEENNESS_SAMPLE,
    seed: int = SEED,
    pagerank_max_iter: int = 100,
) -> NetworkMeasures:
    """All measures for every node of ``graph`` (see the module docstring for the choices)."""
    projection = cooperation_projection(graph)
    between, sampled = betweenness(projection, node_limit, sample_size, seed)
    rank, converged = pagerank(projection, pagerank_max_iter)
    community = communities(projection, seed)
    cut = set(nx.articulation_points(projection))
    degrees = _degrees(graph)
    rows = []
    for node in sorted(graph.nodes):
        attrs = graph.nodes[node]
        inside = node in projection
        count = degrees[node]
        rows.append(
            {
                "id": node,
                "naam": attrs.get("naam", node),
                "kind": attrs.get("kind", ""),
                "graad_in": count["graad_in"],
                "graad_uit": count["graad_uit"],
                "graad": count["graad_in"] + count["graad_uit"],
                **{f"graad_{f}": count[f"graad_{f}"] for f in REL_FAMILIES},
                "buren": projection.degree(node) if inside else math.nan,
                "tussenheid": between.get(node, math.nan),
                "pagerank": rank.get(node, math.nan),
                "gemeenschap": community.get(node),
                "makelaar": node in cut,
                "in_projectie": inside,
            }
        )
    table = pd.DataFrame(rows)
    if not table.empty:
        table["gemeenschap"] = table["gemeenschap"].astype("Int64")
    return NetworkMeasures(
        table=table,
        approximate=sampled is not None,
        sample_size=sampled,
        node_limit=node_limit,
        seed=seed,
        pagerank_converged=converged,
        projection_nodes=projection.number_of_nodes(),
        projection_edges=projection.number_of_edges(),
        communities=len(set(community.values())),
    )
