"""Reading CSV and XLSX files with every quirk people's spreadsheets have (loaders.tables).

The CSV quirks are fixture files in ``tests/fixtures/input/`` (see the README there); XLSX files
are built with openpyxl in ``tmp_path`` so the test shows exactly what is in them.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import Workbook

from loaders.problems import Level
from loaders.tables import Table, TableError, read_table, read_table_file

FIXTURES = Path(__file__).parent / "fixtures" / "input"

HEADER = ["sleutel", "soort", "naam", "gemeente", "omschrijving"]
ORGANISATION_ROWS = [
    (
        2,
        {
            "sleutel": "",
            "soort": "ondernemersnetwerk",
            "naam": "Ondernemerskring Â-straat (test)",
            "gemeente": "Olst-Wijhe",
            "omschrijving": 'Café "De Zon"; elke maandag\ntweede regel',
        },
    ),
    (
        3,
        {
            "sleutel": "",
            "soort": "vrijwilligerscentrale",
            "naam": "Vrijwilligerscentrale Zwolle (test)",
            "gemeente": "zwolle",
            "omschrijving": "Één loket; één adres",
        },
    ),
]


def _xlsx(rows: list[list[object]], *, extra_sheets: tuple[str, ...] = ()) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Blad1"
    for row in rows:
        sheet.append(row)
    for name in extra_sheets:
        workbook.create_sheet(name).append(["iets anders"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _problem(exc: pytest.ExceptionInfo[TableError]) -> tuple[str, int | None, str]:
    problem = exc.value.problem
    return problem.file, problem.row, problem.message


@pytest.mark.parametrize(
    ("file_name", "how"),
    [
        ("organisaties_komma_utf8.csv", "CSV, UTF-8, scheidingsteken komma"),
        ("organisaties_puntkomma_bom.csv", "CSV, UTF-8 met BOM, scheidingsteken puntkomma"),
        ("organisaties_tab.tsv", "CSV, UTF-8, scheidingsteken tab"),
        ("organisaties_cp1252.csv", "CSV, Windows-1252, scheidingsteken puntkomma"),
    ],
)
def test_same_content_in_every_delimiter_and_encoding(file_name: str, how: str) -> None:
    table = read_table_file(FIXTURES / file_name)
    assert table.name == file_name
    assert table.how == how
    assert table.header == HEADER
    # quoted ';' and a newline inside a cell stay inside the cell; rows keep spreadsheet numbers
    assert table.rows == ORGANISATION_ROWS
    assert table.problems == []


def test_bom_does_not_stick_to_the_first_column_name() -> None:
    data = (FIXTURES / "organisaties_puntkomma_bom.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert read_table("x.csv", data).header[0] == "sleutel"


def test_utf16_with_byte_order_mark() -> None:
    text = "naam;getal\r\nAlmelo;1,5\r\n"
    table = read_table("utf16.csv", text.encode("utf-16"))
    assert table.how == "CSV, UTF-16, scheidingsteken puntkomma"
    assert table.rows == [(2, {"naam": "Almelo", "getal": "1,5"})]


def test_decimal_comma_cells_are_read_as_text_for_the_loaders() -> None:
    table = read_table_file(FIXTURES / "gemeenten_decimale_komma.csv")
    first = dict(table.rows[0][1])
    assert (first["lat"], first["inwoners_2015"], first["oppervlakte_land_km2"]) == (
        "52,364",
        "17.839",
        "113,99",
    )


def test_header_is_lowercased_and_stripped() -> None:
    table = read_table("x.csv", b" Naam ; GEMEENTE \nA;B\n")
    assert table.header == ["naam", "gemeente"]


def test_blank_rows_are_skipped_but_numbering_follows_the_spreadsheet() -> None:
    table = read_table("x.csv", b"naam;getal\nA;1\n;\n\nB;2\n")
    assert [number for number, _ in table.rows] == [2, 5]


def test_short_rows_are_padded_with_empty_cells() -> None:
    table = read_table("x.csv", b"a;b;c\n1\n")
    assert table.rows == [(2, {"a": "1", "b": "", "c": ""})]


def test_a_row_with_too_many_cells_is_reported_with_its_row() -> None:
    table = read_table("x.csv", b"naam,getal\nAlmelo,1,5\nBorne,2\n")
    assert [(p.row, p.value, p.code) for p in table.problems] == [(2, "5", "te_veel_cellen")]
    assert "scheidingsteken" in table.problems[0].message


def test_duplicated_column_is_reported_once() -> None:
    table = read_table("x.csv", b"naam;naam;getal\nA;B;1\n")
    assert [(p.row, p.column, p.message) for p in table.problems] == [
        (1, "naam", "kolom 'naam' staat twee keer in de kop")
    ]


def test_empty_file() -> None:
    with pytest.raises(TableError) as info:
        read_table_file(FIXTURES / "leeg.csv")
    assert _problem(info) == ("leeg.csv", None, "het bestand is leeg")


def test_whitespace_only_file_is_empty() -> None:
    with pytest.raises(TableError) as info:
        read_table("x.csv", b" \r\n\r\n")
    assert info.value.problem.code == "leeg"


def test_header_only_gives_no_rows() -> None:
    table = read_table_file(FIXTURES / "alleen_kop.csv")
    assert table.header == HEADER
    assert table.rows == []


def test_csv_named_xlsx_is_refused_with_a_clear_message() -> None:
    with pytest.raises(TableError) as info:
        read_table_file(FIXTURES / "eigenlijk_csv.xlsx")
    assert _problem(info) == (
        "eigenlijk_csv.xlsx",
        None,
        "de naam zegt Excel, maar de inhoud is geen Excel-bestand",
    )


def test_png_named_csv_is_refused_as_binary() -> None:
    with pytest.raises(TableError) as info:
        read_table_file(FIXTURES / "plaatje.csv")
    assert _problem(info) == ("plaatje.csv", None, "geen tekstbestand (binaire inhoud)")


def test_old_excel_format_is_refused() -> None:
    with pytest.raises(TableError) as info:
        read_table("oud.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
    assert info.value.problem.code == "xls"
    assert ".xlsx of CSV" in info.value.problem.message


def test_unclosed_quote_names_the_row_in_dutch() -> None:
    with pytest.raises(TableError) as info:
        read_table_file(FIXTURES / "aanhalingsteken_open.csv")
    file, row, message = _problem(info)
    assert (file, row) == ("aanhalingsteken_open.csv", 3)
    assert "aanhalingsteken" in message
    assert "unexpected" not in message


def test_missing_file_is_a_table_error() -> None:
    with pytest.raises(TableError) as info:
        read_table_file(FIXTURES / "bestaat_niet.csv")
    assert info.value.problem.code == "io"
    assert info.value.problem.message.startswith("kan het bestand niet openen")


def test_xlsx_cells_become_text_like_csv_cells() -> None:
    data = _xlsx(
        [
            ["cbs_code", "naam", "inwoners_recent", "lat", "leeg"],
            ["GM1773", "Olst-Wijhe", 18843, 52.364, None],
            ["GM0193", "Zwolle", 132411.0, 52.5, None],
        ]
    )
    table = read_table("gemeenten.xlsx", data)
    assert table.how == "Excel, werkblad 'Blad1'"
    assert table.rows == [
        (2, {"cbs_code": "GM1773", "naam": "Olst-Wijhe", "inwoners_recent": "18843", "lat": "52.364", "leeg": ""}),
        (3, {"cbs_code": "GM0193", "naam": "Zwolle", "inwoners_recent": "132411", "lat": "52.5", "leeg": ""}),
    ]  # fmt: skip
    assert table.problems == []


def test_xlsx_with_several_sheets_reads_the_first_and_warns() -> None:
    data = _xlsx([["naam"], ["Almelo"]], extra_sheets=("Toelichting",))
    table = read_table("x.xlsx", data)
    assert table.rows == [(2, {"naam": "Almelo"})]
    assert [(p.level, p.code, p.message) for p in table.problems] == [
        (Level.WAARSCHUWING, "werkbladen", "alleen werkblad 'Blad1' is gelezen, niet 'Toelichting'")
    ]


def test_xlsx_named_sheet_is_chosen() -> None:
    workbook = Workbook()
    workbook.active.append(["eerste"])
    workbook.create_sheet("Antwoorden").append(["naam"])
    workbook["Antwoorden"].append(["Dalfsen"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    table = read_table("x.xlsx", buffer.getvalue(), sheet="Antwoorden")
    assert table.rows == [(2, {"naam": "Dalfsen"})]


def test_xlsx_named_csv_is_read_as_excel() -> None:
    table = read_table("eigenlijk_excel.csv", _xlsx([["naam"], ["Almelo"]]))
    assert table.how.startswith("Excel")
    assert table.rows == [(2, {"naam": "Almelo"})]


def test_empty_xlsx() -> None:
    with pytest.raises(TableError) as info:
        read_table("leeg.xlsx", _xlsx([]))
    assert info.value.problem.code == "leeg"


def test_damaged_xlsx() -> None:
    data = _xlsx([["naam"], ["Almelo"]])
    with pytest.raises(TableError) as info:
        read_table("kapot.xlsx", data[: len(data) // 2])
    assert info.value.problem.code == "xlsx"
    assert "geen leesbaar Excel-bestand" in info.value.problem.message


def test_table_is_plain_data() -> None:
    table = read_table("x.csv", b"a\n1\n")
    assert table == Table("x.csv", ["a"], [(2, {"a": "1"})], table.how)


def test_text_after_a_closing_quote_names_the_row() -> None:
    with pytest.raises(TableError) as info:
        read_table("x.csv", b'a;b\n1;2\n3;"x"y\n')
    assert info.value.problem.row == 3
    assert info.value.problem.message.startswith("na een sluitend aanhalingsteken")


def test_blank_rows_above_the_header_keep_spreadsheet_numbering() -> None:
    table = read_table("x.csv", b"\n;\nnaam\nAlmelo\n")
    assert (table.header_row, table.rows) == (3, [(4, {"naam": "Almelo"})])


def test_xlsx_blank_rows_above_the_header_keep_spreadsheet_numbering() -> None:
    workbook = Workbook()
    workbook.active["B3"] = "naam"
    workbook.active["B4"] = "Almelo"
    buffer = io.BytesIO()
    workbook.save(buffer)
    table = read_table("x.xlsx", buffer.getvalue())
    assert (table.header_row, table.rows) == (3, [(4, {"naam": "Almelo"})])


def test_trailing_empty_unnamed_columns_vanish() -> None:
    table = read_table("x.csv", b"a;b;;\n1;2;;\n")
    assert table.header == ["a", "b"]
    assert table.rows == [(2, {"a": "1", "b": "2"})]


def test_unnamed_column_with_data_is_kept() -> None:
    table = read_table("x.csv", b"a;;c\n1;2;3\n")
    assert table.header == ["a", "kolom_2", "c"]


def test_a_giant_cell_is_named_as_such() -> None:
    with pytest.raises(TableError) as info:
        read_table("x.csv", b"a;b\n1;" + b"x" * 200_000 + b"\n")
    assert info.value.problem.row == 2
    assert info.value.problem.message.startswith("een cel is langer dan 131.072 tekens")
