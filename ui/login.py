"""The coordinator's login: while a round is open to respondents, every page of the app is for
the coordinator only (the respondents reach their questionnaire through a link; the app's
other pages show every municipality's data).

Two ways in: the coordinator password (``netwerkkaart ronde beheerder``; checked, and slowed
down after failures, by netwerkkaart.services.rounds), or, when ``.streamlit/secrets.toml`` has
an ``[auth]`` section, Streamlit's OIDC login (``st.login``) for the e-mail addresses listed
under ``[netwerkkaart] beheerders``. Being logged in lasts for the browser session.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from netwerkkaart.services import rounds
from netwerkkaart.services.settings import workspace

LOGGED_IN = "coordinator_logged_in"
WHY = (
    "Er staat een enquêteronde open. Zolang respondenten kunnen antwoorden, is deze app alleen "
    "voor de coördinator van de ronde."
)
NO_PASSWORD = (
    "Er is nog geen beheerderswachtwoord ingesteld. Stel het in op de commandoregel met "
    "`netwerkkaart ronde beheerder` en laad deze pagina opnieuw."
)


def _oidc_coordinators() -> Sequence[str] | None:
    """The e-mail addresses allowed in through st.login, or None when OIDC is not configured."""
    try:
        if "auth" not in st.secrets:
            return None
        listed = st.secrets.get("netwerkkaart", {}).get("beheerders", [])
    except (FileNotFoundError, KeyError):  # no secrets file at all
        return None
    return [str(address).strip().lower() for address in listed]


def _oidc_user_allowed(allowed: Sequence[str]) -> bool:
    if not st.user.is_logged_in:
        return False
    return str(st.user.get("email") or "").strip().lower() in allowed


def allowed() -> bool:
    """Whether this session may see the app's pages now."""
    if st.session_state.get(LOGGED_IN) or not rounds.any_round_open(workspace()):
        return True
    coordinators = _oidc_coordinators()
    return coordinators is not None and _oidc_user_allowed(coordinators)


def _try_password() -> None:
    password = str(st.session_state.get("login_password") or "")
    st.session_state["login_password"] = ""
    if rounds.verify_coordinator(workspace(), password):
        st.session_state[LOGGED_IN] = True
    else:
        st.session_state["login_failed"] = True


def log_out() -> None:
    st.session_state.pop(LOGGED_IN, None)


def page() -> None:
    """The login page: the only page a visitor sees until the password (or OIDC) lets them in."""
    st.title("Aanmelden")
    st.markdown(WHY)
    coordinators = _oidc_coordinators()
    if coordinators is not None:
        if st.user.is_logged_in:
            st.error("Dit account is geen beheerder van deze app.")
            st.button("Afmelden", on_click=st.logout, key="oidc_logout")
        else:
            st.button("Aanmelden met uw organisatieaccount", on_click=st.login, key="oidc_login")
    if not rounds.has_coordinator_password(workspace()):
        if coordinators is None:
            st.error(NO_PASSWORD)
        return
    with st.form("login", enter_to_submit=True):
        st.text_input("Wachtwoord van de coördinator", type="password", key="login_password")
        st.form_submit_button("Aanmelden", type="primary", on_click=_try_password)
    if st.session_state.pop("login_failed", False):
        st.error("Dat wachtwoord klopt niet.")
