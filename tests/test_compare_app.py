"""The page Vergelijken: headless under AppTest, and the injection corpus through it in Chromium."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from graph.analysis.compare import compare
from graph.stores.memory import MemoryStore
from netwerkkaart.services.workspace import build_and_save
from tests.browser_support import AppServer, Tab, serving
from tests.compare_support import ANSWER_COLUMNS, WAVES, add_rounds
from tests.injection_support import XSS, hostile_workspace
from tests.test_injection import HOOKS, text_once_shown, traces
from tests.test_injection import open_page as open_in_browser
from ui.common import md
from views.pyvis_map import OVERLAY_STYLES

APP = Path(__file__).resolve().parents[1] / "app.py"
PAGE = "ui/pages/vergelijken.py"


def open_page(query: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.switch_page(PAGE)
    at.query_params.update(query or {})
    return at.run()


def texts(elements) -> str:
    return "\n".join(str(e.value) for e in elements)


def assert_clean(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, texts(at.error)


def map_edges(at: AppTest) -> list[dict]:
    frames = at.get("iframe")
    assert frames, "geen kaart op de pagina"
    match = re.search(r"var edges = new vis\.DataSet\((.*?)\);\n", frames[-1].proto.srcdoc)
    assert match
    return json.loads(match.group(1))


@pytest.fixture()
def rounds(workspace: Path) -> Path:
    return add_rounds(workspace)


def test_an_empty_workspace_offers_the_build(workspace: Path) -> None:
    at = open_page()
    assert_clean(at)
    assert "nog geen graaf" in texts(at.info)


def test_with_one_round_the_page_says_what_is_missing(workspace: Path) -> None:
    assert build_and_save(workspace, MemoryStore(workspace)).ok
    at = open_page()
    assert_clean(at)
    assert at.title[0].value == "Vergelijken"
    assert "minder dan twee enquêterondes" in texts(at.info)


def test_two_rounds_response_changes_ties_and_themes(rounds: Path) -> None:
    at = open_page({"van": "2027", "naar": "2029"})
    assert_clean(at)
    assert [m.label for m in at.metric] == ["Respons 2027", "Respons 2029"]
    assert at.metric[0].value == "3 van 24"
    assert "12,5% van de uitgenodigde gemeenten · Ronde 2029" in texts(at.caption)
    shown = texts(at.markdown)
    assert "**Nieuw geantwoord:** Dalfsen." in shown
    assert "**Niet meer geantwoord:** Borne." in shown
    changes, ties, themes = (frame.value for frame in at.dataframe)
    assert {
        "gemeente": "Almelo",
        "onderwerp": "ondernemersnetwerken",
        "verandering": "toegevoegd",
        "wat": "Club Almelo",
    } in changes.to_dict("records")
    assert {
        "gemeente": "Almelo",
        "onderwerp": "ambitie",
        "verandering": "gewijzigd",
        "wat": "ja → nee",
    } in changes.to_dict("records")
    assert set(zip(ties["partner"], ties["verandering"], strict=True)) == {
        ("Club Almelo", "nieuw"),
        ("VC Almelo", "vervallen"),
        ("Hengelo", "vervallen"),
        ("Kring Almelo", "ander niveau"),
    }
    expected = compare(MemoryStore(rounds).load(), "2027", "2029").themas
    policy = themes[themes["thema"] == "Gemeentelijk MBO-beleid opzetten"].iloc[0]
    wanted = next(t for t in expected if t["sleutel"] == "mbo-beleid")
    assert (policy["vraag 2027"], policy["vraag 2029"]) == (
        wanted["vraag_van"],
        wanted["vraag_naar"],
    )


def test_the_map_draws_new_lost_and_changed_ties_distinctly_with_a_legend(rounds: Path) -> None:
    at = open_page({"van": "2027", "naar": "2029"})
    assert_clean(at)
    drawn = {
        e["title"].split(":")[0]: e for e in map_edges(at) if "in ronde 2029" in e.get("title", "")
    }
    new = drawn["Almelo werkt samen met Club Almelo (structureel)"]
    lost = drawn["Almelo faciliteert VC Almelo (incidenteel)"]
    changed = drawn["Almelo werkt samen met Kring Almelo (incidenteel → structureel)"]
    assert new["color"]["color"] == OVERLAY_STYLES["nieuw"].colour and new["dashes"] is False
    assert lost["color"]["color"] == OVERLAY_STYLES["vervallen"].colour and lost["dashes"] == [8, 6]
    assert changed["color"]["color"] == OVERLAY_STYLES["gewijzigd"].colour
    assert len({new["color"]["color"], lost["color"]["color"], changed["color"]["color"]}) == 3
    page = at.get("iframe")[-1].proto.srcdoc
    for style in ("nieuw", "vervallen", "gewijzigd"):
        assert OVERLAY_STYLES[style].label in page
    assert "Op de kaart: 4 van 4 veranderde banden" in texts(at.caption)


def test_the_rounds_follow_the_picker_and_example_rows_are_announced(rounds: Path) -> None:
    at = open_page()
    assert_clean(at)
    assert (at.selectbox(key="vg_van").value, at.selectbox(key="vg_naar").value) == ("2027", "2029")
    at.selectbox(key="vg_van").set_value("2010").run()
    assert_clean(at)
    assert at.query_params["van"] == "2010"
    assert "Voorbeelddata tellen niet mee als verandering" in texts(at.info)
    assert "Geen gemeente heeft in beide rondes (echte) antwoorden" in texts(at.caption)
    assert len(at.dataframe) == 1  # only 2027's theme demand: 2010's answers are examples
    at.selectbox(key="vg_naar").set_value("2010").run()
    assert "Kies twee verschillende rondes." in texts(at.warning)


# ------------------------------------------------------------------ the injection corpus

#: Borne's 2027 answers in the hostile workspace: it keeps one hostile network of 2010, drops
#: the other and its centre, names a new hostile network and a hostile note.
HOSTILE_ANSWERS = (
    f"{ANSWER_COLUMNS}\n"
    f'2027,Borne,nl-doet,"Kring {XSS[1]};Bond {XSS[4]}",structureel,,,mbo-beleid,,ja,enquete\n'
)


#: A round whose name is hostile: the page shows it as text under the response figures.
HOSTILE_ROUND = f"Ronde {XSS[1]}"
HOSTILE_WAVES = WAVES.replace("Ronde 2027", HOSTILE_ROUND)


@pytest.fixture(scope="module")
def hostile_rounds(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = hostile_workspace(tmp_path_factory.mktemp("vijandige-rondes"))
    return add_rounds(home, HOSTILE_ANSWERS, HOSTILE_WAVES)


def test_hostile_names_stay_text_on_the_page(
    hostile_rounds: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NETWERKKAART_HOME", str(hostile_rounds))
    monkeypatch.delenv("NETWERKKAART_STORE", raising=False)
    at = open_page({"van": "2010", "naar": "2027"})
    assert_clean(at)
    ties = at.dataframe[1].value
    assert f"Bond {XSS[4]}" in set(ties["partner"]) and f"Club {XSS[2]}" in set(ties["partner"])
    markdown = texts(at.markdown) + texts(at.caption) + texts(at.info)
    assert not re.search(r"(?<!\\)<", markdown)  # every "<" from data is escaped
    assert md(HOSTILE_ROUND) in texts(at.caption)  # escaped for markdown, shown as text
    edges = [e for e in map_edges(at) if "in ronde 2027" in e.get("title", "")]
    assert any(f"Bond {XSS[4]}" in e["title"] for e in edges)
    assert "</script><script>" not in at.get("iframe")[-1].proto.srcdoc.split("var edges")[1]


@pytest.mark.browser
def test_hostile_names_run_nothing_in_the_browser(hostile_rounds: Path, tab: Tab) -> None:
    tab.page.add_init_script(HOOKS)  # as test_injection's guarded tab: dialogs and /x noted
    tab.page.on("request", lambda r: r.url.endswith("/x") and tab.dialogs.append(r.url))
    with serving(hostile_rounds) as server:
        served: AppServer = server
        open_in_browser(tab, served, "vergelijken?van=2010&naar=2027", "Vergelijken")
        assert HOSTILE_ROUND in text_once_shown(tab, HOSTILE_ROUND)
        assert traces(tab) == ([], [])
        assert tab.page.locator("[data-testid='stException']").count() == 0
