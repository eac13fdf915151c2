"""The benchmark: ``python bench/run.py [--quick] [--repeat N] [--json-out PATH]``.

Runs the real code paths on the shipped data (``small``), a synthetic province and (unless
``--quick``) the synthetic national data: build in a fresh process (time, peak memory), analysis
(all measures, aanhaken for every small municipality), ``netwerkkaart vergelijk`` on the national
data's two synthetic survey rounds, the interactive HTML export, the summary note and factsheets,
the Neo4j push/pull against a naive per-row push, the Netwerk page under AppTest, the app's reduced
map of the largest size in headless Chromium, and a survey round with 25 respondents saving
drafts and sending at once against the real rounds database. Every figure is the median of ``--repeat`` runs
(default 3, quick 1); on the shipped data each run keeps the fastest of five, since a few
milliseconds are easily disturbed. It prints figures as it goes and, as its last line, one JSON
object (keys explained in docs/benchmark.md). A step that fails is reported in the JSON under
``errors`` and leaves its keys out; the run goes on.

Neo4j: NEO4J_URI (+ NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE) when set, else a local server
started in a temporary workspace on a free port and stopped at the end.
"""

from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):  # run as `python bench/run.py`: make `bench` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import argparse
import contextlib
import io
import json
import os
import statistics
import tempfile
import time
import traceback
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import networkx as nx

from bench import app_timing, browser, machine, neo4j_bench, round_load
from bench.build_probe import BuildFigures, run_probe
from bench.neo4j_push import connection
from bench.targets import GUARDS, TARGETS, check_targets, gross_regressions
from graph.analysis.aanhaken import aanhaken
from graph.analysis.compare import compare, waves
from graph.analysis.metrics import network_measures
from graph.analysis.survey_findings import survey_waves
from graph.selection import NODE_CAP
from graph.stores.memory import MemoryStore
from graph.stores.neo4j import Neo4jStore
from netwerkkaart.cli import main as cli_main
from netwerkkaart.cli.synthetic import generate
from netwerkkaart.services.documents import all_factsheets, note_bytes
from views.exports.registry import render_export
from views.tabular import to_json_text

Log = Callable[[str], None]
T = TypeVar("T")
#: Runs on the shipped data per measurement; the fastest counts (steadies a tiny baseline).
SMALL_REPEATS = 5
#: Relationships in the naive Neo4j sample (full run; quick runs a smaller one).
NAIVE_RELATIONSHIPS = {True: 600, False: 1_500}
#: Targets measured on the shipped data whatever the largest size (the documents of one round).
DOCUMENT_KEYS = ("note_s", "factsheets_all_s")


def _timed(function: Callable[[], T], fastest_of: int = 1) -> tuple[T, float]:
    """The result of ``function`` and its fastest wall time over ``fastest_of`` calls."""
    best, result = float("inf"), None
    for _ in range(fastest_of):
        start = time.perf_counter()
        result = function()
        best = min(best, time.perf_counter() - start)
    return result, best  # type: ignore[return-value]


def _median(values: Sequence[float]) -> float:
    return float(statistics.median(values))


def _spread(values: Sequence[float]) -> str:
    """``1.23 s`` or, over several runs, ``1.23 s (1.10–1.40)``."""
    text = f"{_median(values):.2f} s"
    return text if len(values) == 1 else f"{text} ({min(values):.2f}–{max(values):.2f})"


def workspace_of(root: Path, size: str) -> Path:
    return root / size / "werkmap"


class Run:
    """One benchmark run: figures collected into one flat dict, errors kept per step."""

    def __init__(self, quick: bool, repeat: int, log: Log) -> None:
        self.quick = quick
        self.repeat = max(1, repeat)
        self.log = log
        self.sizes = ["small", "province"] if quick else ["small", "province", "national"]
        self.size = self.sizes[-1]
        self.result: dict[str, Any] = {"size": self.size, "quick": quick, "repeat": self.repeat}
        self.errors: dict[str, str] = {}
        self.graphs: dict[str, nx.MultiDiGraph] = {}

    def fastest_of(self, size: str) -> int:
        return SMALL_REPEATS if size == "small" else 1

    def runs(self, work: Callable[[], T]) -> list[T]:
        return [work() for _ in range(self.repeat)]

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
        medians: dict[str, float] = {}
        for size in self.sizes:
            folder, generate_s = _timed(lambda s=size: generate(s, root / s / "data"))
            workspace = workspace_of(root, size)
            probes: list[BuildFigures] = self.runs(
                lambda f=folder, w=workspace, s=size: run_probe(f, w, self.fastest_of(s))
            )
            self.graphs[size], load_s = _timed(lambda w=workspace: MemoryStore(w).load())
            seconds = [p.seconds for p in probes]
            peak = max(p.peak_mb for p in probes)
            medians[size] = _median(seconds)
            self.result[f"build_{size}_s"] = round(medians[size], 3)
            self.result[f"build_{size}_peak_mb"] = round(peak, 1)
            self.result[f"nodes_{size}"] = probes[0].nodes
            self.result[f"relationships_{size}"] = probes[0].relationships
            self.result[f"snapshot_load_{size}_s"] = round(load_s, 3)
            self.log(
                f"build {size}: {_spread(seconds)}, peak {peak:.0f} MB, "
                f"{probes[0].nodes:,} nodes / {probes[0].relationships:,} relationships "
                f"(generated in {generate_s:.1f} s; snapshot read in {load_s:.2f} s)"
            )
        self.result["build_s"] = self.result[f"build_{self.size}_s"]
        self.result["build_peak_mb"] = self.result[f"build_{self.size}_peak_mb"]
        self.result["build_scale_province_small"] = round(medians["province"] / medians["small"], 1)

    def analysis(self) -> None:
        for size in self.sizes:
            graph, fastest = self.graphs[size], self.fastest_of(size)
            measured = self.runs(lambda g=graph, f=fastest: _timed(lambda: network_measures(g), f))
            suggested = self.runs(lambda g=graph, f=fastest: _timed(lambda: aanhaken(g), f))
            measures, result = measured[0][0], suggested[0][0]
            measures_s, aanhaken_s = [t for _, t in measured], [t for _, t in suggested]
            self.result[f"measures_{size}_s"] = round(_median(measures_s), 3)
            self.result[f"aanhaken_all_{size}_s"] = round(_median(aanhaken_s), 3)
            self.result[f"aanhaken_municipalities_{size}"] = len(result.gemeenten)
            self.log(
                f"analysis {size}: all measures {_spread(measures_s)}"
                f"{' (betweenness approximate)' if measures.approximate else ''}; aanhaken "
                f"{_spread(aanhaken_s)} for {len(result.gemeenten)} small municipalities "
                f"({len(result.suggesties):,} suggestions)"
            )
        self.result["measures_s"] = self.result[f"measures_{self.size}_s"]
        self.result["aanhaken_all_s"] = self.result[f"aanhaken_all_{self.size}_s"]
        self.result["aanhaken_scale_province_small"] = round(
            self.result["aanhaken_all_province_s"] / self.result["aanhaken_all_small_s"], 1
        )

    def vergelijk(self, root: Path) -> None:
        """``netwerkkaart vergelijk`` on the two synthetic rounds of the largest size that has
        two (national; a quick run has none): the comparison with its JSON, and the whole
        command in this process, reading the stored graph as a user's run does."""
        size = next((s for s in reversed(self.sizes) if len(waves(self.graphs[s])) >= 2), None)
        if size is None:
            self.log("vergelijk: no size of this run has two survey rounds; not measured")
            return
        graph = self.graphs[size]
        later, earlier = waves(graph)[:2]
        timed = self.runs(
            lambda: _timed(lambda: to_json_text(compare(graph, earlier, later).as_dict()))
        )
        commands = self.runs(lambda: _timed(lambda: _cli(workspace_of(root, size), earlier, later)))
        result = compare(graph, earlier, later)
        seconds, command_s = [t for _, t in timed], [t for _, t in commands]
        self.result["vergelijk_size"] = size
        self.result["vergelijk_s"] = round(_median(seconds), 3)
        self.result["vergelijk_cli_s"] = round(_median(command_s), 3)
        self.result["vergelijk_changes"] = len(result.changes())
        self.log(
            f"vergelijk {size} ({earlier} -> {later}): {_spread(seconds)} with its JSON; the "
            f"whole command (reading the stored graph) {_spread(command_s)}; "
            f"{len(result.respons['vergeleken'])} municipalities compared, "
            f"{len(result.changes()):,} changes"
        )

    def html(self) -> None:
        for size in self.sizes:
            graph, fastest = self.graphs[size], self.fastest_of(size)
            pages = self.runs(
                lambda g=graph, f=fastest: _timed(lambda: render_export("html", g), f)
            )
            seconds = [t for _, t in pages]
            self.result[f"html_{size}_bytes"] = len(pages[0][0])
            self.result[f"html_{size}_s"] = round(_median(seconds), 3)
            self.log(f"html export {size}: {len(pages[0][0]) / 1e6:.2f} MB in {_spread(seconds)}")
        self.result["html_bytes"] = self.result["html_small_bytes"]
        self.result["html_s"] = self.result["html_small_s"]

    def documents(self) -> None:
        """The 2010 summary note (PDF, example answers included: every section written) and
        every municipality's factsheet (PDF), on the shipped data: what a coordinator sends out."""
        graph = self.graphs["small"]
        wave = survey_waves(graph)[0]
        notes = self.runs(lambda: _timed(lambda: note_bytes(graph, wave, "pdf", True)))
        sheets = self.runs(lambda: _timed(lambda: list(all_factsheets(graph, "pdf", True))))
        note_s, sheets_s = [t for _, t in notes], [t for _, t in sheets]
        self.result["note_s"] = round(_median(note_s), 3)
        self.result["factsheets_all_s"] = round(_median(sheets_s), 3)
        self.result["factsheets"] = len(sheets[0][0])
        self.log(
            f"documents small: note {_spread(note_s)} ({len(notes[0][0]) / 1e3:.0f} kB); "
            f"{len(sheets[0][0])} factsheets {_spread(sheets_s)}"
        )

    def neo4j(self) -> None:
        graph, warmup = self.graphs[self.size], self.graphs["small"]
        sample = NAIVE_RELATIONSHIPS[self.quick]
        with (
            connection() as (uri, user, password, database),
            Neo4jStore(uri, user, password, database) as store,
        ):
            self.result["neo4j_version"] = neo4j_bench.server_version(store)
            self.result["neo4j_started_here"] = not os.environ.get("NEO4J_URI")
            runs = self.runs(lambda: neo4j_bench.measure(store, graph, warmup, sample))
        rows = runs[0].rows

        def median(name: str) -> float:
            return _median([getattr(r, name) for r in runs])

        figures = {
            "neo4j_first_push_small_s": round(runs[0].setup_s, 3),
            "push_rows": rows,
            "push_s": round(median("push_s"), 3),
            "push_rows_per_s": round(median("push_rows_per_s")),
            "push_replace_rows_per_s": round(median("push_replace_rows_per_s")),
            "push_naive_rows": runs[0].naive_rows,
            "push_naive_rows_per_s": round(median("naive_rows_per_s")),
            "push_speedup": round(median("speedup"), 1),
            "push_replace_speedup": round(median("replace_speedup"), 1),
            "pull_rows_per_s": round(median("pull_rows_per_s")),
        }
        self.result.update(figures)
        self.log(
            f"neo4j {self.result['neo4j_version']} ({self.size}, {rows:,} rows): push "
            f"{figures['push_rows_per_s']:,} rows/s (replacing: "
            f"{figures['push_replace_rows_per_s']:,}), naive per-row push "
            f"{figures['push_naive_rows_per_s']:,} rows/s on {runs[0].naive_rows:,} rows -> "
            f"{figures['push_speedup']}x; pull {figures['pull_rows_per_s']:,} rows/s "
            f"(medians of {len(runs)}; first push with schema: {runs[0].setup_s:.1f} s)"
        )

    def app(self, root: Path) -> None:
        for size in ("small", self.size):
            page = root / f"netwerk-{size}.html"
            runs = self.runs(
                lambda s=size, p=page: app_timing.run_measure(workspace_of(root, s), p)
            )
            prefix = "app" if size == "small" else f"app_{size}"
            first = [r.first_render_s for r in runs]
            warm = [r.first_render_warm_imports_s for r in runs]
            visitor = [r.new_session_s for r in runs]
            change = [r.slowest_filter_change_s for r in runs]
            self.result[f"{prefix}_first_render_s"] = round(_median(first), 3)
            self.result[f"{prefix}_first_render_warm_imports_s"] = round(_median(warm), 3)
            self.result[f"{prefix}_new_session_s"] = round(_median(visitor), 3)
            self.result[f"{prefix}_filter_change_s"] = round(_median(change), 3)
            self.result[f"{prefix}_map_nodes"] = runs[0].map_nodes
            changes = ", ".join(f"{k} {v:.2f} s" for k, v in runs[0].filter_change_s.items())
            self.log(
                f"app Netwerk page {size}: first render {_spread(first)} (with imports done "
                f"{_spread(warm)}, another visitor {_spread(visitor)}); slowest filter change "
                f"{_spread(change)} (first run: {changes}); map shows {runs[0].map_nodes} nodes"
                + (f" (notice: {runs[0].notice})" if runs[0].notice else "")
            )
            if size == self.size:
                self.result["reduced_notice_shown"] = runs[0].notice is not None
                self.browser(page, runs[0].map_nodes)

    def browser(self, page: Path, expected_nodes: int) -> None:
        runs = self.runs(lambda: browser.render(page))
        drawn = runs[0].nodes_drawn
        if drawn != expected_nodes:
            raise RuntimeError(f"Chromium drew {drawn} of {expected_nodes} nodes")
        seconds = [r.render_s for r in runs]
        self.result["browser_reduced_render_s"] = round(_median(seconds), 3)
        self.result["browser_reduced_nodes"] = drawn
        self.result["browser_reduced_bytes"] = page.stat().st_size
        self.result["node_cap"] = NODE_CAP
        self.result["chromium"] = runs[0].version
        self.log(
            f"chromium {runs[0].version}: the app's reduced {self.size} map ({drawn} nodes, cap "
            f"{NODE_CAP}, {page.stat().st_size / 1e6:.2f} MB) drawn in {_spread(seconds)}"
        )

    def survey_round(self, root: Path) -> None:
        """25 respondents at once (processes of their own) against one rounds database."""
        medians, p95s, submits = [], [], []
        for number in range(self.repeat):
            workspace = root / f"ronde-{number}" / "werkmap"
            links = round_load.prepare(workspace)
            start = time.perf_counter()
            runs = round_load.run_at_once(workspace, links)
            seconds = time.perf_counter() - start
            lost = round_load.answers_lost(workspace, runs)
            self.result["round_answers_kept"] = not lost
            if lost:
                raise AssertionError(f"answers lost: {lost}")
            saves = [ms for r in runs for ms in r.save_ms]
            medians.append(statistics.median(saves))
            p95s.append(round_load.percentile(saves, 0.95))
            submits.append(round_load.percentile([ms for r in runs for ms in r.submit_ms], 0.95))
        self.result["round_respondents"] = len(runs)
        self.result["round_saves"] = len(saves)
        self.result["round_save_median_ms"] = round(_median(medians), 1)
        self.result["round_save_p95_ms"] = round(_median(p95s), 1)
        self.result["round_submit_p95_ms"] = round(_median(submits), 1)
        self.log(
            f"round: {len(runs)} respondents at once, {len(saves)} draft saves and "
            f"{sum(len(r.submit_ms) for r in runs)} sends per run, every answer kept; save "
            f"median {_median(medians):.0f} ms, p95 {_median(p95s):.0f} ms; send p95 "
            f"{_median(submits):.0f} ms (last run {seconds:.1f} s; medians of {self.repeat})"
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
                self.step("vergelijk", lambda: self.vergelijk(root))
                self.step("html", self.html)
                self.step("documents", self.documents)
                self.step("neo4j", self.neo4j)
                self.step("app", lambda: self.app(root))
            self.step("round", lambda: self.survey_round(root))
        self.result["machine"]["load_average_end"] = machine.load_average()
        self.result["measured_on"] = {
            key: "round"
            if key.startswith("round_")
            else "national"
            if key.startswith("app_national_")
            else self.result.get("vergelijk_size", "not measured")
            if key.startswith("vergelijk_")
            else "small"
            if key.startswith(("html_", "app_")) or key in DOCUMENT_KEYS
            else self.size
            for key in (t.key for t in TARGETS)
        }
        self.result["targets"] = check_targets(self.result)
        self.result["guard_regressions"] = gross_regressions(self.result)
        self.result["guarded"] = [g.key for g in GUARDS]
        self.result["errors"] = self.errors
        self.result["total_s"] = round(time.perf_counter() - started, 1)
        for key, target in self.result["targets"].items():
            verdict = {True: "met", False: "MISSED", None: "not measured"}[target["met"]]
            ratio = (
                ""
                if target["value"] is None
                else f" ({target['value'] / target['limit']:.2f} of the limit)"
            )
            self.log(f"target {target['text']}: {key} = {target['value']} -> {verdict}{ratio}")
        return self.result


def _cli(workspace: Path, earlier: str, later: str) -> str:
    """``netwerkkaart vergelijk EARLIER LATER --format json`` on ``workspace``; its output."""
    previous = os.environ.get("NETWERKKAART_HOME")
    os.environ["NETWERKKAART_HOME"] = str(workspace)
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out):
            code = cli_main(["vergelijk", earlier, later, "--format", "json"])
    finally:
        if previous is None:
            os.environ.pop("NETWERKKAART_HOME", None)
        else:
            os.environ["NETWERKKAART_HOME"] = previous
    if code != 0:
        raise RuntimeError(f"netwerkkaart vergelijk ended with exit code {code}")
    return out.getvalue()


def run(quick: bool = False, repeat: int | None = None, log: Log = print) -> dict[str, Any]:
    """Run the benchmark and return its figures (the JSON object of the last line)."""
    return Run(quick, repeat or (1 if quick else 3), log).run()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small and province only, 1 run")
    parser.add_argument("--repeat", type=int, help="runs per figure (median); default 3, quick 1")
    parser.add_argument("--json-out", type=Path, help="also write the JSON object here")
    args = parser.parse_args(argv)
    result = run(args.quick, args.repeat, log=lambda line: print(line, flush=True))
    line = json.dumps(result, ensure_ascii=False)
    if args.json_out:
        args.json_out.write_text(line + "\n", encoding="utf-8")
    print(line, flush=True)
    return 1 if result["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
