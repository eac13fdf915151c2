"""Shared fixtures: the shipped graph (built once per session) and an isolated workspace; and
how the suite splits over pytest-xdist workers (``make test`` runs ``-n 2 --dist loadgroup``;
session fixtures, such as the local Neo4j, exist once per worker)."""

from __future__ import annotations

import os
from pathlib import Path

import networkx as nx
import pytest

from data import DATA_DIR
from netwerkkaart.services.workspace import build

pytest_plugins = ["tests.neo4j_support", "tests.browser_support", "tests.download_support"]


def _worker_group(item: pytest.Item) -> str:
    """The tests that share one costly thing run on one worker: every test on the Neo4j that
    NEO4J_URI names (they empty its database, so they cannot run at once), every test in
    Chromium (one browser), and the rest per module (a module's fixtures are built once). Without
    NEO4J_URI each worker starts a Neo4j of its own, so the Neo4j tests go per module too."""
    fixtures = getattr(item, "fixturenames", ())
    # The marker too: some tests ask for the server only while they run (getfixturevalue).
    on_neo4j = "neo4j_server" in fixtures or item.get_closest_marker("neo4j") is not None
    if on_neo4j and os.environ.get("NEO4J_URI", "").strip():
        return "neo4j"
    if "playwright_driver" in fixtures:  # browser_context asks for it too
        return "chromium"
    return item.nodeid.split("::")[0]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        item.add_marker(pytest.mark.xdist_group(_worker_group(item)))


@pytest.fixture(scope="session")
def shipped_graph() -> nx.MultiDiGraph:
    """The graph built from the shipped data files (do not mutate; copy first)."""
    outcome = build(Path("/nonexistent-workspace"), DATA_DIR)
    assert outcome.graph is not None, [p.line() for p in outcome.result.report.problems]
    return outcome.graph


@pytest.fixture()
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty workspace folder, also set as NETWERKKAART_HOME for CLI calls in-process."""
    home = tmp_path / "werkmap"
    monkeypatch.setenv("NETWERKKAART_HOME", str(home))
    monkeypatch.delenv("NETWERKKAART_STORE", raising=False)
    return home
