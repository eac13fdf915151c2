"""The issue's speed and size targets, and the ratios the CI guard watches.

Targets are absolute and belong to the benchmark's report on a known machine (2 cores, 24 GB);
the guard (``tests/test_bench_guard.py``) never checks absolute timings, only ratios measured
within one run, against the values documented in ``docs/benchmark.md``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

MB = 1_000_000


@dataclass(frozen=True)
class Target:
    """``key`` must stay below ``limit`` (or reach it, when ``at_least``)."""

    key: str
    limit: float
    at_least: bool
    text: str

    def met(self, value: float | None) -> bool | None:
        if value is None:
            return None
        return value >= self.limit if self.at_least else value < self.limit


TARGETS: tuple[Target, ...] = (
    Target("build_s", 15.0, False, "build from files < 15 s"),
    Target("build_peak_mb", 1500.0, False, "build peak memory < 1.5 GB"),
    Target("push_rows_per_s", 10_000.0, True, "Neo4j push >= 10,000 rows/s"),
    Target("push_speedup", 20.0, True, "push >= 20x the naive per-row push"),
    Target("pull_rows_per_s", 20_000.0, True, "Neo4j pull >= 20,000 rows/s"),
    Target("aanhaken_all_s", 2.0, False, "aanhaken for every small municipality < 2 s"),
    Target("measures_s", 10.0, False, "all measures < 10 s"),
    Target("app_first_render_s", 2.0, False, "Netwerk page first render (shipped) < 2 s"),
    Target("app_filter_change_s", 0.5, False, "Netwerk page filter change (shipped) < 0.5 s"),
    Target(
        "app_national_first_render_warm_imports_s",
        1.5,
        False,
        "Netwerk page first render (national, imports done) < 1.5 s",
    ),
    Target(
        "app_national_filter_change_s", 0.3, False, "Netwerk page filter change (national) < 0.3 s"
    ),
    Target("html_bytes", 1.5 * MB, False, "interactive HTML of the shipped data < 1.5 MB"),
    Target("browser_reduced_render_s", 5.0, False, "reduced view renders in Chromium < 5 s"),
    Target(
        "vergelijk_cli_s",
        5.0,
        False,
        "netwerkkaart vergelijk on two national-size synthetic rounds < 5 s",
    ),
    Target("note_s", 10.0, False, "summary note of a round (PDF) < 10 s"),
    Target("factsheets_all_s", 60.0, False, "every municipality's factsheet (PDF) < 60 s"),
    Target(
        "round_save_p95_ms", 300.0, False, "round draft save p95, 25 respondents at once < 300 ms"
    ),
)


def check_targets(result: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """Per target key: its value, limit, direction and whether it was met (None: not measured)."""
    return {
        t.key: {
            "value": result.get(t.key),
            "limit": t.limit,
            "at_least": t.at_least,
            "met": t.met(result.get(t.key)),
            "text": t.text,
        }
        for t in TARGETS
    }


@dataclass(frozen=True)
class Guard:
    """A ratio measured within one run and its documented value (docs/benchmark.md).

    A gross regression is the ratio falling below ``documented / factor`` (when higher is
    better) or rising above ``documented * factor`` (when lower is better).
    """

    key: str
    documented: float
    higher_is_better: bool
    factor: float
    text: str

    def regression(self, value: float) -> str | None:
        if self.higher_is_better and value < self.documented / self.factor:
            return (
                f"{self.key} = {value:.1f}, below 1/{self.factor:g} of the documented "
                f"{self.documented:g} ({self.text})"
            )
        if not self.higher_is_better and value > self.documented * self.factor:
            return (
                f"{self.key} = {value:.1f}, above {self.factor:g}x the documented "
                f"{self.documented:g} ({self.text})"
            )
        return None


#: Measured on the province size (what ``--quick`` and the guard run); see docs/benchmark.md.
GUARDS: tuple[Guard, ...] = (
    Guard(
        "push_replace_speedup",
        documented=30.0,
        higher_is_better=True,
        factor=3.0,
        text="replacing batched push rows/s over naive per-row push rows/s",
    ),
    Guard(
        "build_scale_province_small",
        documented=40.0,
        higher_is_better=False,
        factor=3.0,
        text="province build time over the shipped data's build time, same run",
    ),
    Guard(
        "aanhaken_scale_province_small",
        documented=12.0,
        higher_is_better=False,
        factor=3.0,
        text="aanhaken at province size over aanhaken on the shipped data, same run",
    ),
)


def gross_regressions(ratios: Mapping[str, float]) -> list[str]:
    """One line per guarded ratio that regressed grossly; ratios not measured are skipped."""
    found = (g.regression(ratios[g.key]) for g in GUARDS if ratios.get(g.key) is not None)
    return [line for line in found if line]
