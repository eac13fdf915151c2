"""Sent answers of every round as loader sources, so ``build`` turns them into graph rows the
way it reads a filled-in template: ``bron_type enquete``, ``bron`` naming the round and the day
of sending, ``jaar`` the round's year. No personal data leaves the database: the respondent is
never read here.
"""

from __future__ import annotations

from pathlib import Path

from graph.model import SurveyStatus
from loaders.datasets import Source
from netwerkkaart.services.rounds.answer_files import RoundFiles, SentAnswer
from netwerkkaart.services.rounds.database import database_path, reading
from netwerkkaart.services.rounds.municipalities import reference_municipalities
from netwerkkaart.services.rounds.records import (
    answers_of,
    current_submission,
    invitations_of,
    round_of,
    sent_at,
)


def round_sources(workspace: Path) -> list[Source]:
    """The rounds with at least one sent answer: their waves, who took part, the answers and
    the ties they name. Before a round closes, municipalities that have not sent yet are not
    marked as non-respondents."""
    if not database_path(workspace).exists():
        return []
    files = RoundFiles()
    with reading(workspace) as db:
        for round_ in map(round_of, db.execute("SELECT * FROM rounds ORDER BY key")):
            invited = invitations_of(db, round_.key)
            sent = {
                i.cbs_code: row
                for i in invited
                if (row := current_submission(db, round_.key, i.cbs_code)) is not None
            }
            if not sent:
                continue
            files.add_round(
                round_,
                uitgenodigd=len(invited),
                respondenten=len(sent),
                respons_pct=round(100 * len(sent) / len(invited)),
            )
            if round_.afzender_cbs:
                sender = dict(reference_municipalities()).get(round_.afzender_cbs, "")
                files.add_taking_part(round_, round_.afzender_cbs, sender, SurveyStatus.AFZENDER)
            for invitation in invited:
                row = sent.get(invitation.cbs_code)
                if row is not None:
                    status = SurveyStatus.RESPONDENT
                    answers = answers_of(row, with_respondent=False)
                    files.add_answer(
                        SentAnswer(
                            round_, invitation.gemeente, invitation.cbs_code, answers, sent_at(row)
                        )
                    )
                elif not round_.accepts_answers():
                    status = SurveyStatus.NIET_GERESPONDEERD
                else:
                    continue
                files.add_taking_part(round_, invitation.cbs_code, invitation.gemeente, status)
    return files.sources()
