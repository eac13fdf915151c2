"""Gemeente: one municipality's profile, its ego network and where its facts come from."""

import streamlit as st

from graph.analysis.profile import gemeente_profile
from graph.selection import Selection
from ui.aanhaken_view import municipality_suggestions
from ui.common import example_banner, md, require_graph
from ui.documents_panel import factsheet_downloads
from ui.gemeente_view import facts, pick_municipality, sections
from ui.map_panel import draw_map

st.title("Gemeente")
choice, graph, version = require_graph()
gemeente = pick_municipality(graph)
if gemeente is None:
    st.info("De graaf bevat geen gemeenten. Voeg gemeenten toe op de pagina Data.")
    st.stop()
profile = gemeente_profile(graph, gemeente)
st.header(md(profile.naam))
example_banner(profile.has_example_data)
facts(profile)
st.subheader("Netwerk rond de gemeente")
hops = st.radio("Stappen", [1, 2], horizontal=True, key="gm_hops")
ego = Selection(focus=gemeente, hops=hops, layout="force")
draw_map(graph, version, ego, height=480, table=False, banner=False)
st.subheader("Aanhaken")
municipality_suggestions(graph, version, gemeente)
st.subheader("Profiel")
sections(profile)
st.subheader("Factsheet")
st.caption(
    "Eén of twee A4-pagina's: profiel met bronnen, netwerkkaart, banden, aanhaken, kennis delen "
    "en wat er sinds de vorige ronde veranderd is."
)
factsheet_downloads(graph, version, gemeente)
