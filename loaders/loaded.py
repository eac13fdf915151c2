"""What every loader gives back for one file: the records it made and the problems it found."""

from __future__ import annotations

from dataclasses import dataclass, field

from graph.model import EdgeRecord, NodeRecord
from loaders.problems import Problem


@dataclass(frozen=True)
class Loaded:
    """Nodes and relationships read from one file, with every problem of that file.

    >>> Loaded(problems=[Problem("a.csv", "leeg")]).nodes
    []
    """

    nodes: list[NodeRecord] = field(default_factory=list)
    edges: list[EdgeRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
