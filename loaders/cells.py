"""Parsing single cells the way Dutch spreadsheets write them.

Each parser returns the value or raises ``ValueError`` with a Dutch message; callers turn that
into a :class:`~loaders.problems.Problem` with the cell's position.

>>> parse_number("5,15"), parse_number("1.140.652"), parse_number("1.234,5"), parse_number("52.347")
(5.15, 1140652, 1234.5, 52.347)
>>> parse_int("24.634"), parse_bool("Ja"), split_multi(" nl-doet ; beursvloer;")
(24634, True, ['nl-doet', 'beursvloer'])
>>> parse_year("2010")
2010
>>> parse_year("30 maart 2010")
Traceback (most recent call last):
ValueError: '30 maart 2010' is een datum; vul alleen het jaar in (2010)
"""

from __future__ import annotations

import re

MULTI_SEPARATOR = ";"

_THOUSANDS_DOT = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+$")
_THOUSANDS_DOT_DECIMAL_COMMA = re.compile(r"^[+-]?\d{1,3}(\.\d{3})*,\d+$")
_THOUSANDS_COMMA_DECIMAL_DOT = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_PLAIN = re.compile(r"^[+-]?(\d+([.,]\d+)?|[.,]\d+)$")

_MONTHS = (
    "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
    "|jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec"
)
#: Dates as Dutch spreadsheets write them: 30-03-2010, 30/3/2010, 2010-03-30, (30) maart 2010.
_DATES = (
    re.compile(r"^\d{1,2}[-/.]\d{1,2}[-/.](?P<year>\d{4})$"),
    re.compile(r"^(?P<year>\d{4})[-/.]\d{1,2}[-/.]\d{1,2}$"),
    re.compile(rf"^(?:\d{{1,2}}\s+)?(?:{_MONTHS})\.?\s+(?P<year>\d{{4}})$", re.IGNORECASE),
)

_TRUE = {"ja", "j", "yes", "y", "true", "waar", "1", "x"}
_FALSE = {"nee", "n", "no", "false", "onwaar", "0"}


def parse_number(text: str, *, integer_dots_are_thousands: bool = False) -> int | float:
    """A number written with a decimal comma or dot, with or without thousands separators.

    A lone dot followed by exactly three digits is read as a decimal point (``52.347`` is a
    latitude) unless ``integer_dots_are_thousands`` says the column holds whole numbers.
    """
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "")
    if not cleaned:
        raise ValueError("leeg, een getal verwacht")
    if _THOUSANDS_DOT.match(cleaned) and (integer_dots_are_thousands or cleaned.count(".") > 1):
        return int(cleaned.replace(".", ""))
    if _THOUSANDS_DOT_DECIMAL_COMMA.match(cleaned) and "." in cleaned:
        return float(cleaned.replace(".", "").replace(",", "."))
    if _THOUSANDS_COMMA_DECIMAL_DOT.match(cleaned) and "." in cleaned:
        return float(cleaned.replace(",", ""))
    if _PLAIN.match(cleaned):
        if "," not in cleaned and "." not in cleaned:
            return int(cleaned)
        return float(cleaned.replace(",", "."))
    raise ValueError(f"'{text.strip()}' is geen getal")


def parse_int(text: str) -> int:
    """A whole number; ``24.634`` and ``24 634`` are read as 24634."""
    value = parse_number(text, integer_dots_are_thousands=True)
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError(f"'{text.strip()}' is geen geheel getal")
        return int(value)
    return value


def parse_year(text: str) -> int:
    """A year. A date is refused, naming the year it holds: a fact's year is not a day, and
    guessing which part the user meant is worse than asking."""
    try:
        return parse_int(text)
    except ValueError:
        for pattern in _DATES:
            if match := pattern.match(text.strip()):
                year = match.group("year")
                raise ValueError(
                    f"'{text.strip()}' is een datum; vul alleen het jaar in ({year})"
                ) from None
        raise


def parse_bool(text: str) -> bool:
    """``ja``/``nee`` (and common variants) as a boolean."""
    lowered = text.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ValueError(f"'{text.strip()}' is geen ja of nee")


def split_multi(text: str) -> list[str]:
    """A multi-answer cell: values separated by ``;``, blanks dropped, order kept."""
    return [part.strip() for part in text.split(MULTI_SEPARATOR) if part.strip()]
