"""Accuracy of launchgeo's embedded maritime zones against Marine Regions World EEZ.

Reads the embedded zones through ``launchgeo.zones.load_zones`` (or a zones file given with
``--zones``) and two validation oracles in ``../shared/reference`` (never shipped).

**World** (``eez_global``: Marine Regions v8 of 2014, low resolution, a few v10 fills): per
sovereign state, the IoU of its EEZ + territorial sea (ours: every territory of the sovereign,
e.g. FRA with PYF and NCL) against the union of the reference's "200NM" zones with that
ISO_SOV1, both outside every overlapping-claim and joint-regime area (ours and theirs); geodesic
areas. Prints the area-weighted global IoU (sum of intersections / sum of unions), the median
over the states whose reference EEZ exceeds 100,000 km², and the worst 15 with where their
largest difference lies.

**East Asia** (``eez``: v12, higher resolution), for Japan (EEZ + territorial sea: what Marine
Regions' "200NM" polygon covers):

* the IoU outside every joint-regime and overlapping-claim area (Marine Regions' and ours), with
  geodesic areas, and the area difference there;
* the boundary error in the Sea of Japan window 128-142°E, 33-47°N: geodesic distance from points
  every 500 m along one dataset's limits of Japan's zone (exterior rings: towards other states
  and the high seas) to the other's, both directions pooled.  Coastlines are not limits: stretches
  within 3 km of land are left out, and so are stretches within 2 km of an overlapping-claim or
  joint-regime area, where the datasets differ by definition (Marine Regions gives Liancourt Rocks
  only a 12-nm circle);

and the IoU for KOR, PRK, RUS and CHN the same way (clipped to 100-180°E, 0-60°N, the
window of the earlier regional data).  Run from the repository root:
``python benchmarks/zone_accuracy.py [--zones FILE] [--world-only | --east-asia-only]``.
Exits 0 with a message when ../shared is absent.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from pyproj import Geod, Transformer

REPO = Path(__file__).resolve().parents[1]
REF = REPO.parent / "shared" / "reference" / "eez"
REF_WORLD = REPO.parent / "shared" / "reference" / "eez_global" / "eez_global_mr_v8_v10.gpkg"
EAST_ASIA = (100.0, 0.0, 180.0, 60.0)
GEOD = Geod(ellps="WGS84")
WINDOW = (128.0, 33.0, 142.0, 47.0)
SAMPLE_M = 500.0
EXCLUDE_KM = 2.0
COAST_KM = 3.0

TARGETS = {"iou_jpn": 0.992, "p95_km": 5.5, "max_km": 15.0, "world_iou": 0.95, "median_iou": 0.95}
BIG_KM2 = 100_000.0
#: Left out of the world comparison, with the reason (a difference of definition, not accuracy).
NOT_COMPARED = {
    "ATA": "Marine Regions v8 draws a 200-nm zone off Antarctica; launchgeo gives Antarctica "
    "no zones (Antarctic Treaty, Article IV)",
}


@dataclass(frozen=True)
class Accuracy:
    iou: dict[str, float]
    jpn_area_km2: float
    ref_area_km2: float
    boundary_km: tuple[float, float, float]  # median, p95, max
    n_boundary_points: int


def load_zones(path: Path | None = None) -> tuple[dict[str, Any], dict[str, str]]:
    """(label -> geometry, territory code -> sovereign) of the embedded zones or a zones file."""
    from launchgeo.zones import load_zones as lg_load

    zones = lg_load(path)
    gdf = zones.to_geodataframe()
    sovereigns = dict(zones.info.provenance.get("sovereigns", {}))
    return dict(zip(gdf["label"], gdf.geometry, strict=True)), sovereigns


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


def measure(zones_path: Path | None = None) -> Accuracy:
    zones, _ = load_zones(zones_path)
    cover = shapely.box(*EAST_ASIA)
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
        ious[iso3] = iou(shapely.intersection(state_zone(zones, iso3), cover), ref, excluded)
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


@dataclass(frozen=True)
class StateIoU:
    sovereign: str
    iou: float
    ours_km2: float
    ref_km2: float
    inter_km2: float
    union_km2: float
    where: str  # the largest piece of the symmetric difference: location, area, side


@dataclass(frozen=True)
class WorldAccuracy:
    states: list[StateIoU]  # every sovereign in either dataset, worst IoU first
    global_iou: float  # area-weighted: sum of intersections / sum of unions
    median_big: float  # median IoU over states whose reference EEZ > BIG_KM2
    n_big: int
    not_compared: list[StateIoU]  # NOT_COMPARED, measured all the same


def read_world_ref() -> tuple[dict[str, Any], list[Any], dict[str, float]]:
    """Reference "200NM" zones by sovereign, its claim/joint areas, reference areas (km²)."""
    import geopandas as gpd

    gdf = gpd.read_file(REF_WORLD)
    gdf["sov"] = gdf["iso_sov1"].fillna(gdf["iso_ter1"])
    geoms = shapely.make_valid(np.asarray(gdf.geometry.values))
    eez = gdf["pol_type"] == "200NM"
    by_sov: dict[str, list[Any]] = {}
    for sov, g in zip(gdf["sov"][eez], geoms[eez.values], strict=True):
        by_sov.setdefault(str(sov), []).append(g)
    areas = gdf[eez].groupby("sov")["mr_area_km2"].sum().to_dict()
    return ({k: shapely.union_all(v) for k, v in by_sov.items()},
            list(geoms[~eez.values]), areas)  # fmt: skip


def _where(a: Any, b: Any) -> str:
    """Location and size of the largest piece of a - b or b - a ('+': ours only, '-': theirs)."""
    best = (0.0, "")
    for sign, d in (("+", shapely.difference(a, b)), ("-", shapely.difference(b, a))):
        for p in shapely.get_parts(d):
            if p.geom_type != "Polygon":
                continue
            km2 = area_km2(p)
            if km2 > best[0]:
                pt = p.representative_point()
                best = (km2, f"{sign}{km2:,.0f} km² at {pt.x:.1f}, {pt.y:.1f}")
    return best[1]


def measure_world(zones_path: Path | None = None) -> WorldAccuracy:
    zones, sovereigns = load_zones(zones_path)
    ours: dict[str, list[Any]] = {}
    claims = []
    for label, g in zones.items():
        states, kind = label.split(":")
        if kind in ("overlapping_claim", "joint_regime"):
            claims.append(g)
        elif kind in ("eez", "territorial_sea"):
            ours.setdefault(sovereigns.get(states, states), []).append(g)
    ours_u = {k: shapely.union_all(v) for k, v in ours.items()}
    ref, ref_claims, ref_area = read_world_ref()
    excl = np.array([p for g in claims + ref_claims for p in shapely.get_parts(g)])
    tree = shapely.STRtree(excl)
    out = []
    for sov in sorted(set(ours_u) | set(ref)):
        a = ours_u.get(sov, shapely.Polygon())
        b = ref.get(sov, shapely.Polygon())
        near = excl[tree.query(shapely.union(shapely.envelope(a), shapely.envelope(b)))]
        if len(near):
            ex = shapely.union_all(near)
            a, b = shapely.difference(a, ex), shapely.difference(b, ex)
        inter = area_km2(shapely.intersection(a, b))
        union = area_km2(shapely.union(a, b))
        if union == 0:
            continue
        out.append(StateIoU(sov, inter / union, area_km2(a), area_km2(b), inter, union,
                            _where(a, b) if inter / union < 0.97 else ""))  # fmt: skip
    out.sort(key=lambda r: r.iou)
    left_out = [r for r in out if r.sovereign in NOT_COMPARED]
    out = [r for r in out if r.sovereign not in NOT_COMPARED]
    big = [r.iou for r in out if ref_area.get(r.sovereign, 0.0) > BIG_KM2]
    return WorldAccuracy(
        out,
        sum(r.inter_km2 for r in out) / sum(r.union_km2 for r in out),
        float(np.median(big)),
        len(big),
        left_out,
    )


def print_world(acc: WorldAccuracy) -> list[str]:
    print(f"World: launchgeo vs Marine Regions v8 (+v10 fills), {REF_WORLD.name}")
    print(f"  area-weighted global IoU   {acc.global_iou:.4f}   (target >= {TARGETS['world_iou']})")
    print(
        f"  median per-state IoU       {acc.median_big:.4f}   (target >= {TARGETS['median_iou']}; "
        f"{acc.n_big} states with a reference EEZ > {BIG_KM2:,.0f} km²)"
    )
    for r in acc.not_compared:
        print(f"  not compared: {r.sovereign} ({r.ref_km2:,.0f} km² in the reference): "
              f"{NOT_COMPARED[r.sovereign]}")  # fmt: skip
    print("  worst 15 (IoU, ours km², reference km², largest difference: + ours only, - theirs):")
    for r in acc.states[:15]:
        print(f"    {r.sovereign}  {r.iou:.3f}  {r.ours_km2:12,.0f}  {r.ref_km2:12,.0f}  {r.where}")
    misses = []
    if acc.global_iou < TARGETS["world_iou"]:
        misses.append(f"global IoU {acc.global_iou:.4f}")
    if acc.median_big < TARGETS["median_iou"]:
        misses.append(f"median IoU {acc.median_big:.4f}")
    return misses


def print_east_asia(acc: Accuracy) -> list[str]:
    diff = acc.jpn_area_km2 - acc.ref_area_km2
    print(f"East Asia: launchgeo vs Marine Regions World EEZ v12 ({REF})")
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
        print(f"IoU {iso3} (in {EAST_ASIA}): {acc.iou[iso3]:.4f}")
    checks = (
        ("Japan IoU", acc.iou["JPN"], ">=", TARGETS["iou_jpn"]),
        ("Sea of Japan p95 km", p95, "<=", TARGETS["p95_km"]),
        ("Sea of Japan max km", mx, "<=", TARGETS["max_km"]),
    )
    return [
        f"{name} {value:.4g} (target {op} {bound})"
        for name, value, op, bound in checks
        if not (value >= bound if op == ">=" else value <= bound)
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--zones", type=Path, default=None, help="zones file (default: embedded)")
    only = parser.add_mutually_exclusive_group()
    only.add_argument("--world-only", action="store_true")
    only.add_argument("--east-asia-only", action="store_true")
    args = parser.parse_args()
    if not (REF / "eez_jpn.geojson").exists() or not REF_WORLD.exists():
        print(f"{REF.parent} is absent: the reference EEZ data is not part of a clone.")
        return 0
    print(f"zones: {args.zones or 'launchgeo embedded'}")
    misses = []
    world = east = None
    if not args.east_asia_only:
        t0 = time.perf_counter()
        world = measure_world(args.zones)
        misses += print_world(world)
        print(f"  ({time.perf_counter() - t0:.0f} s)")
    if not args.world_only:
        east = measure(args.zones)
        misses += print_east_asia(east)
    print("all targets met" if not misses else "targets missed: " + "; ".join(misses))
    print_markdown(world, east)
    return 0


def print_markdown(world: WorldAccuracy | None, east: Accuracy | None) -> None:
    """The results as the section of docs/benchmarks.md."""
    print("\n## Zone accuracy — `benchmarks/zone_accuracy.py`\n")
    print("| measure | result | target |")
    print("|---|---|---|")
    if world is not None:
        ok = "✓" if world.global_iou >= TARGETS["world_iou"] else "✗"
        print(f"| world: area-weighted IoU per sovereign vs Marine Regions v8 "
              f"({len(world.states)} states, Antarctica not compared) | "
              f"**{world.global_iou:.4f}** | ≥ {TARGETS['world_iou']} {ok} |")  # fmt: skip
        ok = "✓" if world.median_big >= TARGETS["median_iou"] else "✗"
        print(f"| world: median per-state IoU ({world.n_big} states with an EEZ > 100,000 km²) "
              f"| **{world.median_big:.4f}** | ≥ {TARGETS['median_iou']} {ok} |")  # fmt: skip
    if east is not None:
        med, p95, mx = east.boundary_km
        ok = "✓" if east.iou["JPN"] >= TARGETS["iou_jpn"] else "✗"
        print(f"| East Asia: Japan IoU vs Marine Regions v12 | **{east.iou['JPN']:.4f}** | "
              f"≥ {TARGETS['iou_jpn']} {ok} |")  # fmt: skip
        ok = "✓" if p95 <= TARGETS["p95_km"] else "✗"
        print(f"| Sea of Japan boundary error, median / p95 / max | {med:.2f} / **{p95:.2f}** / "
              f"{mx:.2f} km | p95 ≤ {TARGETS['p95_km']} {ok} |")  # fmt: skip
        ious = " / ".join(f"{east.iou[k]:.3f}" for k in ("KOR", "PRK", "RUS", "CHN"))
        print(f"| IoU KOR / PRK / RUS / CHN (100–180°E, 0–60°N) | {ious} | |")
    if world is not None:
        print("\nWorst 15 states (IoU; ours / reference km²; largest difference):\n")
        for r in world.states[:15]:
            print(f"- {r.sovereign} {r.iou:.3f} ({r.ours_km2:,.0f} / {r.ref_km2:,.0f}); {r.where}")
    print("\nThe reasons for each large difference, and for the Sea of Japan p95, are in "
          "`src/launchgeo/zones/data/ZONES_PROVENANCE.md`.")


if __name__ == "__main__":
    sys.exit(main())
