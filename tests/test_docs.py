"""The README keeps its promises: the two set-up commands first, every setting documented."""

from __future__ import annotations

import re
from pathlib import Path

from netwerkkaart.services.settings import SETTINGS

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_opens_with_exactly_two_setup_commands() -> None:
    first_block = re.search(r"```sh\n(.*?)```", README, re.S)
    assert first_block and README.index("```sh") < README.index("\n## ")
    commands = [
        line.split("#")[0].strip() for line in first_block.group(1).splitlines() if line.strip()
    ]
    assert commands == ["make run", "make test"]


def test_ci_runs_the_readme_test_command() -> None:
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_every_setting_is_in_the_readme_table() -> None:
    for setting in SETTINGS:
        row = re.search(
            rf"^\| `{setting.name}` \|\s*`?{re.escape(setting.default)}`?\s*\|", README, re.M
        )
        assert row, f"{setting.name} ontbreekt in de configuratietabel van README.md"


def test_every_cli_command_is_in_the_readme() -> None:
    from netwerkkaart.cli import app

    names = {c.name for c in app.registered_commands} | {g.name for g in app.registered_groups}
    for name in sorted(n for n in names if n):
        assert f"netwerkkaart {name}" in README, f"`netwerkkaart {name}` ontbreekt in README.md"
