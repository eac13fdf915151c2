"""The rounds database itself: schema version and migrations, WAL, concurrent writers, and a
writer killed mid-save. Real SQLite files and real processes."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from netwerkkaart.services.rounds import Answers, current_answers, round_status, save_draft
from netwerkkaart.services.rounds.database import MIGRATIONS, connect, database_path, writing
from tests.rounds_support import good_answers, round_with_links


def test_a_new_database_has_the_latest_schema_and_wal(workspace: Path) -> None:
    db = connect(workspace)
    try:
        assert db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert db.execute("PRAGMA busy_timeout").fetchone()[0] == 10_000
    finally:
        db.close()


def test_an_older_database_is_migrated_on_connect(workspace: Path) -> None:
    workspace.mkdir()
    old = sqlite3.connect(database_path(workspace))
    old.execute("CREATE TABLE unrelated (x)")  # a version-0 file: no schema yet
    old.close()
    db = connect(workspace)
    try:
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert {"rounds", "invitations", "drafts", "submissions", "unrelated"} <= tables
        assert db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    finally:
        db.close()


def test_a_failed_transaction_stores_nothing(workspace: Path) -> None:
    tokens = round_with_links(workspace, gemeenten=["Almelo"])
    try:
        with writing(workspace) as db:
            db.execute("UPDATE rounds SET titel = 'kapot'")
            raise RuntimeError("halverwege")
    except RuntimeError:
        pass
    assert round_status(workspace, "2027").round.titel == "MBO 2027"
    assert current_answers(workspace, tokens["Almelo"]) == Answers.empty()


_RESPOND = """
import sys
from pathlib import Path
from netwerkkaart.services.rounds import save_draft, submit
from tests.rounds_support import good_answers
workspace, token, number = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
answers = good_answers()
for step in range(3):
    answers.velden["toelichting"] = f"stap {step} van respondent {number}"
    save_draft(workspace, token, answers)
submit(workspace, token, answers)
"""
ROOT = Path(__file__).parent.parent


def test_respondents_saving_and_sending_at_once_lose_nothing(workspace: Path) -> None:
    names = ["Almelo", "Borne", "Dalfsen", "Losser", "Dinkelland", "Enschede", "Haaksbergen",
             "Hardenberg", "Hengelo", "Kampen"]  # fmt: skip
    tokens = round_with_links(workspace, gemeenten=names)
    respondents = [
        subprocess.Popen(
            [sys.executable, "-c", _RESPOND, str(workspace), tokens[name], str(i)], cwd=ROOT
        )
        for i, name in enumerate(names)
    ]
    assert [r.wait(timeout=120) for r in respondents] == [0] * len(names)
    status = round_status(workspace, "2027").as_json()
    assert status["verzonden"] == len(names)
    for i, name in enumerate(names):
        kept = current_answers(workspace, tokens[name]).velden["toelichting"]
        assert kept == f"stap 2 van respondent {i}"


_SAVE_FOREVER = """
import sys
from pathlib import Path
from netwerkkaart.services.rounds import save_draft
from tests.rounds_support import good_answers
answers = good_answers()
number = 0
print("klaar", flush=True)
while True:
    number += 1
    answers.velden["toelichting"] = f"versie {number} " + "x" * 20000
    save_draft(Path(sys.argv[1]), sys.argv[2], answers)
"""


def test_a_writer_killed_mid_save_leaves_a_whole_draft(workspace: Path) -> None:
    tokens = round_with_links(workspace, gemeenten=["Almelo"])
    save_draft(workspace, tokens["Almelo"], Answers({"toelichting": "vorige"}))
    writer = subprocess.Popen(
        [sys.executable, "-c", _SAVE_FOREVER, str(workspace), tokens["Almelo"]],
        stdout=subprocess.PIPE,
        cwd=ROOT,
    )
    assert writer.stdout is not None and writer.stdout.readline().strip() == b"klaar"
    time.sleep(0.5)
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait(timeout=30)
    text = current_answers(workspace, tokens["Almelo"]).velden["toelichting"]
    assert text == "vorige" or (text.startswith("versie ") and text.endswith("x" * 20000))
    answers = good_answers()
    save_draft(workspace, tokens["Almelo"], answers)  # the database works on after the kill
    assert current_answers(workspace, tokens["Almelo"]) == answers
