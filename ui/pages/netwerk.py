"""Netwerk: explore the graph with filters, a focus and a measure; the view lives in the URL."""

import streamlit as st

from ui.basis_controls import examples_toggle
from ui.common import require_graph
from ui.export_panel import export_panel
from ui.map_panel import draw_map
from ui.netwerk_controls import controls
from ui.saved_views_panel import saved_views

st.title("Netwerk")
choice, graph, version = require_graph()
selection = controls(graph, version)
with st.sidebar:
    met_voorbeelden = examples_toggle("nw_maten", "Maten met voorbeelddata")
saved_views(choice.workspace, selection, graph)
draw_map(graph, version, selection, met_voorbeelden=met_voorbeelden)
with st.expander("Deze weergave exporteren", icon=":material/download:"):
    export_panel(graph, version, selection)
