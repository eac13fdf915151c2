"""Every dashboard session shows the graph stored now: a build or push from the CLI (another
process) or another session's upload is seen on the next rerun, without a rebuild or reconnect.

Both stores, each for real: the snapshot file, and a Neo4j server. Sessions are streamlit
AppTests in this process (they share the app's caches, as the sessions of one server do); the
CLI runs in a process of its own, as a user runs it.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from data import DATA_DIR
from graph.analysis.stats import graph_stats
from loaders.datasets import Source
from netwerkkaart import cli
from netwerkkaart.services.workspace import build
from tests.test_app import APP, GOOD_ORGANISATIONS, PAGES, assert_clean, open_page, texts

STORES = ["memory", pytest.param("neo4j", marks=pytest.mark.neo4j)]
CLI = (sys.executable, "-c", "from netwerkkaart.cli import main; raise SystemExit(main())")
#: The shipped data without this file makes a smaller graph for the second build.
LEFT_OUT = "enquete_2010_antwoorden_voorbeeld.csv"


@pytest.fixture(params=STORES)
def store_kind(
    request: pytest.FixtureRequest, workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> str:
    """The store the app and the CLI use (NETWERKKAART_STORE), holding the shipped graph."""
    if request.param == "neo4j":
        request.getfixturevalue("neo4j_env")
    monkeypatch.setenv("NETWERKKAART_STORE", request.param)
    assert cli.main(["build"]) == 0
    return request.param


def counts_line(workspace: Path, data_dir: Path = DATA_DIR) -> str:
    """What the Instellingen page says about a graph built from ``data_dir`` and the uploads."""
    outcome = build(workspace, data_dir)
    assert outcome.graph is not None
    stats = graph_stats(outcome.graph)
    return f"{stats.nodes} nodes en {stats.relationships} relaties"


def run_cli(*args: str) -> None:
    """``netwerkkaart ARGS`` in a process of its own (the environment names the workspace)."""
    done = subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr


def test_a_cli_build_or_push_is_seen_on_the_next_rerun(
    store_kind: str, workspace: Path, tmp_path: Path
) -> None:
    session = open_page("instellingen")
    assert_clean(session)
    before = counts_line(workspace)
    assert before in texts(session.markdown)

    smaller = tmp_path / "data"
    shutil.copytree(
        DATA_DIR, smaller, ignore=shutil.ignore_patterns(LEFT_OUT, "*.py", "__pycache__")
    )
    after = counts_line(workspace, smaller)
    assert after != before
    if store_kind == "memory":
        run_cli("build", "--data", str(smaller))
    else:  # a snapshot of the smaller graph, pushed by `netwerkkaart neo4j push`
        run_cli("build", "--store", "memory", "--data", str(smaller))
        run_cli("neo4j", "push")

    session.run()
    assert_clean(session)
    assert after in texts(session.markdown)
    assert before not in texts(session.markdown)


def test_an_upload_in_one_session_is_seen_by_another(store_kind: str, workspace: Path) -> None:
    watching = open_page("instellingen")
    before = counts_line(workspace)
    assert before in texts(watching.markdown)

    uploading = AppTest.from_file(str(APP), default_timeout=120)
    uploading.switch_page(PAGES["data"])
    uploading.session_state["data_pending"] = Source("organisaties_borne.csv", GOOD_ORGANISATIONS)
    uploading.run()
    uploading.button(key="data_add").click().run()
    assert_clean(uploading)
    assert "toegevoegd" in texts(uploading.success)
    after = counts_line(workspace)  # the shipped data with the upload
    assert after != before

    watching.run()
    assert_clean(watching)
    assert after in texts(watching.markdown)
