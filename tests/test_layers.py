"""The layer rules, checked by import-linter's contracts in pyproject.toml.

One ``layers`` contract states the whole order (entry points, services, views and loaders,
analysis and stores, the model); grimp sees every import, also those inside functions. The tests
run lint-imports on the project, check that every package of the project sits in a layer, and
plant a wrong import in a copy of the code to show the contract catches it.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("graph", "loaders", "netwerkkaart", "views", "ui")


def lint_imports(cwd: Path) -> subprocess.CompletedProcess[str]:
    command = Path(sys.executable).parent / "lint-imports"
    if not command.exists():
        pytest.fail("lint-imports ontbreekt: installeer de test-extra (import-linter)")
    return subprocess.run(
        [str(command), "--no-cache"],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def contracts() -> list[dict]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return config["tool"]["importlinter"]["contracts"]


def layer_modules() -> set[str]:
    (layers,) = [c for c in contracts() if c["type"] == "layers"]
    return {m.strip() for layer in layers["layers"] for m in layer.replace(":", "|").split("|")}


def test_import_linter_contracts_hold() -> None:
    result = lint_imports(ROOT)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "0 broken" in output


def test_every_part_of_the_project_sits_in_a_layer() -> None:
    covered = layer_modules()
    parts = []
    for package in PACKAGES:
        if package in covered:
            continue
        for child in sorted((ROOT / package).iterdir()):
            if child.name.startswith("_") or child.name == "tests":
                continue
            if child.suffix == ".py" or (child / "__init__.py").exists():
                parts.append(f"{package}.{child.stem}")
    assert [p for p in parts if p not in covered] == []


def test_a_wrong_import_breaks_the_layers_contract(tmp_path: Path) -> None:
    for package in PACKAGES:
        shutil.copytree(
            ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__")
        )
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    model = tmp_path / "graph" / "model.py"
    model.write_text(
        model.read_text(encoding="utf-8") + "\nimport views.tabular\n", encoding="utf-8"
    )
    result = lint_imports(tmp_path)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "graph.model -> views.tabular" in output
