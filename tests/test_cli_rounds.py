"""`netwerkkaart ronde ...` from a fresh workspace: each success one Dutch line and exit 0, each
bad round, name or date one Dutch line and exit 1 (the issue's "Done when" lines first)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from netwerkkaart.services.rounds import (
    open_link,
    submit,
    verify_coordinator,
)
from netwerkkaart.services.rounds.municipalities import reference_municipalities
from tests.cli_support import run
from tests.rounds_support import good_answers

Capsys = pytest.CaptureFixture[str]


def _csv_rows(path: Path) -> list[list[str]]:
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_the_issues_done_when_lines(workspace: Path, tmp_path: Path, capsys: Capsys) -> None:
    everyone = len(reference_municipalities())
    code, out, err = run(capsys, "ronde", "nieuw", "2027", "--titel", "MBO 2027")
    assert (code, out, err) == (
        0,
        f"Ronde 2027 'MBO 2027' aangemaakt: {everyone} gemeenten uitgenodigd.\n",
        "",
    )
    links = tmp_path / "links.csv"
    code, out, _ = run(capsys, "ronde", "uitnodigen", "2027", "--out", str(links))
    assert (code, out) == (0, f"{everyone} links voor ronde 2027 geschreven naar {links}.\n")
    rows = _csv_rows(links)
    assert rows[0] == ["gemeente", "cbs_code", "link"] and len(rows) == everyone + 1
    assert links.stat().st_mode & 0o077 == 0  # the links are secrets
    token = rows[1][2].split("?token=")[1]
    assert rows[1][2].startswith("http://localhost:8501/?token=")
    submit(workspace, token, good_answers())
    code, out, _ = run(capsys, "ronde", "status", "2027", "--format", "json")
    status = json.loads(out)
    assert code == 0
    assert set(status) == {"ronde", "uitgenodigd", "gestart", "verzonden", "respons", "gemeenten"}
    assert (status["ronde"], status["uitgenodigd"], status["verzonden"]) == ("2027", everyone, 1)
    assert status["respons"] == round(1 / everyone, 2)
    assert set(status["gemeenten"][0]) == {"gemeente", "cbs_code", "status", "verzonden_op"}
    code, out, _ = run(capsys, "ronde", "sluiten", "2027")
    assert (code, out) == (0, "Ronde 2027 gesloten: de links werken niet meer.\n")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["status", "2028"], "fout: Er is geen ronde '2028'. Bekende rondes: 2027.\n"),
        (["sluiten", "2028"], "fout: Er is geen ronde '2028'. Bekende rondes: 2027.\n"),
        (
            ["nieuw", "2029", "--titel", "x", "--gemeenten", "Almelo,Zwole"],
            "fout: Gemeente 'Zwole' is onbekend; bedoelde u Zwolle?\n",
        ),
        (
            ["nieuw", "2029", "--titel", "x", "--sluit", "1-3-2029"],
            "fout: Ongeldige datum '1-3-2029': gebruik JJJJ-MM-DD, bijvoorbeeld 2027-03-01.\n",
        ),
        (
            ["intrekken", "2027", "--gemeente", "Zwolle"],
            "fout: Zwolle is niet uitgenodigd voor ronde 2027.\n",
        ),
        (
            ["uitnodigen", "2027", "--out", "/nonexistent-folder/links.csv"],
            "fout: Kan /nonexistent-folder/links.csv niet schrijven: de map "
            "/nonexistent-folder bestaat niet.\n",
        ),
    ],
)
def test_bad_rounds_names_and_dates(
    workspace: Path, capsys: Capsys, args: list[str], message: str
) -> None:
    assert run(capsys, "ronde", "nieuw", "2027", "--titel", "T", "--gemeenten", "Almelo")[0] == 0
    assert run(capsys, "ronde", *args) == (1, "", message)


def test_links_again_and_revoking(workspace: Path, tmp_path: Path, capsys: Capsys) -> None:
    run(capsys, "ronde", "nieuw", "2027", "--titel", "T", "--gemeenten", "Almelo,Borne")
    out_path = tmp_path / "l.csv"
    base = ["--basis-url", "https://enquete.example.nl"]
    assert run(capsys, "ronde", "uitnodigen", "2027", "--out", str(out_path), *base)[0] == 0
    first = _csv_rows(out_path)[1][2]
    code, _, err = run(capsys, "ronde", "uitnodigen", "2027", "--out", str(out_path))
    assert code == 1 and "al links uitgegeven" in err and _csv_rows(out_path)[1][2] == first
    code, out, _ = run(capsys, "ronde", "intrekken", "2027", "--gemeente", "almelo", *base)
    assert code == 0 and out.startswith(
        "Nieuwe link voor Almelo: https://enquete.example.nl/?token="
    )
    assert open_link(workspace, out.strip().split("?token=")[1]).gemeente == "Almelo"


def test_list_reopen_reminders_erase(workspace: Path, tmp_path: Path, capsys: Capsys) -> None:
    assert run(capsys, "ronde", "lijst") == (
        0,
        "Nog geen rondes: maak er een met `netwerkkaart ronde nieuw`.\n",
        "",
    )
    run(capsys, "ronde", "nieuw", "2027", "--titel", "T", "--gemeenten", "Almelo,Borne")
    run(capsys, "ronde", "sluiten", "2027")
    code, out, _ = run(capsys, "ronde", "heropenen", "2027", "--sluit", "2099-03-01")
    assert (code, out) == (0, "Ronde 2027 heropend (antwoorden tot en met 1 maart 2099).\n")
    code, out, _ = run(capsys, "ronde", "lijst", "--format", "json")
    assert json.loads(out) == [
        {
            "ronde": "2027",
            "titel": "T",
            "jaar": 2027,
            "status": "open",
            "sluit_op": "2099-03-01",
            "respons": "0 van 2, 0%",
        }
    ]
    reminders = tmp_path / "r.csv"
    code, out, _ = run(capsys, "ronde", "herinneringen", "2027", "--out", str(reminders))
    assert (code, out) == (
        0,
        f"2 gemeenten zonder verzonden antwoorden geschreven naar {reminders}.\n",
    )
    assert [r[0] for r in _csv_rows(reminders)] == ["gemeente", "Almelo", "Borne"]
    code, out, _ = run(capsys, "ronde", "persoonsgegevens-verwijderen", "2027")
    assert (code, out) == (0, "Persoonsgegevens van 0 respondent(en) van ronde 2027 verwijderd.\n")


def test_status_table_ends_with_the_response(workspace: Path, capsys: Capsys) -> None:
    run(capsys, "ronde", "nieuw", "2027", "--titel", "T", "--gemeenten", "Almelo,Borne")
    code, out, _ = run(capsys, "ronde", "status", "2027")
    lines = out.splitlines()
    assert code == 0 and lines[0].split() == ["gemeente", "cbs_code", "status", "verzonden_op"]
    assert lines[-1] == "Ronde 2027 (open): 0 van 2, 0%."


@pytest.mark.filterwarnings("ignore::getpass.GetPassWarning")
def test_coordinator_password_from_stdin_and_prompt(
    workspace: Path, capsys: Capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("lerende gemeenschap\n"))
    assert run(capsys, "ronde", "beheerder", "--wachtwoord-stdin") == (
        0,
        "Beheerderswachtwoord opgeslagen.\n",
        "",
    )
    assert verify_coordinator(workspace, "lerende gemeenschap")
    monkeypatch.setattr("sys.stdin", io.StringIO("kort\n"))
    code, _, err = run(capsys, "ronde", "beheerder", "--wachtwoord-stdin")
    assert (code, err) == (1, "fout: Het wachtwoord moet minstens 10 tekens lang zijn.\n")
    monkeypatch.setattr("sys.stdin", io.StringIO("een wachtwoord\neen ander wachtwoord\n"))
    code, _, err = run(capsys, "ronde", "beheerder")  # getpass warns: stdin is no terminal
    assert (code, err.splitlines()[-1]) == (
        1,
        "fout: De wachtwoorden zijn niet gelijk; er is niets opgeslagen.",
    )
    assert verify_coordinator(workspace, "lerende gemeenschap")


def test_a_provincial_round_leaves_the_neighbours_across_the_border_out(
    workspace: Path, capsys: Capsys
) -> None:
    """Overijssel's 25 municipalities less the sender: the 24 of the 2010 round (Apeldoorn, in
    the reference data for Regio Stedendriehoek, is in Gelderland)."""
    args = ["--titel", "MBO 2027", "--afzender", "Hellendoorn", "--provincie", "Overijssel"]
    code, out, _ = run(capsys, "ronde", "nieuw", "2027", *args)
    assert code == 0 and "24 gemeenten uitgenodigd" in out
    _, out, _ = run(capsys, "ronde", "status", "2027", "--format", "json")
    invited = {g["gemeente"] for g in json.loads(out)["gemeenten"]}
    assert len(invited) == 24 and not invited & {"Apeldoorn", "Hellendoorn"}
    assert run(capsys, "ronde", "nieuw", "2028", "--titel", "T", "--provincie", "Utrecht") == (
        1,
        "",
        "fout: Provincie 'Utrecht' komt niet voor in de referentiedata (Gelderland, Overijssel).\n",
    )
