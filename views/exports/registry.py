"""Every export format by name, with its file extension and MIME type.

The CLI (``netwerkkaart export --format F``) and the app's download buttons both go through
:meth:`SelectedExport.render` (which calls :func:`render_export`), so the same selection and
options give byte-identical files from either (tests/test_exports_paths.py shows it per format).

>>> sorted(EXPORTS)[:4]
['csv', 'cypher', 'gexf', 'graphml']
>>> EXPORTS["gexf"].filename("Regio Twente")
'regio-twente.gexf'
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import networkx as nx

from graph.analysis.municipal_view import selected_view
from graph.model import slug
from graph.selection import Selection
from views.exports.csvzip import to_csv_zip
from views.exports.cypher_script import to_cypher
from views.exports.gexf import to_gexf
from views.exports.graphml import to_graphml
from views.exports.html_map import to_html
from views.exports.jsonfmt import to_json
from views.exports.meta import ExportMeta, describe_selection, export_meta

Renderer = Callable[..., bytes]


def _on_first_use(module: str, function: str, **fixed: Any) -> Renderer:
    """``module.function`` (with ``fixed`` options), imported when first called: the maps
    need matplotlib and the report openpyxl, together a second that a page offering the
    downloads need not pay before a file is asked for."""

    def render(graph: nx.MultiDiGraph, meta: ExportMeta, **options: Any) -> bytes:
        made: bytes = getattr(importlib.import_module(module), function)(
            graph, meta, **fixed, **options
        )
        return made

    return render


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
            _on_first_use("views.exports.static_map", "to_static_map", fmt="png"),
            _MAP_OPTIONS,
        ),
        ExportFormat(
            "svg",
            "Kaart als vectorafbeelding (SVG)",
            "svg",
            "image/svg+xml",
            _on_first_use("views.exports.static_map", "to_static_map", fmt="svg"),
            _MAP_OPTIONS,
        ),
        ExportFormat(
            "pdf",
            "Kaart voor print (PDF)",
            "pdf",
            "application/pdf",
            _on_first_use("views.exports.static_map", "to_static_map", fmt="pdf"),
            _MAP_OPTIONS,
        ),
        ExportFormat(
            "xlsx",
            "Rapport (Excel)",
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            _on_first_use("views.exports.xlsx_report", "to_xlsx"),
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


@dataclass(frozen=True)
class SelectedExport:
    """One selection of ``graph`` ready to export: what is drawn or written (the Gemeentekaart
    aggregates), the network it was made from (whose sources the export names) and the
    selection in words. The CLI and the app both make their files here, so they cannot differ.
    """

    graph: nx.MultiDiGraph
    selection: Selection
    view: nx.MultiDiGraph
    network: nx.MultiDiGraph
    description: str

    @classmethod
    def of(cls, graph: nx.MultiDiGraph, selection: Selection) -> SelectedExport:
        """Select from the whole ``graph`` as the Netwerk page does."""
        view, network = selected_view(graph, selection)
        return cls(graph, selection, view, network, describe_selection(graph, selection))

    def meta(self, titel: str | None = None, datum: date | None = None) -> ExportMeta:
        """What the export says about itself (the CLI prints its example-data note)."""
        return export_meta(self.network, titel=titel, datum=datum, selectie=self.description)

    def render(
        self, name: str, *, titel: str | None = None, datum: date | None = None, **options: Any
    ) -> bytes:
        """The bytes of export ``name``; ``options`` are the format options (paper, layout...)."""
        return render_export(
            name,
            self.view,
            titel=titel,
            datum=datum,
            selectie=self.description,
            source=self.network,
            focus=self.selection.focus,
            context=self.graph,
            **options,
        )
