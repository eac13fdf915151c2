"""Sent answers as the loaders' own input files, so a round's answers are checked and built
exactly like a filled-in survey template: the same rules, the same Dutch messages.

One answer becomes a row of the answers file (the template's columns); the organisations it
names become rows of an organisations file plus WERKT_SAMEN_MET rows of a relations file;
"learns from" becomes LEERT_VAN rows; "hooks on at" joins the template's ``haakt_aan_bij``
column. The round itself becomes a survey wave (enquetes file) with who took part.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import cache

from data import DATA_DIR
from graph.model import ORGANISATION_KINDS, BronType, NodeKind, RelType, slug
from loaders.datasets import Source, load_sources, shipped_sources
from loaders.names import normalise_name
from loaders.problems import Problem
from netwerkkaart.services.rounds.answers import Answers, Tie, TieKind, Verdict, answer_columns
from netwerkkaart.services.rounds.database import now_utc
from netwerkkaart.services.rounds.model import DUTCH_TIME, Round
from netwerkkaart.services.rounds.municipalities import municipality_index

ROUNDS_FILE = "rondes_enquetes.csv"
TAKING_PART_FILE = "rondes_deelname.csv"
ANSWERS_FILE = "rondes_antwoorden.csv"
ORGANISATIONS_FILE = "rondes_organisaties.csv"
RELATIONS_FILE = "rondes_relaties.csv"
CONFIRMATIONS_FILE = "rondes_bevestigingen.csv"
#: The file name problems of a questionnaire are reported under.
QUESTIONNAIRE = "vragenlijst"

#: Reference files an answer is checked against: the municipalities, the vocabularies, the
#: survey waves (a round key must not clash) and the organisations.
_CHECKED_WITH = frozenset({"gemeenten", "vocabulaire", "enquetes", "organisaties"})
_TIE_FIELDS = {"niveau": "niveau"}
#: Loader columns of an organisation's kind: checked by :func:`_own_checks` with a shorter list.
_KIND_COLUMNS = frozenset({"soort", "naar_soort"})
_REL_OF = {kind: RelType[kind.name] for kind in TieKind}
_KINDS = ", ".join(k.value for k in ORGANISATION_KINDS[:-1]) + f" of {ORGANISATION_KINDS[-1]}"


@dataclass(frozen=True)
class SentAnswer:
    """One municipality's current sent answer in one round."""

    round: Round
    gemeente: str
    cbs_code: str
    answers: Answers
    verzonden_op: datetime


def round_bron(round_: Round) -> str:
    return f"Ronde {round_.key} '{round_.titel}'"


def answer_bron(round_: Round, verzonden_op: datetime) -> str:
    """``Ronde 2027 'MBO 2027', verzonden 2027-02-03`` (the Dutch calendar day of sending)."""
    return f"{round_bron(round_)}, verzonden {verzonden_op.astimezone(DUTCH_TIME).date()}"


def _csv(header: list[str], rows: Iterable[dict[str, object]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, header, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
    return buffer.getvalue().encode("utf-8")


def organisation_key(tie: Tie, gemeente: str) -> str:
    """An organisation named in a questionnaire is that municipality's own partner: two
    municipalities naming a 'Rabobank' may mean two local branches, so the key holds both.

    >>> organisation_key(Tie(TieKind.WERKT_SAMEN_MET, "Rabobank"), "Olst-Wijhe")
    'rabobank-olst-wijhe'
    >>> organisation_key(Tie(TieKind.WERKT_SAMEN_MET, "Rabobank Almelo"), "Almelo")
    'rabobank-almelo'
    """
    name, place = slug(tie.naam), slug(gemeente)
    return name if name.endswith(place) else f"{name}-{place}"


@dataclass
class RoundFiles:
    """Collects rounds and sent answers, and gives them as loader sources."""

    rounds: list[dict[str, object]] = field(default_factory=list)
    taking_part: list[dict[str, object]] = field(default_factory=list)
    answers: list[dict[str, object]] = field(default_factory=list)
    organisations: dict[str, dict[str, object]] = field(default_factory=dict)
    relations: list[dict[str, object]] = field(default_factory=list)
    confirmations: list[dict[str, object]] = field(default_factory=list)
    #: file name -> row number -> the tie (1-based, in its answer) the row was made from
    tie_rows: dict[str, dict[int, int]] = field(default_factory=dict)

    def add_round(self, round_: Round, **counts: object) -> None:
        self.rounds.append(
            {
                "sleutel": round_.key,
                "naam": round_.titel,
                "jaar": round_.jaar,
                "afzender_cbs": round_.afzender_cbs,
                "bron": round_bron(round_),
                "bron_type": BronType.ENQUETE,
                **counts,
            }
        )

    def add_taking_part(self, round_: Round, cbs_code: str, gemeente: str, status: str) -> None:
        self.taking_part.append(
            {
                "enquete": round_.key,
                "cbs_code": cbs_code,
                "gemeente": gemeente,
                "status": status,
                "bron": round_bron(round_),
                "bron_type": BronType.ENQUETE,
                "jaar": round_.jaar,
            }
        )

    def add_answer(self, sent: SentAnswer) -> None:
        answers = sent.answers
        provenance = {
            "bron": answer_bron(sent.round, sent.verzonden_op),
            "bron_type": BronType.ENQUETE,
            "jaar": sent.round.jaar,
        }
        row: dict[str, object] = {c: answers.cell(c) for c in answer_columns()}
        hooks = [t.naam.strip() for t in answers.banden if t.relatie is TieKind.HAAKT_AAN_BIJ]
        row["haakt_aan_bij"] = _joined(answers.cell("haakt_aan_bij"), hooks)
        self.answers.append(
            {"enquete": sent.round.key, "gemeente": sent.cbs_code, **row, **provenance}
        )
        for number, tie in enumerate(answers.banden, start=1):
            if tie.relatie is TieKind.WERKT_SAMEN_MET:
                self._organisation(sent, tie, provenance, number)
            elif tie.relatie is TieKind.LEERT_VAN:
                self._relation(
                    sent, RelType.LEERT_VAN, NodeKind.GEMEENTE, tie.naam, None, provenance
                )
                self._mark(RELATIONS_FILE, len(self.relations) + 1, number)
        for confirmation in answers.bevestigingen:
            if confirmation.antwoord is Verdict.WEET_NIET:
                continue  # no answer: the tie stays as the other side's report makes it
            self.confirmations.append(
                {
                    "enquete": sent.round.key,
                    "gemeente": sent.cbs_code,
                    "van": confirmation.van,
                    "relatie": _REL_OF[confirmation.relatie],
                    "antwoord": confirmation.antwoord,
                    **provenance,
                }
            )

    def _organisation(
        self,
        sent: SentAnswer,
        tie: Tie,
        provenance: dict[str, object],
        number: int,
    ) -> None:
        key = organisation_key(tie, sent.gemeente)
        kind = (tie.organisatie_soort or NodeKind.ORGANISATIE).strip().lower()
        identity = f"{kind}|{key}"
        if identity not in self.organisations:
            self.organisations[identity] = {
                "sleutel": key,
                "soort": kind,
                "naam": tie.naam,
                "gemeente": sent.cbs_code,
                **provenance,
            }
            row = list(self.organisations).index(identity) + 2
            self._mark(ORGANISATIONS_FILE, row, number)
        self._relation(sent, RelType.WERKT_SAMEN_MET, kind, key, tie.niveau, provenance)
        self._mark(RELATIONS_FILE, len(self.relations) + 1, number)

    def _relation(
        self,
        sent: SentAnswer,
        rel: RelType,
        kind: str,
        target: str,
        niveau: str | None,
        provenance: dict[str, object],
    ) -> None:
        self.relations.append(
            {
                "van_soort": NodeKind.GEMEENTE,
                "van": sent.cbs_code,
                "relatie": rel,
                "naar_soort": kind,
                "naar": target,
                "niveau": niveau,
                "enquete": sent.round.key,
                **provenance,
            }
        )

    def _mark(self, file: str, row: int, tie: int) -> None:
        self.tie_rows.setdefault(file, {})[row] = tie

    def sources(self) -> list[Source]:
        files = [
            (ROUNDS_FILE, "enquetes", self.rounds),
            (TAKING_PART_FILE, "deelname", self.taking_part),
            (ORGANISATIONS_FILE, "organisaties", list(self.organisations.values())),
            (ANSWERS_FILE, "antwoorden", self.answers),
            (RELATIONS_FILE, "relaties", self.relations),
            (CONFIRMATIONS_FILE, "bevestigingen", self.confirmations),
        ]
        return [
            Source(name, _csv(list(rows[0]), rows), dataset)
            for name, dataset, rows in files
            if rows
        ]


def _joined(cell: str, extra: list[str]) -> str:
    """``cell`` with the names in ``extra`` it does not hold yet, separated by ``;``."""
    names = [n.strip() for n in cell.split(";") if n.strip()]
    seen = {normalise_name(n) for n in names}
    for name in extra:
        if name and normalise_name(name) not in seen:
            names.append(name)
            seen.add(normalise_name(name))
    return ";".join(names)


@cache
def _reference_sources() -> tuple[Source, ...]:
    return tuple(s for s in shipped_sources(DATA_DIR) if s.dataset in _CHECKED_WITH)


def _own_checks(answers: Answers, cbs_code: str) -> list[Problem]:
    """What the loaders cannot see: unknown questions, empty or self-naming ties, an e-mail."""
    problems = []
    allowed = set(answer_columns())
    for column in sorted(set(answers.velden) - allowed):
        problems.append(Problem(QUESTIONNAIRE, "onbekende vraag", column=column, code="onbekend"))
    for number, tie in enumerate(answers.banden, start=1):
        kind = (tie.organisatie_soort or NodeKind.ORGANISATIE).strip().lower()
        if tie.relatie is TieKind.WERKT_SAMEN_MET and kind not in ORGANISATION_KINDS:
            message = f"soort: kies {_KINDS}"
            problems.append(
                Problem(QUESTIONNAIRE, message, row=number, column="banden", value=kind[:80])
            )
        if not tie.naam.strip():
            message = "naam: vul een naam in"
            problems.append(Problem(QUESTIONNAIRE, message, row=number, column="banden"))
        elif (
            tie.relatie is TieKind.LEERT_VAN
            and municipality_index().resolve(tie.naam).key == cbs_code
        ):
            message = "naam: een gemeente leert niet van zichzelf"
            problems.append(
                Problem(QUESTIONNAIRE, message, row=number, column="banden", value=tie.naam)
            )
    for number, confirmation in enumerate(answers.bevestigingen, start=1):
        named = municipality_index().resolve(confirmation.van).key
        if named is None or named == cbs_code or confirmation.relatie is TieKind.WERKT_SAMEN_MET:
            message = "van: dit is geen andere gemeente die een band met u noemt"
            problems.append(
                Problem(
                    QUESTIONNAIRE,
                    message,
                    row=number,
                    column="bevestigingen",
                    value=confirmation.van[:80],
                )
            )
    email = answers.respondent.email.strip()
    if email and ("@" not in email or " " in email or len(email) > 254):
        problems.append(
            Problem(
                QUESTIONNAIRE,
                "dit is geen e-mailadres (vorm naam@voorbeeld.nl)",
                column="email",
                value=email[:80],
            )
        )
    return problems


def _tie_of(problem: Problem, files: RoundFiles, answers: Answers) -> int | None:
    """The tie a problem in a generated row is about (1-based), if any."""
    if problem.file in (ORGANISATIONS_FILE, RELATIONS_FILE) and problem.row is not None:
        return files.tie_rows.get(problem.file, {}).get(problem.row)
    if problem.column == "haakt_aan_bij" and problem.value:
        for number, tie in enumerate(answers.banden, start=1):
            same = normalise_name(tie.naam) == normalise_name(problem.value)
            if tie.relatie is TieKind.HAAKT_AAN_BIJ and same:
                return number
    return None


def _as_questionnaire(problem: Problem, files: RoundFiles, answers: Answers) -> Problem:
    tie = _tie_of(problem, files, answers)
    if tie is None:
        return replace(problem, file=QUESTIONNAIRE, row=None)
    label = _TIE_FIELDS.get(problem.column or "", "naam")
    message = f"{label}: {problem.message}"
    return replace(problem, file=QUESTIONNAIRE, row=tie, column="banden", message=message)


def check(round_: Round, gemeente: str, cbs_code: str, answers: Answers) -> list[Problem]:
    """Every problem of ``answers`` by the loaders' rules and messages, plus :func:`_own_checks`.

    Problems about a questionnaire field have ``column`` the template column and no row;
    problems about a tie have ``column`` ``"banden"`` and ``row`` the tie's 1-based position in
    ``answers.banden``, the message starting with the tie's field (naam, soort, niveau).
    """
    files = RoundFiles()
    files.add_round(round_)
    files.add_answer(SentAnswer(round_, gemeente, cbs_code, answers, now_utc()))
    result = load_sources([*_reference_sources(), *files.sources()])
    own = {s.name for s in files.sources()}
    seen: set[tuple[object, ...]] = set()
    problems = _own_checks(answers, cbs_code)
    for problem in result.report.problems:
        if problem.file not in own or problem.column in _KIND_COLUMNS:
            continue
        mapped = _as_questionnaire(problem, files, answers)
        identity = (mapped.row, mapped.column, mapped.message)
        if identity not in seen:
            seen.add(identity)
            problems.append(mapped)
    return problems
