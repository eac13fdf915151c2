"""Rounds by e-mail: pre-filled Excel questionnaires out (`ronde uitnodigen --formulieren`), filled
ones and template files back in (`ronde importeer`), against a real rounds database.

Forms are filled the way a respondent's Excel would leave them, with openpyxl; the database is
compared before and after a refused import, so "nothing stored" is checked, not assumed.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.worksheet.worksheet import Worksheet

from graph.stores.memory import MemoryStore
from loaders.round_form import SHEET_LISTS, SHEET_QUESTIONS, SHEET_TIES
from netwerkkaart.services.rounds import (
    Answers,
    Tie,
    TieKind,
    close_round,
    create_round,
    submit_for,
)
from netwerkkaart.services.rounds.database import database_path
from netwerkkaart.services.rounds.respond import answers_for
from tests.cli_support import run
from tests.injection_support import XSS

INVITED = ["Almelo", "Dalfsen", "Raalte"]


def _answer_rows(sheet: Worksheet, field: str) -> list[int]:
    """The rows of the questionnaire that ask ``field`` (column A holds the field's key)."""
    return [cell.row for cell in sheet["A"] if cell.value == field]


def _answers(sheet: Worksheet, field: str) -> list[str]:
    return [sheet.cell(r, 3).value for r in _answer_rows(sheet, field) if sheet.cell(r, 3).value]


def _dump(workspace: Path) -> list[str]:
    """Everything in the rounds database, as SQL text (to prove an import stored nothing)."""
    with sqlite3.connect(database_path(workspace)) as connection:
        return list(connection.iterdump())


class Cli:
    """``netwerkkaart ...`` in the test process (tests.cli_support.run)."""

    def __init__(self, capsys: pytest.CaptureFixture[str]) -> None:
        self.capsys = capsys

    def __call__(self, *args: str) -> tuple[int, str, str]:
        return run(self.capsys, *args)

    def ok(self, *args: str) -> str:
        code, out, err = self(*args)
        assert code == 0, (out, err)
        return out


@pytest.fixture()
def cli(capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(capsys)


@pytest.fixture()
def round_2027(workspace: Path) -> Path:
    """Round 2026 in which Almelo sent answers (closed), and round 2027 inviting three."""
    create_round(workspace, "2026", "MBO 2026", gemeenten=INVITED)
    earlier = Answers(
        {"activiteiten": "nl-doet;beursvloer", "ambitie": "ja", "toelichting": "Vorig jaar"},
        [
            Tie(
                TieKind.WERKT_SAMEN_MET,
                "Ondernemerskring Almelo",
                "ondernemersnetwerk",
                "structureel",
            )
        ],
    )
    submit_for(workspace, "2026", "Almelo", earlier, via="formulier")
    close_round(workspace, "2026")
    create_round(workspace, "2027", "MBO 2027", gemeenten=INVITED)
    return workspace


def write_forms(cli: Cli, workspace: Path) -> dict[str, Path]:
    folder = workspace.parent / "formulieren"
    out = cli.ok("ronde", "uitnodigen", "2027", "--formulieren", str(folder))
    assert out.strip() == f"3 formulieren geschreven in {folder}.", out
    return {path.name: path for path in folder.iterdir()}


def test_forms_are_prefilled_with_lists_and_locked_cells(cli: Cli, round_2027: Path) -> None:
    forms = write_forms(cli, round_2027)
    assert sorted(forms) == ["GM0141-almelo.xlsx", "GM0148-dalfsen.xlsx", "GM0177-raalte.xlsx"]
    workbook = load_workbook(forms["GM0141-almelo.xlsx"])
    assert workbook.sheetnames[0] == "Instructies"
    assert workbook.security.lockStructure
    sheet = workbook[SHEET_QUESTIONS]
    # Pre-filled with Almelo's answers of the earlier round.
    assert _answers(sheet, "activiteiten") == ["nl-doet", "beursvloer"]
    assert _answers(sheet, "ambitie") == ["ja"]
    assert _answers(sheet, "toelichting") == ["Vorig jaar"]
    ties = workbook[SHEET_TIES]
    assert [c.value for c in ties[2]] == [
        "werkt_samen_met",
        "Ondernemerskring Almelo",
        "ondernemersnetwerk",
        "structureel",
    ]
    # The round and municipality sit in locked cells of a protected sheet; answers do not.
    assert sheet.protection.sheet
    for field, value in (("ronde", "2027"), ("gemeente", "Almelo"), ("cbs_code", "GM0141")):
        (row,) = _answer_rows(sheet, field)
        assert sheet.cell(row, 3).value == value
        assert sheet.cell(row, 3).protection.locked
    activity_rows = _answer_rows(sheet, "activiteiten")
    assert not any(sheet.cell(r, 3).protection.locked for r in activity_rows)
    # Every activity answer cell offers the activity list of the hidden sheet.
    lists = workbook[SHEET_LISTS]
    assert lists.sheet_state == "hidden"
    by_cell = {
        str(cell): validation
        for validation in sheet.data_validations.dataValidation
        for cell in validation.sqref.ranges
    }
    validation = by_cell[f"C{activity_rows[0]}"]
    assert validation.type == "list" and validation.formula1.startswith("'Lijsten'!$")
    column = validation.formula1.split("!$")[1].split("$")[0]
    listed = [c.value for c in lists[column][1:] if c.value]
    assert (
        "nl-doet" in listed and "beursvloer" in listed and lists[f"{column}1"].value == "activiteit"
    )
    assert len(activity_rows) >= len(listed)
    # A municipality without earlier answers gets an empty form for the same questions.
    empty = load_workbook(forms["GM0148-dalfsen.xlsx"])[SHEET_QUESTIONS]
    assert _answers(empty, "activiteiten") == [] and _answer_rows(empty, "activiteiten")


def _type(cell: Cell, value: str) -> None:
    """Type ``value`` into a cell as text (as Excel keeps text typed after an apostrophe)."""
    cell.value = value or None
    if value:
        cell.data_type = "s"


def fill(path: Path, answers: dict[str, list[str]], ties: list[list[str]] | None = None) -> Path:
    """Fill ``path`` as a respondent would: answers in the answer column, ties in their sheet."""
    workbook = load_workbook(path)
    sheet = workbook[SHEET_QUESTIONS]
    for field, values in answers.items():
        rows = _answer_rows(sheet, field)
        for row in rows:
            sheet.cell(row, 3).value = None
        assert len(values) <= len(rows), f"{field}: {len(rows)} rows"
        for row, value in zip(rows, values, strict=False):
            _type(sheet.cell(row, 3), value)
    if ties is not None:
        tie_sheet = workbook[SHEET_TIES]
        for row in tie_sheet.iter_rows(min_row=2):
            for cell in row:
                cell.value = None
        for number, tie in enumerate(ties, start=2):
            for column, value in enumerate(tie, start=1):
                _type(tie_sheet.cell(number, column), value)
    workbook.save(path)
    return path


def status(cli: Cli) -> dict[str, str]:
    out = cli.ok("ronde", "status", "2027", "--format", "json")
    return {row["gemeente"]: row["status"] for row in json.loads(out)["gemeenten"]}


def test_filled_form_is_imported_and_sent(cli: Cli, round_2027: Path) -> None:
    forms = write_forms(cli, round_2027)
    path = fill(
        forms["GM0148-dalfsen.xlsx"],
        {
            "activiteiten": ["nl-doet", "beursvloer;sponsoring"],
            "samenwerking_ondernemers": ["structureel"],
            "haakt_aan_bij": ["Raalte"],
            "uw_naam": ["Jan Jansen"],
        },
        [
            ["leert_van", "Almelo", "", ""],
            ["werkt_samen_met", "Kring Dalfsen", "ondernemersnetwerk", "incidenteel"],
        ],
    )
    out = cli.ok("ronde", "importeer", "2027", str(path))
    assert out.strip() == "1 antwoord geïmporteerd in ronde 2027 (Dalfsen)."
    assert status(cli)["Dalfsen"] == "verzonden"
    stored = answers_for(round_2027, "2027", "Dalfsen")
    assert stored.velden["activiteiten"] == "nl-doet;beursvloer;sponsoring"
    assert stored.velden["haakt_aan_bij"] == "Raalte"
    assert [(t.relatie, t.naam) for t in stored.banden] == [
        (TieKind.LEERT_VAN, "Almelo"),
        (TieKind.WERKT_SAMEN_MET, "Kring Dalfsen"),
    ]
    assert stored.respondent.naam == "Jan Jansen"


def test_template_rows_import_several_municipalities(
    cli: Cli, round_2027: Path, tmp_path: Path
) -> None:
    path = tmp_path / "antwoorden.csv"
    path.write_text(
        "enquete;gemeente;activiteiten;ambitie;naam;email\n"
        "2027;Almelo;nl-doet;ja;Piet;piet@example.invalid\n"
        "2027;GM0177;beursvloer;nee;;\n",
        encoding="utf-8",
    )
    out = cli.ok("ronde", "importeer", "2027", str(path))
    assert out.strip() == "2 antwoorden geïmporteerd in ronde 2027 (Almelo, Raalte)."
    assert status(cli) == {
        "Almelo": "verzonden",
        "Dalfsen": "uitgenodigd",
        "Raalte": "verzonden",
    }
    almelo = answers_for(round_2027, "2027", "Almelo")
    assert almelo.velden["activiteiten"] == "nl-doet"
    assert almelo.respondent.email == "piet@example.invalid"
    assert "naam" not in almelo.velden and "email" not in almelo.velden
    # A template names no ties: Almelo's ties of the earlier round stay.
    assert [t.naam for t in almelo.banden] == ["Ondernemerskring Almelo"]


def _unknown_key(path: Path) -> tuple[Path, str]:
    fill(path, {"activiteiten": ["nl-doet", "breien"]})
    row = _answer_rows(load_workbook(path)[SHEET_QUESTIONS], "activiteiten")[1]
    return path, f"{path.name}:{row}:activiteiten: activiteit 'breien' is onbekend"


def _locked(path: Path, field: str, value: str) -> int:
    workbook = load_workbook(path)
    sheet = workbook[SHEET_QUESTIONS]
    (row,) = _answer_rows(sheet, field)
    sheet.cell(row, 3).value = value
    workbook.save(path)
    return row


def _wrong_municipality(path: Path) -> tuple[Path, str]:
    row = _locked(path, "gemeente", "Enschede")
    return path, f"{path.name}:{row}:gemeente: Enschede is niet uitgenodigd voor ronde 2027"


def _other_round(path: Path) -> tuple[Path, str]:
    row = _locked(path, "ronde", "2026")
    return (
        path,
        f"{path.name}:{row}:ronde: dit formulier hoort bij ronde '2026', niet bij ronde 2027",
    )


def _removed_sheet(path: Path) -> tuple[Path, str]:
    workbook = load_workbook(path)
    del workbook[SHEET_TIES]
    workbook.save(path)
    return path, f"{path.name}::: werkblad 'Banden' ontbreekt"


def _not_xlsx(path: Path) -> tuple[Path, str]:
    path.write_text("dit is geen Excel-bestand\n", encoding="utf-8")
    return path, f"{path.name}::: de naam zegt Excel, maar de inhoud is geen Excel-bestand"


def _bad_tie(path: Path) -> tuple[Path, str]:
    fill(path, {}, [["kent", "Almelo", "", ""]])
    return path, f"{path.name}:2:relatie: werkblad 'Banden': relatie 'kent' is onbekend"


def _unknown_tie_municipality(path: Path) -> tuple[Path, str]:
    fill(
        path,
        {},
        [["werkt_samen_met", "Kring", "ondernemersnetwerk", ""], ["leert_van", "Atlantis", "", ""]],
    )
    return path, f"{path.name}:3:naam: werkblad 'Banden': gemeente 'Atlantis' is onbekend"


def _bad_email(path: Path) -> tuple[Path, str]:
    fill(path, {"uw_email": ["geen adres"]})
    (row,) = _answer_rows(load_workbook(path)[SHEET_QUESTIONS], "uw_email")
    return path, f"{path.name}:{row}:email: dit is geen e-mailadres"


@pytest.mark.parametrize(
    "damage",
    [
        _unknown_key,
        _wrong_municipality,
        _other_round,
        _removed_sheet,
        _not_xlsx,
        _bad_tie,
        _unknown_tie_municipality,
        _bad_email,
    ],
)
def test_damaged_form_stores_nothing(
    cli: Cli, round_2027: Path, damage: Callable[[Path], tuple[Path, str]]
) -> None:
    forms = write_forms(cli, round_2027)
    good = fill(forms["GM0177-raalte.xlsx"], {"activiteiten": ["nl-doet"]})
    bad, expected = damage(forms["GM0148-dalfsen.xlsx"])
    before = _dump(round_2027)
    code, out, err = cli("ronde", "importeer", "2027", str(good), str(bad))
    assert code == 1, (out, err)
    assert any(line.startswith(expected) for line in out.splitlines()), out
    assert err.startswith("fout: ") and "er is niets geïmporteerd in ronde 2027" in err
    assert _dump(round_2027) == before
    assert set(status(cli).values()) == {"uitgenodigd"}


def test_a_form_twice_or_an_unknown_round(cli: Cli, round_2027: Path) -> None:
    forms = write_forms(cli, round_2027)
    path = forms["GM0141-almelo.xlsx"]
    code, out, _ = cli("ronde", "importeer", "2027", str(path), str(path))
    assert code == 1 and f"{path.name}:3:gemeente: Almelo staat al in {path.name} (rij 3)" in out
    code, _, err = cli("ronde", "importeer", "2030", str(path))
    assert code == 1 and err.startswith("fout: Er is geen ronde '2030'")
    code, _, err = cli("ronde", "importeer", "2027", str(path.parent / "weg.xlsx"))
    assert code == 1 and "weg.xlsx" in err and "Traceback" not in err


def test_hostile_text_survives_the_round_trip_as_text(cli: Cli, round_2027: Path) -> None:
    forms = write_forms(cli, round_2027)
    hostile = list(XSS)
    path = fill(
        forms["GM0177-raalte.xlsx"],
        {
            "ondernemersnetwerken": hostile[:4],
            "toelichting": [" ".join(hostile)],
            "vrijwilligerscentrale": [XSS[7]],
        },
        [["werkt_samen_met", text, "organisatie", "structureel"] for text in hostile],
    )
    cli.ok("ronde", "importeer", "2027", str(path))
    stored = answers_for(round_2027, "2027", "Raalte")
    assert stored.velden["toelichting"] == " ".join(hostile)
    assert stored.velden["vrijwilligerscentrale"] == XSS[7]
    assert stored.velden["ondernemersnetwerken"].split(";") == [t.strip() for t in hostile[:4]]
    assert [t.naam for t in stored.banden] == hostile
    # Written out again, every hostile text is a text cell (never a formula) and reads back exact.
    again = write_forms(cli, round_2027)["GM0177-raalte.xlsx"]
    workbook = load_workbook(again)
    cells = [
        c for row in workbook[SHEET_TIES].iter_rows(min_row=2, max_col=2) for c in row if c.value
    ]
    names = [c.value for c in cells if c.column == 2]
    assert names == hostile
    assert all(c.data_type == "s" for c in cells)
    formula_like = [c for c in cells if str(c.value).startswith(("=", "+", "-", "@"))]
    assert formula_like and all(c.quotePrefix for c in formula_like)


def test_not_a_questionnaire_nor_template(cli: Cli, round_2027: Path, tmp_path: Path) -> None:
    path = tmp_path / "iets.xlsx"
    workbook = Workbook()
    workbook.active.append(["naam", "adres"])
    workbook.active.append(["a", "b"])
    workbook.save(path)
    code, out, _ = cli("ronde", "importeer", "2027", str(path))
    assert code == 1
    assert out.splitlines()[0].startswith("iets.xlsx:1::")


def test_template_rows_of_another_round_or_municipality(
    cli: Cli, round_2027: Path, tmp_path: Path
) -> None:
    path = tmp_path / "sjabloon.csv"
    path.write_text(
        "enquete,gemeente,activiteiten\n"
        "2026,Almelo,nl-doet\n"
        ",Raalte,nl-doet\n"
        "2027,Enschede,nl-doet\n"
        "2027,Dalfsn,nl-doet\n"
        "2027,Dalfsen,nl-doet;breien\n",
        encoding="utf-8",
    )
    before = _dump(round_2027)
    code, out, err = cli("ronde", "importeer", "2027", str(path))
    assert code == 1
    assert out.splitlines() == [
        "sjabloon.csv:2:enquete: deze rij hoort bij ronde '2026', niet bij ronde 2027",
        "sjabloon.csv:3:enquete: de ronde ontbreekt; vul 2027 in",
        "sjabloon.csv:4:gemeente: Enschede is niet uitgenodigd voor ronde 2027",
        "sjabloon.csv:5:gemeente: gemeente 'Dalfsn' is onbekend; bedoelde u Dalfsen?",
        "sjabloon.csv:6:activiteiten: activiteit 'breien' is onbekend",
    ]
    assert err.strip() == "fout: 5 fouten: er is niets geïmporteerd in ronde 2027."
    assert _dump(round_2027) == before


def test_a_closed_round_takes_no_forms(cli: Cli, round_2027: Path) -> None:
    forms = write_forms(cli, round_2027)
    close_round(round_2027, "2027")
    code, _, err = cli("ronde", "importeer", "2027", str(forms["GM0141-almelo.xlsx"]))
    assert code == 1 and err.startswith("fout: De ronde 2027 is gesloten")
    code, _, err = cli("ronde", "uitnodigen", "2027", "--formulieren", str(round_2027 / "x"))
    assert code == 1 and "Heropen de ronde" in err


def test_hostile_answers_reach_the_map_only_as_text(
    cli: Cli, round_2027: Path, tmp_path: Path
) -> None:
    """After `build`, the imported hostile names are in the graph, and the HTML map holds none
    of them as markup."""
    forms = write_forms(cli, round_2027)
    ties = [["werkt_samen_met", text, "organisatie", "structureel"] for text in XSS[:5]]
    path = fill(forms["GM0177-raalte.xlsx"], {"toelichting": [XSS[0]]}, ties)
    cli.ok("ronde", "importeer", "2027", str(path))
    cli.ok("build")
    names = {
        attributes.get("naam") for _, attributes in MemoryStore(round_2027).load().nodes(data=True)
    }
    assert set(XSS[:5]) <= names
    page = tmp_path / "kaart.html"
    cli.ok("export", "--format", "html", "--out", str(page))
    html = page.read_text(encoding="utf-8")
    for markup in ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<svg onload"):
        assert markup not in html


def test_the_projects_template_workbook_imports(cli: Cli, round_2027: Path, tmp_path: Path) -> None:
    path = tmp_path / "sjabloon.xlsx"
    cli.ok("template", "--out", str(path))
    workbook = load_workbook(path)
    sheet = workbook.active
    header = [cell.value for cell in sheet[1]]
    row = {"enquete": "2027", "gemeente": "Dalfsen", "themas": "klein-bij-groot", "ambitie": "ja"}
    sheet.append([row.get(column) for column in header])
    workbook.save(path)
    out = cli.ok("ronde", "importeer", "2027", str(path))
    assert out.splitlines() == ["1 antwoord geïmporteerd in ronde 2027 (Dalfsen)."]
    assert answers_for(round_2027, "2027", "Dalfsen").velden == {
        "themas": "klein-bij-groot",
        "ambitie": "ja",
    }


def test_a_file_without_answers_imports_nothing(cli: Cli, round_2027: Path, tmp_path: Path) -> None:
    path = tmp_path / "leeg.csv"
    path.write_text("enquete;gemeente;activiteiten\n", encoding="utf-8")
    code, out, err = cli("ronde", "importeer", "2027", str(path))
    assert code == 1
    assert out.splitlines() == [
        "leeg.csv:1:: waarschuwing: het bestand heeft alleen een kop en geen gegevens; er wordt "
        "niets toegevoegd"
    ]
    assert (
        err
        == "fout: De bestanden bevatten geen antwoorden: er is niets geïmporteerd in ronde 2027.\n"
    )


def test_forms_with_links_or_neither(cli: Cli, round_2027: Path) -> None:
    links, folder = round_2027.parent / "links.csv", round_2027.parent / "mappen" / "formulieren"
    out = cli.ok("ronde", "uitnodigen", "2027", "--out", str(links), "--formulieren", str(folder))
    assert out.splitlines() == [
        f"3 links voor ronde 2027 geschreven naar {links}.",
        f"3 formulieren geschreven in {folder}.",
    ]
    assert links.read_text(encoding="utf-8-sig").startswith("gemeente,cbs_code,link")
    assert len(list(folder.glob("GM*.xlsx"))) == 3
    code, _, err = cli("ronde", "uitnodigen", "2027")
    assert code == 2 and err.startswith(
        "fout: geef --out (links), --formulieren (Excel) of allebei"
    )
