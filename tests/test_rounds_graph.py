"""Sent round answers in the built graph: provenance, ties, example rows stepping aside, and no
personal data anywhere in the saved snapshot. Real database, real build, real snapshot."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from graph.model import RelType
from graph.stores.memory import SNAPSHOT_FILE, MemoryStore
from netwerkkaart.services.rounds import (
    Respondent,
    Tie,
    TieKind,
    check_answers,
    close_round,
    submit,
)
from netwerkkaart.services.workspace import build, build_and_save
from tests.injection_support import XSS
from tests.rounds_support import good_answers, round_with_links

ALMELO, DEVENTER, ZWOLLE = "gemeente:GM0141", "gemeente:GM0150", "gemeente:GM0193"


def _edges(graph: nx.MultiDiGraph, source: str, rel: RelType) -> list[tuple[str, dict]]:
    return [(v, a) for _, v, a in graph.out_edges(source, data=True) if a.get("type") == rel]


def _example_edges(graph: nx.MultiDiGraph, node: str) -> list[tuple[str, str]]:
    return [
        (u, v)
        for u, v, a in graph.edges(data=True)
        if node in (u, v) and a.get("bron_type") == "voorbeeld"
    ]


@pytest.fixture()
def answered(workspace: Path) -> Path:
    tokens = round_with_links(workspace, gemeenten=["Almelo", "Borne", "Dalfsen"])
    submit(workspace, tokens["Almelo"], good_answers())
    return workspace


def test_a_sent_answer_is_in_the_graph_with_its_provenance(answered: Path) -> None:
    outcome = build(answered)
    graph = outcome.graph
    assert graph is not None, [p.line() for p in outcome.result.report.problems]
    answers = [a for v, a in _edges(graph, ALMELO, RelType.NAM_DEEL_AAN) if v == "enquete:2027"]
    assert answers and all(a["bron_type"] == "enquete" and a["jaar"] == 2027 for a in answers)
    assert any(a["bron"].startswith("Ronde 2027 'MBO 2027', verzonden 20") for a in answers)
    assert graph.nodes["enquete:2027"]["naam"] == "MBO 2027"
    partners = dict(_edges(graph, ALMELO, RelType.WERKT_SAMEN_MET))
    partner = "organisatie:stichting-samen-doen-almelo"
    assert partners[partner]["niveau"] == "structureel"
    assert graph.nodes[partner]["bron_type"] == "enquete"
    assert ZWOLLE in dict(_edges(graph, ALMELO, RelType.HAAKT_AAN_BIJ))
    learns = dict(_edges(graph, ALMELO, RelType.LEERT_VAN))
    assert learns[DEVENTER]["bron_type"] == "enquete" and learns[DEVENTER]["jaar"] == 2027


def test_the_example_rows_of_a_municipality_with_real_answers_step_aside(
    answered: Path,
) -> None:
    before = build(Path("/nonexistent-workspace")).graph
    assert before is not None and _example_edges(before, ALMELO)
    outcome = build(answered)
    assert outcome.graph is not None
    assert _example_edges(outcome.graph, ALMELO) == []
    assert _example_edges(outcome.graph, "gemeente:GM0148")  # Dalfsen has not sent: kept
    assert not any("ondernemersvereniging-almelo" in n for n in outcome.graph.nodes)
    assert (
        "enquete_2010_antwoorden_voorbeeld.csv:2: voorbeeldantwoorden van Almelo vervangen "
        "door de antwoorden in rondes_antwoorden.csv (enquête 2027, voorbeeld uit enquête 2010)"
    ) in outcome.result.report.notes


def test_taking_part_follows_the_round(answered: Path) -> None:
    graph = build(answered).graph
    assert graph is not None

    def status(node: str) -> list[str]:
        return [
            a["status"]
            for v, a in _edges(graph, node, RelType.NAM_DEEL_AAN)
            if v == "enquete:2027" and "status" in a
        ]

    assert status("gemeente:GM0163") == ["afzender"]
    assert status(ALMELO) == ["respondent"]
    assert status("gemeente:GM0147") == []  # open round: Borne may still answer
    close_round(answered, "2027")
    graph = build(answered).graph
    assert graph is not None and status("gemeente:GM0147") == ["niet_gerespondeerd"]


def test_no_personal_data_reaches_the_saved_graph(answered: Path) -> None:
    outcome = build_and_save(answered, MemoryStore(answered))
    assert outcome.ok
    snapshot = (answered / SNAPSHOT_FILE).read_bytes()
    assert b"Stichting Samen Doen" in snapshot  # the answers are there ...
    for personal in ("Jet Jansen", "jet@almelo.nl", "beleidsmedewerker"):  # ... the person not
        assert personal.encode() not in snapshot
        assert personal not in "\n".join(outcome.result.report.notes)


def test_answers_in_two_rounds_build_side_by_side(answered: Path) -> None:
    later = round_with_links(answered, "2029", gemeenten=["Almelo"])
    submit(answered, later["Almelo"], good_answers())
    outcome = build(answered)
    graph = outcome.graph
    assert graph is not None, [p.line() for p in outcome.result.report.problems]
    waves = {v for v, _ in _edges(graph, ALMELO, RelType.NAM_DEEL_AAN)}
    assert {"enquete:2027", "enquete:2029"} <= waves
    partner = "organisatie:stichting-samen-doen-almelo"
    years = sorted(
        a["jaar"] for v, a in _edges(graph, ALMELO, RelType.WERKT_SAMEN_MET) if v == partner
    )
    assert years == [2027, 2029]


def test_hostile_text_in_answers_arrives_verbatim_and_only_as_answers(workspace: Path) -> None:
    tokens = round_with_links(workspace, gemeenten=["Borne"])
    respondent = f"Bakker {XSS[0]} respondent"
    answers = good_answers(Respondent(respondent, XSS[1], "x@example.invalid"))
    answers.velden["toelichting"] = "\n".join(XSS)
    answers.banden = [
        Tie(TieKind.WERKT_SAMEN_MET, text, "organisatie", "incidenteel") for text in XSS[1:]
    ]
    assert check_answers(workspace, tokens["Borne"], answers) == []
    submit(workspace, tokens["Borne"], answers)
    graph = build(workspace).graph
    assert graph is not None
    names = {
        graph.nodes[v]["naam"] for v, _ in _edges(graph, "gemeente:GM0147", RelType.WERKT_SAMEN_MET)
    }
    assert names >= set(XSS[1:])
    notes = [
        a.get("toelichting") for _, a in _edges(graph, "gemeente:GM0147", RelType.NAM_DEEL_AAN)
    ]
    assert "\n".join(XSS) in notes
    assert not any(respondent in str(a) for _, a in graph.nodes(data=True))
    assert not any(respondent in str(a) for *_, a in graph.edges(data=True))
