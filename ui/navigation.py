"""Which pages a visitor gets; app.py hands them to ``st.navigation``.

A respondent (a questionnaire link, or the questionnaire-only mode) gets the questionnaire and
nothing else: no menu, no other page, whatever the URL path or other query parameters say. While
a round is open, everyone else gets the coordinator's login until it lets them in. Both stand
in for every page's path, so a bookmarked page opens them (and, after the login, that page)
instead of Streamlit's "page not found".
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import streamlit as st

from ui import login
from ui.respondent import is_respondent
from ui.state import query_store, store_choice

PAGES_DIR = Path(__file__).resolve().parent / "pages"
#: (file in ui/pages, title, icon) in menu order; the first is the default page.
PAGE_SPECS: tuple[tuple[str, str, str], ...] = (
    ("overzicht.py", "Overzicht", ":material/home:"),
    ("netwerk.py", "Netwerk", ":material/hub:"),
    ("gemeente.py", "Gemeente", ":material/location_city:"),
    ("aanhaken.py", "Aanhaken", ":material/handshake:"),
    ("kennis.py", "Kennisuitwisseling", ":material/school:"),
    ("vergelijken.py", "Vergelijken", ":material/compare_arrows:"),
    ("data.py", "Data", ":material/upload_file:"),
    ("ronde.py", "Ronde", ":material/fact_check:"),
    ("export.py", "Export", ":material/download:"),
    ("instellingen.py", "Instellingen en status", ":material/settings:"),
)
CYPHER = ("cypher.py", "Cypher", ":material/terminal:")


def pages() -> list[st.Page]:
    """Every page of the dashboard (Dutch titles; the URL path is the file name).

    The Cypher page is listed only when a Neo4j store is connected.
    """
    specs = list(PAGE_SPECS)
    if query_store(store_choice()) is not None:
        specs.append(CYPHER)
    return [
        st.Page(PAGES_DIR / name, title=title, icon=icon, default=index == 0)
        for index, (name, title, icon) in enumerate(specs)
    ]


def _everywhere(target: Path | Callable[[], None], title: str) -> list[st.Page]:
    """``target`` under the path of every page (Cypher's too), the default path first."""
    return [
        st.Page(target, title=title, url_path=Path(name).stem, default=index == 0)
        for index, (name, _, _) in enumerate((*PAGE_SPECS, CYPHER))
    ]


def route() -> st.Page:
    """The page to run for this visitor, out of the pages this visitor may reach."""
    if is_respondent():
        questionnaire = _everywhere(PAGES_DIR / "vragenlijst.py", "Vragenlijst")
        return st.navigation(questionnaire, position="hidden")
    if not login.allowed():
        return st.navigation(_everywhere(login.page, "Aanmelden"), position="hidden")
    if st.session_state.get(login.LOGGED_IN):
        st.sidebar.button("Afmelden", on_click=login.log_out, key="logout")
    return st.navigation(pages())
