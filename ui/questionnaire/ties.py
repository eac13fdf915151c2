"""The Banden step: organisations the municipality works with, municipalities it hooks on at or
learns from. Organisations are rows of a name and two choices (a table editor would hide them
from keyboard users and from the tests); empty rows are left out."""

from __future__ import annotations

import streamlit as st

from netwerkkaart.services.rounds import Tie, TieKind
from ui.questionnaire.answer_widgets import EMPTY_CHOICE
from ui.questionnaire.options import ORGANISATION_KINDS, TIE_LEVELS, municipalities

ROWS_KEY = "q_org_rows"
MUNICIPALITY_TIES: dict[TieKind, str] = {
    TieKind.HAAKT_AAN_BIJ: "Bij welke gemeenten haakt uw gemeente aan (bijvoorbeeld bij hun activiteiten)?",
    TieKind.LEERT_VAN: "Van welke gemeenten leert uw gemeente op het gebied van MBO?",
}


def _org_keys(index: int) -> tuple[str, str, str]:
    return f"q_org_naam_{index}", f"q_org_soort_{index}", f"q_org_niveau_{index}"


def _municipality_key(kind: TieKind) -> str:
    return f"q_tie_{kind.value}"


def seed(ties: list[Tie]) -> None:
    """Put the ties in the widgets' state (when the step opens)."""
    organisations = [t for t in ties if t.relatie is TieKind.WERKT_SAMEN_MET]
    rows = max(len(organisations) + 1, 3)
    st.session_state[ROWS_KEY] = rows
    for index in range(rows):
        tie = organisations[index] if index < len(organisations) else None
        naam, soort, niveau = _org_keys(index)
        st.session_state[naam] = tie.naam if tie else ""
        st.session_state[soort] = (tie.organisatie_soort or "") if tie else ""
        st.session_state[niveau] = (tie.niveau or "") if tie else ""
    for kind in MUNICIPALITY_TIES:
        st.session_state[_municipality_key(kind)] = [t.naam for t in ties if t.relatie is kind]


def _add_row() -> None:
    index = st.session_state[ROWS_KEY]
    for key in _org_keys(index):
        st.session_state[key] = ""
    st.session_state[ROWS_KEY] = index + 1


def draw(own: str) -> None:
    """The step's widgets (seed first); ``own`` is the respondent's municipality, not offered."""
    st.markdown("**Organisaties waarmee uw gemeente samenwerkt op MBO**")
    kinds = {"": EMPTY_CHOICE, **ORGANISATION_KINDS}
    levels = {"": EMPTY_CHOICE, **TIE_LEVELS}
    for index in range(st.session_state[ROWS_KEY]):
        naam, soort, niveau = _org_keys(index)
        cols = st.columns([3, 2, 2])
        cols[0].text_input(f"Organisatie {index + 1}: naam", key=naam)
        cols[1].selectbox(
            f"Organisatie {index + 1}: soort",
            [*kinds, *([st.session_state[soort]] if st.session_state[soort] not in kinds else [])],
            key=soort,
            format_func=lambda k: kinds.get(k, k),
        )
        cols[2].selectbox(
            f"Organisatie {index + 1}: samenwerking",
            [
                *levels,
                *([st.session_state[niveau]] if st.session_state[niveau] not in levels else []),
            ],
            key=niveau,
            format_func=lambda k: levels.get(k, k),
        )
    st.button("Nog een organisatie", on_click=_add_row, icon=":material/add:", key="q_org_add")
    st.markdown("**Andere gemeenten**")
    for kind, label in MUNICIPALITY_TIES.items():
        key = _municipality_key(kind)
        chosen = st.session_state[key]
        offered = [m for m in municipalities() if m != own]
        st.multiselect(
            label,
            offered + [c for c in chosen if c not in offered],
            key=key,
            placeholder="Kies een of meer gemeenten",
        )


def read() -> list[Tie] | None:
    """The ties in the widgets, or None when the step is not on screen."""
    if ROWS_KEY not in st.session_state:
        return None
    ties: list[Tie] = []
    for index in range(st.session_state[ROWS_KEY]):
        naam, soort, niveau = (str(st.session_state.get(k) or "") for k in _org_keys(index))
        if naam.strip():
            ties.append(Tie(TieKind.WERKT_SAMEN_MET, naam.strip(), soort or None, niveau or None))
    for kind in MUNICIPALITY_TIES:
        ties += [Tie(kind, name) for name in st.session_state.get(_municipality_key(kind), [])]
    return ties


def keys() -> list[str]:
    """Every session key of this step, to forget when it closes."""
    rows = st.session_state.get(ROWS_KEY, 0)
    found = [ROWS_KEY, *(_municipality_key(k) for k in MUNICIPALITY_TIES)]
    return found + [k for i in range(rows) for k in _org_keys(i)]
