"""The Streamlit dashboard: page scripts in ``ui/pages/``, shared loading and widgets beside them."""
