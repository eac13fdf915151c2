"""One contract for both stores (embedded snapshot and Neo4j), with the same assertions.

Equality is graph_to_dict equality: same node ids and order, same relationships with keys and
order, every attribute with its Python type.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.analysis.stats import graph_stats
from graph.model import NodeKind, RelType, new_graph, node_id
from graph.stores.base import GraphStore
from graph.stores.memory import MemoryStore, graph_to_dict
from tests.neo4j_support import kill_save_halfway, random_graph

STORES = ["memory", pytest.param("neo4j", marks=pytest.mark.neo4j)]

HOSTILE = [
    "'",
    '"',
    "`",
    "``; MATCH (n) DETACH DELETE n //",
    "</script><script>alert(1)</script>",
    "\\",
    "$rows",
    "{id: 1}",
    "\x00",
    "é ü ß",
    "💥",
    " ",
    "",
]
#: Attribute names one store or the other keeps for itself.
RESERVED = {"id", "key", "source", "target", "type", "_generatie", "_volgorde"}

texts = st.one_of(st.text(max_size=16), st.sampled_from(HOSTILE))
int64 = st.integers(-(2**63), 2**63 - 1)
floats = st.floats(allow_nan=False)
values = st.one_of(
    texts,
    int64,
    floats,
    st.booleans(),
    st.lists(texts, max_size=4),
    st.lists(int64, max_size=4),
    st.lists(floats, max_size=4),
    st.lists(st.booleans(), max_size=3),
)
names = st.one_of(
    st.text(min_size=1, max_size=10), st.sampled_from([h for h in HOSTILE if h])
).filter(lambda n: "\x00" not in n and n not in RESERVED)
attributes = st.dictionaries(names, values, max_size=5)


@st.composite
def graphs(draw: st.DrawFn) -> nx.MultiDiGraph:
    """Random kinds, ids, relationship types, keys, parallel relationships and attributes."""
    ids = draw(
        st.lists(
            st.builds(node_id, st.sampled_from(list(NodeKind)), st.one_of(texts, names)),
            max_size=8,
            unique=True,
        )
    )
    graph = new_graph()
    for identifier in ids:
        graph.add_node(identifier, **{"kind": identifier.split(":")[0], **draw(attributes)})
    if not ids:
        return graph
    for _ in range(draw(st.integers(0, 12))):
        u, v = draw(st.sampled_from(ids)), draw(st.sampled_from(ids))
        rel = draw(st.sampled_from(list(RelType)))
        key = draw(st.one_of(st.just(rel.value), texts))
        if not graph.has_edge(u, v, key=key):
            graph.add_edge(u, v, key=key, **{"type": rel.value, **draw(attributes)})
    return graph


@pytest.fixture(params=STORES)
def store_kind(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture()
def store(store_kind: str, request: pytest.FixtureRequest, tmp_path: Path) -> GraphStore:
    if store_kind == "memory":
        return MemoryStore(tmp_path / "werkmap")
    return request.getfixturevalue("neo4j_store")


@pytest.fixture()
def twin(
    store_kind: str, store: GraphStore, request: pytest.FixtureRequest
) -> Iterator[GraphStore]:
    """A second store object on the same storage, as another session or process opens it."""
    if store_kind == "memory":
        yield MemoryStore(store.path.parent)  # type: ignore[attr-defined]
        return
    with request.getfixturevalue("neo4j_server").store() as other:
        yield other


def same(a: nx.MultiDiGraph, b: nx.MultiDiGraph) -> bool:
    return graph_to_dict(a) == graph_to_dict(b)


def test_empty_store_has_nothing(store: GraphStore) -> None:
    assert not store.exists()
    assert store.load().number_of_nodes() == 0
    assert store.describe()


def test_empty_graph_round_trip(store: GraphStore) -> None:
    store.save(new_graph())
    assert store.exists()
    loaded = store.load()
    assert (loaded.number_of_nodes(), loaded.number_of_edges()) == (0, 0)


def test_shipped_graph_round_trip(store: GraphStore, shipped_graph: nx.MultiDiGraph) -> None:
    store.save(shipped_graph)
    assert store.exists()
    loaded = store.load()
    assert same(loaded, shipped_graph)
    assert isinstance(loaded, nx.MultiDiGraph)


def test_saving_twice_changes_nothing(store: GraphStore, shipped_graph: nx.MultiDiGraph) -> None:
    store.save(shipped_graph)
    first = store.load()
    store.save(shipped_graph)
    second = store.load()
    assert graph_stats(first) == graph_stats(second) == graph_stats(shipped_graph)
    assert same(first, second)


def test_save_replaces_the_whole_graph(store: GraphStore, shipped_graph: nx.MultiDiGraph) -> None:
    small = random_graph(30, 60, seed=1)
    store.save(shipped_graph)
    store.save(small)
    assert same(store.load(), small)
    store.save(shipped_graph)
    assert same(store.load(), shipped_graph)


def test_version_changes_with_every_save_and_only_then(
    store: GraphStore, twin: GraphStore, shipped_graph: nx.MultiDiGraph
) -> None:
    assert store.version() == twin.version() == ""
    store.save(shipped_graph)
    first = store.version()
    assert first
    store.load()
    store.exists()
    assert store.version() == twin.version() == first  # reading changes nothing
    store.save(shipped_graph)  # the same graph again, straight away
    second = store.version()
    assert second not in {"", first}
    twin.save(random_graph(30, 60, seed=1))  # a save by another reader
    assert store.version() == twin.version()
    assert store.version() not in {"", first, second}


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(graph=graphs())
def test_any_graph_round_trips(store: GraphStore, graph: nx.MultiDiGraph) -> None:
    store.save(graph)
    loaded = store.load()
    assert same(loaded, graph), (graph_to_dict(graph), graph_to_dict(loaded))
    for (_, a), (_, b) in zip(graph.nodes(data=True), loaded.nodes(data=True), strict=True):
        assert {k: type(v) for k, v in a.items()} == {k: type(v) for k, v in b.items()}
    edges = zip(graph.edges(data=True), loaded.edges(data=True), strict=True)
    for (_, _, a), (_, _, b) in edges:
        assert {k: type(v) for k, v in a.items()} == {k: type(v) for k, v in b.items()}


def test_killed_save_keeps_previous_graph(
    store_kind: str,
    store: GraphStore,
    shipped_graph: nx.MultiDiGraph,
    request: pytest.FixtureRequest,
) -> None:
    """A save killed half-way (SIGKILL, no clean-up) leaves the previous graph complete and
    readable, and the next save succeeds."""
    store.save(shipped_graph)
    version = store.version()
    connection = request.getfixturevalue("neo4j_server") if store_kind == "neo4j" else None
    kill_save_halfway(store_kind, store, shipped_graph.number_of_nodes(), connection)
    assert store.exists()
    assert same(store.load(), shipped_graph)
    assert store.version() == version
    replacement = random_graph(40, 90, seed=3)
    store.save(replacement)
    assert same(store.load(), replacement)
    assert store.version() != version
