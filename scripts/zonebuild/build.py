"""Run the zone build: each step in order, with timings; ``--check`` compares with shipped files."""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path
from typing import Any

from zonebuild.basepoints import coastline_sites
from zonebuild.boundaries import apply_treaty, as_coverage
from zonebuild.claims import land_by_owner
from zonebuild.equidistance import (
    distance_limits,
    equidistance_error_km,
    owner_regions,
    voronoi_cells,
)
from zonebuild.geometry import sagitta_km
from zonebuild.partition import partition
from zonebuild.settings import (
    DATA_OUT,
    DISC_VERTICES_EEZ,
    DISC_VERTICES_TS,
    EEZ_KM,
    MAP_REGION,
    TS_KM,
)
from zonebuild.sources import decode_topojson, fetch_world_atlas, read_treaty_line, sha256_bytes
from zonebuild.write import land_map, write_collection_file, zones_collection


def build(out_dir: Path) -> dict[str, Any]:
    """Build the three data files into ``out_dir``; return checksums and measured residuals."""
    t0 = time.perf_counter()

    def log(msg: str) -> None:
        print(f"[{time.perf_counter() - t0:6.1f}s] {msg}", flush=True)

    raw = fetch_world_atlas()
    countries10 = decode_topojson(raw["countries-10m.json"])
    countries110 = decode_topojson(raw["countries-110m.json"])
    log(f"decoded {len(countries10)} + {len(countries110)} countries")
    names = {iso: name for iso, name, _ in countries10 if iso}
    names.update({"USA": "United States", "CHN": "China"})

    land = land_by_owner(countries10)
    log(f"land: {len(land)} owners")
    sites, site_owner, owners_sorted = coastline_sites(land)
    log(f"sites: {len(sites)} coastline points + basepoints")

    cells = voronoi_cells(sites, log)
    beyond, belt = distance_limits(cells, sites, log)
    regions_by_owner = owner_regions(cells, site_owner, owners_sorted, log)

    line = read_treaty_line()
    residual_km, corridor = apply_treaty(regions_by_owner, line)
    log(f"treaty line applied (median vs treaty up to {residual_km:.1f} km)")
    regions_by_owner = as_coverage(regions_by_owner)

    eq_err = equidistance_error_km(regions_by_owner, corridor, sites, site_owner, owners_sorted)
    log(f"equidistance residual (geodesic): median {eq_err[0]:.3f} km, max {eq_err[1]:.3f} km")

    features = partition(land, regions_by_owner, belt, beyond)
    log("partition assembled, coverage cleaned and rounded")

    out_dir.mkdir(parents=True, exist_ok=True)
    outputs = {
        "zones_nwpacific.npz": zones_collection(features, names),
        "land_nwpacific_10m.npz": land_map(countries10, MAP_REGION),
        "land_world_110m.npz": land_map(countries110, None),
    }
    sums = {}
    for name, obj in outputs.items():
        data = write_collection_file(out_dir / name, obj)
        sums[name] = sha256_bytes(data)
        log(f"wrote {name}: {len(data) / 1e6:.2f} MB")
    return {
        "sha256": sums,
        "equidistance_km": eq_err,
        "treaty_residual_km": residual_km,
        "disc_sagitta_km": {
            "200nm": sagitta_km(EEZ_KM, DISC_VERTICES_EEZ),
            "12nm": sagitta_km(TS_KM, DISC_VERTICES_TS),
        },
        "n_sites": len(sites),
        "seconds": time.perf_counter() - t0,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description="Build launchgeo's embedded zones and land.")
    parser.add_argument(
        "--check", action="store_true", help="rebuild in a temp dir and compare sha256"
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
    info = build(DATA_OUT)
    print(json.dumps(info, indent=2))
    return 0
