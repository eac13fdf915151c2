"""Entry points and wiring: settings, the workspace, the CLI commands and the local Neo4j server."""
