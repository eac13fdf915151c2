"""Answers a municipality gives about a tie another municipality reported with it ("Almelo
noemt een samenwerking met u: klopt dat?"): one row per answer, read into a REAGEERT_OP
relationship from the answering municipality to the reporting one. ``weet niet`` is no answer
and has no row. Which state a tie gets from them is graph.analysis.tie_status's rule.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import BeforeValidator, field_validator

from graph.model import CHECKED_TIES, BronType, EdgeRecord, NodeKind, RelType
from loaders.lexicon import Lexicon
from loaders.loaded import Loaded
from loaders.provenance import WithProvenance
from loaders.rows import FirstRows, Keyword, check_rows
from loaders.tables import Table


class Antwoord(StrEnum):
    JA = "ja"
    NEE = "nee"


def _upper(value: object) -> object:
    return value.strip().upper().replace(" ", "_") if isinstance(value, str) else value


class BevestigingRow(WithProvenance):
    enquete: str
    gemeente: str  # the municipality that answers (the tie's other side)
    van: str  # the municipality that reported the tie
    relatie: Annotated[RelType, BeforeValidator(_upper)]
    antwoord: Annotated[Antwoord, Keyword]

    @field_validator("relatie")
    @classmethod
    def _checked(cls, value: RelType) -> RelType:
        if value not in CHECKED_TIES:
            allowed = ", ".join(sorted(CHECKED_TIES))
            raise ValueError(
                f"'{value.value}' is geen band tussen gemeenten; toegestaan: {allowed}"
            )
        return value


def load_bevestigingen(table: Table, lex: Lexicon) -> Loaded:
    rows, problems = check_rows(table, BevestigingRow, {"bron_type": BronType.ENQUETE.value})
    edges: list[EdgeRecord] = []
    first_rows = FirstRows(table.name)
    for checked in rows:
        number, row = checked.number, checked.row
        survey, p1 = lex.lookup(NodeKind.ENQUETE, row.enquete, table.name, number, "enquete")
        answering, p2 = lex.lookup(NodeKind.GEMEENTE, row.gemeente, table.name, number, "gemeente")
        reporting, p3 = lex.lookup(NodeKind.GEMEENTE, row.van, table.name, number, "van")
        problems += p1 + p2 + p3
        if not (survey and answering and reporting and checked.complete):
            continue
        key = f"{RelType.REAGEERT_OP}|{survey}|{row.relatie}"
        repeat = first_rows.repeat(
            (answering, reporting, key),
            number,
            "van",
            row.van,
            "dit antwoord staat al in rij {rij}",
        )
        if repeat:
            problems.append(repeat)
            continue
        year = lex.nodes[survey].props.get("enquete_jaar")
        props = {"band": str(row.relatie), "antwoord": str(row.antwoord)}
        prov = row.provenance(table.name, year)
        edges.append(EdgeRecord(answering, reporting, RelType.REAGEERT_OP, prov, props, key=key))
    return Loaded(edges=edges, problems=problems)
