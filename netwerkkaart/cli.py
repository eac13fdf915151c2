"""The `netwerkkaart` command: a thin shell over the project's functions.

Every error a user can cause is answered with one Dutch line on stderr and a non-zero exit code;
unexpected errors are logged to the workspace with their traceback and reported in one line.
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Sequence

import click
import typer

from graph.store import StoreError
from netwerkkaart.commands import analysis, core, export, neo4j, serve
from netwerkkaart.dutch_help import DutchTyper
from netwerkkaart.errors import UserError
from netwerkkaart.settings import workspace

app = DutchTyper(
    name="netwerkkaart",
    help="Netwerkkaart MBO: het netwerk rond Maatschappelijk Betrokken Ondernemen in kaart.",
    add_completion=False,
    pretty_exceptions_enable=False,
    no_args_is_help=True,
)
for module in (core, neo4j, analysis, export, serve):
    module.register(app)

_CLICK_DUTCH = (
    ("No such option", "Onbekende optie"),
    ("No such command", "Onbekend commando"),
    ("Missing argument", "Argument ontbreekt"),
    ("Missing option", "Optie ontbreekt"),
    ("Invalid value for", "Ongeldige waarde voor"),
    ("is not one of", "is niet een van"),
    ("Got unexpected extra argument", "Onverwacht extra argument"),
    ("requires an argument", "verwacht een waarde"),
    ("Option '", "Optie '"),
    ("does not exist", "bestaat niet"),
)


def _dutch_usage(message: str) -> str:
    for english, dutch in _CLICK_DUTCH:
        message = message.replace(english, dutch)
    return message


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns (and exits with) the process exit code."""
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    command = typer.main.get_command(app)
    try:
        result = command.main(
            args=list(argv) if argv is not None else None,
            prog_name="netwerkkaart",
            standalone_mode=False,
        )
        code = result if isinstance(result, int) else 0
    except click.exceptions.Exit as exc:
        code = exc.exit_code
    except click.exceptions.Abort:
        print("Afgebroken.", file=sys.stderr)
        code = 130
    except click.exceptions.NoArgsIsHelpError:
        code = 2  # the help text is shown already; there is no error to add
    except click.UsageError as exc:
        print(f"fout: {_dutch_usage(exc.format_message())}", file=sys.stderr)
        print("Zie `netwerkkaart --help` of `netwerkkaart COMMANDO --help`.", file=sys.stderr)
        code = 2
    except (UserError, StoreError) as exc:
        print(f"fout: {exc}", file=sys.stderr)
        code = getattr(exc, "exit_code", 1)
    except Exception as exc:  # the last line of defence: never a traceback for a user
        log = workspace() / "fout.log"
        try:
            log.parent.mkdir(parents=True, exist_ok=True)
            log.write_text(traceback.format_exc(), encoding="utf-8")
        except OSError:
            log = None
        where = f" Details: {log}" if log else ""
        print(f"fout: onverwachte fout ({type(exc).__name__}: {exc}).{where}", file=sys.stderr)
        code = 3
    if argv is None:
        sys.exit(code)
    return code
