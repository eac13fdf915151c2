"""What every page needs, loaded once: the store (one per workspace), the graph and its measures.

The store is a cached resource (a Neo4j driver is built once, not per page view). The graph and
its measures are cached, shared by every session, and keyed on the store's version
(:meth:`graph.stores.base.GraphStore.version`: the snapshot's save token, Neo4j's current
generation), asked once per rerun. So a filter change never reloads the graph or recomputes
measures, and a save from anywhere (this session, another session, the CLI, another app process)
is seen by every session on its next rerun.

When Neo4j is configured but cannot be reached, the app says so and keeps working on the embedded
snapshot (:attr:`StoreChoice.warning`).
"""

from __future__ import annotations

import gc
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, cast

import networkx as nx
import streamlit as st

from graph.analysis.basis import analysis_basis
from graph.analysis.node_measures import MeasureValues, node_measure
from graph.analysis.stats import GraphStats, graph_stats
from graph.analysis.survey_findings import SurveyFindings, survey_findings
from graph.assemble import edge_count
from graph.model import has_example_data
from graph.selection import Selection, select
from graph.stores.base import GraphStore, StoreError
from graph.stores.memory import MemoryStore
from netwerkkaart.services import neo4j_local
from netwerkkaart.services.errors import UserError
from netwerkkaart.services.settings import setting, workspace
from netwerkkaart.services.stores import open_store

if TYPE_CHECKING:
    from graph.stores.neo4j import Neo4jStore

#: Exceptions whose message is meant for the user (Dutch, no traceback).
USER_ERRORS: tuple[type[Exception], ...] = (UserError, StoreError)


def as_neo4j(store: GraphStore | None) -> Neo4jStore | None:
    """``store`` when it is a Neo4j store. Asked on every page, so it does not import the
    Neo4j driver (0.1 s): while its module is not loaded, no store can be one."""
    module = sys.modules.get("graph.stores.neo4j")
    if module is None or not isinstance(store, module.Neo4jStore):
        return None
    return cast("Neo4jStore", store)


@dataclass(frozen=True)
class StoreChoice:
    """The store in use, the workspace it belongs to, and why it is not the configured one."""

    store: GraphStore
    workspace: Path
    configured: str
    warning: str | None = None

    @property
    def neo4j(self) -> Neo4jStore | None:
        """The store in use when it is Neo4j, with what only Neo4j offers (server, counts)."""
        return as_neo4j(self.store)

    @property
    def is_neo4j(self) -> bool:
        return self.neo4j is not None


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


def query_store(choice: StoreChoice) -> Neo4jStore | None:
    """The Neo4j store read-only Cypher runs on, when one is connected.

    That is the store in use when it is Neo4j; with the embedded store, a Neo4j configured by
    NEO4J_URI or the workspace's running local server (it may hold a pushed copy of the graph).
    """
    if choice.neo4j is not None:
        return choice.neo4j
    if choice.configured != "memory":
        return None  # Neo4j was asked for and is unreachable: the warning says so
    if not (setting("NEO4J_URI").strip() or neo4j_local.is_running(choice.workspace)):
        return None
    store, _ = _connect(str(choice.workspace), "neo4j")
    return as_neo4j(store)


def reconnect() -> None:
    """Forget the cached connection (and its failure) so the next view tries again."""
    _connect.clear()


def data_version(store: GraphStore) -> str:
    """The key of every cache below: which store, and which save of it (one cheap call)."""
    return f"{store.describe()}#{store.version()}"


@st.cache_resource(show_spinner="Graaf laden…", max_entries=3)
def _graph(_store: GraphStore, version: str) -> nx.MultiDiGraph:
    """Shared read-only by every session (pages never change a graph; analysis is pure), so a
    rerun does not un-pickle a copy of a national-size graph.

    The loaded graph is then hidden from Python's cyclic garbage collector (``gc.freeze``): it
    lives while its version is current, and every full collection, on any rerun of any page,
    would otherwise walk its containers again (0.2 s at national size). Loading the next
    version first thaws everything, so a replaced graph is freed as usual."""
    gc.unfreeze()
    graph = _store.load()
    gc.freeze()
    return graph


def selected(graph: nx.MultiDiGraph, version: str, selection: Selection) -> nx.MultiDiGraph:
    """graph.selection.select, once per graph version and filters (shared read-only): changing
    only the measure, colour or layout reuses the selection (1 s at national size)."""
    return _selected(graph, version, selection.filters_only())


@st.cache_resource(show_spinner=False, max_entries=16)
def _selected(_graph: nx.MultiDiGraph, version: str, filters: Selection) -> nx.MultiDiGraph:
    return select(_graph, filters)


def selection_has_example_data(graph: nx.MultiDiGraph, version: str, selection: Selection) -> bool:
    """graph.model.has_example_data of the selection, once per filters: without example data it
    reads every node and relationship of a selection that can be the whole graph."""
    return _has_example_data(graph, version, selection.filters_only())


@st.cache_data(show_spinner=False, max_entries=16)
def _has_example_data(_graph: nx.MultiDiGraph, version: str, filters: Selection) -> bool:
    return has_example_data(selected(_graph, version, filters))


def selection_size(graph: nx.MultiDiGraph, version: str, selection: Selection) -> tuple[int, int]:
    """Nodes and relationships of the selection, once per filters (not on every rerun)."""
    return _size(graph, version, selection.filters_only())


@st.cache_data(show_spinner=False, max_entries=16)
def _size(_graph: nx.MultiDiGraph, version: str, filters: Selection) -> tuple[int, int]:
    chosen = selected(_graph, version, filters)
    return chosen.number_of_nodes(), edge_count(chosen)


def load_graph(choice: StoreChoice) -> tuple[nx.MultiDiGraph, str]:
    """The stored graph (empty when nothing is stored) and its version key; raises StoreError
    with a Dutch message."""
    version = data_version(choice.store)
    return _graph(choice.store, version), version


@st.cache_data(show_spinner=False, max_entries=3)
def stats_of(_graph: nx.MultiDiGraph, version: str) -> GraphStats:
    """graph.analysis.stats.graph_stats once per graph version (0.15 s at national size)."""
    return graph_stats(_graph)


@st.cache_data(show_spinner=False, max_entries=6)
def findings_of(_graph: nx.MultiDiGraph, version: str, wave: str) -> SurveyFindings:
    """graph.analysis.survey_findings.survey_findings of one wave, once per graph version."""
    return survey_findings(_graph, wave)


@st.cache_resource(show_spinner=False, max_entries=6)
def basis_of(_graph: nx.MultiDiGraph, version: str, met_voorbeelden: bool) -> nx.MultiDiGraph:
    """graph.analysis.basis.analysis_basis once per graph version and switch (a view, shared
    read-only): finding the example rows reads every relationship (0.05 s at national size),
    which each newly chosen measure would pay again."""
    return analysis_basis(_graph, met_voorbeelden)


@st.cache_resource(show_spinner="Netwerkmaat berekenen…", max_entries=8)
def measure_values(
    _graph: nx.MultiDiGraph, version: str, key: str, met_voorbeelden: bool = False
) -> MeasureValues | None:
    """graph.analysis.node_measures.node_measure, once per graph version and measure (shared read-only):
    the map and its table both need it, and degree alone walks the whole graph. Computed
    without example rows unless ``met_voorbeelden`` (graph.analysis.basis); the label says so."""
    basis = basis_of(_graph, version, met_voorbeelden)
    measure = node_measure(basis, key)
    if measure is None or basis is _graph or key == "inwoners":
        return measure
    return replace(measure, label=f"{measure.label} (zonder voorbeelddata)")
