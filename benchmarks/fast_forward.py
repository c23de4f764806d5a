"""FastForward vs pyproj Geod.fwd: many (bearing, range) samples from one origin.

Run from the repository root:

    .venv/bin/python benchmarks/fast_forward.py [--n 1000000] [--rounds 5] [--sweep-max 10000000]

Part 1, per domain: the table is built once (timed on its own), then ``FastForward.forward``
and ``pyproj.Geod.fwd`` run on the same random samples with ``_common.compare`` (same warm-up,
interleaved rounds, min/median/max). ``FastForward.forward`` runs as a user gets it: on 10^6
samples it uses the compiled loop (``launchgeo/_jit.py``; its one-off cost per process, importing
numba and loading the loop, is paid in the warm-up and printed on its own), and the numpy path
(``LAUNCHGEO_JIT=0``, bit for bit the same answers) runs beside it. It prints the speed
ratio, the table's stated error bound and the largest error measured on all samples
(geodesic distance to Geod.fwd's point), and the floor: a numpy pass that reads the two input
arrays and writes two output arrays (the memory traffic any method needs).

Part 2, the cold-start sweep over the whole Earth (bearing 0-360, range 0-20,003 km): what
``impact_probability`` does for n samples with an empty table cache (``choose_table``: build a
table only when n pays for it, else exact pyproj) against ``Geod.fwd``, at n from 10^3 to
``--sweep-max``. The issue's cliff was n = 100,000: a 637 x 354 table rebuilt on every call.
Below 300,000 samples each round runs the call several times on both sides (the same count,
printed), so that the process CPU clock resolves it; times are per call.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from _common import compare, load_average, machine, numpy_path, print_section, ratio

from launchgeo.geodesy import fastgeod
from launchgeo.geodesy.core import WGS84
from launchgeo.geodesy.fastgeod import FastForward
from launchgeo.probability._montecarlo import choose_table

SUNAN = (125.67, 39.22389)
CASES = [
    # name, origin (lon, lat), bearing interval, range interval (km)
    ("Sunan, unknown bearing, 0–1,500 km", SUNAN, (0.0, 360.0), (0.0, 1500.0)),
    ("Sunan, 60° sector, 250–450 km", SUNAN, (-30.0, 30.0), (250.0, 450.0)),
    ("Sunan, east sector, 0–3,000 km", SUNAN, (0.0, 180.0), (0.0, 3000.0)),
    ("across the antimeridian, 0–2,000 km", (179.9, -16.5), (0.0, 360.0), (0.0, 2000.0)),
    ("near the North Pole (polar-chart cells)", (40.0, 85.0), (0.0, 360.0), (0.0, 1500.0)),
    ("whole Earth, 0–20,003 km", SUNAN, (0.0, 360.0), (0.0, 20003.0)),
]
WHOLE = ((0.0, 360.0), (0.0, 20003.0))


def exact(lon0: float, lat0: float, bear: np.ndarray, rng_km: np.ndarray):
    n = bear.size
    return WGS84.fwd(np.full(n, lon0), np.full(n, lat0), bear, rng_km * 1000.0)


def cold_choice(n: int, bear: np.ndarray, rng_km: np.ndarray):
    """impact_probability's path for n samples over the whole Earth, from an empty cache."""
    fastgeod._CACHE.clear()
    table = choose_table(*SUNAN, *WHOLE, n, 1.0)
    if table is None:
        return exact(*SUNAN, bear, rng_km)[:2]
    return table.forward(bear, rng_km)


def jit_one_off(runs: int = 3) -> float:
    """Median wall time a fresh process spends on its first compiled call beyond the numpy
    path's: importing numba and loading the compiled loop from numba's cache."""
    code = (
        "import time, numpy as np\n"
        "from launchgeo.geodesy.fastgeod import FastForward\n"
        "t = FastForward(125.67, 39.2, range_km=(0, 1000))\n"
        "b = np.zeros(1_000_000); r = np.full(1_000_000, 500.0)\n"
        "t0 = time.perf_counter(); t.forward(b, r); t1 = time.perf_counter()\n"
        "t.forward(b, r); t2 = time.perf_counter()\n"
        "print((t1 - t0) - (t2 - t1))"
    )
    times = [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                  check=True).stdout) for _ in range(runs)]  # fmt: skip
    return sorted(times)[len(times) // 2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=None)
    parser.add_argument("--sweep-max", type=int, default=10_000_000)
    args = parser.parse_args()
    n = args.n
    print(f"{n:,} samples per case; {machine()}")
    header = (
        f"{'case':<38} {'build s':>8} {'fast s':>7} {'Geod.fwd s':>10} {'ratio':>6} "
        f"{'floor s':>8} {'bound m':>8} {'max err m':>9} {'cells':>11} {'mode':>6}"
    )
    print(header)
    rows = []
    for name, (lon0, lat0), bearing, range_km in CASES:
        t0 = time.perf_counter()
        table = FastForward(lon0, lat0, bearing_deg=bearing, range_km=range_km)
        build = time.perf_counter() - t0
        g = np.random.default_rng(0)
        bear = g.uniform(*bearing, n)
        rng = g.uniform(*range_km, n)
        out_a, out_b = np.empty(n), np.empty(n)

        def floor(bear=bear, rng=rng, out_a=out_a, out_b=out_b) -> None:
            np.copyto(out_a, bear)
            np.copyto(out_b, rng)

        t = compare(
            {
                "fast": lambda table=table, bear=bear, rng=rng: table.forward(bear, rng),
                "numpy": numpy_path(lambda table=table, bear=bear, rng=rng: table.forward(bear,
                                                                                        rng)),
                "geod": lambda lon0=lon0, lat0=lat0, bear=bear, rng=rng: exact(
                    lon0, lat0, bear, rng
                ),
                "floor": floor,
            },
            rounds=args.rounds,
        )
        lon, lat = t["fast"].result
        assert all(np.array_equal(a, b) for a, b in zip(t["fast"].result, t["numpy"].result,
                                                       strict=True))
        lon_t, lat_t, _ = t["geod"].result
        err = float(np.max(WGS84.inv(lon, lat, lon_t, lat_t)[2]))
        cells = f"{table.cells[0]}×{table.cells[1]}"
        r = ratio(t["geod"], t["fast"])
        print(
            f"{name:<38} {build:8.3f} {t['fast'].median:7.3f} {t['geod'].median:10.3f} "
            f"{r:6.1f} {t['floor'].median:8.4f} {table.error_bound_m:8.3f} {err:9.3f} "
            f"{cells:>11} {table.mode:>6}"
        )
        assert err <= table.error_bound_m, "measured error above the stated bound"
        rows.append((name, build, t, r, table, err, cells, ratio(t["geod"], t["numpy"])))

    # Part 2: the cold-start sweep over the whole Earth.
    sweep_ns = [n_ for n_ in (1_000, 10_000, 99_999, 100_000, 1_000_000, 10_000_000)
                if n_ <= args.sweep_max]  # fmt: skip
    sweep = []
    print("\nwhole Earth, empty cache: launchgeo's choice (table only when it pays) vs Geod.fwd")
    for n_ in sweep_ns:
        g = np.random.default_rng(1)
        bear = g.uniform(0.0, 360.0, n_)
        rng = g.uniform(0.0, 20003.0, n_)
        # small n: each round runs the call `reps` times on both sides (about 0.1 s of
        # work), so that the process CPU clock, whose ticks can be milliseconds, resolves it
        reps = max(1, 300_000 // n_)
        t = compare(
            {
                "choice": lambda n_=n_, bear=bear, rng=rng, reps=reps: [
                    cold_choice(n_, bear, rng) for _ in range(reps)][-1],
                "geod": lambda bear=bear, rng=rng, reps=reps: [
                    exact(*SUNAN, bear, rng) for _ in range(reps)][-1],
            },
            rounds=args.rounds,
        )
        fastgeod._CACHE.clear()
        used = "table" if choose_table(*SUNAN, *WHOLE, n_, 1.0) is not None else "exact"
        fastgeod._CACHE.clear()
        r = t["geod"].cpu_median / t["choice"].cpu_median  # CPU: ms-scale walls are noise
        print(f"n={n_:>10,}  {used:>5}  launchgeo {t['choice'].median / reps:8.4f} s  "
              f"Geod.fwd {t['geod'].median / reps:8.4f} s  CPU ratio {r:5.2f}  "
              f"({reps} calls a round)")  # fmt: skip
        sweep.append((n_, used, t, r, reps))

    lines = [
        f"{n:,} (bearing, range) samples from one origin; `FastForward.forward` (table built "
        f"once, build time separate) vs `pyproj.Geod.fwd` per sample; {machine()}, load "
        f"{load_average()}; median (min–max) of {len(rows[0][2]['fast'].times)} interleaved "
        "rounds. Floor: one numpy pass reading the two input arrays and writing two outputs.",
        "",
        "| case | build | FastForward | Geod.fwd | speed-up | numpy path (speed-up) | ×floor "
        "| max error (bound) | cells |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, build, t, r, table, err, cells, r_np in rows:
        lines.append(
            f"| {name} | {build:.2f} s | {t['fast'].cell()} | {t['geod'].cell()} | **{r:.1f}×** "
            f"| {t['numpy'].median:.3f} s ({r_np:.1f}×) "
            f"| {t['fast'].median / t['floor'].median:.0f} | {err:.2f} m "
            f"({table.error_bound_m:.2f} m) | {cells} |"
        )
    lines += [
        "",
        "Whole Earth (bearing 0–360°, range 0–20,003 km) from an empty table cache: what "
        "`impact_probability` does for n samples (`choose_table`: a table only when n pays for "
        "its build, else exact pyproj) vs `Geod.fwd`:",
        "",
        "| n | path | launchgeo (a call) | Geod.fwd (a call) | ratio (CPU time) | calls a "
        "round |",
        "|---:|---|---:|---:|---:|---:|",
    ]
    for n_, used, t, r, reps in sweep:
        lines.append(
            f"| {n_:,} | {used} | {t['choice'].cell(1 / reps, digits=4)} | "
            f"{t['geod'].cell(1 / reps, digits=4)} | {r:.2f}× | {reps} |"
        )
    worst = min(r for *_, r, _ in sweep) if sweep else float("nan")
    whole = next(r for name, _, _, r, *_ in rows if name.startswith("whole Earth"))
    one_off = jit_one_off()
    lines += [
        "",
        f"- Never slower than `Geod.fwd`: worst CPU-time ratio over the sweep {worst:.2f}× "
        "(1.00 = same time; the exact path is `Geod.fwd` itself, so its ratios are 1 within "
        "the noise, and a table too large for n costs at most a 5 % pilot once). Targets: ≥ 1 "
        f"at every n; ≥ 8× at 10⁶ over the whole Earth with a built table: {whole:.1f}×.",
        "- FastForward uses its compiled loop (`launchgeo/_jit.py`) for calls of ≥ 10⁶ samples "
        "(≥ 10⁵ once numba is imported); the numpy path gives the same bits (checked on every "
        f"case above). A fresh process's first such call pays {one_off:.2f} s once (median of "
        "3 processes: importing numba and loading the loop from its on-disk cache); "
        "`LAUNCHGEO_JIT=0` turns the loops off.",
    ]
    print_section("Fast fixed-origin geodesic", __file__, lines)


if __name__ == "__main__":
    main()
