"""A workspace with an open survey round and its links, and what a page shows, for the
questionnaire's app and browser tests."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from streamlit.testing.v1 import AppTest

from netwerkkaart.services import rounds

APP = Path(__file__).resolve().parents[1] / "app.py"
ROUND = "2027"
TITLE = "MBO 2027"
PASSWORD = "coordinator-geheim-2027"
#: Element kinds whose text a visitor reads.
TEXT_KINDS = (
    "title",
    "header",
    "subheader",
    "markdown",
    "caption",
    "error",
    "info",
    "success",
    "warning",
    "text",
)
WIDGET_KINDS = ("text_input", "text_area", "multiselect", "radio", "selectbox", "button")


def token_of(link: str) -> str:
    return parse_qs(urlsplit(link).query)["token"][0]


def open_round(
    home: Path, gemeenten: tuple[str, ...] = ("Borne", "Almelo", "Dalfsen")
) -> dict[str, str]:
    """Round 2027 for ``gemeenten``, links issued: municipality -> token."""
    rounds.create_round(home, ROUND, TITLE, gemeenten=list(gemeenten))
    links = rounds.issue_links(home, ROUND, "http://localhost:8501")
    return {link.gemeente: token_of(link.link) for link in links}


def app(query: dict[str, object] | None = None) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.query_params.update(query or {})
    return at.run()


def shown_texts(at: AppTest) -> list[str]:
    """The markdown source of every text element on the page (what st.markdown renders)."""
    return [str(element.value) for kind in TEXT_KINDS for element in at.get(kind)]


def widget_values(at: AppTest) -> list[str]:
    found = []
    for kind in WIDGET_KINDS:
        for widget in at.get(kind):
            found.append(str(getattr(widget, "label", "")))
            found.append(str(getattr(widget, "value", "")))
            found.extend(str(option) for option in getattr(widget, "options", []) or [])
    return found


def everything(at: AppTest) -> str:
    return "\n".join(shown_texts(at) + widget_values(at))
