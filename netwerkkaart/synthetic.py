"""Seeded synthetic input files at scale, in the same format as the shipped ``data/`` folder.

Used by the benchmark and by anyone who wants to see how the tool behaves with a whole country.
Every row is marked ``bron_type=synthetisch``; names say "Synthetisch" so nobody mistakes them
for real municipalities. The shipped vocabulary is copied, and activities, themes and formats are
drawn with the proportions of the shipped example answers.
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
ORG_KINDS = (("ondernemersnetwerk", 0.45), ("vrijwilligerscentrale", 0.15), ("organisatie", 0.40))
LEVELS = ("geen", "incidenteel", "structureel")


@dataclass(frozen=True)
class Size:
    """How much to generate: municipalities, organisations, relationships (approximate)."""

    municipalities: int
    organisations: int
    relationships: int
    waves: int = 2


SIZES: dict[str, Size | None] = {
    "small": None,  # the shipped data itself
    "province": Size(municipalities=25, organisations=2_000, relationships=10_000, waves=1),
    "national": Size(municipalities=342, organisations=20_000, relationships=100_000, waves=2),
}


def _write(path: Path, header: list[str], rows: list[list[object]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


def _answer_proportions() -> dict[str, Counter[str]]:
    """How often each value appears per multi-answer column in the shipped example answers."""
    counts: dict[str, Counter[str]] = {}
    with (DATA_DIR / "enquete_2010_antwoorden_voorbeeld.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for column in ("activiteiten", "beleidsterreinen", "struikelblokken", "themas", "werkvormen"):
        counts[column] = Counter(v for r in rows for v in r[column].split(";") if v)
    counts["_rows"] = Counter({"n": len(rows)})
    return counts


class _Generator:
    def __init__(self, size: Size, seed: int) -> None:
        self.size = size
        self.rng = np.random.default_rng(seed)
        self.proportions = _answer_proportions()

    def pick(self, column: str) -> list[str]:
        """Each value independently, with the shipped example's frequency."""
        n = self.proportions["_rows"]["n"]
        return [v for v, c in sorted(self.proportions[column].items()) if self.rng.random() < c / n]

    def municipalities(self) -> list[list[object]]:
        n = self.size.municipalities
        lat = self.rng.uniform(50.8, 53.4, n)
        lon = self.rng.uniform(3.6, 7.1, n)
        population = np.clip(self.rng.lognormal(math.log(28_000), 0.8, n), 900, 950_000).astype(int)
        provinces = self._nearest_centres(lat, lon, 12)
        rows = []
        for i in range(n):
            rows.append(
                [
                    f"GM{3000 + i:04d}",
                    f"Synthetisch {i + 1:04d}",
                    f"Provincie S{provinces[i] + 1:02d}",
                    "",
                    int(population[i] * 0.97),
                    int(population[i]),
                    2024,
                    round(float(lat[i]), 4),
                    round(float(lon[i]), 4),
                    round(float(self.rng.uniform(20, 300)), 2),
                    "",
                    BRON,
                    "synthetisch",
                    2024,
                ]
            )
        return rows

    def _nearest_centres(self, lat: np.ndarray, lon: np.ndarray, k: int) -> np.ndarray:
        centres = self.rng.choice(len(lat), size=min(k, len(lat)), replace=False)
        d = (lat[:, None] - lat[centres][None, :]) ** 2 + (
            lon[:, None] - lon[centres][None, :]
        ) ** 2
        return d.argmin(axis=1)

    def borders(self, munis: list[list[object]]) -> list[list[object]]:
        lat = np.array([m[7] for m in munis])
        lon = np.array([m[8] for m in munis]) * math.cos(math.radians(52))
        pairs: set[tuple[int, int]] = set()
        for i in range(len(munis)):
            d = (lat - lat[i]) ** 2 + (lon - lon[i]) ** 2
            for j in np.argsort(d)[1:5]:
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
                "synthetisch",
                2024,
            ]
            for a, b in sorted(pairs)
        ]

    def regions(self, munis: list[list[object]]) -> list[list[object]]:
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
                        "synthetisch",
                        2024,
                    ]
                )
        return rows

    def organisations(self, munis: list[list[object]]) -> list[list[object]]:
        kinds = [k for k, _ in ORG_KINDS]
        weights = [w for _, w in ORG_KINDS]
        chosen = self.rng.choice(len(kinds), size=self.size.organisations, p=weights)
        homes = self.rng.integers(len(munis), size=self.size.organisations)
        return [
            [
                f"s{i + 1:05d}",
                kinds[k],
                f"Synthetisch {kinds[k]} {i + 1:05d}",
                munis[h][0],
                "",
                BRON,
                "synthetisch",
                2024,
            ]
            for i, (k, h) in enumerate(zip(chosen, homes, strict=True))
        ]

    def surveys(
        self, munis: list[list[object]]
    ) -> tuple[list[list[object]], list[list[object]], list[list[object]]]:
        waves, participation, answers = [], [], []
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
                    "synthetisch",
                ]
            )
            responded = {m[0] for m in responders}
            for m in munis:
                status = "respondent" if m[0] in responded else "niet_gerespondeerd"
                participation.append([key, m[0], m[1], status, BRON, "synthetisch"])
            for m in responders:
                answers.append(
                    [
                        key,
                        m[0],
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
                        "synthetisch",
                    ]
                )
        return waves, participation, answers

    def relations(
        self, munis: list[list[object]], orgs: list[list[object]], budget: int
    ) -> list[list[object]]:
        """Municipality–organisation and organisation–organisation ties, each pair once per type."""
        by_home: dict[str, list[int]] = {}
        for index, org in enumerate(orgs):
            by_home.setdefault(str(org[3]), []).append(index)
        activities = sorted(self.proportions["activiteiten"])
        seen: set[tuple[str, str, str]] = set()
        rows: list[list[object]] = []
        attempts = 0
        while len(rows) < budget and attempts < budget * 3:
            attempts += 1
            org = orgs[int(self.rng.integers(len(orgs)))]
            draw = self.rng.random()
            if draw < 0.35:
                home = munis[int(self.rng.integers(len(munis)))]
                rel = {
                    "ondernemersnetwerk": "WERKT_SAMEN_MET",
                    "vrijwilligerscentrale": "FACILITEERT",
                }.get(str(org[1]), "SUBSIDIEERT")
                triple = ("gemeente", str(home[0]), rel, str(org[1]), str(org[2]))
                level = LEVELS[1 + int(self.rng.integers(2))]
            elif draw < 0.55:
                home = munis[int(self.rng.integers(len(munis)))]
                triple = (str(org[1]), str(org[2]), "ACTIEF_IN", "gemeente", str(home[0]))
                level = ""
            elif draw < 0.75:
                triple = (
                    str(org[1]),
                    str(org[2]),
                    "ORGANISEERT",
                    "activiteit",
                    activities[int(self.rng.integers(len(activities)))],
                )
                level = ""
            else:
                near = by_home.get(str(org[3]), [])
                other = (
                    orgs[near[int(self.rng.integers(len(near)))]]
                    if near and self.rng.random() < 0.7
                    else orgs[int(self.rng.integers(len(orgs)))]
                )
                if other is org:
                    continue
                triple = (str(org[1]), str(org[2]), "WERKT_SAMEN_MET", str(other[1]), str(other[2]))
                level = LEVELS[1 + int(self.rng.integers(2))]
            identity = (triple[1], triple[2], triple[4])
            if identity in seen:
                continue
            seen.add(identity)
            rows.append([*triple, level, "", BRON, "synthetisch", 2024])
        return rows


def generate(size_name: str, out_dir: Path, seed: int = 20100330) -> Path:
    """Write a complete data folder of the named size into ``out_dir`` and return it."""
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
    shutil.copyfile(DATA_DIR / "vocabulaire.csv", out_dir / "vocabulaire.csv")
    munis = gen.municipalities()
    _write(
        out_dir / "gemeenten.csv",
        [
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
        munis,
    )
    _write(
        out_dir / "grenzen.csv",
        [
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
        gen.borders(munis),
    )
    _write(
        out_dir / "regio_lidmaatschap.csv",
        [
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
        gen.regions(munis),
    )
    waves, participation, answers = gen.surveys(munis)
    _write(
        out_dir / "enquetes.csv",
        [
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
        waves,
    )
    _write(
        out_dir / "enquete_deelname.csv",
        ["enquete", "cbs_code", "gemeente", "status", "bron", "bron_type"],
        participation,
    )
    with (DATA_DIR / "enquete_2010_antwoorden_voorbeeld.csv").open(encoding="utf-8") as handle:
        answer_header = next(csv.reader(handle))
    _write(out_dir / "enquete_synthetisch_antwoorden.csv", answer_header, answers)
    orgs = gen.organisations(munis)
    _write(
        out_dir / "organisaties.csv",
        ["sleutel", "soort", "naam", "gemeente", "omschrijving", "bron", "bron_type", "jaar"],
        orgs,
    )
    fixed = sum(1 for _ in orgs) + len(munis) * 3
    _write(
        out_dir / "relaties.csv",
        [
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
        gen.relations(munis, orgs, max(0, size.relationships - fixed)),
    )
    return out_dir
