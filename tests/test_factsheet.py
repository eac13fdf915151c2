"""Factsheets per municipality: one or two A4 pages, from the CLI as a user asks for them."""

from __future__ import annotations

import io
from pathlib import Path

import networkx as nx
import pytest
from pypdf import PdfReader

from graph.analysis.factsheet import factsheet, factsheet_context
from tests.cli_support import run
from tests.exports_support import BORNE, HOSTILE, hostile_graph
from tests.injection_support import XSS, hostile_workspace
from tests.waves_support import docx_text, pdf_text, two_round_graph
from views.documents.blocks import Table, plain
from views.documents.factsheet import factsheet_document, render_factsheet

#: Headings, each on a line of its own.
SECTIONS = {"Profiel", "Netwerk", "Banden", "Aanhaken", "Kennis delen", "Wat is er veranderd"}


def pages(payload: bytes) -> list:
    return PdfReader(io.BytesIO(payload)).pages


@pytest.fixture()
def built(workspace: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    assert run(capsys, "build")[0] == 0
    return workspace


def test_factsheet_of_dalfsen(built: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "d.pdf"
    code, stdout, err = run(capsys, "factsheet", "Dalfsen", "--out", str(out))
    assert (code, err, stdout) == (0, "", f"Factsheet van Dalfsen geschreven: {out}.\n")
    sheet = pages(out.read_bytes())
    assert 1 <= len(sheet) <= 2
    assert all(round(float(p.mediabox.height)) == 842 for p in sheet)  # A4 portrait
    assert sum(len(p.images) for p in sheet) == 1  # the ego map
    text = pdf_text(out.read_bytes())
    assert "Factsheet Dalfsen" in text and set(text.splitlines()) >= SECTIONS
    assert "Er is geen eerdere enquêteronde om mee te vergelijken." in text
    assert "Zwolle" in text  # Dalfsen's first hook-on suggestion
    assert "(voorbeelddata)" not in text  # example data only on request
    code, _, _ = run(capsys, "factsheet", "GM0148", "--out", str(tmp_path / "d.docx"))
    words = docx_text((tmp_path / "d.docx").read_bytes())
    assert code == 0 and "Factsheet Dalfsen" in words and set(words.splitlines()) >= SECTIONS


def test_factsheet_with_examples_marks_them(built: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "d.pdf"
    assert run(capsys, "factsheet", "Dalfsen", "--out", str(out), "--met-voorbeelden")[0] == 0
    text = pdf_text(out.read_bytes())
    assert "Vrijwilligerscentrale Dalfsen" in text and "(voorbeelddata)" in text
    assert 1 <= len(pages(out.read_bytes())) <= 2


def test_all_factsheets(
    built: Path, tmp_path: Path, capsys, shipped_graph: nx.MultiDiGraph
) -> None:
    municipalities = [
        a["naam"] for _, a in shipped_graph.nodes(data=True) if a["kind"] == "gemeente"
    ]
    assert len(municipalities) == 26
    folder = tmp_path / "fiches"
    code, out, err = run(capsys, "factsheet", "--alle", "--out", str(folder), "--met-voorbeelden")
    assert (code, err) == (0, "") and out == f"26 factsheets geschreven in {folder} (PDF).\n"
    written = sorted(folder.iterdir())
    assert len(written) == 26 and written[0].name == "factsheet-almelo.pdf"
    for path in written:
        payload = path.read_bytes()
        assert 1 <= len(pages(payload)) <= 2, path.name
    names = {pdf_text(p.read_bytes()).split("Factsheet ")[2].split("\n")[0] for p in written}
    assert names == set(municipalities)


def test_factsheet_mistakes_in_dutch(built: Path, tmp_path: Path, capsys) -> None:
    for args, message in (
        (("Dalfsn", "--out", str(tmp_path / "x.pdf")), "fout: gemeente 'Dalfsn' is onbekend; bedoelde u Dalfsen?\n"),
        (("--out", str(tmp_path / "x.pdf")), "fout: Geef een gemeente óf --alle.\n"),
        (("Dalfsen", "--alle", "--out", str(tmp_path)), "fout: Geef een gemeente óf --alle.\n"),
        (("Dalfsen", "--out", str(tmp_path / "x.odt")), "fout: --out: onbekend documentformaat '.odt'; kies .pdf of .docx.\n"),
    ):  # fmt: skip
        code, out, err = run(capsys, "factsheet", *args)
        assert (code, out, err) == (1, "", message)
    code, _, err = run(
        capsys, "factsheet", "--alle", "--out", str(tmp_path / "map"), "--format", "odt"
    )
    assert (code, err) == (1, "fout: --format: 'odt' is onbekend; kies pdf of docx.\n")
    (tmp_path / "file.pdf").write_bytes(b"old")
    code, _, err = run(capsys, "factsheet", "--alle", "--out", str(tmp_path / "file.pdf"))
    assert code == 1 and "is een bestand" in err
    assert (tmp_path / "file.pdf").read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file.pdf", "werkmap"]


def _tie_table(sheet_graph: nx.MultiDiGraph, gemeente: str) -> Table:
    sheet = factsheet(factsheet_context(sheet_graph, met_voorbeelden=True), gemeente)
    document = factsheet_document(sheet)
    return next(b for b in document.blocks if isinstance(b, Table) and b.header[0] == "Met")


def test_the_state_of_a_tie_is_a_column_only_when_recorded(
    shipped_graph: nx.MultiDiGraph,
) -> None:
    assert "Status" not in _tie_table(shipped_graph, "gemeente:GM0148").header
    stated = shipped_graph.copy()
    for u, _, attrs in stated.edges(data=True):
        if u == "gemeente:GM0148" and attrs["type"] == "FACILITEERT":
            attrs["status"] = "eenzijdig"
    table = _tie_table(stated, "gemeente:GM0148")
    column = table.header.index("Status")
    assert sorted({row[column] for row in table.rows}) == ["eenzijdig", "–"]


def test_what_changed_since_the_previous_round() -> None:
    graph = two_round_graph()
    ctx = factsheet_context(graph, met_voorbeelden=True)
    assert (ctx.ronde, ctx.vorige) == ("enquete:w2", "enquete:w1")
    changes = {
        c.veld: (c.toegevoegd, c.vervallen) for c in factsheet(ctx, "gemeente:GM0001").veranderingen
    }
    assert changes == {
        "Activiteiten": (("Beursvloer",), ("NL Doet",)),
        "Thema's": (("Beleid",), ("Match",)),
        "Ambitie": (("ja",), ("nee",)),
    }
    # Cee's answers of round 2 are examples, so it did not answer both rounds: the comparison
    # (graph.analysis.compare, the one rule) leaves it out, and the sheet says why
    cee = factsheet(ctx, "gemeente:GM0003")
    assert cee.veranderingen == () and not cee.vergeleken
    words = " ".join(pdf_text(render_factsheet(cee)).split())
    assert "alleen gemeenten die in beide rondes antwoordden, worden vergeleken" in words
    text = pdf_text(render_factsheet(factsheet(ctx, "gemeente:GM0001")))
    assert "Ronde 2 vergeleken met Ronde 1" in text and "Beursvloer" in text


def _squeezed(text: str) -> str:
    return "".join(text.split())


def test_hostile_names_and_notes_print_literally(workspace: Path, tmp_path: Path, capsys) -> None:
    hostile_workspace(workspace)
    for name in ("e.pdf", "e.docx"):
        code, _, err = run(capsys, "factsheet", "Enschede", "--out", str(tmp_path / name))
        assert (code, err) == (0, "")
    pdf = _squeezed(pdf_text((tmp_path / "e.pdf").read_bytes()))
    words = _squeezed(docx_text((tmp_path / "e.docx").read_bytes()))
    for text in XSS:  # as names of Enschede's partners and as notes on their ties
        assert _squeezed(text) in pdf, text
        assert _squeezed(text) in words, text


def test_hostile_and_non_latin_text_in_both_formats(shipped_graph: nx.MultiDiGraph) -> None:
    """Names, notes and sources of Borne's partners: markup, formulas, Cypher, a line separator,
    a snowman and a G clef. The PDF's font has no G clef: it prints U+FFFD, never a blank."""
    sheet = factsheet(factsheet_context(hostile_graph(shipped_graph), met_voorbeelden=True), BORNE)
    pdf = _squeezed(pdf_text(render_factsheet(sheet, "pdf")))
    words = _squeezed(docx_text(render_factsheet(sheet, "docx")))
    for text in HOSTILE:
        literal = _squeezed(plain(text))
        assert literal in words, text
        assert literal.replace("\U0001d11e", "\ufffd") in pdf, text
    assert "☃\ufffd" in pdf and "\x00" not in pdf


def test_a_busy_municipality_still_fits_on_two_pages(shipped_graph: nx.MultiDiGraph) -> None:
    """60 partners with long names: the lists are cut (and the rest counted) until it fits."""
    busy = shipped_graph.copy()
    for index in range(60):
        node = f"organisatie:druk-{index}"
        busy.add_node(node, kind="organisatie", naam=f"Stichting met een lange naam nr. {index}")
        busy.add_edge(
            "gemeente:GM0148", node, type="WERKT_SAMEN_MET", niveau="structureel",
            toelichting="samen aan de slag " * 4, bron="test", bron_type="gebruiker",
        )  # fmt: skip
    sheet = factsheet(factsheet_context(busy), "gemeente:GM0148")
    assert len(sheet.banden) == 60
    payload = render_factsheet(sheet, "pdf")
    assert len(pages(payload)) == 2
    assert "andere banden" in pdf_text(payload)
