"""Survey waves, who took part, and the answers (one row per municipality per wave).

The answers file is also the survey *template* a municipality fills in: its columns, their
meaning and allowed values are declared once, on :class:`AntwoordRow`, and the template and its
documentation are generated from that declaration.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field

from graph.model import (
    PROVENANCE_KEYS,
    BronType,
    EdgeRecord,
    Niveau,
    NodeKind,
    NodeRecord,
    Provenance,
    RelType,
    SurveyStatus,
    node_id,
)
from loaders.lexicon import Lexicon
from loaders.loaded import Loaded
from loaders.problems import Problem
from loaders.provenance import WithProvenance
from loaders.rows import (
    Boolean,
    FirstRows,
    Integer,
    Keyword,
    MultiText,
    Number,
    OptionalText,
    Year,
    check_rows,
    find_duplicates,
    first_occurrences,
    validate_rows,
)
from loaders.tables import Table


class EnqueteRow(WithProvenance):
    sleutel: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9-]*$")
    naam: str
    jaar: Year = Field(ge=1990, le=2100)
    periode: OptionalText = None
    afzender_cbs: OptionalText = None
    uitgenodigd: Integer | None = Field(None, ge=0)
    respondenten: Integer | None = Field(None, ge=0)
    respons_pct: Number | None = Field(None, ge=0, le=100)
    omschrijving: OptionalText = None


class DeelnameRow(WithProvenance):
    enquete: str
    cbs_code: OptionalText = None
    gemeente: str
    status: Annotated[SurveyStatus, Keyword]


Level = Annotated[Niveau | None, Keyword]


class AntwoordRow(WithProvenance):
    """One municipality's answers in one wave. Multi-answer cells are separated by ``;``."""

    enquete: str = Field(description="Sleutel van de enquêteronde, bijvoorbeeld 2010.")
    gemeente: str = Field(description="Naam of CBS-code van de gemeente (GM0163).")
    activiteiten: MultiText = Field(
        default_factory=list,
        description="MBO-activiteiten in de gemeente (vocabulaire activiteit).",
    )
    ondernemersnetwerken: MultiText = Field(
        default_factory=list, description="Namen van actieve ondernemersnetwerken of -verenigingen."
    )
    vrijwilligerscentrale: OptionalText = Field(
        None, description="Naam van de vrijwilligerscentrale."
    )
    facilitering_vrijwilligerscentrale: Level = Field(
        None,
        description="Hoe de gemeente de vrijwilligerscentrale faciliteert: geen, incidenteel of structureel.",
    )
    samenwerking_ondernemers: Level = Field(
        None,
        description="Samenwerking van de gemeente met ondernemers op MBO: geen, incidenteel of structureel.",
    )
    beleidsterreinen: MultiText = Field(
        default_factory=list,
        description="Waar MBO in de gemeentelijke organisatie belegd is (vocabulaire beleidsterrein).",
    )
    specifiek_mbo_beleid: Boolean | None = Field(
        None, description="Voert de gemeente specifiek MBO-beleid? ja of nee."
    )
    subsidie_niveau: Level = Field(
        None, description="Subsidie voor MBO: geen, incidenteel of structureel."
    )
    subsidie_aan: MultiText = Field(
        default_factory=list,
        description="Waar subsidie naartoe gaat: 'vrijwilligerscentrale' of een activiteit (bijv. nl-doet).",
    )
    ambitie: Boolean | None = Field(
        None, description="Ambitie om MBO onderdeel van beleid te maken? ja of nee."
    )
    struikelblokken: MultiText = Field(
        default_factory=list, description="Struikelblokken (vocabulaire struikelblok)."
    )
    interesse_kennisuitwisseling: Boolean | None = Field(
        None, description="Interesse in kennisuitwisseling? ja of nee."
    )
    themas: MultiText = Field(
        default_factory=list, description="Thema's voor kennisuitwisseling (vocabulaire thema)."
    )
    werkvormen: MultiText = Field(
        default_factory=list, description="Voorkeur voor werkvormen (vocabulaire werkvorm)."
    )
    haakt_aan_bij: MultiText = Field(
        default_factory=list, description="Gemeenten waarbij deze gemeente al aanhaakt."
    )
    toelichting: OptionalText = Field(None, description="Vrije toelichting.")
    bron_type: Annotated[BronType, Keyword] = Field(
        BronType.ENQUETE, description="enquete (echte antwoorden), voorbeeld of gebruiker."
    )


def load_enquetes(table: Table, lex: Lexicon) -> Loaded:
    rows, problems = validate_rows(table, EnqueteRow)
    duplicates = find_duplicates(
        table.name, ((n, "sleutel", r.sleutel) for n, r in rows), "enquête"
    )
    problems += duplicates
    nodes = []
    for _, row in first_occurrences(rows, duplicates):
        props = row.model_dump(exclude={*PROVENANCE_KEYS, "naam", "sleutel"})
        props["enquete_jaar"] = row.jaar
        record = NodeRecord(
            node_id(NodeKind.ENQUETE, row.sleutel), row.naam, row.provenance(table.name), props
        )
        lex.register(record)
        nodes.append(record)
    return Loaded(nodes=nodes, problems=problems)


def load_deelname(table: Table, lex: Lexicon) -> Loaded:
    rows, problems = check_rows(table, DeelnameRow, {"bron_type": "enquete"})
    edges = []
    first_rows = FirstRows(table.name)
    for checked in rows:
        number, row = checked.number, checked.row
        survey, p1 = lex.lookup(NodeKind.ENQUETE, row.enquete, table.name, number, "enquete")
        column = "cbs_code" if row.cbs_code else "gemeente"
        gemeente, p2 = lex.lookup(
            NodeKind.GEMEENTE, row.cbs_code or row.gemeente, table.name, number, column
        )
        problems += p1 + p2
        if not (survey and gemeente):
            continue
        repeat = first_rows.repeat(
            (gemeente, survey),
            number,
            "gemeente",
            row.gemeente,
            "gemeente staat al in rij {rij} voor deze enquête",
        )
        if repeat:
            problems.append(repeat)
        if repeat or not checked.complete:
            continue
        year = lex.nodes[survey].props.get("enquete_jaar")
        edges.append(
            EdgeRecord(
                gemeente,
                survey,
                RelType.NAM_DEEL_AAN,
                row.provenance(table.name, year),
                {"status": str(row.status)},
                key=f"NAM_DEEL_AAN|{survey}",
            )
        )
    return Loaded(edges=edges, problems=problems)


#: Answer columns whose values are keys of a vocabulary, and the relationship each value becomes.
VOCABULARY_COLUMNS: dict[str, tuple[NodeKind, RelType]] = {
    "activiteiten": (NodeKind.ACTIVITEIT, RelType.ORGANISEERT),
    "beleidsterreinen": (NodeKind.BELEIDSTERREIN, RelType.BELEGD_BIJ),
    "struikelblokken": (NodeKind.STRUIKELBLOK, RelType.ERVAART),
    "themas": (NodeKind.THEMA, RelType.HEEFT_INTERESSE_IN),
    "werkvormen": (NodeKind.WERKVORM, RelType.VOORKEUR_VOOR),
}


class _AnswerReader:
    """Turns one answers row into relationships, collecting problems per cell.

    With ``keep=False`` (a row with a bad cell, an unknown municipality or wave, or a repeat) it
    only checks the cells, so one pass reports every problem of the row, and registers nothing
    in the lexicon. A check that compares cells skips those in ``bad`` (reported already).
    """

    def __init__(
        self,
        table: Table,
        lex: Lexicon,
        number: int,
        row: AntwoordRow,
        gemeente: str,
        survey: str,
        prov: Provenance,
        keep: bool = True,
        bad: frozenset[str] = frozenset(),
    ) -> None:
        self.table, self.lex, self.number, self.row = table, lex, number, row
        self.gemeente, self.survey, self.prov, self.keep = gemeente, survey, prov, keep
        self.bad = bad
        self.nodes: list[NodeRecord] = []
        self.edges: list[EdgeRecord] = []
        self.problems: list[Problem] = []

    def relate(
        self, source: str, target: str, rel: RelType, props: dict[str, Any] | None = None
    ) -> None:
        key = f"{rel}|{self.survey}"
        if any(e.source == source and e.target == target and e.key == key for e in self.edges):
            return
        self.edges.append(EdgeRecord(source, target, rel, self.prov, props or {}, key=key))

    def vocabulary(self, column: str, kind: NodeKind, rel: RelType) -> None:
        for text in getattr(self.row, column):
            target, problems = self.lex.lookup(kind, text, self.table.name, self.number, column)
            self.problems += problems
            if target:
                self.relate(self.gemeente, target, rel)

    def organisation(self, kind: NodeKind, name: str) -> str:
        identifier = self.lex.organisation_id(kind, name)
        if identifier not in self.lex.nodes:
            record = NodeRecord(identifier, name, self.prov)
            if self.keep:
                self.lex.register(record)
            self.nodes.append(record)
        self.relate(identifier, self.gemeente, RelType.ACTIEF_IN)
        return identifier

    def vocabularies(self) -> None:
        for column, (kind, rel) in VOCABULARY_COLUMNS.items():
            self.vocabulary(column, kind, rel)

    def read(self) -> None:
        row = self.row
        self.vocabularies()
        level = row.samenwerking_ondernemers
        for name in row.ondernemersnetwerken:
            network = self.organisation(NodeKind.ONDERNEMERSNETWERK, name)
            if level is not Niveau.GEEN:
                props = {"niveau": str(level)} if level else {}
                self.relate(self.gemeente, network, RelType.WERKT_SAMEN_MET, props)
        centre = None
        if row.vrijwilligerscentrale:
            centre = self.organisation(NodeKind.VRIJWILLIGERSCENTRALE, row.vrijwilligerscentrale)
            level = row.facilitering_vrijwilligerscentrale
            if level and level is not Niveau.GEEN:
                self.relate(self.gemeente, centre, RelType.FACILITEERT, {"niveau": str(level)})
        self.subsidies(centre)
        for text in row.haakt_aan_bij:
            hub, problems = self.lex.lookup(
                NodeKind.GEMEENTE, text, self.table.name, self.number, "haakt_aan_bij"
            )
            self.problems += problems
            if hub == self.gemeente:
                self.problems.append(
                    Problem(
                        self.table.name,
                        "een gemeente haakt niet bij zichzelf aan",
                        row=self.number,
                        column="haakt_aan_bij",
                        value=text,
                    )
                )
            elif hub:
                self.relate(self.gemeente, hub, RelType.HAAKT_AAN_BIJ)
        answers = {
            "rol": "antwoorden",
            "ambitie": row.ambitie,
            "specifiek_mbo_beleid": row.specifiek_mbo_beleid,
            "interesse_kennisuitwisseling": row.interesse_kennisuitwisseling,
            "samenwerking_ondernemers": row.samenwerking_ondernemers
            and str(row.samenwerking_ondernemers),
            "facilitering_vrijwilligerscentrale": row.facilitering_vrijwilligerscentrale
            and str(row.facilitering_vrijwilligerscentrale),
            "subsidie_niveau": row.subsidie_niveau and str(row.subsidie_niveau),
            "toelichting": row.toelichting,
        }
        self.edges.append(
            EdgeRecord(
                self.gemeente,
                self.survey,
                RelType.NAM_DEEL_AAN,
                self.prov,
                answers,
                key=f"NAM_DEEL_AAN|{self.survey}|antwoorden",
            )
        )

    def subsidies(self, centre: str | None) -> None:
        level = self.row.subsidie_niveau
        if not self.row.subsidie_aan:
            return
        if level is None or level is Niveau.GEEN:
            if "subsidie_niveau" in self.bad:
                return
            self.problems.append(
                Problem(
                    self.table.name,
                    "subsidie_aan is ingevuld, maar subsidie_niveau is leeg of 'geen'",
                    row=self.number,
                    column="subsidie_niveau",
                    code="tegenstrijdig",
                )
            )
            return
        for text in self.row.subsidie_aan:
            if text.strip().lower() == NodeKind.VRIJWILLIGERSCENTRALE:
                if centre is None:
                    self.problems.append(
                        Problem(
                            self.table.name,
                            "subsidie aan de vrijwilligerscentrale, maar de kolom vrijwilligerscentrale is leeg",
                            row=self.number,
                            column="subsidie_aan",
                            value=text,
                            code="tegenstrijdig",
                        )
                    )
                    continue
                target: str | None = centre
            else:
                target, problems = self.lex.lookup(
                    NodeKind.ACTIVITEIT, text, self.table.name, self.number, "subsidie_aan"
                )
                self.problems += problems
            if target:
                self.relate(self.gemeente, target, RelType.SUBSIDIEERT, {"niveau": str(level)})


def load_antwoorden(table: Table, lex: Lexicon) -> Loaded:
    rows, problems = check_rows(table, AntwoordRow)
    nodes: list[NodeRecord] = []
    edges: list[EdgeRecord] = []
    first_rows = FirstRows(table.name)
    for checked in rows:
        number, row = checked.number, checked.row
        survey, p1 = lex.lookup(NodeKind.ENQUETE, row.enquete, table.name, number, "enquete")
        gemeente, p2 = lex.lookup(NodeKind.GEMEENTE, row.gemeente, table.name, number, "gemeente")
        problems += p1 + p2
        repeat = None
        if survey and gemeente:
            repeat = first_rows.repeat(
                (gemeente, survey),
                number,
                "gemeente",
                row.gemeente,
                f"{lex.name_of(gemeente)} staat al in rij {{rij}} voor enquête {row.enquete}",
            )
        if repeat:
            problems.append(repeat)
        keep = bool(survey and gemeente and checked.complete and not repeat)
        year = lex.nodes[survey].props.get("enquete_jaar") if survey else None
        reader = _AnswerReader(
            table,
            lex,
            number,
            row,
            gemeente or "",
            survey or "",
            row.provenance(table.name, year),
            keep,
            checked.bad,
        )
        reader.read()
        problems += reader.problems
        if keep:
            nodes += reader.nodes
            edges += reader.edges
    return Loaded(nodes, edges, problems)
