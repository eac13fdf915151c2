"""What a survey round is made of: the round, its invitations and links, and the refusals.

Plain frozen dataclasses read from the rounds database; the functions that change them live in
:mod:`~netwerkkaart.services.rounds.rounds` (coordinator) and
:mod:`~netwerkkaart.services.rounds.respond` (respondent).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from graph.dutch import DUTCH_TIME, dutch_date
from loaders.problems import Problem
from netwerkkaart.services.errors import UserError


class RoundState(StrEnum):
    OPEN = "open"
    GESLOTEN = "gesloten"


class InvitationState(StrEnum):
    UITGENODIGD = "uitgenodigd"
    GESTART = "gestart"
    VERZONDEN = "verzonden"


@dataclass(frozen=True)
class Round:
    """One survey round; ``sluit_op`` is the last (Dutch) day answers are accepted."""

    key: str
    titel: str
    jaar: int
    afzender_cbs: str | None
    sluit_op: date | None
    state: RoundState
    aangemaakt_op: datetime

    def expired(self, now: datetime | None = None) -> bool:
        """Past its closing day (in Dutch time)."""
        if self.sluit_op is None:
            return False
        moment = now or datetime.now(DUTCH_TIME)
        return moment.astimezone(DUTCH_TIME).date() > self.sluit_op

    def accepts_answers(self, now: datetime | None = None) -> bool:
        return self.state is RoundState.OPEN and not self.expired(now)

    def refusal(self, now: datetime | None = None) -> str | None:
        """Why this round takes no answers now (one Dutch line), or None when it does."""
        if self.state is RoundState.GESLOTEN:
            return (
                f"De ronde {self.key} is gesloten: er kunnen geen antwoorden meer worden verzonden."
            )
        if self.expired(now):
            assert self.sluit_op is not None
            return (
                f"De ronde {self.key} is verlopen: antwoorden konden tot en met "
                f"{dutch_date(self.sluit_op)} worden verzonden."
            )
        return None


@dataclass(frozen=True)
class Invitation:
    round_key: str
    gemeente: str
    cbs_code: str
    state: InvitationState
    gestart_op: datetime | None
    verzonden_op: datetime | None


@dataclass(frozen=True)
class InvitationLink:
    gemeente: str
    cbs_code: str
    link: str


@dataclass(frozen=True)
class OpenLink:
    """What a valid link opens: one municipality's questionnaire in one round, nothing else."""

    round: Round
    gemeente: str
    cbs_code: str


class LinkRefused(UserError):
    """A link that opens nothing: one Dutch line, and no data of any round or municipality."""


class AnswersRejected(UserError):
    """Answers that break the loaders' rules; ``problems`` says where and what."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        count = len(problems)
        first = problems[0].message if problems else ""
        what = "1 probleem" if count == 1 else f"{count} problemen"
        super().__init__(f"De antwoorden zijn niet verzonden: {what} ({first}).")
