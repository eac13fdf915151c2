"""The dashboard in a real browser (headless Chromium): pages, the map, a click, hostile names.

Screenshots of every page are written to ``artifacts/screenshots/`` (kept by CI).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.browser_support import AppServer, Tab

pytestmark = pytest.mark.browser

#: URL path -> page heading; the default page (Overzicht) lives at the root.
PAGES = {
    "": "Netwerkkaart MBO",
    "netwerk": "Netwerk",
    "gemeente": "Gemeente",
    "aanhaken": "Aanhaken",
    "kennis": "Kennisuitwisseling",
    "data": "Data",
    "export": "Export",
    "instellingen": "Instellingen en status",
}
EVIL_FILE = (
    "sleutel,soort,naam,gemeente,omschrijving,bron,bron_type\n"
    'xss-img,organisatie,<img src=x onerror=alert(1)>,Borne,"</script><script>alert(2)</script>",'
    "<b onmouseover=alert(3)>bron</b>,gebruiker\n"
    'xss-script,ondernemersnetwerk,"</script><script>alert(4)</script>",Borne,'
    "[klik](javascript:alert(5)),eigen,gebruiker\n"
)
TIMEOUT_MS = 60_000


def open_page(tab: Tab, server: AppServer, path: str, title: str) -> Any:
    """Go to a page and wait until Streamlit has finished drawing it."""
    page = tab.page
    page.goto(f"{server.url}/{path}", wait_until="domcontentloaded")
    page.get_by_role("heading", name=title, exact=True).first.wait_for(timeout=TIMEOUT_MS)
    page.wait_for_selector("[data-testid='stStatusWidget']", state="detached", timeout=TIMEOUT_MS)
    return page


def map_frame(page: Any) -> Any:
    """The network map's frame, once vis-network has drawn its canvas."""
    page.wait_for_selector("iframe[title='st.iframe']", timeout=TIMEOUT_MS)
    frame = page.frame_locator("iframe[title='st.iframe']").first
    frame.locator("#nk-network canvas").wait_for(timeout=TIMEOUT_MS)
    handle = page.query_selector("iframe[title='st.iframe']").content_frame()
    handle.wait_for_function("window.netwerkkaart !== undefined", timeout=TIMEOUT_MS)
    return handle


def click_node(page: Any, frame: Any, node: str) -> None:
    """A real mouse click on ``node``'s position on the canvas (zoomed in on it first)."""
    x, y, hit = frame.evaluate(
        """(id) => {
            const net = window.netwerkkaart.network;
            net.focus(id, {scale: 1.5, animation: false});
            const p = net.canvasToDOM(net.getPositions([id])[id]);
            const box = document.getElementById('nk-network').getBoundingClientRect();
            return [box.left + p.x, box.top + p.y, net.getNodeAt(p)];
        }""",
        node,
    )
    assert hit == node, f"{hit} ligt bovenop {node}"
    box = page.query_selector("iframe[title='st.iframe']").bounding_box()
    page.mouse.click(box["x"] + x, box["y"] + y)


@pytest.mark.parametrize("path", list(PAGES))
def test_page_opens_and_is_saved_as_screenshot(
    tab: Tab, app_server: AppServer, screenshots: Path, path: str
) -> None:
    page = open_page(tab, app_server, path, PAGES[path])
    if path in ("netwerk", "gemeente", "aanhaken"):
        map_frame(page)
        page.wait_for_timeout(500)
    if path == "":
        page.locator(
            "[data-testid='stVegaLiteChart'] canvas, [data-testid='stVegaLiteChart'] svg"
        ).first.wait_for(timeout=TIMEOUT_MS)
    assert page.get_by_text("Page not found").count() == 0
    assert page.locator("[data-testid='stException']").count() == 0
    page.screenshot(path=str(screenshots / f"{path or 'overzicht'}.png"), full_page=True)
    assert not tab.dialogs


def test_clicking_a_node_shows_its_details(
    tab: Tab, app_server: AppServer, screenshots: Path
) -> None:
    page = open_page(tab, app_server, "netwerk", "Netwerk")
    frame = map_frame(page)
    assert frame.locator("#nk-details .nk-hint").count() == 1
    click_node(page, frame, "gemeente:GM0147")
    details = frame.locator("#nk-details")
    details.locator("h3").wait_for(timeout=TIMEOUT_MS)
    assert details.locator("h3").inner_text() == "Borne"
    assert "GM0147" in details.inner_text()
    assert "referentiegegevens" in details.inner_text()
    page.screenshot(path=str(screenshots / "netwerk-details.png"), full_page=True)


def test_view_from_the_url_is_drawn(tab: Tab, app_server: AppServer) -> None:
    page = open_page(tab, app_server, "netwerk?focus=gemeente:GM0193&stappen=1", "Netwerk")
    frame = map_frame(page)
    assert frame.locator("#nk-details h3").inner_text() == "Zwolle"
    ids = frame.evaluate("window.netwerkkaart.nodes.getIds()")
    assert "gemeente:GM0193" in ids and "gemeente:GM0153" not in ids  # Enschede is far away
    assert "focus=gemeente" in page.url


def test_hostile_names_run_no_script(
    tab: Tab, app_server: AppServer, screenshots: Path, tmp_path: Path
) -> None:
    upload = tmp_path / "organisaties_xss.csv"
    upload.write_text(EVIL_FILE, encoding="utf-8")
    page = open_page(tab, app_server, "data", "Data")
    page.get_by_role("tab", name="Bestand toevoegen").click()
    page.locator("input[type='file']").set_input_files(str(upload))
    add = page.get_by_role("button", name="Toevoegen aan de graaf")
    add.wait_for(timeout=TIMEOUT_MS)
    add.click()
    page.get_by_text("is toegevoegd").wait_for(timeout=TIMEOUT_MS)

    page = open_page(tab, app_server, "netwerk?focus=organisatie:xss-img&stappen=2", "Netwerk")
    frame = map_frame(page)
    details = frame.locator("#nk-details")
    assert details.locator("h3").inner_text() == "<img src=x onerror=alert(1)>"
    click_node(page, frame, "ondernemersnetwerk:xss-script")
    details.locator("h3").filter(has_text="</script>").wait_for(timeout=TIMEOUT_MS)
    assert details.locator("h3").inner_text() == "</script><script>alert(4)</script>"
    page.mouse.move(10, 10)
    assert frame.evaluate("document.querySelectorAll('img, b').length") == 0
    assert frame.evaluate("document.scripts.length") == 2
    page.screenshot(path=str(screenshots / "netwerk-vijandige-namen.png"), full_page=True)

    page = open_page(tab, app_server, "gemeente?gemeente=GM0147", "Gemeente")
    frame = map_frame(page)
    assert "<img src=x onerror=alert(1)>" in frame.evaluate(
        "window.netwerkkaart.nodes.get().map(n => n.label.replace(/\\n/g, ' '))"
    )
    assert page.locator("img[src='x']").count() == 0
    page.wait_for_timeout(500)
    assert tab.dialogs == []
