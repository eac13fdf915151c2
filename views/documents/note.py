"""The round's summary note (:func:`graph.analysis.round_note.round_note`) as a document.

Sections, sentences and lists come from the analysis; this module adds the charts, the
example-data warning and the sources, and :func:`render_note` writes PDF or DOCX.
"""

from __future__ import annotations

from datetime import date

from graph.analysis.round_note import EXAMPLE_SUFFIX, RoundNote
from views.documents.blocks import Block, Bullets, Document, Heading, Paragraph
from views.documents.charts import bar_chart
from views.documents.render import render
from views.exports.meta import PRODUCT, dutch_date

EXAMPLE_WARNING = (
    f"Let op: uitspraken met '{EXAMPLE_SUFFIX.strip(' ()')}' rusten op voorbeelddata (bron_type "
    "voorbeeld): illustratief, geen enquêteresultaat."
)


def note_document(note: RoundNote, datum: date | None = None) -> Document:
    """The note with a chart under every section that has one."""
    blocks: list[Block] = []
    if note.has_example_data:
        blocks.append(Paragraph(EXAMPLE_WARNING, note=True))
    if note.weggelaten_voorbeelden:
        blocks.append(
            Paragraph(
                "Zonder voorbeelddata berekend: alleen enquête-, referentie- en "
                "gebruikersgegevens tellen mee.",
                note=True,
            )
        )
    for section in note.secties:
        blocks.append(Heading(section.titel, section.niveau))
        blocks += [Paragraph(s.tekst) for s in section.uitspraken]
        if section.opsomming:
            blocks.append(Bullets(section.opsomming))
        if section.grafiek:
            frame = getattr(note.findings, section.grafiek)
            blocks.append(bar_chart(frame, note.findings.beantwoord, section.grafiek_titel))
    blocks.append(Paragraph(f"Bron van de enquêtegegevens: {note.bron or 'onbekend'}.", note=True))
    return Document(
        title=note.titel,
        subtitle=f"Opgesteld door {PRODUCT} op {dutch_date(datum or date.today())}, "
        "alle cijfers opnieuw geteld uit de gegevens",
        blocks=tuple(blocks),
        footer=f"{note.titel} · {PRODUCT}",
    )


def render_note(note: RoundNote, fmt: str, datum: date | None = None) -> bytes:
    """The note as ``pdf`` or ``docx`` bytes."""
    return render(note_document(note, datum), fmt)
