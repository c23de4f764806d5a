"""Coordinates passed to the zones: flat float64 views, checks naming the first bad value.

Private; used by ``zones/core.py``.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

from launchgeo._validate import _describe_bad
from launchgeo.errors import CoordinateError

__all__: list[str] = []


def _points(
    lon: Any, lat: Any
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64], tuple[int, ...]]:
    """Validate coordinates without copying float64 input; return flat views and the shape.

    Unlike ``_validate.lon_lat`` this never copies float64 input (classify takes 10^7 points
    within a memory budget) and accepts lon in [-180, 360] without normalizing it.
    """
    lon_f, lat_f, shape = _arrays(lon, lat)
    _check_points(lon_f, lat_f)
    return lon_f, lat_f, shape


def _arrays(
    lon: Any, lat: Any
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64], tuple[int, ...]]:
    """Coordinates as flat float64 arrays (views when possible) and their broadcast shape."""
    try:
        lon_a = np.asarray(lon, dtype=np.float64)
        lat_a = np.asarray(lat, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise CoordinateError(
            f"lon and lat must be numbers or arrays of numbers, got {lon!r}, {lat!r}"
        ) from exc
    if lon_a.shape != lat_a.shape:
        try:
            shape = np.broadcast_shapes(lon_a.shape, lat_a.shape)
        except ValueError as exc:
            raise CoordinateError(
                f"lon and lat have incompatible shapes {lon_a.shape} and {lat_a.shape}"
            ) from exc
        lon_a = np.broadcast_to(lon_a, shape)
        lat_a = np.broadcast_to(lat_a, shape)
    shape = lon_a.shape
    lon_f, lat_f = lon_a.reshape(-1), lat_a.reshape(-1)  # views unless broadcast/strided
    return lon_f, lat_f, shape


def _check_points(lon_f: npt.NDArray[np.float64], lat_f: npt.NDArray[np.float64]) -> None:
    """Raise CoordinateError naming the first NaN, infinite or out-of-range coordinate."""
    for name, arr in (("lon", lon_f), ("lat", lat_f)):
        bad = ~np.isfinite(arr)
        if bad.any():
            raise CoordinateError(f"{name} must be finite, got {_describe_bad(arr, bad)}")
    bad = (lat_f < -90.0) | (lat_f > 90.0)
    if bad.any():
        raise CoordinateError(
            f"lat must be within [-90, 90] degrees, got {_describe_bad(lat_f, bad)} "
            "(are lon and lat swapped? launchgeo takes (lon, lat))"
        )
    bad = (lon_f < -180.0) | (lon_f > 360.0)
    if bad.any():
        raise CoordinateError(
            f"lon must be within [-180, 360] degrees, got {_describe_bad(lon_f, bad)}"
        )
