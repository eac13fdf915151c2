"""Aanhaken: where small municipalities could hook on, ranked and explained, on the map."""

import streamlit as st

from graph.analysis.aanhaken import rank
from ui.aanhaken_view import (
    MAP_SELECTION,
    cached_evaluation,
    choices,
    overlay,
    suggestion_details,
    suggestions_frame,
    weights,
)
from ui.basis_controls import basis_toggles
from ui.common import example_banner, require_graph
from ui.map_panel import draw_map

st.title("Aanhaken")
st.markdown(
    "Bij welke duidelijk grotere gemeente kan een kleine gemeente aanhaken voor MBO? Elke "
    "suggestie telt zes factoren op (geografie, regionale samenwerking, MBO-infrastructuur, "
    "complementariteit, bestaande banden en een linkvoorspelling) en zegt waarom."
)
choice, graph, version = require_graph()
gemeente, drempel, top = choices(graph)
met_voorbeelden, met_afgeleid = basis_toggles("ah")
evaluation = cached_evaluation(graph, version, gemeente, drempel, met_voorbeelden, met_afgeleid)
result = rank(evaluation, weights(), top)
example_banner(any(s.example_factors for s in result.suggesties))
st.caption(result.population_note())
if not result.suggesties:
    st.info(
        "Geen suggesties: er is geen duidelijk grotere gemeente in de buurt, of de gemeente is "
        "niet kleiner dan de drempel. Kies een andere gemeente of verhoog de drempel."
    )
    st.stop()
st.subheader("Op de kaart")
draw_map(graph, version, MAP_SELECTION, overlay=overlay(result), table=False, banner=False)
st.subheader(f"{len(result.suggesties)} suggesties voor {len(result.gemeenten)} gemeente(n)")
st.dataframe(suggestions_frame(result), hide_index=True, width="stretch")
if gemeente is not None:
    st.subheader("Waarom")
    for suggestion in result.suggesties:
        suggestion_details(suggestion)
