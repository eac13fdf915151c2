"""The `netwerkkaart` command: a thin shell over the project's functions.

Every error a user can cause is answered with one Dutch line on stderr and a non-zero exit code;
unexpected errors are logged to the workspace with their traceback and reported in one line.
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Sequence

import typer

from graph.stores.base import StoreError
from netwerkkaart.cli.commands import (
    analysis,
    compare,
    core,
    documents,
    export,
    neo4j,
    rounds,
    serve,
    ties,
)
from netwerkkaart.cli.dutch_help import HELP_HINT, DutchTyper, usage_message
from netwerkkaart.services.errors import UsageProblem, UserError
from netwerkkaart.services.settings import workspace

app = DutchTyper(
    name="netwerkkaart",
    help="Netwerkkaart MBO: het netwerk rond Maatschappelijk Betrokken Ondernemen in kaart.",
    add_completion=False,
    pretty_exceptions_enable=False,
    no_args_is_help=True,
)
for module in (core, neo4j, analysis, compare, ties, export, documents, serve, rounds):
    module.register(app)


def _usage_error(message: str) -> int:
    print(f"fout: {message}", file=sys.stderr)
    print(HELP_HINT, file=sys.stderr)
    return 2


def _typer_error(exc: typer.TyperException) -> int:
    """typer's own errors: a usage error (exit code 2) in Dutch; no command shows the help."""
    if type(exc).__name__ == "NoArgsIsHelpError":
        return 2  # the help text is shown already; there is no error to add
    if exc.exit_code == 2:
        return _usage_error(usage_message(exc))
    print(f"fout: {exc.format_message()}", file=sys.stderr)
    return exc.exit_code


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
    except typer.Exit as exc:
        code = exc.exit_code
    except typer.Abort:
        print("Afgebroken.", file=sys.stderr)
        code = 130
    except UsageProblem as exc:
        code = _usage_error(str(exc))
    except typer.TyperException as exc:
        code = _typer_error(exc)
    except (UserError, StoreError) as exc:
        print(f"fout: {exc}", file=sys.stderr)
        code = getattr(exc, "exit_code", 1)
    except Exception as exc:  # the last line of defence: never a traceback for a user
        log = workspace() / "fout.log"
        try:
            log.parent.mkdir(parents=True, exist_ok=True)
            log.write_text(traceback.format_exc(), encoding="utf-8")
            where = f" Details: {log}"
        except OSError:
            where = ""
        print(f"fout: onverwachte fout ({type(exc).__name__}: {exc}).{where}", file=sys.stderr)
        code = 3
    if argv is None:
        sys.exit(code)
    return code
