"""The README's reverse proxy, for real: nginx with the committed config and TLS in front of
``netwerkkaart app --alleen-vragenlijst``, a round with a link, and Chromium opening that link.

Checked over HTTPS (the test's own CA is the self-signed certificate, so the certificate and host
name are verified): the app's page and ``/_stcore/health`` answer, only TLS 1.2 and 1.3 are
spoken, HSTS is sent, plain HTTP redirects to the same address over HTTPS, hidden files are not
served, the websocket upgrade Streamlit needs goes through (Chromium shows the questionnaire,
whose content only ever arrives over ``/_stcore/stream``), and the access log keeps no token.
"""

from __future__ import annotations

import http.client
import os
import re
import signal
import socket
import ssl
import subprocess
import sys
import urllib.parse
import urllib.request
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from bench.browser import CHROMIUM, FLAGS
from netwerkkaart.services.rounds import create_round, issue_links
from tests.browser_support import _free_port, wait_healthy
from tests.nginx_support import CONFIG, HOST, Proxy, nginx_binary, running_proxy

ROUND = "2027"
GEMEENTE = "Borne"
TITLE = "MBO 2027"
REFUSED = "Deze link is ongeldig of ingetrokken."
ACCESS_LOG = "netwerkkaart-vragenlijst.access.log"


@dataclass(frozen=True)
class Served:
    """The proxy in front of the questionnaire-only app, and one municipality's link."""

    proxy: Proxy
    link: str
    token: str


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """A round with a link for Borne whose base URL is the proxy, the app the README starts
    (``netwerkkaart app --alleen-vragenlijst --host 127.0.0.1``) and nginx in front of it."""
    nginx_binary()  # before starting anything: no nginx, no test (see nginx_unavailable)
    home = tmp_path_factory.mktemp("proxy-werkmap")
    app_port, http_port, https_port = _free_port(), _free_port(), _free_port()
    create_round(home, ROUND, TITLE, gemeenten=[GEMEENTE])
    (link,) = issue_links(home, ROUND, f"https://{HOST}:{https_port}")
    token = urllib.parse.parse_qs(urllib.parse.urlsplit(link.link).query)["token"][0]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "NETWERKKAART_"))}
    env["NETWERKKAART_HOME"] = str(home)
    command = ["app", "--alleen-vragenlijst", "--host", "127.0.0.1", "--port", str(app_port)]
    log = home / "vragenlijst.log"
    with log.open("wb") as out:
        app = subprocess.Popen(
            [sys.executable, "-c", f"from netwerkkaart.cli import main; main({command!r})"],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        wait_healthy(f"http://127.0.0.1:{app_port}", app, log)
        with running_proxy(app_port, http_port, https_port) as proxy:
            yield Served(proxy, link.link, token)
    finally:
        os.killpg(app.pid, signal.SIGTERM)
        try:
            app.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(app.pid, signal.SIGKILL)
            app.wait()


def _tls(proxy: Proxy, context: ssl.SSLContext | None = None) -> ssl.SSLSocket:
    """A verified TLS connection to the proxy as :data:`HOST` (trusting the test certificate)."""
    if context is None:
        context = ssl.create_default_context(cafile=str(proxy.folder / "fullchain.pem"))
    raw = socket.create_connection(("127.0.0.1", proxy.https_port), timeout=10)
    return context.wrap_socket(raw, server_hostname=HOST)


def _get(proxy: Proxy, path: str, *, tls: bool = True) -> tuple[http.client.HTTPResponse, bytes]:
    port = proxy.https_port if tls else proxy.http_port
    connection = http.client.HTTPConnection(HOST, port, timeout=10)
    connection.sock = _tls(proxy) if tls else socket.create_connection(("127.0.0.1", port), 10)
    connection.request("GET", path)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response, body


def test_https_serves_the_app_and_its_health(served: Served) -> None:
    page, body = _get(served.proxy, "/")
    assert page.status == 200 and b'<div id="root">' in body
    health, body = _get(served.proxy, "/_stcore/health")
    assert health.status == 200 and body.strip() == b"ok"
    hsts = health.getheader("Strict-Transport-Security") or ""
    assert int(hsts.split("max-age=")[1].split(";")[0]) >= 365 * 24 * 3600
    assert page.getheader("Referrer-Policy") == "no-referrer"
    assert "nginx/" not in (page.getheader("Server") or "")


def test_only_tls_1_2_and_newer(served: Served) -> None:
    with _tls(served.proxy) as modern:
        assert modern.version() in {"TLSv1.2", "TLSv1.3"}
    only_12 = ssl.create_default_context(cafile=str(served.proxy.folder / "fullchain.pem"))
    only_12.maximum_version = ssl.TLSVersion.TLSv1_2
    with _tls(served.proxy, only_12) as twelve:
        assert twelve.version() == "TLSv1.2"
    old = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    old.check_hostname, old.verify_mode = False, ssl.CERT_NONE
    old.set_ciphers("DEFAULT:@SECLEVEL=0")  # this client speaks TLS 1.0/1.1: the server won't
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # that is the point here
        old.minimum_version = ssl.TLSVersion.TLSv1
        old.maximum_version = ssl.TLSVersion.TLSv1_1
    with pytest.raises(ssl.SSLError) as refused:
        _tls(served.proxy, old)
    assert "NO_PROTOCOLS_AVAILABLE" not in str(refused.value)  # refused by nginx, not locally


def test_plain_http_redirects_to_the_same_address_over_https(served: Served) -> None:
    response, _ = _get(served.proxy, "/?token=abc&x=1", tls=False)
    assert response.status == 301
    assert response.getheader("Location") == f"https://{HOST}/?token=abc&x=1"


def test_nothing_but_the_app(served: Served) -> None:
    for path in ("/.git/config", "/.env", "/static/../.streamlit/secrets.toml"):
        response, body = _get(served.proxy, path)
        assert response.status in {400, 404}, path
        assert b"nginx/" not in body


def test_chromium_opens_the_questionnaire_through_the_proxy(
    served: Served, playwright_driver: Any
) -> None:
    """The page's content comes over the websocket only: seeing it proves the upgrade works."""
    resolve = f"--host-resolver-rules=MAP {HOST} 127.0.0.1"
    browser = playwright_driver.chromium.launch(
        executable_path=str(CHROMIUM), args=[*FLAGS, resolve], headless=True
    )
    try:
        context = browser.new_context(ignore_https_errors=True, locale="nl-NL")
        page = context.new_page()
        sockets: list[str] = []
        page.on("websocket", lambda socket_: sockets.append(socket_.url))
        assert served.link.startswith(f"https://{HOST}:")
        page.goto(served.link)
        page.get_by_text(TITLE).first.wait_for(timeout=60_000)  # the questionnaire's title
        page.get_by_text(GEMEENTE).first.wait_for(timeout=10_000)
        assert REFUSED not in page.inner_text("body")
        assert any(url.startswith(f"wss://{HOST}:") for url in sockets), sockets
        guessed = page.url.replace(served.token, "x" + served.token[1:])
        page.goto(guessed)
        page.get_by_text(REFUSED).wait_for(timeout=60_000)
        assert GEMEENTE not in page.inner_text("body")
        assert TITLE not in page.inner_text("body")
    finally:
        browser.close()
    access = served.proxy.log(ACCESS_LOG)
    assert '"GET /_stcore/stream HTTP/1.1" 101' in access
    assert served.token not in access and served.token[1:] not in access


def test_the_readme_shows_the_tested_config() -> None:
    readme = (CONFIG.parents[2] / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```nginx\n(.*?)```", readme, re.S)
    assert block and block.group(1) == CONFIG.read_text(encoding="utf-8")
