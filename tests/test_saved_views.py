"""Named views in the workspace: stored, read back, removed; sessions saving at once lose none."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from graph.selection import Selection
from netwerkkaart.services.errors import UserError
from netwerkkaart.services.saved_views import delete_view, load_views, save_view


def test_a_view_is_stored_read_back_and_removed(tmp_path: Path) -> None:
    view = Selection.from_query_params({"hops": "2", "focus": "gemeente:GM0147"})
    assert save_view(tmp_path, "  Borne   en buren ", view) == "Borne en buren"
    assert load_views(tmp_path) == {"Borne en buren": view}
    delete_view(tmp_path, "Borne en buren")
    assert load_views(tmp_path) == {}
    with pytest.raises(UserError, match="Er is geen opgeslagen weergave 'Borne en buren'"):
        delete_view(tmp_path, "Borne en buren")


def test_views_saved_by_several_sessions_at_once_are_all_kept(tmp_path: Path) -> None:
    sessions, views_each = 6, 15
    start = threading.Barrier(sessions)

    def session(number: int) -> None:
        start.wait()
        for view in range(views_each):
            save_view(tmp_path, f"sessie {number} weergave {view}", Selection())

    threads = [threading.Thread(target=session, args=(n,)) for n in range(sessions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert len(load_views(tmp_path)) == sessions * views_each
