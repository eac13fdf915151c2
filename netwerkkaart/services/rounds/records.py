"""Rows of the rounds database as the package's dataclasses, and the look-ups both sides share."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime

from netwerkkaart.services.errors import UserError
from netwerkkaart.services.rounds.answers import Answers, Respondent, confirmations_from_json
from netwerkkaart.services.rounds.database import from_text
from netwerkkaart.services.rounds.model import Invitation, InvitationState, Round, RoundState
from netwerkkaart.services.rounds.municipalities import (
    municipality_index,
    reference_municipalities,
    resolve_municipality,
)


def round_of(row: sqlite3.Row) -> Round:
    created = from_text(row["aangemaakt_op"])
    assert created is not None
    return Round(
        key=row["key"],
        titel=row["titel"],
        jaar=row["jaar"],
        afzender_cbs=row["afzender_cbs"],
        sluit_op=date.fromisoformat(row["sluit_op"]) if row["sluit_op"] else None,
        state=RoundState(row["state"]),
        aangemaakt_op=created,
    )


def invitation_state(row: sqlite3.Row) -> InvitationState:
    if row["verzonden_op"]:
        return InvitationState.VERZONDEN
    if row["gestart_op"]:
        return InvitationState.GESTART
    return InvitationState.UITGENODIGD


def invitation_of(row: sqlite3.Row) -> Invitation:
    return Invitation(
        round_key=row["round_key"],
        gemeente=row["gemeente"],
        cbs_code=row["cbs_code"],
        state=invitation_state(row),
        gestart_op=from_text(row["gestart_op"]),
        verzonden_op=from_text(row["verzonden_op"]),
    )


def answers_of(row: sqlite3.Row, with_respondent: bool = True) -> Answers:
    respondent = (
        Respondent(row["naam"], row["rol"], row["email"]) if with_respondent else Respondent()
    )
    answers = Answers.from_json(row["answers"], respondent)
    answers.bevestigingen = confirmations_from_json(row["bevestigingen"])
    return answers


def find_round(connection: sqlite3.Connection, key: str) -> Round:
    """The round ``key``, or a Dutch UserError naming the rounds there are."""
    row = connection.execute("SELECT * FROM rounds WHERE key = ?", (key,)).fetchone()
    if row is not None:
        return round_of(row)
    keys = [r["key"] for r in connection.execute("SELECT key FROM rounds ORDER BY key")]
    known = f"Bekende rondes: {', '.join(keys)}." if keys else "Er zijn nog geen rondes."
    raise UserError(f"Er is geen ronde '{key}'. {known}")


def current_submission(
    connection: sqlite3.Connection, key: str, cbs_code: str
) -> sqlite3.Row | None:
    """The latest sent answer of a municipality in a round (earlier ones are history)."""
    return connection.execute(
        "SELECT * FROM submissions WHERE round_key = ? AND cbs_code = ? ORDER BY id DESC LIMIT 1",
        (key, cbs_code),
    ).fetchone()


def sent_at(row: sqlite3.Row) -> datetime:
    moment = from_text(row["verzonden_op"])
    assert moment is not None
    return moment


def invitations_of(db: sqlite3.Connection, key: str) -> list[Invitation]:
    rows = db.execute(
        "SELECT * FROM invitations WHERE round_key = ? ORDER BY gemeente", (key,)
    ).fetchall()
    return [invitation_of(r) for r in rows]


def invitation_named(db: sqlite3.Connection, key: str, gemeente: str) -> Invitation:
    """The invitation of the round for the municipality ``gemeente`` names (UserError if none)."""
    invited = invitations_of(db, key)
    entries = tuple((i.cbs_code, i.gemeente) for i in invited)
    known = municipality_index().resolve(gemeente).key
    if known and known not in dict(entries):
        name = dict(reference_municipalities())[known]
        raise UserError(f"{name} is niet uitgenodigd voor ronde {key}.")
    code = resolve_municipality(gemeente, entries)
    return next(i for i in invited if i.cbs_code == code)
