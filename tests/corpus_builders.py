"""The binary part of the bad-file corpus, built at test time so each test shows what is inside.

XLSX files are made with openpyxl and, where openpyxl cannot write the quirk (a cached formula
result, a wrong ``<dimension>``), by rewriting one part of the zip. The password-protected file
is a minimal OLE compound file (the container Office uses for encrypted workbooks) holding the
``EncryptionInfo`` and ``EncryptedPackage`` streams, written by :func:`compound_file`.

Every builder returns the file's bytes; :data:`BUILDERS` names them as the corpus does.
"""

from __future__ import annotations

import datetime
import io
import random
import re
import struct
import zipfile
from collections.abc import Callable, Iterable

from openpyxl import Workbook

HEADER = ["sleutel", "soort", "naam", "gemeente", "omschrijving"]
ROW_A = ["kring-a", "ondernemersnetwerk", "Kring A", "Borne", "eerste"]
ROW_B = ["kring-b", "ondernemersnetwerk", "Kring B", "Hengelo", "tweede"]
SHEET = "xl/worksheets/sheet1.xml"


def workbook_bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx(rows: Iterable[list[object]], edit: Callable[[Workbook], None] | None = None) -> bytes:
    """A workbook whose first sheet ('Blad1') holds ``rows``; ``edit`` may change it first."""
    workbook = Workbook()
    workbook.active.title = "Blad1"
    for row in rows:
        workbook.active.append(row)
    if edit is not None:
        edit(workbook)
    return workbook_bytes(workbook)


def rewrite_member(data: bytes, member: str, change: Callable[[bytes], bytes]) -> bytes:
    """The zip ``data`` with one member's bytes replaced by ``change(old bytes)``."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            target.writestr(info, change(content) if info.filename == member else content)
    return buffer.getvalue()


def zip_of(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


# --------------------------------------------------------------------------- OLE compound file

_FREE, _END, _FAT = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
_SECTOR = 512


def _directory_entry(
    name: str, kind: int, start: int, size: int, child: int = _FREE, right: int = _FREE
) -> bytes:
    encoded = (name + "\0").encode("utf-16-le")
    return (
        encoded.ljust(64, b"\0")
        + struct.pack("<HBB", len(encoded), kind, 1)  # name length, type, colour black
        + struct.pack("<III", _FREE, right, child)  # left sibling, right sibling, child
        + b"\0" * 16  # CLSID
        + b"\0" * 4  # state bits
        + b"\0" * 16  # creation and modification time
        + struct.pack("<IQ", start, size)
    )


def compound_file(streams: dict[str, bytes]) -> bytes:
    """A version 3 OLE compound file with ``streams`` (each at least 4096 bytes, so no mini
    stream is needed) under the root storage, as an encrypted Office file has them."""
    assert 0 < len(streams) <= 3 and all(len(s) >= 4096 for s in streams.values())
    fat = [_FAT, _END]  # sector 0: this FAT, sector 1: the directory
    entries = []
    names = list(streams)
    for index, name in enumerate(names):
        content = streams[name]
        count = -(-len(content) // _SECTOR)
        start = len(fat)
        fat += [*range(start + 1, start + count), _END]
        right = index + 2 if index + 1 < len(names) else _FREE
        entries.append(_directory_entry(name, 2, start, len(content), right=right))
    assert len(fat) <= _SECTOR // 4
    directory = _directory_entry("Root Entry", 5, _END, 0, child=1) + b"".join(entries)
    header = (
        bytes.fromhex("d0cf11e0a1b11ae1")
        + b"\0" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\0" * 6
        + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, _END, 0, _END, 0)
        + struct.pack("<I", 0)
        + struct.pack("<I", _FREE) * 108
    )
    sectors = [
        struct.pack(f"<{_SECTOR // 4}I", *fat, *[_FREE] * (_SECTOR // 4 - len(fat))),
        directory.ljust(_SECTOR, b"\0"),
        *(streams[n].ljust(-(-len(streams[n]) // _SECTOR) * _SECTOR, b"\0") for n in names),
    ]
    return header + b"".join(sectors)


def password_protected() -> bytes:
    """What Excel writes for 'Versleutelen met wachtwoord': an OLE file, not a zip."""
    noise = random.Random(8).randbytes
    info = struct.pack("<HHI", 4, 4, 0x40) + b"<?xml version='1.0'?><encryption/>"
    return compound_file(
        {"EncryptionInfo": info.ljust(4096, b"\0"), "EncryptedPackage": noise(8192)}
    )


# --------------------------------------------------------------------------- XLSX quirks


def several_sheets() -> bytes:
    def extra(workbook: Workbook) -> None:
        workbook.create_sheet("Toelichting").append(["uitleg"])
        workbook.create_sheet("<img src=x onerror=alert(1)>").append(["x"])

    return xlsx([HEADER, ROW_A], extra)


def merged_cells() -> bytes:
    return xlsx(
        [HEADER, ROW_A, [*ROW_B[:3], None, "tweede"]], lambda w: w.active.merge_cells("D2:D3")
    )


def formula_without_result() -> bytes:
    return xlsx([HEADER, ["kring-a", "ondernemersnetwerk", '="Kring "&"A"', "Borne", "=1+1"]])


def formula_with_result() -> bytes:
    """Saved by Excel: each formula keeps its last result, which is what is read.

    openpyxl writes an empty result as ``<v/>`` or, with lxml installed, ``<v></v>``."""
    data = formula_without_result()

    def cache(xml: bytes) -> bytes:
        xml = xml.replace(b'<c r="C2"><f>', b'<c r="C2" t="str"><f>', 1)
        xml = re.sub(rb'(<c r="C2" t="str"><f>.*?</f>)<v ?(/>|></v>)', rb"\1<v>Kring A</v>", xml)
        return re.sub(rb'(<c r="E2"><f>1\+1</f>)<v ?(/>|></v>)', rb"\1<v>2</v>", xml)

    return rewrite_member(data, SHEET, cache)


def hidden_row_and_column() -> bytes:
    def hide(workbook: Workbook) -> None:
        workbook.active.row_dimensions[3].hidden = True
        workbook.active.column_dimensions["E"].hidden = True

    return xlsx([HEADER, ROW_A, ROW_B], hide)


def date_as_year() -> bytes:
    return xlsx([[*HEADER, "jaar"], [*ROW_A, datetime.datetime(2010, 3, 30)]])


def too_small_dimension() -> bytes:
    """Some programs write ``<dimension ref="A1"/>`` whatever the sheet holds."""
    return rewrite_member(
        xlsx([HEADER, ROW_A, ROW_B]),
        SHEET,
        lambda xml: re.sub(rb'<dimension ref="[^"]*" ?/>', b'<dimension ref="A1"/>', xml),
    )


def truncated() -> bytes:
    data = xlsx([HEADER, ROW_A, ROW_B])
    return data[: len(data) // 2]


def empty_workbook() -> bytes:
    return xlsx([])


def opendocument() -> bytes:
    return zip_of(
        {
            "mimetype": b"application/vnd.oasis.opendocument.spreadsheet",
            "content.xml": b"<office:document-content/>",
        }
    )


def word_document() -> bytes:
    return zip_of({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})


def zip_bomb() -> bytes:
    """A workbook whose zip directory says it unpacks to 3 GB (the central directory's
    uncompressed-size field of the sheet is raised; nothing that large is ever written)."""
    data = bytearray(xlsx([HEADER, ROW_A]))
    entry = data.find(b"PK\x01\x02")
    while entry != -1:
        name_length = struct.unpack_from("<H", data, entry + 28)[0]
        if data[entry + 46 : entry + 46 + name_length] == SHEET.encode():
            struct.pack_into("<I", data, entry + 24, 3_000_000_000)
            return bytes(data)
        entry = data.find(b"PK\x01\x02", entry + 4)
    raise AssertionError("sheet not found in the central directory")


def xlsx_named_csv() -> bytes:
    return xlsx([HEADER, ROW_A])


def hundred_thousand_rows(bad_last_row: bool = False) -> bytes:
    """An organisations file of 100,000 rows (about 6 MB); optionally the last row is bad."""
    lines = ["sleutel;soort;naam;gemeente;omschrijving"]
    lines += [f"org-{i};organisatie;Organisatie {i};Borne;rij {i}" for i in range(100_000)]
    if bad_last_row:
        lines[-1] = "org-99999;club;Organisatie 99999;Zwole;rij 99999"
    return ("\n".join(lines) + "\n").encode()


BUILDERS: dict[str, Callable[[], bytes]] = {
    "meerdere_werkbladen.xlsx": several_sheets,
    "samengevoegde_cellen.xlsx": merged_cells,
    "formule_zonder_uitkomst.xlsx": formula_without_result,
    "formule_met_uitkomst.xlsx": formula_with_result,
    "verborgen_rij_en_kolom.xlsx": hidden_row_and_column,
    "datum_als_jaar.xlsx": date_as_year,
    "te_kleine_dimensie.xlsx": too_small_dimension,
    "kapot.xlsx": truncated,
    "lege_werkmap.xlsx": empty_workbook,
    "wachtwoord.xlsx": password_protected,
    "opendocument.xlsx": opendocument,
    "word_als_xlsx.xlsx": word_document,
    "zipbom.xlsx": zip_bomb,
    "excel_als_csv.csv": xlsx_named_csv,
}
