"""Overzicht: what the survey found and how large the network is, regenerated from the data."""

import streamlit as st

from graph.analysis.survey_findings import survey_waves
from graph.model import has_example_data
from ui.common import example_banner, require_graph
from ui.documents_panel import note_downloads
from ui.overview import findings_charts, network_size, response
from ui.state import findings_of, stats_of

st.title("Netwerkkaart MBO")
st.markdown(
    "Wie werkt met wie samen aan **Maatschappelijk Betrokken Ondernemen** (MBO) in de gemeenten "
    "van Overijssel: gemeenten, ondernemersnetwerken, vrijwilligerscentrales en organisaties. "
    "Alle cijfers hieronder zijn opnieuw geteld uit de geladen gegevens."
)
choice, graph, version = require_graph()
example_banner(has_example_data(graph))
wave_ids = survey_waves(graph)
if wave_ids:
    wave = wave_ids[0]
    if len(wave_ids) > 1:
        names = {w: str(graph.nodes[w].get("naam", w)) for w in wave_ids}
        wave = st.selectbox("Enquêteronde", wave_ids, format_func=names.__getitem__, key="ov_ronde")
    findings = findings_of(graph, version, wave)
    response(findings)
    findings_charts(findings)
    st.subheader("Samenvatting als document")
    st.caption(
        "De notitie van deze ronde met de secties van de samenvatting van 2010, alle cijfers "
        "opnieuw geteld; zonder voorbeelddata tenzij u die aanzet."
    )
    note_downloads(graph, version, wave)
else:
    st.info("Er is nog geen enquêteronde geladen; voeg er een toe op de pagina Data.")
network_size(stats_of(graph, version))
