"""What every export says about itself: title, date, what was selected and where the data came from.

One value feeds the title block of maps, the description of GraphML/GEXF files, the read-me of
the CSV zip and the first sheet of the workbook, so all formats tell the same story. Example
data (``bron_type`` voorbeeld or synthetisch) is always named as such.

>>> from graph.model import new_graph
>>> g = new_graph()
>>> g.add_node("gemeente:A", kind="gemeente", naam="A", bron="CBS", bron_type="referentie")
>>> g.add_node("thema:t", kind="thema", naam="T", bron="proef.csv", bron_type="voorbeeld")
>>> m = export_meta(g, datum=date(2025, 3, 7))
>>> m.datum_tekst, m.bronnen, m.has_example_data
('7 maart 2025', ('CBS', 'proef.csv'), True)
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

import networkx as nx

from graph.dutch import dutch_date
from graph.model import (
    EXAMPLE_BRON_TYPES,
    KIND_LABELS,
    REL_LABELS,
    BronType,
    NodeKind,
    RelType,
    bron_label,
)
from graph.selection import Selection

DEFAULT_TITLE = "Netwerkkaart MBO"
PRODUCT = "Netwerkkaart MBO"


@dataclass(frozen=True)
class ExportMeta:
    """Title, date, selection and provenance of one export."""

    titel: str
    datum: date
    selectie: str
    bronnen: tuple[str, ...]
    bron_types: dict[str, int] = field(default_factory=dict)

    @property
    def datum_tekst(self) -> str:
        return dutch_date(self.datum)

    @property
    def has_example_data(self) -> bool:
        """Whether any node or relationship in the export is example or synthetic data."""
        return any(self.bron_types.get(str(b)) for b in EXAMPLE_BRON_TYPES)

    @property
    def example_note(self) -> str | None:
        """The warning every export carries when it shows example data; None when it does not."""
        kinds = [str(b) for b in sorted(EXAMPLE_BRON_TYPES) if self.bron_types.get(str(b))]
        if not kinds:
            return None
        count = sum(self.bron_types[k] for k in kinds)
        total = sum(self.bron_types.values())
        return (
            f"Let op: {count} van de {total} gegevens zijn voorbeelddata (bron_type "
            f"{' en '.join(kinds)}): illustratief, geen enquêteresultaat."
        )

    def bronnen_tekst(self, limit: int | None = None) -> str:
        """The sources as one line; with ``limit`` the rest is counted, not listed."""
        shown = self.bronnen if limit is None else self.bronnen[:limit]
        text = "; ".join(shown) if shown else "geen"
        rest = len(self.bronnen) - len(shown)
        return text + (f" (en {rest} andere)" if rest else "")

    def bron_types_tekst(self) -> str:
        """``enquête: 39, referentiegegevens: 34, ...``: how much rests on which kind of source."""
        parts = []
        for value, count in self.bron_types.items():
            parts.append(f"{bron_label(value)}: {count}")
        return ", ".join(parts)

    def bron_types_kort(self) -> str:
        """``voorbeeld 173, referentie 172, enquete 73`` for the footer of a map."""
        return ", ".join(f"{value} {count}" for value, count in self.bron_types.items())

    def lines(self) -> list[str]:
        """The full description as plain lines (read-me files, XML descriptions, sheet headers)."""
        lines = [
            self.titel,
            f"Selectie: {self.selectie}",
            f"Datum: {self.datum_tekst}",
            "Bronnen:",
            *(f"  - {bron}" for bron in self.bronnen),
            f"Soorten bron: {self.bron_types_tekst()}",
        ]
        if self.example_note:
            lines.append(self.example_note)
        lines.append(f"Gemaakt met {PRODUCT}.")
        return lines


def _named(values: frozenset[str], labels: dict[str, str]) -> str:
    return ", ".join(sorted(labels.get(v, v) for v in values))


def describe_selection(graph: nx.MultiDiGraph, selection: Selection) -> str:
    """The selection in words, e.g. ``Regio Twente; rond Borne (2 stappen)``.

    ``graph`` is the whole graph (names of regions and the focus node come from it).

    >>> from graph.model import new_graph
    >>> g = new_graph(); g.add_node("regio:t", naam="Regio Twente")
    >>> describe_selection(g, Selection(regions=frozenset({"regio:t"}), rel_types=frozenset({"LID_VAN"})))
    'Regio Twente en hun partners; relaties: lid van'
    >>> describe_selection(g, Selection())
    'het hele netwerk'
    """

    def name(node: str) -> str:
        return str(graph.nodes[node].get("naam", node)) if node in graph else node

    parts = ["Gemeentekaart"] if selection.view == "gemeenten" else []
    if selection.vocabulary and selection.view != "gemeenten":
        parts.append("met thema's, activiteiten en andere begrippen")
    if selection.regions:
        parts.append(" + ".join(sorted(name(r) for r in selection.regions)) + " en hun partners")
    if selection.kinds:
        kinds = {k.value: KIND_LABELS[k][1].lower() for k in NodeKind}
        parts.append("soorten: " + _named(selection.kinds, kinds))
    if selection.rel_types:
        parts.append(
            "relaties: " + _named(selection.rel_types, {str(r): REL_LABELS[r] for r in RelType})
        )
    if selection.bron_types:
        parts.append("bron: " + _named(selection.bron_types, {str(b): b.value for b in BronType}))
    if selection.survey_status:
        parts.append("enquêtestatus: " + ", ".join(sorted(selection.survey_status)))
    if selection.focus:
        steps = "stap" if selection.hops == 1 else "stappen"
        parts.append(f"rond {name(selection.focus)} ({selection.hops} {steps})")
    return "; ".join(parts) or "het hele netwerk"


def export_meta(
    graph: nx.MultiDiGraph,
    *,
    titel: str | None = None,
    datum: date | None = None,
    selectie: str = "het hele netwerk",
) -> ExportMeta:
    """Collect the provenance of everything in ``graph`` (nodes and relationships alike).

    Sources are listed most-used first (ties by name), so the short source line on a map names
    the ones that matter.
    """
    sources: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    for _, attrs in graph.nodes(data=True):
        sources[str(attrs.get("bron", ""))] += 1
        kinds[str(attrs.get("bron_type", "?"))] += 1
    for _, _, attrs in graph.edges(data=True):
        sources[str(attrs.get("bron", ""))] += 1
        kinds[str(attrs.get("bron_type", "?"))] += 1
    sources.pop("", None)
    ordered = tuple(name for name, _ in sorted(sources.items(), key=lambda kv: (-kv[1], kv[0])))
    return ExportMeta(
        titel=(titel or DEFAULT_TITLE).strip() or DEFAULT_TITLE,
        datum=datum or date.today(),
        selectie=selectie,
        bronnen=ordered,
        bron_types=dict(sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))),
    )
