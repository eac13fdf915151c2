"""Node positions computed on the server with a fixed seed, so a picture never jumps on a rerun.

Two layouts, both pure functions returning ``{node_id: (x, y)}`` in screen units (x to the right,
y downwards, roughly ``-size/2 .. size/2``):

- :func:`geo_layout`: municipalities at their centroid (lat/lon projected onto a plane), every
  other node near the municipalities it is related to, spread by a force layout in which the
  municipalities do not move.
- :func:`force_layout`: networkx's spring layout with a fixed seed.

Both are cached by graph content (node ids and relationship ends), not by object identity, so
the same selection drawn twice costs one computation.

>>> from graph.model import new_graph
>>> g = new_graph()
>>> g.add_node("gemeente:A", kind="gemeente", lat=52.5, lon=6.0)
>>> g.add_node("gemeente:B", kind="gemeente", lat=52.0, lon=6.5)
>>> pos = geo_layout(g)
>>> pos["gemeente:A"][1] < pos["gemeente:B"][1]   # A lies further north: higher on screen
True
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Callable, Mapping
from functools import lru_cache

import networkx as nx
import numpy as np

from graph.model import NodeKind

Positions = dict[str, tuple[float, float]]

#: Width (or height, whichever is larger) of a layout in screen units.
LAYOUT_SIZE = 1000.0
SEED = 42
#: Nodes related to no municipality are parked in rows this far below the map, this far apart.
_MARGIN = 120.0
_PARK_STEP = 160.0
#: How far a node starts from the mean of the municipalities it relates to.
_NUDGE = 35.0
#: Closest two nodes may be after :func:`_separated` (screen units), and its number of rounds.
MIN_DISTANCE = 55.0
_SEPARATION_ROUNDS = 12
#: Force-layout iterations (networkx's default): enough from the geographic start positions.
_ITERATIONS = 50

_Edges = tuple[tuple[str, str], ...]
_Points = tuple[tuple[str, float, float], ...]


def _content(graph: nx.MultiDiGraph) -> tuple[tuple[str, ...], _Edges]:
    """Node ids and undirected relationship ends, sorted: the cache key of a layout."""
    nodes = tuple(sorted(graph.nodes))
    edges = tuple(sorted({(min(u, v), max(u, v)) for u, v in graph.edges() if u != v}))
    return nodes, edges


@lru_cache(maxsize=64)
def _spring(
    nodes: tuple[str, ...],
    edges: _Edges,
    start: _Points = (),
    fixed: tuple[str, ...] = (),
    k: float | None = None,
    seed: int = SEED,
) -> _Points:
    """networkx's spring layout on hashable inputs, so results are cached by content."""
    simple = nx.Graph()
    simple.add_nodes_from(nodes)
    simple.add_edges_from(edges)
    if fixed:
        initial = {n: (x, y) for n, x, y in start}
        pos = nx.spring_layout(
            simple, k=k, pos=initial, fixed=fixed, iterations=_ITERATIONS, seed=seed
        )
    else:
        pos = nx.spring_layout(simple, seed=seed, iterations=_ITERATIONS, scale=LAYOUT_SIZE / 2)
    return tuple((n, float(pos[n][0]), float(pos[n][1])) for n in nodes)


def force_layout(graph: nx.MultiDiGraph, seed: int = SEED) -> Positions:
    """Spring layout with a fixed seed, scaled to :data:`LAYOUT_SIZE`."""
    if graph.number_of_nodes() == 0:
        return {}
    nodes, edges = _content(graph)
    return {n: (x, y) for n, x, y in _spring(nodes, edges, seed=seed)}


def _coordinates(graph: nx.MultiDiGraph) -> dict[str, tuple[float, float]]:
    """(lat, lon) of the municipalities that have both."""
    return {
        n: (float(a["lat"]), float(a["lon"]))
        for n, a in graph.nodes(data=True)
        if a.get("kind") == NodeKind.GEMEENTE
        and isinstance(a.get("lat"), int | float)
        and isinstance(a.get("lon"), int | float)
    }


def geo_projection(graph: nx.MultiDiGraph) -> Callable[[float, float], tuple[float, float]] | None:
    """The (lat, lon) -> screen mapping :func:`geo_layout` puts the municipalities with, or None.

    Longitude shrunk by cos(mean latitude), north up, scaled so the municipalities span
    :data:`LAYOUT_SIZE`. Exposed so a base map can be drawn in the same coordinates.
    """
    coords = _coordinates(graph)
    if not coords:
        return None
    mean_lat = sum(lat for lat, _ in coords.values()) / len(coords)
    shrink = math.cos(math.radians(mean_lat))
    xs = [lon * shrink for _, lon in coords.values()]
    ys = [-lat for lat, _ in coords.values()]
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    factor = LAYOUT_SIZE / span
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2

    def project(lat: float, lon: float) -> tuple[float, float]:
        return (lon * shrink - cx) * factor, (-lat - cy) * factor

    return project


def _projected(graph: nx.MultiDiGraph) -> Positions:
    """Municipalities with coordinates on a plane (:func:`geo_projection`)."""
    project = geo_projection(graph)
    if project is None:
        return {}
    return {n: project(lat, lon) for n, (lat, lon) in _coordinates(graph).items()}


def _nudge(node: str) -> tuple[float, float]:
    """A small offset in a direction derived from the id: nodes sharing an anchor start apart."""
    angle = 2 * math.pi * (zlib.crc32(node.encode("utf-8")) % 3600) / 3600
    return _NUDGE * math.cos(angle), _NUDGE * math.sin(angle)


def _anchored(graph: nx.MultiDiGraph, placed: Positions) -> tuple[Positions, Positions]:
    """Start positions for the other nodes: the mean of their placed neighbours, in rounds.

    Returns (start positions, parked): nodes that reach no placed node at all are parked in rows
    below the map, grouped by kind, and do not move.
    """
    start = dict(placed)
    undirected = graph.to_undirected(as_view=True)
    pending = sorted(n for n in graph if n not in start)
    while pending:
        added = {}
        for node in pending:
            # Sorted: a view's neighbour order follows set iteration, which can differ between
            # equal graphs, and a float sum in another order moves the layout a little.
            around = [start[m] for m in sorted(undirected.neighbors(node)) if m in start]
            if around:
                dx, dy = _nudge(node)
                added[node] = (
                    sum(x for x, _ in around) / len(around) + dx,
                    sum(y for _, y in around) / len(around) + dy,
                )
        if not added:
            break
        start.update(added)
        pending = [n for n in pending if n not in added]
    per_row = max(1, int(LAYOUT_SIZE // _PARK_STEP) + 1)
    pending.sort(key=lambda n: (str(graph.nodes[n].get("kind", "")), n))
    parked = {
        node: (
            -LAYOUT_SIZE / 2 + _PARK_STEP * (index % per_row),
            LAYOUT_SIZE / 2 + _MARGIN + _PARK_STEP * (index // per_row),
        )
        for index, node in enumerate(pending)
    }
    start.update(parked)
    return start, parked


def geo_layout(graph: nx.MultiDiGraph, seed: int = SEED) -> Positions:
    """Municipalities at their coordinates, the rest around them; force layout without any."""
    placed = _projected(graph)
    if not placed:
        return force_layout(graph, seed)
    if len(placed) == graph.number_of_nodes():
        return placed
    start, parked = _anchored(graph, placed)
    # Shift into the positive quadrant: networkx sizes its random start box by the largest
    # coordinate, and a force layout only moves relative positions.
    offset = LAYOUT_SIZE
    shifted = tuple(sorted((n, x + offset, y + offset) for n, (x, y) in start.items()))
    k = LAYOUT_SIZE / math.sqrt(graph.number_of_nodes()) / 2
    nodes, edges = _content(graph)
    fixed = tuple(sorted({*placed, *parked}))
    spread = _separated(_spring(nodes, edges, shifted, fixed, k, seed), fixed)
    return {n: (x - offset, y - offset) for n, x, y in spread}


@lru_cache(maxsize=64)
def _separated(points: _Points, fixed: tuple[str, ...]) -> _Points:
    """Push movable nodes out of each other's and the fixed nodes' way (a few even rounds).

    A force layout leaves a node that many municipalities pull at (a region, a theme) right on
    top of one of them; at :data:`MIN_DISTANCE` apart every node stays visible and clickable.
    """
    ids = [n for n, *_ in points]
    xy = np.array([(x, y) for _, x, y in points], dtype=float)
    movable = np.array([n not in set(fixed) for n in ids])
    if not movable.any():
        return points
    # Coincident points need a direction: a fixed one per node, derived from its id.
    jitter = np.array([_nudge(n) for n in ids]) / _NUDGE
    rows = np.flatnonzero(movable)
    for _ in range(_SEPARATION_ROUNDS):
        delta = xy[rows, None, :] - xy[None, :, :]
        dist = np.hypot(delta[..., 0], delta[..., 1])
        dist[np.arange(len(rows)), rows] = np.inf
        overlap = np.clip(MIN_DISTANCE - dist, 0.0, None)
        if not overlap.any():
            break
        safe = np.maximum(dist, 1e-9)[..., None]
        direction = np.where(dist[..., None] > 1e-9, delta / safe, jitter[rows, None, :])
        xy[rows] += (direction * overlap[..., None]).sum(axis=1) / 2
    return tuple((n, float(x), float(y)) for n, (x, y) in zip(ids, xy, strict=True))


#: Offsets of a node's drawn box (shape and label) from its position: left, top, right, bottom.
Box = tuple[float, float, float, float]
#: Polygon rings (closed, even-odd) a node must stay inside while :func:`declutter` moves it.
Region = tuple[tuple[tuple[float, float], ...], ...]
#: How far inside its region (screen units) a node pushed out of it is put back.
REGION_INSET = 4.0
#: Weight of a node held at its region's border: it no longer gives way to the others;
#: and how many times at most nodes are put back and the rest pushed apart again.
_HELD_WEIGHT = 1e6
_REGION_PASSES = 3
#: Space kept between two boxes after :func:`declutter` (screen units), and its most rounds.
BOX_GAP = 6.0
_DECLUTTER_ROUNDS = 600
#: Share of the layout's area boxes may cover before the layout is first spread out evenly
#: (at most :data:`_MAX_SPREAD` times): an even spread keeps the geography intact.
_BOX_COVER = 0.3
_MAX_SPREAD = 4.0


def declutter(
    positions: Positions,
    boxes: Mapping[str, Box],
    weights: Mapping[str, float] | None = None,
    gap: float = BOX_GAP,
    regions: Mapping[str, Region] | None = None,
) -> Positions:
    """Move nodes until no two drawn boxes (shape plus label) overlap, disturbing little.

    A crowded layout is first spread out evenly (all distances times one factor, so the map
    keeps its shape) until the boxes cover at most :data:`_BOX_COVER` of its area. Then each
    overlapping pair is pushed apart along the axis where they overlap least; a heavier
    node (``weights``, default 1) moves less, so municipalities keep their place on the map
    and partners make room around them. A node with a region (``regions``: polygon rings in
    the coordinates of ``positions``, e.g. a municipality's boundary) never leaves it: pushed
    out, it is put back just inside, and the others make room. Deterministic (a tie in
    direction is broken by id).

    >>> pos = declutter({"a": (0.0, 0.0), "b": (5.0, 0.0)}, {n: (-10, -5, 10, 5) for n in "ab"})
    >>> round(pos["b"][0] - pos["a"][0], 1) >= 20 + BOX_GAP - 0.1
    True
    >>> square = (((-8.0, -8.0), (8.0, -8.0), (8.0, 8.0), (-8.0, 8.0), (-8.0, -8.0)),)
    >>> pos = declutter(
    ...     {"a": (0.0, 0.0), "b": (5.0, 0.0)}, {n: (-10, -5, 10, 5) for n in "ab"},
    ...     regions={"a": square})
    >>> abs(pos["a"][0]) < 8, round(pos["b"][0] - pos["a"][0], 1) >= 20 + BOX_GAP - 0.1
    (True, True)
    """
    ids = tuple(sorted(positions))
    if len(ids) < 2:
        return dict(positions)
    points = tuple((n, *positions[n]) for n in ids)
    extents = tuple(tuple(float(v) for v in boxes.get(n, (0.0, 0.0, 0.0, 0.0))) for n in ids)
    mass = tuple(float((weights or {}).get(n, 1.0)) for n in ids)
    factor = spread_factor(positions, boxes)
    bounds = tuple((index, regions[n]) for index, n in enumerate(ids) if regions and regions.get(n))
    return {n: (x, y) for n, x, y in _declutter(points, extents, mass, gap, factor, bounds)}


def spread_factor(positions: Positions, boxes: Mapping[str, Box]) -> float:
    """How much :func:`declutter` first stretches ``positions`` (about the origin; 1.0 when
    not crowded). Whatever is drawn in the same coordinates, such as a base map, must be
    stretched alike to stay under its nodes.

    >>> spread_factor({"a": (0.0, 0.0), "b": (100.0, 100.0)}, {})
    1.0
    """
    if len(positions) < 2:
        return 1.0
    xy = np.array(list(positions.values()), dtype=float)
    ext = np.array([boxes.get(n, (0.0, 0.0, 0.0, 0.0)) for n in positions], dtype=float)
    span = np.maximum(xy.max(axis=0) - xy.min(axis=0), 1.0)
    cover = float(((ext[:, 2] - ext[:, 0]) * (ext[:, 3] - ext[:, 1])).sum()) / float(span.prod())
    return min(_MAX_SPREAD, max(1.0, math.sqrt(cover / _BOX_COVER)))


@lru_cache(maxsize=64)
def _declutter(
    points: _Points,
    extents: tuple[tuple[float, ...], ...],
    mass: tuple[float, ...],
    gap: float,
    factor: float,
    bounds: tuple[tuple[int, Region], ...] = (),
) -> _Points:
    """Push apart; then put whoever left its region back inside, hold it there (it no longer
    gives way) and push the others apart again, a few times at most."""
    xy = np.array([(x, y) for _, x, y in points], dtype=float) * factor
    keep = _Keeper(xy, bounds, factor)
    ext = np.array(extents, dtype=float)
    weight = np.array(mass, dtype=float)
    _push_apart(xy, ext, weight, gap)
    for _ in range(_REGION_PASSES):
        if not keep.inside(xy):
            break
        weight[keep.held] = _HELD_WEIGHT
        _push_apart(xy, ext, weight, gap)
    return tuple((n, float(x), float(y)) for (n, *_), (x, y) in zip(points, xy, strict=True))


def _push_apart(xy: np.ndarray, ext: np.ndarray, weight: np.ndarray, gap: float) -> None:
    """Move the points ``xy`` (in place) until no two boxes overlap, in at most
    :data:`_DECLUTTER_ROUNDS` rounds; a heavier point takes a smaller share of each push.

    Each round finds the overlapping pairs among all points, then works out the pushes for
    the rows that overlap only: after the first rounds they are a few of the hundreds."""
    count = len(xy)
    share = weight[None, :] / (weight[:, None] + weight[None, :])  # how much of a push i takes
    order = np.sign(np.arange(count)[None, :] - np.arange(count)[:, None]).astype(float)
    for _ in range(_DECLUTTER_ROUNDS):
        left, top = xy[:, 0] + ext[:, 0], xy[:, 1] + ext[:, 1]
        right, bottom = xy[:, 0] + ext[:, 2], xy[:, 1] + ext[:, 3]
        ox = np.minimum(right[:, None], right[None, :]) - np.maximum(left[:, None], left[None, :])
        oy = np.minimum(bottom[:, None], bottom[None, :]) - np.maximum(top[:, None], top[None, :])
        ox += gap
        oy += gap
        hit = (ox > 0) & (oy > 0)
        np.fill_diagonal(hit, False)
        rows = np.flatnonzero(hit.any(axis=1))
        if not rows.size:
            break
        hit, ox, oy = hit[rows], ox[rows], oy[rows]
        cx, cy = (left + right) / 2, (top + bottom) / 2
        sx = np.sign(cx[rows, None] - cx[None, :])
        sy = np.sign(cy[rows, None] - cy[None, :])
        sx = np.where(sx == 0, -order[rows], sx)
        sy = np.where(sy == 0, -order[rows], sy)
        along_x = ox <= oy
        # A lone pair is resolved in one step (a little extra so it does not stay touching);
        # a node in several overlaps takes a damped step, so crowds do not oscillate.
        each_x = np.where(hit & along_x, sx * (ox + 0.5) * share[rows], 0.0)
        each_y = np.where(hit & ~along_x, sy * (oy + 0.5) * share[rows], 0.0)
        push = np.stack([each_x.sum(axis=1), each_y.sum(axis=1)], axis=1)
        _sideways(push, np.abs(each_x) + np.abs(each_y), along_x, hit, cx[rows], cy[rows], cx, cy)
        damping = 1.0 / np.sqrt(np.maximum(hit.sum(axis=1), 1))
        xy[rows] += push * damping[:, None]


def _sideways(
    push: np.ndarray,
    size: np.ndarray,
    along_x: np.ndarray,
    hit: np.ndarray,
    own_x: np.ndarray,
    own_y: np.ndarray,
    cx: np.ndarray,
    cy: np.ndarray,
) -> None:
    """A node squeezed between others that do not give way (pushes that cancel out) steps
    sideways instead: across its strongest push, away from the squeezers' middle. Rows are
    the overlapping nodes (centres ``own_x``, ``own_y``), columns all nodes (``cx``, ``cy``)."""
    stuck = (hit.sum(axis=1) >= 2) & (np.hypot(*push.T) < 0.2 * size.sum(axis=1))
    for row in np.flatnonzero(stuck):
        strongest = int(np.argmax(size[row]))
        others = np.flatnonzero(hit[row])
        if along_x[row, strongest]:  # pushed along x: step along y
            push[row] = (
                0.0,
                size[row, strongest] * (1.0 if own_y[row] >= cy[others].mean() else -1.0),
            )
        else:
            push[row] = (
                size[row, strongest] * (1.0 if own_x[row] >= cx[others].mean() else -1.0),
                0.0,
            )


class _Keeper:
    """Puts nodes that left their region (:func:`declutter`'s ``regions``) back just inside.

    A node returns to the nearest point of its region's boundary, moved :data:`REGION_INSET`
    towards where it started (which lies inside: a node starting outside its region is left
    free, since "inside" would then mean a jump).
    """

    def __init__(self, xy: np.ndarray, bounds: tuple[tuple[int, Region], ...], factor: float):
        self.rows: list[int] = []
        self.starts: list[np.ndarray] = []
        self.edges: list[tuple[np.ndarray, np.ndarray]] = []
        self.held: list[int] = []  # rows that reached their region's border
        for row, region in bounds:
            rings = [np.array(ring, dtype=float) * factor for ring in region if len(ring) > 2]
            if not rings:
                continue
            a = np.concatenate([ring for ring in rings])
            b = np.concatenate([np.roll(ring, -1, axis=0) for ring in rings])
            if _contains(a, b, xy[row]):
                self.rows.append(row)
                self.starts.append(xy[row].copy())
                self.edges.append((a, b))

    def inside(self, xy: np.ndarray) -> bool:
        """Put back whoever left its region; True when anyone was."""
        moved = False
        for row, start, (a, b) in zip(self.rows, self.starts, self.edges, strict=True):
            if _contains(a, b, xy[row]):
                continue
            moved = True
            if row not in self.held:
                self.held.append(row)
            d = b - a
            t = np.clip(
                ((xy[row] - a) * d).sum(axis=1) / np.maximum((d * d).sum(axis=1), 1e-12), 0, 1
            )
            near = a + t[:, None] * d
            point = near[np.argmin(np.hypot(*(near - xy[row]).T))]
            inward = start - point
            length = float(np.hypot(*inward))
            xy[row] = point + inward / max(length, 1e-9) * min(REGION_INSET, length)
        return moved


def _contains(a: np.ndarray, b: np.ndarray, point: np.ndarray) -> bool:
    """Even-odd test of ``point`` against the edges ``a[i] -> b[i]``."""
    x, y = point
    straddle = (a[:, 1] > y) != (b[:, 1] > y)
    with np.errstate(divide="ignore", invalid="ignore"):
        cross = a[:, 0] + (y - a[:, 1]) * (b[:, 0] - a[:, 0]) / (b[:, 1] - a[:, 1])
    return bool(np.count_nonzero(straddle & (x < cross)) % 2)
