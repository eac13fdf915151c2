"""What every page needs, loaded once: the store (one per workspace), the graph and its measures.

The store is a cached resource (a Neo4j driver is built once, not per page view). The graph and
its measures are cached data keyed on the snapshot's content version (file modification time
and size for the embedded store; a counter bumped after every write from the app otherwise), so
a filter change never reloads the graph or recomputes measures.

When Neo4j is configured but cannot be reached, the app says so and keeps working on the embedded
snapshot (:attr:`StoreChoice.warning`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import networkx as nx
import streamlit as st

from graph.model import NodeKind
from graph.municipal import municipality
from graph.selection import MEASURE_LABELS, Selection, select
from graph.store import GraphStore, StoreError
from graph.store_memory import MemoryStore
from netwerkkaart import neo4j_server
from netwerkkaart.errors import UserError
from netwerkkaart.settings import setting, workspace
from netwerkkaart.stores import open_store

if TYPE_CHECKING:
    from graph.metrics import NetworkMeasures

_GENERATION_KEY = "_data_generation"
#: Measure keys of graph.selection and their column in graph.metrics' table.
METRIC_COLUMNS: dict[str, str] = {"tussenheid": "tussenheid", "pagerank": "pagerank"}


#: Exceptions whose message is meant for the user (Dutch, no traceback).
USER_ERRORS: tuple[type[BaseException], ...] = (
    UserError,
    StoreError,
    neo4j_server.Neo4jServerError,
)


@dataclass(frozen=True)
class StoreChoice:
    """The store in use, the workspace it belongs to, and why it is not the configured one."""

    store: GraphStore
    workspace: Path
    configured: str
    warning: str | None = None

    @property
    def is_neo4j(self) -> bool:
        return self.store.name == "neo4j"


@st.cache_resource(show_spinner="Verbinden met de opslag…")
def _connect(home: str, kind: str) -> tuple[GraphStore | None, str | None]:
    """Open (and touch) the configured store once; a failure is remembered, not retried per view."""
    try:
        store = open_store(Path(home), kind)
        store.exists()
    except USER_ERRORS as exc:
        return None, str(exc)
    return store, None


def store_choice() -> StoreChoice:
    """The configured store, or the embedded snapshot with a warning when it cannot be used."""
    home = workspace()
    kind = setting("NETWERKKAART_STORE").strip().lower() or "memory"
    if kind == "memory":
        return StoreChoice(MemoryStore(home), home, kind)
    store, problem = _connect(str(home), kind)
    if store is None:
        return StoreChoice(
            MemoryStore(home),
            home,
            kind,
            f"De ingestelde opslag ({kind}) is niet bereikbaar: {problem} "
            "De app werkt verder met de ingebouwde snapshot. Zie Instellingen om opnieuw te "
            "verbinden.",
        )
    return StoreChoice(store, home, kind)


def query_store(choice: StoreChoice) -> GraphStore | None:
    """The Neo4j store read-only Cypher runs on, when one is connected.

    That is the store in use when it is Neo4j; with the embedded store, a Neo4j configured by
    NEO4J_URI or the workspace's running local server (it may hold a pushed copy of the graph).
    """
    if choice.is_neo4j:
        return choice.store
    if choice.configured != "memory":
        return None  # Neo4j was asked for and is unreachable: the warning says so
    if not (setting("NEO4J_URI").strip() or neo4j_server.is_running(choice.workspace)):
        return None
    store, _ = _connect(str(choice.workspace), "neo4j")
    return store


def reconnect() -> None:
    """Forget the cached connection (and its failure) so the next view tries again."""
    _connect.clear()
    data_changed()


def data_version(store: GraphStore) -> str:
    """A key that changes whenever the stored graph may have changed."""
    path = getattr(store, "path", None)
    generation = st.session_state.get(_GENERATION_KEY, 0)
    if isinstance(path, Path):
        try:
            stat = path.stat()
        except FileNotFoundError:
            return f"{path}:leeg:{generation}"
        return f"{path}:{stat.st_mtime_ns}:{stat.st_size}"
    return f"{store.describe()}#{generation}"


def data_changed() -> None:
    """Call after a write from the app, so cached graphs and measures are not reused."""
    st.session_state[_GENERATION_KEY] = st.session_state.get(_GENERATION_KEY, 0) + 1


@st.cache_resource(show_spinner="Graaf laden…", max_entries=3)
def _graph(_store: GraphStore, version: str) -> nx.MultiDiGraph:
    """Shared read-only by every session (pages never change a graph; analysis is pure), so a
    rerun does not un-pickle a copy of a national-size graph."""
    return _store.load()


@st.cache_resource(show_spinner=False, max_entries=16)
def selected(_graph: nx.MultiDiGraph, version: str, selection: Selection) -> nx.MultiDiGraph:
    """graph.selection.select, once per graph version and view (shared read-only)."""
    return select(_graph, selection)


def load_graph(choice: StoreChoice) -> tuple[nx.MultiDiGraph, str]:
    """The stored graph and its version key; raises StoreError with a Dutch message."""
    version = data_version(choice.store)
    return _graph(choice.store, version), version


@st.cache_data(show_spinner="Netwerkmaten berekenen…", max_entries=3)
def network_measures_of(_graph: nx.MultiDiGraph, version: str) -> NetworkMeasures:
    """graph.metrics.network_measures of the stored graph, once per graph version."""
    # Imported here: graph.metrics needs scipy, which the default view (degree) does not.
    from graph.metrics import network_measures

    return network_measures(_graph)


@dataclass(frozen=True)
class MeasureValues:
    """A measure's value per node (nodes without one are left out) and its Dutch label."""

    values: dict[str, float]
    label: str


def measure_values(graph: nx.MultiDiGraph, version: str, key: str) -> MeasureValues | None:
    """The values of measure ``key`` (see graph.selection.MEASURES); None for "soort".

    Betweenness and PageRank come from graph.metrics (the CLI's ``maten``); degree is every
    relationship in and out, graph.metrics' ``graad``, read straight from the graph; population
    is each municipality's most recent count (graph.municipal).
    """
    if key == "graad":
        return MeasureValues({n: float(d) for n, d in graph.degree()}, MEASURE_LABELS[key])
    if key == "inwoners":
        people = {
            n: municipality(n, a).inwoners
            for n, a in graph.nodes(data=True)
            if a.get("kind") == NodeKind.GEMEENTE
        }
        values = {n: float(v) for n, v in people.items() if v is not None}
        return MeasureValues(values, MEASURE_LABELS[key])
    if key not in METRIC_COLUMNS:
        return None
    measures = network_measures_of(graph, version)
    column = measures.table.set_index("id")[METRIC_COLUMNS[key]].dropna()
    label = MEASURE_LABELS[key]
    if key == "tussenheid" and measures.approximate:
        label += f" (geschat uit {measures.sample_size} steekproefnodes)"
    return MeasureValues({str(n): float(v) for n, v in column.items()}, label)
