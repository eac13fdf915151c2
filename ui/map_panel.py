"""Drawing a selection of the graph as an interactive map inside a page (Netwerk, Gemeente, ...)."""

from __future__ import annotations

from collections.abc import Sequence

import networkx as nx
import pandas as pd
import streamlit as st

from graph.analysis.basis import analysis_basis
from graph.analysis.municipal_view import has_example_parts, municipal_view, network_selection
from graph.analysis.node_measures import MeasureValues, node_measure
from graph.model import bron_label, is_example, kind_label
from graph.selection import MUNICIPAL_CAP, NODE_CAP, Selection, marked, reduce_to_cap
from ui.common import example_banner
from ui.state import measure_values, selected
from views.layout import force_layout, geo_layout
from views.pyvis_map import OverlayEdge, fact_text, network_html

MAP_HEIGHT = 620


@st.cache_resource(show_spinner=False, max_entries=32)
def _page(
    _graph: nx.MultiDiGraph,
    version: str,
    selection: Selection,
    overlay: tuple[OverlayEdge, ...],
    height: int,
    met_voorbeelden: bool = False,
) -> tuple[str, str | None, nx.MultiDiGraph]:
    """The map's HTML, the reduction notice and the drawn graph, cached per view and shared
    read-only (not un-pickled on every rerun: the HTML alone is up to 2 MB)."""
    shown, measure = _view(_graph, version, selection, met_voorbeelden)
    values = measure.values if measure else None
    label = measure.label if measure else None
    reduced = reduce_to_cap(
        shown,
        values,
        keep=[selection.focus],
        score_label=label or "aantal relaties",
        cap=MUNICIPAL_CAP if selection.view == "gemeenten" else NODE_CAP,
    )
    layout = geo_layout if selection.layout == "geo" else force_layout
    html = network_html(
        reduced.graph,
        layout(reduced.graph),
        values=values,
        value_label=label,
        colour_by_value=selection.colour == "maat" and values is not None,
        overlay=overlay,
        focus=selection.focus,
        height=height,
        marks=marked(_graph, selection.marks) if selection.marks else None,
        marks_label=" of ".join(
            sorted(str(_graph.nodes[m].get("naam", m)) for m in selection.marks if m in _graph)
        ),
        context=_graph,
    )
    return html, reduced.notice, reduced.graph


@st.cache_resource(show_spinner=False, max_entries=16)
def _view(
    _graph: nx.MultiDiGraph, version: str, selection: Selection, met_voorbeelden: bool = False
) -> tuple[nx.MultiDiGraph, MeasureValues | None]:
    """The graph a view draws and its measure, once per view (shared read-only): the cached
    selection, or the Gemeentekaart of it with the measure on its own ties (without example
    rows unless ``met_voorbeelden``, like every measure)."""
    if selection.view == "gemeenten":
        view = municipal_view(selected(_graph, version, network_selection(selection)))
        return view, node_measure(analysis_basis(view, met_voorbeelden), selection.measure)
    shown = selected(_graph, version, selection)
    return shown, measure_values(_graph, version, selection.measure, met_voorbeelden)


def node_table(
    graph: nx.MultiDiGraph, values: dict[str, float] | None, label: str | None
) -> pd.DataFrame:
    """The drawn nodes as a table (for reading, sorting and screen readers)."""
    rows = []
    for node, attrs in graph.nodes(data=True):
        row = {
            "naam": attrs.get("naam", node),
            "soort": kind_label(str(attrs.get("kind", ""))),
            "relaties": graph.degree(node),
            "herkomst": bron_label(str(attrs.get("bron_type", ""))),
            "voorbeeld": "ja" if is_example(attrs) else "",
            "id": node,
        }
        if values is not None and label:
            row[label] = fact_text(values[node]) if node in values else ""
        rows.append(row)
    return pd.DataFrame(rows)


def draw_map(
    graph: nx.MultiDiGraph,
    version: str,
    selection: Selection,
    *,
    overlay: Sequence[OverlayEdge] = (),
    height: int = MAP_HEIGHT,
    table: bool = True,
    banner: bool = True,
    met_voorbeelden: bool = False,
) -> nx.MultiDiGraph:
    """Banner, notices, the map and (optionally) its table; returns the graph that was drawn.
    Node sizes (degree, betweenness, ...) count example rows only with ``met_voorbeelden``."""
    html, notice, drawn = _page(graph, version, selection, tuple(overlay), height, met_voorbeelden)
    if drawn.number_of_nodes() == 0:
        st.info(
            "Met deze filters blijft er niets over. Verruim de filters of wis ze in de zijbalk."
        )
        return drawn
    if banner:
        example_banner(has_example_parts(drawn))
    if notice:
        st.info(notice, icon=":material/content_cut:")
    st.caption(
        f"{drawn.number_of_nodes()} nodes en {drawn.number_of_edges()} relaties. Klik op een node "
        "voor de feiten en de bron; scroll om te zoomen, sleep om te verschuiven."
    )
    st.iframe(html, height=height + 16)
    if table:
        _, measure = _view(graph, version, selection, met_voorbeelden)
        with st.expander("Getoonde nodes als tabel"):
            st.dataframe(
                node_table(
                    drawn, measure.values if measure else None, measure.label if measure else None
                ),
                hide_index=True,
                width="stretch",
            )
    return drawn
