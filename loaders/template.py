"""The empty survey template (CSV or XLSX) a municipality fills in with its real answers.

Columns and their meaning come from :class:`loaders.survey.AntwoordRow`, the allowed values from
the shipped vocabulary, so the template always matches what the loader accepts.
"""

from __future__ import annotations

import csv
import io
from functools import cache
from pathlib import Path

from data import DATA_DIR
from graph.model import PROVENANCE_KEYS
from loaders.survey import AntwoordRow
from loaders.tables import read_table_file

SHEET_ANSWERS = "Antwoorden"
SHEET_HELP = "Toelichting"
SHEET_VOCABULARY = "Vocabulaires"


def template_columns() -> list[tuple[str, str, bool]]:
    """(column, Dutch description, required) for every column of the answers file.

    The answers come first (wave and municipality leading); ``bron_type`` closes the row.
    """
    columns = [
        (name, info.description or "", info.is_required())
        for name, info in AntwoordRow.model_fields.items()
        if name not in {"bron", "jaar"}
    ]
    return sorted(columns, key=lambda column: column[0] in PROVENANCE_KEYS)


def vocabulary_rows() -> list[tuple[str, str, str]]:
    """(soort, sleutel, label) of the shipped vocabulary, for the template's help sheet."""
    table = read_table_file(DATA_DIR / "vocabulaire.csv")
    return [(cells["soort"], cells["sleutel"], cells["label"]) for _, cells in table.rows]


@cache
def template_csv() -> bytes:
    """Header only, UTF-8 with BOM and ';' so Dutch Excel opens it in columns."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerow(
        [c for c, _, _ in template_columns()]
    )
    return buffer.getvalue().encode("utf-8-sig")


@cache
def template_xlsx() -> bytes:
    """A workbook: the answers sheet, a sheet explaining each column, the allowed values.

    Made once per process (it depends only on the code and the shipped vocabulary): the Data
    page offers it on every rerun, and a workbook takes 50 ms to write."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    answers = workbook.active
    answers.title = SHEET_ANSWERS
    answers.append([c for c, _, _ in template_columns()])
    for cell in answers[1]:
        cell.font = Font(bold=True)
    answers.freeze_panes = "A2"
    help_sheet = workbook.create_sheet(SHEET_HELP)
    help_sheet.append(["kolom", "verplicht", "toelichting"])
    for column, description, required in template_columns():
        help_sheet.append([column, "ja" if required else "nee", description])
    help_sheet.append([])
    help_sheet.append(["", "", "Meerdere antwoorden in één cel scheidt u met ';'."])
    vocab = workbook.create_sheet(SHEET_VOCABULARY)
    vocab.append(["soort", "sleutel", "label"])
    for row in vocabulary_rows():
        vocab.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def template_bytes(path: Path) -> bytes:
    """The template in the format the file name asks for (.csv or .xlsx)."""
    suffix = Path(path).suffix.lower()
    if suffix == ".xlsx":
        return template_xlsx()
    if suffix == ".csv":
        return template_csv()
    raise ValueError(f"onbekend formaat '{suffix}': kies een .csv- of .xlsx-bestandsnaam")
