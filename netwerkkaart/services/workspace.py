"""The workspace: building the graph from the shipped data plus the user's uploads, all or nothing.

Uploaded files live in ``<workspace>/uploads/``; answers sent in survey rounds live in
``<workspace>/rondes.sqlite`` and join every build (``rounds.round_sources``). Adding or
replacing an upload validates it together with everything already loaded; only when the whole set is clean is the file kept and the graph
saved, so a bad file never changes what was stored before. Every change to the stored graph or
the uploads happens under the workspace's write lock (:func:`writing`), so two sessions of a
shared dashboard, or the app and the CLI, never interleave a build with another one's upload.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from data import DATA_DIR
from graph.analysis.tie_status import mark_tie_status
from graph.build import build_graph
from graph.files import leftover_temporaries, write_atomically
from graph.stores.base import GraphStore
from graph.stores.memory import SNAPSHOT_FILE
from loaders.datasets import LoadResult, Source, load_sources, shipped_sources
from netwerkkaart.services.errors import UserError
from netwerkkaart.services.locking import locked
from netwerkkaart.services.rounds import round_sources

MEGABYTE = 1024 * 1024
UPLOAD_LIMIT_BYTES = 20 * MEGABYTE


@dataclass
class BuildOutcome:
    """The loaded records' report, and the graph when the report is clean."""

    result: LoadResult
    graph: nx.MultiDiGraph | None

    @property
    def ok(self) -> bool:
        return self.graph is not None


@contextmanager
def writing(workspace: Path) -> Iterator[None]:
    """The workspace's write lock: read what is loaded, build, and save as one turn.

    Every writer holds this lock, so a temporary file found while holding it was left by a
    writer that was killed mid-write; it is removed.
    """
    with locked(Path(workspace) / ".schrijven.lock"):
        snapshots = leftover_temporaries(Path(workspace), SNAPSHOT_FILE)
        for leftover in [*snapshots, *leftover_temporaries(uploads_dir(workspace))]:
            leftover.unlink(missing_ok=True)
        yield


def uploads_dir(workspace: Path) -> Path:
    return workspace / "uploads"


def upload_sources(workspace: Path) -> list[Source]:
    folder = uploads_dir(workspace)
    if not folder.is_dir():
        return []
    return [
        Source.from_path(p)
        for p in sorted(folder.iterdir())
        if p.is_file() and not p.name.startswith(".")
    ]


def build_from_sources(sources: list[Source]) -> BuildOutcome:
    result = load_sources(sources)
    if not result.report.ok:
        return BuildOutcome(result, None)
    graph = build_graph(result.nodes, result.edges)
    mark_tie_status(graph)  # derived once here, so every store and export carries it
    return BuildOutcome(result, graph)


def build(
    workspace: Path,
    data_dir: Path | None = None,
    extra: list[Source] | None = None,
    without: str | None = None,
) -> BuildOutcome:
    """Load the data folder (shipped by default), the workspace uploads, the answers sent in the
    workspace's survey rounds, and ``extra``."""
    folder = Path(data_dir) if data_dir else DATA_DIR
    if not folder.is_dir():
        raise UserError(f"De datamap {folder} bestaat niet.")
    for source in extra or []:  # what the CLI validates and the app checks, before parsing
        check_upload_size(source)
    uploads = [s for s in upload_sources(workspace) if s.name != without]
    if extra:
        names = {s.name for s in extra}
        uploads = [s for s in uploads if s.name not in names]
    rounds = round_sources(workspace)
    return build_from_sources(shipped_sources(folder) + uploads + rounds + list(extra or []))


def build_and_save(
    workspace: Path, store: GraphStore, data_dir: Path | None = None
) -> BuildOutcome:
    with writing(workspace):
        outcome = build(workspace, data_dir)
        if outcome.graph is not None:
            store.save(outcome.graph)
    return outcome


def _safe_upload_name(name: str) -> str:
    base = Path(name).name.strip()
    if (
        not base
        or base.startswith(".")
        or Path(base).suffix.lower() not in {".csv", ".xlsx", ".txt", ".tsv"}
    ):
        raise UserError(
            f"Bestandsnaam '{name}' wordt niet geaccepteerd: gebruik een .csv- of .xlsx-bestand."
        )
    return base


def check_upload_size(source: Source) -> None:
    """Refuse a file above the upload limit (UserError) before anything reads it."""
    if len(source.data) > UPLOAD_LIMIT_BYTES:
        size = f"{len(source.data) / MEGABYTE:.1f}".replace(".", ",")
        raise UserError(
            f"'{source.name}' is {size} MB; de grens is {UPLOAD_LIMIT_BYTES // MEGABYTE} MB."
        )


def add_upload(workspace: Path, store: GraphStore, source: Source) -> BuildOutcome:
    """Validate ``source`` with everything loaded; keep it and save only when all is clean."""
    check_upload_size(source)
    named = Source(_safe_upload_name(source.name), source.data, source.dataset)
    with writing(workspace):
        outcome = build(workspace, extra=[named])
        if outcome.graph is None:
            return outcome
        target = uploads_dir(workspace) / named.name
        previous = target.read_bytes() if target.is_file() else None
        write_atomically(target, named.data)
        try:
            store.save(outcome.graph)
        except BaseException:  # keep file and graph in step: put the previous upload back
            if previous is None:
                target.unlink(missing_ok=True)
            else:
                write_atomically(target, previous)
            raise
    return outcome


def remove_upload(workspace: Path, store: GraphStore, name: str) -> BuildOutcome:
    """Drop an uploaded file; the graph is rebuilt without it (and kept if that fails)."""
    path = uploads_dir(workspace) / Path(name).name
    with writing(workspace):
        if not path.is_file():
            raise UserError(f"Er is geen geüpload bestand '{name}'.")
        outcome = build(workspace, without=path.name)
        if outcome.graph is not None:
            store.save(outcome.graph)
            path.unlink()
    return outcome
