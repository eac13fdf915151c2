"""Running the CLI inside the test process, as a user would from a terminal."""

from __future__ import annotations

import pytest

from netwerkkaart.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of ``netwerkkaart ARGS``."""
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err
