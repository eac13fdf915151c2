"""The interactive map page: offline, escaped, positions fixed, details built with textContent."""

from __future__ import annotations

import json
import math
import re

import networkx as nx
import pytest

from graph.model import new_graph
from graph.selection import Selection, marked, select
from views.layout import LAYOUT_SIZE, force_layout, geo_layout
from views.pyvis_map import OverlayEdge, network_html, node_box, readable_map, script_json

EVIL_NAMES = (
    "<img src=x onerror=alert(1)>",
    "</script><script>alert(1)</script>",
    "<!-- <script>alert(2)</script>",
    "a\u2028b\u2029c",
    'Tom & Jerry\'s "zaak"',
    "href=javascript:alert(3)",
)


@pytest.fixture()
def evil() -> nx.MultiDiGraph:
    g = new_graph()
    g.add_node(
        "gemeente:GM0001",
        kind="gemeente",
        naam="Veilig",
        lat=52.3,
        lon=6.5,
        bron="CBS",
        bron_type="referentie",
        jaar=2015,
    )
    for index, name in enumerate(EVIL_NAMES):
        node = f"organisatie:o{index}"
        g.add_node(
            node, kind="organisatie", naam=name, omschrijving=name, bron=name, bron_type="voorbeeld"
        )
        g.add_edge(
            node,
            "gemeente:GM0001",
            key="ACTIEF_IN",
            type="ACTIEF_IN",
            bron=name,
            bron_type="voorbeeld",
            toelichting=name,
        )
    return g


def _page(graph: nx.MultiDiGraph, **kwargs) -> str:
    return network_html(graph, geo_layout(graph), **kwargs)


def _embedded(page: str, name: str) -> list[dict]:
    match = re.search(rf"var {name} = new vis\.DataSet\((.*?)\);\n", page)
    assert match, name
    return json.loads(match.group(1))


def test_page_is_offline(shipped_graph: nx.MultiDiGraph) -> None:
    page = _page(shipped_graph)
    assert not re.search(
        r"""<(script|link|img|iframe)[^>]*(src|href)\s*=\s*["']?(https?:)?//""", page, re.I
    )
    assert "cdn.jsdelivr" not in page and "cdnjs" not in page and "bootstrap" not in page.lower()
    assert "new vis.Network(" in page
    assert page.count("</script>") == 2  # vis-network inline, and ours


def test_shipped_map_is_small_enough(shipped_graph: nx.MultiDiGraph) -> None:
    assert len(_page(shipped_graph).encode("utf-8")) < 1_500_000


def test_data_strings_cannot_leave_the_script(evil: nx.MultiDiGraph) -> None:
    page = _page(evil, title="<b>kop</b>", lines=["<i>regel</i>"])
    ours = page[page.index("<body>") :]
    for name in EVIL_NAMES:
        if any(c in name for c in "<>&\u2028\u2029"):
            assert name not in ours
    assert "<img" not in ours and "</script><script>" not in ours and "<!--" not in ours
    assert "\u2028" not in ours and "\u2029" not in ours
    assert "&lt;b&gt;kop&lt;/b&gt;" in ours and "&lt;i&gt;regel&lt;/i&gt;" in ours
    nodes = _embedded(page, "nodes")
    labels = {n["label"].replace("\n", " ") for n in nodes}  # long labels wrap at spaces
    assert labels == {"Veilig", *EVIL_NAMES}  # intact once parsed


def test_script_json_escapes_what_ends_a_script() -> None:
    text = script_json({"x": "</script><!--\u2028&"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"x": "</script><!--\u2028&"}


def test_details_panel_uses_text_content_only(evil: nx.MultiDiGraph) -> None:
    page = _page(evil)
    ours = page[page.index("<body>") :]
    assert "textContent" in ours
    assert "innerHTML" not in ours and "insertAdjacentHTML" not in ours and "outerHTML" not in ours
    assert "document.write" not in ours and "eval(" not in ours


def test_positions_are_fixed_and_physics_off(shipped_graph: nx.MultiDiGraph) -> None:
    """Nodes sit where the layout put them, moved only to make room for labels (Behaviour
    changed on purpose: positions pass through views.layout.declutter)."""
    positions = geo_layout(shipped_graph)
    page = network_html(shipped_graph, positions)
    nodes = _embedded(page, "nodes")
    assert len(nodes) == shipped_graph.number_of_nodes()
    readable, _ = readable_map(shipped_graph, positions)
    for node in nodes:
        x, y = readable[node["id"]]
        assert (node["x"], node["y"]) == (round(x, 2), round(y, 2))
    assert '"physics": {"enabled": false}' in page
    assert network_html(shipped_graph, positions) == page


def test_predicted_boxes_do_not_overlap(shipped_graph: nx.MultiDiGraph) -> None:
    """The boxes the page's labels take (measured in DejaVu Sans) are kept apart, and the
    municipalities stay close to where the map puts them."""
    partners = select(shipped_graph, Selection())
    positions = geo_layout(partners)
    nodes = {n["id"]: n for n in _embedded(network_html(partners, positions), "nodes")}
    boxes = {}
    for node, n in nodes.items():
        left, top, right, bottom = node_box(n["size"], n["label"], n["font"]["size"])
        boxes[node] = (n["x"] + left, n["y"] + top, n["x"] + right, n["y"] + bottom)
    ids = sorted(boxes)
    for i, a in enumerate(ids):
        for b in ids[i + 1 :]:
            p, q = boxes[a], boxes[b]
            assert not (p[0] < q[2] and q[0] < p[2] and p[1] < q[3] and q[1] < p[3]), (a, b)
    moved = [
        math.dist(positions[n], (nodes[n]["x"], nodes[n]["y"]))
        for n in nodes
        if n.startswith("gemeente:")
    ]
    assert max(moved) < 0.25 * LAYOUT_SIZE


def test_labels_give_way_by_priority_when_zoomed_out(shipped_graph: nx.MultiDiGraph) -> None:
    """Municipality labels are the largest, vocabulary the smallest; vis-network drops labels
    below the draw threshold on screen, so zoomed out the small ones go first and come back
    when zooming in."""
    page = _page(shipped_graph)
    fonts: dict[str, set[int]] = {}
    for node in _embedded(page, "nodes"):
        fonts.setdefault(node["id"].partition(":")[0], set()).add(node["font"]["size"])
    assert min(fonts["gemeente"]) > max(fonts["regio"]) > max(fonts["ondernemersnetwerk"])
    assert max(fonts["ondernemersnetwerk"]) > max(fonts["thema"])
    assert '"drawThreshold": 6' in page


def test_vocabulary_left_out_is_told_in_the_details(shipped_graph: nx.MultiDiGraph) -> None:
    partners = select(shipped_graph, Selection())
    page = network_html(partners, geo_layout(partners), context=shipped_graph)
    almelo = {n["id"]: n for n in _embedded(page, "nodes")}["gemeente:GM0141"]["details"]
    facts = dict(almelo["feiten"])
    assert "NL Doet" in facts["organiseert"]
    assert all(not n.startswith("thema:") for n in partners)


def test_marks_highlight_and_dim(shipped_graph: nx.MultiDiGraph) -> None:
    partners = select(shipped_graph, Selection())
    who = marked(shipped_graph, ["activiteit:nl-doet"])
    page = network_html(partners, geo_layout(partners), marks=who, marks_label="NL Doet")
    nodes = {n["id"]: n for n in _embedded(page, "nodes")}
    assert who and all(nodes[n]["color"]["border"] == "#111827" for n in who if n in nodes)
    others = [n for n in nodes if n not in who]
    assert others and all(nodes[n]["color"]["background"] == "#D5DBE1" for n in others)
    assert "wie iets heeft met NL Doet" in page


def test_example_data_is_marked(evil: nx.MultiDiGraph) -> None:
    nodes = {n["id"]: n for n in _embedded(_page(evil), "nodes")}
    example = nodes["organisatie:o0"]
    assert example["shapeProperties"]["borderDashes"] and example["details"]["voorbeeld"] is True
    assert "(voorbeeld)" in example["title"]
    plain = nodes["gemeente:GM0001"]
    assert (
        plain["shapeProperties"]["borderDashes"] is False and plain["details"]["voorbeeld"] is False
    )
    edges = _embedded(_page(evil), "edges")
    assert all(e["dashes"] is True for e in edges)


def test_derived_links_are_drawn_and_named_apart(shipped_graph: nx.MultiDiGraph) -> None:
    """An activity's theme is the project's own reading: finely dotted, '(afgeleid)', legend."""
    page = _page(shipped_graph)
    edges = _embedded(page, "edges")
    touching = [e for e in edges if "raakt thema" in e["title"]]
    assert touching and all(e["dashes"] == [2, 6] for e in touching)
    assert all(
        "(afgeleid)" in e["title"] and "afgeleid (eigen lezing" in e["title"] for e in touching
    )
    assert "Fijn gestippelde lijn: afgeleide koppeling" in page
    nodes = {n["id"]: n for n in _embedded(page, "nodes")}
    assert any(
        "(afgeleid)" in text for text, _ in nodes["activiteit:nl-doet"]["details"]["relaties"]
    )


def test_details_carry_facts_provenance_and_relations(shipped_graph: nx.MultiDiGraph) -> None:
    nodes = {n["id"]: n for n in _embedded(_page(shipped_graph), "nodes")}
    borne = nodes["gemeente:GM0147"]["details"]
    assert borne["naam"] == "Borne" and borne["soort"] == "Gemeente"
    assert ["cbs code", "GM0147"] in borne["feiten"]
    assert "referentiegegevens" in borne["bron"]
    assert any("lid van Regio Twente" in text for text, _ in borne["relaties"])
    assert borne["aantal_relaties"] == shipped_graph.degree("gemeente:GM0147")


def test_parallel_relationships_are_one_line(shipped_graph: nx.MultiDiGraph) -> None:
    edges = _embedded(_page(shipped_graph), "edges")
    pairs = {frozenset((e["from"], e["to"])) for e in edges}
    assert len(pairs) == len(edges)
    almelo = [e for e in edges if {e["from"], e["to"]} == {"gemeente:GM0141", "enquete:2010"}]
    assert len(almelo) == 1 and almelo[0]["title"].count("nam deel aan") == 2


def test_sizes_follow_values_and_overlay_is_drawn(shipped_graph: nx.MultiDiGraph) -> None:
    values = {"gemeente:GM0153": 100.0, "gemeente:GM0147": 25.0}
    overlay = [OverlayEdge("gemeente:GM0147", "gemeente:GM0153", "voorstel: <aanhaken>")]
    page = _page(shipped_graph, values=values, value_label="inwoners", overlay=overlay)
    nodes = {n["id"]: n for n in _embedded(page, "nodes")}
    assert (
        nodes["gemeente:GM0153"]["size"]
        > nodes["gemeente:GM0147"]["size"]
        > nodes["gemeente:GM0141"]["size"]
    )
    extra = [e for e in _embedded(page, "edges") if e.get("title") == "voorstel: <aanhaken>"]
    assert len(extra) == 1 and extra[0]["dashes"] == [8, 6]


def test_geo_layout_puts_municipalities_at_their_coordinates(
    shipped_graph: nx.MultiDiGraph,
) -> None:
    pos = geo_layout(shipped_graph)
    assert set(pos) == set(shipped_graph)
    enschede, zwolle = pos["gemeente:GM0153"], pos["gemeente:GM0193"]
    assert enschede[0] > zwolle[0] and enschede[1] > zwolle[1]  # east and south of Zwolle
    municipalities = [p for n, p in pos.items() if n.startswith("gemeente:")]
    span = max(abs(a[i] - b[i]) for a in municipalities for b in municipalities for i in (0, 1))
    assert span == pytest.approx(LAYOUT_SIZE)
    assert len({(round(x), round(y)) for x, y in pos.values()}) == len(pos)  # nobody stacked
    assert geo_layout(shipped_graph.copy()) == pos


def test_force_layout_is_seeded_and_cached_by_content(shipped_graph: nx.MultiDiGraph) -> None:
    first = force_layout(shipped_graph)
    rebuilt = nx.MultiDiGraph()
    rebuilt.add_nodes_from(reversed(list(shipped_graph.nodes(data=True))))
    rebuilt.add_edges_from(shipped_graph.edges(keys=True, data=True))
    assert force_layout(rebuilt) == first
    assert max(abs(c) for p in first.values() for c in p) == pytest.approx(LAYOUT_SIZE / 2)


def test_geo_layout_without_coordinates_falls_back_to_force() -> None:
    g = nx.MultiDiGraph([("thema:a", "thema:b")])
    assert geo_layout(g) == force_layout(g)
    assert geo_layout(nx.MultiDiGraph()) == {}
