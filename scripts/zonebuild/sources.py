"""Step 1, sources: pinned inputs, their checksums, and decoding them into shapely geometries.

* Natural Earth admin-0 countries (10m, 50m, 110m) as TopoJSON in the npm package
  ``world-atlas`` (sha256 pinned), fetched with ``npm pack`` into ``<repo>/cache/``;
* ``data/island_basepoints.csv`` (cited rows), ``data/maritime_boundary_lines.csv`` and
  ``data/maritime_boundary_points.csv`` (agreed boundaries, cited per line).
"""

from __future__ import annotations

import csv
import json
import tarfile
from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely
from pyproj import Transformer

from zonebuild.geometry import polygons
from zonebuild.iso3166 import NUMERIC_TO_ALPHA3
from zonebuild.npm import npm_pack
from zonebuild.settings import DATA_IN

WORLD_ATLAS_VERSION = "2.0.2"
WORLD_ATLAS_SHA256 = "032e7765f2ce00edaeafec23ff22bc3b77e42987c257da944cc585b452c05b97"
NATURAL_EARTH_VERSION = "4.1.0"
COUNTRY_FILES = ("countries-10m.json", "countries-50m.json", "countries-110m.json")


def fetch_world_atlas() -> dict[str, bytes]:
    """``npm pack world-atlas@VERSION`` into the cache (once), check sha256, return the JSON."""
    tgz = npm_pack("world-atlas", WORLD_ATLAS_VERSION, WORLD_ATLAS_SHA256)
    out = {}
    with tarfile.open(tgz, "r:gz") as tar:
        for name in COUNTRY_FILES:
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
    """Rows (name, state, lon, lat, ...) of the cited islands and of the GSHHG table."""
    with open(DATA_IN / "island_basepoints.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    with open(DATA_IN / "island_basepoints_gshhg.csv", newline="", encoding="utf-8") as f:
        rows += [{**r, "name": f"GSHHG {r['gshhg_id']}"} for r in csv.DictReader(f)]
    return rows


def parse_dms(text: str) -> float:
    """``"26 58 48 N"``, ``"127 41.1 E"`` or ``"-12.5"`` to signed decimal degrees."""
    parts = text.split()
    sign = 1.0
    if parts[-1] in ("N", "S", "E", "W"):
        sign = -1.0 if parts[-1] in ("S", "W") else 1.0
        parts = parts[:-1]
    value = sum(float(p) / 60.0**k for k, p in enumerate(parts))
    return sign * value


@dataclass(frozen=True)
class BoundaryLine:
    """An agreed maritime boundary: turning points on WGS84, owner left and right of the line."""

    line_id: str
    left: str
    right: str
    corridor_km: float
    source: str
    points: np.ndarray  # (n, 2) lon, lat on WGS84


DATUMS = {"WGS84": "EPSG:4326", "Tokyo": "EPSG:4301"}


def read_boundary_lines() -> list[BoundaryLine]:
    """The agreed boundaries of ``data/maritime_boundary_*.csv``, converted to WGS84."""
    with open(DATA_IN / "maritime_boundary_lines.csv", newline="", encoding="utf-8") as f:
        lines = list(csv.DictReader(f))
    with open(DATA_IN / "maritime_boundary_points.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    out = []
    for ln in lines:
        pts = [r for r in rows if r["line"] == ln["line"]]
        if len(pts) < 2:
            raise SystemExit(f"boundary line {ln['line']!r} has {len(pts)} points")
        lon = np.array([parse_dms(r["lon"]) for r in pts])
        lat = np.array([parse_dms(r["lat"]) for r in pts])
        datum = DATUMS[ln["datum"]]
        if datum != "EPSG:4326":
            lon, lat = Transformer.from_crs(datum, "EPSG:4326", always_xy=True).transform(lon, lat)
        out.append(
            BoundaryLine(
                ln["line"], ln["left"], ln["right"], float(ln["corridor_km"]), ln["source"],
                np.column_stack([lon, lat]),
            )
        )  # fmt: skip
    return out
