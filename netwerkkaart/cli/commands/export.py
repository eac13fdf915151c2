"""export: one selection of the network as a map, report or data file (see views.exports)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from graph.files import write_atomically
from graph.selection import VIEWS
from loaders.names import NameIndex
from netwerkkaart.cli.commands.common import StoreKind, StoreOption, stored_graph
from netwerkkaart.services.errors import UserError
from netwerkkaart.services.selection_options import selection_from_options
from views.exports.paper import PAPERS
from views.exports.registry import EXPORTS, SelectedExport

CSV_STYLES = ("excel", "plain")
LAYOUTS = ("geo", "force")
#: --papier values: paper and orientation in one word (a bare paper keeps --liggend/--staand).
PAPER_CHOICES: dict[str, tuple[str, bool | None]] = {
    **{
        f"{name}-{side}": (name, side == "liggend")
        for name in ("A4", "A3")
        for side in ("liggend", "staand")
    },
    **{name: (name, None) for name in PAPERS},
}


def _paper(value: str, liggend: bool | None) -> tuple[str, bool]:
    """(paper, landscape) from --papier and --liggend/--staand; the flag wins when given."""
    name, side = PAPER_CHOICES[_choice("--papier", value, list(PAPER_CHOICES))]
    return name, liggend if liggend is not None else bool(side)


#: Formats that draw a map: they leave the vocabulary out unless asked (data formats keep it).
MAP_FORMATS = ("html", "png", "svg", "pdf")


def _choice(option: str, value: str, allowed: tuple[str, ...] | list[str]) -> str:
    """``value`` as one of ``allowed`` (case-insensitive), or a Dutch error with suggestions."""
    resolution = NameIndex((a, a) for a in allowed).resolve(value)
    if resolution.key is None:
        hint = (
            f" Bedoelde u {' of '.join(resolution.suggestions)}?" if resolution.suggestions else ""
        )
        raise UserError(f"{option}: '{value}' is onbekend; kies uit {', '.join(allowed)}.{hint}")
    return resolution.key


def export(
    fmt: str = typer.Option(..., "--format", help=f"Formaat: {', '.join(EXPORTS)}."),
    out: Path = typer.Option(..., "--out", help="Doelbestand."),
    soort: list[str] = typer.Option([], "--soort", help="Alleen nodes van deze soort(en)."),
    regio: list[str] = typer.Option(
        [], "--regio", help="Gemeenten van deze regio('s) met hun partners, bijv. 'Regio Twente'."
    ),
    relatie: list[str] = typer.Option([], "--relatie", help="Alleen deze relatietype(n)."),
    bron_type: list[str] = typer.Option(
        [], "--bron-type", help="Alleen relaties uit deze soort bron (referentie, enquete, ...)."
    ),
    status: list[str] = typer.Option([], "--status", help="Gemeenten met deze enquêtestatus."),
    focus: str = typer.Option(None, "--focus", help="Alleen wat rond deze node ligt (naam)."),
    hops: int = typer.Option(1, "--hops", help="Stappen rond de focus (1-3)."),
    titel: str = typer.Option(None, "--titel", help="Titel op kaart en rapport."),
    papier: str = typer.Option(
        "A4-liggend",
        "--papier",
        help="Kaarten: A4-liggend (standaard), A4-staand, A3-liggend, A3-staand of dia (16:9).",
    ),
    liggend: bool = typer.Option(
        None, "--liggend/--staand", help="Kaarten: richting bij --papier A4 of A3."
    ),
    indeling: str = typer.Option("geo", "--indeling", help="Kaarten: geo (standaard) of force."),
    csv_stijl: str = typer.Option("excel", "--csv-stijl", help="CSV: excel (;) of plain (,)."),
    met_voorbeelden: bool = typer.Option(
        False,
        "--met-voorbeelden",
        help="Rapport: maten, aanhaken en kennis ook op voorbeelddata (gemarkeerd).",
    ),
    weergave: str = typer.Option(
        "netwerk",
        "--weergave",
        help="netwerk (standaard) of gemeenten: de Gemeentekaart, één node per gemeente.",
    ),
    begrippen: bool = typer.Option(
        None,
        "--begrippen/--zonder-begrippen",
        help="Thema's, activiteiten, werkvormen, struikelblokken, beleidsterreinen en enquêtes "
        "als nodes; standaard zonder bij kaarten (html, png, svg, pdf), met bij gegevens.",
        show_default=False,
    ),
    store: StoreKind = StoreOption,
) -> None:
    """Exporteer (een selectie van) het netwerk: kaart, rapport of gegevens."""
    name = _choice("--format", fmt, list(EXPORTS))
    paper, landscape = _paper(papier, liggend)
    view = _choice("--weergave", weergave, list(VIEWS))
    options: dict[str, Any] = {
        "papier": paper,
        "liggend": landscape,
        "indeling": _choice("--indeling", indeling, LAYOUTS),
        "csv_style": _choice("--csv-stijl", csv_stijl, CSV_STYLES),
        "met_voorbeelden": met_voorbeelden,
        "weergave": view,
    }
    if out.is_dir():
        raise UserError(f"--out: {out} is een map; geef een bestandsnaam.")
    graph = stored_graph(store)
    selection = selection_from_options(
        graph,
        soort=soort,
        regio=regio,
        relatie=relatie,
        bron_type=bron_type,
        status=status,
        focus=focus,
        hops=hops,
        begrippen=name not in MAP_FORMATS if begrippen is None else begrippen,
        weergave=view,
    )
    chosen = SelectedExport.of(graph, selection)
    if chosen.view.number_of_nodes() == 0:
        raise UserError("De selectie is leeg: er is niets geschreven. Verruim de filters.")
    try:
        payload = chosen.render(name, titel=titel, **options)
    except ValueError as exc:
        raise UserError(f"Export naar {name} lukt niet: {exc}") from exc
    try:
        write_atomically(out, payload)
    except OSError as exc:
        raise UserError(f"Kan {out} niet schrijven: {exc.strerror or exc}") from exc
    typer.echo(
        f"Export geschreven: {out} ({EXPORTS[name].label}; {chosen.view.number_of_nodes()} "
        f"nodes, {chosen.view.number_of_edges()} relaties; selectie: {chosen.description})."
    )
    note = chosen.meta(titel).example_note
    if note:
        typer.echo(note)


def register(app: typer.Typer) -> None:
    app.command("export")(export)
