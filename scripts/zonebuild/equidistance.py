"""Step: geodesic equidistance: the Voronoi diagram of the coastline sites and the distance limits.

The diagram is computed on the *conformal sphere* (geodetic latitude mapped to conformal
latitude; ``scipy.spatial.SphericalVoronoi``): locally isotropic, so equal great-circle distances
there are equal geodesic distances on WGS84 up to the slow change of the scale factor; the
residual is measured geodesically (:func:`equidistance_error_km`). Inside the cell of site s the
distance to land is the geodesic distance to s, so the sea beyond 200 nm is the union of
(cell - disc(s, 370.4 km)) and the 12-nm belt the union of (cell ∩ disc(s, 22.224 km)).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import shapely
from scipy.spatial import SphericalVoronoi, cKDTree

from zonebuild.geometry import geodesic_discs, polygons, to_lonlat, to_xyz
from zonebuild.settings import (
    COVERAGE_BBOX,
    DISC_VERTICES_EEZ,
    DISC_VERTICES_TS,
    EEZ_KM,
    FILLER_MIN_KM,
    GEOD,
    TS_KM,
)

Log = Callable[[str], None]


def voronoi_cells(sites: np.ndarray, log: Log) -> np.ndarray:
    """One valid polygon per site (lon/lat, edges densified to <= 10 km): its Voronoi cell."""
    xyz = to_xyz(sites[:, 0], sites[:, 1])
    n_fill = 40000
    k = np.arange(n_fill) + 0.5
    f_lat = np.degrees(np.arcsin(1 - 2 * k / n_fill))
    f_lon = (np.degrees(np.pi * (1 + 5**0.5) * k)) % 360.0
    f_xyz = to_xyz(f_lon, f_lat)
    dist_chord, _ = cKDTree(xyz).query(f_xyz)
    min_chord = 2 * math.sin(FILLER_MIN_KM / 6371.0 / 2)
    f_xyz = f_xyz[dist_chord > min_chord * 1.01]
    all_xyz = np.vstack([xyz, f_xyz])
    vor = SphericalVoronoi(all_xyz, radius=1.0, threshold=1e-9)
    vor.sort_vertices_of_regions()
    log(f"spherical Voronoi of {len(all_xyz)} points ({len(f_xyz)} fillers)")

    v_lon, v_lat = to_lonlat(vor.vertices)
    regions = vor.regions[: len(sites)]
    lengths = np.array([len(r) for r in regions])
    flat = np.concatenate(regions)
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    nxt = np.arange(len(flat)) + 1
    nxt[starts + lengths - 1] = starts
    a_idx, b_idx = flat, flat[nxt]
    cosang = np.einsum("ij,ij->i", vor.vertices[a_idx], vor.vertices[b_idx])
    ang = np.arccos(np.clip(cosang, -1, 1))
    # densify great-circle edges to <= 10 km before drawing them as straight lon/lat segments
    max_ang = 10.0 / 6371.0
    n_seg = np.maximum(1, np.ceil(ang / max_ang).astype(int))
    # ring coordinates: each vertex a, then the interior points of its edge a -> b
    cell_of = np.repeat(np.arange(len(regions)), lengths)
    base = np.column_stack([v_lon[a_idx], v_lat[a_idx]])
    long_edges = np.nonzero(n_seg > 1)[0]
    counts = n_seg.copy()
    # interior points of long edges are computed from the lower vertex index (t = j / n) whichever
    # way the ring runs, so that the two cells sharing an edge get bit-identical coordinates
    e_rep = np.repeat(long_edges, n_seg[long_edges] - 1)
    k = (
        np.arange(len(e_rep))
        - np.repeat(
            np.cumsum(n_seg[long_edges] - 1) - (n_seg[long_edges] - 1), n_seg[long_edges] - 1
        )
        + 1
    )
    forward = a_idx[e_rep] < b_idx[e_rep]
    lo_v = np.where(forward, a_idx[e_rep], b_idx[e_rep])
    hi_v = np.where(forward, b_idx[e_rep], a_idx[e_rep])
    j = np.where(forward, k, n_seg[e_rep] - k)
    t = j / n_seg[e_rep]
    w = ang[e_rep]
    pts = (
        np.sin((1 - t) * w)[:, None] * vor.vertices[lo_v]
        + np.sin(t * w)[:, None] * vor.vertices[hi_v]
    ) / np.sin(w)[:, None]
    e_lon, e_lat = to_lonlat(pts)
    total = int(counts.sum())
    coords = np.empty((total, 2))
    pos = np.concatenate([[0], np.cumsum(counts)[:-1]])
    coords[pos] = base
    coords[pos[e_rep] + k] = np.column_stack([e_lon, e_lat])
    ring_ids = np.repeat(cell_of, counts)
    # close rings
    ring_start = pos[starts]
    closing = coords[ring_start]
    coords = np.insert(coords, np.append(pos[starts[1:]], total), closing, axis=0)
    ring_ids = np.insert(ring_ids, np.append(pos[starts[1:]], total), np.arange(len(regions)))
    cells = shapely.polygons(shapely.linearrings(coords, indices=ring_ids))
    cells = shapely.orient_polygons(cells)
    bad = ~shapely.is_valid(cells)
    if bad.any():
        cells[bad] = [shapely.union_all(polygons(shapely.make_valid(c))) for c in cells[bad]]
    log(f"cells: {len(cells)} ({int(bad.sum())} repaired), {len(long_edges)} long edges densified")
    return cells


def distance_limits(cells: np.ndarray, sites: np.ndarray, log: Log) -> tuple[Any, Any]:
    """(sea beyond 200 nm of all land, 12-nm belt), both cut to the coverage box."""
    cv = shapely.get_coordinates(cells)
    cv_owner_cell = np.repeat(np.arange(len(cells)), shapely.get_num_coordinates(cells))
    s_lon, s_lat = sites[cv_owner_cell, 0], sites[cv_owner_cell, 1]
    _, _, dv = GEOD.inv(s_lon, s_lat, cv[:, 0], cv[:, 1])
    max_d = np.zeros(len(cells))
    np.maximum.at(max_d, cv_owner_cell, np.asarray(dv) / 1000.0)
    beyond_pieces = []
    ts_pieces = []
    chunk = 20000
    need200 = np.nonzero(max_d > EEZ_KM)[0]
    for i in range(0, len(need200), chunk):
        ids = need200[i : i + chunk]
        discs = geodesic_discs(sites[ids, 0], sites[ids, 1], EEZ_KM, DISC_VERTICES_EEZ)
        beyond_pieces.append(shapely.difference(cells[ids], discs))
    need12 = np.nonzero(max_d > TS_KM)[0]
    inside12 = np.nonzero(max_d <= TS_KM)[0]
    ts_pieces.append(cells[inside12])
    for i in range(0, len(need12), chunk):
        ids = need12[i : i + chunk]
        discs = geodesic_discs(sites[ids, 0], sites[ids, 1], TS_KM, DISC_VERTICES_TS)
        ts_pieces.append(shapely.intersection(cells[ids], discs))
    log(f"clipped {len(need200)} cells at 200 nm and {len(need12)} at 12 nm")

    cov = shapely.box(*COVERAGE_BBOX)
    pad = shapely.box(
        COVERAGE_BBOX[0] - 1, COVERAGE_BBOX[1] - 1, COVERAGE_BBOX[2] + 1, COVERAGE_BBOX[3] + 1
    )

    def union_in(pieces: np.ndarray) -> Any:
        pieces = pieces[~shapely.is_empty(pieces)]
        pieces = pieces[shapely.intersects(pieces, pad)]
        return shapely.intersection(shapely.union_all(shapely.intersection(pieces, pad)), cov)

    beyond = union_in(np.concatenate(beyond_pieces))
    belt = union_in(np.concatenate(ts_pieces))
    log("unions of beyond-200-nm and 12-nm belt")

    return beyond, belt


def owner_regions(
    cells: np.ndarray, site_owner: np.ndarray, owners_sorted: list[str], log: Log
) -> dict[str, Any]:
    """The union of each owner's cells inside the coverage box: its equidistance region."""
    cov = shapely.box(*COVERAGE_BBOX)
    pad = shapely.box(
        COVERAGE_BBOX[0] - 1, COVERAGE_BBOX[1] - 1, COVERAGE_BBOX[2] + 1, COVERAGE_BBOX[3] + 1
    )
    regions_by_owner = {}
    for oi, owner in enumerate(owners_sorted):
        ids = np.nonzero(site_owner == oi)[0]
        c = cells[ids]
        c = c[shapely.intersects(c, pad)]
        if len(c) == 0:
            continue
        try:
            r = shapely.coverage_union_all(c)
        except shapely.errors.GEOSException:
            r = shapely.union_all(c)
        r = shapely.intersection(r, cov)
        if not r.is_empty:
            regions_by_owner[owner] = r
    log(f"owner regions: {len(regions_by_owner)}")

    return regions_by_owner


def equidistance_error_km(
    regions: dict[str, Any],
    corridor: Any,
    sites: np.ndarray,
    site_owner: np.ndarray,
    owners: list[str],
) -> tuple[float, float]:
    """Geodesic check of the medians: |d(land of A) - d(land of B)| / 2 at boundary vertices.

    Only boundaries between two distinct owners, outside the 1974 treaty corridor (a treaty line is
    not a median), where both distances are under 369.4 km (the 200-nm limit less 1 km).
    """
    pairs = []
    keys = sorted(regions)
    for i, a in enumerate(keys):
        for b in keys[i + 1 :]:
            if not shapely.intersects(regions[a], regions[b]):
                continue
            shared = shapely.intersection(
                shapely.boundary(regions[a]), shapely.boundary(regions[b])
            )
            c = shapely.get_coordinates(shared)
            if len(c):
                pairs.append((a, b, c))
    # boundaries that the treaty moved end at the corridor's edge: leave a 0.1° margin
    near_corridor = shapely.buffer(corridor, 0.1)
    errs = []
    xyz_sites = to_xyz(sites[:, 0], sites[:, 1])
    trees = {}
    for a, b, c in pairs:
        for o in (a, b):
            if o not in trees:
                m = site_owner == owners.index(o)
                trees[o] = (cKDTree(xyz_sites[m]), sites[m])
        c = c[~shapely.intersects_xy(near_corridor, c[:, 0], c[:, 1])]
        if not len(c):
            continue
        q = to_xyz(c[:, 0], c[:, 1])
        dists = []
        for o in (a, b):
            tr, pts = trees[o]
            kk = min(8, len(pts))
            _, nn = tr.query(q, k=kk)
            nn = nn.reshape(len(q), kk)
            lo = np.repeat(c[:, 0], kk)
            la = np.repeat(c[:, 1], kk)
            _, _, dd = GEOD.inv(lo, la, pts[nn.ravel(), 0], pts[nn.ravel(), 1])
            dists.append(np.asarray(dd).reshape(-1, kk).min(axis=1) / 1000.0)
        ok = (dists[0] < EEZ_KM - 1) & (dists[1] < EEZ_KM - 1)
        errs.append(np.abs(dists[0] - dists[1])[ok] / 2)
    e = np.concatenate(errs) if errs else np.zeros(1)
    return float(np.median(e)), float(e.max())
