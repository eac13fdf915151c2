"""Nothing lost, nobody in: the rounds database under real concurrent processes (issue 13, item 7).

Against the real SQLite file through the service API: 25 respondents (processes of their own,
let go at one moment by :mod:`bench.round_load`) saving drafts and sending lose nothing; a process
killed (SIGKILL) in the middle of a save, held inside its write transaction right before COMMIT,
leaves the previous draft; a guessed token (random 256-bit strings, and near misses of a real
one) opens nothing and changes nothing.
"""

from __future__ import annotations

import hashlib
import secrets
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest

from bench.round_load import (
    DRAFTS,
    ROUND,
    SENDS,
    answers_lost,
    draft,
    prepare,
    run_at_once,
    sent,
    token_of,
)
from netwerkkaart.services.rounds import (
    LinkRefused,
    create_round,
    current_answers,
    invitations,
    issue_links,
    open_link,
    round_status,
    save_draft,
    submit,
)
from tests.neo4j_support import project_root

REFUSED = "Deze link is ongeldig of ingetrokken."
DATABASE = "rondes.sqlite"

#: Prelude for a child process whose save is to be interrupted: every SQLite connection traces
#: its statements; once armed, the next COMMIT (the end of a save's one write transaction) writes
#: the statements seen so far to $HELD_IN_TRANSACTION and holds there, before committing, until
#: the test kills the process.
HOLD_BEFORE_COMMIT = """
import os, sqlite3, time
from pathlib import Path
_real_connect = sqlite3.connect
ARMED = []
def _traced_connect(*args, **kwargs):
    connection = _real_connect(*args, **kwargs)
    seen = []
    def trace(statement):
        seen.append(statement)
        if ARMED and statement.strip().upper().startswith(("COMMIT", "END")):
            Path(os.environ["HELD_IN_TRANSACTION"]).write_text("\\n".join(seen))
            time.sleep(600)
    connection.set_trace_callback(trace)
    return connection
sqlite3.connect = _traced_connect
"""
SAVE_TWICE = """
import sys
from pathlib import Path
from bench.round_load import draft
from netwerkkaart.services.rounds import save_draft
workspace, token, gemeente = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
save_draft(workspace, token, draft(gemeente, 1))
ARMED.append(True)
save_draft(workspace, token, draft(gemeente, 2))
print("de tweede save is niet vastgehouden")
"""


def _read_only(workspace: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{workspace / DATABASE}?mode=ro", uri=True)


def _integrity(workspace: Path) -> str:
    with _read_only(workspace) as db:
        return str(db.execute("PRAGMA integrity_check").fetchone()[0])


def test_25_respondents_saving_and_sending_at_once_lose_nothing(tmp_path: Path) -> None:
    workspace = tmp_path / "werkmap"
    links = prepare(workspace)
    assert len(links) == 25
    runs = run_at_once(workspace, links)
    assert sorted(r.gemeente for r in runs) == sorted(link.gemeente for link in links)
    assert all(len(r.save_ms) == DRAFTS + SENDS - 1 and len(r.submit_ms) == SENDS for r in runs)

    assert answers_lost(workspace, runs) == []
    for run in runs:  # every final answer, as sent
        held = current_answers(workspace, run.token)
        assert held.velden == sent(run.gemeente, SENDS).velden
        assert held.banden == sent(run.gemeente, SENDS).banden
    status = round_status(workspace, ROUND).as_json()
    assert (status["uitgenodigd"], status["verzonden"], status["respons"]) == (25, 25, 1.0)
    sent_at = {r.gemeente: datetime.fromisoformat(r.sent_at) for r in runs}
    for row in status["gemeenten"]:
        assert row["status"] == "verzonden"
        assert datetime.fromisoformat(row["verzonden_op"]) == sent_at[row["gemeente"]]

    # History complete: every version each respondent sent, in the order it sent them.
    codes = {i.cbs_code: i.gemeente for i in invitations(workspace, ROUND)}
    with _read_only(workspace) as db:
        stored = db.execute(
            "SELECT cbs_code, answers FROM submissions WHERE round_key = ? ORDER BY id", (ROUND,)
        ).fetchall()
    history: dict[str, list[str]] = {}
    for code, answers in stored:
        history.setdefault(codes[code], []).append(answers)
    assert len(stored) == 25 * SENDS
    for gemeente, versions in history.items():
        assert versions == [sent(gemeente, v).to_json() for v in range(1, SENDS + 1)], gemeente
    assert _integrity(workspace) == "ok"


def _link(workspace: Path, gemeente: str) -> str:
    create_round(workspace, ROUND, "MBO 2027", gemeenten=[gemeente])
    (issued,) = issue_links(workspace, ROUND, "https://vragenlijst.example.nl")
    return token_of(issued.link)


def test_a_process_killed_in_the_middle_of_a_save_leaves_the_previous_draft(
    tmp_path: Path,
) -> None:
    workspace = tmp_path / "werkmap"
    token = _link(workspace, "Borne")
    held = tmp_path / "vastgehouden"
    child = subprocess.Popen(
        [sys.executable, "-c", HOLD_BEFORE_COMMIT + SAVE_TWICE, str(workspace), token, "Borne"],
        cwd=project_root(),
        env={"HELD_IN_TRANSACTION": str(held), "PATH": "/usr/bin:/bin"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while not held.exists() and child.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        assert held.exists(), f"de save werd niet vastgehouden: {child.communicate()[1][-2000:]!r}"
        time.sleep(0.1)  # the file is written whole before the hold; let the write land
        # Inside the second save's transaction: its new draft is written, not yet committed.
        statements = held.read_text().split("BEGIN IMMEDIATE")[-1]
        assert "Borne: concept 2" in statements
        assert current_answers(workspace, token).velden == draft("Borne", 1).velden
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
    finally:
        if child.poll() is None:
            child.kill()
        child.communicate()
    assert child.returncode == -signal.SIGKILL

    assert current_answers(workspace, token).velden == draft("Borne", 1).velden
    assert _integrity(workspace) == "ok"
    # Nothing is left locked: the next save goes through at once and is read back.
    start = time.monotonic()
    save_draft(workspace, token, draft("Borne", 3))
    assert time.monotonic() - start < 5
    assert current_answers(workspace, token).velden == draft("Borne", 3).velden


def _near_misses(token: str) -> list[str]:
    """Strings one slip away from a real token, and what the database stores instead of it."""
    flipped = [
        token[:i] + ("A" if token[i] != "A" else "B") + token[i + 1 :]
        for i in (0, len(token) // 2, len(token) - 1)
    ]
    return [
        *flipped,
        token[:-1],
        token[: len(token) // 2],
        token[:8],
        token + "A",
        token.swapcase(),
        f" {token}",
        f"{token}\n",
        token + "=",
        hashlib.sha256(token.encode()).hexdigest(),
        "",
        "*",
        "%",
        "' OR '1'='1",
    ]


def test_a_guessed_token_is_refused_and_changes_nothing(tmp_path: Path) -> None:
    workspace = tmp_path / "werkmap"
    token = _link(workspace, "Borne")
    save_draft(workspace, token, draft("Borne", 1))
    before = round_status(workspace, ROUND).as_json()
    guesses = [secrets.token_urlsafe(32) for _ in range(200)]
    for guess in guesses:
        with pytest.raises(LinkRefused) as refused:
            open_link(workspace, guess)
        assert str(refused.value) == REFUSED
    for guess in _near_misses(token):
        assert guess != token
        for attempt in (
            lambda g=guess: open_link(workspace, g),
            lambda g=guess: current_answers(workspace, g),
            lambda g=guess: save_draft(workspace, g, draft("Borne", 9)),
            lambda g=guess: submit(workspace, g, sent("Borne", 1)),
        ):
            with pytest.raises(LinkRefused) as refused:
                attempt()
            assert str(refused.value) == REFUSED, repr(guess)
    assert round_status(workspace, ROUND).as_json() == before
    assert current_answers(workspace, token).velden == draft("Borne", 1).velden
    with _read_only(workspace) as db:
        assert db.execute("SELECT count(*) FROM submissions").fetchone()[0] == 0
    assert open_link(workspace, token).gemeente == "Borne"
