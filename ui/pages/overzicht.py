"""Overzicht: what the survey found and how large the network is, regenerated from the data."""

import streamlit as st

from graph.stats import graph_stats
from graph.survey_findings import survey_findings
from ui.common import example_banner, has_examples, require_graph
from ui.overview import findings_charts, network_size, response, waves

st.title("Netwerkkaart MBO")
st.markdown(
    "Wie werkt met wie samen aan **Maatschappelijk Betrokken Ondernemen** (MBO) in de gemeenten "
    "van Overijssel: gemeenten, ondernemersnetwerken, vrijwilligerscentrales en organisaties. "
    "Alle cijfers hieronder zijn opnieuw geteld uit de geladen gegevens."
)
choice, graph, version = require_graph()
example_banner(has_examples(graph))
wave_ids = waves(graph)
if wave_ids:
    findings = survey_findings(graph, wave_ids[0])
    response(graph, findings)
    findings_charts(findings)
else:
    st.info("Er is nog geen enquêteronde geladen; voeg er een toe op de pagina Data.")
network_size(graph_stats(graph))
