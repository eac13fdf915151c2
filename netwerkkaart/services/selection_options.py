"""The Netwerk page's filters as command-line options: text in, a :class:`Selection` out.

Every value may be given by its code or its Dutch name, case and accents ignored; several values
per option by repeating it or with commas (``--soort gemeente,ondernemersnetwerk``). A region
may be named without "Regio" (``--regio Twente``). Anything unknown is a Dutch
:class:`UserError` that names the option, the value and the closest known values.

>>> from graph.model import new_graph
>>> g = new_graph(); g.add_node("regio:regio-twente", kind="regio", naam="Regio Twente")
>>> selection_from_options(g, regio=["Twente"], soort=["Gemeenten"]).regions
frozenset({'regio:regio-twente'})
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import networkx as nx

from graph.model import (
    KIND_LABELS,
    REL_LABELS,
    BronType,
    NodeKind,
    RelType,
    SurveyStatus,
    key_of,
)
from graph.selection import MAX_HOPS, Selection
from loaders.names import NameIndex
from netwerkkaart.services.errors import UserError


def _texts(values: Iterable[str]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def _resolve(index: NameIndex, option: str, text: str, known: Sequence[str]) -> str:
    resolution = index.resolve(text)
    if resolution.key is not None:
        return resolution.key
    message = resolution.unknown_message(f"{option}:", text)
    if not resolution.suggestions and known:
        shown = ", ".join(known[:16]) + (", ..." if len(known) > 16 else "")
        message += f"; kies uit {shown}"
    raise UserError(message if message.endswith("?") else message + ".")


def _closed(
    option: str, texts: Iterable[str], entries: Sequence[tuple[str, str]]
) -> frozenset[str]:
    """Values of a closed list (kinds, types, sources, statuses) by code or Dutch name."""
    index = NameIndex(entries)
    known = list(dict.fromkeys(k for k, _ in entries))
    return frozenset(_resolve(index, option, t, known) for t in _texts(texts))


def _node_index(graph: nx.MultiDiGraph, kind: NodeKind | None) -> NameIndex:
    """Nodes by name, id or key (municipalities first, so their names win on a clash)."""
    nodes = [
        (n, a) for n, a in graph.nodes(data=True) if kind is None or a.get("kind") == kind.value
    ]
    nodes.sort(key=lambda item: item[1].get("kind") != NodeKind.GEMEENTE.value)
    aliases = [(key_of(n), n) for n, _ in nodes]
    if kind is NodeKind.REGIO:
        aliases += [
            (str(a["naam"])[6:], n) for n, a in nodes if str(a.get("naam", "")).startswith("Regio ")
        ]
    return NameIndex(((n, str(a.get("naam", n))) for n, a in nodes), aliases)


def _nodes(
    graph: nx.MultiDiGraph, option: str, texts: Iterable[str], kind: NodeKind
) -> frozenset[str]:
    index = _node_index(graph, kind)
    known = sorted(
        str(a.get("naam", n)) for n, a in graph.nodes(data=True) if a.get("kind") == kind
    )
    return frozenset(_resolve(index, option, t, known) for t in _texts(texts))


def selection_from_options(
    graph: nx.MultiDiGraph,
    *,
    soort: Sequence[str] = (),
    regio: Sequence[str] = (),
    relatie: Sequence[str] = (),
    bron_type: Sequence[str] = (),
    status: Sequence[str] = (),
    focus: str | None = None,
    hops: int = 1,
    begrippen: bool = False,
    weergave: str = "netwerk",
) -> Selection:
    """The selection the options describe, resolved against ``graph``; ``begrippen`` shows the
    vocabulary (themes, activities, ...), ``weergave`` is ``netwerk`` or ``gemeenten``."""
    if not 1 <= hops <= MAX_HOPS:
        raise UserError(f"--hops: {hops} kan niet; kies 1 tot en met {MAX_HOPS} stappen.")
    focus_id = None
    if focus is not None and focus.strip():
        index = _node_index(graph, None)
        focus_id = _resolve(index, "--focus", focus, [])
    return Selection(
        kinds=_closed(
            "--soort",
            soort,
            [(k.value, KIND_LABELS[k][0]) for k in NodeKind]
            + [(k.value, KIND_LABELS[k][1]) for k in NodeKind],
        ),
        regions=_nodes(graph, "--regio", regio, NodeKind.REGIO),
        rel_types=_closed("--relatie", relatie, [(r.value, REL_LABELS[r]) for r in RelType]),
        bron_types=_closed("--bron-type", bron_type, [(b.value, b.value) for b in BronType]),
        survey_status=_closed(
            "--status", status, [(s.value, s.value.replace("_", " ")) for s in SurveyStatus]
        ),
        focus=focus_id,
        hops=hops,
        vocabulary=begrippen,
        view=weergave,
    )
