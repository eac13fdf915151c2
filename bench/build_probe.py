"""Build from files in a fresh process, so its peak memory is the build's own and nothing else's.

``python -m bench.build_probe DATA_DIR WORKSPACE [REPEAT]`` runs
:func:`netwerkkaart.services.workspace.build` on ``DATA_DIR`` (REPEAT times, keeping the fastest, which
steadies the figure for tiny inputs), then saves the graph in WORKSPACE's embedded store
(outside the timing) for the steps that follow, and prints one JSON line: seconds, peak resident
memory (read before saving) and the counts. :func:`run_probe` is the caller's side.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from graph.stores.memory import MemoryStore
from netwerkkaart.services.workspace import build

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class BuildFigures:
    seconds: float
    peak_mb: float
    nodes: int
    relationships: int
    problems: int

    @property
    def rows(self) -> int:
        return self.nodes + self.relationships


def _peak_mb() -> float:
    """Peak resident memory of this process so far, in MiB.

    Linux's ``VmHWM`` belongs to this program alone; ``ru_maxrss`` would also count the parent's
    memory at the moment it forked us (the kernel carries it over an exec), so it is only the
    fallback on systems without /proc.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def probe(data_dir: Path, workspace: Path, repeat: int = 1) -> BuildFigures:
    seconds = float("inf")
    for _ in range(max(1, repeat)):
        start = time.perf_counter()
        outcome = build(workspace, data_dir)
        seconds = min(seconds, time.perf_counter() - start)
    peak = _peak_mb()
    problems = len(outcome.result.report.problems)
    if outcome.graph is None:
        return BuildFigures(seconds, peak, 0, 0, problems)
    MemoryStore(workspace).save(outcome.graph)
    graph = outcome.graph
    return BuildFigures(seconds, peak, graph.number_of_nodes(), graph.number_of_edges(), problems)


def run_probe(data_dir: Path, workspace: Path, repeat: int = 1) -> BuildFigures:
    """Run :func:`probe` in a fresh interpreter and return its figures."""
    done = subprocess.run(
        [sys.executable, "-m", "bench.build_probe", str(data_dir), str(workspace), str(repeat)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"build_probe failed:\n{done.stderr[-2000:]}")
    figures = BuildFigures(**json.loads(done.stdout.strip().splitlines()[-1]))
    if figures.problems or not figures.nodes:
        raise RuntimeError(f"{data_dir} does not load cleanly: {figures.problems} problems")
    return figures


if __name__ == "__main__":
    result = probe(Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]) if sys.argv[3:] else 1)
    print(json.dumps(result.__dict__))
