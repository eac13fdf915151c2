"""Which pages a visitor gets; app.py hands them to ``st.navigation``.

A respondent (a questionnaire link, or the questionnaire-only mode) gets the questionnaire and
nothing else: no menu, no other page, whatever the URL path or other query parameters say. While
a round is open, everyone else gets the coordinator's login until it lets them in.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from ui import login
from ui.respondent import is_respondent
from ui.state import query_store, store_choice

PAGES_DIR = Path(__file__).resolve().parent / "pages"


def pages() -> list[st.Page]:
    """Every page of the dashboard (Dutch titles; the URL path is the file name).

    The Cypher page is listed only when a Neo4j store is connected.
    """
    listed = [
        st.Page(
            PAGES_DIR / "overzicht.py", title="Overzicht", icon=":material/home:", default=True
        ),
        st.Page(PAGES_DIR / "netwerk.py", title="Netwerk", icon=":material/hub:"),
        st.Page(PAGES_DIR / "gemeente.py", title="Gemeente", icon=":material/location_city:"),
        st.Page(PAGES_DIR / "aanhaken.py", title="Aanhaken", icon=":material/handshake:"),
        st.Page(PAGES_DIR / "kennis.py", title="Kennisuitwisseling", icon=":material/school:"),
        st.Page(PAGES_DIR / "data.py", title="Data", icon=":material/upload_file:"),
        st.Page(PAGES_DIR / "ronde.py", title="Ronde", icon=":material/fact_check:"),
        st.Page(PAGES_DIR / "export.py", title="Export", icon=":material/download:"),
        st.Page(
            PAGES_DIR / "instellingen.py",
            title="Instellingen en status",
            icon=":material/settings:",
        ),
    ]
    if query_store(store_choice()) is not None:
        listed.append(st.Page(PAGES_DIR / "cypher.py", title="Cypher", icon=":material/terminal:"))
    return listed


def route() -> st.Page:
    """The page to run for this visitor, out of the pages this visitor may reach."""
    if is_respondent():
        questionnaire = st.Page(
            PAGES_DIR / "vragenlijst.py", title="Vragenlijst", icon=":material/edit_note:"
        )
        return st.navigation([questionnaire], position="hidden")
    if not login.allowed():
        return st.navigation([st.Page(login.page, title="Aanmelden")], position="hidden")
    if st.session_state.get(login.LOGGED_IN):
        st.sidebar.button("Afmelden", on_click=login.log_out, key="logout")
    return st.navigation(pages())
