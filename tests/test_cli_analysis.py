"""aanhaken, kennis, gaten and maten through ``netwerkkaart.cli.main``, in a fresh workspace."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import networkx as nx
import pytest

from graph.analysis.aanhaken import FACTORS, aanhaken
from graph.analysis.basis import analysis_basis
from tests.cli_support import run


@pytest.fixture()
def built(workspace: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    assert run(capsys, "build")[0] == 0
    return workspace


def test_aanhaken_borne_is_a_short_ranked_explained_list(
    built: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "aanhaken", "--gemeente", "Borne", "--met-voorbeelden")
    assert code == 0, err
    assert "Borne (GM0147, 24.632 inwoners in 2024)" in out
    ranked = [line.split()[:2] for line in out.splitlines() if line[:1].isdigit()]
    partners = ["Almelo", "Hengelo", "Enschede", "Rijssen-Holten", "Raalte"]
    assert ranked == [[str(rank), name] for rank, name in enumerate(partners, start=1)]
    assert "  2. Hengelo:" in out
    assert "     - grenst aan Borne (5,2 km grens)" in out
    assert "     - beide lid van Netwerkstad Twente, Regio Twente en Veiligheidsregio Twente" in out
    assert "(voorbeelddata) = rust op illustratieve voorbeelddata" in out
    assert "Zonder voorbeelddata berekend" not in out


def test_aanhaken_by_default_ranks_without_example_rows(
    built: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Almelo led Borne's list only through example activities, networks and a volunteer centre;
    without them Hengelo (the longer shared border) comes first (issue 11)."""
    code, out, err = run(capsys, "aanhaken", "--gemeente", "Borne")
    assert code == 0, err
    ranked = [line.split()[1] for line in out.splitlines() if line[:1].isdigit()]
    assert ranked[:3] == ["Hengelo", "Almelo", "Enschede"]
    assert "Zonder voorbeelddata berekend" in out and "(voorbeelddata)" not in out
    # Enschede's recent count is from 2023, Hardenberg's from 2021
    assert "hier vergeleken: de jaren 2021, 2023 en 2024." in out
    code, out, err = run(capsys, "aanhaken", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data and not [d for d in data if d["voorbeeld_factoren"]]
    assert not [r for d in data for r in d["redenen"] if "voorbeeld" in r]
    code, out, _ = run(capsys, "aanhaken", "--met-voorbeelden", "--format", "json")
    marked = [d for d in json.loads(out) if d["voorbeeld_factoren"]]
    assert marked and all(any("(voorbeelddata)" in r for r in d["redenen"]) for d in marked)


def test_aanhaken_derived_links_are_marked_and_can_be_left_out(
    built: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["aanhaken", "--gemeente", "Losser", "--met-voorbeelden", "--format", "json"]
    code, out, err = run(capsys, *args)
    assert code == 0, err
    almelo = next(d for d in json.loads(out) if d["partner"]["naam"] == "Almelo")
    assert almelo["afgeleide_factoren"] == ["complementariteit"]
    assert any("via een afgeleide koppeling" in r for r in almelo["redenen"])
    code, out, err = run(capsys, *args, "--zonder-afgeleid")
    assert code == 0, err
    almelo = next(d for d in json.loads(out) if d["partner"]["naam"] == "Almelo")
    assert almelo["afgeleide_factoren"] == [] and almelo["factoren"]["complementariteit"] == 0


def test_aanhaken_json_has_the_contract_fields_and_the_library_numbers(
    built: Path, capsys: pytest.CaptureFixture[str], shipped_graph: nx.MultiDiGraph
) -> None:
    code, out, err = run(
        capsys, "aanhaken", "--gemeente", "GM0147", "--top", "3", "--format", "json"
    )
    assert code == 0, err
    data = json.loads(out)
    expected = aanhaken(analysis_basis(shipped_graph), "gemeente:GM0147", top=3).suggesties
    assert len(data) == 3
    for item, suggestion in zip(data, expected, strict=True):
        assert item["gemeente"]["naam"] == "Borne" and item["gemeente"]["cbs"] == "GM0147"
        assert item["partner"]["naam"] == suggestion.partner.naam
        assert item["partner"]["cbs"] == suggestion.partner.cbs
        assert item["score"] == suggestion.score
        assert item["factoren"] == suggestion.contributions and list(item["factoren"]) == list(
            FACTORS
        )
        assert item["redenen"] == list(suggestion.reasons)


def test_aanhaken_weights_and_threshold(built: Path, capsys: pytest.CaptureFixture[str]) -> None:
    weights = ["--gewicht", "geografie=0", "--gewicht", "Regionale samenwerking=1,5"]
    code, out, err = run(capsys, "aanhaken", *weights, "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert {d["factoren"]["geografie"] for d in data} == {0.0}
    almelo = next(
        d for d in data if (d["gemeente"]["naam"], d["partner"]["naam"]) == ("Borne", "Almelo")
    )
    assert almelo["factoren"]["regio"] == 1.5 * 3 / 4  # three shared regions: 3 / (3 + 1)
    assert {d["gemeente"]["naam"] for d in data} >= {"Borne", "Olst-Wijhe", "Zwartewaterland"}
    code, out, _ = run(capsys, "aanhaken", "--drempel", "20000", "--format", "json")
    assert code == 0
    assert {d["gemeente"]["naam"] for d in json.loads(out)} == {"Olst-Wijhe", "Ommen", "Staphorst"}


def test_aanhaken_csv(built: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "aanhaken", "--top", "1", "--format", "csv")
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 11
    assert rows[0]["gemeente"] == "Borne" and rows[0]["partner"] == "Hengelo"
    assert set(FACTORS) <= set(rows[0])
    assert "grenst aan Borne" in rows[0]["redenen"]


def test_aanhaken_above_the_threshold_says_so(built: Path, capsys) -> None:
    code, out, _ = run(capsys, "aanhaken", "--gemeente", "Enschede")
    assert code == 0
    assert "Let op: niet onder de drempel van 30.000 inwoners." in out
    assert "Geen kandidaten" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--gemeente", "Bornee"], "fout: gemeente 'Bornee' is onbekend; bedoelde u Borne?"),
        (["--gewicht", "geo=1"], "fout: --gewicht: factor 'geo' is onbekend. Kies uit geografie,"),
        (
            ["--gewicht", "regoi=1"],
            "fout: --gewicht: factor 'regoi' is onbekend; bedoelde u regio?",
        ),
        (["--gewicht", "regio"], "fout: --gewicht 'regio': schrijf factor=waarde"),
        (["--gewicht", "regio=veel"], "fout: --gewicht regio: 'veel' is geen getal."),
        (["--gewicht", "regio=-1"], "fout: --gewicht regio: het gewicht moet 0 of groter zijn"),
        (["--top", "0"], "fout: --top moet minstens 1 zijn, niet 0."),
        (["--drempel", "0"], "fout: --drempel moet minstens 1 zijn, niet 0."),
    ],
)
def test_aanhaken_errors_are_dutch_one_liners(
    built: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code, out, err = run(capsys, "aanhaken", *args)
    assert code == 1
    assert err.startswith(message) and err.count("\n") == 1
    assert out == ""


def test_without_a_graph_the_user_is_told_to_build(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for command in ("aanhaken", "kennis", "gaten", "maten"):
        code, _, err = run(capsys, command)
        assert code == 1
        assert "voer eerst `netwerkkaart build` uit" in err


def test_kennis_for_one_theme(built: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "kennis", "--thema", "klein-bij-groot", "--met-voorbeelden")
    assert code == 0, err
    assert (
        "Kleine gemeenten haken aan bij grote  3       Losser (voorbeelddata); Olst-Wijhe "
        "(voorbeelddata); Zwartewaterland (voorbeelddata)" in out
    )
    assert "  1. Apeldoorn -> Olst-Wijhe" in out
    assert "Apeldoorn (heeft ervaring)" in out
    assert "Thema x gemeente" not in out
    # the askers are example answers: by default nobody asks, and the output says why
    code, out, err = run(capsys, "kennis", "--thema", "klein-bij-groot")
    assert code == 0, err
    assert "Zonder voorbeelddata berekend" in out and "(geen)" in out
    assert "(voorbeelddata)" not in out


def test_kennis_json_and_csv(built: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "kennis", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert set(data) == {"themas", "paren", "groepen", "matrix"}
    assert data["matrix"]["Apeldoorn"]["Kleine gemeenten haken aan bij grote"] == 2
    code, out, _ = run(
        capsys, "kennis", "--format", "csv", "--onderdeel", "groepen", "--met-voorbeelden"
    )
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and rows and rows[0]["groep"] == "1"
    code, out, _ = run(capsys, "kennis", "--format", "csv")
    assert out.startswith("leraar,leraar_cbs,leerling,leerling_cbs,themas,")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--thema", "kleinbijgrot"], "bedoelde u Kleine gemeenten haken aan bij grote?"),
        (["--onderdeel", "paar"], "fout: --onderdeel 'paar' is onbekend"),
        (["--groep-min", "5", "--groep-max", "4"], "fout: --groep-max (4) is kleiner dan"),
        (["--groep-min", "1"], "fout: --groep-min moet minstens 2 zijn"),
    ],
)
def test_kennis_errors(
    built: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code, _, err = run(capsys, "kennis", *args)
    assert code == 1 and message in err and "Traceback" not in err


def test_gaten(built: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "gaten", "--format", "json")
    assert code == 0, err
    rows = json.loads(out)
    ambition = [r["naam"] for r in rows if r["soort"] == "ambitie-zonder-capaciteit"]
    assert ambition == ["Dalfsen", "Raalte", "Zwartewaterland"]
    code, out, _ = run(capsys, "gaten")
    assert "Ambitie, maar onduidelijk of er capaciteit of middelen zijn" in out
    assert "volgens het enquêteantwoord" not in out  # the shipped answers are example rows
    assert "volgens de voorbeeldantwoorden (2010)" in out


def test_maten(built: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "maten", "--soort", "gemeenten", "--top", "3", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["benaderd"] is False and len(data["nodes"]) == 3
    assert {n["kind"] for n in data["nodes"]} == {"gemeente"}
    values = [n["tussenheid"] for n in data["nodes"]]
    assert values == sorted(values, reverse=True)
    assert data["met_voorbeelden"] is False
    # example organisations (e.g. Almelo's volunteer centre) only count on request (issue 11)
    code, out, _ = run(capsys, "maten", "--top", "0", "--format", "json")
    default = {n["naam"]: n["graad"] for n in json.loads(out)["nodes"]}
    code, out, _ = run(capsys, "maten", "--top", "0", "--format", "json", "--met-voorbeelden")
    examples = {n["naam"]: n["graad"] for n in json.loads(out)["nodes"]}
    assert "Vrijwilligerscentrale Almelo (voorbeeld)" in set(examples) - set(default)
    assert default["Almelo"] < examples["Almelo"]
    code, _, err = run(capsys, "maten", "--sorteer", "centraliteit")
    assert code == 1 and "Kies uit graad, tussenheid, pagerank, buren." in err
