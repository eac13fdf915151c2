"""Records -> graph -> embedded snapshot -> graph: identical, atomic, and loud about damage."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from data import DATA_DIR
from graph.build import BuildError, build_graph
from graph.files import write_atomically
from graph.model import (
    BronType,
    EdgeRecord,
    NodeKind,
    NodeRecord,
    Provenance,
    RelType,
    node_id,
)
from graph.stores.base import StoreError
from graph.stores.memory import MemoryStore, graph_from_dict, graph_to_dict
from loaders.datasets import load_sources, shipped_sources

P = Provenance("test.csv", BronType.REFERENTIE, 2010)


def _same(a: nx.MultiDiGraph, b: nx.MultiDiGraph) -> None:
    """Identical: the same nodes, edges with keys, every attribute with its type, in order."""
    assert graph_to_dict(a) == graph_to_dict(b)
    assert list(a.nodes) == list(b.nodes)
    assert list(a.edges(keys=True)) == list(b.edges(keys=True))
    for n, attrs in a.nodes(data=True):
        assert {k: type(v) for k, v in attrs.items()} == {k: type(v) for k, v in b.nodes[n].items()}


# --------------------------------------------------------------------------- build


def test_build_carries_provenance_and_props() -> None:
    graph = build_graph(
        [
            NodeRecord("gemeente:GM0148", "Dalfsen", P, {"inwoners_recent": 29684, "leeg": None}),
            NodeRecord("activiteit:nl-doet", "NL Doet", Provenance("v.csv", BronType.ENQUETE)),
        ],
        [
            EdgeRecord(
                "gemeente:GM0148",
                "activiteit:nl-doet",
                RelType.ORGANISEERT,
                Provenance("a.csv", BronType.VOORBEELD, 2010),
                {"niveau": None, "rol": ("a", "b")},
                key="ORGANISEERT|enquete:2010",
            )
        ],
    )
    assert dict(graph.nodes["gemeente:GM0148"]) == {
        "kind": "gemeente",
        "naam": "Dalfsen",
        "inwoners_recent": 29684,
        "bron": "test.csv",
        "bron_type": "referentie",
        "jaar": 2010,
    }
    assert "jaar" not in graph.nodes["activiteit:nl-doet"]  # unknown year: absent, not None
    assert dict(graph["gemeente:GM0148"]["activiteit:nl-doet"]["ORGANISEERT|enquete:2010"]) == {
        "type": "ORGANISEERT",
        "rol": ["a", "b"],
        "bron": "a.csv",
        "bron_type": "voorbeeld",
        "jaar": 2010,
    }


def test_default_edge_key_is_the_type() -> None:
    graph = build_graph(
        [NodeRecord("gemeente:A", "A", P), NodeRecord("provincie:p", "P", P)],
        [EdgeRecord("gemeente:A", "provincie:p", RelType.LIGT_IN, P)],
    )
    assert list(graph.edges(keys=True)) == [("gemeente:A", "provincie:p", "LIGT_IN")]


@pytest.mark.parametrize(
    ("nodes", "edges", "message"),
    [
        (
            [NodeRecord("gemeente:A", "A", P), NodeRecord("gemeente:A", "A2", P)],
            [],
            "node gemeente:A komt twee keer voor",
        ),
        (
            [NodeRecord("gemeente:A", "A", P)],
            [EdgeRecord("gemeente:A", "provincie:x", RelType.LIGT_IN, P)],
            "relatie LIGT_IN verwijst naar onbekende node provincie:x",
        ),
        (
            [NodeRecord("gemeente:A", "A", P), NodeRecord("provincie:p", "P", P)],
            [EdgeRecord("gemeente:A", "provincie:p", RelType.LIGT_IN, P)] * 2,
            "relatie gemeente:A -[LIGT_IN]-> provincie:p komt twee keer voor",
        ),
    ],
)
def test_build_refuses_records_that_are_not_a_graph(nodes, edges, message) -> None:
    with pytest.raises(BuildError) as info:
        build_graph(nodes, edges)
    assert str(info.value) == message


def test_build_refuses_an_id_without_a_known_kind() -> None:
    with pytest.raises(ValueError):
        build_graph([NodeRecord("planeet:mars", "Mars", P)], [])


def test_loading_twice_gives_the_same_graph() -> None:
    first = load_sources(shipped_sources(DATA_DIR))
    second = load_sources(shipped_sources(DATA_DIR))
    _same(build_graph(first.nodes, first.edges), build_graph(second.nodes, second.edges))


# --------------------------------------------------------------------------- store round trip


def test_shipped_graph_round_trips(shipped_graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    store = MemoryStore(tmp_path)
    assert not store.exists()
    assert store.load().number_of_nodes() == 0  # nothing stored yet: an empty graph
    store.save(shipped_graph)
    assert store.exists()
    _same(store.load(), shipped_graph)
    assert store.path == tmp_path / "graph.json"
    assert "graph.json" in store.describe()


def test_snapshot_is_readable_json_with_a_schema(
    shipped_graph: nx.MultiDiGraph, tmp_path: Path
) -> None:
    MemoryStore(tmp_path).save(shipped_graph)
    data = json.loads((tmp_path / "graph.json").read_text(encoding="utf-8"))
    assert data["schema"] == "netwerkkaart-snapshot/1"
    assert len(data["nodes"]) == shipped_graph.number_of_nodes()
    assert len(data["edges"]) == shipped_graph.number_of_edges()
    assert "Olst-Wijhe" in (tmp_path / "graph.json").read_text(encoding="utf-8")  # not \\u-escaped


def test_saving_again_replaces_the_snapshot(shipped_graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    store = MemoryStore(tmp_path)
    store.save(shipped_graph)
    smaller = shipped_graph.subgraph(["gemeente:GM0148", "gemeente:GM1773"]).copy()
    store.save(smaller)
    _same(store.load(), smaller)
    assert [p.name for p in tmp_path.iterdir()] == ["graph.json"]  # no temporary files left


_KINDS = st.sampled_from(list(NodeKind))
_TEXT = st.text(min_size=1, max_size=12)
_VALUES = st.one_of(
    st.text(max_size=20),
    st.integers(min_value=-(2**62), max_value=2**62),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.lists(st.text(max_size=8), max_size=3),
    st.lists(st.integers(min_value=-1000, max_value=1000), max_size=3),
)
_PROP_NAMES = st.text(alphabet="abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=10).filter(
    lambda name: name not in {"id", "source", "target", "key", "kind", "naam", "type"}
)
_PROPS = st.dictionaries(_PROP_NAMES, _VALUES, max_size=4)
_PROVENANCE = st.builds(
    Provenance,
    bron=_TEXT,
    bron_type=st.sampled_from(list(BronType)),
    jaar=st.one_of(st.none(), st.integers(min_value=1990, max_value=2100)),
)


@st.composite
def record_sets(draw: st.DrawFn) -> tuple[list[NodeRecord], list[EdgeRecord]]:
    keys = draw(st.lists(st.tuples(_KINDS, _TEXT), min_size=1, max_size=12, unique=True))
    nodes = [
        NodeRecord(node_id(kind, key), draw(_TEXT), draw(_PROVENANCE), draw(_PROPS))
        for kind, key in keys
    ]
    ids = st.sampled_from([n.id for n in nodes])
    triples = draw(
        st.lists(
            st.tuples(ids, ids, st.sampled_from(list(RelType)), st.text(max_size=6)),
            max_size=20,
            unique_by=lambda t: (t[0], t[1], t[3] or str(t[2])),
        )
    )
    edges = [
        EdgeRecord(u, v, rel, draw(_PROVENANCE), draw(_PROPS), key=key)
        for u, v, rel, key in triples
    ]
    return nodes, edges


@settings(max_examples=60, deadline=None)
@given(record_sets())
def test_build_save_load_is_identical(records: tuple[list[NodeRecord], list[EdgeRecord]]) -> None:
    graph = build_graph(*records)
    with tempfile.TemporaryDirectory() as folder:
        store = MemoryStore(Path(folder))
        store.save(graph)
        _same(MemoryStore(Path(folder)).load(), graph)


def test_structural_attribute_names_are_refused_not_silently_lost() -> None:
    graph = nx.MultiDiGraph()
    graph.add_node("gemeente:A", id="iets anders")
    with pytest.raises(ValueError, match="reserved"):
        graph_to_dict(graph)
    graph = nx.MultiDiGraph()
    graph.add_edge("gemeente:A", "gemeente:B", key="k", source="x")
    with pytest.raises(ValueError, match="reserved"):
        graph_to_dict(graph)


# --------------------------------------------------------------------------- atomic writes


def _crash(*_args, **_kwargs):
    raise OSError(28, "No space left on device")


@pytest.mark.parametrize("step", ["replace", "fsync"])
def test_a_crash_mid_write_leaves_the_previous_snapshot(
    shipped_graph: nx.MultiDiGraph,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    step: str,
) -> None:
    store = MemoryStore(tmp_path)
    store.save(shipped_graph)
    before = store.path.read_bytes()
    monkeypatch.setattr(os, step, _crash)
    with pytest.raises(StoreError) as info:
        store.save(nx.MultiDiGraph())
    monkeypatch.undo()
    assert str(info.value).startswith(f"Kan de snapshot niet schrijven naar {store.path}")
    assert store.path.read_bytes() == before
    _same(MemoryStore(tmp_path).load(), shipped_graph)
    assert [p.name for p in tmp_path.iterdir()] == ["graph.json"]


class _HalfWriter:
    """A file that takes half of what it is given and then fails, like a full disk."""

    def __init__(self, real) -> None:
        self.real = real

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.real.close()

    def write(self, payload: bytes) -> int:
        self.real.write(payload[: len(payload) // 2])
        self.real.flush()
        raise OSError(28, "No space left on device")


def test_a_half_written_file_never_replaces_the_snapshot(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "graph.json"
    write_atomically(target, b'{"oud": true}')
    real_fdopen = os.fdopen
    monkeypatch.setattr(os, "fdopen", lambda fd, mode: _HalfWriter(real_fdopen(fd, mode)))
    with pytest.raises(OSError):
        write_atomically(target, b'{"nieuw": "' + b"x" * 10_000 + b'"}')
    assert target.read_bytes() == b'{"oud": true}'
    assert [p.name for p in tmp_path.iterdir()] == ["graph.json"]


def test_write_atomically_creates_the_folder(tmp_path: Path) -> None:
    target = tmp_path / "nieuw" / "diep" / "graph.json"
    write_atomically(target, b"inhoud")
    assert target.read_bytes() == b"inhoud"


# --------------------------------------------------------------------------- damaged snapshots


@pytest.mark.parametrize(
    ("content", "detail"),
    [
        (b'{"schema": "netwerkkaart-snapshot/1", "nodes": [', "onleesbaar"),  # truncated
        (b"\xff\xfe garbage", "onleesbaar"),
        (b"[1, 2, 3]", "onbekend snapshotformaat 'list'"),
        (b'{"schema": "iets-anders/9", "nodes": [], "edges": []}', "onbekend snapshotformaat"),
        (b'{"schema": "netwerkkaart-snapshot/1", "edges": []}', "onvolledige snapshot"),
        (b'{"schema": "netwerkkaart-snapshot/1", "nodes": [{"naam": "x"}], "edges": []}', "onvolledige snapshot"),
        (b'{"schema": "netwerkkaart-snapshot/1", "nodes": [3], "edges": []}', "onvolledige snapshot"),
    ],
)  # fmt: skip
def test_damaged_snapshot_is_a_dutch_store_error(
    tmp_path: Path, content: bytes, detail: str
) -> None:
    (tmp_path / "graph.json").write_bytes(content)
    with pytest.raises(StoreError) as info:
        MemoryStore(tmp_path).load()
    message = str(info.value)
    assert message.startswith(f"De snapshot {tmp_path / 'graph.json'} is onleesbaar")
    assert detail in message
    assert message.endswith("Bouw de graaf opnieuw met `netwerkkaart build`.")


def test_graph_from_dict_refuses_other_schemas() -> None:
    with pytest.raises(StoreError, match="onbekend snapshotformaat None"):
        graph_from_dict({"nodes": [], "edges": []})
