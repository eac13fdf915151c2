"""Cypher: read-only questions to the Neo4j store (named queries and a free query box)."""

import streamlit as st

from ui.common import md, store_warning
from ui.cypher_panel import free_query, named_queries, show_result
from ui.state import query_store, store_choice

st.title("Cypher")
choice = store_choice()
store_warning(choice)
store = query_store(choice)
if store is None:
    st.info(
        "Er is geen Neo4j verbonden. Start de lokale server met `netwerkkaart neo4j start` en "
        "zet de graaf erin met `netwerkkaart build --store neo4j`, of stel NEO4J_URI in."
    )
    st.stop()
st.caption(
    f"Verbonden met {md(store.describe())}. Alleen lezen: elke query wordt eerst gecontroleerd "
    "(EXPLAIN) en schrijven of schemawijzigingen worden geweigerd; hoogstens 1000 rijen, 30 s."
)
named, free = st.tabs(["Kant-en-klare vragen", "Eigen query"])
with named:
    named_queries(store)
with free:
    free_query(store)
show_result()
