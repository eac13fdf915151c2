"""The coordinator's page for a survey round: who answered, the response against the previous
wave, the reminder list, closing and reopening, and folding the answers into the graph."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pandas as pd
import streamlit as st

from graph.analysis.survey_findings import wave_before
from netwerkkaart.services import rounds
from netwerkkaart.services import workspace as ws
from netwerkkaart.services.errors import UserError
from ui.common import USER_ERRORS, fit_height, md
from ui.dates import dutch_date, dutch_moment
from ui.state import StoreChoice, load_graph

STATUS_LABELS = {
    rounds.InvitationState.UITGENODIGD: "uitgenodigd",
    rounds.InvitationState.GESTART: "gestart (concept)",
    rounds.InvitationState.VERZONDEN: "verzonden",
}
FLASH = "ronde_flash"


def pick_round(home: Path) -> rounds.Round | None:
    """The round the coordinator looks at (latest first), or None (with a hint) when there is none."""
    known = sorted(rounds.list_rounds(home), key=lambda r: r.aangemaakt_op, reverse=True)
    if not known:
        st.info(
            "Er is nog geen enquêteronde. Maak er een op de commandoregel: "
            '`netwerkkaart ronde nieuw 2027 --titel "MBO 2027"`, en maak de links met '
            "`netwerkkaart ronde uitnodigen 2027 --out links.csv`.",
            icon=":material/info:",
        )
        return None
    by_key = {r.key: r for r in known}
    key = st.selectbox(
        "Ronde",
        list(by_key),
        format_func=lambda k: f"{k} · {by_key[k].titel} ({by_key[k].state.value})",
        key="ronde_key",
    )
    return by_key[str(key)]


def _state_line(round_: rounds.Round) -> str:
    until = f", antwoorden welkom t/m {dutch_date(round_.sluit_op)}" if round_.sluit_op else ""
    if round_.state is rounds.RoundState.OPEN:
        return f"De ronde staat **open**{until}."
    return "De ronde is **gesloten**: links werken niet meer."


def _wave_sentence(wave: dict[str, object]) -> str | None:
    answered, invited, pct = (
        wave.get("respondenten"),
        wave.get("uitgenodigd"),
        wave.get("respons_pct"),
    )
    if answered is None or invited is None:
        return None
    shown = (
        f"{float(str(pct)):.0f}"
        if pct is not None
        else f"{100 * int(str(answered)) / int(str(invited)):.0f}"
    )
    return f"{answered} van {invited}, {shown}%"


def response(home: Path, round_: rounds.Round, choice: StoreChoice) -> None:
    """The counts, the response and how it compares with the previous wave in the graph."""
    status = rounds.round_status(home, round_.key)
    cols = st.columns(4)
    cols[0].metric("Uitgenodigd", len(status.invitations))
    cols[1].metric("Gestart", status.count(rounds.InvitationState.GESTART))
    cols[2].metric("Verzonden", status.count(rounds.InvitationState.VERZONDEN))
    cols[3].metric("Respons", status.sentence())
    try:
        graph, _ = load_graph(choice)
    except USER_ERRORS:
        graph = nx.MultiDiGraph()
    wave = wave_before(graph, round_.jaar, round_.key)
    sentence = _wave_sentence(wave) if wave else None
    if wave and sentence:
        name, year = str(wave.get("naam", "")), str(wave.get("enquete_jaar", ""))
        label = name if year in name else f"{name} ({year})"
        st.markdown(f"Ter vergelijking: {md(label)} had een respons van **{md(sentence)}**.")
    else:
        st.caption("Er staat geen eerdere enquêteronde in de graaf om mee te vergelijken.")


def municipalities(home: Path, round_: rounds.Round) -> None:
    """One row per invited municipality: its status and when it sent."""
    rows = [
        {
            "gemeente": inv.gemeente,
            "cbs_code": inv.cbs_code,
            "status": STATUS_LABELS.get(inv.state, inv.state.value),
            "verzonden op": dutch_moment(inv.verzonden_op) if inv.verzonden_op else "",
        }
        for inv in sorted(rounds.invitations(home, round_.key), key=lambda i: i.gemeente)
    ]
    frame = pd.DataFrame(rows, columns=["gemeente", "cbs_code", "status", "verzonden op"])
    st.dataframe(frame, hide_index=True, height=fit_height(len(frame)), width="stretch")
    st.download_button(
        "Herinneringslijst (CSV): wie nog niet heeft verzonden",
        rounds.reminder_csv(home, round_.key),
        file_name=f"herinneren-{round_.key}.csv",
        mime="text/csv",
        icon=":material/download:",
        key="ronde_reminders",
    )


def _act(action: str, home: Path, key: str) -> None:
    try:
        if action == "sluiten":
            rounds.close_round(home, key)
            st.session_state[FLASH] = f"Ronde {key} is gesloten; de links werken niet meer."
        else:
            until = st.session_state.get("ronde_sluit_op")
            rounds.reopen_round(home, key, sluit_op=until)
            st.session_state[FLASH] = f"Ronde {key} is heropend."
    except UserError as exc:
        st.session_state[FLASH] = str(exc)


def _rebuild(choice: StoreChoice) -> None:
    try:
        outcome = ws.build_and_save(choice.workspace, choice.store)
    except USER_ERRORS as exc:
        st.session_state[FLASH] = f"Bijwerken is niet gelukt; er is niets opgeslagen. {exc}"
        return
    if not outcome.ok:
        errors = "; ".join(p.line() for p in outcome.result.report.errors)
        st.session_state[FLASH] = f"Bijwerken is niet gelukt; er is niets opgeslagen. {errors}"
        return
    st.session_state[FLASH] = "De graaf is bijgewerkt met de verzonden antwoorden."


def actions(home: Path, round_: rounds.Round, choice: StoreChoice) -> None:
    """Close or reopen the round; rebuild the graph with the answers sent so far."""
    st.markdown(_state_line(round_))
    left, right = st.columns(2)
    if round_.state is rounds.RoundState.OPEN:
        left.button(
            "Ronde sluiten", on_click=_act, args=("sluiten", home, round_.key), key="ronde_sluiten"
        )
    else:
        left.date_input("Nieuwe sluitdatum (leeg: geen)", value=None, key="ronde_sluit_op")
        left.button(
            "Ronde heropenen",
            on_click=_act,
            args=("heropenen", home, round_.key),
            key="ronde_heropenen",
        )
    right.button(
        "Graaf bijwerken",
        type="primary",
        on_click=_rebuild,
        args=(choice,),
        key="ronde_bijwerken",
        help="Bouwt de graaf opnieuw, met de verzonden antwoorden van alle rondes.",
    )


def flash() -> None:
    message = st.session_state.pop(FLASH, None)
    if message:
        st.info(md(message), icon=":material/info:")
