"""The choices the questionnaire offers: shipped vocabulary (keys stored, labels shown) and the
reference municipalities (names), read once per process."""

from __future__ import annotations

from functools import cache

from data import DATA_DIR
from loaders.tables import read_table_file
from loaders.template import vocabulary_rows
from ui.questionnaire.fields import Field

ORGANISATION_KINDS: dict[str, str] = {
    "ondernemersnetwerk": "Ondernemersnetwerk",
    "vrijwilligerscentrale": "Vrijwilligerscentrale",
    "organisatie": "Andere organisatie",
}
TIE_LEVELS: dict[str, str] = {"incidenteel": "Incidenteel", "structureel": "Structureel"}


@cache
def _vocabulary() -> dict[str, dict[str, str]]:
    found: dict[str, dict[str, str]] = {}
    for soort, key, label in vocabulary_rows():
        found.setdefault(soort, {})[key] = label
    return found


def choices(field: Field) -> dict[str, str]:
    """key -> label of what ``field`` offers, in the vocabulary's order."""
    offered = dict(field.extra)
    for soort in field.vocabulary:
        offered.update(_vocabulary().get(soort, {}))
    return offered


@cache
def municipalities() -> tuple[str, ...]:
    """Names of the reference municipalities, sorted."""
    table = read_table_file(DATA_DIR / "gemeenten.csv")
    return tuple(sorted({cells["naam"] for _, cells in table.rows if cells.get("naam")}))
