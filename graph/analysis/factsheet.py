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

What changed is :func:`graph.analysis.compare.compare`'s answer (the one comparison rule of the
project: only municipalities that answered in both waves are compared, example rows never count),
put in the sheet's words:

>>> from graph.model import new_graph
>>> g = new_graph()
>>> g.add_node("gemeente:A", kind="gemeente", naam="A", bron_type="referentie")
>>> for w, year in (("enquete:1", 2010), ("enquete:2", 2027)):
...     g.add_node(w, kind="enquete", naam=f"Ronde {year}", jaar=year)
...     _ = g.add_edge("gemeente:A", w, key=f"NAM_DEEL_AAN|{w}|antwoorden", type="NAM_DEEL_AAN",
...                    rol="antwoorden", bron_type="enquete")
>>> g.add_node("thema:t", kind="thema", naam="Matchen")
>>> _ = g.add_edge("gemeente:A", "thema:t", key="HEEFT_INTERESSE_IN|enquete:2",
...                type="HEEFT_INTERESSE_IN", bron_type="enquete")
>>> [(c.veld, c.toegevoegd, c.vervallen) for c in changes(compare(g, "1", "2"), "gemeente:A")]
[("Thema's", ('Matchen',), ())]
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from graph.analysis.aanhaken import AanhakenResult, Suggestion, aanhaken
from graph.analysis.basis import analysis_basis
from graph.analysis.compare import Comparison, compare
from graph.analysis.kennis import KennisResult, TeachPair, knowledge_exchange
from graph.analysis.profile import GemeenteProfile, ProfileItem, gemeente_profile
from graph.analysis.round_note import previous_wave
from graph.analysis.survey_findings import survey_waves
from graph.model import RelType, key_of
from graph.selection import Selection, select

#: Profile sections listed as ties (partners and hook-on relationships).
TIE_SECTIONS = ("Partners", "Aanhaken")
#: The comparison's fields (graph.analysis.compare.SET_FIELDS) with their Dutch labels.
FIELD_LABELS: dict[str, str] = {
    "activiteiten": "Activiteiten",
    "beleidsterreinen": "MBO belegd bij",
    "struikelblokken": "Struikelblokken",
    "themas": "Thema's",
    "werkvormen": "Werkvormen",
    "subsidie_aan": "Subsidie aan",
    "haakt_aan_bij": "Haakt aan bij",
    "ondernemersnetwerken": "Ondernemersnetwerken",
    "vrijwilligerscentrale": "Vrijwilligerscentrale",
}
#: The comparison's ties (its ``banden``) by type; HAAKT_AAN_BIJ is a field above.
TIE_LABELS: dict[str, str] = {
    RelType.WERKT_SAMEN_MET: "Werkt samen met",
    RelType.FACILITEERT: "Faciliteert",
    RelType.LEERT_VAN: "Leert van",
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
    #: The latest wave compared with the one before (None with fewer than two waves).
    vergelijking: Comparison | None = None


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
    #: Whether it answered in both rounds (only then are its answers compared).
    vergeleken: bool
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
    vorige = previous_wave(graph, ronde) if ronde else None
    return FactsheetContext(
        graph=graph,
        basis=basis,
        aanhaken=aanhaken(basis, top=TOP_SUGGESTIONS),
        kennis=knowledge_exchange(basis),
        ronde=ronde,
        vorige=vorige,
        met_voorbeelden=met_voorbeelden,
        vergelijking=compare(graph, vorige, ronde) if ronde and vorige else None,
    )


def _known(value: str) -> tuple[str, ...]:
    return () if value == "onbekend" else (value,)


def changes(comparison: Comparison, gemeente: str) -> tuple[Change, ...]:
    """What ``gemeente``'s answers added and dropped in ``comparison`` (none when it did not
    answer in both waves)."""
    entry = next((e for e in comparison.gemeenten if e["cbs_code"] == key_of(gemeente)), None)
    found = []
    if entry is not None:
        for name, label in FIELD_LABELS.items():
            added, dropped = entry["toegevoegd"].get(name, []), entry["vervallen"].get(name, [])
            if added or dropped:
                found.append(Change(label, tuple(added), tuple(dropped)))
        for name, label in CLOSED_ANSWERS.items():
            if name in entry["gewijzigd"]:
                values = entry["gewijzigd"][name]
                found.append(Change(label, _known(values["naar"]), _known(values["van"])))
    ties: dict[str, tuple[list[str], list[str]]] = {}
    for kind in ("nieuw", "vervallen", "gewijzigd"):
        for tie in comparison.banden[kind]:
            tie_label = TIE_LABELS.get(tie["relatie"])
            if tie["gemeente_id"] != gemeente or tie_label is None:
                continue
            added, dropped = ties.setdefault(tie_label, ([], []))
            partner = tie["partner"]
            if kind == "nieuw":
                added.append(partner)
            elif kind == "vervallen":
                dropped.append(partner)
            else:
                added.append(f"{partner} ({tie['niveau_naar'] or 'geen niveau'})")
                dropped.append(f"{partner} ({tie['niveau_van'] or 'geen niveau'})")
    found += [Change(label, tuple(a), tuple(d)) for label, (a, d) in ties.items()]
    return tuple(found)


def _name(graph: nx.MultiDiGraph, node: str | None) -> str | None:
    return None if node is None else str(graph.nodes[node].get("naam", node))


def factsheet(ctx: FactsheetContext, gemeente: str) -> Factsheet:
    """The sheet of one municipality (node id ``gemeente:GM....``)."""
    if gemeente not in ctx.graph or ctx.graph.nodes[gemeente].get("kind") != "gemeente":
        raise ValueError(f"gemeente '{gemeente}' staat niet in de graaf")
    profile = gemeente_profile(ctx.basis, gemeente)
    ties = tuple(item for title in TIE_SECTIONS for item in profile.secties.get(title, []))
    compared = ctx.vergelijking
    found = changes(compared, gemeente) if compared is not None else ()
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
        vergeleken=compared is not None and profile.naam in compared.respons["vergeleken"],
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
