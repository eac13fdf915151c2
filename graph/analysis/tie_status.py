"""Ties checked from both sides: is a tie one municipality reports about another also said by
the other (``bevestigd``), denied by it (``betwist``), or only said by one side (``eenzijdig``)?

The state is the project's reading of two survey answers, not an answer itself, so it is set as
the relationship property ``status`` (with ``status_bron_type`` ``afgeleid`` and a Dutch
``status_reden``) while the tie keeps its own provenance. The rule, for a tie A -[R]-> B between
two municipalities, R one of :data:`~graph.model.CHECKED_TIES`, in survey wave W (the wave in
its key, ``<TYPE>|enquete:<key>``; ties outside a wave only meet ties outside a wave):

1. B answered about it in W (REAGEERT_OP B -> A with ``band`` R): ``ja`` -> bevestigd,
   ``nee`` -> betwist. An explicit answer about this very tie wins over rule 2.
2. Else B reports the same kind of tie towards A in W (B -[R]-> A): bevestigd.
3. Else: eenzijdig.

Example data (``voorbeeld``, ``synthetisch``) never confirms or denies anything, and an example
tie is never confirmed: it stays ``eenzijdig``.

>>> from graph.model import new_graph
>>> g = new_graph()
>>> for code in ("A", "B", "C"):
...     g.add_node(f"gemeente:{code}", kind="gemeente", naam=code)
>>> def tie(u, v, rel="HAAKT_AAN_BIJ", bron_type="enquete"):
...     _ = g.add_edge(f"gemeente:{u}", f"gemeente:{v}", key=f"{rel}|enquete:2027",
...                    type=rel, bron_type=bron_type)
>>> tie("A", "B"); tie("B", "A"); tie("A", "C"); tie("C", "A", bron_type="voorbeeld")
>>> mark_tie_status(g)
4
>>> g.edges["gemeente:A", "gemeente:B", "HAAKT_AAN_BIJ|enquete:2027"]["status"]
'bevestigd'
>>> g.edges["gemeente:A", "gemeente:C", "HAAKT_AAN_BIJ|enquete:2027"]["status"]
'eenzijdig'
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import networkx as nx

from graph.assemble import raw_adjacency
from graph.model import CHECKED_TIES, BronType, NodeKind, RelType, TieStatus, is_example

#: Relationship properties this module sets.
STATUS = "status"
STATUS_REASON = "status_reden"
STATUS_SOURCE = "status_bron_type"
#: The answers a municipality gives about another's tie.
YES, NO = "ja", "nee"
_CHECKED = frozenset(str(r) for r in CHECKED_TIES)
_ANSWER = frozenset({str(RelType.REAGEERT_OP)})


def wave_of(key: Any) -> str | None:
    """The survey wave (``enquete:<key>``) a relationship's key names, if any.

    >>> wave_of("HAAKT_AAN_BIJ|enquete:2027"), wave_of("LEERT_VAN|enquete:2027|ronde"), wave_of(0)
    ('enquete:2027', 'enquete:2027', None)
    """
    parts = key.split("|") if isinstance(key, str) else []
    if len(parts) > 1 and parts[1].startswith(f"{NodeKind.ENQUETE.value}:"):
        return parts[1]
    return None


def is_checked_tie(graph: nx.MultiDiGraph, u: str, v: str, attrs: Mapping[str, Any]) -> bool:
    """A tie of :data:`CHECKED_TIES` between two different municipalities."""
    if attrs.get("type") not in _CHECKED or u == v:
        return False
    return all(graph.nodes[n].get("kind") == NodeKind.GEMEENTE for n in (u, v))


Edge = tuple[str, str, Any, dict[str, Any]]


def _relationships(graph: nx.MultiDiGraph, types: frozenset[str]) -> Iterator[Edge]:
    """(u, v, key, attrs) of every relationship of ``types``, read from networkx's own dicts
    (a national graph has 100,000 relationships and this runs on every build)."""
    _, succ, _ = raw_adjacency(graph)
    for u, adjacent in succ.items():
        for v, keyed in adjacent.items():
            for key, attrs in keyed.items():
                if attrs.get("type") in types:
                    yield u, v, key, attrs


def _answer_of(attrs: Mapping[str, Any]) -> tuple[str, str] | None:
    """(answer, bron) of a real REAGEERT_OP that says ja or nee, else None."""
    answer = str(attrs.get("antwoord", ""))
    if is_example(attrs) or answer not in (YES, NO):
        return None
    return answer, str(attrs.get("bron", ""))


def _name(graph: nx.MultiDiGraph, node: str) -> str:
    return str(graph.nodes[node].get("naam", node))


def mark_tie_status(graph: nx.MultiDiGraph) -> int:
    """Set ``status``, ``status_reden`` and ``status_bron_type`` on every checked tie of
    ``graph`` (in place, by the rule above); returns how many ties were marked."""
    answers: dict[tuple[str, str, str, str | None], tuple[str, str]] = {}
    real: set[tuple[str, str, str, str | None]] = set()
    ties = []
    for u, v, key, attrs in _relationships(graph, _CHECKED | _ANSWER):
        if attrs["type"] in _ANSWER:
            if (said := _answer_of(attrs)) is not None:
                answers[(u, v, str(attrs.get("band", "")), wave_of(key))] = said
        elif is_checked_tie(graph, u, v, attrs):
            ties.append((u, v, key, attrs))
            if not is_example(attrs):
                real.add((u, v, str(attrs["type"]), wave_of(key)))
    for u, v, key, attrs in ties:
        rel, wave = str(attrs["type"]), wave_of(key)
        other = _name(graph, v)
        answer = None if is_example(attrs) else answers.get((v, u, rel, wave))
        if answer is not None:
            status = TieStatus.BEVESTIGD if answer[0] == YES else TieStatus.BETWIST
            verb = "bevestigt" if answer[0] == YES else "ontkent"
            reason = f"{other} {verb} deze band ({answer[1]})"
        elif not is_example(attrs) and (v, u, rel, wave) in real:
            status, reason = TieStatus.BEVESTIGD, f"{other} noemt dezelfde band"
        else:
            status = TieStatus.EENZIJDIG
            reason = (
                "voorbeelddata bevestigt niets"
                if is_example(attrs)
                else f"{other} noemt deze band niet"
            )
        attrs[STATUS] = str(status)
        attrs[STATUS_REASON] = reason
        attrs[STATUS_SOURCE] = str(BronType.AFGELEID)
    return len(ties)


#: Columns of a listed tie (``netwerkkaart banden``), in order.
TIE_COLUMNS = ("van", "naar", "relatie", "status", "ronde", "bron", "bron_type", "reden")


def tie_rows(
    graph: nx.MultiDiGraph, status: TieStatus | str | None = None, wave: str | None = None
) -> list[dict[str, Any]]:
    """Every checked tie with its state (one dict per tie, :data:`TIE_COLUMNS`), optionally only
    those of one ``status`` and one ``wave`` (node id ``enquete:<key>``), by reporter's name."""
    rows = []
    for u, v, key, attrs in _relationships(graph, _CHECKED):
        if not is_checked_tie(graph, u, v, attrs) or STATUS not in attrs:
            continue
        if status is not None and attrs[STATUS] != str(status):
            continue
        tie_wave = wave_of(key)
        if wave is not None and tie_wave != wave:
            continue
        rows.append(
            {
                "van": _name(graph, u),
                "naar": _name(graph, v),
                "relatie": str(attrs["type"]),
                "status": str(attrs[STATUS]),
                "ronde": tie_wave.partition(":")[2] if tie_wave else None,
                "bron": str(attrs.get("bron", "")),
                "bron_type": str(attrs.get("bron_type", "")),
                "reden": str(attrs.get(STATUS_REASON, "")),
            }
        )
    return sorted(rows, key=lambda r: (r["van"].casefold(), r["naar"].casefold(), r["relatie"]))
