"""The base map under a geographic network: municipal boundaries in the layout's coordinates.

The boundaries are shipped (``data/gemeentegrenzen_2015.geojson``, CBS/PDOK 2015 via
cartomap/nl; provenance in ``data/gemeentegrenzen_2015.md``) and projected with
:func:`views.layout.geo_projection`, the mapping :func:`views.layout.geo_layout` places the
municipalities with, so a boundary lies around its municipality's node.

A base map only means something when the municipalities stand at their coordinates: for a force
layout :func:`base_map` returns None. A municipality in the graph without a shipped boundary gets
a dashed circle, and the caption says that circle is schematic; no boundary is ever made up.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

import networkx as nx

from data import DATA_DIR
from graph.analysis.municipal import municipality
from graph.model import NodeKind
from views.layout import Positions, geo_projection

BOUNDARIES_FILE = DATA_DIR / "gemeentegrenzen_2015.geojson"
CAPTION = "Ondergrond: gemeentegrenzen 1-1-2015, CBS/PDOK (vereenvoudigd, via cartomap/nl)"
SCHEMATIC_NOTE = "Gestippelde cirkel: gemeente zonder grens in de ondergrond (schematisch)"
#: Radius (layout units) of the schematic circle for a municipality without a boundary.
SCHEMATIC_RADIUS = 28.0
#: How far (layout units) a municipality may stand from its projected coordinates and still
#: count as "placed geographically" (positions are rounded on their way to vis-network).
_TOLERANCE = 0.5

Ring = tuple[tuple[float, float], ...]


@dataclass(frozen=True)
class Area:
    """One municipality's boundary, in layout coordinates."""

    code: str
    naam: str
    rings: tuple[Ring, ...]
    selected: bool  # the municipality is in the graph being drawn
    node: str | None = None  # its node id, when selected


@dataclass(frozen=True)
class BaseMap:
    """Everything drawn under the network, and the caption that says where it comes from."""

    areas: tuple[Area, ...]
    outline: tuple[Ring, ...]
    schematic: tuple[tuple[str, float, float], ...]  # (name, x, y) of boundary-less municipalities

    @property
    def caption(self) -> str:
        return f"{CAPTION}. {SCHEMATIC_NOTE}." if self.schematic else CAPTION

    def extent(self) -> tuple[float, float, float, float] | None:
        """(min x, min y, max x, max y) of the selected municipalities' boundaries."""
        points = [p for a in self.areas if a.selected for ring in a.rings for p in ring]
        points += [
            (x + dx, y + dy)
            for _, x, y in self.schematic
            for dx, dy in ((-SCHEMATIC_RADIUS, -SCHEMATIC_RADIUS), (SCHEMATIC_RADIUS,) * 2)
        ]
        if not points:
            return None
        xs, ys = [x for x, _ in points], [y for _, y in points]
        return min(xs), min(ys), max(xs), max(ys)

    def regions(self) -> dict[str, tuple[Ring, ...]]:
        """Each drawn municipality's node and its boundary: where it must stay when labels
        make room (:func:`views.layout.declutter`)."""
        return {a.node: a.rings for a in self.areas if a.node is not None}

    def scaled(self, factor: float) -> BaseMap:
        """The same map stretched about the origin, as :func:`views.layout.declutter` stretches
        a crowded layout (:func:`views.layout.spread_factor`)."""
        if factor == 1.0:
            return self

        def ring(points: Ring) -> Ring:
            return tuple((x * factor, y * factor) for x, y in points)

        return BaseMap(
            areas=tuple(replace(a, rings=tuple(ring(r) for r in a.rings)) for a in self.areas),
            outline=tuple(ring(r) for r in self.outline),
            schematic=tuple((n, x * factor, y * factor) for n, x, y in self.schematic),
        )

    def to_json(self) -> dict[str, Any]:
        """The data the HTML page's canvas hook draws (coordinates rounded to 0.1 unit)."""

        def flat(ring: Ring) -> list[float]:
            return [round(v, 1) for point in ring for v in point]

        return {
            "gebieden": [
                {"rings": [flat(r) for r in a.rings], "gekozen": a.selected} for a in self.areas
            ],
            "omtrek": [flat(r) for r in self.outline],
            "schematisch": [[round(x, 1), round(y, 1)] for _, x, y in self.schematic],
            "straal": SCHEMATIC_RADIUS,
            "omvang": [round(v, 1) for v in self.extent() or ()] or None,
            "bron": self.caption,
        }


@cache
def _features() -> tuple[dict[str, Any], ...]:
    """The shipped boundaries, read once per process."""
    return tuple(json.loads(BOUNDARIES_FILE.read_text("utf-8"))["features"])


def _municipalities(graph: nx.MultiDiGraph) -> dict[str, Mapping[str, Any]]:
    return {n: a for n, a in graph.nodes(data=True) if a.get("kind") == NodeKind.GEMEENTE}


def _geographic(graph: nx.MultiDiGraph, positions: Positions, project: Any) -> bool:
    """True when every municipality with coordinates stands at its projected place."""
    placed = [
        (n, a)
        for n, a in _municipalities(graph).items()
        if isinstance(a.get("lat"), int | float) and isinstance(a.get("lon"), int | float)
    ]
    return bool(placed) and all(
        n in positions
        and math.dist(positions[n], project(float(a["lat"]), float(a["lon"]))) <= _TOLERANCE
        for n, a in placed
    )


def base_map(graph: nx.MultiDiGraph, positions: Positions) -> BaseMap | None:
    """The boundaries in the coordinates of ``positions``, or None when they are not geographic.

    >>> from views.layout import force_layout, geo_layout
    >>> from graph.model import new_graph
    >>> g = new_graph()
    >>> g.add_node("gemeente:GM0153", kind="gemeente", naam="Enschede", lat=52.22, lon=6.89)
    >>> g.add_node("gemeente:GM0193", kind="gemeente", naam="Zwolle", lat=52.51, lon=6.09)
    >>> g.add_node("gemeente:GM9999", kind="gemeente", naam="Elders", lat=52.3, lon=6.5)
    >>> shown = base_map(g, geo_layout(g))
    >>> sorted(a.naam for a in shown.areas if a.selected), [s[0] for s in shown.schematic]
    (['Enschede', 'Zwolle'], ['Elders'])
    >>> base_map(g, {n: (0.0, 0.0) for n in g}) is None   # not at their coordinates
    True
    """
    project = geo_projection(graph)
    if project is None or not _geographic(graph, positions, project):
        return None
    codes = {municipality(n, a).cbs: n for n, a in _municipalities(graph).items()}
    areas: list[Area] = []
    outline: list[Ring] = []
    for feature in _features():
        props, geometry = feature["properties"], feature["geometry"]
        if geometry["type"] == "MultiLineString":
            outline.extend(
                tuple(project(lat, lon) for lon, lat in line) for line in geometry["coordinates"]
            )
            continue
        rings = tuple(
            tuple(project(lat, lon) for lon, lat in ring)
            for polygon in geometry["coordinates"]
            for ring in polygon
        )
        node = codes.get(props["cbs_code"])
        areas.append(Area(props["cbs_code"], props["naam"], rings, node is not None, node))
    known = {a.code for a in areas}
    schematic = tuple(
        (str(graph.nodes[node].get("naam", node)), *positions[node])
        for code, node in sorted(codes.items())
        if code not in known and node in positions
    )
    return BaseMap(tuple(areas), tuple(outline), schematic)
