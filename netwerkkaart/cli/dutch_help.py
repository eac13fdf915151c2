"""The CLI in Dutch through typer's own hooks: help screens and usage errors.

Typer (which carries its own copy of click since 0.26) offers a parameter or a method for almost
every word it prints: the usage line's metavars and prefix, the help option, the help panels
(``rich_help_panel``) and the resolution of a subcommand (``resolve_command``). The classes below
use those. Usage errors are raised as typer's own exceptions carrying the offending option,
parameter or command; ``usage_message`` says them in Dutch from those facts. Only the reason a
value was refused exists as typer's sentence alone; it is matched for the parameter types this CLI
uses (choices, paths, numbers) and tested. The only words without a hook are the four markers typer puts after an option's help
(required, default, environment variable, deprecated); typer keeps them as translatable strings
in ``typer.rich_utils``, set once below.
"""

from __future__ import annotations

import re
from difflib import get_close_matches
from typing import TYPE_CHECKING, Any

import typer
import typer.core
from typer import rich_utils

from netwerkkaart.services.errors import UsageProblem

rich_utils.REQUIRED_LONG_STRING = "[verplicht]"
rich_utils.DEFAULT_STRING = "[standaard: {}]"
rich_utils.ENVVAR_STRING = "[omgevingsvariabele: {}]"
rich_utils.DEPRECATED_STRING = "(verouderd) "

HELP_OPTION_TEXT = "Toon deze hulp en stop."
USAGE_PREFIX = "Gebruik: "
ARGUMENTS_PANEL = "Argumenten"
OPTIONS_PANEL = "Opties"
COMMANDS_PANEL = "Commando's"
HELP_HINT = "Zie `netwerkkaart --help` of `netwerkkaart COMMANDO --help`."

#: typer's reason for a value it refused, for the parameter types this CLI uses.
_VALUE_REASONS = (
    (
        re.compile(r"^(?P<value>.+) is not one of (?P<choices>.+)\.$"),
        "{value} is niet een van {choices}.",
    ),
    (re.compile(r"^\w+ (?P<value>'.*') does not exist\.$"), "{value} bestaat niet."),
    (
        re.compile(r"^(?:Value )?(?P<value>.+) is not a valid \w+\.?$"),
        "{value} is geen geldige waarde.",
    ),
    (re.compile(r"^Input should be a valid integer\b.*$"), "geen geheel getal."),
    (re.compile(r"^Input should be a valid number\b.*$"), "geen getal."),
)


def _suggestion(word: str, options: list[str]) -> str:
    close = get_close_matches(word, options, n=1)
    return f" Bedoelde u {close[0]}?" if close else ""


def _hint(exc: Any) -> str:
    """How a usage error names its parameter: 'NAAM' or '--format'."""
    if getattr(exc, "param_hint", None):
        hint = exc.param_hint
        return hint if isinstance(hint, str) else " / ".join(repr(h) for h in hint)
    param = getattr(exc, "param", None)
    return param.get_error_hint() if param is not None else ""


def _value_reason(message: str) -> str:
    message = message.removeprefix("Value error, ")
    for pattern, dutch in _VALUE_REASONS:
        found = pattern.match(message)
        if found:
            return dutch.format(**found.groupdict())
    return message


def usage_message(exc: Exception) -> str:
    """One Dutch sentence for a usage error that typer raised (wrong option, value, argument)."""
    kind = {cls.__name__ for cls in type(exc).__mro__}
    option = getattr(exc, "option_name", "")
    if "NoSuchOption" in kind:
        return f"Onbekende optie '{option}'.{_suggestion(option, getattr(exc, 'possibilities', None) or [])}"
    if "BadOptionUsage" in kind:
        if "does not take" in str(exc):
            return f"Optie '{option}' neemt geen waarde."
        return f"Optie '{option}' verwacht een waarde."
    if "MissingParameter" in kind:
        param = getattr(exc, "param", None)
        noun = "Argument" if getattr(param, "param_type_name", "") == "argument" else "Optie"
        return f"{noun} {_hint(exc)} ontbreekt."
    if "BadParameter" in kind:
        hint = _hint(exc)
        reason = _value_reason(getattr(exc, "message", str(exc)))
        return f"Ongeldige waarde voor {hint}: {reason}" if hint else f"Ongeldige waarde: {reason}"
    return getattr(exc, "message", str(exc))


# The mixin's methods call the command class it is mixed into; the type checker sees that class.
if TYPE_CHECKING:
    _Command = typer.core.TyperCommand
else:
    _Command = object


class _DutchHelp(_Command):
    """What a command and a group share: the usage line and the --help option in Dutch."""

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        usage = " ".join(self.collect_usage_pieces(ctx))
        formatter.write_usage(ctx.command_path, usage, prefix=USAGE_PREFIX)

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = HELP_OPTION_TEXT
            option.rich_help_panel = OPTIONS_PANEL
        return option


class DutchCommand(_DutchHelp, typer.core.TyperCommand):
    """A typer command whose help screen and usage errors are Dutch."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            if isinstance(param, typer.core.TyperArgument):
                param.rich_help_panel = param.rich_help_panel or ARGUMENTS_PANEL
            elif isinstance(param, typer.core.TyperOption):
                param.rich_help_panel = param.rich_help_panel or OPTIONS_PANEL

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        """Extra arguments come back to us, so that their error is ours and Dutch."""
        ctx.allow_extra_args = True
        rest = super().parse_args(ctx, args)
        if rest and not ctx.resilient_parsing:
            raise UsageProblem(f"Onverwacht extra argument: {' '.join(rest)}.")
        return rest


class DutchGroup(_DutchHelp, typer.core.TyperGroup):
    """A typer group whose help screen is Dutch and that names an unknown command in Dutch."""

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        name = args[0] if args else ""
        known = name.startswith("-") or self.get_command(ctx, name) is not None
        if known or ctx.resilient_parsing:
            return super().resolve_command(ctx, args)
        raise UsageProblem(f"Onbekend commando '{name}'.{_suggestion(name, list(self.commands))}")


class DutchTyper(typer.Typer):
    """``typer.Typer`` that builds Dutch-speaking groups and commands by default."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("cls", DutchGroup)
        kwargs.setdefault("suggest_commands", False)
        kwargs.setdefault("options_metavar", "[OPTIES]")
        kwargs.setdefault("subcommand_metavar", "COMMANDO [ARGUMENTEN]...")
        super().__init__(**kwargs)

    def command(self, *args: Any, **kwargs: Any) -> Any:
        kwargs.setdefault("cls", DutchCommand)
        kwargs.setdefault("rich_help_panel", COMMANDS_PANEL)
        return super().command(*args, **kwargs)

    def add_typer(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("rich_help_panel", COMMANDS_PANEL)
        super().add_typer(*args, **kwargs)
