"""One municipality's profile: its facts and every relationship, grouped the way people ask.

Each listed item carries its provenance, so a view can mark example values as example. What a
municipality has experience with ("Ervaring met") is listed apart from what it is interested in
("Interesses"): the survey summary says the two of different municipalities.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

import networkx as nx

from graph.model import PROVENANCE_KEYS, RelType, is_example

FACT_KEYS = (
    "cbs_code",
    "provincie",
    "hoofdplaats",
    "inwoners_2015",
    "inwoners_recent",
    "inwoners_recent_jaar",
    "grootteklasse",
    "oppervlakte_land_km2",
    "corop",
    "lat",
    "lon",
)

#: Profile sections: title -> (relationship type, direction) pairs that fill it.
SECTIONS: dict[str, tuple[tuple[RelType, str], ...]] = {
    "Buurgemeenten": ((RelType.GRENST_AAN, "both"),),
    "Regio's": ((RelType.LID_VAN, "out"), (RelType.LIGT_IN, "out")),
    "Enquêtes": ((RelType.NAM_DEEL_AAN, "out"),),
    "Activiteiten": ((RelType.ORGANISEERT, "out"),),
    "Partners": (
        (RelType.WERKT_SAMEN_MET, "out"),
        (RelType.FACILITEERT, "out"),
        (RelType.SUBSIDIEERT, "out"),
        (RelType.ACTIEF_IN, "in"),
    ),
    "MBO belegd bij": ((RelType.BELEGD_BIJ, "out"),),
    "Interesses": ((RelType.HEEFT_INTERESSE_IN, "out"),),
    "Ervaring met": ((RelType.HEEFT_ERVARING_MET, "out"),),
    "Werkvormen": ((RelType.VOORKEUR_VOOR, "out"),),
    "Struikelblokken": ((RelType.ERVAART, "out"),),
    "Aanhaken": ((RelType.HAAKT_AAN_BIJ, "both"),),
}


@dataclass(frozen=True)
class ProfileItem:
    """One relationship seen from the municipality."""

    relatie: str
    richting: str
    id: str
    naam: str
    soort: str
    details: dict[str, Any]
    bron: str
    bron_type: str
    jaar: int | None
    voorbeeld: bool


@dataclass(frozen=True)
class GemeenteProfile:
    id: str
    naam: str
    feiten: dict[str, Any]
    bron: str
    bron_type: str
    secties: dict[str, list[ProfileItem]] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def has_example_data(self) -> bool:
        """Whether the municipality's own facts or anything listed is example data."""
        return is_example({"bron_type": self.bron_type}) or any(
            item.voorbeeld for items in self.secties.values() for item in items
        )


def _item(graph: nx.MultiDiGraph, other: str, attrs: dict[str, Any], direction: str) -> ProfileItem:
    node = graph.nodes[other]
    details = {k: v for k, v in attrs.items() if k not in (*PROVENANCE_KEYS, "type")}
    return ProfileItem(
        relatie=attrs["type"],
        richting=direction,
        id=other,
        naam=node.get("naam", other),
        soort=node.get("kind", ""),
        details=details,
        bron=attrs.get("bron", ""),
        bron_type=attrs.get("bron_type", ""),
        jaar=attrs.get("jaar"),
        voorbeeld=is_example(attrs),
    )


def gemeente_profile(graph: nx.MultiDiGraph, gemeente: str) -> GemeenteProfile:
    """Everything the graph says about one municipality (id ``gemeente:GM....``)."""
    attrs = graph.nodes[gemeente]
    sections: dict[str, list[ProfileItem]] = {}
    for title, wanted in SECTIONS.items():
        items = []
        for rel, direction in wanted:
            if direction in {"out", "both"}:
                items += [
                    _item(graph, v, a, "uit")
                    for _, v, a in graph.out_edges(gemeente, data=True)
                    if a["type"] == rel
                ]
            if direction in {"in", "both"}:
                items += [
                    _item(graph, u, a, "in")
                    for u, _, a in graph.in_edges(gemeente, data=True)
                    if a["type"] == rel
                ]
        sections[title] = sorted(items, key=lambda i: (i.relatie, i.naam))
    return GemeenteProfile(
        id=gemeente,
        naam=attrs.get("naam", gemeente),
        feiten={k: attrs[k] for k in FACT_KEYS if k in attrs},
        bron=attrs.get("bron", ""),
        bron_type=attrs.get("bron_type", ""),
        secties=sections,
    )
