"""Step: the partition: land, territorial sea, EEZ and overlapping claims as one exact coverage.

Land by owner; territorial sea = belt ∩ owner's region - land; EEZ = owner's region - belt -
beyond-200-nm - land; a disputed feature's region is one ``overlapping_claim`` zone. Everything is
snap-rounded to the output grid, cleaned into a coverage (identical shared edges) and checked.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import shapely

from zonebuild.claims import DISPUTES
from zonebuild.geometry import area_only
from zonebuild.settings import COVERAGE_BBOX, GRID_DEG, SIMPLIFY_DEG

Feature = tuple[str, str, str, Any]  # (label, kind, states, geometry)


def partition(
    land: dict[str, Any], regions_by_owner: dict[str, Any], belt: Any, beyond: Any
) -> list[Feature]:
    """The zone features, sorted by label, with cleaned and rounded geometries."""
    cov = shapely.box(*COVERAGE_BBOX)
    g = GRID_DEG
    land_cov = {
        o: area_only(shapely.intersection(geom, cov, grid_size=g)) for o, geom in land.items()
    }
    land_cov = {o: v for o, v in land_cov.items() if not v.is_empty}
    all_land_cov = shapely.union_all(list(land_cov.values()), grid_size=g)
    belt_s = area_only(shapely.simplify(belt, SIMPLIFY_DEG))
    beyond_s = area_only(shapely.simplify(beyond, SIMPLIFY_DEG))
    features: list[tuple[str, str, str, Any]] = []  # (label, kind, states, geom)
    taken = all_land_cov
    for owner, geom in land_cov.items():
        features.append((f"{owner}:land", "land", owner, geom))
    for owner, region in sorted(regions_by_owner.items()):
        sea = area_only(shapely.difference(region, beyond_s, grid_size=g))
        sea = area_only(shapely.difference(sea, taken, grid_size=g))
        if "/" in owner:
            features.append((f"{owner}:overlapping_claim", "overlapping_claim", owner, sea))
            taken = area_only(shapely.union(taken, sea, grid_size=g))
            continue
        ts = area_only(shapely.intersection(sea, belt_s, grid_size=g))
        eez = area_only(shapely.difference(sea, belt_s, grid_size=g))
        features.append((f"{owner}:territorial_sea", "territorial_sea", owner, ts))
        features.append((f"{owner}:eez", "eez", owner, eez))
        taken = area_only(shapely.union_all([taken, ts, eez], grid_size=g))
    # Snap-rounded overlays leave slivers thinner than the grid between neighbours: clean them into
    # an exact coverage (identical shared edges), then round; the rounded set must stay a coverage.
    features = [f for f in sorted(features, key=lambda f: f[0]) if not f[3].is_empty]
    geoms = shapely.coverage_clean(np.array([f[3] for f in features]), snapping_distance=0.0)
    geoms = np.array([shapely.transform(gm, lambda c: np.round(c, 5)) for gm in geoms])
    if not (shapely.is_valid(geoms).all() and shapely.coverage_is_valid(geoms)):
        raise SystemExit("rounded zones are not a valid polygonal coverage")
    return [(f[0], f[1], f[2], g) for f, g in zip(features, geoms, strict=True)]


def feature_name(kind: str, states: str, names: dict[str, str]) -> str:
    who = " / ".join(names.get(s, s) for s in states.split("/"))
    if kind == "overlapping_claim":
        for d in DISPUTES:
            if "/".join(sorted(d.claimants)) == states:
                return f"{d.name}: area claimed by {who}"
    text = {
        "land": "land",
        "territorial_sea": "territorial sea (12 nm, approximation)",
        "eez": "exclusive economic zone beyond 12 nm (equidistance approximation)",
        "overlapping_claim": "overlapping claim",
        "joint_regime": "joint regime",
    }[kind]
    return f"{who}: {text}"
