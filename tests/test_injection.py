"""Hostile text is never run: in the app's pages and maps (headless Chromium), in every export,
in the CLI's output, and in Cypher; uploads above the size limit are refused politely.

The XSS corpus (``tests/injection_support.py``) sits in every text users can put in: names,
descriptions, sources and notes of organisations and relationships, survey answers, the name of
an uploaded file and of an XLSX sheet. In the browser, ``alert``/``confirm``/``prompt`` are
replaced in every frame before any script runs, so an injected script would leave a trace; a real
dialog, an element carrying the payload in an attribute, or a request for ``/x`` (what
``<img src=x>`` fetches) fails the test too.
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

from graph.stores.base import StoreError
from graph.stores.cypher_readonly import QueryRefused, run_read_only
from graph.stores.memory import MemoryStore
from loaders.datasets import Source
from netwerkkaart.cli import main
from netwerkkaart.cli.commands.serve import streamlit_command
from netwerkkaart.services.workspace import MEGABYTE, UPLOAD_LIMIT_BYTES, upload_sources
from tests.browser_support import AppServer, Tab, serving
from tests.exports_support import DATE
from tests.injection_support import (
    FORMULA_STARTS,
    XSS,
    hostile_workspace,
    workbook_with_hostile_sheet,
)
from tests.neo4j_support import empty_database
from views.exports.registry import render_export

APP = Path(__file__).resolve().parents[1] / "app.py"
ROOT = Path(__file__).resolve().parents[1]
TIMEOUT_MS = 60_000

#: Replaces the dialogs in every frame before the page's own scripts run; calls are recorded.
HOOKS = """
window.__nk_calls = [];
for (const name of ['alert', 'confirm', 'prompt']) {
  window[name] = (...args) => { window.__nk_calls.push(name + ':' + args.join(',')); };
}
"""
#: Elements an injection would have planted: event-handler attributes, javascript: links, the
#: image of ``<img src=x>``. (Attribute values holding the text as data, e.g. a title, are fine.)
PLANTED = """() => [...document.querySelectorAll('*')].filter(e => [...e.attributes].some(a =>
  /^on/i.test(a.name)
  || (/^(href|src|xlink:href|action|formaction)$/i.test(a.name) && /^\\s*javascript:/i.test(a.value))
  || (e.tagName === 'IMG' && a.name === 'src' && a.value === 'x'))).map(e => e.outerHTML.slice(0, 300))"""


@pytest.fixture(scope="module")
def hostile_graph_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return hostile_workspace(tmp_path_factory.mktemp("vijandige-werkmap"))


@pytest.fixture(scope="module")
def hostile(hostile_graph_home: Path) -> nx.MultiDiGraph:
    return MemoryStore(hostile_graph_home).load()


# --------------------------------------------------------------------------- the app in Chromium


@pytest.fixture(scope="module")
def hostile_server(hostile_graph_home: Path) -> Iterator[AppServer]:
    """The dashboard served (as `netwerkkaart app` serves it) on the hostile workspace."""
    with serving(hostile_graph_home) as server:
        yield server


@pytest.fixture()
def guarded(tab: Tab) -> Tab:
    """A tab whose frames record dialog calls, and that notes every request for ``/x``."""
    tab.page.add_init_script(HOOKS)
    tab.page.on(
        "request", lambda request: request.url.endswith("/x") and tab.dialogs.append(request.url)
    )
    return tab


def traces(tab: Tab) -> tuple[list[str], list[str]]:
    """(recorded dialog calls and requests, planted elements) over every frame of the page."""
    calls, planted = list(tab.dialogs), []
    for frame in tab.page.frames:
        try:
            calls += frame.evaluate("window.__nk_calls || ['geen haak in dit frame']")
            planted += frame.evaluate(PLANTED)
        except Exception as exc:  # a frame that went away while we looked
            if "detached" not in str(exc).lower() and "destroyed" not in str(exc).lower():
                raise
    return calls, planted


def frame_text(tab: Tab) -> str:
    return "\n".join(
        f.evaluate("document.body ? document.body.innerText : ''") for f in tab.page.frames
    )


def text_once_shown(tab: Tab, text: str) -> str:
    """The page's text once ``text`` is on it (Streamlit may still be drawing the last part)."""
    for _ in range(TIMEOUT_MS // 250):
        shown = frame_text(tab)
        if text in shown:
            return shown
        tab.page.wait_for_timeout(250)
    return frame_text(tab)


#: The caption ``draw_map`` writes above every map.
MAP_CAPTION = "Klik op een node voor de feiten en de bron"


def open_page(tab: Tab, server: AppServer, path: str, title: str) -> Any:
    page = tab.page
    page.goto(f"{server.url}/{path}", wait_until="domcontentloaded")
    page.get_by_role("heading", name=title, exact=True).first.wait_for(timeout=TIMEOUT_MS)
    page.wait_for_selector("[data-testid='stStatusWidget']", state="detached", timeout=TIMEOUT_MS)
    if page.get_by_text(MAP_CAPTION).count():  # a map is on its way (st.iframe mounts lazily)
        page.wait_for_selector("iframe[title='st.iframe']", timeout=TIMEOUT_MS)
        frame = page.query_selector("iframe[title='st.iframe']").content_frame()
        frame.wait_for_function("window.netwerkkaart !== undefined", timeout=TIMEOUT_MS)
    page.wait_for_timeout(700)  # let late handlers (img onerror, svg onload) fire
    return page


@pytest.mark.browser
def test_the_traps_catch_a_real_injection(guarded: Tab, tmp_path: Path) -> None:
    """The checks below can fail: a page that does put data into innerHTML is caught."""
    page = tmp_path / "lek.html"
    page.write_text(
        "<html><body><div id='d'></div><iframe srcdoc='<p>kader</p>'></iframe><script>"
        f"document.getElementById('d').innerHTML = {XSS[1]!r};</script></body></html>",
        encoding="utf-8",
    )
    guarded.page.goto(page.as_uri(), wait_until="load")
    guarded.page.wait_for_timeout(500)
    calls, planted = traces(guarded)
    assert "alert:1" in calls and any("onerror" in element for element in planted)


#: Every page, with a URL that puts the hostile data on screen, and text proving it is there.
PAGES = {
    "overzicht": ("", "Netwerkkaart MBO", None),  # charts: labels drawn, not DOM text
    "netwerk": ("netwerk?focus=organisatie:xss-2&stappen=2", "Netwerk", XSS[2]),
    "gemeente": ("gemeente?gemeente=GM0147", "Gemeente", "VC <script>alert(1)</script>"),
    "aanhaken": ("aanhaken?gemeente=GM0147", "Aanhaken", None),
    "kennis": ("kennis", "Kennisuitwisseling", None),
    "data": ("data", "Data", '"><svg onload=alert(1)>.csv'),
    "export": ("export?focus=organisatie:xss-2&stappen=1", "Export", None),
    "instellingen": ("instellingen", "Instellingen en status", None),
}


def one_line(labels: list[str]) -> set[str]:
    """Labels as text on one line: the map wraps long labels at spaces."""
    return {" ".join(label.split()) for label in labels}


@pytest.mark.browser
@pytest.mark.parametrize("name", list(PAGES))
def test_no_page_runs_the_hostile_text(guarded: Tab, hostile_server: AppServer, name: str) -> None:
    path, title, shown = PAGES[name]
    open_page(guarded, hostile_server, path, title)
    calls, planted = traces(guarded)
    assert calls == [] and planted == []
    assert guarded.page.locator("[data-testid='stException']").count() == 0
    if shown:
        assert shown in text_once_shown(guarded, shown)


@pytest.mark.browser
def test_the_map_shows_hostile_names_as_text(guarded: Tab, hostile_server: AppServer) -> None:
    page = open_page(guarded, hostile_server, "netwerk?focus=gemeente:GM0147&stappen=1", "Netwerk")
    page.wait_for_selector("iframe[title='st.iframe']", timeout=TIMEOUT_MS)
    frame = page.query_selector("iframe[title='st.iframe']").content_frame()
    frame.wait_for_function("window.netwerkkaart !== undefined", timeout=TIMEOUT_MS)
    labels = one_line(frame.evaluate("window.netwerkkaart.nodes.get().map(n => n.label)"))
    expected = one_line([XSS[0], XSS[3], XSS[6], XSS[9], f"VC {XSS[0]}"])  # Borne's partners
    assert expected <= labels
    assert frame.evaluate("document.scripts.length") == 2  # vis-network and the page's own
    assert traces(guarded) == ([], [])


@pytest.mark.browser
def test_a_hostile_bad_upload_is_shown_as_text(
    guarded: Tab, hostile_server: AppServer, tmp_path: Path
) -> None:
    upload = tmp_path / "<img src=x onerror=alert(1)>.csv"
    upload.write_text(
        "soort;naam;gemeente\nclub;<script>alert(1)</script>;<svg onload=alert(1)>\n",
        encoding="utf-8",
    )
    before = (hostile_server.home / "graph.json").read_bytes()
    page = open_page(guarded, hostile_server, "data", "Data")
    page.get_by_role("tab", name="Bestand toevoegen").click()
    page.locator("input[type='file']").set_input_files(str(upload))
    page.get_by_text("er is niets opgeslagen").first.wait_for(timeout=TIMEOUT_MS)
    page.wait_for_timeout(700)
    assert "<img src=x onerror=alert(1)>.csv" in frame_text(guarded)
    assert traces(guarded) == ([], [])
    assert (hostile_server.home / "graph.json").read_bytes() == before


@pytest.mark.browser
def test_a_hostile_sheet_name_is_shown_as_text(
    guarded: Tab, hostile_server: AppServer, tmp_path: Path
) -> None:
    upload = tmp_path / "nog een werkblad.xlsx"
    upload.write_bytes(workbook_with_hostile_sheet("xss-blad-2"))
    page = open_page(guarded, hostile_server, "data", "Data")
    page.get_by_role("tab", name="Bestand toevoegen").click()
    page.locator("input[type='file']").set_input_files(str(upload))
    page.get_by_text("is in orde").first.wait_for(timeout=TIMEOUT_MS)
    page.wait_for_timeout(700)
    assert traces(guarded) == ([], [])
    # the warning naming the sheet is a row of the problems table, a canvas grid (see
    # test_corpus.py, meerdere_werkbladen.xlsx, for its text in the app)
    assert page.locator("[data-testid='stDataFrame']").count() >= 1


@pytest.mark.browser
def test_an_oversized_upload_is_refused_before_it_reaches_the_app(
    guarded: Tab, hostile_server: AppServer, tmp_path: Path
) -> None:
    big = tmp_path / "groot.csv"
    big.write_bytes(b"soort;naam\n" + b" " * (UPLOAD_LIMIT_BYTES + 1))
    uploads = [s.name for s in upload_sources(hostile_server.home)]
    page = open_page(guarded, hostile_server, "data", "Data")
    page.get_by_role("tab", name="Bestand toevoegen").click()
    assert "20MB per file" in page.locator("[data-testid='stFileUploaderDropzone']").inner_text()
    page.locator("input[type='file']").set_input_files(str(big))
    page.get_by_text("File must be 20.0MB or smaller.").wait_for(timeout=TIMEOUT_MS)
    assert page.get_by_role("button", name="Toevoegen aan de graaf").count() == 0
    assert [s.name for s in upload_sources(hostile_server.home)] == uploads


@pytest.mark.browser
def test_html_export_offline_runs_nothing(
    guarded: Tab, hostile: nx.MultiDiGraph, tmp_path: Path
) -> None:
    path = tmp_path / "vijandig.html"
    path.write_bytes(render_export("html", hostile, datum=DATE, titel=XSS[1], selectie=XSS[2]))
    requests: list[str] = []

    def guard(route: Any) -> None:
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            requests.append(route.request.url)
            route.abort()

    guarded.page.route("**/*", guard)
    guarded.page.goto(path.as_uri(), wait_until="load")
    guarded.page.wait_for_selector("#nk-network canvas", timeout=30_000)
    guarded.page.wait_for_timeout(700)
    assert requests == []
    assert traces(guarded) == ([], [])
    labels = one_line(guarded.page.evaluate("window.netwerkkaart.nodes.get().map(n => n.label)"))
    assert one_line(XSS) <= labels
    assert XSS[1] in guarded.page.inner_text(".nk-head")


# --------------------------------------------------------------------------- exports


def test_csv_export_neutralises_every_formula(hostile: nx.MultiDiGraph) -> None:
    archive = zipfile.ZipFile(io.BytesIO(render_export("csv", hostile, datum=DATE)))
    import csv

    cells = [
        value
        for name in ("nodes.csv", "edges.csv")
        for row in csv.reader(io.StringIO(archive.read(name).decode("utf-8-sig")), delimiter=";")
        for value in row
    ]
    assert [c for c in cells if c.startswith(FORMULA_STARTS)] == []
    for text in XSS:
        shown = "'" + text if text.startswith(FORMULA_STARTS) else text
        assert shown in cells


def test_xlsx_export_holds_no_formula(hostile: nx.MultiDiGraph) -> None:
    book = load_workbook(io.BytesIO(render_export("xlsx", hostile, datum=DATE, titel=XSS[7])))
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    texts = [c.value for c in cells if isinstance(c.value, str)]
    assert [t for t in texts if t.startswith(FORMULA_STARTS)] == []
    assert "'" + XSS[7] in texts and XSS[0] in texts


@pytest.mark.parametrize("name", ["graphml", "gexf", "svg"])
def test_xml_exports_are_well_formed_and_keep_hostile_text_as_text(
    hostile: nx.MultiDiGraph, name: str
) -> None:
    payload = render_export(name, hostile, datum=DATE, titel=XSS[0], selectie=XSS[2])
    root = ET.fromstring(payload)
    tags = {element.tag.rsplit("}", 1)[-1].lower() for element in root.iter()}
    assert not tags & {"script", "img", "iframe", "foreignobject", "a"}
    attributes = [(k, v) for e in root.iter() for k, v in e.attrib.items()]
    assert [k for k, _ in attributes if k.lower().startswith("on")] == []
    if name == "svg":  # a browser follows links in SVG; the map draws municipality labels only
        assert not [v for _, v in attributes if v.strip().lower().startswith("javascript:")]
    else:  # data formats: the text is the data, intact
        values = [*(e.text or "" for e in root.iter()), *(v for _, v in attributes)]
        assert all(any(text in value for value in values) for text in XSS)


#: What a script may contain outside its string literals and comments.
DANGEROUS = re.compile(
    r"\b(DELETE|DETACH|DROP|REMOVE|LOAD|CALL|FOREACH|ALTER|TERMINATE|STOP|START|USE|apoc|dbms)\b",
    re.IGNORECASE,
)
LITERALS = re.compile(r"'(?:[^'\\]|\\.)*'|`(?:[^`]|``)*`|//[^\n]*")


def test_cypher_script_carries_data_only_inside_literals(hostile: nx.MultiDiGraph) -> None:
    script = render_export("cypher", hostile, datum=DATE, titel=XSS[6], selectie=XSS[4]).decode()
    outside = LITERALS.sub("''", script)
    assert DANGEROUS.findall(outside) == []
    assert "alert" not in outside and "DROP TABLE" not in outside
    assert outside.count("'") % 2 == 0


# --------------------------------------------------------------------------- CLI output


def test_cli_problem_lines_carry_no_terminal_escapes(
    workspace: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A cell may hold an escape sequence (clear screen, colours) or a line break; the CLI
    writes them out instead of sending them to the terminal."""
    path = tmp_path / "organisaties.csv"
    path.write_text('soort;naam;gemeente\norganisatie;X;"Bor\x1b[2Jne\nZwolle"\n', encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out
    assert "\x1b" not in out
    assert out.splitlines() == [
        "organisaties.csv:2:gemeente: onzichtbaar stuurteken (U+001B) in de cel; verwijder het",
        "organisaties.csv:2:gemeente: gemeente 'Bor\\x1b[2Jne\\nZwolle' is onbekend",
    ]


# --------------------------------------------------------------------------- upload size


def test_streamlit_upload_limit_is_the_workspace_limit() -> None:
    import tomllib

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] == UPLOAD_LIMIT_BYTES // MEGABYTE
    assert config["server"]["address"] == "127.0.0.1"
    assert f"--server.maxUploadSize={UPLOAD_LIMIT_BYTES // MEGABYTE}" in streamlit_command(1, "x")


TOO_BIG = b"soort;naam\n" + b" " * UPLOAD_LIMIT_BYTES
TOO_BIG_MESSAGE = "'groot.csv' is 20,0 MB; de grens is 20 MB."


def test_cli_validate_refuses_a_file_above_the_limit(
    workspace: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "groot.csv"
    path.write_bytes(TOO_BIG)
    assert main(["validate", str(path)]) == 1
    assert capsys.readouterr().err == f"fout: {TOO_BIG_MESSAGE}\n"


def test_app_refuses_a_file_above_the_limit_before_reading_it(workspace: Path) -> None:
    """Streamlit refuses such a file in the browser already (maxUploadSize); the app says it in
    Dutch too, e.g. when started with another maxUploadSize."""
    assert MemoryStore(workspace).exists() is False
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.switch_page("ui/pages/data.py")
    at.session_state["data_pending"] = Source("groot.csv", TOO_BIG)
    at.run()
    assert not at.exception
    assert at.error[0].value == f"'groot.csv' kan niet worden gecontroleerd: {TOO_BIG_MESSAGE}"
    assert not [b for b in at.button if b.key == "data_add"]
    assert not (workspace / "uploads").exists()


# --------------------------------------------------------------------------- Cypher guard

REFUSED = [
    "CREATE INDEX dief IF NOT EXISTS FOR (n:Municipality) ON (n.naam)",
    "DROP INDEX netwerkkaart_generatie IF EXISTS",
    "CREATE FULLTEXT INDEX tekst FOR (n:Municipality) ON EACH [n.naam]",
    "CALL db.createProperty('vreemd')",
    "CALL db.createRelationshipType('VREEMD')",
    "CALL db.clearQueryCaches()",
    "CALL dbms.setConfigValue('db.logs.query.enabled', 'OFF')",
    "CALL apoc.cypher.runWrite('CREATE (n)', {})",
    "CALL apoc.periodic.iterate('MATCH (n) RETURN n', 'DETACH DELETE n', {})",
    "ALTER USER neo4j SET PASSWORD 'overgenomen-123'",
    "CREATE DATABASE vreemd",
    "STOP DATABASE neo4j",
    "RETURN 1; CREATE (n)",
    "RETURN 1 /* ; */ ; CREATE (:Theme {id: 'x'})",
    "/* alleen lezen */ CREATE (:Theme {id: 'x'})",
    "// alleen lezen\nCREATE (:Theme {id: 'x'})",
    "MATCH (n) RETURN n // ;\nDETACH DELETE n",
    "PROFILE CREATE (:Theme {id: 'x'})",
    "EXPLAIN CREATE (:Theme {id: 'x'})",
    "CYPHER runtime=slotted CREATE (:Theme {id: 'x'})",
    "UNWIND range(1, 3) AS i CREATE (:Theme {id: toString(i)})",
    "CALL { CREATE (:Theme {id: 'x'}) } RETURN 1",
    "MATCH (n:Municipality) WITH n LIMIT 1 CALL (n) { SET n.naam = 'weg' } RETURN n",
    "MATCH (n:Municipality) WITH n LIMIT 1 SET n:Gekaapt RETURN n",
    "MATCH (n:Municipality) WITH collect(n) AS ns FOREACH (n IN ns | REMOVE n.naam)",
    "USE system CREATE USER indringer SET PASSWORD 'geheim-geheim'",
    "ＣＲＥＡＴＥ (:Theme {id: 'x'})",  # fullwidth letters
    "CRE\u200bATE (:Theme {id: 'x'})",  # a zero-width space inside the keyword
    "\u0421REATE (:Theme {id: 'x'})",  # a Cyrillic С
    "MATCH (n) RETURN n\u2028CREATE (:Theme {id: 'x'})",  # a Unicode line separator
]


def _fingerprint(store: Any) -> dict[str, Any]:
    """Everything a write could change: counts, tokens, schema, users, databases."""
    queries = {
        "nodes": "MATCH (n) RETURN count(n) AS v",
        "relaties": "MATCH ()-[r]->() RETURN count(r) AS v",
        "labels": "CALL db.labels() YIELD label RETURN collect(label) AS v",
        "types": "CALL db.relationshipTypes() YIELD relationshipType RETURN collect(relationshipType) AS v",
        "keys": "CALL db.propertyKeys() YIELD propertyKey RETURN collect(propertyKey) AS v",
        "schema": "SHOW INDEXES YIELD name RETURN collect(name) AS v",
        "naam": "MATCH (n:Municipality) RETURN collect(n.naam) AS v",
    }
    with store.session() as session:
        found = {k: session.run(q).single()["v"] for k, q in queries.items()}
    with store._driver.session(database="system") as session:
        found["users"] = [r["user"] for r in session.run("SHOW USERS YIELD user")]
        found["databases"] = sorted({r["name"] for r in session.run("SHOW DATABASES YIELD name")})
    return {k: sorted(v) if isinstance(v, list) else v for k, v in found.items()}


@pytest.fixture(scope="module")
def pushed(neo4j_server: Any, shipped_graph: nx.MultiDiGraph) -> Iterator[tuple[Any, dict]]:
    """The shipped graph in the session's Neo4j, and the fingerprint every test must keep."""
    empty_database(neo4j_server)
    with neo4j_server.store() as store:
        store.save(shipped_graph)
        yield store, _fingerprint(store)


@pytest.mark.neo4j
@pytest.mark.parametrize("query", REFUSED)
def test_the_cypher_guard_refuses_every_write_and_nothing_changes(
    query: str, pushed: tuple[Any, dict]
) -> None:
    store, before = pushed
    with pytest.raises(StoreError) as refused:
        run_read_only(store, query)
    assert isinstance(refused.value, QueryRefused), str(refused.value)
    message = str(refused.value)
    assert message.startswith(("Geweigerd", "De query is niet geldig")) and "\n" not in message
    assert _fingerprint(store) == before


@pytest.mark.neo4j
def test_a_commented_out_write_only_reads(pushed: tuple[Any, dict]) -> None:
    """What follows ``//`` on the same line is a comment: the query reads and that is all."""
    store, before = pushed
    result = run_read_only(store, "RETURN 1 AS een // ; MATCH (n) DETACH DELETE n")
    assert result.rows == [{"een": 1}]
    assert _fingerprint(store) == before
