"""The Neo4j store: the same graph in a real Neo4j 5 server, all or nothing for readers.

Why generations: a large graph cannot be replaced in one transaction on a small heap, yet a
reader must never see half of it. So a push writes the new graph next to the old one, tagged
with a fresh ``_generatie`` value, in UNWIND batches; then one tiny transaction checks that the
new generation is complete and points the state node at it (the flip); only then are older
generations deleted in batches. Readers look up the current generation first, read only that
generation, and check afterwards that it is still current (otherwise they read again). A push
that fails or is killed before the flip leaves the previous graph current and untouched; its
leftovers are removed by the next push.

Uniqueness constraints per label cover ``(id, _generatie)``: one node per id in each generation.

>>> store = Neo4jStore("bolt://127.0.0.1:7687", "neo4j", "geheim")  # connects on first use
>>> store.describe()
'Neo4j (bolt://127.0.0.1:7687, database neo4j)'
>>> store.close()
"""

from __future__ import annotations

import contextlib
import logging
import uuid
import weakref
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import networkx as nx
from neo4j import (
    READ_ACCESS,
    WRITE_ACCESS,
    Driver,
    GraphDatabase,
    ManagedTransaction,
    Record,
    Session,
)
from neo4j.exceptions import AuthError, DriverError, Neo4jError, ServiceUnavailable, SessionExpired

from graph.model import new_graph
from graph.stores import cypher
from graph.stores.base import StoreError
from graph.stores.neo4j_rows import PushPlan, batches, edge_from_row, node_from_row, push_plan

log = logging.getLogger(__name__)

DEFAULT_BATCH_SIZE = 2000
DELETE_BATCH_SIZE = 10_000
READ_ATTEMPTS = 5


@dataclass(frozen=True)
class ServerInfo:
    """What `netwerkkaart neo4j status` says about the server."""

    uri: str
    version: str
    edition: str
    database: str


@dataclass(frozen=True)
class StoreCounts:
    """Counts of the current generation per label and relationship type."""

    nodes_per_label: dict[str, int]
    relationships_per_type: dict[str, int]

    @property
    def nodes(self) -> int:
        return sum(self.nodes_per_label.values())

    @property
    def relationships(self) -> int:
        return sum(self.relationships_per_type.values())


class Neo4jStore:
    """A GraphStore on a Neo4j server; one driver per store, closed by :meth:`close`."""

    name = "neo4j"

    def __init__(
        self,
        uri: str,
        user: str,
        password: str,
        database: str = "neo4j",
        *,
        batch_size: int = DEFAULT_BATCH_SIZE,
        connection_timeout_s: float = 10.0,
    ) -> None:
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        self.uri, self.user, self.database = uri, user, database
        self.batch_size = batch_size
        self._checked_connection = False
        self._checked_schema = False
        try:
            self._driver: Driver = GraphDatabase.driver(
                uri,
                auth=(user, password),
                connection_timeout=connection_timeout_s,
                connection_acquisition_timeout=connection_timeout_s,
                max_transaction_retry_time=connection_timeout_s,
                notifications_min_severity="OFF",
            )
        except (ValueError, DriverError) as exc:
            raise StoreError(
                f"Ongeldig Neo4j-adres '{uri}': {exc}. Gebruik bijvoorbeeld "
                "bolt://localhost:7687 of neo4j+s://<id>.databases.neo4j.io (NEO4J_URI)."
            ) from None
        self._finalizer = weakref.finalize(self, self._driver.close)

    # ------------------------------------------------------------------ GraphStore

    def describe(self) -> str:
        return f"Neo4j ({self.uri}, database {self.database})"

    def exists(self) -> bool:
        with self.translated("de status lezen"):
            return self._state(self.session(READ_ACCESS))[0] is not None

    def version(self) -> str:
        """The current generation (one read of the state node); ``""`` when nothing was pushed."""
        with self.translated("de versie lezen"):
            return self._state(self.session(READ_ACCESS))[0] or ""

    def save(self, graph: nx.MultiDiGraph) -> None:
        """Write ``graph`` as a new generation, flip to it, then delete older generations."""
        plan = push_plan(graph)
        generation = uuid.uuid4().hex
        with self.translated("de push voorbereiden"), self.session(WRITE_ACCESS) as session:
            self._ensure_schema(session)
            current, generations = session.execute_write(
                lambda tx: _single(
                    tx,
                    cypher.register_generation(),
                    state_id=cypher.STATE_ID,
                    generation=generation,
                )
            )
        self._drop_generations(set(generations) - {current, generation})
        with self.translated("de push", keeps_previous=True), self.session(WRITE_ACCESS) as s:
            self._write_generation(s, plan, generation)
            s.execute_write(
                lambda tx: _flip(tx, generation, plan.node_count, plan.relationship_count)
            )
        self._drop_generations({*generations, current} - {generation})

    def load(self) -> nx.MultiDiGraph:
        """The current generation as a graph in the pushed order; empty when nothing was pushed."""
        with self.translated("de graaf lezen"), self.session(READ_ACCESS) as session:
            for _ in range(READ_ATTEMPTS):
                graph = session.execute_read(_read_generation)
                if graph is not None:
                    return graph
        raise StoreError(
            f"{self.describe()}: de graaf veranderde steeds tijdens het lezen (er loopt een "
            "push); probeer het zo opnieuw."
        )

    # ------------------------------------------------------------------ extras

    def counts(self) -> StoreCounts:
        """Nodes per label and relationships per type of the current graph."""
        with self.translated("de aantallen lezen"), self.session(READ_ACCESS) as session:

            def work(tx: ManagedTransaction) -> StoreCounts:
                current = _single(tx, cypher.current_generation(), state_id=cypher.STATE_ID)[0]
                if current is None:
                    return StoreCounts({}, {})
                labels = tx.run(cypher.count_per_label(), generation=current)
                types = tx.run(cypher.count_per_rel_type(), generation=current)
                return StoreCounts(
                    {r["label"]: r["count"] for r in labels},
                    {r["type"]: r["count"] for r in types},
                )

            return session.execute_read(work)

    def server_info(self) -> ServerInfo:
        with self.translated("de serverversie lezen"), self.session(READ_ACCESS) as session:
            record = session.run(cypher.server_components()).single()
        version = record["versions"][0] if record and record["versions"] else "?"
        edition = record["edition"] if record else "?"
        return ServerInfo(self.uri, version, edition, self.database)

    def close(self) -> None:
        """Close the driver (idempotent)."""
        self._finalizer()

    def __enter__(self) -> Neo4jStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @contextlib.contextmanager
    def translated(self, action: str, *, keeps_previous: bool = False) -> Iterator[None]:
        """Turn driver errors raised inside into one Dutch StoreError (no traceback, no password)."""
        try:
            yield
        except (Neo4jError, DriverError, OSError) as exc:
            message = self._message(exc, action)
            if keeps_previous:
                message += " De vorige graaf in Neo4j blijft ongewijzigd staan."
            raise StoreError(message) from None

    # ------------------------------------------------------------------ internals

    def _message(self, exc: Exception, action: str) -> str:
        where = self.describe()
        code = getattr(exc, "code", None) or ""
        if isinstance(exc, AuthError) or code.startswith("Neo.ClientError.Security.Unauthorized"):
            return (
                f"{where} weigert gebruiker '{self.user}': verkeerd wachtwoord of onbekende "
                "gebruiker. Controleer NEO4J_USER en NEO4J_PASSWORD."
            )
        if code == "Neo.ClientError.Security.AuthenticationRateLimit":
            return f"{where}: te veel mislukte aanmeldpogingen; wacht even en controleer NEO4J_PASSWORD."
        if code == "Neo.ClientError.Database.DatabaseNotFound":
            return (
                f"{where}: de database '{self.database}' bestaat niet. Controleer NEO4J_DATABASE."
            )
        if code.startswith(("Neo.TransientError.Transaction.", "Neo.TransientError.Schema.")):
            return (  # a deadlock or lock wait, e.g. with a push running at the same time
                f"{where}: {action} is mislukt doordat de database bezet was (liep er tegelijk "
                "een andere push?); probeer het zo opnieuw."
            )
        if isinstance(exc, ServiceUnavailable | SessionExpired | OSError) or code.startswith(
            "Neo.TransientError"
        ):
            return (
                f"{where} is niet bereikbaar ({action} is mislukt). Start de lokale server met "
                "`netwerkkaart neo4j start`, of controleer NEO4J_URI."
            )
        detail = getattr(exc, "message", None) or str(exc)
        first_line = detail.strip().splitlines()[0] if detail.strip() else type(exc).__name__
        return f"{where}: {action} is mislukt: {first_line}" + (f" ({code})" if code else "")

    def session(self, access_mode: str = READ_ACCESS) -> Session:
        """A session on this store's database; the first call checks connection and database."""
        if not self._checked_connection:
            self._driver.verify_connectivity()
            self._driver.execute_query("RETURN 1", database_=self.database)
            self._checked_connection = True
        return self._driver.session(database=self.database, default_access_mode=access_mode)

    def _state(self, session: Session) -> tuple[str | None, list[str]]:
        with session:
            record = session.execute_read(
                lambda tx: _single(tx, cypher.current_generation(), state_id=cypher.STATE_ID)
            )
        return record[0], list(record[1])

    def _ensure_schema(self, session: Session) -> None:
        """Create missing constraints and the generation index once, then check they are there."""
        if self._checked_schema:
            return
        if self._schema_problem(session) is not None:
            for label in sorted(cypher.MODEL_LABELS):
                session.run(cypher.create_constraint(label)).consume()
            session.run(cypher.create_state_constraint()).consume()
            session.run(cypher.create_generation_index()).consume()
            session.run(cypher.await_indexes(), seconds=300).consume()
            problem = self._schema_problem(session)
            if problem is not None:
                raise StoreError(f"{self.describe()}: {problem}")
        self._checked_schema = True

    @staticmethod
    def _schema_problem(session: Session) -> str | None:
        """What is wrong with the uniqueness constraints, or None when all are as needed."""
        found = [
            (r["name"], r["labels"], r["properties"])
            for r in session.run(cypher.show_unique_constraints())
        ]
        for label in sorted(cypher.MODEL_LABELS):
            blocking = [n for n, ls, ps in found if ls == [label] and ps == ["id"]]
            if blocking:
                return (
                    f"er staat een eigen uniciteitsregel '{blocking[0]}' op :{label}(id). Die "
                    "botst met het veilig vervangen van de graaf; verwijder hem met "
                    f"DROP CONSTRAINT {blocking[0]}."
                )
            if not any(ls == [label] and ps == ["id", cypher.GENERATION] for _, ls, ps in found):
                return (
                    f"de uniciteitsregel op :{label}(id, {cypher.GENERATION}) ontbreekt en kon "
                    "niet worden aangemaakt (zijn de rechten voldoende?)."
                )
        if not any(ls == [cypher.STATE_LABEL] and ps == ["id"] for _, ls, ps in found):
            return f"de uniciteitsregel op :{cypher.STATE_LABEL}(id) ontbreekt."
        return None

    def _write_generation(self, session: Session, plan: PushPlan, generation: str) -> None:
        """Nodes per label, then relationships per type, in batches of ``batch_size`` rows."""
        elements: dict[str, str] = {}
        for label, rows in plan.nodes.items():
            query = cypher.merge_nodes(label)
            for batch in batches(rows, self.batch_size):
                written = session.execute_write(_records, query, batch, generation)
                self._check_batch(len(written), len(batch))
                elements.update((r["id"], r["element"]) for r in written)
        for rel_type, rows in plan.relationships.items():
            query = cypher.merge_relationships(rel_type)
            for batch in batches(rows, self.batch_size):
                ends = [
                    {**r, "source": elements[r["source"]], "target": elements[r["target"]]}
                    for r in batch
                ]
                written = session.execute_write(_records, query, ends, generation)
                self._check_batch(written[0]["written"], len(batch))

    def _check_batch(self, written: int, expected: int) -> None:
        if written != expected:
            raise StoreError(
                f"{self.describe()}: een batch schreef {written} van {expected} rijen "
                "(liep er tegelijk een andere push?). De vorige graaf blijft ongewijzigd staan."
            )

    def _drop_generations(self, generations: set[str | None]) -> None:
        """Delete older or half-written generations in batches; failures only leave garbage."""
        for generation in sorted(g for g in generations if g):
            try:
                with self.session(WRITE_ACCESS) as session:
                    for query in (cypher.delete_relationships_batch(), cypher.delete_nodes_batch()):
                        while session.execute_write(_delete_batch, query, generation):
                            pass
                    session.execute_write(_forget_generation, generation)
            except (Neo4jError, DriverError, OSError) as exc:
                log.warning(
                    "Oude Neo4j-gegevens (generatie %s) konden niet worden opgeruimd: %s. "
                    "De volgende push ruimt ze op.",
                    generation,
                    self._message(exc, "opruimen"),
                )
                return


def _forget_generation(tx: ManagedTransaction, generation: str) -> None:
    tx.run(cypher.forget_generation(), state_id=cypher.STATE_ID, generation=generation).consume()


def _single(tx: ManagedTransaction, query: str, **params: Any) -> Any:
    """The one record ``query`` returns."""
    return tx.run(query, params).single(strict=True)


def _records(
    tx: ManagedTransaction, query: str, rows: list[dict[str, Any]], generation: str
) -> list[Record]:
    """All records of one batch, fetched inside its transaction."""
    return list(tx.run(query, rows=rows, generation=generation))


def _delete_batch(tx: ManagedTransaction, query: str, generation: str) -> int:
    """One batch of ``generation``'s deletion; none when it is the current graph. A push that
    started while another was writing sees that one's generation as a leftover, and it may have
    become current since."""
    if _single(tx, cypher.lock_state(), state_id=cypher.STATE_ID)[0] == generation:
        return 0
    deleted: int = _single(tx, query, generation=generation, limit=DELETE_BATCH_SIZE)[0]
    return deleted


def _flip(tx: ManagedTransaction, generation: str, nodes: int, relationships: int) -> None:
    """Make ``generation`` current, but only when every node and relationship is there."""
    _single(tx, cypher.lock_state(), state_id=cypher.STATE_ID)  # no deletion batch meanwhile
    found_nodes = _single(tx, cypher.count_nodes(), generation=generation)[0]
    found_rels = _single(tx, cypher.count_relationships(), generation=generation)[0]
    if (found_nodes, found_rels) != (nodes, relationships):
        raise StoreError(
            f"De nieuwe graaf in Neo4j is onvolledig ({found_nodes}/{nodes} nodes, "
            f"{found_rels}/{relationships} relaties; liep er tegelijk een andere push?). "
            "De vorige graaf blijft ongewijzigd staan."
        )
    tx.run(
        cypher.make_current(),
        state_id=cypher.STATE_ID,
        generation=generation,
        nodes=nodes,
        relationships=relationships,
    ).consume()


def _read_generation(tx: ManagedTransaction) -> nx.MultiDiGraph | None:
    """The current generation as a graph, or None when it stopped being current meanwhile.

    Rows are converted only after the check: once a generation is no longer current its
    deletion may have begun, and rows read from it may be half gone.
    """
    current = _single(tx, cypher.current_generation(), state_id=cypher.STATE_ID)[0]
    graph = new_graph()
    if current is None:
        return graph
    chunk = cypher.READ_CHUNK
    nodes = [
        props
        for record in tx.run(cypher.read_nodes(), generation=current, chunk=chunk)
        for props in record["rows"]
    ]
    relationships = [
        row
        for record in tx.run(cypher.read_relationships(), generation=current, chunk=chunk)
        for row in record["rows"]
    ]
    if _single(tx, cypher.current_generation(), state_id=cypher.STATE_ID)[0] != current:
        return None
    for props in nodes:
        node, attrs = node_from_row(props)
        graph.add_node(node, **attrs)
    for source, target, rel_type, props in relationships:
        key, attrs = edge_from_row(rel_type, props)
        graph.add_edge(source, target, key=key, **attrs)
    return graph
