"""Validate a table's rows against a pydantic model and report problems per cell.

Models forbid unknown fields, so an extra or misspelled column is reported instead of ignored.
Pydantic's English errors are translated here, once, into Dutch messages with the cell's place.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from contextlib import suppress
from dataclasses import dataclass
from functools import cache
from typing import Annotated, Any, Generic, TypeVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, ValidationError, create_model
from pydantic_core import ErrorDetails

from loaders.cells import parse_bool, parse_int, parse_number, parse_year, split_multi
from loaders.names import NameIndex
from loaders.problems import Problem
from loaders.tables import Table

Model = TypeVar("Model", bound=BaseModel)


class RowModel(BaseModel):
    """Base for row models: unknown columns refused, empty cells read as missing."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


def _empty_to_none(value: Any) -> Any:
    return None if isinstance(value, str) and not value.strip() else value


def _number(value: Any) -> Any:
    value = _empty_to_none(value)
    return parse_number(value) if isinstance(value, str) else value


def _integer(value: Any) -> Any:
    value = _empty_to_none(value)
    return parse_int(value) if isinstance(value, str) else value


def _year(value: Any) -> Any:
    value = _empty_to_none(value)
    return parse_year(value) if isinstance(value, str) else value


def _boolean(value: Any) -> Any:
    value = _empty_to_none(value)
    return parse_bool(value) if isinstance(value, str) else value


def _multi(value: Any) -> Any:
    return split_multi(value) if isinstance(value, str) else (value or [])


def _lower(value: Any) -> Any:
    value = _empty_to_none(value)
    return value.strip().lower() if isinstance(value, str) else value


Number = Annotated[float, BeforeValidator(_number)]
Integer = Annotated[int, BeforeValidator(_integer)]
Year = Annotated[int, BeforeValidator(_year)]
Boolean = Annotated[bool, BeforeValidator(_boolean)]
MultiText = Annotated[list[str], BeforeValidator(_multi)]
OptionalText = Annotated[str | None, BeforeValidator(_empty_to_none)]
Keyword = BeforeValidator(_lower)


def dutch_error(error: ErrorDetails) -> str:
    """A pydantic error as the Dutch message the loaders report (also for mapping files)."""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return "verplicht veld is leeg"
    if kind == "extra_forbidden":
        return "onbekende kolom"
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    if kind in {"enum", "literal_error"}:
        expected = ctx.get("expected", "")
        return (
            f"onbekende waarde; toegestaan: {expected.replace(' or ', ', ').replace(chr(39), '')}"
        )
    if kind in {"int_parsing", "int_from_float"}:
        return "geen geheel getal"
    if kind in {"float_parsing", "float_type"}:
        return "geen getal"
    if kind == "string_pattern_mismatch":
        return f"heeft niet de vorm {ctx.get('pattern', '')}"
    if kind in {"greater_than_equal", "greater_than", "less_than_equal", "less_than"}:
        bound = next(iter(ctx.values()), "")
        words = {
            "greater_than_equal": "minstens",
            "greater_than": "groter dan",
            "less_than_equal": "hoogstens",
            "less_than": "kleiner dan",
        }
        return f"moet {words[kind]} {bound} zijn"
    if kind == "string_too_long":
        return f"te lang (hoogstens {ctx.get('max_length')} tekens)"
    return f"ongeldige waarde ({error['msg']})"


def is_duplicate_column(column: str) -> bool:
    """A repeated header cell, renamed ``name#N`` and reported by the table reader already."""
    return "#" in column


def check_header(table: Table, model: type[BaseModel]) -> list[Problem]:
    """Missing required columns and unknown columns, each with a suggestion where one fits."""
    fields = model.model_fields
    problems = []
    for column, info in fields.items():
        if info.is_required() and column not in table.header:
            problems.append(
                Problem(
                    table.name,
                    f"verplichte kolom '{column}' ontbreekt",
                    row=table.header_row,
                    column=column,
                    code="kolom_ontbreekt",
                )
            )
    names = NameIndex((f, f) for f in fields)
    for column in table.header:
        if column not in fields and not is_duplicate_column(column):
            hint = names.suggest(column, limit=1)
            message = f"onbekende kolom '{column}'"
            if hint:
                message += f"; bedoelde u '{hint[0]}'?"
            problems.append(
                Problem(
                    table.name, message, row=table.header_row, column=column, code="kolom_onbekend"
                )
            )
    return problems


@dataclass(frozen=True)
class CheckedRow(Generic[Model]):
    """One row of a table in file order. ``bad`` names the cells whose problems were reported
    already; such a row holds its other cells (a bad or empty required cell as None), so a
    loader still checks its names and terms in the same pass, but builds nothing from it."""

    number: int
    row: Model
    bad: frozenset[str] = frozenset()

    @property
    def complete(self) -> bool:
        return not self.bad


def check_rows(
    table: Table, model: type[Model], defaults: dict[str, Any] | None = None
) -> tuple[list[CheckedRow[Model]], list[Problem]]:
    """Every row as a model instance, complete or not (see :class:`CheckedRow`), and the
    problems of its cells; nothing but the header problems when the header is wrong."""
    problems = check_header(table, model)
    if problems:
        return [], problems
    checked: list[CheckedRow[Model]] = []
    for row_number, cells in table.rows:
        data = dict(defaults or {})
        data.update({k: v for k, v in cells.items() if v != "" and not is_duplicate_column(k)})
        try:
            checked.append(CheckedRow(row_number, model.model_validate(data)))
        except ValidationError as exc:
            problems += _cell_problems(table.name, row_number, cells, exc)
            # "" stands for an error of the whole row: the row is incomplete all the same
            bad = frozenset(str(error["loc"][0]) if error["loc"] else "" for error in exc.errors())
            with suppress(ValidationError):  # such an error can leave nothing to check
                rest = _lenient(model).model_validate({k: data[k] for k in data.keys() - bad})
                checked.append(CheckedRow(row_number, rest, bad))
    return checked, problems


def validate_rows(
    table: Table, model: type[Model], defaults: dict[str, Any] | None = None
) -> tuple[list[tuple[int, Model]], list[Problem]]:
    """The complete rows (with their numbers) and every row's problems, for loaders that refer
    to nothing by name (see :func:`check_rows` for those that do)."""
    checked, problems = check_rows(table, model, defaults)
    return complete_rows(checked), problems


def complete_rows(checked: list[CheckedRow[Model]]) -> list[tuple[int, Model]]:
    """The rows without bad cells, with their numbers: those a loader builds from."""
    return [(c.number, c.row) for c in checked if c.complete]


def _cell_problems(
    file: str, row_number: int, cells: dict[str, str], exc: ValidationError
) -> list[Problem]:
    problems = []
    for error in exc.errors():
        column = str(error["loc"][0]) if error["loc"] else None
        value = cells.get(column, "") if column else ""
        message = dutch_error(error)
        if value and f"'{value}'" not in message:
            message += f" ('{value[:80]}')"
        problems.append(
            Problem(file, message, row=row_number, column=column, value=value, code=error["type"])
        )
    return problems


@cache
def _lenient(model: type[Model]) -> type[Model]:
    """``model`` with every required field defaulting to None (never validated), to read the
    other cells of a row whose required cell is bad or empty."""
    optional: dict[str, Any] = {
        name: (
            Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation,
            None,
        )
        for name, info in model.model_fields.items()
        if info.is_required()
    }
    return create_model(f"{model.__name__}Rest", __base__=model, **optional)


def first_occurrences(
    rows: list[tuple[int, Model]], duplicates: list[Problem]
) -> list[tuple[int, Model]]:
    """``rows`` without those :func:`find_duplicates` reported, so a repeat builds nothing."""
    repeated = {problem.row for problem in duplicates}
    return [(number, row) for number, row in rows if number not in repeated]


class FirstRows:
    """Remembers the row where each key first appeared, so a repeat can name that row."""

    def __init__(self, file: str) -> None:
        self.file = file
        self._rows: dict[Hashable, int] = {}

    def repeat(
        self, key: Hashable, row: int, column: str, value: str, message: str
    ) -> Problem | None:
        """None the first time ``key`` is seen; else a ``dubbel`` problem whose ``message``
        has ``{rij}`` replaced by the first row."""
        first = self._rows.setdefault(key, row)
        if first == row:
            return None
        text = message.replace("{rij}", str(first))
        return Problem(self.file, text, row=row, column=column, value=value, code="dubbel")


def find_duplicates(
    table_name: str, keyed_rows: Iterable[tuple[int, str, str]], what: str
) -> list[Problem]:
    """Rows whose key appeared before: (row, column, key) triples -> one problem each."""
    first_rows = FirstRows(table_name)
    repeats = (
        first_rows.repeat(key, row, column, key, f"{what} '{key}' staat al in rij {{rij}}")
        for row, column, key in keyed_rows
    )
    return [problem for problem in repeats if problem]
