"""The respondent's questionnaire: its steps, widgets, summary and the round-trip to the service."""
