"""Step: slivers: sea polygons below an area threshold are merged into a neighbour.

Snap-rounding and coverage simplification leave a few tiny polygons where lines meet at small
angles (a 12-nm arc meeting a median, a median meeting a coast). Drawn, they are stray outlines;
classified, they are labels no one can defend. A sea polygon (any kind but land: small islands are
real) smaller than ``SLIVER_KM2`` is given to the neighbour with which it shares the longest edge
(the high seas count as a neighbour; land only when it touches nothing else), so the coverage
keeps no hole and no overlap: the sliver's edges are its neighbour's edges, and the union is exact.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import shapely

from zonebuild.geometry import polygons
from zonebuild.settings import GEOD


def area_km2(polys: list[Any]) -> np.ndarray:
    """Geodesic areas of polygons (km²)."""
    return np.array([abs(GEOD.geometry_area_perimeter(p)[0]) / 1e6 for p in polys])


def merge_slivers(zones: dict[str, Any], threshold_km2: float) -> tuple[dict[str, Any], int]:
    """Zones with every sea polygon under ``threshold_km2`` merged into a neighbour."""
    labels, parts = [], []
    for lab, geom in zones.items():
        for p in polygons(geom):
            labels.append(lab)
            parts.append(p)
    parts_arr = np.array(parts, dtype=object)
    # cheap planar prefilter in deg², then geodesic areas of the candidates only
    approx = shapely.area(parts_arr) * 111.32**2
    candidates = np.nonzero(approx < 4 * threshold_km2)[0]
    is_land = np.array([lab.endswith(":land") for lab in labels])
    candidates = candidates[~is_land[candidates]]
    areas = area_km2(list(parts_arr[candidates]))
    slivers = candidates[areas < threshold_km2]
    tree = shapely.STRtree(parts_arr)
    target = np.array(labels, dtype=object)
    for s in slivers:
        edge = shapely.boundary(parts_arr[s])
        shared: dict[str | None, float] = {}
        for n in tree.query(parts_arr[s], predicate="intersects"):
            if n == s or labels[n] == labels[s]:
                continue
            length = shapely.length(shapely.intersection(edge, shapely.boundary(parts_arr[n])))
            if length > 0:
                shared[labels[n]] = shared.get(labels[n], 0.0) + length
        rest = shapely.length(edge) - sum(shared.values())
        if rest > 1e-9:
            shared[None] = rest  # the high seas
        sea = {k: v for k, v in shared.items() if k is None or not k.endswith(":land")}
        pick = sea or shared
        target[s] = max(sorted(pick, key=str), key=lambda k: pick[k]) if pick else None
    out_parts: dict[str, list[Any]] = {}
    for lab, p in zip(target, parts_arr, strict=True):
        if lab is not None:
            out_parts.setdefault(lab, []).append(p)
    merged = {lab: shapely.coverage_union_all(ps) for lab, ps in sorted(out_parts.items())}
    return merged, len(slivers)
