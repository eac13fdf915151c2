"""XLSX: a report workbook for policy officers, on exactly the selection.

Sheets: ``Overzicht`` (what, when, sources, example-data note), ``Enquête`` (response and the
answers counted per activity, portfolio, obstacle, theme, format), ``Gemeenten`` (the
municipalities with their measures), ``Aanhaken`` (the best five hook-on suggestions per small
municipality, with every factor and the reasons), ``Kennisgroepen`` and ``Leerparen`` (proposed
knowledge-exchange groups and who can teach whom, with reasons), ``Nodes`` and ``Relaties``
(everything, with a ``voorbeelddata`` column). Analyses run on the selection itself, so the
workbook holds nothing outside it, and (like the CLI and the app) without example rows unless
``met_voorbeelden`` (graph.analysis.basis); the Overzicht sheet says which.

Text that a spreadsheet would run as a formula gets a leading apostrophe
(:func:`views.tabular.safe_cell`); rows that rest on example data say so in their last column and
are shaded orange (one conditional format per table).
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from datetime import datetime, time
from typing import Any

import networkx as nx
import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from graph.analysis.aanhaken import FACTORS, aanhaken
from graph.analysis.basis import analysis_basis
from graph.analysis.kennis import knowledge_exchange
from graph.analysis.metrics import network_measures
from graph.analysis.municipal import municipality
from graph.analysis.survey_findings import survey_findings, survey_waves
from graph.model import (
    NodeKind,
    RelType,
    is_example,
    kind_label,
    rel_label,
)
from views.exports.attributes import attribute_specs
from views.exports.meta import PRODUCT, ExportMeta
from views.exports.pinned_zip import PinnedZipFile
from views.tabular import safe_cell

#: Suggestions per small municipality in the report (the CLI and app can show more).
AANHAKEN_TOP = 5
HEADER_FILL = PatternFill("solid", fgColor="DCE7F3")
EXAMPLE_FILL = PatternFill("solid", fgColor="FDE8D0")
NOTE_FILL = PatternFill("solid", fgColor="FFF7ED")
BOLD = Font(bold=True)

MUNICIPALITY_COLUMNS = [
    "naam",
    "cbs_code",
    "inwoners",
    "inwoners_jaar",
    "grootteklasse",
    "regio's",
    "enquêtestatus",
    "graad",
    "tussenheid",
    "pagerank",
    "gemeenschap",
    "makelaar",
    "partners",
    "activiteiten",
    "thema's",
    "voorbeelddata",
]
SURVEY_TABLES = {
    "activiteiten": "Activiteiten",
    "beleidsterreinen": "MBO belegd bij",
    "struikelblokken": "Struikelblokken",
    "themas": "Thema's voor kennisuitwisseling",
    "werkvormen": "Gewenste werkvormen",
    "samenwerking_ondernemers": "Samenwerking met ondernemers",
    "ambitie": "Ambitie",
}


def value(cell_value: Any) -> Any:
    """A graph value as a workbook cell: numbers stay numbers, text is formula-safe."""
    if cell_value is None:
        return None
    if isinstance(cell_value, bool):
        return "ja" if cell_value else "nee"
    if isinstance(cell_value, int | float):
        return cell_value
    if isinstance(cell_value, list | tuple):
        return value("; ".join(str(v) for v in cell_value))
    return safe_cell(ILLEGAL_CHARACTERS_RE.sub("\ufffd", str(cell_value)))  # XML cannot hold them


def _table(
    sheet: Worksheet,
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    start: int = 1,
    flag: str | None = None,
    shade_when: str = '{cell}="ja"',
) -> int:
    """Write a header and rows from row ``start``; returns the next free row.

    With ``flag`` (a column name), rows whose flag cell passes ``shade_when`` (an Excel test on
    ``{cell}``) are shaded by one conditional format: no per-cell styling, so large tables stay
    fast and the shading follows the data when a user edits or sorts it.
    """
    for col, name in enumerate(columns, start=1):
        cell = sheet.cell(row=start, column=col, value=value(name))
        cell.font, cell.fill = BOLD, HEADER_FILL
    row_number = start
    for row_number, row in enumerate(rows, start=start + 1):
        for col, item in enumerate(row, start=1):
            sheet.cell(row=row_number, column=col, value=value(item))
    if flag is not None and row_number > start:
        letter = get_column_letter(list(columns).index(flag) + 1)
        test = shade_when.format(cell=f"${letter}{start + 1}")
        area = f"A{start + 1}:{get_column_letter(len(columns))}{row_number}"
        sheet.conditional_formatting.add(area, FormulaRule(formula=[test], fill=EXAMPLE_FILL))
    return row_number + 1


def _finish(sheet: Worksheet, widths: Sequence[int] | None = None, header_row: int = 1) -> None:
    """Freeze the header, filter on it, and give columns a readable width (judged from the first
    rows, so a long table costs no extra pass)."""
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    last_row, last_col = sheet.max_row, sheet.max_column
    if last_row > header_row:
        sheet.auto_filter.ref = f"A{header_row}:{get_column_letter(last_col)}{last_row}"
    sample = list(
        sheet.iter_rows(
            min_row=header_row, max_row=min(last_row, header_row + 200), values_only=True
        )
    )
    for index in range(1, last_col + 1):
        letter = get_column_letter(index)
        if widths and index <= len(widths):
            sheet.column_dimensions[letter].width = widths[index - 1]
        else:
            longest = max(
                (len(str(r[index - 1])) for r in sample if r[index - 1] is not None), default=8
            )
            sheet.column_dimensions[letter].width = min(60, max(10, longest + 2))


#: What the analysis sheets rest on, by the ``met_voorbeelden`` option.
ANALYSIS_BASIS = {
    False: "zonder voorbeelddata (referentie-, enquête-, gebruikers- en afgeleide gegevens)",
    True: "met voorbeelddata; rijen die erop rusten zijn gemarkeerd en oranje",
}


def _overview(
    sheet: Worksheet, graph: nx.MultiDiGraph, meta: ExportMeta, met_voorbeelden: bool
) -> None:
    sheet["A1"] = value(meta.titel)
    sheet["A1"].font = Font(bold=True, size=16)
    rows = [
        ("Selectie", meta.selectie),
        ("Datum", meta.datum_tekst),
        ("Nodes", graph.number_of_nodes()),
        ("Relaties", graph.number_of_edges()),
        ("Soorten bron", meta.bron_types_tekst()),
        ("Maten, aanhaken en kennis", ANALYSIS_BASIS[met_voorbeelden]),
        ("Gemaakt met", PRODUCT),
    ]
    for number, (label, item) in enumerate(rows, start=3):
        sheet.cell(row=number, column=1, value=label).font = BOLD
        sheet.cell(row=number, column=2, value=value(item))
    row = len(rows) + 4
    if meta.example_note:
        note = sheet.cell(row=row, column=1, value=value(meta.example_note))
        note.fill, note.font = NOTE_FILL, Font(bold=True, color="7C2D12")
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
        row += 2
    sheet.cell(row=row, column=1, value="Bronnen").font = BOLD
    for offset, bron in enumerate(meta.bronnen, start=1):
        sheet.cell(row=row + offset, column=1, value=value(bron))
    sheet.column_dimensions["A"].width = 22
    sheet.column_dimensions["B"].width = 90
    for line in sheet.iter_rows():
        for cell in line:
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def _survey(sheet: Worksheet, graph: nx.MultiDiGraph) -> None:
    """The most recent survey wave in the selection, as the Overzicht page shows it."""
    waves = survey_waves(graph)
    if not waves:
        sheet["A1"] = "Er valt geen enquêteronde binnen deze selectie."
        return
    findings = survey_findings(graph, waves[0])
    sheet["A1"] = value(findings.naam)
    sheet["A1"].font = Font(bold=True, size=14)
    facts = [
        ("Uitgenodigd", findings.uitgenodigd),
        ("Respondenten", findings.respondenten),
        ("Respons (%)", findings.respons_pct),
        ("Antwoorden in de data", findings.beantwoord),
        ("Herkomst antwoorden", ", ".join(sorted(findings.bron_types))),
    ]
    for number, (label, item) in enumerate(facts, start=2):
        sheet.cell(row=number, column=1, value=label).font = BOLD
        sheet.cell(row=number, column=2, value=value(item))
    row = len(facts) + 2
    if findings.has_example_data:
        note = sheet.cell(
            row=row,
            column=1,
            value="Let op: de antwoorden zijn (deels) voorbeelddata, geen enquêteresultaat.",
        )
        note.fill, note.font = NOTE_FILL, Font(bold=True, color="7C2D12")
        row += 1
    for field, title in SURVEY_TABLES.items():
        frame: pd.DataFrame = getattr(findings, field)
        row += 1
        sheet.cell(row=row, column=1, value=title).font = Font(bold=True, size=12)
        row = _table(
            sheet,
            ["antwoord", "aantal gemeenten", "aandeel", "gemeenten"],
            (
                (r["label"], int(r["aantal"]), round(float(r["aandeel"]), 3), r["gemeenten"])
                for r in frame.to_dict("records")
            ),
            start=row + 1,
        )
    for letter, width in zip("ABCD", (42, 18, 10, 80), strict=True):
        sheet.column_dimensions[letter].width = width


def _neighbours(graph: nx.MultiDiGraph, node: str, rel: RelType, out: bool = True) -> list[str]:
    edges = graph.out_edges(node, data=True) if out else graph.in_edges(node, data=True)
    other = 1 if out else 0
    return sorted(
        {str(graph.nodes[e[other]].get("naam", e[other])) for e in edges if e[2].get("type") == rel}
    )


def _municipalities(sheet: Worksheet, graph: nx.MultiDiGraph, basis: nx.MultiDiGraph) -> None:
    table = network_measures(basis).table
    measures = table.set_index("id") if len(table) else table  # an empty selection: no columns
    partner_kinds = {
        NodeKind.ONDERNEMERSNETWERK,
        NodeKind.VRIJWILLIGERSCENTRALE,
        NodeKind.ORGANISATIE,
    }
    rows = []
    for node, attrs in graph.nodes(data=True):
        if attrs.get("kind") != NodeKind.GEMEENTE:
            continue
        facts = municipality(node, attrs)
        partners = {
            n for n in nx.all_neighbors(graph, node) if graph.nodes[n].get("kind") in partner_kinds
        }
        statuses = sorted(
            {
                str(a.get("status"))
                for _, _, a in graph.out_edges(node, data=True)
                if a.get("type") == RelType.NAM_DEEL_AAN and a.get("status")
            }
        )
        touched = [*graph.out_edges(node, data=True), *graph.in_edges(node, data=True)]
        example = is_example(attrs) or any(is_example(a) for *_, a in touched)
        measured = measures.loc[node] if node in measures.index else None
        rows.append(
            [
                facts.naam,
                facts.cbs,
                facts.inwoners,
                facts.inwoners_jaar,
                attrs.get("grootteklasse"),
                _neighbours(graph, node, RelType.LID_VAN),
                statuses,
                *_measured(measured),
                len(partners),
                len(_neighbours(graph, node, RelType.ORGANISEERT)),
                len(_neighbours(graph, node, RelType.HEEFT_INTERESSE_IN)),
                example,
            ]
        )
    order = sorted(range(len(rows)), key=lambda i: str(rows[i][0]).lower())
    _table(sheet, MUNICIPALITY_COLUMNS, (rows[i] for i in order), flag="voorbeelddata")
    _finish(sheet, [22, 10, 11, 13, 14, 40, 22, 8, 11, 10, 12, 10, 9, 11, 9, 13])


def _measured(measured: pd.Series | None) -> list[Any]:
    """Degree, betweenness, PageRank, community and broker of one municipality; empty for a
    municipality the analysis left out (itself example data)."""
    if measured is None:
        return [None] * 5
    return [
        int(measured["graad"]),
        _number(measured["tussenheid"]),
        _number(measured["pagerank"]),
        None if pd.isna(measured["gemeenschap"]) else int(measured["gemeenschap"]),
        bool(measured["makelaar"]),
    ]


def _number(measure: Any) -> float | None:
    return None if pd.isna(measure) else round(float(measure), 4)


def _cell_value(item: Any) -> Any:
    """A DataFrame value for :func:`value`: pandas' missing markers become empty cells."""
    if isinstance(item, list | tuple | str):
        return item
    return None if pd.isna(item) else item


def _frame(
    sheet: Worksheet,
    frame: pd.DataFrame,
    flag: str,
    empty: str,
    labels: dict[str, str] | None = None,
    wrap: tuple[str, ...] = ("redenen",),
    shade_when: str = '{cell}="ja"',
) -> None:
    """A table from an analysis DataFrame; rows whose ``flag`` cell passes ``shade_when`` are
    shaded (see :func:`_table`)."""
    if frame.empty:
        sheet["A1"] = empty
        return
    records = frame.to_dict("records")
    columns = list(frame.columns)
    rows = [[_cell_value(r[c]) for c in columns] for r in records]
    header = [(labels or {}).get(c, c) for c in columns]
    _table(sheet, header, rows, flag=header[columns.index(flag)], shade_when=shade_when)
    _finish(sheet)
    for name in wrap:
        if name in columns:
            letter = get_column_letter(columns.index(name) + 1)
            sheet.column_dimensions[letter].width = 80
            for cell in sheet[letter][1:]:
                cell.alignment = Alignment(wrap_text=True, vertical="top")


def _aanhaken(sheet: Worksheet, graph: nx.MultiDiGraph) -> None:
    frame = aanhaken(graph, top=AANHAKEN_TOP).frame()
    rounded = ["score", *FACTORS]
    frame[rounded] = frame[rounded].astype(float).round(3)
    _frame(
        sheet,
        frame,
        "voorbeeld_factoren",
        "Geen aanhaaksuggesties in deze selectie (geen kleine gemeente met een grotere in de buurt).",
        {name: spec.label for name, spec in FACTORS.items()},
        shade_when="LEN({cell})>0",
    )


def _knowledge(sheet: Worksheet, frames: dict[str, pd.DataFrame], part: str) -> None:
    """Proposed groups (``groepen``) or teach/learn pairs (``paren``) with their reasons."""
    frame = frames[part]
    _frame(
        sheet,
        frame,
        "voorbeeld",
        f"Geen {'groepen' if part == 'groepen' else 'leerparen'} in deze selectie.",
        wrap=("leden", "redenen"),
    )


def _everything(sheet: Worksheet, keys: Sequence[str], items: list[dict[str, Any]]) -> None:
    """One row per item: the ``keys`` columns first, then every attribute, then voorbeelddata."""
    names = [*keys, *(s.name for s in attribute_specs(items) if s.name not in keys)]
    rows = [[*(item.get(n) for n in names), is_example(item)] for item in items]
    _table(sheet, [*names, "voorbeelddata"], rows, flag="voorbeelddata")
    _finish(sheet)


def _nodes(sheet: Worksheet, graph: nx.MultiDiGraph) -> None:
    items = [
        {"id": n, "soort": kind_label(str(a.get("kind"))), **a} for n, a in graph.nodes(data=True)
    ]
    _everything(sheet, ["id", "soort", "naam"], items)


def _relations(sheet: Worksheet, graph: nx.MultiDiGraph) -> None:
    items = []
    for u, v, k, a in graph.edges(keys=True, data=True):
        items.append(
            {
                "van": graph.nodes[u].get("naam", u),
                "relatie": rel_label(str(a.get("type"))),
                "naar": graph.nodes[v].get("naam", v),
                "van_id": u,
                "naar_id": v,
                "sleutel": k,
                **a,
            }
        )
    _everything(sheet, ["van", "relatie", "naar", "van_id", "naar_id", "sleutel"], items)


def to_xlsx(graph: nx.MultiDiGraph, meta: ExportMeta, met_voorbeelden: bool = False) -> bytes:
    """The workbook's bytes; measures, aanhaken and kennis count example rows only when
    ``met_voorbeelden``."""
    book = Workbook()
    basis = analysis_basis(graph, met_voorbeelden)
    kennis = knowledge_exchange(basis).frames()  # one analysis for both sheets
    sheets = (
        ("Overzicht", lambda sheet: _overview(sheet, graph, meta, met_voorbeelden)),
        ("Enquête", lambda sheet: _survey(sheet, graph)),
        ("Gemeenten", lambda sheet: _municipalities(sheet, graph, basis)),
        ("Aanhaken", lambda sheet: _aanhaken(sheet, basis)),
        ("Kennisgroepen", lambda sheet: _knowledge(sheet, kennis, "groepen")),
        ("Leerparen", lambda sheet: _knowledge(sheet, kennis, "paren")),
        ("Nodes", lambda sheet: _nodes(sheet, graph)),
        ("Relaties", lambda sheet: _relations(sheet, graph)),
    )
    for index, (title, fill) in enumerate(sheets):
        sheet = book.active if index == 0 else book.create_sheet()
        sheet.title = title
        fill(sheet)
    book.properties.title = ILLEGAL_CHARACTERS_RE.sub("\ufffd", meta.titel)  # XML, as cells
    book.properties.creator = PRODUCT
    # Dated by the export, not the clock (openpyxl's save stamps "now"): same export, same bytes.
    moment = datetime.combine(meta.datum, time())
    book.properties.created = book.properties.modified = moment
    buffer = io.BytesIO()
    with PinnedZipFile(buffer, meta.datum) as archive:
        ExcelWriter(book, archive).save()
    return buffer.getvalue()
