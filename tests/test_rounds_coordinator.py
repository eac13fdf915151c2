"""The coordinator's password (argon2id) and the slow-down of failed logins, in a real database."""

from __future__ import annotations

from pathlib import Path

import pytest

from netwerkkaart.services.errors import UserError
from netwerkkaart.services.rounds import (
    any_round_open,
    close_round,
    create_round,
    has_coordinator_password,
    set_coordinator_password,
    verify_coordinator,
)
from netwerkkaart.services.rounds.database import connect

PASSWORD = "lerende gemeenschap 2027"


def test_the_password_is_stored_as_an_argon2id_hash(workspace: Path) -> None:
    assert not has_coordinator_password(workspace)
    set_coordinator_password(workspace, PASSWORD)
    assert has_coordinator_password(workspace)
    stored = connect(workspace).execute("SELECT password_hash FROM coordinator").fetchone()[0]
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
    assert verify_coordinator(workspace, PASSWORD)
    assert not verify_coordinator(workspace, PASSWORD.upper())


def test_a_short_password_is_refused(workspace: Path) -> None:
    with pytest.raises(UserError, match="minstens 10 tekens"):
        set_coordinator_password(workspace, "kort")
    assert not has_coordinator_password(workspace)


def test_without_a_password_nobody_logs_in(workspace: Path) -> None:
    assert not verify_coordinator(workspace, "wat dan ook maar")


def test_failed_logins_slow_down_and_a_good_one_resets(workspace: Path) -> None:
    set_coordinator_password(workspace, PASSWORD)
    waits: list[float] = []
    for _ in range(6):
        assert not verify_coordinator(workspace, "fout wachtwoord", sleep=waits.append)
    assert waits == [4.0, 8.0, 16.0]  # nothing before the 4th attempt
    assert verify_coordinator(workspace, PASSWORD, sleep=waits.append)
    assert waits == [4.0, 8.0, 16.0, 30.0]
    assert not verify_coordinator(workspace, "fout wachtwoord", sleep=waits.append)
    assert len(waits) == 4  # the good login emptied the count


def test_any_round_open(workspace: Path) -> None:
    assert not any_round_open(workspace)
    create_round(workspace, "2027", "MBO 2027")
    assert any_round_open(workspace)
    close_round(workspace, "2027")
    assert not any_round_open(workspace)
