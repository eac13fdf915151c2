"""The Gemeente page's blocks: choosing a municipality (kept in the URL) and its profile."""

from __future__ import annotations

import networkx as nx
import pandas as pd
import streamlit as st

from graph.analysis.profile import GemeenteProfile
from graph.model import NodeKind, bron_label, kind_label, names_of_kind
from ui.common import md
from views.pyvis_map import fact_text

_KEY = "gm_gemeente"
_PARAM = "gemeente"

#: Facts shown in the line under the figures, with their Dutch names.
FACT_LABELS: dict[str, str] = {
    "provincie": "Provincie",
    "hoofdplaats": "Hoofdplaats",
    "corop": "COROP-gebied",
}


def pick_municipality(graph: nx.MultiDiGraph) -> str | None:
    """A selectbox of municipalities; the choice is kept in the URL (``?gemeente=GM0147``)."""
    options = names_of_kind(graph, NodeKind.GEMEENTE)
    if not options:
        return None
    if st.session_state.get(_KEY) not in options:
        asked = str(st.query_params.get(_PARAM, ""))
        wanted = asked if asked.startswith("gemeente:") else f"gemeente:{asked.upper()}"
        st.session_state[_KEY] = wanted if wanted in options else next(iter(options))
    column, _ = st.columns([1, 2])
    chosen = column.selectbox("Gemeente", list(options), format_func=options.__getitem__, key=_KEY)
    code = chosen.partition(":")[2]
    if st.query_params.get(_PARAM) != code:
        st.query_params[_PARAM] = code
    return chosen


def facts(profile: GemeenteProfile) -> None:
    """The municipality's reference facts as metrics and a short line."""
    f = profile.feiten
    cols = st.columns(4)
    cols[0].metric("CBS-code", str(f.get("cbs_code", "–")))
    year = f.get("inwoners_recent_jaar")
    people = f.get("inwoners_recent", f.get("inwoners_2015"))
    cols[1].metric(
        f"Inwoners ({year})" if year else "Inwoners",
        fact_text(people) if people is not None else "–",
    )
    area = f.get("oppervlakte_land_km2")
    cols[2].metric("Oppervlakte land", f"{fact_text(area)} km²" if area is not None else "–")
    cols[3].metric("Grootteklasse", str(f.get("grootteklasse", "–")).replace(" tot ", "–"))
    extra = ", ".join(f"{FACT_LABELS[k]}: {fact_text(f[k], k)}" for k in FACT_LABELS if k in f)
    st.caption(md(f"{extra}. Bron: {profile.bron} ({bron_label(profile.bron_type)})."))


def section_frame(profile: GemeenteProfile, title: str) -> pd.DataFrame:
    """One profile section as a table with its provenance per row."""
    rows = [
        {
            "naam": item.naam,
            "soort": kind_label(item.soort),
            "relatie": item.relatie.lower().replace("_", " "),
            "details": "; ".join(
                f"{k.replace('_', ' ')}: {fact_text(v, k)}" for k, v in item.details.items()
            ),
            "herkomst": bron_label(item.bron_type),
            "bron": item.bron,
            "jaar": item.jaar,
        }
        for item in profile.secties.get(title, [])
    ]
    return pd.DataFrame(
        rows, columns=["naam", "soort", "relatie", "details", "herkomst", "bron", "jaar"]
    )


def sections(profile: GemeenteProfile) -> None:
    """Every profile section; empty ones are listed in one line instead of as empty tables."""
    empty = []
    for title, items in profile.secties.items():
        if not items:
            empty.append(title.lower())
            continue
        st.markdown(f"**{title}** ({len(items)})")
        st.dataframe(section_frame(profile, title), hide_index=True, width="stretch")
    if empty:
        st.caption("Niets bekend over: " + ", ".join(empty) + ".")
