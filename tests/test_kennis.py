"""Knowledge exchange: who asks, who knows, teach/learn pairs, groups and the theme matrix."""

from __future__ import annotations

import math
import random

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.analysis.basis import analysis_basis
from graph.analysis.kennis import KennisSettings, knowledge_exchange, split_nearby
from graph.analysis.municipal import EARTH_RADIUS_KM, Municipality
from graph.build import build_graph
from graph.model import (
    DERIVED_THEME_SOURCE,
    BronType,
    EdgeRecord,
    NodeRecord,
    Provenance,
    RelType,
)
from tests.graph_support import shuffled

REF = Provenance("test", BronType.ENQUETE, 2010)
EX = Provenance("voorbeeld.csv", BronType.VOORBEELD, 2010)
DERIVED = Provenance(DERIVED_THEME_SOURCE, BronType.AFGELEID, 2010)

LATITUDES = {"a": 52.0, "b": 52.1, "c": 52.25, "d": 52.4, "e": 53.0, "f": 52.55}


def km(degrees: float) -> float:
    return EARTH_RADIUS_KM * math.radians(degrees)


def hand_graph() -> nx.MultiDiGraph:
    """A and B ask T1 (example answers), B also asks T2; C and E run X (which touches T1 by a
    derived link), D has direct
    experience with T1; F asks T2 and has experience with it. A and B prefer an intervisiegroep,
    C a themabijeenkomst. All on one meridian, so distances are exact multiples of a degree."""
    nodes = [
        NodeRecord(f"gemeente:{k}", k.upper(), REF, {"cbs_code": k, "lat": lat, "lon": 6.0})
        for k, lat in LATITUDES.items()
    ]
    nodes += [
        NodeRecord("thema:t1", "T1", REF),
        NodeRecord("thema:t2", "T2", REF),
        NodeRecord("activiteit:x", "X", REF),
        NodeRecord("werkvorm:themabijeenkomst", "Themabijeenkomst", REF),
        NodeRecord("werkvorm:intervisiegroep", "Intervisiegroep", REF),
    ]

    def rel(u: str, v: str, t: RelType, p: Provenance = REF) -> EdgeRecord:
        return EdgeRecord(f"gemeente:{u}", v, t, p)

    edges = [
        rel("a", "thema:t1", RelType.HEEFT_INTERESSE_IN, EX),
        rel("b", "thema:t1", RelType.HEEFT_INTERESSE_IN, EX),
        rel("b", "thema:t2", RelType.HEEFT_INTERESSE_IN, EX),
        rel("f", "thema:t2", RelType.HEEFT_INTERESSE_IN),
        rel("f", "thema:t2", RelType.HEEFT_ERVARING_MET),
        EdgeRecord("activiteit:x", "thema:t1", RelType.RAAKT_THEMA, DERIVED),
        rel("c", "activiteit:x", RelType.ORGANISEERT),
        rel("e", "activiteit:x", RelType.ORGANISEERT),
        rel("d", "thema:t1", RelType.HEEFT_ERVARING_MET),
        rel("a", "werkvorm:intervisiegroep", RelType.VOORKEUR_VOOR, EX),
        rel("b", "werkvorm:intervisiegroep", RelType.VOORKEUR_VOOR, EX),
        rel("c", "werkvorm:themabijeenkomst", RelType.VOORKEUR_VOOR),
    ]
    return build_graph(nodes, edges)


@pytest.fixture()
def result():
    return knowledge_exchange(hand_graph())


def test_who_asks_and_who_knows(result) -> None:
    t1, t2 = result.themas
    assert [r.gemeente.naam for r in t1.vragers] == ["A", "B"]
    assert all(r.voorbeeld for r in t1.vragers)
    assert [(r.gemeente.naam, r.via, r.voorbeeld) for r in t1.ervaren] == [
        ("C", ("X",), False),
        ("D", ("eigen ervaring",), False),
        ("E", ("X",), False),
    ]
    assert [(r.gemeente.naam, r.via) for r in t2.ervaren] == [("F", ("eigen ervaring",))]


def test_teach_pairs_nearest_first_with_reasons(result) -> None:
    order = [(p.leraar.naam, p.leerling.naam) for p in result.paren]
    assert order == [
        ("C", "B"),
        ("C", "A"),
        ("D", "B"),
        ("D", "A"),
        ("F", "B"),
        ("E", "B"),
        ("E", "A"),
    ]
    first = result.paren[0]
    assert first.themas == ("thema:t1",)
    assert first.afstand_km == pytest.approx(km(0.15))
    assert first.redenen == (
        "C organiseert X ('T1'), waar B naar vraagt (via een afgeleide koppeling van activiteit"
        " aan thema) (voorbeelddata)",
        "op 16,7 km afstand",
    )
    assert first.voorbeeld and first.afgeleid
    own = next(p for p in result.paren if p.leraar.naam == "F")
    assert own.redenen[0] == (
        "F heeft eigen ervaring met het thema ('T2'), waar B naar vraagt (voorbeelddata)"
    )
    assert own.voorbeeld  # B's question is an example answer
    assert not own.afgeleid  # F said it has experience itself


def test_a_group_with_the_nearest_experienced_and_the_preferred_format(result) -> None:
    (group,) = result.groepen
    assert group.label == "T1" and group.werkvorm == "werkvorm:intervisiegroep"
    assert [(m.gemeente.naam, m.rol) for m in group.leden] == [
        ("A", "vraagt"),
        ("B", "vraagt"),
        ("C", "heeft ervaring"),
        ("D", "heeft ervaring"),
    ]
    assert group.redenen == (
        "A en B vragen naar 'T1' (voorbeelddata)",
        "C organiseert X (via een afgeleide koppeling van activiteit aan thema)",
        "D heeft eigen ervaring met het thema",
        "2 van 4 leden noemen Intervisiegroep als voorkeur (voorbeelddata)",
        "grootste afstand tussen twee leden: 44,5 km",
    )
    assert group.max_afstand_km == pytest.approx(km(0.4))
    assert group.voorbeeld


def test_a_theme_with_too_few_people_gets_a_note(result) -> None:
    assert result.niet_gevormd == (
        "'T2': alleen B en F (2 deelnemer(s), minder dan 3); geen groep voorgesteld",
    )


def test_group_size_settings(result) -> None:
    small = knowledge_exchange(hand_graph(), settings=KennisSettings(max_groep=3, max_ervaren=1))
    assert [m.gemeente.naam for m in small.groepen[0].leden] == ["A", "B", "C"]
    pairs = knowledge_exchange(hand_graph(), settings=KennisSettings(min_groep=2))
    assert [g.label for g in pairs.groepen] == ["T1", "T2"]
    assert pairs.groepen[1].redenen[-2] == (
        "1 van 2 leden noemen Intervisiegroep als voorkeur (voorbeelddata)"
    )
    one_format = KennisSettings(min_groep=2, werkvormen=("werkvorm:themabijeenkomst",))
    fallback = knowledge_exchange(hand_graph(), settings=one_format).groepen[1]
    assert fallback.werkvorm_label == "Themabijeenkomst"
    assert fallback.redenen[-2] == (
        "geen voorkeur voor een groepsvorm bekend; Themabijeenkomst als standaard"
    )
    with pytest.raises(ValueError, match="groepsgrootte"):
        KennisSettings(min_groep=5, max_groep=4)
    with pytest.raises(ValueError):
        KennisSettings(min_groep=1)


def test_split_nearby_groups_the_outskirts_first() -> None:
    people = [
        Municipality(f"gemeente:{i}", f"M{i}", str(i), None, None, lat, 6.0)
        for i, lat in enumerate((52.0, 52.1, 52.2, 52.9, 53.0))
    ]
    groups = split_nearby(people, 2)
    assert [[m.naam for m in g] for g in groups] == [["M2", "M3", "M4"], ["M0", "M1"]]


def test_one_theme(result) -> None:
    only = knowledge_exchange(hand_graph(), "thema:t2", KennisSettings(min_groep=2))
    assert [t.label for t in only.themas] == ["T2"]
    assert [(p.leraar.naam, p.leerling.naam) for p in only.paren] == [("F", "B")]
    assert list(only.matrix.columns) == ["T1", "T2"]
    with pytest.raises(KeyError):
        knowledge_exchange(hand_graph(), "thema:onbekend")


def test_matrix_codes(result) -> None:
    assert result.matrix.to_dict(orient="index") == {
        "A": {"T1": 1, "T2": 0},
        "B": {"T1": 1, "T2": 1},
        "C": {"T1": 2, "T2": 0},
        "D": {"T1": 2, "T2": 0},
        "E": {"T1": 2, "T2": 0},
        "F": {"T1": 0, "T2": 3},
    }


def test_frames_per_part(result) -> None:
    frames = result.frames()
    assert list(frames["paren"]["leraar"])[:2] == ["C", "C"]
    assert frames["groepen"].loc[0, "leden"] == (
        "A (vraagt); B (vraagt); C (heeft ervaring); D (heeft ervaring)"
    )
    assert frames["themas"].loc[0, "ervaren"] == (
        "C (X, via afgeleide koppeling); D (eigen ervaring); E (X, via afgeleide koppeling)"
    )
    # the askers of T1 are example answers, and the column says so per name
    assert frames["themas"].loc[0, "vragers"] == "A (voorbeelddata); B (voorbeelddata)"
    assert list(frames["themas"]["afgeleid"]) == [True, False]
    assert list(frames["matrix"]["gemeente"]) == ["A", "B", "C", "D", "E", "F"]


def test_without_examples_and_derived_links() -> None:
    """By default the askers (example answers) drop out; without derived links, C and E do."""
    default = knowledge_exchange(analysis_basis(hand_graph()))
    assert not default.has_example_data
    t1 = default.themas[0]
    assert t1.vragers == () and not default.paren
    plain = knowledge_exchange(analysis_basis(hand_graph(), met_afgeleid=False))
    assert [r.gemeente.naam for r in plain.themas[0].ervaren] == ["D"]
    assert not plain.afgeleid


# --- shipped data and reproducibility -------------------------------------------------------------


@settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rng=st.randoms(use_true_random=False))
def test_results_do_not_depend_on_insertion_order(
    shipped_graph: nx.MultiDiGraph, rng: random.Random
) -> None:
    expected = knowledge_exchange(shipped_graph).as_dict()
    assert knowledge_exchange(shuffled(shipped_graph, rng)).as_dict() == expected


def test_shipped_groups(shipped_graph: nx.MultiDiGraph) -> None:
    result = knowledge_exchange(shipped_graph)
    for group in result.groepen:
        assert 3 <= len(group.leden) <= 8
    for theme in result.themas:
        grouped = {m.gemeente.id for g in result.groepen if g.thema == theme.thema for m in g.leden}
        asking = {r.gemeente.id for r in theme.vragers}
        noted = any(f"'{theme.label}'" in note for note in result.niet_gevormd)
        assert asking <= grouped or (noted and not grouped)
    aanhaken = next(g for g in result.groepen if g.thema == "thema:klein-bij-groot")
    assert [(m.gemeente.naam, m.rol) for m in aanhaken.leden][-1] == ("Apeldoorn", "heeft ervaring")
