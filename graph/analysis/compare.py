"""What changed between two survey waves: response, answers per municipality, ties, theme demand.

A round, once built, is one more ``enquete`` node with its answers keyed ``<TYPE>|<survey id>``
(the loaders' convention), so two waves are compared in the graph itself: the shipped 2010 wave
and every later round alike, from any store.

Rules, so that a difference means a change and not a gap in the data:

- Example rows (``bron_type`` voorbeeld) are left out on both sides, and the result says how many
  (``voorbeeld_weggelaten`` of each wave). Synthetic rows count, as in every analysis
  (:mod:`graph.analysis.basis`): the benchmark's rounds hold nothing else.
- Answers and ties are compared only for municipalities that answered in *both* waves
  (``respons.vergeleken``): of one that answered once we know nothing about the other wave, so
  its answers are neither added nor dropped. Who answered once is in ``respons.nieuw``/``weg``.
- Theme demand counts every municipality that answered in that wave, with the share of them.

>>> from graph.model import new_graph
>>> g = new_graph()
>>> for wave in ("a", "b"):
...     g.add_node(f"enquete:{wave}", kind="enquete", naam=wave.upper(), jaar=2010)
>>> g.add_node("gemeente:X", kind="gemeente", naam="X")
>>> g.add_node("thema:t", kind="thema", naam="T")
>>> for wave in ("a", "b"):
...     _ = g.add_edge("gemeente:X", f"enquete:{wave}", key=f"NAM_DEEL_AAN|enquete:{wave}|antwoorden",
...                    type="NAM_DEEL_AAN", rol="antwoorden", bron_type="enquete")
>>> _ = g.add_edge("gemeente:X", "thema:t", key="HEEFT_INTERESSE_IN|enquete:b",
...                type="HEEFT_INTERESSE_IN", bron_type="enquete")
>>> result = compare(g, "a", "b").as_dict()
>>> list(result)
['van', 'naar', 'respons', 'gemeenten', 'banden', 'themas']
>>> result["gemeenten"][0]["toegevoegd"], result["themas"][0]["verschil"]
({'themas': ['T']}, 1)
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from graph.analysis.basis import left_out
from graph.analysis.survey_findings import survey_waves
from graph.assemble import raw_adjacency
from graph.model import NodeKind, RelType, SurveyStatus, key_of, node_id

#: Fields of the answers compared as sets: type, whether the municipality is the relationship's
#: source (else its target), and the kind of the other end (None: any).
SET_FIELDS: dict[str, tuple[RelType, bool, NodeKind | None]] = {
    "activiteiten": (RelType.ORGANISEERT, True, NodeKind.ACTIVITEIT),
    "beleidsterreinen": (RelType.BELEGD_BIJ, True, NodeKind.BELEIDSTERREIN),
    "struikelblokken": (RelType.ERVAART, True, NodeKind.STRUIKELBLOK),
    "themas": (RelType.HEEFT_INTERESSE_IN, True, NodeKind.THEMA),
    "werkvormen": (RelType.VOORKEUR_VOOR, True, NodeKind.WERKVORM),
    "ondernemersnetwerken": (RelType.ACTIEF_IN, False, NodeKind.ONDERNEMERSNETWERK),
    "vrijwilligerscentrale": (RelType.ACTIEF_IN, False, NodeKind.VRIJWILLIGERSCENTRALE),
    "subsidie_aan": (RelType.SUBSIDIEERT, True, None),
    "haakt_aan_bij": (RelType.HAAKT_AAN_BIJ, True, NodeKind.GEMEENTE),
}
#: Closed answers (on the answers relationship) compared as a value from/to.
CLOSED_FIELDS: tuple[str, ...] = (
    "samenwerking_ondernemers",
    "facilitering_vrijwilligerscentrale",
    "specifiek_mbo_beleid",
    "subsidie_niveau",
    "ambitie",
    "interesse_kennisuitwisseling",
)
#: Ties a municipality reports, compared with their level; LEERT_VAN too once the model has it.
TIE_TYPES: frozenset[str] = frozenset(
    t.value
    for t in RelType
    if t.name in {"WERKT_SAMEN_MET", "FACILITEERT", "HAAKT_AAN_BIJ", "LEERT_VAN"}
)
ANSWERS_ROLE = "antwoorden"


class UnknownWave(ValueError):
    """A wave that is not in the graph; ``known`` lists the keys that are (most recent first)."""

    def __init__(self, text: str, known: list[str]) -> None:
        super().__init__(f"onbekende enquêteronde '{text}'")
        self.text, self.known = text, known


Tie = tuple[str, str, str]  # municipality, partner, relationship type


@dataclass
class _Wave:
    """What one wave holds, without its example rows."""

    id: str
    status: dict[str, str] = field(default_factory=dict)
    answers: dict[str, dict[str, Any]] = field(default_factory=dict)
    facts: dict[str, dict[str, set[str]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(set))
    )
    ties: dict[Tie, str | None] = field(default_factory=dict)
    example_rows: int = 0
    example_relations: int = 0
    bron_types: set[str] = field(default_factory=set)

    @property
    def respondents(self) -> set[str]:
        said = {g for g, s in self.status.items() if s == SurveyStatus.RESPONDENT}
        return said | set(self.answers)


def waves(graph: nx.MultiDiGraph) -> list[str]:
    """The keys of the survey waves in ``graph``, most recent first (as on the Overzicht)."""
    return [key_of(wave) for wave in survey_waves(graph)]


def resolve_wave(graph: nx.MultiDiGraph, text: str) -> str:
    """The node id of the wave ``text`` names (its key or id, case ignored), or UnknownWave."""
    wanted = text.strip().removeprefix(f"{NodeKind.ENQUETE.value}:").casefold()
    for key in waves(graph):
        if key.casefold() == wanted:
            return node_id(NodeKind.ENQUETE, key)
    raise UnknownWave(text, waves(graph))


def _read(graph: nx.MultiDiGraph, ids: Iterable[str]) -> dict[str, _Wave]:
    """Every wave's rows in one pass over the relationships (a national graph has 100,000)."""
    read = {wave: _Wave(wave) for wave in ids}
    dropped = left_out()
    nodes, succ, _ = raw_adjacency(graph)
    fields = defaultdict(list)
    for name, (rel, outgoing, kind) in SET_FIELDS.items():
        fields[str(rel)].append((name, outgoing, kind))
    for u, adjacent in succ.items():
        for v, keyed in adjacent.items():
            for key, attrs in keyed.items():
                parts = key.split("|") if isinstance(key, str) else ()
                wave = read.get(parts[1]) if len(parts) > 1 else None
                if wave is None:
                    continue
                rel = attrs.get("type")
                answers = rel == RelType.NAM_DEEL_AAN and attrs.get("rol") == ANSWERS_ROLE
                if attrs.get("bron_type") in dropped:
                    wave.example_relations += 1
                    wave.example_rows += answers
                    continue
                wave.bron_types.add(str(attrs.get("bron_type", "")))
                if rel == RelType.NAM_DEEL_AAN:
                    if nodes[u].get("kind") != NodeKind.GEMEENTE:
                        continue
                    if answers:
                        wave.answers[u] = attrs
                    elif attrs.get("status"):
                        wave.status[u] = str(attrs["status"])
                    continue
                for name, outgoing, kind in fields.get(str(rel), ()):
                    gemeente, other = (u, v) if outgoing else (v, u)
                    if kind is None or nodes[other].get("kind") == kind:
                        wave.facts[gemeente][name].add(other)
                if rel in TIE_TYPES and nodes[u].get("kind") == NodeKind.GEMEENTE:
                    wave.ties[(u, v, str(rel))] = attrs.get("niveau")
    return read


@dataclass(frozen=True)
class Comparison:
    """Two waves compared; :meth:`as_dict` is the JSON of ``netwerkkaart vergelijk``."""

    van: dict[str, Any]
    naar: dict[str, Any]
    respons: dict[str, Any]
    gemeenten: list[dict[str, Any]]
    banden: dict[str, Any]
    themas: list[dict[str, Any]]

    def as_dict(self) -> dict[str, Any]:
        return {
            "van": self.van,
            "naar": self.naar,
            "respons": self.respons,
            "gemeenten": self.gemeenten,
            "banden": self.banden,
            "themas": self.themas,
        }

    def changes(self) -> list[dict[str, Any]]:
        """Every change as one flat row (the CSV): what part, who, which field, what."""
        rows = [
            _row("respons", name, "respons", change)
            for change in ("nieuw", "weg")
            for name in self.respons[change]
        ]
        for entry in self.gemeenten:
            for change in ("toegevoegd", "vervallen"):
                for name, values in entry[change].items():
                    rows += [_row("gemeente", entry["gemeente"], name, change, v) for v in values]
            for name, values in entry["gewijzigd"].items():
                rows.append(
                    _row("gemeente", entry["gemeente"], name, "gewijzigd", "", *values.values())
                )
        for change in ("nieuw", "vervallen", "gewijzigd"):
            for tie in self.banden[change]:
                levels = (tie["niveau_van"], tie["niveau_naar"])
                rows.append(
                    _row("band", tie["gemeente"], tie["relatie"], change, tie["partner"], *levels)
                )
        for theme in self.themas:
            if theme["verschil"]:
                change = "meer" if theme["verschil"] > 0 else "minder"
                counts = (theme["vraag_van"], theme["vraag_naar"])
                rows.append(_row("thema", "", "vraag", change, theme["thema"], *counts))
        return rows


CHANGE_COLUMNS = ("onderdeel", "gemeente", "veld", "verandering", "waarde", "van", "naar")


def _row(*values: Any) -> dict[str, Any]:
    padded = (*values, *([None] * (len(CHANGE_COLUMNS) - len(values))))
    return dict(zip(CHANGE_COLUMNS, padded, strict=True))


def _name(graph: nx.MultiDiGraph, node: str) -> str:
    return str(graph.nodes[node].get("naam", node))


def _names(graph: nx.MultiDiGraph, nodes: Iterable[str]) -> list[str]:
    return sorted((_name(graph, n) for n in nodes), key=str.casefold)


def _wave_summary(graph: nx.MultiDiGraph, wave: _Wave) -> dict[str, Any]:
    attrs = graph.nodes[wave.id]
    return {
        "sleutel": key_of(wave.id),
        "naam": attrs.get("naam", key_of(wave.id)),
        "jaar": attrs.get("jaar"),
        "beantwoord": len(wave.answers),
        "bron_types": sorted(b for b in wave.bron_types if b),
        "voorbeeld_weggelaten": {
            "antwoordrijen": wave.example_rows,
            "relaties": wave.example_relations,
        },
    }


def _response(graph: nx.MultiDiGraph, wave: _Wave) -> dict[str, Any]:
    invited = graph.nodes[wave.id].get("uitgenodigd")
    if invited is None:
        invited = sum(
            s in {SurveyStatus.RESPONDENT, SurveyStatus.NIET_GERESPONDEERD}
            for s in wave.status.values()
        )
    answered = len(wave.respondents)
    return {
        "uitgenodigd": invited,
        "respondenten": answered,
        "respons_pct": round(100 * answered / invited, 1) if invited else None,
    }


def _closed_text(value: Any) -> str:
    if isinstance(value, bool):
        return "ja" if value else "nee"
    return "onbekend" if value is None else str(value)


def _municipality(
    graph: nx.MultiDiGraph, gemeente: str, before: _Wave, after: _Wave
) -> dict[str, Any] | None:
    """One municipality's added, dropped and changed answers; None when nothing changed."""
    old, new = before.facts.get(gemeente, {}), after.facts.get(gemeente, {})
    entry: dict[str, Any] = {
        "gemeente": _name(graph, gemeente),
        "cbs_code": key_of(gemeente),
        "toegevoegd": {},
        "vervallen": {},
        "gewijzigd": {},
    }
    for name in SET_FIELDS:
        was, now = old.get(name, set()), new.get(name, set())
        if now - was:
            entry["toegevoegd"][name] = _names(graph, now - was)
        if was - now:
            entry["vervallen"][name] = _names(graph, was - now)
    for name in CLOSED_FIELDS:
        said = _closed_text(before.answers[gemeente].get(name))
        says = _closed_text(after.answers[gemeente].get(name))
        if said != says:
            entry["gewijzigd"][name] = {"van": said, "naar": says}
    changed = entry["toegevoegd"] or entry["vervallen"] or entry["gewijzigd"]
    return entry if changed else None


def _tie(graph: nx.MultiDiGraph, tie: Tie, before: str | None, after: str | None) -> dict[str, Any]:
    gemeente, partner, rel = tie
    return {
        "gemeente": _name(graph, gemeente),
        "relatie": rel,
        "partner": _name(graph, partner),
        "partner_soort": str(graph.nodes[partner].get("kind", "")),
        "niveau_van": before,
        "niveau_naar": after,
        "gemeente_id": gemeente,
        "partner_id": partner,
    }


def _ties(
    graph: nx.MultiDiGraph, before: _Wave, after: _Wave, compared: set[str]
) -> dict[str, Any]:
    old = {t: level for t, level in before.ties.items() if t[0] in compared}
    new = {t: level for t, level in after.ties.items() if t[0] in compared}

    def order(ties: Iterable[Tie]) -> list[Tie]:
        return sorted(ties, key=lambda t: (_name(graph, t[0]).casefold(), t[2], t[1]))

    outside = sum(t[0] not in compared for t in (*before.ties, *after.ties))
    return {
        "nieuw": [_tie(graph, t, None, new[t]) for t in order(new.keys() - old.keys())],
        "vervallen": [_tie(graph, t, old[t], None) for t in order(old.keys() - new.keys())],
        "gewijzigd": [
            _tie(graph, t, old[t], new[t])
            for t in order(old.keys() & new.keys())
            if old[t] != new[t]
        ],
        "buiten_vergelijking": outside,
    }


def _themes(graph: nx.MultiDiGraph, before: _Wave, after: _Wave) -> list[dict[str, Any]]:
    def demand(wave: _Wave) -> dict[str, int]:
        counted: dict[str, int] = defaultdict(int)
        for gemeente in wave.answers:
            for theme in wave.facts.get(gemeente, {}).get("themas", ()):
                counted[theme] += 1
        return counted

    old, new = demand(before), demand(after)
    rows = []
    for theme, attrs in graph.nodes(data=True):
        if attrs.get("kind") != NodeKind.THEMA:
            continue
        was, now = old.get(theme, 0), new.get(theme, 0)
        rows.append(
            {
                "thema": str(attrs.get("naam", theme)),
                "sleutel": key_of(theme),
                "vraag_van": was,
                "vraag_naar": now,
                "verschil": now - was,
                "aandeel_van": round(was / len(before.answers), 3) if before.answers else None,
                "aandeel_naar": round(now / len(after.answers), 3) if after.answers else None,
            }
        )
    return sorted(rows, key=lambda r: (-abs(r["verschil"]), r["thema"].casefold()))


def compare(graph: nx.MultiDiGraph, van: str, naar: str) -> Comparison:
    """Compare wave ``naar`` with the earlier wave ``van`` (keys such as ``2010`` or node ids).

    Raises :class:`UnknownWave` for a wave that is not in the graph.
    """
    first, second = resolve_wave(graph, van), resolve_wave(graph, naar)
    read = _read(graph, {first, second})
    before, after = read[first], read[second]
    compared = set(before.answers) & set(after.answers)
    gemeenten = [
        entry
        for g in sorted(compared, key=lambda n: _name(graph, n).casefold())
        if (entry := _municipality(graph, g, before, after)) is not None
    ]
    respons = {
        "van": _response(graph, before),
        "naar": _response(graph, after),
        "nieuw": _names(graph, after.respondents - before.respondents),
        "weg": _names(graph, before.respondents - after.respondents),
        "vergeleken": _names(graph, compared),
    }
    return Comparison(
        van=_wave_summary(graph, before),
        naar=_wave_summary(graph, after),
        respons=respons,
        gemeenten=gemeenten,
        banden=_ties(graph, before, after, compared),
        themas=_themes(graph, before, after),
    )
