"""Overzicht: what the survey found and how large the network is, regenerated from the data."""

import streamlit as st

from graph.stats import graph_stats
from ui.common import example_banner, has_examples, require_graph
from ui.overview import kind_counts_frame, survey_summary

st.title("Netwerkkaart MBO")
st.markdown(
    "Wie werkt met wie samen aan **Maatschappelijk Betrokken Ondernemen** in de gemeenten van "
    "Overijssel: gemeenten, ondernemersnetwerken, vrijwilligerscentrales en organisaties."
)
choice, graph, version = require_graph()
example_banner(has_examples(graph))
survey_summary(graph)
stats = graph_stats(graph)
st.subheader("Het netwerk")
cols = st.columns(3)
cols[0].metric("Nodes", stats.nodes)
cols[1].metric("Relaties", stats.relationships)
cols[2].metric("Gemeenten", stats.nodes_per_kind.get("gemeente", 0))
st.bar_chart(kind_counts_frame(stats), x="soort", y="aantal", horizontal=True)
