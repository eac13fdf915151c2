"""The shipped base map: one real boundary per municipality of gemeenten.csv, drawn only where
the municipalities stand at their coordinates, and never made up."""

from __future__ import annotations

import csv
import json
import math
from itertools import pairwise

import networkx as nx
import pytest
from matplotlib.path import Path as Polygon

from data import DATA_DIR
from graph.analysis.municipal_view import selected_view
from graph.analysis.node_measures import node_measure
from graph.selection import Selection
from views.basemap import BOUNDARIES_FILE, CAPTION, SCHEMATIC_NOTE, base_map
from views.layout import force_layout, geo_layout
from views.pyvis_map import network_html, readable_map


def _collection() -> dict:
    return json.loads(BOUNDARIES_FILE.read_text("utf-8"))


def _municipality_rows() -> dict[str, dict[str, str]]:
    with (DATA_DIR / "gemeenten.csv").open(encoding="utf-8") as handle:
        return {row["cbs_code"]: row for row in csv.DictReader(handle)}


def _areas() -> dict[str, dict]:
    return {
        f["properties"]["cbs_code"]: f
        for f in _collection()["features"]
        if "cbs_code" in f["properties"]
    }


def test_every_municipality_has_exactly_one_boundary_and_there_are_no_others() -> None:
    codes = [
        f["properties"]["cbs_code"]
        for f in _collection()["features"]
        if "cbs_code" in f["properties"]
    ]
    assert len(codes) == len(set(codes))
    assert set(codes) == set(_municipality_rows())


def test_names_and_provinces_match_the_reference_data() -> None:
    rows = _municipality_rows()
    for code, feature in _areas().items():
        assert feature["properties"]["naam"] == rows[code]["naam"]
        assert feature["properties"]["provincie"] == rows[code]["provincie"]


def test_rings_are_closed_and_lie_around_the_cbs_centroid() -> None:
    """A copying or decoding error would open a ring or move a municipality."""
    rows = _municipality_rows()
    for code, feature in _areas().items():
        (polygon,) = feature["geometry"]["coordinates"]
        (ring,) = polygon
        assert ring[0] == ring[-1] and len(ring) >= 7
        area = cx = cy = 0.0
        for (x0, y0), (x1, y1) in pairwise(ring):
            cross = x0 * y1 - x1 * y0
            area, cx, cy = area + cross, cx + (x0 + x1) * cross, cy + (y0 + y1) * cross
        cx, cy = cx / (3 * area), cy / (3 * area)
        row = rows[code]
        off_km = math.hypot((cx - float(row["lon"])) * 68, (cy - float(row["lat"])) * 111)
        assert off_km < 1.5, (code, off_km)
        km2 = abs(area) / 2 * 68 * 111
        assert abs(km2 / float(row["oppervlakte_land_km2"]) - 1) < 0.15, (code, km2)


def test_the_source_and_year_are_recorded() -> None:
    collection = _collection()
    assert collection["jaar"] == 2015 and "CBS/PDOK" in collection["bron"]
    note = (DATA_DIR / "gemeentegrenzen_2015.md").read_text("utf-8")
    assert "cartomap/nl" in note and "2015" in note and "CC BY 4.0" in note
    assert "2015" in CAPTION and "CBS/PDOK" in CAPTION


def test_base_map_only_for_geographic_positions(shipped_graph: nx.MultiDiGraph) -> None:
    geo = base_map(shipped_graph, geo_layout(shipped_graph))
    assert geo is not None and len(geo.areas) == 26 and geo.outline
    assert all(area.selected for area in geo.areas) and geo.schematic == ()
    assert base_map(shipped_graph, force_layout(shipped_graph)) is None


def test_boundaries_lie_around_their_nodes(shipped_graph: nx.MultiDiGraph) -> None:
    positions = geo_layout(shipped_graph)
    base = base_map(shipped_graph, positions)
    assert base is not None
    for area in base.areas:
        (ring,) = area.rings
        xs, ys = [x for x, _ in ring], [y for _, y in ring]
        x, y = positions[f"gemeente:{area.code}"]
        assert min(xs) < x < max(xs) and min(ys) < y < max(ys), area.naam


def test_selection_marks_its_municipalities(shipped_graph: nx.MultiDiGraph) -> None:
    keep = ["gemeente:GM0153", "gemeente:GM0164", "gemeente:GM0141"]
    selection = shipped_graph.subgraph(keep).copy()
    base = base_map(selection, geo_layout(selection))
    assert base is not None
    assert sorted(a.naam for a in base.areas if a.selected) == ["Almelo", "Enschede", "Hengelo"]
    assert len(base.areas) == 26  # the neighbours are drawn too, lighter


def test_a_municipality_without_boundary_is_schematic_and_says_so() -> None:
    graph = nx.MultiDiGraph()
    graph.add_node("gemeente:GM0153", kind="gemeente", naam="Enschede", lat=52.22, lon=6.89)
    graph.add_node("gemeente:GM0344", kind="gemeente", naam="Utrecht", lat=52.09, lon=5.12)
    base = base_map(graph, geo_layout(graph))
    assert base is not None
    assert [name for name, *_ in base.schematic] == ["Utrecht"]
    assert SCHEMATIC_NOTE in base.caption
    assert "Utrecht" not in {a.naam for a in base.areas}


def test_json_for_the_page_is_flat_and_rounded(shipped_graph: nx.MultiDiGraph) -> None:
    base = base_map(shipped_graph, geo_layout(shipped_graph))
    assert base is not None
    data = base.to_json()
    assert len(data["gebieden"]) == 26 and data["bron"] == CAPTION
    assert data["omvang"] == [round(v, 1) for v in base.extent() or ()]  # the page fits to it
    ring = data["gebieden"][0]["rings"][0]
    assert len(ring) % 2 == 0 and all(round(v, 1) == v for v in ring)


def test_the_page_embeds_the_base_map_as_script_safe_json(shipped_graph: nx.MultiDiGraph) -> None:
    """The app and the HTML export share network_html: boundaries for geographic positions only,
    embedded through script_json (no raw '<' can end the script element)."""
    geo = network_html(shipped_graph, geo_layout(shipped_graph))
    force = network_html(shipped_graph, force_layout(shipped_graph))
    script = geo.split("var basemap = ", 1)[1].split(";\n", 1)[0]
    assert script.startswith('{"gebieden": [{"rings": [[') and "<" not in script
    assert json.loads(script)["bron"] == CAPTION
    assert "var basemap = null;" in force
    assert CAPTION in geo and CAPTION not in force


@pytest.mark.parametrize(("weergave", "measure"), [("netwerk", "graad"), ("gemeenten", "inwoners")])
def test_decluttered_municipalities_stay_inside_their_own_boundary(
    shipped_graph: nx.MultiDiGraph, weergave: str, measure: str
) -> None:
    """Labels make room by moving nodes, but a municipality never leaves its own polygon on
    the default geographic view (the Netwerk page and the Gemeentekaart, sized as they are
    drawn). Without this, Losser stood 18 units outside its boundary."""
    view, _ = selected_view(shipped_graph, Selection(view=weergave))
    values = node_measure(view, measure)
    assert values is not None
    placed, base = readable_map(view, geo_layout(view), values.values)
    assert base is not None
    areas = [area for area in base.areas if area.selected]
    assert len(areas) == 26
    for area in areas:
        assert area.node is not None
        (ring,) = area.rings
        assert Polygon(ring).contains_point(placed[area.node]), area.naam
