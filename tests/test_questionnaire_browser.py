"""A survey round end to end in headless Chromium: the CLI creates the round and its links, a
respondent fills in, leaves, comes back to the draft and sends; the answer shows in `ronde
status`, on the Ronde page and, after `netwerkkaart build`, in the graph with its provenance,
while that municipality's example rows are gone. The questionnaire's screenshot (README) is
written to artifacts/screenshots/vragenlijst.png."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from graph.model import BronType
from graph.stores.memory import MemoryStore
from netwerkkaart.services import rounds
from netwerkkaart.services.workspace import build_and_save
from tests.browser_support import AppServer, Tab, serving
from tests.cli_support import run
from tests.questionnaire_support import PASSWORD, ROUND, TITLE

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
    page.get_by_role("button", name=name).click()
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
    page.screenshot(path=str(screenshots / "vragenlijst.png"), full_page=True)
    press(page, "Volgende")
    page.get_by_text("Concept opgeslagen om").wait_for(timeout=TIMEOUT_MS)

    page.goto("about:blank")  # leave, then come back through the link
    page.goto(link, wait_until="domcontentloaded")
    heading(page, f"Vragenlijst {TITLE}")
    assert (
        page.get_by_label("Naam van de vrijwilligerscentrale", exact=True).input_value() == CENTRE
    )
    while page.get_by_role("heading", name="Samenvatting en verzenden").count() == 0:
        press(page, "Volgende")
    assert page.get_by_text(CENTRE).count() >= 1
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
    page.get_by_role("link", name="Ronde").click()
    heading(page, "Ronde")
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
