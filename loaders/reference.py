"""Reference facts: municipalities, provinces, borders and regional memberships."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, field_validator

from graph.model import (
    PROVENANCE_KEYS,
    EdgeRecord,
    NodeKind,
    NodeRecord,
    RelType,
    Zekerheid,
    node_id,
    slug,
)
from loaders.lexicon import Lexicon
from loaders.loaded import Loaded
from loaders.names import cbs_code
from loaders.problems import Problem
from loaders.provenance import WithProvenance
from loaders.rows import (
    FirstRows,
    Integer,
    Keyword,
    Number,
    OptionalText,
    Year,
    check_rows,
    find_duplicates,
    first_occurrences,
    validate_rows,
)
from loaders.tables import Table

#: Size classes shown in tables and filters (inhabitants, most recent figure).
SIZE_CLASSES: tuple[tuple[int, str], ...] = (
    (20_000, "kleiner dan 20.000"),
    (50_000, "20.000 tot 50.000"),
    (100_000, "50.000 tot 100.000"),
)
LARGEST_CLASS = "100.000 of meer"


def size_class(inhabitants: int) -> str:
    """The size class used in tables and filters.

    >>> size_class(17_839), size_class(158_553)
    ('kleiner dan 20.000', '100.000 of meer')
    """
    return next((label for limit, label in SIZE_CLASSES if inhabitants < limit), LARGEST_CLASS)


def _code(value: str) -> str:
    code = cbs_code(value)
    if code is None:
        raise ValueError(f"'{value}' is geen CBS-gemeentecode (vorm GM0123)")
    return code


class GemeenteRow(WithProvenance):
    cbs_code: str
    naam: str
    provincie: str
    hoofdplaats: OptionalText = None
    inwoners_2015: Integer | None = Field(None, ge=0)
    inwoners_recent: Integer = Field(ge=0)
    inwoners_recent_jaar: Year = Field(ge=1900, le=2100)
    lat: Number = Field(ge=50.5, le=53.7)
    lon: Number = Field(ge=3.2, le=7.3)
    oppervlakte_land_km2: Number | None = Field(None, gt=0)
    corop: OptionalText = None

    @field_validator("cbs_code")
    @classmethod
    def _valid_code(cls, value: str) -> str:
        return _code(value)


class GrensRow(WithProvenance):
    van_cbs: str
    naar_cbs: str
    van: OptionalText = None
    naar: OptionalText = None
    gedeelde_grens_km: Number | None = Field(None, ge=0)
    opmerking: OptionalText = None


class RegioRow(WithProvenance):
    cbs_code: OptionalText = None
    gemeente: str
    regio: str
    soort: OptionalText = None
    lid_in_2010: Annotated[Zekerheid, Keyword] = Zekerheid.JA
    toelichting: OptionalText = None


def load_gemeenten(table: Table, lex: Lexicon) -> Loaded:
    rows, problems = validate_rows(table, GemeenteRow)
    duplicates = find_duplicates(
        table.name, ((n, "cbs_code", r.cbs_code) for n, r in rows), "code"
    ) + find_duplicates(table.name, ((n, "naam", r.naam) for n, r in rows), "gemeente")
    problems += duplicates
    nodes: list[NodeRecord] = []
    edges: list[EdgeRecord] = []
    for _, row in first_occurrences(rows, duplicates):
        prov = row.provenance(table.name)
        province_id = node_id(NodeKind.PROVINCIE, slug(row.provincie))
        if province_id not in lex.nodes:
            province = NodeRecord(province_id, row.provincie, prov)
            lex.register(province)
            nodes.append(province)
        props = row.model_dump(exclude={*PROVENANCE_KEYS, "naam"})
        props["grootteklasse"] = size_class(row.inwoners_recent)
        record = NodeRecord(node_id(NodeKind.GEMEENTE, row.cbs_code), row.naam, prov, props)
        lex.register(record)
        nodes.append(record)
        edges.append(EdgeRecord(record.id, province_id, RelType.LIGT_IN, prov))
    return Loaded(nodes, edges, problems)


def load_grenzen(table: Table, lex: Lexicon) -> Loaded:
    rows, problems = check_rows(table, GrensRow)
    edges: list[EdgeRecord] = []
    first_rows = FirstRows(table.name)
    for checked in rows:
        number, row = checked.number, checked.row
        a, pa = lex.lookup(NodeKind.GEMEENTE, row.van_cbs, table.name, number, "van_cbs")
        b, pb = lex.lookup(NodeKind.GEMEENTE, row.naar_cbs, table.name, number, "naar_cbs")
        problems += pa + pb
        if not (a and b and checked.complete):
            continue
        if a == b:
            problems.append(
                Problem(
                    table.name,
                    "een gemeente grenst niet aan zichzelf",
                    row=number,
                    column="naar_cbs",
                    value=row.naar_cbs,
                )
            )
            continue
        pair = frozenset((a, b))
        repeat = first_rows.repeat(
            pair, number, "naar_cbs", row.naar_cbs, "deze grens staat al in rij {rij}"
        )
        if repeat:
            problems.append(repeat)
            continue
        source, target = sorted((a, b))
        props = {"gedeelde_grens_km": row.gedeelde_grens_km, "opmerking": row.opmerking}
        edges.append(
            EdgeRecord(source, target, RelType.GRENST_AAN, row.provenance(table.name), props)
        )
    return Loaded(edges=edges, problems=problems)


def load_regio(table: Table, lex: Lexicon) -> Loaded:
    rows, problems = check_rows(table, RegioRow)
    nodes: list[NodeRecord] = []
    edges: list[EdgeRecord] = []
    first_rows = FirstRows(table.name)
    for checked in rows:
        number, row = checked.number, checked.row
        column = "cbs_code" if row.cbs_code else "gemeente"
        gemeente, found = lex.lookup(
            NodeKind.GEMEENTE, row.cbs_code or row.gemeente, table.name, number, column
        )
        problems += found
        if not (gemeente and checked.complete):
            continue
        prov = row.provenance(table.name)
        region_id = node_id(NodeKind.REGIO, slug(row.regio))
        if region_id not in lex.nodes:
            region = NodeRecord(region_id, row.regio, prov, {"soort": row.soort})
            lex.register(region)
            nodes.append(region)
        repeat = first_rows.repeat(
            (gemeente, region_id),
            number,
            "regio",
            row.regio,
            "dit lidmaatschap staat al in rij {rij}",
        )
        if repeat:
            problems.append(repeat)
            continue
        props = {"zekerheid": str(row.lid_in_2010), "toelichting": row.toelichting}
        edges.append(EdgeRecord(gemeente, region_id, RelType.LID_VAN, prov, props))
    return Loaded(nodes, edges, problems)
