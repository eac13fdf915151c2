"""neo4j start|stop|status|push|pull and cypher: the Neo4j commands, thin over graph/ and the
local server launcher."""

from __future__ import annotations

import json
import time
from typing import Any, Literal

import typer

from graph.model import BRON_TYPE_LABELS, BronType
from graph.stores.cypher_readonly import (
    DEFAULT_ROW_CAP,
    DEFAULT_TIMEOUT_S,
    CypherResult,
    run_read_only,
)
from graph.stores.memory import MemoryStore, graph_to_dict
from graph.stores.named_queries import NAMED_QUERIES, named_query
from graph.stores.neo4j import DEFAULT_BATCH_SIZE
from netwerkkaart.cli.commands.common import TableFormat
from netwerkkaart.cli.dutch_help import DutchTyper
from netwerkkaart.services import neo4j_local
from netwerkkaart.services.errors import UserError
from netwerkkaart.services.neo4j_connection import open_neo4j_store
from netwerkkaart.services.settings import workspace
from netwerkkaart.services.workspace import writing
from views.tabular import render, to_json_text

neo4j_app = DutchTyper(
    help="De Neo4j-opslag: lokale server starten en stoppen, status, push en pull.",
    no_args_is_help=True,
)


def _port(text: str | None) -> int | Literal["auto"] | None:
    if text is None:
        return None
    if text.strip().lower() == "auto":
        return "auto"
    try:
        return int(text)
    except ValueError:
        raise UserError(f"Ongeldige poort '{text}': geef een getal of 'auto'.") from None


@neo4j_app.command("start")
def start(
    poort: str = typer.Option(
        None, "--poort", help="Bolt-poort, of 'auto' (standaard NETWERKKAART_NEO4J_PORT of 7687)."
    ),
) -> None:
    """Start de lokale Neo4j (eenmalig ophalen met Maven) en toon het Bolt-adres."""
    typer.echo("Lokale Neo4j starten ...", err=True)
    server = neo4j_local.start(workspace(), port=_port(poort))
    if server.already_running:
        typer.echo(f"De lokale Neo4j draaide al (pid {server.pid}).", err=True)
    else:
        typer.echo(
            f"Neo4j {server.version} draait (gebruiker {server.user}, wachtwoord in "
            f"{server.home / 'password'}).",
            err=True,
        )
    typer.echo(server.uri)


@neo4j_app.command("stop")
def stop() -> None:
    """Stop de lokale Neo4j."""
    if neo4j_local.stop(workspace()):
        typer.echo("De lokale Neo4j is gestopt.")
    else:
        typer.echo("Er draaide geen lokale Neo4j.")


@neo4j_app.command("status")
def status(fmt: TableFormat = typer.Option(TableFormat.table, "--format")) -> None:
    """Serverversie, database en aantallen per label en relatietype."""
    local = neo4j_local.status(workspace())
    with open_neo4j_store(workspace()) as store:
        info, counts = store.server_info(), store.counts()
    if fmt is TableFormat.json:
        typer.echo(
            to_json_text(
                {
                    "uri": info.uri,
                    "versie": info.version,
                    "editie": info.edition,
                    "database": info.database,
                    "lokale_server": local is not None and local.uri == info.uri,
                    "nodes": counts.nodes,
                    "relaties": counts.relationships,
                    "nodes_per_label": counts.nodes_per_label,
                    "relaties_per_type": counts.relationships_per_type,
                }
            )
        )
        return
    where = " (lokale server)" if local is not None and local.uri == info.uri else ""
    typer.echo(
        f"Neo4j {info.version} ({info.edition}) op {info.uri}{where}, database {info.database}"
    )
    if not counts.nodes:
        typer.echo(
            "Nog geen graaf in Neo4j: voer `netwerkkaart neo4j push` of "
            "`netwerkkaart build --store neo4j` uit."
        )
        return
    rows = [{"soort": "label", "naam": k, "aantal": v} for k, v in counts.nodes_per_label.items()]
    rows += [
        {"soort": "relatie", "naam": k, "aantal": v}
        for k, v in counts.relationships_per_type.items()
    ]
    typer.echo(render(rows, fmt.value))
    if fmt is TableFormat.table:
        typer.echo(f"\nTotaal: {counts.nodes} nodes, {counts.relationships} relaties.")


@neo4j_app.command("push")
def push(
    batch: int = typer.Option(
        DEFAULT_BATCH_SIZE, "--batch", min=1, help="Rijen per schrijftransactie."
    ),
) -> None:
    """Zet de ingebouwde snapshot in Neo4j (alles of niets)."""
    snapshot = MemoryStore(workspace())
    if not snapshot.exists():
        raise UserError(
            f"Nog geen graaf in {snapshot.describe()}: voer eerst `netwerkkaart build` uit."
        )
    graph = snapshot.load()
    with open_neo4j_store(workspace()) as store:
        store.batch_size = batch
        began = time.monotonic()
        store.save(graph)
        seconds = time.monotonic() - began
        target = store.describe()
    rows = graph.number_of_nodes() + graph.number_of_edges()
    typer.echo(
        f"Gepusht naar {target}: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} "
        f"relaties in {seconds:.1f} s ({rows / max(seconds, 1e-9):.0f} rijen/s)."
    )


@neo4j_app.command("pull")
def pull() -> None:
    """Lees de graaf uit Neo4j terug in de ingebouwde snapshot en zeg of hij gelijk is."""
    with open_neo4j_store(workspace()) as store:
        if not store.exists():
            raise UserError(
                f"Nog geen graaf in {store.describe()}: voer eerst `netwerkkaart neo4j push` uit."
            )
        graph, source = store.load(), store.describe()
    snapshot = MemoryStore(workspace())
    typer.echo(
        f"Opgehaald uit {source}: {graph.number_of_nodes()} nodes, "
        f"{graph.number_of_edges()} relaties."
    )
    with writing(workspace()):
        old = snapshot.load() if snapshot.exists() else None
        if old is None:
            verdict = "Er was nog geen snapshot; hij is nu geschreven."
        elif graph_to_dict(old) == graph_to_dict(graph):
            verdict = (
                "Gelijk aan de bestaande snapshot (identiek: nodes, relaties en eigenschappen)."
            )
        else:
            verdict = (
                f"Wijkt af van de bestaande snapshot ({old.number_of_nodes()} nodes, "
                f"{old.number_of_edges()} relaties); de snapshot is vervangen."
            )
        snapshot.save(graph)
    typer.echo(verdict)


def _param_value(text: str) -> Any:
    """A --param value: JSON when it parses (numbers, true/false, lists, "text"), else text."""
    try:
        return json.loads(text)
    except ValueError:
        return text


def _params(items: list[str], typed: bool) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise UserError(f"Ongeldige --param '{item}': gebruik naam=waarde.")
        values[name.strip()] = _param_value(value) if typed else value
    return values


def _list_named() -> None:
    for query in NAMED_QUERIES.values():
        params = " ".join(f"--param {p.name}={p.default}" for p in query.parameters)
        typer.echo(f"{query.key}: {query.titel}")
        typer.echo(f"    {query.beschrijving}")
        typer.echo(f"    netwerkkaart cypher --naam {query.key} {params}".rstrip())


def _cell(value: Any) -> Any:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, dict) else value


def _show(result: CypherResult, fmt: TableFormat) -> None:
    if fmt is TableFormat.json:
        typer.echo(to_json_text(result.rows))
    else:
        rows = [{k: _cell(v) for k, v in row.items()} for row in result.rows]
        typer.echo(render(rows, fmt.value, result.columns), nl=fmt is TableFormat.table)
    for note in result.notes:
        typer.echo(note, err=True)
    if result.has_example_data:
        typer.echo(
            f"Let op: het resultaat bevat {BRON_TYPE_LABELS[BronType.VOORBEELD]} of "
            "synthetische gegevens.",
            err=True,
        )


def cypher(
    query: str = typer.Argument(None, help="Een Cypher-leesquery (tussen aanhalingstekens)."),
    param: list[str] = typer.Option([], "--param", help="Parameter naam=waarde (herhaalbaar)."),
    fmt: TableFormat = typer.Option(TableFormat.table, "--format"),
    naam: str = typer.Option(None, "--naam", help="Voer een kant-en-klare query uit."),
    lijst: bool = typer.Option(False, "--lijst", help="Toon de kant-en-klare queries."),
    max_rijen: int = typer.Option(DEFAULT_ROW_CAP, "--max-rijen", min=1),
    timeout: float = typer.Option(DEFAULT_TIMEOUT_S, "--timeout", min=0.1, help="Seconden."),
) -> None:
    """Voer een Cypher-query alleen-lezen uit op Neo4j (schrijven wordt geweigerd)."""
    if lijst:
        _list_named()
        return
    if naam and query:
        raise UserError("Geef een query of --naam, niet allebei.")
    if naam:
        try:
            named = named_query(naam)
            text, values = named.cypher, named.values(_params(param, typed=False))
        except ValueError as exc:
            raise UserError(str(exc)) from None
    elif query:
        text, values = query, _params(param, typed=True)
    else:
        raise UserError("Geef een query, --naam NAAM of --lijst.")
    with open_neo4j_store(workspace()) as store:
        result = run_read_only(store, text, values, timeout_s=timeout, row_cap=max_rijen)
    _show(result, fmt)


def register(app: typer.Typer) -> None:
    app.add_typer(neo4j_app, name="neo4j")
    app.command("cypher")(cypher)
