"""Every export format by name, with its file extension and MIME type.

The CLI (``netwerkkaart export --format F``) and the app's download buttons both call
:func:`render_export`, so the same selection gives byte-identical files from either.

>>> sorted(EXPORTS)[:4]
['csv', 'cypher', 'gexf', 'graphml']
>>> EXPORTS["gexf"].filename("Regio Twente")
'regio-twente.gexf'
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import Any

import networkx as nx

from graph.model import slug
from views.exports.csvzip import to_csv_zip
from views.exports.cypher_script import to_cypher
from views.exports.gexf import to_gexf
from views.exports.graphml import to_graphml
from views.exports.html_map import to_html
from views.exports.jsonfmt import to_json
from views.exports.meta import ExportMeta, export_meta
from views.exports.static_map import to_static_map
from views.exports.xlsx_report import to_xlsx

Renderer = Callable[..., bytes]


@dataclass(frozen=True)
class ExportFormat:
    """One format: how to make it, what to call the file, and which options it takes."""

    name: str
    label: str
    extension: str
    mime: str
    render: Renderer
    options: tuple[str, ...] = ()
    for_people: bool = True

    def filename(self, stem: str) -> str:
        """A safe file name for a download: the slug of ``stem`` plus the extension."""
        return f"{slug(stem) or 'netwerkkaart'}.{self.extension}"

    def __call__(self, graph: nx.MultiDiGraph, meta: ExportMeta, **options: Any) -> bytes:
        """Render, passing only the options this format knows (others are not its business)."""
        return self.render(graph, meta, **{k: v for k, v in options.items() if k in self.options})


_MAP_OPTIONS = ("papier", "liggend", "indeling", "focus")

EXPORTS: dict[str, ExportFormat] = {
    f.name: f
    for f in (
        ExportFormat(
            "html",
            "Interactieve kaart (HTML)",
            "html",
            "text/html",
            to_html,
            ("indeling", "focus", "weergave", "context"),
        ),
        ExportFormat(
            "png",
            "Kaart als afbeelding (PNG)",
            "png",
            "image/png",
            partial(to_static_map, fmt="png"),
            _MAP_OPTIONS,
        ),
        ExportFormat(
            "svg",
            "Kaart als vectorafbeelding (SVG)",
            "svg",
            "image/svg+xml",
            partial(to_static_map, fmt="svg"),
            _MAP_OPTIONS,
        ),
        ExportFormat(
            "pdf",
            "Kaart voor print (PDF)",
            "pdf",
            "application/pdf",
            partial(to_static_map, fmt="pdf"),
            _MAP_OPTIONS,
        ),
        ExportFormat(
            "xlsx",
            "Rapport (Excel)",
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            to_xlsx,
            ("met_voorbeelden",),
        ),
        ExportFormat(
            "graphml",
            "GraphML (yEd, Cytoscape, igraph)",
            "graphml",
            "application/graphml+xml",
            to_graphml,
            for_people=False,
        ),
        ExportFormat(
            "gexf", "GEXF (Gephi)", "gexf", "application/gexf+xml", to_gexf, for_people=False
        ),
        ExportFormat(
            "json", "JSON (node-link)", "json", "application/json", to_json, for_people=False
        ),
        ExportFormat(
            "csv",
            "CSV in zip (Excel)",
            "zip",
            "application/zip",
            to_csv_zip,
            ("csv_style",),
            for_people=False,
        ),
        ExportFormat(
            "cypher",
            "Cypher-script (Neo4j)",
            "cypher",
            "application/x-cypher-query",
            to_cypher,
            for_people=False,
        ),
    )
}


def render_export(
    name: str,
    graph: nx.MultiDiGraph,
    *,
    titel: str | None = None,
    datum: date | None = None,
    selectie: str = "het hele netwerk",
    source: nx.MultiDiGraph | None = None,
    **options: Any,
) -> bytes:
    """The bytes of export ``name`` for ``graph`` (already the user's selection); ``source``
    is the network a Gemeentekaart was made from, whose sources the export names."""
    meta = export_meta(
        graph if source is None else source, titel=titel, datum=datum, selectie=selectie
    )
    return EXPORTS[name](graph, meta, **options)
