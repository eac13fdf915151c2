"""What the app and the CLI share: settings, the workspace (build, uploads), opening a store,
saved views, the local Neo4j launcher. No Streamlit and no typer here."""
