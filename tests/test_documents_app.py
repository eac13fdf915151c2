"""The note and factsheet downloads in the app (streamlit AppTest): the CLI's files, on a click."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from graph.stores.memory import MemoryStore
from netwerkkaart.services.workspace import build_and_save
from tests.waves_support import docx_text, pdf_text

APP = Path(__file__).resolve().parents[1] / "app.py"


def open_page(page: str, query: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.switch_page(page)
    at.query_params.update(query or {})
    at = at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def click(at: AppTest, key: str) -> AppTest:
    at.button(key=key).click()
    at = at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.fixture()
def built(workspace: Path) -> Path:
    assert build_and_save(workspace, MemoryStore(workspace)).ok
    return workspace


def test_overzicht_offers_the_note_of_the_round(built: Path, downloads: dict[str, bytes]) -> None:
    at = open_page("ui/pages/overzicht.py")
    assert {"ov_doc_make_pdf", "ov_doc_make_docx"} <= {b.key for b in at.button}
    at = click(at, "ov_doc_make_pdf")
    (name,) = downloads
    assert name == "samenvatting-mini-enquete-mbo-overijssel-2010.pdf"
    text = pdf_text(downloads[name])
    assert "11 van de 24" in text and "46%" in text and "voorbeeldantwoorden" not in text
    at.toggle(key="ov_doc_voorbeelden").set_value(True)
    at = click(at.run(), "ov_doc_make_docx")
    name = "samenvatting-mini-enquete-mbo-overijssel-2010-met-voorbeelden.docx"
    assert "volgens de voorbeeldantwoorden" in docx_text(downloads[name])


def test_gemeente_page_offers_its_factsheet(built: Path, downloads: dict[str, bytes]) -> None:
    at = open_page("ui/pages/gemeente.py", {"gemeente": "GM0148"})
    at = click(at, "gm_doc_make_pdf")
    assert "Factsheet Dalfsen" in pdf_text(downloads["factsheet-dalfsen.pdf"])
