"""Ready-made read-only Cypher questions for policy users, with Dutch titles and parameters.

Each query starts from the current generation (see :func:`graph.stores.cypher.current_generation_prefix`)
so it never counts a graph that is being replaced, and returns ``bron_type`` wherever a fact
may be illustrative example data. They run through :func:`graph.stores.cypher_readonly.run_read_only`,
so they are checked like any user query. Names are matched on id, code, key or name
(case-insensitive), so ``--param gemeente=olst-wijhe``, ``GM1773`` and ``Olst-Wijhe`` all work.

>>> NAMED_QUERIES["regiopartners"].values({"gemeente": "Zwolle"})["gemeente"]
'Zwolle'
>>> NAMED_QUERIES["kleine-gemeenten-zonder-samenwerking"].values({"max_inwoners": "25000"})
{'max_inwoners': 25000}
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from graph.model import EXAMPLE_BRON_TYPES, RelType
from graph.stores.cypher import checked_rel_type, current_generation_prefix
from graph.stores.cypher_readonly import (
    DEFAULT_ROW_CAP,
    DEFAULT_TIMEOUT_S,
    CypherResult,
    run_read_only,
)
from graph.stores.neo4j import Neo4jStore

ParamValue = str | int | float


@dataclass(frozen=True)
class Parameter:
    """One parameter: its default decides the type a given text is read as."""

    name: str
    default: ParamValue
    beschrijving: str

    def parse(self, text: ParamValue) -> ParamValue:
        if not isinstance(text, str) or isinstance(self.default, str):
            return text
        kind = type(self.default)
        try:
            return kind(text)
        except ValueError:
            raise ValueError(
                f"Parameter '{self.name}' verwacht een getal, niet '{text}'."
            ) from None


@dataclass(frozen=True)
class NamedQuery:
    key: str
    titel: str
    beschrijving: str
    cypher: str
    parameters: tuple[Parameter, ...] = ()
    fixed: Mapping[str, Any] = field(default_factory=dict)

    def values(self, given: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """Defaults overridden by ``given`` (texts read as the default's type); ValueError in
        Dutch for a parameter this query does not have."""
        given = dict(given or {})
        known = {p.name: p for p in self.parameters}
        unknown = sorted(set(given) - set(known))
        if unknown:
            names = ", ".join(known) or "geen"
            raise ValueError(
                f"De query '{self.key}' kent geen parameter '{unknown[0]}' (wel: {names})."
            )
        values = {name: p.parse(given.get(name, p.default)) for name, p in known.items()}
        return {**values, **self.fixed}


#: Relationship types a path may use: all but the ones that connect nearly everybody, and the
#: project's own activity-theme reading (RAAKT_THEMA), which is no tie between actors.
_PATH_TYPES = "|".join(
    checked_rel_type(t)
    for t in RelType
    if t not in (RelType.NAM_DEEL_AAN, RelType.LIGT_IN, RelType.RAAKT_THEMA)
)


def _q(body: str) -> str:
    return current_generation_prefix() + body.strip()


def _named(variable: str, parameter: str) -> str:
    """A WHERE condition matching ``variable`` on id, code, key or name against ``$parameter``."""
    return (
        f"({variable}.id = ${parameter} OR {variable}.cbs_code = ${parameter} "
        f"OR {variable}.sleutel = ${parameter} OR toLower({variable}.naam) = toLower(${parameter}))"
    )


_QUERIES = (
    NamedQuery(
        key="kleine-gemeenten-zonder-samenwerking",
        titel="Kleine gemeenten zonder structurele samenwerking met ondernemers",
        beschrijving=(
            "Gemeenten met hoogstens max_inwoners inwoners die (nog) geen structurele "
            "samenwerking met een ondernemersnetwerk hebben: kandidaten om aan te haken. "
            "'antwoorden_bron_type' zegt of en uit welke bron er enquêteantwoorden zijn."
        ),
        cypher=_q(
            """
MATCH (g:Municipality {_generatie: gen})
WHERE g.inwoners_recent <= $max_inwoners
  AND NOT EXISTS {
    MATCH (g)-[r:WERKT_SAMEN_MET]->(:BusinessNetwork) WHERE r.niveau = 'structureel'
  }
OPTIONAL MATCH (g)-[w:WERKT_SAMEN_MET]->(:BusinessNetwork)
OPTIONAL MATCH (g)-[a:NAM_DEEL_AAN]->(:Survey) WHERE a.rol = 'antwoorden'
RETURN g.naam AS gemeente, g.cbs_code AS cbs_code, g.inwoners_recent AS inwoners,
       collect(DISTINCT w.niveau) AS samenwerking, collect(DISTINCT a.bron_type) AS antwoorden_bron_type
ORDER BY inwoners, gemeente
"""
        ),
        parameters=(Parameter("max_inwoners", 30_000, "Grootste inwonertal dat als klein telt."),),
    ),
    NamedQuery(
        key="thema-vraag-en-ervaring",
        titel="Wie vraagt naar een thema, en wie heeft er ervaring mee",
        beschrijving=(
            "Voor één kennisthema: wie er interesse in heeft (vraagt), wie er ervaring mee "
            "heeft, en wie een activiteit organiseert die het thema raakt (via); 'koppeling' "
            "zegt waar die koppeling van activiteit aan thema op rust (afgeleid: eigen lezing)."
        ),
        cypher=_q(
            f"""
MATCH (t:Theme {{_generatie: gen}}) WHERE {_named("t", "thema")}
CALL (t) {{
  MATCH (x)-[r:HEEFT_INTERESSE_IN]->(t)
  RETURN 'vraagt' AS rol, x, r.bron_type AS bron_type, null AS via, null AS koppeling
  UNION
  MATCH (x)-[r:HEEFT_ERVARING_MET]->(t)
  RETURN 'heeft ervaring' AS rol, x, r.bron_type AS bron_type, null AS via, null AS koppeling
  UNION
  MATCH (x)-[r:ORGANISEERT]->(a:Activity)-[k:RAAKT_THEMA]->(t)
  RETURN 'heeft ervaring' AS rol, x, r.bron_type AS bron_type, a.naam AS via,
         k.bron_type AS koppeling
}}
RETURN t.naam AS thema, rol, x.naam AS naam, x.kind AS soort, via, koppeling, bron_type
ORDER BY rol DESC, naam, via
"""
        ),
        parameters=(
            Parameter("thema", "structurele-samenwerking", "Sleutel of naam van het thema."),
        ),
    ),
    NamedQuery(
        key="regiopartners",
        titel="Regionale partners van een gemeente",
        beschrijving=(
            "Gemeenten die met de gekozen gemeente in een regio zitten of eraan grenzen, "
            "met de verbanden die ze delen."
        ),
        cypher=_q(
            f"""
MATCH (g:Municipality {{_generatie: gen}}) WHERE {_named("g", "gemeente")}
CALL (g) {{
  MATCH (g)-[:LID_VAN]->(r:Region)<-[:LID_VAN]-(p:Municipality) WHERE p <> g
  RETURN p, 'regio ' + r.naam AS verband
  UNION
  MATCH (g)-[:GRENST_AAN]-(p:Municipality)
  RETURN p, 'buurgemeente' AS verband
}}
WITH g, p, collect(verband) AS verbanden
RETURN g.naam AS gemeente, p.naam AS partner, p.cbs_code AS cbs_code, verbanden
ORDER BY size(verbanden) DESC, partner
"""
        ),
        parameters=(Parameter("gemeente", "Hellendoorn", "Naam of CBS-code van de gemeente."),),
    ),
    NamedQuery(
        key="kortste-pad",
        titel="Kortste verbinding tussen twee organisaties of gemeenten",
        beschrijving=(
            "De kortste keten van relaties (in elke richting, hoogstens 8 stappen) tussen twee "
            "nodes: via wie kennen ze elkaar? Deelname aan de enquête en 'ligt in provincie' "
            "tellen niet mee, want daarmee is bijna iedereen verbonden; 'raakt thema' ook niet, "
            "want dat is een eigen lezing van het project, geen band."
        ),
        cypher=_q(
            f"""
MATCH (a:Node {{_generatie: gen}}) WHERE {_named("a", "van")}
MATCH (b:Node {{_generatie: gen}}) WHERE {_named("b", "naar")} AND a <> b
MATCH p = shortestPath((a)-[:{_PATH_TYPES}*..8]-(b))
RETURN length(p) AS stappen, [n IN nodes(p) | n.naam] AS route,
       [r IN relationships(p) | type(r)] AS relaties,
       [r IN relationships(p) | r.bron_type] AS bron_types, p AS pad
ORDER BY stappen LIMIT 1
"""
        ),
        parameters=(
            Parameter("van", "Olst-Wijhe", "Naam, code of id van het begin."),
            Parameter("naar", "Lerende gemeenschap MBO", "Naam, code of id van het einde."),
        ),
    ),
    NamedQuery(
        key="gemeenten-per-activiteit",
        titel="Gemeenten die een activiteit organiseren",
        beschrijving=(
            "Welke gemeenten een MBO-activiteit organiseren, volgens welke bron, en of ze die "
            "ook subsidiëren."
        ),
        cypher=_q(
            f"""
MATCH (a:Activity {{_generatie: gen}}) WHERE {_named("a", "activiteit")}
MATCH (g:Municipality)-[r:ORGANISEERT]->(a)
RETURN a.naam AS activiteit, g.naam AS gemeente, r.bron_type AS bron_type, r.jaar AS jaar,
       EXISTS {{ MATCH (g)-[:SUBSIDIEERT]->(a) }} AS subsidieert
ORDER BY gemeente
"""
        ),
        parameters=(Parameter("activiteit", "nl-doet", "Sleutel of naam van de activiteit."),),
    ),
    NamedQuery(
        key="bronnen",
        titel="Voorbeelddata en enquêtegegevens geteld",
        beschrijving=(
            "Hoeveel nodes en relaties uit elke soort bron komen. Illustratieve gegevens "
            "(voorbeeld, synthetisch) zijn geen enquêteresultaat."
        ),
        cypher=_q(
            """
CALL (gen) {
  MATCH (n:Node {_generatie: gen})
  RETURN 'node' AS soort, n.bron_type AS bron_type, count(*) AS aantal
  UNION ALL
  MATCH (:Node {_generatie: gen})-[r]->()
  RETURN 'relatie' AS soort, r.bron_type AS bron_type, count(*) AS aantal
}
RETURN soort, bron_type, aantal, bron_type IN $illustratief AS illustratief
ORDER BY soort, bron_type
"""
        ),
        fixed={"illustratief": sorted(str(b) for b in EXAMPLE_BRON_TYPES)},
    ),
)

NAMED_QUERIES: dict[str, NamedQuery] = {q.key: q for q in _QUERIES}


def named_query(key: str) -> NamedQuery:
    """The query called ``key``; ValueError in Dutch listing the known ones otherwise."""
    try:
        return NAMED_QUERIES[key]
    except KeyError:
        raise ValueError(
            f"Onbekende query '{key}'; kies uit: {', '.join(NAMED_QUERIES)}."
        ) from None


def run_named(
    store: Neo4jStore,
    key: str,
    given: Mapping[str, Any] | None = None,
    *,
    timeout_s: float = DEFAULT_TIMEOUT_S,
    row_cap: int = DEFAULT_ROW_CAP,
) -> CypherResult:
    """Run the named query ``key`` with ``given`` parameters over the defaults."""
    query = named_query(key)
    return run_read_only(
        store, query.cypher, query.values(given), timeout_s=timeout_s, row_cap=row_cap
    )
