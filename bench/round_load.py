"""A survey round under load: 25 respondents saving drafts and sending at once.

Every municipality of the reference data but the sender gets a link; each respondent is a
process of its own (``python -m bench.round_load WORKSPACE TOKEN GEMEENTE DRAFTS GO``), as each
would be a browser session of the questionnaire app, all writing to the one real rounds database
(``rondes.sqlite``) through the service API. The processes start together: each imports first,
says it is ready, and waits for the go file. Each saves ``DRAFTS`` drafts, sends a first version,
saves once more and sends its final answers, timing every call, and prints one JSON line.

Shared by the benchmark (``bench/run.py``: save latency, every answer kept) and
``tests/test_rounds_concurrency.py`` (nothing lost, history complete).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from netwerkkaart.services.rounds import (
    Answers,
    Respondent,
    Tie,
    TieKind,
    create_round,
    current_answers,
    issue_links,
    round_status,
    save_draft,
    submit,
)

ROOT = Path(__file__).resolve().parents[1]
ROUND = "2027"
SENDER = "Hellendoorn"
BASE_URL = "https://vragenlijst.example.nl"
DRAFTS = 6
#: Each respondent sends twice (a first version, then its final answers): history has both.
SENDS = 2
START_TIMEOUT_S = 120
#: One respondent: this module run as a program (see :func:`_main`).
RESPONDENT = (sys.executable, "-m", "bench.round_load")


@dataclass(frozen=True)
class Link:
    gemeente: str
    token: str


@dataclass(frozen=True)
class RespondentRun:
    """What one respondent process did: its timings (ms) and when its final answers were sent."""

    gemeente: str
    token: str
    save_ms: list[float]
    submit_ms: list[float]
    sent_at: str


def draft(gemeente: str, step: int) -> Answers:
    """The answers as they stand after ``step`` steps of filling in."""
    return Answers(
        velden={
            "activiteiten": "nl-doet",
            "samenwerking_ondernemers": "incidenteel",
            "toelichting": f"{gemeente}: concept {step}",
        },
        banden=[],
        respondent=Respondent(naam=f"Respondent {gemeente}"),
    )


def sent(gemeente: str, version: int) -> Answers:
    """Version ``version`` (1..SENDS) of what ``gemeente`` sends; the last is its final answer."""
    return Answers(
        velden={
            "activiteiten": "nl-doet;beursvloer",
            "samenwerking_ondernemers": "structureel",
            "toelichting": f"{gemeente}: verzonden versie {version}",
        },
        banden=[
            Tie(
                TieKind.WERKT_SAMEN_MET,
                f"Ondernemerskring {gemeente} (ronde {version})",
                "ondernemersnetwerk",
                "structureel",
            )
        ],
        respondent=Respondent(naam=f"Respondent {gemeente}", rol="beleidsmedewerker"),
    )


def prepare(workspace: Path) -> list[Link]:
    """A round for every municipality but :data:`SENDER`, and one link each."""
    create_round(workspace, ROUND, "MBO 2027 (belasting)", afzender=SENDER)
    issued = issue_links(workspace, ROUND, BASE_URL)
    return [Link(i.gemeente, token_of(i.link)) for i in issued]


def token_of(link: str) -> str:
    return urllib.parse.parse_qs(urllib.parse.urlsplit(link).query)["token"][0]


def _timed_ms(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return (time.perf_counter() - start) * 1000


def respond(workspace: Path, link: Link, drafts: int) -> RespondentRun:
    """One respondent: drafts, a first version, one more draft, the final answers."""
    save_ms, submit_ms, sent_at = [], [], ""
    for step in range(1, drafts + 1):
        save_ms.append(
            _timed_ms(lambda s=step: save_draft(workspace, link.token, draft(link.gemeente, s)))
        )
    for version in range(1, SENDS + 1):
        if version > 1:
            again = draft(link.gemeente, drafts + version)
            save_ms.append(_timed_ms(lambda a=again: save_draft(workspace, link.token, a)))
        start = time.perf_counter()
        sent_at = submit(workspace, link.token, sent(link.gemeente, version)).isoformat()
        submit_ms.append((time.perf_counter() - start) * 1000)
    return RespondentRun(link.gemeente, link.token, save_ms, submit_ms, sent_at)


def run_at_once(workspace: Path, links: list[Link], drafts: int = DRAFTS) -> list[RespondentRun]:
    """Every link's respondent in a process of its own, all let go at the same moment."""
    go = workspace / "start-respondenten"
    env = {k: v for k, v in os.environ.items() if not k.startswith("NETWERKKAART_")}
    processes = [
        subprocess.Popen(
            [*RESPONDENT, str(workspace), link.token, link.gemeente, str(drafts), str(go)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for link in links
    ]
    try:
        for process in processes:  # imports done, waiting for the go file
            assert process.stdout is not None
            if process.stdout.readline().strip() != "klaar":
                raise RuntimeError(f"respondent start niet: {process.communicate()[1][-2000:]}")
        go.touch()
        runs = []
        for process in processes:
            out, errors = process.communicate(timeout=START_TIMEOUT_S)
            if process.returncode != 0:
                raise RuntimeError(f"respondent faalde ({process.returncode}): {errors[-2000:]}")
            runs.append(RespondentRun(**json.loads(out)))
        return runs
    finally:
        for process in processes:
            if process.poll() is None:
                process.kill()
                process.wait()


def answers_lost(workspace: Path, runs: list[RespondentRun]) -> list[str]:
    """One line per respondent whose final answers are not what the database now holds."""
    lost = []
    for run in runs:
        held = current_answers(workspace, run.token)
        wanted = sent(run.gemeente, SENDS)
        if (held.velden, held.banden) != (wanted.velden, wanted.banden):
            lost.append(f"{run.gemeente}: {held.velden.get('toelichting')!r}")
    status = round_status(workspace, ROUND).as_json()
    if status["verzonden"] != len(runs):
        lost.append(f"verzonden volgens de status: {status['verzonden']} van {len(runs)}")
    return lost


def percentile(values: list[float], fraction: float) -> float:
    """The ``fraction`` quantile (inclusive method: p95 of 20 values lies between the top two).

    >>> percentile([float(v) for v in range(1, 101)], 0.95)
    95.05
    """
    return float(statistics.quantiles(values, n=100, method="inclusive")[round(fraction * 100) - 1])


def _main(argv: list[str]) -> int:
    workspace, token, gemeente, drafts, go = argv
    print("klaar", flush=True)
    deadline = time.monotonic() + START_TIMEOUT_S
    while not Path(go).exists():
        if time.monotonic() > deadline:
            return 2
        time.sleep(0.005)
    run = respond(Path(workspace), Link(gemeente, token), int(drafts))
    print(json.dumps(run.__dict__), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
