"""The questionnaire page: one municipality's steps, reached through its link only.

Every run re-opens the link (rounds.open_link re-checks the token: revoked, closed, expired),
and a refused link shows one Dutch line and nothing else.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from loaders.problems import Problem
from netwerkkaart.services import rounds
from netwerkkaart.services.errors import UserError
from ui.common import md
from ui.dates import clock, dutch_date, dutch_moment
from ui.questionnaire import answer_widgets, confirmations, contact, flow, summary, ties
from ui.questionnaire.fields import ANSWER_STEPS, CONTACT, STEP_TITLES, SUMMARY, TIES, step_of

NO_LINK = "Open de vragenlijst met de persoonlijke link uit de uitnodiging van uw gemeente."


def _until(link: rounds.OpenLink) -> str:
    sluit = link.round.sluit_op
    return f"tot en met {dutch_date(sluit)}" if sluit else "zolang de ronde openstaat"


def _problems_here(found: list[Problem], title: str) -> list[Problem]:
    return [p for p in found if step_of(p.column or "") == title]


def _field_problems(found: list[Problem], column: str) -> None:
    for problem in found:
        if problem.column == column:
            st.error(md(problem.message), icon=":material/error:")


def _answer_step(index: int) -> None:
    step, found = ANSWER_STEPS[index], flow.problems()
    st.markdown(step.intro)
    for field in step.fields:
        answer_widgets.draw(field, flow.answers().velden.get(field.column, ""))
        _field_problems(found, field.column)


def _listed_problems(title: str) -> None:
    """The step's problems; one about a tie names it (``row`` is its place in the ties)."""
    ties_given = flow.answers().banden
    for problem in _problems_here(flow.problems(), title):
        row = problem.row if problem.column == "banden" else None
        tie = ties_given[row - 1] if row and 0 < row <= len(ties_given) else None
        named = f"{tie.naam.strip() or f'Band {row}'}: " if tie else ""
        st.error(md(named + problem.message), icon=":material/error:")


def _body(link: rounds.OpenLink, home: Path, token: str) -> None:
    title = STEP_TITLES[flow.step()]
    if flow.step() < len(ANSWER_STEPS):
        _answer_step(flow.step())
    elif title == TIES:
        ties.draw(link.gemeente)
        confirmations.draw()
        _listed_problems(TIES)
    elif title == CONTACT:
        contact.draw()
        _listed_problems(CONTACT)
    else:
        st.markdown(
            "Controleer uw antwoorden. Wijzigen kan via **Vorige** of de knoppen hieronder."
        )
        summary.draw(flow.answers())
        summary.problems_by_step(flow.errors(), lambda to: flow.move(home, token, to))


def _buttons(home: Path, token: str) -> None:
    left, _, right = st.columns([1, 3, 1])
    if flow.step() > 0:
        left.button(
            "Vorige",
            key="q_prev",
            on_click=flow.move,
            args=(home, token, flow.step() - 1),
            icon=":material/arrow_back:",
            width="stretch",
        )
    if STEP_TITLES[flow.step()] == SUMMARY:
        right.button(
            "Verzenden",
            key="q_send",
            type="primary",
            on_click=flow.send,
            args=(home, token),
            disabled=bool(flow.errors()),
            icon=":material/send:",
            width="stretch",
        )
    else:
        right.button(
            "Volgende",
            key="q_next",
            type="primary",
            on_click=flow.move,
            args=(home, token, flow.step() + 1),
            icon=":material/arrow_forward:",
            width="stretch",
        )


def _thanks(link: rounds.OpenLink) -> None:
    sent = st.session_state[flow.SENT_AT]
    st.success(
        f"Hartelijk dank! Uw antwoorden zijn verzonden op {dutch_moment(sent)}.",
        icon=":material/check_circle:",
    )
    st.markdown(f"U kunt {_until(link)} uw antwoorden nog wijzigen: open dan opnieuw uw link.")
    st.button("Antwoorden wijzigen", key="q_change", on_click=flow.change_again)


def show(home: Path, token: str | None) -> None:
    """The questionnaire of the municipality ``token`` belongs to, or one line saying why not."""
    if not token:
        st.info(NO_LINK)
        return
    try:
        link = rounds.open_link(home, token)
        flow.start(home, token)
    except UserError as exc:
        st.error(md(exc))
        return
    st.title(f"Vragenlijst {md(link.round.titel)}")
    st.caption(
        f"Gemeente {md(link.gemeente)} · antwoorden welkom {_until(link)} · "
        "uw antwoorden worden bij elke stap als concept bewaard"
    )
    if flow.SENT_AT in st.session_state:
        _thanks(link)
        return
    problem = st.session_state.get(flow.ERROR)
    if problem:
        st.error(md(problem), icon=":material/error:")
    number = flow.step() + 1
    st.progress(number / len(STEP_TITLES), text=f"Stap {number} van {len(STEP_TITLES)}")
    st.subheader(STEP_TITLES[flow.step()])
    flow.seed_step()
    _body(link, home, token)
    _buttons(home, token)
    saved = st.session_state.get(flow.SAVED_AT)
    if saved:
        st.caption(f":material/cloud_done: Concept opgeslagen om {clock(saved)}")
