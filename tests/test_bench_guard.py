"""CI regression guard: a cheap part of the benchmark (shipped data and the province size).

It compares ratios measured within this one run (province against the shipped data, batched
against naive push) with the values documented in docs/benchmark.md, and fails only on a gross
regression (see :data:`bench.targets.GUARDS`), never on absolute timings, which depend on the
machine. The full figures come from ``python bench/run.py``.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import networkx as nx
import pytest

from bench import neo4j_bench
from bench.build_probe import BuildFigures, run_probe
from bench.targets import GUARDS, TARGETS, Guard, gross_regressions
from graph.analysis.aanhaken import aanhaken
from graph.stores.memory import MemoryStore
from netwerkkaart.cli.synthetic import generate
from netwerkkaart.services.workspace import build
from tests.neo4j_support import Neo4jConnection

DOCS = Path(__file__).resolve().parents[1] / "docs" / "benchmark.md"
GUARD = {g.key: g for g in GUARDS}
REPEATS = 5


@pytest.fixture(scope="module")
def sizes(
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, tuple[BuildFigures, nx.MultiDiGraph]]:
    """Build figures (fresh process) and the stored graph of the shipped data and a province."""
    root = tmp_path_factory.mktemp("bench")
    built = {}
    for size, repeat in (("small", REPEATS), ("province", 1)):
        workspace = root / size / "werkmap"
        figures = run_probe(generate(size, root / size / "data"), workspace, repeat)
        built[size] = (figures, MemoryStore(workspace).load())
    return built


@pytest.fixture(scope="module")
def province(tmp_path_factory: pytest.TempPathFactory) -> nx.MultiDiGraph:
    """The province graph built in this process: the Neo4j test needs the graph, not the build
    figures (it runs on the Neo4j worker, where :func:`sizes` would be built a second time)."""
    root = tmp_path_factory.mktemp("bench-neo4j")
    outcome = build(root / "werkmap", generate("province", root / "data"))
    assert outcome.graph is not None
    return outcome.graph


def _fastest(work, repeat: int = REPEATS) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best


def test_build_time_grows_with_the_data_not_faster(sizes) -> None:
    small, province = sizes["small"][0], sizes["province"][0]
    assert province.rows > 20 * small.rows
    ratio = province.seconds / small.seconds
    assert GUARD["build_scale_province_small"].regression(ratio) is None


def test_aanhaken_time_grows_with_the_data_not_faster(sizes) -> None:
    small, province = sizes["small"][1], sizes["province"][1]
    ratio = _fastest(lambda: aanhaken(province), 3) / _fastest(lambda: aanhaken(small))
    assert GUARD["aanhaken_scale_province_small"].regression(ratio) is None


@pytest.mark.neo4j
def test_batched_push_stays_far_ahead_of_the_naive_push(
    province: nx.MultiDiGraph, shipped_graph: nx.MultiDiGraph, neo4j_empty: Neo4jConnection
) -> None:
    with neo4j_empty.store() as store:
        figures = neo4j_bench.measure(store, province, shipped_graph, 600)
    assert figures.naive_rows >= 1_000
    assert GUARD["push_replace_speedup"].regression(figures.replace_speedup) is None


def test_a_guard_fails_on_a_gross_regression_only() -> None:
    higher = Guard("x", 40.0, higher_is_better=True, factor=2.0, text="t")
    lower = Guard("y", 60.0, higher_is_better=False, factor=3.0, text="t")
    assert higher.regression(21.0) is None and higher.regression(19.9) is not None
    assert lower.regression(179.0) is None and lower.regression(181.0) is not None
    found = gross_regressions({"push_replace_speedup": 1.0})
    assert found[0].startswith("push_replace_speedup = 1.0")
    assert gross_regressions({}) == []


def test_docs_state_every_guarded_value_and_target() -> None:
    text = DOCS.read_text(encoding="utf-8")
    for guard in GUARDS:
        assert re.search(rf"`{guard.key}`[^\n]*\| {guard.documented:g} \|", text), guard.key
    for target in TARGETS:
        assert f"`{target.key}`" in text, target.key
