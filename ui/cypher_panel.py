"""The Cypher page's blocks: named read-only queries, a free query box, and their results.

Every query goes through :func:`graph.stores.cypher_readonly.run_read_only` (the CLI's guard): checked
with EXPLAIN, run in a read transaction with a timeout and a row cap. Results are shown as a
table and, when they hold nodes and relationships, as a network.
"""

from __future__ import annotations

import json
from typing import Any

import pandas as pd
import streamlit as st

from graph.model import has_example_data
from graph.stores.cypher_readonly import CypherResult, run_read_only
from graph.stores.named_queries import NAMED_QUERIES, run_named
from graph.stores.neo4j import Neo4jStore
from ui.common import example_banner, md
from ui.state import USER_ERRORS
from views.layout import force_layout
from views.pyvis_map import network_html

_RESULT = "cypher_result"
#: What a query can fail with that the user can fix: a bad parameter, or the store's refusal.
_ERRORS: tuple[type[Exception], ...] = (ValueError, *USER_ERRORS)
MAP_HEIGHT = 460


def _cell(value: Any) -> Any:
    """Nested values (nodes, lists, maps) as JSON text, so the table shows them whole."""
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, default=str)
    return value


def _run(store: Neo4jStore, title: str, action: Any) -> None:
    try:
        result = action()
    except _ERRORS as exc:
        st.session_state[_RESULT] = (title, None, str(exc))
        return
    st.session_state[_RESULT] = (title, result, None)


def parse_params(text: str) -> dict[str, str]:
    """``naam=waarde`` per line; ValueError in Dutch for a line without '='."""
    params = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        name, sep, value = line.partition("=")
        if not sep or not name.strip():
            raise ValueError(f"Parameterregel {number} ('{line}') heeft niet de vorm naam=waarde.")
        params[name.strip()] = value.strip()
    return params


def named_queries(store: Neo4jStore) -> None:
    """Pick a ready-made question, fill in its parameters, run it."""
    key = st.selectbox(
        "Vraag",
        list(NAMED_QUERIES),
        format_func=lambda k: NAMED_QUERIES[k].titel,
        key="cypher_named",
    )
    query = NAMED_QUERIES[key]
    st.caption(md(query.beschrijving))
    given = {
        p.name: st.text_input(
            p.name, str(p.default), help=p.beschrijving, key=f"cypher_p_{key}_{p.name}"
        )
        for p in query.parameters
    }
    with st.expander("Cypher van deze vraag"):
        st.code(query.cypher, language="cypher")
    if st.button("Vraag uitvoeren", type="primary", key="cypher_run_named"):
        _run(store, query.titel, lambda: run_named(store, key, given))


def free_query(store: Neo4jStore) -> None:
    """A free read-only query; writes and schema changes are refused before anything runs."""
    text = st.text_area(
        "Cypher (alleen lezen)",
        "MATCH (g:Municipality)-[r:LID_VAN]->(regio:Region)\nRETURN g, r, regio LIMIT 50",
        height=120,
        key="cypher_text",
    )
    params = st.text_area("Parameters (naam=waarde per regel)", "", height=68, key="cypher_params")
    if st.button("Query uitvoeren", type="primary", key="cypher_run_free"):
        _run(store, "Eigen query", lambda: run_read_only(store, text, parse_params(params)))


def show_result() -> None:
    """The last result (or refusal) of this session."""
    title, result, problem = st.session_state.get(_RESULT, (None, None, None))
    if title is None:
        return
    st.subheader(md(title))
    if problem is not None:
        st.error(md(problem))
        return
    assert isinstance(result, CypherResult)
    for note in result.notes:
        st.info(md(note))
    example_banner(
        result.has_example_data or (result.graph is not None and has_example_data(result.graph))
    )
    frame = pd.DataFrame([{k: _cell(v) for k, v in row.items()} for row in result.rows])
    st.caption(f"{len(result.rows)} rij(en).")
    if not frame.empty:
        st.dataframe(frame, hide_index=True, width="stretch")
    if result.graph is not None:
        html = network_html(result.graph, force_layout(result.graph), height=MAP_HEIGHT)
        st.iframe(html, height=MAP_HEIGHT + 16)
