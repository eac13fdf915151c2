"""Part of the Banden step: every tie another municipality reported with this one, asked back
("Almelo noemt een samenwerking met u: klopt dat?" ja / nee / weet niet). The questions come
from rounds.ties_reported_about when the link opens; an unanswered one counts as "weet niet"."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from netwerkkaart.services import rounds
from netwerkkaart.services.rounds.answers import Confirmation, Verdict
from ui.common import md

ASKED = "q_asked"
VERDICTS: dict[str, str] = {
    Verdict.JA.value: "ja",
    Verdict.NEE.value: "nee",
    Verdict.WEET_NIET.value: "weet niet",
}
_WHAT: dict[rounds.TieKind, str] = {
    rounds.TieKind.HAAKT_AAN_BIJ: "haakt aan bij uw gemeente",
    rounds.TieKind.LEERT_VAN: "leert van uw gemeente",
    rounds.TieKind.WERKT_SAMEN_MET: "werkt samen met uw gemeente",
}


def question(reporter: str, kind: rounds.TieKind) -> str:
    """The question about one reported tie (names as markdown-escaped text)."""
    return f"{md(reporter)} noemt een samenwerking met u ({md(reporter)} {_WHAT[kind]}): klopt dat?"


def load(workspace: Path, key: str, gemeente: str) -> None:
    """Remember which ties others reported with ``gemeente`` in round ``key`` (once per link)."""
    reported = rounds.ties_reported_about(workspace, key, gemeente)
    st.session_state[ASKED] = [(reporter, tie.relatie) for reporter, tie in reported]


def asked() -> list[tuple[str, rounds.TieKind]]:
    return list(st.session_state.get(ASKED, []))


def _key(index: int) -> str:
    return f"q_conf_{index}"


def seed(given: list[Confirmation]) -> None:
    """Put the earlier answers in the radios (a question no longer asked is dropped)."""
    answered = {(c.van, c.relatie): c.antwoord for c in given}
    for index, (reporter, kind) in enumerate(asked()):
        verdict = answered.get((reporter, kind))
        st.session_state[_key(index)] = verdict.value if verdict else None


def draw() -> None:
    if not asked():
        return
    st.markdown("**Banden die andere gemeenten met u noemen**")
    for index, (reporter, kind) in enumerate(asked()):
        st.radio(
            question(reporter, kind),
            list(VERDICTS),
            key=_key(index),
            format_func=lambda v: VERDICTS.get(v, v),
            horizontal=True,
        )


def read() -> list[Confirmation] | None:
    """The answers in the radios (unanswered ones left out), or None off screen."""
    if not asked() or _key(0) not in st.session_state:
        return None
    found = []
    for index, (reporter, kind) in enumerate(asked()):
        value = st.session_state.get(_key(index))
        if value:
            found.append(Confirmation(reporter, kind, Verdict(value)))
    return found


def keys() -> list[str]:
    return [_key(index) for index in range(len(asked()))]
