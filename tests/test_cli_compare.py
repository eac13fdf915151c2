"""`netwerkkaart vergelijk` in a workspace with two later rounds uploaded next to 2010."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from graph.analysis.compare import CHANGE_COLUMNS
from tests.cli_support import run
from tests.compare_support import ANSWERS, add_rounds
from tests.injection_support import FORMULA_STARTS, XSS
from tests.neo4j_support import Neo4jConnection


@pytest.fixture()
def rounds(workspace: Path) -> Path:
    return add_rounds(workspace)


def test_json_has_the_issues_keys(rounds: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "vergelijk", "2010", "2027", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert list(data) == ["van", "naar", "respons", "gemeenten", "banden", "themas"]
    assert {"nieuw", "vervallen", "gewijzigd"} <= set(data["banden"])
    assert {"vraag_van", "vraag_naar"} <= set(data["themas"][0])
    assert data["van"]["voorbeeld_weggelaten"]["antwoordrijen"] > 0
    code, out, err = run(capsys, "vergelijk", "2027", "2029", "--format", "json")
    assert json.loads(out)["gemeenten"][0]["toegevoegd"]["activiteiten"] == ["Beursvloer"]


def test_csv_lists_every_change_one_per_row(
    rounds: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "vergelijk", "2027", "2029", "--format", "csv")
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == list(CHANGE_COLUMNS)
    assert {"onderdeel": "respons", "gemeente": "Dalfsen", "verandering": "nieuw"}.items() <= (
        rows[0].items()
    )
    found = {(r["onderdeel"], r["gemeente"], r["verandering"], r["waarde"]) for r in rows}
    assert ("band", "Almelo", "nieuw", "Club Almelo") in found
    assert ("gemeente", "Almelo", "vervallen", "VC Almelo") in found


def test_the_table_reads_as_dutch(rounds: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "vergelijk", "2010", "2029")
    assert code == 0, err
    assert (
        "Van: Mini-enquête MBO Overijssel 2010 (2010): 11 van 24 gemeenten hebben geantwoord" in out
    )
    assert "(45,8%)" in out
    assert "relaties zijn voorbeelddata en tellen niet mee als verandering" in out
    code, out, err = run(capsys, "vergelijk", "2027", "2029")
    assert "Nieuw geantwoord: Dalfsen." in out and "Niet meer geantwoord: Borne." in out
    assert (
        "vergeleken voor de 2 gemeente(n) die in beide rondes antwoordden: Almelo en Hengelo" in out
    )
    assert "werkt samen met" in out and "Club Almelo" in out


def test_an_unknown_round_is_one_dutch_line_with_the_known_ones(
    rounds: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "vergelijk", "2010", "2031")
    assert code == 1 and out == ""
    assert (
        err
        == "fout: Enquêteronde '2031' staat niet in de graaf. Bekende rondes: 2029, 2027, 2010.\n"
    )


def test_without_a_graph_the_user_is_told_to_build(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "vergelijk", "2010", "2027")
    assert code == 1 and "netwerkkaart build" in err and "Traceback" not in err


def test_csv_neutralises_a_formula_in_a_hostile_name(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    formula = XSS[7]  # =HYPERLINK(...)
    cell = '"' + f"Kring Almelo;{formula}".replace('"', '""') + '"'  # quoted as CSV
    add_rounds(workspace, ANSWERS.replace("Kring Almelo;Club Almelo", cell))
    code, out, err = run(capsys, "vergelijk", "2027", "2029", "--format", "csv")
    assert code == 0, err
    cells = [cell for row in csv.reader(io.StringIO(out)) for cell in row]
    assert f"'{formula}" in cells
    assert not [c for c in cells if c.startswith(FORMULA_STARTS)]
    code, out, _ = run(capsys, "vergelijk", "2027", "2029", "--format", "json")
    assert json.loads(out)["banden"]["nieuw"][0]["partner"] == formula


@pytest.mark.neo4j
def test_neo4j_store_gives_the_same_comparison(
    rounds: Path, neo4j_env: Neo4jConnection, capsys: pytest.CaptureFixture[str]
) -> None:
    """The waves are compared in whatever store holds the graph: the keys survive Neo4j."""
    assert run(capsys, "build", "--store", "neo4j")[0] == 0  # shipped data and the uploads
    code, from_neo4j, err = run(
        capsys, "vergelijk", "2027", "2029", "--store", "neo4j", "--format", "json"
    )
    assert code == 0, err
    _, embedded, _ = run(capsys, "vergelijk", "2027", "2029", "--format", "json")
    assert json.loads(from_neo4j) == json.loads(embedded)
    assert json.loads(from_neo4j)["banden"]["gewijzigd"]
