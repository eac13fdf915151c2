"""The questionnaire and the coordinator's pages in the real app (Streamlit AppTest) against a
real rounds database: a link shows its own municipality only, drafts, sending, the login, and
hostile text escaped."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from loaders.template import template_columns
from netwerkkaart.services import rounds
from tests.injection_support import XSS
from tests.questionnaire_support import (
    PASSWORD,
    ROUND,
    TITLE,
    app,
    everything,
    open_round,
    shown_texts,
    token_of,
)
from ui.common import md
from ui.questionnaire.fields import STEP_TITLES, TIED_COLUMNS, answer_fields

SECRET_OF_DALFSEN = "Geheim ondernemersnetwerk Dalfsen"


@pytest.fixture()
def links(workspace: Path) -> dict[str, str]:
    return open_round(workspace)


def assert_clean(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]


def dalfsen_sent(home: Path, token: str) -> None:
    answers = rounds.current_answers(home, token)
    answers.velden["ondernemersnetwerken"] = SECRET_OF_DALFSEN
    rounds.submit(home, token, answers)


def next_step(at: AppTest) -> AppTest:
    at.button(key="q_next").click().run()
    assert_clean(at)
    return at


def test_a_link_opens_its_own_questionnaire_and_nothing_else(links: dict[str, str]) -> None:
    at = app({"token": links["Borne"]})
    assert_clean(at)
    assert at.title[0].value == f"Vragenlijst {md(TITLE)}"
    assert "Gemeente Borne" in at.caption[0].value
    assert at.subheader[0].value == STEP_TITLES[0]
    assert not at.sidebar.children  # no menu, no other page
    body = everything(at)
    assert "Netwerkkaart MBO" not in body and "Almelo" not in body.split("Stap")[0]


@pytest.mark.parametrize("page", ["ui/pages/netwerk.py", "ui/pages/ronde.py", "ui/pages/data.py"])
def test_no_other_page_is_reachable_with_a_link(links: dict[str, str], page: str) -> None:
    at = AppTest.from_file(str(Path(__file__).resolve().parents[1] / "app.py"), default_timeout=120)
    at.switch_page(page)
    at.query_params["token"] = links["Borne"]
    at.run()
    assert_clean(at)
    assert at.subheader[0].value == STEP_TITLES[0] and "Gemeente Borne" in at.caption[0].value
    assert not at.metric and not at.get("iframe") and not at.dataframe


@pytest.mark.parametrize(
    "extra",
    [{"gemeente": "Dalfsen"}, {"gemeente": "GM0148"}, {"cbs_code": "GM0148"}, {"ronde": "2010"}],
)
def test_a_link_cannot_read_another_municipality_by_query(
    workspace: Path, links: dict[str, str], extra: dict[str, str]
) -> None:
    dalfsen_sent(workspace, links["Dalfsen"])
    at = app({"token": links["Borne"], **extra})
    assert_clean(at)
    assert "Gemeente Borne" in at.caption[0].value
    assert SECRET_OF_DALFSEN not in everything(at)
    at.text_area(key="q_ondernemersnetwerken").input("Kring Borne")
    next_step(at)
    assert rounds.current_answers(workspace, links["Dalfsen"]).velden["ondernemersnetwerken"] == (
        SECRET_OF_DALFSEN
    )
    assert rounds.current_answers(workspace, links["Borne"]).velden["ondernemersnetwerken"] == (
        "Kring Borne"
    )


def test_two_tokens_in_one_url_are_refused(workspace: Path, links: dict[str, str]) -> None:
    dalfsen_sent(workspace, links["Dalfsen"])
    at = app({"token": [links["Borne"], links["Dalfsen"]]})
    assert_clean(at)
    assert [e.value for e in at.error] == ["Deze link is ongeldig of ingetrokken."]
    assert shown_texts(at) == [at.error[0].value] and not at.get("text_area")


@pytest.mark.parametrize("token", ["x", "A" * 43, "' OR 1=1 --", "<script>alert(1)</script>"])
def test_a_guessed_token_shows_one_line_and_no_data(links: dict[str, str], token: str) -> None:
    at = app({"token": token})
    assert_clean(at)
    assert len(at.error) == 1 and "ongeldig" in at.error[0].value
    assert shown_texts(at) == [at.error[0].value]
    assert not any(at.get(kind) for kind in ("text_input", "text_area", "multiselect", "button"))


def test_a_closed_round_refuses_its_links(workspace: Path, links: dict[str, str]) -> None:
    rounds.close_round(workspace, ROUND)
    at = app({"token": links["Borne"]})
    assert len(at.error) == 1 and "gesloten" in at.error[0].value
    assert shown_texts(at) == [at.error[0].value]


def test_questionnaire_only_mode_without_a_link_shows_one_line(
    workspace: Path, links: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NETWERKKAART_ALLEEN_VRAGENLIJST", "1")
    rounds.close_round(workspace, ROUND)  # no login either: the mode alone decides
    for page in ("ui/pages/overzicht.py", "ui/pages/ronde.py"):
        at = AppTest.from_file(str(Path(__file__).resolve().parents[1] / "app.py"))
        at.switch_page(page)
        at.run()
        assert_clean(at)
        assert shown_texts(at) == [at.info[0].value] and "persoonlijke link" in at.info[0].value


def test_draft_is_saved_on_every_step_and_restored(workspace: Path, links: dict[str, str]) -> None:
    at = app({"token": links["Borne"]})
    at.multiselect(key="q_activiteiten").set_value(["nl-doet", "beursvloer"])
    at.text_input(key="q_vrijwilligerscentrale").input("Vrijwilligerscentrale Borne")
    at.radio(key="q_samenwerking_ondernemers").set_value("structureel")
    next_step(at)
    assert any("Concept opgeslagen om" in c.value for c in at.caption)
    assert at.subheader[0].value == STEP_TITLES[1]
    saved = rounds.current_answers(workspace, links["Borne"])
    assert saved.velden["activiteiten"] == "nl-doet;beursvloer"
    assert saved.velden["samenwerking_ondernemers"] == "structureel"
    statuses = {i.gemeente: i.state for i in rounds.invitations(workspace, ROUND)}
    assert statuses["Borne"] is rounds.InvitationState.GESTART
    again = app({"token": links["Borne"]})  # a new browser session on the same link
    assert again.multiselect(key="q_activiteiten").value == ["nl-doet", "beursvloer"]
    assert again.text_input(key="q_vrijwilligerscentrale").value == "Vrijwilligerscentrale Borne"
    assert again.radio(key="q_samenwerking_ondernemers").value == "structureel"


def test_going_back_keeps_the_answers(links: dict[str, str]) -> None:
    at = app({"token": links["Borne"]})
    at.multiselect(key="q_activiteiten").set_value(["sponsoring"])
    next_step(at)
    at.multiselect(key="q_beleidsterreinen").set_value(["ez"])
    at.button(key="q_prev").click().run()
    assert at.multiselect(key="q_activiteiten").value == ["sponsoring"]
    next_step(at)
    assert at.multiselect(key="q_beleidsterreinen").value == ["ez"]


def walk_to_summary(at: AppTest) -> AppTest:
    while at.subheader[0].value != STEP_TITLES[-1]:
        next_step(at)
    return at


def test_send_after_the_summary(workspace: Path, links: dict[str, str]) -> None:
    at = app({"token": links["Almelo"]})
    at.multiselect(key="q_activiteiten").set_value(["nl-doet"])
    for _ in range(5):
        next_step(at)
    assert at.subheader[0].value == "Banden"
    at.text_input(key="q_org_naam_0").input("Rotary Almelo")
    at.selectbox(key="q_org_soort_0").set_value("ondernemersnetwerk")
    at.selectbox(key="q_org_niveau_0").set_value("structureel")
    at.multiselect(key="q_tie_leert_van").set_value(["Borne"])
    walk_to_summary(at)
    summary = "\n".join(shown_texts(at))
    assert "Rotary Almelo" in summary and "NL Doet" in summary and "Borne" in summary
    at.button(key="q_send").click().run()
    assert_clean(at)
    assert "Hartelijk dank" in at.success[0].value
    assert "nog wijzigen" in "\n".join(shown_texts(at))
    status = rounds.round_status(workspace, ROUND).as_json()
    assert status["verzonden"] == 1
    sent = rounds.current_answers(workspace, links["Almelo"])
    assert {(t.relatie, t.naam) for t in sent.banden} == {
        (rounds.TieKind.WERKT_SAMEN_MET, "Rotary Almelo"),
        (rounds.TieKind.LEERT_VAN, "Borne"),
    }


def test_problems_are_shown_at_the_field_and_block_sending(
    workspace: Path, links: dict[str, str]
) -> None:
    draft = rounds.current_answers(workspace, links["Borne"])
    draft.velden["activiteiten"] = "nl-doet;zeilwedstrijd"  # e.g. from an earlier template
    rounds.save_draft(workspace, links["Borne"], draft)
    at = app({"token": links["Borne"]})
    assert at.multiselect(key="q_activiteiten").value == ["nl-doet", "zeilwedstrijd"]
    assert len(at.error) == 1 and "zeilwedstrijd" in at.error[0].value
    walk_to_summary(at)
    assert at.button(key="q_send").disabled
    assert STEP_TITLES[0] in at.error[0].value
    at.button(key=f"q_goto_{STEP_TITLES[0]}").click().run()
    assert at.subheader[0].value == STEP_TITLES[0]
    at.multiselect(key="q_activiteiten").set_value(["nl-doet"])
    walk_to_summary(at)
    assert not at.error and not at.button(key="q_send").disabled


def login(at: AppTest, password: str = PASSWORD) -> AppTest:
    at.text_input(key="login_password").input(password)
    at.button[0].click().run()
    assert_clean(at)
    return at


def test_coordinator_pages_ask_for_the_password_while_a_round_is_open(
    workspace: Path, links: dict[str, str]
) -> None:
    rounds.set_coordinator_password(workspace, PASSWORD)
    for page in ("ui/pages/overzicht.py", "ui/pages/ronde.py", "ui/pages/data.py"):
        at = AppTest.from_file(str(Path(__file__).resolve().parents[1] / "app.py"))
        at.switch_page(page)
        at.run()
        assert_clean(at)
        assert at.title[0].value == "Aanmelden"
        body = everything(at)
        assert "Borne" not in body and "Almelo" not in body and not at.dataframe
    at = app()
    login(at, "fout-wachtwoord")
    assert at.title[0].value == "Aanmelden" and "klopt niet" in at.error[0].value
    login(at)
    assert at.title[0].value == "Netwerkkaart MBO"
    at.switch_page("ui/pages/ronde.py").run()
    assert_clean(at)
    assert at.title[0].value == "Ronde"
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Uitgenodigd"] == "3" and metrics["Respons"] == "0 van 3, 0%"


def test_no_password_set_tells_how_and_shows_nothing(links: dict[str, str]) -> None:
    at = app()
    assert_clean(at)
    assert at.title[0].value == "Aanmelden"
    assert "netwerkkaart ronde beheerder" in at.error[0].value
    assert not at.get("text_input") and not at.dataframe


def test_no_login_without_an_open_round(workspace: Path, links: dict[str, str]) -> None:
    rounds.close_round(workspace, ROUND)
    at = app()
    assert_clean(at)
    assert at.title[0].value == "Netwerkkaart MBO"


def test_ronde_page_counts_and_compares_with_2010(workspace: Path, links: dict[str, str]) -> None:
    from graph.stores.memory import MemoryStore
    from netwerkkaart.services.workspace import build_and_save

    assert build_and_save(workspace, MemoryStore(workspace)).ok
    dalfsen_sent(workspace, links["Dalfsen"])
    rounds.close_round(workspace, ROUND)
    at = app()
    at.switch_page("ui/pages/ronde.py").run()
    assert_clean(at)
    metrics = {m.label: m.value for m in at.metric}
    assert (metrics["Verzonden"], metrics["Respons"]) == ("1", "1 van 3, 33%")
    assert "**11 van 24, 46%**" in "\n".join(shown_texts(at))
    table = at.dataframe[0].value
    assert dict(zip(table["gemeente"], table["status"], strict=True))["Dalfsen"] == "verzonden"
    assert at.get("download_button")
    at.button(key="ronde_bijwerken").click().run()
    assert_clean(at)
    assert "bijgewerkt" in at.info[0].value
    graph = MemoryStore(workspace).load()
    wave = graph.nodes[f"enquete:{ROUND}"]
    assert wave["bron_type"] == "enquete" and wave["jaar"] == 2027
    networks = [a for a in graph.nodes.values() if a.get("naam") == SECRET_OF_DALFSEN]
    assert networks and networks[0]["bron"].startswith(f"Ronde {ROUND}")
    at.button(key="ronde_heropenen").click().run()
    assert rounds.get_round(workspace, ROUND).state is rounds.RoundState.OPEN


def test_hostile_answers_are_escaped_in_the_summary_and_on_the_ronde_page(
    workspace: Path, links: dict[str, str]
) -> None:
    rounds.set_coordinator_password(workspace, PASSWORD)
    at = app({"token": links["Borne"]})
    at.text_area(key="q_ondernemersnetwerken").input("\n".join(XSS[:4]))
    at.text_input(key="q_vrijwilligerscentrale").input(XSS[4])
    for _ in range(4):
        next_step(at)
    at.text_area(key="q_toelichting").input(" ".join(XSS))
    next_step(at)
    for index, text in enumerate(XSS[5:8]):
        at.text_input(key=f"q_org_naam_{index}").input(text)
    next_step(at)
    at.text_input(key="q_resp_naam").input(XSS[8])
    at.text_input(key="q_resp_rol").input(XSS[9])
    at.text_input(key="q_resp_email").input(XSS[10])
    next_step(at)
    assert at.subheader[0].value == STEP_TITLES[-1]
    rendered = "\n".join(shown_texts(at))
    for text in XSS:
        assert md(text) in rendered, text  # shown, escaped
    for body in shown_texts(at):
        assert not any(text in body for text in XSS), body  # never raw
    at.button(key="q_send").click().run()
    assert_clean(at)
    coordinator = login(app())
    coordinator.switch_page("ui/pages/ronde.py").run()
    assert_clean(coordinator)
    for body in shown_texts(coordinator):
        assert not any(text in body for text in XSS), body


def test_every_template_column_is_asked_once() -> None:
    asked = [f.column for f in answer_fields()] + list(TIED_COLUMNS)
    expected = [
        c for c, _, _ in template_columns() if c not in {"enquete", "gemeente", "bron_type"}
    ]
    assert sorted(asked) == sorted(expected) and len(set(asked)) == len(asked)


def test_a_problem_with_a_tie_names_it_in_the_banden_step(
    workspace: Path, links: dict[str, str]
) -> None:
    draft = rounds.current_answers(workspace, links["Borne"])
    draft.velden["haakt_aan_bij"] = "Atlantis"  # as an earlier template would carry it
    rounds.save_draft(workspace, links["Borne"], draft)
    at = app({"token": links["Borne"]})
    for _ in range(5):
        next_step(at)
    assert at.subheader[0].value == "Banden"
    assert at.multiselect(key="q_tie_haakt_aan_bij").value == ["Atlantis"]
    assert len(at.error) == 1 and at.error[0].value.startswith(md("Atlantis: "))
    at.multiselect(key="q_tie_haakt_aan_bij").set_value(["Hengelo"])
    next_step(at)
    saved = rounds.current_answers(workspace, links["Borne"])
    assert [(t.relatie, t.naam) for t in saved.banden] == [
        (rounds.TieKind.HAAKT_AAN_BIJ, "Hengelo")
    ]
    assert not saved.velden.get("haakt_aan_bij")


def test_a_new_round_opens_with_the_earlier_answers(workspace: Path) -> None:
    rounds.create_round(workspace, "2026", "MBO 2026", gemeenten=["Borne"])
    (earlier,) = rounds.issue_links(workspace, "2026", "http://localhost:8501")
    answers = rounds.Answers.empty()
    answers.velden["activiteiten"] = "beursvloer"
    answers.respondent = rounds.Respondent(naam="Jan Janssen")
    rounds.submit(workspace, token_of(earlier.link), answers)
    rounds.close_round(workspace, "2026")
    links = open_round(workspace, ("Borne",))
    at = app({"token": links["Borne"]})
    assert at.multiselect(key="q_activiteiten").value == ["beursvloer"]
    for _ in range(6):
        next_step(at)
    assert at.text_input(key="q_resp_naam").value == ""  # never the earlier respondent


def test_a_hostile_round_title_is_escaped_for_respondent_and_coordinator(workspace: Path) -> None:
    hostile = f"{XSS[0]} {XSS[2]} {XSS[3]}"
    rounds.create_round(workspace, "2028", hostile, gemeenten=["Borne"])
    (link,) = rounds.issue_links(workspace, "2028", "http://localhost:8501")
    rounds.set_coordinator_password(workspace, PASSWORD)
    respondent = app({"token": token_of(link.link)})
    assert respondent.title[0].value == f"Vragenlijst {md(hostile)}"
    coordinator = login(app())
    coordinator.switch_page("ui/pages/ronde.py").run()
    assert_clean(coordinator)
    assert coordinator.subheader[0].value == md(hostile)
    for body in shown_texts(respondent) + shown_texts(coordinator):
        assert not any(text in body for text in XSS), body
