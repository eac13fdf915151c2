"""The benchmark: ``python bench/run.py [--quick] [--json-out PATH]``.

Runs the real code paths on the shipped data (``small``), a synthetic province and (unless
``--quick``) the synthetic national data: build in a fresh process (time, peak memory), analysis
(all measures, aanhaken for every small municipality), the interactive HTML export, the Neo4j
push/pull against a naive per-row push, the Netwerk page under AppTest, and the app's reduced
map of the largest size in headless Chromium. It prints figures as it goes and, as its last line,
one JSON object (keys explained in docs/benchmark.md). A step that fails is reported in the JSON
under ``errors`` and leaves its keys null; the run goes on.

Neo4j: NEO4J_URI (+ NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE) when set, else a local server
started in a temporary workspace on a free port and stopped at the end.
"""

from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):  # run as `python bench/run.py`: make `bench` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import argparse
import json
import os
import tempfile
import time
import traceback
from collections.abc import Callable
from typing import Any

import networkx as nx

from bench import app_timing, browser, machine, neo4j_bench
from bench.build_probe import BuildFigures, run_probe
from bench.neo4j_push import connection
from bench.targets import GUARDS, TARGETS, check_targets, gross_regressions
from graph.aanhaken import aanhaken
from graph.metrics import network_measures
from graph.selection import NODE_CAP
from graph.store_memory import MemoryStore
from graph.store_neo4j import Neo4jStore
from netwerkkaart.synthetic import generate
from views.exports.registry import render_export

Log = Callable[[str], None]
#: Repeats for the fast figures on small inputs (the fastest counts; steadies the baseline).
SMALL_REPEATS = 5


def _timed(function: Callable[[], Any], repeat: int = 1) -> tuple[Any, float]:
    """The result of ``function`` and its fastest wall time over ``repeat`` calls."""
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        best = min(best, time.perf_counter() - start)
    return result, best


class Run:
    """One benchmark run: figures collected into one flat dict, errors kept per step."""

    def __init__(self, quick: bool, log: Log) -> None:
        self.quick = quick
        self.log = log
        self.sizes = ["small", "province"] if quick else ["small", "province", "national"]
        self.size = self.sizes[-1]
        self.result: dict[str, Any] = {"size": self.size, "quick": quick}
        self.errors: dict[str, str] = {}
        self.builds: dict[str, BuildFigures] = {}
        self.graphs: dict[str, nx.MultiDiGraph] = {}

    def step(self, name: str, work: Callable[[], None]) -> None:
        """Run one step; a failure is logged and recorded, and the run goes on."""
        start = time.perf_counter()
        try:
            work()
        except (Exception, SystemExit) as exc:  # bench.neo4j_push reports with SystemExit
            self.errors[name] = f"{type(exc).__name__}: {exc}"
            self.log(f"[{name}] FAILED: {self.errors[name]}")
            self.log(traceback.format_exc(limit=4))
        self.log(f"[{name}] done in {time.perf_counter() - start:.1f} s")

    # ------------------------------------------------------------------ steps

    def build(self, root: Path) -> None:
        for size in self.sizes:
            folder, generate_s = _timed(lambda s=size: generate(s, root / s / "data"))
            workspace = root / workspace_of(size)
            repeat = SMALL_REPEATS if size == "small" else 1
            figures = run_probe(folder, workspace, repeat)
            self.builds[size] = figures
            self.graphs[size], load_s = _timed(lambda w=workspace: MemoryStore(w).load())
            self.result[f"build_{size}_s"] = round(figures.seconds, 3)
            self.result[f"build_{size}_peak_mb"] = round(figures.peak_mb, 1)
            self.result[f"nodes_{size}"] = figures.nodes
            self.result[f"relationships_{size}"] = figures.relationships
            self.result[f"snapshot_load_{size}_s"] = round(load_s, 3)
            self.log(
                f"build {size}: {figures.seconds:.2f} s, peak {figures.peak_mb:.0f} MB, "
                f"{figures.nodes:,} nodes / {figures.relationships:,} relationships "
                f"(generated in {generate_s:.1f} s; snapshot read in {load_s:.2f} s)"
            )
        main = self.builds[self.size]
        self.result["build_s"] = round(main.seconds, 3)
        self.result["build_peak_mb"] = round(main.peak_mb, 1)
        self.result["build_scale_province_small"] = round(
            self.builds["province"].seconds / self.builds["small"].seconds, 1
        )

    def analysis(self) -> None:
        for size in self.sizes:
            graph = self.graphs[size]
            repeat = SMALL_REPEATS if size == "small" else 1
            measures, measures_s = _timed(lambda g=graph: network_measures(g), repeat)
            result, aanhaken_s = _timed(lambda g=graph: aanhaken(g), repeat)
            self.result[f"measures_{size}_s"] = round(measures_s, 3)
            self.result[f"aanhaken_all_{size}_s"] = round(aanhaken_s, 3)
            self.result[f"aanhaken_municipalities_{size}"] = len(result.gemeenten)
            self.log(
                f"analysis {size}: all measures {measures_s:.2f} s"
                f"{' (betweenness approximate)' if measures.approximate else ''}; aanhaken "
                f"{aanhaken_s:.2f} s for {len(result.gemeenten)} small municipalities "
                f"({len(result.suggesties):,} suggestions)"
            )
        self.result["measures_s"] = self.result[f"measures_{self.size}_s"]
        self.result["aanhaken_all_s"] = self.result[f"aanhaken_all_{self.size}_s"]
        self.result["aanhaken_scale_province_small"] = round(
            self.result["aanhaken_all_province_s"] / self.result["aanhaken_all_small_s"], 1
        )

    def html(self) -> None:
        for size in self.sizes:
            graph = self.graphs[size]
            repeat = SMALL_REPEATS if size == "small" else 1
            page, seconds = _timed(lambda g=graph: render_export("html", g), repeat)
            self.result[f"html_{size}_bytes"] = len(page)
            self.result[f"html_{size}_s"] = round(seconds, 3)
            self.log(f"html export {size}: {len(page) / 1e6:.2f} MB in {seconds:.2f} s")
        self.result["html_bytes"] = self.result["html_small_bytes"]
        self.result["html_s"] = self.result["html_small_s"]

    def neo4j(self) -> None:
        graph = self.graphs[self.size]
        with (
            connection() as (uri, user, password, database),
            Neo4jStore(uri, user, password, database) as store,
        ):
            self.result["neo4j_version"] = neo4j_bench.server_version(store)
            self.result["neo4j_started_here"] = not os.environ.get("NEO4J_URI")
            figures = neo4j_bench.measure(store, graph, self.graphs["small"])
        self.result["push_rows"] = figures.rows
        self.result["neo4j_first_push_small_s"] = round(figures.setup_s, 3)
        self.result["push_s"] = round(figures.push_s, 3)
        self.result["push_rows_per_s"] = round(figures.push_rows_per_s)
        self.result["push_replace_rows_per_s"] = round(figures.push_replace_rows_per_s)
        self.result["push_naive_rows"] = figures.naive_rows
        self.result["push_naive_rows_per_s"] = round(figures.naive_rows_per_s)
        self.result["push_speedup"] = round(figures.speedup, 1)
        self.result["pull_rows_per_s"] = round(figures.pull_rows_per_s)
        self.log(
            f"neo4j {self.result['neo4j_version']} ({self.size}, {figures.rows:,} rows): push "
            f"{figures.push_rows_per_s:,.0f} rows/s (replacing: "
            f"{figures.push_replace_rows_per_s:,.0f}), naive per-row push "
            f"{figures.naive_rows_per_s:,.0f} rows/s on {figures.naive_rows:,} rows -> "
            f"{figures.speedup:.1f}x; pull {figures.pull_rows_per_s:,.0f} rows/s"
        )

    def app(self, root: Path) -> None:
        for size in ("small", self.size):
            page = root / f"netwerk-{size}.html"
            figures = app_timing.run_measure(root / workspace_of(size), page)
            prefix = "app" if size == "small" else f"app_{size}"
            self.result[f"{prefix}_first_render_s"] = round(figures.first_render_s, 3)
            self.result[f"{prefix}_first_render_warm_imports_s"] = round(
                figures.first_render_warm_imports_s, 3
            )
            self.result[f"{prefix}_new_session_s"] = round(figures.new_session_s, 3)
            self.result[f"{prefix}_filter_change_s"] = round(figures.slowest_filter_change_s, 3)
            self.result[f"{prefix}_map_nodes"] = figures.map_nodes
            changes = ", ".join(f"{k} {v:.2f} s" for k, v in figures.filter_change_s.items())
            self.log(
                f"app Netwerk page {size}: first render {figures.first_render_s:.2f} s (with "
                f"imports done {figures.first_render_warm_imports_s:.2f} s, another visitor "
                f"{figures.new_session_s:.2f} s); filter changes {changes}; map shows "
                f"{figures.map_nodes} nodes"
                + (f" (notice: {figures.notice})" if figures.notice else "")
            )
            if size == self.size:
                self.result["reduced_notice_shown"] = figures.notice is not None
                self.browser(page, figures.map_nodes)

    def browser(self, page: Path, expected_nodes: int) -> None:
        figures = browser.render(page)
        if figures.nodes_drawn != expected_nodes:
            raise RuntimeError(f"Chromium drew {figures.nodes_drawn} of {expected_nodes} nodes")
        self.result["browser_reduced_render_s"] = round(figures.render_s, 3)
        self.result["browser_reduced_nodes"] = figures.nodes_drawn
        self.result["browser_reduced_bytes"] = page.stat().st_size
        self.result["node_cap"] = NODE_CAP
        self.result["chromium"] = figures.version
        self.log(
            f"chromium {figures.version}: the app's reduced {self.size} map "
            f"({figures.nodes_drawn} nodes, cap {NODE_CAP}, {page.stat().st_size / 1e6:.2f} MB) "
            f"drawn in {figures.render_s:.2f} s"
        )

    # ------------------------------------------------------------------ whole run

    def run(self) -> dict[str, Any]:
        started = time.perf_counter()
        self.result["machine"] = machine.describe()
        self.log(f"machine: {json.dumps(self.result['machine'])}")
        with tempfile.TemporaryDirectory(prefix="netwerkkaart-bench-") as tmp:
            root = Path(tmp)
            self.step("build", lambda: self.build(root))
            if set(self.sizes) <= set(self.graphs):
                self.step("analysis", self.analysis)
                self.step("html", self.html)
                self.step("neo4j", self.neo4j)
                self.step("app", lambda: self.app(root))
        self.result["machine"]["load_average_end"] = machine.load_average()
        self.result["measured_on"] = {
            key: "small" if key.startswith(("html_", "app_")) else self.size
            for key in (t.key for t in TARGETS)
        }
        self.result["targets"] = check_targets(self.result)
        self.result["guard_regressions"] = gross_regressions(self.result)
        self.result["guarded"] = [g.key for g in GUARDS]
        self.result["errors"] = self.errors
        self.result["total_s"] = round(time.perf_counter() - started, 1)
        for key, target in self.result["targets"].items():
            verdict = {True: "met", False: "MISSED", None: "not measured"}[target["met"]]
            self.log(f"target {target['text']}: {key} = {target['value']} -> {verdict}")
        return self.result


def workspace_of(size: str) -> str:
    return f"{size}/werkmap"


def run(quick: bool = False, log: Log = print) -> dict[str, Any]:
    """Run the benchmark and return its figures (the JSON object of the last line)."""
    return Run(quick, log).run()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small and province only")
    parser.add_argument("--json-out", type=Path, help="also write the JSON object here")
    args = parser.parse_args(argv)
    result = run(args.quick, log=lambda line: print(line, flush=True))
    line = json.dumps(result, ensure_ascii=False)
    if args.json_out:
        args.json_out.write_text(line + "\n", encoding="utf-8")
    print(line, flush=True)
    return 1 if result["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
