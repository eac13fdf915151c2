"""Instellingen en status: the store in use, what it holds, the workspace and the settings."""

import networkx as nx
import streamlit as st

from ui.common import empty_workspace, store_warning, unreadable
from ui.state import USER_ERRORS, load_graph, stats_of, store_choice
from ui.status_panel import counts_block, settings_block, store_block, workspace_block

st.title("Instellingen en status")
choice = store_choice()
store_warning(choice)
st.subheader("Opslag")
store_block(choice)
st.subheader("Inhoud")
try:
    graph, version = load_graph(choice)
except USER_ERRORS as exc:
    unreadable(choice, exc, rebuild="met de knop hieronder")
    graph, version = nx.MultiDiGraph(), ""
if graph.number_of_nodes():
    counts_block(stats_of(graph, version))
else:
    empty_workspace(choice)
st.subheader("Werkmap")
workspace_block(choice)
st.subheader("Instellingen")
st.caption("Instellingen komen uit omgevingsvariabelen; zie de README.")
settings_block()
