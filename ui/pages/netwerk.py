"""Netwerk: explore the graph with filters, a focus and a measure; the view lives in the URL."""

import streamlit as st

from ui.common import require_graph
from ui.export_panel import export_panel
from ui.map_panel import draw_map
from ui.netwerk_controls import controls
from ui.saved_views_panel import saved_views

st.title("Netwerk")
choice, graph, version = require_graph()
selection = controls(graph, version)
saved_views(choice.workspace, selection, graph)
draw_map(graph, version, selection)
with st.expander("Deze weergave exporteren", icon=":material/download:"):
    export_panel(graph, version, selection)
