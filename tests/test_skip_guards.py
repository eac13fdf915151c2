"""CI's promise: under CI=true a missing Neo4j or Chromium fails, it is never skipped.

Only the shared guards know that rule (``tests.neo4j_support.neo4j_unavailable``,
``tests.browser_support.browser_unavailable`` and, for the reverse-proxy test's nginx,
``tests.nginx_support.nginx_unavailable``), so they are the only places in ``tests/`` that
may skip: a scan of every test file's syntax tree finds ``pytest.skip``, ``pytest.importorskip``,
``pytest.mark.skip``/``skipif`` and unittest's skips anywhere else. A test that needs another
reason to skip adds a guard of its own to :data:`GUARDS`, deciding what CI does.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.browser_support import browser_unavailable
from tests.neo4j_support import neo4j_unavailable
from tests.nginx_support import nginx_unavailable

TESTS = Path(__file__).resolve().parent
#: (file, function) of every place allowed to skip.
GUARDS = {
    ("neo4j_support.py", "neo4j_unavailable"),
    ("browser_support.py", "browser_unavailable"),
    ("nginx_support.py", "nginx_unavailable"),
}
SKIPS = {
    "pytest.skip",
    "pytest.importorskip",
    "pytest.mark.skip",
    "pytest.mark.skipif",
    "unittest.skip",
    "unittest.skipIf",
    "unittest.skipUnless",
    "unittest.SkipTest",
}


def _aliases(tree: ast.Module) -> dict[str, str]:
    """Local name -> dotted name for ``import pytest as pt`` and ``from pytest import skip``."""
    names = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update({a.asname or a.name: a.name for a in node.names})
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.update({a.asname or a.name: f"{node.module}.{a.name}" for a in node.names})
    return names


def _dotted(node: ast.expr, aliases: dict[str, str]) -> str | None:
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    return ".".join([aliases.get(node.id, node.id), *reversed(parts)])


def skips_outside_guards(source: str, file_name: str) -> list[str]:
    """``file:line: name`` of every skip in ``source`` that is not inside a guard."""
    tree = ast.parse(source)
    aliases = _aliases(tree)
    allowed: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and (file_name, node.name) in GUARDS:
            allowed |= {id(inner) for inner in ast.walk(node)}
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Attribute | ast.Name) or id(node) in allowed:
            continue
        name = _dotted(node, aliases)
        if name in SKIPS:
            found.append(f"{file_name}:{node.lineno}: {name}")
    return found


def test_no_test_skips_outside_the_shared_guards() -> None:
    found = [
        line
        for path in sorted(TESTS.rglob("*.py"))
        for line in skips_outside_guards(path.read_text(encoding="utf-8"), path.name)
    ]
    assert found == [], (
        "overslaan alleen via neo4j_unavailable, browser_unavailable of nginx_unavailable"
    )


@pytest.mark.parametrize(
    "source",
    [
        'import pytest\ndef f():\n    pytest.skip("geen java")\n',
        "import pytest as pt\n@pt.mark.skipif(True, reason='geen chromium')\ndef test_x(): ...\n",
        "from pytest import importorskip as need\nneed('playwright')\n",
        "from pytest import mark\nSTORES = [mark.skip('neo4j')]\n",
        "import unittest\nraise unittest.SkipTest('geen neo4j')\n",
        "import pytest\ndef neo4j_unavailable():\n    pass\npytest.skip('buiten de guard')\n",
    ],
)
def test_the_scan_finds_a_skip(source: str) -> None:
    assert len(skips_outside_guards(source, "test_voorbeeld.py")) == 1


def test_the_scan_allows_the_guards_and_nothing_named_alike() -> None:
    guard = "import pytest\ndef neo4j_unavailable(r):\n    pytest.skip(r)\n"
    assert skips_outside_guards(guard, "neo4j_support.py") == []
    assert len(skips_outside_guards(guard, "test_andere.py")) == 1
    assert skips_outside_guards("x = 1  # fmt: skip\n", "test_voorbeeld.py") == []


@pytest.mark.parametrize("guard", [neo4j_unavailable, browser_unavailable, nginx_unavailable])
def test_a_guard_fails_under_ci_and_skips_elsewhere(
    guard: Callable[[str], None], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI"):
        guard("ontbreekt")
    monkeypatch.delenv("CI")
    with pytest.raises(BaseException) as skipped:  # pytest's Skipped (named here, not used)
        guard("ontbreekt")
    assert type(skipped.value).__name__ == "Skipped"
