"""The municipalities a round can invite: those of the shipped reference data, read by the
loaders (so a name resolves the way it does everywhere else: code, name, near miss)."""

from __future__ import annotations

from functools import cache

from data import DATA_DIR
from graph.model import NodeKind
from loaders.datasets import Source, load_sources
from loaders.names import NameIndex
from netwerkkaart.services.errors import UserError


@cache
def reference_municipalities() -> tuple[tuple[str, str], ...]:
    """(CBS code, name) of every municipality in ``data/gemeenten.csv``, in file order."""
    result = load_sources([Source.from_path(DATA_DIR / "gemeenten.csv", "gemeenten")])
    prefix = f"{NodeKind.GEMEENTE}:"
    return tuple(
        (n.id.removeprefix(prefix), n.naam) for n in result.nodes if n.id.startswith(prefix)
    )


@cache
def province_of() -> dict[str, str]:
    """CBS code -> the province the reference data places the municipality in."""
    result = load_sources([Source.from_path(DATA_DIR / "gemeenten.csv", "gemeenten")])
    prefix = f"{NodeKind.GEMEENTE}:"
    return {
        n.id.removeprefix(prefix): str(n.props.get("provincie", ""))
        for n in result.nodes
        if n.id.startswith(prefix)
    }


def in_province(provincie: str) -> list[str]:
    """CBS codes of the reference municipalities in ``provincie`` (any case), or a Dutch
    UserError naming the provinces there are."""
    wanted = provincie.strip().casefold()
    codes = [code for code, name in province_of().items() if name.casefold() == wanted]
    if not codes:
        known = ", ".join(sorted({name for name in province_of().values() if name}))
        raise UserError(f"Provincie '{provincie}' komt niet voor in de referentiedata ({known}).")
    return codes


def municipality_index(entries: tuple[tuple[str, str], ...] | None = None) -> NameIndex:
    return NameIndex(reference_municipalities() if entries is None else entries)


def resolve_municipality(text: str, entries: tuple[tuple[str, str], ...] | None = None) -> str:
    """The CBS code ``text`` names, or a Dutch UserError with the loaders' suggestion."""
    resolution = municipality_index(entries).resolve(text)
    if resolution.key is None:
        message = resolution.unknown_message("gemeente", text)
        end = "" if message.endswith("?") else "."
        raise UserError(f"{message[0].upper()}{message[1:]}{end}")
    return resolution.key
