"""The Netwerk page's wall time under Streamlit's AppTest: first complete render, filter changes.

It runs in a fresh interpreter (``python -m bench.app_timing WORKSPACE MAP_HTML``), so the first
render pays what the first visitor of a freshly started ``netwerkkaart app`` pays: the page's
imports, loading the stored graph, the measure and the map, with every cache empty. Each filter
change is one rerun of the page with one widget changed, as a click in the sidebar causes. Two
more first renders tell the parts apart: a new session (another visitor: imports done, graph and
measures cached) and, after clearing Streamlit's caches, one with only the imports done.
The HTML of the map on the first render is written to MAP_HTML, for the browser check.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import streamlit as st
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app.py"
PAGE = "ui/pages/netwerk.py"
#: The filter changes timed, each from the previous state: (widget key, new value).
FILTER_CHANGES: tuple[tuple[str, object], ...] = (
    ("nw_kinds", ["gemeente", "ondernemersnetwerk", "vrijwilligerscentrale"]),
    ("nw_rel_types", ["WERKT_SAMEN_MET", "FACILITEERT", "SUBSIDIEERT"]),
    ("nw_measure", "inwoners"),
)


@dataclass(frozen=True)
class AppFigures:
    first_render_s: float
    first_render_warm_imports_s: float
    new_session_s: float
    filter_change_s: dict[str, float]
    map_nodes: int
    map_nodes_after: dict[str, int]
    notice: str | None

    @property
    def slowest_filter_change_s(self) -> float:
        return max(self.filter_change_s.values())


_NODES = re.compile(r"var nodes = new vis\.DataSet\((.*?)\);\n")


def map_node_count(html: str) -> int:
    """How many nodes the map page hands to vis-network."""
    found = _NODES.search(html)
    if found is None:
        raise RuntimeError("no nodes found in the map page")
    return len(json.loads(found.group(1)))


def _set(at: AppTest, key: str, value: object) -> None:
    """Set the widget with ``key`` to ``value``, whatever kind of widget it is."""
    for kind in ("multiselect", "selectbox", "radio", "slider"):
        found = [w for w in getattr(at, kind) if w.key == key]
        if found:
            found[0].set_value(value)
            return
    raise KeyError(f"no widget with key {key} on the page")


def _check(at: AppTest, step: str) -> None:
    problems = [str(e.value) for e in at.exception] + [str(e.value) for e in at.error]
    if problems:
        raise RuntimeError(f"Netwerk page after {step}: {problems[0][:500]}")
    if not at.get("iframe"):
        raise RuntimeError(f"Netwerk page after {step}: no map")


def _first_run(page: str = PAGE) -> tuple[AppTest, float]:
    at = AppTest.from_file(str(APP), default_timeout=600)
    at.switch_page(page)
    start = time.perf_counter()
    at.run()
    seconds = time.perf_counter() - start
    _check(at, "the first run")
    return at, seconds


def measure(workspace: Path, map_html: Path) -> AppFigures:
    """Time the page on the graph stored in ``workspace`` (embedded store)."""
    os.environ["NETWERKKAART_HOME"] = str(workspace)
    os.environ["NETWERKKAART_STORE"] = "memory"
    at, first = _first_run()
    srcdoc = at.get("iframe")[-1].proto.srcdoc
    map_html.write_text(srcdoc, encoding="utf-8")
    notices = [str(i.value) for i in at.info if "getoond worden" in str(i.value)]
    changes, nodes_after = {}, {}
    for key, value in FILTER_CHANGES:
        _set(at, key, value)
        start = time.perf_counter()
        at.run()
        changes[key] = time.perf_counter() - start
        _check(at, f"changing {key}")
        nodes_after[key] = map_node_count(at.get("iframe")[-1].proto.srcdoc)
    _, new_session = _first_run()
    st.cache_data.clear()
    st.cache_resource.clear()
    _, warm_imports = _first_run()
    return AppFigures(
        first_render_s=first,
        first_render_warm_imports_s=warm_imports,
        new_session_s=new_session,
        filter_change_s=changes,
        map_nodes=map_node_count(srcdoc),
        map_nodes_after=nodes_after,
        notice=notices[0] if notices else None,
    )


def run_measure(workspace: Path, map_html: Path) -> AppFigures:
    """:func:`measure` in a fresh interpreter."""
    done = subprocess.run(
        [sys.executable, "-m", "bench.app_timing", str(workspace), str(map_html)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"app_timing failed:\n{done.stderr[-2000:]}")
    return AppFigures(**json.loads(done.stdout.strip().splitlines()[-1]))


if __name__ == "__main__":
    figures = measure(Path(sys.argv[1]), Path(sys.argv[2]))
    print(json.dumps(asdict(figures)))
