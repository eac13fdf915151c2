"""Browser tests' fixtures: Debian's Chromium driven by Playwright, and the app on a free port.

Without ``/usr/bin/chromium`` (or Playwright) the browser tests are skipped with one line saying
why, except under ``CI=true``, where that is a failure: CI installs Chromium and must run them.
The app is started exactly as ``netwerkkaart app`` starts it, in a fresh workspace built from
the shipped data, and stopped at the end of the session.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from bench.browser import CHROMIUM, FLAGS
from graph.stores.memory import MemoryStore
from netwerkkaart.cli.commands.serve import streamlit_command
from netwerkkaart.services.workspace import build_and_save

SCREENSHOTS = Path(__file__).resolve().parents[1] / "artifacts" / "screenshots"
STARTUP_TIMEOUT_S = 90


def browser_unavailable(reason: str) -> None:
    """The one way a test gives up for want of Chromium: skipped here, a failure under CI=true."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"browsertests kunnen niet draaien onder CI: {reason}")
    pytest.skip(f"browsertests overgeslagen: {reason}")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass(frozen=True)
class AppServer:
    """A running dashboard: its address and its workspace."""

    url: str
    home: Path
    log: Path


def wait_healthy(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(
                f"de app stopte bij het starten:\n{log.read_text(errors='replace')[-3000:]}"
            )
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read().strip() == b"ok":
                    return
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"de app startte niet binnen {STARTUP_TIMEOUT_S} s:\n{log.read_text()[-3000:]}")


@contextmanager
def serving(home: Path) -> Iterator[AppServer]:
    """``streamlit run app.py`` (as `netwerkkaart app` runs it) on a free localhost port for the
    workspace ``home``, stopped with its process group afterwards."""
    port = _free_port()
    log = home / "streamlit.log"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "NETWERKKAART_"))}
    env["NETWERKKAART_HOME"] = str(home)
    with log.open("wb") as out:
        process = subprocess.Popen(
            streamlit_command(port, "127.0.0.1"),
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, process, log)
        yield AppServer(url, home, log)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@pytest.fixture(scope="session")
def app_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    """The dashboard on a workspace built from the shipped data."""
    home = tmp_path_factory.mktemp("browser-werkmap")
    assert build_and_save(home, MemoryStore(home)).ok
    with serving(home) as server:
        yield server


@pytest.fixture(scope="session")
def playwright_driver() -> Iterator[Any]:
    """The test process's one Playwright driver: a second ``sync_playwright()`` started while
    the first runs fails ("Sync API inside the asyncio loop"), so every browser launches here."""
    if not CHROMIUM.is_file():
        browser_unavailable(f"{CHROMIUM} ontbreekt (installeer met: apt-get install -y chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        browser_unavailable("het Python-pakket playwright is niet geïnstalleerd")
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser_context(
    playwright_driver: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Any]:
    """A Chromium context with a fresh user-data-dir (no profile, no network side traffic)."""
    profile = tmp_path_factory.mktemp("chromium-profiel")
    context = playwright_driver.chromium.launch_persistent_context(
        str(profile),
        executable_path=str(CHROMIUM),
        args=list(FLAGS),
        headless=True,
        viewport={"width": 1440, "height": 1000},
        locale="nl-NL",
    )
    try:
        yield context
    finally:
        context.close()


@dataclass
class Tab:
    """A browser tab and every JavaScript dialog (alert, confirm, prompt) it tried to open."""

    page: Any
    dialogs: list[str]


@pytest.fixture()
def tab(browser_context: Any) -> Iterator[Tab]:
    """A fresh tab; dialogs from the page or any of its frames are recorded and dismissed."""
    opened = Tab(browser_context.new_page(), [])

    def record(dialog: Any) -> None:
        opened.dialogs.append(dialog.message)
        dialog.dismiss()

    opened.page.on("dialog", record)
    try:
        yield opened
    finally:
        opened.page.close()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
