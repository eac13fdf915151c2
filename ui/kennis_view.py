"""The Kennisuitwisseling page's blocks: the theme matrix, teach/learn pairs, proposed groups."""

from __future__ import annotations

import networkx as nx
import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler

from graph.analysis.basis import analysis_basis
from graph.analysis.kennis import (
    MATRIX_LEGEND,
    Group,
    KennisResult,
    KennisSettings,
    knowledge_exchange,
)
from graph.dutch import nl_number
from graph.model import NodeKind, names_of_kind
from ui.common import md

ALL = "alle"
#: Background per matrix code (asks, has experience, both) in the page's palette.
MATRIX_COLOURS = {1: "#fde68a", 2: "#a7f3d0", 3: "#7dd3fc"}


#: (with example rows, with derived links): what the analysis may rest on (graph.analysis.basis).
Basis = tuple[bool, bool]


@st.cache_resource(show_spinner="Kennisuitwisseling berekenen…", max_entries=16)
def cached_exchange(
    _graph: nx.MultiDiGraph,
    version: str,
    thema: str | None,
    sizes: tuple[int, int, int],
    basis: Basis = (False, True),
) -> KennisResult:
    """Shared read-only (the result is frozen), so a rerun does not un-pickle a copy."""
    minimum, maximum, experienced = sizes
    settings = KennisSettings(min_groep=minimum, max_groep=maximum, max_ervaren=experienced)
    return knowledge_exchange(analysis_basis(_graph, *basis), thema, settings)


@st.cache_resource(show_spinner=False, max_entries=16)
def cached_frames(
    _graph: nx.MultiDiGraph,
    version: str,
    thema: str | None,
    sizes: tuple[int, int, int],
    basis: Basis = (False, True),
) -> dict[str, pd.DataFrame]:
    """The result's tables, made once per result instead of once per tab on every rerun."""
    return cached_exchange(_graph, version, thema, sizes, basis).frames()


def choices(graph: nx.MultiDiGraph) -> tuple[str | None, tuple[int, int, int]]:
    """The theme (None: all) and the group sizes (min, max, experienced outsiders)."""
    options = {ALL: "Alle thema's", **names_of_kind(graph, NodeKind.THEMA)}
    left, middle, right = st.columns([2, 1, 1])
    chosen = left.selectbox("Thema", list(options), format_func=options.__getitem__, key="ke_thema")
    low, high = middle.slider("Groepsgrootte", 2, 15, (3, 8), key="ke_grootte")
    experienced = right.slider("Ervaren gemeenten per groep", 0, 5, 2, key="ke_ervaren")
    return (None if chosen == ALL else chosen), (int(low), int(high), int(experienced))


def matrix_view(result: KennisResult) -> Styler:
    """Municipalities that ask or know something × themes, as words on coloured cells."""
    matrix = result.matrix.loc[result.matrix.sum(axis=1) > 0]
    words = matrix.replace(MATRIX_LEGEND).rename_axis("gemeente")
    colours = matrix.map(
        lambda code: f"background-color: {MATRIX_COLOURS.get(code, '')}" if code else ""
    )
    return words.style.apply(lambda _: colours.to_numpy(), axis=None)


def group_card(number: int, group: Group) -> None:
    """One proposed group: theme, format, members with their role, and why."""
    with st.container(border=True):
        note = " — rust op voorbeelddata" if group.voorbeeld else ""
        note += " — rust op een afgeleide koppeling" if group.afgeleid else ""
        st.markdown(
            f"**Groep {number}: {md(group.label)}** · {md(group.werkvorm_label)} · "
            f"{len(group.leden)} gemeenten{note}"
        )
        st.markdown(
            md(", ".join(f"{m.gemeente.naam} ({m.rol})" for m in group.leden)),
        )
        for reason in group.redenen:
            st.markdown(f"- {md(reason)}")
        if group.max_afstand_km is not None:
            st.caption(f"Grootste reisafstand: {nl_number(group.max_afstand_km, 1)} km")


def pairs_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """The teach/learn pairs table with the columns a reader needs, in words."""
    return frame.drop(columns=["leraar_cbs", "leerling_cbs"]).rename(
        columns={
            "leraar": "kan leren aan",
            "leerling": "gemeente die vraagt",
            "afstand_km": "afstand (km)",
        }
    )
