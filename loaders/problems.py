"""Problems in input files are data: file, row, column, value and a Dutch message.

Loaders collect every problem instead of stopping at the first, so a user fixes a file in one go
(the frictionless habit). Rows count the way a spreadsheet user counts them: the header is row 1.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

_CONTROL = re.compile("[\x00-\x1f\x7f]")


def visible(text: str) -> str:
    r"""``text`` on one line, control characters written out, so a value from a file can neither
    split a problem line nor send escape codes to the user's terminal.

    >>> print(visible("a\nb\x1b[2J"))
    a\nb\x1b[2J
    """
    return _CONTROL.sub(lambda found: repr(found.group())[1:-1], text)


class Level(StrEnum):
    FOUT = "fout"
    WAARSCHUWING = "waarschuwing"


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or worth knowing) about one place in one file."""

    file: str
    message: str
    row: int | None = None
    column: str | None = None
    value: str | None = None
    code: str = "ongeldig"
    level: Level = Level.FOUT

    def line(self) -> str:
        """``file:row:column: message`` as the CLI prints it (empty parts stay empty)."""
        row = "" if self.row is None else str(self.row)
        column = self.column or ""
        prefix = "" if self.level is Level.FOUT else "waarschuwing: "
        return visible(f"{self.file}:{row}:{column}: {prefix}{self.message}")

    def as_dict(self) -> dict[str, object]:
        return {
            "bestand": self.file,
            "rij": self.row,
            "kolom": self.column,
            "waarde": self.value,
            "melding": self.message,
            "code": self.code,
            "niveau": str(self.level),
        }


@dataclass
class LoadReport:
    """Everything a load found; ``ok`` is False as soon as one problem is an error."""

    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, problem: Problem) -> None:
        self.problems.append(problem)

    def extend(self, problems: Iterable[Problem]) -> None:
        self.problems.extend(problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level is Level.FOUT]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.level is Level.WAARSCHUWING]

    @property
    def ok(self) -> bool:
        return not self.errors
