"""Data: which files the graph is built from, adding or removing an upload, the survey template."""

import streamlit as st

from ui.common import store_warning
from ui.data_panel import (
    check_pending,
    loaded_files,
    show_flash,
    template_downloads,
    uploader,
    uploads_list,
)
from ui.state import store_choice

st.title("Data")
choice = store_choice()
store_warning(choice)
show_flash()
loaded, add, template = st.tabs(["Geladen gegevens", "Bestand toevoegen", "Enquêtesjabloon"])
with loaded:
    loaded_files(choice)
    uploads_list(choice)
with add:
    uploader()
    check_pending(choice)
with template:
    template_downloads()
