"""vergelijk: what changed between two survey rounds, as a table, JSON or CSV."""

from __future__ import annotations

from typing import Any

import typer

from graph.analysis.compare import CHANGE_COLUMNS, Comparison, UnknownWave, compare
from graph.dutch import nl_join, nl_number
from graph.model import rel_label
from netwerkkaart.cli.commands.common import StoreKind, StoreOption, TableFormat, stored_graph
from netwerkkaart.services.errors import UserError
from views.tabular import render, to_json_text

FormatOption = typer.Option(TableFormat.table, "--format", help="table, json of csv.")


def _response_line(label: str, wave: dict[str, Any], response: dict[str, Any]) -> str:
    pct = response["respons_pct"]
    share = f" ({nl_number(pct, 1)}%)" if pct is not None else ""
    return (
        f"{label}: {wave['naam']} ({wave['sleutel']}): {response['respondenten']} van "
        f"{response['uitgenodigd']} gemeenten hebben geantwoord{share}."
    )


def _example_line(wave: dict[str, Any]) -> str | None:
    left = wave["voorbeeld_weggelaten"]
    if not left["relaties"]:
        return None
    return (
        f"Ronde {wave['sleutel']}: {left['antwoordrijen']} antwoordrij(en) en {left['relaties']} "
        "relaties zijn voorbeelddata en tellen niet mee als verandering."
    )


def _print(result: Comparison) -> None:
    respons = result.respons
    typer.echo(_response_line("Van", result.van, respons["van"]))
    typer.echo(_response_line("Naar", result.naar, respons["naar"]))
    for label, key in (("Nieuw geantwoord", "nieuw"), ("Niet meer geantwoord", "weg")):
        typer.echo(f"{label}: {nl_join(respons[key]) or '(niemand)'}.")
    for wave in (result.van, result.naar):
        if line := _example_line(wave):
            typer.echo(line)
    compared = respons["vergeleken"]
    typer.echo(
        f"\nAntwoorden en banden vergeleken voor de {len(compared)} gemeente(n) die in beide "
        f"rondes antwoordden{': ' + nl_join(compared) if compared else ''}."
    )
    typer.echo("\nPer gemeente")
    rows = [r for r in result.changes() if r["onderdeel"] == "gemeente"]
    typer.echo(render(rows, "table", ["gemeente", "veld", "verandering", "waarde", "van", "naar"]))
    typer.echo("\nBanden")
    ties = [
        {**r, "veld": rel_label(r["veld"])} for r in result.changes() if r["onderdeel"] == "band"
    ]
    typer.echo(render(ties, "table", ["gemeente", "veld", "verandering", "waarde", "van", "naar"]))
    if outside := result.banden["buiten_vergelijking"]:
        typer.echo(f"({outside} banden van gemeenten die maar in één ronde antwoordden.)")
    typer.echo("\nVraag per thema (aantal gemeenten)")
    themes = [t for t in result.themas if t["vraag_van"] or t["vraag_naar"]]
    typer.echo(render(themes, "table", ["thema", "vraag_van", "vraag_naar", "verschil"]))


def vergelijk_command(
    van: str = typer.Argument(..., help="De eerdere ronde, bijv. 2010."),
    naar: str = typer.Argument(..., help="De latere ronde, bijv. 2027."),
    fmt: TableFormat = FormatOption,
    store: StoreKind = StoreOption,
) -> None:
    """Vergelijk twee enquêterondes: respons, antwoorden per gemeente, banden, vraag per thema."""
    graph = stored_graph(store)
    try:
        result = compare(graph, van, naar)
    except UnknownWave as exc:
        known = ", ".join(exc.known) or "geen"
        raise UserError(
            f"Enquêteronde '{exc.text}' staat niet in de graaf. Bekende rondes: {known}."
        ) from None
    if fmt is TableFormat.json:
        typer.echo(to_json_text(result.as_dict()))
    elif fmt is TableFormat.csv:
        typer.echo(render(result.changes(), "csv", CHANGE_COLUMNS), nl=False)
    else:
        _print(result)


def register(app: typer.Typer) -> None:
    app.command("vergelijk")(vergelijk_command)
