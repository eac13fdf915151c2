"""Every Cypher statement the Neo4j store writes or reads, built by small functions.

Labels and relationship types are the only names ever put into query text, and only after
:func:`checked_label` / :func:`checked_rel_type` found them in the model's closed lists
(:data:`graph.model.NEO4J_LABELS`, :class:`graph.model.RelType`). Every value travels as a query
parameter (``UNWIND $rows``), so nothing a data file contains can change a statement.

The store keeps each pushed graph as one *generation*: nodes and relationships carry
``_generatie``; one state node says which generation is current. See :mod:`graph.stores.neo4j`.

>>> merge_nodes("Municipality").splitlines()[0]
'UNWIND $rows AS row'
>>> checked_label("Municipality) DETACH DELETE (x")
Traceback (most recent call last):
...
ValueError: geen label uit het model: 'Municipality) DETACH DELETE (x'
"""

from __future__ import annotations

from graph.model import NEO4J_LABELS, RelType

#: Extra label on every node of the graph, so readers can match all kinds at once.
NODE_LABEL = "Node"
#: Label of the one node that records the current generation.
STATE_LABEL = "NetwerkkaartState"
#: ``id`` of that state node.
STATE_ID = "netwerkkaart"
#: Property naming the generation a node or relationship belongs to.
GENERATION = "_generatie"
#: Property keeping insertion order, so a read graph iterates like the pushed one.
ORDER = "_volgorde"
#: Prefix of every constraint and index the store creates.
SCHEMA_PREFIX = "netwerkkaart_"

MODEL_LABELS: frozenset[str] = frozenset(NEO4J_LABELS.values())
_REL_TYPES: frozenset[str] = frozenset(t.value for t in RelType)


def checked_label(label: str) -> str:
    """``label`` when it is one of the model's node labels; ValueError otherwise."""
    if label not in MODEL_LABELS:
        raise ValueError(f"geen label uit het model: {label!r}")
    return label


def checked_rel_type(rel_type: str) -> str:
    """``rel_type`` when it is one of the model's relationship types; ValueError otherwise."""
    if rel_type not in _REL_TYPES:
        raise ValueError(f"geen relatietype uit het model: {rel_type!r}")
    return rel_type


# --------------------------------------------------------------------------- schema


def constraint_name(label: str) -> str:
    """``netwerkkaart_municipality_id`` for ``Municipality``."""
    return f"{SCHEMA_PREFIX}{checked_label(label).lower()}_id"


def create_constraint(label: str) -> str:
    """Uniqueness of the node id per label within one generation (old and new coexist briefly)."""
    return (
        f"CREATE CONSTRAINT {constraint_name(label)} IF NOT EXISTS "
        f"FOR (n:{checked_label(label)}) REQUIRE (n.id, n.{GENERATION}) IS UNIQUE"
    )


STATE_CONSTRAINT = f"{SCHEMA_PREFIX}state_id"


def create_state_constraint() -> str:
    """At most one state node, even when two pushes start at once."""
    return (
        f"CREATE CONSTRAINT {STATE_CONSTRAINT} IF NOT EXISTS "
        f"FOR (s:{STATE_LABEL}) REQUIRE s.id IS UNIQUE"
    )


GENERATION_INDEX = f"{SCHEMA_PREFIX}node_generatie"


def create_generation_index() -> str:
    """Finding all nodes of one generation (reading, counting, deleting) without a scan."""
    return f"CREATE INDEX {GENERATION_INDEX} IF NOT EXISTS FOR (n:{NODE_LABEL}) ON (n.{GENERATION})"


def show_unique_constraints() -> str:
    """Every uniqueness constraint with its label and properties (ours and anybody else's)."""
    return (
        "SHOW CONSTRAINTS YIELD name, type, entityType, labelsOrTypes, properties "
        "WHERE type = 'UNIQUENESS' AND entityType = 'NODE' "
        "RETURN name, labelsOrTypes AS labels, properties"
    )


def await_indexes() -> str:
    return "CALL db.awaitIndexes($seconds)"


# --------------------------------------------------------------------------- generations


def register_generation() -> str:
    """Create the state node when needed and record a generation as started; returns current."""
    return (
        f"MERGE (s:{STATE_LABEL} {{id: $state_id}}) "
        "SET s.generaties = coalesce(s.generaties, []) + $generation "
        "RETURN s.generatie AS current, s.generaties AS generations"
    )


def current_generation() -> str:
    return (
        f"OPTIONAL MATCH (s:{STATE_LABEL} {{id: $state_id}}) "
        "RETURN s.generatie AS current, coalesce(s.generaties, []) AS generations"
    )


def make_current() -> str:
    """The flip: one property on one node, so readers switch from old to new at once."""
    return (
        f"MATCH (s:{STATE_LABEL} {{id: $state_id}}) "
        "SET s.generatie = $generation, s.nodes = $nodes, s.relaties = $relationships, "
        "s.bijgewerkt = datetime() "
        "RETURN s.generatie AS current"
    )


def forget_generation() -> str:
    """Drop a cleaned-up generation from the started list (never the current one)."""
    return (
        f"MATCH (s:{STATE_LABEL} {{id: $state_id}}) "
        "WHERE s.generatie IS NULL OR s.generatie <> $generation "
        "SET s.generaties = [g IN s.generaties WHERE g <> $generation]"
    )


def lock_state() -> str:
    """Take the state node's write lock for the rest of the transaction (set and remove a
    property, Neo4j's way to lock a node) and return the current generation. The flip and every
    deletion batch take it first, so a generation cannot become current while it is deleted."""
    return (
        f"MATCH (s:{STATE_LABEL} {{id: $state_id}}) "
        "SET s._slot = true REMOVE s._slot RETURN s.generatie AS current"
    )


def count_nodes() -> str:
    return f"MATCH (n:{NODE_LABEL} {{{GENERATION}: $generation}}) RETURN count(n) AS count"


def count_relationships() -> str:
    return (
        f"MATCH (:{NODE_LABEL} {{{GENERATION}: $generation}})-[r]->() "
        f"WHERE r.{GENERATION} = $generation RETURN count(r) AS count"
    )


def delete_relationships_batch() -> str:
    return (
        f"MATCH (:{NODE_LABEL} {{{GENERATION}: $generation}})-[r]->() "
        "WITH r LIMIT $limit DELETE r RETURN count(*) AS deleted"
    )


def delete_nodes_batch() -> str:
    return (
        f"MATCH (n:{NODE_LABEL} {{{GENERATION}: $generation}}) "
        "WITH n LIMIT $limit DETACH DELETE n RETURN count(*) AS deleted"
    )


# --------------------------------------------------------------------------- writing


def merge_nodes(label: str) -> str:
    """One batch of nodes of one label: ``$rows`` = ``[{id, props}]``; returns each node's
    element id, which the relationship batches use to find their ends without an index."""
    return (
        "UNWIND $rows AS row\n"
        f"MERGE (n:{checked_label(label)} {{id: row.id, {GENERATION}: $generation}})\n"
        f"SET n:{NODE_LABEL}, n += row.props\n"
        "RETURN row.id AS id, elementId(n) AS element"
    )


def merge_relationships(rel_type: str) -> str:
    """One batch of relationships of one type: ``[{source, target, key, props}]`` with the
    ends as element ids of this generation's nodes. MERGE on the key keeps a retried batch
    from doubling relationships; returns how many were written."""
    return (
        "UNWIND $rows AS row\n"
        f"MATCH (a) WHERE elementId(a) = row.source AND a.{GENERATION} = $generation\n"
        f"MATCH (b) WHERE elementId(b) = row.target AND b.{GENERATION} = $generation\n"
        f"MERGE (a)-[r:{checked_rel_type(rel_type)} {{key: row.key, {GENERATION}: $generation}}]->(b)\n"
        "SET r += row.props\n"
        "RETURN count(r) AS written"
    )


# --------------------------------------------------------------------------- reading


#: Rows per record when reading a generation (``$chunk``): the driver's work per record, not
#: per value, dominated a pull, so rows come ``READ_CHUNK`` to a record (about twice as fast).
READ_CHUNK = 5000


def read_nodes() -> str:
    """Node properties in pushed order, as lists (``rows``) of ``$chunk`` nodes per record."""
    return (
        f"MATCH (n:{NODE_LABEL} {{{GENERATION}: $generation}}) WITH n ORDER BY n.{ORDER} "
        f"WITH n.{ORDER} / $chunk AS chunk, collect(properties(n)) AS rows "
        "RETURN rows ORDER BY chunk"
    )


def read_relationships() -> str:
    """``[source, target, type, properties]`` in pushed order, ``$chunk`` per record."""
    return (
        f"MATCH (a:{NODE_LABEL} {{{GENERATION}: $generation}})-[r]->(b) "
        f"WHERE r.{GENERATION} = $generation WITH a, r, b ORDER BY r.{ORDER} "
        f"WITH r.{ORDER} / $chunk AS chunk, "
        "collect([a.id, b.id, type(r), properties(r)]) AS rows "
        "RETURN rows ORDER BY chunk"
    )


def count_per_label() -> str:
    return (
        f"MATCH (n:{NODE_LABEL} {{{GENERATION}: $generation}}) UNWIND labels(n) AS label "
        f"WITH label WHERE label <> '{NODE_LABEL}' "
        "RETURN label, count(*) AS count ORDER BY label"
    )


def count_per_rel_type() -> str:
    return (
        f"MATCH (:{NODE_LABEL} {{{GENERATION}: $generation}})-[r]->() "
        f"WHERE r.{GENERATION} = $generation "
        "RETURN type(r) AS type, count(*) AS count ORDER BY type"
    )


def server_components() -> str:
    return "CALL dbms.components() YIELD name, versions, edition RETURN name, versions, edition"


def current_generation_prefix() -> str:
    """Opening lines for read queries: binds ``gen`` to the current generation, so a query that
    starts from ``{_generatie: gen}`` never sees a half-written or half-deleted graph."""
    return f"MATCH (state:{STATE_LABEL} {{id: '{STATE_ID}'}})\nWITH state.generatie AS gen\n"
