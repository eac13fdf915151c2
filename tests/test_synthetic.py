"""The synthetic data generator: reproducible, loads clean, the promised sizes, always marked."""

from __future__ import annotations

import csv
import json
import math
import re
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest

from data import DATA_DIR
from graph.model import NodeKind, RelType
from graph.selection import NODE_CAP
from netwerkkaart.cli import main
from netwerkkaart.cli.synthetic import SIZES, generate
from netwerkkaart.services.workspace import build
from views.exports.registry import render_export


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _built(folder: Path) -> nx.MultiDiGraph:
    outcome = build(folder / "geen-werkmap", folder)
    problems = [p.line() for p in outcome.result.report.problems]
    assert outcome.graph is not None and not problems, problems[:10]
    return outcome.graph


@pytest.fixture(scope="module")
def national(tmp_path_factory: pytest.TempPathFactory) -> nx.MultiDiGraph:
    return _built(generate("national", tmp_path_factory.mktemp("national")))


@pytest.fixture(scope="module")
def province(tmp_path_factory: pytest.TempPathFactory) -> nx.MultiDiGraph:
    return _built(generate("province", tmp_path_factory.mktemp("province")))


def test_same_seed_same_files_other_seed_other_files(tmp_path: Path) -> None:
    first = _files(generate("province", tmp_path / "a", seed=7))
    again = _files(generate("province", tmp_path / "b", seed=7))
    other = _files(generate("province", tmp_path / "c", seed=8))
    assert first == again
    assert first.keys() == other.keys()
    assert first["relaties.csv"] != other["relaties.csv"]
    assert first["gemeenten.csv"] != other["gemeenten.csv"]


def test_small_is_the_shipped_data(tmp_path: Path) -> None:
    folder = generate("small", tmp_path / "small")
    assert _files(folder) == {p.name: p.read_bytes() for p in sorted(DATA_DIR.glob("*.csv"))}


def test_unknown_size_is_refused_in_dutch(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="onbekende grootte 'heel-groot'; kies uit: small"):
        generate("heel-groot", tmp_path / "x")
    assert not (tmp_path / "x").exists()


def test_cli_writes_a_folder_that_builds(
    tmp_path: Path, workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "synthetisch"
    assert main(["synthetisch", "--grootte", "province", "--out", str(out), "--seed", "3"]) == 0
    assert main(["build", "--data", str(out)]) == 0
    assert _files(out) == _files(generate("province", tmp_path / "zelfde", seed=3))
    assert main(["synthetisch", "--grootte", "enorm", "--out", str(out)]) == 1
    assert "onbekende grootte 'enorm'" in capsys.readouterr().err


@pytest.mark.parametrize("name", ["province", "national"])
def test_sizes_are_roughly_as_promised(name: str, request: pytest.FixtureRequest) -> None:
    graph: nx.MultiDiGraph = request.getfixturevalue(name)
    size = SIZES[name]
    assert size is not None
    kinds = Counter(a["kind"] for _, a in graph.nodes(data=True))
    organisations = sum(
        kinds[k]
        for k in (NodeKind.ONDERNEMERSNETWERK, NodeKind.VRIJWILLIGERSCENTRALE, NodeKind.ORGANISATIE)
    )
    assert kinds[NodeKind.GEMEENTE] == size.municipalities
    assert organisations == size.organisations
    assert 0.9 * size.relationships <= graph.number_of_edges() <= 1.1 * size.relationships
    assert kinds[NodeKind.PROVINCIE] == size.provinces


def test_every_node_and_relationship_is_synthetic(national: nx.MultiDiGraph) -> None:
    node_types = Counter(a.get("bron_type") for _, a in national.nodes(data=True))
    edge_types = Counter(
        (a.get("type") == "RAAKT_THEMA", a.get("bron_type")) for *_, a in national.edges(data=True)
    )
    assert set(node_types) == {"synthetisch"}
    # every row is synthetic; the loader's activity-theme links are the project's own reading
    assert set(edge_types) == {(False, "synthetisch"), (True, "afgeleid")}
    names = [a["naam"] for n, a in national.nodes(data=True) if a["kind"] == NodeKind.GEMEENTE]
    assert all(n.startswith("Synthetisch") for n in names)


def test_proportions_look_like_a_country(national: nx.MultiDiGraph) -> None:
    """A volunteer centre in most municipalities, a realistic population spread, local ties."""
    nodes = national.nodes
    municipalities = [n for n, a in nodes(data=True) if a["kind"] == NodeKind.GEMEENTE]
    centres = [n for n, a in nodes(data=True) if a["kind"] == NodeKind.VRIJWILLIGERSCENTRALE]
    assert 0.7 * len(municipalities) <= len(centres) <= len(municipalities)
    population = sorted(nodes[m]["inwoners_recent"] for m in municipalities)
    median = population[len(population) // 2]
    assert 18_000 <= median <= 40_000 and population[-1] > 5 * median
    homes: dict[str, set[str]] = {}
    neighbours: dict[str, set[str]] = {m: {m} for m in municipalities}
    for u, v, a in national.edges(data=True):
        if a["type"] == RelType.ACTIEF_IN:
            homes.setdefault(u, set()).add(v)
        elif a["type"] == RelType.GRENST_AAN:
            neighbours[u].add(v)
            neighbours[v].add(u)
    subsidies = [
        (u, v)
        for u, v, a in national.edges(data=True)
        if a["type"] == RelType.SUBSIDIEERT and nodes[u]["kind"] == NodeKind.GEMEENTE
    ]
    distant = sum(1 for u, v in subsidies if neighbours[u].isdisjoint(homes[v]))
    assert subsidies and distant < 0.05 * len(subsidies)


def test_municipalities_lie_in_their_area(province: nx.MultiDiGraph) -> None:
    size = SIZES["province"]
    assert size is not None
    south, north, west, east = size.area
    for _, attrs in province.nodes(data=True):
        if attrs["kind"] == NodeKind.GEMEENTE:
            assert south <= attrs["lat"] <= north and west <= attrs["lon"] <= east
            assert not math.isnan(attrs["lat"])


def test_vocabulary_is_the_shipped_one(tmp_path: Path) -> None:
    folder = generate("province", tmp_path / "p")

    def keys(path: Path) -> list[tuple[str, str, str]]:
        with path.open(encoding="utf-8") as handle:
            return [(r["soort"], r["sleutel"], r["label"]) for r in csv.DictReader(handle)]

    assert keys(folder / "vocabulaire.csv") == keys(DATA_DIR / "vocabulaire.csv")


def test_html_export_of_a_province_is_reduced_with_a_notice(province: nx.MultiDiGraph) -> None:
    """Exports, like the app, hand a browser at most NODE_CAP nodes, and say so."""
    page = render_export("html", province).decode("utf-8")
    nodes = json.loads(re.search(r"var nodes = new vis\.DataSet\((.*?)\);\n", page).group(1))
    assert len(nodes) == NODE_CAP
    assert f"Deze selectie telt {province.number_of_nodes()} nodes" in page
