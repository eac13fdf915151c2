"""Comparing two survey waves in the graph (graph.analysis.compare), on real loader output."""

from __future__ import annotations

import csv
from pathlib import Path

import networkx as nx
import pytest

from data import DATA_DIR
from graph.analysis.compare import UnknownWave, compare, waves
from netwerkkaart.cli.synthetic import generate
from netwerkkaart.services import workspace as ws
from tests.compare_support import ANSWERS, round_sources

KEYS = ["van", "naar", "respons", "gemeenten", "banden", "themas"]


def _graph(answers: str = ANSWERS) -> nx.MultiDiGraph:
    outcome = ws.build(Path("/nonexistent-workspace"), extra=round_sources(answers))
    assert outcome.graph is not None, [p.line() for p in outcome.result.report.errors]
    return outcome.graph


@pytest.fixture(scope="module")
def rounds() -> nx.MultiDiGraph:
    return _graph()


def test_the_result_has_exactly_the_issues_keys_and_the_response(rounds) -> None:
    result = compare(rounds, "2027", "2029").as_dict()
    assert list(result) == KEYS
    assert result["van"]["sleutel"] == "2027" and result["naar"]["naam"] == "Ronde 2029"
    respons = result["respons"]
    assert respons["van"] == {"uitgenodigd": 24, "respondenten": 3, "respons_pct": 12.5}
    assert respons["naar"] == {"uitgenodigd": 24, "respondenten": 3, "respons_pct": 12.5}
    assert respons["nieuw"] == ["Dalfsen"] and respons["weg"] == ["Borne"]
    assert respons["vergeleken"] == ["Almelo", "Hengelo"]


def test_per_municipality_added_dropped_and_changed_answers(rounds) -> None:
    gemeenten = compare(rounds, "2027", "2029").gemeenten
    assert [g["gemeente"] for g in gemeenten] == ["Almelo"]  # Hengelo changed nothing
    almelo = gemeenten[0]
    assert almelo["cbs_code"] == "GM0141"
    assert almelo["toegevoegd"] == {
        "activiteiten": ["Beursvloer"],
        "themas": ["Gemeentelijk MBO-beleid opzetten"],
        "ondernemersnetwerken": ["Club Almelo"],
    }
    assert almelo["vervallen"] == {
        "themas": ["Het goede voorbeeld geven"],
        "vrijwilligerscentrale": ["VC Almelo"],
        "haakt_aan_bij": ["Hengelo"],
    }
    assert almelo["gewijzigd"]["samenwerking_ondernemers"] == {
        "van": "incidenteel",
        "naar": "structureel",
    }
    assert almelo["gewijzigd"]["ambitie"] == {"van": "ja", "naar": "nee"}


def test_ties_that_appeared_disappeared_or_changed_level(rounds) -> None:
    banden = compare(rounds, "2027", "2029").banden

    def pairs(change: str) -> list[tuple[str, str, str]]:
        return [(t["gemeente"], t["relatie"], t["partner"]) for t in banden[change]]

    assert pairs("nieuw") == [("Almelo", "WERKT_SAMEN_MET", "Club Almelo")]
    assert pairs("vervallen") == [
        ("Almelo", "FACILITEERT", "VC Almelo"),
        ("Almelo", "HAAKT_AAN_BIJ", "Hengelo"),
    ]
    assert pairs("gewijzigd") == [("Almelo", "WERKT_SAMEN_MET", "Kring Almelo")]
    changed = banden["gewijzigd"][0]
    assert (changed["niveau_van"], changed["niveau_naar"]) == ("incidenteel", "structureel")
    assert banden["nieuw"][0]["partner_id"] == "ondernemersnetwerk:club-almelo"
    # Reversed, what appeared has disappeared
    back = compare(rounds, "2029", "2027").banden
    assert [t["partner"] for t in back["vervallen"]] == ["Club Almelo"]


def test_theme_demand_per_wave_with_the_change(rounds) -> None:
    themas = {t["sleutel"]: t for t in compare(rounds, "2027", "2029").themas}
    policy, example = themas["mbo-beleid"], themas["goede-voorbeeld"]
    assert (policy["vraag_van"], policy["vraag_naar"], policy["verschil"]) == (1, 2, 1)
    assert (example["vraag_van"], example["vraag_naar"], example["verschil"]) == (2, 0, -2)
    assert policy["aandeel_naar"] == 1.0 and example["aandeel_van"] == round(2 / 3, 3)
    ordered = [t["verschil"] for t in compare(rounds, "2027", "2029").themas]
    assert [abs(v) for v in ordered] == sorted((abs(v) for v in ordered), reverse=True)


def test_example_rows_never_count_as_a_change(rounds) -> None:
    """Dalfsen's 2029 answers are example rows: not compared, not in the themes, no tie."""
    result = compare(rounds, "2027", "2029").as_dict()
    assert result["naar"]["voorbeeld_weggelaten"]["antwoordrijen"] == 1
    assert result["van"]["voorbeeld_weggelaten"] == {"antwoordrijen": 0, "relaties": 0}
    text = str(result)
    assert "Club Dalfsen" not in text and "Zwolle" not in text
    assert "Dalfsen" not in result["respons"]["vergeleken"]


def test_the_shipped_example_answers_of_2010_change_nothing(rounds) -> None:
    # Real answers in a later round set a municipality's example rows aside (Almelo answers 2027).
    with (DATA_DIR / "enquete_2010_antwoorden_voorbeeld.csv").open(encoding="utf-8") as handle:
        examples = sum(
            row["bron_type"] == "voorbeeld" and row["gemeente"] != "Almelo"
            for row in csv.DictReader(handle)
        )
    result = compare(rounds, "2010", "2027")
    assert result.van["voorbeeld_weggelaten"]["antwoordrijen"] == examples > 0
    assert result.van["beantwoord"] == 0
    assert result.gemeenten == [] and result.respons["vergeleken"] == []
    assert not any(result.banden[c] for c in ("nieuw", "vervallen", "gewijzigd"))
    assert all(t["vraag_van"] == 0 for t in result.themas)
    # The 2010 response itself is real (participation rows): 11 of 24
    assert result.respons["van"] == {"uitgenodigd": 24, "respondenten": 11, "respons_pct": 45.8}


def test_a_municipality_whose_later_answers_are_examples_is_not_compared() -> None:
    answers = ANSWERS.replace(
        "structureel,,,mbo-beleid,,nee,enquete", "structureel,,,mbo-beleid,,nee,voorbeeld"
    )
    result = compare(_graph(answers), "2027", "2029")
    assert result.respons["vergeleken"] == ["Hengelo"]
    assert result.gemeenten == [] and result.banden["nieuw"] == []
    assert result.naar["voorbeeld_weggelaten"]["antwoordrijen"] == 2


def test_the_flat_rows_hold_every_change(rounds) -> None:
    rows = compare(rounds, "2027", "2029").changes()
    assert {r["onderdeel"] for r in rows} == {"respons", "gemeente", "band", "thema"}
    assert {
        "onderdeel": "band",
        "gemeente": "Almelo",
        "veld": "WERKT_SAMEN_MET",
        "verandering": "gewijzigd",
        "waarde": "Kring Almelo",
        "van": "incidenteel",
        "naar": "structureel",
    } in rows


def test_waves_are_named_by_key_or_id_and_unknown_ones_are_refused(rounds) -> None:
    assert waves(rounds) == ["2029", "2027", "2010"]
    assert compare(rounds, "enquete:2027", " 2029 ").van["sleutel"] == "2027"
    with pytest.raises(UnknownWave) as caught:
        compare(rounds, "2010", "2031")
    assert caught.value.text == "2031" and caught.value.known == ["2029", "2027", "2010"]


def test_synthetic_waves_are_compared(tmp_path: Path) -> None:
    """The benchmark's rounds are synthetic: they count (they hold nothing else)."""
    outcome = ws.build(tmp_path / "werkmap", generate("province", tmp_path / "data"))
    assert outcome.graph is not None
    (only,) = waves(outcome.graph)
    result = compare(outcome.graph, only, only)
    assert result.van["beantwoord"] > 0 and result.van["bron_types"] == ["synthetisch"]
    assert result.gemeenten == [] and not result.banden["nieuw"]
