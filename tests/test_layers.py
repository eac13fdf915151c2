"""The layer rules, checked: import-linter's contracts (pyproject) and a plain scan of imports.

graph/ never imports loaders/, netwerkkaart/, ui/, views/ or streamlit; loaders/ uses only
graph.model of the project's code; views/ may use graph/ but not the UI, the CLI or loaders/.
The scan also sees imports inside functions, which is where a UI import would hide.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
UI_LIBRARIES = {"streamlit", "pyvis"}


def imported_modules(path: Path, root: Path = ROOT) -> set[str]:
    """Every module an ``import`` or ``from ... import`` in the file names (absolute form)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = ".".join(path.relative_to(root).with_suffix("").parts[:-1])
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against the file's package
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1])
                module = ".".join(p for p in (base, node.module) if p)
            else:
                module = node.module or ""
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


def _offenders(layer: str, allowed) -> dict[str, list[str]]:
    offenders = {}
    for path in sorted((ROOT / layer).rglob("*.py")):
        bad = sorted(m for m in imported_modules(path) if not allowed(m))
        if bad:
            offenders[str(path.relative_to(ROOT))] = bad
    return offenders


def _top(module: str) -> str:
    return module.split(".")[0]


def test_graph_imports_no_loaders_cli_ui_views_or_streamlit() -> None:
    forbidden = {"loaders", "netwerkkaart", "ui", "views", *UI_LIBRARIES}
    assert _offenders("graph", lambda m: _top(m) not in forbidden) == {}


def test_loaders_use_only_graph_model_of_the_project() -> None:
    def allowed(module: str) -> bool:
        top = _top(module)
        if top in {"netwerkkaart", "ui", "views", *UI_LIBRARIES}:
            return False
        return top != "graph" or module == "graph" or module.startswith("graph.model")

    assert _offenders("loaders", allowed) == {}


def test_views_import_no_ui_cli_or_loaders() -> None:
    forbidden = {"loaders", "netwerkkaart", "ui", "streamlit"}
    assert _offenders("views", lambda m: _top(m) not in forbidden) == {}


def test_the_scan_sees_hidden_and_relative_imports(tmp_path: Path) -> None:
    probe = tmp_path / "graph" / "probe.py"
    probe.parent.mkdir()
    probe.write_text(
        "def f():\n    import streamlit as st\n    from . import store\n"
        "    from ..loaders import names\n",
        encoding="utf-8",
    )
    found = imported_modules(probe, root=tmp_path)
    assert {"streamlit", "graph.store", "loaders.names"} <= found


def test_import_linter_contracts_hold() -> None:
    lint_imports = Path(sys.executable).parent / "lint-imports"
    if not lint_imports.exists():
        pytest.fail("lint-imports ontbreekt: installeer de test-extra (import-linter)")
    result = subprocess.run(
        [str(lint_imports), "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    output = result.stdout + result.stderr
    assert "include_external_packages" not in output, (
        "pyproject.toml [tool.importlinter] needs `include_external_packages = true` (the "
        "contract forbids the external package streamlit); until then no contract is checked"
    )
    assert result.returncode == 0, output
    assert "0 broken" in output
