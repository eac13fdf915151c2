"""``<home>/server.json``: how a later process (the CLI, the app) finds the server an earlier
one started: pid, port, uri, user, version, home and start time, never the password.

Written atomically, so a reader never sees half of it and a killed writer leaves the old one.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Any

from graph.files import write_atomically


def state_file(home: Path) -> Path:
    return home / "server.json"


def read_state(home: Path) -> dict[str, Any] | None:
    """The recorded state, or None when there is none or it is unreadable."""
    try:
        state = json.loads(state_file(home).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return state if isinstance(state, dict) else None


def write_state(home: Path, state: dict[str, Any]) -> None:
    write_atomically(state_file(home), (json.dumps(state, indent=2) + "\n").encode("utf-8"))


def remove_state(home: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        state_file(home).unlink()
