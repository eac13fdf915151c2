"""Seeded synthetic input files at scale, in the same format as the shipped ``data/`` folder.

Used by the benchmark and by anyone who wants to see how the tool behaves with a whole country.
Every row, the copied vocabulary included, is marked ``bron_type=synthetisch``; names say
"Synthetisch" so nobody mistakes them for real municipalities or organisations.

What makes the data look like the real thing (so timings mean something):

- municipalities spread over the Netherlands' (or one province's) bounding box, populations log-normal around the
  Dutch median (about 28,000; from 900 to 950,000), borders between near neighbours, provinces
  and regions as clusters of neighbours, two or three regions for some municipalities;
- most municipalities have one volunteer centre; the other organisations are business networks
  (30%) and social organisations (70%), located in proportion to population;
- relationships are mostly local (the home municipality or a neighbour), activities are drawn
  with the shipped example answers' frequencies, survey response is 46% as in 2010;
- answers name the municipality's own volunteer centre and some of its business networks
  (mostly the same from wave to wave, at levels drawn per wave) and now and then a neighbour
  it hooks on at, so two waves differ as rounds do (``netwerkkaart vergelijk``).

>>> import tempfile
>>> folder = generate("province", Path(tempfile.mkdtemp()), seed=1)
>>> sorted(p.name for p in folder.iterdir())[:3]
['enquete_deelname.csv', 'enquete_synthetisch_antwoorden.csv', 'enquetes.csv']
"""

from __future__ import annotations

import csv
import math
import shutil
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from data import DATA_DIR

BRON = "synthetische benchmarkdata (netwerkkaart synthetisch)"
BRON_TYPE = "synthetisch"
YEAR = 2024
#: Share of municipalities with their own volunteer centre (others share a neighbour's).
VOLUNTEER_CENTRE_SHARE = 0.85
#: The other organisations: business networks and social organisations.
ORG_KINDS = (("ondernemersnetwerk", 0.30), ("organisatie", 0.70))
#: How a municipality relates to an organisation of each kind (relaties.csv).
MUNICIPAL_REL = {
    "ondernemersnetwerk": "WERKT_SAMEN_MET",
    "vrijwilligerscentrale": "FACILITEERT",
    "organisatie": "SUBSIDIEERT",
}
LEVELS = ("geen", "incidenteel", "structureel")
#: Share of relationships that stay in the home municipality (the rest go to a neighbour).
LOCAL_SHARE = 0.8
#: Business networks a municipality names in its answers (at most), the chance it names one
#: of them again in a later wave, and the share of answers naming a neighbour to hook on at.
ANSWER_NETWORKS = 3
NAMED_AGAIN = 0.8
HOOK_ON_SHARE = 0.15
ANSWER_COLUMNS = ("activiteiten", "beleidsterreinen", "struikelblokken", "themas", "werkvormen")

Row = list[str | int | float]  # one CSV row: its cells


@dataclass(frozen=True)
class Size:
    """How much to generate: municipalities, organisations, relationships (approximate), survey
    waves, provinces, and the area (south, north, west, east in degrees) they lie in."""

    municipalities: int
    organisations: int
    relationships: int
    waves: int = 2
    provinces: int = 12
    area: tuple[float, float, float, float] = (50.8, 53.4, 3.6, 7.1)


SIZES: dict[str, Size | None] = {
    "small": None,  # the shipped data itself
    "province": Size(
        municipalities=25,
        organisations=2_000,
        relationships=10_000,
        waves=1,
        provinces=1,
        area=(52.2, 52.8, 5.8, 7.1),  # about Overijssel
    ),
    "national": Size(municipalities=342, organisations=20_000, relationships=100_000, waves=2),
}

HEADERS: dict[str, list[str]] = {
    "gemeenten.csv": [
        "cbs_code",
        "naam",
        "provincie",
        "hoofdplaats",
        "inwoners_2015",
        "inwoners_recent",
        "inwoners_recent_jaar",
        "lat",
        "lon",
        "oppervlakte_land_km2",
        "corop",
        "bron",
        "bron_type",
        "jaar",
    ],
    "grenzen.csv": [
        "van_cbs",
        "naar_cbs",
        "van",
        "naar",
        "gedeelde_grens_km",
        "opmerking",
        "bron",
        "bron_type",
        "jaar",
    ],
    "regio_lidmaatschap.csv": [
        "cbs_code",
        "gemeente",
        "regio",
        "soort",
        "lid_in_2010",
        "toelichting",
        "bron",
        "bron_type",
        "jaar",
    ],
    "enquetes.csv": [
        "sleutel",
        "naam",
        "jaar",
        "periode",
        "afzender_cbs",
        "uitgenodigd",
        "respondenten",
        "respons_pct",
        "omschrijving",
        "bron",
        "bron_type",
    ],
    "enquete_deelname.csv": ["enquete", "cbs_code", "gemeente", "status", "bron", "bron_type"],
    "organisaties.csv": [
        "sleutel",
        "soort",
        "naam",
        "gemeente",
        "omschrijving",
        "bron",
        "bron_type",
        "jaar",
    ],
    "relaties.csv": [
        "van_soort",
        "van",
        "relatie",
        "naar_soort",
        "naar",
        "niveau",
        "toelichting",
        "bron",
        "bron_type",
        "jaar",
    ],
}
ANSWERS_FILE = "enquete_synthetisch_antwoorden.csv"
EXAMPLE_ANSWERS = DATA_DIR / "enquete_2010_antwoorden_voorbeeld.csv"


def _write(path: Path, header: list[str], rows: list[Row]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


def _copy_vocabulary(out_dir: Path) -> None:
    """The shipped vocabulary (keys, labels, synonyms), re-marked as synthetic provenance."""
    with (DATA_DIR / "vocabulaire.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        row.update(bron=BRON, bron_type=BRON_TYPE, jaar=str(YEAR))
    with (out_dir / "vocabulaire.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def _answer_proportions() -> tuple[int, dict[str, Counter[str]]]:
    """Rows in the shipped example answers, and how often each value appears per column."""
    with EXAMPLE_ANSWERS.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    counts = {c: Counter(v for r in rows for v in r[c].split(";") if v) for c in ANSWER_COLUMNS}
    return len(rows), counts


class _Generator:
    """One seeded run; methods are called in file order and share the random state."""

    def __init__(self, size: Size, seed: int) -> None:
        self.size = size
        self.rng = np.random.default_rng(seed)
        self.answer_rows, self.proportions = _answer_proportions()

    def pick(self, column: str) -> list[str]:
        """Each value independently, with the shipped example's frequency."""
        n = self.answer_rows
        return [v for v, c in sorted(self.proportions[column].items()) if self.rng.random() < c / n]

    def _nearest_centres(self, lat: np.ndarray, lon: np.ndarray, k: int) -> np.ndarray:
        centres = self.rng.choice(len(lat), size=min(k, len(lat)), replace=False)
        d = (lat[:, None] - lat[centres][None, :]) ** 2 + (
            lon[:, None] - lon[centres][None, :]
        ) ** 2
        return d.argmin(axis=1)

    def municipalities(self) -> list[Row]:
        n = self.size.municipalities
        south, north, west, east = self.size.area
        lat = self.rng.uniform(south, north, n)
        lon = self.rng.uniform(west, east, n)
        population = np.clip(self.rng.lognormal(math.log(28_000), 0.8, n), 900, 950_000).astype(int)
        provinces = self._nearest_centres(lat, lon, self.size.provinces)
        return [
            [
                f"GM{3000 + i:04d}",
                f"Synthetisch {i + 1:04d}",
                f"Provincie S{provinces[i] + 1:02d}",
                "",
                int(population[i] * 0.97),
                int(population[i]),
                YEAR,
                round(float(lat[i]), 4),
                round(float(lon[i]), 4),
                round(float(self.rng.uniform(20, 300)), 2),
                "",
                BRON,
                BRON_TYPE,
                YEAR,
            ]
            for i in range(n)
        ]

    def borders(self, munis: list[Row]) -> list[Row]:
        """Each municipality borders its four nearest neighbours (and whoever chose it)."""
        lat = np.array([m[7] for m in munis])
        lon = np.array([m[8] for m in munis]) * math.cos(math.radians(52))
        pairs: set[tuple[int, int]] = set()
        for i in range(len(munis)):
            d = (lat - lat[i]) ** 2 + (lon - lon[i]) ** 2
            for j in np.argsort(d, kind="stable")[1:5]:
                pairs.add((min(i, int(j)), max(i, int(j))))
        return [
            [
                munis[a][0],
                munis[b][0],
                munis[a][1],
                munis[b][1],
                round(float(self.rng.uniform(1, 25)), 2),
                "",
                BRON,
                BRON_TYPE,
                YEAR,
            ]
            for a, b in sorted(pairs)
        ]

    def regions(self, munis: list[Row]) -> list[Row]:
        lat = np.array([m[7] for m in munis])
        lon = np.array([m[8] for m in munis])
        count = max(2, len(munis) // 9)
        primary = self._nearest_centres(lat, lon, count)
        rows = []
        for i, m in enumerate(munis):
            member_of = {int(primary[i])}
            if self.rng.random() < 0.5:
                member_of.add(int(self.rng.integers(count)))
            for r in sorted(member_of):
                certainty = "onzeker" if self.rng.random() < 0.2 else "ja"
                rows.append(
                    [
                        m[0],
                        m[1],
                        f"Synthetische regio {r + 1:03d}",
                        "regionale samenwerking",
                        certainty,
                        "",
                        BRON,
                        BRON_TYPE,
                        YEAR,
                    ]
                )
        return rows

    def organisations(self, munis: list[Row]) -> list[Row]:
        """A volunteer centre in most municipalities; the rest placed by population."""
        homes = [i for i in range(len(munis)) if self.rng.random() < VOLUNTEER_CENTRE_SHARE]
        kinds = ["vrijwilligerscentrale"] * len(homes)
        rest = max(0, self.size.organisations - len(homes))
        population = np.array([float(m[5]) for m in munis])
        homes += [
            int(h) for h in self.rng.choice(len(munis), rest, p=population / population.sum())
        ]
        names = [k for k, _ in ORG_KINDS]
        shares = [w for _, w in ORG_KINDS]
        kinds += [names[int(k)] for k in self.rng.choice(len(names), rest, p=shares)]
        return [
            [
                f"s{i + 1:05d}",
                kind,
                f"Synthetisch {kind} {i + 1:05d}",
                munis[home][0],
                "",
                BRON,
                BRON_TYPE,
                YEAR,
            ]
            for i, (kind, home) in enumerate(zip(kinds, homes, strict=True))
        ]

    def surveys(self, munis: list[Row]) -> tuple[list[Row], list[Row], list[Row]]:
        waves: list[Row] = []
        participation: list[Row] = []
        answers: list[Row] = []
        for w in range(self.size.waves):
            key = f"s{2010 + 2 * w}"
            responders = [m for m in munis if self.rng.random() < 0.46]
            waves.append(
                [
                    key,
                    f"Synthetische enquête {2010 + 2 * w}",
                    2010 + 2 * w,
                    "",
                    munis[0][0],
                    len(munis),
                    len(responders),
                    round(100 * len(responders) / len(munis)),
                    "",
                    BRON,
                    BRON_TYPE,
                ]
            )
            responded = {m[0] for m in responders}
            for m in munis:
                status = "respondent" if m[0] in responded else "niet_gerespondeerd"
                participation.append([key, m[0], m[1], status, BRON, BRON_TYPE])
            answers += [self._answer(key, m) for m in responders]
        return waves, participation, answers

    def _answer(self, wave: str, muni: Row) -> Row:
        """One municipality's answers, in the column order of the shipped answers file."""
        return [
            wave,
            muni[0],
            ";".join(self.pick("activiteiten")),
            "",
            "",
            LEVELS[int(self.rng.integers(3))],
            LEVELS[int(self.rng.choice(3, p=[0.4, 0.45, 0.15]))],
            ";".join(self.pick("beleidsterreinen")),
            "nee",
            LEVELS[int(self.rng.choice(3, p=[0.3, 0.6, 0.1]))],
            "",
            "ja" if self.rng.random() < 0.5 else "nee",
            ";".join(self.pick("struikelblokken")),
            "ja" if self.rng.random() < 0.8 else "nee",
            ";".join(self.pick("themas")),
            ";".join(self.pick("werkvormen")),
            "",
            "",
            BRON_TYPE,
        ]

    def relations(
        self, munis: list[Row], borders: list[Row], orgs: list[Row], budget: int
    ) -> list[Row]:
        """Municipality–organisation and organisation–organisation ties, each pair once per
        type, mostly within the home municipality or a neighbour."""
        neighbours: dict[object, list[object]] = {m[0]: [] for m in munis}
        for border in borders:
            neighbours[border[0]].append(border[1])
            neighbours[border[1]].append(border[0])
        by_home: dict[object, list[Row]] = {}
        for org in orgs:
            by_home.setdefault(org[3], []).append(org)
        activity_counts = self.proportions["activiteiten"]
        activities = sorted(activity_counts)
        weights = np.array([activity_counts[a] for a in activities], dtype=float)
        weights /= weights.sum()

        def nearby(home: object) -> object:
            near = neighbours[home]
            if not near or self.rng.random() < LOCAL_SHARE:
                return home
            return near[int(self.rng.integers(len(near)))]

        seen = {(str(o[2]), "ACTIEF_IN", str(o[3])) for o in orgs}  # organisaties.csv has those
        rows: list[Row] = []
        attempts = 0
        while len(rows) < budget and attempts < budget * 3:
            attempts += 1
            org = orgs[int(self.rng.integers(len(orgs)))]
            kind, name, home = str(org[1]), str(org[2]), org[3]
            draw = self.rng.random()
            level = ""
            if draw < 0.35:
                triple = ("gemeente", str(nearby(home)), MUNICIPAL_REL[kind], kind, name)
                level = LEVELS[1 + int(self.rng.integers(2))]
            elif draw < 0.55:
                near = neighbours[home]
                elsewhere = near[int(self.rng.integers(len(near)))] if near else home
                triple = (kind, name, "ACTIEF_IN", "gemeente", str(elsewhere))
            elif draw < 0.75:
                activity = activities[int(self.rng.choice(len(activities), p=weights))]
                triple = (kind, name, "ORGANISEERT", "activiteit", activity)
            else:
                candidates = by_home.get(nearby(home), [])
                if not candidates:
                    continue
                other = candidates[int(self.rng.integers(len(candidates)))]
                if other is org:
                    continue
                triple = (kind, name, "WERKT_SAMEN_MET", str(other[1]), str(other[2]))
                level = LEVELS[1 + int(self.rng.integers(2))]
            identity = (triple[1], triple[2], triple[4])
            if identity in seen:
                continue
            seen.add(identity)
            rows.append([*triple, level, "", BRON, BRON_TYPE, YEAR])
        return rows


def _answer_ties(answers: list[Row], borders: list[Row], orgs: list[Row], seed: int) -> None:
    """Fill the answers' tie columns (business networks, volunteer centre, hook-on) in place.

    The organisations are made after the answers, so this runs last, with a random generator
    of its own: every other file stays as it was without these columns.
    """
    rng = np.random.default_rng([seed, 1])
    centres: dict[object, str] = {}
    networks: dict[object, list[str]] = {}
    for org in orgs:
        if org[1] == "vrijwilligerscentrale":
            centres.setdefault(org[3], str(org[2]))
        elif org[1] == "ondernemersnetwerk":
            networks.setdefault(org[3], []).append(str(org[2]))
    neighbours: dict[object, list[object]] = {}
    for border in borders:
        neighbours.setdefault(border[0], []).append(border[1])
        neighbours.setdefault(border[1], []).append(border[0])
    named: dict[object, list[str]] = {}  # per municipality, the networks it names at all
    for answer in answers:
        muni = answer[1]
        if muni not in named:
            own = networks.get(muni, [])
            count = int(rng.integers(0, min(ANSWER_NETWORKS, len(own)) + 1))
            named[muni] = [own[int(i)] for i in rng.choice(len(own), count, replace=False)]
        answer[3] = ";".join(n for n in named[muni] if rng.random() < NAMED_AGAIN)
        answer[4] = centres.get(muni, "")
        near = neighbours.get(muni, [])
        if near and rng.random() < HOOK_ON_SHARE:
            answer[16] = str(near[int(rng.integers(len(near)))])


def _answer_relationships(answers: list[Row]) -> int:
    """Relationships the answers file makes: one per named value, one per answered wave."""
    columns = (
        2,
        7,
        12,
        14,
        15,
    )  # activiteiten, beleidsterreinen, struikelblokken, themas, werkvormen
    return sum(len([v for v in str(a[c]).split(";") if v]) for a in answers for c in columns) + len(
        answers
    )


def generate(size_name: str, out_dir: Path, seed: int = 20100330) -> Path:
    """Write a complete data folder of the named size into ``out_dir`` and return it.

    The same ``size_name`` and ``seed`` always give byte-identical files.
    """
    if size_name not in SIZES:
        raise ValueError(f"onbekende grootte '{size_name}'; kies uit: {', '.join(SIZES)}")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    size = SIZES[size_name]
    if size is None:
        for path in DATA_DIR.glob("*.csv"):
            shutil.copyfile(path, out_dir / path.name)
        return out_dir
    gen = _Generator(size, seed)
    _copy_vocabulary(out_dir)
    munis = gen.municipalities()
    borders = gen.borders(munis)
    regions = gen.regions(munis)
    waves, participation, answers = gen.surveys(munis)
    orgs = gen.organisations(munis)
    with EXAMPLE_ANSWERS.open(encoding="utf-8") as handle:
        answer_header = next(csv.reader(handle))
    made = (
        len(munis)  # LIGT_IN
        + len(borders)
        + len(regions)
        + len(participation)
        + _answer_relationships(answers)
        + len(orgs)  # ACTIEF_IN of each organisation's home
    )
    relations = gen.relations(munis, borders, orgs, max(0, size.relationships - made))
    _answer_ties(answers, borders, orgs, seed)
    files: dict[str, list[Row]] = {
        "gemeenten.csv": munis,
        "grenzen.csv": borders,
        "regio_lidmaatschap.csv": regions,
        "enquetes.csv": waves,
        "enquete_deelname.csv": participation,
        "organisaties.csv": orgs,
        "relaties.csv": relations,
    }
    for name, rows in files.items():
        _write(out_dir / name, HEADERS[name], rows)
    _write(out_dir / ANSWERS_FILE, answer_header, answers)
    return out_dir
