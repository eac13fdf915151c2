"""A municipality's factsheet: profile, ties, hook-on suggestions, knowledge partners, changes.

What a municipality gets on one or two pages after a round: its facts and relationships with
their sources (:mod:`graph.analysis.profile`), its ties to partners (with their state when the
relationship has a ``status``), where it can hook on or who can hook on at it
(:mod:`graph.analysis.aanhaken`), whom it can learn from or teach on which theme
(:mod:`graph.analysis.kennis`), and what its answers changed since the previous round.

Aanhaken and kennis look at all municipalities at once, so :func:`factsheet_context` computes them
once and :func:`factsheet` picks one municipality out: all 26 sheets cost one analysis. Like every
analysis, the sheet leaves example data out unless asked (``met_voorbeelden``); changes between
rounds never count example data.

>>> from graph.model import new_graph
>>> g = new_graph()
>>> g.add_node("gemeente:A", kind="gemeente", naam="A", bron_type="referentie")
>>> for w, year in (("enquete:1", 2010), ("enquete:2", 2027)):
...     g.add_node(w, kind="enquete", naam=f"Ronde {year}", jaar=year)
>>> g.add_node("thema:t", kind="thema", naam="Matchen")
>>> _ = g.add_edge("gemeente:A", "thema:t", key="HEEFT_INTERESSE_IN|enquete:2",
...                type="HEEFT_INTERESSE_IN", bron_type="enquete")
>>> [(c.veld, c.toegevoegd, c.vervallen) for c in changes(g, "gemeente:A", "enquete:2", "enquete:1")]
[("Thema's", ('Matchen',), ())]
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from graph.analysis.aanhaken import AanhakenResult, Suggestion, aanhaken
from graph.analysis.basis import analysis_basis
from graph.analysis.kennis import KennisResult, TeachPair, knowledge_exchange
from graph.analysis.profile import GemeenteProfile, ProfileItem, gemeente_profile
from graph.analysis.round_note import previous_wave
from graph.analysis.survey_findings import survey_waves
from graph.model import RelType, is_example
from graph.selection import Selection, select

#: Profile sections listed as ties (partners and hook-on relationships).
TIE_SECTIONS = ("Partners", "Aanhaken")
#: A wave's answers per field: (relationship type, direction seen from the municipality) -> label.
WAVE_FIELDS: dict[tuple[str, str], str] = {
    (RelType.ORGANISEERT, "uit"): "Activiteiten",
    (RelType.BELEGD_BIJ, "uit"): "MBO belegd bij",
    (RelType.ERVAART, "uit"): "Struikelblokken",
    (RelType.HEEFT_INTERESSE_IN, "uit"): "Thema's",
    (RelType.VOORKEUR_VOOR, "uit"): "Werkvormen",
    (RelType.SUBSIDIEERT, "uit"): "Subsidie aan",
    (RelType.WERKT_SAMEN_MET, "uit"): "Werkt samen met",
    (RelType.FACILITEERT, "uit"): "Faciliteert",
    (RelType.HAAKT_AAN_BIJ, "uit"): "Haakt aan bij",
    (RelType.ACTIEF_IN, "in"): "Netwerken en centrales",
}
#: Closed answers on the answers relationship, with their Dutch labels.
CLOSED_ANSWERS: dict[str, str] = {
    "samenwerking_ondernemers": "Samenwerking met ondernemers",
    "facilitering_vrijwilligerscentrale": "Facilitering vrijwilligerscentrale",
    "subsidie_niveau": "Subsidie",
    "specifiek_mbo_beleid": "Specifiek MBO-beleid",
    "ambitie": "Ambitie",
    "interesse_kennisuitwisseling": "Interesse in kennisuitwisseling",
}
#: Hook-on suggestions shown per municipality.
TOP_SUGGESTIONS = 3


@dataclass(frozen=True)
class Change:
    """One field of the answers: what the municipality added and dropped since the last round."""

    veld: str
    toegevoegd: tuple[str, ...]
    vervallen: tuple[str, ...]


@dataclass(frozen=True)
class FactsheetContext:
    """What all sheets share: the analysis basis, the rankings and the two latest rounds."""

    graph: nx.MultiDiGraph
    basis: nx.MultiDiGraph
    aanhaken: AanhakenResult
    kennis: KennisResult
    ronde: str | None
    vorige: str | None
    met_voorbeelden: bool


@dataclass(frozen=True)
class Factsheet:
    gemeente: str
    naam: str
    profiel: GemeenteProfile
    banden: tuple[ProfileItem, ...]
    #: Whether any tie has a ``status`` (eenzijdig, bevestigd, betwist): then it is a column.
    met_status: bool
    #: Where this municipality can hook on (when it is small) ...
    aanhaken: tuple[Suggestion, ...]
    #: ... and which smaller municipalities can hook on here.
    aanhakers: tuple[Suggestion, ...]
    leren_van: tuple[TeachPair, ...]
    leren_aan: tuple[TeachPair, ...]
    ronde: str | None
    ronde_naam: str | None
    vorige: str | None
    vorige_naam: str | None
    veranderingen: tuple[Change, ...]
    ego: nx.MultiDiGraph
    met_voorbeelden: bool
    #: Theme labels by id (teach/learn pairs name themes by id).
    themas: dict[str, str]

    @property
    def has_example_data(self) -> bool:
        return (
            self.profiel.has_example_data
            or any(s.example_factors for s in (*self.aanhaken, *self.aanhakers))
            or any(p.voorbeeld for p in (*self.leren_van, *self.leren_aan))
        )


def factsheet_context(graph: nx.MultiDiGraph, met_voorbeelden: bool = False) -> FactsheetContext:
    """The shared analyses, once for every sheet."""
    basis = analysis_basis(graph, met_voorbeelden)
    waves = survey_waves(graph)
    ronde = waves[0] if waves else None
    return FactsheetContext(
        graph=graph,
        basis=basis,
        aanhaken=aanhaken(basis, top=TOP_SUGGESTIONS),
        kennis=knowledge_exchange(basis),
        ronde=ronde,
        vorige=previous_wave(graph, ronde) if ronde else None,
        met_voorbeelden=met_voorbeelden,
    )


def _wave_answers(graph: nx.MultiDiGraph, gemeente: str, enquete: str) -> dict[str, set[str]]:
    """Per field label: what ``gemeente`` answered in ``enquete`` (never example data)."""
    suffix = f"|{enquete}"
    found: dict[str, set[str]] = {label: set() for label in WAVE_FIELDS.values()}
    found |= {label: set() for label in CLOSED_ANSWERS.values()}
    found["Deelname"] = set()
    around = [(v, k, a, "uit") for _, v, k, a in graph.out_edges(gemeente, keys=True, data=True)]
    around += [(u, k, a, "in") for u, _, k, a in graph.in_edges(gemeente, keys=True, data=True)]
    for other, key, attrs, direction in around:
        if is_example(attrs):
            continue
        if other == enquete and attrs.get("type") == RelType.NAM_DEEL_AAN:
            if attrs.get("status"):
                found["Deelname"].add(str(attrs["status"]))
            for field, label in CLOSED_ANSWERS.items():
                value = attrs.get(field)
                if value is not None:
                    found[label].add({True: "ja", False: "nee"}.get(value, str(value)))
        elif str(key).endswith(suffix):
            field_label = WAVE_FIELDS.get((attrs.get("type", ""), direction))
            if field_label:
                found[field_label].add(str(graph.nodes[other].get("naam", other)))
    return found


def changes(graph: nx.MultiDiGraph, gemeente: str, nu: str, vorige: str) -> tuple[Change, ...]:
    """What ``gemeente``'s answers in wave ``nu`` added and dropped against wave ``vorige``."""
    now, then = _wave_answers(graph, gemeente, nu), _wave_answers(graph, gemeente, vorige)
    found = []
    for label, values in now.items():
        added, dropped = values - then[label], then[label] - values
        if added or dropped:
            found.append(Change(label, tuple(sorted(added)), tuple(sorted(dropped))))
    return tuple(found)


def _name(graph: nx.MultiDiGraph, node: str | None) -> str | None:
    return None if node is None else str(graph.nodes[node].get("naam", node))


def factsheet(ctx: FactsheetContext, gemeente: str) -> Factsheet:
    """The sheet of one municipality (node id ``gemeente:GM....``)."""
    if gemeente not in ctx.graph or ctx.graph.nodes[gemeente].get("kind") != "gemeente":
        raise ValueError(f"gemeente '{gemeente}' staat niet in de graaf")
    profile = gemeente_profile(ctx.basis, gemeente)
    ties = tuple(item for title in TIE_SECTIONS for item in profile.secties.get(title, []))
    found = (
        changes(ctx.graph, gemeente, ctx.ronde, ctx.vorige)
        if ctx.ronde is not None and ctx.vorige is not None
        else ()
    )
    return Factsheet(
        gemeente=gemeente,
        naam=profile.naam,
        profiel=profile,
        banden=ties,
        met_status=any("status" in item.details for item in ties),
        aanhaken=tuple(ctx.aanhaken.voor(gemeente)),
        aanhakers=tuple(s for s in ctx.aanhaken.suggesties if s.partner.id == gemeente),
        leren_van=tuple(p for p in ctx.kennis.paren if p.leerling.id == gemeente),
        leren_aan=tuple(p for p in ctx.kennis.paren if p.leraar.id == gemeente),
        ronde=ctx.ronde,
        ronde_naam=_name(ctx.graph, ctx.ronde),
        vorige=ctx.vorige,
        vorige_naam=_name(ctx.graph, ctx.vorige),
        veranderingen=found,
        ego=select(ctx.basis, Selection(focus=gemeente, hops=1)),
        met_voorbeelden=ctx.met_voorbeelden,
        themas={t.thema: t.label for t in ctx.kennis.themas},
    )


def municipalities(graph: nx.MultiDiGraph) -> list[str]:
    """Every municipality's node id, by name (the order of ``factsheet --alle``)."""
    found = [
        (str(a.get("naam", n)), n) for n, a in graph.nodes(data=True) if a.get("kind") == "gemeente"
    ]
    return [n for _, n in sorted(found)]
