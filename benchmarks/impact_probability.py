"""launchgeo.impact_probability vs the naive pipeline (pyproj Geod.fwd + geopandas.sjoin).

Run from the repository root:

    PYTHONPATH=src python benchmarks/impact_probability.py [--n 1000000]

Both pipelines get the same 10^6 (bearing, range) samples from Sunan and the same zone
polygons. launchgeo draws the samples, follows them with a FastForward table and classifies
with ``zones.classify``; the naive pipeline calls ``Geod.fwd`` on every sample, builds a point
GeoDataFrame and spatially joins it with the zone polygons (``predicate="within"``). The
script prints both timings, the ratio, and how well the labels and probabilities agree.

Zones: the embedded default (or ``--zones PATH``); the naive side joins the same polygons
(``Zones.to_geodataframe()``), keeping the first zone in label order where polygons touch,
which is the rule ``Zones.classify`` follows.
"""

from __future__ import annotations

import argparse
import time
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
import shapely.ops

import launchgeo
from launchgeo.geodesy.core import WGS84

SUNAN = (125.67, 39.22389)
OUTSIDE = "high_seas"  # label of points in no polygon (both pipelines)


def load(path: str | None) -> tuple[Any, gpd.GeoDataFrame, str]:
    """(zones for launchgeo, the same polygons for the naive pipeline, description)."""
    zones = launchgeo.load_zones(path) if path else launchgeo.load_zones()
    table = zones.to_geodataframe()[["label", "geometry"]]
    return zones, table, f"{zones.info.source} (load_zones) and its to_geodataframe()"


def naive_labels(bearing: np.ndarray, range_km: np.ndarray, table: gpd.GeoDataFrame) -> np.ndarray:
    n = bearing.size
    lon, lat, _ = WGS84.fwd(np.full(n, SUNAN[0]), np.full(n, SUNAN[1]), bearing, range_km * 1e3)
    points = gpd.GeoDataFrame(geometry=gpd.points_from_xy(lon, lat), crs="EPSG:4326")
    joined = gpd.sjoin(points, table, how="left", predicate="within")
    # A point in several polygons (on a shared edge): keep the first zone in table order.
    order = pd.Series(range(len(table)), index=table["label"])
    joined["rank"] = joined["label"].map(order)
    first = joined.sort_values("rank").groupby(level=0)["label"].first()
    return first.reindex(range(n)).fillna(OUTSIDE).to_numpy(dtype=str)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=2023)
    parser.add_argument("--zones", help="zone file (default: the embedded zones)")
    parser.add_argument("--repeat", type=int, default=3, help="best of N for launchgeo")
    # 1 cm: impact points then agree with Geod.fwd so closely that no label differs; with the
    # library default (1 m) a few points within centimetres of a boundary change label.
    parser.add_argument(
        "--tolerance-m",
        type=float,
        default=0.01,
        help="FastForward error tolerance (m) used by launchgeo",
    )
    args = parser.parse_args()
    zones, table, source = load(args.zones)
    inputs = {
        "range_km": launchgeo.Normal(650, 60),
        "bearing_deg": launchgeo.Uniform(60, 150),
        "tolerance_m": args.tolerance_m,
    }
    print(f"zones: {source}; {len(table)} polygons")
    print(
        f"scenario: from Sunan {SUNAN}, range_km={inputs['range_km']}, "
        f"bearing_deg={inputs['bearing_deg']}, n={args.n:,}, seed={args.seed}, "
        f"tolerance_m={args.tolerance_m}"
    )

    t_fast = np.inf
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        result = launchgeo.impact_probability(
            SUNAN, zones=zones, n=args.n, seed=args.seed, **inputs
        )
        t_fast = min(t_fast, time.perf_counter() - t0)

    samples = launchgeo.impact_probability(
        SUNAN, zones=zones, n=args.n, seed=args.seed, return_samples=True, **inputs
    ).samples
    t_classify = np.inf
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        zones.classify(samples["lon"].to_numpy(), samples["lat"].to_numpy())
        t_classify = min(t_classify, time.perf_counter() - t0)

    bearing = samples["bearing_deg"].to_numpy()
    range_km = samples["range_km"].to_numpy()
    t0 = time.perf_counter()
    labels = naive_labels(bearing, range_km, table)
    t_naive = time.perf_counter() - t0

    same = labels == samples["label"].to_numpy()
    counts = pd.Series(labels).value_counts()
    print(
        f"launchgeo.impact_probability: {t_fast:7.2f} s (best of {args.repeat}; of which "
        f"zones.classify {t_classify:.2f} s; FastForward error bound "
        f"{result.error_bound_m:.3f} m)"
    )
    print(f"naive Geod.fwd + sjoin:       {t_naive:7.2f} s")
    print(
        f"speed-up: {t_naive / t_fast:.1f}x  (launchgeo without classify: "
        f"{t_fast - t_classify:.2f} s; naive without its polygon test: see Geod.fwd "
        "in benchmarks/fast_forward.py)"
    )
    print(f"labels identical: {int(same.sum()):,} of {args.n:,} ({int((~same).sum())} differ)")
    if not same.all():  # explain each difference: a point closer to a boundary than the error
        idx = np.flatnonzero(~same)
        lon_e, lat_e, _ = WGS84.fwd(
            np.full(idx.size, SUNAN[0]),
            np.full(idx.size, SUNAN[1]),
            bearing[idx],
            range_km[idx] * 1e3,
        )
        moved = WGS84.inv(
            samples["lon"].to_numpy()[idx], samples["lat"].to_numpy()[idx], lon_e, lat_e
        )[2]
        edges = shapely.union_all(list(table.geometry.boundary))
        for i, k in enumerate(idx[:10]):
            near = shapely.ops.nearest_points(edges, shapely.Point(lon_e[i], lat_e[i]))[0]
            edge_m = WGS84.inv(lon_e[i], lat_e[i], near.x, near.y)[2]
            fast_label, naive_label = str(samples["label"].iloc[k]), str(labels[k])
            print(
                f"  sample {k}: launchgeo {fast_label!r}, naive {naive_label!r}; "
                f"exact point {edge_m:.2f} m from a zone boundary, fast point {moved[i]:.2f} m "
                "from the exact one"
            )
    print(f"{'label':<28} {'launchgeo':>10} {'naive':>10} {'95% interval (launchgeo)':>26}")
    for label in sorted(set(result.counts) | set(counts.index)):
        p = result.probabilities.get(label, 0.0)
        q = counts.get(label, 0) / args.n
        low, high = result.confidence_intervals.get(label, (0.0, 0.0))
        print(f"{label:<28} {p:10.5f} {q:10.5f}   [{low:.5f}, {high:.5f}]")
    diff = max(
        abs(result.probabilities.get(k, 0.0) - counts.get(k, 0) / args.n)
        for k in set(result.counts) | set(counts.index)
    )
    print(f"largest |probability difference|: {diff:.2e}")


if __name__ == "__main__":
    main()
