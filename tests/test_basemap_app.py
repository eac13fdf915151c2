"""The Netwerk page in Chromium: the geographic map lies on the municipal boundaries, the force
layout has none."""

from __future__ import annotations

import pytest

from tests.browser_support import AppServer, Tab
from tests.test_browser import map_frame, open_page
from tests.test_exports_html import _fill_pixels

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(("indeling", "drawn"), [("geo", True), ("force", False)])
def test_netwerk_page_draws_the_base_map_in_the_geographic_layout(
    tab: Tab, app_server: AppServer, indeling: str, drawn: bool
) -> None:
    page = open_page(tab, app_server, f"netwerk?indeling={indeling}", "Netwerk")
    frame = map_frame(page)
    frame.wait_for_timeout(500)
    basemap = frame.evaluate("window.netwerkkaart.basemap")
    notes = frame.inner_text(".nk-side")
    if drawn:
        assert len(basemap["gebieden"]) == 26
        assert _fill_pixels(frame) > 10_000
        assert "Ondergrond: gemeentegrenzen 1-1-2015, CBS/PDOK" in notes
    else:
        # a drawn base map paints over 10,000 pixels in its colour; the force layout's
        # antialiased edges can hit that exact colour in a stray pixel or two
        assert basemap is None and _fill_pixels(frame) < 100
    assert tab.dialogs == []
