"""Real survey answers take the place of the example answers of the same municipality.

The shipped answers are illustrative (``bron_type=voorbeeld``). A municipality that loads its own
answers — by the template, or by answering a survey round — gets them *instead of* its example
rows, in every wave: example answers next to real ones would be read as that municipality's
survey results. Answers in the same file are never set aside: a municipality twice in one file
stays a problem to report.
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
    """Drop example rows of municipalities another answers file answers for real (any wave);
    returns one note per row set aside.

    Needs the municipalities and survey waves registered in ``lex`` already.
    """
    real_wave: dict[tuple[str, str], str] = {}  # (municipality, wave) -> file
    real: dict[str, tuple[str, str]] = {}  # municipality -> (file, wave) first answered
    for table in tables:
        for _, cells in table.rows:
            pair = _answered(cells, lex)
            if pair and not _is_example(cells):
                real_wave.setdefault(pair, table.name)
                real.setdefault(pair[0], (table.name, pair[1]))
    notes = []
    for table in tables:
        kept = []
        for number, cells in table.rows:
            pair = _answered(cells, lex)
            replaced_by = None
            if pair and _is_example(cells) and pair[0] in real:
                same_wave = real_wave.get(pair)
                other_file, wave = real[pair[0]]
                if same_wave not in (None, table.name):
                    replaced_by = same_wave
                elif other_file != table.name:
                    replaced_by = (
                        f"{other_file} (enquête {wave.partition(':')[2]}, "
                        f"voorbeeld uit enquête {pair[1].partition(':')[2]})"
                    )
            if pair is None or replaced_by is None:
                kept.append((number, cells))
            else:
                notes.append(
                    f"{table.name}:{number}: voorbeeldantwoorden van {lex.name_of(pair[0])} "
                    f"vervangen door de antwoorden in {replaced_by}"
                )
        table.rows = kept
    return notes
