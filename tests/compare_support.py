"""Two later survey rounds (2027 and 2029) as files the loaders accept, for `vergelijk` tests.

A round, once built, is one more wave in the graph: a row in a waves file, participation rows
and an answers file with ``bron_type enquete``. Almelo answers in both rounds and changes its
answers; Borne answers only in 2027, Dalfsen only in 2029 (its 2029 answers are example rows,
which must never count as a change); Hengelo answers in both and changes nothing.
"""

from __future__ import annotations

from pathlib import Path

from graph.stores.memory import MemoryStore
from loaders.datasets import Source
from netwerkkaart.services import workspace as ws

WAVES = (
    "sleutel,naam,jaar,uitgenodigd,bron,bron_type\n"
    "2027,Ronde 2027,2027,24,testronde,enquete\n"
    "2029,Ronde 2029,2029,24,testronde,enquete\n"
)
PARTICIPATION = (
    "enquete,gemeente,status,bron,bron_type\n"
    "2027,Almelo,respondent,testronde,enquete\n"
    "2027,Borne,respondent,testronde,enquete\n"
    "2027,Hengelo,respondent,testronde,enquete\n"
    "2027,Dalfsen,niet_gerespondeerd,testronde,enquete\n"
    "2029,Almelo,respondent,testronde,enquete\n"
    "2029,Hengelo,respondent,testronde,enquete\n"
    "2029,Borne,niet_gerespondeerd,testronde,enquete\n"
    "2029,Dalfsen,respondent,testronde,enquete\n"
)
ANSWER_COLUMNS = (
    "enquete,gemeente,activiteiten,ondernemersnetwerken,samenwerking_ondernemers,"
    "vrijwilligerscentrale,facilitering_vrijwilligerscentrale,themas,haakt_aan_bij,ambitie,"
    "bron_type"
)
ANSWERS = (
    f"{ANSWER_COLUMNS}\n"
    "2027,Almelo,nl-doet,Kring Almelo,incidenteel,VC Almelo,incidenteel,goede-voorbeeld,Hengelo,ja,enquete\n"
    "2027,Borne,nl-doet,,,,,goede-voorbeeld,,,enquete\n"
    "2027,Hengelo,beursvloer,,,,,mbo-beleid,,ja,enquete\n"
    "2029,Almelo,nl-doet;beursvloer,Kring Almelo;Club Almelo,structureel,,,mbo-beleid,,nee,enquete\n"
    "2029,Hengelo,beursvloer,,,,,mbo-beleid,,ja,enquete\n"
    "2029,Dalfsen,nl-doet,Club Dalfsen,structureel,,,mbo-beleid,Zwolle,ja,voorbeeld\n"
)
ROUND_FILES = (
    ("rondes.csv", WAVES),
    ("rondes_deelname.csv", PARTICIPATION),
    ("rondes_antwoorden.csv", ANSWERS),
)


def round_sources(answers: str = ANSWERS, waves: str = WAVES) -> list[Source]:
    """The rounds' files as sources (``answers`` and ``waves`` replace those files)."""
    files = dict(ROUND_FILES) | {"rondes.csv": waves, "rondes_antwoorden.csv": answers}
    return [Source(name, text.encode("utf-8")) for name, text in files.items()]


def add_rounds(home: Path, answers: str = ANSWERS, waves: str = WAVES) -> Path:
    """Upload the rounds into workspace ``home`` (building the shipped graph first if needed)."""
    store = MemoryStore(home)
    if not store.exists():
        assert ws.build_and_save(home, store).ok
    for source in round_sources(answers, waves):
        outcome = ws.add_upload(home, store, source)
        assert outcome.ok, [p.line() for p in outcome.result.report.errors]
    return home
