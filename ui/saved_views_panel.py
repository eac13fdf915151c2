"""Saving and reopening named Netwerk views (stored in the workspace, shared by its users)."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import streamlit as st

from graph.selection import Selection
from netwerkkaart.services.saved_views import delete_view, load_views, save_view
from ui.common import md
from ui.netwerk_controls import apply
from ui.state import USER_ERRORS

_MESSAGE = "nw_views_message"
#: Opening a saved view fails when it is gone (KeyError) or unreadable.
_OPEN_ERRORS: tuple[type[Exception], ...] = (KeyError, *USER_ERRORS)


def _open(workspace: Path, name: str, graph: nx.MultiDiGraph) -> None:
    try:
        apply(load_views(workspace)[name], graph)
    except _OPEN_ERRORS as exc:
        st.session_state[_MESSAGE] = ("error", f"Kan de weergave niet openen: {md(exc)}")


def saved_views(workspace: Path, selection: Selection, graph: nx.MultiDiGraph) -> None:
    """A sidebar panel: save the current view under a name, open or delete a saved one."""
    with st.sidebar.expander("Opgeslagen weergaven", expanded=False):
        try:
            views = load_views(workspace)
        except USER_ERRORS as exc:
            st.error(md(exc))
            return
        name = st.text_input("Naam voor deze weergave", key="nw_view_name", max_chars=60)
        if st.button("Weergave opslaan", key="nw_view_save"):
            try:
                stored = save_view(workspace, name, selection)
            except USER_ERRORS as exc:
                st.error(md(exc))
            else:
                st.success(f"Opgeslagen als '{md(stored)}'.")
                views = load_views(workspace)
        if views:
            chosen = st.selectbox("Opgeslagen", list(views), key="nw_view_pick")
            left, right = st.columns(2)
            left.button(
                "Openen", key="nw_view_open", on_click=_open, args=(workspace, chosen, graph)
            )
            if right.button("Verwijderen", key="nw_view_delete"):
                try:
                    delete_view(workspace, chosen)
                except USER_ERRORS as exc:
                    st.error(md(exc))
                else:
                    st.rerun()
        else:
            st.caption("Nog geen opgeslagen weergaven.")
        kind, text = st.session_state.pop(_MESSAGE, (None, None))
        if kind == "error":
            st.error(text)
        st.caption("Het adres in de adresbalk bevat de weergave ook: kopieer het om te delen.")
