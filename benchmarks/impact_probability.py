"""launchgeo.impact_probability vs the pipelines a user would write, end to end.

Run from the repository root:

    .venv/bin/python benchmarks/impact_probability.py [--sizes 1000000,10000000] [--rounds 5]
        [--before-src ../main/src]

Scenario: samples from Sunan, range Normal(650, 60) km, bearing Uniform(60, 150) degrees, the
embedded zones (or ``--zones PATH``). Every side gets the same samples (launchgeo's own, drawn
once with the same seed) and the same polygons, and counts samples per zone label:

- launchgeo: ``impact_probability`` with its defaults (1 m table tolerance, default chunks),
  drawing, propagating, classifying and counting;
- ``Geod.fwd`` + ``geopandas.sjoin``: exact end points, a point GeoDataFrame joined with the
  zones (``predicate="within"``: prepared, ~40x faster than "intersects"; a point exactly
  on a boundary, of measure zero, then gets no zone), first zone in precedence order where
  polygons overlap, ``value_counts`` (only up to ``--sjoin-max``: minutes at 10^7);
- ``Geod.fwd`` + a tiled ``intersects_xy`` index: the zones clipped to 0.5-degree tiles
  (built once, not timed), points grouped by tile and tested against the clipped zones of
  their tile in precedence order, ``np.bincount``;
- the floor: a numpy grid lookup of the impact points (one gather from a 0.025-degree code
  grid) and ``np.bincount`` (what classification and counting cost at the least).

Labels: launchgeo's samples are compared with the exact path (``Geod.fwd`` +
``Zones.classify``); every difference must be a point whose exact position lies within the
table's stated error bound of a zone boundary. ``--before-src`` also times the library from
another source tree (e.g. the main branch) on the same scenario, in a subprocess.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from _common import compare, load_average, machine, print_section, ratio

SUNAN = (125.67, 39.22389)
TILE_DEG = 0.5


def scenario(launchgeo: Any) -> dict[str, Any]:
    return {
        "range_km": launchgeo.Normal(650, 60),
        "bearing_deg": launchgeo.Uniform(60, 150),
    }


def library_only(n: int, seed: int, rounds: int) -> None:
    """Print the median time of impact_probability (for --before-src), as JSON."""
    import launchgeo

    zones = launchgeo.load_zones()
    zones.classify([130.0], [35.0])  # build the index (not timed)
    times = []
    for _ in range(rounds + 1):
        t0 = time.perf_counter()
        launchgeo.impact_probability(SUNAN, zones=zones, n=n, seed=seed, **scenario(launchgeo))
        times.append(time.perf_counter() - t0)
    times = times[1:]
    print(json.dumps({"times": times}))


def before(src: str, n: int, seed: int, rounds: int) -> list[float] | None:
    env = {**os.environ, "PYTHONPATH": str(Path(src).resolve())}
    cmd = [sys.executable, __file__, "--library-only", "--n", str(n), "--seed", str(seed),
           "--rounds", str(rounds)]  # fmt: skip
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    if out.returncode:
        print(out.stderr[-2000:])
        return None
    return list(json.loads(out.stdout.strip().splitlines()[-1])["times"])


class TiledZones:
    """A user's index: zones clipped to square tiles, intersects_xy in precedence order."""

    def __init__(self, zones: Any, tile_deg: float = TILE_DEG) -> None:
        import shapely

        x0, y0, x1, y1 = zones.coverage_bbox
        self.x0, self.y0, self.tile = x0, y0, tile_deg
        self.nx = int(np.ceil((x1 - x0) / tile_deg))
        self.ny = int(np.ceil((y1 - y0) / tile_deg))
        self.bbox = (x0, y0, x1, y1)
        self.background = len(zones.labels)
        self.no_data = len(zones.labels) + 1
        geoms = [zones.geometry(lab) for lab in zones.labels]
        tree = shapely.STRtree(geoms)
        self.tiles: dict[int, list[tuple[int, Any]]] = {}
        for iy in range(self.ny):
            for ix in range(self.nx):
                box = shapely.box(
                    x0 + ix * tile_deg, y0 + iy * tile_deg,
                    x0 + (ix + 1) * tile_deg, y0 + (iy + 1) * tile_deg,
                )  # fmt: skip
                parts = []
                for z in sorted(tree.query(box, predicate="intersects")):
                    clipped = shapely.clip_by_rect(geoms[z], *box.bounds)
                    if clipped.is_empty:
                        continue
                    if clipped.equals(box):  # the zone fills the tile: no later zone matters
                        parts.append((int(z), None))
                        break
                    shapely.prepare(clipped)
                    parts.append((int(z), clipped))
                self.tiles[iy * self.nx + ix] = parts

    def classify_codes(self, lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
        import shapely

        codes = np.full(lon.size, self.no_data, dtype=np.int32)
        x0, y0, x1, y1 = self.bbox
        inside = (lon >= x0) & (lon <= x1) & (lat >= y0) & (lat <= y1)
        idx = np.flatnonzero(inside)
        ix = np.minimum(((lon[idx] - x0) / self.tile).astype(np.int64), self.nx - 1)
        iy = np.minimum(((lat[idx] - y0) / self.tile).astype(np.int64), self.ny - 1)
        tile = iy * self.nx + ix
        order = np.argsort(tile, kind="stable")
        tile_sorted = tile[order]
        starts = np.flatnonzero(np.r_[True, tile_sorted[1:] != tile_sorted[:-1]])
        ends = np.r_[starts[1:], tile_sorted.size]
        for s, e in zip(starts, ends, strict=True):
            pts = idx[order[s:e]]
            out = np.full(pts.size, self.background, dtype=np.int32)
            free = np.ones(pts.size, dtype=bool)
            for z, geom in self.tiles[int(tile_sorted[s])]:
                if geom is None:
                    out[free] = z
                    break
                hit = free & shapely.intersects_xy(geom, lon[pts], lat[pts])
                out[hit] = z
                free &= ~hit
            codes[pts] = out
        return codes


def sjoin_counts(lon: np.ndarray, lat: np.ndarray, table: Any, labels: list[str]) -> dict[str, int]:
    import geopandas as gpd
    import pandas as pd

    points = gpd.GeoDataFrame(geometry=gpd.points_from_xy(lon, lat), crs="EPSG:4326")
    joined = gpd.sjoin(points, table, how="left", predicate="within")
    rank = pd.Series(range(len(labels)), index=labels)
    joined["rank"] = joined["label"].map(rank)
    first = joined.sort_values("rank").groupby(level=0)["label"].first()
    return first.reindex(range(lon.size)).fillna("high_seas").value_counts().to_dict()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000000,10000000")
    parser.add_argument("--n", type=int, default=1_000_000, help="with --library-only")
    parser.add_argument("--seed", type=int, default=2023)
    parser.add_argument("--rounds", type=int, default=None)
    parser.add_argument("--zones", help="zone file (default: the embedded zones)")
    parser.add_argument("--sjoin-max", type=int, default=1_000_000)
    parser.add_argument(
        "--before-src",
        default=os.environ.get("BENCH_BEFORE_SRC"),
        help="also time impact_probability from this src tree",
    )
    parser.add_argument("--library-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.library_only:
        library_only(args.n, args.seed, args.rounds or 5)
        return

    import shapely
    import shapely.ops

    import launchgeo
    from launchgeo.geodesy.core import WGS84

    zones = launchgeo.load_zones(args.zones) if args.zones else launchgeo.load_zones()
    zones.classify([130.0], [35.0])  # build the classify index (once per Zones, not timed)
    labels = list(zones.labels)
    vocabulary = [*labels, zones.background_label, "no_data"]
    table = zones.to_geodataframe()[["label", "geometry"]]
    t0 = time.perf_counter()
    tiled = TiledZones(zones)
    tiled_build = time.perf_counter() - t0
    x0, y0, x1, y1 = zones.coverage_bbox
    cell = 0.025
    gx, gy = int(np.ceil((x1 - x0) / cell)), int(np.ceil((y1 - y0) / cell))
    grid = np.random.default_rng(0).integers(0, len(vocabulary), (gy, gx)).astype(np.int16)
    print(f"zones: {zones.info.source}; {len(labels)} zones; tiled index {tiled_build:.1f} s")
    print(f"{machine()}, load {load_average()}")

    results = []
    for n in [int(x) for x in args.sizes.split(",")]:
        kw = dict(zones=zones, n=n, seed=args.seed, **scenario(launchgeo))
        ref = launchgeo.impact_probability(SUNAN, return_samples=True, **kw)
        s = ref.samples
        bear, rng_km = s["bearing_deg"].to_numpy(), s["range_km"].to_numpy()
        lon0, lat0 = np.full(n, SUNAN[0]), np.full(n, SUNAN[1])
        del s

        def exact_points(bear=bear, rng_km=rng_km, lon0=lon0, lat0=lat0):
            lon, lat, _ = WGS84.fwd(lon0, lat0, bear, rng_km * 1e3)
            return np.asarray(lon), np.asarray(lat)

        def tiled_side(exact_points=exact_points):
            lon, lat = exact_points()
            return np.bincount(tiled.classify_codes(lon, lat), minlength=len(vocabulary))

        lon_e, lat_e = exact_points()

        def floor(lon_e=lon_e, lat_e=lat_e):
            ix = np.clip(((lon_e - x0) / cell).astype(np.intp), 0, gx - 1)
            iy = np.clip(((lat_e - y0) / cell).astype(np.intp), 0, gy - 1)
            return np.bincount(grid[iy, ix], minlength=len(vocabulary))

        sides = {
            "launchgeo": lambda kw=kw: launchgeo.impact_probability(SUNAN, **kw),
            "tiled": tiled_side,
            "floor": floor,
        }
        if n <= args.sjoin_max:
            sides["sjoin"] = lambda exact_points=exact_points: sjoin_counts(
                *exact_points(), table, labels
            )
        t = compare(sides, rounds=args.rounds)

        # Labels against the exact path, and the probabilities of every side.
        exact_labels = zones.classify(lon_e, lat_e)
        fast_labels = ref.samples["label"].to_numpy()
        differ = np.flatnonzero(exact_labels != fast_labels)
        outside = 0
        if differ.size:
            edges = shapely.union_all([shapely.boundary(zones.geometry(lab)) for lab in labels])
            for k in differ:
                near = shapely.ops.nearest_points(edges, shapely.Point(lon_e[k], lat_e[k]))[0]
                edge_m = WGS84.inv(lon_e[k], lat_e[k], near.x, near.y)[2]
                outside += int(edge_m > ref.error_bound_m)
        tiled_counts = dict(zip(vocabulary, t["tiled"].result.tolist(), strict=True))
        diff_tiled = max(
            abs(ref.counts.get(k, 0) - tiled_counts.get(k, 0)) for k in set(vocabulary)
        )
        diff_sjoin = None
        if "sjoin" in t:
            sj = t["sjoin"].result
            diff_sjoin = max(abs(ref.counts.get(k, 0) - sj.get(k, 0)) for k in set(vocabulary))
        old = before(args.before_src, n, args.seed, args.rounds or 5) if args.before_src else None
        del ref, exact_labels, fast_labels
        print(
            f"n={n:,}: launchgeo {t['launchgeo'].median:.3f} s, tiled {t['tiled'].median:.3f} s, "
            + (f"sjoin {t['sjoin'].median:.2f} s, " if "sjoin" in t else "")
            + f"floor {t['floor'].median:.3f} s; labels differing from the exact path "
            f"{differ.size} ({outside} farther than the error bound from a boundary)"
            + (f"; before {float(np.median(old)):.3f} s" if old else "")
        )
        results.append((n, t, differ.size, outside, diff_tiled, diff_sjoin, old))

    lines = [
        "Samples from Sunan (range Normal(650, 60) km, bearing Uniform(60°, 150°)), the embedded "
        f"zones; every side counts samples per zone label from the same samples; {machine()}, "
        f"load {load_average()}; median (min–max) of {len(results[0][1]['launchgeo'].times)} "
        "interleaved rounds after one warm-up each (the zones' classify index and the tiled "
        f"index, {tiled_build:.1f} s, are built before timing).",
        "",
        "| n | launchgeo (defaults) | `Geod.fwd` + tiled `intersects_xy` | `Geod.fwd` + `sjoin` "
        "| floor: grid lookup + `bincount` |",
        "|---:|---:|---:|---:|---:|",
    ]
    for n, t, *_ in results:
        sj = t["sjoin"].cell() if "sjoin" in t else "(minutes; not run)"
        lines.append(
            f"| {n:,} | {t['launchgeo'].cell()} | {t['tiled'].cell()} | {sj} | "
            f"{t['floor'].cell()} |"
        )
    lines.append("")
    for n, t, n_diff, outside, diff_tiled, diff_sjoin, old in results:
        text = (
            f"- n = {n:,}: launchgeo is **{ratio(t['tiled'], t['launchgeo']):.1f}×** the tiled "
            "baseline"
        )
        if "sjoin" in t:
            text += f", **{ratio(t['sjoin'], t['launchgeo']):.1f}×** `sjoin`"
        text += f", {t['launchgeo'].median / t['floor'].median:.1f}× the floor"
        if old:
            text += (
                f"; {float(np.median(old)) / t['launchgeo'].median:.2f}× faster than before "
                f"this change ({float(np.median(old)):.3f} s, `--before-src`)"
            )
        text += (
            f". Labels differing from the exact path: {n_diff:,} of {n:,}, {outside} of them "
            "farther than the table's error bound from a zone boundary; largest count "
            f"difference vs tiled {diff_tiled}"
            + (f", vs sjoin {diff_sjoin}" if diff_sjoin is not None else "")
            + "."
        )
        lines.append(text)
    print_section("Impact probability end to end", __file__, lines)


if __name__ == "__main__":
    main()
