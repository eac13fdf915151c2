"""The XSS corpus and a workspace whose uploads carry it in every user-visible text field.

Uploads (all through :func:`netwerkkaart.services.workspace.add_upload`, as the Data page adds them):
organisations whose names, descriptions and sources are hostile, in a file whose *name* is
hostile (a source defaults to its file's name); relationships with hostile notes and sources;
real survey answers for Borne naming hostile business networks and volunteer centre; and an
XLSX file with a hostile sheet name.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from openpyxl import Workbook

from graph.stores.memory import MemoryStore
from loaders.datasets import Source
from netwerkkaart.services import workspace as ws

XSS = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    "javascript:alert(1)",
    "</script><script>alert(1)</script>",
    "{{7*7}}",
    "'; DROP TABLE gemeenten; --",
    '=HYPERLINK("http://example.invalid","klik")',
    "+cmd|' /C calc'!A0",
    "-1+1",
    "@SUM(1)",
)
#: Start characters a spreadsheet reads as a formula (or DDE command).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ORGANISATIONS_FILE = '"><svg onload=alert(1)>.csv'
SHEET_NAME = "<img src=x onerror=alert(1)>"
KINDS = ("ondernemersnetwerk", "vrijwilligerscentrale", "organisatie")
PLACES = ("Borne", "Hengelo", "Almelo")


def _csv(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue().encode("utf-8")


def organisations() -> bytes:
    """One organisation per hostile text: its name, the next one's text as description."""
    rows = [["sleutel", "soort", "naam", "gemeente", "omschrijving", "bron", "bron_type"]]
    for index, text in enumerate(XSS):
        rows.append(
            [
                f"xss-{index}",
                KINDS[index % 3],
                text,
                PLACES[index % 3],
                XSS[(index + 1) % len(XSS)],
                "" if index % 2 else XSS[(index + 2) % len(XSS)],  # empty: the file's name
                "gebruiker",
            ]
        )
    return _csv(rows)


def relations() -> bytes:
    rows = [["van_soort", "van", "relatie", "naar_soort", "naar", "niveau", "toelichting", "bron"]]
    for index, text in enumerate(XSS):
        rows.append(
            [
                KINDS[index % 3],
                f"xss-{index}",
                "WERKT_SAMEN_MET",
                "gemeente",
                "Enschede",
                "structureel",
                text,
                XSS[(index + 3) % len(XSS)],
            ]
        )
    rows.append(["gemeente", "Borne", "HAAKT_AAN_BIJ", "gemeente", "Hengelo", "", XSS[0], XSS[1]])
    return _csv(rows)


def answers() -> bytes:
    """Borne's real answers for 2010: hostile network and centre names and note."""
    rows = [
        [
            "enquete", "gemeente", "activiteiten", "ondernemersnetwerken",
            "vrijwilligerscentrale", "facilitering_vrijwilligerscentrale",
            "samenwerking_ondernemers", "themas", "toelichting",
        ],
        [
            "2010", "Borne", "nl-doet;beursvloer", f"Kring {XSS[1]};Club {XSS[2]}",
            f"VC {XSS[0]}", "structureel", "incidenteel", "klein-bij-groot", XSS[5] + XSS[3],
        ],
    ]  # fmt: skip
    return _csv(rows)


def workbook_with_hostile_sheet(key: str = "xss-blad") -> bytes:
    """A valid organisations workbook with a second sheet of a hostile name (read: a warning)."""
    workbook = Workbook()
    workbook.active.title = "Organisaties"
    workbook.active.append(["sleutel", "soort", "naam", "gemeente"])
    workbook.active.append([key, "organisatie", f"Blad-organisatie {key} {XSS[4]}", "Borne"])
    workbook.create_sheet(SHEET_NAME).append([XSS[0]])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


UPLOADS = (
    (ORGANISATIONS_FILE, organisations),
    ("relaties <script>alert(1)</script>.csv", relations),
    ("antwoorden_borne.csv", answers),
    ("werkblad {{7+7}}.xlsx", workbook_with_hostile_sheet),
)


def hostile_workspace(home: Path) -> Path:
    """``home`` with the shipped graph plus every hostile upload, stored; returns ``home``."""
    store = MemoryStore(home)
    assert ws.build_and_save(home, store).ok
    for name, make in UPLOADS:
        outcome = ws.add_upload(home, store, Source(name, make()))
        assert outcome.ok, [p.line() for p in outcome.result.report.errors]
    return home
