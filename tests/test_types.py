"""The type check of `make lint`, also guarded by the suite.

mypy runs with the configuration in pyproject.toml: the strict flags on graph/ and loaders/, the
default level elsewhere. A planted untyped function shows the strict part is really in force, and
every ``# type: ignore`` in the project's code must name its error code and say why.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHECKED = ("graph", "loaders", "views", "netwerkkaart", "ui", "app.py")
IGNORE = re.compile(r"#\s*type:\s*ignore(?P<rest>.*)$")
WELL_FORMED = re.compile(r"\[[a-z-]+(, [a-z-]+)*\]\s+#\s*\S")


def mypy(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = Path(sys.executable).parent / "mypy"
    if not command.exists():
        pytest.fail("mypy ontbreekt: installeer de test-extra")
    return subprocess.run(
        [str(command), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def test_the_project_type_checks() -> None:
    result = mypy(ROOT)  # the files and flags of [tool.mypy]; the cache is ROOT/.mypy_cache
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Success: no issues found" in result.stdout


def test_strict_flags_hold_for_graph_but_not_for_views(tmp_path: Path) -> None:
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    untyped = "def double(value):\n    return value * 2\n"
    for package in ("graph", "views"):
        (tmp_path / package).mkdir()
        (tmp_path / package / "__init__.py").write_text("", encoding="utf-8")
        (tmp_path / package / "planted.py").write_text(untyped, encoding="utf-8")
    result = mypy(
        tmp_path, "--cache-dir", str(tmp_path / "cache"), "graph/planted.py", "views/planted.py"
    )
    output = result.stdout
    assert result.returncode == 1, output
    assert "graph/planted.py:1: error: Function is missing a type annotation" in output
    assert "views/planted.py" not in output


def project_files() -> list[Path]:
    found = []
    for name in CHECKED:
        path = ROOT / name
        found += sorted(path.rglob("*.py")) if path.is_dir() else [path]
    return found


def test_every_type_ignore_names_its_code_and_reason() -> None:
    bare = []
    for path in project_files():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            found = IGNORE.search(line)
            if found and not WELL_FORMED.match(found.group("rest").strip()):
                bare.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not bare, "\n".join(bare)


def test_the_ignore_rule_catches_a_bare_ignore() -> None:
    lines = ["x = f()  # type: ignore", "x = f()  # type: ignore[attr-defined]"]
    good = "x = f()  # type: ignore[attr-defined]  # the library declares no such attribute"
    for line in lines:
        assert not WELL_FORMED.match(IGNORE.search(line).group("rest").strip())
    assert WELL_FORMED.match(IGNORE.search(good).group("rest").strip())
