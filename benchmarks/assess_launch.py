"""launchgeo.assess_launch, warm: Sunan at 650 km vs a user's scan of the ring.

Run from the repository root:

    .venv/bin/python benchmarks/assess_launch.py [--rounds 5] [--before-src ../main/src]

- launchgeo: ``assess_launch("Sunan", 650)`` with the embedded zones, warm (the zones' index
  and the state EEZ union are built by a first call, not timed). It returns the arcs by zone
  with their bearing intervals to 1e-6 degrees, lengths and shares, the reachable zones, the
  nearest point of Japan's EEZ and the states overflown.
- user's scan: ``Geod.fwd`` at 36,000 azimuths (0.01 degrees) and the zones tested in
  precedence order with prepared ``intersects_xy`` after a bounding-box prefilter; arcs are
  the runs of equal labels (bearings to 0.01 degrees, shares by count). Less than launchgeo
  computes: no bisection, no lengths, no nearest point, no overflights.
- floor: the ring's scan alone, ``Geod.fwd`` at launchgeo's 7,200 scan azimuths.

Target: launchgeo warm <= 40 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from _common import compare, load_average, machine, print_section, ratio

SUNAN = (125.67, 39.22389)
RANGE_KM = 650.0


def library_only(rounds: int) -> None:
    import launchgeo

    zones = launchgeo.load_zones()
    launchgeo.assess_launch("Sunan", RANGE_KM, zones=zones)
    times = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        launchgeo.assess_launch("Sunan", RANGE_KM, zones=zones)
        times.append(time.perf_counter() - t0)
    print(json.dumps({"times": times}))


def before(src: str, rounds: int) -> list[float] | None:
    env = {**os.environ, "PYTHONPATH": str(Path(src).resolve())}
    cmd = [sys.executable, __file__, "--library-only", "--rounds", str(rounds)]
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    if out.returncode:
        print(out.stderr[-2000:])
        return None
    return list(json.loads(out.stdout.strip().splitlines()[-1])["times"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=None)
    parser.add_argument(
        "--before-src",
        default=os.environ.get("BENCH_BEFORE_SRC"),
        help="also time assess_launch from this src tree",
    )
    parser.add_argument("--library-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.library_only:
        library_only(args.rounds or 5)
        return

    import shapely

    import launchgeo
    from launchgeo.geodesy.core import WGS84

    zones = launchgeo.load_zones()
    site = launchgeo.get_site("Sunan")
    t0 = time.perf_counter()
    launchgeo.assess_launch("Sunan", RANGE_KM, zones=zones)
    cold = time.perf_counter() - t0
    geoms = [zones.geometry(lab) for lab in zones.labels]
    for g in geoms:
        shapely.prepare(g)
    bounds = np.array([g.bounds for g in geoms])
    labels = np.array([*zones.labels, zones.background_label], dtype=object)

    def user_scan():
        az = np.arange(0.0, 360.0, 0.01)
        n = az.size
        lon, lat, _ = WGS84.fwd(np.full(n, SUNAN[0]), np.full(n, SUNAN[1]), az, np.full(n, 650e3))
        code = np.full(n, len(geoms))
        free = np.ones(n, dtype=bool)
        for z, g in enumerate(geoms):
            x0, y0, x1, y1 = bounds[z]
            cand = np.flatnonzero(free & (lon >= x0) & (lon <= x1) & (lat >= y0) & (lat <= y1))
            if cand.size:
                hit = cand[shapely.intersects_xy(g, lon[cand], lat[cand])]
                code[hit] = z
                free[hit] = False
        change = np.flatnonzero(code != np.roll(code, 1))
        return [(float(az[c]), labels[code[c]]) for c in change]

    scan_az = np.arange(0.0, 360.0, 0.05)
    m = scan_az.size

    def floor():
        return WGS84.fwd(np.full(m, SUNAN[0]), np.full(m, SUNAN[1]), scan_az, np.full(m, 650e3))

    t = compare(
        {
            "launchgeo": lambda: launchgeo.assess_launch("Sunan", RANGE_KM, zones=zones),
            "site_object": lambda: launchgeo.assess_launch(site, RANGE_KM, zones=zones),
            "user": user_scan,
            "floor": floor,
        },
        rounds=args.rounds,
    )
    old = before(args.before_src, args.rounds or 5) if args.before_src else None
    a = t["launchgeo"].result
    print(f"{machine()}, load {load_average()}")
    print(f"launchgeo warm {t['launchgeo'].median * 1e3:.1f} ms (cold {cold * 1e3:.0f} ms); user's "
          f"scan {t['user'].median * 1e3:.1f} ms; floor {t['floor'].median * 1e3:.1f} ms"
          + (f"; before {float(np.median(old)) * 1e3:.1f} ms" if old else ""))  # fmt: skip
    print(a.summary())
    lines = [
        f'`assess_launch("Sunan", 650)` with the embedded zones, warm; {machine()}, load '
        f"{load_average()}; median (min–max) of {len(t['launchgeo'].times)} interleaved rounds "
        "after one warm-up each.",
        "",
        "| approach | time |",
        "|---|---:|",
        f"| `launchgeo.assess_launch` (arcs to 1e-6°, lengths, nearest EEZ point, overflights) "
        f"| {t['launchgeo'].cell(1e3, 'ms', 1)} |",
        '| the same with the site object (`get_site("Sunan")`: no name look-up per call) '
        f"| {t['site_object'].cell(1e3, 'ms', 1)} |",
        "| user's scan: `Geod.fwd` at 0.01° + prepared `intersects_xy` per zone (arcs to 0.01°, "
        f"nothing else) | {t['user'].cell(1e3, 'ms', 1)} |",
        "| floor: `Geod.fwd` at launchgeo's 7,200 scan azimuths | "
        f"{t['floor'].cell(1e3, 'ms', 1)} |",
        "",
        f"- Warm **{t['launchgeo'].median * 1e3:.1f} ms** wall, "
        f"{t['launchgeo'].cpu_median * 1e3:.1f} ms CPU ({t['site_object'].cpu_median * 1e3:.1f} "
        "ms CPU with the site object; the machine is shared, CPU time is what one idle core "
        f"would take) (target ≤ 40 ms; first call with the "
        f"index build {cold:.2f} s); {ratio(t['user'], t['launchgeo']):.2f}× the user's scan, "
        f"{t['launchgeo'].median / t['floor'].median:.1f}× the floor"
        + (
            f"; before this change {float(np.median(old)) * 1e3:.1f} ms (`--before-src`, "
            f"{float(np.median(old)) / t['launchgeo'].median:.1f}× slower)."
            if old
            else "."
        ),
    ]
    print_section("Launch assessment", __file__, lines)


if __name__ == "__main__":
    main()
