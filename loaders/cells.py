"""Parsing single cells the way Dutch spreadsheets write them.

Each parser returns the value or raises ``ValueError`` with a Dutch message; callers turn that
into a :class:`~loaders.problems.Problem` with the cell's position.

>>> parse_number("5,15"), parse_number("1.140.652"), parse_number("1.234,5"), parse_number("52.347")
(5.15, 1140652, 1234.5, 52.347)
>>> parse_int("24.634"), parse_bool("Ja"), split_multi(" nl-doet ; beursvloer;")
(24634, True, ['nl-doet', 'beursvloer'])
"""

from __future__ import annotations

import re

MULTI_SEPARATOR = ";"

_THOUSANDS_DOT = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+$")
_THOUSANDS_DOT_DECIMAL_COMMA = re.compile(r"^[+-]?\d{1,3}(\.\d{3})*,\d+$")
_THOUSANDS_COMMA_DECIMAL_DOT = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_PLAIN = re.compile(r"^[+-]?(\d+([.,]\d+)?|[.,]\d+)$")

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
