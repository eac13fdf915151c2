"""``ronde importeer``: answers that came back by e-mail (questionnaires or template files) into a
round, all or nothing.

Every file is read (loaders.round_form) and every municipality's answers checked with the same
rules as the online questionnaire before anything is stored; a problem anywhere stops the whole
import, each problem at its file, row and column. A form made for another round, or for a
municipality not invited, is a problem too. Only then are all municipalities' answers sent with
:func:`submit_all`, in one transaction (``via`` says by which way each came).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from loaders.names import NameIndex
from loaders.problems import Level, Problem
from loaders.round_form import (
    CODE_FIELD,
    MUNICIPALITY_FIELD,
    ROUND_FIELD,
    SHEET_TIES,
    TIE_HEADER,
    VIA_FORM,
    Returned,
    TieCells,
    read_returned,
)
from loaders.survey_tools import (
    SHIPPED_MAPPINGS,
    Mapping,
    read_export,
    read_mapping,
    shipped_mapping_names,
)
from netwerkkaart.services.errors import UserError
from netwerkkaart.services.rounds.answer_files import check
from netwerkkaart.services.rounds.answers import (
    Answers,
    Respondent,
    Tie,
    TieKind,
    answer_columns,
)
from netwerkkaart.services.rounds.model import Invitation, Round
from netwerkkaart.services.rounds.municipalities import municipality_index
from netwerkkaart.services.rounds.respond import answers_for, submit_all
from netwerkkaart.services.rounds.rounds import get_round, invitations

#: The column :func:`check` reports a tie's problems in (``row`` is the tie's number).
TIES_COLUMN = "banden"


@dataclass
class ImportOutcome:
    """What an import did: the municipalities whose answers were stored, or the problems."""

    key: str
    stored: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level is Level.FOUT]

    @property
    def ok(self) -> bool:
        """Answers were stored (none is stored while there is an error)."""
        return bool(self.stored)

    def sentence(self) -> str:
        """``3 antwoorden geïmporteerd in ronde 2027 (Almelo, Dalfsen, Raalte).``"""
        if self.errors:
            count = len(self.errors)
            what = "1 fout" if count == 1 else f"{count} fouten"
            return f"{what}: er is niets geïmporteerd in ronde {self.key}."
        if not self.stored:
            return f"De bestanden bevatten geen antwoorden: er is niets geïmporteerd in ronde {self.key}."
        count = len(self.stored)
        what = "1 antwoord" if count == 1 else f"{count} antwoorden"
        return f"{what} geïmporteerd in ronde {self.key} ({', '.join(sorted(self.stored))})."


def _where(entry: Returned, column: str) -> str:
    """The column the round or municipality stands in: the form's row, the template's column."""
    if entry.via == VIA_FORM:
        return column
    return {ROUND_FIELD: "enquete", MUNICIPALITY_FIELD: "gemeente"}.get(column, column)


def _refusal(entry: Returned, column: str, message: str, value: str, code: str) -> Problem:
    """A problem with the entry's round or municipality, at the cell that names it."""
    column = _where(entry, column)
    return entry.place(Problem(entry.file, message, column=column, value=value, code=code))


class _Invited:
    """The round's invitations, found by name or CBS code as people write them; each found once
    (a second answer for a municipality in the same import is a problem)."""

    def __init__(self, round_: Round, found: list[Invitation]) -> None:
        self.key = round_.key
        self.by_code = {invitation.cbs_code: invitation for invitation in found}
        self.index = NameIndex((i.cbs_code, i.gemeente) for i in found)
        self.known = municipality_index()
        self.seen: dict[str, Returned] = {}

    def _unknown(self, entry: Returned) -> Problem:
        known = self.known.resolve(entry.gemeente)
        if not entry.gemeente:
            message = "de gemeente ontbreekt"
        elif known.key is not None:
            message = f"{self.known.display(known.key)} is niet uitgenodigd voor ronde {self.key}"
        else:
            message = known.unknown_message("gemeente", entry.gemeente)
        return _refusal(entry, MUNICIPALITY_FIELD, message, entry.gemeente, "gemeente")

    def find(self, entry: Returned) -> tuple[Invitation | None, Problem | None]:
        """The invitation the entry answers, or the problem why it answers none."""
        if entry.ronde.strip().lower() != self.key.lower():
            what = "dit formulier" if entry.via == VIA_FORM else "deze rij"
            message = f"{what} hoort bij ronde '{entry.ronde}', niet bij ronde {self.key}"
            if not entry.ronde:
                message = f"de ronde ontbreekt; vul {self.key} in"
            return None, _refusal(entry, ROUND_FIELD, message, entry.ronde, "ronde")
        resolution = self.index.resolve(entry.gemeente)
        if resolution.key is None:
            return None, self._unknown(entry)
        invitation = self.by_code[resolution.key]
        code = (entry.cbs_code or "").strip().upper()
        if code and code != invitation.cbs_code:
            message = (
                f"CBS-code '{entry.cbs_code}' hoort niet bij {invitation.gemeente} "
                f"({invitation.cbs_code})"
            )
            return None, _refusal(entry, CODE_FIELD, message, code, "gemeente")
        if first := self.seen.get(invitation.cbs_code):
            message = (
                f"{invitation.gemeente} staat al in {first.file} (rij {first.row}); lever één "
                "antwoord per gemeente"
            )
            return None, _refusal(entry, MUNICIPALITY_FIELD, message, entry.gemeente, "dubbel")
        self.seen[invitation.cbs_code] = entry
        return invitation, None


def _tie(cells: TieCells, file: str) -> tuple[Tie | None, list[Problem]]:
    """One row of the ties sheet as a tie; an unknown kind of tie is a problem at its cell."""
    try:
        kind = TieKind(cells.relatie.strip().lower())
    except ValueError:
        allowed = ", ".join(kind.value for kind in TieKind)
        what = f"relatie '{cells.relatie}' is onbekend" if cells.relatie else "relatie is leeg"
        message = f"werkblad '{SHEET_TIES}': {what}; toegestaan: {allowed}"
        problem = Problem(
            file, message, row=cells.row, column="relatie", value=cells.relatie, code="relatie"
        )
        return None, [problem]
    soort, niveau = cells.soort.strip().lower() or None, cells.niveau.strip().lower() or None
    return Tie(kind, cells.naam.strip(), soort, niveau), []


def _placed(entry: Returned, ties: list[TieCells], problem: Problem) -> Problem:
    """A problem :func:`check` found, at its cell: a tie's in the ties sheet (``column`` banden,
    ``row`` the tie's number, the message led by the tie's field), others by column and value."""
    if problem.column != TIES_COLUMN or problem.row is None or problem.row > len(ties):
        return entry.place(problem)
    cells = ties[problem.row - 1]
    field, _, message = problem.message.partition(": ")
    if field not in TIE_HEADER:
        field, message = "naam", problem.message
    if cells.column:  # another survey tool's export: at the question the tie answered
        return replace(
            problem, file=entry.file, row=cells.row, column=cells.column, message=message
        )
    return replace(
        problem,
        file=entry.file,
        row=cells.row,
        column=field,
        message=f"werkblad '{SHEET_TIES}': {message}",
    )


def _answers(
    workspace: Path, key: str, entry: Returned, gemeente: str
) -> tuple[Answers, list[TieCells], list[Problem]]:
    """The entry's answers and the rows of its ties; a template row names no ties, so the
    municipality's current ones are kept."""
    problems: list[Problem] = []
    ties: list[Tie] = []
    rows: list[TieCells] = []
    if entry.ties_read:
        for cells in entry.ties:
            tie, found = _tie(cells, entry.file)
            problems += found
            if tie:
                ties.append(tie)
                rows.append(cells)
    else:
        ties = answers_for(workspace, key, gemeente).banden
    return Answers(dict(entry.velden), ties, Respondent(**entry.respondent)), rows, problems


def _check_entry(
    workspace: Path, round_: Round, entry: Returned, invited: _Invited
) -> tuple[tuple[Invitation, Answers] | None, list[Problem]]:
    """The entry's invitation and answers, with every problem of the answers at its cell."""
    invitation, problem = invited.find(entry)
    if invitation is None:
        return None, [problem] if problem else []
    answers, rows, problems = _answers(workspace, round_.key, entry, invitation.gemeente)
    found = check(round_, invitation.gemeente, invitation.cbs_code, answers)
    problems += [_placed(entry, rows, p) for p in found]
    return (invitation, answers), problems


def import_files(
    workspace: Path, key: str, files: list[tuple[str, bytes]], mapping: Mapping | None = None
) -> ImportOutcome:
    """Check every file, then store every municipality's answers, or store nothing. With a
    ``mapping`` the files are another survey tool's exports, else questionnaires or templates."""
    round_ = get_round(workspace, key)
    if refusal := round_.refusal():
        raise UserError(f"{refusal} Heropen de ronde om antwoorden toe te voegen.")
    invited = _Invited(round_, invitations(workspace, round_.key))
    outcome = ImportOutcome(round_.key)
    ready: list[tuple[Invitation, Answers, str]] = []
    for name, data in files:
        if mapping is None:
            returned = read_returned(name, data, answer_columns())
        else:
            returned = read_export(name, data, mapping, round_.key)
        outcome.problems += returned.problems
        for entry in returned.entries:
            checked, problems = _check_entry(workspace, round_, entry, invited)
            outcome.problems += problems
            if checked:
                ready.append((*checked, entry.via))
    if outcome.errors or not ready:
        return outcome
    submit_all(workspace, round_.key, [(i.gemeente, answers, via) for i, answers, via in ready])
    outcome.stored += [invitation.gemeente for invitation, _, _ in ready]
    return outcome


def _read(path: Path) -> tuple[str, bytes]:
    try:
        return Path(path).name, Path(path).read_bytes()
    except OSError as exc:
        raise UserError(f"{path}: kan het bestand niet openen ({exc.strerror}).") from exc


def _mapping_file(path: Path) -> tuple[str, bytes]:
    """A mapping file on disk, or a shipped example mapping by name (``microsoft-forms``)."""
    shipped = SHIPPED_MAPPINGS / f"{Path(path).name}.toml"
    if not Path(path).exists() and Path(path).name in shipped_mapping_names():
        return _read(shipped)
    if not Path(path).exists():
        names = ", ".join(shipped_mapping_names())
        raise UserError(f"{path}: koppeling niet gevonden; meegeleverd zijn {names}.")
    return _read(path)


def import_paths(
    workspace: Path, key: str, paths: list[Path], mapping: Path | None = None
) -> ImportOutcome:
    """:func:`import_files` for files on disk, with the mapping file ``mapping`` if given; a
    missing file is a user error, a mapping with errors imports nothing."""
    found = None
    if mapping is not None:
        found, problems = read_mapping(*_mapping_file(mapping))
        if found is None:
            return ImportOutcome(get_round(workspace, key).key, problems=problems)
    return import_files(workspace, key, [_read(path) for path in paths], found)
