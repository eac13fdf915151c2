"""Export: the selection on screen as a map, report or data file, one download per format."""

import streamlit as st

from ui.common import require_graph
from ui.export_panel import export_panel
from ui.netwerk_controls import controls

st.title("Export")
choice, graph, version = require_graph()
selection = controls(graph, version)
export_panel(graph, version, selection)
