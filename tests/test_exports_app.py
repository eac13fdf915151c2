"""The Export page (streamlit AppTest): the Netwerk filters choose what every download holds."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from graph.selection import Selection
from graph.stores.memory import MemoryStore
from netwerkkaart.services.workspace import build_and_save
from views.exports.jsonfmt import load_json_export
from views.exports.registry import EXPORTS

APP = Path(__file__).resolve().parents[1] / "app.py"
PAGE = "ui/pages/export.py"


def open_export(query: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.switch_page(PAGE)
    at.query_params.update(query or {})
    return at.run()


def make(at: AppTest, name: str) -> AppTest:
    at.button(key=f"exp_make_{name}").click()
    return at.run()


@pytest.fixture()
def built(workspace: Path) -> Path:
    assert build_and_save(workspace, MemoryStore(workspace)).ok
    return workspace


def test_page_offers_every_format(built: Path) -> None:
    at = open_export()
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == "Export"
    keys = {b.key for b in at.button}
    assert {f"exp_make_{name}" for name in EXPORTS} <= keys
    assert "voorbeelddata" in "\n".join(str(w.value) for w in at.warning)
    assert "het hele netwerk" in "\n".join(str(m.value) for m in at.markdown)


def test_empty_workspace_prompts_to_build(workspace: Path) -> None:
    at = open_export()
    assert not at.exception
    assert "Er is nog geen graaf" in "\n".join(str(i.value) for i in at.info)


def test_the_netwerk_selection_decides_what_is_exported(
    built: Path, downloads: dict[str, bytes]
) -> None:
    query = Selection(regions=frozenset({"regio:regio-twente"})).to_query_params()
    at = open_export(query)
    assert "Regio Twente en hun partners" in "\n".join(str(m.value) for m in at.markdown)
    at = make(at, "json")
    assert not at.exception, [e.value for e in at.exception]
    name = "netwerkkaart-regio-twente-en-hun-partners.json"
    assert list(downloads) == [name]
    graph = load_json_export(downloads[name])
    assert "gemeente:GM0147" in graph and "gemeente:GM0193" not in graph


def test_options_reach_the_file_and_a_change_asks_again(
    built: Path, downloads: dict[str, bytes]
) -> None:
    at = open_export()
    at.radio(key="exp_csv").set_value("plain")
    at = make(at.run(), "csv")
    nodes = zipfile.ZipFile(io.BytesIO(downloads["netwerkkaart-het-hele-netwerk.zip"])).read(
        "nodes.csv"
    )
    assert nodes.startswith(b"id,kind,naam,")
    at.text_input(key="exp_titel").set_value("Mijn titel").run()
    assert "exp_make_csv" in {b.key for b in at.button}, "a changed option asks again"


def test_the_netwerk_page_exports_what_it_shows(built: Path, downloads: dict[str, bytes]) -> None:
    query = Selection(focus="gemeente:GM0147", hops=1).to_query_params()
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.switch_page("ui/pages/netwerk.py")
    at.query_params.update(query)
    at = make(at.run(), "json")
    assert not at.exception, [e.value for e in at.exception]
    (name,) = downloads
    graph = load_json_export(downloads[name])
    assert "gemeente:GM0147" in graph and "gemeente:GM0193" not in graph  # Borne, not Zwolle
