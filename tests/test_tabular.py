"""Plain tables for the terminal and spreadsheets (views.tabular), as the CLI prints them."""

from __future__ import annotations

import csv
import io
import json

from views.tabular import render, safe_cell, to_csv_text, to_table_text

ROWS = [
    {"naam": "Olst-Wijhe", "inwoners": 18843, "aandeel": 0.123456, "respondent": True},
    {"naam": "=1+1", "inwoners": -5, "aandeel": 2.0, "respondent": False},
]


def test_table_aligns_columns_and_writes_dutch_values() -> None:
    assert to_table_text(ROWS).splitlines() == [
        "naam        inwoners  aandeel  respondent",
        "----------  --------  -------  ----------",
        "Olst-Wijhe  18843     0.1235   ja",
        "=1+1        -5        2        nee",
    ]


def test_table_of_nothing() -> None:
    assert to_table_text([]) == "(geen resultaten)"


def test_table_survives_odd_numbers() -> None:
    text = to_table_text([{"a": float("nan"), "b": float("inf"), "c": [1, "x"], "d": None}])
    assert text.splitlines()[-1].split() == ["nan", "inf", "1;", "x"]


def test_csv_neutralises_formulas_but_keeps_numbers() -> None:
    parsed = list(csv.reader(io.StringIO(to_csv_text(ROWS))))
    assert parsed == [
        ["naam", "inwoners", "aandeel", "respondent"],
        ["Olst-Wijhe", "18843", "0.123456", "ja"],
        ["'=1+1", "-5", "2.0", "nee"],
    ]


def test_safe_cell() -> None:
    for text in ("=SUM(A1)", "+31", "-x", "@cmd", "\tx", "\rx"):
        assert safe_cell(text) == "'" + text
    assert safe_cell("Borne") == "Borne"
    assert safe_cell(-5) == -5


def test_render_json_keeps_types_and_unicode() -> None:
    text = render([{"naam": "Súdwest-Fryslân", "n": 1}], "json")
    assert "Súdwest-Fryslân" in text
    assert json.loads(text) == [{"naam": "Súdwest-Fryslân", "n": 1}]


def test_render_picks_columns() -> None:
    assert render(ROWS, "csv", columns=["naam"]).splitlines() == ["naam", "Olst-Wijhe", "'=1+1"]
