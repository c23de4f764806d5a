"""Geodesics on the WGS84 ellipsoid (pyproj ``Geod``, GeographicLib inside).

All functions take degrees and kilometres, broadcast their arguments like numpy, return
new arrays (scalars for scalar input), and validate their domain: latitudes within
[-90, 90], finite values, distances >= 0. Longitudes are normalized to [-180, 180).

Examples
--------
>>> from launchgeo.geodesy.core import destination, distance_km
>>> lon, lat = destination(125.67, 39.22389, 90.0, 350.0)
>>> round(float(distance_km(125.67, 39.22389, lon, lat)), 6)
350.0
"""

from __future__ import annotations

from typing import Any

import numpy as np
from pyproj import Geod

from launchgeo import _validate as v
from launchgeo._inputs import series_index, wrap

__all__ = [
    "HALF_MERIDIAN_KM",
    "WGS84",
    "azimuth_deg",
    "destination",
    "distance_km",
    "farthest_distance_km",
    "inverse",
]

#: The WGS84 ellipsoid used everywhere in launchgeo.
WGS84 = Geod(ellps="WGS84")

#: Longest geodesic :func:`destination` follows (a geodesic may go round the Earth; 25 times
#: is certainly a mistake, and metres beyond ~1e305 overflow).
MAX_GEODESIC_KM = 1_000_000.0

#: Pole-to-pole geodesic distance on WGS84 in km: the farthest any two points can be apart.
HALF_MERIDIAN_KM: float = float(WGS84.inv(0.0, 90.0, 0.0, -90.0)[2]) / 1000.0


def _ecef_m(lon: Any, lat: Any) -> np.ndarray:
    """Earth-centred (ECEF) WGS84 positions in metres of points on the ellipsoid, shape (..., 3).

    Not validated (an internal helper for fast prefilters and error checks).

    Examples
    --------
    >>> _ecef_m(0.0, 0.0).round(1).tolist()
    [6378137.0, 0.0, 0.0]
    """
    phi, lam = np.radians(lat), np.radians(lon)
    sphi, cphi = np.sin(phi), np.cos(phi)
    n = WGS84.a / np.sqrt(1.0 - WGS84.es * sphi * sphi)
    return np.stack(
        [n * cphi * np.cos(lam), n * cphi * np.sin(lam), n * (1.0 - WGS84.es) * sphi], axis=-1
    )


def _chord_m(lon1: Any, lat1: Any, lon2: Any, lat2: Any) -> np.ndarray:
    """Straight-line distance (m) through the Earth between points on the WGS84 ellipsoid.

    Equal to the geodesic distance d to within d**3 / (24 R**2) for d << R (1e-15 m at 1 m,
    0.4 m at 100 km); it orders points as the geodesic distance does to within the flattening.

    Examples
    --------
    >>> round(float(_chord_m(0.0, 0.0, 0.0, 1e-5)), 3)  # 1.1 m north of the equator
    1.106
    """
    diff = _ecef_m(lon1, lat1) - _ecef_m(lon2, lat2)
    return np.asarray(np.sqrt((diff * diff).sum(axis=-1)))


def _out(arr: np.ndarray, scalar: bool) -> Any:
    return float(arr.reshape(-1)[0]) if scalar else arr


def destination(lon: Any, lat: Any, azimuth_deg: Any, distance_km: Any) -> tuple[Any, Any]:
    """Point reached from (lon, lat) along a geodesic with the given azimuth and length.

    Parameters
    ----------
    lon, lat : float or array_like
        Start point in degrees.
    azimuth_deg : float or array_like
        Initial azimuth, degrees clockwise from north.
    distance_km : float or array_like
        Geodesic distance in km (>= 0).

    Returns
    -------
    lon, lat : float, numpy.ndarray or pandas.Series
        End point in degrees, longitude in [-180, 180); Series (named ``lon``, ``lat``) on the
        index of pandas Series passed in.

    Examples
    --------
    >>> lon, lat = destination(0.0, 0.0, 0.0, 10001.965729)
    >>> round(lat, 6)
    90.0
    """
    lon_a, lat_a = v.lon_lat(lon, lat)
    az = v.azimuths_deg(azimuth_deg)
    dist = v.distances_km(
        distance_km, "distance_km", MAX_GEODESIC_KM, " (25 times round the Earth)"
    )
    scalar = all(np.ndim(x) == 0 for x in (lon_a, lat_a, az, dist))
    b = v.broadcast(("lon", lon_a), ("lat", lat_a), ("azimuth_deg", az), ("distance_km", dist))
    b[3] = b[3] * 1000.0
    shape = b[0].shape
    flat = [np.ascontiguousarray(x, dtype=np.float64).ravel() for x in b]
    lon2, lat2, _ = WGS84.fwd(flat[0], flat[1], flat[2], flat[3])
    lon2 = v.normalize_lon(np.asarray(lon2, dtype=np.float64)).reshape(shape)
    lat2 = np.asarray(lat2, dtype=np.float64).reshape(shape)
    index = series_index(lon, lat, azimuth_deg, distance_km)
    return wrap(_out(lon2, scalar), index, "lon"), wrap(_out(lat2, scalar), index, "lat")


def inverse(lon1: Any, lat1: Any, lon2: Any, lat2: Any) -> tuple[Any, Any, Any]:
    """Distance and azimuths of the shortest geodesic between two points.

    Returns
    -------
    distance_km, azimuth_deg, back_azimuth_deg : float, numpy.ndarray or pandas.Series
        Distance in km; forward azimuth at the first point and azimuth at the second point,
        both in [0, 360) degrees clockwise from north. Series on the index of pandas Series
        passed in.

    Examples
    --------
    >>> d, az, _ = inverse(0.0, 0.0, 1.0, 0.0)
    >>> round(d, 3), round(az, 1)
    (111.319, 90.0)
    """
    lo1, la1 = v.lon_lat(lon1, lat1)
    lo2, la2 = v.lon_lat(lon2, lat2)
    scalar = all(np.ndim(x) == 0 for x in (lo1, la1, lo2, la2))
    b = v.broadcast(("lon1", lo1), ("lat1", la1), ("lon2", lo2), ("lat2", la2))
    shape = b[0].shape
    flat = [np.ascontiguousarray(x, dtype=np.float64).ravel() for x in b]
    az12, az21, dist = WGS84.inv(flat[0], flat[1], flat[2], flat[3], return_back_azimuth=True)
    dist_km = np.asarray(dist, dtype=np.float64).reshape(shape) / 1000.0
    az12 = v.wrap_360(np.asarray(az12, dtype=np.float64)).reshape(shape)
    # pyproj (return_back_azimuth=True, its default) gives the direction from point 2 back to 1.
    back = v.wrap_360(np.asarray(az21, dtype=np.float64)).reshape(shape)
    index = series_index(lon1, lat1, lon2, lat2)
    return (
        wrap(_out(dist_km, scalar), index, "distance_km"),
        wrap(_out(az12, scalar), index, "azimuth_deg"),
        wrap(_out(back, scalar), index, "back_azimuth_deg"),
    )


def distance_km(lon1: Any, lat1: Any, lon2: Any, lat2: Any) -> Any:
    """Geodesic distance in km between (lon1, lat1) and (lon2, lat2) on WGS84.

    Examples
    --------
    >>> round(distance_km(125.67, 39.22389, 139.46722, 42.14917), 1)
    1209.2
    """
    return inverse(lon1, lat1, lon2, lat2)[0]


def azimuth_deg(lon1: Any, lat1: Any, lon2: Any, lat2: Any) -> Any:
    """Initial azimuth (degrees clockwise from north, [0, 360)) from point 1 toward point 2.

    Examples
    --------
    >>> round(azimuth_deg(0.0, 0.0, 0.0, 10.0), 6)
    0.0
    """
    return inverse(lon1, lat1, lon2, lat2)[1]


def farthest_distance_km(lon: float, lat: float) -> float:
    """Distance in km from (lon, lat) to the farthest point of the WGS84 ellipsoid.

    On an oblate ellipsoid the farthest point from any point is its antipode, and the meridian
    through the poles is a shortest path to it (Karney 2013, sec. 7), so the answer is half
    the meridian, 20,003.931 km, wherever the point is. The coordinates are still validated.

    Examples
    --------
    >>> round(farthest_distance_km(125.67, 39.22389), 3)
    20003.931
    """
    v.lon_lat(lon, lat)
    return HALF_MERIDIAN_KM
