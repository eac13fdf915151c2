"""The written documents (round note, factsheets) for the CLI and the app: one place that resolves
a round's name, renders, and turns what a user can get wrong into a Dutch :class:`UserError`."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import networkx as nx

from graph.analysis.factsheet import factsheet, factsheet_context, municipalities
from graph.analysis.round_note import round_note
from graph.analysis.survey_findings import survey_waves
from graph.files import write_atomically
from graph.model import slug
from netwerkkaart.services.errors import UserError
from views.documents.factsheet import render_factsheet
from views.documents.note import render_note
from views.documents.render import FORMATS, document_format


def wave_id(graph: nx.MultiDiGraph, ronde: str) -> str:
    """The node id of round ``ronde`` (``2010`` or ``enquete:2010``), or a Dutch error naming
    the rounds there are."""
    wanted = ronde.strip()
    candidate = wanted if wanted.startswith("enquete:") else f"enquete:{wanted}"
    waves = survey_waves(graph)
    if candidate in waves:
        return candidate
    known = ", ".join(w.removeprefix("enquete:") for w in waves) or "geen"
    raise UserError(f"Onbekende enquêteronde '{ronde}'; bekende rondes: {known}.")


def format_of(path: Path) -> str:
    """``pdf`` or ``docx`` from the file name, or a Dutch error."""
    try:
        return document_format(path)
    except ValueError as exc:
        raise UserError(f"--out: {exc}.") from exc


def note_bytes(
    graph: nx.MultiDiGraph, enquete: str, fmt: str, met_voorbeelden: bool = False
) -> bytes:
    """The note of round ``enquete`` (node id) as PDF or DOCX."""
    return render_note(round_note(graph, enquete, met_voorbeelden), fmt)


def factsheet_bytes(
    graph: nx.MultiDiGraph, gemeente: str, fmt: str = "pdf", met_voorbeelden: bool = False
) -> bytes:
    """One municipality's factsheet (node id) as PDF or DOCX."""
    return render_factsheet(factsheet(factsheet_context(graph, met_voorbeelden), gemeente), fmt)


def all_factsheets(
    graph: nx.MultiDiGraph, fmt: str = "pdf", met_voorbeelden: bool = False
) -> Iterator[tuple[str, bytes]]:
    """(file name, bytes) of every municipality's factsheet, the analyses done once; an unknown
    format is refused at once, before anything is made."""
    if fmt not in FORMATS:
        raise UserError(f"--format: '{fmt}' is onbekend; kies pdf of docx.")
    ctx = factsheet_context(graph, met_voorbeelden)
    today = date.today()
    return (
        (f"factsheet-{slug(sheet.naam)}.{fmt}", render_factsheet(sheet, fmt, today))
        for sheet in (factsheet(ctx, gemeente) for gemeente in municipalities(graph))
    )


def write_file(path: Path, payload: bytes) -> None:
    """Write ``payload`` to ``path`` (atomically), or a Dutch error saying why not."""
    if path.is_dir():
        raise UserError(f"--out: {path} is een map; geef een bestandsnaam.")
    try:
        write_atomically(path, payload)
    except OSError as exc:
        raise UserError(f"Kan {path} niet schrijven: {exc.strerror or exc}") from exc
