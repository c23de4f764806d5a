"""How the shipped zones' resolution was chosen: size against accuracy per simplification tolerance.

Reads the coverage the last ``make data`` left before simplification
(``cache/zones_unsimplified.pkl``), simplifies it with the build's own step
(``shapely.coverage_simplify`` at each tolerance, then the sliver merge), writes each variant as the
build would (gzipped GeoJSON, for the accuracy measure, and the shipped binary file with its
classify index) and measures: their sizes; the area-weighted IoU of every zone
against the unsimplified coverage, land included (what simplification alone costs); the largest
distance a vertex of Japan's zones moves; and, when
``../shared`` is present, the world accuracy against Marine Regions
(``zone_accuracy.measure_world``). Run from the
repository root after ``make data``: ``python benchmarks/zone_resolution.py``.
"""

from __future__ import annotations

import pickle
import sys
import tempfile
from pathlib import Path
from typing import Any

import numpy as np
import shapely

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))
sys.path.insert(0, str(REPO / "benchmarks"))

import zone_accuracy  # noqa: E402
from zonebuild.build import finish  # noqa: E402
from zonebuild.settings import CACHE_DIR, GEOD, SIMPLIFY_DEG  # noqa: E402
from zonebuild.write import collection_file_bytes, write_gz_json, zones_collection  # noqa: E402

TOLERANCES = (0.0, 0.001, 0.002, 0.005, 0.01)
#: Zones whose vertex shifts are measured (a coast, medians, 12-nm and 200-nm arcs).
JAPAN = ("JPN:land", "JPN:territorial_sea", "JPN:eez")


def area_km2(g: Any) -> float:
    return abs(GEOD.geometry_area_perimeter(g)[0]) / 1e6 if not g.is_empty else 0.0


def self_iou(a: dict[str, Any], b: dict[str, Any]) -> float:
    """Sum over labels of |a ∩ b| / sum of |a ∪ b|, from |a|, |b| and |a △ b| (one overlay)."""
    inter = union = 0.0
    for label in set(a) | set(b):
        ga, gb = a.get(label, shapely.Polygon()), b.get(label, shapely.Polygon())
        sa, sb = area_km2(ga), area_km2(gb)
        sd = area_km2(shapely.symmetric_difference(ga, gb))
        inter += (sa + sb - sd) / 2
        union += (sa + sb + sd) / 2
    return inter / union


def max_shift_km(simplified: Any, original: Any) -> float:
    """Largest distance from a vertex of ``original`` to the boundary of ``simplified`` (km)."""
    pts = shapely.get_coordinates(shapely.boundary(original))
    rings = shapely.get_parts(shapely.boundary(simplified))
    segments = []
    for ring in rings:
        c = shapely.get_coordinates(ring)
        segments.extend(shapely.linestrings(np.stack([c[:-1], c[1:]], axis=1)))
    tree = shapely.STRtree(segments)
    _, dist = tree.query_nearest(shapely.points(pts), return_distance=True, all_matches=False)
    lat = np.radians(np.abs(pts[:, 1]).mean())
    return float(np.max(dist) * 111.32 * max(np.cos(lat), 0.5))


def main() -> int:
    src = CACHE_DIR / "zones_unsimplified.pkl"
    if not src.exists():
        print(f"{src} is absent: run `make data` first.")
        return 0
    with open(src, "rb") as f:
        raw, names = pickle.load(f)
    world = zone_accuracy.REF_WORLD.exists()
    labels = sorted(raw)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for tol in TOLERANCES:
            zones, _ = finish(dict(raw), tol, lambda msg: None)
            path = Path(tmp) / f"zones_{tol}.geojson.gz"
            collection = zones_collection(zones, names)
            size = len(write_gz_json(path, collection))
            binary = len(collection_file_bytes(collection))
            iou_self = self_iou(zones, raw)
            # shifts from the simplification alone (the sliver merge moves whole tiny parts)
            japan = shapely.coverage_simplify(np.array([raw[k] for k in labels]), tol)
            shift = max(max_shift_km(japan[labels.index(k)], raw[k]) for k in JAPAN)
            acc = zone_accuracy.measure_world(path) if world else None
            rows.append((tol, size, binary, iou_self, shift, acc))
            print(f"tolerance {tol}: {size / 1e6:.2f} MB GeoJSON, {binary / 1e6:.2f} MB binary, "
                  f"IoU vs unsimplified {iou_self:.5f}, "
                  f"largest shift of Japan's zones {shift:.3f} km"
                  + (f", world IoU {acc.global_iou:.4f}, median {acc.median_big:.4f}"
                     if acc else ""), flush=True)  # fmt: skip
    print("\n## Zone resolution — `benchmarks/zone_resolution.py`\n")
    print("| tolerance (°) | shipped binary file (with index) | gzipped GeoJSON "
          "| IoU vs unsimplified | largest shift, Japan's zones | world IoU "
          "| median state IoU |")  # fmt: skip
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for tol, size, binary, iou_self, shift, acc in rows:
        mark = " (shipped)" if tol == SIMPLIFY_DEG else ""
        w = f"{acc.global_iou:.4f} | {acc.median_big:.4f}" if acc else "— | —"
        shift_m = f"{shift * 1000:.0f} m"
        print(f"| {tol}{mark} | {binary / 1e6:.2f} MB | {size / 1e6:.2f} MB | {iou_self:.5f} "
              f"| {shift_m} | {w} |")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
