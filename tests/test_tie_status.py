"""Ties checked from both sides (issue 14): the rule on small graphs, the confirmation flow through
a real round (rounds database, build), `netwerkkaart banden`, the exports, the maps' legend, and
the injection corpus through the listing and the map."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import zipfile
from pathlib import Path

import networkx as nx
import pytest

from graph.analysis.tie_status import mark_tie_status, tie_rows
from graph.model import new_graph
from graph.stores.memory import MemoryStore
from loaders.datasets import Source
from netwerkkaart.services import workspace as ws
from netwerkkaart.services.rounds import (
    Answers,
    Tie,
    TieKind,
    current_answers,
    save_draft,
    submit,
    ties_reported_about,
)
from netwerkkaart.services.rounds.answers import Confirmation, Verdict
from netwerkkaart.services.rounds.database import MIGRATIONS, connect, database_path
from tests.cli_support import run
from tests.injection_support import XSS
from tests.rounds_support import good_answers, round_with_links
from views.exports.meta import export_meta
from views.exports.registry import render_export
from views.exports.static_map import PAPERS, draw_map
from views.layout import geo_layout
from views.pyvis_map import TIE_STATE_STYLES, network_html

A, B, C = "gemeente:A", "gemeente:B", "gemeente:C"
ALMELO, BORNE, DEVENTER = "gemeente:GM0141", "gemeente:GM0147", "gemeente:GM0150"
HENGELO, ZWOLLE = "gemeente:GM0164", "gemeente:GM0193"
LABELS = {state: style.label for state, style in TIE_STATE_STYLES.items()}


# --- the rule ----------------------------------------------------------------------------------


def _graph() -> nx.MultiDiGraph:
    g = new_graph()
    for code in ("A", "B", "C"):
        g.add_node(f"gemeente:{code}", kind="gemeente", naam=code)
    g.add_node("organisatie:o", kind="organisatie", naam="O")
    return g


def _tie(g, u, v, rel="HAAKT_AAN_BIJ", wave="2027", bron_type="enquete") -> str:
    key = f"{rel}|enquete:{wave}" if wave else f"{rel}|handmatig"
    g.add_edge(u, v, key=key, type=rel, bron="b", bron_type=bron_type)
    return key


def _answer(g, answering, reporting, band, antwoord, wave="2027", bron_type="enquete") -> None:
    key = f"REAGEERT_OP|enquete:{wave}|{band}"
    g.add_edge(answering, reporting, key=key, type="REAGEERT_OP", band=band, antwoord=antwoord,
               bron=f"antwoord van {answering}", bron_type=bron_type)  # fmt: skip


def _status(g, u, v, key) -> str:
    return g.edges[u, v, key]["status"]


def test_a_tie_only_one_side_names_is_one_sided() -> None:
    g = _graph()
    key = _tie(g, A, B)
    assert mark_tie_status(g) == 1
    attrs = g.edges[A, B, key]
    assert attrs["status"] == "eenzijdig" and attrs["status_reden"] == "B noemt deze band niet"
    assert attrs["status_bron_type"] == "afgeleid" and attrs["bron_type"] == "enquete"


def test_the_same_tie_named_back_confirms_both_directions() -> None:
    g = _graph()
    there, back = _tie(g, A, B, "LEERT_VAN"), _tie(g, B, A, "LEERT_VAN")
    mark_tie_status(g)
    assert _status(g, A, B, there) == _status(g, B, A, back) == "bevestigd"
    assert g.edges[A, B, there]["status_reden"] == "B noemt dezelfde band"


def test_another_kind_or_another_wave_back_confirms_nothing() -> None:
    g = _graph()
    hooks = _tie(g, A, B, "HAAKT_AAN_BIJ")
    _tie(g, B, A, "LEERT_VAN")
    older = _tie(g, A, C, "HAAKT_AAN_BIJ", wave="2010")
    _tie(g, C, A, "HAAKT_AAN_BIJ", wave="2027")
    mark_tie_status(g)
    assert _status(g, A, B, hooks) == "eenzijdig"
    assert _status(g, A, C, older) == "eenzijdig"


def test_an_answer_confirms_or_denies_and_wins_over_a_tie_back() -> None:
    g = _graph()
    yes, no = _tie(g, A, B), _tie(g, A, C, "LEERT_VAN")
    back = _tie(g, C, A, "LEERT_VAN")
    _answer(g, B, A, "HAAKT_AAN_BIJ", "ja")
    _answer(g, C, A, "LEERT_VAN", "nee")
    mark_tie_status(g)
    assert _status(g, A, B, yes) == "bevestigd"
    assert g.edges[A, B, yes]["status_reden"] == "B bevestigt deze band (antwoord van gemeente:B)"
    assert _status(g, A, C, no) == "betwist"  # C also names it back, but says no to this one
    assert _status(g, C, A, back) == "bevestigd"  # A's own tie names C


def test_example_ties_never_confirm_and_are_never_confirmed() -> None:
    g = _graph()
    real = _tie(g, A, B)
    example = _tie(g, B, A, bron_type="voorbeeld")
    answered = _tie(g, A, C)
    _answer(g, C, A, "HAAKT_AAN_BIJ", "nee", bron_type="voorbeeld")
    confirmed_example = _tie(g, C, B, bron_type="voorbeeld")
    _tie(g, B, C)
    mark_tie_status(g)
    assert _status(g, A, B, real) == "eenzijdig"
    assert _status(g, B, A, example) == "eenzijdig"
    assert _status(g, A, C, answered) == "eenzijdig"  # an example answer denies nothing
    assert _status(g, C, B, confirmed_example) == "eenzijdig"
    assert g.edges[C, B, confirmed_example]["status_reden"] == "voorbeelddata bevestigt niets"


def test_only_ties_between_municipalities_get_a_state() -> None:
    g = _graph()
    _tie(g, A, "organisatie:o", "WERKT_SAMEN_MET")
    _tie(g, A, B, "GRENST_AAN")
    g.add_edge(A, "enquete:2027", key="NAM_DEEL_AAN|enquete:2027", type="NAM_DEEL_AAN",
               status="respondent")  # fmt: skip
    hand = _tie(g, A, B, "WERKT_SAMEN_MET", wave=None)
    _tie(g, B, A, "WERKT_SAMEN_MET", wave=None)
    assert mark_tie_status(g) == 2
    assert _status(g, A, B, hand) == "bevestigd"  # outside a wave, ties outside a wave meet
    assert g.edges[A, "enquete:2027", "NAM_DEEL_AAN|enquete:2027"]["status"] == "respondent"
    assert [r["status"] for r in tie_rows(g, "bevestigd")] == ["bevestigd", "bevestigd"]
    assert tie_rows(g, wave="enquete:2027") == []


# --- a real round --------------------------------------------------------------------------------


def _answers(ties: list[Tie], confirmations: list[Confirmation]) -> Answers:
    return Answers(velden={"ambitie": "ja"}, banden=ties, bevestigingen=confirmations)


def _round(home: Path) -> Path:
    """Almelo hooks on at Zwolle and learns from Deventer; Zwolle says yes, Deventer no (and
    names Almelo back); Zwolle and Hengelo learn from each other; Hengelo names Borne, who does
    not know. Each answer about a tie is made from what ``ties_reported_about`` says."""
    tokens = round_with_links(home, gemeenten=["Almelo", "Zwolle", "Deventer", "Hengelo", "Borne"])
    submit(home, tokens["Almelo"], good_answers())
    submit(home, tokens["Hengelo"], _answers([Tie(TieKind.LEERT_VAN, "Zwolle"),
                                              Tie(TieKind.LEERT_VAN, "Borne")], []))  # fmt: skip
    verdicts = {"Zwolle": Verdict.JA, "Deventer": Verdict.NEE, "Borne": Verdict.WEET_NIET}
    own = {
        "Zwolle": [Tie(TieKind.LEERT_VAN, "Hengelo")],
        "Deventer": [Tie(TieKind.LEERT_VAN, "Almelo")],
        "Borne": [],
    }
    for name, verdict in verdicts.items():
        asked = [
            (reporter, tie)
            for reporter, tie in ties_reported_about(home, "2027", name)
            if reporter == "Almelo" or name == "Borne"
        ]
        assert asked, name
        confirmations = [Confirmation(r, t.relatie, verdict) for r, t in asked]
        submit(home, tokens[name], _answers(own[name], confirmations))
    return home


@pytest.fixture()
def round_graph(workspace: Path) -> nx.MultiDiGraph:
    outcome = ws.build(_round(workspace))
    assert outcome.graph is not None, [p.line() for p in outcome.result.report.problems]
    return outcome.graph


def _state(graph: nx.MultiDiGraph, u: str, v: str, rel: str) -> str:
    (state,) = {
        a["status"] for _, w, a in graph.out_edges(u, data=True) if w == v and a["type"] == rel
    }
    return state


def test_answers_about_ties_set_the_state_in_the_build(round_graph: nx.MultiDiGraph) -> None:
    assert _state(round_graph, ALMELO, ZWOLLE, "HAAKT_AAN_BIJ") == "bevestigd"
    assert _state(round_graph, ALMELO, DEVENTER, "LEERT_VAN") == "betwist"
    assert _state(round_graph, DEVENTER, ALMELO, "LEERT_VAN") == "bevestigd"
    assert _state(round_graph, ZWOLLE, HENGELO, "LEERT_VAN") == "bevestigd"
    assert _state(round_graph, HENGELO, ZWOLLE, "LEERT_VAN") == "bevestigd"
    assert _state(round_graph, HENGELO, BORNE, "LEERT_VAN") == "eenzijdig"  # "weet niet"
    answers = [
        a for u, v, a in round_graph.edges(data=True) if a["type"] == "REAGEERT_OP"
    ]  # Borne's "weet niet" is no answer
    assert sorted((a["band"], a["antwoord"]) for a in answers) == [
        ("HAAKT_AAN_BIJ", "ja"),
        ("LEERT_VAN", "nee"),
    ]
    assert all(a["bron"].startswith("Ronde 2027 'MBO 2027', verzonden") for a in answers)
    assert all(a["bron_type"] == "enquete" and a["jaar"] == 2027 for a in answers)


def test_answers_about_ties_are_kept_with_the_answer(workspace: Path) -> None:
    tokens = round_with_links(workspace, gemeenten=["Almelo", "Zwolle"])
    submit(workspace, tokens["Almelo"], good_answers())
    ((reporter, tie),) = ties_reported_about(workspace, "2027", "Zwolle")
    draft = _answers([], [Confirmation(reporter, tie.relatie, Verdict.NEE)])
    save_draft(workspace, tokens["Zwolle"], draft)
    assert current_answers(workspace, tokens["Zwolle"]).bevestigingen == draft.bevestigingen
    submit(workspace, tokens["Zwolle"], draft)
    with sqlite3.connect(database_path(workspace)) as db:
        (stored,) = db.execute("SELECT bevestigingen FROM submissions WHERE cbs_code = 'GM0193'")
    assert json.loads(stored[0]) == [
        {"antwoord": "nee", "relatie": "haakt_aan_bij", "van": "Almelo"}
    ]


def test_a_database_of_the_first_schema_is_migrated(workspace: Path) -> None:
    workspace.mkdir(parents=True)
    old = sqlite3.connect(database_path(workspace))
    old.executescript(MIGRATIONS[0])
    old.execute("INSERT INTO rounds VALUES ('2027', 'MBO', 2027, NULL, NULL, 'open', 'x')")
    old.execute("INSERT INTO invitations (round_key, cbs_code, gemeente) VALUES "
                "('2027', 'GM0141', 'Almelo')")  # fmt: skip
    old.execute("INSERT INTO submissions (round_key, cbs_code, answers, via, verzonden_op) "
                "VALUES ('2027', 'GM0141', '{}', 'link', '2027-01-01T00:00:00+00:00')")  # fmt: skip
    old.execute("PRAGMA user_version = 1")
    old.commit()
    old.close()
    db = connect(workspace)
    try:
        assert db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS) >= 2
        (row,) = db.execute("SELECT answers, bevestigingen FROM submissions").fetchall()
        assert tuple(row) == ("{}", "[]")
    finally:
        db.close()


def test_an_answer_about_no_other_municipality_is_refused(workspace: Path) -> None:
    from netwerkkaart.services.rounds import AnswersRejected

    tokens = round_with_links(workspace, gemeenten=["Almelo", "Zwolle"])
    wrong = _answers([], [Confirmation("Zwolle", TieKind.HAAKT_AAN_BIJ, Verdict.JA)])
    with pytest.raises(AnswersRejected) as refused:
        submit(workspace, tokens["Zwolle"], wrong)
    (problem,) = refused.value.problems
    assert problem.column == "bevestigingen" and problem.row == 1
    assert not current_answers(workspace, tokens["Zwolle"]).bevestigingen


# --- the CLI, the stores and the exports -------------------------------------------------------


def test_cli_banden_lists_one_sided_ties_as_json(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _round(workspace)
    assert run(capsys, "build")[0] == 0
    code, out, err = run(capsys, "banden", "--status", "eenzijdig", "--format", "json")
    assert code == 0, err
    ties = json.loads(out)
    assert ties and all(t["status"] == "eenzijdig" for t in ties)
    assert all(list(t)[:6] == ["van", "naar", "relatie", "status", "ronde", "bron"] for t in ties)
    real = [t for t in ties if t["bron_type"] == "enquete"]
    assert [(t["van"], t["naar"], t["relatie"], t["ronde"]) for t in real] == [
        ("Hengelo", "Borne", "LEERT_VAN", "2027")
    ]
    assert all(t["bron_type"] != "voorbeeld" for t in ties)  # examples only when asked
    code, out, _ = run(capsys, "banden", "--met-voorbeelden", "--format", "json")
    examples = [t for t in json.loads(out) if t["bron_type"] == "voorbeeld"]
    assert code == 0 and {t["ronde"] for t in examples} == {"2010"}
    code, out, _ = run(capsys, "banden", "--met-voorbeelden")
    assert code == 0 and "voorbeeld (illustratief, geen enquêteresultaat)" in out
    code, out, _ = run(capsys, "banden", "--ronde", "2027", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and rows and {r["ronde"] for r in rows} == {"2027"}
    assert {r["status"] for r in rows} == {"eenzijdig", "bevestigd", "betwist"}
    code, out, _ = run(capsys, "banden", "--status", "betwist")
    assert code == 0 and "Almelo" in out and "Deventer ontkent deze band" in out


def test_cli_banden_says_what_is_wrong(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "banden")
    assert code != 0 and "netwerkkaart build" in err and "Traceback" not in err
    assert run(capsys, "build")[0] == 0
    code, _, err = run(capsys, "banden", "--ronde", "2099")
    assert code != 0 and "Enquêteronde '2099' staat niet in de graaf" in err
    assert "Traceback" not in err
    code, _, err = run(capsys, "banden", "--status", "zeker")
    assert code == 2 and "Traceback" not in err


def test_every_data_export_carries_the_state(round_graph: nx.MultiDiGraph) -> None:
    for fmt in ("json", "graphml", "gexf", "cypher"):
        text = render_export(fmt, round_graph).decode("utf-8")
        assert "betwist" in text and "status_reden" in text, fmt
    with zipfile.ZipFile(io.BytesIO(render_export("csv", round_graph))) as archive:
        texts = [archive.read(name).decode("utf-8-sig") for name in archive.namelist()]
    assert any("status_reden" in t and "betwist" in t for t in texts)


def test_the_snapshot_keeps_the_state(workspace: Path, round_graph: nx.MultiDiGraph) -> None:
    store = MemoryStore(workspace)
    store.save(round_graph)
    back = store.load()
    assert _state(back, ALMELO, DEVENTER, "LEERT_VAN") == "betwist"


@pytest.mark.neo4j
def test_neo4j_keeps_the_state(neo4j_store, round_graph: nx.MultiDiGraph) -> None:
    neo4j_store.save(round_graph)
    back = neo4j_store.load()
    assert _state(back, ALMELO, DEVENTER, "LEERT_VAN") == "betwist"
    assert _state(back, HENGELO, BORNE, "LEERT_VAN") == "eenzijdig"
    with neo4j_store.session() as session:
        found = session.run(
            "MATCH (:Municipality {naam: 'Almelo'})-[r:LEERT_VAN]->(:Municipality) "
            "RETURN r.status AS status, r.status_bron_type AS bron_type"
        ).data()
    assert found == [{"status": "betwist", "bron_type": "afgeleid"}]


# --- the maps ------------------------------------------------------------------------------------


def _embedded_edges(page: str) -> list[dict]:
    import re

    match = re.search(r"var edges = new vis\.DataSet\((.*?)\);\n", page)
    assert match
    return json.loads(match.group(1))


def test_the_map_draws_each_state_apart_with_a_legend(round_graph: nx.MultiDiGraph) -> None:
    towns = [ALMELO, BORNE, DEVENTER, HENGELO, ZWOLLE]
    view = round_graph.subgraph(towns).copy()
    page = network_html(view, geo_layout(view))
    for label in LABELS.values():
        assert json.dumps(label)[1:-1] in page or label in page
    lines = {frozenset((e["from"], e["to"])): e for e in _embedded_edges(page)}
    denied = lines[frozenset((ALMELO, DEVENTER))]  # betwist one way, bevestigd the other
    assert denied["color"]["color"] == "#B91C1C" and denied["dashes"] == [12, 4, 2, 4]
    assert "Status: betwist" in denied["title"]
    assert "Almelo reageert op de band met Deventer" not in denied["title"]
    assert "Deventer reageert op de band met Almelo (leert van: nee)" in denied["title"]
    one_sided = lines[frozenset((HENGELO, BORNE))]
    assert one_sided["dashes"] == [10, 6]
    assert lines[frozenset((ALMELO, ZWOLLE))]["dashes"] is False
    paper = PAPERS["A4"]
    fig = draw_map(view, export_meta(view, titel="Banden"), paper.size_inches(True), paper, True)
    (legend,) = fig.legends
    entries = [t.get_text() for t in legend.get_texts()]
    assert set(LABELS.values()) <= set(entries)


# --- the injection corpus ------------------------------------------------------------------------


def _hostile_ties() -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["van_soort", "van", "relatie", "naar_soort", "naar", "bron"])
    for text in XSS:
        writer.writerow(["gemeente", "Almelo", "LEERT_VAN", "gemeente", "Borne", text])
    return buffer.getvalue().encode("utf-8")


def test_hostile_sources_stay_text_in_banden_and_on_the_map(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = MemoryStore(workspace)
    assert ws.build_and_save(workspace, store).ok
    outcome = ws.add_upload(workspace, store, Source("banden.csv", _hostile_ties()))
    assert outcome.ok, [p.line() for p in outcome.result.report.errors]
    code, out, _ = run(capsys, "banden", "--format", "json")
    assert code == 0
    sources = {t["bron"] for t in json.loads(out) if t["van"] == "Almelo"}
    assert set(XSS) <= sources
    code, out, _ = run(capsys, "banden", "--format", "csv")
    cells = [c for row in csv.reader(io.StringIO(out)) for c in row]
    assert code == 0 and not any(c.startswith(("=", "+", "-", "@")) for c in cells)
    graph = store.load()
    view = graph.subgraph([ALMELO, BORNE]).copy()
    page = network_html(view, geo_layout(view))
    ours = page[page.index("<body>") :]
    assert "<script>alert" not in ours and "<img" not in ours and "<svg" not in ours
    (line,) = _embedded_edges(page)
    assert all(text in line["title"] for text in XSS)  # intact once parsed, as text
