"""aanhaken, kennis, gaten, maten: the analyses of graph/ on the command line.

Each command resolves names to ids (Dutch errors with suggestions), calls one analysis function
and prints its result as a table, JSON or CSV; the numbers are the ones the app and exports show.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import pandas as pd
import typer

from graph.analysis.aanhaken import FACTORS, AanhakenResult, AanhakenSettings, aanhaken
from graph.analysis.basis import analysis_basis
from graph.analysis.gaps import find_gaps, gaps_frame
from graph.analysis.kennis import KennisResult, KennisSettings, knowledge_exchange
from graph.analysis.metrics import COLUMN_LABELS, network_measures
from graph.dutch import DERIVED_NOTE, EXAMPLE_NOTE, nl_number
from graph.model import KIND_LABELS, NodeKind
from loaders.names import NameIndex
from netwerkkaart.cli.commands.common import (
    StoreKind,
    StoreOption,
    TableFormat,
    find_node,
    stored_graph,
)
from netwerkkaart.services.errors import UserError
from views.tabular import render, to_json_text

FormatOption = typer.Option(TableFormat.table, "--format", help="table, json of csv.")
EXAMPLE_FOOTNOTE = (
    f"{EXAMPLE_NOTE.strip()} = rust op illustratieve voorbeelddata, geen enquêteresultaat."
)
DERIVED_FOOTNOTE = (
    f"{DERIVED_NOTE.strip()}: de koppeling van activiteiten aan thema's is een eigen lezing van "
    "het project, geen enquêteresultaat; --zonder-afgeleid laat zulke koppelingen weg."
)
BASIS_NOTE = (
    "Zonder voorbeelddata berekend (alleen referentie-, enquête-, gebruikers- en afgeleide "
    "gegevens); --met-voorbeelden telt de voorbeeldrijen mee."
)
ExamplesOption = typer.Option(
    False,
    "--met-voorbeelden",
    help="Tel ook voorbeelddata (illustratief, geen enquêteresultaat) mee; redenen zeggen het.",
)
DerivedOption = typer.Option(
    False,
    "--zonder-afgeleid",
    help="Laat afgeleide koppelingen (activiteit raakt thema, eigen lezing) weg.",
)
KENNIS_PARTS = ("themas", "paren", "groepen", "matrix")
MEASURES = ("graad", "tussenheid", "pagerank", "buren")
WEIGHT_HELP = f"factor=waarde (herhaalbaar, 0 of meer); factoren: {', '.join(FACTORS)}."


def _choose(
    option: str,
    text: str,
    entries: Sequence[tuple[str, str]],
    aliases: Sequence[tuple[str, str]] = (),
) -> str:
    """The key that ``text`` names among (key, label) ``entries``, or a Dutch error."""
    resolution = NameIndex(entries, aliases).resolve(text)
    if resolution.key is not None:
        return resolution.key
    message = resolution.unknown_message(option, text)
    separator = " " if message.endswith("?") else ". "
    known = ", ".join(key for key, _ in entries)
    raise UserError(f"{message}{separator}Kies uit {known}.")


def _at_least(option: str, value: int, minimum: int) -> int:
    if value < minimum:
        raise UserError(f"{option} moet minstens {minimum} zijn, niet {value}.")
    return value


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows without NaN (shown empty), for tables and CSV."""
    return [
        {k: None if isinstance(v, float) and math.isnan(v) else v for k, v in row.items()}
        for row in frame.to_dict("records")
    ]


def parse_weights(texts: Sequence[str]) -> dict[str, float]:
    """``factor=waarde`` texts as weights; factors by key or Dutch label, decimal comma allowed."""
    entries = [(key, key) for key in FACTORS]
    labels = [(spec.label, key) for key, spec in FACTORS.items()]
    weights: dict[str, float] = {}
    for text in texts:
        name, sep, raw = text.partition("=")
        if not sep:
            raise UserError(f"--gewicht '{text}': schrijf factor=waarde, bijv. geografie=2.")
        factor = _choose("--gewicht: factor", name.strip(), entries, labels)
        try:
            value = float(raw.strip().replace(",", "."))
        except ValueError:
            raise UserError(f"--gewicht {factor}: '{raw}' is geen getal.") from None
        if not math.isfinite(value) or value < 0:
            raise UserError(f"--gewicht {factor}: het gewicht moet 0 of groter zijn, niet {raw}.")
        weights[factor] = value
    return weights


# --- aanhaken ------------------------------------------------------------------------------------


def _basis_note(met_voorbeelden: bool) -> None:
    if not met_voorbeelden:
        typer.echo(BASIS_NOTE)


def _print_aanhaken(result: AanhakenResult, met_voorbeelden: bool) -> None:
    s = result.settings
    typer.echo(
        f"Aanhaken: gemeenten met minder dan {nl_number(s.drempel)} inwoners (meest recente "
        f"telling), bij gemeenten die minstens {nl_number(s.min_verhouding, 1)} keer zo groot zijn."
    )
    typer.echo(result.population_note())
    _basis_note(met_voorbeelden)
    typer.echo(
        "Gewichten: " + ", ".join(f"{k} {nl_number(v, 1)}" for k, v in result.weights.items())
    )
    for gemeente in result.gemeenten:
        inwoners = gemeente.inwoners or 0  # only municipalities with a known one are analysed
        people = f"{nl_number(inwoners)} inwoners in {gemeente.inwoners_jaar}"
        typer.echo(f"\n{gemeente.naam} ({gemeente.cbs}, {people})")
        if inwoners >= s.drempel:
            typer.echo(f"Let op: niet onder de drempel van {nl_number(s.drempel)} inwoners.")
        suggestions = result.voor(gemeente.id)
        if not suggestions:
            typer.echo(
                "  Geen kandidaten: geen duidelijk grotere gemeente in de buurt, in een gedeelde"
                " regio of met een bestaande aanhaakrelatie."
            )
            continue
        rows = [
            {"rang": s.rank, "partner": s.partner.naam, "cbs": s.partner.cbs, "score": s.score}
            | s.contributions
            for s in suggestions
        ]
        typer.echo(render(rows, "table"))
        for suggestion in suggestions:
            typer.echo(f"  {suggestion.rank}. {suggestion.partner.naam}:")
            for reason in suggestion.reasons:
                typer.echo(f"     - {reason}")
    if any(s.example_factors for s in result.suggesties):
        typer.echo(f"\n{EXAMPLE_FOOTNOTE}")
    if any(s.derived_factors for s in result.suggesties):
        typer.echo(f"\n{DERIVED_FOOTNOTE}")


def aanhaken_command(
    gemeente: str = typer.Option(
        None, "--gemeente", help="Alleen deze gemeente (naam of CBS-code); standaard alle kleine."
    ),
    top: int = typer.Option(5, "--top", help="Aantal suggesties per gemeente."),
    drempel: int = typer.Option(
        AanhakenSettings.drempel, "--drempel", help="Klein = minder inwoners dan dit."
    ),
    gewicht: list[str] = typer.Option(
        [],
        "--gewicht",
        help=WEIGHT_HELP,
    ),
    met_voorbeelden: bool = ExamplesOption,
    zonder_afgeleid: bool = DerivedOption,
    fmt: TableFormat = FormatOption,
    store: StoreKind = StoreOption,
) -> None:
    """Waar kunnen kleine gemeenten aanhaken? Gerangschikt, met redenen."""
    weights = parse_weights(gewicht)
    settings = AanhakenSettings(drempel=_at_least("--drempel", drempel, 1))
    _at_least("--top", top, 1)
    graph = stored_graph(store)
    node = find_node(graph, NodeKind.GEMEENTE, gemeente) if gemeente else None
    basis = analysis_basis(graph, met_voorbeelden, not zonder_afgeleid)
    result = aanhaken(basis, node, settings, weights, top)
    if node is not None and not result.gemeenten:
        raise UserError(f"Van {graph.nodes[node]['naam']} is geen inwonertal bekend.")
    if fmt is TableFormat.json:
        typer.echo(to_json_text([s.as_dict() for s in result.suggesties]))
    elif fmt is TableFormat.csv:
        typer.echo(render(_records(result.frame()), "csv"), nl=False)
    else:
        _print_aanhaken(result, met_voorbeelden)


# --- kennis --------------------------------------------------------------------------------------


def _print_kennis(
    result: KennisResult, parts: Sequence[str], top: int, met_voorbeelden: bool
) -> None:
    frames = result.frames()
    _basis_note(met_voorbeelden)
    if "themas" in parts:
        typer.echo("Per thema: wie vraagt erom, wie heeft ervaring")
        columns = ["label", "vragen", "vragers", "ervaring", "ervaren"]
        typer.echo(render(_records(frames["themas"]), "table", columns))
    if "paren" in parts:
        shown = result.paren[:top] if top else result.paren
        typer.echo(f"\nWie kan wie wat leren ({len(shown)} van {len(result.paren)}):")
        if not shown:
            typer.echo("  (geen)")
        for number, pair in enumerate(shown, start=1):
            typer.echo(f"  {number}. {pair.leraar.naam} -> {pair.leerling.naam}")
            for reason in pair.redenen:
                typer.echo(f"     - {reason}")
    if "groepen" in parts:
        typer.echo("\nVoorgestelde groepen:")
        if not result.groepen:
            typer.echo("  (geen)")
        for number, group in enumerate(result.groepen, start=1):
            members = ", ".join(f"{m.gemeente.naam} ({m.rol})" for m in group.leden)
            typer.echo(f"  {number}. {group.werkvorm_label} '{group.label}': {members}")
            for reason in group.redenen:
                typer.echo(f"     - {reason}")
        for note in result.niet_gevormd:
            typer.echo(f"  Geen groep: {note}")
    if "matrix" in parts:
        typer.echo("\nThema x gemeente (1 = vraagt, 2 = heeft ervaring, 3 = beide):")
        typer.echo(render(_records(frames["matrix"]), "table"))
    if result.has_example_data:
        typer.echo(f"\n{EXAMPLE_FOOTNOTE}")
    if result.afgeleid:
        typer.echo(f"\n{DERIVED_FOOTNOTE}")


def kennis_command(
    thema: str = typer.Option(None, "--thema", help="Alleen dit thema (sleutel of naam)."),
    onderdeel: str = typer.Option(
        "alles",
        "--onderdeel",
        help="themas, paren, groepen, matrix of alles (tabel: zonder matrix; csv: paren).",
    ),
    top: int = typer.Option(20, "--top", help="Aantal paren in de tabel; 0 = alle."),
    groep_min: int = typer.Option(KennisSettings.min_groep, "--groep-min"),
    groep_max: int = typer.Option(KennisSettings.max_groep, "--groep-max"),
    met_voorbeelden: bool = ExamplesOption,
    zonder_afgeleid: bool = DerivedOption,
    fmt: TableFormat = FormatOption,
    store: StoreKind = StoreOption,
) -> None:
    """Kennisuitwisseling: wie vraagt wat, wie kan wie wat leren, voorgestelde groepen."""
    part = _choose("--onderdeel", onderdeel, [(p, p) for p in (*KENNIS_PARTS, "alles")])
    _at_least("--top", top, 0)
    _at_least("--groep-min", groep_min, 2)
    if groep_max < groep_min:
        raise UserError(f"--groep-max ({groep_max}) is kleiner dan --groep-min ({groep_min}).")
    graph = stored_graph(store)
    node = find_node(graph, NodeKind.THEMA, thema) if thema else None
    settings = KennisSettings(min_groep=groep_min, max_groep=groep_max)
    basis = analysis_basis(graph, met_voorbeelden, not zonder_afgeleid)
    result = knowledge_exchange(basis, node, settings)
    if part != "alles":
        parts: tuple[str, ...] = (part,)
    else:  # the wide matrix only on request in a terminal
        parts = KENNIS_PARTS if fmt is TableFormat.json else KENNIS_PARTS[:-1]
    if fmt is TableFormat.json:
        data = result.as_dict()
        typer.echo(to_json_text({p: data[p] for p in parts}))
    elif fmt is TableFormat.csv:
        frame = result.frames()["paren" if part == "alles" else part]
        typer.echo(render(_records(frame), "csv", list(frame.columns)), nl=False)
    else:
        _print_kennis(result, parts, top, met_voorbeelden)


# --- gaten and maten -----------------------------------------------------------------------------


def gaten_command(fmt: TableFormat = FormatOption, store: StoreKind = StoreOption) -> None:
    """Gaten om op te pakken: geen vrijwilligerscentrale of ondernemersnetwerk, ambitie zonder
    capaciteit, losse nodes."""
    frame = gaps_frame(find_gaps(stored_graph(store)))
    if fmt is TableFormat.json:
        typer.echo(to_json_text(_records(frame)))
        return
    columns = ["gat", "naam", "node_soort", "toelichting", "grondslag", "bron_type", "voorbeeld"]
    typer.echo(render(_records(frame), fmt.value, columns), nl=fmt is TableFormat.table)
    if fmt is TableFormat.table and frame["voorbeeld"].any():
        typer.echo(
            "\nvoorbeeld = ja: het gat rust op illustratieve voorbeelddata (voorbeeldantwoorden),"
            " geen enquêteresultaat."
        )


def maten_command(
    soort: str = typer.Option(None, "--soort", help="Alleen nodes van deze soort."),
    sorteer: str = typer.Option("tussenheid", "--sorteer", help=f"{', '.join(MEASURES)}."),
    top: int = typer.Option(20, "--top", help="Aantal nodes; 0 = alle."),
    met_voorbeelden: bool = ExamplesOption,
    fmt: TableFormat = FormatOption,
    store: StoreKind = StoreOption,
) -> None:
    """Netwerkmaten per node: graad, tussenheid, PageRank, gemeenschap, makelaar."""
    measure = _choose("--sorteer", sorteer, [(m, COLUMN_LABELS[m]) for m in MEASURES])
    kinds = [(k.value, singular) for k, (singular, _) in KIND_LABELS.items()]
    plurals = [(plural, k.value) for k, (_, plural) in KIND_LABELS.items()]
    kind = _choose("--soort", soort, kinds, plurals) if soort else None
    _at_least("--top", top, 0)
    result = network_measures(analysis_basis(stored_graph(store), met_voorbeelden))
    frame = result.top(measure, kind, top or len(result.table))
    if fmt is TableFormat.json:
        meta = {
            "benaderd": result.approximate,
            "steekproef": result.sample_size,
            "pagerank_geconvergeerd": result.pagerank_converged,
            "gemeenschappen": result.communities,
            "met_voorbeelden": met_voorbeelden,
        }
        typer.echo(to_json_text({**meta, "nodes": _records(frame)}))
        return
    columns = ["naam", "kind", "graad", "buren", "tussenheid", "pagerank", "gemeenschap"]
    columns.append("makelaar")
    typer.echo(
        render(_records(frame), fmt.value, columns if fmt is TableFormat.table else None),
        nl=fmt is TableFormat.table,
    )
    if fmt is TableFormat.table:
        typer.echo("")
        _basis_note(met_voorbeelden)
        typer.echo(
            f"Samenwerkingsnetwerk: {result.projection_nodes} nodes, "
            f"{result.projection_edges} verbindingen, {result.communities} gemeenschappen."
        )
        if result.approximate:
            typer.echo(
                f"Tussenheid is benaderd met een steekproef van {result.sample_size} nodes "
                f"(vaste seed {result.seed})."
            )


def register(app: typer.Typer) -> None:
    app.command("aanhaken")(aanhaken_command)
    app.command("kennis")(kennis_command)
    app.command("gaten")(gaten_command)
    app.command("maten")(maten_command)
