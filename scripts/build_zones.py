#!/usr/bin/env python
"""Build launchgeo's embedded maritime zones and map land from public-domain sources.

Run by developers, never at install or import time (about 3-4 minutes on 2 cores)::

    python scripts/build_zones.py          # build into src/launchgeo/data/
    python scripts/build_zones.py --check  # rebuild in a temp dir, compare sha256 with shipped

Inputs, all pinned:

* Natural Earth 4.1.0 admin-0 countries (public domain) as TopoJSON in the npm package
  ``world-atlas`` (version and sha256 below), fetched with ``npm pack`` into ``<repo>/cache/``;
* ``data/island_basepoints.csv``: islands Natural Earth 10m lacks (GSHHG positions, cited per row);
* ``data/japan_korea_1974_shelf_boundary.csv``: the 1974 Japan-ROK northern shelf boundary.

Method (numbers in ``src/launchgeo/data/ZONES_PROVENANCE.md``):

1. Coastline sites: vertices of the outer rings of all land in 80-200°E, 15°S-75°N (longitudes
   shifted to [0, 360) so 180° is no seam), densified to <= SITE_SPACING_KM, plus the basepoints.
   Each site has an *owner*: a sovereign state (ISO3) or a disputed feature (its claimants).
2. Equidistance: the Voronoi diagram of the sites on the *conformal sphere* (geodetic latitude
   mapped to conformal latitude; ``scipy.spatial.SphericalVoronoi``).  The conformal sphere is
   locally isotropic, so equal great-circle distances there are equal geodesic distances on WGS84
   up to the slow change of the scale factor; the build measures the residual geodesically.
   Filler sites >= 800 km from every coastline site bound the cells and cannot change anything
   within 200 nm of land.
3. Distance limits: inside the cell of site s, the distance to land is the geodesic distance to s.
   So the sea beyond 200 nm of all land is the union of (cell - geodesic disc(s, 370.4 km)) and
   the 12-nm belt is the union of (cell ∩ disc(s, 22.224 km)); discs are ``Geod.fwd`` polygons.
4. Partition: land by owner; territorial sea = belt ∩ owner's region - land; EEZ = owner's region
   - belt - beyond-200-nm - land; a disputed feature's region (the sea that changes hands with its
   attribution) is one ``overlapping_claim`` zone.  Near the 1974 treaty line, the line replaces
   the JPN-KOR median.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import io
import json
import math
import subprocess
import sys
import tarfile
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from pyproj import Geod, Transformer
from scipy.spatial import SphericalVoronoi, cKDTree

sys.path.insert(0, str(Path(__file__).resolve().parent))
from iso3166 import NUMERIC_TO_ALPHA3

REPO = Path(__file__).resolve().parents[1]
CACHE_DIR = REPO / "cache"
DATA_OUT = REPO / "src" / "launchgeo" / "data"

WORLD_ATLAS_VERSION = "2.0.2"
WORLD_ATLAS_SHA256 = "032e7765f2ce00edaeafec23ff22bc3b77e42987c257da944cc585b452c05b97"
NATURAL_EARTH_VERSION = "4.1.0"

GEOD = Geod(ellps="WGS84")
NM_KM = 1.852
EEZ_KM = 200 * NM_KM  # 370.4 km
TS_KM = 12 * NM_KM  # 22.224 km

COVERAGE_BBOX = (100.0, 0.0, 180.0, 60.0)
#: Land whose coastline can matter for the coverage (shifted longitudes, degrees).
SITE_REGION = (80.0, -15.0, 200.0, 75.0)
#: Region of the 10m land shipped for maps (standard longitudes; the part east of 180 is added too).
MAP_REGION = ((90.0, -15.0, 180.0, 70.0), (-180.0, -15.0, -160.0, 70.0))
SITE_SPACING_KM = 1.5
DISC_VERTICES_EEZ = 256
DISC_VERTICES_TS = 96
FILLER_MIN_KM = 800.0
GRID_DEG = 1e-5  # output coordinate grid
SIMPLIFY_DEG = 2e-4  # ~20 m: vertices closer than this to a straight edge are dropped
BUILT = "2026-11-28"
VERSION = "2026.11.0"

#: Sovereign of dependent territories for the zones (maps keep the territory's own code).
SOVEREIGN = {"HKG": "CHN", "MAC": "CHN", "GUM": "USA", "MNP": "USA", "UMI": "USA", "ASM": "USA"}
#: Natural Earth units without an ISO numeric id, by name (Australian external territories).
SOVEREIGN_BY_NAME = {"Indian Ocean Ter.": "AUS", "Coral Sea Is.": "AUS"}
#: Codes written in the map land file for units without an ISO numeric id: the sovereign, or
#: the claimants joined by "/" for disputed features (as in the zone labels).
LAND_CODE_BY_NAME = {
    **SOVEREIGN_BY_NAME,
    "Scarborough Reef": "CHN/PHL/TWN",
    "Spratly Is.": "CHN/MYS/PHL/TWN/VNM",
}


@dataclass(frozen=True)
class Dispute:
    """A disputed feature: Natural Earth polygons in a box (of its holder there) + basepoints."""

    name: str
    claimants: tuple[str, ...]
    box: tuple[float, float, float, float]
    holder: str | None  # Natural Earth owner of the polygons to take (None: polygons without an id)
    source: str


DISPUTES = (
    Dispute(
        "Liancourt Rocks (Takeshima / Dokdo)",
        ("JPN", "KOR"),
        (131.80, 37.20, 131.95, 37.30),
        "KOR",
        "Natural Earth 10m polygon (held by KOR there); position 37°14'34\"N 131°52'2\"E "
        "per Wikimapia 'Liancourt Rocks' (wikimapia.org/1626782) agrees within 0.6 km",
    ),
    Dispute(
        "Southern Kuril Islands (Northern Territories)",
        ("JPN", "RUS"),
        (145.30, 43.20, 149.00, 45.70),
        "RUS",
        "Natural Earth 10m polygons of Iturup, Kunashir, Shikotan and the Habomai group "
        "(held by RUS)",
    ),
    Dispute(
        "Senkaku Islands (Diaoyu / Diaoyutai)",
        ("CHN", "JPN", "TWN"),
        (123.30, 25.60, 124.70, 26.00),
        "JPN",
        "Natural Earth 10m polygons (held by JPN) plus Taisho-to from data/island_basepoints.csv",
    ),
    Dispute(
        "Paracel Islands",
        ("CHN", "TWN", "VNM"),
        (111.00, 15.50, 113.00, 17.20),
        "CHN",
        "Natural Earth 10m polygons (held by CHN)",
    ),
    Dispute(
        "Spratly Islands",
        ("CHN", "MYS", "PHL", "TWN", "VNM"),
        (109.00, 6.00, 118.00, 12.00),
        None,
        "Natural Earth 10m 'Spratly Is.' (no sovereign in Natural Earth)",
    ),
    Dispute(
        "Scarborough Shoal",
        ("CHN", "PHL", "TWN"),
        (117.50, 15.00, 118.00, 15.50),
        None,
        "Natural Earth 10m 'Scarborough Reef' (no sovereign in Natural Earth)",
    ),
)

#: The 1974 treaty line's side polygons are built within this distance of the line (km).
TREATY_CORRIDOR_KM = 40.0


# ----------------------------------------------------------------------------------------------
# inputs
# ----------------------------------------------------------------------------------------------
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
        geom = shapely.MultiPolygon(_polygons(geom))
        iso = NUMERIC_TO_ALPHA3[g["id"]] if g.get("id") else None
        out.append((iso, g["properties"]["name"], geom))
    return out


def _stitched_polygon(rings: list[np.ndarray]) -> Any:
    """A polygon whose rings cross the antimeridian (TopoJSON stitched for spherical use).

    Each ring is unwrapped to continuous longitudes; an exterior that winds around the polar axis
    (Antarctica) is closed along the pole on its side; the result is folded back into
    [-180, 180] and split there (launchgeo's own antimeridian folding).
    """
    from launchgeo._antimeridian import fold_polygon, unwrap_lon

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


def _polygons(geom: Any) -> list[Any]:
    """The polygons of any geometry (drops lines and points from make_valid/overlay output)."""
    parts = shapely.get_parts(geom)
    out = []
    for p in parts:
        if p.geom_type == "Polygon" and not p.is_empty:
            out.append(p)
        elif p.geom_type in ("MultiPolygon", "GeometryCollection"):
            out.extend(_polygons(p))
    return out


def area_only(geom: Any) -> Any:
    """The polygonal part of an overlay result as one (Multi)Polygon."""
    polys = _polygons(geom)
    return shapely.MultiPolygon(polys) if polys else shapely.MultiPolygon()


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


# ----------------------------------------------------------------------------------------------
# geometry helpers
# ----------------------------------------------------------------------------------------------
def shift_to_region(geom: Any) -> Any:
    """Clip to SITE_REGION in longitudes shifted to [0, 360)."""
    x0, y0, x1, y1 = SITE_REGION
    west = shapely.intersection(geom, shapely.box(x0, y0, 180.0, y1))
    east = shapely.intersection(geom, shapely.box(-180.0, y0, x1 - 360.0, y1))
    east = shapely.transform(east, lambda c: c + np.array([360.0, 0.0]))
    return shapely.union_all([west, east])


_E2 = GEOD.es
_E = math.sqrt(_E2)


def conformal_lat(lat_deg: np.ndarray) -> np.ndarray:
    """Conformal latitude (degrees) of geodetic latitude on WGS84."""
    phi = np.radians(lat_deg)
    s = np.sin(phi)
    chi = (
        2 * np.arctan(np.tan(np.pi / 4 + phi / 2) * ((1 - _E * s) / (1 + _E * s)) ** (_E / 2))
        - np.pi / 2
    )
    return np.degrees(chi)


def geodetic_lat(chi_deg: np.ndarray) -> np.ndarray:
    """Inverse of :func:`conformal_lat` (fixed-point iteration, converges to 1e-12 rad)."""
    chi = np.radians(chi_deg)
    phi = chi.copy()
    for _ in range(8):
        s = np.sin(phi)
        phi = (
            2 * np.arctan(np.tan(np.pi / 4 + chi / 2) * ((1 + _E * s) / (1 - _E * s)) ** (_E / 2))
            - np.pi / 2
        )
    return np.degrees(phi)


def to_xyz(lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    lam = np.radians(lon)
    chi = np.radians(conformal_lat(lat))
    return np.column_stack([np.cos(chi) * np.cos(lam), np.cos(chi) * np.sin(lam), np.sin(chi)])


def to_lonlat(xyz: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    lon = np.degrees(np.arctan2(xyz[:, 1], xyz[:, 0])) % 360.0
    chi = np.degrees(np.arcsin(np.clip(xyz[:, 2] / np.linalg.norm(xyz, axis=1), -1, 1)))
    return lon, geodetic_lat(chi)


def densify_ring(coords: np.ndarray, max_km: float) -> np.ndarray:
    """Points of a closed ring (without the closing point) <= max_km apart.

    Inserted points are linear in lon/lat: on segments of Natural Earth 10m (a few km at most) this
    departs from the geodesic by metres.
    """
    a, b = coords[:-1], coords[1:]
    _, _, d = GEOD.inv(a[:, 0], a[:, 1], b[:, 0], b[:, 1])
    n = np.maximum(1, np.ceil(np.asarray(d) / 1000.0 / max_km).astype(int))
    seg = np.repeat(np.arange(len(a)), n)
    k = np.arange(len(seg)) - np.repeat(np.cumsum(n) - n, n)
    t = (k / n[seg])[:, None]
    return a[seg] + t * (b[seg] - a[seg])


def geodesic_discs(lon: np.ndarray, lat: np.ndarray, radius_km: float, n: int) -> np.ndarray:
    """Polygons approximating geodesic circles (vertices on the circle), in shifted longitudes."""
    az = np.linspace(0.0, 360.0, n, endpoint=False)
    lo = np.repeat(lon, n)
    la = np.repeat(lat, n)
    lo2, la2, _ = GEOD.fwd(lo, la, np.tile(az, len(lon)), np.full(lo.shape, radius_km * 1000.0))
    lo2 = lo + ((np.asarray(lo2) - lo + 180.0) % 360.0 - 180.0)
    coords = np.column_stack([lo2, la2]).reshape(len(lon), n, 2)
    coords = np.concatenate([coords, coords[:, :1]], axis=1).reshape(-1, 2)
    # Azimuths increase clockwise: reverse each ring for CCW exteriors.
    rings = shapely.linearrings(coords, indices=np.repeat(np.arange(len(lon)), n + 1))
    return shapely.polygons(shapely.reverse(rings))


def sagitta_km(radius_km: float, n: int) -> float:
    """How far a chord of an n-gon inscribed in a circle of radius_km falls inside the circle."""
    return radius_km * (1 - math.cos(math.pi / n))


# ----------------------------------------------------------------------------------------------
# the build
# ----------------------------------------------------------------------------------------------
def log(msg: str, t0: list[float]) -> None:
    print(f"[{time.perf_counter() - t0[0]:6.1f}s] {msg}", flush=True)


def build(out_dir: Path) -> dict[str, Any]:
    t0 = [time.perf_counter()]
    raw = fetch_world_atlas()
    countries10 = decode_topojson(raw["countries-10m.json"])
    countries110 = decode_topojson(raw["countries-110m.json"])
    log(f"decoded {len(countries10)} + {len(countries110)} countries", t0)
    names = {iso: name for iso, name, _ in countries10 if iso}
    names.update({"USA": "United States", "CHN": "China"})

    # ---- land by owner (shifted longitudes) ------------------------------------------------------
    land_parts: dict[str, list[Any]] = {}
    for iso, _name, geom in countries10:
        g = shift_to_region(geom)
        if g.is_empty:
            continue
        for poly in _polygons(g):
            owner = SOVEREIGN.get(iso, iso) if iso else SOVEREIGN_BY_NAME.get(_name)
            for d in DISPUTES:
                if d.holder == owner and shapely.intersects(poly, shapely.box(*d.box)):
                    owner = "/".join(sorted(d.claimants))
                    break
            if owner is None:
                raise SystemExit(
                    f"Natural Earth polygon {_name!r} has no sovereign and no dispute entry"
                )
            land_parts.setdefault(owner, []).append(poly)
    land = {o: shapely.union_all(p) for o, p in sorted(land_parts.items())}
    all_land = shapely.union_all(list(land.values()))
    log(f"land: {len(land)} owners", t0)

    # ---- coastline sites -------------------------------------------------------------------------
    coast_rings = [shapely.get_exterior_ring(p) for p in _polygons(all_land)]
    site_xy = []
    for r in coast_rings:
        c = shapely.get_coordinates(r)
        # Box edges of SITE_REGION are not coast; they are >= 1100 km from the coverage, harmless.
        site_xy.append(densify_ring(c, SITE_SPACING_KM))
    sites = np.vstack(site_xy)
    owners_sorted = sorted(land)
    tree = shapely.STRtree([land[o] for o in owners_sorted])
    idx_pt, idx_geom = tree.query(shapely.points(sites), predicate="dwithin", distance=1e-9)
    site_owner = np.full(len(sites), -1)
    # lowest owner index wins at land borders (deterministic)
    order = np.lexsort((idx_geom, idx_pt))
    first = np.unique(idx_pt[order], return_index=True)[1]
    site_owner[idx_pt[order][first]] = idx_geom[order][first]
    missing = site_owner < 0
    if missing.any():
        near = tree.query_nearest(shapely.points(sites[missing]), all_matches=False)
        site_owner[np.nonzero(missing)[0][near[0]]] = near[1]
    # island basepoints
    bp_rows = read_basepoints()
    bp_xy = np.array([[float(r["lon"]), float(r["lat"])] for r in bp_rows])
    bp_owner = []
    for r, (lon, lat) in zip(bp_rows, bp_xy, strict=True):
        owner = r["state"]
        for d in DISPUTES:
            if (
                shapely.intersects(shapely.Point(lon, lat), shapely.box(*d.box))
                and owner in d.claimants
            ):
                owner = "/".join(sorted(d.claimants))
        if owner not in owners_sorted:
            raise SystemExit(
                f"basepoint owner {owner} has no land in Natural Earth; add it explicitly"
            )
        bp_owner.append(owners_sorted.index(owner))
    sites = np.vstack([sites, bp_xy])
    site_owner = np.concatenate([site_owner, np.array(bp_owner)])
    # dedupe (ring closure points, shared border vertices)
    key = np.round(sites, 7)
    _, uniq = np.unique(key, axis=0, return_index=True)
    uniq.sort()
    sites, site_owner = sites[uniq], site_owner[uniq]
    log(f"sites: {len(sites)} coastline points + basepoints", t0)

    # ---- Voronoi on the conformal sphere ---------------------------------------------------------
    xyz = to_xyz(sites[:, 0], sites[:, 1])
    n_fill = 40000
    k = np.arange(n_fill) + 0.5
    f_lat = np.degrees(np.arcsin(1 - 2 * k / n_fill))
    f_lon = (np.degrees(np.pi * (1 + 5**0.5) * k)) % 360.0
    f_xyz = to_xyz(f_lon, f_lat)
    dist_chord, _ = cKDTree(xyz).query(f_xyz)
    min_chord = 2 * math.sin(FILLER_MIN_KM / 6371.0 / 2)
    f_xyz = f_xyz[dist_chord > min_chord * 1.01]
    all_xyz = np.vstack([xyz, f_xyz])
    vor = SphericalVoronoi(all_xyz, radius=1.0, threshold=1e-9)
    vor.sort_vertices_of_regions()
    log(f"spherical Voronoi of {len(all_xyz)} points ({len(f_xyz)} fillers)", t0)

    v_lon, v_lat = to_lonlat(vor.vertices)
    regions = vor.regions[: len(sites)]
    lengths = np.array([len(r) for r in regions])
    flat = np.concatenate(regions)
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    nxt = np.arange(len(flat)) + 1
    nxt[starts + lengths - 1] = starts
    a_idx, b_idx = flat, flat[nxt]
    cosang = np.einsum("ij,ij->i", vor.vertices[a_idx], vor.vertices[b_idx])
    ang = np.arccos(np.clip(cosang, -1, 1))
    # densify great-circle edges to <= 10 km before drawing them as straight lon/lat segments
    max_ang = 10.0 / 6371.0
    n_seg = np.maximum(1, np.ceil(ang / max_ang).astype(int))
    # ring coordinates: each vertex a, then the interior points of its edge a -> b
    cell_of = np.repeat(np.arange(len(regions)), lengths)
    base = np.column_stack([v_lon[a_idx], v_lat[a_idx]])
    long_edges = np.nonzero(n_seg > 1)[0]
    counts = n_seg.copy()
    # interior points of long edges are computed from the lower vertex index (t = j / n) whichever
    # way the ring runs, so that the two cells sharing an edge get bit-identical coordinates
    e_rep = np.repeat(long_edges, n_seg[long_edges] - 1)
    k = (
        np.arange(len(e_rep))
        - np.repeat(
            np.cumsum(n_seg[long_edges] - 1) - (n_seg[long_edges] - 1), n_seg[long_edges] - 1
        )
        + 1
    )
    forward = a_idx[e_rep] < b_idx[e_rep]
    lo_v = np.where(forward, a_idx[e_rep], b_idx[e_rep])
    hi_v = np.where(forward, b_idx[e_rep], a_idx[e_rep])
    j = np.where(forward, k, n_seg[e_rep] - k)
    t = j / n_seg[e_rep]
    w = ang[e_rep]
    pts = (
        np.sin((1 - t) * w)[:, None] * vor.vertices[lo_v]
        + np.sin(t * w)[:, None] * vor.vertices[hi_v]
    ) / np.sin(w)[:, None]
    e_lon, e_lat = to_lonlat(pts)
    total = int(counts.sum())
    coords = np.empty((total, 2))
    pos = np.concatenate([[0], np.cumsum(counts)[:-1]])
    coords[pos] = base
    coords[pos[e_rep] + k] = np.column_stack([e_lon, e_lat])
    ring_ids = np.repeat(cell_of, counts)
    # close rings
    ring_start = pos[starts]
    closing = coords[ring_start]
    coords = np.insert(coords, np.append(pos[starts[1:]], total), closing, axis=0)
    ring_ids = np.insert(ring_ids, np.append(pos[starts[1:]], total), np.arange(len(regions)))
    cells = shapely.polygons(shapely.linearrings(coords, indices=ring_ids))
    cells = shapely.orient_polygons(cells)
    bad = ~shapely.is_valid(cells)
    if bad.any():
        cells[bad] = [shapely.union_all(_polygons(shapely.make_valid(c))) for c in cells[bad]]
    log(
        f"cells: {len(cells)} ({int(bad.sum())} repaired), {len(long_edges)} long edges densified",
        t0,
    )

    # ---- distance limits per cell ----------------------------------------------------------------
    cv = shapely.get_coordinates(cells)
    cv_owner_cell = np.repeat(np.arange(len(cells)), shapely.get_num_coordinates(cells))
    s_lon, s_lat = sites[cv_owner_cell, 0], sites[cv_owner_cell, 1]
    _, _, dv = GEOD.inv(s_lon, s_lat, cv[:, 0], cv[:, 1])
    max_d = np.zeros(len(cells))
    np.maximum.at(max_d, cv_owner_cell, np.asarray(dv) / 1000.0)
    beyond_pieces = []
    ts_pieces = []
    chunk = 20000
    need200 = np.nonzero(max_d > EEZ_KM)[0]
    for i in range(0, len(need200), chunk):
        ids = need200[i : i + chunk]
        discs = geodesic_discs(sites[ids, 0], sites[ids, 1], EEZ_KM, DISC_VERTICES_EEZ)
        beyond_pieces.append(shapely.difference(cells[ids], discs))
    need12 = np.nonzero(max_d > TS_KM)[0]
    inside12 = np.nonzero(max_d <= TS_KM)[0]
    ts_pieces.append(cells[inside12])
    for i in range(0, len(need12), chunk):
        ids = need12[i : i + chunk]
        discs = geodesic_discs(sites[ids, 0], sites[ids, 1], TS_KM, DISC_VERTICES_TS)
        ts_pieces.append(shapely.intersection(cells[ids], discs))
    log(f"clipped {len(need200)} cells at 200 nm and {len(need12)} at 12 nm", t0)

    cov = shapely.box(*COVERAGE_BBOX)
    pad = shapely.box(
        COVERAGE_BBOX[0] - 1, COVERAGE_BBOX[1] - 1, COVERAGE_BBOX[2] + 1, COVERAGE_BBOX[3] + 1
    )

    def union_in(pieces: np.ndarray) -> Any:
        pieces = pieces[~shapely.is_empty(pieces)]
        pieces = pieces[shapely.intersects(pieces, pad)]
        return shapely.intersection(shapely.union_all(shapely.intersection(pieces, pad)), cov)

    beyond = union_in(np.concatenate(beyond_pieces))
    belt = union_in(np.concatenate(ts_pieces))
    log("unions of beyond-200-nm and 12-nm belt", t0)

    regions_by_owner = {}
    for oi, owner in enumerate(owners_sorted):
        ids = np.nonzero(site_owner == oi)[0]
        c = cells[ids]
        c = c[shapely.intersects(c, pad)]
        if len(c) == 0:
            continue
        try:
            r = shapely.coverage_union_all(c)
        except shapely.errors.GEOSException:
            r = shapely.union_all(c)
        r = shapely.intersection(r, cov)
        if not r.is_empty:
            regions_by_owner[owner] = r
    log(f"owner regions: {len(regions_by_owner)}", t0)

    # ---- 1974 Japan-ROK treaty line --------------------------------------------------------------
    line = read_treaty_line()
    residual_km, corridor = apply_treaty(regions_by_owner, line)
    log(f"treaty line applied (median vs treaty up to {residual_km:.1f} km)", t0)

    # the treaty overlay is floating point: make the owners' regions an exact coverage again
    keys = sorted(regions_by_owner)
    cleaned = shapely.coverage_clean(
        np.array([regions_by_owner[k] for k in keys]), snapping_distance=0.0
    )
    regions_by_owner = dict(zip(keys, (area_only(c) for c in cleaned), strict=True))

    # ---- equidistance check (geodesic) -----------------------------------------------------------
    eq_err = equidistance_error_km(regions_by_owner, corridor, sites, site_owner, owners_sorted)
    log(f"equidistance residual (geodesic): median {eq_err[0]:.3f} km, max {eq_err[1]:.3f} km", t0)

    # ---- partition -------------------------------------------------------------------------------
    g = GRID_DEG
    land_cov = {
        o: area_only(shapely.intersection(geom, cov, grid_size=g)) for o, geom in land.items()
    }
    land_cov = {o: v for o, v in land_cov.items() if not v.is_empty}
    all_land_cov = shapely.union_all(list(land_cov.values()), grid_size=g)
    belt_s = area_only(shapely.simplify(belt, SIMPLIFY_DEG))
    beyond_s = area_only(shapely.simplify(beyond, SIMPLIFY_DEG))
    features: list[tuple[str, str, str, Any]] = []  # (label, kind, states, geom)
    taken = all_land_cov
    for owner, geom in land_cov.items():
        features.append((f"{owner}:land", "land", owner, geom))
    for owner, region in sorted(regions_by_owner.items()):
        sea = area_only(shapely.difference(region, beyond_s, grid_size=g))
        sea = area_only(shapely.difference(sea, taken, grid_size=g))
        if "/" in owner:
            features.append((f"{owner}:overlapping_claim", "overlapping_claim", owner, sea))
            taken = area_only(shapely.union(taken, sea, grid_size=g))
            continue
        ts = area_only(shapely.intersection(sea, belt_s, grid_size=g))
        eez = area_only(shapely.difference(sea, belt_s, grid_size=g))
        features.append((f"{owner}:territorial_sea", "territorial_sea", owner, ts))
        features.append((f"{owner}:eez", "eez", owner, eez))
        taken = area_only(shapely.union_all([taken, ts, eez], grid_size=g))
    log("partition assembled", t0)

    # Snap-rounded overlays leave slivers thinner than the grid between neighbours: clean them into
    # an exact coverage (identical shared edges), then round; the rounded set must stay a coverage.
    features = [f for f in sorted(features, key=lambda f: f[0]) if not f[3].is_empty]
    geoms = shapely.coverage_clean(np.array([f[3] for f in features]), snapping_distance=0.0)
    geoms = np.array([shapely.transform(gm, lambda c: np.round(c, 5)) for gm in geoms])
    if not (shapely.is_valid(geoms).all() and shapely.coverage_is_valid(geoms)):
        raise SystemExit("rounded zones are not a valid polygonal coverage")
    log("coverage cleaned and rounded", t0)
    fc = []
    for (label, kind, states, _), geom in zip(features, geoms, strict=True):
        polys = _polygons(geom)
        if not polys:
            continue
        mp = shapely.orient_polygons(shapely.MultiPolygon(polys) if len(polys) > 1 else polys[0])
        fc.append(
            {
                "type": "Feature",
                "properties": {
                    "label": label,
                    "kind": kind,
                    "states": states,
                    "name": feature_name(kind, states, names),
                },
                "geometry": geojson_geometry(mp),
            }
        )
    zones = {
        "type": "FeatureCollection",
        "launchgeo": {
            "coverage_bbox": list(COVERAGE_BBOX),
            "version": VERSION,
            "built_from": f"Natural Earth {NATURAL_EARTH_VERSION} admin-0 10m via npm world-atlas@"
            f"{WORLD_ATLAS_VERSION} (sha256 {WORLD_ATLAS_SHA256}); data/island_basepoints.csv; "
            "data/japan_korea_1974_shelf_boundary.csv; scripts/build_zones.py",
        },
        "features": fc,
    }
    out_dir.mkdir(parents=True, exist_ok=True)
    outputs = {
        "zones_nwpacific.geojson.gz": zones,
        "land_nwpacific_10m.geojson.gz": land_map(countries10, MAP_REGION),
        "land_world_110m.geojson.gz": land_map(countries110, None),
    }
    sums = {}
    for name, obj in outputs.items():
        data = write_gz_json(out_dir / name, obj)
        sums[name] = sha256_bytes(data)
        log(f"wrote {name}: {len(data) / 1e6:.2f} MB", t0)
    return {
        "sha256": sums,
        "equidistance_km": eq_err,
        "treaty_residual_km": residual_km,
        "disc_sagitta_km": {
            "200nm": sagitta_km(EEZ_KM, DISC_VERTICES_EEZ),
            "12nm": sagitta_km(TS_KM, DISC_VERTICES_TS),
        },
        "n_sites": len(sites),
        "seconds": time.perf_counter() - t0[0],
    }


def feature_name(kind: str, states: str, names: dict[str, str]) -> str:
    who = " / ".join(names.get(s, s) for s in states.split("/"))
    if kind == "overlapping_claim":
        for d in DISPUTES:
            if "/".join(sorted(d.claimants)) == states:
                return f"{d.name}: area claimed by {who}"
    text = {
        "land": "land",
        "territorial_sea": "territorial sea (12 nm, approximation)",
        "eez": "exclusive economic zone beyond 12 nm (equidistance approximation)",
        "overlapping_claim": "overlapping claim",
        "joint_regime": "joint regime",
    }[kind]
    return f"{who}: {text}"


def apply_treaty(regions: dict[str, Any], line: np.ndarray) -> tuple[float, Any]:
    """Replace the JPN-KOR median near the 1974 line by the line itself.

    Returns the largest distance (km) between the computed median and the treaty line inside the
    corridor, and the corridor polygon.
    """
    # local azimuthal equidistant projection for the one-sided corridor (metres, not degrees)
    lon0, lat0 = line[:, 0].mean(), line[:, 1].mean()
    to_local = Transformer.from_crs(
        "EPSG:4326", f"+proj=aeqd +lon_0={lon0} +lat_0={lat0} +ellps=WGS84 +units=m", always_xy=True
    )
    to_geo = Transformer.from_crs(
        f"+proj=aeqd +lon_0={lon0} +lat_0={lat0} +ellps=WGS84 +units=m", "EPSG:4326", always_xy=True
    )
    dense = densify_ring(np.vstack([line, line[-1:]]), 1.0)
    x, y = to_local.transform(dense[:, 0], dense[:, 1])
    ln = shapely.LineString(np.column_stack([x, y]))
    d = TREATY_CORRIDOR_KM * 1000.0
    # line runs SW -> NE: left (positive single-sided buffer) is the Korean (north-west) side
    kor_side = shapely.buffer(ln, d, single_sided=True, cap_style="flat")
    jpn_side = shapely.buffer(ln, -d, single_sided=True, cap_style="flat")

    def geo(poly: Any) -> Any:
        c = shapely.get_coordinates(shapely.segmentize(poly, 2000.0))
        lo, la = to_geo.transform(c[:, 0], c[:, 1])
        return shapely.make_valid(shapely.Polygon(np.column_stack([lo, la])))

    kor_g, jpn_g = geo(kor_side), geo(jpn_side)
    corridor = shapely.union(kor_g, jpn_g)
    pool = shapely.intersection(shapely.union(regions["JPN"], regions["KOR"]), corridor)
    # residual: how far the computed median is from the treaty line
    median = shapely.intersection(
        shapely.boundary(regions["JPN"]), shapely.boundary(regions["KOR"])
    )
    median = shapely.intersection(median, corridor)
    mc = shapely.get_coordinates(median)
    resid = 0.0
    if len(mc):
        mx, my = to_local.transform(mc[:, 0], mc[:, 1])
        resid = float(
            shapely.distance(shapely.points(np.column_stack([mx, my])), ln).max() / 1000.0
        )
    regions["KOR"] = shapely.union(
        shapely.difference(regions["KOR"], corridor), shapely.intersection(pool, kor_g)
    )
    regions["JPN"] = shapely.union(
        shapely.difference(regions["JPN"], corridor), shapely.difference(pool, kor_g)
    )
    return resid, corridor


def equidistance_error_km(
    regions: dict[str, Any],
    corridor: Any,
    sites: np.ndarray,
    site_owner: np.ndarray,
    owners: list[str],
) -> tuple[float, float]:
    """Geodesic check of the medians: |d(land of A) - d(land of B)| / 2 at boundary vertices.

    Only boundaries between two distinct owners, outside the 1974 treaty corridor (a treaty line is
    not a median), where both distances are under 369.4 km (the 200-nm limit less 1 km).
    """
    pairs = []
    keys = sorted(regions)
    for i, a in enumerate(keys):
        for b in keys[i + 1 :]:
            if not shapely.intersects(regions[a], regions[b]):
                continue
            shared = shapely.intersection(
                shapely.boundary(regions[a]), shapely.boundary(regions[b])
            )
            c = shapely.get_coordinates(shared)
            if len(c):
                pairs.append((a, b, c))
    # boundaries that the treaty moved end at the corridor's edge: leave a 0.1° margin
    near_corridor = shapely.buffer(corridor, 0.1)
    errs = []
    xyz_sites = to_xyz(sites[:, 0], sites[:, 1])
    trees = {}
    for a, b, c in pairs:
        for o in (a, b):
            if o not in trees:
                m = site_owner == owners.index(o)
                trees[o] = (cKDTree(xyz_sites[m]), sites[m])
        c = c[~shapely.intersects_xy(near_corridor, c[:, 0], c[:, 1])]
        if not len(c):
            continue
        q = to_xyz(c[:, 0], c[:, 1])
        dists = []
        for o in (a, b):
            tr, pts = trees[o]
            kk = min(8, len(pts))
            _, nn = tr.query(q, k=kk)
            nn = nn.reshape(len(q), kk)
            lo = np.repeat(c[:, 0], kk)
            la = np.repeat(c[:, 1], kk)
            _, _, dd = GEOD.inv(lo, la, pts[nn.ravel(), 0], pts[nn.ravel(), 1])
            dists.append(np.asarray(dd).reshape(-1, kk).min(axis=1) / 1000.0)
        ok = (dists[0] < EEZ_KM - 1) & (dists[1] < EEZ_KM - 1)
        errs.append(np.abs(dists[0] - dists[1])[ok] / 2)
    e = np.concatenate(errs) if errs else np.zeros(1)
    return float(np.median(e)), float(e.max())


def land_map(countries: list[tuple[str | None, str, Any]], boxes: Any) -> dict[str, Any]:
    feats = []
    for iso, name, geom in countries:
        g = geom
        if boxes is not None:
            g = shapely.union_all([shapely.intersection(geom, shapely.box(*b)) for b in boxes])
        g = shapely.set_precision(g, GRID_DEG)
        polys = [p for p in _polygons(g) if p.area > 0]
        if not polys:
            continue
        mp = shapely.orient_polygons(shapely.MultiPolygon(polys))
        code = iso or LAND_CODE_BY_NAME.get(name)
        if code is None and boxes is not None:  # the regional file feeds zone labels: no gaps
            raise SystemExit(f"land unit {name!r} has no ISO code; add it to LAND_CODE_BY_NAME")
        feats.append(
            {
                "type": "Feature",
                "properties": {"iso3": code, "name": name},
                "geometry": geojson_geometry(mp),
            }
        )
    feats.sort(key=lambda f: (f["properties"]["iso3"] or "~", f["properties"]["name"]))
    return {
        "type": "FeatureCollection",
        "launchgeo": {
            "version": VERSION,
            "built_from": f"Natural Earth {NATURAL_EARTH_VERSION} admin-0 via npm world-atlas@"
            f"{WORLD_ATLAS_VERSION}; scripts/build_zones.py",
        },
        "features": feats,
    }


def geojson_geometry(geom: Any) -> dict[str, Any]:
    def ring(r: Any) -> list[list[float]]:
        c = np.round(shapely.get_coordinates(r), 5)
        return [[float(x), float(y)] for x, y in c]

    def poly(p: Any) -> list[list[list[float]]]:
        return [ring(p.exterior)] + [ring(h) for h in p.interiors]

    if geom.geom_type == "Polygon":
        return {"type": "Polygon", "coordinates": poly(geom)}
    return {"type": "MultiPolygon", "coordinates": [poly(p) for p in geom.geoms]}


def write_gz_json(path: Path, obj: Any) -> bytes:
    text = json.dumps(obj, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as gz:
        gz.write(text)
    data = buf.getvalue()
    path.write_bytes(data)
    return data


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--check", action="store_true", help="rebuild in a temp dir and compare sha256"
    )
    args = parser.parse_args()
    if args.check:
        with tempfile.TemporaryDirectory() as tmp:
            info = build(Path(tmp))
        ok = True
        for name, digest in info["sha256"].items():
            shipped = sha256_bytes((DATA_OUT / name).read_bytes())
            same = shipped == digest
            ok &= same
            print(
                f"{'OK  ' if same else 'DIFF'} {name} shipped {shipped[:16]} rebuilt {digest[:16]}"
            )
        return 0 if ok else 1
    info = build(DATA_OUT)
    print(json.dumps(info, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
