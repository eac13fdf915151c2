"""Kennisuitwisseling: who asks about which theme, who can teach whom, proposed groups."""

import streamlit as st

from ui.basis_controls import basis_toggles
from ui.common import example_banner, fit_height, md, require_graph
from ui.kennis_view import (
    cached_exchange,
    cached_frames,
    choices,
    group_card,
    matrix_view,
    pairs_frame,
)

st.title("Kennisuitwisseling")
st.markdown(
    "Welke gemeenten vragen naar welk thema, welke hebben er ervaring mee (zelf genoemd, of via "
    "hun activiteiten: een afgeleide koppeling van activiteit aan thema), "
    "wie kan wie iets leren, en welke groepen passen bij een themabijeenkomst of intervisiegroep."
)
choice, graph, version = require_graph()
thema, sizes = choices(graph)
basis = basis_toggles("ke")
try:
    result = cached_exchange(graph, version, thema, sizes, basis)
except ValueError as exc:
    st.error(f"Deze groepsgrootte kan niet: {md(exc)}. Kies een kleiner minimum of groter maximum.")
    st.stop()
example_banner(result.has_example_data)
frames = cached_frames(graph, version, thema, sizes, basis)
matrix, pairs, groups = st.tabs(
    ["Thema × gemeente", "Wie kan wie iets leren", "Voorgestelde groepen"]
)
with matrix:
    st.caption("Geel: vraagt ernaar · groen: heeft ervaring · blauw: beide.")
    view = matrix_view(result)
    st.dataframe(view, width="stretch", height=fit_height(len(view.data)))
    st.dataframe(frames["themas"].drop(columns=["thema"]), hide_index=True, width="stretch")
with pairs:
    st.caption(
        f"{len(result.paren)} paren: een gemeente met ervaring en een gemeente die erom vraagt."
    )
    st.dataframe(pairs_frame(frames["paren"]), hide_index=True, width="stretch")
with groups:
    if not result.groepen:
        st.info("Geen groepen: te weinig gemeenten per thema voor deze groepsgrootte.")
    for number, group in enumerate(result.groepen, start=1):
        group_card(number, group)
    for note in result.niet_gevormd:
        st.caption(md(note))
