"""The foundation commands through ``netwerkkaart.cli.main``, in-process, in a fresh workspace."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import networkx as nx
import pytest
from openpyxl import load_workbook

from graph.analysis.stats import graph_stats
from loaders.template import SHEET_ANSWERS, SHEET_HELP, SHEET_VOCABULARY
from tests.cli_support import run

FIXTURES = Path(__file__).parent / "fixtures" / "input"
PROBLEM_LINE = re.compile(r"^[^:]+:\d*:[a-z_]*: .+$")


@pytest.fixture()
def built(workspace: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A workspace with the shipped graph stored; returns the snapshot's path."""
    assert run(capsys, "build")[0] == 0
    return workspace / "graph.json"


def test_build_prints_counts_and_stores(
    workspace: Path, capsys: pytest.CaptureFixture[str], shipped_graph: nx.MultiDiGraph
) -> None:
    code, out, err = run(capsys, "build")
    stats = graph_stats(shipped_graph)
    assert code == 0, err
    assert (
        f"Graaf gebouwd: {stats.nodes} nodes, {stats.relationships} relaties; opgeslagen in "
        f"ingebouwde opslag (snapshot {workspace / 'graph.json'})." in out
    )
    voorbeeld = stats.per_bron_type["voorbeeld"]
    assert f"Let op: {voorbeeld} nodes en relaties zijn voorbeeld (illustratief" in out
    assert (workspace / "graph.json").is_file()


def test_build_from_a_missing_folder(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "build", "--data", str(workspace / "nergens"))
    assert code == 1
    assert err.strip() == f"fout: De datamap {workspace / 'nergens'} bestaat niet."


def test_build_with_a_bad_data_folder_keeps_the_stored_graph(
    built: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from data import DATA_DIR

    data = tmp_path / "data"
    data.mkdir()
    for source in DATA_DIR.glob("*.csv"):
        (data / source.name).write_bytes(source.read_bytes())
    grenzen = (data / "grenzen.csv").read_text(encoding="utf-8")
    (data / "grenzen.csv").write_text(grenzen.replace("GM0147,", "GM9147,", 1), encoding="utf-8")
    before = built.read_bytes()
    code, out, err = run(capsys, "build", "--data", str(data))
    assert code == 1
    assert out.splitlines() == ["grenzen.csv:2:naar_cbs: gemeente 'GM9147' is onbekend"]
    assert err.strip() == "1 fout(en): er is niets opgeslagen."
    assert built.read_bytes() == before


def test_stats_table(built: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "stats")
    assert code == 0
    rows = {tuple(line.split()[:3]) for line in out.splitlines()}
    assert {
        ("node", "gemeente", "26"),
        ("relatie", "GRENST_AAN", "56"),
        ("node", "thema", "12"),
    } <= rows
    assert re.search(r"^Totaal: \d+ nodes, \d+ relaties\.$", out, re.MULTILINE)


def test_stats_json(
    built: Path, capsys: pytest.CaptureFixture[str], shipped_graph: nx.MultiDiGraph
) -> None:
    code, out, _ = run(capsys, "stats", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["nodes_per_soort"]["gemeente"] == 26
    assert data["nodes_per_soort"]["thema"] == 12
    assert data["relaties_per_type"]["GRENST_AAN"] == 56
    assert data == graph_stats(shipped_graph).as_dict()


@pytest.mark.parametrize("name", ["olst wijhe", "Olst-Wijhe", "GM1773", "OLST WIJHE"])
def test_gemeente_table(built: Path, capsys: pytest.CaptureFixture[str], name: str) -> None:
    code, out, _ = run(capsys, "gemeente", name)
    assert code == 0
    assert out.startswith("Olst-Wijhe (GM1773) — bron: CBS Wijk- en buurtkaart 2015")
    for section in ("Buurgemeenten:", "Regio's:", "Enquêtes:", "Werkvormen:"):
        assert section in out
    assert "  - Deventer (gedeelde_grens_km: 9.88) — referentie" in out
    assert "zekerheid: onzeker" in out  # Regio Zwolle stays uncertain
    assert "[VOORBEELD] = illustratieve voorbeelddata, geen enquêteresultaat." in out


def test_gemeente_json(built: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "gemeente", "olst wijhe", "--format", "json")
    assert code == 0
    profile = json.loads(out)
    assert (profile["id"], profile["naam"], profile["feiten"]["cbs_code"]) == (
        "gemeente:GM1773",
        "Olst-Wijhe",
        "GM1773",
    )
    neighbours = {item["naam"] for item in profile["secties"]["Buurgemeenten"]}
    assert neighbours == {"Deventer", "Raalte", "Zwolle"}
    examples = [i for items in profile["secties"].values() for i in items if i["voorbeeld"]]
    assert examples and {i["bron_type"] for i in examples} == {"voorbeeld"}


def test_gemeente_lists_experience_apart_from_interest(
    built: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The summary says small municipalities hook on "in Apeldoorn": experience, not interest."""
    theme = "Kleine gemeenten haken aan bij grote"
    code, out, _ = run(capsys, "gemeente", "Apeldoorn", "--format", "json")
    assert code == 0
    sections = json.loads(out)["secties"]
    assert theme in {i["naam"] for i in sections["Ervaring met"]}
    assert theme not in {i["naam"] for i in sections["Interesses"]}
    code, out, _ = run(capsys, "gemeente", "Apeldoorn")
    interests = out.split("Interesses:")[1].split("Ervaring met:")[0]
    assert theme not in interests and theme in out.split("Ervaring met:")[1]
    code, out, _ = run(capsys, "gemeente", "Apeldoorn", "--format", "csv")
    rows = [r for r in csv.DictReader(io.StringIO(out)) if r["naam"] == theme]
    assert [r["sectie"] for r in rows] == ["Ervaring met"]


def test_gemeente_misspelled(built: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "gemeente", "Olst Wyhe")
    assert code == 1
    assert out == ""
    assert err.strip() == "fout: gemeente 'Olst Wyhe' is onbekend; bedoelde u Olst-Wijhe?"


def test_validate_a_clean_file(built: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "validate", str(FIXTURES / "organisaties_cp1252.csv"))
    assert code == 0
    assert out.strip() == (
        "organisaties_cp1252.csv: geldig (Organisaties, 2 rijen; "
        "CSV, Windows-1252, scheidingsteken puntkomma)."
    )


def test_validate_a_bad_file_lists_every_problem_and_changes_nothing(
    built: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "antwoorden_2010.csv"
    bad.write_text(
        "enquete;gemeente;activiteiten;ambitie\n"
        "2010;Olst Wyhe;nl-doet;ja\n"
        "2010;Hellendoorn;yoga;misschien\n",
        encoding="utf-8",
    )
    before = built.read_bytes()
    code, out, err = run(capsys, "validate", str(bad))
    assert code == 1
    assert out.splitlines() == [
        "antwoorden_2010.csv:2:gemeente: gemeente 'Olst Wyhe' is onbekend; bedoelde u Olst-Wijhe?",
        "antwoorden_2010.csv:3:ambitie: 'misschien' is geen ja of nee",
        "antwoorden_2010.csv:3:activiteiten: activiteit 'yoga' is onbekend",
    ]
    assert all(PROBLEM_LINE.match(line) for line in out.splitlines())
    assert "Traceback" not in out + err
    assert built.read_bytes() == before
    assert not (built.parent / "uploads").exists()


def test_validate_reports_every_problem_of_a_row_with_an_empty_required_cell(
    built: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "antwoorden_2010.csv"
    bad.write_text("enquete;gemeente;ambitie\n;Olst Wyhe;ja\n", encoding="utf-8")
    before = built.read_bytes()
    code, out, err = run(capsys, "validate", str(bad))
    assert (code, out.splitlines()) == (
        1,
        [
            "antwoorden_2010.csv:2:enquete: verplicht veld is leeg",
            "antwoorden_2010.csv:2:gemeente: gemeente 'Olst Wyhe' is onbekend; "
            "bedoelde u Olst-Wijhe?",
        ],
    )
    assert "Traceback" not in out + err
    assert built.read_bytes() == before
    assert not (built.parent / "uploads").exists()


def test_validate_files_that_are_not_tables(
    built: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(
        capsys,
        "validate",
        str(FIXTURES / "plaatje.csv"),
        str(FIXTURES / "leeg.csv"),
        str(FIXTURES / "eigenlijk_csv.xlsx"),
    )
    assert code == 1
    assert out.splitlines() == [
        "plaatje.csv::: geen tekstbestand (binaire inhoud)",
        "leeg.csv::: het bestand is leeg",
        "eigenlijk_csv.xlsx::: de naam zegt Excel, maar de inhoud is geen Excel-bestand",
    ]
    assert "Traceback" not in err


def test_validate_a_missing_file(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "validate", str(workspace / "nergens.csv"))
    assert code == 1
    assert err.strip() == f"fout: {workspace / 'nergens.csv'}: bestand niet gevonden."


def _fill_csv(path: Path, row: str) -> None:
    header = path.read_bytes().decode("utf-8-sig").splitlines()[0]
    path.write_text(f"{header}\n{row}\n", encoding="utf-8-sig")


def test_template_csv_validates_clean_after_filling_one_row(
    built: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_path = tmp_path / "sjabloon.csv"
    code, out, _ = run(capsys, "template", "--out", str(out_path))
    assert (code, out.strip()) == (0, f"Sjabloon geschreven: {out_path}")
    header = out_path.read_bytes().decode("utf-8-sig").splitlines()[0].split(";")
    assert header[:3] == ["enquete", "gemeente", "activiteiten"]
    # Almelo's real answers take the place of its example answers
    cells = {"enquete": "2010", "gemeente": "Almelo", "activiteiten": "NL Doet;beursvloer"}
    _fill_csv(out_path, ";".join(cells.get(column, "") for column in header))
    code, out, _ = run(capsys, "validate", str(out_path))
    assert code == 0, out
    assert out.splitlines() == [
        "sjabloon.csv: geldig (Enquêteantwoorden, 1 rijen; CSV, UTF-8 met BOM, scheidingsteken puntkomma).",
        "opmerking: enquete_2010_antwoorden_voorbeeld.csv:2: voorbeeldantwoorden van Almelo "
        "vervangen door de antwoorden in sjabloon.csv",
    ]


def test_template_xlsx_validates_clean_after_filling_one_row(
    built: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_path = tmp_path / "sjabloon.xlsx"
    assert run(capsys, "template", "--out", str(out_path))[0] == 0
    workbook = load_workbook(io.BytesIO(out_path.read_bytes()))
    assert workbook.sheetnames[0] == SHEET_ANSWERS
    sheet = workbook[SHEET_ANSWERS]
    header = [cell.value for cell in sheet[1]]
    values = {
        "enquete": 2010,
        "gemeente": "Hellendoorn",
        "werkvormen": "nieuwsbrief",
        "ambitie": "ja",
    }
    sheet.append([values.get(column) for column in header])
    workbook.save(out_path)
    code, out, _ = run(capsys, "validate", str(out_path))
    assert code == 0, out
    assert (
        "sjabloon.xlsx: geldig (Enquêteantwoorden, 1 rijen; Excel, werkblad 'Antwoorden')." in out
    )


def test_template_unknown_format(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "template", "--out", str(workspace / "sjabloon.txt"))
    assert code == 1
    assert err.strip() == "fout: onbekend formaat '.txt': kies een .csv- of .xlsx-bestandsnaam"
    assert not (workspace / "sjabloon.txt").exists()


def test_unknown_option_is_a_dutch_usage_error(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "stats", "--bogus")
    assert code == 2
    assert err.splitlines() == [
        "fout: Onbekende optie '--bogus'.",
        "Zie `netwerkkaart --help` of `netwerkkaart COMMANDO --help`.",
    ]
    assert "Traceback" not in out + err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("stat",), "Onbekend commando 'stat'. Bedoelde u stats?"),
        (("neo4j", "stat"), "Onbekend commando 'stat'. Bedoelde u start?"),
        (("bouw",), "Onbekend commando 'bouw'."),
        (("stats", "extra"), "Onverwacht extra argument: extra."),
        (("gemeente",), "Argument 'naam' ontbreekt."),
        (("synthetisch",), "Optie '--out' ontbreekt."),
        (
            ("synthetisch", "--out", "x", "--seed", "abc"),
            "Ongeldige waarde voor '--seed': geen geheel getal.",
        ),
    ],
)
def test_usage_errors_are_one_dutch_line(
    workspace: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], message: str
) -> None:
    code, out, err = run(capsys, *args)
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        f"fout: {message}",
        "Zie `netwerkkaart --help` of `netwerkkaart COMMANDO --help`.",
    ]
    assert not (workspace / "fout.log").exists()


def test_bad_option_value(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "stats", "--format", "yaml")
    assert code == 2
    assert err.splitlines()[0] == (
        "fout: Ongeldige waarde voor '--format': 'yaml' is niet een van 'table', 'json', 'csv'."
    )


@pytest.mark.parametrize("args", [("stats",), ("gemeente", "Almelo")])
def test_missing_store_says_to_build_first(
    workspace: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, ...]
) -> None:
    code, _, err = run(capsys, *args)
    assert code == 1
    assert err.strip() == (
        f"fout: Nog geen graaf in ingebouwde opslag (snapshot {workspace / 'graph.json'}): "
        "voer eerst `netwerkkaart build` uit."
    )


def test_damaged_snapshot_is_one_dutch_line(
    built: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    built.write_text('{"schema": "netwerkkaart-snapshot/1", "nod', encoding="utf-8")
    code, out, err = run(capsys, "stats")
    assert code == 1
    assert len(err.strip().splitlines()) == 1
    assert err.startswith(f"fout: De snapshot {built} is onleesbaar")
    assert "Traceback" not in out + err


def test_no_command_shows_help_without_an_error_line(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys)
    assert code == 2
    assert "validate" in out + err
    assert "fout:" not in out + err


@pytest.mark.parametrize("args", [(), ("gemeente",), ("neo4j",), ("neo4j", "start")])
def test_help_screens_speak_dutch(
    workspace: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, ...]
) -> None:
    code, out, _ = run(capsys, *args, "--help")
    assert code == 0
    assert "Gebruik: netwerkkaart" in out and "Toon deze hulp en stop." in out
    assert "Opties" in out
    english = ("Usage", "Options", "Show this message", "[required]", "[default", "COMMAND [")
    assert not [word for word in english if word in out], out
    if args == ("gemeente",):
        assert "Argumenten" in out and "[verplicht]" in out and "[standaard: table]" in out


def test_option_without_its_value(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "stats", "--format")
    assert code == 2
    assert err.splitlines()[0] == "fout: Optie '--format' verwacht een waarde."


def test_template_documents_every_column(
    workspace: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_path = tmp_path / "sjabloon.xlsx"
    assert run(capsys, "template", "--out", str(out_path))[0] == 0
    workbook = load_workbook(io.BytesIO(out_path.read_bytes()))
    header = [cell.value for cell in workbook[SHEET_ANSWERS][1]]
    documented = {
        row[0]: row[2] for row in workbook[SHEET_HELP].iter_rows(min_row=2, values_only=True)
    }
    assert all(documented.get(column) for column in header), header
    assert [
        r[:2] for r in workbook[SHEET_HELP].iter_rows(min_row=2, max_row=3, values_only=True)
    ] == [
        ("enquete", "ja"),
        ("gemeente", "ja"),
    ]
    allowed = {
        (r[0], r[1]) for r in workbook[SHEET_VOCABULARY].iter_rows(min_row=2, values_only=True)
    }
    assert {("werkvorm", "nieuwsbrief"), ("thema", "klein-bij-groot")} <= allowed
