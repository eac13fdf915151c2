"""Uploads in the workspace: kept only when everything loads clean, never half-stored."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import networkx as nx
import pytest

from graph.stores.base import StoreError
from graph.stores.memory import MemoryStore
from loaders.datasets import Source
from netwerkkaart.services import workspace as ws
from netwerkkaart.services.errors import UserError

ORGANISATIONS = "soort;naam;gemeente\nondernemersnetwerk;Kring Raalte (test);Raalte\n"
RELATIONS = "van_soort;van;relatie;naar_soort;naar\nondernemersnetwerk;Kring Raalte (test);WERKT_SAMEN_MET;gemeente;Ommen\n"  # fmt: skip
BAD = "soort;naam;gemeente\nondernemersnetwerk;Kring X;Raalt\nclub;Club Y;Ommen\n"


def _state(workspace: Path) -> tuple[bytes, dict[str, bytes]]:
    """The stored snapshot's bytes and every uploaded file's bytes."""
    folder = ws.uploads_dir(workspace)
    uploads = {p.name: p.read_bytes() for p in folder.iterdir()} if folder.is_dir() else {}
    return (workspace / "graph.json").read_bytes(), uploads


@pytest.fixture()
def store(workspace: Path) -> MemoryStore:
    """A workspace holding the graph built from the shipped data."""
    target = MemoryStore(workspace)
    assert ws.build_and_save(workspace, target).ok
    return target


def test_a_bad_upload_stores_nothing(workspace: Path, store: MemoryStore) -> None:
    before = _state(workspace)
    outcome = ws.add_upload(workspace, store, Source("kringen.csv", BAD.encode()))
    assert not outcome.ok
    assert [(p.file, p.row, p.column) for p in outcome.result.report.errors] == [
        ("kringen.csv", 2, "gemeente"),
        ("kringen.csv", 3, "soort"),
    ]
    assert _state(workspace) == before


def test_a_good_upload_is_kept_and_the_graph_rebuilt(workspace: Path, store: MemoryStore) -> None:
    outcome = ws.add_upload(workspace, store, Source("kringen.csv", ORGANISATIONS.encode()))
    assert outcome.ok
    assert (ws.uploads_dir(workspace) / "kringen.csv").read_bytes() == ORGANISATIONS.encode()
    graph = store.load()
    assert graph.nodes["ondernemersnetwerk:kring-raalte-test"]["bron_type"] == "gebruiker"
    assert graph.has_edge("ondernemersnetwerk:kring-raalte-test", "gemeente:GM0177")
    rebuilt = ws.build_and_save(workspace, MemoryStore(workspace))  # later builds include it
    assert "ondernemersnetwerk:kring-raalte-test" in rebuilt.graph


def test_an_upload_is_checked_together_with_the_earlier_ones(
    workspace: Path, store: MemoryStore
) -> None:
    alone = ws.add_upload(workspace, store, Source("samenwerking.csv", RELATIONS.encode()))
    assert [p.value for p in alone.result.report.errors] == ["Kring Raalte (test)"]
    assert ws.add_upload(workspace, store, Source("kringen.csv", ORGANISATIONS.encode())).ok
    assert ws.add_upload(workspace, store, Source("samenwerking.csv", RELATIONS.encode())).ok
    assert store.load().has_edge("ondernemersnetwerk:kring-raalte-test", "gemeente:GM0175")


def test_replacing_an_upload(workspace: Path, store: MemoryStore) -> None:
    ws.add_upload(workspace, store, Source("kringen.csv", ORGANISATIONS.encode()))
    newer = ORGANISATIONS.replace("Kring Raalte (test)", "Kring Ommen (test)").replace(
        "Raalte\n", "Ommen\n"
    )
    assert ws.add_upload(workspace, store, Source("kringen.csv", newer.encode())).ok
    graph = store.load()
    assert "ondernemersnetwerk:kring-ommen-test" in graph
    assert "ondernemersnetwerk:kring-raalte-test" not in graph
    assert [p.name for p in ws.uploads_dir(workspace).iterdir()] == ["kringen.csv"]


def test_a_bad_replacement_keeps_the_previous_version(workspace: Path, store: MemoryStore) -> None:
    ws.add_upload(workspace, store, Source("kringen.csv", ORGANISATIONS.encode()))
    before = _state(workspace)
    assert not ws.add_upload(workspace, store, Source("kringen.csv", BAD.encode())).ok
    assert _state(workspace) == before


def test_remove_upload(workspace: Path, store: MemoryStore) -> None:
    ws.add_upload(workspace, store, Source("kringen.csv", ORGANISATIONS.encode()))
    outcome = ws.remove_upload(workspace, store, "kringen.csv")
    assert outcome.ok
    assert "ondernemersnetwerk:kring-raalte-test" not in store.load()
    assert list(ws.uploads_dir(workspace).iterdir()) == []


def test_removing_what_another_upload_needs_changes_nothing(
    workspace: Path, store: MemoryStore
) -> None:
    ws.add_upload(workspace, store, Source("kringen.csv", ORGANISATIONS.encode()))
    ws.add_upload(workspace, store, Source("samenwerking.csv", RELATIONS.encode()))
    before = _state(workspace)
    outcome = ws.remove_upload(workspace, store, "kringen.csv")
    assert not outcome.ok
    assert {p.file for p in outcome.result.report.errors} == {"samenwerking.csv"}
    assert _state(workspace) == before


def test_removing_an_unknown_upload(workspace: Path, store: MemoryStore) -> None:
    with pytest.raises(UserError, match=r"Er is geen geüpload bestand 'nooit\.csv'\."):
        ws.remove_upload(workspace, store, "nooit.csv")


def test_size_limit(workspace: Path, store: MemoryStore) -> None:
    before = _state(workspace)
    too_big = ORGANISATIONS.encode() + b" " * ws.UPLOAD_LIMIT_BYTES
    with pytest.raises(UserError) as info:
        ws.add_upload(workspace, store, Source("groot.csv", too_big))
    assert str(info.value) == "'groot.csv' is 20,0 MB; de grens is 20 MB."
    assert _state(workspace) == before
    padding = (b" " * 1023 + b"\n") * (ws.UPLOAD_LIMIT_BYTES // 1024)  # blank lines
    just_fits = (ORGANISATIONS.encode() + padding)[: ws.UPLOAD_LIMIT_BYTES]
    assert ws.add_upload(workspace, store, Source("net.csv", just_fits)).ok


@pytest.mark.parametrize("name", [".verborgen.csv", "programma.exe", "geen_extensie", "  "])
def test_unacceptable_file_names(workspace: Path, store: MemoryStore, name: str) -> None:
    before = _state(workspace)
    with pytest.raises(UserError, match="wordt niet geaccepteerd"):
        ws.add_upload(workspace, store, Source(name, ORGANISATIONS.encode()))
    assert _state(workspace) == before


def test_a_path_in_the_name_stays_inside_the_uploads_folder(
    workspace: Path, store: MemoryStore
) -> None:
    assert ws.add_upload(workspace, store, Source("../../kringen.csv", ORGANISATIONS.encode())).ok
    assert [p.name for p in ws.uploads_dir(workspace).iterdir()] == ["kringen.csv"]
    assert not (workspace.parent / "kringen.csv").exists()


def test_a_failing_store_keeps_the_uploads_as_they_were(
    workspace: Path, store: MemoryStore
) -> None:
    ws.add_upload(workspace, store, Source("kringen.csv", ORGANISATIONS.encode()))
    before = _state(workspace)
    broken = MemoryStore(workspace / "elders")
    broken.path.mkdir(parents=True)  # a folder where the snapshot file should go
    newer = ORGANISATIONS.replace("Kring Raalte", "Kring Wijhe")
    with pytest.raises(StoreError):
        ws.add_upload(workspace, broken, Source("kringen.csv", newer.encode()))
    with pytest.raises(StoreError):
        ws.add_upload(workspace, broken, Source("nieuw.csv", newer.encode()))
    assert _state(workspace) == before


def test_an_upload_that_cannot_be_kept_leaves_the_graph_as_it_was(
    workspace: Path, store: MemoryStore
) -> None:
    snapshot = (workspace / "graph.json").read_bytes()
    (ws.uploads_dir(workspace) / "kringen.csv").mkdir(parents=True)  # the name is taken by a folder
    with pytest.raises(OSError):
        ws.add_upload(workspace, store, Source("kringen.csv", ORGANISATIONS.encode()))
    assert (workspace / "graph.json").read_bytes() == snapshot


class SlowStore(MemoryStore):
    """A store whose save takes a while, like a push to a remote Neo4j: the window in which a
    second session's upload, built from the files as they were, would overwrite the first."""

    def save(self, graph: nx.MultiDiGraph) -> None:
        time.sleep(0.3)
        super().save(graph)


def test_uploads_from_several_sessions_at_once_all_reach_the_graph(
    workspace: Path, store: MemoryStore
) -> None:
    slow = SlowStore(workspace)
    sources = [
        Source(
            f"kring_{i}.csv",
            f"soort;naam;gemeente\nondernemersnetwerk;Kring {i} (test);Borne\n".encode(),
        )
        for i in range(4)
    ]
    start = threading.Barrier(len(sources))
    outcomes: list[bool] = []

    def upload(source: Source) -> None:
        start.wait()
        outcomes.append(ws.add_upload(workspace, slow, source).ok)

    threads = [threading.Thread(target=upload, args=(s,)) for s in sources]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert outcomes == [True] * len(sources)
    names = {attrs.get("naam") for _, attrs in store.load().nodes(data=True)}
    assert {f"Kring {i} (test)" for i in range(len(sources))} <= names
    assert sorted(_state(workspace)[1]) == sorted(s.name for s in sources)
