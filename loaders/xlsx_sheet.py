"""What a values-only read of an Excel file cannot see: formulas without a stored result,
merged cells, hidden rows or columns; and zip files that are no Excel workbook at all.

openpyxl's ``data_only`` read gives a formula's cached result, or None when the file was never
calculated (written by a script, not saved by Excel): the cell would silently read as empty.
Merged cells hold their value in the first cell only, and hidden rows are read like any other.
So the sheet's XML is streamed once more, looking only at those three things, and the loader
turns what it finds into problems with the cell's place.

>>> import io
>>> quirks = sheet_quirks(io.BytesIO(
...     b'<worksheet><sheetData><row r="2" hidden="1"><c r="C2"><f>A1*2</f></c></row>'
...     b'</sheetData><mergeCells><mergeCell ref="D2:D3"/></mergeCells></worksheet>'))
>>> quirks.formulas, quirks.merged, quirks.hidden_rows
([(2, 2, '=A1*2')], [('D2:D3', 2, 3)], {2})
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from typing import IO
from xml.etree.ElementTree import Element, iterparse

from openpyxl.utils.cell import column_index_from_string, coordinate_from_string, range_boundaries

from loaders.problems import Level, Problem

#: A workbook may unpack to at most this many bytes (declared sizes): refuses zip bombs.
MAX_UNPACKED_BYTES = 400 * 1024 * 1024
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"


@dataclass
class SheetQuirks:
    """Formula cells without a result (row, 0-based column, formula), merged ranges
    (reference, first row, 0-based first column), hidden rows and hidden 0-based columns."""

    formulas: list[tuple[int, int, str]] = field(default_factory=list)
    merged: list[tuple[str, int, int]] = field(default_factory=list)
    hidden_rows: set[int] = field(default_factory=set)
    hidden_columns: set[int] = field(default_factory=set)


def _local(tag: str) -> str:
    """The element name without its namespace (transitional and strict OOXML alike)."""
    return tag.rsplit("}", 1)[-1]


def _is_true(value: str | None) -> bool:
    return value in {"1", "true"}


def _no_result(cell: Element, value: Element | None) -> bool:
    """No stored result: no ``<v>``, or an empty one where the result is not text."""
    return value is None or (not value.text and cell.get("t") != "str")


def sheet_quirks(source: IO[bytes]) -> SheetQuirks:
    """Stream a worksheet's XML (``xl/worksheets/sheetN.xml``) and collect its quirks."""
    quirks = SheetQuirks()
    for _, element in iterparse(source, events=("end",)):
        name = _local(element.tag)
        if name == "c":
            children = {_local(child.tag): child for child in element}
            if "f" in children and _no_result(element, children.get("v")) and element.get("r"):
                letters, row = coordinate_from_string(element.get("r"))
                formula = children["f"].text or "(gedeelde formule)"
                quirks.formulas.append((row, column_index_from_string(letters) - 1, f"={formula}"))
            element.clear()
        elif name == "row":
            if _is_true(element.get("hidden")) and element.get("r"):
                quirks.hidden_rows.add(int(element.get("r")))
            element.clear()
        elif name == "col" and _is_true(element.get("hidden")):
            first, last = int(element.get("min", "1")), int(element.get("max", "1"))
            quirks.hidden_columns.update(range(first - 1, min(last, first + 999)))
        elif name == "mergeCell" and element.get("ref"):
            min_col, min_row, _, _ = range_boundaries(element.get("ref"))
            quirks.merged.append((element.get("ref"), min_row, min_col - 1))
    return quirks


def archive_problem(name: str, archive: zipfile.ZipFile) -> Problem | None:
    """Why a zip file cannot be read as an Excel workbook, or None when it may be one."""
    names = set(archive.namelist())
    if "mimetype" in names and archive.read("mimetype").strip() == ODS_MIMETYPE:
        return Problem(
            name,
            "een OpenDocument-rekenblad (LibreOffice, .ods), geen Excel-bestand; "
            "sla het op als .xlsx of CSV",
            code="xlsx",
        )
    if "xl/workbook.xml" not in names:
        return Problem(
            name,
            "een zip-bestand zonder Excel-werkmap (bijvoorbeeld een Word-document); "
            "sla de tabel op als .xlsx of CSV",
            code="xlsx",
        )
    if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED_BYTES:
        return Problem(
            name,
            f"de werkmap is uitgepakt groter dan {MAX_UNPACKED_BYTES // 1024**2} MB; "
            "splits het bestand of sla het op als CSV",
            code="xlsx_groot",
        )
    return None


def quirk_problems(
    name: str, header: list[str], header_row: int, rows: set[int], quirks: SheetQuirks
) -> list[Problem]:
    """The quirks as problems: formulas and merged cells are errors, hidden data a warning.

    ``header`` holds the column names by sheet position, ``rows`` the numbers of rows with data.
    """

    def column(index: int) -> str | None:
        return header[index] if 0 <= index < len(header) else None

    problems = [
        Problem(
            name,
            f"formule zonder opgeslagen uitkomst ('{formula[:60]}'); open het bestand in Excel, "
            "laat het herberekenen en sla het opnieuw op, of plak de cellen als waarden",
            row=row,
            column=column(index),
            value=formula[:200],
            code="formule",
        )
        for row, index, formula in quirks.formulas
    ]
    problems += [
        Problem(
            name,
            f"samengevoegde cellen {ref}: alleen de eerste cel heeft een waarde; maak het "
            "samenvoegen ongedaan en vul elke cel zelf in",
            row=row,
            column=column(index),
            value=ref,
            code="samengevoegd",
        )
        for ref, row, index in quirks.merged
    ]
    problems += [
        Problem(
            name,
            f"rij {row} is verborgen in Excel, maar wordt wel gelezen",
            row=row,
            code="verborgen",
            level=Level.WAARSCHUWING,
        )
        for row in sorted(quirks.hidden_rows & rows)
    ]
    problems += [
        Problem(
            name,
            f"kolom '{column(index)}' is verborgen in Excel, maar wordt wel gelezen",
            row=header_row,
            column=column(index),
            code="verborgen",
            level=Level.WAARSCHUWING,
        )
        for index in sorted(quirks.hidden_columns)
        if column(index)
    ]
    return problems
