"""The questionnaire's state in the session and the moves between steps.

The answers live in the session (seeded from the service's current_answers); every move reads
the open step's widgets into them and saves a draft, so closing the browser loses at most the
step on screen. Everything is scoped to one link: a session that sees another token starts
afresh, so one municipality's answers never show under another's link.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path

import streamlit as st

from loaders.problems import Level, Problem
from netwerkkaart.services import rounds
from netwerkkaart.services.errors import UserError
from ui.questionnaire import answer_widgets, confirmations, contact, ties
from ui.questionnaire.fields import ANSWER_STEPS, CONTACT, STEP_TITLES, TIED_COLUMNS, TIES

PREFIX = "q_"
LINK = "q_link"
ANSWERS = "q_answers"
STEP = "q_step"
SAVED_AT = "q_saved_at"
SENT_AT = "q_sent_at"
PROBLEMS = "q_problems"
ERROR = "q_error"
SEEDED = "q_seeded"


def _fingerprint(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start(workspace: Path, token: str) -> None:
    """Load this link's answers once per session (and forget any other link's state)."""
    if st.session_state.get(LINK) == _fingerprint(token):
        return
    for key in [k for k in st.session_state if str(k).startswith(PREFIX)]:
        del st.session_state[key]
    answers = as_asked(rounds.current_answers(workspace, token))
    opened = rounds.open_link(workspace, token)
    confirmations.load(workspace, opened.round.key, opened.gemeente)
    st.session_state[ANSWERS] = answers
    st.session_state[STEP] = 0
    st.session_state[PROBLEMS] = rounds.check_answers(workspace, token, answers)
    st.session_state[LINK] = _fingerprint(token)


def as_asked(answers: rounds.Answers) -> rounds.Answers:
    """The answers as the questionnaire asks them: the template's ``haakt_aan_bij`` column (an
    earlier template or form) becomes hook-on ties, which the Banden step shows and edits."""
    named = {t.naam for t in answers.banden if t.relatie is rounds.TieKind.HAAKT_AAN_BIJ}
    for column in TIED_COLUMNS:
        for name in answers.velden.pop(column, "").split(";"):
            if name.strip() and name.strip() not in named:
                answers.banden.append(rounds.Tie(rounds.TieKind.HAAKT_AAN_BIJ, name.strip()))
                named.add(name.strip())
    return answers


def answers() -> rounds.Answers:
    found: rounds.Answers = st.session_state[ANSWERS]
    return found


def step() -> int:
    return int(st.session_state[STEP])


def problems() -> list[Problem]:
    return list(st.session_state.get(PROBLEMS, []))


def errors() -> list[Problem]:
    return [p for p in problems() if p.level is Level.FOUT]


def seed_step() -> None:
    """Put the open step's answers in its widgets, once each time the step opens."""
    if st.session_state.get(SEEDED) == step():
        return
    title = STEP_TITLES[step()]
    if title == TIES:
        ties.seed(answers().banden)
        confirmations.seed(answers().bevestigingen)
    elif title == CONTACT:
        contact.seed(answers().respondent)
    st.session_state[SEEDED] = step()


def _collect() -> None:
    """The open step's widgets into the answers, then forget the widgets."""
    current, title = answers(), STEP_TITLES[step()]
    if step() < len(ANSWER_STEPS):
        fields = ANSWER_STEPS[step()].fields
        for field in fields:
            cell = answer_widgets.read(field)
            if cell is not None:
                current.velden[field.column] = cell
        stale = [answer_widgets.widget_key(f) for f in fields]
    elif title == TIES:
        found = ties.read()
        if found is not None:
            current.banden = found
        answered = confirmations.read()
        if answered is not None:
            current.bevestigingen = answered
        stale = ties.keys() + confirmations.keys()
    elif title == CONTACT:
        respondent = contact.read()
        if respondent is not None:
            current.respondent = respondent
        stale = contact.keys()
    else:
        stale = []
    for key in stale:
        st.session_state.pop(key, None)
    st.session_state.pop(SEEDED, None)


def save(workspace: Path, token: str) -> bool:
    """Save the answers as a draft and check them; False (with the reason kept) on refusal."""
    st.session_state.pop(ERROR, None)
    try:
        rounds.save_draft(workspace, token, answers())
        st.session_state[PROBLEMS] = rounds.check_answers(workspace, token, answers())
    except UserError as exc:
        st.session_state[ERROR] = str(exc)
        return False
    st.session_state[SAVED_AT] = datetime.now(UTC)
    return True


def move(workspace: Path, token: str, to: int) -> None:
    """Button callback: keep the open step, save a draft, open step ``to``."""
    _collect()
    if save(workspace, token):
        st.session_state[STEP] = max(0, min(to, len(STEP_TITLES) - 1))


def send(workspace: Path, token: str) -> None:
    """Button callback: save, then submit; problems or a refusal stay on the summary."""
    st.session_state.pop(ERROR, None)
    try:
        sent = rounds.submit(workspace, token, answers())
    except rounds.AnswersRejected as exc:
        st.session_state[PROBLEMS] = list(exc.problems)
        st.session_state[ERROR] = str(exc)
        return
    except UserError as exc:
        st.session_state[ERROR] = str(exc)
        return
    st.session_state[SENT_AT] = sent


def change_again() -> None:
    """Button callback after sending: back to the first step."""
    st.session_state.pop(SENT_AT, None)
    st.session_state.pop(SEEDED, None)
    st.session_state[STEP] = 0
