"""The widgets of the answer steps, and the cell text each one stands for.

A widget's state is seeded from the answers when its step opens and read back when the
respondent moves on (ui.questionnaire.flow), so the answers in the session are the one truth.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from ui.questionnaire.fields import LEVELS, YES_NO, Field, Kind
from ui.questionnaire.options import choices

EMPTY_CHOICE = "— (geen antwoord)"
LEVEL_LABELS = {
    "": EMPTY_CHOICE,
    "geen": "Geen",
    "incidenteel": "Incidenteel",
    "structureel": "Structureel",
}
YES_NO_LABELS = {"": EMPTY_CHOICE, "ja": "Ja", "nee": "Nee"}


def widget_key(field: Field) -> str:
    return f"q_{field.column}"


def split_cell(cell: str) -> list[str]:
    """The values of a multi-answer cell ("a;b") in order, empty parts left out."""
    return [part.strip() for part in cell.split(";") if part.strip()]


def to_widget(field: Field, cell: str) -> Any:
    """The widget value that shows ``cell``."""
    if field.kind is Kind.VOCABULARY:
        return split_cell(cell)
    if field.kind is Kind.NAMES:
        return "\n".join(split_cell(cell))
    if field.kind in (Kind.LEVEL, Kind.YES_NO):
        return cell.strip().lower()
    return cell


def to_cell(field: Field, value: Any) -> str:
    """The template cell text a widget value stands for."""
    if field.kind is Kind.VOCABULARY:
        return ";".join(value or [])
    if field.kind is Kind.NAMES:
        return ";".join(line.strip() for line in str(value or "").splitlines() if line.strip())
    return str(value or "").strip() if field.kind is not Kind.LONG_TEXT else str(value or "")


def _options(field: Field, current: Any) -> tuple[list[str], dict[str, str]]:
    """Offered keys and their labels; a value given earlier that is not offered stays selectable
    (shown as typed), so pre-filling never drops an answer silently."""
    if field.kind is Kind.VOCABULARY:
        labels = choices(field)
        keys = list(labels) + [v for v in current if v not in labels]
        return keys, labels
    labels = LEVEL_LABELS if field.kind is Kind.LEVEL else YES_NO_LABELS
    keys = ["", *(LEVELS if field.kind is Kind.LEVEL else YES_NO)]
    if current not in keys:
        keys.append(current)
    return keys, labels


def draw(field: Field, cell: str) -> None:
    """The widget for ``field``, showing ``cell`` unless the respondent changed it this step."""
    key = widget_key(field)
    if key not in st.session_state:
        st.session_state[key] = to_widget(field, cell)
    current = st.session_state[key]
    if field.kind is Kind.VOCABULARY:
        keys, labels = _options(field, current)
        st.multiselect(
            field.label,
            keys,
            key=key,
            format_func=lambda k: labels.get(k, k),
            help=field.help,
            placeholder="Kies een of meer antwoorden",
        )
    elif field.kind in (Kind.LEVEL, Kind.YES_NO):
        keys, labels = _options(field, current)
        st.radio(
            field.label, keys, key=key, format_func=lambda k: labels.get(k, k), horizontal=True
        )
    elif field.kind is Kind.NAMES:
        st.text_area(field.label, key=key, help=field.help, height=100)
    elif field.kind is Kind.LONG_TEXT:
        st.text_area(field.label, key=key, help=field.help, height=120)
    else:
        st.text_input(field.label, key=key, help=field.help)


def read(field: Field) -> str | None:
    """The cell text of ``field``'s widget, or None when it is not on screen."""
    key = widget_key(field)
    if key not in st.session_state:
        return None
    return to_cell(field, st.session_state[key])


def show_label(field: Field, cell: str) -> str:
    """The answer as the summary shows it (labels for keys; not yet escaped)."""
    if field.kind is Kind.VOCABULARY:
        labels = choices(field)
        return "; ".join(labels.get(v, v) for v in split_cell(cell))
    if field.kind is Kind.NAMES:
        return "; ".join(split_cell(cell))
    if field.kind is Kind.LEVEL:
        return LEVEL_LABELS.get(cell, cell) if cell else ""
    if field.kind is Kind.YES_NO:
        return YES_NO_LABELS.get(cell, cell) if cell else ""
    return cell
