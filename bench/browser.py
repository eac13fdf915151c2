"""How long headless Chromium takes to show a map page: open, parse, build the network, draw.

The page is the app's own map HTML (written by :mod:`bench.app_timing`). Timing runs from the
start of navigation until vis-network has finished a complete drawing of every node; browser
start-up is excluded, since a user's browser is already open. Debian's ``/usr/bin/chromium`` is
driven through Playwright (``executable_path``), offline and without background traffic.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import sync_playwright

#: Debian's Chromium and the flags it needs on a closed network (shared with the browser tests).
CHROMIUM = Path("/usr/bin/chromium")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
#: Resolves once vis-network has drawn the whole picture (after forcing one redraw).
DRAWN = """() => new Promise((resolve) => {
  const kaart = window.netwerkkaart;
  kaart.network.once("afterDrawing", () => resolve(kaart.nodes.length));
  kaart.network.redraw();
})"""


@dataclass(frozen=True)
class BrowserFigures:
    render_s: float
    nodes_drawn: int
    version: str


def render(page_file: Path, timeout_s: float = 60) -> BrowserFigures:
    """Open ``page_file`` in headless Chromium and time it until the network is drawn."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=list(FLAGS), headless=True
        )
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            errors: list[str] = []
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            start = time.perf_counter()
            page.goto(page_file.resolve().as_uri(), timeout=timeout_s * 1000)
            page.wait_for_function("() => window.netwerkkaart !== undefined")
            drawn = int(page.evaluate(DRAWN))
            seconds = time.perf_counter() - start
            if errors:
                raise RuntimeError(f"error in the map page: {errors[0]}")
            return BrowserFigures(seconds, drawn, browser.version)
        finally:
            browser.close()
