"""Geometry helpers of the zone build: polygon parts, the conformal sphere, discs, densifying."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import shapely

from zonebuild.settings import GEOD, SITE_REGION


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


def shift_to_region(geom: Any) -> Any:
    """Clip to SITE_REGION in longitudes shifted to [0, 360)."""
    x0, y0, x1, y1 = SITE_REGION
    west = shapely.intersection(geom, shapely.box(x0, y0, 180.0, y1))
    east = shapely.intersection(geom, shapely.box(-180.0, y0, x1 - 360.0, y1))
    east = shapely.transform(east, lambda c: c + np.array([360.0, 0.0]))
    return shapely.union_all([west, east])


_E2 = GEOD.es
_E = math.sqrt(_E2)


def conformal_lat(lat_deg: np.ndarray) -> np.ndarray:
    """Conformal latitude (degrees) of geodetic latitude on WGS84."""
    phi = np.radians(lat_deg)
    s = np.sin(phi)
    chi = (
        2 * np.arctan(np.tan(np.pi / 4 + phi / 2) * ((1 - _E * s) / (1 + _E * s)) ** (_E / 2))
        - np.pi / 2
    )
    return np.degrees(chi)


def geodetic_lat(chi_deg: np.ndarray) -> np.ndarray:
    """Inverse of :func:`conformal_lat` (fixed-point iteration, converges to 1e-12 rad)."""
    chi = np.radians(chi_deg)
    phi = chi.copy()
    for _ in range(8):
        s = np.sin(phi)
        phi = (
            2 * np.arctan(np.tan(np.pi / 4 + chi / 2) * ((1 + _E * s) / (1 - _E * s)) ** (_E / 2))
            - np.pi / 2
        )
    return np.degrees(phi)


def to_xyz(lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    lam = np.radians(lon)
    chi = np.radians(conformal_lat(lat))
    return np.column_stack([np.cos(chi) * np.cos(lam), np.cos(chi) * np.sin(lam), np.sin(chi)])


def to_lonlat(xyz: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    lon = np.degrees(np.arctan2(xyz[:, 1], xyz[:, 0])) % 360.0
    chi = np.degrees(np.arcsin(np.clip(xyz[:, 2] / np.linalg.norm(xyz, axis=1), -1, 1)))
    return lon, geodetic_lat(chi)


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


def geodesic_discs(lon: np.ndarray, lat: np.ndarray, radius_km: float, n: int) -> np.ndarray:
    """Polygons approximating geodesic circles (vertices on the circle), in shifted longitudes."""
    az = np.linspace(0.0, 360.0, n, endpoint=False)
    lo = np.repeat(lon, n)
    la = np.repeat(lat, n)
    lo2, la2, _ = GEOD.fwd(lo, la, np.tile(az, len(lon)), np.full(lo.shape, radius_km * 1000.0))
    lo2 = lo + ((np.asarray(lo2) - lo + 180.0) % 360.0 - 180.0)
    coords = np.column_stack([lo2, la2]).reshape(len(lon), n, 2)
    coords = np.concatenate([coords, coords[:, :1]], axis=1).reshape(-1, 2)
    # Azimuths increase clockwise: reverse each ring for CCW exteriors.
    rings = shapely.linearrings(coords, indices=np.repeat(np.arange(len(lon)), n + 1))
    return shapely.polygons(shapely.reverse(rings))


def sagitta_km(radius_km: float, n: int) -> float:
    """How far a chord of an n-gon inscribed in a circle of radius_km falls inside the circle."""
    return radius_km * (1 - math.cos(math.pi / n))
