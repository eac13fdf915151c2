"""The shipped data: loads clean, and the graph holds the reference and survey facts it promises.

Expected figures come from the 2010 survey summary and the reference notes the data was built
from (25 Overijssel municipalities plus Apeldoorn, 56 borders, 11 of 24 answered, ...).
"""

from __future__ import annotations

import csv
from collections import Counter

import networkx as nx
import pytest

from data import DATA_DIR
from graph.model import VOCABULARY_KINDS, BronType, NodeKind, RelType, Zekerheid
from loaders.datasets import load_sources, shipped_sources

SURVEY = "enquete:2010"
HELLENDOORN = "gemeente:GM0163"
START_MEETING = "activiteit:startbijeenkomst-2010"
#: The respondents the summary names ("Dit zijn de respondenten: ...").
RESPONDENTS = {
    "Almelo",
    "Dalfsen",
    "Dinkelland",
    "Haaksbergen",
    "Losser",
    "Oldenzaal",
    "Olst-Wijhe",
    "Raalte",
    "Tubbergen",
    "Wierden",
    "Zwartewaterland",
}


def _of_kind(graph: nx.MultiDiGraph, kind: NodeKind) -> dict[str, dict]:
    return {n: a for n, a in graph.nodes(data=True) if a["kind"] == kind}


def _rels(graph: nx.MultiDiGraph, rel: RelType) -> list[tuple[str, str, dict]]:
    return [(u, v, a) for u, v, a in graph.edges(data=True) if a["type"] == rel]


def _name(graph: nx.MultiDiGraph, node: str) -> str:
    return graph.nodes[node]["naam"]


def test_shipped_data_loads_without_any_problem() -> None:
    result = load_sources(shipped_sources(DATA_DIR))
    assert [p.line() for p in result.report.problems] == []
    assert result.report.notes == []
    assert {label for _, label, _, _ in result.read} == {
        "Gemeenten",
        "Grenzen",
        "Regionale samenwerking",
        "Vocabulaires",
        "Enquêterondes",
        "Deelname aan enquêtes",
        "Organisaties",
        "Enquêteantwoorden",
        "Relaties",
    }


def test_26_municipalities_25_in_overijssel_plus_apeldoorn(shipped_graph: nx.MultiDiGraph) -> None:
    municipalities = _of_kind(shipped_graph, NodeKind.GEMEENTE)
    assert len(municipalities) == 26
    provinces = Counter(a["provincie"] for a in municipalities.values())
    assert provinces == {"Overijssel": 25, "Gelderland": 1}
    assert municipalities["gemeente:GM0200"]["naam"] == "Apeldoorn"
    assert (
        sum(a["inwoners_2015"] for a in municipalities.values() if a["provincie"] == "Overijssel")
        == 1_140_652
    )  # the reference notes' sum for 1-1-2015
    ligt_in = {u: v for u, v, _ in _rels(shipped_graph, RelType.LIGT_IN)}
    assert Counter(ligt_in.values()) == {"provincie:overijssel": 25, "provincie:gelderland": 1}
    for node, attrs in municipalities.items():
        assert node == f"gemeente:{attrs['cbs_code']}"
        assert 52.0 < attrs["lat"] < 52.9 and 5.8 < attrs["lon"] < 7.1, attrs["naam"]


def test_56_borders_each_pair_once(shipped_graph: nx.MultiDiGraph) -> None:
    borders = _rels(shipped_graph, RelType.GRENST_AAN)
    assert len(borders) == 56
    pairs = [frozenset((u, v)) for u, v, _ in borders]
    assert all(len(pair) == 2 for pair in pairs)  # no self loops
    assert len(set(pairs)) == 56  # neither repeated nor stored both ways
    assert all(u < v for u, v, _ in borders)  # one canonical direction
    assert all(a["gedeelde_grens_km"] > 0 for _, _, a in borders)
    assert not any("gemeente:GM0200" in pair for pair in pairs)  # Apeldoorn borders none of them
    flagged = {
        frozenset((_name(shipped_graph, u), _name(shipped_graph, v)))
        for u, v, a in borders
        if a.get("opmerking")
    }
    assert flagged == {
        frozenset(("Dalfsen", "Hardenberg")),
        frozenset(("Enschede", "Oldenzaal")),
        frozenset(("Ommen", "Raalte")),
    }


def test_vocabularies(shipped_graph: nx.MultiDiGraph) -> None:
    assert len(_of_kind(shipped_graph, NodeKind.THEMA)) == 12
    assert set(_of_kind(shipped_graph, NodeKind.WERKVORM)) == {
        "werkvorm:themabijeenkomst",
        "werkvorm:nieuwsbrief",
        "werkvorm:werkbezoek",
        "werkvorm:provinciaal-netwerk",
        "werkvorm:intervisiegroep",
    }
    activities = _of_kind(shipped_graph, NodeKind.ACTIVITEIT)
    for key in (
        "nl-doet",
        "maatschappelijke-stage",
        "beursvloer",
        "sponsoring",
        "mantelzorgbeleid",
    ):
        assert f"activiteit:{key}" in activities
    assert {"wmo", "ez", "p-en-o", "burgemeester"} <= {
        n.partition(":")[2] for n in _of_kind(shipped_graph, NodeKind.BELEIDSTERREIN)
    }
    for kind in VOCABULARY_KINDS:
        for node, attrs in _of_kind(shipped_graph, kind).items():
            assert attrs["naam"] and attrs.get("omschrijving"), node  # label and description


def test_regional_memberships_keep_their_certainty(shipped_graph: nx.MultiDiGraph) -> None:
    with (DATA_DIR / "regio_lidmaatschap.csv").open(encoding="utf-8") as handle:
        written = {(r["cbs_code"], r["regio"]): r["lid_in_2010"] for r in csv.DictReader(handle)}
    memberships = {
        (shipped_graph.nodes[u]["cbs_code"], _name(shipped_graph, v)): a["zekerheid"]
        for u, v, a in _rels(shipped_graph, RelType.LID_VAN)
    }
    assert memberships == written
    assert memberships[("GM0173", "Netwerkstad Twente")] == Zekerheid.ONZEKER
    zwolle = {z for (_, r), z in memberships.items() if r == "Regio Zwolle"}
    assert zwolle == {Zekerheid.ONZEKER}  # the member list is that of 2016
    # Deventer and Apeldoorn give the Stedendriehoek (with Zutphen) its name: core members
    assert {k: z for k, z in memberships.items() if k[1] == "Regio Stedendriehoek"} == {
        ("GM0150", "Regio Stedendriehoek"): Zekerheid.JA,
        ("GM0200", "Regio Stedendriehoek"): Zekerheid.JA,
    }
    certain = Counter(r for (_, r), z in memberships.items() if z == Zekerheid.JA)
    assert certain == {
        "Regio Twente": 14,
        "Veiligheidsregio Twente": 14,
        "Veiligheidsregio IJsselland": 11,
        "Netwerkstad Twente": 4,
        "Regio Stedendriehoek": 2,
    }


def test_every_node_and_relationship_has_provenance(shipped_graph: nx.MultiDiGraph) -> None:
    allowed = {b.value for b in BronType}
    items = [(n, a) for n, a in shipped_graph.nodes(data=True)]
    items += [((u, v, k), a) for u, v, k, a in shipped_graph.edges(keys=True, data=True)]
    for item, attrs in items:
        assert isinstance(attrs.get("bron"), str) and attrs["bron"], item
        assert attrs.get("bron_type") in allowed, item
        assert "jaar" not in attrs or isinstance(attrs["jaar"], int), item
    used = Counter(a["bron_type"] for _, a in items)
    assert set(used) == {"referentie", "enquete", "voorbeeld", "afgeleid"}


def test_participation_rows_state_their_year() -> None:
    with (DATA_DIR / "enquete_deelname.csv").open(encoding="utf-8") as handle:
        years = {row["jaar"] for row in csv.DictReader(handle)}
    assert years == {"2010"}


def test_recent_populations_state_their_year_per_row(shipped_graph: nx.MultiDiGraph) -> None:
    for node, attrs in _of_kind(shipped_graph, NodeKind.GEMEENTE).items():
        assert 2020 <= attrs["inwoners_recent_jaar"] <= 2025, node


def test_survey_wave_facts(shipped_graph: nx.MultiDiGraph) -> None:
    survey = shipped_graph.nodes[SURVEY]
    assert survey["bron_type"] == "enquete"
    assert (survey["afzender_cbs"], survey["uitgenodigd"], survey["respondenten"]) == (
        "GM0163",
        24,
        11,
    )
    assert survey["respons_pct"] == 46 == round(100 * 11 / 24)
    assert _name(shipped_graph, f"gemeente:{survey['afzender_cbs']}") == "Hellendoorn"


def test_survey_participation(shipped_graph: nx.MultiDiGraph) -> None:
    status = {
        _name(shipped_graph, u): a["status"]
        for u, v, a in _rels(shipped_graph, RelType.NAM_DEEL_AAN)
        if v == SURVEY and "status" in a and shipped_graph.nodes[u]["kind"] == "gemeente"
    }
    assert {n for n, s in status.items() if s == "respondent"} == RESPONDENTS
    assert {n for n, s in status.items() if s == "afzender"} == {"Hellendoorn"}
    invited = [n for n, s in status.items() if s in {"respondent", "niet_gerespondeerd"}]
    assert len(invited) == 24
    assert "Apeldoorn" not in status
    answered = {
        _name(shipped_graph, u)
        for u, v, a in _rels(shipped_graph, RelType.NAM_DEEL_AAN)
        if v == SURVEY and a.get("rol") == "antwoorden"
    }
    assert answered == RESPONDENTS  # one (example) answer row per respondent


def _one(graph: nx.MultiDiGraph, source: str, rel: RelType, target: str) -> dict:
    found = [
        a for a in graph.get_edge_data(source, target, default={}).values() if a["type"] == rel
    ]
    assert len(found) == 1, (source, rel, target)
    return found[0]


def test_hellendoorn_lerende_gemeenschap(shipped_graph: nx.MultiDiGraph) -> None:
    target = "activiteit:lerende-gemeenschap"
    organised = _one(shipped_graph, HELLENDOORN, RelType.ORGANISEERT, target)
    assert (organised["bron_type"], organised["jaar"]) == ("enquete", 2009)
    # "Voor twee jaar is er gemeentelijke en provinciale ondersteuning": support, of no stated
    # form or level, so no subsidy and no 'structureel'
    for supporter in (HELLENDOORN, "provincie:overijssel"):
        support = _one(shipped_graph, supporter, RelType.FACILITEERT, target)
        assert support["bron_type"] == "enquete" and support.get("niveau") is None
        assert (
            "Voor twee jaar is er gemeentelijke en provinciale ondersteuning"
            in (support["toelichting"])
        )
    assert not [
        u for u, _, a in shipped_graph.in_edges(target, data=True) if a["type"] == "SUBSIDIEERT"
    ]


def test_dalfsen_duurzaamheidsaanpak(shipped_graph: nx.MultiDiGraph) -> None:
    edge = _one(
        shipped_graph, "gemeente:GM0148", RelType.ORGANISEERT, "activiteit:duurzaamheidsaanpak"
    )
    assert edge["bron_type"] == "enquete"


def test_apeldoorn_small_municipalities_hook_on(shipped_graph: nx.MultiDiGraph) -> None:
    edge = _one(
        shipped_graph, "gemeente:GM0200", RelType.HEEFT_ERVARING_MET, "thema:klein-bij-groot"
    )
    assert edge["bron_type"] == "enquete"


@pytest.mark.parametrize(
    ("partner", "name"),
    [
        ("provincie:overijssel", "Overijssel"),
        ("regio:netwerkstad-twente", "Netwerkstad Twente"),
        ("organisatie:movisie", "Movisie"),
        ("organisatie:provinciale-kennisorganisaties", "Provinciale kennisorganisaties Overijssel"),
    ],
)
def test_knowledge_partners_are_invited_to_the_start_meeting_not_survey_participants(
    shipped_graph: nx.MultiDiGraph, partner: str, name: str
) -> None:
    """ "Op 30 maart lichten we ze mondeling toe en bespreken we ze met ... medewerkers van de
    provincie, netwerkstad Twente, provinciale kennisorganisaties en Movisie": invited to discuss
    the results, not taking part in the survey."""
    assert _name(shipped_graph, partner) == name
    invited = _one(shipped_graph, partner, RelType.UITGENODIGD_VOOR, START_MEETING)
    assert invited["bron_type"] == "enquete"
    assert not [
        a for _, v, a in shipped_graph.out_edges(partner, data=True) if a["type"] == "NAM_DEEL_AAN"
    ]


def test_the_start_meeting_is_organised_by_the_lerende_gemeenschap(
    shipped_graph: nx.MultiDiGraph,
) -> None:
    assert _name(shipped_graph, START_MEETING) == "Startbijeenkomst 30 maart 2010"
    by = _one(shipped_graph, "activiteit:lerende-gemeenschap", RelType.ORGANISEERT, START_MEETING)
    assert by["bron_type"] == "enquete"


def test_example_answers_are_marked_as_examples(shipped_graph: nx.MultiDiGraph) -> None:
    from_examples = [
        a
        for _, _, a in shipped_graph.edges(data=True)
        if a["bron"] == "enquete_2010_antwoorden_voorbeeld.csv"
    ]
    assert len(from_examples) > 100
    assert {a["bron_type"] for a in from_examples} == {"voorbeeld"}
    made_up = [a for _, a in shipped_graph.nodes(data=True) if "(voorbeeld)" in a["naam"]]
    assert made_up and {a["bron_type"] for a in made_up} == {"voorbeeld"}
