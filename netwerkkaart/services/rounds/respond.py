"""The respondent's side: what one link may open, read and change — its own municipality's
questionnaire in its own round, nothing else. Every call checks the token again, so a link
revoked or a round closed a moment ago stops working at once.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from loaders.problems import Level, Problem
from netwerkkaart.services.errors import UserError
from netwerkkaart.services.rounds.answer_files import check
from netwerkkaart.services.rounds.answers import Answers, Tie, TieKind, confirmations_json
from netwerkkaart.services.rounds.database import now_utc, reading, to_text, writing
from netwerkkaart.services.rounds.model import (
    AnswersRejected,
    LinkRefused,
    OpenLink,
    Round,
)
from netwerkkaart.services.rounds.municipalities import municipality_index
from netwerkkaart.services.rounds.records import (
    answers_of,
    current_submission,
    find_round,
    invitation_named,
    invitations_of,
)
from netwerkkaart.services.rounds.tokens import token_hash

INVALID_LINK = "Deze link is ongeldig of ingetrokken."
MAX_TOKEN_LENGTH = 200
#: Far above any real questionnaire; stops a hostile page from filling the database.
MAX_ANSWERS_BYTES = 256 * 1024


def _opened(db: sqlite3.Connection, token: str) -> OpenLink:
    if not isinstance(token, str) or not token or len(token) > MAX_TOKEN_LENGTH:
        raise LinkRefused(INVALID_LINK)
    row = db.execute(
        "SELECT * FROM invitations WHERE token_hash = ?", (token_hash(token),)
    ).fetchone()
    if row is None:
        raise LinkRefused(INVALID_LINK)
    round_ = find_round(db, row["round_key"])
    refusal = round_.refusal()
    if refusal:
        raise LinkRefused(refusal)
    return OpenLink(round_, row["gemeente"], row["cbs_code"])


def open_link(workspace: Path, token: str) -> OpenLink:
    """The round and municipality a link opens; LinkRefused for any link that opens nothing."""
    with reading(workspace) as db:
        return _opened(db, token)


def current_answers(workspace: Path, token: str) -> Answers:
    """The draft; else this round's sent answer; else the latest answer the municipality sent
    in an earlier round (without its respondent); else empty answers."""
    with reading(workspace) as db:
        opened = _opened(db, token)
        key, code = opened.round.key, opened.cbs_code
        draft = db.execute(
            "SELECT * FROM drafts WHERE round_key = ? AND cbs_code = ?", (key, code)
        ).fetchone()
        if draft is not None:
            return answers_of(draft)
        return _sent_answers(db, key, code)


def _sent_answers(db: sqlite3.Connection, key: str, code: str) -> Answers:
    """This round's sent answer; else the latest answer sent in an earlier round (without its
    respondent); else empty answers."""
    sent = current_submission(db, key, code)
    if sent is not None:
        return answers_of(sent)
    earlier = db.execute(
        "SELECT * FROM submissions WHERE cbs_code = ? AND round_key != ? "
        "ORDER BY verzonden_op DESC, id DESC LIMIT 1",
        (code, key),
    ).fetchone()
    if earlier is None:
        return Answers.empty()
    answers = answers_of(earlier, with_respondent=False)
    answers.bevestigingen = []  # they answered that round's reports, not this one's
    return answers


def answers_for(workspace: Path, key: str, gemeente: str) -> Answers:
    """A municipality's sent answers as :func:`current_answers` finds them, without a link and
    without its draft (the respondent's own): what the coordinator's pre-filled Excel form holds,
    and the ties a template row (which names none) keeps."""
    with reading(workspace) as db:
        find_round(db, key)
        invitation = invitation_named(db, key, gemeente)
        return _sent_answers(db, key, invitation.cbs_code)


def _serialised(answers: Answers) -> str:
    text = answers.to_json()
    personal = answers.respondent
    size = len(text.encode()) + len(f"{personal.naam}{personal.rol}{personal.email}".encode())
    size += len(confirmations_json(answers.bevestigingen).encode())
    if size > MAX_ANSWERS_BYTES:
        raise UserError("De antwoorden zijn te lang om op te slaan; kort de toelichting in.")
    return text


def save_draft(workspace: Path, token: str, answers: Answers) -> None:
    """Keep the answers as a draft (one transaction); the invitation counts as started."""
    text = _serialised(answers)
    person = answers.respondent
    with writing(workspace, durable=False) as db:
        opened = _opened(db, token)
        now = to_text(now_utc())
        db.execute(
            "INSERT INTO drafts (round_key, cbs_code, answers, naam, rol, email, opgeslagen_op,"
            " bevestigingen) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (round_key, cbs_code)"
            " DO UPDATE SET answers = excluded.answers, naam = excluded.naam, rol = excluded.rol,"
            " email = excluded.email, opgeslagen_op = excluded.opgeslagen_op,"
            " bevestigingen = excluded.bevestigingen",
            (
                opened.round.key,
                opened.cbs_code,
                text,
                person.naam,
                person.rol,
                person.email,
                now,
                confirmations_json(answers.bevestigingen),
            ),
        )
        db.execute(
            "UPDATE invitations SET gestart_op = COALESCE(gestart_op, ?) "
            "WHERE round_key = ? AND cbs_code = ?",
            (now, opened.round.key, opened.cbs_code),
        )


def check_answers(workspace: Path, token: str, answers: Answers) -> list[Problem]:
    """Every problem of ``answers`` by the loaders' rules and Dutch messages (see
    :func:`~netwerkkaart.services.rounds.answer_files.check` for where each points)."""
    opened = open_link(workspace, token)
    return check(opened.round, opened.gemeente, opened.cbs_code, answers)


def _errors(round_: Round, gemeente: str, cbs_code: str, answers: Answers) -> None:
    errors = [p for p in check(round_, gemeente, cbs_code, answers) if p.level is Level.FOUT]
    if errors:
        raise AnswersRejected(errors)


def _store(db: sqlite3.Connection, key: str, cbs_code: str, answers: Answers, via: str) -> datetime:
    """The new current answer (earlier ones stay as history); the draft is done with."""
    moment = now_utc()
    person = answers.respondent
    db.execute(
        "INSERT INTO submissions (round_key, cbs_code, answers, naam, rol, email, via,"
        " verzonden_op, bevestigingen) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            key,
            cbs_code,
            _serialised(answers),
            person.naam,
            person.rol,
            person.email,
            via,
            to_text(moment),
            confirmations_json(answers.bevestigingen),
        ),
    )
    db.execute(
        "UPDATE invitations SET verzonden_op = ?, gestart_op = COALESCE(gestart_op, ?) "
        "WHERE round_key = ? AND cbs_code = ?",
        (to_text(moment), to_text(moment), key, cbs_code),
    )
    db.execute("DELETE FROM drafts WHERE round_key = ? AND cbs_code = ?", (key, cbs_code))
    return moment


def submit(workspace: Path, token: str, answers: Answers) -> datetime:
    """Send the answers: checked first (AnswersRejected), then stored in one transaction."""
    opened = open_link(workspace, token)
    _errors(opened.round, opened.gemeente, opened.cbs_code, answers)
    with writing(workspace) as db:
        opened = _opened(db, token)  # still valid now that we hold the write lock
        return _store(db, opened.round.key, opened.cbs_code, answers, "link")


def submit_for(workspace: Path, key: str, gemeente: str, answers: Answers, *, via: str) -> datetime:
    """Send answers the coordinator brings in (an Excel form, a template file) for an invited
    municipality of an open round; the same checks as a respondent's."""
    return submit_all(workspace, key, [(gemeente, answers, via)])[0]


def submit_all(
    workspace: Path, key: str, entries: Sequence[tuple[str, Answers, str]]
) -> list[datetime]:
    """:func:`submit_for` for several municipalities (``(gemeente, answers, via)``) at once, in
    ONE transaction: an import is stored whole or not at all, also when storing fails midway."""
    with reading(workspace) as db:
        round_ = find_round(db, key)
        invited = [(invitation_named(db, key, g), answers, via) for g, answers, via in entries]
    refusal = round_.refusal()
    if refusal:
        raise UserError(f"{refusal} Heropen de ronde om antwoorden toe te voegen.")
    for invitation, answers, _ in invited:
        _errors(round_, invitation.gemeente, invitation.cbs_code, answers)
    with writing(workspace) as db:
        refusal = find_round(db, key).refusal()
        if refusal:
            raise UserError(refusal)
        return [_store(db, key, i.cbs_code, answers, via) for i, answers, via in invited]


def _named_ties(answers: Answers) -> list[Tie]:
    """The ties between municipalities, including the template column ``haakt_aan_bij``."""
    ties = [t for t in answers.banden if t.relatie.between_municipalities]
    for name in answers.cell("haakt_aan_bij").split(";"):
        if name.strip():
            ties.append(Tie(TieKind.HAAKT_AAN_BIJ, name.strip()))
    return ties


def ties_reported_about(workspace: Path, key: str, gemeente: str) -> list[tuple[str, Tie]]:
    """(reporting municipality, tie) for each current sent answer of the round that names
    ``gemeente`` as a municipality it hooks on at or learns from."""
    index = municipality_index()
    resolution = index.resolve(gemeente)
    if resolution.key is None:
        raise UserError(resolution.unknown_message("gemeente", gemeente))
    found: list[tuple[str, Tie]] = []
    with reading(workspace) as db:
        find_round(db, key)
        for invitation in invitations_of(db, key):
            sent = current_submission(db, key, invitation.cbs_code)
            if sent is None:
                continue
            seen: set[tuple[TieKind, str]] = set()
            for tie in _named_ties(answers_of(sent, with_respondent=False)):
                if (
                    index.resolve(tie.naam).key == resolution.key
                    and (tie.relatie, resolution.key) not in seen
                ):
                    seen.add((tie.relatie, resolution.key))
                    found.append((invitation.gemeente, tie))
    return found
