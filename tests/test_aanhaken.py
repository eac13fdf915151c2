"""Aanhaken: every factor on a hand-checkable graph, the candidate rules, properties, shipped data."""

from __future__ import annotations

import math
import random
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.analysis.aanhaken import (
    DEFAULT_WEIGHTS,
    FACTORS,
    AanhakenSettings,
    aanhaken,
    adamic_adar,
    evaluate,
    partner_network,
    rank,
    resolve_weights,
)
from graph.analysis.basis import analysis_basis
from graph.analysis.municipal import EARTH_RADIUS_KM
from graph.build import build_graph
from graph.dutch import EXAMPLE_NOTE
from graph.model import (
    DERIVED_THEME_SOURCE,
    BronType,
    EdgeRecord,
    NodeRecord,
    Provenance,
    RelType,
)
from tests.graph_support import shuffled

REF = Provenance("test", BronType.REFERENTIE, 2020)
EX = Provenance("voorbeeld.csv", BronType.VOORBEELD, 2010)
DERIVED = Provenance(DERIVED_THEME_SOURCE, BronType.AFGELEID, 2010)
KM_PER_TENTH_DEGREE = EARTH_RADIUS_KM * math.radians(0.1)  # along a meridian


def gemeente(key: str, naam: str, inwoners: int | None, lat: float) -> NodeRecord:
    props = {"cbs_code": key, "lat": lat, "lon": 6.0, "inwoners_recent_jaar": 2024}
    if inwoners is not None:
        props["inwoners_recent"] = inwoners
    return NodeRecord(f"gemeente:{key}", naam, REF, props)


def edge(u: str, v: str, rel: RelType, prov: Provenance = REF, **props: object) -> EdgeRecord:
    return EdgeRecord(u, v, rel, prov, props)


S, G1, G2, G3 = "gemeente:S", "gemeente:G1", "gemeente:G2", "gemeente:G3"


def hand_records() -> tuple[list[NodeRecord], list[EdgeRecord]]:
    """Klein (22,000) with three hubs and some municipalities that are no candidates.

    Groot1: borders Klein (5 km), 11.1 km away, shares R1 and R2 (R2 uncertain for Klein), runs
    two activities (example data), one business network and one volunteer centre, cooperates
    structurally with the network, shares the organisation O with Klein.
    Groot2: 22.2 km away, no border, Klein already hooks on there. Ver (far, 200 km) shares
    region R3 with Klein. Middel is too small, Afgelegen too far without ties.
    """
    nodes = [
        gemeente("S", "Klein", 22_000, 52.0),
        gemeente("G1", "Groot1", 90_000, 52.1),
        gemeente("G2", "Groot2", 40_000, 52.2),
        gemeente("G3", "Ver", 150_000, 53.8),
        gemeente("M", "Middel", 32_000, 52.05),
        gemeente("F", "Afgelegen", 100_000, 54.0),
        gemeente("X", "Onbekend", None, 52.01),
        NodeRecord("regio:r1", "R1", REF),
        NodeRecord("regio:r2", "R2", REF),
        NodeRecord("regio:r3", "R3", REF),
        NodeRecord("activiteit:a1", "A1", REF),
        NodeRecord("activiteit:a2", "A2", REF),
        NodeRecord("thema:t1", "T1", REF),
        NodeRecord("thema:t2", "T2", REF),
        NodeRecord("thema:t3", "T3", REF),
        NodeRecord("ondernemersnetwerk:on", "ON", EX),
        NodeRecord("vrijwilligerscentrale:vc", "VC", EX),
        NodeRecord("organisatie:o", "O", REF),
    ]
    edges = [
        edge(S, G1, RelType.GRENST_AAN, gedeelde_grens_km=5.0),
        edge("activiteit:a1", "thema:t1", RelType.RAAKT_THEMA, DERIVED),
        edge("activiteit:a2", "thema:t3", RelType.RAAKT_THEMA, DERIVED),
        edge(S, "regio:r1", RelType.LID_VAN, zekerheid="ja"),
        edge(G1, "regio:r1", RelType.LID_VAN, zekerheid="ja"),
        edge(S, "regio:r2", RelType.LID_VAN, zekerheid="onzeker"),
        edge(G1, "regio:r2", RelType.LID_VAN, zekerheid="ja"),
        edge(S, "regio:r3", RelType.LID_VAN, zekerheid="ja"),
        edge("gemeente:G3", "regio:r3", RelType.LID_VAN, zekerheid="ja"),
        edge(G1, "activiteit:a1", RelType.ORGANISEERT, EX),
        edge(G1, "activiteit:a2", RelType.ORGANISEERT, EX),
        edge(G1, "ondernemersnetwerk:on", RelType.WERKT_SAMEN_MET, EX, niveau="structureel"),
        edge("vrijwilligerscentrale:vc", G1, RelType.ACTIEF_IN, EX),
        edge(S, "organisatie:o", RelType.SUBSIDIEERT, niveau="incidenteel"),
        edge(G1, "organisatie:o", RelType.WERKT_SAMEN_MET, niveau="incidenteel"),
        edge(S, "thema:t1", RelType.HEEFT_INTERESSE_IN),
        edge(S, "thema:t2", RelType.HEEFT_INTERESSE_IN),
        edge(S, G2, RelType.HAAKT_AAN_BIJ, EX),
    ]
    return nodes, edges


@pytest.fixture()
def hand_graph() -> nx.MultiDiGraph:
    return build_graph(*hand_records())


def pair(graph: nx.MultiDiGraph, partner: str, **kwargs: object):
    evaluation = evaluate(graph, **kwargs)
    return next(p for p in evaluation.pairs if p.partner.id == partner)


def test_candidates_are_clearly_larger_and_near(hand_graph: nx.MultiDiGraph) -> None:
    result = aanhaken(hand_graph)
    assert [m.naam for m in result.gemeenten] == ["Klein"]
    # Middel: above the threshold but < 1.5x; Afgelegen: 222 km, no border, region or hook-on; Onbekend: no population
    assert {s.partner.naam for s in result.suggesties} == {"Groot1", "Groot2", "Ver"}


def test_threshold_and_ratio_are_settings(hand_graph: nx.MultiDiGraph) -> None:
    lower = aanhaken(hand_graph, settings=AanhakenSettings(drempel=15_000))
    assert lower.gemeenten == () and lower.suggesties == ()
    looser = aanhaken(hand_graph, settings=AanhakenSettings(min_verhouding=1.4))
    assert "Middel" in {s.partner.naam for s in looser.suggesties}


def test_a_named_municipality_is_analysed_even_above_the_threshold(
    hand_graph: nx.MultiDiGraph,
) -> None:
    result = aanhaken(hand_graph, "gemeente:G2")
    assert [m.naam for m in result.gemeenten] == ["Groot2"]
    assert {s.partner.naam for s in result.suggesties} == {"Groot1"}
    assert aanhaken(hand_graph, "gemeente:X").gemeenten == ()
    with pytest.raises(KeyError):
        aanhaken(hand_graph, "regio:r1")


def test_geography(hand_graph: nx.MultiDiGraph) -> None:
    evidence = pair(hand_graph, G1).factors["geografie"]
    border_part = 0.5 + 0.5 * 5.0 / 10.0
    distance_part = 1 - KM_PER_TENTH_DEGREE / 50.0
    assert evidence.value == pytest.approx((border_part + distance_part) / 2, abs=1e-9)
    assert evidence.reasons == ("grenst aan Klein (5,0 km grens)", "centrum op 11,1 km van Klein")
    assert not evidence.is_example
    far = pair(hand_graph, G3).factors["geografie"]
    assert far.value == 0.0 and far.reasons == ()


def test_regions_weigh_uncertain_membership_half(hand_graph: nx.MultiDiGraph) -> None:
    evidence = pair(hand_graph, G1).factors["regio"]
    assert evidence.value == pytest.approx(1.5 / 2.5)
    assert evidence.reasons == (
        "beide lid van R1",
        "beide lid van R2 (lidmaatschap in 2010 onzeker)",
    )
    assert pair(hand_graph, G3).factors["regio"].value == pytest.approx(0.5)
    assert pair(hand_graph, G2).factors["regio"].value == 0.0


def test_infrastructure_of_the_hub_says_it_rests_on_examples(hand_graph: nx.MultiDiGraph) -> None:
    evidence = pair(hand_graph, G1).factors["infrastructuur"]
    assert evidence.value == pytest.approx((2 / 4 + 1 / 2 + 1 + 1 / 2) / 4)
    assert evidence.reasons == (
        "organiseert A1 en A2 (voorbeelddata)",
        "werkt met ondernemersnetwerk(en) ON (voorbeelddata)",
        "heeft een band met VC (voorbeelddata)",
        "werkt structureel samen met ON (voorbeelddata)",
    )
    assert evidence.is_example
    assert pair(hand_graph, G2).factors["infrastructuur"].value == 0.0


def test_complementarity_covers_asked_themes(hand_graph: nx.MultiDiGraph) -> None:
    evidence = pair(hand_graph, G1).factors["complementariteit"]
    assert evidence.value == pytest.approx(1 / 2)  # T1 of T1, T2; A2's theme T3 is not asked
    assert evidence.reasons == (
        "organiseert A1 (nieuw voor Klein), waar Klein naar vraagt ('T1') (via een afgeleide "
        "koppeling van activiteit aan thema) (voorbeelddata)",
    )
    assert evidence.derived


def test_derived_links_can_be_switched_off(hand_graph: nx.MultiDiGraph) -> None:
    """A1 touches T1 only by the project's own reading: without derived links, no experience."""
    with_links = aanhaken(analysis_basis(hand_graph, met_voorbeelden=True)).suggesties[0]
    assert with_links.derived_factors == ("complementariteit",)
    basis = analysis_basis(hand_graph, met_voorbeelden=True, met_afgeleid=False)
    evidence = pair(basis, G1).factors["complementariteit"]
    assert (evidence.value, evidence.reasons, evidence.derived) == (0.0, (), False)


def test_direct_experience_counts_for_complementarity() -> None:
    nodes, edges = hand_records()
    edges.append(edge(G3, "thema:t2", RelType.HEEFT_ERVARING_MET))
    evidence = pair(build_graph(nodes, edges), G3).factors["complementariteit"]
    assert evidence.value == pytest.approx(1 / 2)
    assert evidence.reasons == ("heeft ervaring met 'T2', waar Klein naar vraagt",)
    assert not evidence.is_example and not evidence.derived


def test_existing_ties(hand_graph: nx.MultiDiGraph) -> None:
    shared = pair(hand_graph, G1).factors["banden"]
    assert shared.value == pytest.approx(1 / 2)
    assert shared.reasons == ("gedeelde partners: O",)
    hooked = pair(hand_graph, G2).factors["banden"]
    assert hooked.value == 1.0
    assert hooked.reasons == ("Klein haakt al aan bij Groot2 (voorbeelddata)",)
    assert hooked.is_example


def test_link_prediction_is_adamic_adar_on_the_partner_network(
    hand_graph: nx.MultiDiGraph,
) -> None:
    network = partner_network(hand_graph)
    assert "thema:t1" not in network and "activiteit:a1" not in network
    index, common, _ = adamic_adar(network, S, G1)
    assert sorted(common) == ["organisatie:o", "regio:r1", "regio:r2"]
    assert index == pytest.approx(3 / math.log(2))
    simple = nx.Graph((u, v) for u, row in network.items() for v in row)
    assert index == pytest.approx(next(nx.adamic_adar_index(simple, [(S, G1)]))[2])
    evidence = pair(hand_graph, G1).factors["linkvoorspelling"]
    assert evidence.value == pytest.approx(index / (1 + index))
    assert evidence.reasons == ("gemeenschappelijke contacten O, R1 en R2 (Adamic–Adar 4,33)",)


def test_score_is_the_weighted_sum_and_reasons_come_in_factor_order(
    hand_graph: nx.MultiDiGraph,
) -> None:
    first = aanhaken(hand_graph).suggesties[0]
    evidence = pair(hand_graph, G1)
    assert first.partner.naam == "Groot1" and first.rank == 1
    expected = {n: round(DEFAULT_WEIGHTS[n] * e.value, 4) for n, e in evidence.factors.items()}
    assert first.contributions == expected
    assert first.score == pytest.approx(sum(expected.values()), abs=1e-9)
    assert first.reasons[0] == "90.000 inwoners (2024), 4,1 keer zoveel als Klein (22.000, 2024)"
    assert first.reasons[1:3] == evidence.factors["geografie"].reasons
    assert first.example_factors == ("infrastructuur", "complementariteit")
    assert first.as_dict()["partner"] == {
        "id": G1,
        "naam": "Groot1",
        "cbs": "G1",
        "inwoners": 90_000,
        "inwoners_jaar": 2024,
    }


def test_weights_change_the_order(hand_graph: nx.MultiDiGraph) -> None:
    default = [s.partner.naam for s in aanhaken(hand_graph).suggesties]
    assert default == ["Groot1", "Groot2", "Ver"]
    ties_only = {name: 0.0 for name in FACTORS} | {"banden": 1.0}
    reranked = aanhaken(hand_graph, weights=ties_only)
    assert [s.partner.naam for s in reranked.suggesties] == ["Groot2", "Groot1", "Ver"]
    assert aanhaken(hand_graph, top=1).suggesties[0].partner.naam == "Groot1"


def test_equal_scores_are_ordered_by_distance_then_code(hand_graph: nx.MultiDiGraph) -> None:
    zero = dict.fromkeys(FACTORS, 0.0)
    order = [s.partner.naam for s in aanhaken(hand_graph, weights=zero).suggesties]
    assert order == ["Groot1", "Groot2", "Ver"]


def test_weights_are_checked() -> None:
    assert resolve_weights({"regio": 5}) == DEFAULT_WEIGHTS | {"regio": 5.0}
    with pytest.raises(ValueError, match="onbekende factor 'geo'"):
        resolve_weights({"geo": 1})
    with pytest.raises(ValueError, match="0 of groter"):
        resolve_weights({"regio": -1})


def test_frame_has_one_row_per_suggestion(hand_graph: nx.MultiDiGraph) -> None:
    result = aanhaken(hand_graph)
    frame = result.frame()
    assert list(frame["partner"]) == ["Groot1", "Groot2", "Ver"]
    assert list(frame.columns[6:12]) == list(FACTORS)
    assert frame.loc[0, "score"] == result.suggesties[0].score


# --- properties -----------------------------------------------------------------------------------


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rng=st.randoms(use_true_random=False))
def test_scores_do_not_depend_on_insertion_order(
    shipped_graph: nx.MultiDiGraph, rng: random.Random
) -> None:
    expected = [s.as_dict() for s in aanhaken(shipped_graph).suggesties]
    assert [s.as_dict() for s in aanhaken(shuffled(shipped_graph, rng)).suggesties] == expected


weights = st.fixed_dictionaries({name: st.floats(0, 10, allow_nan=False) for name in FACTORS})


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(base=weights, factor=st.sampled_from(list(FACTORS)), extra=st.floats(0, 10))
def test_raising_a_weight_never_lowers_a_pair_with_that_factor(
    shipped_graph: nx.MultiDiGraph, base: dict[str, float], factor: str, extra: float
) -> None:
    evaluation = evaluate(shipped_graph)
    before = {(s.municipality.id, s.partner.id): s for s in rank(evaluation, base).suggesties}
    raised = base | {factor: base[factor] + extra}
    after = {(s.municipality.id, s.partner.id): s for s in rank(evaluation, raised).suggesties}
    assert before.keys() == after.keys()
    for key, old in before.items():
        if old.values[factor] > 0:
            assert after[key].score >= old.score
        else:
            assert after[key].score == old.score


# --- the shipped data ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def shipped_result(shipped_graph: nx.MultiDiGraph):
    """With example rows counted: what ``--met-voorbeelden`` shows."""
    return aanhaken(analysis_basis(shipped_graph, met_voorbeelden=True))


@pytest.fixture(scope="module")
def shipped_default(shipped_graph: nx.MultiDiGraph):
    """The default ranking: no example rows."""
    return aanhaken(analysis_basis(shipped_graph))


def _without_examples(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of ``graph`` with every example node and relationship deleted (built by hand, not
    by the function under test)."""
    copy = graph.copy()
    copy.remove_edges_from(
        [(u, v, k) for u, v, k, b in graph.edges(keys=True, data="bron_type") if b == "voorbeeld"]
    )
    copy.remove_nodes_from([n for n, b in graph.nodes(data="bron_type") if b == "voorbeeld"])
    return copy


def test_losser_ranks_enschede_above_almelo_by_default(shipped_default, shipped_result) -> None:
    """Almelo (24 km, no border) beat Enschede (12 km, 8.8 km border) only through example
    activities, networks and a volunteer centre (issue 11)."""
    default = [s.partner.naam for s in shipped_default.voor("gemeente:GM0168")]
    assert default.index("Enschede") < default.index("Almelo")
    examples = shipped_result.voor("gemeente:GM0168")
    assert examples[0].partner.naam == "Almelo"
    assert set(examples[0].example_factors) >= {"infrastructuur"}
    assert any(r.endswith(EXAMPLE_NOTE) for r in examples[0].reasons)


def test_no_default_suggestion_rests_on_example_rows(
    shipped_graph: nx.MultiDiGraph, shipped_default
) -> None:
    assert shipped_default.suggesties
    assert not [s for s in shipped_default.suggesties if s.example_factors]
    assert not [r for s in shipped_default.suggesties for r in s.reasons if EXAMPLE_NOTE in r]
    clean = aanhaken(_without_examples(shipped_graph))
    assert [s.as_dict() for s in shipped_default.suggesties] == [
        s.as_dict() for s in clean.suggesties
    ]


def test_every_small_municipality_gets_suggestions(
    shipped_graph: nx.MultiDiGraph, shipped_result
) -> None:
    small = {
        a["naam"]
        for _, a in shipped_graph.nodes(data=True)
        if a.get("kind") == "gemeente" and a["inwoners_recent"] < 30_000
    }
    assert len(small) == 11
    assert {m.naam for m in shipped_result.gemeenten} == small
    assert {s.municipality.naam for s in shipped_result.suggesties} == small


def test_every_partner_is_clearly_larger_and_near(shipped_result) -> None:
    for s in shipped_result.suggesties:
        assert s.partner.inwoners >= max(30_000, 1.5 * s.municipality.inwoners)
        assert s.reasons_per_factor.get("geografie") or s.reasons_per_factor.get("regio"), s


def test_borne_hooks_on_in_netwerkstad_twente(shipped_result) -> None:
    borne = shipped_result.voor("gemeente:GM0147")
    assert [s.partner.naam for s in borne[:3]] == ["Almelo", "Hengelo", "Enschede"]
    assert "grenst aan Borne (5,2 km grens)" in borne[1].reasons
    assert all(
        "beide lid van Netwerkstad Twente, Regio Twente en Veiligheidsregio Twente" in s.reasons
        for s in borne[:3]
    )
    assert borne[0].example_factors == ("infrastructuur",)


def test_apeldoorn_is_reachable_without_a_border(shipped_result) -> None:
    olst = shipped_result.voor("gemeente:GM1773")
    apeldoorn = next(s for s in olst if s.partner.naam == "Apeldoorn")
    assert "geografie" in apeldoorn.reasons_per_factor
    assert not any("grenst" in r for r in apeldoorn.reasons)
    assert apeldoorn.reasons_per_factor["complementariteit"] == (
        "heeft ervaring met 'Kleine gemeenten haken aan bij grote', waar Olst-Wijhe naar vraagt"
        " (voorbeelddata)",
    )


def test_an_existing_hook_on_ranks_first(shipped_result) -> None:
    first = shipped_result.voor("gemeente:GM1896")[0]
    assert first.partner.naam == "Zwolle"
    assert "Zwartewaterland haakt al aan bij Zwolle (voorbeelddata)" in first.reasons


def test_the_docs_list_every_factor_with_its_default_weight() -> None:
    docs = (Path(__file__).resolve().parents[1] / "docs" / "analyse.md").read_text("utf-8")
    for name, spec in FACTORS.items():
        assert f"| `{name}` | {spec.weight} |" in docs, name
