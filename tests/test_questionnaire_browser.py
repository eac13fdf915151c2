"""A survey round end to end in headless Chromium: the CLI creates the round and its links, a
respondent fills in, leaves, comes back to the draft and sends; the answer shows in `ronde
status`, on the Ronde page and, after `netwerkkaart build`, in the graph with its provenance,
while that municipality's example rows are gone. The questionnaire's screenshot (README) is
written to artifacts/screenshots/vragenlijst.png."""

from __future__ import annotations

import csv
import json
import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from graph.model import BronType
from graph.stores.memory import MemoryStore
from netwerkkaart.services import rounds
from netwerkkaart.services.workspace import build_and_save
from tests.browser_support import AppServer, Tab, _free_port, serving, wait_healthy
from tests.cli_support import run
from tests.questionnaire_support import PASSWORD, ROUND, TITLE, open_round

pytestmark = pytest.mark.browser

TIMEOUT_MS = 60_000
CENTRE = "Vrijwilligerscentrale Dalfsen-Noord"
NETWORK = "Ondernemerskring Lemelerveld"


@pytest.fixture()
def round_server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[AppServer]:
    """A workspace built from the shipped data (Dalfsen has example answers), served."""
    home = tmp_path / "werkmap"
    monkeypatch.setenv("NETWERKKAART_HOME", str(home))
    monkeypatch.delenv("NETWERKKAART_STORE", raising=False)
    assert build_and_save(home, MemoryStore(home)).ok
    with serving(home) as server:
        yield server


def expect(locator: Any) -> Any:
    """Playwright's retrying assertions (imported here: without Playwright the browser fixtures
    skip, or fail under CI, with their own message)."""
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(locator)


def settled(page: Any) -> None:
    page.wait_for_selector("[data-testid='stStatusWidget']", state="detached", timeout=TIMEOUT_MS)


def heading(page: Any, text: str) -> None:
    page.get_by_role("heading", name=text).first.wait_for(timeout=TIMEOUT_MS)
    settled(page)


def choose(page: Any, label: str, option: str) -> None:
    """Pick ``option`` in the multiselect labelled ``label``."""
    box = page.locator("[data-testid='stMultiSelect']").filter(has_text=label)
    box.locator("input").click()
    page.get_by_role("option", name=option, exact=True).click()
    page.keyboard.press("Escape")
    settled(page)


def type_in(page: Any, label: str, text: str) -> None:
    field = page.get_by_label(label, exact=True)
    field.fill(text)
    field.press("Tab")  # Streamlit takes a text field's value when it loses focus
    settled(page)


def press(page: Any, name: str) -> None:
    """Click the button ``name`` once the page holds just one (a rerun briefly keeps the
    previous step's elements, stale, beside the new ones)."""
    button = page.get_by_role("button", name=name)
    expect(button).to_have_count(1, timeout=TIMEOUT_MS)
    button.click()
    settled(page)


def next_step(page: Any) -> None:
    """Volgende, then wait until the next step is drawn (a click during a rerun would be lost)."""
    shown = page.get_by_text(re.compile(r"^Stap \d+ van \d+$")).first.inner_text()
    number, total = (int(part) for part in re.findall(r"\d+", shown))
    press(page, "Volgende")
    page.get_by_text(f"Stap {number + 1} van {total}", exact=True).wait_for(timeout=TIMEOUT_MS)
    settled(page)


def dalfsen_edges(graph: Any) -> list[dict[str, Any]]:
    node = next(
        n
        for n, a in graph.nodes(data=True)
        if a.get("naam") == "Dalfsen" and a.get("kind") == "gemeente"
    )
    return [a for _, _, a in graph.out_edges(node, data=True)]


def test_a_round_end_to_end(
    tab: Tab, round_server: AppServer, screenshots: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home, page = round_server.home, tab.page
    before = dalfsen_edges(MemoryStore(home).load())
    assert any(a.get("bron_type") == BronType.VOORBEELD for a in before)
    code, out, _ = run(
        capsys, "ronde", "nieuw", ROUND, "--titel", TITLE, "--gemeenten", "Dalfsen,Borne"
    )
    assert code == 0, out
    links_csv = home.parent / "links.csv"
    code, out, _ = run(
        capsys,
        "ronde",
        "uitnodigen",
        ROUND,
        "--out",
        str(links_csv),
        "--basis-url",
        round_server.url,
    )
    assert code == 0, out
    with links_csv.open(encoding="utf-8-sig", newline="") as handle:
        link = {row["gemeente"]: row["link"] for row in csv.DictReader(handle)}["Dalfsen"]
    rounds.set_coordinator_password(home, PASSWORD)

    page.goto(link, wait_until="domcontentloaded")
    heading(page, f"Vragenlijst {TITLE}")
    assert page.locator("[data-testid='stSidebarNav']").count() == 0
    assert page.locator("[data-testid='stMainMenu']").count() == 0
    assert page.get_by_text("Deploy").count() == 0
    choose(page, "Welke MBO-activiteiten", "Beursvloer")
    type_in(page, "Naam van de vrijwilligerscentrale", CENTRE)
    type_in(page, "Actieve ondernemersnetwerken of -verenigingen", NETWORK)
    page.evaluate("document.activeElement.blur()")
    page.screenshot(path=str(screenshots / "vragenlijst.png"), full_page=True)
    next_step(page)
    page.get_by_text("Concept opgeslagen om").wait_for(timeout=TIMEOUT_MS)

    page.goto("about:blank")  # leave, then come back through the link
    page.goto(link, wait_until="domcontentloaded")
    heading(page, f"Vragenlijst {TITLE}")
    centre = page.get_by_label("Naam van de vrijwilligerscentrale", exact=True)
    expect(centre).to_have_value(CENTRE, timeout=TIMEOUT_MS)  # the draft, once drawn
    while page.get_by_role("heading", name="Samenvatting en verzenden").count() == 0:
        next_step(page)
    expect(page.get_by_text(CENTRE).first).to_be_visible(timeout=TIMEOUT_MS)
    press(page, "Verzenden")
    page.get_by_text("Hartelijk dank").wait_for(timeout=TIMEOUT_MS)
    assert tab.dialogs == []

    code, out, _ = run(capsys, "ronde", "status", ROUND, "--format", "json")
    status = json.loads(out)
    assert code == 0 and status["verzonden"] == 1
    assert {g["gemeente"]: g["status"] for g in status["gemeenten"]}["Dalfsen"] == "verzonden"

    page.goto(f"{round_server.url}/ronde", wait_until="domcontentloaded")
    heading(page, "Aanmelden")
    page.get_by_label("Wachtwoord van de coördinator").fill(PASSWORD)
    press(page, "Aanmelden")
    heading(page, "Ronde")  # the page asked for, once logged in
    page.get_by_text("1 van 2, 50%").wait_for(timeout=TIMEOUT_MS)
    page.get_by_text("11 van 24, 46%").wait_for(timeout=TIMEOUT_MS)

    code, out, _ = run(capsys, "build")
    assert code == 0, out
    graph = MemoryStore(home).load()
    after = dalfsen_edges(graph)
    assert not [a for a in after if a.get("bron_type") == BronType.VOORBEELD]
    from_round = [
        a for a in after if a.get("bron_type") == BronType.ENQUETE and a.get("jaar") == 2027
    ]
    assert from_round and all(str(a["bron"]).startswith(f"Ronde {ROUND}") for a in from_round)
    assert any(a.get("naam") == CENTRE for a in graph.nodes.values())


@contextmanager
def questionnaire_only(home: Path) -> Iterator[str]:
    """`netwerkkaart app --alleen-vragenlijst` on a free port, as a respondent's host runs it."""
    port = _free_port()
    log = home / "vragenlijst.log"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "NETWERKKAART_"))}
    env["NETWERKKAART_HOME"] = str(home)
    command = [str(Path(sys.executable).with_name("netwerkkaart")), "app", "--alleen-vragenlijst"]
    with log.open("wb") as out:
        process = subprocess.Popen(
            [*command, "--port", str(port)],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, process, log)
        yield url
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)


def test_questionnaire_only_mode_serves_nothing_else(tab: Tab, tmp_path: Path) -> None:
    home = tmp_path / "werkmap"
    token = open_round(home)["Borne"]
    page = tab.page
    with questionnaire_only(home) as url:
        for path in ("", "/data", "/ronde", "/instellingen?gemeente=Borne", "/?token=geraden"):
            page.goto(f"{url}{path}", wait_until="domcontentloaded")
            page.get_by_text(re.compile("persoonlijke link|ongeldig")).first.wait_for(
                timeout=TIMEOUT_MS
            )
            settled(page)
            assert page.get_by_role("heading").count() == 0, path
            assert page.locator("[data-testid='stSidebar']").count() == 0, path
            assert page.locator("[data-testid='stMainMenu']").count() == 0, path
            assert page.get_by_text("Page not found").count() == 0, path
        page.goto(f"{url}/netwerk?token={token}", wait_until="domcontentloaded")
        heading(page, f"Vragenlijst {TITLE}")
        expect(page.get_by_text("Gemeente Borne")).to_have_count(1, timeout=TIMEOUT_MS)
