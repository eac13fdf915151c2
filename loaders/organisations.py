"""Organisations (business networks, volunteer centres, others) and free relationships.

A relations file names both ends by kind and name (``gemeente`` + ``Hellendoorn``,
``activiteit`` + ``lerende-gemeenschap``) so people can write it by hand; every relationship type
and level comes from the model's closed lists.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BeforeValidator, Field, field_validator

from graph.model import (
    ORGANISATION_KINDS,
    EdgeRecord,
    Niveau,
    NodeKind,
    NodeRecord,
    RelType,
    node_id,
    slug,
)
from loaders.lexicon import Lexicon
from loaders.loaded import Loaded
from loaders.problems import Problem
from loaders.provenance import WithProvenance
from loaders.rows import FirstRows, Keyword, OptionalText, check_rows
from loaders.tables import Table

Kind = Annotated[NodeKind, Keyword]


def _upper(value: object) -> object:
    return value.strip().upper().replace(" ", "_") if isinstance(value, str) else value


class OrganisatieRow(WithProvenance):
    sleutel: OptionalText = None
    soort: Kind
    naam: str = Field(max_length=200)
    gemeente: OptionalText = None
    omschrijving: OptionalText = None

    @field_validator("soort")
    @classmethod
    def _organisation_kind(cls, value: NodeKind) -> NodeKind:
        if value not in ORGANISATION_KINDS:
            allowed = ", ".join(k.value for k in ORGANISATION_KINDS)
            raise ValueError(f"'{value.value}' is geen soort organisatie; toegestaan: {allowed}")
        return value


class RelatieRow(WithProvenance):
    van_soort: Kind
    van: str
    relatie: Annotated[RelType, BeforeValidator(_upper)]
    naar_soort: Kind
    naar: str
    niveau: Annotated[Niveau | None, Keyword] = None
    toelichting: OptionalText = None
    #: The survey wave the relationship was reported in (a round's ties), if any.
    enquete: OptionalText = None


def load_organisaties(table: Table, lex: Lexicon) -> Loaded:
    rows, problems = check_rows(table, OrganisatieRow)
    nodes: list[NodeRecord] = []
    edges: list[EdgeRecord] = []
    first_row: dict[str, int] = {}
    for checked in rows:
        number, row = checked.number, checked.row
        gemeente, found = lex.lookup(
            NodeKind.GEMEENTE, row.gemeente, table.name, number, "gemeente"
        )
        problems += found
        if not checked.complete:
            continue
        identifier = node_id(row.soort, row.sleutel or slug(row.naam))
        if identifier in first_row or identifier in lex.nodes:
            where = (
                f"staat al in rij {first_row[identifier]}"
                if identifier in first_row
                else "bestaat al"
            )
            problems.append(
                Problem(
                    table.name,
                    f"organisatie '{row.naam}' {where}",
                    row=number,
                    column="naam",
                    value=row.naam,
                    code="dubbel",
                )
            )
            continue
        first_row[identifier] = number
        prov = row.provenance(table.name)
        record = NodeRecord(identifier, row.naam, prov, {"omschrijving": row.omschrijving})
        lex.register(record)
        nodes.append(record)
        if gemeente:
            edges.append(EdgeRecord(identifier, gemeente, RelType.ACTIEF_IN, prov))
    return Loaded(nodes, edges, problems)


def load_relaties(table: Table, lex: Lexicon) -> Loaded:
    rows, problems = check_rows(table, RelatieRow)
    edges: list[EdgeRecord] = []
    first_rows = FirstRows(table.name)
    for checked in rows:
        number, row = checked.number, checked.row
        source, p1 = lex.lookup(row.van_soort, row.van, table.name, number, "van")
        target, p2 = lex.lookup(row.naar_soort, row.naar, table.name, number, "naar")
        survey, p3 = lex.lookup(NodeKind.ENQUETE, row.enquete, table.name, number, "enquete")
        problems += p1 + p2 + p3
        if not (source and target and checked.complete) or (row.enquete and not survey):
            continue
        prov = row.provenance(table.name)
        # a wave's relationship is keyed <TYPE>|<survey id>|..., as the answers' are
        wave = f"{survey}|" if survey else ""
        key = f"{row.relatie}|{wave}{slug(prov.bron)[:60]}"
        repeat = first_rows.repeat(
            (source, target, key),
            number,
            "relatie",
            str(row.relatie),
            "deze relatie staat al in rij {rij}",
        )
        if repeat:
            problems.append(repeat)
            continue
        props = {"niveau": row.niveau and str(row.niveau), "toelichting": row.toelichting}
        edges.append(EdgeRecord(source, target, row.relatie, prov, props, key=key))
    return Loaded(edges=edges, problems=problems)
