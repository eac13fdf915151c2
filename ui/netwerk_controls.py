"""The Netwerk page's widgets, kept in step with a :class:`graph.selection.Selection` and the URL.

Where the view comes from when the page opens: the address (a bookmarked or shared view), else
the view this session last showed, else the default. After every change the address is rewritten,
so it always holds the view on screen.
"""

from __future__ import annotations

from typing import Any

import networkx as nx
import streamlit as st

from graph.model import (
    BronType,
    NodeKind,
    RelType,
    SurveyStatus,
    bron_label,
    kind_label,
    names_of_kind,
    rel_label,
)
from graph.selection import (
    COLOUR_LABELS,
    LAYOUT_LABELS,
    MAX_HOPS,
    MEASURE_LABELS,
    PARAMS,
    VIEW_LABELS,
    VOCABULARY_VIEW_KINDS,
    Selection,
)
from ui.common import SURVEY_STATUS_LABELS

KEYS: dict[str, str] = {name: f"nw_{name}" for name in PARAMS}
_LAST = "nw_last_selection"


@st.cache_resource(show_spinner=False, max_entries=3)
def node_choices(_graph: nx.MultiDiGraph, version: str) -> dict[str, str]:
    """Node id -> "name · kind", sorted by name: what the focus search offers. Once per graph
    version (shared read-only): at national size it takes 0.13 s, which every click would pay."""
    labels = {
        n: f"{a.get('naam', n)} · {kind_label(str(a.get('kind', '')))}"
        for n, a in _graph.nodes(data=True)
    }
    return dict(sorted(labels.items(), key=lambda item: item[1].lower()))


@st.cache_resource(show_spinner=False, max_entries=3)
def mark_choices(_graph: nx.MultiDiGraph, version: str) -> dict[str, str]:
    """Vocabulary node id -> "name · kind": what the "who does ..." highlight offers."""
    labels = {
        n: f"{a.get('naam', n)} · {kind_label(str(a.get('kind', '')))}"
        for n, a in _graph.nodes(data=True)
        if a.get("kind") in VOCABULARY_VIEW_KINDS
    }
    return dict(sorted(labels.items(), key=lambda item: item[1].lower()))


@st.cache_resource(show_spinner=False, max_entries=3)
def region_choices(_graph: nx.MultiDiGraph, version: str) -> dict[str, str]:
    """graph.model.names_of_kind of the regions, once per graph version (shared read-only):
    it reads every node, which every click would pay at national size."""
    return names_of_kind(_graph, NodeKind.REGIO)


def _widget_values(selection: Selection, graph: nx.MultiDiGraph) -> dict[str, Any]:
    """Widget values for ``selection``; values the graph does not offer are dropped."""
    regions = names_of_kind(graph, NodeKind.REGIO)
    return {
        KEYS["kinds"]: sorted(selection.kinds),
        KEYS["regions"]: [r for r in sorted(selection.regions) if r in regions],
        KEYS["rel_types"]: sorted(selection.rel_types),
        KEYS["bron_types"]: sorted(selection.bron_types),
        KEYS["survey_status"]: sorted(selection.survey_status),
        KEYS["focus"]: selection.focus if selection.focus in graph else None,
        KEYS["hops"]: selection.hops,
        KEYS["measure"]: selection.measure,
        KEYS["colour"]: selection.colour,
        KEYS["layout"]: selection.layout,
        KEYS["vocabulary"]: selection.vocabulary,
        KEYS["marks"]: [m for m in sorted(selection.marks) if m in graph],
        KEYS["view"]: selection.view,
    }


def apply(selection: Selection, graph: nx.MultiDiGraph) -> None:
    """Put ``selection`` into the widgets (call before they are drawn, e.g. from a callback)."""
    st.session_state.update(_widget_values(selection, graph))


def _initial(graph: nx.MultiDiGraph) -> None:
    if KEYS["measure"] in st.session_state:
        return
    if any(param in st.query_params for param in PARAMS.values()):
        selection = Selection.from_query_params(st.query_params.to_dict())
    else:
        selection = st.session_state.get(_LAST, Selection())
    apply(selection, graph)


def _from_widgets() -> Selection:
    state = st.session_state
    return Selection(
        kinds=frozenset(state[KEYS["kinds"]]),
        regions=frozenset(state[KEYS["regions"]]),
        rel_types=frozenset(state[KEYS["rel_types"]]),
        bron_types=frozenset(state[KEYS["bron_types"]]),
        survey_status=frozenset(state[KEYS["survey_status"]]),
        focus=state[KEYS["focus"]],
        hops=int(state[KEYS["hops"]]),
        measure=state[KEYS["measure"]],
        colour=state[KEYS["colour"]],
        layout=state[KEYS["layout"]],
        vocabulary=bool(state[KEYS["vocabulary"]]),
        marks=frozenset(state[KEYS["marks"]]),
        view=state[KEYS["view"]],
    )


def _view_changed() -> None:
    """The Gemeentekaart is sized by population when it opens; the network by relationships."""
    gemeenten = st.session_state[KEYS["view"]] == "gemeenten"
    st.session_state[KEYS["measure"]] = "inwoners" if gemeenten else "graad"


def controls(graph: nx.MultiDiGraph, version: str) -> Selection:
    """Draw the filters in the sidebar; returns the selection they describe and syncs the URL."""
    _initial(graph)
    regions = region_choices(graph, version)
    nodes = node_choices(graph, version)
    marks = mark_choices(graph, version)
    with st.sidebar:
        st.subheader("Weergave")
        st.radio(
            "Kaart",
            list(VIEW_LABELS),
            format_func=VIEW_LABELS.__getitem__,
            key=KEYS["view"],
            horizontal=True,
            on_change=_view_changed,
            help="Gemeentekaart: één node per gemeente, met wat gemeenten delen als lijnen.",
        )
        st.toggle(
            "Begrippen tonen",
            key=KEYS["vocabulary"],
            help="Thema's, activiteiten, werkvormen, struikelblokken, beleidsterreinen en de "
            "enquête als nodes. Uit: ze staan bij de details van elke node.",
        )
        st.multiselect(
            "Markeer wie iets heeft met",
            list(marks),
            format_func=marks.__getitem__,
            key=KEYS["marks"],
            placeholder="bijv. NL Doet",
            help="Gemeenten en partners met een relatie tot dit begrip krijgen een donkere rand.",
        )
        st.selectbox(
            "Focus op een node",
            list(nodes),
            format_func=nodes.__getitem__,
            index=None,
            placeholder="Zoek een gemeente, organisatie, thema…",
            key=KEYS["focus"],
            help="Toont alleen wat binnen het gekozen aantal stappen van deze node ligt.",
        )
        st.slider("Stappen rond de focus", 1, MAX_HOPS, key=KEYS["hops"])
        st.multiselect(
            "Soorten nodes",
            [k.value for k in NodeKind],
            format_func=lambda k: kind_label(k, plural=True),
            key=KEYS["kinds"],
            placeholder="alle soorten",
        )
        st.multiselect(
            "Regio's",
            list(regions),
            format_func=regions.__getitem__,
            key=KEYS["regions"],
            placeholder="alle gemeenten",
            help="Alleen gemeenten die lid zijn van een van deze regio's, met hun partners.",
        )
        st.multiselect(
            "Enquêtestatus (2010)",
            [s.value for s in SurveyStatus],
            format_func=SURVEY_STATUS_LABELS.__getitem__,
            key=KEYS["survey_status"],
            placeholder="alle gemeenten",
        )
        st.multiselect(
            "Soorten relaties",
            [r.value for r in RelType],
            format_func=rel_label,
            key=KEYS["rel_types"],
            placeholder="alle relaties",
        )
        st.multiselect(
            "Herkomst van de gegevens",
            [b.value for b in BronType],
            format_func=bron_label,
            key=KEYS["bron_types"],
            placeholder="alle bronnen",
        )
        st.selectbox(
            "Grootte naar",
            list(MEASURE_LABELS),
            format_func=MEASURE_LABELS.__getitem__,
            key=KEYS["measure"],
        )
        st.radio(
            "Kleur naar",
            list(COLOUR_LABELS),
            format_func=COLOUR_LABELS.__getitem__,
            key=KEYS["colour"],
            horizontal=True,
        )
        st.radio(
            "Indeling",
            list(LAYOUT_LABELS),
            format_func=LAYOUT_LABELS.__getitem__,
            key=KEYS["layout"],
        )
        st.button("Alle filters wissen", on_click=apply, args=(Selection(), graph), key="nw_reset")
    selection = _from_widgets()
    st.session_state[_LAST] = selection
    params = selection.to_query_params()
    if st.query_params.to_dict() != params:
        st.query_params.from_dict(params)
    return selection
