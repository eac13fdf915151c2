"""banden: the ties municipalities report about each other, with their state (eenzijdig,
bevestigd, betwist), as a table, JSON or CSV."""

from __future__ import annotations

from enum import StrEnum

import typer

from graph.analysis.compare import UnknownWave, resolve_wave
from graph.analysis.tie_status import TIE_COLUMNS, tie_rows
from graph.model import TIE_STATUS_LABELS, TieStatus, bron_label, is_example, rel_label
from netwerkkaart.cli.commands.analysis import ExamplesOption
from netwerkkaart.cli.commands.common import StoreKind, StoreOption, TableFormat, stored_graph
from netwerkkaart.services.errors import UserError
from views.tabular import render, to_json_text


class StatusChoice(StrEnum):
    eenzijdig = "eenzijdig"
    bevestigd = "bevestigd"
    betwist = "betwist"


def banden_command(
    status: StatusChoice | None = typer.Option(
        None, "--status", help="Alleen banden met deze status: eenzijdig, bevestigd of betwist."
    ),
    ronde: str | None = typer.Option(None, "--ronde", help="Alleen banden uit deze ronde."),
    fmt: TableFormat = typer.Option(TableFormat.table, "--format", help="table, json of csv."),
    met_voorbeelden: bool = ExamplesOption,
    store: StoreKind = StoreOption,
) -> None:
    """Banden tussen gemeenten en of de andere kant ze bevestigt, ontkent of niet noemt.

    Example ties are left out unless asked, as in every analysis; asked, the table says so."""
    graph = stored_graph(store)
    wave = None
    if ronde is not None:
        try:
            wave = resolve_wave(graph, ronde)
        except UnknownWave as exc:
            known = ", ".join(exc.known) or "geen"
            raise UserError(
                f"Enquêteronde '{exc.text}' staat niet in de graaf. Bekende rondes: {known}."
            ) from None
    rows = [
        row
        for row in tie_rows(graph, TieStatus(status.value) if status else None, wave)
        if met_voorbeelden or not is_example(row)
    ]
    if fmt is TableFormat.json:
        typer.echo(to_json_text(rows))
    elif fmt is TableFormat.csv:
        typer.echo(render(rows, "csv", TIE_COLUMNS), nl=False)
    elif not rows:
        typer.echo("Geen banden tussen gemeenten gevonden.")
    else:
        shown = [
            {
                **row,
                "relatie": rel_label(row["relatie"]),
                "status": TIE_STATUS_LABELS[TieStatus(row["status"])],
                "bron_type": bron_label(row["bron_type"]),
            }
            for row in rows
        ]
        columns = ["van", "relatie", "naar", "status", "ronde", "reden"]
        typer.echo(render(shown, "table", [*columns, "bron_type"] if met_voorbeelden else columns))


def register(app: typer.Typer) -> None:
    app.command("banden")(banden_command)
