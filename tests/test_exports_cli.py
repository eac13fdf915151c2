"""`netwerkkaart export`: one line gives a colleague a map or a file of exactly the selection."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import networkx as nx
import openpyxl
import pytest

from netwerkkaart.cli import main
from views.exports.jsonfmt import load_json_export


@pytest.fixture()
def built(workspace: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    assert main(["build"]) == 0
    capsys.readouterr()
    return workspace


def test_twente_map_for_a_colleague(
    built: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "twente.html"
    assert main(["export", "--format", "html", "--out", str(out), "--regio", "Regio Twente"]) == 0
    said = capsys.readouterr().out
    assert "Export geschreven" in said and "Regio Twente en hun partners" in said
    assert "voorbeelddata" in said
    page = out.read_text(encoding="utf-8")
    assert "Borne" in page and "Zwolle" not in page
    assert "Regio Twente en hun partners" in page and "Bronnen:" in page


def test_pdf_for_a_council_memo(built: Path, tmp_path: Path) -> None:
    out = tmp_path / "memo.pdf"
    code = main(
        [
            *("export", "--format", "pdf", "--out", str(out), "--regio", "Twente"),
            *("--papier", "a3", "--liggend", "--titel", "Raadsmemo MBO"),
        ]
    )
    assert code == 0
    box = re.search(rb"/MediaBox \[\s*0 0 ([\d.]+) ([\d.]+)", out.read_bytes())
    assert box and float(box.group(1)) == pytest.approx(1190.55, abs=0.5)


@pytest.mark.parametrize(
    ("args", "size"),
    [
        ([], (841.89, 595.28)),  # default A4-liggend
        (["--papier", "A4-staand"], (595.28, 841.89)),
        (["--papier", "a3-liggend"], (1190.55, 841.89)),
        (["--papier", "A3-staand"], (841.89, 1190.55)),
        (["--papier", "A4-liggend", "--staand"], (595.28, 841.89)),
    ],
)
def test_paper_and_orientation(
    built: Path, tmp_path: Path, args: list[str], size: tuple[float, float]
) -> None:
    out = tmp_path / "kaart.pdf"
    assert main(["export", "--format", "pdf", "--out", str(out), "--regio", "Twente", *args]) == 0
    box = re.search(rb"/MediaBox \[\s*0 0 ([\d.]+) ([\d.]+)", out.read_bytes())
    assert box and (float(box.group(1)), float(box.group(2))) == pytest.approx(size, abs=0.5)


def test_gexf_and_focus_with_hops(built: Path, tmp_path: Path) -> None:
    out = tmp_path / "borne.gexf"
    assert main(["export", "--format", "gexf", "--out", str(out), "--focus", "borne"]) == 0
    graph = nx.read_gexf(out)
    assert "gemeente:GM0147" in graph
    undirected = nx.Graph(graph.to_undirected())
    assert max(nx.single_source_shortest_path_length(undirected, "gemeente:GM0147").values()) == 1


def test_filters_combine_like_the_netwerk_page(built: Path, tmp_path: Path) -> None:
    out = tmp_path / "samen.json"
    code = main(
        [
            *("export", "--format", "json", "--out", str(out)),
            *("--relatie", "werkt samen met", "--bron-type", "enquete,voorbeeld"),
        ]
    )
    assert code == 0
    graph = load_json_export(out.read_bytes())
    assert graph.number_of_edges() > 0
    assert {a["type"] for *_, a in graph.edges(data=True)} == {"WERKT_SAMEN_MET"}


def test_gemeentekaart_gives_one_node_per_municipality(built: Path, tmp_path: Path) -> None:
    out = tmp_path / "gemeenten.json"
    assert main(["export", "--format", "json", "--out", str(out), "--weergave", "gemeenten"]) == 0
    document = json.loads(out.read_bytes())
    graph = load_json_export(out.read_bytes())
    assert {a["kind"] for _, a in graph.nodes(data=True)} == {"gemeente"}
    assert graph.number_of_nodes() == 26
    assert {a["type"] for *_, a in graph.edges(data=True)} == {"VERBONDEN_MET"}
    assert document["export"]["let_op"]  # the network under it holds example data
    page = tmp_path / "gemeenten.html"
    args = ["export", "--format", "html", "--out", str(page), "--weergave", "Gemeenten"]
    assert main(args) == 0
    assert "Gemeentekaart" in page.read_text(encoding="utf-8")


def test_maps_leave_vocabulary_out_unless_asked(built: Path, tmp_path: Path) -> None:
    page = tmp_path / "kaart.html"
    assert main(["export", "--format", "html", "--out", str(page)]) == 0
    assert "thema:kanteling" not in page.read_text(encoding="utf-8")
    assert main(["export", "--format", "html", "--out", str(page), "--begrippen"]) == 0
    assert "thema:kanteling" in page.read_text(encoding="utf-8")
    data = tmp_path / "alles.json"
    assert main(["export", "--format", "json", "--out", str(data)]) == 0
    assert "thema:kanteling" in load_json_export(data.read_bytes())


def test_csv_plain_style(built: Path, tmp_path: Path) -> None:
    out = tmp_path / "data.zip"
    assert main(["export", "--format", "csv", "--out", str(out), "--csv-stijl", "plain"]) == 0
    nodes = zipfile.ZipFile(io.BytesIO(out.read_bytes())).read("nodes.csv")
    assert nodes.startswith(b"id,kind,naam,")


def test_report_counts_example_rows_only_on_request(built: Path, tmp_path: Path) -> None:
    """The report's analyses follow the CLI: no example rows unless --met-voorbeelden."""
    plain, examples = tmp_path / "rapport.xlsx", tmp_path / "rapport-voorbeelden.xlsx"
    assert main(["export", "--format", "xlsx", "--out", str(plain)]) == 0
    assert main(["export", "--format", "xlsx", "--out", str(examples), "--met-voorbeelden"]) == 0

    def marked(path: Path) -> list[str]:
        sheet = openpyxl.load_workbook(path)["Aanhaken"]
        column = [c.value for c in sheet[1]].index("voorbeeld_factoren")
        return [r[column] for r in sheet.iter_rows(min_row=2, values_only=True) if r[column]]

    assert marked(plain) == [] and marked(examples)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "gephi"], "--format: 'gephi' is onbekend; kies uit html, png"),
        (
            ["--format", "png", "--papier", "A5"],
            "--papier: 'A5' is onbekend; kies uit A4-liggend, A4-staand, A3-liggend",
        ),
        (
            ["--format", "png", "--regio", "Twnte"],
            "--regio: 'Twnte' is onbekend; bedoelde u Regio Twente?",
        ),
        (
            ["--format", "json", "--focus", "Bornne"],
            "--focus: 'Bornne' is onbekend; bedoelde u Borne?",
        ),
        (["--format", "json", "--soort", "gemeentes"], "bedoelde u Gemeenten?"),
        (["--format", "json", "--relatie", "kent"], "--relatie: 'kent' is onbekend"),
        (["--format", "json", "--hops", "5", "--focus", "Borne"], "--hops: 5 kan niet"),
        (["--format", "csv", "--csv-stijl", "lotus"], "--csv-stijl: 'lotus' is onbekend"),
        (["--format", "json", "--weergave", "3d"], "--weergave: '3d' is onbekend; kies uit"),
        (
            ["--format", "json", "--soort", "thema", "--relatie", "LIGT_IN"],
            "De selectie is leeg: er is niets geschreven",
        ),
    ],
)
def test_mistakes_are_answered_in_dutch_and_change_nothing(
    built: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    message: str,
) -> None:
    folder = tmp_path / "uit"
    folder.mkdir()
    out = folder / "bestaand.bin"
    out.write_bytes(b"vorige versie")
    assert main(["export", "--out", str(out), *args]) == 1
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err
    assert out.read_bytes() == b"vorige versie"
    assert [p.name for p in folder.iterdir()] == ["bestaand.bin"]


def test_without_a_built_graph(workspace: Path, tmp_path: Path, capsys) -> None:
    assert main(["export", "--format", "json", "--out", str(tmp_path / "x.json")]) == 1
    assert "netwerkkaart build" in capsys.readouterr().err
