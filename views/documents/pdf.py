"""A :class:`~views.documents.blocks.Document` as an A4 PDF (reportlab).

reportlab's ``Paragraph`` reads a small markup language, so every text is escaped here
(:func:`markup`) and a name such as ``<b>x</b>`` prints literally. The font is DejaVu Sans, taken
from matplotlib's own files and embedded, so any Dutch (and most non-Latin) text prints without
depending on the reader's fonts; a character it has no glyph for prints as U+FFFD. Output is
deterministic (reportlab's invariant mode).

>>> markup("<script>alert(1)</script> & co")
'&lt;script&gt;alert(1)&lt;/script&gt; &amp; co'
>>> printable("Café ☃ \U0001d11e")
'Café ☃ \ufffd'
"""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import matplotlib
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    ListFlowable,
    ListItem,
    SimpleDocTemplate,
    Spacer,
    TableStyle,
)
from reportlab.platypus import Image as PdfImage
from reportlab.platypus import Paragraph as PdfParagraph
from reportlab.platypus import Table as PdfTable

from views.documents.blocks import Block, Bullets, Document, Heading, Image, Paragraph, Table, plain
from views.exports.meta import PRODUCT

MARGIN = 18 * mm
FONT, BOLD = "DejaVuSans", "DejaVuSans-Bold"
#: Shown for a character no embedded font can draw (DejaVu Sans has no musical symbols, say).
MISSING = "\ufffd"
INK, MUTED, RULE = (
    colors.HexColor("#111827"),
    colors.HexColor("#4B5563"),
    colors.HexColor("#D1D5DB"),
)


def printable(text: object) -> str:
    """``text`` with control characters removed and every character the embedded font cannot
    draw shown as U+FFFD (�) rather than as an empty box."""
    drawable = _drawable()
    return "".join(c if c.isspace() or ord(c) in drawable else MISSING for c in plain(text))


def markup(text: object) -> str:
    """Plain text as reportlab paragraph markup: printable, then escaped."""
    return escape(printable(text))


@cache
def _fonts() -> tuple[str, str]:
    """Register DejaVu Sans (regular, bold) from matplotlib's font folder, once."""
    folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    pdfmetrics.registerFont(TTFont(FONT, str(folder / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(folder / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=BOLD, italic=FONT, boldItalic=BOLD)
    return FONT, BOLD


@cache
def _drawable() -> frozenset[int]:
    """Code points both embedded fonts have a glyph for."""
    regular, bold = (pdfmetrics.getFont(name).face.charToGlyph for name in _fonts())
    return frozenset(regular.keys() & bold.keys())


@cache
def _styles() -> dict[str, ParagraphStyle]:
    regular, bold = _fonts()
    base = ParagraphStyle("tekst", fontName=regular, fontSize=9.5, leading=13, textColor=INK)
    return {
        "title": ParagraphStyle("titel", base, fontName=bold, fontSize=17, leading=21),
        "subtitle": ParagraphStyle("ondertitel", base, textColor=MUTED, spaceAfter=6),
        "h1": ParagraphStyle("kop1", base, fontName=bold, fontSize=12.5, leading=16, spaceBefore=9, spaceAfter=3),
        "h2": ParagraphStyle("kop2", base, fontName=bold, fontSize=10.5, leading=14, spaceBefore=6, spaceAfter=2),
        "text": ParagraphStyle("alinea", base, spaceAfter=4, alignment=TA_LEFT),
        "note": ParagraphStyle("noot", base, fontSize=8, leading=10.5, textColor=MUTED, spaceAfter=4),
        "cell": ParagraphStyle("cel", base, fontSize=8, leading=10),
        "head": ParagraphStyle("kopcel", base, fontName=bold, fontSize=8, leading=10),
    }  # fmt: skip


def _table(block: Table, width: float) -> PdfTable:
    s = _styles()
    data = [[PdfParagraph(markup(h), s["head"]) for h in block.header]]
    data += [[PdfParagraph(markup(c), s["cell"]) for c in row] for row in block.rows]
    weights = block.widths or tuple(1.0 for _ in block.header)
    widths = [width * w / sum(weights) for w in weights]
    table = PdfTable(data, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, INK),
                ("LINEBELOW", (0, 1), (-1, -1), 0.3, RULE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 2),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return table


def _flowables(block: Block, width: float) -> list[Flowable]:
    s = _styles()
    if isinstance(block, Heading):
        return [PdfParagraph(markup(block.text), s["h1" if block.level <= 1 else "h2"])]
    if isinstance(block, Paragraph):
        return [PdfParagraph(markup(block.text), s["note" if block.note else "text"])]
    if isinstance(block, Bullets):
        items = [ListItem(PdfParagraph(markup(i), s["text"]), leftIndent=12) for i in block.items]
        return [
            ListFlowable(items, bulletType="bullet", start="•", leftIndent=12, bulletFontName=FONT)
        ]
    if isinstance(block, Table):
        return [_table(block, width), Spacer(1, 4)]
    if isinstance(block, Image):
        picture = PdfImage(io.BytesIO(block.png), block.width_mm * mm, block.height_mm * mm)
        return [KeepTogether([picture, Spacer(1, 4)])]
    raise TypeError(f"onbekend blok {type(block).__name__}")


def to_pdf(document: Document) -> bytes:
    """The document as A4 PDF bytes, a footer with page numbers on every page."""
    return to_pdf_with_pages(document)[0]


def to_pdf_with_pages(document: Document) -> tuple[bytes, int]:
    """The PDF bytes and how many pages they hold."""
    s = _styles()
    buffer = io.BytesIO()
    footer = printable(document.footer)

    def page(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 7)
        canvas.setFillColor(MUTED)
        canvas.drawString(MARGIN, 10 * mm, footer)
        canvas.drawRightString(A4[0] - MARGIN, 10 * mm, f"pagina {doc.page}")
        canvas.restoreState()

    template = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=printable(document.title),
        author=PRODUCT,
        creator=PRODUCT,
        lang="nl-NL",
        invariant=True,
    )
    story: list[Flowable] = [
        PdfParagraph(markup(document.title), s["title"]),
        PdfParagraph(markup(document.subtitle), s["subtitle"]),
    ]
    for block in document.blocks:
        story += _flowables(block, template.width)
    template.build(story, onFirstPage=page, onLaterPages=page)
    return buffer.getvalue(), int(template.page)
