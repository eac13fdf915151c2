"""Helpers for tests of survey rounds: a round with links, and answers that pass the checks."""

from __future__ import annotations

from pathlib import Path

from netwerkkaart.services.rounds import (
    Answers,
    InvitationLink,
    Respondent,
    Tie,
    TieKind,
    create_round,
    issue_links,
)

BASE_URL = "https://enquete.example.nl"


def token_of(entry: InvitationLink) -> str:
    return entry.link.split("?token=", 1)[1]


def round_with_links(
    workspace: Path, key: str = "2027", gemeenten: list[str] | None = None
) -> dict[str, str]:
    """A new round (sender Hellendoorn) with its links: municipality name -> token."""
    create_round(workspace, key, f"MBO {key}", gemeenten=gemeenten, afzender="Hellendoorn")
    return {entry.gemeente: token_of(entry) for entry in issue_links(workspace, key, BASE_URL)}


def good_answers(respondent: Respondent | None = None) -> Answers:
    """Answers every check accepts: vocabulary keys, a partner, a hook-on and a learning tie."""
    return Answers(
        velden={
            "activiteiten": "nl-doet;beursvloer",
            "samenwerking_ondernemers": "structureel",
            "ondernemersnetwerken": "Ondernemerskring Oost",
            "ambitie": "ja",
            "themas": "mbo-beleid;kanteling",
            "toelichting": "Echte antwoorden uit de ronde.",
        },
        banden=[
            Tie(TieKind.WERKT_SAMEN_MET, "Stichting Samen Doen", "organisatie", "structureel"),
            Tie(TieKind.HAAKT_AAN_BIJ, "Zwolle"),
            Tie(TieKind.LEERT_VAN, "Deventer"),
        ],
        respondent=respondent or Respondent("Jet Jansen", "beleidsmedewerker", "jet@almelo.nl"),
    )
