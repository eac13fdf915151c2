"""Answers exported from another survey tool (Microsoft Forms, LimeSurvey, Google Forms), read
through a mapping file (``koppeling``, TOML) into the same :class:`~loaders.round_form.Returned`
records as a returned questionnaire, so the rounds service checks and stores them alike.

A mapping says, per question title of the export, which template column (or kind of tie) it
answers and which vocabulary key each answer text stands for; which column names the
municipality; and which columns are personal data. Every column of the export must be accounted
for: an unmapped column, or an answer text the mapping does not know, is a problem at its cell
(``file:row:column``), never silently dropped or guessed. Personal columns other than the
respondent's name, role and e-mail are read past and kept nowhere.

>>> mapping = Mapping.model_validate({"gemeente": "Gemeente", "vraag": [
...     {"titel": "Activiteiten", "kolom": "activiteiten",
...      "antwoorden": {"NL Doet, vrijwilligersactie": "nl-doet", "Beursvloer": "beursvloer"}}]})
>>> matched, unknown = mapping.vraag[0].answer_keys("NL Doet, vrijwilligersactie, Beursvloer", ", ")
>>> matched, unknown
(['nl-doet', 'beursvloer'], [])
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from data import DATA_DIR
from graph.model import ORGANISATION_KINDS, Niveau
from loaders.problems import Level, Problem
from loaders.round_form import Returned, ReturnedFile, TieCells, multi_valued
from loaders.rows import dutch_error
from loaders.survey import VOCABULARY_COLUMNS, AntwoordRow
from loaders.tables import Table, TableError, read_table
from loaders.template import vocabulary_rows

#: The folder of the shipped example mappings (``--koppeling microsoft-forms`` finds one by name).
SHIPPED_MAPPINGS = DATA_DIR / "koppelingen"
#: What ``via`` a survey tool's answers are stored with in the rounds database.
VIA_TOOL = "koppeling"
TieKindName = Literal["werkt_samen_met", "haakt_aan_bij", "leert_van"]
#: Template columns a mapping may not fill: the round is the import's, the rest is provenance.
_NOT_MAPPED = frozenset({"enquete", "gemeente", "bron_type", "bron", "jaar"})
_TOML_PLACE = re.compile(r"at line (\d+), column (\d+)")


def normalised_title(text: str) -> str:
    """A column title as compared: case and runs of white space do not count.

    >>> normalised_title("  Welke   activiteiten?\\n")
    'welke activiteiten?'
    """
    return " ".join(text.split()).lower()


@cache
def allowed_answers(column: str) -> frozenset[str] | None:
    """The values a template column accepts, where it is a closed list (else None)."""
    keys = {(soort, key) for soort, key, _ in vocabulary_rows()}
    if column in VOCABULARY_COLUMNS:
        kind = VOCABULARY_COLUMNS[column][0].value
        return frozenset(key for soort, key in keys if soort == kind)
    if column == "subsidie_aan":
        return frozenset({"vrijwilligerscentrale"} | {k for s, k in keys if s == "activiteit"})
    args = get_args(AntwoordRow.model_fields[column].annotation)
    if Niveau in args:
        return frozenset(level.value for level in Niveau)
    if any(get_args(arg)[:1] == (bool,) for arg in args):
        return frozenset({"ja", "nee"})
    return None


class Question(BaseModel):
    """One question (column) of the export and what it answers."""

    model_config = ConfigDict(extra="forbid")

    titel: str = Field(min_length=1)
    kolom: str | None = None
    band: TieKindName | None = None
    optie: str | None = None
    antwoorden: dict[str, str] = Field(default_factory=dict)
    soort: str | None = None
    niveau: Niveau | None = None
    scheiding: str | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Question:
        if (self.kolom is None) == (self.band is None):
            raise ValueError("geef precies één van 'kolom' (een kolom van het sjabloon) en 'band'")
        if self.kolom is not None:
            self._check_column(self.kolom)
        if self.band == "werkt_samen_met" and self.soort not in ORGANISATION_KINDS:
            kinds = ", ".join(ORGANISATION_KINDS)
            raise ValueError(f"een band werkt_samen_met heeft 'soort' nodig: {kinds}")
        if self.band != "werkt_samen_met" and (self.soort or self.niveau):
            raise ValueError("'soort' en 'niveau' horen alleen bij band werkt_samen_met")
        return self

    def _check_column(self, column: str) -> None:
        if column in _NOT_MAPPED or column not in AntwoordRow.model_fields:
            raise ValueError(f"'{column}' is geen vraag van het enquêtesjabloon")
        if self.optie is not None and not multi_valued(column):
            raise ValueError(
                f"'optie' kan alleen bij een kolom met meerdere antwoorden, niet '{column}'"
            )
        allowed = allowed_answers(column)
        if allowed is None:
            return
        wrong = [v for v in [*self.antwoorden.values(), self.optie or ""] if v and v not in allowed]
        if wrong:
            raise ValueError(
                f"'{wrong[0]}' is geen antwoord van kolom '{column}'; toegestaan: "
                + ", ".join(sorted(allowed))
            )

    @property
    def several(self) -> bool:
        """Whether a cell may hold several answers (joined by the tool's separator)."""
        return self.band is not None or (self.kolom is not None and multi_valued(self.kolom))

    def answer_keys(self, text: str, separator: str) -> tuple[list[str], list[str]]:
        """The keys a cell's answers map to, and the answer texts the mapping does not know.

        An answer text may itself hold the separator (Google Forms joins with ", "): the longest
        run of parts that is a known answer wins."""
        known = {normalised_title(k): v for k, v in self.antwoorden.items()}
        parts = [p.strip() for p in text.split(separator)] if self.several else [text.strip()]
        parts = [p for p in parts if p]
        matched: list[str] = []
        unknown: list[str] = []
        start = 0
        while start < len(parts):
            end = next(
                (
                    end
                    for end in range(len(parts), start, -1)
                    if normalised_title(separator.join(parts[start:end])) in known
                ),
                None,
            )
            if end is None:
                if known:
                    unknown.append(parts[start])
                else:
                    matched.append(parts[start])
                start += 1
                continue
            matched.append(known[normalised_title(separator.join(parts[start:end]))])
            start = end
        return matched, unknown


class Respondents(BaseModel):
    """The export's columns that name the respondent (personal data, kept only in the rounds
    database)."""

    model_config = ConfigDict(extra="forbid")

    naam: str | None = None
    rol: str | None = None
    email: str | None = None


class Mapping(BaseModel):
    """A mapping file: from one survey tool's export to the survey template."""

    model_config = ConfigDict(extra="forbid")

    hulpmiddel: str = "onbekend hulpmiddel"
    gemeente: str = Field(min_length=1)
    scheiding: str = Field(";", min_length=1)
    aangevinkt: list[str] = Field(default_factory=lambda: ["Y", "Ja"])
    niet_aangevinkt: list[str] = Field(default_factory=lambda: ["N", "Nee"])
    persoonlijk: list[str] = Field(default_factory=list)
    #: What a respondent column holds for an anonymous answer (Microsoft Forms: "anonymous").
    anoniem: list[str] = Field(default_factory=lambda: ["anonymous", "anoniem"])
    negeer: list[str] = Field(default_factory=list)
    respondent: Respondents = Field(default_factory=Respondents)
    vraag: list[Question] = Field(default_factory=list)

    @model_validator(mode="after")
    def _each_column_once(self) -> Mapping:
        seen: set[str] = set()
        for title in self.titles():
            if normalised_title(title) in seen:
                raise ValueError(f"kolom '{title}' staat twee keer in de koppeling")
            seen.add(normalised_title(title))
        return self

    def titles(self) -> list[str]:
        people = [t for t in self.respondent.model_dump().values() if t]
        return [
            self.gemeente,
            *people,
            *self.persoonlijk,
            *self.negeer,
            *(q.titel for q in self.vraag),
        ]


def _place_in_toml(text: str, loc: tuple[int | str, ...]) -> int | None:
    """The line of the ``[[vraag]]`` table an error is about (TOML readers give no lines)."""
    if len(loc) < 2 or loc[0] != "vraag" or not isinstance(loc[1], int):
        return None
    starts = [n for n, line in enumerate(text.splitlines(), 1) if line.strip() == "[[vraag]]"]
    return starts[loc[1]] if loc[1] < len(starts) else None


def read_mapping(name: str, data: bytes) -> tuple[Mapping | None, list[Problem]]:
    """A mapping file (TOML) checked in full, or every problem with it at its line."""
    try:
        text = data.decode("utf-8-sig")
        raw = tomllib.loads(text)
    except UnicodeDecodeError:
        return None, [Problem(name, "de koppeling is geen UTF-8-tekst", code="koppeling")]
    except tomllib.TOMLDecodeError as exc:
        place = _TOML_PLACE.search(str(exc))
        row = int(place.group(1)) if place else None
        message = "geen geldige TOML; controleer aanhalingstekens, '=' en [koppen]"
        return None, [Problem(name, message, row=row, code="koppeling")]
    try:
        return Mapping.model_validate(raw), []
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            loc = tuple(error["loc"])
            where = ".".join(f"{p + 1}" if isinstance(p, int) else p for p in loc) or None
            row = _place_in_toml(text, loc)
            what = "onbekende sleutel" if error["type"] == "extra_forbidden" else dutch_error(error)
            problems.append(
                Problem(
                    name,
                    f"koppeling: {what}",
                    row=row,
                    column=where,
                    code="koppeling",
                )
            )
        return None, problems


def shipped_mapping_names() -> list[str]:
    return sorted(path.stem for path in SHIPPED_MAPPINGS.glob("*.toml"))


class _Columns:
    """The export's header sorted by role, with a problem for each column nobody mapped."""

    def __init__(self, table: Table, mapping: Mapping) -> None:
        by_title = {normalised_title(c): c for c in table.header}
        self.municipality = by_title.get(normalised_title(mapping.gemeente))
        self.people = {
            attribute: by_title[normalised_title(title)]
            for attribute, title in mapping.respondent.model_dump().items()
            if title and normalised_title(title) in by_title
        }
        self.questions = [
            (q, by_title[normalised_title(q.titel)])
            for q in mapping.vraag
            if normalised_title(q.titel) in by_title
        ]
        mapped = {normalised_title(t) for t in mapping.titles()}
        self.problems = [
            Problem(
                table.name,
                f"kolom '{column}' staat niet in de koppeling ({mapping.hulpmiddel}); koppel haar "
                "aan een vraag, of zet haar bij 'persoonlijk' of 'negeer'",
                row=table.header_row,
                column=column,
                code="kolom_onbekend",
            )
            for column in table.header
            if normalised_title(column) not in mapped
        ]
        if self.municipality is None:
            self.problems.append(
                Problem(
                    table.name,
                    f"de kolom met de gemeente ('{mapping.gemeente}') ontbreekt",
                    row=table.header_row,
                    code="kolom_ontbreekt",
                )
            )
        found = {id(q) for q, _ in self.questions}
        self.problems += [
            Problem(
                table.name,
                f"de vraag '{q.titel}' uit de koppeling staat niet in het bestand",
                row=table.header_row,
                code="vraag_ontbreekt",
                level=Level.WAARSCHUWING,
            )
            for q in mapping.vraag
            if id(q) not in found
        ]


class _Row:
    """One row of the export becoming one :class:`Returned`."""

    def __init__(self, name: str, number: int, key: str, mapping: Mapping) -> None:
        self.mapping = mapping
        self.returned = Returned(name, number, VIA_TOOL, key, "")
        self.problems: list[Problem] = []
        self.answered_by: dict[str, str] = {}

    def unknown(self, column: str, text: str, question: Question) -> None:
        known = ", ".join(f"'{k}'" for k in question.antwoorden) or ", ".join(
            f"'{k}'" for k in (*self.mapping.aangevinkt, *self.mapping.niet_aangevinkt)
        )
        self.problems.append(
            Problem(
                self.returned.file,
                f"antwoord '{text}' staat niet in de koppeling; bekend zijn {known}",
                row=self.returned.row,
                column=column,
                value=text,
                code="antwoord_onbekend",
            )
        )

    def add_field(self, field: str, column: str, text: str, keys: list[str]) -> None:
        returned = self.returned
        returned.cells.setdefault(field, []).append((returned.row, text))
        returned.titles.setdefault(field, column)
        if not keys:
            return
        earlier = returned.velden.get(field)
        if earlier and not multi_valued(field):
            message = (
                f"'{field}' heeft maar één antwoord, en kolom '{self.answered_by[field]}' "
                "beantwoordt haar al"
            )
            self.problems.append(
                Problem(returned.file, message, row=returned.row, column=column, value=text)
            )
            return
        self.answered_by.setdefault(field, column)
        returned.velden[field] = ";".join([earlier, *keys] if earlier else keys)

    def add(self, question: Question, column: str, text: str) -> None:
        if question.optie is not None and question.kolom is not None:
            checked = {normalised_title(v) for v in self.mapping.aangevinkt}
            unchecked = {normalised_title(v) for v in self.mapping.niet_aangevinkt}
            if normalised_title(text) in checked:
                self.add_field(question.kolom, column, text, [question.optie])
            elif normalised_title(text) not in unchecked:
                self.unknown(column, text, question)
            return
        separator = question.scheiding or self.mapping.scheiding
        keys, unknown = question.answer_keys(text, separator)
        for answer in unknown:
            self.unknown(column, answer, question)
        if question.kolom is not None:
            self.add_field(question.kolom, column, text, keys)
            return
        assert question.band is not None
        soort, niveau = question.soort or "", question.niveau.value if question.niveau else ""
        for key in keys:
            tie = TieCells(self.returned.row, question.band, key, soort, niveau, column)
            self.returned.ties.append(tie)


def _entry(
    table: Table, number: int, cells: dict[str, str], columns: _Columns, key: str, mapping: Mapping
) -> tuple[Returned, list[Problem]]:
    row = _Row(table.name, number, key, mapping)
    returned = row.returned
    assert columns.municipality is not None
    returned.gemeente = cells.get(columns.municipality, "")
    returned.cells["gemeente"] = [(number, returned.gemeente)]
    returned.titles["gemeente"] = mapping.gemeente  # problems name a column as the mapping does
    for attribute, column in columns.people.items():
        text = cells.get(column, "")
        anonymous = normalised_title(text) in {normalised_title(v) for v in mapping.anoniem}
        returned.respondent[attribute] = "" if anonymous else text
        returned.cells[attribute] = [(number, returned.respondent[attribute])]
        returned.titles[attribute] = getattr(mapping.respondent, attribute)
    if any(q.band for q, _ in columns.questions):
        returned.ties_read = True  # the export names the ties: they replace the earlier ones
    for question, column in columns.questions:
        text = cells.get(column, "").strip()
        if text:
            row.add(question, question.titel, text)
    return returned, row.problems


def read_export(name: str, data: bytes, mapping: Mapping, key: str) -> ReturnedFile:
    """An export of a survey tool: one :class:`Returned` per row (respondent), for round ``key``,
    with every reading problem (an unmapped column is one, and is read past: the rows are still
    checked, so one run lists every problem)."""
    result = ReturnedFile(name)
    try:
        table = read_table(name, data)
    except TableError as exc:
        result.problems.append(exc.problem)
        return result
    result.problems += table.problems
    columns = _Columns(table, mapping)
    result.problems += columns.problems
    if columns.municipality is None:
        return result
    for number, cells in table.rows:
        returned, problems = _entry(table, number, cells, columns, key, mapping)
        result.problems += problems
        result.entries.append(returned)
    return result
