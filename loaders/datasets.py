"""Which kinds of input file exist, how to recognise them, and loading a set of them together.

Files are read in dependency order, each adding what it defines to a shared :class:`Lexicon`.
The result is records plus one report; a caller stores nothing unless the report is ok.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel

from graph.model import KIND_LABELS, PROVENANCE_KEYS, REL_LABELS, EdgeRecord, NodeRecord
from loaders.confirmations import BevestigingRow, load_bevestigingen
from loaders.lexicon import Lexicon
from loaders.loaded import Loaded
from loaders.organisations import OrganisatieRow, RelatieRow, load_organisaties, load_relaties
from loaders.problems import LoadReport, Problem
from loaders.reference import (
    GemeenteRow,
    GrensRow,
    RegioRow,
    load_gemeenten,
    load_grenzen,
    load_regio,
)
from loaders.replaced_examples import set_aside_replaced_examples
from loaders.survey import (
    AntwoordRow,
    DeelnameRow,
    EnqueteRow,
    load_antwoorden,
    load_deelname,
    load_enquetes,
)
from loaders.tables import Table, TableError, read_table
from loaders.vocabulary import VocabRow, load_vocabulaire

Loader = Callable[[Table, Lexicon], Loaded]


@dataclass(frozen=True)
class DatasetSpec:
    """One kind of input file."""

    key: str
    label: str
    file_name: str
    model: type[BaseModel]
    load: Loader
    uploadable: bool = False

    def required_columns(self) -> set[str]:
        return {name for name, info in self.model.model_fields.items() if info.is_required()}


DATASETS: tuple[DatasetSpec, ...] = (
    DatasetSpec("gemeenten", "Gemeenten", "gemeenten.csv", GemeenteRow, load_gemeenten),
    DatasetSpec("grenzen", "Grenzen", "grenzen.csv", GrensRow, load_grenzen),
    DatasetSpec("regio", "Regionale samenwerking", "regio_lidmaatschap.csv", RegioRow, load_regio),
    DatasetSpec("vocabulaire", "Vocabulaires", "vocabulaire.csv", VocabRow, load_vocabulaire),
    DatasetSpec("enquetes", "Enquêterondes", "enquetes.csv", EnqueteRow, load_enquetes),
    DatasetSpec(
        "deelname", "Deelname aan enquêtes", "enquete_deelname.csv", DeelnameRow, load_deelname
    ),
    DatasetSpec(
        "organisaties", "Organisaties", "organisaties.csv", OrganisatieRow, load_organisaties, True
    ),
    DatasetSpec(
        "antwoorden",
        "Enquêteantwoorden",
        "enquete_*_antwoorden*.csv",
        AntwoordRow,
        load_antwoorden,
        True,
    ),
    DatasetSpec("relaties", "Relaties", "relaties.csv", RelatieRow, load_relaties, True),
    DatasetSpec(
        "bevestigingen",
        "Antwoorden over banden",
        "bevestigingen*.csv",
        BevestigingRow,
        load_bevestigingen,
    ),
)
ORDER = {spec.key: index for index, spec in enumerate(DATASETS)}
BY_KEY = {spec.key: spec for spec in DATASETS}


@dataclass(frozen=True)
class Source:
    """A file to load: its name (for messages), its bytes, and its kind when already known."""

    name: str
    data: bytes
    dataset: str | None = None

    @classmethod
    def from_path(cls, path: Path, dataset: str | None = None) -> Source:
        return cls(Path(path).name, Path(path).read_bytes(), dataset)


@dataclass
class LoadResult:
    nodes: list[NodeRecord] = field(default_factory=list)
    edges: list[EdgeRecord] = field(default_factory=list)
    report: LoadReport = field(default_factory=LoadReport)
    read: list[tuple[str, str, str, int]] = field(default_factory=list)  # name, dataset, how, rows


def detect_dataset(table: Table) -> DatasetSpec | None:
    """The kind of file whose required columns all appear in the header and that knows most of
    its columns (an organisations file with a ``jaar`` column is no survey-wave file)."""
    header = set(table.header)
    fitting = [s for s in DATASETS if s.required_columns() <= header]
    return max(
        fitting,
        key=lambda s: (len(header & s.model.model_fields.keys()), len(s.required_columns())),
        default=None,
    )


def _unknown_kind(table: Table) -> Problem:
    kinds = "; ".join(
        f"{s.label}: {', '.join(sorted(s.required_columns()))}" for s in DATASETS if s.uploadable
    )
    message = (
        f"onbekend soort bestand: de kop past bij geen bekend formaat. Verwachte kolommen — {kinds}"
    )
    header = set(table.header)
    known, closest = max(
        (
            (len(header & (s.model.model_fields.keys() - set(PROVENANCE_KEYS))), s)
            for s in DATASETS
            if s.uploadable
        ),
        key=lambda pair: pair[0],
    )
    if known >= 2:
        missing = ", ".join(f"'{c}'" for c in sorted(closest.required_columns() - header))
        message += f". Het lijkt op {closest.label}; ontbrekende verplichte kolom(men): {missing}"
    elif len(table.header) == 1 and not table.header[0].replace("_", "").isalnum():
        message += (
            f". De kop is één kolom ('{table.header[0][:80]}'): gebruik komma, puntkomma of tab "
            "als scheidingsteken"
        )
    return Problem(table.name, message, row=table.header_row, code="soort_onbekend")


def shipped_sources(data_dir: Path) -> list[Source]:
    """The files of a data folder, matched to their kind by file name."""
    sources = []
    for spec in DATASETS:
        for path in sorted(Path(data_dir).glob(spec.file_name)):
            sources.append(Source.from_path(path, spec.key))
    return sources


def _keep_new_nodes(
    file: str, nodes: list[NodeRecord], origin: dict[object, str], result: LoadResult
) -> set[str]:
    """Add nodes no earlier file defined; report the others and return their ids."""
    repeated: set[str] = set()
    for node in nodes:
        if node.id in origin:
            repeated.add(node.id)
            what = KIND_LABELS[node.kind][0].lower()
            result.report.add(
                Problem(file, f"{what} '{node.naam}' staat al in {origin[node.id]}", code="dubbel")
            )
            continue
        origin[node.id] = file
        result.nodes.append(node)
    return repeated


def _keep_new_edges(
    file: str,
    edges: list[EdgeRecord],
    origin: dict[object, str],
    repeated: set[str],
    lexicon: Lexicon,
    result: LoadResult,
) -> None:
    """Add relationships no earlier file defined; report the others by their ends' names."""
    for edge in edges:
        identity = (edge.source, edge.target, edge.edge_key)
        if identity in origin and not repeated & {edge.source, edge.target}:
            ends = [lexicon.name_of(n) for n in identity[:2]]
            result.report.add(
                Problem(
                    file,
                    f"relatie '{ends[0]} {REL_LABELS[edge.type]} {ends[1]}' staat al in "
                    f"{origin[identity]}",
                    code="dubbel",
                )
            )
        if identity not in origin:
            origin[identity] = file
            result.edges.append(edge)


def load_sources(sources: Iterable[Source]) -> LoadResult:
    """Read, validate and resolve all ``sources`` together, in dependency order."""
    result = LoadResult()
    lexicon = Lexicon()
    tables: list[tuple[DatasetSpec, Table]] = []
    for source in sources:
        try:
            table = read_table(source.name, source.data)
        except TableError as exc:
            result.report.add(exc.problem)
            continue
        result.report.extend(table.problems)
        spec = BY_KEY[source.dataset] if source.dataset else detect_dataset(table)
        if spec is None:
            result.report.add(_unknown_kind(table))
            continue
        tables.append((spec, table))
    tables.sort(key=lambda pair: ORDER[pair[0].key])
    answer_tables = [table for spec, table in tables if spec.key == "antwoorden"]
    origin: dict[object, str] = {}  # node id or relationship identity -> file that defined it
    for spec, table in tables:
        if spec.key == "antwoorden" and answer_tables:  # municipalities and waves are known now
            result.report.notes += set_aside_replaced_examples(answer_tables, lexicon)
            answer_tables = []
        loaded = spec.load(table, lexicon)
        result.report.extend(sorted(loaded.problems, key=lambda p: p.row or 0))  # as the file reads
        result.read.append((table.name, spec.label, table.how, len(table.rows)))
        repeated = _keep_new_nodes(table.name, loaded.nodes, origin, result)
        _keep_new_edges(table.name, loaded.edges, origin, repeated, lexicon, result)
    return result
