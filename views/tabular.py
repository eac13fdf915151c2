"""Plain tables for terminals and spreadsheets, safe against formula injection.

>>> safe_cell("=HYPERLINK(\\"x\\")"), safe_cell("-5"), safe_cell(-5), safe_cell("Borne")
('\\'=HYPERLINK("x")', "'-5", -5, 'Borne')
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe; numbers stay."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else f"{value:.4f}".rstrip("0").rstrip(".")
    if isinstance(value, list | tuple):
        return "; ".join(_text(v) for v in value)
    return str(value)


def to_table_text(rows: Sequence[dict[str, Any]], columns: Sequence[str] | None = None) -> str:
    """Aligned columns for a terminal; lists joined with '; '."""
    if not rows:
        return "(geen resultaten)"
    cols = list(columns or rows[0].keys())
    cells = [[_text(r.get(c)) for c in cols] for r in rows]
    widths = [max(len(c), *(len(row[i]) for row in cells)) for i, c in enumerate(cols)]
    line = "  ".join(c.ljust(w) for c, w in zip(cols, widths, strict=True))
    rule = "  ".join("-" * w for w in widths)
    body = [
        "  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip() for row in cells
    ]
    return "\n".join([line.rstrip(), rule, *body])


def to_csv_text(rows: Sequence[dict[str, Any]], columns: Sequence[str] | None = None) -> str:
    """CSV with formula-looking text neutralised; lists joined with '; '."""
    cols = list(columns or (rows[0].keys() if rows else []))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(cols)
    for row in rows:
        writer.writerow(
            [
                safe_cell(
                    _text(row.get(c)) if isinstance(row.get(c), list | tuple | bool) else row.get(c)
                )
                for c in cols
            ]
        )
    return buffer.getvalue()


def to_json_text(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=str)


def render(rows: Sequence[dict[str, Any]], fmt: str, columns: Sequence[str] | None = None) -> str:
    """``table``, ``json`` or ``csv`` text for a list of rows."""
    if fmt == "json":
        return to_json_text(list(rows))
    if fmt == "csv":
        return to_csv_text(rows, columns)
    return to_table_text(rows, columns)
