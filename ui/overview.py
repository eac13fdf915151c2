"""The Overzicht page's blocks: the survey wave's response and the network's composition."""

from __future__ import annotations

import networkx as nx
import pandas as pd
import streamlit as st

from graph.model import NodeKind
from graph.stats import GraphStats
from ui.common import md
from views.pyvis_map import kind_label


def kind_counts_frame(stats: GraphStats) -> pd.DataFrame:
    """Nodes per kind with Dutch plural labels, largest first."""
    rows = [
        {"soort": kind_label(kind, plural=True), "aantal": count}
        for kind, count in stats.nodes_per_kind.items()
    ]
    return pd.DataFrame(rows, columns=["soort", "aantal"]).sort_values("aantal", ascending=False)


def survey_summary(graph: nx.MultiDiGraph) -> None:
    """Response figures of each survey wave, as stored on its enquete node."""
    waves = [(n, a) for n, a in graph.nodes(data=True) if a.get("kind") == NodeKind.ENQUETE]
    for _, attrs in sorted(waves, key=lambda item: str(item[1].get("jaar", ""))):
        st.subheader(md(attrs.get("naam", "Enquête")))
        if attrs.get("omschrijving"):
            st.caption(md(attrs["omschrijving"]))
        cols = st.columns(3)
        cols[0].metric("Uitgenodigd", attrs.get("uitgenodigd", "–"))
        cols[1].metric("Geantwoord", attrs.get("respondenten", "–"))
        pct = attrs.get("respons_pct")
        cols[2].metric("Respons", f"{pct:.0f}%" if isinstance(pct, int | float) else "–")
