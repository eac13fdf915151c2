"""The app's pages, in menu order; app.py hands them to ``st.navigation``."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

PAGES_DIR = Path(__file__).resolve().parent / "pages"


def pages() -> list[st.Page]:
    """Every page of the dashboard (Dutch titles; the URL path is the file name)."""
    return [
        st.Page(
            PAGES_DIR / "overzicht.py", title="Overzicht", icon=":material/home:", default=True
        ),
        st.Page(PAGES_DIR / "netwerk.py", title="Netwerk", icon=":material/hub:"),
        st.Page(PAGES_DIR / "gemeente.py", title="Gemeente", icon=":material/location_city:"),
        st.Page(PAGES_DIR / "data.py", title="Data", icon=":material/upload_file:"),
        st.Page(PAGES_DIR / "export.py", title="Export", icon=":material/download:"),
        st.Page(
            PAGES_DIR / "instellingen.py",
            title="Instellingen en status",
            icon=":material/settings:",
        ),
    ]
