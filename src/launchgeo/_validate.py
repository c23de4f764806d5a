"""Argument validation shared by the public functions (private)."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import numpy.typing as npt

from launchgeo._numbers import describe, numeric_array
from launchgeo.errors import CoordinateError, RangeError, ValidationError

FloatArray = npt.NDArray[np.float64]


def _describe_bad(values: FloatArray, bad: npt.NDArray[np.bool_]) -> str:
    idx = np.flatnonzero(bad)
    first = float(values.ravel()[idx[0]])  # repr of a numpy scalar reads "np.float64(nan)"
    where = f" (element {idx[0]})" if values.size > 1 else ""
    more = f" and {idx.size - 1} more" if idx.size > 1 else ""
    return f"{first!r}{where}{more}"


def as_float_array(value: Any, name: str) -> FloatArray:
    """Return ``value`` as a new float64 array, raising ValidationError for non-numbers.

    What counts as a number is one rule for every argument (``_numbers``): text, bool, None,
    complex, dates and unordered collections are refused, never converted.
    """
    arr, bad = numeric_array(value)
    if arr is None:
        raise ValidationError(f"{name} must be a number or an array of numbers, got {bad}")
    return np.array(arr, dtype=np.float64)  # always a copy: user input is never modified


def broadcast(*named: tuple[str, FloatArray]) -> list[FloatArray]:
    """``np.broadcast_arrays`` of the arrays, or a ValidationError naming their shapes."""
    try:
        return list(np.broadcast_arrays(*(arr for _, arr in named)))
    except ValueError:
        shapes = ", ".join(f"{name} {arr.shape}" for name, arr in named)
        raise ValidationError(
            f"arguments have shapes that do not broadcast together: {shapes}"
        ) from None


def check_finite(
    arr: FloatArray, name: str, error: type[ValidationError] = ValidationError
) -> None:
    """Raise ``error`` if any element is NaN or infinite."""
    bad = ~np.isfinite(arr)
    if bad.any():
        raise error(f"{name} must be finite, got {_describe_bad(arr, bad)}")


#: Longitudes launchgeo accepts, in degrees: both conventions, -180..180 and 0..360.
LON_MIN, LON_MAX = -180.0, 360.0


def check_lon(arr: FloatArray, name: str = "lon") -> None:
    """Raise CoordinateError for a longitude outside [-180, 360] (one rule everywhere)."""
    bad = (arr < LON_MIN) | (arr > LON_MAX)
    if bad.any():
        raise CoordinateError(
            f"{name} must be within [-180, 360] degrees (east of Greenwich; both the -180..180 "
            f"and the 0..360 conventions), got {_describe_bad(arr, bad)}"
        )


def lon_lat(lon: Any, lat: Any) -> tuple[FloatArray, FloatArray]:
    """Validate longitudes and latitudes; longitudes are normalized to [-180, 180)."""
    lon_arr = as_float_array(lon, "lon")
    lat_arr = as_float_array(lat, "lat")
    check_finite(lon_arr, "lon", CoordinateError)
    check_finite(lat_arr, "lat", CoordinateError)
    bad = np.abs(lat_arr) > 90.0
    if bad.any():
        raise CoordinateError(
            f"lat must be within [-90, 90] degrees, got {_describe_bad(lat_arr, bad)}"
        )
    check_lon(lon_arr)
    return normalize_lon(lon_arr), lat_arr


def normalize_lon(lon: FloatArray) -> FloatArray:
    """Wrap longitudes to [-180, 180) (values already inside are returned unchanged)."""
    out = np.array(lon, dtype=np.float64)
    outside = (out < -180.0) | (out >= 180.0)
    if outside.any():
        out[outside] = (out[outside] + 180.0) % 360.0 - 180.0
    return out


def distances_km(
    value: Any, name: str = "range_km", maximum: float | None = None, why: str = ""
) -> FloatArray:
    """Validate non-negative finite distances in kilometres (at most ``maximum``: ``why``)."""
    arr = as_float_array(value, name)
    check_finite(arr, name, RangeError)
    bad = arr < 0
    if bad.any():
        raise RangeError(f"{name} must be >= 0 km, got {_describe_bad(arr, bad)}")
    if maximum is not None:
        bad = arr > maximum
        if bad.any():
            raise RangeError(
                f"{name} must be <= {maximum:,.0f} km{why}, got {_describe_bad(arr, bad)}"
            )
    return arr


def scalar(value: Any, name: str, expected: str = "a number") -> float:
    """One number (not text, not bool, not an array) as a float; NaN and inf pass through."""
    arr, bad = numeric_array(value)
    if arr is not None and arr.ndim != 0:
        bad = f"{describe(value)} (an array of shape {arr.shape}, not one number)"
        arr = None
    if arr is None:
        raise ValidationError(f"{name} must be {expected}, got {bad}")
    return float(arr)


def integer(value: Any, name: str, minimum: int = 0, *, none: bool = False) -> int:
    """One integer >= ``minimum`` (Python or numpy; not bool, float or timedelta64)."""
    whole = isinstance(value, int | np.integer) and not isinstance(value, bool | np.timedelta64)
    if not whole or value < minimum:
        bound = "> 0" if minimum == 1 else f">= {minimum}"
        expected = f"None or an integer {bound}" if none else f"an integer {bound}"
        raise ValidationError(f"{name} must be {expected}, got {value!r}")
    return int(value)


def positive_scalar(value: Any, name: str) -> float:
    """Validate one finite number > 0."""
    number = scalar(value, name, "a number > 0")
    if not math.isfinite(number) or number <= 0:
        raise RangeError(f"{name} must be a finite number > 0, got {value!r}")
    return number


def scalar_range_km(value: Any, name: str = "range_km") -> float:
    """Validate one finite range >= 0 km."""
    number = scalar(value, name, "a number of km")
    if not math.isfinite(number) or number < 0:
        raise RangeError(f"{name} must be a finite number >= 0 km, got {value!r}")
    return number


#: Smallest edge tolerance (1 mm): below it a ring needs more than 10**5 vertices and its
#: densification stops converging in double precision.
MIN_TOLERANCE_M = 0.001


def tolerance_m(value: Any, name: str = "tolerance_m") -> float:
    """Validate an edge tolerance in metres: a finite number >= 1 mm."""
    number = positive_scalar(value, name)
    if number < MIN_TOLERANCE_M:
        raise RangeError(
            f"{name} must be >= {MIN_TOLERANCE_M} m (1 mm; finer edges need millions of "
            f"vertices), got {value!r}"
        )
    return number


def flag(value: Any, name: str) -> bool:
    """A true/false option: ``bool`` (or ``numpy.bool_``) only, never a truthy object."""
    if not isinstance(value, bool | np.bool_):
        raise ValidationError(f"{name} must be True or False, got {value!r}")
    return bool(value)


#: Longest text a parser reads: 100,000 characters (a long report; parsing is linear, about
#: 1.5 s at this length). Longer input is refused rather than left to run for minutes.
MAX_TEXT_CHARS = 100_000


def text_length(text: str, name: str, limit: int = MAX_TEXT_CHARS) -> str:
    """``text`` if it has at most ``limit`` characters, else a ValidationError (cut repr)."""
    if len(text) > limit:
        raise ValidationError(
            f"{name} is {len(text):,} characters long, more than the {limit:,} launchgeo reads; "
            f"got {text[:40]!r}...; pass the part that holds the statement"
        )
    return text


def azimuths_deg(value: Any, name: str = "azimuth_deg") -> FloatArray:
    """Validate finite azimuths and normalize them to [0, 360)."""
    arr = as_float_array(value, name)
    check_finite(arr, name)
    return wrap_360(arr)


def wrap_360(arr: FloatArray) -> FloatArray:
    """Angles in [0, 360): np.mod(-1e-14, 360) is 360.0 in floating point, so that is 0."""
    out = np.mod(arr, 360.0)
    return np.where(out >= 360.0, 0.0, out)


def lon_lat_box(value: Any, name: str) -> tuple[float, float, float, float]:
    """Validate a (lon_min, lat_min, lon_max, lat_max) box in degrees.

    Longitudes may run past 180 (up to 360) so a box can straddle the antimeridian, but the box
    is at most 360 degrees wide; latitudes lie within [-90, 90]; min < max on both axes.
    """
    try:
        x0, y0, x1, y1 = (float(b) for b in value)
    except (TypeError, ValueError) as exc:
        raise ValidationError(
            f"{name} must be (lon_min, lat_min, lon_max, lat_max) in degrees, got {value!r}"
        ) from exc
    ok = all(math.isfinite(b) for b in (x0, y0, x1, y1))
    if not ok or not (-90 <= y0 < y1 <= 90) or not (-180 <= x0 < x1 <= 360) or x1 - x0 > 360:
        raise ValidationError(
            f"{name} must be finite with -180 <= lon_min < lon_max <= 360, "
            f"lon_max - lon_min <= 360 and -90 <= lat_min < lat_max <= 90; got {value!r}"
        )
    return (x0, y0, x1, y1)
