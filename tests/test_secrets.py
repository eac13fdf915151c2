"""Secrets and exposure: no password in the code, the logs, the messages users see or the
exports; the local Neo4j and the dashboard listen on this machine only.

The Neo4j part starts a local server of its own (generated password, as users get it), uses it
the way users do (push, a refused query, a wrong password, an unreachable address) and then
reads every log it and the workspace wrote.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest
from streamlit.testing.v1 import AppTest

from netwerkkaart.cli import main
from netwerkkaart.cli.commands.serve import streamlit_command
from netwerkkaart.services import neo4j_local
from tests.exports_support import DATE
from tests.neo4j_support import project_root, require_java_and_maven
from views.exports.registry import EXPORTS, render_export

ROOT = project_root()
APP = ROOT / "app.py"
WRONG = "fout-wachtwoord-7Qz"

#: A literal assigned to something called password/secret/token (any quoting, any language).
LITERAL_SECRET = re.compile(
    r"(?i)(password|passwd|wachtwoord|secret|token)\w*['\"]?\s*[:=]\s*['\"](?![$<{])[^'\"\s]{4,}['\"]"
)
#: NEO4J_PASSWORD given a value in a script or doc, other than a variable or a placeholder.
ENV_SECRET = re.compile(r"NEO4J_PASSWORD=(?![\"']?[$<]|\s|$)\S+")
#: A driver opened with a literal password.
AUTH_LITERAL = re.compile(r"auth\s*=\s*\(\s*['\"][^'\"]*['\"]\s*,\s*['\"][^'\"]+['\"]")


def tracked_files() -> list[Path]:
    names = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    return [ROOT / n for n in names if not n.startswith("tests/") and (ROOT / n).is_file()]


def test_no_literal_password_in_the_tracked_files() -> None:
    found = []
    for path in tracked_files():
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue  # binary
        for pattern in (LITERAL_SECRET, ENV_SECRET, AUTH_LITERAL):
            found += [f"{path.relative_to(ROOT)}: {m.group(0)}" for m in pattern.finditer(text)]
    assert found == []


def test_the_patterns_would_find_a_password() -> None:
    """The check above can fail."""
    assert LITERAL_SECRET.search('NEO4J_PASSWORD = "hunter22"')
    assert LITERAL_SECRET.search("password: 'Zomer2010!'")
    assert ENV_SECRET.search("NEO4J_PASSWORD=hunter22 netwerkkaart neo4j status")
    assert AUTH_LITERAL.search('GraphDatabase.driver(uri, auth=("neo4j", "hunter22"))')
    assert not LITERAL_SECRET.search('password = setting("NEO4J_PASSWORD")')
    assert not ENV_SECRET.search('NEO4J_PASSWORD="$(cat pw)"')


def test_the_dashboard_listens_on_this_machine_only() -> None:
    command = streamlit_command(8501, "127.0.0.1")
    assert "--server.address=127.0.0.1" in command
    config = (ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8")
    assert 'address = "127.0.0.1"' in config


# --------------------------------------------------------------------------- the local Neo4j


@pytest.fixture(scope="module")
def local(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[Path, neo4j_local.LocalServer]]:
    require_java_and_maven("een eigen lokale Neo4j kan hier niet starten")
    workspace = tmp_path_factory.mktemp("geheimen-werkmap")
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("NEO4J_PASSWORD", raising=False)
        try:
            server = neo4j_local.start(workspace, port="auto", timeout_s=240)
        except neo4j_local.Neo4jServerError as exc:
            pytest.fail(f"De lokale Neo4j start niet: {exc}", pytrace=False)
    try:
        yield workspace, server
    finally:
        neo4j_local.stop(workspace)


def _listening(pid: int) -> list[tuple[str, int]]:
    """(address, port) of every TCP socket the process listens on, from /proc."""
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = fd.readlink().name
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    found = []
    for table in ("tcp", "tcp6"):
        for line in Path(f"/proc/net/{table}").read_text().splitlines()[1:]:
            fields = line.split()
            local, state, inode = fields[1], fields[3], fields[9]
            if state == "0A" and inode in inodes:  # 0A: LISTEN
                address, port = local.split(":")
                found.append((address, int(port, 16)))
    return found


#: 127.0.0.1, ::ffff:127.0.0.1 (a Java IPv6 socket bound to it) and ::1, as /proc writes them.
LOOPBACK = {"0100007F", "0000000000000000FFFF00000100007F", "00000000000000000000000001000000"}


@pytest.mark.neo4j
def test_local_neo4j_listens_on_loopback_only(
    local: tuple[Path, neo4j_local.LocalServer],
) -> None:
    workspace, server = local
    conf = (workspace / "neo4j" / "conf" / "neo4j.conf").read_text(encoding="utf-8")
    addresses = re.findall(r"^server\.[\w.]*(?:listen|advertised)_address=(.*)$", conf, re.M)
    assert addresses and all(a.split(":")[0] == "127.0.0.1" for a in addresses)
    assert "server.http.enabled=false" in conf and "server.https.enabled=false" in conf
    assert server.pid is not None
    sockets = _listening(server.pid)
    assert server.port in {port for _, port in sockets}
    assert [s for s in sockets if s[0] not in LOOPBACK] == []
    assert not [s for s in sockets if s[0].strip("0") == ""], "bound to every interface"


@pytest.mark.neo4j
def test_no_password_in_logs_messages_or_exports(
    local: tuple[Path, neo4j_local.LocalServer],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    shipped_graph: nx.MultiDiGraph,
) -> None:
    workspace, server = local
    monkeypatch.setenv("NETWERKKAART_HOME", str(workspace))
    monkeypatch.delenv("NEO4J_URI", raising=False)
    monkeypatch.delenv("NEO4J_PASSWORD", raising=False)
    monkeypatch.delenv("NETWERKKAART_STORE", raising=False)
    said = []
    for command in (
        ["build"],
        ["neo4j", "push"],
        ["neo4j", "status"],
        ["cypher", "ALTER USER neo4j SET PASSWORD 'overgenomen-123'"],
    ):
        main(command)
        said.append(capsys.readouterr())
    monkeypatch.setenv("NEO4J_URI", server.uri)
    monkeypatch.setenv("NEO4J_PASSWORD", WRONG)
    assert main(["neo4j", "status"]) == 1
    said.append(capsys.readouterr())
    wrong = said[-1].err
    assert "verkeerd wachtwoord" in wrong and WRONG not in wrong
    for output in said:
        assert server.password not in output.out + output.err

    monkeypatch.setenv("NETWERKKAART_STORE", "neo4j")
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.switch_page("ui/pages/instellingen.py")
    at.run()
    shown = _everything_shown(at)
    assert "verkeerd wachtwoord" in shown
    assert WRONG not in shown and server.password not in shown

    for name in EXPORTS:
        payload = render_export(name, shipped_graph, datum=DATE)
        assert server.password.encode() not in payload and WRONG.encode() not in payload

    logs = [*(workspace / "neo4j" / "logs").rglob("*"), *workspace.glob("*.log")]
    logs += [workspace / "neo4j" / "server.json", workspace / "neo4j" / "conf" / "neo4j.conf"]
    assert any(p.name == "security.log" for p in logs)  # the refused log-in was written down
    for path in (p for p in logs if p.is_file()):
        text = path.read_text(errors="replace")
        assert server.password not in text and WRONG not in text, path


def _everything_shown(at: AppTest) -> str:
    """The text of every element on the page, tables included."""
    parts: list[str] = []

    def walk(node: object) -> None:
        for child in getattr(node, "children", {}).values():
            walk(child)
        value = getattr(node, "value", None)
        if value is not None:
            parts.append(value.to_csv() if hasattr(value, "to_csv") else str(value))
        for name in ("label", "body", "help"):
            if isinstance(getattr(node, name, None), str):
                parts.append(getattr(node, name))

    walk(at._tree)
    return "\n".join(parts).replace("\\", "")
