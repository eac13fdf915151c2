"""The closed vocabularies of the survey: activities, portfolios, themes, formats, obstacles.

Each entry becomes a node (``activiteit:nl-doet``) so municipalities can point at it; synonyms
let loaders map the free text people type ("NL DOET", "MaS") onto the stable key.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, field_validator

from graph.model import VOCABULARY_KINDS, NodeKind, NodeRecord, node_id
from loaders.lexicon import Lexicon
from loaders.problems import Problem
from loaders.provenance import WithProvenance
from loaders.rows import (
    Keyword,
    MultiText,
    OptionalText,
    check_rows,
    complete_rows,
    find_duplicates,
    first_occurrences,
)
from loaders.tables import Table


class VocabRow(WithProvenance):
    soort: Annotated[NodeKind, Keyword]
    sleutel: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    label: str
    omschrijving: OptionalText = None
    synoniemen: MultiText = Field(default_factory=list)
    themas: MultiText = Field(default_factory=list)

    @field_validator("soort")
    @classmethod
    def _vocabulary_kind(cls, value: NodeKind) -> NodeKind:
        if value not in VOCABULARY_KINDS:
            allowed = ", ".join(k.value for k in VOCABULARY_KINDS)
            raise ValueError(f"'{value.value}' is geen vocabulaire; toegestaan: {allowed}")
        return value


def load_vocabulaire(table: Table, lex: Lexicon) -> tuple[list, list, list[Problem]]:
    checked, problems = check_rows(table, VocabRow)
    rows = complete_rows(checked)
    duplicates = find_duplicates(
        table.name, ((n, "sleutel", f"{r.soort.value}:{r.sleutel}") for n, r in rows), "sleutel"
    )
    problems += duplicates
    nodes = []
    for _, row in first_occurrences(rows, duplicates):
        props = {"omschrijving": row.omschrijving, "sleutel": row.sleutel}
        if row.synoniemen:
            props["synoniemen"] = row.synoniemen
        if row.themas:
            props["themas"] = row.themas
        record = NodeRecord(
            node_id(row.soort, row.sleutel), row.label, row.provenance(table.name), props
        )
        lex.register(record, tuple(row.synoniemen))
        nodes.append(record)
    for number, row in ((c.number, c.row) for c in checked):  # rows with bad cells too
        if row.soort is NodeKind.ACTIVITEIT and row.themas:
            for theme in row.themas:
                if node_id(NodeKind.THEMA, theme) not in lex.nodes:
                    problems.append(
                        Problem(
                            table.name,
                            f"thema '{theme}' is onbekend",
                            row=number,
                            column="themas",
                            value=theme,
                            code="onbekend",
                        )
                    )
    return nodes, [], problems
