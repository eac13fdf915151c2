"""The Aanhaken page's blocks: choices, weight sliders, the ranked table, reasons, the map.

The evidence (:func:`graph.analysis.aanhaken.evaluate`) is cached per graph version, municipality and
threshold; moving a weight slider only re-ranks (:func:`graph.analysis.aanhaken.rank`), which is cheap.
"""

from __future__ import annotations

import networkx as nx
import pandas as pd
import streamlit as st

from graph.analysis.aanhaken import (
    DEFAULT_WEIGHTS,
    FACTORS,
    AanhakenResult,
    AanhakenSettings,
    Evaluation,
    Suggestion,
    evaluate,
    rank,
)
from graph.analysis.basis import analysis_basis
from graph.dutch import nl_number
from graph.model import NodeKind, names_of_kind
from graph.selection import Selection
from ui.common import md
from views.pyvis_map import OverlayEdge

ALL = "alle"
WEIGHT_KEY = "ah_w_{}"
MAX_WEIGHT = 5.0


@st.cache_resource(show_spinner="Kandidaten beoordelen…", max_entries=16)
def cached_evaluation(
    _graph: nx.MultiDiGraph,
    version: str,
    gemeente: str | None,
    drempel: int,
    met_voorbeelden: bool = False,
    met_afgeleid: bool = True,
) -> Evaluation:
    """Shared read-only (ranking never changes it), so a rerun does not un-pickle a copy.
    Evaluated on :func:`graph.analysis.basis.analysis_basis`: example rows only when switched on."""
    basis = analysis_basis(_graph, met_voorbeelden, met_afgeleid)
    return evaluate(basis, gemeente, AanhakenSettings(drempel=drempel))


@st.cache_resource(show_spinner=False, max_entries=4)
def _top_three_everywhere(_graph: nx.MultiDiGraph, version: str, drempel: int) -> AanhakenResult:
    """Every small municipality's three best suggestions at default weights and without example
    rows, ranked once per graph version rather than on every click on the Gemeente page."""
    return rank(cached_evaluation(_graph, version, None, drempel), None, 3)


def _reset_weights() -> None:
    for name, weight in DEFAULT_WEIGHTS.items():
        st.session_state[WEIGHT_KEY.format(name)] = weight


def choices(graph: nx.MultiDiGraph) -> tuple[str | None, int, int]:
    """The municipality (None: every small one), the size threshold and suggestions per row."""
    options = {ALL: "Alle kleine gemeenten", **names_of_kind(graph, NodeKind.GEMEENTE)}
    left, middle, right = st.columns([2, 1, 1])
    chosen = left.selectbox(
        "Gemeente", list(options), format_func=options.__getitem__, key="ah_gemeente"
    )
    drempel = middle.number_input(
        "Klein is minder dan (inwoners)",
        min_value=1_000,
        max_value=1_000_000,
        value=AanhakenSettings().drempel,
        step=5_000,
        key="ah_drempel",
    )
    top = right.slider("Suggesties per gemeente", 1, 10, 3, key="ah_top")
    return (None if chosen == ALL else chosen), int(drempel), int(top)


def weights() -> dict[str, float]:
    """One slider per factor (with its meaning as help text) and a reset button."""
    for name, weight in DEFAULT_WEIGHTS.items():
        st.session_state.setdefault(WEIGHT_KEY.format(name), weight)
    with st.expander("Gewichten van de factoren"):
        st.caption(
            "De score is de som van factorwaarde (0 tot 1) × gewicht. Zet een gewicht op 0 om "
            "een factor niet mee te tellen."
        )
        cols = st.columns(3)
        for index, (name, spec) in enumerate(FACTORS.items()):
            cols[index % 3].slider(
                spec.label,
                0.0,
                MAX_WEIGHT,
                step=0.5,
                key=WEIGHT_KEY.format(name),
                help=spec.description,
            )
        st.button("Standaardgewichten", on_click=_reset_weights, key="ah_reset")
    return {name: float(st.session_state[WEIGHT_KEY.format(name)]) for name in FACTORS}


def suggestions_frame(result: AanhakenResult) -> pd.DataFrame:
    """The ranked suggestions with a column per factor contribution, Dutch headings."""
    frame = result.frame()
    labels = {name: spec.label for name, spec in FACTORS.items()}
    for column in ("voorbeeld_factoren", "afgeleide_factoren"):
        frame[column] = frame[column].map(
            lambda text: ", ".join(labels.get(n.strip(), n) for n in text.split(",") if n.strip())
        )
    return frame.drop(columns=["gemeente_cbs", "partner_cbs"]).rename(
        columns={
            **labels,
            "afstand_km": "afstand (km)",
            "voorbeeld_factoren": "rust op voorbeelddata",
            "afgeleide_factoren": "rust op afgeleide koppeling",
        }
    )


def overlay(result: AanhakenResult) -> tuple[OverlayEdge, ...]:
    """Every suggestion as an arrow from the small municipality to its suggested partner."""
    return tuple(
        OverlayEdge(
            s.municipality.id,
            s.partner.id,
            f"{s.municipality.naam} kan aanhaken bij {s.partner.naam} "
            f"(nr. {s.rank}, score {nl_number(s.score, 2)})\n" + "\n".join(s.reasons),
        )
        for s in result.suggesties
    )


MAP_SELECTION = Selection(kinds=frozenset({"gemeente"}), measure="inwoners")


def suggestion_details(suggestion: Suggestion) -> None:
    """One suggestion: the score per factor and the reasons, in plain Dutch."""
    st.markdown(
        f"**{suggestion.rank}. {md(suggestion.partner.naam)}** — score "
        f"{nl_number(suggestion.score, 2)}"
    )
    st.markdown(md(suggestion.reasons[0]))
    rows = [
        {
            "factor": spec.label,
            "bijdrage": suggestion.contributions.get(name, 0.0),
            "waarom": "; ".join(suggestion.reasons_per_factor.get(name, ())) or "—",
        }
        for name, spec in FACTORS.items()
    ]
    st.dataframe(
        pd.DataFrame(rows),
        hide_index=True,
        width="stretch",
        column_config={"bijdrage": st.column_config.NumberColumn(format="%.2f")},
    )


def municipality_suggestions(graph: nx.MultiDiGraph, version: str, gemeente: str) -> None:
    """For the Gemeente page: where this municipality could hook on, and who could hook on here
    (default weights, without example rows; the Aanhaken page can switch them on)."""
    drempel = AanhakenSettings().drempel
    st.caption(
        "Standaardgewichten, zonder voorbeelddata. Op de pagina Aanhaken kunt u gewichten "
        "aanpassen en voorbeelddata meetellen."
    )
    own = rank(cached_evaluation(graph, version, gemeente, drempel), None, 3)
    if own.suggesties:
        st.markdown("**Kan aanhaken bij**")
        for suggestion in own.suggesties:
            suggestion_details(suggestion)
    else:
        st.caption("Geen duidelijk grotere gemeente in de buurt om bij aan te haken.")
    everyone = _top_three_everywhere(graph, version, drempel)
    here = [s for s in everyone.suggesties if s.partner.id == gemeente]
    if here:
        st.markdown("**Kleine gemeenten die hier zouden kunnen aanhaken**")
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        "gemeente": s.municipality.naam,
                        "rang daar": s.rank,
                        "score": s.score,
                        "redenen": "; ".join(s.reasons),
                    }
                    for s in here
                ]
            ),
            hide_index=True,
            width="stretch",
            column_config={"score": st.column_config.NumberColumn(format="%.2f")},
        )
