"""GEXF 1.2: the selection for Gephi, with kinds and provenance as typed attributes.

Every node and relationship attribute is declared (rules in :mod:`views.exports.attributes`);
``kind``, ``bron``, ``bron_type`` and ``jaar`` are among them, so Gephi can colour or filter by
kind and source (Appearance -> Partition, Filters -> Attributes). Node labels are the display
names, relationship labels the Dutch reading of the type. The file's ``<meta>`` carries title,
date, sources and the example-data note.

Relationships get unique ids ``e0``, ``e1``, ...; their key is the attribute ``networkx_key``,
which ``networkx.read_gexf`` uses as the multigraph key, so reading the file back gives the same
keyed edges. No ``viz`` elements are written: the published 1.2 schema declares them in the
wrong namespace, so no file can both follow the primer and validate. Municipalities carry
``lat``/``lon``, which Gephi's GeoLayout uses to place them on the map.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

import networkx as nx

from graph.model import rel_label
from views.exports.attributes import AttributeSpec, attribute_specs, xml_text
from views.exports.meta import PRODUCT, ExportMeta

NS = "http://www.gexf.net/1.2draft"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = f"{NS} http://www.gexf.net/1.2draft/gexf.xsd"
EDGE_KEY_ATTRIBUTE = "networkx_key"


def _tag(name: str) -> str:
    return f"{{{NS}}}{name}"


def _declare(graph_element: ET.Element, domain: str, specs: list[AttributeSpec]) -> None:
    block = ET.SubElement(graph_element, _tag("attributes"), {"class": domain, "mode": "static"})
    for spec in specs:
        ET.SubElement(
            block, _tag("attribute"), {"id": spec.key, "title": spec.key, "type": spec.xml_type}
        )


def _values(parent: ET.Element, specs: list[AttributeSpec], attrs: dict) -> None:
    present = [spec for spec in specs if spec.name in attrs]
    if not present:
        return
    block = ET.SubElement(parent, _tag("attvalues"))
    for spec in present:
        ET.SubElement(
            block, _tag("attvalue"), {"for": spec.key, "value": spec.text(attrs[spec.name])}
        )


def to_gexf(graph: nx.MultiDiGraph, meta: ExportMeta) -> bytes:
    """The graph as a GEXF 1.2 document (UTF-8), deterministic for a given graph and meta."""
    ET.register_namespace("", NS)
    ET.register_namespace("xsi", XSI)
    root = ET.Element(_tag("gexf"), {"version": "1.2", f"{{{XSI}}}schemaLocation": SCHEMA_LOCATION})
    head = ET.SubElement(root, _tag("meta"), {"lastmodifieddate": meta.datum.isoformat()})
    ET.SubElement(head, _tag("creator")).text = PRODUCT
    ET.SubElement(head, _tag("keywords")).text = "MBO, netwerk, gemeenten, " + xml_text(
        meta.selectie
    )
    ET.SubElement(head, _tag("description")).text = xml_text("\n".join(meta.lines()))
    body = ET.SubElement(
        root, _tag("graph"), {"defaultedgetype": "directed", "mode": "static", "idtype": "string"}
    )
    node_specs = attribute_specs(attrs for _, attrs in graph.nodes(data=True))
    edge_rows = [
        {EDGE_KEY_ATTRIBUTE: str(k), **attrs}
        for _, _, k, attrs in graph.edges(keys=True, data=True)
    ]
    edge_specs = attribute_specs(edge_rows)
    _declare(body, "node", node_specs)
    _declare(body, "edge", edge_specs)
    nodes = ET.SubElement(body, _tag("nodes"), {"count": str(graph.number_of_nodes())})
    for node, attrs in graph.nodes(data=True):
        label = xml_text(str(attrs.get("naam", node)))
        element = ET.SubElement(nodes, _tag("node"), {"id": xml_text(str(node)), "label": label})
        _values(element, node_specs, attrs)
    edges = ET.SubElement(body, _tag("edges"), {"count": str(graph.number_of_edges())})
    for index, ((u, v), row) in enumerate(zip(graph.edges(), edge_rows, strict=True)):
        element = ET.SubElement(
            edges,
            _tag("edge"),
            {
                "id": f"e{index}",
                "source": xml_text(str(u)),
                "target": xml_text(str(v)),
                "label": rel_label(str(row.get("type"))),
            },
        )
        _values(element, edge_specs, row)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
