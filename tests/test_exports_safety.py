"""No export leaks data outside the selection, and no hostile text becomes markup, formula or code."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
import zipfile

import networkx as nx
import pytest

from tests.exports_support import DATE, HOSTILE, hostile_graph, outside_municipalities, twente
from views.exports.registry import EXPORTS, render_export

TEXT_FORMATS = ("html", "graphml", "gexf", "json", "csv", "cypher")


def _text(name: str, payload: bytes) -> str:
    if name == "csv":
        archive = zipfile.ZipFile(io.BytesIO(payload))
        return "\n".join(archive.read(n).decode("utf-8-sig") for n in archive.namelist())
    return payload.decode("utf-8")


@pytest.fixture(scope="module")
def hostile(shipped_graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    return hostile_graph(shipped_graph)


def test_every_format_is_registered_with_extension_and_mime() -> None:
    assert set(EXPORTS) >= {*TEXT_FORMATS, "png", "svg", "pdf"}
    for fmt in EXPORTS.values():
        assert fmt.extension and "/" in fmt.mime and fmt.label


@pytest.mark.parametrize("name", TEXT_FORMATS)
def test_twente_export_holds_nothing_outside_the_selection(
    shipped_graph: nx.MultiDiGraph, name: str
) -> None:
    selection = twente(shipped_graph)
    outside = outside_municipalities(shipped_graph, selection)
    assert "gemeente:GM0193" in outside  # Zwolle
    assert "gemeente:GM0147" in selection  # Borne
    text = _text(name, render_export(name, selection, datum=DATE, selectie="Regio Twente"))
    assert "Borne" in text
    assert "zwolle" not in text.lower()
    for node in outside:
        assert node not in text
        assert shipped_graph.nodes[node]["cbs_code"] not in text


def test_twente_selection_is_what_the_netwerk_page_shows(shipped_graph: nx.MultiDiGraph) -> None:
    selection = twente(shipped_graph)
    municipalities = {
        a["naam"] for _, a in selection.nodes(data=True) if a.get("kind") == "gemeente"
    }
    assert {"Enschede", "Hengelo", "Almelo", "Borne", "Haaksbergen"} <= municipalities
    assert not {"Zwolle", "Deventer", "Kampen"} & municipalities
    kinds = {a.get("kind") for _, a in selection.nodes(data=True)}
    assert {"ondernemersnetwerk", "vrijwilligerscentrale"} <= kinds  # their partners


def test_html_escapes_data_title_and_selection(hostile: nx.MultiDiGraph) -> None:
    page = render_export(
        "html",
        hostile,
        datum=DATE,
        titel="<script>alert('titel')</script>",
        selectie='"><svg onload=alert("selectie")>',
    ).decode("utf-8")
    for raw in (*HOSTILE[:2], "<script>alert('titel')</script>", '<svg onload=alert("selectie")>'):
        assert raw not in page
    assert "&lt;script&gt;alert(&#39;titel&#39;)&lt;/script&gt;" in page
    assert "innerHTML" not in page
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page), "no external loads"


@pytest.mark.parametrize("name", ["graphml", "gexf"])
def test_xml_exports_keep_hostile_text_as_text(hostile: nx.MultiDiGraph, name: str) -> None:
    payload = render_export(name, hostile, datum=DATE, selectie=HOSTILE[0])
    root = ET.fromstring(payload)
    texts = [
        *(e.text or "" for e in root.iter()),
        *(v for e in root.iter() for v in e.attrib.values()),
    ]
    assert HOSTILE[0] in texts  # intact as a value...
    assert b"<script>" not in payload and b"<svg" not in payload  # ...never as markup


def test_cypher_text_cannot_escape_its_literal_or_comment(hostile: nx.MultiDiGraph) -> None:
    script = render_export("cypher", hostile, datum=DATE, selectie=HOSTILE[7]).decode("utf-8")
    statement_starts = ("CREATE CONSTRAINT", "UNWIND [", "MATCH (", "MERGE (", "SET ", "] AS row")
    for line in script.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("//") or stripped.startswith("{"):
            continue
        assert stripped.startswith(statement_starts), line
    assert "\nMATCH (n) DETACH DELETE n" not in script
    assert "'O\\'Neil \\\\ \"x\"\\n// MATCH (n) DETACH DELETE n'" in script


def test_cypher_uses_only_model_labels_and_types(shipped_graph: nx.MultiDiGraph) -> None:
    from graph.model import NEO4J_LABELS, RelType

    script = render_export("cypher", shipped_graph, datum=DATE).decode("utf-8")
    labels = set(re.findall(r"\((?:n|a|b):(\w+) ", script))
    types = set(re.findall(r"\[r:(\w+) ", script))
    assert labels and labels <= set(NEO4J_LABELS.values())
    assert types and types <= {t.value for t in RelType}


def test_unknown_kind_is_refused_by_the_cypher_export() -> None:
    graph = nx.MultiDiGraph()
    graph.add_node("x:1", kind="Municipality) DETACH DELETE (n", naam="x")
    with pytest.raises(ValueError):
        render_export("cypher", graph, datum=DATE)


@pytest.mark.parametrize("name", TEXT_FORMATS)
def test_example_data_is_announced(shipped_graph: nx.MultiDiGraph, name: str) -> None:
    text = _text(name, render_export(name, shipped_graph, datum=DATE))
    assert "voorbeelddata" in text and "geen enquêteresultaat" in text
    assert "Samenvatting mini-enquête MBO Overijssel 2010" in text  # a source is named


def test_html_of_a_large_selection_is_reduced_and_says_so() -> None:
    from graph.selection import NODE_CAP

    graph = nx.MultiDiGraph()
    graph.add_node("gemeente:GM0001", kind="gemeente", naam="Midden", lat=52.4, lon=6.4)
    for index in range(NODE_CAP + 20):
        node = f"organisatie:o{index:03d}"
        graph.add_node(node, kind="organisatie", naam=f"Org {index}", bron_type="enquete")
        graph.add_edge(node, "gemeente:GM0001", key="ACTIEF_IN", type="ACTIEF_IN")
    page = render_export("html", graph, datum=DATE, focus="organisatie:o319").decode("utf-8")
    assert f"Deze selectie telt {NODE_CAP + 21} nodes" in page
    nodes = re.search(r"var nodes = new vis\.DataSet\((.*?)\);\n", page)
    assert nodes is not None
    import json

    ids = {n["id"] for n in json.loads(nodes.group(1))}
    assert len(ids) == NODE_CAP and "organisatie:o319" in ids
