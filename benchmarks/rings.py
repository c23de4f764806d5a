"""Range rings: launchgeo vs the common recipe (shapely buffer in a local AEQD projection).

Builds the same 1,000 rings (350, 650, 5,000 and 13,000 km; centres spread over the globe) at the
same edge tolerance with both approaches and prints rings/s, the ratio, each one's worst edge
error (distance of the straight lon/lat edges from the true geodesic circle) and how many
geometries are invalid or wrong (exact geodesic test on random points disagrees with the polygon
farther than the tolerance from the circle).

Run: python benchmarks/rings.py [--n 1000] [--tolerance-m 100]
"""

from __future__ import annotations

import argparse
import math
import sys

import numpy as np
import shapely
from pyproj import CRS, Geod, Transformer
from shapely.geometry import Point

sys.path.insert(0, str(__import__("pathlib").Path(__file__).parent))
from _common import machine, timed

import launchgeo

GEOD = Geod(ellps="WGS84")


def recipe_ring(lon: float, lat: float, range_km: float, tolerance_m: float) -> shapely.Geometry:
    """The common recipe: buffer in a per-ring azimuthal-equidistant projection, back to 4326."""
    r = range_km * 1000.0
    # quad_segs so that the planar polygon's sag is within the tolerance.
    quad_segs = max(1, math.ceil(math.pi / (4.0 * math.acos(1.0 - min(tolerance_m / r, 1.0)))))
    aeqd = CRS.from_proj4(f"+proj=aeqd +lat_0={lat} +lon_0={lon} +datum=WGS84 +units=m")
    to_geo = Transformer.from_crs(aeqd, "EPSG:4326", always_xy=True)
    circle = Point(0.0, 0.0).buffer(r, quad_segs=quad_segs)
    return shapely.transform(
        circle, lambda xy: np.column_stack(to_geo.transform(xy[:, 0], xy[:, 1]))
    )


def edge_error_m(geom: shapely.Geometry, lon0: float, lat0: float, range_km: float) -> float:
    """Worst distance from the true circle of points on the circle edges of a lon/lat polygon.

    Edges that lie on the antimeridian (lon = +-180) or along a pole (lat = +-90) are seams,
    not circle edges, and are skipped.
    """
    worst = 0.0
    rings = []
    for poly in getattr(geom, "geoms", [geom]):
        rings.append(np.asarray(poly.exterior.coords))
        rings.extend(np.asarray(i.coords) for i in poly.interiors)
    t = np.linspace(0, 1, 9)[1:-1]
    for xy in rings:
        a, b = xy[:-1], xy[1:]
        seam = ((np.abs(a[:, 0]) == 180) & (np.abs(b[:, 0]) == 180)) | (
            (np.abs(a[:, 1]) == 90) & (np.abs(b[:, 1]) == 90)
        )
        seam |= (np.abs(a[:, 1]) == 90) | (np.abs(b[:, 1]) == 90)
        a, b = a[~seam], b[~seam]
        if a.size == 0:
            continue
        px = (a[:, None, 0] + t[None, :] * (b[:, None, 0] - a[:, None, 0])).ravel()
        py = (a[:, None, 1] + t[None, :] * (b[:, None, 1] - a[:, None, 1])).ravel()
        px = (px + 180.0) % 360.0 - 180.0
        _, _, d = GEOD.inv(np.full(px.size, lon0), np.full(px.size, lat0), px, np.clip(py, -90, 90))
        worst = max(worst, float(np.max(np.abs(np.asarray(d) / 1000.0 - range_km))) * 1000.0)
    return worst


def wrong(
    geom: shapely.Geometry, lon0: float, lat0: float, range_km: float, tol_m: float, rng
) -> bool:
    """True if the polygon disagrees with the exact geodesic test outside the tolerance band."""
    n = 400
    lon = rng.uniform(-180, 180, n)
    lat = np.degrees(np.arcsin(rng.uniform(-1, 1, n)))
    _, _, d = GEOD.inv(np.full(n, lon0), np.full(n, lat0), lon, lat)
    d_km = np.asarray(d) / 1000.0
    far = np.abs(d_km - range_km) * 1000.0 > tol_m
    inside = shapely.contains_xy(geom, lon, lat) if geom.is_valid else np.zeros(n, bool)
    return bool(np.any((inside != (d_km <= range_km)) & far))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--tolerance-m", type=float, default=100.0)
    parser.add_argument("--seed", type=int, default=20230913)
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    lon = rng.uniform(-180, 180, args.n)
    lat = np.degrees(np.arcsin(rng.uniform(-1, 1, args.n)))
    ranges = np.resize([350.0, 650.0, 5000.0, 13000.0], args.n)
    tol = args.tolerance_m

    t_lg, lg = timed(
        lambda: [
            launchgeo.range_ring((lo, la), r, tolerance_m=tol)
            for lo, la, r in zip(lon, lat, ranges, strict=True)
        ]
    )
    t_rc, rc = timed(
        lambda: [recipe_ring(lo, la, r, tol) for lo, la, r in zip(lon, lat, ranges, strict=True)]
    )

    print(f"# benchmarks/rings.py  n={args.n}  tolerance={tol:g} m  seed={args.seed}  {machine()}")
    print(f"{'approach':<34}{'rings/s':>10}{'worst edge err (m)':>20}{'invalid':>9}{'wrong':>7}")
    err_check = rng.choice(args.n, size=min(args.n, 200), replace=False)
    for name, t, geoms in (
        ("launchgeo.range_ring", t_lg, [r.geometry for r in lg]),
        ("recipe: AEQD buffer -> EPSG:4326", t_rc, rc),
    ):
        invalid = sum(not g.is_valid for g in geoms)
        n_wrong = sum(wrong(geoms[i], lon[i], lat[i], ranges[i], tol, rng) for i in range(args.n))
        errs = [edge_error_m(geoms[i], lon[i], lat[i], ranges[i]) for i in err_check]
        print(f"{name:<34}{args.n / t:>10.1f}{max(errs):>20.1f}{invalid:>9d}{n_wrong:>7d}")
    print(f"speed ratio launchgeo / recipe: {t_rc / t_lg:.2f}x")
    by_range = {
        r: [g for g, rr in zip(lg, ranges, strict=True) if rr == r]
        for r in (350.0, 650.0, 5000.0, 13000.0)
    }
    print(
        "launchgeo reported max_edge_error_m by range: "
        + ", ".join(
            f"{r:g} km: {max(x.max_edge_error_m for x in v):.1f}" for r, v in by_range.items()
        )
    )
    print(
        "(edge errors measured on 200 sampled rings; 'wrong' = polygon disagrees with the exact "
        "geodesic test at a random point outside the tolerance band)"
    )


if __name__ == "__main__":
    main()
