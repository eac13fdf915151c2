"""HTML: the interactive map as one self-contained file, to mail to a colleague.

The page is the app's own map (:func:`views.pyvis_map.network_html`: vis-network and styles
inline, nothing loaded from the network, data escaped and shown with ``textContent``), headed by
the export's title, selection, date and sources, with the example-data note where it applies.
It opens offline by double-click.
"""

from __future__ import annotations

import networkx as nx

from graph.layout import force_layout, geo_layout
from graph.selection import reduce_to_cap
from views.exports.meta import PRODUCT, ExportMeta
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
    if meta.voorbeeld_note:
        lines.append(meta.voorbeeld_note)
    return lines


def to_html(
    graph: nx.MultiDiGraph, meta: ExportMeta, indeling: str = "geo", focus: str | None = None
) -> bytes:
    """The page as UTF-8 bytes; ``indeling`` is ``geo`` (default) or ``force``.

    A selection larger than the Netwerk page draws is reduced the same way (the focus kept),
    and the page says so under its title.
    """
    reduced = reduce_to_cap(graph, keep=[focus])
    shown = reduced.graph
    positions = geo_layout(shown) if indeling == "geo" else force_layout(shown)
    degree = {n: float(d) for n, d in shown.to_undirected(as_view=True).degree()}
    lines = heading_lines(meta)
    if reduced.notice:
        lines.insert(1, reduced.notice)
    page = network_html(
        shown,
        positions,
        values=degree,
        value_label="aantal relaties",
        title=meta.titel,
        lines=lines,
        focus=focus,
        height=PAGE_HEIGHT,
    )
    return page.encode("utf-8")
