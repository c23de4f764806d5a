"""A fast geodesic forward solution from one fixed origin, with a verified error bound.

Monte Carlo impact studies ask the same question millions of times: where does a geodesic
from *one* launch site end for this bearing and this range? :class:`FastForward` answers it
from a table built once per origin, several times faster than calling
:meth:`pyproj.Geod.fwd` (GeographicLib) on every sample, and states how far its answers can
be from GeographicLib's.

How it works
------------
The table's domain, a bearing interval times a range interval, is cut into a uniform grid
of cells. On each cell the end point is the biquadratic polynomial in (bearing, range) that
interpolates :meth:`pyproj.Geod.fwd` at the cell's 3 x 3 nodes (corners, edge midpoints and
centre; nodes are shared with the neighbouring cells, so the surface is continuous).
Evaluating a sample is a look-up of its cell's nine coefficients per coordinate (stored
together, one row per cell, so a sample touches a few adjacent cache lines; packed as
float32, the constant term as a float32 pair) and a few multiply-adds: no trigonometry. A
cell whose nodes all lie within 60 degrees of the equator interpolates longitude (unwrapped
within the cell, so the antimeridian is harmless) and latitude directly. A cell nearer a
pole interpolates polar coordinates about that pole instead, ``x = c cos(lon)`` and
``y = c sin(lon)`` with ``c = 90 - |lat|`` (an azimuthal equidistant chart, regular through the
pole), and its samples are converted back with one ``hypot`` and one ``arctan2``.
Output longitudes are normalized to [-180, 180).

The error bound
---------------
The error of one-dimensional quadratic interpolation at nodes -h, 0, h is
``f'''(xi) / 6 * (x + h) * x * (x - h)``, largest at ``x = +-h / sqrt(3)``, and the error of
the tensor-product interpolant is, to leading order, the sum of the bearing and the range
terms. After fitting, every cell is checked against :meth:`pyproj.Geod.fwd` at the eight
points ``(+-1/sqrt(3), 0)``, ``(0, +-1/sqrt(3))`` and ``(+-1/sqrt(3), +-1/sqrt(3))`` in cell
coordinates, where those terms peak; the error is the distance between the interpolated point
and GeographicLib's, measured as the straight-line (chord) distance between their
Earth-centred WGS84 positions (it differs from the geodesic distance by less than
``d**3 / (24 R**2)``, about 1e-15 m at d = 1 m, and costs a fraction of a
:meth:`pyproj.Geod.inv` call). The largest
checked error times ``SAFETY_FACTOR`` (2), plus a bound on the float32 rounding of a packed
table (``ROUNDING_REL`` of the largest cell's diameter), is
:attr:`FastForward.error_bound_m`, and the
cells are refined, in bearing and in range separately from the errors seen along each
direction, until that bound is at most ``tolerance_m``. It is a verified bound, not an
interval-arithmetic proof: the factor 2 covers the variation of the third derivatives
within one cell, which is small because cells are small against the hundreds of km over
which those derivatives change. ``benchmarks/fast_forward.py`` measures the error on 10^6
random samples against :meth:`pyproj.Geod.fwd`.

Build cost and caching
----------------------
A table costs about ``BUILD_EVALS_PER_CELL`` geodesic evaluations per cell to build (fit,
check and the coarser refinement rounds), so it pays only for enough samples:
:meth:`FastForward.cached` keeps the last few tables by origin, domain and tolerance, and
``max_cells`` stops a build as soon as it is known to need more cells than the caller's
budget (:func:`launchgeo.impact_probability` uses both to never be slower than calling
:meth:`pyproj.Geod.fwd` on every sample).

Examples
--------
>>> from launchgeo.geodesy.fastgeod import FastForward
>>> table = FastForward(125.67, 39.22389, bearing_deg=(0, 360), range_km=(0, 1500))
>>> table.error_bound_m <= 1.0
True
>>> lon, lat = table.forward([90.0, 120.0], [350.0, 1000.0])
>>> lon.round(4), lat.round(4)
(array([129.7204, 135.0841]), array([39.1534, 34.3262]))
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict
from enum import StrEnum
from typing import Any

import numpy as np
import numpy.typing as npt
from numpy.lib.stride_tricks import sliding_window_view

from launchgeo import _jit
from launchgeo import _validate as v
from launchgeo.errors import RangeError, ValidationError
from launchgeo.geodesy.core import WGS84, _chord_m

__all__ = [
    "BUILD_EVALS_PER_CELL",
    "ROUNDING_REL",
    "SAFETY_FACTOR",
    "CellBudgetError",
    "FastForward",
    "OutsidePolicy",
    "initial_cells",
]

FloatArray = npt.NDArray[np.float64]

#: Factor applied to the largest checked error to give :attr:`FastForward.error_bound_m`.
SAFETY_FACTOR: float = 2.0

#: Bound on the float32 rounding of a packed table's evaluation, relative to the largest
#: cell diameter: Horner's rule over the eight non-constant terms (about eight roundings of
#: 2**-24 on terms summing to about the cell's extent), the coefficients' storage and the
#: offsets' conversion to float32, in all about 2**-20.
ROUNDING_REL: float = 2.0**-20

_POLAR_LAT_DEG = 60.0  # cells with a node beyond this latitude interpolate the polar chart
_BLOCK = 8192  # samples evaluated at once (keeps the gathered rows and temporaries in cache)
_MAX_CELLS = 2_000_000
_WIDTH = 10  # packed columns per interpolated component (see _pack)
_CACHE_SIZE = 4  # tables kept by FastForward.cached (a whole-Earth table is ~50 MB)

#: Geodesic evaluations (pyproj forward-equivalents) spent per cell of a built table,
#: measured by ``benchmarks/fast_forward.py``: 9 shared nodes (~4 per cell) and 8 check
#: points per cell, plus the coarser rounds of refinement.
BUILD_EVALS_PER_CELL: float = 20.0

_MAX_ITERATIONS = 12
_C = 1.0 / math.sqrt(3.0)  # where quadratic interpolation errors peak, in cell coordinates
# Values at u = -1, 0, 1 -> coefficients of 1, u, u^2.
_LAGRANGE = np.array([[0.0, 1.0, 0.0], [-0.5, 0.0, 0.5], [0.5, -1.0, 0.5]])
# ... -> coefficients of 1, t, t^2 in t = (u + 1) / 2 in [0, 1], the offset within the cell
# (what evaluation computes directly: two passes fewer per coordinate than u).
_LAGRANGE_T = np.array([[1.0, -1.0, 1.0], [0.0, 2.0, -4.0], [0.0, 0.0, 4.0]]) @ _LAGRANGE


class OutsidePolicy(StrEnum):
    """What :meth:`FastForward.forward` does with samples outside the table's domain."""

    RAISE = "raise"
    EXACT = "exact"


def _parse_policy(value: Any) -> OutsidePolicy:
    try:
        return OutsidePolicy(value)
    except ValueError:
        valid = ", ".join(repr(p.value) for p in OutsidePolicy)
        raise ValidationError(f"outside must be one of {valid}, got {value!r}") from None


class CellBudgetError(ValidationError):
    """A table would need more cells than the ``max_cells`` budget it was given.

    ``cells_needed`` is a lower bound on the cells the table needs.
    """

    def __init__(self, message: str, cells_needed: int) -> None:
        super().__init__(message)
        self.cells_needed = cells_needed

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (str(self), self.cells_needed))


def _interval(value: Any, name: str, unit: str) -> tuple[float, float]:
    try:
        lo, hi = (float(x) for x in value)
    except (TypeError, ValueError):
        raise ValidationError(
            f"{name} must be a (low, high) pair of numbers in {unit}, got {value!r}"
        ) from None
    if not (math.isfinite(lo) and math.isfinite(hi)) or not lo < hi:
        raise ValidationError(f"{name} must be finite with low < high, got {value!r}")
    return lo, hi


class FastForward:
    """Geodesic end points from one origin for many (bearing, range) samples, fast.

    Parameters
    ----------
    lon, lat : float
        The origin in WGS84 degrees.
    bearing_deg : (float, float), optional
        Bearing interval of the table's domain, degrees clockwise from north, ``low < high``
        and ``high - low <= 360``; ``(0, 360)`` (the default) is every direction. Intervals
        through north are written e.g. ``(-30, 30)``.
    range_km : (float, float), optional
        Range interval of the domain in km, ``0 <= low < high`` (default ``(0, 2000)``).
    tolerance_m : float, optional
        Required bound on the position error in metres (default 1 m).
    max_cells : int, optional
        Most cells the table may have (default 2,000,000). The build stops with
        :class:`CellBudgetError` as soon as it is known to need more, after at most the
        refinement round that showed it.

    Attributes
    ----------
    error_bound_m : float
        ``SAFETY_FACTOR`` times the largest error found on the check points, plus
        :attr:`rounding_m`; at most ``tolerance_m``.
    rounding_m : float
        Bound on the float32 rounding of the evaluation (``ROUNDING_REL`` times the largest
        cell diameter) when the table is packed as float32, which it is when that bound is
        at most a quarter of ``tolerance_m``; 0 for a float64 table.
    checked_max_error_m : float
        Largest distance in metres between the table and :meth:`pyproj.Geod.fwd` over the
        check points.
    n_checked : int
        Number of check points (eight per cell).
    cells : (int, int)
        Number of cells along bearing and along range.
    mode : {"lonlat", "polar", "mixed"}
        What the cells interpolate: longitude and latitude, polar coordinates about the
        nearer pole (cells with a node beyond 60 degrees of latitude), or some of each.

    Raises
    ------
    launchgeo.errors.CoordinateError
        If the origin is not a valid (lon, lat).
    launchgeo.errors.ValidationError
        If an interval is malformed, the tolerance is not > 0, or the tolerance would need
        more than ``max_cells`` cells (:class:`CellBudgetError`, a subclass).

    Examples
    --------
    >>> table = FastForward(179.9, -89.5, bearing_deg=(-45, 45), range_km=(100, 500))
    >>> table.mode, table.error_bound_m <= 1.0
    ('polar', True)
    >>> lon, lat = table.forward(0.0, 300.0)
    >>> bool(-180 <= lon < 180), round(float(lat), 3)
    (True, -86.814)
    """

    __slots__ = (
        "_pole",
        "_table",
        "bearing_deg",
        "cells",
        "checked_max_error_m",
        "error_bound_m",
        "lat",
        "lon",
        "mode",
        "n_checked",
        "range_km",
        "rounding_m",
        "tolerance_m",
    )

    def __init__(
        self,
        lon: float,
        lat: float,
        *,
        bearing_deg: tuple[float, float] = (0.0, 360.0),
        range_km: tuple[float, float] = (0.0, 2000.0),
        tolerance_m: float = 1.0,
        max_cells: int = _MAX_CELLS,
    ) -> None:
        lon_a, lat_a = v.lon_lat(lon, lat)
        if lon_a.ndim or lat_a.ndim:
            raise ValidationError(f"lon and lat must be scalars, got {lon!r}, {lat!r}")
        self.lon = float(lon_a)
        self.lat = float(lat_a)
        self.bearing_deg = _interval(bearing_deg, "bearing_deg", "degrees")
        if self.bearing_deg[1] - self.bearing_deg[0] > 360.0:
            raise ValidationError(f"bearing_deg must span at most 360 degrees, got {bearing_deg!r}")
        self.range_km = _interval(range_km, "range_km", "km")
        if self.range_km[0] < 0:
            raise RangeError(f"range_km must be >= 0 km, got {range_km!r}")
        self.tolerance_m = v.tolerance_m(tolerance_m)
        if isinstance(max_cells, bool) or not isinstance(max_cells, int | np.integer):
            raise ValidationError(f"max_cells must be an integer >= 1, got {max_cells!r}")
        if max_cells < 1:
            raise ValidationError(f"max_cells must be an integer >= 1, got {max_cells!r}")
        self._build(int(max_cells))

    @classmethod
    def cached(
        cls,
        lon: float,
        lat: float,
        *,
        bearing_deg: tuple[float, float] = (0.0, 360.0),
        range_km: tuple[float, float] = (0.0, 2000.0),
        tolerance_m: float = 1.0,
        max_cells: int = _MAX_CELLS,
    ) -> FastForward:
        """The table for this origin, domain and tolerance, reused from earlier calls.

        The last few tables built through this method are kept (they are immutable). A table
        already known to need more than ``max_cells`` cells raises :class:`CellBudgetError`
        at once, without building anything; a cached table with more cells than
        ``max_cells`` raises it too, so the outcome never depends on what was built before.

        Examples
        --------
        >>> a = FastForward.cached(125.67, 39.22389, bearing_deg=(60, 150), range_km=(0, 1500))
        >>> a is FastForward.cached(125.67, 39.22389, bearing_deg=(60, 150), range_km=(0, 1500))
        True
        """
        key = (
            float(lon), float(lat),
            tuple(float(x) for x in bearing_deg), tuple(float(x) for x in range_km),
            float(tolerance_m),
        )  # fmt: skip
        with _CACHE_LOCK:
            hit = _CACHE.get(key)
            if hit is not None:
                _CACHE.move_to_end(key)
        if isinstance(hit, FastForward):
            if hit.cells[0] * hit.cells[1] > max_cells:
                raise CellBudgetError(_budget_message(hit, max_cells), hit.cells[0] * hit.cells[1])
            return hit
        if isinstance(hit, int) and hit > max_cells:
            raise CellBudgetError(
                f"the table needs at least {hit} cells, more than max_cells={max_cells}", hit
            )
        try:
            table = cls(
                lon, lat, bearing_deg=bearing_deg, range_km=range_km,
                tolerance_m=tolerance_m, max_cells=max_cells,
            )  # fmt: skip
        except CellBudgetError as exc:
            _remember(key, exc.cells_needed)
            raise
        _remember(key, table)
        return table

    def __repr__(self) -> str:
        return (
            f"FastForward(lon={self.lon!r}, lat={self.lat!r}, bearing_deg={self.bearing_deg!r}, "
            f"range_km={self.range_km!r}, cells={self.cells!r}, mode={self.mode!r}, "
            f"error_bound_m={self.error_bound_m:.3g})"
        )

    # ------------------------------------------------------------------ construction
    def _true(self, bear: FloatArray, rng_km: FloatArray) -> tuple[FloatArray, FloatArray]:
        """GeographicLib's end points (pyproj ``Geod.fwd``), same shape as the inputs."""
        n = bear.size
        lon, lat, _ = WGS84.fwd(
            np.full(n, self.lon), np.full(n, self.lat), bear.ravel(), rng_km.ravel() * 1000.0
        )
        return (
            np.asarray(lon, dtype=np.float64).reshape(bear.shape),
            np.asarray(lat, dtype=np.float64).reshape(bear.shape),
        )

    def _fit(self, na: int, ns: int) -> None:
        """Fit the biquadratic cells of an na x ns grid."""
        (b0, b1), (r0, r1) = self.bearing_deg, self.range_km
        bear = b0 + (b1 - b0) * np.arange(2 * na + 1) / (2 * na)
        rng = r0 + (r1 - r0) * np.arange(2 * ns + 1) / (2 * ns)
        bb, rr = np.meshgrid(bear, rng, indexing="ij")
        lon, lat = self._true(bb, rr)
        self.cells = (na, ns)
        blocks_lat = sliding_window_view(lat, (3, 3))[::2, ::2]  # (na, ns, 3, 3)
        polar: npt.NDArray[np.bool_] = np.asarray(
            (np.abs(blocks_lat) > _POLAR_LAT_DEG).any(axis=(2, 3))
        )
        n_polar = int(polar.sum())
        self.mode = "lonlat" if n_polar == 0 else "polar" if n_polar == polar.size else "mixed"
        # Polar cells interpolate polar coordinates about their pole: (c cos(lon), c sin(lon))
        # with c = 90 - |lat| the distance from the pole in degrees of latitude (an azimuthal
        # equidistant chart, smooth through the pole); the pole's side (+1 north, -1 south)
        # is the sign of the cell's largest |lat| (a cell is far smaller than 60 degrees).
        extreme = np.take_along_axis(
            blocks_lat.reshape(na, ns, 9),
            np.abs(blocks_lat).reshape(na, ns, 9).argmax(axis=2)[..., None],
            axis=2,
        )[..., 0]
        self._pole = np.where(polar, np.sign(extreme), 0.0).ravel()
        side = np.where(lat >= 0.0, 1.0, -1.0)
        colat = 90.0 - side * lat
        lam = np.radians(lon)
        chart = (colat * np.cos(lam), colat * np.sin(lam))
        coefs = []
        for k, comp in enumerate((lon, lat)):
            blocks = sliding_window_view(comp, (3, 3))[::2, ::2]
            if k == 0:  # unwrap longitude around each cell's centre
                centre = blocks[:, :, 1:2, 1:2]
                blocks = centre + ((blocks - centre + 180.0) % 360.0 - 180.0)
            if n_polar:  # polar cells hold the chart's x, y instead of lon, lat
                vec = sliding_window_view(chart[k], (3, 3))[::2, ::2]
                blocks = np.where(polar[:, :, None, None], vec, blocks)
            coefs.append(np.einsum("pa,ijab,qb->pqij", _LAGRANGE_T, blocks, _LAGRANGE_T))
        # One row per cell: a sample's look-up touches one row (80 bytes for both components
        # as float32). Packed as float32 (half the memory read per sample, the non-constant
        # terms summed in float32: twice the SIMD width) when the rounding that costs is small
        # against the tolerance; else float64, exact to the interpolation.
        corner_lon, corner_lat = lon[::2, ::2], lat[::2, ::2]
        diameter_m = max(
            float(_chord_m(corner_lon[:-1, :-1], corner_lat[:-1, :-1],
                           corner_lon[1:, 1:], corner_lat[1:, 1:]).max()),
            float(_chord_m(corner_lon[:-1, 1:], corner_lat[:-1, 1:],
                           corner_lon[1:, :-1], corner_lat[1:, :-1]).max()),
        )  # fmt: skip
        rounding_m = ROUNDING_REL * diameter_m
        packed = rounding_m <= self.tolerance_m / 4.0
        self.rounding_m = rounding_m if packed else 0.0
        dtype = np.float32 if packed else np.float64
        self._table = np.ascontiguousarray(
            np.concatenate([_pack(c, dtype) for c in coefs], axis=1)
        )

    def _check(self) -> tuple[float, float, float, int]:
        """Largest errors (m) along bearing, along range and overall, and the point count."""
        na, ns = self.cells
        (b0, b1), (r0, r1) = self.bearing_deg, self.range_km
        local = np.array(
            [(-_C, 0), (_C, 0), (0, -_C), (0, _C), (-_C, -_C), (-_C, _C), (_C, -_C), (_C, _C)]
        )
        ia, js = np.meshgrid(np.arange(na), np.arange(ns), indexing="ij")
        bear = b0 + (b1 - b0) / na * (ia[..., None] + (local[:, 0] + 1) / 2)
        rng = r0 + (r1 - r0) / ns * (js[..., None] + (local[:, 1] + 1) / 2)
        lon_t, lat_t = self._true(bear, rng)
        lon_f, lat_f = self._evaluate(bear.ravel(), rng.ravel())
        err = _chord_m(lon_f, lat_f, lon_t.ravel(), lat_t.ravel()).reshape(bear.shape)
        return (
            float(err[..., :2].max()),
            float(err[..., 2:4].max()),
            float(err.max()),
            int(err.size),
        )

    def _build(self, max_cells: int) -> None:
        na, ns = initial_cells(self.bearing_deg, self.range_km)
        for _ in range(_MAX_ITERATIONS):
            if na * ns > max_cells:
                break
            self._fit(na, ns)
            err_a, err_s, worst, n_checked = self._check()
            if SAFETY_FACTOR * worst + self.rounding_m <= self.tolerance_m:
                self.checked_max_error_m = worst
                self.error_bound_m = SAFETY_FACTOR * worst + self.rounding_m
                self.n_checked = n_checked
                return
            # Errors scale as h^3; aim each direction at a quarter of the tolerance.
            target = self.tolerance_m / (2.0 * SAFETY_FACTOR)
            grow_a = max(err_a / target, 1.0) ** (1 / 3)
            grow_s = max(err_s / target, 1.0) ** (1 / 3)
            if grow_a == grow_s == 1.0:  # only the cross terms fail: refine both a little
                grow_a = grow_s = 1.26
            na = math.ceil(na * grow_a * 1.05) if grow_a > 1.0 else na
            ns = math.ceil(ns * grow_s * 1.05) if grow_s > 1.0 else ns
        raise CellBudgetError(
            f"tolerance_m={self.tolerance_m!r} would need more than {max_cells} cells for "
            f"bearing_deg={self.bearing_deg}, range_km={self.range_km}; widen the tolerance "
            "or narrow the domain",
            na * ns,
        )

    # ------------------------------------------------------------------ evaluation
    def contains(self, bearing_deg: Any, range_km: Any) -> npt.NDArray[np.bool_]:
        """Whether each (bearing, range) sample lies in the table's domain.

        Bearings are taken modulo 360.

        Examples
        --------
        >>> table = FastForward(0.0, 0.0, bearing_deg=(-10, 10), range_km=(100, 200))
        >>> table.contains([355.0, 20.0, 0.0], [150.0, 150.0, 250.0]).tolist()
        [True, False, False]
        """
        bear = v.as_float_array(bearing_deg, "bearing_deg")
        rng = v.as_float_array(range_km, "range_km")
        (b0, b1), (r0, r1) = self.bearing_deg, self.range_km
        inside: npt.NDArray[np.bool_] = (_wrap360(bear - b0) <= b1 - b0) & (rng >= r0) & (rng <= r1)
        return inside

    def forward(
        self, bearing_deg: Any, range_km: Any, *, outside: str = "raise"
    ) -> tuple[FloatArray, FloatArray]:
        """End points (lon, lat) of geodesics from the origin.

        Parameters
        ----------
        bearing_deg, range_km : array_like
            Samples (broadcast together); bearings in degrees clockwise from north (taken
            modulo 360), ranges in km (finite, >= 0).
        outside : {"raise", "exact"}, optional
            Samples outside the table's domain raise :class:`~launchgeo.errors.RangeError`
            (the default) or are computed exactly with :meth:`pyproj.Geod.fwd`.

        Returns
        -------
        lon, lat : numpy.ndarray
            End points in degrees, longitude in [-180, 180); inside the domain within
            :attr:`error_bound_m` of :meth:`pyproj.Geod.fwd`.

        Raises
        ------
        launchgeo.errors.RangeError
            For a negative or non-finite range, or (``outside="raise"``) a sample outside the
            domain.

        Examples
        --------
        >>> table = FastForward(179.5, 0.0, bearing_deg=(80, 100), range_km=(0, 200))
        >>> lon, lat = table.forward(90.0, 111.32)
        >>> round(float(lon), 4)
        -179.5
        >>> table.forward(90.0, 500.0)
        Traceback (most recent call last):
        ...
        launchgeo.errors.RangeError: sample outside the table's domain (element 0: ...
        """
        policy = _parse_policy(outside)
        # Validation by reductions (no copies, no masks) on the fast path; the inputs are
        # never modified.
        bear = np.asarray(bearing_deg, dtype=np.float64)
        rng = np.asarray(range_km, dtype=np.float64)
        if bear.size and not np.isfinite(bear.min() + bear.max()):
            v.check_finite(bear, "bearing_deg")
        if rng.size and not (np.isfinite(rng.max()) and rng.min() >= 0):
            v.distances_km(rng)
        bear, rng = np.broadcast_arrays(bear, rng)
        shape = bear.shape
        bear, rng = bear.ravel(), rng.ravel()
        (b0, b1), (r0, r1) = self.bearing_deg, self.range_km
        if not bear.size or (
            bear.min() >= b0 and bear.max() <= b1 and rng.min() >= r0 and rng.max() <= r1
        ):
            lon, lat = self._evaluate(bear, rng, wrapped=True)
            return lon.reshape(shape), lat.reshape(shape)
        inside = self.contains(bear, rng)
        if inside.all():
            lon, lat = self._evaluate(bear, rng)
            return lon.reshape(shape), lat.reshape(shape)
        if policy is OutsidePolicy.RAISE:
            i = int(np.flatnonzero(~inside)[0])
            raise RangeError(
                f"sample outside the table's domain (element {i}: bearing_deg={bear[i]!r}, "
                f"range_km={rng[i]!r}; domain bearing_deg={self.bearing_deg}, "
                f"range_km={self.range_km}); pass outside='exact' to compute such samples "
                "with pyproj"
            )
        lon = np.empty(bear.size)
        lat = np.empty(bear.size)
        lon[inside], lat[inside] = self._evaluate(bear[inside], rng[inside])
        out = ~inside
        lon_x, lat_x = self._true(bear[out], rng[out])
        lon[out] = v.normalize_lon(lon_x)
        lat[out] = lat_x
        return lon.reshape(shape), lat.reshape(shape)

    def _evaluate(
        self, bear: FloatArray, rng: FloatArray, *, wrapped: bool = False
    ) -> tuple[FloatArray, FloatArray]:
        """Evaluate the table at in-domain samples (1-D arrays, not validated).

        ``wrapped``: the bearings are known to lie in ``[b0, b1]`` (no reduction modulo 360).
        """
        (b0, b1), (r0, r1) = self.bearing_deg, self.range_km
        na, ns = self.cells
        scale_a, scale_s = na / (b1 - b0), ns / (r1 - r0)
        table = self._table
        pole = None if self.mode == "lonlat" else self._pole
        if table.dtype == np.float32 and _jit.use_compiled(bear.size):
            try:
                from launchgeo.geodesy import _fastgeod_jit
            except Exception as exc:  # numba could not compile or cache it: the numpy path
                _jit.failed(exc)
            else:
                return _fastgeod_jit.evaluate(
                    bear, rng, b0, r0, scale_a, scale_s, na, ns, wrapped, table, pole
                )
        lon = np.empty(bear.size)
        lat = np.empty(bear.size)
        for start in range(0, bear.size, _BLOCK):
            stop = min(start + _BLOCK, bear.size)
            ta = bear[start:stop] - b0
            if not wrapped:
                ta = _wrap360(ta)
            ta *= scale_a
            fa, u = _locate(ta, na)
            ts = rng[start:stop] - r0
            ts *= scale_s
            fs, w = _locate(ts, ns)
            fa *= ns
            fa += fs
            idx = fa.astype(np.intp)
            if table.dtype != u.dtype:  # packed table: terms summed in float32
                u, w = u.astype(table.dtype), w.astype(table.dtype)
            rows = table.take(idx, axis=0, mode="clip")  # (m, 20)
            lo = _horner(rows, 0, u, w)
            la = _horner(rows, _WIDTH, u, w)
            if pole is not None and self.mode == "polar":  # every cell polar: no selection
                lo, la = _from_chart(lo, la, pole.take(idx))
            elif pole is not None:
                side = pole.take(idx)
                sel = np.flatnonzero(side)
                if sel.size:  # polar cells: (lo, la) are the chart's (x, y)
                    lo[sel], la[sel] = _from_chart(lo[sel], la[sel], side[sel])
            if lo.size and (lo.max() >= 180.0 or lo.min() < -180.0):
                lo -= 360.0 * (lo >= 180.0)
                lo += 360.0 * (lo < -180.0)
            lon[start:stop] = lo
            lat[start:stop] = la
        return lon, lat


def _from_chart(x: FloatArray, y: FloatArray, side: FloatArray) -> tuple[FloatArray, FloatArray]:
    """(lon, lat) of polar-chart points (x, y) about the pole on ``side`` (+1 north, -1 south)."""
    lat = np.hypot(x, y)
    np.subtract(90.0, lat, out=lat)
    lat *= side
    return np.degrees(np.arctan2(y, x)), lat


def _locate(t: FloatArray, n: int) -> tuple[FloatArray, FloatArray]:
    """Cell (as float, clipped to n - 1) and offset in [0, 1] within it of t in [0, n]."""
    cell = np.floor(t)
    np.minimum(cell, n - 1, out=cell)
    t -= cell  # t is a temporary of the caller's
    return cell, t


def _wrap360(angle: FloatArray) -> FloatArray:
    """``angle`` modulo 360 in [0, 360] (a new array; several times faster than ``np.mod``)."""
    out = angle / 360.0
    np.floor(out, out=out)
    if not out.any():
        return angle.copy()
    out *= -360.0
    out += angle
    return out


def _pack(coefs: FloatArray, dtype: Any) -> npt.NDArray[Any]:
    """Coefficients c[p, q] (3, 3, ...) of one component as rows of ``_WIDTH`` columns.

    Columns: the constant term as a pair (hi + lo), then the eight others. As float32 the
    pair holds ~48 bits (1e-12 degrees) and the others a relative 6e-8 of terms at most a
    cell's extent (a few mm); as float64, lo is 0. The error bound is checked on the packed
    table, rounding included.
    """
    c = coefs.reshape(9, -1)
    hi = c[0].astype(dtype)
    lo = (c[0] - hi).astype(dtype)
    cols = [hi, lo, *(c[k].astype(dtype) for k in range(1, 9))]
    return np.ascontiguousarray(np.stack(cols, axis=1))


def _horner(
    rows: npt.NDArray[Any], k: int, u: npt.NDArray[Any], w: npt.NDArray[Any]
) -> FloatArray:
    """Sum of c[p, q] u^p w^q over p, q < 3, from the packed columns ``rows[:, k:k + 10]``.

    The eight non-constant terms are summed in the table's precision (``u`` and ``w`` are
    given in it: float32 arithmetic on a packed table, twice the SIMD width and no
    conversions), the constant pair is added in float64.
    """
    out = rows[:, k + 9] * w  # c22
    out += rows[:, k + 8]
    out *= w
    out += rows[:, k + 7]  # c20
    out *= u
    acc = rows[:, k + 6] * w  # c12
    acc += rows[:, k + 5]
    acc *= w
    acc += rows[:, k + 4]  # c10
    out += acc
    out *= u
    acc = rows[:, k + 3] * w  # c02
    acc += rows[:, k + 2]  # c01
    acc *= w
    out += acc
    out += rows[:, k + 1]  # c00, low part
    total = np.asarray(out, dtype=np.float64)
    total += rows[:, k]  # c00, high part
    return total


def initial_cells(
    bearing_deg: tuple[float, float], range_km: tuple[float, float]
) -> tuple[int, int]:
    """Cells (along bearing, along range) of the first refinement round: a lower bound.

    Examples
    --------
    >>> initial_cells((0.0, 360.0), (0.0, 20003.0))
    (72, 101)
    """
    (b0, b1), (r0, r1) = bearing_deg, range_km
    return max(1, math.ceil((b1 - b0) / 5.0)), max(1, math.ceil((r1 - r0) / 200.0))


def _budget_message(table: FastForward, max_cells: int) -> str:
    na, ns = table.cells
    return f"the table has {na * ns} cells, more than max_cells={max_cells}"


# FastForward.cached: key -> table, or the lower bound on the cells of a table over budget.
_CACHE: OrderedDict[tuple[Any, ...], FastForward | int] = OrderedDict()
_CACHE_LOCK = threading.Lock()


def _remember(key: tuple[Any, ...], value: FastForward | int) -> None:
    with _CACHE_LOCK:
        _CACHE[key] = value
        _CACHE.move_to_end(key)
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
