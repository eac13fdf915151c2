"""Dates and times as Dutch readers write them, in Dutch local time (the database keeps UTC)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from graph.dutch import DUTCH_TIME, dutch_date


def local(moment: datetime) -> datetime:
    """``moment`` in Dutch local time (a naive time is taken as UTC, as the database writes it)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo("UTC"))
    return moment.astimezone(DUTCH_TIME)


def clock(moment: datetime) -> str:
    """
    >>> from datetime import timezone
    >>> clock(datetime(2027, 2, 3, 13, 2, tzinfo=timezone.utc))
    '14:02'
    """
    return local(moment).strftime("%H:%M")


def dutch_moment(moment: datetime) -> str:
    """
    >>> from datetime import timezone
    >>> dutch_moment(datetime(2027, 2, 3, 13, 2, tzinfo=timezone.utc))
    '3 februari 2027 om 14:02'
    """
    return f"{dutch_date(local(moment).date())} om {clock(moment)}"
