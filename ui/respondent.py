"""Who is a respondent: a visitor with a questionnaire link, or anyone when the app serves only
the questionnaire (``netwerkkaart app --alleen-vragenlijst``)."""

from __future__ import annotations

import streamlit as st

from netwerkkaart.services.settings import questionnaire_only


def respondent_token() -> str | None:
    """The link's token; None without one.

    A URL carrying several tokens (``?token=A&token=B``) gets them joined by a space, which no
    issued token contains, so the service refuses it like any unknown link.
    """
    values = st.query_params.get_all("token")
    if not values:
        return None
    return values[0] if len(values) == 1 else " ".join(values)


def is_respondent() -> bool:
    return respondent_token() is not None or questionnaire_only()
