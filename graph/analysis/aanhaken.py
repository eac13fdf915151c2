"""Where can a small municipality hook on (*aanhaken*)? Ranked, explained suggestions.

For each small municipality (fewer inhabitants than ``drempel``, using its most recent count)
the clearly larger municipalities nearby are scored on six factors. Each factor is a value in
[0, 1] computed from the graph, multiplied by its weight; the score is the sum of these
contributions, so raising a weight never lowers a pair that has that factor. Every contribution
comes with Dutch reasons a policy officer can repeat in a meeting; reasons that rest on
example data or on a derived link (an activity read as touching a theme) say so.

Callers rank on :func:`graph.analysis.basis.analysis_basis` of the graph, so by default no example row
moves a suggestion; with example data switched on, the reasons that rest on it are marked.

The work is split in two steps so a front end with weight sliders only redoes the cheap one:
:func:`evaluate` (factor values and reasons per candidate pair, from one sweep over the graph)
and :func:`rank` (weights, scores, order). :func:`aanhaken` does both.

>>> from graph.build import build_graph
>>> from graph.model import BronType, EdgeRecord, NodeRecord, Provenance, RelType
>>> p = Provenance("test", BronType.REFERENTIE)
>>> small = NodeRecord("gemeente:S", "Klein", p, {"inwoners_recent": 20000, "lat": 52.0, "lon": 6.0})
>>> big = NodeRecord("gemeente:G", "Groot", p, {"inwoners_recent": 90000, "lat": 52.0, "lon": 6.1})
>>> g = build_graph([small, big], [EdgeRecord("gemeente:S", "gemeente:G", RelType.GRENST_AAN, p,
...                                           {"gedeelde_grens_km": 5.0})])
>>> [(s.partner.naam, s.reasons[1]) for s in aanhaken(g).suggesties]
[('Groot', 'grenst aan Klein (5,0 km grens)')]
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from math import log
from typing import Any

import networkx as nx
import pandas as pd

from graph.analysis.municipal import PARTNER_RELS, Municipality, Ties, distance_km, gather
from graph.dutch import nl_join, nl_number, with_derived_note, with_note
from graph.model import NodeKind, RelType, is_example


@dataclass(frozen=True)
class FactorSpec:
    """One factor: its Dutch label, default weight and what it measures."""

    label: str
    weight: float
    description: str


#: The factors, their default weights and meaning (documented in docs/analyse.md).
FACTORS: dict[str, FactorSpec] = {
    "geografie": FactorSpec(
        "Geografie",
        3.0,
        "Gedeelde grens (met de lengte ervan) en afstand tussen de centra van de gemeenten.",
    ),
    "regio": FactorSpec(
        "Regionale samenwerking",
        2.0,
        "Samen lid van regionale samenwerkingsverbanden; een onzeker lidmaatschap telt half.",
    ),
    "infrastructuur": FactorSpec(
        "MBO-infrastructuur",
        1.5,
        "Activiteiten, ondernemersnetwerken, vrijwilligerscentrale en structurele samenwerking"
        " van de grotere gemeente.",
    ),
    "complementariteit": FactorSpec(
        "Complementariteit",
        2.0,
        "De grotere gemeente heeft ervaring met de thema's waar de kleine naar vraagt.",
    ),
    "banden": FactorSpec(
        "Bestaande banden",
        1.5,
        "Gedeelde partnerorganisaties en een bestaande aanhaakrelatie.",
    ),
    "linkvoorspelling": FactorSpec(
        "Linkvoorspelling",
        1.0,
        "Adamic–Adar-index op het netwerk van gemeenten, regio's en partnerorganisaties.",
    ),
}

DEFAULT_WEIGHTS: dict[str, float] = {name: spec.weight for name, spec in FACTORS.items()}


@dataclass(frozen=True)
class AanhakenSettings:
    """Who counts as small, who as clearly larger, and the scales that turn facts into [0, 1].

    Attributes
    ----------
    drempel : small municipalities have fewer inhabitants than this.
    min_verhouding : a partner has at least this many times the small one's inhabitants
        (and at least ``drempel``), so it is clearly larger.
    max_afstand_km : the distance part falls linearly from 1 (same place) to 0 at this
        distance; a partner farther away without border, region or hook-on is no candidate.
    grens_km_vol : a shared border this long (or longer) earns the full border part.
    onzeker_gewicht : a regional membership marked ``onzeker`` counts this much.
    activiteiten_vol, netwerken_vol, structureel_vol : counts that fill the infrastructure parts.
    partners_vol : shared partners that fill the existing-ties factor.
    """

    drempel: int = 30_000
    min_verhouding: float = 1.5
    max_afstand_km: float = 50.0
    grens_km_vol: float = 10.0
    onzeker_gewicht: float = 0.5
    activiteiten_vol: int = 4
    netwerken_vol: int = 2
    structureel_vol: int = 2
    partners_vol: int = 2


def resolve_weights(overrides: Mapping[str, float] | None = None) -> dict[str, float]:
    """Default weights with ``overrides`` applied; unknown factors or negative weights raise."""
    weights = dict(DEFAULT_WEIGHTS)
    for name, value in (overrides or {}).items():
        if name not in FACTORS:
            raise ValueError(f"onbekende factor '{name}'; kies uit {nl_join(FACTORS)}")
        if value < 0:
            raise ValueError(f"het gewicht van '{name}' moet 0 of groter zijn, niet {value}")
        weights[name] = float(value)
    return weights


@dataclass(frozen=True)
class FactorEvidence:
    """A factor's value in [0, 1], its reasons, and whether it rests (partly) on example data or
    on a derived link."""

    value: float
    reasons: tuple[str, ...] = ()
    is_example: bool = False
    derived: bool = False


@dataclass(frozen=True)
class PairEvidence:
    """All factor evidence for one (small municipality, candidate partner) pair."""

    municipality: Municipality
    partner: Municipality
    distance_km: float | None
    size_reason: str
    factors: dict[str, FactorEvidence]


@dataclass(frozen=True)
class Evaluation:
    """The result of :func:`evaluate`: the municipalities analysed and their candidate pairs."""

    settings: AanhakenSettings
    gemeenten: tuple[Municipality, ...]
    pairs: tuple[PairEvidence, ...]


@dataclass(frozen=True)
class Suggestion:
    """One ranked suggestion: who hooks on where, the score, each contribution, and why."""

    municipality: Municipality
    partner: Municipality
    rank: int
    score: float
    contributions: dict[str, float]
    values: dict[str, float]
    reasons: tuple[str, ...]
    reasons_per_factor: dict[str, tuple[str, ...]]
    example_factors: tuple[str, ...]
    derived_factors: tuple[str, ...]
    distance_km: float | None

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of the CLI and exports."""
        return {
            "gemeente": self.municipality.as_dict(),
            "partner": self.partner.as_dict(),
            "rang": self.rank,
            "score": self.score,
            "factoren": dict(self.contributions),
            "redenen": list(self.reasons),
            "voorbeeld_factoren": list(self.example_factors),
            "afgeleide_factoren": list(self.derived_factors),
            "afstand_km": None if self.distance_km is None else round(self.distance_km, 1),
        }


@dataclass(frozen=True)
class AanhakenResult:
    """Ranked suggestions for every analysed municipality, with the settings and weights used."""

    settings: AanhakenSettings
    weights: dict[str, float]
    gemeenten: tuple[Municipality, ...]
    suggesties: tuple[Suggestion, ...] = field(default=())

    def population_years(self) -> list[int]:
        """The years of the population counts compared (analysed municipalities and partners)."""
        people = [*self.gemeenten, *(s.partner for s in self.suggesties)]
        return sorted({m.inwoners_jaar for m in people if m.inwoners_jaar is not None})

    def population_note(self) -> str:
        """Which year's population figures are compared, in Dutch (recent counts differ per
        municipality in year; the 2015 count stands in where no recent one is known)."""
        years = self.population_years()
        if not years:
            return "Inwonertallen: geen bekend."
        which = "het jaar" if len(years) == 1 else "de jaren"
        return (
            "Inwonertallen: de meest recente telling per gemeente (2015 als er geen recentere "
            f"is); hier vergeleken: {which} {nl_join(str(y) for y in years)}."
        )

    def voor(self, gemeente: str) -> list[Suggestion]:
        """The suggestions for one municipality (node id), best first."""
        return [s for s in self.suggesties if s.municipality.id == gemeente]

    def frame(self) -> pd.DataFrame:
        """One row per suggestion; a column per factor contribution; reasons joined by '; '."""
        rows = [
            {
                "gemeente": s.municipality.naam,
                "gemeente_cbs": s.municipality.cbs,
                "rang": s.rank,
                "partner": s.partner.naam,
                "partner_cbs": s.partner.cbs,
                "score": s.score,
                **s.contributions,
                "afstand_km": None if s.distance_km is None else round(s.distance_km, 1),
                "redenen": "; ".join(s.reasons),
                "voorbeeld_factoren": ", ".join(s.example_factors),
                "afgeleide_factoren": ", ".join(s.derived_factors),
            }
            for s in self.suggesties
        ]
        columns = ["gemeente", "gemeente_cbs", "rang", "partner", "partner_cbs", "score"]
        columns += [*FACTORS, "afstand_km", "redenen", "voorbeeld_factoren", "afgeleide_factoren"]
        return pd.DataFrame(rows, columns=columns)


# --- the partner network for link prediction -------------------------------------------------

_NETWORK_KINDS = frozenset(
    {
        NodeKind.GEMEENTE,
        NodeKind.REGIO,
        NodeKind.ONDERNEMERSNETWERK,
        NodeKind.VRIJWILLIGERSCENTRALE,
        NodeKind.ORGANISATIE,
    }
)
_NETWORK_RELS = PARTNER_RELS | {RelType.GRENST_AAN, RelType.HAAKT_AAN_BIJ, RelType.LID_VAN}


def partner_network(graph: nx.MultiDiGraph) -> dict[str, dict[str, bool]]:
    """Undirected adjacency of municipalities, regions and partner organisations.

    Values say whether the tie rests only on example data. Vocabulary nodes (themes,
    activities, formats) and the province are left out: everybody shares them, so they would
    make every pair look alike.
    """
    adjacency: dict[str, dict[str, bool]] = {}
    kinds = {n: a.get("kind") for n, a in graph.nodes(data=True)}
    for u, v, attrs in graph.edges(data=True):
        if u == v or attrs.get("type") not in _NETWORK_RELS:
            continue
        if kinds[u] not in _NETWORK_KINDS or kinds[v] not in _NETWORK_KINDS:
            continue
        example = is_example(attrs)
        for a, b in ((u, v), (v, u)):
            row = adjacency.setdefault(a, {})
            row[b] = row.get(b, True) and example
    return adjacency


def adamic_adar(
    adjacency: Mapping[str, Mapping[str, bool]], u: str, v: str
) -> tuple[float, list[str], bool]:
    """Adamic–Adar index of ``u`` and ``v``: sum of 1/ln(degree) over common neighbours.

    Returns the index, the common neighbours (largest term first) and whether any of their ties is
    illustrative. Same definition as :func:`networkx.adamic_adar_index`.
    """
    nu, nv = adjacency.get(u, {}), adjacency.get(v, {})
    terms = {z: 1 / log(len(adjacency[z])) for z in set(nu) & set(nv)}
    common = sorted(terms, key=lambda z: (-terms[z], z))
    return sum(terms[z] for z in common), common, any(nu[z] or nv[z] for z in common)


# --- the factors --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Context:
    settings: AanhakenSettings
    names: Mapping[str, str]
    ties: Mapping[str, Ties]
    network: Mapping[str, Mapping[str, bool]]


def _geography(ctx: _Context, small: Ties, hub: Ties, km: float | None) -> FactorEvidence:
    s, name = ctx.settings, small.info.naam
    reasons, parts = [], [0.0, 0.0]
    border = small.borders.get(hub.info.id)
    if border is not None:
        length, example = border
        parts[0] = 0.5 + 0.5 * min(1.0, (length or 0.0) / s.grens_km_vol)
        detail = f" ({nl_number(length, 1)} km grens)" if length is not None else ""
        reasons.append(with_note(f"grenst aan {name}{detail}", example))
    if km is not None and km < s.max_afstand_km:
        parts[1] = 1.0 - km / s.max_afstand_km
        example = small.info.voorbeeld or hub.info.voorbeeld
        reasons.append(with_note(f"centrum op {nl_number(km, 1)} km van {name}", example))
    any_example = bool(border and border[1]) or bool(
        parts[1] and (small.info.voorbeeld or hub.info.voorbeeld)
    )
    return FactorEvidence(sum(parts) / 2, tuple(reasons), any_example)


def _regions(ctx: _Context, small: Ties, hub: Ties) -> FactorEvidence:
    certain, uncertain, total, any_example = [], [], 0.0, False
    for region in sorted(set(small.regions) & set(hub.regions), key=lambda r: ctx.names[r]):
        (sure_a, ex_a), (sure_b, ex_b) = small.regions[region], hub.regions[region]
        example = ex_a or ex_b
        any_example |= example
        label = with_note(ctx.names[region], example)
        if sure_a and sure_b:
            certain.append(label)
            total += 1.0
        else:
            uncertain.append(label)
            total += ctx.settings.onzeker_gewicht
    reasons = []
    if certain:
        reasons.append(f"beide lid van {nl_join(certain)}")
    if uncertain:
        reasons.append(f"beide lid van {nl_join(uncertain)} (lidmaatschap in 2010 onzeker)")
    return FactorEvidence(total / (total + 1.0), tuple(reasons), any_example)


#: Reasons name at most this many items and count the rest ("en 12 andere").
NAMES_SHOWN = 4


def _listing(names: list[str]) -> str:
    shown = names[:NAMES_SHOWN]
    if len(names) > NAMES_SHOWN:
        shown.append(f"{len(names) - NAMES_SHOWN} andere")
    return nl_join(shown)


def _named(ctx: _Context, facts: Mapping[str, bool]) -> tuple[str, bool]:
    """Names (alphabetical, at most :data:`NAMES_SHOWN`) and whether all rest on example data."""
    return _listing(sorted(ctx.names[f] for f in facts)), bool(facts) and all(facts.values())


def _infrastructure(ctx: _Context, hub: Ties) -> FactorEvidence:
    s = ctx.settings
    networks = hub.partners_of_kind(NodeKind.ONDERNEMERSNETWERK)
    centres = hub.partners_of_kind(NodeKind.VRIJWILLIGERSCENTRALE)
    parts = (
        (hub.activities, s.activiteiten_vol, "organiseert {}"),
        (networks, s.netwerken_vol, "werkt met ondernemersnetwerk(en) {}"),
        (centres, 1, "heeft een band met {}"),
        (hub.structural, s.structureel_vol, "werkt structureel samen met {}"),
    )
    value, reasons = 0.0, []
    for facts, full, template in parts:
        value += min(len(facts), full) / full / len(parts)
        if facts:
            names, example = _named(ctx, facts)
            reasons.append(with_note(template.format(names), example))
    any_example = any(ex for facts, _, _ in parts for ex in facts.values())
    return FactorEvidence(value, tuple(reasons), any_example)


def _complementarity(ctx: _Context, small: Ties, hub: Ties) -> FactorEvidence:
    asked = small.interests
    if not asked:
        return FactorEvidence(0.0)
    name, reasons, any_example, derived = small.info.naam, [], False, False
    covered = sorted(t for t in asked if t in hub.experience)
    for theme in covered:
        routes = hub.experience[theme]
        example = asked[theme] or any(r.voorbeeld for r in routes.values())
        via_link = any(r.afgeleid for a, r in routes.items() if a != theme)
        any_example |= example
        derived |= via_link
        label = ctx.names[theme]
        activities = sorted(
            ctx.names[a] + ("" if a in small.activities else f" (nieuw voor {name})")
            for a in routes
            if a != theme
        )
        doing = [f"heeft ervaring met '{label}'"] if theme in routes else []
        if activities:
            doing.append(f"organiseert {nl_join(activities)}")
        text = f"{' en '.join(doing)}, waar {name} naar vraagt"
        if theme not in routes:
            text += f" ('{label}')"
        reasons.append(with_note(with_derived_note(text, via_link), example))
    return FactorEvidence(len(covered) / len(asked), tuple(reasons), any_example, derived)


def _existing_ties(ctx: _Context, small: Ties, hub: Ties) -> FactorEvidence:
    reasons, any_example = [], False
    hook = small.hooks_at.get(hub.info.id)
    if hook is not None:
        reasons.append(with_note(f"{small.info.naam} haakt al aan bij {hub.info.naam}", hook))
        any_example = hook
    shared = {p: small.partners[p] or hub.partners[p] for p in small.partners if p in hub.partners}
    if shared:
        names, _ = _named(ctx, shared)
        example = any(shared.values())
        reasons.append(with_note(f"gedeelde partners: {names}", example))
        any_example |= example
    value = 1.0 if hook is not None else min(1.0, len(shared) / ctx.settings.partners_vol)
    return FactorEvidence(value, tuple(reasons), any_example)


def _link_prediction(ctx: _Context, small: Ties, hub: Ties) -> FactorEvidence:
    index, common, example = adamic_adar(ctx.network, small.info.id, hub.info.id)
    if not common:
        return FactorEvidence(0.0)
    names = _listing([ctx.names[c] for c in common])
    text = f"gemeenschappelijke contacten {names} (Adamic–Adar {nl_number(index, 2)})"
    return FactorEvidence(index / (index + 1.0), (with_note(text, example),), example)


# --- candidates, evaluation, ranking ------------------------------------------------------------


def _size_reason(small: Municipality, hub: Municipality) -> str:
    """Both populations (only municipalities with a known one are compared)."""
    small_people, hub_people = small.inwoners or 0, hub.inwoners or 0
    ratio = hub_people / small_people if small_people else 0.0
    return (
        f"{nl_number(hub_people)} inwoners ({hub.inwoners_jaar}), "
        f"{nl_number(ratio, 1)} keer zoveel als {small.naam} "
        f"({nl_number(small_people)}, {small.inwoners_jaar})"
    )


def _candidates(ctx: _Context, small: Ties, hubs: list[Ties]) -> list[tuple[Ties, float | None]]:
    """Clearly larger municipalities that are near: border, distance, region or a hook-on."""
    s, people = ctx.settings, small.info.inwoners or 0
    floor = max(s.drempel, s.min_verhouding * people)
    found = []
    for hub in hubs:
        if (hub.info.inwoners or 0) < floor or hub.info.id == small.info.id:
            continue
        km = distance_km(small.info, hub.info)
        near = (
            hub.info.id in small.borders
            or (km is not None and km < s.max_afstand_km)
            or not small.regions.keys().isdisjoint(hub.regions)
            or hub.info.id in small.hooks_at
        )
        if near:
            found.append((hub, km))
    return found


def evaluate(
    graph: nx.MultiDiGraph,
    gemeente: str | None = None,
    settings: AanhakenSettings | None = None,
) -> Evaluation:
    """Factor values and reasons for every candidate pair (weights are applied by :func:`rank`).

    ``gemeente`` (a node id) limits the analysis to that municipality, even when it is above
    the threshold; otherwise every municipality below ``settings.drempel`` is analysed.
    Municipalities without a known population are neither analysed nor suggested.
    """
    settings = settings or AanhakenSettings()
    ties = gather(graph)
    if gemeente is not None and gemeente not in ties:
        raise KeyError(f"{gemeente} is geen gemeente in de graaf")
    ctx = _Context(
        settings,
        {n: a.get("naam", n) for n, a in graph.nodes(data=True)},
        ties,
        partner_network(graph),
    )
    known = [t for t in ties.values() if t.info.inwoners is not None]
    if gemeente is not None:
        smalls = [ties[gemeente]] if ties[gemeente].info.inwoners is not None else []
    else:
        smalls = sorted(
            (t for t in known if (t.info.inwoners or 0) < settings.drempel),
            key=lambda t: t.info.naam,
        )
    pairs, infrastructure = [], {}
    for small in smalls:
        for hub, km in _candidates(ctx, small, known):
            if hub.info.id not in infrastructure:
                infrastructure[hub.info.id] = _infrastructure(ctx, hub)
            factors = {
                "geografie": _geography(ctx, small, hub, km),
                "regio": _regions(ctx, small, hub),
                "infrastructuur": infrastructure[hub.info.id],
                "complementariteit": _complementarity(ctx, small, hub),
                "banden": _existing_ties(ctx, small, hub),
                "linkvoorspelling": _link_prediction(ctx, small, hub),
            }
            pairs.append(
                PairEvidence(small.info, hub.info, km, _size_reason(small.info, hub.info), factors)
            )
    return Evaluation(settings, tuple(s.info for s in smalls), tuple(pairs))


def _suggestion(pair: PairEvidence, weights: Mapping[str, float], position: int) -> Suggestion:
    contributions = {n: round(weights[n] * e.value, 4) for n, e in pair.factors.items()}
    per_factor = {n: e.reasons for n, e in pair.factors.items() if e.reasons}
    return Suggestion(
        municipality=pair.municipality,
        partner=pair.partner,
        rank=position,
        score=round(sum(contributions.values()), 4),
        contributions=contributions,
        values={n: round(e.value, 4) for n, e in pair.factors.items()},
        reasons=(pair.size_reason, *(r for rs in per_factor.values() for r in rs)),
        reasons_per_factor=per_factor,
        example_factors=tuple(n for n, e in pair.factors.items() if e.is_example),
        derived_factors=tuple(n for n, e in pair.factors.items() if e.derived),
        distance_km=pair.distance_km,
    )


def rank(
    evaluation: Evaluation,
    weights: Mapping[str, float] | None = None,
    top: int | None = None,
) -> AanhakenResult:
    """Weigh the evidence and order each municipality's candidates, best first.

    Ties are broken by distance, then CBS code, so the order is reproducible. ``top`` keeps
    that many suggestions per municipality (all when None).
    """
    resolved = resolve_weights(weights)
    by_small: dict[str, list[PairEvidence]] = {}
    for pair in evaluation.pairs:
        by_small.setdefault(pair.municipality.id, []).append(pair)
    suggestions: list[Suggestion] = []
    for small in evaluation.gemeenten:
        scored = [_suggestion(p, resolved, 0) for p in by_small.get(small.id, [])]
        scored.sort(
            key=lambda s: (
                -s.score,
                s.distance_km if s.distance_km is not None else float("inf"),
                s.partner.cbs,
            )
        )
        for number, suggestion in enumerate(scored[:top] if top else scored, start=1):
            suggestions.append(replace(suggestion, rank=number))
    return AanhakenResult(evaluation.settings, resolved, evaluation.gemeenten, tuple(suggestions))


def aanhaken(
    graph: nx.MultiDiGraph,
    gemeente: str | None = None,
    settings: AanhakenSettings | None = None,
    weights: Mapping[str, float] | None = None,
    top: int | None = None,
) -> AanhakenResult:
    """Ranked, explained hook-on suggestions: :func:`evaluate` followed by :func:`rank`."""
    return rank(evaluate(graph, gemeente, settings), weights, top)
