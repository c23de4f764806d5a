"""Start-up cost of launchgeo in fresh interpreters (issue 15).

Each command runs in a new ``python`` process, the same number of rounds for each (median of
--rounds, default 7, after one warm-up round that is not counted, so the page cache is warm for
all of them):

- ``python -c pass``: the floor, what any Python program pays;
- ``import launchgeo``: the package itself (names are imported on first use);
- ``launchgeo --help``: the command-line tool (the console script, or ``python -m launchgeo``
  when it is not on PATH);
- ``first classify``: ``import launchgeo; launchgeo.load_zones().classify(lon, lat)``, what a
  user's test suite pays once per worker before the first answer about a zone, for a point in
  open sea and one near a coast (``POINTS``); the same process also times, from inside,
  ``load_zones()`` cold (the embedded world zones read lazily from their binary file) and the
  first ``classify`` of the point after it (which must use the index stored in the file, not
  build one: the process reports whether the index was built, and whether the point's level-0
  cell was mixed);
- ``import geopandas``: what launchgeo 0.1 paid on every import (the competitor here is the
  package's own previous behaviour, imports done eagerly).

The wall time of each process is measured from outside (``time.perf_counter`` around
``subprocess.run``); the modules each one loaded are counted in the same process.

    .venv/bin/python benchmarks/startup.py
    .venv/bin/python benchmarks/startup.py --rounds 11
    .venv/bin/python benchmarks/startup.py --before ../main/src   # vs. an older checkout
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from _common import machine

ROOT = Path(__file__).resolve().parents[1]

HEAVY = ("geopandas", "pandas", "scipy", "matplotlib", "shapely", "pyproj", "numpy")

#: The first classify of one point, with load_zones() and the classify call timed from inside
#: (printed as one line before the probe's): whether the point's level-0 cell was mixed (its
#: answer needed more than the level-0 grid), and whether the classify index had to be built
#: (its builder module is imported only then).
FIRST_CLASSIFY = """\
import sys, time
import launchgeo
t0 = time.perf_counter()
z = launchgeo.load_zones()
t1 = time.perf_counter()
z.classify({lon}, {lat})
t2 = time.perf_counter()
import numpy as np  # imported by load_zones() already; here only for the check below
built = int("launchgeo.zones._indexbuild" in sys.modules)  # imported only to build an index
entry = np.empty(1, np.int32)
z._grid().lookup(np.array([{lon}]), np.array([{lat}]), entry)
print(f"inside {{t1 - t0:.6f}} {{t2 - t1:.6f}} {{built}} {{int(entry[0] < 0)}}")"""

#: The two points: open sea (a pure level-0 cell: the grid alone answers) and near a coast
#: (a mixed cell, whose answer needs the zones there: Korea's territorial sea off Busan; the
#: probe checks which kind of cell each point is in).
POINTS = {"open sea": (135.0, 38.5), "near a coast": (129.1, 35.05)}


def _commands(before: str | None) -> list[tuple[str, list[str], str]]:
    py = sys.executable
    script = shutil.which("launchgeo", path=str(Path(py).parent))
    cli = [script] if script else [py, "-m", "launchgeo"]
    probe = f"import sys; print(','.join(m for m in {HEAVY!r} if m in sys.modules))"
    importer = f"import launchgeo; {probe}"
    return [
        ("`python -c pass`", [py, "-c", "pass"], ""),
        ("`import launchgeo`", [py, "-c", f"import launchgeo; {probe}"], "import"),
        ("`launchgeo --help`", [*cli, "--help"], ""),
        *(
            (f"first `classify`, one point {where}",
             [py, "-c", FIRST_CLASSIFY.format(lon=lon, lat=lat) + f"\n{probe}"], where)
            for where, (lon, lat) in POINTS.items()
        ),
        ("`import geopandas` (0.1 paid this)", [py, "-c", "import geopandas"], ""),
    ] + (
        [
            (
                "`import launchgeo` from --before",
                [py, "-c", f"import sys; sys.path.insert(0, {before!r})\n{importer}"],
                "import",
            )
        ]
        if before
        else []
    )


def _run(cmd: list[str]) -> tuple[float, str, str]:
    """Wall time of a fresh process, its last output line, and its ``inside ...`` line."""
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=ROOT)
    dt = time.perf_counter() - t0
    lines = proc.stdout.splitlines()
    inside = next((ln for ln in lines if ln.startswith("inside ")), "")
    return dt, lines[-1].strip() if lines else "", inside


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=7, help="timed rounds (median; >= 5)")
    parser.add_argument(
        "--before",
        metavar="SRC",
        help="also time `import launchgeo` from another checkout's src/ (e.g. ../main/src)",
    )
    args = parser.parse_args()
    rounds = max(args.rounds, 5)
    commands = _commands(args.before)
    times: dict[str, list[float]] = {name: [] for name, _, _ in commands}
    loaded: dict[str, str] = {}
    inside_s: dict[str, dict[str, list[float]]] = {
        where: {"load": [], "first": [], "mixed": []} for where in POINTS
    }
    builds = 0  # processes that built the classify index instead of using the stored one
    for _name, cmd, _ in commands:  # warm-up (page cache, .pyc files), not counted
        _run(cmd)
    for _ in range(rounds):  # interleaved so that load from other jobs hits every command alike
        for name, cmd, kind in commands:
            dt, out, inside = _run(cmd)
            times[name].append(dt)
            if kind:
                loaded[name] = out
            if inside:
                _, a, b, n_built, mixed = inside.split()
                inside_s[kind]["load"].append(float(a))
                inside_s[kind]["first"].append(float(b))
                inside_s[kind]["mixed"].append(float(mixed))
                builds += int(n_built) > 0
    floor = statistics.median(times[commands[0][0]])
    print(machine())
    print(f"{rounds} rounds, median wall time of a fresh process\n")
    rows = []
    for name, _, _ in commands:
        med = statistics.median(times[name])
        spread = f"{min(times[name]):.3f}–{max(times[name]):.3f}"
        heavy = loaded.get(name)
        rows.append((name, med, spread, med / floor, med - floor, heavy))
        extra = f"  loads: {heavy or '-'}" if heavy is not None else ""
        print(f"{name:40s} {med:7.3f} s  (x{med / floor:5.1f} of python -c pass){extra}")
    inner = []
    for where, vals in inside_s.items():
        total = [a + b for a, b in zip(vals["load"], vals["first"], strict=True)]
        cell = "mixed" if all(vals["mixed"]) else "pure" if not any(vals["mixed"]) else "?"
        inner += [
            (f"{where} ({cell} cell): `load_zones()` cold", vals["load"], 1.0),
            (f"{where}: first `classify` after it", vals["first"], None),
            (f"{where}: both, after `import launchgeo`", total, 0.3),
        ]
    for name, vals, _ in inner:
        print(f"{name:55s} {statistics.median(vals):7.3f} s")
    print(f"classify index built instead of read from the file in {builds} processes")

    targets = {"`import launchgeo`": 0.25, "`launchgeo --help`": 0.35}
    print()
    print("## Start-up — `benchmarks/startup.py`")
    print()
    print(
        f"Fresh interpreters, median of {rounds} rounds (commands interleaved, one warm-up "
        "round), wall time measured from outside the process; `loads` lists which of "
        f"{', '.join(HEAVY)} the process had imported. {machine()}."
    )
    print()
    print("| command | median | range | × `python -c pass` | above the floor | target | loads |")
    print("|---|---:|---:|---:|---:|---:|---|")
    for name, med, spread, ratio, above, heavy in rows:
        target = f"≤ {targets[name]:.2f} s" if name in targets else ""
        print(
            f"| {name} | {med:.3f} s | {spread} s | {ratio:.1f}× | {above * 1000:.0f} ms | "
            f"{target} | {heavy if heavy else '—' if heavy is not None else ''} |"
        )
    print()
    print(
        "Inside the first-classify processes (issues 11 and 15), timed after `import "
        "launchgeo`: the embedded world zones loaded (lazily: the file's header; numpy and "
        "shapely are imported here), then one point classified with the index stored in the "
        f"file (built instead in {builds} processes). In open sea the point's level-0 cell is "
        "pure (the grid alone answers); near a coast it is mixed (answered by the rule on the "
        "zones whose boxes hold it, each made alone from its part of the file)."
    )
    print()
    print("| step | median | range | target |")
    print("|---|---:|---:|---:|")
    for name, vals, target_s in inner:
        target = f"≤ {target_s:.1f} s" if target_s else ""
        print(
            f"| {name} | {statistics.median(vals):.3f} s | {min(vals):.3f}–{max(vals):.3f} s | "
            f"{target} |"
        )


if __name__ == "__main__":
    main()
