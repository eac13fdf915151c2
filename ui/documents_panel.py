"""Download buttons for the written documents: a round's summary note (Overzicht) and a
municipality's factsheet (Gemeente), as PDF or DOCX.

As on the Export page, a file is made when asked for ("maken", about a second) and cached per
graph version and options; the bytes are those ``netwerkkaart samenvatting`` and
``netwerkkaart factsheet`` write (both go through :mod:`netwerkkaart.services.documents`).
"""

from __future__ import annotations

from collections.abc import Callable

import networkx as nx
import streamlit as st

from graph.model import slug
from netwerkkaart.services import documents
from views.documents.render import FORMATS, MIME

_MADE = "doc_made"


@st.cache_data(show_spinner=False, max_entries=12)
def note_file(
    _graph: nx.MultiDiGraph, version: str, wave: str, fmt: str, met_voorbeelden: bool
) -> bytes:
    """The note of ``wave`` (cached per graph version and options)."""
    return documents.note_bytes(_graph, wave, fmt, met_voorbeelden)


@st.cache_data(show_spinner=False, max_entries=12)
def factsheet_file(
    _graph: nx.MultiDiGraph, version: str, gemeente: str, fmt: str, met_voorbeelden: bool
) -> bytes:
    """The factsheet of ``gemeente`` (cached per graph version and options)."""
    return documents.factsheet_bytes(_graph, gemeente, fmt, met_voorbeelden)


def _made(signature: str) -> None:
    st.session_state.setdefault(_MADE, set()).add(signature)


def _buttons(prefix: str, what: str, stem: str, make: Callable[[str, bool], bytes]) -> None:
    """A switch for example data and, per format, a make button that turns into a download."""
    examples = st.toggle(
        "Met voorbeelddata",
        value=False,
        key=f"{prefix}_voorbeelden",
        help="Tel ook de voorbeeldantwoorden mee; het document zegt bij elke uitspraak die erop "
        "rust dat het voorbeelddata zijn.",
    )
    columns = st.columns(len(FORMATS))
    for column, fmt in zip(columns, FORMATS, strict=True):
        signature = f"{prefix}|{stem}|{fmt}|{examples}"
        if signature not in st.session_state.get(_MADE, set()):
            column.button(
                f"{what} maken ({fmt.upper()})",
                key=f"{prefix}_make_{fmt}",
                on_click=_made,
                args=(signature,),
            )
            continue
        with st.spinner(f"{what} maken…"):
            data = make(fmt, examples)
        column.download_button(
            f"Download .{fmt}",
            data,
            file_name=f"{slug(stem)}{'-met-voorbeelden' if examples else ''}.{fmt}",
            mime=MIME[fmt],
            key=f"{prefix}_download_{fmt}",
            on_click="ignore",
            type="primary",
            icon=":material/download:",
        )


def note_downloads(graph: nx.MultiDiGraph, version: str, wave: str) -> None:
    """The summary note of ``wave``, in the sections of the 2010 note."""
    name = str(graph.nodes[wave].get("naam", wave))
    _buttons(
        "ov_doc",
        "Samenvatting",
        f"samenvatting {name}",
        lambda fmt, examples: note_file(graph, version, wave, fmt, examples),
    )


def factsheet_downloads(graph: nx.MultiDiGraph, version: str, gemeente: str) -> None:
    """The factsheet of ``gemeente``: one or two A4 pages."""
    name = str(graph.nodes[gemeente].get("naam", gemeente))
    _buttons(
        "gm_doc",
        "Factsheet",
        f"factsheet {name}",
        lambda fmt, examples: factsheet_file(graph, version, gemeente, fmt, examples),
    )
