"""The Contactpersoon step: optional, and saying why it is asked and how long it is kept."""

from __future__ import annotations

import streamlit as st

from netwerkkaart.services.rounds import Respondent

WHY = (
    "Deze gegevens zijn **niet verplicht**. De coördinator van de ronde gebruikt ze alleen om u "
    "te benaderen met een vraag over uw antwoorden. Ze worden uitsluitend bewaard in de "
    "rondedatabase van de coördinator, nooit in de netwerkkaart, de exports of de logboeken, en "
    "gewist zodra uw antwoorden zijn nagekeken, uiterlijk wanneer de uitkomsten van de ronde "
    "worden besproken."
)
FIELDS = (("naam", "Uw naam"), ("rol", "Uw functie of rol"), ("email", "Uw e-mailadres"))


def _key(name: str) -> str:
    return f"q_resp_{name}"


def seed(respondent: Respondent) -> None:
    for name, _ in FIELDS:
        st.session_state[_key(name)] = getattr(respondent, name)


def draw() -> None:
    st.markdown(WHY)
    for name, label in FIELDS:
        st.text_input(label, key=_key(name))


def read() -> Respondent | None:
    if _key("naam") not in st.session_state:
        return None
    return Respondent(
        **{name: str(st.session_state.get(_key(name)) or "").strip() for name, _ in FIELDS}
    )


def keys() -> list[str]:
    return [_key(name) for name, _ in FIELDS]
