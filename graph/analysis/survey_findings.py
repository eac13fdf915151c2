"""What one survey wave's answers say, counted from the graph: the figures of the Overzicht page.

The 2010 summary states its findings in words ("NL Doet is one of the most named activities",
"half have ambitions"); this module recounts them from whatever answers the graph holds, so the
app shows figures that follow the data and a test can check every statement still holds.

Answer relationships of a wave are keyed ``<TYPE>|<survey id>`` (the loaders' convention), the
closed answers sit on the municipality's ``NAM_DEEL_AAN`` relationship with ``rol=antwoorden``.
Every table counts *municipalities*, and :attr:`SurveyFindings.bron_types` says where the answers
come from, so a page never passes example answers off as survey results.

>>> from graph.model import new_graph
>>> g = new_graph()
>>> g.add_node("enquete:e", kind="enquete", naam="E", uitgenodigd=2, bron_type="enquete")
>>> g.add_node("gemeente:A", kind="gemeente", naam="A")
>>> g.add_node("werkvorm:nieuwsbrief", kind="werkvorm", naam="Nieuwsbrief")
>>> g.add_edge("gemeente:A", "enquete:e", key="NAM_DEEL_AAN|enquete:e|antwoorden",
...            type="NAM_DEEL_AAN", rol="antwoorden", ambitie=True, bron_type="voorbeeld")
'NAM_DEEL_AAN|enquete:e|antwoorden'
>>> g.add_edge("gemeente:A", "werkvorm:nieuwsbrief", key="VOORKEUR_VOOR|enquete:e",
...            type="VOORKEUR_VOOR", bron_type="voorbeeld")
'VOORKEUR_VOOR|enquete:e'
>>> f = survey_findings(g, "enquete:e")
>>> f.beantwoord, f.has_example_data
(1, True)
>>> f.werkvormen[["label", "aantal", "aandeel", "gemeenten"]].to_dict("records")
[{'label': 'Nieuwsbrief', 'aantal': 1, 'aandeel': 1.0, 'gemeenten': ['A']}]
>>> f.ambitie[["sleutel", "aantal"]].to_dict("records")
[{'sleutel': 'ja', 'aantal': 1}, {'sleutel': 'nee', 'aantal': 0}, {'sleutel': 'onbekend', 'aantal': 0}]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import networkx as nx
import pandas as pd

from graph.model import EXAMPLE_BRON_TYPES, Niveau, NodeKind, RelType, SurveyStatus, node_id

COLUMNS = ["sleutel", "label", "aantal", "aandeel", "gemeenten"]
NOT_ANSWERED = ("onbekend", "niet ingevuld")
LEVELS = [(level.value, level.value) for level in Niveau]
YES_NO = [("ja", "ja"), ("nee", "nee")]
#: Where subsidies go: the volunteer centre (whatever its name) or an activity.
TO_VOLUNTEER_CENTRE = ("vrijwilligerscentrale", "vrijwilligerscentrale")


@dataclass(frozen=True, eq=False)  # tables are DataFrames: compare them, not the findings
class SurveyFindings:
    """Counts of municipalities per answer; each table has the columns of :data:`COLUMNS`.

    ``aandeel`` is the share of the municipalities that answered (``beantwoord``). Vocabulary
    tables (activities ... formats, subsidy targets) are sorted by ``aantal``, most first, and list
    entries nobody named with 0; closed answers (levels, ja/nee) keep their natural order and end
    with ``onbekend`` (not filled in).
    """

    enquete: str
    naam: str
    uitgenodigd: int | None
    respondenten: int
    respons_pct: float | None
    beantwoord: int
    bron_types: frozenset[str]
    #: Municipality names per participation status in this wave (respondent, ...), sorted.
    gemeenten_per_status: dict[str, tuple[str, ...]]
    activiteiten: pd.DataFrame
    beleidsterreinen: pd.DataFrame
    struikelblokken: pd.DataFrame
    themas: pd.DataFrame
    werkvormen: pd.DataFrame
    subsidie_aan: pd.DataFrame
    samenwerking_ondernemers: pd.DataFrame
    facilitering_vrijwilligerscentrale: pd.DataFrame
    subsidie_niveau: pd.DataFrame
    specifiek_mbo_beleid: pd.DataFrame
    ambitie: pd.DataFrame
    interesse_kennisuitwisseling: pd.DataFrame
    ondernemersnetwerk_actief: pd.DataFrame

    @property
    def has_example_data(self) -> bool:
        """True when any answer counted here is an example (voorbeeld/synthetisch)."""
        return bool(self.bron_types & {str(b) for b in EXAMPLE_BRON_TYPES})


def _table(
    options: Iterable[tuple[str, str]],
    named: dict[str, set[str]],
    answered: int,
    by_count: bool = True,
) -> pd.DataFrame:
    """One row per option: how many (and which) municipalities chose it."""
    rows = [
        {
            "sleutel": key,
            "label": label,
            "aantal": len(named.get(key, ())),
            "aandeel": len(named.get(key, ())) / answered if answered else 0.0,
            "gemeenten": sorted(named.get(key, ())),
        }
        for key, label in options
    ]
    frame = pd.DataFrame(rows, columns=COLUMNS)
    if by_count:
        frame = frame.sort_values(["aantal", "label"], ascending=[False, True], kind="stable")
    return frame.reset_index(drop=True)


def _answers(graph: nx.MultiDiGraph, enquete: str) -> dict[str, dict[str, Any]]:
    """Per answering municipality: the attributes of its answers relationship."""
    return {
        u: attrs
        for u, _, attrs in graph.in_edges(enquete, data=True)
        if attrs.get("type") == RelType.NAM_DEEL_AAN and attrs.get("rol") == "antwoorden"
    }


def _closed_answer(
    names: dict[str, str],
    answers: dict[str, dict[str, Any]],
    field: str,
    options: list[tuple[str, str]],
) -> pd.DataFrame:
    chosen: dict[str, set[str]] = defaultdict(set)
    for gemeente, attrs in answers.items():
        value = attrs.get(field)
        if isinstance(value, bool):
            value = "ja" if value else "nee"
        chosen[value if value is not None else NOT_ANSWERED[0]].add(names[gemeente])
    return _table([*options, NOT_ANSWERED], chosen, len(answers), by_count=False)


def _wave_relationships(
    graph: nx.MultiDiGraph, enquete: str, names: dict[str, str]
) -> tuple[dict[tuple[str, str, str], dict[str, set[str]]], set[str]]:
    """(type, direction, other kind) -> other node -> municipalities; and their bron_types."""
    suffix = f"|{enquete}"
    found: dict[tuple[str, str, str], dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    bron_types: set[str] = set()
    for gemeente, name in names.items():
        around = [
            (v, k, a, "uit") for _, v, k, a in graph.out_edges(gemeente, keys=True, data=True)
        ]
        around += [(u, k, a, "in") for u, _, k, a in graph.in_edges(gemeente, keys=True, data=True)]
        for other, key, attrs, direction in around:
            if str(key).endswith(suffix) and other != enquete:  # not the taking-part itself
                bron_types.add(attrs.get("bron_type", ""))
                kind = graph.nodes[other].get("kind", "")
                found[(attrs["type"], direction, kind)][other].add(name)
    return found, bron_types


def _options(graph: nx.MultiDiGraph, kind: NodeKind) -> list[tuple[str, str]]:
    return [(n, a.get("naam", n)) for n, a in graph.nodes(data=True) if a.get("kind") == kind]


def _respondents(graph: nx.MultiDiGraph, enquete: str) -> int:
    return sum(
        1
        for u, _, a in graph.in_edges(enquete, data=True)
        if a.get("type") == RelType.NAM_DEEL_AAN
        and a.get("status") == SurveyStatus.RESPONDENT
        and graph.nodes[u].get("kind") == NodeKind.GEMEENTE
    )


def _municipalities_per_status(graph: nx.MultiDiGraph, enquete: str) -> dict[str, tuple[str, ...]]:
    found: dict[str, set[str]] = {}
    for u, _, a in graph.in_edges(enquete, data=True):
        if (
            a.get("type") == RelType.NAM_DEEL_AAN
            and a.get("status")
            and graph.nodes[u].get("kind") == NodeKind.GEMEENTE
        ):
            found.setdefault(str(a["status"]), set()).add(str(graph.nodes[u].get("naam", u)))
    return {status: tuple(sorted(names)) for status, names in found.items()}


def survey_waves(graph: nx.MultiDiGraph) -> list[str]:
    """Survey wave ids (``enquete`` nodes), most recent first."""
    found = [(n, a) for n, a in graph.nodes(data=True) if a.get("kind") == NodeKind.ENQUETE]
    return [
        n for n, _ in sorted(found, key=lambda item: str(item[1].get("jaar", "")), reverse=True)
    ]


def wave_before(graph: nx.MultiDiGraph, year: int, key: str) -> dict[str, Any] | None:
    """The attributes of the latest survey wave in ``graph`` from before ``year`` other than wave
    ``key``: what a round (built into the graph or not yet) compares its response with."""
    waves = [
        attrs
        for node, attrs in graph.nodes(data=True)
        if attrs.get("kind") == NodeKind.ENQUETE
        and node != node_id(NodeKind.ENQUETE, key)
        and isinstance(attrs.get("enquete_jaar"), int)
        and attrs["enquete_jaar"] < year
    ]
    return max(waves, key=lambda attrs: int(attrs["enquete_jaar"]), default=None)


def survey_findings(graph: nx.MultiDiGraph, enquete: str = "enquete:2010") -> SurveyFindings:
    """Recount the answers of survey wave ``enquete`` (a node id) from the graph."""
    if enquete not in graph:
        raise ValueError(f"enquête '{enquete}' staat niet in de graaf")
    survey = graph.nodes[enquete]
    answers = _answers(graph, enquete)
    names = {g: graph.nodes[g].get("naam", g) for g in answers}
    found, bron_types = _wave_relationships(graph, enquete, names)
    bron_types |= {attrs.get("bron_type", "") for attrs in answers.values()}
    answered = len(answers)

    def vocabulary(kind: NodeKind, rel: RelType) -> pd.DataFrame:
        return _table(_options(graph, kind), found[(rel, "uit", kind)], answered)

    def closed(field: str, options: list[tuple[str, str]]) -> pd.DataFrame:
        return _closed_answer(names, answers, field, options)

    to_centre = found[(RelType.SUBSIDIEERT, "uit", NodeKind.VRIJWILLIGERSCENTRALE)]
    subsidised = {
        **found[(RelType.SUBSIDIEERT, "uit", NodeKind.ACTIVITEIT)],
        TO_VOLUNTEER_CENTRE[0]: {name for names_ in to_centre.values() for name in names_},
    }
    networks = found[(RelType.ACTIEF_IN, "in", NodeKind.ONDERNEMERSNETWERK)]
    active = {name for members in networks.values() for name in members}
    respondents = _respondents(graph, enquete)
    invited = survey.get("uitgenodigd")
    computed_pct = 100 * respondents / invited if invited else None
    return SurveyFindings(
        enquete=enquete,
        naam=survey.get("naam", enquete),
        uitgenodigd=invited,
        respondenten=respondents,
        respons_pct=survey.get("respons_pct", computed_pct),
        beantwoord=answered,
        bron_types=frozenset(b for b in bron_types if b),
        gemeenten_per_status=_municipalities_per_status(graph, enquete),
        activiteiten=vocabulary(NodeKind.ACTIVITEIT, RelType.ORGANISEERT),
        beleidsterreinen=vocabulary(NodeKind.BELEIDSTERREIN, RelType.BELEGD_BIJ),
        struikelblokken=vocabulary(NodeKind.STRUIKELBLOK, RelType.ERVAART),
        themas=vocabulary(NodeKind.THEMA, RelType.HEEFT_INTERESSE_IN),
        werkvormen=vocabulary(NodeKind.WERKVORM, RelType.VOORKEUR_VOOR),
        subsidie_aan=_table(
            [TO_VOLUNTEER_CENTRE, *_options(graph, NodeKind.ACTIVITEIT)], subsidised, answered
        ),
        samenwerking_ondernemers=closed("samenwerking_ondernemers", LEVELS),
        facilitering_vrijwilligerscentrale=closed("facilitering_vrijwilligerscentrale", LEVELS),
        subsidie_niveau=closed("subsidie_niveau", LEVELS),
        specifiek_mbo_beleid=closed("specifiek_mbo_beleid", YES_NO),
        ambitie=closed("ambitie", YES_NO),
        interesse_kennisuitwisseling=closed("interesse_kennisuitwisseling", YES_NO),
        ondernemersnetwerk_actief=_table(
            YES_NO, {"ja": active, "nee": set(names.values()) - active}, answered, by_count=False
        ),
    )
