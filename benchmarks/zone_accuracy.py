"""Accuracy of launchgeo's embedded maritime zones against Marine Regions World EEZ v12.

Reads the shipped ``zones/data/zones_nwpacific.npz`` directly (no Zones API needed)
and the reference polygons in ``../shared/reference/eez`` (a validation oracle, never shipped).
Prints, for Japan (EEZ + territorial sea: what Marine Regions' "200NM" polygon covers):

* the IoU outside every joint-regime and overlapping-claim area (Marine Regions' and ours), with
  geodesic areas, and the area difference there;
* the boundary error in the Sea of Japan window 128-142°E, 33-47°N: geodesic distance from points
  every 500 m along one dataset's limits of Japan's zone (exterior rings: towards other states
  and the high seas) to the other's, both directions pooled.  Coastlines are not limits: stretches
  within 3 km of land are left out, and so are stretches within 2 km of an overlapping-claim or
  joint-regime area, where the datasets differ by definition (Marine Regions gives Liancourt Rocks
  only a 12-nm circle);

and the IoU for KOR, PRK, RUS (clipped to the coverage) and CHN the same way.  Run from the
repository root: ``python benchmarks/zone_accuracy.py``.  Exits 0 with a message when ../shared
is absent.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from pyproj import Geod, Transformer

REPO = Path(__file__).resolve().parents[1]
ZONES = REPO / "src" / "launchgeo" / "zones" / "data" / "zones_nwpacific.npz"
REF = REPO.parent / "shared" / "reference" / "eez"
GEOD = Geod(ellps="WGS84")
WINDOW = (128.0, 33.0, 142.0, 47.0)
SAMPLE_M = 500.0
EXCLUDE_KM = 2.0
COAST_KM = 3.0

TARGETS = {"iou_jpn": 0.99, "p95_km": 5.0, "max_km": 15.0}


@dataclass(frozen=True)
class Accuracy:
    iou: dict[str, float]
    jpn_area_km2: float
    ref_area_km2: float
    boundary_km: tuple[float, float, float]  # median, p95, max
    n_boundary_points: int


def load_zones(path: Path = ZONES) -> tuple[dict[str, Any], tuple[float, float, float, float]]:
    from launchgeo.zones._format import read_collection

    col = read_collection(path, arrays=False)
    geoms = dict(zip(col.properties["label"], col.geometries, strict=True))
    return geoms, tuple(col.metadata["coverage_bbox"])


def read_ref(name: str) -> list[tuple[dict[str, Any], Any]]:
    fc = json.loads((REF / name).read_text(encoding="utf-8"))
    return [
        (ft["properties"], shapely.make_valid(shapely.geometry.shape(ft["geometry"])))
        for ft in fc["features"]
    ]


def area_km2(geom: Any) -> float:
    if geom.is_empty:
        return 0.0
    return abs(GEOD.geometry_area_perimeter(geom)[0]) / 1e6


def state_zone(zones: dict[str, Any], iso3: str) -> Any:
    return shapely.union_all(
        [g for lab, g in zones.items() if lab in (f"{iso3}:eez", f"{iso3}:territorial_sea")]
    )


def excluded_areas(zones: dict[str, Any]) -> Any:
    """Every overlapping-claim / joint-regime area, ours and Marine Regions'."""
    ours = [g for lab, g in zones.items() if lab.endswith((":overlapping_claim", ":joint_regime"))]
    ref = [
        g for p, g in read_ref("eez_v12_eastasia_pacific_all35.geojson") if p["pol_type"] != "200NM"
    ]
    return shapely.union_all(ours + ref)


def iou(a: Any, b: Any, excluded: Any) -> float:
    a = shapely.difference(a, excluded)
    b = shapely.difference(b, excluded)
    return area_km2(shapely.intersection(a, b)) / area_km2(shapely.union(a, b))


def outer_limit(geom: Any) -> Any:
    """Exterior rings of a zone's polygons: its limits towards other states and the high seas.

    Interior rings are coasts of islands and internal waters (Marine Regions leaves out bays such
    as the Seto Inland Sea); exterior rings may still run along a coast where a polygon pinches,
    which the caller removes with a buffer around land.
    """
    return shapely.union_all([p.exterior for p in shapely.get_parts(geom)])


def boundary_error_km(mine: Any, ref: Any, excluded: Any, land: Any) -> np.ndarray:
    """Pooled geodesic distances between the two outer limits inside WINDOW (km)."""
    lon0 = (WINDOW[0] + WINDOW[2]) / 2
    lat0 = (WINDOW[1] + WINDOW[3]) / 2
    proj = f"+proj=aeqd +lon_0={lon0} +lat_0={lat0} +ellps=WGS84 +units=m"
    fwd = Transformer.from_crs("EPSG:4326", proj, always_xy=True)
    inv = Transformer.from_crs(proj, "EPSG:4326", always_xy=True)

    def local(g: Any) -> Any:
        return shapely.transform(g, lambda c: np.column_stack(fwd.transform(c[:, 0], c[:, 1])))

    box = shapely.box(*WINDOW)
    excl = local(shapely.intersection(excluded, shapely.box(*np.add(WINDOW, (-1, -1, 1, 1)))))
    excl = shapely.buffer(excl, EXCLUDE_KM * 1000.0)
    coast = local(shapely.intersection(land, shapely.box(*np.add(WINDOW, (-1, -1, 1, 1)))))
    excl = shapely.union(excl, shapely.buffer(coast, COAST_KM * 1000.0))
    lines = [local(shapely.intersection(outer_limit(g), box)) for g in (mine, ref)]
    out = []
    for src, dst in ((lines[0], lines[1]), (lines[1], lines[0])):
        src = shapely.difference(src, excl)
        pts = shapely.get_coordinates(shapely.segmentize(src, SAMPLE_M))
        if not len(pts):
            continue
        p = shapely.points(pts)
        near = shapely.get_coordinates(shapely.shortest_line(p, dst))[1::2]
        lo1, la1 = inv.transform(pts[:, 0], pts[:, 1])
        lo2, la2 = inv.transform(near[:, 0], near[:, 1])
        _, _, d = GEOD.inv(lo1, la1, lo2, la2)
        out.append(np.asarray(d) / 1000.0)
    return np.concatenate(out)


def measure(zones_path: Path = ZONES) -> Accuracy:
    zones, bbox = load_zones(zones_path)
    cover = shapely.box(*bbox)
    excluded = excluded_areas(zones)
    refs = {
        "JPN": "eez_jpn.geojson",
        "KOR": "eez_kor.geojson",
        "PRK": "eez_prk.geojson",
        "RUS": "eez_rus.geojson",
        "CHN": "eez_chn.geojson",
    }
    ious = {}
    for iso3, name in refs.items():
        ref = shapely.intersection(shapely.union_all([g for _, g in read_ref(name)]), cover)
        ious[iso3] = iou(state_zone(zones, iso3), ref, excluded)
    mine = state_zone(zones, "JPN")
    ref_jpn = shapely.union_all([g for _, g in read_ref("eez_jpn.geojson")])
    land = shapely.union_all([g for lab, g in zones.items() if lab.endswith(":land")])
    d = boundary_error_km(mine, ref_jpn, excluded, land)
    return Accuracy(
        iou=ious,
        jpn_area_km2=area_km2(shapely.difference(mine, excluded)),
        ref_area_km2=area_km2(shapely.difference(ref_jpn, excluded)),
        boundary_km=(float(np.median(d)), float(np.percentile(d, 95)), float(d.max())),
        n_boundary_points=len(d),
    )


def main() -> int:
    if not (REF / "eez_jpn.geojson").exists():
        print(
            f"{REF} is absent: the reference EEZ data is not part of a clone; nothing to measure."
        )
        return 0
    acc = measure()
    diff = acc.jpn_area_km2 - acc.ref_area_km2
    print(f"zones: {ZONES.relative_to(REPO)}  reference: Marine Regions World EEZ v12 ({REF})")
    print("Japan (EEZ + territorial sea), outside joint-regime and overlapping-claim areas:")
    print(f"  IoU                      {acc.iou['JPN']:.4f}   (target >= {TARGETS['iou_jpn']})")
    print(
        f"  area                     {acc.jpn_area_km2:,.0f} km² vs {acc.ref_area_km2:,.0f} km² "
        f"({diff:+,.0f} km², {100 * diff / acc.ref_area_km2:+.2f} %)"
    )
    med, p95, mx = acc.boundary_km
    print(
        f"  boundary error, Sea of Japan {WINDOW}: median {med:.2f} km, p95 {p95:.2f} km "
        f"(target <= {TARGETS['p95_km']}), max {mx:.2f} km (target <= {TARGETS['max_km']}); "
        f"{acc.n_boundary_points} points every {SAMPLE_M:.0f} m"
    )
    for iso3 in ("KOR", "PRK", "RUS", "CHN"):
        note = " (clipped to the coverage)" if iso3 == "RUS" else ""
        print(f"IoU {iso3}{note}: {acc.iou[iso3]:.4f}")
    checks = (
        ("Japan IoU", acc.iou["JPN"], ">=", TARGETS["iou_jpn"]),
        ("Sea of Japan p95 km", p95, "<=", TARGETS["p95_km"]),
        ("Sea of Japan max km", mx, "<=", TARGETS["max_km"]),
    )
    misses = [
        f"{name} {value:.4g} (target {op} {bound})"
        for name, value, op, bound in checks
        if not (value >= bound if op == ">=" else value <= bound)
    ]
    print("all targets met" if not misses else "targets missed: " + "; ".join(misses))
    return 0


if __name__ == "__main__":
    sys.exit(main())
