"""Convert cartomap/nl's municipal TopoJSON into the compact GeoJSON shipped in data/ (run once).

Not on the runtime path: the app reads only ``data/gemeentegrenzen_2015.geojson``. To redo it,
take ``wgs84/gemeente_2015.topojson`` from https://github.com/cartomap/nl (CBS/PDOK, simplified,
WGS84) and run::

    .venv/bin/python scripts/grenzen_uit_topojson.py gemeente_2015.topojson

It keeps the municipalities of ``data/gemeenten.csv`` (fails when one is missing), decodes the
quantized, delta-encoded arcs, rounds to 4 decimals (the source is quantized to 0.001 degree, so
nothing is lost) and adds the outline of the province: the arcs that only one of the province's
municipalities uses.
"""

from __future__ import annotations

import csv
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "gemeentegrenzen_2015.geojson"
PROVINCE = "Overijssel"


def _decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Absolute (lon, lat) points per arc from the quantized, delta-encoded arcs."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    decoded = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((round(x * sx + tx, 4), round(y * sy + ty, 4)))
        decoded.append(points)
    return decoded


def _ring(indices: list[int], arcs: list[list[tuple[float, float]]]) -> list[list[float]]:
    """One closed ring: arcs joined end to start (``~i`` is arc ``i`` reversed)."""
    points: list[tuple[float, float]] = []
    for index in indices:
        part = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(part if not points else part[1:])
    if points[0] != points[-1]:
        raise SystemExit(f"ring does not close: arcs {indices}")
    return [list(p) for p in points]


def main(source: str) -> None:
    topology = json.loads(Path(source).read_text("utf-8"))
    arcs = _decode_arcs(topology)
    rows = list(csv.DictReader((ROOT / "data" / "gemeenten.csv").open(encoding="utf-8")))
    wanted = {r["cbs_code"]: r for r in rows}
    (collection,) = topology["objects"].values()
    found = {g["properties"]["statcode"]: g for g in collection["geometries"]}
    missing = sorted(set(wanted) - set(found))
    if missing:
        raise SystemExit(f"no boundary for {', '.join(missing)}")
    features = []
    in_province: Counter[int] = Counter()
    for code, row in wanted.items():
        geometry = found[code]
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        if row["provincie"] == PROVINCE:
            in_province.update(
                i if i >= 0 else ~i for poly in polygons for ring in poly for i in ring
            )
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "cbs_code": code,
                    "naam": geometry["properties"]["statnaam"],
                    "provincie": row["provincie"],
                },
                "geometry": {
                    "type": "MultiPolygon",
                    "coordinates": [[_ring(ring, arcs) for ring in poly] for poly in polygons],
                },
            }
        )
    outline = sorted(i for i, n in in_province.items() if n == 1)
    features.append(
        {
            "type": "Feature",
            "properties": {"provincie": PROVINCE, "soort": "provinciegrens"},
            "geometry": {
                "type": "MultiLineString",
                "coordinates": [[list(p) for p in arcs[i]] for i in outline],
            },
        }
    )
    result = {
        "type": "FeatureCollection",
        "bron": "CBS/PDOK gemeentegrenzen 2015 (gegeneraliseerd), via github.com/cartomap/nl",
        "jaar": 2015,
        "features": features,
    }
    OUT.write_text(json.dumps(result, ensure_ascii=False, separators=(",", ":")) + "\n", "utf-8")
    print(f"{OUT.relative_to(ROOT)}: {len(features) - 1} gemeenten, {OUT.stat().st_size} bytes")


if __name__ == "__main__":
    main(sys.argv[1])
