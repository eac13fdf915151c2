"""The coordinator's side of a survey round: create, invite, follow, remind, close, erase.

Used by the CLI (``netwerkkaart ronde ...``) and the app's Ronde page; nothing here sends mail:
invitations are links in a CSV for a mail merge.
"""

from __future__ import annotations

import csv
import io
import re
import sqlite3
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from data import DATA_DIR
from loaders.tables import read_table_file
from netwerkkaart.services.errors import UserError
from netwerkkaart.services.rounds.database import (
    checkpoint,
    database_path,
    now_utc,
    reading,
    to_text,
    writing,
)
from netwerkkaart.services.rounds.model import (
    DUTCH_TIME,
    Invitation,
    InvitationLink,
    InvitationState,
    Round,
    RoundState,
    dutch_date,
)
from netwerkkaart.services.rounds.municipalities import (
    in_province,
    reference_municipalities,
    resolve_municipality,
)
from netwerkkaart.services.rounds.records import (
    find_round,
    invitation_named,
    invitations_of,
    round_of,
)
from netwerkkaart.services.rounds.tokens import link, new_token, token_hash

_KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]{0,39}$")
_LEADING_YEAR = re.compile(r"^(\d{4})(?!\d)")
_BASE_URL = re.compile(r"^https?://[^\s?#]+$")
MIN_YEAR, MAX_YEAR = 1990, 2100


def _shipped_waves() -> set[str]:
    return {cells["sleutel"] for _, cells in read_table_file(DATA_DIR / "enquetes.csv").rows}


def _check_key(key: str) -> None:
    if not _KEY.match(key):
        raise UserError(
            f"De rondesleutel '{key}' is ongeldig: gebruik letters, cijfers en streepjes "
            "(hoogstens 40 tekens), bijvoorbeeld 2027."
        )
    if key in _shipped_waves():
        raise UserError(
            f"De sleutel '{key}' is al een enquêteronde in de referentiegegevens "
            "(data/enquetes.csv); kies een andere sleutel."
        )


def _year(key: str, jaar: int | None) -> int:
    if jaar is None:
        found = _LEADING_YEAR.match(key)
        if not found:
            raise UserError(
                f"De rondesleutel '{key}' begint niet met een jaartal: geef het jaar op (--jaar)."
            )
        jaar = int(found.group(1))
    if not MIN_YEAR <= jaar <= MAX_YEAR:
        raise UserError(f"Het jaar {jaar} ligt niet tussen {MIN_YEAR} en {MAX_YEAR}.")
    return jaar


def _today() -> date:
    return now_utc().astimezone(DUTCH_TIME).date()


def _check_closing(sluit_op: date | None) -> None:
    if sluit_op is not None and sluit_op < _today():
        raise UserError(f"De sluitdatum {dutch_date(sluit_op)} ligt in het verleden.")


def _invitees(
    gemeenten: list[str] | None, sender: str | None, provincie: str | None
) -> list[tuple[str, str]]:
    names = dict(reference_municipalities())
    if gemeenten is None:
        province = set(in_province(provincie)) if provincie else set(names)
        codes = [code for code in names if code in province]
    else:
        codes = list(dict.fromkeys(resolve_municipality(text) for text in gemeenten))
        if not codes:
            raise UserError("Geef minstens één gemeente om uit te nodigen.")
    return [(code, names[code]) for code in codes if code != sender]


def create_round(
    workspace: Path,
    key: str,
    titel: str,
    *,
    gemeenten: list[str] | None = None,
    sluit_op: date | None = None,
    afzender: str | None = None,
    jaar: int | None = None,
    provincie: str | None = None,
) -> Round:
    """A new open round; invitees default to every reference municipality (of ``provincie``,
    when given) but the sender. The reference data holds neighbours across the provincial
    border too (Apeldoorn, of Regio Stedendriehoek), which a provincial round leaves out."""
    key = key.strip()
    _check_key(key)
    titel = " ".join(titel.split())
    if not titel or len(titel) > 200:
        raise UserError("Geef de ronde een titel van 1 tot 200 tekens.")
    year = _year(key, jaar)
    _check_closing(sluit_op)
    sender = resolve_municipality(afzender) if afzender else None
    if provincie and gemeenten is not None:
        raise UserError("Kies --gemeenten of --provincie, niet allebei.")
    invitees = _invitees(gemeenten, sender, provincie)
    if not invitees:
        raise UserError("Er blijft geen gemeente over om uit te nodigen.")
    created = now_utc()
    with writing(workspace) as db:
        if db.execute("SELECT 1 FROM rounds WHERE key = ?", (key,)).fetchone():
            raise UserError(f"Er is al een ronde '{key}'.")
        db.execute(
            "INSERT INTO rounds (key, titel, jaar, afzender_cbs, sluit_op, state, aangemaakt_op)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                key,
                titel,
                year,
                sender,
                sluit_op and sluit_op.isoformat(),
                RoundState.OPEN.value,
                to_text(created),
            ),
        )
        db.executemany(
            "INSERT INTO invitations (round_key, cbs_code, gemeente) VALUES (?, ?, ?)",
            [(key, code, name) for code, name in invitees],
        )
        return find_round(db, key)


def list_rounds(workspace: Path) -> list[Round]:
    if not database_path(workspace).exists():
        return []
    with reading(workspace) as db:
        return [round_of(r) for r in db.execute("SELECT * FROM rounds ORDER BY aangemaakt_op")]


def get_round(workspace: Path, key: str) -> Round:
    with reading(workspace) as db:
        return find_round(db, key)


def close_round(workspace: Path, key: str) -> Round:
    """Close a round: its links stop working. Closing a closed round changes nothing."""
    with writing(workspace) as db:
        find_round(db, key)
        db.execute("UPDATE rounds SET state = ? WHERE key = ?", (RoundState.GESLOTEN.value, key))
        return find_round(db, key)


def reopen_round(workspace: Path, key: str, *, sluit_op: date | None = None) -> Round:
    """Open a round again (the same links work again), with a new closing day if given."""
    _check_closing(sluit_op)
    with writing(workspace) as db:
        round_ = find_round(db, key)
        closing = sluit_op or round_.sluit_op
        if closing is not None and closing < _today():
            raise UserError(
                f"De sluitdatum {dutch_date(closing)} is voorbij: geef een nieuwe sluitdatum."
            )
        db.execute(
            "UPDATE rounds SET state = ?, sluit_op = ? WHERE key = ?",
            (RoundState.OPEN.value, closing and closing.isoformat(), key),
        )
        return find_round(db, key)


def invitations(workspace: Path, key: str) -> list[Invitation]:
    with reading(workspace) as db:
        find_round(db, key)
        return invitations_of(db, key)


def _check_base_url(basis_url: str) -> str:
    if not _BASE_URL.match(basis_url.strip()):
        raise UserError(
            f"De basis-URL '{basis_url}' is ongeldig: gebruik http:// of https:// zonder ? of #, "
            "bijvoorbeeld https://enquete.gemeente.nl."
        )
    return basis_url.strip()


def _open_round(db: sqlite3.Connection, key: str) -> Round:
    round_ = find_round(db, key)
    refusal = round_.refusal()
    if refusal:
        raise UserError(refusal)
    return round_


def _new_link(db: sqlite3.Connection, invitation: Invitation, basis_url: str) -> InvitationLink:
    token = new_token()
    db.execute(
        "UPDATE invitations SET token_hash = ?, link_uitgegeven_op = ? "
        "WHERE round_key = ? AND cbs_code = ?",
        (token_hash(token), to_text(now_utc()), invitation.round_key, invitation.cbs_code),
    )
    return InvitationLink(invitation.gemeente, invitation.cbs_code, link(basis_url, token))


def issue_links(
    workspace: Path, key: str, basis_url: str, *, opnieuw: bool = False
) -> list[InvitationLink]:
    """One new link per invited municipality. Links exist only in what this returns: the
    database keeps their hashes. With ``opnieuw`` every earlier link stops working."""
    basis_url = _check_base_url(basis_url)
    with writing(workspace) as db:
        _open_round(db, key)
        issued = db.execute(
            "SELECT MAX(link_uitgegeven_op) FROM invitations WHERE round_key = ?", (key,)
        ).fetchone()[0]
        if issued and not opnieuw:
            raise UserError(
                f"Voor ronde {key} zijn al links uitgegeven; nieuwe links (--opnieuw) maken alle "
                "eerdere links ongeldig."
            )
        return [_new_link(db, invitation, basis_url) for invitation in invitations_of(db, key)]


def revoke_link(workspace: Path, key: str, gemeente: str, basis_url: str) -> InvitationLink:
    """The municipality's current link stops working; its new link is returned."""
    basis_url = _check_base_url(basis_url)
    with writing(workspace) as db:
        _open_round(db, key)
        return _new_link(db, invitation_named(db, key, gemeente), basis_url)


@dataclass(frozen=True)
class RoundStatus:
    round: Round
    invitations: list[Invitation]

    def count(self, state: InvitationState) -> int:
        return sum(1 for i in self.invitations if i.state is state)

    @property
    def respons(self) -> float:
        invited = len(self.invitations)
        return round(self.count(InvitationState.VERZONDEN) / invited, 2) if invited else 0.0

    def sentence(self) -> str:
        """``7 van 24, 29%``: sent answers of invited municipalities."""
        sent, invited = self.count(InvitationState.VERZONDEN), len(self.invitations)
        percent = round(100 * sent / invited) if invited else 0
        return f"{sent} van {invited}, {percent}%"

    def as_json(self) -> dict[str, object]:
        return {
            "ronde": self.round.key,
            "uitgenodigd": len(self.invitations),
            "gestart": self.count(InvitationState.GESTART),
            "verzonden": self.count(InvitationState.VERZONDEN),
            "respons": self.respons,
            "gemeenten": [
                {
                    "gemeente": i.gemeente,
                    "cbs_code": i.cbs_code,
                    "status": i.state.value,
                    "verzonden_op": to_text(i.verzonden_op),
                }
                for i in self.invitations
            ],
        }


def round_status(workspace: Path, key: str) -> RoundStatus:
    with reading(workspace) as db:
        return RoundStatus(find_round(db, key), invitations_of(db, key))


def reminder_csv(workspace: Path, key: str) -> bytes:
    """``gemeente,cbs_code,status`` of every invitee that has not sent (UTF-8 with BOM)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["gemeente", "cbs_code", "status"])
    for invitation in invitations(workspace, key):
        if invitation.state is not InvitationState.VERZONDEN:
            writer.writerow([invitation.gemeente, invitation.cbs_code, invitation.state.value])
    return buffer.getvalue().encode("utf-8-sig")


def links_csv(links: list[InvitationLink]) -> bytes:
    """``gemeente,cbs_code,link`` for a mail merge (UTF-8 with BOM, comma)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["gemeente", "cbs_code", "link"])
    writer.writerows([entry.gemeente, entry.cbs_code, entry.link] for entry in links)
    return buffer.getvalue().encode("utf-8-sig")


_PERSONAL = "(naam != '' OR rol != '' OR email != '')"


def erase_personal_data(workspace: Path, key: str) -> int:
    """Blank the respondents' name, role and e-mail of a round (drafts and every sent version);
    returns how many municipalities' respondents were erased."""
    with writing(workspace) as db:
        find_round(db, key)
        erased = db.execute(
            f"SELECT COUNT(DISTINCT cbs_code) FROM (SELECT cbs_code FROM drafts WHERE round_key = ?"
            f" AND {_PERSONAL} UNION SELECT cbs_code FROM submissions WHERE round_key = ? AND "
            f"{_PERSONAL})",
            (key, key),
        ).fetchone()[0]
        for table in ("drafts", "submissions"):
            db.execute(
                f"UPDATE {table} SET naam = '', rol = '', email = '' "
                f"WHERE round_key = ? AND {_PERSONAL}",
                (key,),
            )
    checkpoint(workspace)  # the old values leave the write-ahead log too
    return int(erased)
