"""Download buttons for every export format, for the selection on screen.

A file is made when asked for (maps and reports take a few seconds) and cached per graph
version, selection, title and options; the download button then hands out exactly the bytes
``netwerkkaart export`` writes for the same selection. Changing the selection or an option asks
again, so a download never holds an older view.
"""

from __future__ import annotations

from typing import Any

import networkx as nx
import streamlit as st

from graph.selection import Selection
from ui.common import example_banner, md
from ui.state import selection_has_example_data, selection_size
from views.exports.meta import DEFAULT_TITLE, describe_selection
from views.exports.paper import PAPERS
from views.exports.registry import EXPORTS, SelectedExport

#: One line per format: what it is for.
PURPOSE: dict[str, str] = {
    "html": "Interactieve kaart in één bestand; opent zonder internet met een dubbelklik.",
    "png": "Afbeelding voor een presentatie of nota.",
    "svg": "Scherpe vectorafbeelding voor drukwerk of verder bewerken.",
    "pdf": "Kaart op A4, A3 of dia-formaat, klaar om te printen of bij te voegen.",
    "xlsx": "Rapport: enquête, gemeenten, aanhaaksuggesties met redenen, alle gegevens.",
    "graphml": "Voor yEd, Cytoscape, igraph en andere netwerkprogramma's.",
    "gexf": "Voor Gephi, met soort en herkomst als kenmerken.",
    "json": "Voor scripts; door Netwerkkaart MBO zelf weer in te lezen.",
    "csv": "nodes.csv en edges.csv in een zip, voor Excel of andere programma's.",
    "cypher": "Script dat de selectie nabouwt in een lege Neo4j-database.",
}
PAPER_LABELS = {"A4": "A4", "A3": "A3", "dia": "Dia (16:9)"}
CSV_LABELS = {"excel": "Excel (;)", "plain": "Standaard (,)"}
_MADE = "exp_made"
_SIGNATURE = "exp_signature"


@st.cache_data(show_spinner=False, max_entries=24)
def export_bytes(
    _graph: nx.MultiDiGraph,
    version: str,
    selection: Selection,
    name: str,
    titel: str,
    options: tuple[tuple[str, Any], ...],
) -> bytes:
    """The export of the selection (cached per graph version, selection, title and options),
    made as ``netwerkkaart export`` makes it (views.exports.registry.SelectedExport)."""
    return SelectedExport.of(_graph, selection).render(name, titel=titel, **dict(options))


def _make(name: str) -> None:
    st.session_state.setdefault(_MADE, set()).add(name)


def _file_stem(titel: str, description: str) -> str:
    stem = titel if titel != DEFAULT_TITLE else f"netwerkkaart {description}"
    return stem[:80]


def _options(selection: Selection) -> tuple[tuple[str, Any], ...]:
    left, middle, right = st.columns(3)
    papier = left.selectbox(
        "Papier (kaarten)", list(PAPERS), format_func=PAPER_LABELS.__getitem__, key="exp_papier"
    )
    liggend = middle.toggle("Liggend", value=True, key="exp_liggend", help="Alleen A4 en A3.")
    csv_style = right.radio(
        "CSV-stijl", list(CSV_LABELS), format_func=CSV_LABELS.__getitem__, key="exp_csv"
    )
    examples = middle.toggle(
        "Rapport met voorbeelddata",
        value=False,
        key="exp_voorbeelden",
        help="Maten, aanhaken en kennis in het Excel-rapport ook op voorbeelddata (gemarkeerd).",
    )
    return (
        ("papier", papier),
        ("liggend", liggend),
        ("indeling", selection.layout),
        ("weergave", selection.view),
        ("csv_style", csv_style),
        ("met_voorbeelden", examples),
    )


def _row(graph: nx.MultiDiGraph, version: str, selection: Selection, name: str, **kw: Any) -> None:
    fmt = EXPORTS[name]
    text, button = st.columns([3, 2], vertical_alignment="center")
    text.markdown(f"**{fmt.label}**  \n{PURPOSE.get(name, '')}")
    if name not in st.session_state.get(_MADE, set()):
        button.button("Bestand maken", key=f"exp_make_{name}", on_click=_make, args=(name,))
        return
    try:
        with st.spinner(f"{fmt.label} maken…"):
            data = export_bytes(graph, version, selection, name, kw["titel"], kw["options"])
    except ValueError as exc:
        button.error(f"Dit formaat lukt niet voor deze selectie: {md(exc)}")
        return
    button.download_button(
        f"Download .{fmt.extension}",
        data,
        file_name=fmt.filename(kw["stem"]),
        mime=fmt.mime,
        key=f"exp_download_{name}",
        on_click="ignore",
        type="primary",
        icon=":material/download:",
    )


def export_panel(graph: nx.MultiDiGraph, version: str, selection: Selection) -> None:
    """The whole export block: what is selected, the options, and a button per format."""
    nodes, relationships = selection_size(graph, version, selection)
    description = describe_selection(graph, selection)
    st.markdown(
        f"**Selectie:** {md(description)} — {nodes} nodes, {relationships} relaties"
        + (
            ", als Gemeentekaart gebundeld tot één node per gemeente"
            if selection.view == "gemeenten"
            else ""
        )
        + ". Pas de selectie aan in de zijbalk (dezelfde filters als op de pagina Netwerk)."
    )
    example_banner(selection_has_example_data(graph, version, selection))
    if nodes == 0:
        st.info("De selectie is leeg; verruim de filters om iets te exporteren.")
        return
    titel = st.text_input("Titel", value=DEFAULT_TITLE, max_chars=120, key="exp_titel")
    titel = titel.strip() or DEFAULT_TITLE
    options = _options(selection)
    signature = (version, selection, titel, options)
    if st.session_state.get(_SIGNATURE) != signature:
        st.session_state[_SIGNATURE] = signature
        st.session_state[_MADE] = set()
    stem = _file_stem(titel, description)
    for heading, for_people in (("Voor mensen", True), ("Voor andere programma's", False)):
        st.subheader(heading)
        for name, fmt in EXPORTS.items():
            if fmt.for_people == for_people:
                _row(graph, version, selection, name, titel=titel, options=options, stem=stem)
