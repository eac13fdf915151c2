"""Closed vocabularies: activities, portfolios, themes, formats, obstacles.

The shipped lists are derived from the wording of the 2010 survey summary, which shows no
questionnaire or answer lists. Each entry becomes a node (``activiteit:nl-doet``) so
municipalities can point at it; synonyms let loaders map the free text people type ("NL DOET",
"MaS") onto the stable key. An activity's
``themas`` become RAAKT_THEMA relationships marked ``afgeleid`` (the project's own reading).
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, field_validator

from graph.model import (
    DERIVED_THEME_SOURCE,
    VOCABULARY_KINDS,
    BronType,
    EdgeRecord,
    NodeKind,
    NodeRecord,
    Provenance,
    RelType,
    node_id,
)
from loaders.lexicon import Lexicon
from loaders.loaded import Loaded
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


def _theme_links(
    table: Table, number: int, row: VocabRow, lex: Lexicon
) -> tuple[list[EdgeRecord], list[Problem]]:
    """RAAKT_THEMA from an activity to each theme in its ``themas`` cell, marked ``afgeleid``: which
    theme an activity touches is the project's own reading, not a survey answer."""
    edges, problems = [], []
    source = node_id(row.soort, row.sleutel)
    provenance = Provenance(DERIVED_THEME_SOURCE, BronType.AFGELEID, row.jaar)
    for theme in dict.fromkeys(row.themas):
        target = node_id(NodeKind.THEMA, theme)
        if target in lex.nodes:
            edges.append(EdgeRecord(source, target, RelType.RAAKT_THEMA, provenance))
            continue
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
    return edges, problems


def load_vocabulaire(table: Table, lex: Lexicon) -> Loaded:
    checked, problems = check_rows(table, VocabRow)
    rows = complete_rows(checked)
    duplicates = find_duplicates(
        table.name, ((n, "sleutel", f"{r.soort.value}:{r.sleutel}") for n, r in rows), "sleutel"
    )
    problems += duplicates
    nodes = []
    kept = list(first_occurrences(rows, duplicates))
    for _, row in kept:
        props: dict[str, object] = {"omschrijving": row.omschrijving, "sleutel": row.sleutel}
        if row.synoniemen:
            props["synoniemen"] = row.synoniemen
        record = NodeRecord(
            node_id(row.soort, row.sleutel), row.label, row.provenance(table.name), props
        )
        lex.register(record, tuple(row.synoniemen))
        nodes.append(record)
    built = {number for number, _ in kept}
    edges: list[EdgeRecord] = []
    for number, row in ((c.number, c.row) for c in checked):  # rows with bad cells too
        if row.soort is NodeKind.ACTIVITEIT and row.themas:
            found, unknown = _theme_links(table, number, row, lex)
            edges += found if number in built else []  # links only from an activity that is built
            problems += unknown
    return Loaded(nodes, edges, problems)
