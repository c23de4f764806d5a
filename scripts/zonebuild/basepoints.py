"""Step: coastline sites, each with an owner: densified land outlines plus cited island basepoints.

The sites are the generators of the equidistance step. Islands that Natural Earth lacks come
from ``data/island_basepoints.csv`` (GSHHG positions, cited per row).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import shapely

from zonebuild.claims import dispute_owner
from zonebuild.geometry import densify_ring, polygons
from zonebuild.settings import SITE_SPACING_KM
from zonebuild.sources import read_basepoints


def coastline_sites(land: dict[str, Any]) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """(sites (n, 2) lon/lat shifted, owner index per site, owners sorted) for the land by owner."""
    all_land = shapely.union_all(list(land.values()))
    coast_rings = [shapely.get_exterior_ring(p) for p in polygons(all_land)]
    site_xy = []
    for r in coast_rings:
        c = shapely.get_coordinates(r)
        # Box edges of SITE_REGION are not coast; they are >= 1100 km from the coverage, harmless.
        site_xy.append(densify_ring(c, SITE_SPACING_KM))
    sites = np.vstack(site_xy)
    owners_sorted = sorted(land)
    tree = shapely.STRtree([land[o] for o in owners_sorted])
    idx_pt, idx_geom = tree.query(shapely.points(sites), predicate="dwithin", distance=1e-9)
    site_owner = np.full(len(sites), -1)
    # lowest owner index wins at land borders (deterministic)
    order = np.lexsort((idx_geom, idx_pt))
    first = np.unique(idx_pt[order], return_index=True)[1]
    site_owner[idx_pt[order][first]] = idx_geom[order][first]
    missing = site_owner < 0
    if missing.any():
        near = tree.query_nearest(shapely.points(sites[missing]), all_matches=False)
        site_owner[np.nonzero(missing)[0][near[0]]] = near[1]
    # island basepoints
    bp_rows = read_basepoints()
    bp_xy = np.array([[float(r["lon"]), float(r["lat"])] for r in bp_rows])
    bp_owner = []
    for r, (lon, lat) in zip(bp_rows, bp_xy, strict=True):
        owner = dispute_owner(lon, lat, r["state"])
        if owner not in owners_sorted:
            raise SystemExit(
                f"basepoint owner {owner} has no land in Natural Earth; add it explicitly"
            )
        bp_owner.append(owners_sorted.index(owner))
    sites = np.vstack([sites, bp_xy])
    site_owner = np.concatenate([site_owner, np.array(bp_owner)])
    # dedupe (ring closure points, shared border vertices)
    key = np.round(sites, 7)
    _, uniq = np.unique(key, axis=0, return_index=True)
    uniq.sort()
    sites, site_owner = sites[uniq], site_owner[uniq]
    return sites, site_owner, owners_sorted
