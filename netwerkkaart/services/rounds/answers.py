"""One municipality's answers to a round's questionnaire, as stored (JSON) and as checked.

The questions are the survey template's columns (``velden``, cell text exactly as a template
file would hold it, several values joined with ``;``) plus the ties the municipality names
(``banden``). The respondent's name, role and e-mail are personal data: they are stored in
their own columns of the rounds database, never in the answers' JSON, and never reach a graph.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any

from loaders.template import template_columns

#: Template columns the questionnaire does not ask: the round and municipality come from the
#: link, and answers from a round are real survey answers.
NOT_ASKED = frozenset({"enquete", "gemeente", "bron_type"})


def answer_columns() -> list[str]:
    """The template columns a questionnaire asks, in the template's order."""
    return [name for name, _, _ in template_columns() if name not in NOT_ASKED]


class TieKind(StrEnum):
    """The ties a municipality names in its questionnaire."""

    WERKT_SAMEN_MET = "werkt_samen_met"  # an organisation: naam + organisatie_soort + niveau
    HAAKT_AAN_BIJ = "haakt_aan_bij"  # another municipality
    LEERT_VAN = "leert_van"  # another municipality

    @property
    def between_municipalities(self) -> bool:
        return self is not TieKind.WERKT_SAMEN_MET


@dataclass
class Tie:
    relatie: TieKind
    naam: str
    organisatie_soort: str | None = None  # ondernemersnetwerk | vrijwilligerscentrale | organisatie
    niveau: str | None = None  # incidenteel | structureel (organisations)

    def __post_init__(self) -> None:
        self.relatie = TieKind(self.relatie)  # a page may hand over the plain value


class Verdict(StrEnum):
    """What a municipality answers about a tie another reported with it."""

    JA = "ja"
    NEE = "nee"
    WEET_NIET = "weet_niet"


@dataclass
class Confirmation:
    """An answer to "Almelo noemt een samenwerking met u: klopt dat?": ``van`` reported a tie
    of kind ``relatie`` with the answering municipality."""

    van: str
    relatie: TieKind
    antwoord: Verdict = Verdict.WEET_NIET

    def __post_init__(self) -> None:
        self.relatie = TieKind(self.relatie)
        self.antwoord = Verdict(self.antwoord)


def confirmations_json(confirmations: list[Confirmation]) -> str:
    return json.dumps([asdict(c) for c in confirmations], ensure_ascii=False, sort_keys=True)


def confirmations_from_json(text: str | None) -> list[Confirmation]:
    items: list[dict[str, Any]] = json.loads(text or "[]")
    return [Confirmation(i["van"], i["relatie"], i["antwoord"]) for i in items]


@dataclass
class Respondent:
    """Who filled in the questionnaire: personal data, kept only in the rounds database."""

    naam: str = ""
    rol: str = ""
    email: str = ""

    def is_empty(self) -> bool:
        return not (self.naam.strip() or self.rol.strip() or self.email.strip())


@dataclass
class Answers:
    velden: dict[str, str] = field(default_factory=dict)
    banden: list[Tie] = field(default_factory=list)
    respondent: Respondent = field(default_factory=Respondent)
    #: Answers about ties others reported (stored in their own column, like the respondent).
    bevestigingen: list[Confirmation] = field(default_factory=list)

    @classmethod
    def empty(cls) -> Answers:
        return cls()

    def to_json(self) -> str:
        """The answers without the respondent (stored apart, so it can be erased) and without
        the confirmations (their own column)."""
        data = {"velden": self.velden, "banden": [asdict(t) for t in self.banden]}
        return json.dumps(data, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str, respondent: Respondent | None = None) -> Answers:
        data: dict[str, Any] = json.loads(text)
        ties = [
            Tie(
                TieKind(item["relatie"]),
                item["naam"],
                item.get("organisatie_soort"),
                item.get("niveau"),
            )
            for item in data.get("banden", [])
        ]
        velden = {str(k): str(v) for k, v in data.get("velden", {}).items()}
        return cls(velden, ties, respondent or Respondent())

    def cell(self, column: str) -> str:
        return self.velden.get(column, "").strip()
