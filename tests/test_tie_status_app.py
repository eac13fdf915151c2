"""The questionnaire asks a municipality about every tie others reported with it (issue 14), in
the real app (Streamlit AppTest) against a real rounds database, and the answers reach the build."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from netwerkkaart.services import rounds
from netwerkkaart.services.rounds.answers import Verdict
from netwerkkaart.services.workspace import build
from tests.questionnaire_support import app, open_round, shown_texts

ALMELO, BORNE = "gemeente:GM0141", "gemeente:GM0147"


def _next(at: AppTest) -> AppTest:
    at.button(key="q_next").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _almelo_names_borne(home: Path, token: str) -> None:
    answers = rounds.Answers(
        velden={"ambitie": "ja"},
        banden=[
            rounds.Tie(rounds.TieKind.HAAKT_AAN_BIJ, "Borne"),
            rounds.Tie(rounds.TieKind.LEERT_VAN, "Borne"),
        ],
    )
    rounds.submit(home, token, answers)


def test_borne_confirms_one_tie_and_denies_the_other(workspace: Path) -> None:
    links = open_round(workspace)
    _almelo_names_borne(workspace, links["Almelo"])
    at = app({"token": links["Borne"]})
    while at.subheader[0].value != "Banden":
        _next(at)
    questions = [r.label for r in at.radio]
    assert questions == [
        "Almelo noemt een samenwerking met u (Almelo haakt aan bij uw gemeente): klopt dat?",
        "Almelo noemt een samenwerking met u (Almelo leert van uw gemeente): klopt dat?",
    ]
    assert [r.value for r in at.radio] == [None, None]
    at.radio(key="q_conf_0").set_value("ja")
    at.radio(key="q_conf_1").set_value("nee")
    _next(at)
    draft = rounds.current_answers(workspace, links["Borne"])
    assert [(c.van, c.relatie, c.antwoord) for c in draft.bevestigingen] == [
        ("Almelo", rounds.TieKind.HAAKT_AAN_BIJ, Verdict.JA),
        ("Almelo", rounds.TieKind.LEERT_VAN, Verdict.NEE),
    ]
    while at.subheader[0].value != "Samenvatting en verzenden":
        _next(at)
    summary = "\n".join(shown_texts(at))
    assert "Banden die andere gemeenten met u noemen" in summary and "**nee**" in summary
    at.button(key="q_send").click().run()
    assert "Hartelijk dank" in at.success[0].value
    graph = build(workspace).graph
    assert graph is not None
    states = {
        a["type"]: a["status"]
        for _, v, a in graph.out_edges(ALMELO, data=True)
        if v == BORNE and "status" in a
    }
    assert states == {"HAAKT_AAN_BIJ": "bevestigd", "LEERT_VAN": "betwist"}


def test_the_answers_come_back_when_the_step_opens_again(workspace: Path) -> None:
    links = open_round(workspace)
    _almelo_names_borne(workspace, links["Almelo"])
    draft = rounds.current_answers(workspace, links["Borne"])
    draft.bevestigingen = [
        rounds.Confirmation("Almelo", rounds.TieKind.LEERT_VAN, Verdict.WEET_NIET)
    ]
    rounds.save_draft(workspace, links["Borne"], draft)
    at = app({"token": links["Borne"]})
    while at.subheader[0].value != "Banden":
        _next(at)
    assert [r.value for r in at.radio] == [None, "weet_niet"]


def test_nobody_named_no_questions(workspace: Path) -> None:
    links = open_round(workspace)
    at = app({"token": links["Dalfsen"]})
    while at.subheader[0].value != "Banden":
        _next(at)
    assert not at.radio
    assert "Banden die andere gemeenten met u noemen" not in "\n".join(shown_texts(at))
