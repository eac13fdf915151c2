"""samenvatting, factsheet: the round's summary note and municipal factsheets as PDF or DOCX."""

from __future__ import annotations

from pathlib import Path

import typer

from graph.model import NodeKind
from netwerkkaart.cli.commands.analysis import ExamplesOption
from netwerkkaart.cli.commands.common import StoreKind, StoreOption, find_node, stored_graph
from netwerkkaart.services import documents
from netwerkkaart.services.errors import UserError


def samenvatting_command(
    ronde: str = typer.Argument(..., help="De enquêteronde, bijv. 2010."),
    out: Path = typer.Option(..., "--out", help="Bestand: .pdf of .docx."),
    met_voorbeelden: bool = ExamplesOption,
    store: StoreKind = StoreOption,
) -> None:
    """Schrijf de samenvatting van een enquêteronde (secties als de notitie van 2010)."""
    fmt = documents.format_of(out)
    graph = stored_graph(store)
    enquete = documents.wave_id(graph, ronde)
    documents.write_file(out, documents.note_bytes(graph, enquete, fmt, met_voorbeelden))
    naam = graph.nodes[enquete].get("naam", enquete)
    typer.echo(f"Samenvatting van {naam} geschreven: {out} ({fmt.upper()}).")


def factsheet_command(
    naam: str = typer.Argument(None, help="De gemeente (naam of CBS-code)."),
    out: Path = typer.Option(..., "--out", help="Bestand (.pdf of .docx); met --alle een map."),
    alle: bool = typer.Option(False, "--alle", help="Een factsheet per gemeente, in map --out."),
    fmt: str = typer.Option("pdf", "--format", help="Met --alle: pdf (standaard) of docx."),
    met_voorbeelden: bool = ExamplesOption,
    store: StoreKind = StoreOption,
) -> None:
    """Schrijf de factsheet van een gemeente, of met --alle van elke gemeente."""
    if alle == (naam is not None):
        raise UserError("Geef een gemeente óf --alle.")
    if not alle:
        chosen = documents.format_of(out)
        graph = stored_graph(store)
        gemeente = find_node(graph, NodeKind.GEMEENTE, naam)
        payload = documents.factsheet_bytes(graph, gemeente, chosen, met_voorbeelden)
        documents.write_file(out, payload)
        typer.echo(f"Factsheet van {graph.nodes[gemeente]['naam']} geschreven: {out}.")
        return
    if out.exists() and not out.is_dir():
        raise UserError(f"--out: {out} is een bestand; geef met --alle een map.")
    graph = stored_graph(store)
    sheets = documents.all_factsheets(graph, fmt.lower(), met_voorbeelden)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(f"Kan map {out} niet maken: {exc.strerror or exc}") from exc
    written = 0
    for name, payload in sheets:
        documents.write_file(out / name, payload)
        written += 1
    typer.echo(f"{written} factsheets geschreven in {out} ({fmt.upper()}).")


def register(app: typer.Typer) -> None:
    app.command("samenvatting")(samenvatting_command)
    app.command("factsheet")(factsheet_command)
