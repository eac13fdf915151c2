"""The two graph stores behind one interface (graph.stores.base): the embedded
snapshot and Neo4j, with all Cypher beside the Neo4j store."""
