"""The switches that say what an analysis may rest on: example rows, derived links.

By default rankings, pairs, groups and map measures leave example rows out (graph.analysis.basis); the
user switches them on ("Met voorbeelddata"), and derived links (activity raakt thema, the
project's own reading) off. Each page keeps its own switches (keys with the page's prefix).
"""

from __future__ import annotations

import streamlit as st

EXAMPLES_HELP = (
    "Tel de illustratieve voorbeeldrijen (bron_type voorbeeld, geen enquêteresultaat) mee. "
    "Redenen die erop rusten zeggen dat met '(voorbeelddata)'."
)
DERIVED_HELP = (
    "Tel de afgeleide koppelingen mee: welk thema een activiteit raakt is een eigen lezing van "
    "het project (bron_type afgeleid), geen enquêteresultaat. Redenen die erop rusten zeggen "
    "'via een afgeleide koppeling'."
)
WITHOUT_EXAMPLES = (
    "Berekend zonder voorbeelddata: alleen referentie-, enquête-, gebruikers- en afgeleide "
    "gegevens. Zet *Met voorbeelddata* aan om de voorbeeldrijen mee te tellen."
)


def examples_toggle(prefix: str, label: str = "Met voorbeelddata") -> bool:
    """The example-data switch (off by default) for the page with this key prefix."""
    return st.toggle(label, value=False, key=f"{prefix}_voorbeelden", help=EXAMPLES_HELP)


def basis_toggles(prefix: str) -> tuple[bool, bool]:
    """Both switches side by side: (with example rows, with derived links)."""
    left, right = st.columns(2)
    with left:
        examples = examples_toggle(prefix)
    derived = right.toggle(
        "Afgeleide koppelingen", value=True, key=f"{prefix}_afgeleid", help=DERIVED_HELP
    )
    if not examples:
        st.caption(WITHOUT_EXAMPLES)
    return examples, derived
