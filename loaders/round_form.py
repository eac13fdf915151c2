"""Answers returned for a survey round by e-mail: the pre-filled Excel questionnaire, or rows of the
project's survey template (one row per municipality).

The questionnaire's layout is declared here, once, because its writer
(``netwerkkaart.services.rounds.forms``) and this reader must agree on it: sheet names, the ``veld``
key in the first column of every question row, and the ties sheet's columns. Reading goes through
:func:`loaders.tables.read_table`, so a returned workbook gets the same checks as any other file
(formulas without a result, merged cells, password, not an Excel file at all). What this module
returns is still text: whether the round and municipality fit, and whether the answers are valid,
is checked by the rounds service with the loaders' rules, and each problem is put back at its cell
with :meth:`Returned.place`. A reader for another survey tool's export (a mapping from its
questions to template columns) only has to produce the same :class:`Returned` records.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field

from graph.model import BronType
from loaders.cells import split_multi
from loaders.problems import Problem
from loaders.rows import check_header
from loaders.survey import AntwoordRow
from loaders.tables import Table, TableError, read_table
from loaders.template import SHEET_ANSWERS
from loaders.xlsx_sheet import archive_problem

SHEET_INSTRUCTIONS = "Instructies"
SHEET_QUESTIONS = "Vragenlijst"
SHEET_TIES = "Banden"
SHEET_LISTS = "Lijsten"
#: The sheets a returned questionnaire must still have (the lists sheet only feeds drop-downs).
FORM_SHEETS = (SHEET_QUESTIONS, SHEET_TIES)

QUESTION_HEADER = ("veld", "vraag", "antwoord")
TIE_HEADER = ("relatie", "naam", "soort", "niveau")
ROUND_FIELD = "ronde"
MUNICIPALITY_FIELD = "gemeente"
CODE_FIELD = "cbs_code"
LOCKED_FIELDS = (ROUND_FIELD, MUNICIPALITY_FIELD, CODE_FIELD)
#: Questionnaire rows (``veld``) for the respondent -> Respondent attribute. Personal data.
RESPONDENT_FIELDS = {"uw_naam": "naam", "uw_rol": "rol", "uw_email": "email"}
#: Extra columns a template file may carry for the respondent -> Respondent attribute.
TEMPLATE_RESPONDENT_COLUMNS = {"naam": "naam", "rol": "rol", "email": "email", "e-mail": "email"}

VIA_FORM = "formulier"
VIA_TEMPLATE = "sjabloon"


def multi_valued(column: str) -> bool:
    """Whether a template column holds several values separated by ';'.

    >>> multi_valued("activiteiten"), multi_valued("ambitie")
    (True, False)
    """
    return AntwoordRow.model_fields[column].annotation == list[str]


@dataclass(frozen=True)
class TieCells:
    """One row of the ties sheet, as text."""

    row: int
    relatie: str
    naam: str
    soort: str
    niveau: str
    column: str = ""  # the column it stands in, when not the ties sheet's (another tool's export)


@dataclass
class Returned:
    """One municipality's answers as found in a returned file, with the cells they came from."""

    file: str
    row: int  # the row naming the municipality
    via: str
    ronde: str
    gemeente: str
    cbs_code: str | None = None
    velden: dict[str, str] = field(default_factory=dict)
    ties: list[TieCells] = field(default_factory=list)
    respondent: dict[str, str] = field(default_factory=dict)
    cells: dict[str, list[tuple[int, str]]] = field(default_factory=dict)  # column -> (row, text)
    ties_read: bool = False  # False for a template row: it names no ties, keep the earlier ones
    titles: dict[str, str] = field(default_factory=dict)  # column -> the file's own column title

    def place(self, problem: Problem) -> Problem:
        """``problem`` (found in these answers by column and value) at its cell in this file."""
        cells = self.cells.get(problem.column or "", [])
        value = problem.value or ""
        row = next((r for r, text in cells if value and value in text), None)
        if row is None:
            row = cells[0][0] if cells else self.row
        return Problem(
            self.file,
            problem.message,
            row=row,
            column=self.titles.get(problem.column or "", problem.column),
            value=problem.value,
            code=problem.code,
            level=problem.level,
        )


@dataclass
class ReturnedFile:
    """What one returned file holds: answers per municipality, and the problems found reading."""

    name: str
    entries: list[Returned] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _sheet_names(name: str, data: bytes) -> list[str] | None:
    """The sheet names of an Excel workbook, or None when ``data`` is none (or one that
    :func:`read_table` refuses: it then says why, with the project's message)."""
    from openpyxl import load_workbook

    if not data.startswith(b"PK\x03\x04"):
        return None
    try:
        if archive_problem(name, zipfile.ZipFile(io.BytesIO(data))):
            return None
        workbook = load_workbook(io.BytesIO(data), read_only=True)
    except Exception:  # damaged or hostile input, whatever openpyxl or zlib says
        return None
    try:
        return list(workbook.sheetnames)
    finally:
        workbook.close()


#: Reading notes that say nothing about a workbook read sheet by sheet: that its other sheets
#: were not read in the same pass.
OTHER_SHEETS = "werkbladen"
#: ... and about the ties sheet of a questionnaire: that it holds no rows.
NO_ROWS = "geen_rijen"


def _read_sheet(
    name: str, data: bytes, sheet: str, ignore: frozenset[str] = frozenset({OTHER_SHEETS})
) -> tuple[Table | None, list[Problem]]:
    """One sheet as a table, with the reading problems of its cells but those in ``ignore``."""
    try:
        table = read_table(name, data, sheet=sheet)
    except TableError as exc:
        return None, [exc.problem]
    return table, [p for p in table.problems if p.code not in ignore]


def _header_problems(table: Table, sheet: str, expected: tuple[str, ...]) -> list[Problem]:
    missing = [column for column in expected if column not in table.header]
    return [
        Problem(
            table.name,
            f"werkblad '{sheet}': kolom '{column}' ontbreekt; gebruik het formulier zoals het "
            "verstuurd is",
            row=table.header_row,
            column=column,
            code="kolom_ontbreekt",
        )
        for column in missing
    ]


def _add_answer(
    returned: Returned, key: str, number: int, text: str, first: dict[str, int]
) -> Problem | None:
    """One answer cell into ``returned``: several rows (or ';' in a cell) for a multi-answer
    question, one row for the others; ``first`` remembers where each single answer stood."""
    returned.cells.setdefault(key, []).append((number, text))
    if not text:
        return None
    if not multi_valued(key):
        if key in first:
            return Problem(
                returned.file,
                f"'{key}' heeft maar één antwoord, en staat al in rij {first[key]}",
                row=number,
                column=key,
                value=text,
                code="dubbel",
            )
        first[key] = number
    parts = split_multi(text) if multi_valued(key) else [text]
    earlier = returned.velden.get(key)
    returned.velden[key] = ";".join([earlier, *parts] if earlier else parts)
    return None


def _read_questions(table: Table, returned: Returned, columns: list[str]) -> list[Problem]:
    """The question rows into ``returned``: locked fields, respondent, answers per column."""
    known = set(columns)
    problems: list[Problem] = []
    first: dict[str, int] = {}
    for number, cells in table.rows:
        key = cells.get("veld", "").strip().lower()
        text = cells.get("antwoord", "").strip()
        if key in LOCKED_FIELDS:
            returned.cells[key] = [(number, text)]
        if key == ROUND_FIELD:
            returned.ronde = text
        elif key == MUNICIPALITY_FIELD:
            returned.gemeente, returned.row = text, number
        elif key == CODE_FIELD:
            returned.cbs_code = text or None
        elif key in RESPONDENT_FIELDS:
            returned.respondent[RESPONDENT_FIELDS[key]] = text
            returned.cells[RESPONDENT_FIELDS[key]] = [(number, text)]
        elif key in known:
            if problem := _add_answer(returned, key, number, text, first):
                problems.append(problem)
        elif key or text:
            problems.append(
                Problem(
                    table.name,
                    f"onbekend veld '{key}' in werkblad '{SHEET_QUESTIONS}'; verander de kolom "
                    "veld niet",
                    row=number,
                    column="veld",
                    value=key,
                    code="veld_onbekend",
                )
            )
    for text, key, label in (
        (returned.ronde, ROUND_FIELD, "de ronde"),
        (returned.gemeente, MUNICIPALITY_FIELD, "de gemeente"),
    ):
        if not text:
            problems.append(
                Problem(
                    table.name,
                    f"het formulier noemt {label} niet (rij '{key}' ontbreekt of is leeg); "
                    "gebruik het formulier zoals het verstuurd is",
                    row=table.header_row,
                    column="veld",
                    code="formulier",
                )
            )
    return problems


def _read_ties(table: Table, returned: Returned) -> None:
    for number, cells in table.rows:
        values = [cells.get(column, "").strip() for column in TIE_HEADER]
        if any(values):
            returned.ties.append(TieCells(number, *values))
    returned.ties_read = True


def read_form(name: str, data: bytes, sheets: list[str], columns: list[str]) -> ReturnedFile:
    """A returned questionnaire: one municipality's answers, or the problems that stop it."""
    result = ReturnedFile(name)
    missing = [sheet for sheet in FORM_SHEETS if sheet not in sheets]
    if missing:
        result.problems += [
            Problem(
                name,
                f"werkblad '{sheet}' ontbreekt; gebruik het formulier zoals het verstuurd is",
                code="werkblad_ontbreekt",
            )
            for sheet in missing
        ]
        return result
    questions, problems = _read_sheet(name, data, SHEET_QUESTIONS)
    ties, tie_problems = _read_sheet(name, data, SHEET_TIES, frozenset({OTHER_SHEETS, NO_ROWS}))
    result.problems += problems + tie_problems
    if questions is None or ties is None:
        return result
    result.problems += _header_problems(questions, SHEET_QUESTIONS, QUESTION_HEADER)
    result.problems += _header_problems(ties, SHEET_TIES, TIE_HEADER)
    if result.problems:
        return result
    returned = Returned(name, questions.header_row, VIA_FORM, "", "")
    result.problems += _read_questions(questions, returned, columns)
    if returned.ronde and returned.gemeente:  # else reported: the form answers nothing
        _read_ties(ties, returned)
        result.entries.append(returned)
    return result


def read_template(name: str, table: Table, columns: list[str]) -> ReturnedFile:
    """A survey template file: one municipality per row, the round in column ``enquete``."""
    result = ReturnedFile(name, problems=list(table.problems))
    personal = [c for c in table.header if c in TEMPLATE_RESPONDENT_COLUMNS]
    checked = Table(name, [c for c in table.header if c not in personal], [], table.how)
    checked.header_row = table.header_row
    header = check_header(checked, AntwoordRow)
    result.problems += header
    if header:
        return result
    columns = [c for c in columns if c in table.header]
    for number, cells in table.rows:
        returned = Returned(
            name, number, VIA_TEMPLATE, cells.get("enquete", ""), cells.get("gemeente", "")
        )
        returned.velden = {c: cells[c] for c in columns if cells[c]}
        returned.cells = {
            c: [(number, cells.get(c, ""))] for c in ("enquete", "gemeente", *columns)
        }
        for column in personal:
            attribute = TEMPLATE_RESPONDENT_COLUMNS[column]
            returned.respondent[attribute] = cells[column]
            returned.cells[attribute] = [(number, cells[column])]
        kind = cells.get("bron_type", "").strip().lower()
        if kind and kind != BronType.ENQUETE:
            result.problems.append(
                Problem(
                    name,
                    f"bron_type '{kind}': een ronde bevat alleen echte antwoorden; laat de kolom "
                    "leeg of vul 'enquete' in",
                    row=number,
                    column="bron_type",
                    value=kind,
                    code="bron_type",
                )
            )
        result.entries.append(returned)
    return result


def read_returned(name: str, data: bytes, columns: list[str]) -> ReturnedFile:
    """A returned questionnaire or template file, read as text with its reading problems;
    ``columns`` are the template columns a round asks."""
    sheets = _sheet_names(name, data)
    if sheets is not None and any(s in sheets for s in (*FORM_SHEETS, SHEET_INSTRUCTIONS)):
        return read_form(name, data, sheets, columns)
    if sheets is not None and SHEET_ANSWERS in sheets:  # the project's own template workbook
        table, problems = _read_sheet(name, data, SHEET_ANSWERS)
        if table is None:
            return ReturnedFile(name, problems=problems)
        table.problems = problems
    else:
        try:
            table = read_table(name, data)
        except TableError as exc:
            return ReturnedFile(name, problems=[exc.problem])
    if not {"enquete", "gemeente"} & set(table.header):
        return ReturnedFile(
            name,
            problems=[
                Problem(
                    name,
                    "geen ingevuld formulier van deze ronde en geen enquêtesjabloon (kolommen "
                    "enquete en gemeente ontbreken)",
                    row=table.header_row,
                    code="soort_onbekend",
                )
            ],
        )
    return read_template(name, table, columns)
