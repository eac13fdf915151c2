"""Read one CSV or XLSX file into rows of text cells, and say how it was read.

One reading function sniffs format, encoding and delimiter (``utf-8-sig`` first, then UTF-16 by
its byte-order mark, then strict UTF-8, then Windows-1252), so every loader sees the same thing:
a header and rows of stripped strings, each with the row number a spreadsheet user would see.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from loaders.problems import Level, Problem

XLSX_SUFFIXES = {".xlsx", ".xlsm"}
CSV_SUFFIXES = {".csv", ".txt", ".tsv"}
DELIMITERS = ",;\t"
DELIMITER_NAMES = {",": "komma", ";": "puntkomma", "\t": "tab"}
UNNAMED_PREFIX = "kolom_"


class TableError(Exception):
    """The file cannot be read as a table at all; carries the problem to report."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


@dataclass
class Table:
    """A file read as text: header, rows (with spreadsheet row numbers) and how it was read."""

    name: str
    header: list[str]
    rows: list[tuple[int, dict[str, str]]]
    how: str
    problems: list[Problem] = field(default_factory=list)
    header_row: int = 1


def _decode(name: str, data: bytes) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "UTF-8 met BOM"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "UTF-16"
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError as utf8_error:
        try:
            return data.decode("cp1252"), "Windows-1252"
        except UnicodeDecodeError:
            line = data[: utf8_error.start].count(b"\n") + 1
            raise TableError(
                Problem(
                    name,
                    f"ongeldige tekens (byte {data[utf8_error.start]:#04x}); "
                    "sla het bestand op als CSV UTF-8",
                    row=line,
                    code="codering",
                )
            ) from utf8_error


def _sniff_delimiter(text: str) -> str:
    first_line = next((line for line in io.StringIO(text) if line.strip()), "")
    counts = {d: first_line.count(d) for d in DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    if counts[best] == 0:
        try:
            return csv.Sniffer().sniff(text[:65536], delimiters=DELIMITERS).delimiter
        except csv.Error:
            return ","
    return best


def _unique_header(name: str, raw: list[str], row: int) -> tuple[list[str], list[Problem]]:
    header = [cell.strip().lstrip("\ufeff").strip().lower() for cell in raw]
    problems = []
    seen: set[str] = set()
    for index, column in enumerate(header):
        if not column:
            header[index] = f"{UNNAMED_PREFIX}{index + 1}"
        elif column in seen:
            problems.append(
                Problem(
                    name,
                    f"kolom '{column}' staat twee keer in de kop",
                    row=row,
                    column=column,
                    code="kolom_dubbel",
                )
            )
            header[index] = f"{column}#{index + 1}"
        seen.add(header[index])
    return header, problems


def _is_blank(cells: list[str]) -> bool:
    return not any(cell.strip() for cell in cells)


def _drop_unnamed_empty_columns(table: Table) -> None:
    """Excel often saves trailing empty columns (``a;b;;``): without a name or data they vanish."""
    unused = [
        column
        for column in table.header
        if column.startswith(UNNAMED_PREFIX) and not any(cells[column] for _, cells in table.rows)
    ]
    table.header = [c for c in table.header if c not in unused]
    for _, cells in table.rows:
        for column in unused:
            del cells[column]


def _rows_to_table(name: str, matrix: list[list[str]], how: str) -> Table:
    """Rows numbered as the spreadsheet shows them, also when blank rows precede the header."""
    start = next((i for i, raw in enumerate(matrix) if not _is_blank(raw)), None)
    if start is None:
        raise TableError(Problem(name, "het bestand is leeg", code="leeg"))
    header_row = start + 1
    header, problems = _unique_header(name, matrix[start], header_row)
    rows: list[tuple[int, dict[str, str]]] = []
    for offset, raw in enumerate(matrix[start + 1 :], start=header_row + 1):
        if _is_blank(raw):
            continue
        if len(raw) > len(header):
            extra = [c for c in raw[len(header) :] if c.strip()]
            if extra:
                problems.append(
                    Problem(
                        name,
                        f"rij heeft {len(raw)} cellen, de kop {len(header)}; "
                        "controleer het scheidingsteken en aanhalingstekens",
                        row=offset,
                        value=extra[0][:80],
                        code="te_veel_cellen",
                    )
                )
        cells = {col: (raw[i].strip() if i < len(raw) else "") for i, col in enumerate(header)}
        rows.append((offset, cells))
    table = Table(name, header, rows, how, problems, header_row)
    _drop_unnamed_empty_columns(table)
    return table


def _csv_trouble(exc: csv.Error) -> str:
    """The csv module's complaint, in Dutch."""
    text = str(exc)
    if "end of data" in text:
        return "een aanhalingsteken wordt tot het einde van het bestand niet gesloten"
    if "expected after" in text:
        return "na een sluitend aanhalingsteken hoort een scheidingsteken"
    if "field limit" in text:
        return f"een cel is langer dan {csv.field_size_limit():,} tekens".replace(",", ".")
    return f"de CSV-opbouw klopt niet ({text})"


def _parse_csv(name: str, text: str, delimiter: str) -> list[list[str]]:
    """All records; a quoting error is reported at the record (spreadsheet row) it breaks."""
    matrix: list[list[str]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        for record in reader:
            matrix.append(record)
    except csv.Error as exc:
        raise TableError(
            Problem(
                name,
                f"{_csv_trouble(exc)}; zet een cel met scheidingsteken of regeleinde tussen "
                'dubbele aanhalingstekens en verdubbel een aanhalingsteken in een cel ("")',
                row=len(matrix) + 1,
                code="aanhalingsteken",
            )
        ) from exc
    return matrix


def _read_csv(name: str, data: bytes) -> Table:
    text, encoding = _decode(name, data)
    delimiter = _sniff_delimiter(text)
    matrix = _parse_csv(name, text, delimiter)
    how = f"CSV, {encoding}, scheidingsteken {DELIMITER_NAMES[delimiter]}"
    return _rows_to_table(name, matrix, how)


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _read_xlsx(name: str, data: bytes, sheet: str | None) -> Table:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise TableError(
            Problem(
                name,
                "geen leesbaar Excel-bestand (beschadigd, beveiligd met een wachtwoord "
                "of eigenlijk een ander formaat)",
                code="xlsx",
            )
        ) from exc
    try:
        names = workbook.sheetnames
        chosen = sheet if sheet in names else names[0]
        worksheet = workbook[chosen]
        matrix = [[_cell_text(v) for v in row] for row in worksheet.iter_rows(values_only=True)]
    finally:
        workbook.close()
    table = _rows_to_table(name, matrix, f"Excel, werkblad '{chosen}'")
    if len(names) > 1:
        table.problems.append(
            Problem(
                name,
                f"alleen werkblad '{chosen}' is gelezen, niet "
                + ", ".join(f"'{n}'" for n in names if n != chosen),
                code="werkbladen",
                level=Level.WAARSCHUWING,
            )
        )
    return table


def read_table(name: str, data: bytes, *, sheet: str | None = None) -> Table:
    """Read ``data`` (the bytes of a file called ``name``) as a table; raises TableError."""
    suffix = Path(name).suffix.lower()
    if data.startswith(b"PK\x03\x04") or suffix in XLSX_SUFFIXES:
        if not data.startswith(b"PK\x03\x04"):
            raise TableError(
                Problem(
                    name, "de naam zegt Excel, maar de inhoud is geen Excel-bestand", code="xlsx"
                )
            )
        return _read_xlsx(name, data, sheet)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise TableError(
            Problem(
                name,
                "oud Excel-formaat (.xls) of beveiligd bestand; sla op als .xlsx of CSV",
                code="xls",
            )
        )
    if not data.strip():
        raise TableError(Problem(name, "het bestand is leeg", code="leeg"))
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise TableError(Problem(name, "geen tekstbestand (binaire inhoud)", code="binair"))
    return _read_csv(name, data)


def read_table_file(path: Path, *, sheet: str | None = None) -> Table:
    """Read a table from disk; the file's name (not its full path) is used in messages."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise TableError(
            Problem(Path(path).name, f"kan het bestand niet openen: {exc.strerror}", code="io")
        ) from exc
    return read_table(Path(path).name, data, sheet=sheet)
