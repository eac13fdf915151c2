"""What loaders know while reading: the names and keys found in the files read so far.

Files are read in dependency order (municipalities before borders, vocabulary before answers),
and each registers what it defines here so later files can refer to it by name.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from graph.model import KIND_LABELS, NodeKind, NodeRecord, node_id, slug
from loaders.names import NameIndex, Resolution
from loaders.problems import Problem


@dataclass
class KindIndex:
    """Keys and display names of one node kind, with synonyms (grows as files are read)."""

    index: NameIndex = field(default_factory=NameIndex)

    def add(self, key: str, name: str, synonyms: tuple[str, ...] = ()) -> None:
        self.index.add(key, name, synonyms)

    def resolve(self, text: str) -> Resolution:
        return self.index.resolve(text)


@dataclass
class Lexicon:
    """Per node kind, what can be referred to; plus the ids of every node defined so far."""

    kinds: dict[NodeKind, KindIndex] = field(default_factory=dict)
    nodes: dict[str, NodeRecord] = field(default_factory=dict)

    def of(self, kind: NodeKind) -> KindIndex:
        index = self.kinds.get(kind)
        if index is None:
            index = self.kinds[kind] = KindIndex()
        return index

    def register(self, record: NodeRecord, synonyms: tuple[str, ...] = ()) -> None:
        self.nodes[record.id] = record
        key = record.id.partition(":")[2]
        self.of(record.kind).add(key, record.naam, synonyms)

    def resolve(self, kind: NodeKind, text: str) -> tuple[str | None, Resolution]:
        """The node id ``text`` refers to (or None) and the resolution with suggestions."""
        resolution = self.of(kind).resolve(text)
        return (node_id(kind, resolution.key) if resolution.key else None), resolution

    def lookup(
        self, kind: NodeKind | None, text: str | None, file: str, row: int, column: str
    ) -> tuple[str | None, list[Problem]]:
        """Resolve ``text`` to a node id, or return the problem to report for that cell.

        Without a kind or a text (a bad or empty cell, reported already) there is nothing to
        look up and nothing more to report.
        """
        if kind is None or not text:
            return None, []
        identifier, resolution = self.resolve(kind, text)
        if identifier:
            return identifier, []
        what = KIND_LABELS[kind][0].lower()
        message = resolution.unknown_message(what, text)
        return None, [Problem(file, message, row=row, column=column, value=text, code="onbekend")]

    def organisation_id(self, kind: NodeKind, name: str) -> str:
        """The id an organisation of this name has or would get (shared across files)."""
        known, _ = self.resolve(kind, name)
        return known or node_id(kind, slug(name))

    def name_of(self, identifier: str) -> str:
        """A registered node's name; the id itself for a node no file defined."""
        record = self.nodes.get(identifier)
        return record.naam if record else identifier
