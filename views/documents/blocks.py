"""The building blocks of a written document, format-neutral: what the PDF and DOCX writers lay
out. Every text is plain (never markup); :func:`plain` removes what no document format can hold.

>>> plain("a\\x00b\\x1bc\\u2028d")
'a b c d'
>>> Document("T", "", (Paragraph("<b>niet vet</b>"),)).blocks[0].text
'<b>niet vet</b>'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Control characters (and line/paragraph separators) that XML 1.0 or PDF text cannot hold.
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u2028\u2029\ufffe\uffff]")


def plain(text: object) -> str:
    """``text`` as a string every writer can hold: control characters become spaces."""
    return _UNPRINTABLE.sub(" ", str(text))


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1


@dataclass(frozen=True)
class Paragraph:
    """A paragraph; ``note`` paragraphs (sources, example-data warnings) are set smaller."""

    text: str
    note: bool = False


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    """A table with a header row; ``widths`` are relative column widths."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...] = ()


@dataclass(frozen=True)
class Image:
    """A PNG image of ``width_mm`` by ``height_mm`` on the page."""

    png: bytes
    width_mm: float
    height_mm: float


Block = Heading | Paragraph | Bullets | Table | Image


@dataclass(frozen=True)
class Document:
    """Title, subtitle (date, round), the blocks, and a footer line on every page."""

    title: str
    subtitle: str
    blocks: tuple[Block, ...]
    footer: str = ""
