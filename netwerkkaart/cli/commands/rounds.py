"""``netwerkkaart ronde ...``: run a survey round from the command line (thin over
:mod:`netwerkkaart.services.rounds`; whoever holds the workspace needs no login)."""

from __future__ import annotations

import sys
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path

import typer

from graph.files import write_atomically
from netwerkkaart.cli.dutch_help import DutchTyper
from netwerkkaart.services import rounds
from netwerkkaart.services.errors import UsageProblem, UserError
from netwerkkaart.services.rounds.forms import write_forms
from netwerkkaart.services.rounds.imports import import_paths
from netwerkkaart.services.rounds.model import DUTCH_TIME, Round, dutch_date
from netwerkkaart.services.settings import setting, workspace
from views.tabular import render, to_json_text

ronde_app = DutchTyper(
    help="Enquêterondes: gemeenten uitnodigen, antwoorden volgen, herinneren en sluiten.",
    no_args_is_help=True,
)


class ListFormat(StrEnum):
    table = "table"
    json = "json"


FormatOption = typer.Option(ListFormat.table, "--format", help="table of json.")
BaseUrlOption = typer.Option(
    None,
    "--basis-url",
    help="Begin van de links (standaard NETWERKKAART_BASIS_URL of http://localhost:8501).",
)


def _day(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise UserError(
            f"Ongeldige datum '{text}': gebruik JJJJ-MM-DD, bijvoorbeeld 2027-03-01."
        ) from None


def _moment(value: datetime | None) -> str:
    return value.astimezone(DUTCH_TIME).strftime("%Y-%m-%d %H:%M") if value else ""


def _closing(round_: Round) -> str:
    return f" (antwoorden tot en met {dutch_date(round_.sluit_op)})" if round_.sluit_op else ""


def _write(out: Path, payload: bytes) -> None:
    try:
        write_atomically(out, payload)
    except OSError as exc:
        raise UserError(f"Kan {out} niet schrijven: {exc.strerror}.") from None


def _writable_folder(out: Path) -> None:
    """Checked before links are made: links that cannot be written would be lost."""
    if not out.parent.resolve().is_dir():
        raise UserError(f"Kan {out} niet schrijven: de map {out.parent} bestaat niet.")


@ronde_app.command("nieuw")
def nieuw(
    sleutel: str = typer.Argument(..., help="Sleutel van de ronde, bijvoorbeeld 2027."),
    titel: str = typer.Option(..., "--titel", help="Titel, bijvoorbeeld 'MBO 2027'."),
    gemeenten: str = typer.Option(
        None, "--gemeenten", help="Uit te nodigen gemeenten, met komma's (standaard: alle)."
    ),
    sluit: str = typer.Option(None, "--sluit", help="Laatste dag voor antwoorden (JJJJ-MM-DD)."),
    afzender: str = typer.Option(None, "--afzender", help="De gemeente die de ronde uitzet."),
    jaar: int = typer.Option(None, "--jaar", help="Jaar (standaard uit de sleutel)."),
    provincie: str = typer.Option(
        None, "--provincie", help="Alleen de gemeenten van deze provincie (bijv. Overijssel)."
    ),
) -> None:
    """Maak een nieuwe enquêteronde."""
    names = [n for n in gemeenten.split(",") if n.strip()] if gemeenten is not None else None
    created = rounds.create_round(
        workspace(),
        sleutel,
        titel,
        gemeenten=names,
        sluit_op=_day(sluit),
        afzender=afzender,
        jaar=jaar,
        provincie=provincie,
    )
    count = len(rounds.invitations(workspace(), created.key))
    typer.echo(
        f"Ronde {created.key} '{created.titel}' aangemaakt: {count} gemeenten uitgenodigd"
        f"{_closing(created)}."
    )


def _state(round_: Round) -> str:
    if round_.state is rounds.RoundState.OPEN and round_.expired():
        return "verlopen"
    return round_.state.value


@ronde_app.command("lijst")
def lijst(fmt: ListFormat = FormatOption) -> None:
    """Toon alle rondes met hun respons."""
    home = workspace()
    rows = []
    for round_ in rounds.list_rounds(home):
        status = rounds.round_status(home, round_.key)
        rows.append(
            {
                "ronde": round_.key,
                "titel": round_.titel,
                "jaar": round_.jaar,
                "status": _state(round_),
                "sluit_op": round_.sluit_op.isoformat() if round_.sluit_op else None,
                "respons": status.sentence(),
            }
        )
    if fmt is ListFormat.json:
        typer.echo(to_json_text(rows))
    elif not rows:
        typer.echo("Nog geen rondes: maak er een met `netwerkkaart ronde nieuw`.")
    else:
        typer.echo(render(rows, "table").rstrip("\n"))


@ronde_app.command("sluiten")
def sluiten(sleutel: str = typer.Argument(..., help="Sleutel van de ronde.")) -> None:
    """Sluit een ronde: de links werken niet meer."""
    closed = rounds.close_round(workspace(), sleutel)
    typer.echo(f"Ronde {closed.key} gesloten: de links werken niet meer.")


@ronde_app.command("heropenen")
def heropenen(
    sleutel: str = typer.Argument(..., help="Sleutel van de ronde."),
    sluit: str = typer.Option(None, "--sluit", help="Nieuwe laatste dag (JJJJ-MM-DD)."),
) -> None:
    """Open een gesloten ronde opnieuw; de uitgegeven links werken weer."""
    opened = rounds.reopen_round(workspace(), sleutel, sluit_op=_day(sluit))
    typer.echo(f"Ronde {opened.key} heropend{_closing(opened)}.")


@ronde_app.command("uitnodigen")
def uitnodigen(
    sleutel: str = typer.Argument(..., help="Sleutel van de ronde."),
    out: Path | None = typer.Option(None, "--out", help="CSV met gemeente,cbs_code,link."),
    basis_url: str = BaseUrlOption,
    opnieuw: bool = typer.Option(
        False, "--opnieuw", help="Nieuwe links voor iedereen; de eerdere werken niet meer."
    ),
    formulieren: Path | None = typer.Option(
        None, "--formulieren", help="Map voor één vooraf ingevuld Excel-formulier per gemeente."
    ),
) -> None:
    """Schrijf per uitgenodigde gemeente een persoonlijke link (voor een mailmerge) en/of een
    vooraf ingevuld Excel-formulier (voor een ronde per e-mail)."""
    if out is None and formulieren is None:
        raise UsageProblem("geef --out (links), --formulieren (Excel) of allebei")
    if out is not None:
        _writable_folder(out)
        base = basis_url or setting("NETWERKKAART_BASIS_URL")
        links = rounds.issue_links(workspace(), sleutel, base, opnieuw=opnieuw)
        _write(out, rounds.links_csv(links))
        typer.echo(f"{len(links)} links voor ronde {sleutel} geschreven naar {out}.")
    if formulieren is not None:
        written = write_forms(workspace(), sleutel, formulieren)
        typer.echo(f"{len(written)} formulieren geschreven in {formulieren}.")


@ronde_app.command("importeer")
def importeer(
    sleutel: str = typer.Argument(..., help="Sleutel van de ronde."),
    bestanden: list[Path] = typer.Argument(
        ...,
        help="Ingevulde Excel-formulieren, bestanden in het enquêtesjabloon (CSV/XLSX) of, met "
        "--koppeling, exports van Microsoft Forms, LimeSurvey of Google Forms.",
    ),
    koppeling: Path | None = typer.Option(
        None,
        "--koppeling",
        help="Koppelingsbestand (TOML) voor exports van een ander enquêteprogramma, of de naam "
        "van een meegeleverde: microsoft-forms, limesurvey, google-forms.",
    ),
) -> None:
    """Lees teruggestuurde formulieren, sjabloonbestanden of exports in; bij één fout niets."""
    outcome = import_paths(workspace(), sleutel, bestanden, koppeling)
    for problem in outcome.problems:
        typer.echo(problem.line())
    if not outcome.ok:
        raise UserError(outcome.sentence())
    typer.echo(outcome.sentence())


@ronde_app.command("intrekken")
def intrekken(
    sleutel: str = typer.Argument(..., help="Sleutel van de ronde."),
    gemeente: str = typer.Option(..., "--gemeente", help="Gemeente waarvan de link vervalt."),
    basis_url: str = BaseUrlOption,
) -> None:
    """Trek de link van één gemeente in en toon haar nieuwe link."""
    base = basis_url or setting("NETWERKKAART_BASIS_URL")
    entry = rounds.revoke_link(workspace(), sleutel, gemeente, base)
    typer.echo(f"Nieuwe link voor {entry.gemeente}: {entry.link}")


@ronde_app.command("status")
def status(
    sleutel: str = typer.Argument(..., help="Sleutel van de ronde."),
    fmt: ListFormat = FormatOption,
) -> None:
    """Toon per gemeente uitgenodigd, gestart of verzonden, en de respons."""
    found = rounds.round_status(workspace(), sleutel)
    if fmt is ListFormat.json:
        typer.echo(to_json_text(found.as_json()))
        return
    rows = [
        {
            "gemeente": i.gemeente,
            "cbs_code": i.cbs_code,
            "status": i.state.value,
            "verzonden_op": _moment(i.verzonden_op),
        }
        for i in found.invitations
    ]
    typer.echo(render(rows, "table").rstrip("\n"))
    typer.echo(f"Ronde {found.round.key} ({_state(found.round)}): {found.sentence()}.")


@ronde_app.command("herinneringen")
def herinneringen(
    sleutel: str = typer.Argument(..., help="Sleutel van de ronde."),
    out: Path = typer.Option(..., "--out", help="CSV met gemeente,cbs_code,status."),
) -> None:
    """Schrijf de gemeenten die nog niet verzonden hebben (voor een herinnering)."""
    home = workspace()
    payload = rounds.reminder_csv(home, sleutel)
    waiting = sum(
        i.state is not rounds.InvitationState.VERZONDEN for i in rounds.invitations(home, sleutel)
    )
    _write(out, payload)
    typer.echo(f"{waiting} gemeenten zonder verzonden antwoorden geschreven naar {out}.")


@ronde_app.command("persoonsgegevens-verwijderen")
def persoonsgegevens_verwijderen(
    sleutel: str = typer.Argument(..., help="Sleutel van de ronde."),
) -> None:
    """Wis naam, rol en e-mail van de respondenten van een ronde (ook in eerdere versies)."""
    erased = rounds.erase_personal_data(workspace(), sleutel)
    typer.echo(f"Persoonsgegevens van {erased} respondent(en) van ronde {sleutel} verwijderd.")


@ronde_app.command("beheerder")
def beheerder(
    wachtwoord_stdin: bool = typer.Option(
        False, "--wachtwoord-stdin", help="Lees het wachtwoord van standaardinvoer (scripts)."
    ),
) -> None:
    """Stel het beheerderswachtwoord van de app in (nodig zolang een ronde open is)."""
    if wachtwoord_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = typer.prompt("Nieuw beheerderswachtwoord", hide_input=True)
        again = typer.prompt("Herhaal het wachtwoord", hide_input=True)
        if password != again:
            raise UserError("De wachtwoorden zijn niet gelijk; er is niets opgeslagen.")
    rounds.set_coordinator_password(workspace(), password)
    typer.echo("Beheerderswachtwoord opgeslagen.")


def register(app: typer.Typer) -> None:
    app.add_typer(ronde_app, name="ronde")
