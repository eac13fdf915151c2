"""Dutch wording for analysis reasons: numbers with a decimal comma, lists with "en".

Reasons are read aloud in meetings, so they follow Dutch conventions rather than Python's:

>>> nl_number(5.234, 1), nl_number(83051), nl_join(["Almelo", "Borne", "Hengelo"])
('5,2', '83.051', 'Almelo, Borne en Hengelo')
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from zoneinfo import ZoneInfo

#: Dates are Dutch calendar days: a round closing on 1 March takes answers until midnight in the
#: Netherlands, and maps, notes and the questionnaire show Dutch local time.
DUTCH_TIME = ZoneInfo("Europe/Amsterdam")

_MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)

#: Appended to every reason that rests on illustrative data (bron_type voorbeeld/synthetisch).
EXAMPLE_NOTE = " (voorbeelddata)"

#: Appended to every reason that rests on a derived link (bron_type afgeleid): the project's own
#: reading of which theme an activity touches, not something a municipality said.
DERIVED_NOTE = " (via een afgeleide koppeling van activiteit aan thema)"


def nl_number(value: float, decimals: int = 0) -> str:
    """A number with a decimal comma and a thousands dot (``12.345,6``)."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def nl_join(items: Iterable[str]) -> str:
    """``a``, ``a en b``, ``a, b en c``."""
    words = list(items)
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} en {words[-1]}"


def with_note(text: str, example: bool) -> str:
    """``text`` marked as resting on example data when it does."""
    return text + EXAMPLE_NOTE if example else text


def with_derived_note(text: str, derived: bool) -> str:
    """``text`` marked as resting on a derived link when it does."""
    return text + DERIVED_NOTE if derived else text


def dutch_date(day: date) -> str:
    """``1 maart 2027``: dates on maps, reports and the questionnaire are read by Dutch officers.

    >>> dutch_date(date(2027, 3, 1))
    '1 maart 2027'
    """
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"
