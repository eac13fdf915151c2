"""Parsing single cells the way Dutch spreadsheets write them (loaders.cells)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from loaders.cells import parse_bool, parse_int, parse_number, split_multi


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("5,15", 5.15),  # decimal comma
        ("0,5", 0.5),
        (",5", 0.5),
        ("12.5", 12.5),  # decimal dot
        ("52.347", 52.347),  # one dot + three digits: a decimal point (latitude)
        ("1.140.652", 1140652),  # thousands dots
        ("1.234,5", 1234.5),  # thousands dot and decimal comma
        ("1.234.567,89", 1234567.89),
        ("1,234,567.89", 1234567.89),  # English style
        ("1,234", 1.234),  # a lone comma is a decimal comma in Dutch
        ("-5", -5),
        ("-1.234,5", -1234.5),
        ("-,5", -0.5),
        ("+5", 5),
        (" 1 234 ", 1234),  # spaces as thousands separator
        ("1\u00a0234", 1234),  # non-breaking space
        ("42", 42),
    ],
)
def test_parse_number(text: str, expected: float) -> None:
    value = parse_number(text)
    assert value == pytest.approx(expected)
    assert type(value) is type(expected)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("abc", "'abc' is geen getal"),
        ("1.2.3", "'1.2.3' is geen getal"),
        ("--5", "'--5' is geen getal"),
        ("1e5", "'1e5' is geen getal"),
        ("", "leeg, een getal verwacht"),
        ("   ", "leeg, een getal verwacht"),
    ],
)
def test_parse_number_refuses_with_a_dutch_message(text: str, message: str) -> None:
    with pytest.raises(ValueError) as info:
        parse_number(text)
    assert str(info.value) == message


@pytest.mark.parametrize(
    ("text", "expected"),
    [("24.634", 24634), ("1.140.652", 1140652), ("24 634", 24634), ("-3", -3), ("1,0", 1)],
)
def test_parse_int_reads_dots_as_thousands(text: str, expected: int) -> None:
    assert parse_int(text) == expected
    assert isinstance(parse_int(text), int)


@pytest.mark.parametrize("text", ["12,5", "5.5", "veel"])
def test_parse_int_refuses_fractions_and_words(text: str) -> None:
    with pytest.raises(ValueError, match=r"geen (geheel )?getal"):
        parse_int(text)


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_whole_numbers_with_thousands_dots_round_trip(number: int) -> None:
    dutch = f"{number:,}".replace(",", ".")
    assert parse_int(dutch) == number


@given(st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False))
def test_decimal_comma_with_thousands_dots_round_trip(number) -> None:
    english = f"{number:,.2f}"
    dutch = english.replace(",", "_").replace(".", ",").replace("_", ".")
    assert parse_number(dutch) == pytest.approx(float(number))
    assert parse_number(english) == pytest.approx(float(number))


@pytest.mark.parametrize("text", ["ja", "Ja", "JA", " j ", "yes", "waar", "x", "1"])
def test_parse_bool_true(text: str) -> None:
    assert parse_bool(text) is True


@pytest.mark.parametrize("text", ["nee", "Nee", "n", "no", "onwaar", "0"])
def test_parse_bool_false(text: str) -> None:
    assert parse_bool(text) is False


def test_parse_bool_refuses_anything_else() -> None:
    with pytest.raises(ValueError) as info:
        parse_bool(" misschien ")
    assert str(info.value) == "'misschien' is geen ja of nee"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("nl-doet", ["nl-doet"]),
        (" nl-doet ; beursvloer;", ["nl-doet", "beursvloer"]),
        ("a;;b; ;c", ["a", "b", "c"]),
        ("", []),
        (" ; ", []),
        ("Ondernemers, Dalfsen", ["Ondernemers, Dalfsen"]),  # only ';' separates
    ],
)
def test_split_multi(text: str, expected: list[str]) -> None:
    assert split_multi(text) == expected
