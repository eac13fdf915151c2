"""Push and pull throughput of the Neo4j store, in rows (nodes + relationships) per second.

    .venv/bin/python bench/neo4j_push.py [--sizes small,national] [--batches 1000,5000]

Uses NEO4J_URI / NEO4J_USER / NEO4J_PASSWORD / NEO4J_DATABASE when set, else starts the
project's local server in a temporary workspace (and stops it). The database is emptied first,
so never point it at a database you care about. ``small`` is the shipped graph; ``province``
and ``national`` are built from ``netwerkkaart synthetisch`` files (national: ~20k nodes, ~105k
relationships). The naive per-row push for comparison is in :mod:`bench.neo4j_bench`.

The functions are meant to be reused by the full benchmark: :func:`graph_of_size`,
:func:`measure_push`, :func:`measure_pull`.
"""

from __future__ import annotations

import argparse
import itertools
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
from neo4j import WRITE_ACCESS

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from data import DATA_DIR  # noqa: E402
from graph.stores.memory import graph_to_dict  # noqa: E402
from graph.stores.neo4j import Neo4jStore  # noqa: E402
from netwerkkaart.cli.synthetic import generate  # noqa: E402
from netwerkkaart.services import neo4j_local  # noqa: E402
from netwerkkaart.services.workspace import build  # noqa: E402

NAIVE_GENERATION = "naive-bench"


@dataclass(frozen=True)
class Measurement:
    what: str
    rows: int
    seconds: float

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds else float("inf")

    def line(self) -> str:
        return (
            f"{self.what:<44} {self.rows:>8} rows {self.seconds:>8.2f} s "
            f"{self.rows_per_second:>9.0f} rows/s"
        )


def rows_of(graph: nx.MultiDiGraph) -> int:
    return graph.number_of_nodes() + graph.number_of_edges()


def graph_of_size(size: str, scratch: Path) -> nx.MultiDiGraph:
    """The shipped graph (``small``) or one built from seeded synthetic files."""
    folder = DATA_DIR if size == "small" else generate(size, scratch / size)
    outcome = build(scratch / "werkmap", folder)
    if outcome.graph is None:
        raise SystemExit(f"{size}: de data laden mislukte")
    return outcome.graph


def measure_push(store: Neo4jStore, graph: nx.MultiDiGraph, what: str) -> Measurement:
    """One full save (write new generation, flip, delete the old one)."""
    began = time.perf_counter()
    store.save(graph)
    return Measurement(what, rows_of(graph), time.perf_counter() - began)


def measure_pull(store: Neo4jStore, graph: nx.MultiDiGraph, what: str) -> Measurement:
    """One full load; checks it equals ``graph``."""
    began = time.perf_counter()
    loaded = store.load()
    seconds = time.perf_counter() - began
    if graph_to_dict(loaded) != graph_to_dict(graph):
        raise SystemExit(f"{what}: de gelezen graaf wijkt af van de geschreven graaf")
    return Measurement(what, rows_of(graph), seconds)


@contextmanager
def connection() -> Iterator[tuple[str, str, str, str]]:
    """NEO4J_* when set, else a local server in a temporary workspace (stopped afterwards)."""
    if os.environ.get("NEO4J_URI"):
        yield (
            os.environ["NEO4J_URI"],
            os.environ.get("NEO4J_USER") or "neo4j",
            os.environ.get("NEO4J_PASSWORD", ""),
            os.environ.get("NEO4J_DATABASE") or "neo4j",
        )
        return
    with tempfile.TemporaryDirectory(prefix="neo4j-bench-") as home:
        server = neo4j_local.start(Path(home), port="auto", timeout_s=300)
        try:
            yield server.uri, server.user, server.password, "neo4j"
        finally:
            neo4j_local.stop(Path(home))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="small,national")
    parser.add_argument("--batches", default="1000,5000")
    args = parser.parse_args()
    batches = [int(b) for b in args.batches.split(",")]
    with tempfile.TemporaryDirectory(prefix="bench-data-") as scratch:
        graphs = {s: graph_of_size(s, Path(scratch)) for s in args.sizes.split(",")}
        with connection() as (uri, user, password, database):
            with (
                Neo4jStore(uri, user, password, database) as store,
                store.session(WRITE_ACCESS) as session,
            ):
                session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS").consume()
            print(f"Neo4j {uri}; rows = nodes + relationships")
            for (size, graph), batch in itertools.product(graphs.items(), batches):
                with Neo4jStore(uri, user, password, database, batch_size=batch) as store:
                    store.exists()  # connect and check once, outside the timing
                    label = f"{size} ({graph.number_of_nodes()} n, {graph.number_of_edges()} r)"
                    print(measure_push(store, graph, f"push {label}, batch {batch}").line())
                    print(
                        measure_push(store, graph, f"push again (replaces), batch {batch}").line()
                    )
                    print(measure_pull(store, graph, f"pull {label}").line(), flush=True)


if __name__ == "__main__":
    main()
