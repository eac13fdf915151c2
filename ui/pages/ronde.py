"""Ronde: the coordinator follows a survey round (response, reminders, close, reopen, rebuild)."""

import streamlit as st

from ui.common import md, store_warning
from ui.round_view import actions, flash, municipalities, pick_round, response
from ui.state import store_choice

st.title("Ronde")
choice = store_choice()
store_warning(choice)
flash()
round_ = pick_round(choice.workspace)
if round_ is not None:
    st.subheader(md(round_.titel))
    actions(choice.workspace, round_, choice)
    response(choice.workspace, round_, choice)
    municipalities(choice.workspace, round_)
