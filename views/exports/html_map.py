"""HTML: the interactive map as one self-contained file, to mail to a colleague.

The page is the app's own map (:func:`views.pyvis_map.network_html`: vis-network and styles
inline, nothing loaded from the network, data escaped and shown with ``textContent``), headed by
the export's title, selection, date and sources, with the example-data note where it applies.
It opens offline by double-click.
"""

from __future__ import annotations

import networkx as nx

from graph.analysis.node_measures import node_measure
from graph.selection import MUNICIPAL_CAP, NODE_CAP, reduce_to_cap
from views.exports.meta import PRODUCT, ExportMeta
from views.layout import force_layout, geo_layout
from views.pyvis_map import network_html

#: Height of the map in a full browser window (the app embeds it smaller).
PAGE_HEIGHT = 760


def heading_lines(meta: ExportMeta) -> list[str]:
    """The lines under the title: selection and date, sources, and the note on example data."""
    lines = [
        f"{meta.selectie} · {meta.datum_tekst}",
        f"Bronnen: {meta.bronnen_tekst(limit=6)}",
        f"Gegevens per soort bron: {meta.bron_types_kort()} · {PRODUCT}",
    ]
    if meta.example_note:
        lines.append(meta.example_note)
    return lines


def to_html(
    graph: nx.MultiDiGraph,
    meta: ExportMeta,
    indeling: str = "geo",
    focus: str | None = None,
    weergave: str = "netwerk",
    context: nx.MultiDiGraph | None = None,
) -> bytes:
    """The page as UTF-8 bytes; ``indeling`` is ``geo`` (default) or ``force``.

    A selection larger than the Netwerk page draws is reduced the same way (the focus kept),
    and the page says so under its title. Nodes are sized by their number of relationships,
    in the Gemeentekaart (``weergave="gemeenten"``) by population. ``context`` (the whole
    graph) lets the details list the vocabulary the map leaves out.
    """
    measure = node_measure(graph, "inwoners" if weergave == "gemeenten" else "graad")
    values = measure.values if measure else None
    cap = MUNICIPAL_CAP if weergave == "gemeenten" else NODE_CAP
    reduced = reduce_to_cap(graph, values, keep=[focus], cap=cap)
    shown = reduced.graph
    positions = geo_layout(shown) if indeling == "geo" else force_layout(shown)
    lines = heading_lines(meta)
    if reduced.notice:
        lines.insert(1, reduced.notice)
    page = network_html(
        shown,
        positions,
        values=values,
        value_label=measure.label if measure else None,
        title=meta.titel,
        lines=lines,
        focus=focus,
        height=PAGE_HEIGHT,
        context=context,
    )
    return page.encode("utf-8")
