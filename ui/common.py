"""Page furniture the pages share: the empty-workspace prompt, banners, problem tables, labels."""

from __future__ import annotations

import re
from collections.abc import Iterable

import networkx as nx
import pandas as pd
import streamlit as st

from loaders.problems import Problem
from ui.state import USER_ERRORS, StoreChoice, load_graph, reconnect, store_choice

EXAMPLE_TEXT = (
    "**Let op: voorbeelddata.** Een deel van wat hier staat is illustratief "
    "(bron_type *voorbeeld*), geen enquêteresultaat. Zulke gegevens zijn gemarkeerd met "
    "*(voorbeeld)* of een gestippelde rand. Vul het enquêtesjabloon in (pagina Data) om ze te "
    "vervangen door echte antwoorden."
)

SURVEY_STATUS_LABELS: dict[str, str] = {
    "respondent": "heeft geantwoord",
    "niet_gerespondeerd": "niet geantwoord",
    "afzender": "afzender van de enquête",
    "kennispartner": "kennispartner",
}


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-!|<>~$:])")


def md(text: object) -> str:
    r"""Text from data made inert for Streamlit markdown (headings, captions, alerts).

    >>> print(md("[x](javascript:alert(1)) *vet* $a$"))
    \[x\]\(javascript\:alert\(1\)\) \*vet\* \$a\$
    """
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text))


def example_banner(show: bool) -> None:
    """The banner every page shows whenever example data is on screen."""
    if show:
        st.warning(EXAMPLE_TEXT, icon=":material/warning:")


def store_warning(choice: StoreChoice) -> None:
    if choice.warning:
        st.warning(md(choice.warning), icon=":material/power_off:")


def _build_from_shipped(choice: StoreChoice) -> None:
    # Imported here: the loaders (pydantic models) are only needed when building, and every
    # page imports this module, so a visitor's first page does not wait for them.
    from netwerkkaart.services import workspace as ws

    try:
        outcome = ws.build_and_save(choice.workspace, choice.store)
    except USER_ERRORS as exc:
        st.session_state["_build_error"] = str(exc)
        return
    if not outcome.ok:
        st.session_state["_build_error"] = "; ".join(p.line() for p in outcome.result.report.errors)


def empty_workspace(choice: StoreChoice) -> None:
    """Tell the user there is no graph yet and offer to build it from the shipped data."""
    st.info(
        f"Er is nog geen graaf in {md(choice.store.describe())}. Bouw hem uit de meegeleverde "
        "gegevens (Overijssel, enquête 2010) en eventuele uploads; dat duurt een paar seconden. "
        "Op de commandoregel kan het ook: `netwerkkaart build`.",
        icon=":material/info:",
    )
    st.button(
        "Graaf bouwen uit de meegeleverde gegevens",
        type="primary",
        on_click=_build_from_shipped,
        args=(choice,),
        key="build_shipped",
    )
    problem = st.session_state.pop("_build_error", None)
    if problem:
        st.error(f"Bouwen is niet gelukt; er is niets opgeslagen. {md(problem)}")


REBUILD_ELSEWHERE = "op de pagina Instellingen of met `netwerkkaart build`"


def unreadable(choice: StoreChoice, exc: Exception, rebuild: str = REBUILD_ELSEWHERE) -> None:
    """Why the graph cannot be read, and the way out: reconnect to Neo4j, or rebuild."""
    if not choice.is_neo4j:
        st.error(f"De graaf kan niet worden gelezen: {md(exc)} Bouw hem opnieuw {rebuild}.")
        return
    st.error(
        f"De graaf kan niet worden gelezen uit Neo4j: {md(exc)} Controleer of de server draait "
        "(lokaal: `netwerkkaart neo4j start`) en verbind opnieuw."
    )
    st.button("Opnieuw verbinden", on_click=reconnect, key="graph_reconnect")


def require_graph() -> tuple[StoreChoice, nx.MultiDiGraph, str]:
    """The store, graph and version; stops the page (with a prompt) when there is no graph."""
    choice = store_choice()
    store_warning(choice)
    try:
        graph, version = load_graph(choice)
    except USER_ERRORS as exc:
        unreadable(choice, exc)
        st.stop()
    if graph.number_of_nodes() == 0:
        empty_workspace(choice)
        st.stop()
    return choice, graph, version


def problems_frame(problems: Iterable[Problem]) -> pd.DataFrame:
    """Problems as the table users read: file, row, column, value, message, level."""
    rows = [
        {
            "bestand": p.file,
            "rij": p.row,
            "kolom": p.column or "",
            "waarde": p.value or "",
            "melding": p.message,
            "niveau": str(p.level),
        }
        for p in problems
    ]
    return pd.DataFrame(rows, columns=["bestand", "rij", "kolom", "waarde", "melding", "niveau"])


def fit_height(rows: int, limit: int = 30) -> int:
    """A table height in pixels that shows ``rows`` rows (up to ``limit``) without scrolling."""
    return 35 * (min(rows, limit) + 1) + 3
