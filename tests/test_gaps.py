"""Gaps: missing links known from answers vs. no data, ambition without capacity, loose nodes."""

from __future__ import annotations

import networkx as nx

from graph.analysis.gaps import GAP_LABELS, find_gaps, gaps_frame
from graph.build import build_graph
from graph.model import BronType, EdgeRecord, NodeRecord, Provenance, RelType

REF = Provenance("referentie.csv", BronType.REFERENTIE, 2015)
EX = Provenance("antwoorden.csv", BronType.VOORBEELD, 2010)
SURVEY = Provenance("antwoorden.csv", BronType.ENQUETE, 2010)


def answer(gemeente: str, prov: Provenance, **props: object) -> EdgeRecord:
    return EdgeRecord(
        f"gemeente:{gemeente}",
        "enquete:2010",
        RelType.NAM_DEEL_AAN,
        prov,
        {"rol": "antwoorden", **props},
        key="antwoorden",
    )


def hand_graph() -> nx.MultiDiGraph:
    """Vol has every link and capacity; Leeg answered (example) without any link, with ambition
    but no capacity or money; Stil did not answer; Kalm has no ambition but lacks capacity;
    Druk has ambition and only another obstacle. Matchpoint is related to nothing."""
    names = {"vol": "Vol", "leeg": "Leeg", "stil": "Stil", "kalm": "Kalm", "druk": "Druk"}
    nodes = [NodeRecord(f"gemeente:{k}", v, REF, {"cbs_code": k}) for k, v in names.items()]
    nodes += [
        NodeRecord("enquete:2010", "Enquête 2010", SURVEY),
        NodeRecord("vrijwilligerscentrale:vc", "VC", SURVEY),
        NodeRecord("ondernemersnetwerk:on", "ON", SURVEY),
        NodeRecord(
            "struikelblok:capaciteit", "Onduidelijk of er ambtelijke capaciteit vrijkomt", SURVEY
        ),
        NodeRecord("struikelblok:weinig-middelen", "Weinig middelen", SURVEY),
        NodeRecord("struikelblok:rol-gemeente", "Past niet bij rol gemeente", SURVEY),
        NodeRecord("activiteit:matchpoint", "Matchpoint", EX),
    ]
    edges = [
        answer("vol", SURVEY, ambitie=True),
        EdgeRecord("gemeente:vol", "vrijwilligerscentrale:vc", RelType.FACILITEERT, SURVEY),
        EdgeRecord("ondernemersnetwerk:on", "gemeente:vol", RelType.ACTIEF_IN, SURVEY),
        answer(
            "leeg",
            EX,
            ambitie=True,
            facilitering_vrijwilligerscentrale="geen",
            samenwerking_ondernemers="geen",
        ),
        EdgeRecord("gemeente:leeg", "struikelblok:capaciteit", RelType.ERVAART, EX),
        EdgeRecord("gemeente:leeg", "struikelblok:weinig-middelen", RelType.ERVAART, EX),
        answer("kalm", SURVEY, ambitie=False),
        EdgeRecord("gemeente:kalm", "struikelblok:capaciteit", RelType.ERVAART, SURVEY),
        EdgeRecord("gemeente:kalm", "vrijwilligerscentrale:vc", RelType.SUBSIDIEERT, SURVEY),
        EdgeRecord("gemeente:kalm", "ondernemersnetwerk:on", RelType.WERKT_SAMEN_MET, SURVEY),
        answer("druk", SURVEY, ambitie=True),
        EdgeRecord("gemeente:druk", "struikelblok:rol-gemeente", RelType.ERVAART, SURVEY),
        EdgeRecord("vrijwilligerscentrale:vc", "gemeente:druk", RelType.ACTIEF_IN, SURVEY),
        EdgeRecord("gemeente:druk", "ondernemersnetwerk:on", RelType.WERKT_SAMEN_MET, SURVEY),
    ]
    return build_graph(nodes, edges)


def test_gaps_on_a_hand_checkable_graph() -> None:
    found = [
        (g.soort, g.naam, g.grondslag, g.bron_type, g.voorbeeld) for g in find_gaps(hand_graph())
    ]
    assert found == [
        ("geen-vrijwilligerscentrale", "Leeg", "voorbeeldantwoord", "voorbeeld", True),
        ("geen-vrijwilligerscentrale", "Stil", "geen gegevens", "", False),
        ("geen-ondernemersnetwerk", "Leeg", "voorbeeldantwoord", "voorbeeld", True),
        ("geen-ondernemersnetwerk", "Stil", "geen gegevens", "", False),
        ("ambitie-zonder-capaciteit", "Leeg", "voorbeeldantwoord", "voorbeeld", True),
        ("geisoleerd", "Matchpoint", "graaf", "voorbeeld", True),
        ("geisoleerd", "Stil", "graaf", "referentie", False),
    ]


def test_gap_explanations() -> None:
    texts = {(g.soort, g.naam): g.toelichting for g in find_gaps(hand_graph())}
    # Leeg's answer is an example row: never called a survey answer (issue 11)
    assert texts[("geen-vrijwilligerscentrale", "Leeg")] == (
        "volgens de voorbeeldantwoorden (2010) geen band met een vrijwilligerscentrale "
        "(niveau: geen)"
    )
    assert texts[("geen-ondernemersnetwerk", "Stil")] == (
        "geen enquêteantwoord: onbekend of er een band met een ondernemersnetwerk is"
    )
    # the summary: unclear "of er ambtelijke capaciteit voor vrijgemaakt kan worden"
    assert texts[("ambitie-zonder-capaciteit", "Leeg")] == (
        "volgens de voorbeeldantwoorden (2010): wil meer met MBO (ambitie), maar het is "
        "onduidelijk of er capaciteit of middelen voor vrijgemaakt kunnen worden (struikelblok: "
        "Onduidelijk of er ambtelijke capaciteit vrijkomt en Weinig middelen)"
    )
    assert "onduidelijk" in GAP_LABELS["ambitie-zonder-capaciteit"]


def test_a_survey_answer_is_named_as_one() -> None:
    nodes = [
        NodeRecord("gemeente:echt", "Echt", REF),
        NodeRecord("enquete:2010", "Enquête 2010", SURVEY),
        NodeRecord("struikelblok:weinig-middelen", "Weinig middelen", SURVEY),
    ]
    edges = [
        answer("echt", SURVEY, ambitie=True, samenwerking_ondernemers="geen"),
        EdgeRecord("gemeente:echt", "struikelblok:weinig-middelen", RelType.ERVAART, SURVEY),
    ]
    gaps = {g.soort: g for g in find_gaps(build_graph(nodes, edges))}
    network, ambition = gaps["geen-ondernemersnetwerk"], gaps["ambitie-zonder-capaciteit"]
    assert (network.grondslag, network.voorbeeld) == ("enquêteantwoord", False)
    assert network.toelichting.startswith("volgens het enquêteantwoord (2010) geen band")
    assert (ambition.grondslag, ambition.voorbeeld) == ("enquêteantwoord", False)
    assert ambition.toelichting.startswith("volgens het enquêteantwoord (2010): wil meer")


def test_frame_has_a_dutch_heading_per_gap() -> None:
    frame = gaps_frame(find_gaps(hand_graph()))
    assert list(frame.columns[:3]) == ["gat", "soort", "id"]
    assert set(frame["gat"]) == set(GAP_LABELS.values())
    assert gaps_frame([]).empty


def test_shipped_gaps(shipped_graph: nx.MultiDiGraph) -> None:
    gaps = find_gaps(shipped_graph)
    # the shipped answers are example rows, so no gap may call them survey answers (issue 11)
    assert not [g for g in gaps if g.voorbeeld and g.grondslag == "enquêteantwoord"]
    assert not [g for g in gaps if g.voorbeeld and "enquêteantwoord" in g.toelichting]
    known = {(g.soort, g.naam) for g in gaps if g.grondslag == "voorbeeldantwoord"}
    assert known == {
        ("geen-vrijwilligerscentrale", "Olst-Wijhe"),
        ("geen-vrijwilligerscentrale", "Tubbergen"),
        ("geen-ondernemersnetwerk", "Tubbergen"),
        ("geen-ondernemersnetwerk", "Zwartewaterland"),
        ("ambitie-zonder-capaciteit", "Dalfsen"),
        ("ambitie-zonder-capaciteit", "Raalte"),
        ("ambitie-zonder-capaciteit", "Zwartewaterland"),
    }
    assert all(g.voorbeeld for g in gaps if g.grondslag == "voorbeeldantwoord")
    unknown = {g.naam for g in gaps if g.grondslag == "geen gegevens"}
    assert {"Borne", "Hengelo", "Enschede", "Apeldoorn"} <= unknown
    assert "Almelo" not in unknown
