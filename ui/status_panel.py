"""The Instellingen page's blocks: the store in use, its counts, the workspace and the settings."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from graph.analysis.stats import GraphStats
from graph.model import bron_label, kind_label, rel_label
from netwerkkaart.services import workspace as ws
from netwerkkaart.services.settings import SETTINGS
from ui.common import fit_height, md, problems_frame
from ui.state import USER_ERRORS, StoreChoice, reconnect

_SECRET_SETTINGS = {"NEO4J_PASSWORD"}
_FLASH = "status_flash"


def store_block(choice: StoreChoice) -> None:
    """Which store is in use; for Neo4j also the server version and counts per label."""
    st.markdown(f"**In gebruik:** {md(choice.store.describe())}")
    if choice.warning:
        st.button("Opnieuw verbinden", on_click=reconnect, key="status_reconnect")
    store = choice.neo4j
    if store is None:
        return
    try:
        info = store.server_info()
        counts = store.counts()
    except USER_ERRORS as exc:
        st.error(f"Neo4j antwoordt niet: {md(exc)}")
        st.button("Opnieuw verbinden", on_click=reconnect, key="status_reconnect")
        return
    st.markdown(
        f"**Neo4j-server:** {md(info.version)} ({md(info.edition)}), database {md(info.database)}"
    )
    left, right = st.columns(2)
    left.dataframe(
        pd.DataFrame(sorted(counts.nodes_per_label.items()), columns=["label", "nodes"]),
        hide_index=True,
    )
    right.dataframe(
        pd.DataFrame(sorted(counts.relationships_per_type.items()), columns=["type", "relaties"]),
        hide_index=True,
    )


def counts_block(stats: GraphStats) -> None:
    """Nodes per kind, relationships per type and facts per source type of the loaded graph."""
    st.markdown(f"**{stats.nodes} nodes en {stats.relationships} relaties**")
    height = fit_height(max(len(stats.nodes_per_kind), len(stats.relationships_per_type)))
    cols = st.columns(3)
    cols[0].dataframe(
        pd.DataFrame(
            [(kind_label(k), v) for k, v in stats.nodes_per_kind.items()],
            columns=["soort", "nodes"],
        ),
        hide_index=True,
        height=height,
    )
    cols[1].dataframe(
        pd.DataFrame(
            [(rel_label(k), v) for k, v in stats.relationships_per_type.items()],
            columns=["relatie", "aantal"],
        ),
        hide_index=True,
        height=height,
    )
    cols[2].dataframe(
        pd.DataFrame(
            [(bron_label(k), v) for k, v in stats.per_bron_type.items()],
            columns=["herkomst", "nodes en relaties"],
        ),
        hide_index=True,
    )


def _rebuild(choice: StoreChoice) -> None:
    try:
        outcome = ws.build_and_save(choice.workspace, choice.store)
    except USER_ERRORS as exc:
        st.session_state[_FLASH] = ("error", f"Bouwen is niet gelukt: {md(exc)}", [])
        return
    if not outcome.ok:
        st.session_state[_FLASH] = (
            "error",
            "Bouwen is niet gelukt; de opgeslagen graaf is ongewijzigd.",
            outcome.result.report.errors,
        )
        return
    st.session_state[_FLASH] = ("success", "De graaf is opnieuw gebouwd en opgeslagen.", [])


def workspace_block(choice: StoreChoice) -> None:
    """The workspace folder, the snapshot's date and size, and a rebuild button."""
    st.markdown(f"**Werkmap:** {md(choice.workspace)}")
    path = getattr(choice.store, "path", None)
    if path is not None and path.exists():
        stat = path.stat()
        when = dt.datetime.fromtimestamp(stat.st_mtime).strftime("%d-%m-%Y %H:%M")
        st.caption(f"Snapshot {path.name}: {stat.st_size / 1024:.0f} kB, bijgewerkt {when}.")
    st.button(
        "Graaf opnieuw bouwen (meegeleverde gegevens + uploads)",
        on_click=_rebuild,
        args=(choice,),
        key="status_rebuild",
    )
    kind, text, problems = st.session_state.pop(_FLASH, (None, None, []))
    if kind == "success":
        st.success(text)
    elif kind == "error":
        st.error(text)
        if problems:
            st.dataframe(problems_frame(problems), hide_index=True, width="stretch")


def settings_block() -> None:
    """Every environment setting with its current value (secrets hidden) and meaning."""
    rows = []
    for item in SETTINGS:
        value = item.value()
        if item.name in _SECRET_SETTINGS and value:
            value = "•••••• (ingesteld)"
        rows.append({"variabele": item.name, "waarde": value, "betekenis": item.meaning})
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
