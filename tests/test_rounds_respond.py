"""The respondent's side: one link opens one municipality's questionnaire, checked with the
loaders' rules and messages; drafts, sending, history. Real SQLite in tmp_path."""

from __future__ import annotations

from pathlib import Path

import pytest

from netwerkkaart.services.errors import UserError
from netwerkkaart.services.rounds import (
    Answers,
    AnswersRejected,
    InvitationState,
    LinkRefused,
    Respondent,
    Tie,
    TieKind,
    check_answers,
    close_round,
    current_answers,
    invitations,
    open_link,
    save_draft,
    submit,
    submit_for,
    ties_reported_about,
)
from netwerkkaart.services.rounds.database import connect
from tests.rounds_support import good_answers, round_with_links


def _state(workspace: Path, gemeente: str) -> InvitationState:
    return next(i.state for i in invitations(workspace, "2027") if i.gemeente == gemeente)


#: A well-formed 256-bit token that was never issued (fixed: pytest-xdist workers must collect
#: the same test ids).
NEVER_ISSUED = "pns-Cpjy_TAwn-QZGi-1oJgUz-SRcloAQNFK_5mYAgw"


@pytest.mark.parametrize(
    "token",
    ["", "x", NEVER_ISSUED, "a" * 5000, "' OR 1=1 --"],
    ids=["leeg", "x", "nooit", "lang", "sql"],
)
def test_a_made_up_token_opens_nothing(workspace: Path, token: str) -> None:
    round_with_links(workspace, gemeenten=["Almelo"])
    for call in (open_link, current_answers):
        with pytest.raises(LinkRefused) as caught:
            call(workspace, token)
        assert str(caught.value) == "Deze link is ongeldig of ingetrokken."
    with pytest.raises(LinkRefused):
        save_draft(workspace, token, good_answers())
    with pytest.raises(LinkRefused):
        submit(workspace, token, good_answers())


def test_a_draft_is_kept_and_marks_the_invitation_started(workspace: Path) -> None:
    tokens = round_with_links(workspace, gemeenten=["Almelo", "Borne"])
    assert current_answers(workspace, tokens["Almelo"]) == Answers.empty()
    draft = Answers({"toelichting": "half af"}, [Tie(TieKind.LEERT_VAN, "Zwolle")], Respondent("A"))
    save_draft(workspace, tokens["Almelo"], draft)
    assert current_answers(workspace, tokens["Almelo"]) == draft
    assert current_answers(workspace, tokens["Borne"]) == Answers.empty()
    assert _state(workspace, "Almelo") is InvitationState.GESTART


def test_one_link_never_reads_or_changes_another_municipality(workspace: Path) -> None:
    tokens = round_with_links(workspace, gemeenten=["Almelo", "Borne"])
    submit(workspace, tokens["Almelo"], good_answers())
    save_draft(workspace, tokens["Borne"], Answers({"toelichting": "Borne"}))
    assert current_answers(workspace, tokens["Borne"]).velden == {"toelichting": "Borne"}
    assert current_answers(workspace, tokens["Almelo"]) == good_answers()
    assert _state(workspace, "Almelo") is InvitationState.VERZONDEN


def test_sending_replaces_the_answer_and_keeps_history(workspace: Path) -> None:
    tokens = round_with_links(workspace, gemeenten=["Almelo"])
    first = submit(workspace, tokens["Almelo"], good_answers())
    second_answers = good_answers()
    second_answers.velden["toelichting"] = "Tweede versie"
    second = submit(workspace, tokens["Almelo"], second_answers)
    assert second > first
    assert current_answers(workspace, tokens["Almelo"]).velden["toelichting"] == "Tweede versie"
    with connect(workspace) as db:
        versions = db.execute("SELECT COUNT(*) FROM submissions").fetchone()[0]
        drafts = db.execute("SELECT COUNT(*) FROM drafts").fetchone()[0]
    assert (versions, drafts) == (2, 0)


def test_answers_are_checked_with_the_loaders_messages(workspace: Path) -> None:
    tokens = round_with_links(workspace, gemeenten=["Almelo"])
    bad = Answers(
        {"activiteiten": "nl-doet;beursvloerr", "ambitie": "misschien", "nieuw": "x"},
        [
            Tie(TieKind.LEERT_VAN, "Deventr"),
            Tie(TieKind.HAAKT_AAN_BIJ, "Almelo"),
            Tie(TieKind.WERKT_SAMEN_MET, "Bakkerij", "bedrijf", "soms"),
            Tie(TieKind.WERKT_SAMEN_MET, " "),
        ],
        Respondent(email="geen adres"),
    )
    found = {(p.column, p.row, p.message) for p in check_answers(workspace, tokens["Almelo"], bad)}
    assert found >= {
        ("activiteiten", None, "activiteit 'beursvloerr' is onbekend; bedoelde u Beursvloer?"),
        ("nieuw", None, "onbekende vraag"),
        ("banden", 1, "naam: gemeente 'Deventr' is onbekend; bedoelde u Deventer?"),
        ("banden", 2, "naam: een gemeente haakt niet bij zichzelf aan"),
        ("banden", 3, "soort: kies ondernemersnetwerk, vrijwilligerscentrale of organisatie"),
        ("banden", 4, "naam: vul een naam in"),
        ("email", None, "dit is geen e-mailadres (vorm naam@voorbeeld.nl)"),
    }
    assert any(p.column == "ambitie" for p in check_answers(workspace, tokens["Almelo"], bad))
    assert any(
        (p.row, p.column) == (3, "banden") and p.message.startswith("niveau: ")
        for p in check_answers(workspace, tokens["Almelo"], bad)
    )
    with pytest.raises(AnswersRejected) as caught:
        submit(workspace, tokens["Almelo"], bad)
    assert caught.value.problems and str(caught.value).startswith(
        "De antwoorden zijn niet verzonden"
    )
    assert _state(workspace, "Almelo") is InvitationState.UITGENODIGD
    assert check_answers(workspace, tokens["Almelo"], good_answers()) == []


def test_learning_from_itself_is_refused(workspace: Path) -> None:
    tokens = round_with_links(workspace, gemeenten=["Almelo"])
    answers = Answers({}, [Tie(TieKind.LEERT_VAN, "GM0141")])
    assert [p.message for p in check_answers(workspace, tokens["Almelo"], answers)] == [
        "naam: een gemeente leert niet van zichzelf"
    ]


def test_a_closed_round_takes_no_drafts_or_answers(workspace: Path) -> None:
    tokens = round_with_links(workspace, gemeenten=["Almelo"])
    close_round(workspace, "2027")
    for call in (save_draft, submit):
        with pytest.raises(LinkRefused, match="De ronde 2027 is gesloten"):
            call(workspace, tokens["Almelo"], good_answers())


def test_a_later_round_is_prefilled_with_the_earlier_answer_without_the_respondent(
    workspace: Path,
) -> None:
    first = round_with_links(workspace, "2027", gemeenten=["Almelo"])
    submit(workspace, first["Almelo"], good_answers())
    later = round_with_links(workspace, "2029", gemeenten=["Almelo"])
    prefilled = current_answers(workspace, later["Almelo"])
    assert prefilled.velden == good_answers().velden and prefilled.banden == good_answers().banden
    assert prefilled.respondent == Respondent()


def test_submit_for_brings_in_an_answer_without_a_token(workspace: Path) -> None:
    round_with_links(workspace, gemeenten=["Almelo", "Borne"])
    submit_for(workspace, "2027", "borne", good_answers(), via="formulier borne.xlsx")
    assert _state(workspace, "Borne") is InvitationState.VERZONDEN
    with pytest.raises(UserError, match="Zwolle is niet uitgenodigd voor ronde 2027"):
        submit_for(workspace, "2027", "Zwolle", good_answers(), via="x")
    close_round(workspace, "2027")
    with pytest.raises(UserError, match=r"is gesloten.*Heropen de ronde"):
        submit_for(workspace, "2027", "Almelo", good_answers(), via="x")


def test_ties_reported_about_a_municipality(workspace: Path) -> None:
    tokens = round_with_links(workspace, gemeenten=["Almelo", "Borne"])
    submit(workspace, tokens["Almelo"], good_answers())
    borne = Answers({"haakt_aan_bij": "Zwolle"}, [Tie(TieKind.LEERT_VAN, "GM0193")])
    submit(workspace, tokens["Borne"], borne)
    found = ties_reported_about(workspace, "2027", "Zwolle")
    assert [(who, tie.relatie) for who, tie in found] == [
        ("Almelo", TieKind.HAAKT_AAN_BIJ),
        ("Borne", TieKind.LEERT_VAN),
        ("Borne", TieKind.HAAKT_AAN_BIJ),
    ]


def test_an_oversized_draft_is_refused(workspace: Path) -> None:
    tokens = round_with_links(workspace, gemeenten=["Almelo"])
    with pytest.raises(UserError, match="te lang"):
        save_draft(workspace, tokens["Almelo"], Answers({"toelichting": "x" * 300_000}))
    assert _state(workspace, "Almelo") is InvitationState.UITGENODIGD
