"""GraphML: the selection for yEd, Cytoscape, igraph, networkx and other graph tools.

Standard namespace, every attribute declared with its type (rules in
:mod:`views.exports.attributes`), the export's description in ``<desc>``. Relationships have no
``id`` (GraphML ids must be unique name tokens, our keys are neither); the relationship's key
travels as the edge attribute ``key``, which is where ``networkx.read_graphml`` looks for the
key of a multigraph edge, so reading the file back gives the same nodes and keyed edges.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

import networkx as nx

from views.exports.attributes import AttributeSpec, attribute_specs, xml_text, xml_token
from views.exports.meta import ExportMeta

NS = "http://graphml.graphdrawing.org/xmlns"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = f"{NS} http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"
EDGE_KEY_ATTRIBUTE = "key"


def _tag(name: str) -> str:
    return f"{{{NS}}}{name}"


def _declare(root: ET.Element, domain: str, specs: list[AttributeSpec]) -> dict[str, str]:
    """``<key>`` elements for one domain; returns attribute name -> key id."""
    ids = {}
    for spec in specs:
        key_id = f"{domain[0]}_{spec.key}"
        ET.SubElement(
            root,
            _tag("key"),
            {"id": key_id, "for": domain, "attr.name": spec.key, "attr.type": spec.xml_type},
        )
        ids[spec.name] = key_id
    return ids


def _data(parent: ET.Element, specs: list[AttributeSpec], ids: dict[str, str], attrs: dict) -> None:
    for spec in specs:
        if spec.name in attrs:
            ET.SubElement(parent, _tag("data"), {"key": ids[spec.name]}).text = spec.text(
                attrs[spec.name]
            )


def to_graphml(graph: nx.MultiDiGraph, meta: ExportMeta) -> bytes:
    """The graph as a GraphML document (UTF-8), deterministic for a given graph and meta."""
    ET.register_namespace("", NS)
    ET.register_namespace("xsi", XSI)
    root = ET.Element(_tag("graphml"), {f"{{{XSI}}}schemaLocation": SCHEMA_LOCATION})
    ET.SubElement(root, _tag("desc")).text = xml_text("\n".join(meta.lines()))
    node_specs = attribute_specs(attrs for _, attrs in graph.nodes(data=True))
    edge_rows = [
        {EDGE_KEY_ATTRIBUTE: str(k), **attrs}
        for _, _, k, attrs in graph.edges(keys=True, data=True)
    ]
    edge_specs = attribute_specs(edge_rows)
    node_ids = _declare(root, "node", node_specs)
    edge_ids = _declare(root, "edge", edge_specs)
    body = ET.SubElement(root, _tag("graph"), {"id": "netwerkkaart", "edgedefault": "directed"})
    for node, attrs in graph.nodes(data=True):
        element = ET.SubElement(body, _tag("node"), {"id": xml_token(str(node))})
        _data(element, node_specs, node_ids, attrs)
    for (u, v, _), row in zip(graph.edges(keys=True), edge_rows, strict=True):
        element = ET.SubElement(
            body, _tag("edge"), {"source": xml_token(str(u)), "target": xml_token(str(v))}
        )
        _data(element, edge_specs, edge_ids, row)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
