"""Geodesic distance from points to a zone boundary (private; used by zones/core.py)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
import shapely

from launchgeo.geodesy.core import WGS84

__all__: list[str] = []

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


def boundary_segments(geoms: Sequence[shapely.Geometry]) -> tuple[FloatArray, IntArray]:
    """Return every boundary edge as rows (lon_a, lat_a, lon_b, lat_b) and its zone index."""
    segs: list[FloatArray] = []
    owner: list[IntArray] = []
    for z, geom in enumerate(geoms):
        parts = shapely.get_parts(geom)
        rings = shapely.get_rings(parts)
        if rings.size == 0:
            continue
        xy, ring_idx = shapely.get_coordinates(rings, return_index=True)
        same = ring_idx[1:] == ring_idx[:-1]
        s = np.column_stack([xy[:-1][same], xy[1:][same]])
        segs.append(s)
        owner.append(np.full(s.shape[0], z, dtype=np.int64))
    if not segs:
        return np.empty((0, 4)), np.empty(0, dtype=np.int64)
    return np.concatenate(segs), np.concatenate(owner)


def _ecef_unit(lon: FloatArray, lat: FloatArray) -> FloatArray:
    """Earth-centred coordinates on WGS84 (km) of points on the ellipsoid."""
    a = WGS84.a / 1000.0
    e2 = WGS84.es
    lam, phi = np.radians(lon), np.radians(lat)
    n = a / np.sqrt(1.0 - e2 * np.sin(phi) ** 2)
    return np.column_stack(
        [n * np.cos(phi) * np.cos(lam), n * np.cos(phi) * np.sin(lam), n * (1 - e2) * np.sin(phi)]
    )


class BoundaryDistance:
    """Geodesic distance (km) from points to a polygon boundary with straight lon/lat edges.

    Every edge is densified to vertices at most ``spacing_km`` apart (linear in lon/lat, as
    the edge is) and put in a k-d tree of Earth-centred coordinates: chord length ranks
    geodesic distances between nearby directions to within parts per million.

    1. The geodesic distance to the nearest of the ``k`` chord-nearest vertices, d_v, is an
       upper bound; it exceeds the true distance d by at most sqrt(d^2 + (s/2)^2) - d, i.e.
       s/2 = 50 m at d = 0 and s^2 / (8 d) beyond (1.25 m at d = 1 km), s = spacing_km.
    2. Points with d_v < ``refine_km`` are refined: the sub-edges on each side of each
       candidate vertex are placed on the azimuthal equidistant plane centred on the point
       (pyproj's distance and azimuth from the point to each end), where distances from the
       centre are exact; the distance to a sub-edge is that from the centre to its chord on
       the plane (sub-metre error for sub-edges of 0.1 km).
    """

    def __init__(
        self, geom: shapely.Geometry, *, spacing_km: float = 0.1, k: int = 4, refine_km: float = 2.0
    ) -> None:
        self.refine_m = refine_km * 1000.0
        segs, _ = boundary_segments([geom])
        lat_mid = np.radians(0.5 * (segs[:, 1] + segs[:, 3]))
        dx = (segs[:, 2] - segs[:, 0]) * 111.32 * np.cos(lat_mid)
        dy = (segs[:, 3] - segs[:, 1]) * 110.57
        n = np.maximum(1, np.ceil(np.hypot(dx, dy) * 1.02 / spacing_km)).astype(np.int64)
        rep = np.repeat(np.arange(segs.shape[0]), n)
        k_in = np.arange(rep.size) - np.repeat(np.cumsum(n) - n, n)
        t = k_in / n[rep]
        lon_a = segs[rep, 0] + (segs[rep, 2] - segs[rep, 0]) * t
        lat_a = segs[rep, 1] + (segs[rep, 3] - segs[rep, 1]) * t
        # Sub-edge i runs from vertex i to (lon_b[i], lat_b[i]).
        t1 = (k_in + 1) / n[rep]
        self.lon_a, self.lat_a = lon_a, lat_a
        self.lon_b = segs[rep, 0] + (segs[rep, 2] - segs[rep, 0]) * t1
        self.lat_b = segs[rep, 1] + (segs[rep, 3] - segs[rep, 1]) * t1
        from scipy.spatial import cKDTree

        # compact_nodes=False: 5x faster queries far from a curve-like point set (measured)
        self.tree = cKDTree(_ecef_unit(lon_a, lat_a), balanced_tree=False, compact_nodes=False)
        self.k = min(k, lon_a.size)

    def distance_km(self, lon: FloatArray, lat: FloatArray) -> FloatArray:
        """Unsigned geodesic distance in km from each point to the boundary."""
        out = np.empty(lon.size, dtype=np.float64)
        chunk = 200_000
        for s in range(0, lon.size, chunk):
            out[s : s + chunk] = self._chunk(lon[s : s + chunk], lat[s : s + chunk])
        return out

    def _chunk(self, lon: FloatArray, lat: FloatArray) -> FloatArray:
        _, nearest = self.tree.query(_ecef_unit(lon, lat), k=self.k)
        nearest = np.asarray(nearest).reshape(lon.size, self.k)
        plon = np.repeat(lon, self.k)
        plat = np.repeat(lat, self.k)
        _, _, d_v = WGS84.inv(plon, plat, self.lon_a[nearest.ravel()], self.lat_a[nearest.ravel()])
        best = np.asarray(d_v).reshape(lon.size, self.k).min(axis=1)
        near = np.flatnonzero(best < self.refine_m)
        if near.size:
            best[near] = np.minimum(best[near], self._refine(lon[near], lat[near], nearest[near]))
        return np.asarray(best / 1000.0)

    def _refine(self, lon: FloatArray, lat: FloatArray, nearest: IntArray) -> FloatArray:
        # Each candidate vertex starts one sub-edge; the sub-edge ending at it starts at the
        # previous index (same edge, or the previous edge of the same ring).
        cand = np.concatenate([nearest, np.maximum(nearest - 1, 0)], axis=1).ravel()
        per = cand.size // lon.size
        plon = np.repeat(lon, per)
        plat = np.repeat(lat, per)
        az_a, _, d_a = WGS84.inv(plon, plat, self.lon_a[cand], self.lat_a[cand])
        az_b, _, d_b = WGS84.inv(plon, plat, self.lon_b[cand], self.lat_b[cand])
        az_a, az_b = np.radians(az_a), np.radians(az_b)
        ax, ay = d_a * np.sin(az_a), d_a * np.cos(az_a)
        bx, by = d_b * np.sin(az_b), d_b * np.cos(az_b)
        ex, ey = bx - ax, by - ay
        ee = ex * ex + ey * ey
        with np.errstate(invalid="ignore", divide="ignore"):
            t = np.where(ee > 0, -(ax * ex + ay * ey) / ee, 0.0)
        t = np.clip(t, 0.0, 1.0)
        d = np.hypot(ax + t * ex, ay + t * ey)
        return np.asarray(d.reshape(lon.size, per).min(axis=1))
