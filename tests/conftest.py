"""Shared fixtures: the shipped graph (built once per session) and an isolated workspace."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from data import DATA_DIR
from netwerkkaart.workspace import build

pytest_plugins = ["tests.neo4j_support", "tests.browser_support"]


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
