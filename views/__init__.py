"""Views of the graph for people: tables, pyvis maps, static maps. No Streamlit here."""
