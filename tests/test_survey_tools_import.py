"""Answers from other survey tools (`ronde importeer KEY FILE --koppeling MAPPING`): realistic
exports of Microsoft Forms (.xlsx), LimeSurvey (CSV, one column per option) and Google Forms (CSV,
", "-joined choices) through the shipped example mappings, against a real rounds database.

"Nothing stored" is checked by comparing an SQL dump of rondes.sqlite before and after; personal
columns are looked for in the built snapshot; the XSS strings travel through free-text answers.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook

from data import DATA_DIR
from graph.stores.memory import SNAPSHOT_FILE, MemoryStore
from loaders.problems import Level
from loaders.survey_tools import SHIPPED_MAPPINGS, read_export, read_mapping
from netwerkkaart.services.rounds import create_round
from netwerkkaart.services.rounds.database import database_path
from netwerkkaart.services.rounds.imports import import_paths
from netwerkkaart.services.rounds.respond import answers_for
from tests.cli_support import run
from tests.corpus_builders import BUILDERS
from tests.injection_support import XSS

SAMPLES = Path(__file__).parent / "fixtures" / "survey_tools"
CORPUS = Path(__file__).parent / "corpus"
#: tool -> (sample file, the municipalities it answers for)
TOOLS = {
    "microsoft-forms": ("microsoft-forms.xlsx", ["Almelo", "Dalfsen", "Raalte"]),
    "limesurvey": ("limesurvey.csv", ["Deventer", "Kampen", "Ommen", "Zwolle"]),
    "google-forms": ("google-forms.csv", ["Borne", "Enschede", "Hengelo"]),
}
#: What the samples hold about the people who answered: it must reach nothing but rondes.sqlite.
PERSONAL = (
    "Jet Jansen",
    "jet.jansen@almelo.nl",
    "Beleidsmedewerker Wmo",
    "Karin de Vries",
    "k.devries@deventer.nl",
    "2027-02-04 09:40:52",
    "Lotte Meijer",
    "l.meijer@enschede.nl",
    "8-2-2027 11:04:31",
)
GOOGLE_HEADER_MUNICIPALITY = "Voor welke gemeente vult u deze vragenlijst in?"


def _dump(workspace: Path) -> list[str]:
    with sqlite3.connect(database_path(workspace)) as connection:
        return list(connection.iterdump())


@pytest.fixture()
def round_2027(workspace: Path) -> Path:
    """Round 2027, sent by Hellendoorn to every other municipality of the reference data."""
    create_round(workspace, "2027", "MBO 2027", afzender="Hellendoorn")
    return workspace


def _sent(capsys: pytest.CaptureFixture[str]) -> list[str]:
    code, out, err = run(capsys, "ronde", "status", "2027", "--format", "json")
    assert code == 0, err
    rows = json.loads(out)["gemeenten"]
    return sorted(row["gemeente"] for row in rows if row["status"] == "verzonden")


def _rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def _csv(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode("utf-8")


@pytest.mark.parametrize("tool", sorted(TOOLS))
def test_each_tools_sample_imports_through_its_example_mapping(
    tool: str, round_2027: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sample, municipalities = TOOLS[tool]
    mapping = str(SHIPPED_MAPPINGS / f"{tool}.toml") if tool == "limesurvey" else tool
    code, out, err = run(
        capsys, "ronde", "importeer", "2027", str(SAMPLES / sample), "--koppeling", mapping
    )
    assert code == 0, (out, err)
    stored = ", ".join(municipalities)
    count = len(municipalities)
    assert out.strip() == f"{count} antwoorden geïmporteerd in ronde 2027 ({stored}).", out
    assert _sent(capsys) == municipalities


def test_answers_are_mapped_to_vocabulary_keys_and_ties(round_2027: Path) -> None:
    paths = [SAMPLES / "google-forms.csv"]
    import_paths(round_2027, "2027", paths, SHIPPED_MAPPINGS / "google-forms.toml")
    enschede = answers_for(round_2027, "2027", "Enschede")
    # "Match tussen vraag en aanbod, bijvoorbeeld via een beursvloer" holds the separator ", "
    assert enschede.velden["themas"] == "match-vraag-aanbod;extra-middelen"
    assert enschede.velden["activiteiten"] == "nl-doet;beursvloer;sponsoring"
    assert enschede.velden["samenwerking_ondernemers"] == "structureel"
    assert [(t.relatie.value, t.naam, t.organisatie_soort) for t in enschede.banden] == [
        ("werkt_samen_met", "Twentse Ondernemers Kring", "ondernemersnetwerk")
    ]
    assert enschede.respondent.email == "l.meijer@enschede.nl"
    borne = answers_for(round_2027, "2027", "Borne")
    assert [t.naam for t in borne.banden] == ["Hengelo", "Almelo"]
    import_paths(
        round_2027, "2027", [SAMPLES / "limesurvey.csv"], SHIPPED_MAPPINGS / "limesurvey.toml"
    )
    kampen = answers_for(round_2027, "2027", "Kampen")  # one column per option, "Y" or empty
    assert kampen.velden["struikelblokken"] == "weinig-middelen;trekker-onduidelijk"
    assert kampen.velden["beleidsterreinen"] == "wmo"


def _unknown_answer(data: bytes) -> tuple[bytes, str]:
    rows = _rows(data)
    column = rows[0].index("Hoe werkt uw gemeente op MBO samen met ondernemers?")
    rows[2][column] = "Heel vaak"
    return _csv(rows), (
        "google-forms.csv:3:Hoe werkt uw gemeente op MBO samen met ondernemers?: antwoord "
        "'Heel vaak' staat niet in de koppeling; bekend zijn 'Niet', 'Af en toe (incidenteel)', "
        "'Structureel'"
    )


def _unmapped_column(data: bytes) -> tuple[bytes, str]:
    rows = _rows(data)
    rows[0].append("Hoe tevreden bent u over dit formulier?")
    for row in rows[1:]:
        row.append("Tevreden")
    return _csv(rows), (
        "google-forms.csv:1:hoe tevreden bent u over dit formulier?: kolom 'hoe tevreden bent u "
        "over dit formulier?' staat niet in de koppeling (Google Forms)"
    )


def _misspelt_municipality(data: bytes) -> tuple[bytes, str]:
    rows = _rows(data)
    column = rows[0].index(GOOGLE_HEADER_MUNICIPALITY)
    rows[3][column] = "Boorne"
    return _csv(rows), (
        f"google-forms.csv:4:{GOOGLE_HEADER_MUNICIPALITY}: gemeente 'Boorne' is "
        "onbekend; bedoelde u Borne"
    )


def _unknown_tie_municipality(data: bytes) -> tuple[bytes, str]:
    rows = _rows(data)
    column = rows[0].index("Bij welke gemeenten haakt uw gemeente aan?")
    rows[2][column] = "Enschde"
    return _csv(rows), (
        "google-forms.csv:3:Bij welke gemeenten haakt uw gemeente aan?: gemeente 'Enschde' is "
        "onbekend; bedoelde u Enschede?"
    )


@pytest.mark.parametrize(
    "damage", [_unknown_answer, _unmapped_column, _misspelt_municipality, _unknown_tie_municipality]
)
def test_a_damaged_export_gets_row_level_problems_and_stores_nothing(
    damage: Callable[[bytes], tuple[bytes, str]],
    round_2027: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    data, expected = damage((SAMPLES / "google-forms.csv").read_bytes())
    path = tmp_path / "google-forms.csv"
    path.write_bytes(data)
    before = _dump(round_2027)
    # the file's other rows are fine: they are checked, but stored only with the damaged one
    code, out, err = run(
        capsys, "ronde", "importeer", "2027", str(path), "--koppeling", "google-forms"
    )
    assert code == 1, (out, err)
    assert any(line.startswith(expected) for line in out.splitlines()), out
    assert err.startswith("fout: ") and "er is niets geïmporteerd in ronde 2027" in err
    assert "Traceback" not in out + err
    assert _dump(round_2027) == before


def test_every_problem_of_a_file_is_listed_in_one_run(
    round_2027: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = (SAMPLES / "google-forms.csv").read_bytes()
    for damage in (_unknown_answer, _unmapped_column, _misspelt_municipality):
        data, _ = damage(data)
    path = tmp_path / "google-forms.csv"
    path.write_bytes(data)
    code, out, _ = run(
        capsys, "ronde", "importeer", "2027", str(path), "--koppeling", "google-forms"
    )
    assert code == 1
    assert [line.split(":")[1] for line in out.splitlines()] == ["1", "3", "4"], out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            'hulpmiddel = "Forms\ngemeente = "Gemeente"\n',
            "kapot.toml:1:: geen geldige TOML",
        ),
        (
            'gemeente = "Gemeente"\n\n[[vraag]]\ntitel = "Activiteiten"\nkolom = "activiteiten"\n'
            'antwoorden = { "NL Doet" = "nl-doen" }\n',
            "kapot.toml:3:vraag.1: koppeling: 'nl-doen' is geen antwoord van kolom 'activiteiten'",
        ),
        (
            'gemeente = "Gemeente"\n[[vraag]]\ntitel = "A"\nkolom = "ambitie"\n[[vraag]]\n'
            'titel = "Partners"\nband = "werkt_samen_met"\n',
            "kapot.toml:5:vraag.2: koppeling: een band werkt_samen_met heeft 'soort' nodig",
        ),
        (
            'gemeente = "Gemeente"\n[[vraag]]\ntitel = "Wie"\nkolom = "gemeente"\n',
            "kapot.toml:2:vraag.1: koppeling: 'gemeente' is geen vraag van het enquêtesjabloon",
        ),
        (
            'gemeente = "Gemeente"\nkleur = "rood"\n',
            "kapot.toml::kleur: koppeling: onbekende sleutel",
        ),
    ],
)
def test_a_mapping_with_an_error_imports_nothing(
    text: str,
    expected: str,
    round_2027: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    mapping = tmp_path / "kapot.toml"
    mapping.write_text(text, encoding="utf-8")
    before = _dump(round_2027)
    sample = str(SAMPLES / "google-forms.csv")
    code, out, err = run(capsys, "ronde", "importeer", "2027", sample, "--koppeling", str(mapping))
    assert code == 1, (out, err)
    assert any(line.startswith(expected) for line in out.splitlines()), out
    assert "Traceback" not in out + err
    assert _dump(round_2027) == before


def test_an_unknown_mapping_name_is_refused_in_dutch(
    round_2027: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sample = str(SAMPLES / "google-forms.csv")
    code, _, err = run(capsys, "ronde", "importeer", "2027", sample, "--koppeling", "typeform")
    assert code == 1
    assert "typeform: koppeling niet gevonden; meegeleverd zijn google-forms, limesurvey" in err


def test_personal_columns_reach_only_the_rounds_database(
    round_2027: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for tool, (sample, _) in TOOLS.items():
        code, out, err = run(
            capsys, "ronde", "importeer", "2027", str(SAMPLES / sample), "--koppeling", tool
        )
        assert code == 0, (out, err)
        assert not any(personal in out + err for personal in PERSONAL)
    code, out, err = run(capsys, "build")
    assert code == 0, (out, err)
    snapshot = (round_2027 / SNAPSHOT_FILE).read_text(encoding="utf-8")
    assert "Twentse Ondernemers Kring" in snapshot  # the answers are there ...
    for personal in PERSONAL:  # ... the people, their times and addresses not
        assert personal not in snapshot
        assert personal not in out + err
    database = database_path(round_2027).read_bytes()
    assert b"Karin de Vries" in database  # the respondent is kept where it belongs
    assert b"2027-02-04 09:40:52" not in database  # a start time is kept nowhere


def test_hostile_free_text_arrives_as_text(
    round_2027: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The XSS corpus in the free-text answers (networks, partner names, explanation) is stored
    verbatim, built into the graph as names, and never becomes markup in the HTML map."""
    rows = _rows((SAMPLES / "google-forms.csv").read_bytes())
    header = rows[0]
    networks = header.index(
        "Welke ondernemersnetwerken of -verenigingen zijn actief in uw gemeente?"
    )
    partners = header.index("Met welke ondernemersnetwerken werkt uw gemeente structureel samen?")
    note = header.index("Toelichting")
    hostile = [t for t in XSS if "," not in t]  # a comma separates names in these questions
    rows[1][networks] = ";".join(hostile[:3]).replace(";", ",")
    rows[1][partners] = ",".join(hostile[3:7])
    rows[1][note] = XSS[0] + XSS[7]
    path = tmp_path / "google-forms.csv"
    path.write_bytes(_csv(rows))
    code, out, err = run(
        capsys, "ronde", "importeer", "2027", str(path), "--koppeling", "google-forms"
    )
    assert code == 0, (out, err)
    enschede = answers_for(round_2027, "2027", "Enschede")
    assert enschede.velden["toelichting"] == XSS[0] + XSS[7]
    assert [t.naam for t in enschede.banden] == hostile[3:7]
    assert run(capsys, "build")[0] == 0
    names = {a.get("naam") for _, a in MemoryStore(round_2027).load().nodes(data=True)}
    assert set(hostile[3:7]) <= names
    page = tmp_path / "kaart.html"
    assert run(capsys, "export", "--format", "html", "--out", str(page))[0] == 0
    html = page.read_text(encoding="utf-8")
    for markup in ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<svg onload"):
        assert markup not in html


def _corpus() -> list[tuple[str, Callable[[], bytes]]]:
    files = [
        (path.name, path.read_bytes)
        for path in sorted(CORPUS.iterdir())
        if path.name != "README.md" and not path.name.startswith(".")
    ]
    return files + sorted(BUILDERS.items())


def test_the_file_corpus_through_a_mapping_gives_problems_never_answers() -> None:
    """Every damaged or foreign file of tests/corpus read as a Google Forms export: problems
    (an unreadable file, or columns the mapping does not know), no answers, no exception."""
    mapping, problems = read_mapping(
        "g.toml", (DATA_DIR / "koppelingen/google-forms.toml").read_bytes()
    )
    assert mapping is not None and not problems
    for name, data in _corpus():
        result = read_export(name, data(), mapping, "2027")
        assert not result.entries, name
        assert any(p.level is Level.FOUT for p in result.problems), name


def test_a_failure_while_storing_leaves_the_database_unchanged(round_2027: Path) -> None:
    """All municipalities of an import are stored in one transaction: a database error on the
    third (a trigger refusing Raalte's row) leaves Almelo's and Dalfsen's unstored too."""
    with sqlite3.connect(database_path(round_2027)) as connection:
        connection.execute(
            "CREATE TRIGGER refuse_raalte BEFORE INSERT ON submissions "
            "WHEN NEW.cbs_code = 'GM0177' BEGIN SELECT RAISE(ABORT, 'schijf vol'); END"
        )
    before = _dump(round_2027)
    paths = [SAMPLES / "microsoft-forms.xlsx"]
    with pytest.raises(sqlite3.IntegrityError, match="schijf vol"):
        import_paths(round_2027, "2027", paths, SHIPPED_MAPPINGS / "microsoft-forms.toml")
    assert _dump(round_2027) == before


def test_the_samples_are_what_the_tools_write() -> None:
    """Microsoft Forms' own columns lead its sheet; Google's and LimeSurvey's lead theirs."""
    sheet = load_workbook(SAMPLES / "microsoft-forms.xlsx", read_only=True).active
    assert sheet is not None
    first = next(sheet.iter_rows(max_row=1, values_only=True))
    assert first[:5] == ("ID", "Begintijd", "Tijd van voltooien", "E-mail", "Naam")
    assert _rows((SAMPLES / "google-forms.csv").read_bytes())[0][:2] == [
        "Tijdstempel",
        "E-mailadres",
    ]
    lime = _rows((SAMPLES / "limesurvey.csv").read_bytes())
    assert lime[0][:2] == ["id", "submitdate"] and {
        r[lime[0].index("act[SQ001]")] for r in lime[1:]
    } == {"Y", ""}


def test_an_anonymous_forms_answer_has_no_respondent(round_2027: Path, tmp_path: Path) -> None:
    """Microsoft Forms writes "anonymous" in E-mail for a form open to anyone: no respondent,
    and no "dit is geen e-mailadres" problem."""
    workbook = load_workbook(SAMPLES / "microsoft-forms.xlsx")
    sheet = workbook.active
    assert sheet is not None
    sheet["D4"], sheet["E4"] = "anonymous", ""
    path = tmp_path / "microsoft-forms.xlsx"
    workbook.save(path)
    outcome = import_paths(round_2027, "2027", [path], Path("microsoft-forms"))
    assert [p.line() for p in outcome.errors] == [] and outcome.stored
    raalte = answers_for(round_2027, "2027", "Raalte").respondent
    assert (raalte.naam, raalte.email, raalte.rol) == ("", "", "Beleidsadviseur participatie")
