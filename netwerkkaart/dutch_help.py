"""The help screens in Dutch: click and typer print their own words ("Usage", "Options",
"Show this message and exit.") in English, and the interface is Dutch throughout.

Typer reads its panel titles and brackets from module constants when it draws a help screen, so
setting them once here is enough; the usage prefix and the help option's text come from click's
public ``format_usage`` and ``get_help_option``, which the two classes below override.
"""

from __future__ import annotations

from typing import Any

import click
import typer
import typer.core
from typer import rich_utils

rich_utils.ARGUMENTS_PANEL_TITLE = "Argumenten"
rich_utils.OPTIONS_PANEL_TITLE = "Opties"
rich_utils.COMMANDS_PANEL_TITLE = "Commando's"
rich_utils.REQUIRED_LONG_STRING = "[verplicht]"
rich_utils.DEFAULT_STRING = "[standaard: {}]"
rich_utils.ENVVAR_STRING = "[omgevingsvariabele: {}]"
rich_utils.DEPRECATED_STRING = "(verouderd) "

HELP_OPTION_TEXT = "Toon deze hulp en stop."
USAGE_PREFIX = "Gebruik: "
USAGE_WORDS = (("[OPTIONS]", "[OPTIES]"), ("COMMAND [ARGS]...", "COMMANDO [ARGUMENTEN]..."))


class _DutchHelp:
    """What a command and a group share: the usage line and the --help option in Dutch."""

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        usage = " ".join(self.collect_usage_pieces(ctx))  # type: ignore[attr-defined]
        for english, dutch in USAGE_WORDS:
            usage = usage.replace(english, dutch)
        formatter.write_usage(ctx.command_path, usage, prefix=USAGE_PREFIX)

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = HELP_OPTION_TEXT
        return option


class DutchCommand(_DutchHelp, typer.core.TyperCommand):
    """A typer command whose help screen is Dutch."""


class DutchGroup(_DutchHelp, typer.core.TyperGroup):
    """A typer group whose help screen is Dutch."""


class DutchTyper(typer.Typer):
    """``typer.Typer`` that builds Dutch-speaking groups and commands by default."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("cls", DutchGroup)
        super().__init__(**kwargs)

    def command(self, *args: Any, **kwargs: Any) -> Any:
        kwargs.setdefault("cls", DutchCommand)
        return super().command(*args, **kwargs)
