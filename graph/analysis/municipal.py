"""What each municipality has, asks and knows, gathered in one pass over the graph.

Aanhaken, knowledge exchange and gaps all ask the same questions per municipality (which
borders, regions, activities, themes, partners). Answering them once, in a single sweep over the
relationships, keeps the analyses free of per-pair graph traversals, so they stay fast at
national scale (~342 municipalities, ~100k relationships).

Every gathered fact remembers whether it rests only on illustrative data (``bron_type``
voorbeeld/synthetisch): a fact backed by several relationships is illustrative only when all of
them are.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from graph.model import (
    ORGANISATION_KINDS,
    Niveau,
    NodeKind,
    RelType,
    Zekerheid,
    is_derived,
    is_example,
    node_id,
)

EARTH_RADIUS_KM = 6371.0088

#: Obstacles that put capacity in doubt: unclear whether civil-servant time can be freed, or
#: little money (matched by key, so the wording of their labels may change).
CAPACITY_OBSTACLES: frozenset[str] = frozenset(
    {
        node_id(NodeKind.STRUIKELBLOK, "capaciteit"),
        node_id(NodeKind.STRUIKELBLOK, "weinig-middelen"),
    }
)

#: Relationship types that tie a municipality to a partner organisation (either direction).
PARTNER_RELS: frozenset[str] = frozenset(
    {
        RelType.ACTIEF_IN,
        RelType.FACILITEERT,
        RelType.SUBSIDIEERT,
        RelType.WERKT_SAMEN_MET,
    }
)

#: Relationship types whose ``niveau == structureel`` counts as structural cooperation.
STRUCTURAL_RELS: frozenset[str] = frozenset({RelType.WERKT_SAMEN_MET, RelType.FACILITEERT})

_ORG_KINDS = frozenset(ORGANISATION_KINDS)


@dataclass(frozen=True)
class Municipality:
    """A municipality's identity, most recent population (with its year) and centroid."""

    id: str
    naam: str
    cbs: str
    inwoners: int | None
    inwoners_jaar: int | None
    lat: float | None
    lon: float | None
    voorbeeld: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "naam": self.naam,
            "cbs": self.cbs,
            "inwoners": self.inwoners,
            "inwoners_jaar": self.inwoners_jaar,
        }


def municipality(node: str, attrs: Mapping[str, Any]) -> Municipality:
    """Facts of one gemeente node; falls back to the 2015 count when no recent one is known."""
    if attrs.get("inwoners_recent") is not None:
        people, year = attrs["inwoners_recent"], attrs.get("inwoners_recent_jaar")
    elif attrs.get("inwoners_2015") is not None:
        people, year = attrs["inwoners_2015"], 2015
    else:
        people, year = None, None
    return Municipality(
        id=node,
        naam=attrs.get("naam", node),
        cbs=attrs.get("cbs_code", node.partition(":")[2]),
        inwoners=int(people) if people is not None else None,
        inwoners_jaar=int(year) if year is not None else None,
        lat=attrs.get("lat"),
        lon=attrs.get("lon"),
        voorbeeld=is_example(attrs),
    )


def distance_km(a: Municipality, b: Municipality) -> float | None:
    """Great-circle (haversine) distance between two centroids; None when one is unknown.

    >>> a = Municipality("gemeente:A", "A", "A", 1, 2024, 52.0, 6.0)
    >>> b = Municipality("gemeente:B", "B", "B", 1, 2024, 52.0, 7.0)
    >>> round(distance_km(a, b), 2)
    68.46
    """
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return None
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def _note(facts: dict[str, bool], key: str, example: bool) -> None:
    """Record ``key``; it stays example data only while every supporting fact is."""
    facts[key] = facts.get(key, True) and example


def _merge_border(
    borders: dict[str, tuple[float | None, bool]], other: str, new: tuple[float | None, bool]
) -> None:
    """Keep the longest known border length, so the result does not depend on edge order."""
    old_km, old_example = borders.get(other, (None, True))
    lengths = [km for km in (old_km, new[0]) if km is not None]
    borders[other] = (max(lengths) if lengths else None, old_example and new[1])


@dataclass
class Ties:
    """Everything one municipality is related to; values say "rests only on example data"."""

    info: Municipality
    borders: dict[str, tuple[float | None, bool]] = field(default_factory=dict)
    regions: dict[str, tuple[bool, bool]] = field(default_factory=dict)
    activities: dict[str, bool] = field(default_factory=dict)
    interests: dict[str, bool] = field(default_factory=dict)
    experience: dict[str, dict[str, Route]] = field(default_factory=dict)
    formats: dict[str, bool] = field(default_factory=dict)
    obstacles: dict[str, bool] = field(default_factory=dict)
    partners: dict[str, bool] = field(default_factory=dict)
    structural: dict[str, bool] = field(default_factory=dict)
    hooks_at: dict[str, bool] = field(default_factory=dict)
    answers: list[dict[str, Any]] = field(default_factory=list)

    def partners_of_kind(self, kind: NodeKind) -> dict[str, bool]:
        prefix = f"{kind.value}:"
        return {p: ex for p, ex in self.partners.items() if p.startswith(prefix)}


@dataclass(frozen=True)
class Route:
    """How a municipality comes to experience with a theme: whether that rests only on example
    data, and whether it rests on a derived link (an activity the project reads as touching the
    theme, RAAKT_THEMA ``afgeleid``) rather than on what the municipality itself said."""

    voorbeeld: bool
    afgeleid: bool


def _theme_links(graph: nx.MultiDiGraph) -> dict[str, dict[str, Route]]:
    """Activity -> theme -> the link's flags, from the RAAKT_THEMA relationships."""
    links: dict[str, dict[str, Route]] = {}
    for activity, kind in graph.nodes(data="kind"):
        if kind != NodeKind.ACTIVITEIT:
            continue
        for _, theme, attrs in graph.out_edges(activity, data=True):
            if attrs.get("type") == RelType.RAAKT_THEMA:
                links.setdefault(activity, {})[theme] = Route(is_example(attrs), is_derived(attrs))
    return links


def _note_route(routes: dict[str, Route], key: str, new: Route) -> None:
    """Record a route; several facts behind one route: example or derived only if all are."""
    old = routes.get(key, new)
    routes[key] = Route(old.voorbeeld and new.voorbeeld, old.afgeleid and new.afgeleid)


def gather(graph: nx.MultiDiGraph) -> dict[str, Ties]:
    """Ties of every municipality (keyed by node id), from one sweep over the relationships.

    ``experience[theme]`` maps each route to that theme (an activity id it organises that
    RAAKT_THEMA the theme, or the theme id itself for a direct HEEFT_ERVARING_MET) to its
    :class:`Route` flags.
    """
    nodes = graph.nodes
    theme_links = _theme_links(graph)
    ties = {
        n: Ties(municipality(n, a))
        for n, a in sorted(graph.nodes(data=True))
        if a.get("kind") == NodeKind.GEMEENTE
    }
    for u, v, attrs in graph.edges(data=True):
        rel, example = attrs.get("type"), is_example(attrs)
        mine, other = (ties.get(u), v) if u in ties else (ties.get(v), u)
        if mine is None:
            continue
        other_kind = nodes[other].get("kind")
        if rel == RelType.GRENST_AAN and other in ties:
            border = (attrs.get("gedeelde_grens_km"), example)
            _merge_border(ties[u].borders, v, border)
            _merge_border(ties[v].borders, u, border)
        elif rel == RelType.LID_VAN:
            certain = attrs.get("zekerheid", Zekerheid.JA) != Zekerheid.ONZEKER
            was_certain, was_example = mine.regions.get(other, (False, True))
            mine.regions[other] = (certain or was_certain, example and was_example)
        elif rel == RelType.ORGANISEERT and other_kind == NodeKind.ACTIVITEIT:
            _note(mine.activities, other, example)
            for theme, link in theme_links.get(other, {}).items():
                route = Route(example or link.voorbeeld, link.afgeleid)
                _note_route(mine.experience.setdefault(theme, {}), other, route)
        elif rel == RelType.HEEFT_ERVARING_MET:
            _note_route(mine.experience.setdefault(other, {}), other, Route(example, False))
        elif rel == RelType.HEEFT_INTERESSE_IN:
            _note(mine.interests, other, example)
        elif rel == RelType.VOORKEUR_VOOR:
            _note(mine.formats, other, example)
        elif rel == RelType.ERVAART:
            _note(mine.obstacles, other, example)
        elif rel == RelType.HAAKT_AAN_BIJ and u in ties and v in ties:
            _note(ties[u].hooks_at, v, example)
        elif rel == RelType.NAM_DEEL_AAN and attrs.get("rol") == "antwoorden":
            mine.answers.append(dict(attrs))
        if rel in PARTNER_RELS and other_kind in _ORG_KINDS:
            _note(mine.partners, other, example)
            if rel in STRUCTURAL_RELS and attrs.get("niveau") == Niveau.STRUCTUREEL:
                _note(mine.structural, other, example)
    return ties
