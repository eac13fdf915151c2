"""Real survey answers take the place of the example answers of the same municipality and wave.

The shipped answers are illustrative (``bron_type=voorbeeld``). A municipality that fills in the
template and loads its own answers for a wave gets them *instead of* its example row, rather than
a clash of duplicate relationships. Answers in the same file are never set aside: a municipality
twice in one file stays a problem to report.
"""

from __future__ import annotations

from graph.model import NodeKind, is_example
from loaders.lexicon import Lexicon
from loaders.survey import AntwoordRow
from loaders.tables import Table

_DEFAULT_BRON_TYPE = str(AntwoordRow.model_fields["bron_type"].default)


def _answered(cells: dict[str, str], lex: Lexicon) -> tuple[str, str] | None:
    """(municipality id, survey id) a row answers for, when both resolve."""
    survey, _ = lex.resolve(NodeKind.ENQUETE, cells.get("enquete", ""))
    gemeente, _ = lex.resolve(NodeKind.GEMEENTE, cells.get("gemeente", ""))
    return (gemeente, survey) if survey and gemeente else None


def _is_example(cells: dict[str, str]) -> bool:
    return is_example(
        {"bron_type": cells.get("bron_type", "").strip().lower() or _DEFAULT_BRON_TYPE}
    )


def set_aside_replaced_examples(tables: list[Table], lex: Lexicon) -> list[str]:
    """Drop example rows that another answers file answers for real; returns one note per row.

    Needs the municipalities and survey waves registered in ``lex`` already.
    """
    real: dict[tuple[str, str], str] = {}
    for table in tables:
        for _, cells in table.rows:
            pair = _answered(cells, lex)
            if pair and not _is_example(cells):
                real.setdefault(pair, table.name)
    notes = []
    for table in tables:
        kept = []
        for number, cells in table.rows:
            pair = _answered(cells, lex)
            if pair and _is_example(cells) and real.get(pair, table.name) != table.name:
                notes.append(
                    f"{table.name}:{number}: voorbeeldantwoorden van {lex.name_of(pair[0])} "
                    f"vervangen door de antwoorden in {real[pair]}"
                )
            else:
                kept.append((number, cells))
        table.rows = kept
    return notes
