"""Pre-filled Excel questionnaires, one per invited municipality, for a round run by e-mail.

Each workbook holds the municipality's current answers (those it sent in this round, else in an
earlier one), drop-down lists from the vocabularies (Excel data validation fed by a hidden sheet),
instructions in Dutch, and the round and municipality in locked cells. The protection has no
password: it prevents accidents, not fraud; the importer (:mod:`.imports`) checks the round and
municipality again. Layout names come from :mod:`loaders.round_form`, which reads the forms back.
"""

from __future__ import annotations

import io
import typing
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from graph.files import write_atomically
from graph.model import ORGANISATION_KINDS, Niveau, slug
from loaders.cells import split_multi
from loaders.round_form import (
    CODE_FIELD,
    MUNICIPALITY_FIELD,
    QUESTION_HEADER,
    RESPONDENT_FIELDS,
    ROUND_FIELD,
    SHEET_INSTRUCTIONS,
    SHEET_LISTS,
    SHEET_QUESTIONS,
    SHEET_TIES,
    TIE_HEADER,
    multi_valued,
)
from loaders.survey import VOCABULARY_COLUMNS, AntwoordRow
from loaders.template import vocabulary_rows
from netwerkkaart.services.errors import UserError
from netwerkkaart.services.rounds.answers import Answers, TieKind, answer_columns
from netwerkkaart.services.rounds.model import Invitation, Round, dutch_date
from netwerkkaart.services.rounds.municipalities import reference_municipalities
from netwerkkaart.services.rounds.respond import answers_for
from netwerkkaart.services.rounds.rounds import get_round, invitations
from views.tabular import FORMULA_PREFIXES

#: Empty rows a free-text multi-answer question gets beyond its current answers.
SPARE_ROWS = 5
#: Empty rows in the ties sheet beyond the current ties.
SPARE_TIE_ROWS = 20
#: Free-text answers that still offer a list: subsidies go to the centre or an activity, hooks
#: name a municipality.
OTHER_LISTS = {"subsidie_aan": "subsidie_aan", "haakt_aan_bij": "gemeente"}

ANSWER_FILL = PatternFill("solid", fgColor="FFF2CC")
LOCKED_FILL = PatternFill("solid", fgColor="E7E6E6")
BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")
UNLOCKED = Protection(locked=False)

RESPONDENT_QUESTIONS = {
    "uw_naam": "Uw naam (optioneel; alleen voor de coördinator, nooit op de kaart).",
    "uw_rol": "Uw functie of rol (optioneel).",
    "uw_email": "Uw e-mailadres (optioneel; alleen voor vragen over dit formulier).",
}


@dataclass(frozen=True)
class Lists:
    """The drop-down lists: name -> allowed values, written to the hidden sheet."""

    values: dict[str, list[str]]

    def column(self, name: str) -> str:
        return get_column_letter(list(self.values).index(name) + 1)

    def reference(self, name: str) -> str:
        """The absolute range on the hidden sheet holding list ``name``."""
        letter, count = self.column(name), len(self.values[name])
        return f"{quote_sheetname(SHEET_LISTS)}!${letter}$2:${letter}${count + 1}"


def form_lists() -> Lists:
    """Every list a questionnaire offers, from the shipped vocabulary and reference data."""
    vocabulary = vocabulary_rows()
    values = {
        kind.value: [key for soort, key, _ in vocabulary if soort == kind.value]
        for kind, _ in VOCABULARY_COLUMNS.values()
    }
    values["subsidie_aan"] = ["vrijwilligerscentrale", *values["activiteit"]]
    values["gemeente"] = sorted(name for _, name in reference_municipalities())
    values["niveau"] = [level.value for level in Niveau]
    values["janee"] = ["ja", "nee"]
    values["relatie"] = [kind.value for kind in TieKind]
    values["soort"] = [kind.value for kind in ORGANISATION_KINDS]
    values["band_niveau"] = [Niveau.INCIDENTEEL.value, Niveau.STRUCTUREEL.value]
    return Lists(values)


def list_for(column: str) -> str | None:
    """The drop-down list an answer column offers, or None for free text."""
    if column in VOCABULARY_COLUMNS:
        return VOCABULARY_COLUMNS[column][0].value
    if column in OTHER_LISTS:
        return OTHER_LISTS[column]
    kinds = typing.get_args(AntwoordRow.model_fields[column].annotation)
    if Niveau in kinds:
        return "niveau"
    if bool in kinds:
        return "janee"
    return None


def _put(cell: Cell, value: str | int | None) -> None:
    """A value as plain text: never run as a formula (a text cell, and formula-like text marked
    with Excel's own quote prefix, which is no part of the value), characters XML cannot hold
    replaced."""
    if value is None or value == "":
        return
    text = ILLEGAL_CHARACTERS_RE.sub("\ufffd", str(value))
    cell.value = text
    cell.data_type = "s"
    if text.startswith(FORMULA_PREFIXES):
        cell.quotePrefix = True


def _validation(lists: Lists, name: str, prompt: str) -> DataValidation:
    """A drop-down from list ``name``; typing something else warns (for 'a;b') but is allowed,
    the importer checks every value."""
    return DataValidation(
        type="list",
        formula1=lists.reference(name),
        allow_blank=True,
        showDropDown=False,  # sic: False shows the arrow
        showErrorMessage=True,
        errorStyle="warning",
        errorTitle="Niet uit de lijst",
        error="Deze waarde staat niet in de lijst. Meerdere waarden scheidt u met ';'.",
        showInputMessage=bool(prompt),
        prompt=prompt[:255],
    )


def _lists_sheet(workbook: Workbook, lists: Lists) -> None:
    sheet = workbook.create_sheet(SHEET_LISTS)
    for index, (name, values) in enumerate(lists.values.items(), start=1):
        _put(sheet.cell(1, index), name)
        for row, value in enumerate(values, start=2):
            _put(sheet.cell(row, index), value)
    sheet.sheet_state = "hidden"
    sheet.protection.sheet = True


def _answer_rows(column: str, answer: str, lists: Lists) -> list[str]:
    """The answer cells a question gets: one per current value, plus room for more."""
    if not multi_valued(column):
        return [answer]
    current = split_multi(answer)
    name = list_for(column)
    room = len(lists.values[name]) if name and name != "gemeente" else len(current) + SPARE_ROWS
    return current + [""] * max(room - len(current), 0)


def _question_rows(
    round_: Round, invitation: Invitation, answers: Answers, lists: Lists
) -> list[tuple[str, str, str, bool]]:
    """(veld, question, answer, locked) for every row of the questionnaire sheet."""
    rows = [
        (ROUND_FIELD, "Enquêteronde (niet wijzigen).", round_.key, True),
        (MUNICIPALITY_FIELD, "Gemeente (niet wijzigen).", invitation.gemeente, True),
        (CODE_FIELD, "CBS-code van de gemeente (niet wijzigen).", invitation.cbs_code, True),
    ]
    for key, attribute in RESPONDENT_FIELDS.items():
        rows.append((key, RESPONDENT_QUESTIONS[key], getattr(answers.respondent, attribute), False))
    fields = AntwoordRow.model_fields
    for column in answer_columns():
        cells = _answer_rows(column, answers.velden.get(column, ""), lists)
        for index, value in enumerate(cells):
            question = (
                (fields[column].description or column) if index == 0 else "(nog een antwoord)"
            )
            rows.append((column, question, value, False))
    return rows


def _questions_sheet(
    sheet: Worksheet, round_: Round, invitation: Invitation, answers: Answers, lists: Lists
) -> None:
    sheet.title = SHEET_QUESTIONS
    sheet.append(list(QUESTION_HEADER))
    for cell in sheet[1]:
        cell.font = BOLD
    validations: dict[str, DataValidation] = {}
    rows = _question_rows(round_, invitation, answers, lists)
    for number, (key, question, value, is_locked) in enumerate(rows, start=2):
        _put(sheet.cell(number, 1), key)
        _put(sheet.cell(number, 2), question)
        sheet.cell(number, 2).alignment = WRAP
        answer = sheet.cell(number, 3)
        _put(answer, value)
        if is_locked:
            answer.fill = LOCKED_FILL
            continue
        answer.protection, answer.fill = UNLOCKED, ANSWER_FILL
        name = list_for(key) if key in AntwoordRow.model_fields else None
        if name:
            if name not in validations:
                validations[name] = _validation(lists, name, "Kies uit de lijst.")
            validations[name].add(answer.coordinate)
    for validation in validations.values():
        sheet.add_data_validation(validation)
    for letter, width in zip("ABC", (26, 60, 40), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    sheet.protection.sheet = True


def _ties_sheet(workbook: Workbook, answers: Answers, lists: Lists) -> None:
    sheet = workbook.create_sheet(SHEET_TIES)
    sheet.append(list(TIE_HEADER))
    for cell in sheet[1]:
        cell.font = BOLD
    for number, tie in enumerate(answers.banden, start=2):
        values = (tie.relatie.value, tie.naam, tie.organisatie_soort, tie.niveau)
        for index, value in enumerate(values, start=1):
            _put(sheet.cell(number, index), value)
    last = len(answers.banden) + SPARE_TIE_ROWS + 1
    for row in sheet.iter_rows(min_row=2, max_row=last, max_col=len(TIE_HEADER)):
        for cell in row:
            cell.protection, cell.fill = UNLOCKED, ANSWER_FILL
    prompts = {
        "relatie": (
            "relatie",
            "werkt_samen_met (organisatie), haakt_aan_bij of leert_van (gemeente)",
        ),
        "soort": ("soort", "Alleen bij werkt_samen_met: de soort organisatie."),
        "niveau": ("band_niveau", "Alleen bij werkt_samen_met: incidenteel of structureel."),
    }
    for column, (name, prompt) in prompts.items():
        letter = get_column_letter(TIE_HEADER.index(column) + 1)
        validation = _validation(lists, name, prompt)
        validation.add(f"{letter}2:{letter}{last}")
        sheet.add_data_validation(validation)
    for letter, width in zip("ABCD", (20, 40, 24, 16), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    sheet.protection.sheet = True
    sheet.protection.insertRows = False  # people may add rows for more ties
    sheet.protection.deleteRows = False


def _instructions_sheet(workbook: Workbook, round_: Round, invitation: Invitation) -> None:
    sheet = workbook.create_sheet(SHEET_INSTRUCTIONS, 0)
    deadline = f" uiterlijk op {dutch_date(round_.sluit_op)}" if round_.sluit_op else ""
    lines = [
        f"Vragenlijst '{round_.titel}' voor de gemeente {invitation.gemeente}",
        "",
        f"Deze vragenlijst hoort bij enquêteronde {round_.key} en is alleen voor de gemeente "
        f"{invitation.gemeente} ({invitation.cbs_code}). Stuur het ingevulde bestand{deadline} "
        "terug naar de coördinator.",
        "",
        "Werkblad 'Vragenlijst': vul de gele cellen in de kolom 'antwoord' in. Uw antwoorden van "
        "de vorige keer staan er al: controleer ze en pas ze aan waar nodig.",
        "Vragen met meerdere antwoorden hebben meerdere rijen: kies per rij één antwoord uit de "
        "lijst (één sleutel per rij), of typ er meerdere in één cel, gescheiden door ';' "
        "(puntkomma). Excel waarschuwt dan; kies 'Ja' om door te gaan.",
        "Werkblad 'Banden': één band per rij. Relatie 'werkt_samen_met' is een organisatie "
        "waarmee u samenwerkt op MBO (vul naam, soort en niveau in); 'haakt_aan_bij' en "
        "'leert_van' noemen een andere gemeente (vul alleen de naam in). Rijen toevoegen mag.",
        "De ronde en de gemeente zijn vergrendeld; verander ze niet, anders kan het formulier "
        "niet worden ingelezen. De beveiliging heeft geen wachtwoord: ze voorkomt alleen "
        "vergissingen. Verwijder geen werkbladen.",
        "Uw naam, rol en e-mailadres zijn optioneel. Ze blijven alleen in de database van de "
        "coördinator en komen nooit op de kaart, in exports of in overzichten.",
        "",
        "Toegestane waarden (sleutel en betekenis):",
    ]
    for row, line in enumerate(lines, start=1):
        _put(sheet.cell(row, 1), line)
    sheet["A1"].font = Font(bold=True, size=14)
    for row, values in enumerate(vocabulary_rows(), start=len(lines) + 1):
        for index, value in enumerate(values, start=1):
            _put(sheet.cell(row, index), value)
    for cell in sheet["A"]:
        cell.alignment = WRAP
    sheet.column_dimensions["A"].width = 100
    sheet.column_dimensions["B"].width = 28
    sheet.column_dimensions["C"].width = 40
    sheet.protection.sheet = True


def form_xlsx(round_: Round, invitation: Invitation, answers: Answers, lists: Lists) -> bytes:
    """One municipality's questionnaire as the bytes of an .xlsx file."""
    workbook = Workbook()
    _questions_sheet(workbook.active, round_, invitation, answers, lists)
    _ties_sheet(workbook, answers, lists)
    _lists_sheet(workbook, lists)
    _instructions_sheet(workbook, round_, invitation)
    workbook.active = 0
    workbook.security = WorkbookProtection(lockStructure=True)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def form_name(invitation: Invitation) -> str:
    """``GM0141-almelo.xlsx``: sorts by code, readable by name."""
    return f"{invitation.cbs_code}-{slug(invitation.gemeente)}.xlsx"


def write_forms(workspace: Path, key: str, directory: Path) -> list[Path]:
    """One pre-filled questionnaire per invited municipality in ``directory``; their paths."""
    round_ = get_round(workspace, key)
    if refusal := round_.refusal():
        raise UserError(f"{refusal} Heropen de ronde om formulieren te versturen.")
    lists = form_lists()
    written = []
    for invitation in invitations(workspace, round_.key):
        answers = answers_for(workspace, round_.key, invitation.gemeente)
        path = Path(directory) / form_name(invitation)
        try:
            write_atomically(path, form_xlsx(round_, invitation, answers, lists))
        except OSError as exc:
            raise UserError(f"Kan {path} niet schrijven: {exc.strerror}.") from exc
        written.append(path)
    return written
