"""FastForward vs pyproj Geod.fwd: 10^6 (bearing, range) samples from one origin.

Run from the repository root:

    PYTHONPATH=src python benchmarks/fast_forward.py [--n 1000000]

For each case it builds the table (timed separately: once per origin), times
``FastForward.forward`` and ``pyproj.Geod.fwd`` on the same random samples (best of
``--repeat`` runs each, alternating), and prints the speed ratio, the table's stated error
bound and the largest error measured on all samples (geodesic distance to Geod.fwd's point).
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from launchgeo.geodesy.core import WGS84
from launchgeo.geodesy.fastgeod import FastForward

CASES = [
    # name, origin (lon, lat), bearing interval, range interval (km)
    ("Sunan, unknown bearing, 0-1500 km", (125.67, 39.22389), (0.0, 360.0), (0.0, 1500.0)),
    ("Sunan, 60 deg sector, 250-450 km", (125.67, 39.22389), (-30.0, 30.0), (250.0, 450.0)),
    ("Sunan, east sector, 0-3000 km", (125.67, 39.22389), (0.0, 180.0), (0.0, 3000.0)),
    ("antimeridian, 0-2000 km", (179.9, -16.5), (0.0, 360.0), (0.0, 2000.0)),
    ("near the North Pole (ECEF mode)", (40.0, 85.0), (0.0, 360.0), (0.0, 1500.0)),
    ("whole Earth, 0-20003 km (ECEF mode)", (125.67, 39.22389), (0.0, 360.0), (0.0, 20003.0)),
]


def best_of(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    n = args.n
    print(f"{n:,} samples per case; times are the best of {args.repeat} runs")
    header = (
        f"{'case':<38} {'build s':>8} {'fast s':>7} {'Geod.fwd s':>10} {'ratio':>6} "
        f"{'bound m':>8} {'max err m':>9} {'cells':>11} {'mode':>6}"
    )
    print(header)
    for name, (lon0, lat0), bearing, range_km in CASES:
        t0 = time.perf_counter()
        table = FastForward(lon0, lat0, bearing_deg=bearing, range_km=range_km)
        build = time.perf_counter() - t0
        g = np.random.default_rng(0)
        bear = g.uniform(*bearing, n)
        rng = g.uniform(*range_km, n)
        lon0s, lat0s, rng_m = np.full(n, lon0), np.full(n, lat0), rng * 1000.0
        t_fast = best_of(lambda: table.forward(bear, rng), args.repeat)  # noqa: B023
        t_geod = best_of(lambda: WGS84.fwd(lon0s, lat0s, bear, rng_m), args.repeat)  # noqa: B023
        lon, lat = table.forward(bear, rng)
        lon_t, lat_t, _ = WGS84.fwd(lon0s, lat0s, bear, rng_m)
        err = float(np.max(WGS84.inv(lon, lat, lon_t, lat_t)[2]))
        cells = f"{table.cells[0]}x{table.cells[1]}"
        print(
            f"{name:<38} {build:8.3f} {t_fast:7.3f} {t_geod:10.3f} {t_geod / t_fast:6.1f} "
            f"{table.error_bound_m:8.3f} {err:9.3f} {cells:>11} {table.mode:>6}"
        )
        assert err <= table.error_bound_m, "measured error above the stated bound"


if __name__ == "__main__":
    main()
