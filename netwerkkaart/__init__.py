"""The `netwerkkaart` package: the CLI (`cli/`) and the services it shares with the dashboard
(`services/`: settings, the workspace, stores, saved views, the local Neo4j launcher)."""
