"""One path per job: ``netwerkkaart export`` and the app's download buttons give the same bytes.

The same selection (Regio Twente, the Netwerk page's default options, the concept nodes left out)
is exported once with the CLI and once through the Export page's real download buttons (Streamlit
AppTest), for every format; the files must be byte-identical. Both date the export today, so the
comparison also shows that no format carries a clock time of its own (zip entries, workbook
properties, PDF/PNG/SVG metadata).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest

from graph.selection import Selection
from netwerkkaart.cli import main
from views.exports.registry import EXPORTS

APP = Path(__file__).resolve().parents[1] / "app.py"
TWENTE = "regio:regio-twente"


@pytest.fixture()
def built(workspace: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    assert main(["build"]) == 0
    capsys.readouterr()
    return workspace


def app_downloads(monkeypatch: pytest.MonkeyPatch, selection: Selection) -> dict[str, bytes]:
    """Extension -> bytes of every download the Export page hands out for ``selection``."""
    stored: dict[str, bytes] = {}
    original = MemoryMediaFileStorage.load_and_get_id

    def record(self, path_or_data, mimetype, kind, filename=None):  # type: ignore[no-untyped-def]
        if filename and isinstance(path_or_data, bytes):
            stored[filename.rsplit(".", 1)[1]] = path_or_data
        return original(self, path_or_data, mimetype, kind, filename)

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", record)
    at = AppTest.from_file(str(APP), default_timeout=300)
    at.switch_page("ui/pages/export.py")
    at.query_params.update(selection.to_query_params())
    at.run()
    for name in EXPORTS:
        at.button(key=f"exp_make_{name}").click()
        at.run()
        assert not at.exception, [e.value for e in at.exception]
    return stored


def cli_file(name: str, out: Path, *args: str) -> bytes:
    assert main(["export", "--format", name, "--out", str(out), *args]) == 0
    return out.read_bytes()


def test_cli_and_app_give_byte_identical_files(
    built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    downloads = app_downloads(monkeypatch, Selection(regions=frozenset({TWENTE})))
    assert len(downloads) == len(EXPORTS) == 10
    differing = [
        name
        for name, fmt in EXPORTS.items()
        if cli_file(
            name, tmp_path / f"cli.{fmt.extension}", "--regio", "Regio Twente", "--zonder-begrippen"
        )
        != downloads[fmt.extension]
    ]
    assert differing == []


def test_the_gemeentekaart_too(
    built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The aggregated view takes the same path (its sources come from the network under it)."""
    selection = Selection(view="gemeenten", kinds=frozenset({"gemeente", "organisatie"}))
    downloads = app_downloads(monkeypatch, selection)
    for name in ("html", "json", "xlsx"):
        made = cli_file(
            name,
            tmp_path / f"kaart.{EXPORTS[name].extension}",
            "--weergave",
            "gemeenten",
            "--soort",
            "gemeente",
            "--soort",
            "organisatie",
            "--zonder-begrippen",
        )
        assert made == downloads[EXPORTS[name].extension], name
