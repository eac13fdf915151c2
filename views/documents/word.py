"""A :class:`~views.documents.blocks.Document` as an A4 Word file (python-docx).

python-docx writes text as XML text nodes, so markup in a name stays literal; characters XML
cannot hold are removed first (:func:`views.documents.blocks.plain`). The page is A4 (python-docx
starts from Letter) and the document's language Dutch.
"""

from __future__ import annotations

import io
from datetime import datetime

import docx
from docx.shared import Mm, Pt, RGBColor

from views.documents.blocks import Bullets, Document, Heading, Image, Paragraph, Table, plain
from views.exports.meta import PRODUCT

MUTED = RGBColor(0x4B, 0x55, 0x63)
#: A fixed creation time, so the same note is the same file (Word shows it as document info).
FIXED_TIME = datetime(2000, 1, 1)


def to_docx(document: Document) -> bytes:
    """The document as DOCX bytes."""
    out = docx.Document()
    section = out.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(18))
    width_mm = 210 - 2 * 18
    props = out.core_properties
    props.title, props.author, props.language = plain(document.title), PRODUCT, "nl-NL"
    props.created = props.modified = FIXED_TIME
    props.last_modified_by = PRODUCT
    out.styles["Normal"].font.size = Pt(10)
    out.add_heading(plain(document.title), level=0)
    out.add_paragraph(plain(document.subtitle)).runs[0].font.color.rgb = MUTED
    for block in document.blocks:
        if isinstance(block, Heading):
            out.add_heading(plain(block.text), level=min(max(block.level, 1), 3))
        elif isinstance(block, Paragraph):
            run = out.add_paragraph().add_run(plain(block.text))
            if block.note:
                run.font.size, run.font.color.rgb = Pt(8), MUTED
        elif isinstance(block, Bullets):
            for item in block.items:
                out.add_paragraph(plain(item), style="List Bullet")
        elif isinstance(block, Table):
            table = out.add_table(rows=1, cols=len(block.header))
            table.style = "Table Grid"
            for cell, text in zip(table.rows[0].cells, block.header, strict=True):
                cell.text = plain(text)
                cell.paragraphs[0].runs[0].font.bold = True
            for row in block.rows:
                for cell, text in zip(table.add_row().cells, row, strict=True):
                    cell.text = plain(text)
        elif isinstance(block, Image):
            out.add_picture(io.BytesIO(block.png), width=Mm(min(block.width_mm, width_mm)))
    if document.footer:
        footer = section.footer.paragraphs[0]
        footer.text = plain(document.footer)
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()
