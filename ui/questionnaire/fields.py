"""What the questionnaire asks, step by step: one declaration per survey-template column.

The columns are those of the survey template (loaders.template.template_columns), so an answer
given here is the same cell text a filled-in template would carry: vocabulary keys joined by
";", "ja"/"nee", a level. A test checks that every template column is asked exactly once.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    VOCABULARY = "vocabulary"  # several keys of one vocabulary (labels shown)
    NAMES = "names"  # free names, one per line
    TEXT = "text"  # one line of free text
    LONG_TEXT = "long_text"  # a paragraph
    LEVEL = "level"  # geen | incidenteel | structureel
    YES_NO = "yes_no"  # ja | nee


@dataclass(frozen=True)
class Field:
    column: str
    label: str
    kind: Kind
    vocabulary: tuple[str, ...] = ()  # vocabulary kinds whose keys are offered
    extra: tuple[tuple[str, str], ...] = ()  # (key, label) offered besides the vocabulary
    help: str | None = None


@dataclass(frozen=True)
class Step:
    title: str
    intro: str
    fields: tuple[Field, ...] = ()


LEVELS = ("geen", "incidenteel", "structureel")
YES_NO = ("ja", "nee")
#: Steps after the template's columns, drawn by their own modules.
TIES = "Banden"
CONTACT = "Contactpersoon"
SUMMARY = "Samenvatting en verzenden"

ANSWER_STEPS: tuple[Step, ...] = (
    Step(
        "Activiteiten en netwerken",
        "Wat er in uw gemeente gebeurt op het gebied van Maatschappelijk Betrokken Ondernemen.",
        (
            Field(
                "activiteiten",
                "Welke MBO-activiteiten zijn er in uw gemeente?",
                Kind.VOCABULARY,
                ("activiteit",),
            ),
            Field(
                "ondernemersnetwerken",
                "Actieve ondernemersnetwerken of -verenigingen",
                Kind.NAMES,
                help="Eén naam per regel.",
            ),
            Field("vrijwilligerscentrale", "Naam van de vrijwilligerscentrale", Kind.TEXT),
            Field(
                "facilitering_vrijwilligerscentrale",
                "Hoe faciliteert de gemeente de vrijwilligerscentrale?",
                Kind.LEVEL,
            ),
            Field(
                "samenwerking_ondernemers",
                "Werkt de gemeente met ondernemers samen op MBO?",
                Kind.LEVEL,
            ),
        ),
    ),
    Step(
        "De gemeentelijke organisatie",
        "Waar MBO in de gemeentelijke organisatie belegd is.",
        (
            Field(
                "beleidsterreinen",
                "Vanuit welke beleidsterreinen werkt de gemeente aan MBO?",
                Kind.VOCABULARY,
                ("beleidsterrein",),
            ),
        ),
    ),
    Step(
        "Beleid en subsidie",
        "Of de gemeente MBO-beleid voert en waar subsidie naartoe gaat.",
        (
            Field("specifiek_mbo_beleid", "Voert de gemeente specifiek MBO-beleid?", Kind.YES_NO),
            Field("subsidie_niveau", "Subsidieert de gemeente MBO?", Kind.LEVEL),
            Field(
                "subsidie_aan",
                "Waar gaat de subsidie naartoe?",
                Kind.VOCABULARY,
                ("activiteit",),
                extra=(("vrijwilligerscentrale", "De vrijwilligerscentrale"),),
            ),
        ),
    ),
    Step(
        "Ambities en struikelblokken",
        "Wat de gemeente wil met MBO, en wat haar tegenhoudt.",
        (
            Field(
                "ambitie",
                "Heeft de gemeente de ambitie MBO onderdeel van beleid te maken?",
                Kind.YES_NO,
            ),
            Field(
                "struikelblokken",
                "Welke struikelblokken ervaart de gemeente?",
                Kind.VOCABULARY,
                ("struikelblok",),
            ),
        ),
    ),
    Step(
        "Kennisuitwisseling",
        "Waarover de gemeente kennis wil uitwisselen met andere gemeenten, en hoe.",
        (
            Field(
                "interesse_kennisuitwisseling",
                "Heeft de gemeente interesse in kennisuitwisseling?",
                Kind.YES_NO,
            ),
            Field(
                "themas",
                "Over welke thema's?",
                Kind.VOCABULARY,
                ("thema",),
            ),
            Field("werkvormen", "In welke werkvormen?", Kind.VOCABULARY, ("werkvorm",)),
            Field(
                "toelichting",
                "Toelichting (vrij)",
                Kind.LONG_TEXT,
                help="Alles wat u verder kwijt wilt over MBO in uw gemeente.",
            ),
        ),
    ),
)

#: The template column answered in the Banden step (as ties), not by a field of its own.
TIED_COLUMNS = ("haakt_aan_bij",)

STEP_TITLES: tuple[str, ...] = (*(s.title for s in ANSWER_STEPS), TIES, CONTACT, SUMMARY)


def answer_fields() -> tuple[Field, ...]:
    """Every field of every answer step, in order."""
    return tuple(f for s in ANSWER_STEPS for f in s.fields)


#: Problem columns of the respondent's own fields (netwerkkaart.services.rounds checks them).
CONTACT_COLUMNS = ("naam", "rol", "email")


def step_of(column: str) -> str:
    """The title of the step that asks ``column`` (a problem's column): a template column's step,
    Contactpersoon for the respondent's fields, Banden for the ties (column ``banden``)."""
    for step in ANSWER_STEPS:
        if any(f.column == column for f in step.fields):
            return step.title
    return CONTACT if column in CONTACT_COLUMNS else TIES
