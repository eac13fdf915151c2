"""Shared material for the export tests: hostile strings, a graph carrying them, a fixed date."""

from __future__ import annotations

from datetime import date

import networkx as nx

from graph.selection import Selection, select

DATE = date(2025, 3, 7)

#: Text that would run as HTML/JS, as a spreadsheet formula, or end a Cypher string or comment.
HOSTILE = (
    "<script>alert(1)</script>",
    '"><svg onload=alert(2)>',
    '=HYPERLINK("http://example.invalid","klik")',
    "+SUM(A1:A9)",
    "-2+3",
    "@cmd",
    "\tgetabd",
    'O\'Neil \\ "x"\n// MATCH (n) DETACH DELETE n',
    "]]><!-- `tick` }",
    "regel\u2028scheiding ☃ 𝄞",
)

TWENTE = "regio:regio-twente"
BORNE = "gemeente:GM0147"


def hostile_graph(shipped: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The shipped graph plus organisations (example data) whose every text is hostile."""
    graph = shipped.copy()
    for index, text in enumerate(HOSTILE):
        node = f"organisatie:vijandig-{index}"
        graph.add_node(
            node,
            kind="organisatie",
            naam=text,
            omschrijving=text,
            synoniemen=[text, "gewoon"],
            bron=text,
            bron_type="voorbeeld",
            jaar=2010,
        )
        graph.add_edge(
            node,
            BORNE,
            key=f"ACTIEF_IN|{text}",
            type="ACTIEF_IN",
            toelichting=text,
            bron=text,
            bron_type="voorbeeld",
            jaar=2010,
        )
    return graph


def twente(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The Netwerk page's "Regio Twente" filter: the Twente municipalities and their partners."""
    return select(graph, Selection(regions=frozenset({TWENTE})))


def outside_municipalities(graph: nx.MultiDiGraph, selection: nx.MultiDiGraph) -> set[str]:
    return {
        n for n, a in graph.nodes(data=True) if a.get("kind") == "gemeente" and n not in selection
    }
