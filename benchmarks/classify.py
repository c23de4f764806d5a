"""Speed of Zones.classify against shapely.contains_xy and geopandas.sjoin (issue 3).

Points: --n uniform over 120-150 E, 25-50 N (default 10 million) plus --boundary-n points
within 1 m (geodesic) of the zone boundaries in that window (default 100,000). All three
approaches label the same points against the same polygons with the same rule (first zone in
launchgeo's precedence order that holds the point, else the background label):

- launchgeo: ``Zones.classify`` (grid index + exact shapely test in cells cut by a boundary);
- contains_xy: ``shapely.contains_xy`` of every point against every prepared zone polygon;
- sjoin: ``geopandas.sjoin(points, zones, predicate="within")``, timed on a --sjoin-n
  subsample (default 1,000,000; building 10 million Point objects alone takes GBs) and
  scaled linearly to the full count; its disagreements are counted on that subsample.

Single thread. Peak extra memory of launchgeo's call is measured with tracemalloc (numpy
reports its buffers to it) in a separate run, so timing is not slowed by the tracing.

Zones: the embedded data when built; else the Marine Regions reference file in ../shared
with land=None (the benchmark then says so); else it prints a message and exits 0.

    PYTHONPATH=src python benchmarks/classify.py            # the issue's 10 M points
    PYTHONPATH=src python benchmarks/classify.py --n 1000000
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import tracemalloc
from pathlib import Path

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import geopandas as gpd  # noqa: E402
import numpy as np  # noqa: E402
import shapely  # noqa: E402
from pyproj import Geod  # noqa: E402

from launchgeo.errors import DataError  # noqa: E402
from launchgeo.zones.core import Zones, load_zones  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
MR_FILE = ROOT.parent / "shared" / "reference" / "eez" / "eez_v12_eastasia_pacific_all35.geojson"
WINDOW = (120.0, 25.0, 150.0, 50.0)


def get_zones(path: str | None, land: str | None) -> tuple[Zones, str]:
    if path:
        return load_zones(path, land=land), f"{path} (land: {land})"
    try:
        return load_zones(), "launchgeo embedded zones"
    except DataError:
        pass
    if MR_FILE.is_file():
        z = load_zones(MR_FILE, land=None)
        return z, f"{MR_FILE.name} (Marine Regions, land=None: embedded data not built yet)"
    print("no zones: embedded data not built and ../shared absent; nothing to benchmark")
    sys.exit(0)


def make_points(zones: Zones, n: int, n_boundary: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    x0, y0, x1, y1 = WINDOW
    lon = np.empty(n + n_boundary)
    lat = np.empty(n + n_boundary)
    lon[:n] = rng.uniform(x0, x1, n)
    lat[:n] = rng.uniform(y0, y1, n)
    # boundary points: uniform by length along the boundaries inside the window, moved a
    # geodesic distance in [0, 1] m in a random direction
    bounds = shapely.clip_by_rect(shapely.boundary(list(zones.to_geodataframe().geometry)), *WINDOW)
    lines = shapely.get_parts(shapely.get_parts(bounds))
    lines = lines[shapely.length(lines) > 0]
    length = shapely.length(lines)
    pick = rng.choice(len(lines), n_boundary, p=length / length.sum())
    on = shapely.line_interpolate_point(lines[pick], rng.uniform(0, 1, n_boundary), normalized=True)
    xy = shapely.get_coordinates(on)
    blon, blat, _ = Geod(ellps="WGS84").fwd(
        xy[:, 0], xy[:, 1], rng.uniform(0, 360, n_boundary), rng.uniform(0, 1.0, n_boundary)
    )
    lon[n:] = blon
    lat[n:] = blat
    return lon, lat


def contains_xy_codes(zones: Zones, lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    geoms = [zones.geometry(lab) for lab in zones.labels]
    for g in geoms:
        shapely.prepare(g)
    out = np.full(lon.size, len(geoms), dtype=np.int16)  # background
    done = np.zeros(lon.size, dtype=bool)
    for i, g in enumerate(geoms):
        hit = shapely.contains_xy(g, lon, lat)
        hit &= ~done
        out[hit] = i
        done |= hit
    return out


def sjoin_codes(zones: Zones, lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    zgdf = zones.to_geodataframe()[["geometry"]]
    zgdf["code"] = np.arange(len(zgdf))
    pts = gpd.GeoDataFrame(geometry=gpd.points_from_xy(lon, lat), crs="EPSG:4326")
    joined = gpd.sjoin(pts, zgdf, predicate="within", how="left")
    code = joined["code"].fillna(len(zgdf)).astype(np.int64)
    first = code.groupby(level=0).min()  # a point in two zones: the first in precedence order
    return first.reindex(range(lon.size)).to_numpy().astype(np.int16)


def timed(fn, *args):
    t = time.perf_counter()
    res = fn(*args)
    return res, time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10_000_000, help="uniform points (default 10M)")
    ap.add_argument("--boundary-n", type=int, default=100_000, help="points within 1 m of edges")
    ap.add_argument("--sjoin-n", type=int, default=1_000_000, help="sjoin subsample size")
    ap.add_argument("--zones", default=None, help="zones file (default: embedded)")
    ap.add_argument("--land", default=None, help="land file for a Marine Regions --zones file")
    ap.add_argument("--seed", type=int, default=20260928)
    args = ap.parse_args()

    zones, what = get_zones(args.zones, args.land)
    t = time.perf_counter()
    zones.classify(130.0, 35.0)  # builds the grid index once (as load_zones() users pay once)
    build_s = time.perf_counter() - t
    lon, lat = make_points(zones, args.n, args.boundary_n, args.seed)
    n = lon.size
    in_bytes = lon.nbytes + lat.nbytes
    grid = zones._grid()
    print(f"zones: {what}; {len(zones.labels)} zones; coverage {zones.coverage_bbox}")
    print(
        f"index: {grid.nx} x {grid.ny} cells of {grid.d:.4f} deg, "
        f"{100 * grid.pure_fraction:.2f} % pure, built in {build_s:.2f} s (not in the timings)"
    )
    print(
        f"points: {args.n:,} uniform in {WINDOW} + {args.boundary_n:,} within 1 m of a boundary "
        f"= {n:,} ({in_bytes / 2**20:.0f} MiB of lon/lat)"
    )

    labels, t_lg = timed(zones.classify, lon, lat)
    codes_lg = zones.classify_codes(lon, lat)
    tracemalloc.start()
    base = tracemalloc.get_traced_memory()[0]
    labels2 = zones.classify(lon, lat)
    peak = tracemalloc.get_traced_memory()[1] - base
    tracemalloc.stop()
    del labels2
    assert (labels == zones._vocab_arr[codes_lg]).all()

    codes_cx, t_cx = timed(contains_xy_codes, zones, lon, lat)
    rng = np.random.default_rng(args.seed + 1)
    m = min(args.sjoin_n, n)
    sub = np.sort(rng.choice(n, m, replace=False)) if m < n else np.arange(n)
    codes_sj, t_sj_sub = timed(sjoin_codes, zones, lon[sub], lat[sub])
    t_sj = t_sj_sub * n / m

    dis_cx = int((codes_cx != codes_lg).sum())
    dis_cx_b = int((codes_cx[args.n :] != codes_lg[args.n :]).sum())
    dis_sj = int((codes_sj != codes_lg[sub]).sum())
    print()
    print(f"{'approach':<40}{'time s':>9}{'points/s':>14}{'launchgeo faster':>18}{'disagree':>10}")
    print(f"{'launchgeo Zones.classify':<40}{t_lg:>9.2f}{n / t_lg:>14,.0f}{'1.0x':>18}{'-':>10}")
    print(
        f"{'shapely.contains_xy (prepared)':<40}{t_cx:>9.2f}{n / t_cx:>14,.0f}"
        f"{t_cx / t_lg:>17.1f}x{dis_cx:>10}"
    )
    sj_name = f"geopandas.sjoin (scaled from {m:,})" if m < n else "geopandas.sjoin"
    print(f"{sj_name:<40}{t_sj:>9.2f}{n / t_sj:>14,.0f}{t_sj / t_lg:>17.1f}x{dis_sj:>10}")
    print()
    print(
        f"disagreements vs contains_xy: {dis_cx} of {n:,} ({dis_cx_b} among boundary points); "
        f"vs sjoin: {dis_sj} of {m:,}"
    )
    print(
        f"peak extra memory of classify: {peak / 2**20:.0f} MiB = {peak / in_bytes:.2f}x the "
        f"input arrays (labels: object array, {labels.nbytes / 2**20:.0f} MiB of it)"
    )
    print(
        f"targets: >= 10x contains_xy: {'met' if t_cx / t_lg >= 10 else 'MISSED'}; "
        f">= 30x sjoin: {'met' if t_sj / t_lg >= 30 else 'MISSED'}; "
        f"0 disagreements: {'met' if dis_cx == dis_sj == 0 else 'MISSED'}; "
        f"memory <= 3x: {'met' if peak <= 3 * in_bytes else 'MISSED'}"
    )


if __name__ == "__main__":
    main()
