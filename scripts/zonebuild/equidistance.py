"""Step: geodesic equidistance: the Voronoi diagram of the coastline sites and the distance limits.

The diagram is computed on the *conformal sphere* (geodetic latitude mapped to conformal
latitude; ``scipy.spatial.SphericalVoronoi``): locally isotropic, so equal great-circle distances
there are equal geodesic distances on WGS84 up to the slow change of the scale factor; the
residual is measured geodesically (:func:`equidistance_error_km`). Inside the cell of site s the
distance to land is the geodesic distance to s, so the sea beyond 200 nm is the union of
(cell - disc(s, 370.4 km)) and the territorial-sea belt the union of (cell ∩ disc(s, r_s)).

Cells are drawn in their site's longitude frame (continuous around the site, possibly past
±180), a cell holding a pole is closed along that pole, and every result is folded back into
[-180, 180] (cut at the antimeridian).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely
from scipy.spatial import SphericalVoronoi, cKDTree

from zonebuild import exactmath as xm
from zonebuild.geometry import (
    fold_to_world,
    geodesic_discs,
    polygons,
    to_lonlat,
    to_xyz,
)
from zonebuild.settings import (
    DISC_VERTICES_EEZ,
    DISC_VERTICES_TS,
    EEZ_KM,
    FILLER_COUNT,
    FILLER_MIN_KM,
    GEOD,
)

Log = Callable[[str], None]
#: Great-circle edges of cells are densified to this length before being drawn straight in lon/lat.
EDGE_KM = 10.0


@dataclass(frozen=True)
class Diagram:
    """The Voronoi diagram of the coastline sites (fillers left out)."""

    sites: np.ndarray  # (n, 2) lon, lat
    xyz: np.ndarray  # (n, 3) on the conformal sphere
    cells: np.ndarray  # (n,) polygons in each site's longitude frame
    edges: tuple[np.ndarray, ...]  # (flat, nxt, cell_of, pos, n_seg, lon, lat): see _ridges
    tree: cKDTree  # over xyz of sites *and* fillers; indices >= n are fillers

    def ridges(self, site_owner: np.ndarray) -> list[tuple[int, int, np.ndarray]]:
        """Edges between cells of different owners: (i, j, path in cell i's frame), i < j."""
        return _ridges(*self.edges, site_owner)

    def nearest_site(self, lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
        """Index of the nearest site on the conformal sphere (-1 where a filler is nearest)."""
        _, idx = self.tree.query(to_xyz(lon, lat))
        return np.where(idx < len(self.sites), idx, -1)


def _fillers(xyz: np.ndarray) -> np.ndarray:
    k = np.arange(FILLER_COUNT) + 0.5
    z = 1 - 2 * k / FILLER_COUNT
    lam = (np.pi * (1 + 5**0.5) * k) % (2 * np.pi)
    r = np.sqrt(1 - z * z)
    f_xyz = np.column_stack([r * xm.cos(lam), r * xm.sin(lam), z])
    dist_chord, _ = cKDTree(xyz).query(f_xyz)
    min_chord = 2 * math.sin(FILLER_MIN_KM / 6371.0 / 2)
    return f_xyz[dist_chord > min_chord * 1.01]


def _edge_points(vertices: np.ndarray, lo_v: np.ndarray, hi_v: np.ndarray, n_seg: np.ndarray,
                 j: np.ndarray) -> np.ndarray:  # fmt: skip
    """Point j / n_seg of the great-circle arc lo_v -> hi_v (slerp), as xyz."""
    a, b = vertices[lo_v], vertices[hi_v]
    cosang = np.clip(a[:, 0] * b[:, 0] + a[:, 1] * b[:, 1] + a[:, 2] * b[:, 2], -1.0, 1.0)
    w = np.arccos(cosang)  # arccos feeds only the interpolation weights' shape, not a vertex
    t = j / n_seg
    s = xm.sin(w)
    return (xm.sin((1 - t) * w)[:, None] * a + xm.sin(t * w)[:, None] * b) / s[:, None]


def voronoi_diagram(sites: np.ndarray, log: Log) -> Diagram:
    """The diagram of the sites: cells (site frame, densified edges) and ridges between cells."""
    xyz = to_xyz(sites[:, 0], sites[:, 1])
    f_xyz = _fillers(xyz)
    all_xyz = np.vstack([xyz, f_xyz])
    vor = SphericalVoronoi(all_xyz, radius=1.0, threshold=1e-9)
    vor.sort_vertices_of_regions()
    log(f"spherical Voronoi of {len(all_xyz)} points ({len(f_xyz)} fillers)")
    n = len(sites)
    v_lon, v_lat = to_lonlat(vor.vertices)
    regions = vor.regions[:n]
    lengths = np.array([len(r) for r in regions])
    flat = np.concatenate(regions)
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    nxt = np.arange(len(flat)) + 1
    nxt[starts + lengths - 1] = starts
    a_idx, b_idx = flat, flat[nxt]
    cell_of = np.repeat(np.arange(n), lengths)
    # edges, each densified from its lower vertex index so both cells get identical points
    va, vb = vor.vertices[a_idx], vor.vertices[b_idx]
    cosang = np.clip(va[:, 0] * vb[:, 0] + va[:, 1] * vb[:, 1] + va[:, 2] * vb[:, 2], -1, 1)
    n_seg = np.maximum(1, np.ceil(np.arccos(cosang) / (EDGE_KM / 6371.0)).astype(int))
    e_rep = np.repeat(np.arange(len(flat)), n_seg - 1)
    k = np.arange(len(e_rep)) - np.repeat(np.cumsum(n_seg - 1) - (n_seg - 1), n_seg - 1) + 1
    forward = a_idx[e_rep] < b_idx[e_rep]
    lo_v = np.where(forward, a_idx[e_rep], b_idx[e_rep])
    hi_v = np.where(forward, b_idx[e_rep], a_idx[e_rep])
    j = np.where(forward, k, n_seg[e_rep] - k)
    e_lon, e_lat = to_lonlat(_edge_points(vor.vertices, lo_v, hi_v, n_seg[e_rep], j))
    pos = np.concatenate([[0], np.cumsum(n_seg)[:-1]])
    lon = np.empty(int(n_seg.sum()))
    lat = np.empty_like(lon)
    lon[pos], lat[pos] = v_lon[a_idx], v_lat[a_idx]
    lon[pos[e_rep] + k], lat[pos[e_rep] + k] = e_lon, e_lat
    ring_of = np.repeat(cell_of, n_seg)
    # each cell in its site's frame: shift vertices by whole turns (exact for |lon| > 128)
    turns = np.round((sites[ring_of, 0] - lon) / 360.0)
    lon = np.where(turns != 0, lon + 360.0 * turns, lon)
    # close rings
    ring_start = pos[starts]
    ins = np.append(ring_start[1:], len(lon))
    lon = np.insert(lon, ins, lon[ring_start])
    lat = np.insert(lat, ins, lat[ring_start])
    ring_of = np.insert(ring_of, ins, np.arange(n))
    cells = shapely.polygons(shapely.linearrings(np.column_stack([lon, lat]), indices=ring_of))
    for pole in (1.0, -1.0):
        _, nearest = cKDTree(all_xyz).query([0.0, 0.0, pole])
        if nearest < n:
            cells[nearest] = _pole_cell(cells[nearest], sites[nearest, 0], 90.0 * pole)
    cells = shapely.orient_polygons(cells)
    bad = np.nonzero(~shapely.is_valid(cells))[0]
    for i in bad:
        cells[i] = shapely.union_all(polygons(shapely.make_valid(cells[i])))
    log(f"cells: {n} ({len(bad)} repaired); {int((n_seg > 1).sum())} edges densified")
    edges = (flat, nxt, cell_of, pos, n_seg, lon, lat)
    return Diagram(sites, xyz, cells, edges, cKDTree(all_xyz))


def _pole_cell(cell: Any, site_lon: float, pole_lat: float) -> Any:
    """A cell around a pole: its ring unwrapped, closed along the pole, in the site's frame."""
    c = shapely.get_coordinates(shapely.get_exterior_ring(cell))[:-1]
    lon = c[0, 0] + np.concatenate([[0.0], np.cumsum((np.diff(c[:, 0]) + 180.0) % 360.0 - 180.0)])
    lon = np.concatenate([lon, [lon[-1], lon[0], lon[0]]])
    lat = np.concatenate([c[:, 1], [pole_lat, pole_lat, c[0, 1]]])
    ring = shapely.Polygon(np.column_stack([lon, lat]))
    shifted = [shapely.transform(ring, lambda xy, t=t: xy + np.array([360.0 * t, 0.0]))
               for t in (-1, 0, 1)]  # fmt: skip
    whole = shapely.union_all(shifted)
    return shapely.intersection(whole, shapely.box(site_lon - 180, -90, site_lon + 180, 90))


def _ridges(flat: np.ndarray, nxt: np.ndarray, cell_of: np.ndarray, pos: np.ndarray,
            n_seg: np.ndarray, lon: np.ndarray, lat: np.ndarray,
            site_owner: np.ndarray) -> list[tuple[int, int, np.ndarray]]:  # fmt: skip
    """Edges shared by cells of two owners: (i, j, densified path in cell i's frame), i < j.

    ``lon``/``lat`` are the closed ring coordinates: edge e starts at pos[e] + cell_of[e] (one
    closing point was inserted after each earlier cell).
    """
    a, b = flat, flat[nxt]
    key_lo, key_hi = np.minimum(a, b), np.maximum(a, b)
    order = np.lexsort((key_hi, key_lo))
    same = (key_lo[order][1:] == key_lo[order][:-1]) & (key_hi[order][1:] == key_hi[order][:-1])
    first, second = order[:-1][same], order[1:][same]
    differ = site_owner[cell_of[first]] != site_owner[cell_of[second]]
    first, second = first[differ], second[differ]
    out = []
    for e1, e2 in zip(first.tolist(), second.tolist(), strict=True):
        i, j = int(cell_of[e1]), int(cell_of[e2])
        e = e1
        if i > j:
            i, j, e = j, i, e2
        p0 = int(pos[e] + cell_of[e])
        seg = slice(p0, p0 + int(n_seg[e]) + 1)
        out.append((i, j, np.column_stack([lon[seg], lat[seg]])))
    return out


def distance_limits(diagram: Diagram, ts_km: np.ndarray, log: Log) -> tuple[Any, Any]:
    """(sea beyond 200 nm of all land, territorial-sea belt), unions folded into [-180, 180]."""
    cells, sites = diagram.cells, diagram.sites
    cv = shapely.get_coordinates(cells)
    cv_cell = np.repeat(np.arange(len(cells)), shapely.get_num_coordinates(cells))
    _, _, dv = GEOD.inv(sites[cv_cell, 0], sites[cv_cell, 1], cv[:, 0], cv[:, 1])
    max_d = np.zeros(len(cells))
    np.maximum.at(max_d, cv_cell, np.asarray(dv) / 1000.0)
    beyond_pieces, belt_pieces = [], []
    chunk = 20000
    need200 = np.nonzero(max_d > EEZ_KM)[0]
    for i in range(0, len(need200), chunk):
        ids = need200[i : i + chunk]
        discs = geodesic_discs(sites[ids, 0], sites[ids, 1], EEZ_KM, DISC_VERTICES_EEZ)
        beyond_pieces.append(fold_to_world(shapely.difference(cells[ids], discs)))
    need_ts = np.nonzero(max_d > ts_km)[0]
    inside = np.nonzero(max_d <= ts_km)[0]
    belt_pieces.append(fold_to_world(cells[inside]))
    for i in range(0, len(need_ts), chunk):
        ids = need_ts[i : i + chunk]
        discs = geodesic_discs(sites[ids, 0], sites[ids, 1], ts_km[ids], DISC_VERTICES_TS)
        belt_pieces.append(fold_to_world(shapely.intersection(cells[ids], discs)))
    log(f"clipped {len(need200)} cells at 200 nm and {len(need_ts)} at the territorial sea")
    beyond = _union(np.concatenate(beyond_pieces))
    belt = _union(np.concatenate(belt_pieces))
    log("unions of beyond-200-nm and territorial-sea belt")
    return beyond, belt


def _union(pieces: np.ndarray) -> Any:
    pieces = pieces[~shapely.is_empty(pieces)]
    return shapely.union_all(pieces)


def equidistance_error_km(
    diagram: Diagram, site_owner: np.ndarray, excluded: Any
) -> tuple[float, float]:
    """Geodesic check of the medians: |d(site i) - d(site j)| / 2 at vertices of owner ridges.

    Only ridges between two distinct owners, outside the agreed-boundary corridors, where both
    distances are under 369.4 km (the 200-nm limit less 1 km).
    """
    errs = diagram.ridges(site_owner)
    if not errs:
        return 0.0, 0.0
    ii = np.concatenate([np.full(len(p), i) for i, _, p in errs])
    jj = np.concatenate([np.full(len(p), j) for _, j, p in errs])
    pts = np.vstack([p for _, _, p in errs])
    s = diagram.sites
    _, _, di = GEOD.inv(s[ii, 0], s[ii, 1], pts[:, 0], pts[:, 1])
    _, _, dj = GEOD.inv(s[jj, 0], s[jj, 1], pts[:, 0], pts[:, 1])
    di, dj = np.asarray(di) / 1000.0, np.asarray(dj) / 1000.0
    lon = (pts[:, 0] + 180.0) % 360.0 - 180.0
    ok = (di < EEZ_KM - 1) & (dj < EEZ_KM - 1) & ~shapely.intersects_xy(excluded, lon, pts[:, 1])
    e = np.abs(di - dj)[ok] / 2
    if not len(e):
        return 0.0, 0.0
    return float(np.median(e)), float(e.max())
