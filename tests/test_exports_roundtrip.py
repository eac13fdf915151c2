"""Data exports read back to the same graph: JSON, GraphML and GEXF exactly, CSV as text.

GraphML and GEXF are also validated against their published XSDs (shipped in tests/schemas).
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
import xmlschema

from tests.exports_support import DATE, HOSTILE, hostile_graph
from views.exports.attributes import from_xml_token, restore_lists, xml_token
from views.exports.csvzip import STYLES, cell
from views.exports.jsonfmt import load_json_export
from views.exports.registry import render_export

SCHEMAS = Path(__file__).parent / "schemas"


@pytest.fixture(scope="module")
def hostile(shipped_graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    return hostile_graph(shipped_graph)


@pytest.fixture(scope="module")
def graphml_schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(str(SCHEMAS / "graphml" / "graphml.xsd"))


@pytest.fixture(scope="module")
def gexf_schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(str(SCHEMAS / "gexf" / "gexf.xsd"))


def _edges(graph: nx.MultiDiGraph) -> dict[tuple[str, str, str], dict[str, Any]]:
    return {(u, v, k): dict(a) for u, v, k, a in graph.edges(keys=True, data=True)}


def _without(attrs: dict[str, Any], *names: str) -> dict[str, Any]:
    return {k: v for k, v in attrs.items() if k not in names}


def test_json_round_trip_is_identical(hostile: nx.MultiDiGraph) -> None:
    payload = render_export("json", hostile, datum=DATE)
    back = load_json_export(payload)
    assert list(back.nodes(data=True)) == list(hostile.nodes(data=True))
    assert list(back.edges(keys=True, data=True)) == list(hostile.edges(keys=True, data=True))


def test_json_carries_schema_and_provenance(shipped_graph: nx.MultiDiGraph) -> None:
    import json

    data = json.loads(render_export("json", shipped_graph, datum=DATE, titel="Proef"))
    assert data["schema"] == "netwerkkaart-snapshot/1"
    assert data["export"]["titel"] == "Proef"
    assert data["export"]["datum"] == "2025-03-07"
    assert "Samenvatting mini-enquête MBO Overijssel 2010" in data["export"]["bronnen"]
    assert data["export"]["let_op"].startswith("Let op:")


@pytest.mark.parametrize(
    "payload",
    [
        b"not json",
        b"[1, 2]",
        b'{"schema": "iets-anders/9"}',
        b'{"schema": "netwerkkaart-snapshot/1"}',
    ],
)
def test_json_loader_refuses_other_files_in_dutch(payload: bytes) -> None:
    with pytest.raises(ValueError, match=r"JSON-export|Netwerkkaart-export"):
        load_json_export(payload)


def test_graphml_is_valid_and_reads_back_the_same_graph(
    hostile: nx.MultiDiGraph, graphml_schema: xmlschema.XMLSchema
) -> None:
    payload = render_export("graphml", hostile, datum=DATE)
    graphml_schema.validate(payload.decode("utf-8"))
    back = nx.read_graphml(io.BytesIO(payload), force_multigraph=True)
    assert isinstance(back, nx.MultiDiGraph)
    assert list(back.nodes) == list(hostile.nodes)
    for node, attrs in hostile.nodes(data=True):
        assert restore_lists(back.nodes[node]) == attrs
    assert {e: _without(a, "key") for e, a in _edges(back).items()} == _edges(hostile)


def test_gexf_is_valid_and_reads_back_the_same_graph(
    hostile: nx.MultiDiGraph, gexf_schema: xmlschema.XMLSchema
) -> None:
    payload = render_export("gexf", hostile, datum=DATE)
    gexf_schema.validate(payload.decode("utf-8"))
    back = nx.read_gexf(io.BytesIO(payload))
    assert isinstance(back, nx.MultiDiGraph)
    assert list(back.nodes) == list(hostile.nodes)
    for node, attrs in hostile.nodes(data=True):
        assert back.nodes[node]["label"] == attrs["naam"]
        assert restore_lists(_without(back.nodes[node], "label")) == attrs
    assert {e: _without(a, "id", "label") for e, a in _edges(back).items()} == _edges(hostile)


def test_gexf_declares_kind_and_provenance_typed(shipped_graph: nx.MultiDiGraph) -> None:
    import xml.etree.ElementTree as ET

    root = ET.fromstring(render_export("gexf", shipped_graph, datum=DATE))
    ns = {"g": "http://www.gexf.net/1.2draft"}
    assert root.get("version") == "1.2"
    declared = {
        (block.get("class"), a.get("title")): a.get("type")
        for block in root.iterfind("g:graph/g:attributes", ns)
        for a in block.iterfind("g:attribute", ns)
    }
    for domain in ("node", "edge"):
        assert declared[(domain, "bron")] == "string"
        assert declared[(domain, "bron_type")] == "string"
        assert declared[(domain, "jaar")] == "long"
    assert declared[("node", "kind")] == "string"
    assert declared[("node", "lat")] == "double"
    assert declared[("node", "synoniemen__lijst")] == "string"
    assert declared[("edge", "ambitie")] == "boolean"
    meta = root.find("g:meta", ns)
    assert meta is not None and meta.get("lastmodifieddate") == "2025-03-07"
    assert "voorbeelddata" in meta.findtext("g:description", "", ns)


def test_graphml_declares_every_attribute_once_with_a_type(shipped_graph: nx.MultiDiGraph) -> None:
    import xml.etree.ElementTree as ET

    root = ET.fromstring(render_export("graphml", shipped_graph, datum=DATE))
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    keys = [
        (k.get("for"), k.get("attr.name"), k.get("attr.type")) for k in root.iterfind("g:key", ns)
    ]
    assert len({(f, n) for f, n, _ in keys}) == len(keys)
    types = {(f, n): t for f, n, t in keys}
    assert types[("node", "inwoners_2015")] == "long"
    assert types[("edge", "gedeelde_grens_km")] == "double"
    assert types[("edge", "key")] == "string"
    assert "Bronnen:" in root.findtext("g:desc", "", ns)


def test_xml_tokens_are_reversible_and_valid_ids(graphml_schema: xmlschema.XMLSchema) -> None:
    for text in [*HOSTILE, "organisatie:a b", "_x0041_", "", "gemeente:GM0147"]:
        assert from_xml_token(xml_token(text)) == text
    odd = nx.MultiDiGraph()
    odd.add_node(
        "organisatie:club de <b>", kind="organisatie", naam="x", bron="b", bron_type="voorbeeld"
    )
    odd.add_node("gemeente:GM0001", kind="gemeente", naam="y", bron="b", bron_type="referentie")
    odd.add_edge("organisatie:club de <b>", "gemeente:GM0001", key="ACTIEF_IN", type="ACTIEF_IN")
    payload = render_export("graphml", odd, datum=DATE)
    graphml_schema.validate(payload.decode("utf-8"))
    back = nx.read_graphml(io.BytesIO(payload), force_multigraph=True)
    assert {from_xml_token(n) for n in back} == set(odd)


def _read_zip(payload: bytes, style: str) -> dict[str, list[dict[str, str]]]:
    archive = zipfile.ZipFile(io.BytesIO(payload))
    assert sorted(archive.namelist()) == ["LEESMIJ.txt", "edges.csv", "nodes.csv"]
    encoding = STYLES[style].encoding
    tables = {}
    for name in ("nodes.csv", "edges.csv"):
        text = archive.read(name).decode(encoding)
        tables[name] = list(csv.DictReader(io.StringIO(text), delimiter=STYLES[style].delimiter))
    return tables


@pytest.mark.parametrize("style", ["excel", "plain"])
def test_csv_round_trip_as_text(hostile: nx.MultiDiGraph, style: str) -> None:
    payload = render_export("csv", hostile, datum=DATE, csv_style=style)
    tables = _read_zip(payload, style)
    nodes = {row["id"]: row for row in tables["nodes.csv"]}
    assert list(nodes) == list(hostile.nodes)
    for node, attrs in hostile.nodes(data=True):
        for name, value in attrs.items():
            assert nodes[node][name] == cell(value, STYLES[style])
    edges = {(r["van"], r["naar"], r["sleutel"]): r for r in tables["edges.csv"]}
    assert list(edges) == [(u, v, k) for u, v, k in hostile.edges(keys=True)]
    for (u, v, k), attrs in _edges(hostile).items():
        for name, value in attrs.items():
            assert edges[(u, v, k)][name] == cell(value, STYLES[style])


def test_csv_styles_differ_as_documented(shipped_graph: nx.MultiDiGraph) -> None:
    excel = render_export("csv", shipped_graph, datum=DATE, csv_style="excel")
    plain = render_export("csv", shipped_graph, datum=DATE, csv_style="plain")
    excel_nodes = zipfile.ZipFile(io.BytesIO(excel)).read("nodes.csv")
    plain_nodes = zipfile.ZipFile(io.BytesIO(plain)).read("nodes.csv")
    assert excel_nodes.startswith(b"\xef\xbb\xbfid;kind;naam;")
    assert plain_nodes.startswith(b"id,kind,naam,")
    almelo_excel = next(r for r in _read_zip(excel, "excel")["nodes.csv"] if r["naam"] == "Almelo")
    almelo_plain = next(r for r in _read_zip(plain, "plain")["nodes.csv"] if r["naam"] == "Almelo")
    assert almelo_excel["lat"] == "52,347" and almelo_plain["lat"] == "52.347"
    assert almelo_excel["voorbeelddata"] == "nee" and almelo_plain["voorbeelddata"] == "false"


def test_csv_neutralises_formulas(hostile: nx.MultiDiGraph) -> None:
    tables = _read_zip(render_export("csv", hostile, datum=DATE), "excel")
    cells = [v for t in tables.values() for row in t for v in row.values()]
    risky = [v for v in cells if v.startswith(("=", "+", "-", "@", "\t", "\r"))]
    assert risky == []
    assert '\'=HYPERLINK("http://example.invalid","klik")' in cells
    assert "'-2+3" in cells and "'@cmd" in cells and "'\tgetabd" in cells


def test_unknown_csv_style_is_refused() -> None:
    with pytest.raises(ValueError, match="onbekende CSV-stijl"):
        render_export("csv", nx.MultiDiGraph(), csv_style="lotus")
