"""Read one CSV or XLSX file into rows of text cells, and say how it was read.

One reading function sniffs format, encoding and delimiter (``utf-8-sig`` first, then UTF-16 by
its byte-order mark, then strict UTF-8, then Windows-1252), so every loader sees the same thing:
a header and rows of stripped strings, each with the row number a spreadsheet user would see.
"""

from __future__ import annotations

import csv
import datetime
import io
import logging
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from loaders.problems import Level, Problem

XLSX_SUFFIXES = {".xlsx", ".xlsm"}
CSV_SUFFIXES = {".csv", ".txt", ".tsv"}
DELIMITERS = ",;\t"
DELIMITER_NAMES = {",": "komma", ";": "puntkomma", "\t": "tab"}
UNNAMED_PREFIX = "kolom_"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"
#: The stream a password-protected Office file keeps its key data in (name in UTF-16LE).
ENCRYPTED_STREAM = "EncryptionInfo".encode("utf-16-le")
#: Formats people save or rename by mistake that would otherwise be read as odd CSV text.
SIGNATURES = (
    (b"%pdf-", "een PDF-document"),
    (b"{\\rtf", "een RTF-document (Word)"),
    (b"<!doctype html", "een webpagina (HTML)"),
    (b"<html", "een webpagina (HTML)"),
    (b"<?xml", "een XML-bestand"),
)

#: C0 control characters other than tab and line ends, and DEL.
CONTROL_CHARACTER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

log = logging.getLogger(__name__)


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


def _undecodable(name: str, data: bytes, exc: UnicodeDecodeError, offset: int = 0) -> TableError:
    """The problem for bytes that are not text in the encoding the file claims or seems to use."""
    start = offset + exc.start
    line = data[:start].count(b"\n") + 1
    shown = data[start : start + 1].hex() or "einde"
    encoding = "UTF-16" if exc.encoding.startswith("utf-16") else "UTF-8"
    return TableError(
        Problem(
            name,
            f"ongeldige tekens voor {encoding} (byte 0x{shown}); sla het bestand op als CSV UTF-8",
            row=line,
            code="codering",
        )
    )


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when every other byte of the start is zero (text without BOM)."""
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return None
    for encoding, zeros, letters in (("utf-16-le", 1, 0), ("utf-16-be", 0, 1)):
        if sample[zeros::2].count(0) == len(sample) // 2 and sample[letters::2].count(0) == 0:
            return encoding
    return None


def _decode(name: str, data: bytes) -> tuple[str, str]:
    try:
        if data.startswith(b"\xef\xbb\xbf"):
            return data[3:].decode("utf-8", errors="strict"), "UTF-8 met BOM"
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            return data.decode("utf-16"), "UTF-16"
        if encoding := _utf16_without_bom(data):
            return data.decode(encoding), "UTF-16"
    except UnicodeDecodeError as exc:
        raise _undecodable(name, data, exc, 3 if data.startswith(b"\xef") else 0) from exc
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError as utf8_error:
        try:
            return data.decode("cp1252"), "Windows-1252"
        except UnicodeDecodeError:
            raise _undecodable(name, data, utf8_error) from utf8_error


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


def _control_characters(name: str, row: int, cells: dict[str, str]) -> list[Problem]:
    """Invisible control characters (NUL, escape ...) break exports and searches: reported."""
    if not CONTROL_CHARACTER.search("".join(cells.values())):  # one search for most rows
        return []
    return [
        Problem(
            name,
            f"onzichtbaar stuurteken (U+{ord(found.group()):04X}) in de cel; verwijder het",
            row=row,
            column=column,
            value=text[:80],
            code="stuurteken",
        )
        for column, text in cells.items()
        if (found := CONTROL_CHARACTER.search(text))
    ]


def _other_delimiter(raw: list[str], header: list[str], delimiter: str | None) -> str | None:
    """The delimiter a one-cell row uses when the header was split by another one."""
    if delimiter is None or len(raw) != 1 or len(header) < 2:
        return None
    return next((d for d in DELIMITERS if d != delimiter and d in raw[0]), None)


def _rows_to_table(
    name: str, matrix: list[list[str]], how: str, delimiter: str | None = None
) -> Table:
    """Rows numbered as the spreadsheet shows them, also when blank rows precede the header.

    With the CSV ``delimiter``, a row written with another delimiter is reported, not read.
    """
    start = next((i for i, raw in enumerate(matrix) if not _is_blank(raw)), None)
    if start is None:
        raise TableError(Problem(name, "het bestand is leeg", code="leeg"))
    header_row = start + 1
    header, problems = _unique_header(name, matrix[start], header_row)
    rows: list[tuple[int, dict[str, str]]] = []
    for offset, raw in enumerate(matrix[start + 1 :], start=header_row + 1):
        if _is_blank(raw):
            continue
        if other := _other_delimiter(raw, header, delimiter):
            problems.append(
                Problem(
                    name,
                    f"deze rij gebruikt {DELIMITER_NAMES[other]} als scheidingsteken, de kop "
                    f"{DELIMITER_NAMES[delimiter or '']}; gebruik in het hele bestand hetzelfde",
                    row=offset,
                    value=raw[0][:80],
                    code="scheidingsteken",
                )
            )
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
        problems += _control_characters(name, offset, cells)
        rows.append((offset, cells))
    if not rows:
        problems.append(
            Problem(
                name,
                "het bestand heeft alleen een kop en geen gegevens; er wordt niets toegevoegd",
                row=header_row,
                code="geen_rijen",
                level=Level.WAARSCHUWING,
            )
        )
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
    return _rows_to_table(name, matrix, how, delimiter)


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime) and value.time() == datetime.time():
        return value.date().isoformat()
    if isinstance(value, datetime.date | datetime.time):
        return (
            value.isoformat(sep=" ") if isinstance(value, datetime.datetime) else value.isoformat()
        )
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _unreadable_xlsx(name: str) -> TableError:
    return TableError(
        Problem(
            name,
            "geen leesbaar Excel-bestand (beschadigd, beveiligd met een wachtwoord "
            "of eigenlijk een ander formaat)",
            code="xlsx",
        )
    )


def _read_xlsx(name: str, data: bytes, sheet: str | None) -> Table:
    """The chosen sheet's values, plus what a values-only read cannot see (loaders.xlsx_sheet).

    Anything openpyxl raises on a damaged file means the same to the user: unreadable.
    """
    from openpyxl import load_workbook

    from loaders.xlsx_sheet import archive_problem, quirk_problems, sheet_quirks

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        if problem := archive_problem(name, archive):
            raise TableError(problem)
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            names = workbook.sheetnames
            chosen = sheet if sheet in names else names[0]
            worksheet = workbook[chosen]
            worksheet.reset_dimensions()  # some programs write a too small <dimension>
            matrix = [[_cell_text(v) for v in row] for row in worksheet.iter_rows(values_only=True)]
            with archive.open(worksheet._worksheet_path) as xml:
                quirks = sheet_quirks(xml)
        finally:
            workbook.close()
    except TableError:
        raise
    except Exception as exc:  # damaged or hostile input, whatever openpyxl or zlib says
        log.debug("Excel-bestand %s onleesbaar: %r", name, exc)
        raise _unreadable_xlsx(name) from exc
    table = _rows_to_table(name, matrix, f"Excel, werkblad '{chosen}'")
    header = [cell.strip().lower() for cell in matrix[table.header_row - 1]]
    rows = {number for number, _ in table.rows}
    table.problems += quirk_problems(name, header, table.header_row, rows, quirks)
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


def _other_format(data: bytes) -> str | None:
    """The name of a known non-table format the bytes start with (text-like ones included)."""
    start = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:64].lower()
    return next((what for magic, what in SIGNATURES if start.startswith(magic)), None)


def _ole_problem(name: str, data: bytes) -> Problem:
    """An Office file in the old container: password-protected .xlsx, or the old .xls format."""
    if ENCRYPTED_STREAM in data:
        return Problem(
            name,
            "het Excel-bestand is beveiligd met een wachtwoord; haal het wachtwoord eraf "
            "(Excel: Bestand > Info > Werkmap beveiligen) en sla het opnieuw op",
            code="wachtwoord",
        )
    return Problem(
        name, "oud Excel-formaat (.xls) of beveiligd bestand; sla op als .xlsx of CSV", code="xls"
    )


def read_table(name: str, data: bytes, *, sheet: str | None = None) -> Table:
    """Read ``data`` (the bytes of a file called ``name``) as a table; raises TableError."""
    if data.startswith(OLE_MAGIC):
        raise TableError(_ole_problem(name, data))
    if data.startswith(b"PK\x03\x04"):
        return _read_xlsx(name, data, sheet)
    if Path(name).suffix.lower() in XLSX_SUFFIXES:
        raise TableError(
            Problem(name, "de naam zegt Excel, maar de inhoud is geen Excel-bestand", code="xlsx")
        )
    if not data.strip():
        raise TableError(Problem(name, "het bestand is leeg", code="leeg"))
    if what := _other_format(data):
        raise TableError(
            Problem(
                name,
                f"dit is {what}, geen CSV- of Excel-bestand; sla de tabel op als CSV of .xlsx",
                code="ander_formaat",
            )
        )
    text_with_zeros = data.startswith((b"\xff\xfe", b"\xfe\xff")) or _utf16_without_bom(data)
    if b"\x00" in data[:4096] and not text_with_zeros:
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
