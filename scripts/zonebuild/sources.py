"""Step 1, sources: pinned inputs, their checksums, and decoding them into shapely geometries.

* Natural Earth admin-0 countries as TopoJSON in the npm package ``world-atlas`` (sha256 pinned),
  fetched with ``npm pack`` into ``<repo>/cache/``;
* ``data/island_basepoints.csv`` and ``data/japan_korea_1974_shelf_boundary.csv`` (cited rows).
"""

from __future__ import annotations

import csv
import hashlib
import json
import subprocess
import tarfile
from typing import Any

import numpy as np
import shapely
from pyproj import Transformer

from zonebuild.geometry import polygons
from zonebuild.iso3166 import NUMERIC_TO_ALPHA3
from zonebuild.settings import CACHE_DIR, REPO

WORLD_ATLAS_VERSION = "2.0.2"
WORLD_ATLAS_SHA256 = "032e7765f2ce00edaeafec23ff22bc3b77e42987c257da944cc585b452c05b97"
NATURAL_EARTH_VERSION = "4.1.0"


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def fetch_world_atlas() -> dict[str, bytes]:
    """``npm pack world-atlas@VERSION`` into the cache (once), check sha256, return the JSON."""
    CACHE_DIR.mkdir(exist_ok=True)
    tgz = CACHE_DIR / f"world-atlas-{WORLD_ATLAS_VERSION}.tgz"
    if not tgz.exists():
        try:
            subprocess.run(
                ["npm", "pack", f"world-atlas@{WORLD_ATLAS_VERSION}", "--silent"],
                cwd=CACHE_DIR,
                check=True,
                stdout=subprocess.DEVNULL,
            )
        except FileNotFoundError:
            raise SystemExit(
                f"npm not found: install Node.js/npm, or put {tgz.name} into {CACHE_DIR}"
            ) from None
    digest = sha256_bytes(tgz.read_bytes())
    if digest != WORLD_ATLAS_SHA256:
        raise SystemExit(
            f"{tgz}: sha256 {digest}, expected {WORLD_ATLAS_SHA256}; delete it and retry"
        )
    out = {}
    with tarfile.open(tgz, "r:gz") as tar:
        for name in ("countries-10m.json", "countries-110m.json"):
            member = tar.extractfile(f"package/{name}")
            assert member is not None
            out[name] = member.read()
    return out


def decode_topojson(raw: bytes) -> list[tuple[str | None, str, Any]]:
    """Decode a quantized TopoJSON ``countries`` object: [(iso3 or None, name, MultiPolygon)]."""
    topo = json.loads(raw)
    scale = np.asarray(topo["transform"]["scale"], dtype=np.float64)
    translate = np.asarray(topo["transform"]["translate"], dtype=np.float64)
    arcs = [
        np.cumsum(np.asarray(a, dtype=np.int64), axis=0) * scale + translate for a in topo["arcs"]
    ]

    def ring(indices: list[int]) -> np.ndarray:
        parts = []
        for i in indices:
            c = arcs[i] if i >= 0 else arcs[~i][::-1]
            parts.append(c if not parts else c[1:])
        return np.concatenate(parts)

    out: list[tuple[str | None, str, Any]] = []
    for g in topo["objects"]["countries"]["geometries"]:
        if g["type"] not in ("Polygon", "MultiPolygon"):
            continue
        polys = g["arcs"] if g["type"] == "MultiPolygon" else [g["arcs"]]
        parts = []
        for p in polys:
            rings = [ring(r) for r in p]
            # Quantization collapses a few tiny islets to < 4 distinct points: drop those rings.
            rings = [r for r in rings if len(np.unique(r, axis=0)) >= 3]
            if not rings:
                continue
            if any(np.any(np.abs(np.diff(r[:, 0])) > 180.0) for r in rings):
                parts.append(_stitched_polygon(rings))
                continue
            parts.append(shapely.make_valid(shapely.Polygon(rings[0], rings[1:])))
        geom = shapely.union_all(parts) if parts else shapely.MultiPolygon()
        geom = shapely.MultiPolygon(polygons(geom))
        iso = NUMERIC_TO_ALPHA3[g["id"]] if g.get("id") else None
        out.append((iso, g["properties"]["name"], geom))
    return out


def _stitched_polygon(rings: list[np.ndarray]) -> Any:
    """A polygon whose rings cross the antimeridian (TopoJSON stitched for spherical use).

    Each ring is unwrapped to continuous longitudes; an exterior that winds around the polar axis
    (Antarctica) is closed along the pole on its side; the result is folded back into
    [-180, 180] and split there (launchgeo's own antimeridian folding).
    """
    from launchgeo.geodesy._antimeridian import fold_polygon, unwrap_lon

    ext = rings[0]
    lon = unwrap_lon(ext[:, 0])
    lat = ext[:, 1]
    turns = round((lon[-1] - lon[0]) / 360.0)
    if turns:
        pole = -90.0 if float(np.mean(lat)) < 0 else 90.0
        lon = np.concatenate([lon, [lon[-1], lon[0]]])
        lat = np.concatenate([lat, [pole, pole]])
    center = 0.5 * (lon.min() + lon.max())
    holes = []
    for r in rings[1:]:
        hl = unwrap_lon(r[:, 0])
        hl = hl - 360.0 * np.round((hl.mean() - center) / 360.0)
        holes.append(np.column_stack([hl, r[:, 1]]))
    poly = shapely.make_valid(shapely.Polygon(np.column_stack([lon, lat]), holes))
    return fold_polygon(poly)


def read_basepoints() -> list[dict[str, str]]:
    with open(REPO / "data" / "island_basepoints.csv", newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def read_treaty_line() -> np.ndarray:
    """The 1974 line as (lon, lat) on WGS84 (converted from the Tokyo datum of the 1958 charts)."""
    with open(REPO / "data" / "japan_korea_1974_shelf_boundary.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    lat = np.array([float(r["lat_deg"]) + float(r["lat_min"]) / 60 for r in rows])
    lon = np.array([float(r["lon_deg"]) + float(r["lon_min"]) / 60 for r in rows])
    tokyo_to_wgs84 = Transformer.from_crs("EPSG:4301", "EPSG:4326", always_xy=True)
    lon_w, lat_w = tokyo_to_wgs84.transform(lon, lat)
    return np.column_stack([lon_w, lat_w])
