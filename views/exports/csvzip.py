"""CSV: a zip with ``nodes.csv``, ``edges.csv`` and ``LEESMIJ.txt``, for Excel and other tools.

Two styles:

- ``excel`` (default): UTF-8 with BOM, ``;`` between cells, decimal comma, ``ja``/``nee`` — what
  Dutch Excel opens correctly by double-click (with a point, 52.347 would become 52347).
- ``plain``: UTF-8 without BOM, ``,`` between cells, decimal point, ``true``/``false``.

Columns: ``nodes.csv`` has ``id`` and every node attribute; ``edges.csv`` has ``van``, ``naar``,
``sleutel`` (the relationship's key) and every relationship attribute; both end with
``voorbeelddata`` (ja/nee, true/false) so example data can be filtered out. Lists are joined
with ``"; "``. Text that a spreadsheet would run as a formula (starting with ``=``, ``+``,
``-``, ``@``, tab or CR) gets a leading apostrophe (:func:`views.tabular.safe_cell`).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import networkx as nx

from graph.model import is_example
from views.exports.attributes import attribute_specs
from views.exports.meta import ExportMeta
from views.exports.pinned_zip import PinnedZipFile
from views.tabular import safe_cell

EXAMPLE_COLUMN = "voorbeelddata"


@dataclass(frozen=True)
class CsvStyle:
    """How cells are separated, encoded and spelled."""

    name: str
    delimiter: str
    encoding: str
    decimal: str
    true: str
    false: str


STYLES: dict[str, CsvStyle] = {
    "excel": CsvStyle("excel", ";", "utf-8-sig", ",", "ja", "nee"),
    "plain": CsvStyle("plain", ",", "utf-8", ".", "true", "false"),
}


def cell(value: Any, style: CsvStyle) -> str:
    """One value as CSV text in ``style``, formula-looking text neutralised.

    >>> cell(52.347, STYLES["excel"]), cell(["a", "=b"], STYLES["plain"]), cell(True, STYLES["excel"])
    ('52,347', 'a; =b', 'ja')
    >>> cell("=HYPERLINK(1)", STYLES["plain"])
    "'=HYPERLINK(1)"
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return style.true if value else style.false
    if isinstance(value, float):
        return repr(value).replace(".", style.decimal)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list | tuple):
        value = "; ".join(str(v) for v in value)
    return str(safe_cell(str(value)))


def _table(columns: Sequence[str], rows: Iterable[Mapping[str, Any]], style: CsvStyle) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=style.delimiter, lineterminator="\r\n")
    writer.writerow([cell(c, style) for c in columns])
    for row in rows:
        writer.writerow([cell(row.get(c), style) for c in columns])
    return buffer.getvalue().encode(style.encoding)


def _readme(meta: ExportMeta, style: CsvStyle) -> bytes:
    lines = [
        *meta.lines(),
        "",
        "nodes.csv: één regel per node (id, soort, naam, bron, bron_type, jaar, overige kenmerken).",
        "edges.csv: één regel per relatie (van, naar, sleutel, type, bron, bron_type, jaar, ...).",
        f"Scheidingsteken '{style.delimiter}', decimaalteken '{style.decimal}'; lijsten met '; '.",
        f"Kolom {EXAMPLE_COLUMN}: {style.true} = illustratief, geen enquêteresultaat.",
        "Tekst die met =, +, -, @ begint staat er met een apostrof voor (geen formule).",
    ]
    return ("\r\n".join(lines) + "\r\n").encode(style.encoding)


def to_csv_zip(graph: nx.MultiDiGraph, meta: ExportMeta, csv_style: str = "excel") -> bytes:
    """The zip's bytes; ``csv_style`` is ``excel`` or ``plain``."""
    if csv_style not in STYLES:
        raise ValueError(f"onbekende CSV-stijl {csv_style!r}; kies uit {', '.join(STYLES)}")
    style = STYLES[csv_style]
    nodes = [
        {"id": node, **attrs, EXAMPLE_COLUMN: is_example(attrs)}
        for node, attrs in graph.nodes(data=True)
    ]
    edges = [
        {"van": u, "naar": v, "sleutel": k, **attrs, EXAMPLE_COLUMN: is_example(attrs)}
        for u, v, k, attrs in graph.edges(keys=True, data=True)
    ]
    node_cols = ["id", *(s.name for s in attribute_specs(a for _, a in graph.nodes(data=True)))]
    edge_cols = [
        "van",
        "naar",
        "sleutel",
        *(s.name for s in attribute_specs(a for *_, a in graph.edges(data=True))),
    ]
    node_cols.append(EXAMPLE_COLUMN)
    edge_cols.append(EXAMPLE_COLUMN)
    buffer = io.BytesIO()
    with PinnedZipFile(buffer, meta.datum) as archive:
        archive.writestr("LEESMIJ.txt", _readme(meta, style))
        archive.writestr("nodes.csv", _table(node_cols, nodes, style))
        archive.writestr("edges.csv", _table(edge_cols, edges, style))
    return buffer.getvalue()
