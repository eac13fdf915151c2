"""The app's pages, in menu order; app.py hands them to ``st.navigation``."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

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
        st.Page(
            PAGES_DIR / "vergelijken.py", title="Vergelijken", icon=":material/compare_arrows:"
        ),
        st.Page(PAGES_DIR / "data.py", title="Data", icon=":material/upload_file:"),
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
