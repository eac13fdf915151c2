"""Survey rounds (issue 13): invite municipalities, let each answer online through its own link,
follow the response, and build the sent answers into the graph.

Everything lives in ``<workspace>/rondes.sqlite`` (:mod:`.database`). The public names below are
the API the CLI, the app's pages and the bench code against.
"""

from netwerkkaart.services.rounds.answers import (
    Answers,
    Confirmation,
    Respondent,
    Tie,
    TieKind,
    Verdict,
    answer_columns,
)
from netwerkkaart.services.rounds.coordinator import (
    any_round_open,
    has_coordinator_password,
    set_coordinator_password,
    verify_coordinator,
)
from netwerkkaart.services.rounds.database import DATABASE_FILE, database_path
from netwerkkaart.services.rounds.graph_rows import round_sources
from netwerkkaart.services.rounds.model import (
    AnswersRejected,
    Invitation,
    InvitationLink,
    InvitationState,
    LinkRefused,
    OpenLink,
    Round,
    RoundState,
)
from netwerkkaart.services.rounds.respond import (
    check_answers,
    current_answers,
    open_link,
    save_draft,
    submit,
    submit_all,
    submit_for,
    ties_reported_about,
)
from netwerkkaart.services.rounds.rounds import (
    RoundStatus,
    close_round,
    create_round,
    erase_personal_data,
    get_round,
    invitations,
    issue_links,
    links_csv,
    list_rounds,
    reminder_csv,
    reopen_round,
    revoke_link,
    round_status,
)

__all__ = [
    "DATABASE_FILE",
    "Answers",
    "AnswersRejected",
    "Confirmation",
    "Invitation",
    "InvitationLink",
    "InvitationState",
    "LinkRefused",
    "OpenLink",
    "Respondent",
    "Round",
    "RoundState",
    "RoundStatus",
    "Tie",
    "TieKind",
    "Verdict",
    "answer_columns",
    "any_round_open",
    "check_answers",
    "close_round",
    "create_round",
    "current_answers",
    "database_path",
    "erase_personal_data",
    "get_round",
    "has_coordinator_password",
    "invitations",
    "issue_links",
    "links_csv",
    "list_rounds",
    "open_link",
    "reminder_csv",
    "reopen_round",
    "revoke_link",
    "round_sources",
    "round_status",
    "save_draft",
    "set_coordinator_password",
    "submit",
    "submit_all",
    "submit_for",
    "ties_reported_about",
    "verify_coordinator",
]
