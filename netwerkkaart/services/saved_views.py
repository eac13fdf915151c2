"""Named network views, kept in ``<workspace>/views.json`` so colleagues on one workspace share them.

A view is stored as its query parameters (:meth:`graph.selection.Selection.to_query_params`), the
same text as in a bookmarked address, and parsed back with the same forgiving parser.
"""

from __future__ import annotations

import json
from contextlib import AbstractContextManager
from pathlib import Path

from graph.files import write_atomically
from graph.selection import Selection
from netwerkkaart.services.errors import UserError
from netwerkkaart.services.locking import locked

VIEWS_FILE = "views.json"
VIEWS_SCHEMA = "netwerkkaart-views/1"
MAX_NAME_LENGTH = 60


def views_path(workspace: Path) -> Path:
    return Path(workspace) / VIEWS_FILE


def load_views(workspace: Path) -> dict[str, Selection]:
    """Saved views by name (sorted); none when the file does not exist yet."""
    path = views_path(workspace)
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        views = data["views"] if data.get("schema") == VIEWS_SCHEMA else None
    except (OSError, ValueError, AttributeError, KeyError, TypeError) as exc:
        raise UserError(f"{path} is onleesbaar ({exc}); verwijder of herstel het bestand.") from exc
    if not isinstance(views, dict):
        raise UserError(f"{path} heeft een onbekend formaat; verwijder of herstel het bestand.")
    return {
        str(name): Selection.from_query_params(params if isinstance(params, dict) else {})
        for name, params in sorted(views.items())
    }


def _turn(workspace: Path) -> AbstractContextManager[None]:
    """Sessions saving views at the same moment take turns, so neither loses the other's view."""
    return locked(Path(workspace) / ".weergaven.lock")


def _write(workspace: Path, views: dict[str, Selection]) -> None:
    payload = {
        "schema": VIEWS_SCHEMA,
        "views": {name: view.to_query_params() for name, view in sorted(views.items())},
    }
    text = json.dumps(payload, ensure_ascii=False, indent=2)
    try:
        write_atomically(views_path(workspace), text.encode("utf-8"))
    except OSError as exc:
        raise UserError(f"Kan {views_path(workspace)} niet schrijven: {exc.strerror}") from exc


def clean_name(name: str) -> str:
    """A view name as stored: trimmed, 1–60 printable characters."""
    text = " ".join(str(name).split())
    if not text or len(text) > MAX_NAME_LENGTH or not text.isprintable():
        raise UserError(
            f"Geef de weergave een naam van 1 tot {MAX_NAME_LENGTH} tekens (geen regeleinden)."
        )
    return text


def save_view(workspace: Path, name: str, selection: Selection) -> str:
    """Store ``selection`` under ``name`` (replacing a view of that name); returns the name."""
    stored = clean_name(name)
    with _turn(workspace):
        views = load_views(workspace)
        views[stored] = selection
        _write(workspace, views)
    return stored


def delete_view(workspace: Path, name: str) -> None:
    with _turn(workspace):
        views = load_views(workspace)
        if name not in views:
            raise UserError(f"Er is geen opgeslagen weergave '{name}'.")
        del views[name]
        _write(workspace, views)
