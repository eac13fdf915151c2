"""The graph model: node kinds, relationship types, provenance and the records loaders produce.

Everything that names a label, relationship type or closed value list lives here, so that the
loaders, the stores and the views agree on one vocabulary. Ids are ``<kind>:<key>``:

>>> node_id(NodeKind.GEMEENTE, "GM0163")
'gemeente:GM0163'
>>> kind_of("activiteit:nl-doet")
<NodeKind.ACTIVITEIT: 'activiteit'>
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import networkx as nx


class NodeKind(StrEnum):
    """Node kinds of the design card; the value is the id prefix and the ``kind`` attribute."""

    GEMEENTE = "gemeente"
    PROVINCIE = "provincie"
    REGIO = "regio"
    ONDERNEMERSNETWERK = "ondernemersnetwerk"
    VRIJWILLIGERSCENTRALE = "vrijwilligerscentrale"
    ORGANISATIE = "organisatie"
    BELEIDSTERREIN = "beleidsterrein"
    ACTIVITEIT = "activiteit"
    THEMA = "thema"
    WERKVORM = "werkvorm"
    STRUIKELBLOK = "struikelblok"
    ENQUETE = "enquete"


#: Neo4j label per kind (English, as in the design card).
NEO4J_LABELS: dict[NodeKind, str] = {
    NodeKind.GEMEENTE: "Municipality",
    NodeKind.PROVINCIE: "Province",
    NodeKind.REGIO: "Region",
    NodeKind.ONDERNEMERSNETWERK: "BusinessNetwork",
    NodeKind.VRIJWILLIGERSCENTRALE: "VolunteerCentre",
    NodeKind.ORGANISATIE: "Organisation",
    NodeKind.BELEIDSTERREIN: "PolicyPortfolio",
    NodeKind.ACTIVITEIT: "Activity",
    NodeKind.THEMA: "Theme",
    NodeKind.WERKVORM: "ExchangeFormat",
    NodeKind.STRUIKELBLOK: "Obstacle",
    NodeKind.ENQUETE: "Survey",
}

#: Dutch display names per kind (singular, plural) for legends and tables.
KIND_LABELS: dict[NodeKind, tuple[str, str]] = {
    NodeKind.GEMEENTE: ("Gemeente", "Gemeenten"),
    NodeKind.PROVINCIE: ("Provincie", "Provincies"),
    NodeKind.REGIO: ("Regio", "Regio's"),
    NodeKind.ONDERNEMERSNETWERK: ("Ondernemersnetwerk", "Ondernemersnetwerken"),
    NodeKind.VRIJWILLIGERSCENTRALE: ("Vrijwilligerscentrale", "Vrijwilligerscentrales"),
    NodeKind.ORGANISATIE: ("Organisatie", "Organisaties"),
    NodeKind.BELEIDSTERREIN: ("Beleidsterrein", "Beleidsterreinen"),
    NodeKind.ACTIVITEIT: ("Activiteit", "Activiteiten"),
    NodeKind.THEMA: ("Thema", "Thema's"),
    NodeKind.WERKVORM: ("Werkvorm", "Werkvormen"),
    NodeKind.STRUIKELBLOK: ("Struikelblok", "Struikelblokken"),
    NodeKind.ENQUETE: ("Enquête", "Enquêtes"),
}


class RelType(StrEnum):
    """Relationship types, named as verbs. GRENST_AAN is symmetric and stored once per pair."""

    LIGT_IN = "LIGT_IN"
    GRENST_AAN = "GRENST_AAN"
    LID_VAN = "LID_VAN"
    ACTIEF_IN = "ACTIEF_IN"
    FACILITEERT = "FACILITEERT"
    SUBSIDIEERT = "SUBSIDIEERT"
    ORGANISEERT = "ORGANISEERT"
    WERKT_SAMEN_MET = "WERKT_SAMEN_MET"
    BELEGD_BIJ = "BELEGD_BIJ"
    HEEFT_INTERESSE_IN = "HEEFT_INTERESSE_IN"
    HEEFT_ERVARING_MET = "HEEFT_ERVARING_MET"
    VOORKEUR_VOOR = "VOORKEUR_VOOR"
    ERVAART = "ERVAART"
    HAAKT_AAN_BIJ = "HAAKT_AAN_BIJ"
    #: A municipality names another it learns from (a survey round's questionnaire).
    LEERT_VAN = "LEERT_VAN"
    #: A municipality answers whether a tie another municipality reported with it is real
    #: (``antwoord`` ja or nee, ``band`` the tie's type): a survey answer, never drawn as a tie.
    REAGEERT_OP = "REAGEERT_OP"
    NAM_DEEL_AAN = "NAM_DEEL_AAN"
    #: Invited to an event (the partners the 2010 results were to be discussed with): not taking
    #: part in the survey itself.
    UITGENODIGD_VOOR = "UITGENODIGD_VOOR"
    RAAKT_THEMA = "RAAKT_THEMA"


#: Dutch reading of each relationship type, for legends and reasons.
REL_LABELS: dict[RelType, str] = {
    RelType.LIGT_IN: "ligt in",
    RelType.GRENST_AAN: "grenst aan",
    RelType.LID_VAN: "lid van",
    RelType.ACTIEF_IN: "actief in",
    RelType.FACILITEERT: "faciliteert",
    RelType.SUBSIDIEERT: "subsidieert",
    RelType.ORGANISEERT: "organiseert",
    RelType.WERKT_SAMEN_MET: "werkt samen met",
    RelType.BELEGD_BIJ: "MBO belegd bij",
    RelType.HEEFT_INTERESSE_IN: "heeft interesse in",
    RelType.HEEFT_ERVARING_MET: "heeft ervaring met",
    RelType.VOORKEUR_VOOR: "voorkeur voor",
    RelType.ERVAART: "ervaart",
    RelType.HAAKT_AAN_BIJ: "haakt aan bij",
    RelType.LEERT_VAN: "leert van",
    RelType.REAGEERT_OP: "reageert op de band met",
    RelType.NAM_DEEL_AAN: "nam deel aan",
    RelType.UITGENODIGD_VOOR: "uitgenodigd voor",
    RelType.RAAKT_THEMA: "raakt thema",
}

SYMMETRIC_RELS: frozenset[RelType] = frozenset({RelType.GRENST_AAN})

#: The Gemeentekaart's tie of two municipalities (graph.analysis.municipal_view): symmetric, made by that
#: view from stored relationships and never stored or loaded itself, so it is no RelType.
MUNICIPAL_TIE = "VERBONDEN_MET"
_VIEW_REL_LABELS = {MUNICIPAL_TIE: "verbonden met"}


class BronType(StrEnum):
    """Where a fact comes from. ``voorbeeld`` and ``synthetisch`` are never survey results;
    ``afgeleid`` marks the project's own inferences (e.g. which theme an activity touches)."""

    REFERENTIE = "referentie"
    ENQUETE = "enquete"
    VOORBEELD = "voorbeeld"
    GEBRUIKER = "gebruiker"
    SYNTHETISCH = "synthetisch"
    AFGELEID = "afgeleid"


BRON_TYPE_LABELS: dict[BronType, str] = {
    BronType.REFERENTIE: "referentiegegevens",
    BronType.ENQUETE: "enquête",
    BronType.VOORBEELD: "voorbeeld (illustratief, geen enquêteresultaat)",
    BronType.GEBRUIKER: "door gebruiker toegevoegd",
    BronType.SYNTHETISCH: "synthetisch (benchmark)",
    BronType.AFGELEID: "afgeleid (eigen lezing van het project, geen enquêteresultaat)",
}

#: Illustrative provenance: shown with a banner wherever it appears.
EXAMPLE_BRON_TYPES: frozenset[BronType] = frozenset({BronType.VOORBEELD, BronType.SYNTHETISCH})

#: Source of the links from activities to the themes they touch (RAAKT_THEMA): the project's own
#: reading of the vocabulary, not something the survey or its summary says.
DERIVED_THEME_SOURCE = (
    "Netwerkkaart MBO: eigen koppeling van activiteiten aan thema's (vocabulaire.csv, kolom themas)"
)


class Niveau(StrEnum):
    """Level of cooperation, facilitation or subsidy. The 2010 summary shows no questionnaire: the
    levels are the project's reading of its wording ("slechts incidenteel", "(structureel)")."""

    GEEN = "geen"
    INCIDENTEEL = "incidenteel"
    STRUCTUREEL = "structureel"


class SurveyStatus(StrEnum):
    """A municipality's part in one survey wave."""

    AFZENDER = "afzender"
    RESPONDENT = "respondent"
    NIET_GERESPONDEERD = "niet_gerespondeerd"
    KENNISPARTNER = "kennispartner"


class TieStatus(StrEnum):
    """Whether the other side of a tie between municipalities says it too (the relationship
    property ``status``, derived when the graph is built: graph.analysis.tie_status)."""

    EENZIJDIG = "eenzijdig"
    BEVESTIGD = "bevestigd"
    BETWIST = "betwist"


TIE_STATUS_LABELS: dict[TieStatus, str] = {
    TieStatus.EENZIJDIG: "eenzijdig (alleen door één kant genoemd)",
    TieStatus.BEVESTIGD: "bevestigd (door beide kanten genoemd)",
    TieStatus.BETWIST: "betwist (de andere kant ontkent)",
}

#: Ties one municipality reports about another, whose other side can confirm or deny them.
CHECKED_TIES: frozenset[RelType] = frozenset(
    {RelType.HAAKT_AAN_BIJ, RelType.LEERT_VAN, RelType.WERKT_SAMEN_MET}
)


class Zekerheid(StrEnum):
    """How sure a reference fact is (regional membership in 2010)."""

    JA = "ja"
    ONZEKER = "onzeker"


#: Vocabulary kinds whose members are shipped as a closed list in ``data/vocabulaire.csv``,
#: derived from the 2010 summary's wording (it shows no questionnaire or answer lists).
VOCABULARY_KINDS: tuple[NodeKind, ...] = (
    NodeKind.ACTIVITEIT,
    NodeKind.BELEIDSTERREIN,
    NodeKind.THEMA,
    NodeKind.WERKVORM,
    NodeKind.STRUIKELBLOK,
)

#: Organisation-like kinds that loaders may create from names in answers and relation files.
ORGANISATION_KINDS: tuple[NodeKind, ...] = (
    NodeKind.ONDERNEMERSNETWERK,
    NodeKind.VRIJWILLIGERSCENTRALE,
    NodeKind.ORGANISATIE,
)

PROVENANCE_KEYS: tuple[str, ...] = ("bron", "bron_type", "jaar")

#: Property value types a node or relationship may carry (Neo4j-compatible, no None).
PropertyValue = str | int | float | bool | list[str] | list[int] | list[float]


@dataclass(frozen=True)
class Provenance:
    """Which document a fact came from, what kind of source that is, and the year it speaks of."""

    bron: str
    bron_type: BronType
    jaar: int | None = None

    def as_properties(self) -> dict[str, Any]:
        props: dict[str, Any] = {"bron": self.bron, "bron_type": str(self.bron_type)}
        if self.jaar is not None:
            props["jaar"] = self.jaar
        return props


@dataclass(frozen=True)
class NodeRecord:
    """One node as a loader produces it; ``props`` holds kind-specific facts."""

    id: str
    naam: str
    provenance: Provenance
    props: Mapping[str, Any] = field(default_factory=dict)

    @property
    def kind(self) -> NodeKind:
        return kind_of(self.id)


@dataclass(frozen=True)
class EdgeRecord:
    """One relationship. ``key`` tells parallel relationships of one type apart (e.g. waves)."""

    source: str
    target: str
    type: RelType
    provenance: Provenance
    props: Mapping[str, Any] = field(default_factory=dict)
    key: str = ""

    @property
    def edge_key(self) -> str:
        return self.key or str(self.type)


def node_id(kind: NodeKind, key: str) -> str:
    """The stable id of a node: ``<kind>:<key>``."""
    return f"{kind.value}:{key}"


def kind_of(identifier: str) -> NodeKind:
    """The kind encoded in a node id; raises ValueError for an id without a known kind."""
    prefix, sep, _ = identifier.partition(":")
    if not sep:
        raise ValueError(f"geen geldige node-id: {identifier!r}")
    return NodeKind(prefix)


def kind_label(kind: str, plural: bool = False) -> str:
    """Dutch name of a node kind (the kind itself when unknown)."""
    try:
        return KIND_LABELS[NodeKind(kind)][1 if plural else 0]
    except ValueError:
        return kind


def rel_label(rel: str) -> str:
    """How a relationship type reads in Dutch (the type itself when unknown)."""
    try:
        return REL_LABELS[RelType(rel)]
    except ValueError:
        return _VIEW_REL_LABELS.get(rel, rel)


def bron_label(bron_type: str) -> str:
    """Dutch name of a kind of source (the value itself when unknown)."""
    try:
        return BRON_TYPE_LABELS[BronType(bron_type)]
    except ValueError:
        return bron_type


def names_of_kind(graph: nx.MultiDiGraph, kind: NodeKind) -> dict[str, str]:
    """Node id -> name for every node of ``kind``, sorted by name (case ignored): the options a
    picker of municipalities, regions or themes offers."""
    found = {n: str(a.get("naam", n)) for n, a in graph.nodes(data=True) if a.get("kind") == kind}
    return dict(sorted(found.items(), key=lambda item: item[1].lower()))


def key_of(identifier: str) -> str:
    """The key part of a node id (``gemeente:GM0163`` -> ``GM0163``)."""
    return identifier.partition(":")[2]


def slug(text: str) -> str:
    """A readable, stable id key from a display name.

    >>> slug("Vrijwilligerscentrale Olst-Wijhe (voorbeeld)")
    'vrijwilligerscentrale-olst-wijhe-voorbeeld'
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def new_graph() -> nx.MultiDiGraph:
    """An empty graph of the project's shape (directed, parallel relationships allowed)."""
    return nx.MultiDiGraph()


_EXAMPLE_VALUES = frozenset(str(b) for b in EXAMPLE_BRON_TYPES)


def is_example(attrs: Mapping[str, Any]) -> bool:
    """True for a node or relationship whose facts are examples, not survey results."""
    return attrs.get("bron_type") in _EXAMPLE_VALUES


def is_derived(attrs: Mapping[str, Any]) -> bool:
    """True for a node or relationship that is the project's own inference (``afgeleid``)."""
    return attrs.get("bron_type") == BronType.AFGELEID


def has_derived(graph: nx.MultiDiGraph) -> bool:
    """Whether any relationship of ``graph`` is a derived link: the test behind the legend line
    that says so."""
    return any(is_derived(a) for *_, a in graph.edges(data=True))


def has_example_data(graph: nx.MultiDiGraph) -> bool:
    """Whether any node or relationship of ``graph`` is example or synthetic data: the test
    behind every banner, legend line and export note that says so."""
    return any(is_example(a) for _, a in graph.nodes(data=True)) or any(
        is_example(a) for *_, a in graph.edges(data=True)
    )
