"""Vergelijken: what changed between two survey rounds (the twin of `netwerkkaart vergelijk`)."""

import streamlit as st

from ui.common import require_graph
from ui.compare_view import (
    MAP_SELECTION,
    cached_comparison,
    compared_note,
    example_note,
    municipalities_frame,
    overlay,
    pick_waves,
    response,
    themes_frame,
    ties_frame,
)
from ui.map_panel import draw_map

st.title("Vergelijken")
st.markdown(
    "Wat is er veranderd tussen twee enquêterondes? Respons, de antwoorden per gemeente, "
    "banden die erbij kwamen, verdwenen of een ander niveau kregen, en de vraag per thema. "
    "Voorbeelddata tellen nooit als verandering."
)
choice, graph, version = require_graph()
pair = pick_waves(graph)
if pair is None:
    st.info(
        "Er is minder dan twee enquêterondes in de graaf. Voeg een ronde toe op de pagina Data "
        "(een rij in een enquêtebestand en de antwoorden) om te kunnen vergelijken."
    )
    st.stop()
van, naar = pair
if van == naar:
    st.warning("Kies twee verschillende rondes.")
    st.stop()
result = cached_comparison(graph, version, van, naar)
example_note(result)
st.subheader("Respons")
response(result)
st.subheader("Per gemeente")
compared_note(result)
changes = municipalities_frame(result)
if changes.empty:
    st.caption("Geen veranderde antwoorden.")
else:
    st.dataframe(changes, hide_index=True, width="stretch")
st.subheader("Banden")
ties = ties_frame(result)
if ties.empty:
    st.caption("Geen banden die erbij kwamen, verdwenen of een ander niveau kregen.")
else:
    st.dataframe(ties, hide_index=True, width="stretch")
    lines = overlay(result)
    drawn = draw_map(graph, version, MAP_SELECTION, overlay=lines, table=False)
    shown = sum(line.source in drawn and line.target in drawn for line in lines)
    st.caption(
        f"Op de kaart: {shown} van {len(lines)} veranderde banden (grijs: alle banden van "
        "samenwerking, facilitering en aanhaken in de graaf, uit elke ronde en bron)."
    )
if outside := result.banden["buiten_vergelijking"]:
    st.caption(f"{outside} banden van gemeenten die maar in één van beide rondes antwoordden.")
st.subheader("Vraag per thema")
themes = themes_frame(result)
if themes.empty:
    st.caption("In geen van beide rondes vroeg een gemeente (met echte antwoorden) om een thema.")
else:
    st.dataframe(themes, hide_index=True, width="stretch")
