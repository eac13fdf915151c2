"""The coordinator's password for the app while a round is open to respondents.

Stored as an argon2id hash (argon2-cffi: memory-hard, salted). Failed logins are recorded in the
rounds database, so the slow-down holds across the app's sessions and processes: after the
third failure within 15 minutes every answer waits ``min(2 ** (failures - 1), 30)`` seconds.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from netwerkkaart.services.errors import UserError
from netwerkkaart.services.rounds.database import (
    database_path,
    now_utc,
    reading,
    to_text,
    writing,
)
from netwerkkaart.services.rounds.records import round_of

MIN_PASSWORD_LENGTH = 10
FAILURE_WINDOW = timedelta(minutes=15)
FREE_FAILURES = 3
MAX_WAIT_SECONDS = 30.0
_HASHER = PasswordHasher()  # argon2id with the library's (RFC 9106 low-memory) parameters


def wait_seconds(failures: int) -> float:
    """The wait before answering, given the failures in the window so far.

    >>> [wait_seconds(n) for n in (0, 2, 3, 4, 6, 9)]
    [0.0, 0.0, 4.0, 8.0, 30.0, 30.0]
    """
    if failures < FREE_FAILURES:
        return 0.0
    return min(2.0 ** (failures - 1), MAX_WAIT_SECONDS)


def set_coordinator_password(workspace: Path, password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserError(f"Het wachtwoord moet minstens {MIN_PASSWORD_LENGTH} tekens lang zijn.")
    hashed = _HASHER.hash(password)
    with writing(workspace) as db:
        db.execute(
            "INSERT INTO coordinator (id, password_hash, ingesteld_op) VALUES (1, ?, ?) "
            "ON CONFLICT (id) DO UPDATE SET password_hash = excluded.password_hash, "
            "ingesteld_op = excluded.ingesteld_op",
            (hashed, to_text(now_utc())),
        )
        db.execute("DELETE FROM login_failures")


def has_coordinator_password(workspace: Path) -> bool:
    if not database_path(workspace).exists():
        return False
    with reading(workspace) as db:
        return db.execute("SELECT 1 FROM coordinator").fetchone() is not None


def _count_attempt(workspace: Path) -> int:
    """Record this attempt as a failure until it proves good, and return the failures before
    it: in one transaction, so attempts made at once each count (none slips past the wait)."""
    now = now_utc()
    with writing(workspace) as db:
        db.execute("DELETE FROM login_failures WHERE at <= ?", (to_text(now - FAILURE_WINDOW),))
        before = db.execute("SELECT COUNT(*) FROM login_failures").fetchone()[0]
        db.execute("INSERT INTO login_failures (at) VALUES (?)", (to_text(now),))
    return int(before)


def verify_coordinator(
    workspace: Path, password: str, *, sleep: Callable[[float], None] = time.sleep
) -> bool:
    """Whether ``password`` is the coordinator's; False when none is set. Slowed down after
    repeated failures (``sleep`` waits; the app and tests may pass their own)."""
    wait = wait_seconds(_count_attempt(workspace))
    if wait:
        sleep(wait)
    with reading(workspace) as db:
        row = db.execute("SELECT password_hash FROM coordinator").fetchone()
    try:
        ok = row is not None and _HASHER.verify(row["password_hash"], password)
    except (VerificationError, InvalidHashError):
        ok = False
    if ok:
        with writing(workspace) as db:
            db.execute("DELETE FROM login_failures")
    return ok


def any_round_open(workspace: Path) -> bool:
    """Whether some round takes answers now (then the app is for the coordinator only)."""
    if not database_path(workspace).exists():
        return False
    with reading(workspace) as db:
        return any(round_of(r).accepts_answers() for r in db.execute("SELECT * FROM rounds"))
