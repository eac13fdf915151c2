"""build, validate, stats, gemeente, template: the foundation commands."""

from __future__ import annotations

from pathlib import Path

import typer

from graph.analysis.profile import gemeente_profile
from graph.analysis.stats import graph_stats
from graph.files import write_atomically
from graph.model import BRON_TYPE_LABELS, EXAMPLE_BRON_TYPES, NodeKind
from loaders.datasets import LoadResult, Source
from loaders.template import template_bytes
from netwerkkaart.cli.commands.common import (
    StoreKind,
    StoreOption,
    TableFormat,
    find_node,
    store_for,
    stored_graph,
)
from netwerkkaart.cli.synthetic import generate
from netwerkkaart.services import workspace as ws
from netwerkkaart.services.errors import UserError
from netwerkkaart.services.settings import workspace
from views.tabular import render, to_json_text


def _print_problems(result: LoadResult) -> None:
    for problem in result.report.problems:
        typer.echo(problem.line())
    for note in result.report.notes:
        typer.echo(f"opmerking: {note}")


def build(
    data: Path = typer.Option(
        None, "--data", help="Map met invoerbestanden (standaard: de meegeleverde data)."
    ),
    store: StoreKind = StoreOption,
) -> int:
    """Lees, controleer en bouw de graaf, en sla hem op."""
    home, target = store_for(store)
    outcome = ws.build_and_save(home, target, data)
    _print_problems(outcome.result)
    if outcome.graph is None:
        typer.echo(
            f"{len(outcome.result.report.errors)} fout(en): er is niets opgeslagen.", err=True
        )
        return 1
    stats = graph_stats(outcome.graph)
    typer.echo(
        f"Graaf gebouwd: {stats.nodes} nodes, {stats.relationships} relaties; opgeslagen in {target.describe()}."
    )
    for bron_type in sorted(EXAMPLE_BRON_TYPES):
        if count := stats.per_bron_type.get(str(bron_type), 0):
            typer.echo(f"Let op: {count} nodes en relaties zijn {BRON_TYPE_LABELS[bron_type]}.")
    return 0


def validate(
    files: list[Path] = typer.Argument(..., help="Een of meer CSV- of XLSX-bestanden."),
) -> int:
    """Controleer bestanden (samen met de geladen data); exit 0 als alles klopt."""
    sources = []
    for path in files:
        if not path.is_file():
            raise UserError(f"{path}: bestand niet gevonden.")
        sources.append(Source.from_path(path))
    outcome = ws.build(workspace(), extra=sources)
    names = {s.name for s in sources}
    mine = [p for p in outcome.result.report.problems if p.file in names]
    for problem in mine:
        typer.echo(problem.line())
    errors = outcome.result.report.errors
    if errors:
        other = sum(p.file not in names for p in errors)
        if other:
            typer.echo(f"{other} fout(en) in andere geladen bestanden.", err=True)
        return 1
    for name, label, how, rows in outcome.result.read:
        if name in names:
            typer.echo(f"{name}: geldig ({label}, {rows} rijen; {how}).")
    for note in outcome.result.report.notes:
        typer.echo(f"opmerking: {note}")
    return 0


def stats(
    fmt: TableFormat = typer.Option(TableFormat.table, "--format"), store: StoreKind = StoreOption
) -> None:
    """Aantallen nodes per soort en relaties per type."""
    result = graph_stats(stored_graph(store))
    if fmt is TableFormat.json:
        typer.echo(to_json_text(result.as_dict()))
        return
    rows = [{"soort": "node", "naam": k, "aantal": v} for k, v in result.nodes_per_kind.items()]
    rows += [
        {"soort": "relatie", "naam": k, "aantal": v}
        for k, v in result.relationships_per_type.items()
    ]
    rows += [{"soort": "bron", "naam": k, "aantal": v} for k, v in result.per_bron_type.items()]
    typer.echo(render(rows, fmt.value))
    if fmt is TableFormat.table:
        typer.echo(f"\nTotaal: {result.nodes} nodes, {result.relationships} relaties.")


def gemeente(
    naam: str = typer.Argument(..., help="Naam of CBS-code, bijv. 'Olst-Wijhe' of GM1773."),
    fmt: TableFormat = typer.Option(TableFormat.table, "--format"),
    store: StoreKind = StoreOption,
) -> None:
    """Het profiel van één gemeente, met bronnen."""
    graph = stored_graph(store)
    profile = gemeente_profile(graph, find_node(graph, NodeKind.GEMEENTE, naam))
    if fmt is TableFormat.json:
        typer.echo(to_json_text(profile.as_dict()))
        return
    if fmt is TableFormat.csv:
        rows = [
            {"sectie": title, **{k: v for k, v in vars(item).items() if k != "details"}}
            for title, items in profile.secties.items()
            for item in items
        ]
        typer.echo(render(rows, "csv"), nl=False)
        return
    typer.echo(f"{profile.naam} ({profile.feiten.get('cbs_code', '')}) — bron: {profile.bron}")
    typer.echo(render([{"feit": k, "waarde": v} for k, v in profile.feiten.items()], "table"))
    for title, items in profile.secties.items():
        typer.echo(f"\n{title}:")
        if not items:
            typer.echo("  (geen)")
        for item in items:
            detail = ", ".join(f"{k}: {v}" for k, v in item.details.items())
            mark = " [VOORBEELD]" if item.voorbeeld else ""
            typer.echo(
                f"  - {item.naam}{' (' + detail + ')' if detail else ''} — {item.bron_type}{mark}"
            )
    if profile.has_example_data:
        typer.echo("\n[VOORBEELD] = illustratieve voorbeelddata, geen enquêteresultaat.")


def template(out: Path = typer.Option(..., "--out", help="Doelbestand: .csv of .xlsx.")) -> None:
    """Schrijf het lege enquêtesjabloon."""
    try:
        payload = template_bytes(out)
    except ValueError as exc:
        raise UserError(str(exc)) from exc
    try:
        write_atomically(out, payload)
    except OSError as exc:
        raise UserError(f"Kan {out} niet schrijven: {exc.strerror}") from exc
    typer.echo(f"Sjabloon geschreven: {out}")


def synthetisch(
    grootte: str = typer.Option("province", "--grootte", help="small, province of national."),
    out: Path = typer.Option(..., "--out", help="Map waarin de invoerbestanden komen."),
    seed: int = typer.Option(
        20100330, "--seed", help="Startwaarde; dezelfde seed geeft dezelfde bestanden."
    ),
) -> None:
    """Schrijf synthetische invoerbestanden (gemarkeerd als synthetisch) om schaal te testen."""
    try:
        folder = generate(grootte, out, seed)
    except ValueError as exc:
        raise UserError(str(exc)) from exc
    typer.echo(
        f"Synthetische data ({grootte}) geschreven naar {folder}; bouw met `netwerkkaart build --data {folder}`."
    )


def register(app: typer.Typer) -> None:
    app.command("build")(build)
    app.command("validate")(validate)
    app.command("stats")(stats)
    app.command("gemeente")(gemeente)
    app.command("template")(template)
    app.command("synthetisch")(synthetisch)
