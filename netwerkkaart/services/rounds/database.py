"""The rounds database: ``<workspace>/rondes.sqlite``, the one place survey rounds live.

SQLite (stdlib) in WAL mode, so respondents saving at the same moment never lose a save and
readers never wait for a writer; ``busy_timeout`` lets a writer wait its turn instead of failing.
Every write is one ``BEGIN IMMEDIATE`` transaction, so a process killed mid-save leaves the
previous state. The schema version lives in ``PRAGMA user_version``; :data:`MIGRATIONS` are
applied in order on connect. The file holds personal data (respondents), so it is mode 0600.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path

DATABASE_FILE = "rondes.sqlite"
BUSY_TIMEOUT_MS = 10_000

#: Each entry moves the schema one version up; never edit a shipped entry, append a new one.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE rounds (
        key TEXT PRIMARY KEY,
        titel TEXT NOT NULL,
        jaar INTEGER NOT NULL,
        afzender_cbs TEXT,
        sluit_op TEXT,
        state TEXT NOT NULL CHECK (state IN ('open', 'gesloten')),
        aangemaakt_op TEXT NOT NULL
    );
    CREATE TABLE invitations (
        round_key TEXT NOT NULL REFERENCES rounds(key) ON DELETE CASCADE,
        cbs_code TEXT NOT NULL,
        gemeente TEXT NOT NULL,
        token_hash TEXT UNIQUE,
        link_uitgegeven_op TEXT,
        gestart_op TEXT,
        verzonden_op TEXT,
        PRIMARY KEY (round_key, cbs_code)
    );
    CREATE TABLE drafts (
        round_key TEXT NOT NULL,
        cbs_code TEXT NOT NULL,
        answers TEXT NOT NULL,
        naam TEXT NOT NULL DEFAULT '',
        rol TEXT NOT NULL DEFAULT '',
        email TEXT NOT NULL DEFAULT '',
        opgeslagen_op TEXT NOT NULL,
        PRIMARY KEY (round_key, cbs_code),
        FOREIGN KEY (round_key, cbs_code) REFERENCES invitations(round_key, cbs_code)
            ON DELETE CASCADE
    );
    CREATE TABLE submissions (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        round_key TEXT NOT NULL,
        cbs_code TEXT NOT NULL,
        answers TEXT NOT NULL,
        naam TEXT NOT NULL DEFAULT '',
        rol TEXT NOT NULL DEFAULT '',
        email TEXT NOT NULL DEFAULT '',
        via TEXT NOT NULL,
        verzonden_op TEXT NOT NULL,
        FOREIGN KEY (round_key, cbs_code) REFERENCES invitations(round_key, cbs_code)
            ON DELETE CASCADE
    );
    CREATE INDEX submissions_by_invitation ON submissions (round_key, cbs_code, id);
    CREATE TABLE coordinator (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        password_hash TEXT NOT NULL,
        ingesteld_op TEXT NOT NULL
    );
    CREATE TABLE login_failures (at TEXT NOT NULL);
    """,
    # 2: a municipality's answers about the ties others reported with it (issue 14), JSON kept
    # beside the answers like the respondent, so the answers' own JSON stays as it was
    """
    ALTER TABLE drafts ADD COLUMN bevestigingen TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE submissions ADD COLUMN bevestigingen TEXT NOT NULL DEFAULT '[]';
    """,
)


def database_path(workspace: Path) -> Path:
    return Path(workspace) / DATABASE_FILE


def now_utc() -> datetime:
    return datetime.now(UTC)


def to_text(moment: datetime | None) -> str | None:
    """A UTC ISO string, the one form times take in the database."""
    return None if moment is None else moment.astimezone(UTC).isoformat(timespec="microseconds")


def from_text(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)


def _create_private(path: Path) -> None:
    """Create the database file readable by its owner only, before SQLite opens it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with suppress(FileExistsError):
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))


def _migrate(connection: sqlite3.Connection) -> None:
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    if version >= len(MIGRATIONS):
        return
    connection.execute("BEGIN IMMEDIATE")
    try:
        version = connection.execute("PRAGMA user_version").fetchone()[0]  # another may have won
        for number in range(version, len(MIGRATIONS)):
            for statement in MIGRATIONS[number].split(";"):
                if statement.strip():
                    connection.execute(statement)
            connection.execute(f"PRAGMA user_version = {number + 1}")
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise


def connect(workspace: Path) -> sqlite3.Connection:
    """An open connection with WAL, the busy timeout and foreign keys on, schema up to date.

    Autocommit mode (``isolation_level=None``): transactions are begun explicitly.
    """
    path = database_path(workspace)
    _create_private(path)
    connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    connection.row_factory = sqlite3.Row
    try:
        connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute("PRAGMA secure_delete = ON")  # erased personal data is overwritten
        _migrate(connection)
    except BaseException:
        connection.close()
        raise
    return connection


def checkpoint(workspace: Path) -> None:
    """Move the write-ahead log into the database file and empty it."""
    connection = connect(workspace)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()


@contextmanager
def writing(workspace: Path, *, durable: bool = True) -> Iterator[sqlite3.Connection]:
    """One write transaction (``BEGIN IMMEDIATE``): all of it is stored, or none of it.

    ``durable=False`` (drafts) commits without waiting for the disk (``synchronous = NORMAL``):
    a killed process still loses nothing, only a power cut or OS crash may drop the last few
    drafts, and the next durable commit (a send, a round change) writes them to disk too. With
    every commit waiting for fsync, 25 respondents saving at once queued behind the one write
    lock (p95 above a second in the round benchmark)."""
    connection = connect(workspace)
    try:
        connection.execute(f"PRAGMA synchronous = {'FULL' if durable else 'NORMAL'}")
        connection.execute("BEGIN IMMEDIATE")
        try:
            yield connection
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")
    finally:
        connection.close()


@contextmanager
def reading(workspace: Path) -> Iterator[sqlite3.Connection]:
    """A read transaction: every query in the block sees one consistent state."""
    connection = connect(workspace)
    try:
        connection.execute("BEGIN")
        try:
            yield connection
        finally:
            connection.execute("ROLLBACK")
    finally:
        connection.close()
