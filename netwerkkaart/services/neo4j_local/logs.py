"""The server's ``logs/console.log``: each start marks where its part begins, so a failed start
can show the lines of that start that explain it (and not those of an earlier run)."""

from __future__ import annotations

import re
from pathlib import Path

LOG_TAIL_LINES = 30
START_MARKER = "===== start "
_ERROR_LINE = re.compile(r"ERROR|Exception|Caused by")


def console_log(home: Path) -> Path:
    return home / "logs" / "console.log"


def tail_text(text: str, lines: int) -> str:
    return "\n".join(text.rstrip().splitlines()[-lines:])


def log_tail(home: Path, lines: int = LOG_TAIL_LINES) -> str:
    """The last lines of this start's part of console.log; the first error lines of that part
    come first when they fall outside the tail (a Java stack trace can push them out)."""
    try:
        text = console_log(home).read_text("utf-8", errors="replace")
    except OSError:
        return "(geen log)"
    section = text.rsplit(START_MARKER, 1)[-1].rstrip().splitlines()
    if START_MARKER in text:
        section = section[1:]  # the rest of the marker line
    if not section:
        return "(log is leeg)"
    tail = section[-lines:]
    head = section[: max(0, len(section) - lines)]
    errors = [line for line in head if _ERROR_LINE.search(line)][:5]
    if errors:
        return "\n".join([*errors, "...", *tail])
    return "\n".join(tail)
