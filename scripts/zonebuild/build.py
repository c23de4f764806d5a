"""Run the zone build: each step in order, with timings; ``--check`` compares with shipped files."""

from __future__ import annotations

import argparse
import json
import pickle
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
import shapely

from zonebuild.basepoints import coastline_sites
from zonebuild.boundaries import corridor, median_offset_km
from zonebuild.claims import land_by_owner
from zonebuild.equidistance import distance_limits, equidistance_error_km, voronoi_diagram
from zonebuild.geometry import sagitta_km
from zonebuild.npm import sha256_bytes
from zonebuild.partition import arrangement, dissolve, label_faces, owner_ridge_lines
from zonebuild.settings import (
    CACHE_DIR,
    DATA_OUT,
    DISC_VERTICES_EEZ,
    DISC_VERTICES_TS,
    EEZ_KM,
    SIMPLIFY_DEG,
    SLIVER_KM2,
    TS_KM,
)
from zonebuild.slivers import merge_slivers
from zonebuild.sources import decode_topojson, fetch_world_atlas, read_boundary_lines
from zonebuild.write import land_map, write_collection_file, zones_collection

ZONES_FILE = "zones_world.npz"
LAND_FILES = {"50m": "land_world_50m.npz", "110m": "land_world_110m.npz"}


def toolchain() -> dict[str, str]:
    """Versions of the libraries whose arithmetic the output depends on."""
    import scipy

    return {
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "shapely": shapely.__version__,
        "geos": shapely.geos_version_string,
        "pyproj": __import__("pyproj").__version__,
    }


#: The pinned toolchain (pyproject.toml, extra "data"): byte-identical output is promised with it.
PINNED = {"numpy": "2.4.6", "scipy": "1.17.1", "shapely": "2.2.0", "geos": "3.14.1",
          "pyproj": "3.7.2"}  # fmt: skip


def build_zones(log: Any) -> tuple[dict[str, Any], dict[str, Any], dict[str, str]]:
    """The zone coverage before simplification, its measured residuals and the state names."""
    raw = fetch_world_atlas()
    countries10 = decode_topojson(raw["countries-10m.json"])
    names = {iso: name for iso, name, _ in countries10 if iso}
    names.update({"USA": "United States", "CHN": "China", "XKX": "Kosovo"})
    land = land_by_owner(countries10)
    log(f"land: {len(land)} owners")
    sites = coastline_sites(land)
    log(f"sites: {len(sites.lonlat)} coastline points + basepoints")
    diagram = voronoi_diagram(sites.lonlat, log)
    beyond, belt = distance_limits(diagram, sites.ts_km, log)
    corridors = [corridor(line) for line in read_boundary_lines()]
    ridge_lines, ridges = owner_ridge_lines(diagram, sites)
    offsets = {c.line.line_id: median_offset_km(c, ridges) for c in corridors}
    log(f"{len(corridors)} agreed lines; medians moved by up to (km): {offsets}")
    lines = [shapely.boundary(g) for g in land.values()]
    lines += [shapely.boundary(belt), shapely.boundary(beyond), *ridge_lines]
    lines += [shapely.boundary(ts) for _, ts in sites.rocks]
    lines += [shapely.boundary(c.left_side) for c in corridors]
    lines += [shapely.boundary(c.right_side) for c in corridors]
    faces = arrangement(lines, log)
    labels = label_faces(faces, land, sites, diagram, corridors, belt, beyond)
    zones = dissolve(faces, labels)
    log(f"faces labelled and dissolved into {len(zones)} zones")
    excluded = shapely.union_all([shapely.buffer(c.area, 0.1) for c in corridors])
    eq = equidistance_error_km(diagram, sites.owner, excluded)
    log(f"equidistance residual (geodesic): median {eq[0]:.3f} km, max {eq[1]:.3f} km")
    info = {
        "equidistance_km": eq,
        "agreed_line_offsets_km": offsets,
        "disc_sagitta_km": {
            "200nm": sagitta_km(EEZ_KM, DISC_VERTICES_EEZ),
            "12nm": sagitta_km(TS_KM, DISC_VERTICES_TS),
        },
        "n_sites": len(sites.lonlat),
        "n_faces": len(faces),
    }
    return zones, info, names


def finish(zones: dict[str, Any], simplify_deg: float, log: Any) -> tuple[dict[str, Any], int]:
    """Coverage-simplified zones without slivers, checked to be a valid coverage."""
    labels = sorted(zones)
    geoms = np.array([zones[k] for k in labels])
    if simplify_deg > 0:
        geoms = shapely.coverage_simplify(geoms, simplify_deg)
    out = dict(zip(labels, geoms, strict=True))
    n_slivers, rounds = 0, 0
    while True:  # a sliver merged into another sliver may need a second round
        out, n = merge_slivers(out, SLIVER_KM2)
        n_slivers, rounds = n_slivers + n, rounds + 1
        if n == 0 or rounds == 5:
            break
    log(f"simplified ({simplify_deg}°) and merged {n_slivers} slivers < {SLIVER_KM2} km² "
        f"in {rounds} rounds")  # fmt: skip
    geoms = np.array(list(out.values()))
    if not (shapely.is_valid(geoms).all() and shapely.coverage_is_valid(geoms)):
        raise SystemExit("zones are not a valid polygonal coverage")
    return out, n_slivers


def build(out_dir: Path, simplify_deg: float = SIMPLIFY_DEG) -> dict[str, Any]:
    """Build the data files into ``out_dir``; return checksums and measured residuals."""
    t0 = time.perf_counter()

    def log(msg: str) -> None:
        print(f"[{time.perf_counter() - t0:6.1f}s] {msg}", flush=True)

    tools = toolchain()
    log("toolchain: " + ", ".join(f"{k} {v}" for k, v in tools.items()))
    off = {k: v for k, v in tools.items() if PINNED[k] != v}
    if off:
        log(f"WARNING: not the pinned toolchain {PINNED}; output may differ in the last bits")
    zones, info, names = build_zones(log)
    # the coverage before simplification, for benchmarks/zone_resolution.py
    with open(CACHE_DIR / "zones_unsimplified.pkl", "wb") as f:
        pickle.dump((zones, names), f)
    zones, n_slivers = finish(zones, simplify_deg, log)
    raw = fetch_world_atlas()
    out_dir.mkdir(parents=True, exist_ok=True)
    outputs = {ZONES_FILE: zones_collection(zones, names)}
    for res, name in LAND_FILES.items():
        outputs[name] = land_map(decode_topojson(raw[f"countries-{res}.json"]), res)
    sums = {}
    for name, obj in outputs.items():
        data = write_collection_file(out_dir / name, obj)
        sums[name] = sha256_bytes(data)
        log(f"wrote {name}: {len(data) / 1e6:.2f} MB")
    return {
        **info,
        "sha256": sums,
        "n_slivers_merged": n_slivers,
        "simplify_deg": simplify_deg,
        "seconds": time.perf_counter() - t0,
        "toolchain": tools,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description="Build launchgeo's embedded zones and land.")
    parser.add_argument(
        "--check", action="store_true", help="rebuild in a temp dir and compare sha256"
    )
    parser.add_argument("--out", type=Path, default=None, help="output folder (default: package)")
    parser.add_argument(
        "--simplify", type=float, default=SIMPLIFY_DEG, help="coverage simplification (degrees)"
    )
    args = parser.parse_args()
    if args.check:
        with tempfile.TemporaryDirectory() as tmp:
            info = build(Path(tmp))
        ok = True
        for name, digest in info["sha256"].items():
            shipped = sha256_bytes((DATA_OUT / name).read_bytes())
            same = shipped == digest
            ok &= same
            print(
                f"{'OK  ' if same else 'DIFF'} {name} shipped {shipped[:16]} rebuilt {digest[:16]}"
            )
        return 0 if ok else 1
    info = build(args.out or DATA_OUT, args.simplify)
    print(json.dumps(info, indent=2))
    return 0
