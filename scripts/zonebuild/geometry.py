"""Geometry helpers of the zone build: polygon parts, conformal sphere, discs, folding at ±180."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import shapely

from zonebuild import exactmath as xm
from zonebuild.settings import GEOD


def polygons(geom: Any) -> list[Any]:
    """The polygons of any geometry (drops lines and points from make_valid/overlay output)."""
    parts = shapely.get_parts(geom)
    out = []
    for p in parts:
        if p.geom_type == "Polygon" and not p.is_empty:
            out.append(p)
        elif p.geom_type in ("MultiPolygon", "GeometryCollection"):
            out.extend(polygons(p))
    return out


def area_only(geom: Any) -> Any:
    """The polygonal part of an overlay result as one (Multi)Polygon."""
    polys = polygons(geom)
    return shapely.MultiPolygon(polys) if polys else shapely.MultiPolygon()


_E2 = GEOD.es
_E = math.sqrt(_E2)
_DEG = math.pi / 180.0


def conformal_lat(lat_deg: np.ndarray) -> np.ndarray:
    """Conformal latitude (degrees) of geodetic latitude on WGS84."""
    phi = np.asarray(lat_deg, dtype=np.float64) * _DEG
    s = xm.sin(phi)
    t = xm.tan(np.pi / 4 + phi / 2) * xm.power((1 - _E * s) / (1 + _E * s), _E / 2)
    return (2 * xm.atan(t) - np.pi / 2) / _DEG


def geodetic_lat(chi_deg: np.ndarray) -> np.ndarray:
    """Inverse of :func:`conformal_lat` (fixed-point iteration, converges to 1e-12 rad)."""
    chi = np.asarray(chi_deg, dtype=np.float64) * _DEG
    phi = chi.copy()
    t0 = xm.tan(np.pi / 4 + chi / 2)
    for _ in range(8):
        s = xm.sin(phi)
        phi = 2 * xm.atan(t0 * xm.power((1 + _E * s) / (1 - _E * s), _E / 2)) - np.pi / 2
    return phi / _DEG


def to_xyz(lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    """Unit vectors on the conformal sphere."""
    lam = np.asarray(lon, dtype=np.float64) * _DEG
    chi = conformal_lat(lat) * _DEG
    c = xm.cos(chi)
    return np.column_stack([c * xm.cos(lam), c * xm.sin(lam), xm.sin(chi)])


def to_lonlat(xyz: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(lon in [-180, 180], geodetic lat) of vectors on the conformal sphere."""
    lon = xm.atan2(xyz[:, 1], xyz[:, 0]) / _DEG
    norm = np.sqrt(xyz[:, 0] * xyz[:, 0] + xyz[:, 1] * xyz[:, 1] + xyz[:, 2] * xyz[:, 2])
    chi = xm.asin(np.clip(xyz[:, 2] / norm, -1.0, 1.0)) / _DEG
    return lon, geodetic_lat(chi)


def wrap_near(lon: np.ndarray, ref: np.ndarray) -> np.ndarray:
    """``lon`` shifted by whole turns to within 180° of ``ref``."""
    return ref + ((lon - ref + 180.0) % 360.0 - 180.0)


def densify_ring(coords: np.ndarray, max_km: float) -> np.ndarray:
    """Points of a closed ring (without the closing point) <= max_km apart.

    Inserted points are linear in lon/lat: on segments of Natural Earth 10m (a few km at most) this
    departs from the geodesic by metres.
    """
    a, b = coords[:-1], coords[1:]
    _, _, d = GEOD.inv(a[:, 0], a[:, 1], b[:, 0], b[:, 1])
    n = np.maximum(1, np.ceil(np.asarray(d) / 1000.0 / max_km).astype(int))
    seg = np.repeat(np.arange(len(a)), n)
    k = np.arange(len(seg)) - np.repeat(np.cumsum(n) - n, n)
    t = (k / n[seg])[:, None]
    return a[seg] + t * (b[seg] - a[seg])


def geodesic_discs(lon: np.ndarray, lat: np.ndarray, radius_km: np.ndarray, n: int) -> np.ndarray:
    """Polygons approximating geodesic circles (vertices on the circle), in the centre's frame.

    Longitudes are continuous around each centre (they may leave [-180, 180]); no centre may be
    within ``radius_km`` of a pole.
    """
    az = np.linspace(0.0, 360.0, n, endpoint=False)
    lo = np.repeat(lon, n)
    la = np.repeat(lat, n)
    dist = np.repeat(np.broadcast_to(np.asarray(radius_km, dtype=float), lon.shape), n) * 1000.0
    lo2, la2, _ = GEOD.fwd(lo, la, np.tile(az, len(lon)), dist)
    lo2 = wrap_near(np.asarray(lo2), lo)
    coords = np.column_stack([lo2, la2]).reshape(len(lon), n, 2)
    coords = np.concatenate([coords, coords[:, :1]], axis=1).reshape(-1, 2)
    # Azimuths increase clockwise: reverse each ring for CCW exteriors.
    rings = shapely.linearrings(coords, indices=np.repeat(np.arange(len(lon)), n + 1))
    return shapely.polygons(shapely.reverse(rings))


def fold_to_world(geoms: np.ndarray) -> np.ndarray:
    """Geometries drawn in unwrapped longitudes, cut at ±180 and moved into [-180, 180].

    Geometries already inside [-180, 180] are returned unchanged (the same objects).
    """
    out = np.array(geoms, dtype=object)
    b = shapely.bounds(out)
    outside = np.nonzero((b[:, 0] < -180.0) | (b[:, 2] > 180.0))[0]
    world = shapely.box(-180.0, -90.0, 180.0, 90.0)
    for i in outside:
        g = out[i]
        pieces = [shapely.intersection(g, world)]
        for turn in (-1, 1):
            band = shapely.box(-180.0 + 360.0 * turn, -90.0, 180.0 + 360.0 * turn, 90.0)
            part = shapely.intersection(g, band)
            if not part.is_empty:
                pieces.append(shapely.transform(part, lambda c, t=turn: c - [360.0 * t, 0.0]))
        out[i] = area_only(shapely.GeometryCollection([p for p in pieces if not p.is_empty]))
    return out


def sagitta_km(radius_km: float, n: int) -> float:
    """How far a chord of an n-gon inscribed in a circle of radius_km falls inside the circle."""
    return radius_km * (1 - math.cos(math.pi / n))
