"""The Netwerk view's state: filters, focus, reduction and the URL round trip, on tiny graphs."""

from __future__ import annotations

import networkx as nx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from graph.model import NodeKind, names_of_kind, new_graph
from graph.selection import NODE_CAP, Selection, marked, reduce_to_cap, select


def _node(g: nx.MultiDiGraph, node: str, bron_type: str = "referentie") -> None:
    g.add_node(node, kind=node.partition(":")[0], naam=node.partition(":")[2], bron_type=bron_type)


def _edge(g: nx.MultiDiGraph, u: str, v: str, rel: str, bron_type: str = "referentie", **kw):
    g.add_edge(u, v, key=rel, type=rel, bron_type=bron_type, **kw)


@pytest.fixture()
def small() -> nx.MultiDiGraph:
    """Two Twente municipalities, one in Zwolle, a theme, a network and an unrelated fund."""
    g = new_graph()
    for n in ("gemeente:A", "gemeente:B", "gemeente:C", "regio:twente", "regio:zwolle"):
        _node(g, n)
    _node(g, "thema:t", "enquete")
    _node(g, "ondernemersnetwerk:ov-b", "voorbeeld")
    _node(g, "organisatie:fonds", "enquete")
    _node(g, "enquete:2010", "enquete")
    _edge(g, "gemeente:A", "regio:twente", "LID_VAN")
    _edge(g, "gemeente:B", "regio:twente", "LID_VAN")
    _edge(g, "gemeente:C", "regio:zwolle", "LID_VAN")
    _edge(g, "gemeente:A", "gemeente:B", "GRENST_AAN")
    _edge(g, "gemeente:C", "thema:t", "HEEFT_INTERESSE_IN", "voorbeeld")
    _edge(g, "ondernemersnetwerk:ov-b", "gemeente:B", "ACTIEF_IN", "voorbeeld")
    _edge(g, "gemeente:A", "enquete:2010", "NAM_DEEL_AAN", "enquete", status="respondent")
    _edge(g, "gemeente:B", "enquete:2010", "NAM_DEEL_AAN", "enquete", status="niet_gerespondeerd")
    return g


def test_no_filter_shows_everything_as_a_copy(small: nx.MultiDiGraph) -> None:
    shown = select(small, Selection(vocabulary=True))
    assert set(shown.nodes) == set(small.nodes)
    assert set(shown.edges(keys=True)) == set(small.edges(keys=True))
    shown.nodes["gemeente:A"]["naam"] = "changed"
    assert small.nodes["gemeente:A"]["naam"] == "A"


def test_default_view_shows_partners_and_leaves_vocabulary_out(small: nx.MultiDiGraph) -> None:
    shown = select(small, Selection())
    assert set(shown) == set(small) - {"thema:t", "enquete:2010"}
    assert "thema:t" in select(small, Selection(kinds=frozenset({"thema"})))  # asked for by name
    assert set(select(small, Selection(focus="thema:t"))) == {"thema:t", "gemeente:C"}


def test_marks_are_whoever_relates_to_the_vocabulary_node(small: nx.MultiDiGraph) -> None:
    assert marked(small, ["thema:t"]) == {"gemeente:C"}
    assert marked(small, ["enquete:2010", "thema:nergens"]) == {"gemeente:A", "gemeente:B"}
    assert Selection(marks=frozenset({"thema:t"})).filters_only() == Selection()


def test_kind_filter(small: nx.MultiDiGraph) -> None:
    shown = select(small, Selection(vocabulary=True, kinds=frozenset({"gemeente", "regio"})))
    assert set(shown.nodes) == {
        "gemeente:A",
        "gemeente:B",
        "gemeente:C",
        "regio:twente",
        "regio:zwolle",
    }
    assert shown.number_of_edges() == 4


def test_region_filter_keeps_members_and_their_partners(small: nx.MultiDiGraph) -> None:
    shown = select(small, Selection(vocabulary=True, regions=frozenset({"regio:twente"})))
    assert set(shown.nodes) == {
        "gemeente:A",
        "gemeente:B",
        "regio:twente",
        "ondernemersnetwerk:ov-b",
        "enquete:2010",
    }


def test_unknown_region_is_ignored(small: nx.MultiDiGraph) -> None:
    assert set(
        select(small, Selection(vocabulary=True, regions=frozenset({"regio:nergens"})))
    ) == set(small)


def test_survey_status_filter(small: nx.MultiDiGraph) -> None:
    shown = select(small, Selection(vocabulary=True, survey_status=frozenset({"respondent"})))
    assert set(shown.nodes) == {"gemeente:A", "regio:twente", "enquete:2010"}


def test_relationship_filter_hides_nodes_left_without_relationships(
    small: nx.MultiDiGraph,
) -> None:
    shown = select(small, Selection(vocabulary=True, rel_types=frozenset({"GRENST_AAN"})))
    assert set(shown.nodes) == {"gemeente:A", "gemeente:B"}
    assert list(shown.edges(keys=True)) == [("gemeente:A", "gemeente:B", "GRENST_AAN")]


def test_provenance_filter_keeps_own_sources_and_shown_relationships(
    small: nx.MultiDiGraph,
) -> None:
    shown = select(small, Selection(vocabulary=True, bron_types=frozenset({"voorbeeld"})))
    assert set(shown.nodes) == {
        "gemeente:B",
        "gemeente:C",
        "thema:t",
        "ondernemersnetwerk:ov-b",
    }
    assert {d["bron_type"] for *_, d in shown.edges(data=True)} == {"voorbeeld"}


def test_focus_with_hops(small: nx.MultiDiGraph) -> None:
    one = select(small, Selection(vocabulary=True, focus="gemeente:A", hops=1))
    assert set(one.nodes) == {"gemeente:A", "gemeente:B", "regio:twente", "enquete:2010"}
    two = select(small, Selection(vocabulary=True, focus="gemeente:A", hops=2))
    assert set(two.nodes) == set(one.nodes) | {"ondernemersnetwerk:ov-b"}


def test_focus_outside_the_filters_is_still_shown(small: nx.MultiDiGraph) -> None:
    shown = select(
        small, Selection(vocabulary=True, kinds=frozenset({"regio"}), focus="gemeente:C")
    )
    assert set(shown.nodes) == {"gemeente:C", "regio:zwolle"}


def test_unknown_focus_is_ignored(small: nx.MultiDiGraph) -> None:
    assert set(select(small, Selection(vocabulary=True, focus="gemeente:ZZ"))) == set(small)


def test_reduction_keeps_top_scores_and_the_focus() -> None:
    g = nx.MultiDiGraph([("hub", f"n{i:03d}") for i in range(400)])
    reduced = reduce_to_cap(g, keep=["n399"])
    assert reduced.graph.number_of_nodes() == NODE_CAP
    assert "hub" in reduced.graph and "n399" in reduced.graph
    assert reduced.dropped == 401 - NODE_CAP
    assert reduced.notice and "401 nodes" in reduced.notice


def test_reduction_by_given_scores_breaks_ties_by_id() -> None:
    g = nx.MultiDiGraph()
    g.add_nodes_from(["d", "c", "b", "a"])
    reduced = reduce_to_cap(g, {"c": 5.0}, cap=2, score_label="tussenheid")
    assert sorted(reduced.graph.nodes) == ["a", "c"]
    assert "tussenheid" in (reduced.notice or "")


def test_small_graph_is_not_reduced(small: nx.MultiDiGraph) -> None:
    reduced = reduce_to_cap(small)
    assert reduced.graph is small and reduced.notice is None and reduced.dropped == 0


def test_region_choices_sorted_by_name(small: nx.MultiDiGraph) -> None:
    assert list(names_of_kind(small, NodeKind.REGIO)) == ["regio:twente", "regio:zwolle"]


def test_default_selection_has_empty_query() -> None:
    assert Selection().to_query_params() == {}


def test_query_params_round_trip() -> None:
    view = Selection(
        kinds=frozenset({"gemeente", "thema"}),
        regions=frozenset({"regio:regio-twente"}),
        rel_types=frozenset({"GRENST_AAN"}),
        bron_types=frozenset({"enquete", "voorbeeld"}),
        survey_status=frozenset({"respondent"}),
        focus="gemeente:GM0147",
        hops=3,
        measure="tussenheid",
        colour="maat",
        layout="force",
        vocabulary=True,
        marks=frozenset({"activiteit:nl-doet"}),
        view="gemeenten",
    )
    params = view.to_query_params()
    assert params["soort"] == "gemeente,thema"
    assert (params["begrippen"], params["kenmerk"], params["weergave"]) == (
        "aan",
        "activiteit:nl-doet",
        "gemeenten",
    )
    assert Selection.from_query_params(params) == view
    assert Selection.from_query_params({k: [v] for k, v in params.items()}) == view


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"stappen": "99"}, Selection(hops=3)),
        ({"stappen": "-4"}, Selection(hops=1)),
        ({"stappen": "drie"}, Selection()),
        ({"soort": "gemeente,<script>,thema"}, Selection(kinds=frozenset({"gemeente", "thema"}))),
        ({"focus": "</script><script>alert(1)</script>"}, Selection()),
        ({"focus": "gemeente:" + "x" * 500}, Selection()),
        (
            {"regio": "gemeente:GM0147,regio:regio-zwolle"},
            Selection(regions=frozenset({"regio:regio-zwolle"})),
        ),
        ({"maat": "rm -rf", "indeling": "3d", "kleur": "rood"}, Selection()),
        ({"relatie": "GRENST_AAN" * 1000}, Selection()),
        ({"onbekend": "x"}, Selection()),
        ({"weergave": "3d", "begrippen": "ja", "kenmerk": "gemeente:GM0147"}, Selection()),
    ],
)
def test_malformed_query_params_are_ignored_or_clamped(
    params: dict[str, str], expected: Selection
) -> None:
    assert Selection.from_query_params(params) == expected


@given(
    st.dictionaries(st.sampled_from(["soort", "regio", "focus", "stappen", "maat", "x"]), st.text())
)
def test_any_query_parses_to_a_valid_selection(params: dict[str, str]) -> None:
    view = Selection.from_query_params(params)
    assert 1 <= view.hops <= 3
    assert Selection.from_query_params(view.to_query_params()) == view
