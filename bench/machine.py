"""The machine a benchmark ran on: CPUs, memory, load, Python and package versions.

Load average is part of it on purpose: on a shared machine, other work slows every figure, and a
reader of the figures should be able to see that.
"""

from __future__ import annotations

import os
import platform
from importlib import metadata
from pathlib import Path

PACKAGES = ("networkx", "neo4j", "streamlit", "pyvis", "pandas", "scipy", "playwright")


def memory_gb() -> float | None:
    """Total memory from /proc/meminfo (Linux), in GB."""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024**2, 1)
    except OSError:
        return None
    return None


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "?"


def load_average() -> list[float]:
    return [round(v, 2) for v in os.getloadavg()]


def describe() -> dict[str, object]:
    """What is known about this machine and environment, as plain JSON values."""
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return {
        "cpus": os.cpu_count(),
        "cpu_model": cpu_model(),
        "memory_gb": memory_gb(),
        "load_average_start": load_average(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "packages": versions,
    }
