"""Vragenlijst: one municipality's questionnaire; the only page a link (``?token=``) opens."""

from netwerkkaart.services.settings import workspace
from ui.questionnaire.view import show
from ui.respondent import respondent_token

show(workspace(), respondent_token())
