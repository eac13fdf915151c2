"""The coordinator's side of a survey round against a real SQLite database in tmp_path."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from pathlib import Path

import pytest

from netwerkkaart.services.errors import UserError
from netwerkkaart.services.rounds import (
    InvitationState,
    LinkRefused,
    RoundState,
    close_round,
    create_round,
    erase_personal_data,
    get_round,
    invitations,
    issue_links,
    links_csv,
    list_rounds,
    open_link,
    reminder_csv,
    reopen_round,
    revoke_link,
    round_status,
    save_draft,
    submit,
)
from netwerkkaart.services.rounds.database import connect
from netwerkkaart.services.rounds.municipalities import reference_municipalities
from tests.rounds_support import BASE_URL, good_answers, round_with_links, token_of


def test_a_new_round_invites_every_reference_municipality_but_the_sender(workspace: Path) -> None:
    created = create_round(workspace, "2027", "MBO 2027", afzender="hellendoorn")
    assert (created.key, created.titel, created.jaar, created.afzender_cbs) == (
        "2027",
        "MBO 2027",
        2027,
        "GM0163",
    )
    assert created.state is RoundState.OPEN and created.accepts_answers()
    invited = invitations(workspace, "2027")
    codes = {code for code, _ in reference_municipalities()}
    assert {i.cbs_code for i in invited} == codes - {"GM0163"}
    assert {i.state for i in invited} == {InvitationState.UITGENODIGD}
    assert list_rounds(workspace) == [created] == [get_round(workspace, "2027")]


def test_named_invitees_resolve_like_the_loaders(workspace: Path) -> None:
    create_round(
        workspace, "2027-voorjaar", "Voorjaar", gemeenten=["GM0141", "olst wijhe", "Almelo"]
    )
    assert get_round(workspace, "2027-voorjaar").jaar == 2027
    assert [i.gemeente for i in invitations(workspace, "2027-voorjaar")] == ["Almelo", "Olst-Wijhe"]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (
            {"key": "2027", "gemeenten": ["Zwole"]},
            "Gemeente 'Zwole' is onbekend; bedoelde u Zwolle?",
        ),
        ({"key": "2010"}, "De sleutel '2010' is al een enquêteronde in de referentiegegevens"),
        ({"key": "mbo 27"}, "De rondesleutel 'mbo 27' is ongeldig"),
        ({"key": "voorjaar"}, "begint niet met een jaartal: geef het jaar op (--jaar)"),
        ({"key": "2027", "afzender": "Nergenshuizen"}, "Gemeente 'Nergenshuizen' is onbekend"),
        ({"key": "2027", "sluit_op": date(2020, 1, 1)}, "De sluitdatum 1 januari 2020 ligt in het"),
    ],
)
def test_bad_rounds_are_refused_in_dutch_and_store_nothing(
    workspace: Path, kwargs: dict[str, object], message: str
) -> None:
    with pytest.raises(UserError, match=None) as caught:
        create_round(workspace, titel="T", **kwargs)  # type: ignore[arg-type]
    assert message in str(caught.value)
    assert list_rounds(workspace) == []


def test_a_round_key_without_a_year_takes_jaar(workspace: Path) -> None:
    assert create_round(workspace, "voorjaar", "V", jaar=2028).jaar == 2028


def test_the_same_key_twice_and_an_unknown_round(workspace: Path) -> None:
    create_round(workspace, "2027", "MBO 2027")
    with pytest.raises(UserError, match=r"Er is al een ronde '2027'\."):
        create_round(workspace, "2027", "Nog een")
    with pytest.raises(UserError, match=r"Er is geen ronde '2028'. Bekende rondes: 2027."):
        get_round(workspace, "2028")


def test_links_carry_256_bit_tokens_and_only_their_hash_is_stored(workspace: Path) -> None:
    tokens = round_with_links(workspace, gemeenten=["Almelo", "Borne"])
    assert len(tokens) == 2 and all(len(t) >= 43 for t in tokens.values())
    dump = "\n".join(connect(workspace).iterdump())
    assert not any(token in dump for token in tokens.values())
    assert open_link(workspace, tokens["Borne"]).gemeente == "Borne"


def test_links_once_unless_opnieuw_which_ends_the_earlier_ones(workspace: Path) -> None:
    tokens = round_with_links(workspace, gemeenten=["Almelo"])
    with pytest.raises(UserError, match="al links uitgegeven"):
        issue_links(workspace, "2027", BASE_URL)
    again = issue_links(workspace, "2027", BASE_URL, opnieuw=True)
    with pytest.raises(LinkRefused, match=r"Deze link is ongeldig of ingetrokken\."):
        open_link(workspace, tokens["Almelo"])
    assert open_link(workspace, token_of(again[0])).cbs_code == "GM0141"


def test_a_bad_base_url_is_refused(workspace: Path) -> None:
    create_round(workspace, "2027", "MBO 2027")
    with pytest.raises(UserError, match="De basis-URL 'ftp://x' is ongeldig"):
        issue_links(workspace, "2027", "ftp://x")


def test_revoking_a_link_issues_a_new_one_for_that_municipality_only(workspace: Path) -> None:
    tokens = round_with_links(workspace, gemeenten=["Almelo", "Borne"])
    new = revoke_link(workspace, "2027", "almelo", BASE_URL)
    assert (new.gemeente, new.cbs_code) == ("Almelo", "GM0141")
    assert new.link.startswith(f"{BASE_URL}/?token=")
    with pytest.raises(LinkRefused):
        open_link(workspace, tokens["Almelo"])
    assert open_link(workspace, token_of(new)).gemeente == "Almelo"
    assert open_link(workspace, tokens["Borne"]).gemeente == "Borne"
    with pytest.raises(UserError, match=r"^Zwolle is niet uitgenodigd voor ronde 2027\.$"):
        revoke_link(workspace, "2027", "Zwolle", BASE_URL)
    with pytest.raises(UserError, match=r"^Gemeente 'Almelooo' is onbekend; bedoelde u Almelo\?$"):
        revoke_link(workspace, "2027", "Almelooo", BASE_URL)


def test_closing_stops_every_link_and_reopening_brings_them_back(workspace: Path) -> None:
    tokens = round_with_links(workspace, gemeenten=["Almelo"])
    assert close_round(workspace, "2027").state is RoundState.GESLOTEN
    with pytest.raises(LinkRefused, match="De ronde 2027 is gesloten"):
        open_link(workspace, tokens["Almelo"])
    closing = date.today() + timedelta(days=30)
    reopened = reopen_round(workspace, "2027", sluit_op=closing)
    assert (reopened.state, reopened.sluit_op) == (RoundState.OPEN, closing)
    assert open_link(workspace, tokens["Almelo"]).gemeente == "Almelo"


def test_a_round_past_its_closing_day_refuses_links_as_expired(workspace: Path) -> None:
    tokens = round_with_links(workspace, gemeenten=["Almelo"])
    with connect(workspace) as db:
        db.execute("UPDATE rounds SET sluit_op = '2026-01-31'")
    with pytest.raises(LinkRefused, match=r"De ronde 2027 is verlopen: .* 31 januari 2026"):
        open_link(workspace, tokens["Almelo"])
    with pytest.raises(UserError, match="De sluitdatum 31 januari 2026 is voorbij"):
        reopen_round(workspace, "2027")


def test_status_json_sentence_and_reminders(workspace: Path) -> None:
    tokens = round_with_links(workspace, gemeenten=["Almelo", "Borne", "Dalfsen", "Deventer"])
    save_draft(workspace, tokens["Borne"], good_answers())
    submit(workspace, tokens["Almelo"], good_answers())
    status = round_status(workspace, "2027")
    data = status.as_json()
    assert {k: v for k, v in data.items() if k != "gemeenten"} == {
        "ronde": "2027",
        "uitgenodigd": 4,
        "gestart": 1,
        "verzonden": 1,
        "respons": 0.25,
    }
    by_name = {g["gemeente"]: g for g in data["gemeenten"]}  # type: ignore[attr-defined]
    assert set(by_name["Almelo"]) == {"gemeente", "cbs_code", "status", "verzonden_op"}
    assert (by_name["Almelo"]["status"], by_name["Borne"]["status"]) == ("verzonden", "gestart")
    assert by_name["Almelo"]["verzonden_op"].endswith("+00:00")
    assert by_name["Dalfsen"]["verzonden_op"] is None
    assert status.sentence() == "1 van 4, 25%"
    rows = list(csv.reader(io.StringIO(reminder_csv(workspace, "2027").decode("utf-8-sig"))))
    assert rows == [
        ["gemeente", "cbs_code", "status"],
        ["Borne", "GM0147", "gestart"],
        ["Dalfsen", "GM0148", "uitgenodigd"],
        ["Deventer", "GM0150", "uitgenodigd"],
    ]


def test_links_csv_is_mail_merge_ready(workspace: Path) -> None:
    create_round(workspace, "2027", "MBO 2027", gemeenten=["Almelo"])
    data = links_csv(issue_links(workspace, "2027", BASE_URL))
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["gemeente", "cbs_code", "link"] and rows[1][:2] == ["Almelo", "GM0141"]


def test_erasing_personal_data_blanks_drafts_and_every_sent_version(workspace: Path) -> None:
    tokens = round_with_links(workspace, gemeenten=["Almelo", "Borne", "Dalfsen"])
    submit(workspace, tokens["Almelo"], good_answers())
    submit(workspace, tokens["Almelo"], good_answers())  # history keeps the first version
    save_draft(workspace, tokens["Borne"], good_answers())
    assert erase_personal_data(workspace, "2027") == 2
    assert erase_personal_data(workspace, "2027") == 0
    raw = b"".join(p.read_bytes() for p in workspace.glob("rondes.sqlite*"))
    for text in ("Jet Jansen", "jet@almelo.nl", "beleidsmedewerker"):
        assert text.encode() not in raw


def test_the_database_file_is_private(workspace: Path) -> None:
    create_round(workspace, "2027", "MBO 2027")
    assert (workspace / "rondes.sqlite").stat().st_mode & 0o077 == 0
