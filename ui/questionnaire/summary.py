"""The summary before sending: every answer as the respondent gave it, escaped, with the
problems the checks found and a way back to the step that has them."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from loaders.problems import Problem
from netwerkkaart.services.rounds import Answers, TieKind
from ui.common import md
from ui.questionnaire import confirmations
from ui.questionnaire.answer_widgets import show_label
from ui.questionnaire.contact import FIELDS as CONTACT_FIELDS
from ui.questionnaire.fields import ANSWER_STEPS, CONTACT, STEP_TITLES, TIES, step_of
from ui.questionnaire.options import ORGANISATION_KINDS, TIE_LEVELS
from ui.questionnaire.ties import MUNICIPALITY_TIES

NOTHING = "*(niet ingevuld)*"


def _line(label: str, value: str) -> str:
    return f"- **{md(label)}** {md(value) if value.strip() else NOTHING}"


def _organisation(naam: str, soort: str | None, niveau: str | None) -> str:
    details = [
        ORGANISATION_KINDS.get(soort or "", soort or ""),
        TIE_LEVELS.get(niveau or "", niveau or ""),
    ]
    shown = ", ".join(d for d in details if d)
    return f"- {md(naam)}" + (f" ({md(shown)})" if shown else "")


def draw(answers: Answers) -> None:
    """Every step's answers under its title."""
    for step in ANSWER_STEPS:
        st.markdown(f"**{step.title}**")
        st.markdown(
            "\n".join(
                _line(f.label, show_label(f, answers.velden.get(f.column, ""))) for f in step.fields
            )
        )
    st.markdown(f"**{TIES}**")
    organisations = [t for t in answers.banden if t.relatie is TieKind.WERKT_SAMEN_MET]
    lines = [_organisation(t.naam, t.organisatie_soort, t.niveau) for t in organisations]
    st.markdown("Organisaties:\n\n" + ("\n".join(lines) if lines else NOTHING))
    st.markdown(
        "\n".join(
            _line(label, "; ".join(t.naam for t in answers.banden if t.relatie is kind))
            for kind, label in MUNICIPALITY_TIES.items()
        )
    )
    asked = confirmations.asked()
    if asked:
        given = {(c.van, c.relatie): c.antwoord for c in answers.bevestigingen}
        st.markdown(
            "Banden die andere gemeenten met u noemen:\n\n"
            + "\n".join(
                f"- {confirmations.question(reporter, kind)} "
                f"**{confirmations.VERDICTS.get(given.get((reporter, kind), ''), 'weet niet')}**"
                for reporter, kind in asked
            )
        )
    st.markdown(f"**{CONTACT}**")
    st.markdown(
        "\n".join(_line(label, getattr(answers.respondent, name)) for name, label in CONTACT_FIELDS)
    )


def problems_by_step(found: list[Problem], go: Callable[[int], None]) -> None:
    """The problems, each under the step that asks it, with a button to open that step."""
    steps: dict[str, list[Problem]] = {}
    for problem in found:
        steps.setdefault(step_of(problem.column or ""), []).append(problem)
    for title, listed in steps.items():
        st.error(
            f"**{title}**\n\n" + "\n".join(f"- {md(p.message)}" for p in listed),
            icon=":material/error:",
        )
        st.button(
            f"Naar {title}",
            key=f"q_goto_{title}",
            on_click=go,
            args=(STEP_TITLES.index(title),),
        )
