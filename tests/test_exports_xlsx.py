"""The report workbook: opens with openpyxl, every sheet has its columns, no formulas, no leaks."""

from __future__ import annotations

import io

import networkx as nx
import openpyxl
import pytest

from graph.analysis.aanhaken import FACTORS, aanhaken
from graph.analysis.basis import analysis_basis
from graph.analysis.kennis import knowledge_exchange
from graph.analysis.metrics import network_measures
from tests.exports_support import DATE, hostile_graph, twente
from views.exports.registry import render_export
from views.exports.xlsx_report import AANHAKEN_TOP, EXAMPLE_FILL, MUNICIPALITY_COLUMNS

SHEETS = [
    *("Overzicht", "Enquête", "Gemeenten", "Aanhaken"),
    *("Kennisgroepen", "Leerparen", "Nodes", "Relaties"),
]


def _book(graph: nx.MultiDiGraph, **options) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(render_export("xlsx", graph, datum=DATE, **options)))


def _header(sheet) -> list:
    return [c.value for c in sheet[1]]


@pytest.fixture(scope="module")
def book(shipped_graph: nx.MultiDiGraph) -> openpyxl.Workbook:
    """With example rows counted in the analyses, so every marking can be checked."""
    return _book(shipped_graph, titel="MBO-rapport Overijssel", met_voorbeelden=True)


@pytest.fixture(scope="module")
def default_book(shipped_graph: nx.MultiDiGraph) -> openpyxl.Workbook:
    return _book(shipped_graph, titel="MBO-rapport Overijssel")


def test_by_default_the_analyses_rest_on_no_example_rows(
    default_book: openpyxl.Workbook, shipped_graph: nx.MultiDiGraph
) -> None:
    """Like the CLI and the app (issue 11): example rows count only when switched on."""
    cells = {c.value for row in default_book["Overzicht"].iter_rows() for c in row}
    assert any(str(v).startswith("zonder voorbeelddata") for v in cells)
    expected = aanhaken(analysis_basis(shipped_graph), top=AANHAKEN_TOP).frame()
    sheet = default_book["Aanhaken"]
    header = _header(sheet)
    rows = [[c.value for c in r] for r in sheet.iter_rows(min_row=2)]
    assert [(r[0], r[3]) for r in rows] == list(
        zip(expected["gemeente"], expected["partner"], strict=True)
    )
    assert not [r for r in rows if r[header.index("voorbeeld_factoren")]]
    borne = next(r for r in default_book["Gemeenten"].iter_rows(min_row=2) if r[0].value == "Borne")
    values = dict(zip(MUNICIPALITY_COLUMNS, (c.value for c in borne), strict=True))
    measured = network_measures(analysis_basis(shipped_graph)).table.set_index("id")
    assert values["graad"] == measured.loc["gemeente:GM0147", "graad"]


def test_sheets_and_their_columns(book: openpyxl.Workbook) -> None:
    assert book.sheetnames == SHEETS
    assert _header(book["Gemeenten"]) == MUNICIPALITY_COLUMNS
    assert _header(book["Aanhaken"]) == [
        *("gemeente", "gemeente_cbs", "rang", "partner", "partner_cbs", "score"),
        *(spec.label for spec in FACTORS.values()),
        *("afstand_km", "redenen", "voorbeeld_factoren", "afgeleide_factoren"),
    ]
    assert _header(book["Kennisgroepen"]) == [
        *("groep", "thema", "werkvorm", "aantal", "leden", "max_afstand_km", "redenen"),
        *("voorbeeld", "afgeleid"),
    ]
    assert _header(book["Leerparen"]) == [
        *("leraar", "leraar_cbs", "leerling", "leerling_cbs", "themas", "afstand_km"),
        *("redenen", "voorbeeld", "afgeleid"),
    ]
    nodes = _header(book["Nodes"])
    assert nodes[:7] == ["id", "soort", "naam", "kind", "bron", "bron_type", "jaar"]
    assert nodes[-1] == "voorbeelddata"
    relations = _header(book["Relaties"])
    assert relations[:10] == [
        *("van", "relatie", "naar", "van_id", "naar_id", "sleutel"),
        *("type", "bron", "bron_type", "jaar"),
    ]
    assert relations[-1] == "voorbeelddata"


def test_overview_says_what_when_and_where_from(book: openpyxl.Workbook) -> None:
    sheet = book["Overzicht"]
    cells = {c.value for row in sheet.iter_rows() for c in row if c.value is not None}
    assert "MBO-rapport Overijssel" in cells and "7 maart 2025" in cells
    assert "Samenvatting mini-enquête MBO Overijssel 2010" in cells
    assert any(str(v).startswith("Let op:") and "voorbeelddata" in str(v) for v in cells)


def test_survey_sheet_counts_response_and_answers(book: openpyxl.Workbook) -> None:
    sheet = book["Enquête"]
    facts = {row[0].value: row[1].value for row in sheet.iter_rows(min_row=2, max_row=6)}
    assert facts["Uitgenodigd"] == 24 and facts["Respondenten"] == 11
    titles = [c.value for c in sheet["A"]]
    assert "Activiteiten" in titles and "Gewenste werkvormen" in titles
    row = next(r for r in sheet.iter_rows() if r[0].value == "NL Doet")
    assert isinstance(row[1].value, int) and row[1].value > 0


def test_tables_hold_every_node_relation_and_municipality(
    book: openpyxl.Workbook, shipped_graph: nx.MultiDiGraph
) -> None:
    assert book["Nodes"].max_row - 1 == shipped_graph.number_of_nodes()
    assert book["Relaties"].max_row - 1 == shipped_graph.number_of_edges()
    municipalities = sum(1 for _, a in shipped_graph.nodes(data=True) if a["kind"] == "gemeente")
    assert book["Gemeenten"].max_row - 1 == municipalities
    borne = next(r for r in book["Gemeenten"].iter_rows(min_row=2) if r[0].value == "Borne")
    values = dict(zip(MUNICIPALITY_COLUMNS, (c.value for c in borne), strict=True))
    assert values["cbs_code"] == "GM0147" and values["inwoners"] > 20_000
    assert "Regio Twente" in values["regio's"]
    measured = network_measures(shipped_graph).table.set_index("id").loc["gemeente:GM0147"]
    assert values["graad"] == measured["graad"]
    assert values["tussenheid"] == pytest.approx(measured["tussenheid"], abs=1e-4)


def test_knowledge_sheets_list_the_proposed_groups_and_pairs(
    book: openpyxl.Workbook, shipped_graph: nx.MultiDiGraph
) -> None:
    result = knowledge_exchange(shipped_graph)
    assert result.groepen and result.paren
    groups = [[c.value for c in r] for r in book["Kennisgroepen"].iter_rows(min_row=2)]
    assert len(groups) == len(result.groepen)
    assert [g[1] for g in groups] == [g.label for g in result.groepen]
    assert all(g[6] for g in groups), "every group says why"
    assert book["Leerparen"].max_row - 1 == len(result.paren)


def test_aanhaken_sheet_has_the_numbers_of_the_analysis(
    book: openpyxl.Workbook, shipped_graph: nx.MultiDiGraph
) -> None:
    expected = aanhaken(shipped_graph, top=AANHAKEN_TOP).frame()
    sheet = book["Aanhaken"]
    rows = [[c.value for c in r] for r in sheet.iter_rows(min_row=2)]
    assert len(rows) == len(expected)
    for row, (_, want) in zip(rows, expected.iterrows(), strict=True):
        assert (row[0], row[3], row[2]) == (want["gemeente"], want["partner"], want["rang"])
        assert row[5] == pytest.approx(want["score"], abs=1e-3)
        assert row[-3] == want["redenen"]


def _shading(sheet) -> list[tuple[str, str]]:
    """(area, formula) of the sheet's conditional formats that use the example fill."""
    return [
        (str(area.sqref), rule.formula[0])
        for area in sheet.conditional_formatting
        for rule in area.rules
        if rule.dxf is not None and rule.dxf.fill.fgColor.rgb == EXAMPLE_FILL.fgColor.rgb
    ]


@pytest.mark.parametrize(
    ("name", "flag"),
    [
        ("Nodes", "voorbeelddata"),
        ("Relaties", "voorbeelddata"),
        ("Gemeenten", "voorbeelddata"),
        ("Kennisgroepen", "voorbeeld"),
        ("Aanhaken", "voorbeeld_factoren"),
    ],
)
def test_example_rows_are_marked_and_shaded(book: openpyxl.Workbook, name: str, flag: str) -> None:
    sheet = book[name]
    header = _header(sheet)
    column = header.index(flag) + 1
    letter = openpyxl.utils.get_column_letter(column)
    last = openpyxl.utils.get_column_letter(len(header))
    shading = _shading(sheet)
    assert len(shading) == 1
    area, formula = shading[0]
    assert area == f"A2:{last}{sheet.max_row}"
    assert formula in (f'${letter}2="ja"', f"LEN(${letter}2)>0")
    cells = sheet.iter_rows(min_row=2, min_col=column, max_col=column, values_only=True)
    marked = [v for (v,) in cells if v and v != "nee"]
    assert marked, "the shipped data has example rows here"


def test_flags_follow_the_provenance(
    book: openpyxl.Workbook, shipped_graph: nx.MultiDiGraph
) -> None:
    from graph.model import is_example

    rows = book["Nodes"].iter_rows(min_row=2, values_only=True)
    header = _header(book["Nodes"])
    flags = {row[0]: row[header.index("voorbeelddata")] for row in rows}
    assert flags == {
        n: ("ja" if is_example(a) else "nee") for n, a in shipped_graph.nodes(data=True)
    }


def test_formulas_are_neutralised(shipped_graph: nx.MultiDiGraph) -> None:
    book = _book(hostile_graph(shipped_graph), titel="=cmd|' /C calc'!A0")
    texts = []
    for sheet in book:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate}"
                if isinstance(cell.value, str):
                    texts.append(cell.value)
    assert not [t for t in texts if t.startswith(("=", "+", "-", "@", "\t", "\r"))]
    assert '\'=HYPERLINK("http://example.invalid","klik")' in texts
    assert "'=cmd|' /C calc'!A0" in texts


def test_twente_report_holds_nothing_outside(shipped_graph: nx.MultiDiGraph) -> None:
    selection = twente(shipped_graph)
    book = _book(selection, selectie="Regio Twente en hun partners")
    names = {a["naam"] for _, a in selection.nodes(data=True)}
    for sheet in book:
        for row in sheet.iter_rows():
            for cell in row:
                assert "Zwolle" not in str(cell.value or ""), f"{sheet.title}!{cell.coordinate}"
    for row in book["Aanhaken"].iter_rows(min_row=2):
        assert row[0].value in names and row[3].value in names
