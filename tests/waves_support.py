"""Two small survey rounds (a graph to compare rounds on) and reading written documents back."""

from __future__ import annotations

import io

import docx
import networkx as nx
from pypdf import PdfReader

from graph.build import build_graph
from loaders.datasets import Source, load_sources

TWO_ROUNDS = {
    "gemeenten": (
        "cbs_code;naam;provincie;inwoners_recent;inwoners_recent_jaar;lat;lon\n"
        "GM0001;Aa;Overijssel;1;2024;52;6\nGM0002;Bee;Overijssel;1;2024;52;6\n"
        "GM0003;Cee;Overijssel;1;2024;52;6\n"
    ),
    "vocabulaire": (
        "soort;sleutel;label\nactiviteit;nl-doet;NL Doet\nactiviteit;beursvloer;Beursvloer\n"
        "thema;match;Match\nthema;beleid;Beleid\n"
    ),
    "enquetes": "sleutel;naam;jaar;uitgenodigd\nw1;Ronde 1;2010;3\nw2;Ronde 2;2027;3\n",
    "deelname": (
        "enquete;gemeente;status\nw1;Aa;respondent\nw1;Bee;respondent\nw1;Cee;niet_gerespondeerd\n"
        "w2;Aa;respondent\nw2;Cee;respondent\nw2;Bee;niet_gerespondeerd\n"
    ),
    "antwoorden": (
        "enquete;gemeente;activiteiten;themas;ambitie;bron_type\n"
        "w1;Aa;nl-doet;match;nee;enquete\nw1;Bee;nl-doet;match;ja;enquete\n"
        "w2;Aa;beursvloer;beleid;ja;enquete\nw2;Cee;nl-doet;match;ja;voorbeeld\n"
    ),
}


def two_round_graph() -> nx.MultiDiGraph:
    """Aa answers both rounds; Bee only the first; Cee only the second, with example answers."""
    result = load_sources([Source(f"{k}.csv", v.encode(), k) for k, v in TWO_ROUNDS.items()])
    assert result.report.ok, [p.line() for p in result.report.problems]
    return build_graph(result.nodes, result.edges)


def pdf_text(payload: bytes) -> str:
    """The text of every page, as a PDF reader extracts it."""
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(payload)).pages)


def docx_text(payload: bytes) -> str:
    """The paragraphs and then every table cell of a Word file."""
    document = docx.Document(io.BytesIO(payload))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)
