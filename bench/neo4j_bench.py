"""Neo4j figures for the benchmark: the store's batched push and its pull (timed with
:mod:`bench.neo4j_push`), against a naive per-row push on a sample.

The naive push is what most first attempts look like: one ``MERGE`` statement per node and per
relationship, each in its own auto-commit transaction, with parameters (not string-built
queries) and the same uniqueness constraints, so the only difference from the store is batching.
It runs on a sample of the same graph in the same run, so the ratio compares like with like; its
nodes carry a generation of their own that is never made current, so no reader ever sees them,
and they are deleted afterwards.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass

import networkx as nx
from neo4j import WRITE_ACCESS, Session

from bench.neo4j_push import measure_pull, measure_push
from graph.stores import cypher
from graph.stores.neo4j import Neo4jStore
from graph.stores.neo4j_rows import label_of

#: Relationships in the naive sample (their end nodes come along).
NAIVE_SAMPLE_RELATIONSHIPS = 1_500

NAIVE_NODE = (
    "MERGE (n:{label} {{id: $id, " + cypher.GENERATION + ": $generation}}) "
    "SET n:" + cypher.NODE_LABEL + ", n += $props"
)
NAIVE_RELATIONSHIP = (
    "MATCH (a:{source} {{id: $source, " + cypher.GENERATION + ": $generation}}) "
    "MATCH (b:{target} {{id: $target, " + cypher.GENERATION + ": $generation}}) "
    "MERGE (a)-[r:{type} {{key: $key, " + cypher.GENERATION + ": $generation}}]->(b) "
    "SET r += $props"
)


@dataclass(frozen=True)
class PushFigures:
    """Rows are nodes plus relationships; seconds are wall time."""

    rows: int
    setup_s: float
    push_s: float
    push_replace_s: float
    pull_s: float
    naive_rows: int
    naive_s: float

    @property
    def push_rows_per_s(self) -> float:
        return self.rows / self.push_s

    @property
    def push_replace_rows_per_s(self) -> float:
        return self.rows / self.push_replace_s

    @property
    def pull_rows_per_s(self) -> float:
        return self.rows / self.pull_s

    @property
    def naive_rows_per_s(self) -> float:
        return self.naive_rows / self.naive_s

    @property
    def speedup(self) -> float:
        return self.push_rows_per_s / self.naive_rows_per_s

    @property
    def replace_speedup(self) -> float:
        """Like :attr:`speedup` for the replacing push, whose queries are planned already: on
        small graphs the steadier ratio, since planning is a large part of a first push."""
        return self.push_replace_rows_per_s / self.naive_rows_per_s


def sample(
    graph: nx.MultiDiGraph, relationships: int = NAIVE_SAMPLE_RELATIONSHIPS
) -> nx.MultiDiGraph:
    """Every ``n``-th relationship (so every type is represented) with its two end nodes."""
    step = max(1, graph.number_of_edges() // relationships)
    chosen = list(graph.edges(keys=True, data=True))[::step][:relationships]
    part = nx.MultiDiGraph()
    for u, v, _key, _attrs in chosen:
        part.add_node(u, **graph.nodes[u])
        part.add_node(v, **graph.nodes[v])
    part.add_edges_from((u, v, k, dict(a)) for u, v, k, a in chosen)
    return part


def naive_push(session: Session, graph: nx.MultiDiGraph, generation: str) -> int:
    """Write ``graph`` one statement (and one transaction) per row; returns the rows written."""
    for node, attrs in graph.nodes(data=True):
        query = NAIVE_NODE.format(label=label_of(node))
        session.run(query, id=node, props=dict(attrs), generation=generation).consume()
    for u, v, key, attrs in graph.edges(keys=True, data=True):
        props = {k: value for k, value in attrs.items() if k != "type"}
        query = NAIVE_RELATIONSHIP.format(
            source=label_of(u), target=label_of(v), type=attrs["type"]
        )
        session.run(
            query, source=u, target=v, key=key, props=props, generation=generation
        ).consume()
    return graph.number_of_nodes() + graph.number_of_edges()


def delete_generation(session: Session, generation: str) -> None:
    """Remove the naive sample (relationships first, then nodes, in batches)."""
    for query in (cypher.delete_relationships_batch(), cypher.delete_nodes_batch()):
        while session.run(query, generation=generation, limit=10_000).single(strict=True)[0]:
            pass


def measure(
    store: Neo4jStore,
    graph: nx.MultiDiGraph,
    warmup: nx.MultiDiGraph,
    naive_relationships: int = NAIVE_SAMPLE_RELATIONSHIPS,
) -> PushFigures:
    """Push ``warmup`` (the first time this creates the schema, as any first push does), then
    push ``graph`` twice (the second time replacing itself), pull it back (checked equal), and
    push a sample naively. Push and pull are timed by :mod:`bench.neo4j_push`."""
    setup = measure_push(store, warmup, "warm-up")
    push = measure_push(store, graph, "push")
    replace = measure_push(store, graph, "push again (replaces)")
    pull = measure_pull(store, graph, "pull")
    part = sample(graph, naive_relationships)
    generation = f"bench-naive-{uuid.uuid4().hex}"
    with store.session(WRITE_ACCESS) as session:
        start = time.perf_counter()
        naive_rows = naive_push(session, part, generation)
        naive_s = time.perf_counter() - start
        delete_generation(session, generation)
    return PushFigures(
        push.rows, setup.seconds, push.seconds, replace.seconds, pull.seconds, naive_rows, naive_s
    )


def server_version(store: Neo4jStore) -> str:
    info = store.server_info()
    return f"{info.version} {info.edition}"
