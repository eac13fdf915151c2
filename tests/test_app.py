"""The dashboard, headless (streamlit AppTest): every page, the main widgets, uploads, the URL."""

from __future__ import annotations

import json
import re
import socket
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from streamlit.testing.v1 import AppTest

from graph.analysis.aanhaken import aanhaken
from graph.analysis.basis import analysis_basis
from graph.analysis.kennis import knowledge_exchange
from graph.analysis.metrics import network_measures
from graph.selection import Selection, select
from graph.stores.memory import MemoryStore
from loaders.datasets import Source
from netwerkkaart import cli
from netwerkkaart.cli.commands.serve import streamlit_command
from netwerkkaart.cli.synthetic import generate
from netwerkkaart.services.saved_views import load_views
from netwerkkaart.services.workspace import build_and_save, upload_sources
from ui.state import measure_values

APP = Path(__file__).resolve().parents[1] / "app.py"
PAGES = {
    "overzicht": "ui/pages/overzicht.py",
    "netwerk": "ui/pages/netwerk.py",
    "gemeente": "ui/pages/gemeente.py",
    "aanhaken": "ui/pages/aanhaken.py",
    "kennis": "ui/pages/kennis.py",
    "data": "ui/pages/data.py",
    "instellingen": "ui/pages/instellingen.py",
}
TITLES = {
    "overzicht": "Netwerkkaart MBO",
    "netwerk": "Netwerk",
    "gemeente": "Gemeente",
    "aanhaken": "Aanhaken",
    "kennis": "Kennisuitwisseling",
    "data": "Data",
    "instellingen": "Instellingen en status",
}
NEEDS_GRAPH = ("overzicht", "netwerk", "gemeente", "aanhaken", "kennis")
#: Pages whose analyses leave example rows out until the user switches them on.
RANKS_WITHOUT_EXAMPLES = ("aanhaken", "kennis")


def open_page(page: str, query: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.switch_page(PAGES.get(page, page))
    at.query_params.update(query or {})
    return at.run()


def assert_clean(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]


def texts(elements) -> str:
    return "\n".join(str(e.value) for e in elements)


def map_nodes(at: AppTest) -> set[str]:
    """Node ids embedded in the (last) network map on the page."""
    frames = at.get("iframe")
    assert frames, "geen kaart op de pagina"
    match = re.search(r"var nodes = new vis\.DataSet\((.*?)\);\n", frames[-1].proto.srcdoc)
    assert match
    return {node["id"] for node in json.loads(match.group(1))}


@pytest.fixture()
def built(workspace: Path) -> Path:
    """A workspace with the graph built from the shipped data."""
    assert build_and_save(workspace, MemoryStore(workspace)).ok
    return workspace


@pytest.mark.parametrize("page", list(PAGES))
def test_page_renders_on_shipped_data(built: Path, page: str) -> None:
    at = open_page(page)
    assert_clean(at)
    assert not at.error, texts(at.error)
    assert at.title[0].value == TITLES[page]
    if page in RANKS_WITHOUT_EXAMPLES:  # by default no example row on screen (issue 11)
        assert not at.warning and "Berekend zonder voorbeelddata" in texts(at.caption)
    elif page in NEEDS_GRAPH:
        assert "voorbeelddata" in texts(at.warning)


@pytest.mark.parametrize("page", list(PAGES))
def test_page_renders_on_an_empty_workspace(workspace: Path, page: str) -> None:
    at = open_page(page)
    assert_clean(at)
    assert not at.error, texts(at.error)
    if page in NEEDS_GRAPH or page == "instellingen":
        assert "nog geen graaf" in texts(at.info)
        assert at.button(key="build_shipped").label.startswith("Graaf bouwen")
    assert not (workspace / "graph.json").exists()


def test_build_button_builds_from_the_shipped_data(workspace: Path) -> None:
    at = open_page("netwerk")
    at.button(key="build_shipped").click().run()
    assert_clean(at)
    assert (workspace / "graph.json").is_file()
    built = MemoryStore(workspace).load()
    assert map_nodes(at) == set(select(built, Selection()))  # the partner view of it


def test_overzicht_shows_the_survey_response(built: Path) -> None:
    at = open_page("overzicht")
    metrics = {m.label: m.value for m in at.metric}
    assert (metrics["Uitgenodigd"], metrics["Geantwoord"], metrics["Respons"]) == (
        "24",
        "11",
        "46%",
    )
    body = texts(at.markdown)
    assert "**Heeft geantwoord** (11)" in body and "Hellendoorn" in body
    assert len(at.get("vega_lite_chart")) == 12


def test_netwerk_filters_change_the_map(built: Path, shipped_graph: nx.MultiDiGraph) -> None:
    at = open_page("netwerk")
    assert map_nodes(at) == set(select(shipped_graph, Selection()))  # partners, no vocabulary
    at.toggle(key="nw_vocabulary").set_value(True).run()
    assert map_nodes(at) == set(shipped_graph)
    assert at.query_params["begrippen"] == "aan"
    at.toggle(key="nw_vocabulary").set_value(False)
    at.multiselect(key="nw_kinds").set_value(["gemeente"]).run()
    assert_clean(at)
    shown = map_nodes(at)
    assert len(shown) == 26 and all(n.startswith("gemeente:") for n in shown)
    assert "26 nodes" in texts(at.caption)
    at.multiselect(key="nw_kinds").set_value([])
    at.selectbox(key="nw_focus").set_value("gemeente:GM0147")
    at.slider(key="nw_hops").set_value(1).run()
    expected = select(shipped_graph, Selection(focus="gemeente:GM0147", hops=1))
    assert map_nodes(at) == set(expected)
    at.multiselect(key="nw_regions").set_value(["regio:regio-zwolle"]).run()
    assert map_nodes(at) == set(
        select(
            shipped_graph,
            Selection(regions=frozenset({"regio:regio-zwolle"}), focus="gemeente:GM0147"),
        )
    )


def test_netwerk_measure_sets_node_sizes(built: Path) -> None:
    at = open_page("netwerk", {"maat": "inwoners", "soort": "gemeente"})
    sizes = {
        n["id"]: n["size"]
        for n in json.loads(
            re.search(
                r"var nodes = new vis\.DataSet\((.*?)\);\n", at.get("iframe")[0].proto.srcdoc
            ).group(1)
        )
    }
    assert sizes["gemeente:GM0153"] > sizes["gemeente:GM0147"]  # Enschede > Borne
    assert "Grootte: inwoners" in at.get("iframe")[0].proto.srcdoc


def test_netwerk_sizes_count_example_rows_only_on_request(built: Path) -> None:
    at = open_page("netwerk", {"maat": "graad"})
    assert "Grootte: aantal relaties (graad) (zonder voorbeelddata)." in (
        at.get("iframe")[0].proto.srcdoc
    )
    at.toggle(key="nw_maten_voorbeelden").set_value(True).run()
    assert_clean(at)
    srcdoc = at.get("iframe")[0].proto.srcdoc
    assert "Grootte: aantal relaties (graad)." in srcdoc and "zonder voorbeelddata" not in srcdoc


def test_netwerk_view_round_trips_through_the_url(built: Path) -> None:
    view = Selection(
        kinds=frozenset({"gemeente", "regio"}),
        regions=frozenset({"regio:regio-twente"}),
        focus="gemeente:GM0147",
        hops=2,
        measure="inwoners",
        layout="force",
    )
    at = open_page("netwerk", view.to_query_params())
    assert_clean(at)
    assert at.multiselect(key="nw_kinds").value == ["gemeente", "regio"]
    assert at.multiselect(key="nw_regions").value == ["regio:regio-twente"]
    assert at.selectbox(key="nw_focus").value == "gemeente:GM0147"
    assert at.slider(key="nw_hops").value == 2
    assert at.radio(key="nw_layout").value == "force"
    assert Selection.from_query_params(at.query_params) == view
    at.slider(key="nw_hops").set_value(3).run()
    assert at.query_params["stappen"] == "3"
    assert Selection.from_query_params(at.query_params) == Selection(**{**view.__dict__, "hops": 3})


def test_netwerk_ignores_a_malicious_url(built: Path) -> None:
    at = open_page(
        "netwerk",
        {"focus": "</script><script>alert(1)</script>", "stappen": "99", "soort": "<img>,thema"},
    )
    assert_clean(at)
    assert at.slider(key="nw_hops").value == 3
    assert at.multiselect(key="nw_kinds").value == ["thema"]
    assert at.selectbox(key="nw_focus").value is None


def test_netwerk_saved_view_is_stored_and_reopened(built: Path) -> None:
    at = open_page("netwerk", {"soort": "gemeente"})
    at.text_input(key="nw_view_name").input("Alleen gemeenten")
    at.button(key="nw_view_save").click().run()
    assert_clean(at)
    assert load_views(built) == {"Alleen gemeenten": Selection(kinds=frozenset({"gemeente"}))}
    at.button(key="nw_reset").click().run()
    assert at.multiselect(key="nw_kinds").value == []
    at.button(key="nw_view_open").click().run()
    assert at.multiselect(key="nw_kinds").value == ["gemeente"]


def test_netwerk_reduces_a_large_selection(workspace: Path, tmp_path: Path) -> None:
    data = generate("province", tmp_path / "synthetisch")
    outcome = build_and_save(workspace, MemoryStore(workspace), data)
    assert outcome.ok and outcome.graph is not None
    at = open_page("netwerk")
    assert_clean(at)
    partners = select(outcome.graph, Selection())
    assert f"telt {partners.number_of_nodes()} nodes" in texts(at.info)
    assert len(map_nodes(at)) == 300


def test_netwerk_gemeentekaart_and_marks(built: Path, shipped_graph: nx.MultiDiGraph) -> None:
    at = open_page("netwerk")
    at.radio(key="nw_view").set_value("gemeenten").run()
    assert_clean(at)
    shown = map_nodes(at)
    assert len(shown) == 26 and all(n.startswith("gemeente:") for n in shown)
    assert at.query_params["weergave"] == "gemeenten"
    assert at.query_params["maat"] == "inwoners"  # sized by population when it opens
    page = at.get("iframe")[0].proto.srcdoc
    assert "Gemeentekaart: een lijn bundelt" in page and "verbinding(en)" in page
    assert "voorbeelddata" in texts(at.warning)  # example parts under the ties
    at.multiselect(key="nw_marks").set_value(["activiteit:nl-doet"]).run()
    assert_clean(at)
    assert "wie iets heeft met NL Doet" in at.get("iframe")[0].proto.srcdoc
    assert at.query_params["kenmerk"] == "activiteit:nl-doet"


def test_gemeente_page_follows_the_url_and_the_picker(built: Path) -> None:
    at = open_page("gemeente", {"gemeente": "GM0147"})
    assert_clean(at)
    assert at.header[0].value == "Borne"
    assert "gemeente:GM0147" in map_nodes(at)
    assert "Buurgemeenten" in texts(at.markdown)
    at.selectbox(key="gm_gemeente").set_value("gemeente:GM0193").run()
    assert at.header[0].value == "Zwolle"
    assert at.query_params["gemeente"] == "GM0193"


def test_aanhaken_weights_rerank_with_the_clis_numbers(
    built: Path, shipped_graph: nx.MultiDiGraph
) -> None:
    at = open_page("aanhaken")
    assert_clean(at)
    basis = analysis_basis(shipped_graph)  # by default without example rows (issue 11)
    everyone = aanhaken(basis, top=3)
    assert "hier vergeleken: de jaren" in texts(at.caption)
    assert "Berekend zonder voorbeelddata" in texts(at.caption)
    table = at.dataframe[0].value
    assert len(table) == len(everyone.suggesties)
    srcdoc = at.get("iframe")[0].proto.srcdoc
    assert srcdoc.count("kan aanhaken bij") == len(everyone.suggesties)

    at.selectbox(key="ah_gemeente").set_value("gemeente:GM0147").run()
    expected = aanhaken(basis, "gemeente:GM0147", top=3)
    table = at.dataframe[0].value
    assert list(table["partner"]) == [s.partner.naam for s in expected.suggesties]
    assert list(table["score"]) == [s.score for s in expected.suggesties]
    assert "grenst aan Borne" in texts(at.markdown) + str(at.dataframe[1].value["waarom"].tolist())

    at.slider(key="ah_w_geografie").set_value(0.0)
    at.slider(key="ah_w_regio").set_value(5.0).run()
    weights = {"geografie": 0.0, "regio": 5.0}
    reweighed = aanhaken(basis, "gemeente:GM0147", weights=weights, top=3)
    table = at.dataframe[0].value
    assert list(table["score"]) == [s.score for s in reweighed.suggesties]
    assert (table["Geografie"] == 0).all()
    at.button(key="ah_reset").click().run()
    assert list(at.dataframe[0].value["score"]) == [s.score for s in expected.suggesties]
    assert not at.warning  # no example data on screen, so no banner


def test_aanhaken_switches_for_example_rows_and_derived_links(
    built: Path, shipped_graph: nx.MultiDiGraph
) -> None:
    at = open_page("aanhaken", {})
    at.selectbox(key="ah_gemeente").set_value("gemeente:GM0168").run()  # Losser
    assert at.dataframe[0].value["partner"].iloc[0] == "Enschede"
    at.toggle(key="ah_voorbeelden").set_value(True).run()
    assert_clean(at)
    full = aanhaken(shipped_graph, "gemeente:GM0168", top=3)
    table = at.dataframe[0].value
    assert list(table["partner"]) == [s.partner.naam for s in full.suggesties]
    assert (
        table["partner"].iloc[0] == "Almelo"
        and "MBO-infrastructuur" in table["rust op voorbeelddata"][0]
    )
    assert "Complementariteit" in table["rust op afgeleide koppeling"].iloc[0]
    assert at.warning  # the example-data banner
    at.toggle(key="ah_afgeleid").set_value(False).run()
    plain = aanhaken(analysis_basis(shipped_graph, True, False), "gemeente:GM0168", top=3)
    assert list(at.dataframe[0].value["score"]) == [s.score for s in plain.suggesties]
    assert not "".join(at.dataframe[0].value["rust op afgeleide koppeling"])


def test_kennis_theme_choice_and_group_sizes(built: Path, shipped_graph: nx.MultiDiGraph) -> None:
    at = open_page("kennis")
    assert_clean(at)
    # the askers are example rows, so by default nobody can be taught (issue 11)
    assert len(at.dataframe[2].value) == len(
        knowledge_exchange(analysis_basis(shipped_graph)).paren
    )
    at.toggle(key="ke_voorbeelden").set_value(True).run()
    everything = knowledge_exchange(shipped_graph)
    assert len(at.dataframe[2].value) == len(everything.paren) > 0
    assert "(voorbeelddata)" in " ".join(at.dataframe[1].value["vragers"])
    at.selectbox(key="ke_thema").set_value("thema:extra-middelen").run()
    one = knowledge_exchange(shipped_graph, "thema:extra-middelen")
    assert len(at.dataframe[2].value) == len(one.paren)
    assert texts(at.markdown).count("**Groep ") == len(one.groepen) > 0
    at.slider(key="ke_grootte").set_value((10, 12)).run()
    assert_clean(at)
    assert "Geen groepen" in texts(at.info)


def test_gemeente_page_shows_its_aanhaken_suggestions(
    built: Path, shipped_graph: nx.MultiDiGraph
) -> None:
    at = open_page("gemeente", {"gemeente": "GM0147"})
    best = aanhaken(analysis_basis(shipped_graph), "gemeente:GM0147", top=3).suggesties[0]
    assert f"**1. {best.partner.naam}**" in texts(at.markdown)
    at = open_page("gemeente", {"gemeente": "GM0141"})  # Almelo: others hook on here
    assert "hier zouden kunnen aanhaken" in texts(at.markdown)


def test_gemeente_page_lists_experience_apart_from_interest(built: Path) -> None:
    at = open_page("gemeente", {"gemeente": "GM0200"})  # Apeldoorn
    assert_clean(at)
    assert "**Ervaring met** (1)" in texts(at.markdown)
    theme = "Kleine gemeenten haken aan bij grote"
    tables = [d.value for d in at.dataframe if "relatie" in d.value.columns]
    assert [list(t["relatie"]) for t in tables if theme in set(t["naam"])] == [
        ["heeft ervaring met"]
    ]


BAD_RELATIONS = (
    b"van_soort,van,relatie,naar_soort,naar,niveau,toelichting,bron,bron_type,jaar\n"
    b"gemeente,Olst Wyhe,WERKT_SAMEN_MET,organisatie,movisie,heel erg,,eigen,gebruiker,2024\n"
    b"gemeente,Borne,KENT,organisatie,movisie,,,eigen,gebruiker,twintig\n"
)

GOOD_ORGANISATIONS = (
    b"sleutel,soort,naam,gemeente,omschrijving,bron,bron_type\n"
    b"mvo-borne,ondernemersnetwerk,MVO-kring Borne,Borne,Testkring,eigen inventarisatie,gebruiker\n"
)


def test_bad_upload_shows_its_problems_and_stores_nothing(built: Path) -> None:
    snapshot = (built / "graph.json").read_bytes()
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.switch_page(PAGES["data"])
    at.session_state["data_pending"] = Source("relaties_fout.csv", BAD_RELATIONS)
    at.run()
    assert_clean(at)
    problems = next(d.value for d in at.dataframe if "melding" in d.value.columns)
    assert list(problems.columns) == ["bestand", "rij", "kolom", "waarde", "melding", "niveau"]
    assert set(problems["rij"]) >= {2, 3}
    assert "niets opgeslagen" in texts(at.error)
    assert not [b for b in at.button if b.key == "data_add"]
    assert (built / "graph.json").read_bytes() == snapshot
    assert upload_sources(built) == []


def test_good_upload_is_added_after_confirmation(built: Path) -> None:
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.switch_page(PAGES["data"])
    at.session_state["data_pending"] = Source("organisaties_borne.csv", GOOD_ORGANISATIONS)
    at.run()
    assert "in orde" in texts(at.success)
    assert upload_sources(built) == []
    at.button(key="data_add").click().run()
    assert_clean(at)
    assert [s.name for s in upload_sources(built)] == ["organisaties_borne.csv"]
    assert "ondernemersnetwerk:mvo-borne" in MemoryStore(built).load()
    assert "toegevoegd" in texts(at.success)
    at.button(key="data_remove_organisaties_borne.csv").click().run()
    assert upload_sources(built) == []
    assert "ondernemersnetwerk:mvo-borne" not in MemoryStore(built).load()


def test_data_page_lists_files_and_offers_the_template(built: Path) -> None:
    at = open_page("data")
    loaded = at.dataframe[0].value
    assert "gemeenten.csv" in set(loaded["bestand"])
    assert set(loaded["herkomst"]) == {"meegeleverd"}
    labels = {b.proto.label for b in at.get("download_button")}
    assert labels == {"Sjabloon (XLSX)", "Sjabloon (CSV)"}


def test_instellingen_shows_the_store_and_rebuilds(built: Path) -> None:
    at = open_page("instellingen")
    assert "ingebouwde opslag" in texts(at.markdown)
    assert "94 nodes en 342 relaties" in texts(at.markdown)
    (built / "graph.json").unlink()
    at.button(key="status_rebuild").click().run()
    assert_clean(at)
    assert (built / "graph.json").is_file()
    assert "opnieuw gebouwd" in texts(at.success)


def test_unreachable_neo4j_falls_back_to_the_snapshot(
    built: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NETWERKKAART_STORE", "neo4j")
    monkeypatch.setenv("NEO4J_URI", "bolt://127.0.0.1:9")
    monkeypatch.setenv("NEO4J_PASSWORD", "geheim-wachtwoord")
    for page in ("netwerk", "instellingen"):
        at = open_page(page)
        assert_clean(at)
        assert "niet bereikbaar" in texts(at.warning)
        assert "ingebouwde snapshot" in texts(at.warning)
    assert len(map_nodes(open_page("netwerk"))) == 56  # the partners, without the vocabulary


def test_corrupt_snapshot_is_explained_not_raised(built: Path) -> None:
    (built / "graph.json").write_text("{kapot", encoding="utf-8")
    at = open_page("netwerk")
    assert_clean(at)
    assert "kan niet worden gelezen" in texts(at.error)


@pytest.mark.neo4j
def test_neo4j_store_status_network_and_cypher(
    workspace: Path,
    neo4j_env: Any,
    monkeypatch: pytest.MonkeyPatch,
    shipped_graph: nx.MultiDiGraph,
) -> None:
    monkeypatch.setenv("NETWERKKAART_STORE", "neo4j")
    with neo4j_env.store() as store:
        store.save(shipped_graph)
    status = open_page("instellingen")
    assert_clean(status)
    assert "**Neo4j-server:** 5." in texts(status.markdown)
    labels = next(d.value for d in status.dataframe if "label" in d.value.columns)
    assert dict(zip(labels["label"], labels["nodes"], strict=True))["Municipality"] == 26
    assert map_nodes(open_page("netwerk")) == set(select(shipped_graph, Selection()))

    at = open_page("ui/pages/cypher.py")
    assert_clean(at)
    at.selectbox(key="cypher_named").set_value("regiopartners").run()
    at.text_input(key="cypher_p_regiopartners_gemeente").input("Borne")
    at.button(key="cypher_run_named").click().run()
    assert_clean(at)
    assert not at.error, texts(at.error)
    assert at.dataframe[-1].value.shape[0] > 0

    at.text_area(key="cypher_text").input("MATCH (g:Municipality) SET g.naam = 'weg' RETURN g")
    at.button(key="cypher_run_free").click().run()
    assert "alleen lezen is toegestaan" in texts(at.error)
    with neo4j_env.store() as store:
        assert store.load().nodes["gemeente:GM0147"]["naam"] == "Borne"


def test_netwerk_measures_are_the_clis(shipped_graph: nx.MultiDiGraph) -> None:
    for examples in (False, True):
        basis = analysis_basis(shipped_graph, examples)
        table = network_measures(basis).table.set_index("id")
        for key in ("graad", "tussenheid", "pagerank"):
            shown = measure_values(shipped_graph, "test", key, examples)
            assert shown is not None
            assert shown.values == {n: float(v) for n, v in table[key].dropna().items()}
            assert ("zonder voorbeelddata" in shown.label) is not examples
    people = measure_values(shipped_graph, "test", "inwoners")
    assert people is not None and people.values["gemeente:GM0147"] == 24632.0
    assert measure_values(shipped_graph, "test", "soort") is None


def test_app_command_refuses_a_taken_port(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert cli.main(["app", "--port", str(port)]) == 1
    assert f"Kan niet luisteren op 127.0.0.1:{port}" in capsys.readouterr().err
    assert cli.main(["app", "--port", "70000"]) == 1
    assert "Poort 70000 bestaat niet" in capsys.readouterr().err


def test_app_command_serves_the_packaged_app() -> None:
    command = streamlit_command(8599, "127.0.0.1")
    assert Path(command[command.index("run") + 1]) == APP
    assert "--server.headless=true" in command and "--server.port=8599" in command


def test_data_page_warns_when_a_stored_upload_no_longer_fits(built: Path) -> None:
    (built / "uploads").mkdir()
    (built / "uploads" / "relaties_fout.csv").write_bytes(BAD_RELATIONS)
    at = open_page("data")
    assert_clean(at)
    assert "de opgeslagen graaf is de laatste die wel klopte" in texts(at.warning)
    assert "relaties_fout.csv" in set(at.dataframe[1].value["bestand"])
