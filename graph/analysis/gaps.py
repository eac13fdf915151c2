"""Gaps a province officer can act on: missing links, ambition without capacity, loose ends.

A missing link is only *known* for a municipality that answered the survey; for the others the
graph simply has no data. Each gap says which it is (``grondslag``), so "no volunteer centre"
is never confused with "did not answer". Gaps carry the provenance of the facts they rest on;
``voorbeeld`` marks those that rest on illustrative data, and their wording and ``grondslag``
say "voorbeeldantwoord", never "enquêteantwoord". "Ambition without capacity" only says what the
answer does: that it is unclear whether capacity or means can be freed, not that there are none.

>>> from graph.model import new_graph
>>> g = new_graph()
>>> g.add_node("gemeente:A", kind="gemeente", naam="A", bron_type="referentie")
>>> [(gap.soort, gap.grondslag) for gap in find_gaps(g)]
[('geen-vrijwilligerscentrale', 'geen gegevens'), ('geen-ondernemersnetwerk', 'geen gegevens'), ('geisoleerd', 'graaf')]
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

import networkx as nx
import pandas as pd

from graph.analysis.municipal import CAPACITY_OBSTACLES, Ties, gather
from graph.dutch import nl_join
from graph.model import NodeKind, is_example

#: Kinds of gap, in the order they are listed, with their Dutch heading.
GAP_LABELS: dict[str, str] = {
    "geen-vrijwilligerscentrale": "Geen band met een vrijwilligerscentrale",
    "geen-ondernemersnetwerk": "Geen band met een ondernemersnetwerk",
    "ambitie-zonder-capaciteit": "Ambitie, maar onduidelijk of er capaciteit of middelen zijn",
    "geisoleerd": "Zonder enige relatie",
}

ANSWERED = "enquêteantwoord"
EXAMPLE_ANSWER = "voorbeeldantwoord"
NO_DATA = "geen gegevens"
GRAPH = "graaf"


@dataclass(frozen=True)
class Gap:
    """One gap at one node; ``grondslag`` says whether an answer, no data, or the graph shows it."""

    soort: str
    id: str
    naam: str
    node_soort: str
    cbs: str
    toelichting: str
    grondslag: str
    bron_type: str
    voorbeeld: bool

    @property
    def label(self) -> str:
        return GAP_LABELS[self.soort]


def _latest_answer(ties: Ties) -> dict[str, Any] | None:
    return max(ties.answers, key=lambda a: a.get("jaar") or 0, default=None)


def _according_to(answer: Mapping[str, Any], example: bool) -> tuple[str, str]:
    """How a gap names the answer it rests on, and its ``grondslag``: an example answer is never
    called a survey answer."""
    if example:
        return f"volgens de voorbeeldantwoorden ({answer.get('jaar', '?')})", EXAMPLE_ANSWER
    return f"volgens het enquêteantwoord ({answer.get('jaar', '?')})", ANSWERED


def _missing_link(ties: Ties, soort: str, kind: NodeKind, what: str, level_key: str) -> Gap | None:
    if ties.partners_of_kind(kind):
        return None
    info, answer = ties.info, _latest_answer(ties)
    if answer is None:
        text = f"geen enquêteantwoord: onbekend of er een band met {what} is"
        basis, bron_type, example = NO_DATA, "", False
    else:
        level = answer.get(level_key)
        detail = f" (niveau: {level})" if level else ""
        example = is_example(answer)
        according, basis = _according_to(answer, example)
        text = f"{according} geen band met {what}{detail}"
        bron_type = answer.get("bron_type", "")
    return Gap(soort, info.id, info.naam, "gemeente", info.cbs, text, basis, bron_type, example)


def _ambition_without_capacity(ties: Ties, names: Mapping[str, str]) -> Gap | None:
    answer = _latest_answer(ties)
    lacking = {o: ex for o, ex in ties.obstacles.items() if o in CAPACITY_OBSTACLES}
    if answer is None or not answer.get("ambitie") or not lacking:
        return None
    info = ties.info
    example = is_example(answer) or any(lacking.values())
    according, basis = _according_to(answer, example)
    text = (
        f"{according}: wil meer met MBO (ambitie), maar het is onduidelijk of er capaciteit of "
        f"middelen voor vrijgemaakt kunnen worden (struikelblok: "
        f"{nl_join(sorted(names[o] for o in lacking))})"
    )
    return Gap(
        "ambitie-zonder-capaciteit",
        info.id,
        info.naam,
        "gemeente",
        info.cbs,
        text,
        basis,
        answer.get("bron_type", ""),
        example,
    )


def find_gaps(graph: nx.MultiDiGraph) -> list[Gap]:
    """All gaps, grouped by kind (order of :data:`GAP_LABELS`); known before unknown, then name."""
    names = {n: a.get("naam", n) for n, a in graph.nodes(data=True)}
    gaps: list[Gap] = []
    for ties in gather(graph).values():
        found = (
            _missing_link(
                ties,
                "geen-vrijwilligerscentrale",
                NodeKind.VRIJWILLIGERSCENTRALE,
                "een vrijwilligerscentrale",
                "facilitering_vrijwilligerscentrale",
            ),
            _missing_link(
                ties,
                "geen-ondernemersnetwerk",
                NodeKind.ONDERNEMERSNETWERK,
                "een ondernemersnetwerk",
                "samenwerking_ondernemers",
            ),
            _ambition_without_capacity(ties, names),
        )
        gaps += [gap for gap in found if gap is not None]
    for node, attrs in graph.nodes(data=True):
        if graph.degree(node) == 0:
            gaps.append(
                Gap(
                    "geisoleerd",
                    node,
                    attrs.get("naam", node),
                    attrs.get("kind", ""),
                    attrs.get("cbs_code", ""),
                    "heeft geen enkele relatie in de graaf",
                    GRAPH,
                    attrs.get("bron_type", ""),
                    is_example(attrs),
                )
            )
    order = {soort: i for i, soort in enumerate(GAP_LABELS)}
    return sorted(gaps, key=lambda g: (order[g.soort], g.grondslag == NO_DATA, g.naam, g.id))


def gaps_frame(gaps: list[Gap]) -> pd.DataFrame:
    """The gaps as a table with a Dutch heading per kind (column ``gat``)."""
    columns = ["gat", *Gap.__dataclass_fields__]
    return pd.DataFrame([{"gat": g.label, **asdict(g)} for g in gaps], columns=columns)
