"""The store interface: where a built graph is kept between runs.

Two implementations: the embedded snapshot (`graph.stores.memory`, the default, no server) and
Neo4j (`graph.stores.neo4j`). Both save a whole graph at once and read back an identical one.
"""

from __future__ import annotations

from typing import Protocol

import networkx as nx


class StoreError(Exception):
    """A store could not do what was asked; ``str()`` is a Dutch message fit for the user."""


class GraphStore(Protocol):
    """What the CLI, the app and the tests need from a store."""

    name: str

    def save(self, graph: nx.MultiDiGraph) -> None:
        """Replace the stored graph by ``graph``, all or nothing."""

    def load(self) -> nx.MultiDiGraph:
        """The stored graph; an empty graph when nothing was stored yet."""

    def exists(self) -> bool:
        """Whether a graph has been stored."""

    def describe(self) -> str:
        """One line for status output: which store, where."""

    def version(self) -> str:
        """Which save the stored graph comes from; ``""`` when nothing was stored yet.

        It changes with every save, by this process or any other, and stays the same while
        nothing is saved; one cheap call (a file status, one small query), so a reader can ask
        on every use and reload only when it changed.
        """
