"""Which writer makes which format: ``pdf`` and ``docx``, picked by name or file extension.

>>> document_format("notitie.DOCX")
'docx'
>>> document_format("notitie.txt")
Traceback (most recent call last):
ValueError: onbekend documentformaat '.txt'; kies .pdf of .docx
"""

from __future__ import annotations

from pathlib import PurePath

from views.documents.blocks import Document

FORMATS = ("pdf", "docx")
MIME = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def document_format(path: str | PurePath) -> str:
    """The format a file name asks for (its extension), or a Dutch error."""
    suffix = PurePath(path).suffix.lower()
    if suffix.lstrip(".") not in FORMATS:
        raise ValueError(f"onbekend documentformaat '{suffix or path}'; kies .pdf of .docx")
    return suffix.lstrip(".")


def render(document: Document, fmt: str) -> bytes:
    """``document`` as PDF or DOCX bytes (the writers load on first use)."""
    if fmt == "pdf":
        from views.documents.pdf import to_pdf

        return to_pdf(document)
    if fmt == "docx":
        from views.documents.word import to_docx

        return to_docx(document)
    raise ValueError(f"onbekend documentformaat '{fmt}'; kies pdf of docx")
