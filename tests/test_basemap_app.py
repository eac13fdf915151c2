"""The Netwerk page in Chromium: the geographic map lies on the municipal boundaries, the force
layout has none."""

from __future__ import annotations

import pytest

from tests.browser_support import AppServer, Tab
from tests.test_browser import map_frame, open_page
from tests.test_exports_html import check_base_map

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(("indeling", "drawn"), [("geo", True), ("force", False)])
def test_netwerk_page_draws_the_base_map_in_the_geographic_layout(
    tab: Tab, app_server: AppServer, indeling: str, drawn: bool
) -> None:
    page = open_page(tab, app_server, f"netwerk?indeling={indeling}", "Netwerk")
    check_base_map(map_frame(page), drawn, min_fill=10_000)
    assert tab.dialogs == []
