"""Step: coastline sites, each with an owner: densified land outlines plus cited island basepoints.

The sites are the generators of the equidistance step: every ring of the union of all land except
Antarctica (outer coasts, the Caspian Sea and a few lagoons), densified to SITE_SPACING_KM, plus
the islands that Natural Earth lacks (``data/island_basepoints.csv``, cited per row). Antarctica
generates no zones: under Article IV of the Antarctic Treaty no new claim or enlargement of a
claim may be asserted while the Treaty is in force, so the sea off it is high seas here. Rocks
that their holder gives no EEZ (:data:`zonebuild.claims.ROCKS`: Rockall) are no sites either:
they get their territorial sea as a union of 12-nm discs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely
from scipy.spatial import cKDTree

from zonebuild.claims import ROCKS, dispute_owner
from zonebuild.geometry import densify_ring, fold_to_world, geodesic_discs, polygons
from zonebuild.settings import CASPIAN_TS_KM, DISC_VERTICES_TS, SITE_SPACING_KM, TS_KM
from zonebuild.sources import read_basepoints

#: Land that generates no maritime zones.
NO_ZONES = ("ATA",)
#: A point in the Caspian Sea (identifies its shore among the rings of the land union).
CASPIAN_POINT = (51.0, 42.0)


@dataclass(frozen=True)
class Sites:
    """Coastline sites: lon/lat, owner index, territorial-sea breadth (km), Caspian flag."""

    lonlat: np.ndarray
    owner: np.ndarray
    owners: list[str]
    ts_km: np.ndarray
    caspian: Any  # the Caspian Sea as a polygon (its shore ring)
    rocks: list[tuple[str, Any]]  # (owner, territorial sea) of rocks that generate nothing else


def _nearest_owner(points: np.ndarray, lands: list[Any]) -> np.ndarray:
    """Index of the land whose outline (densified alike) is nearest each point; at a land border,
    where two outlines share the point, the lower index wins (deterministic)."""
    xy, who = [], []
    for k, geom in enumerate(lands):
        for ring in shapely.get_rings(shapely.get_parts(geom)).tolist():
            pts = densify_ring(shapely.get_coordinates(ring), SITE_SPACING_KM)
            xy.append(pts)
            who.append(np.full(len(pts), k))
    owner = np.concatenate(who)
    dist, idx = cKDTree(np.vstack(xy)).query(points, k=2)
    tie = dist[:, 0] == dist[:, 1]
    best = owner[idx[:, 0]]
    best[tie] = np.minimum(owner[idx[tie, 0]], owner[idx[tie, 1]])
    return best


def coastline_sites(land: dict[str, Any]) -> Sites:
    """The sites of the land by owner (Antarctica left out) and the island basepoints."""
    zoned = shapely.union_all([g for o, g in land.items() if o not in NO_ZONES])
    rings = []
    caspian = None
    for poly in polygons(zoned):
        rings.append(shapely.get_exterior_ring(poly))
        for hole in poly.interiors:
            rings.append(hole)
            if shapely.Polygon(hole).contains(shapely.Point(*CASPIAN_POINT)):
                caspian = shapely.Polygon(hole)
    if caspian is None:
        raise SystemExit("the Caspian Sea is not a hole in the land: check the sources")
    sites = np.vstack([densify_ring(shapely.get_coordinates(r), SITE_SPACING_KM) for r in rings])
    owners_sorted = sorted(land)
    site_owner = _nearest_owner(sites, [land[o] for o in owners_sorted])
    bp_rows = read_basepoints()
    bp_xy = np.array([[float(r["lon"]), float(r["lat"])] for r in bp_rows])
    bp_owner = []
    for r, (lon, lat) in zip(bp_rows, bp_xy, strict=True):
        owner = dispute_owner(lon, lat, r["state"])
        if owner not in owners_sorted:
            raise SystemExit(
                f"basepoint {r['name']!r}: owner {owner} has no land in Natural Earth; add it"
            )
        bp_owner.append(owners_sorted.index(owner))
    sites = np.vstack([sites, bp_xy])
    site_owner = np.concatenate([site_owner, np.array(bp_owner, dtype=int)])
    # dedupe (ring closure points, shared border vertices, ±180): first of each close pair stays
    sites[:, 0] = np.where(sites[:, 0] >= 180.0, sites[:, 0] - 360.0, sites[:, 0])
    lam, phi = np.radians(sites[:, 0]), np.radians(sites[:, 1])
    unit = np.column_stack([np.cos(phi) * np.cos(lam), np.cos(phi) * np.sin(lam), np.sin(phi)])
    pairs = cKDTree(unit).query_pairs(r=1e-8, output_type="ndarray")
    keep = np.ones(len(sites), dtype=bool)
    keep[np.unique(pairs.max(axis=1))] = False
    sites, site_owner = sites[keep], site_owner[keep]
    on_caspian = shapely.intersects_xy(shapely.buffer(caspian, 1e-6), *sites.T)  # and its islands
    ts_km = np.where(on_caspian, CASPIAN_TS_KM, TS_KM)
    rocks = []
    for rock in ROCKS:
        x0, y0, x1, y1 = rock.box
        on = (sites[:, 0] >= x0) & (sites[:, 0] <= x1) & (sites[:, 1] >= y0) & (sites[:, 1] <= y1)
        discs = geodesic_discs(sites[on, 0], sites[on, 1], TS_KM, DISC_VERTICES_TS)
        rocks.append((rock.owner, shapely.union_all(fold_to_world(discs))))
        sites, site_owner, ts_km = sites[~on], site_owner[~on], ts_km[~on]
    return Sites(sites, site_owner, owners_sorted, ts_km, caspian, rocks)
