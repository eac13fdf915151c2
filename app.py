"""Netwerkkaart MBO dashboard: start with `netwerkkaart app` (or `streamlit run app.py`)."""

import streamlit as st

from ui.navigation import route

st.set_page_config(page_title="Netwerkkaart MBO", page_icon="🕸️", layout="wide")
route().run()
