"""Ballistic trajectory estimates: minimum-energy ranges, lofted-test fits, rotation, boost phase.

The model is two-body (point-mass gravity, no drag) over a sphere of radius 6,371 km (the
textbook convention of Bate, Mueller & White 1971, ch. 6), non-rotating unless a
:class:`RotatingEarth` is given, with burnout on the surface unless ``burnout_altitude_km`` or a
:class:`BoostModel` says otherwise. Computations are in SI units inside; arguments and results
carry their units in their names (``burnout_speed_km_s``, ``apogee_km``, ``flight_time_s``).

Functions broadcast their array arguments like numpy and return floats for scalar input. Inputs
no ballistic arc can satisfy raise :class:`~launchgeo.errors.TrajectoryError` or
:class:`~launchgeo.errors.RangeError` naming the value; a burnout energy that reaches every point
of the globe is either an error (functions returning km) or an explicit ``reaches_antipode`` flag
(functions returning a :class:`BallisticArc`), never a silent NaN or cap.

Examples
--------
>>> from launchgeo.ballistics.trajectory import equivalent_max_range_km, minimum_energy_range_km
>>> round(minimum_energy_range_km(7.0), 1)
8909.8
>>> round(equivalent_max_range_km(3700.0, 1000.0))  # Hwasong-14, 2017-07-28, vacuum model
7961
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import numpy as np

from launchgeo import _validate as v
from launchgeo.ballistics import _boost, _rotation
from launchgeo.ballistics import _kepler as k
from launchgeo.errors import RangeError, TrajectoryError, ValidationError
from launchgeo.sites import LaunchSite, resolve_center

__all__ = [
    "EARTH_RADIUS_KM",
    "BallisticArc",
    "BoostModel",
    "LoftedFit",
    "RotatingEarth",
    "ballistic_arc",
    "circular_speed_km_s",
    "equivalent_max_range_km",
    "fit_lofted_test",
    "maximum_range_toward",
    "minimum_energy_range_km",
    "minimum_energy_speed_km_s",
    "minimum_energy_trajectory",
]

#: Radius of the spherical Earth of the ballistic model, km (mean radius).
EARTH_RADIUS_KM = k.EARTH_RADIUS_M / 1000.0
_HALF_CIRCUMFERENCE_KM = math.pi * EARTH_RADIUS_KM


class AtAntipode(StrEnum):
    """What ``equivalent_max_range_km`` does when the energy reaches every point on the globe."""

    RAISE = "raise"
    CAP = "cap"


@dataclass(frozen=True, slots=True)
class BallisticArc:
    """A free-flight arc from burnout to impact (floats, or arrays for array input).

    Attributes
    ----------
    burnout_speed_km_s : float or numpy.ndarray
        Earth-relative speed at burnout.
    flight_path_angle_deg : float or numpy.ndarray
        Angle of the burnout velocity above the local horizontal.
    burnout_altitude_km : float or numpy.ndarray
        Burnout altitude above the sphere.
    range_km : float or numpy.ndarray
        Ground range (launch to impact, including any powered flight) on the sphere. Capped at
        half the circumference where ``reaches_antipode`` is True.
    apogee_km : float or numpy.ndarray
        Highest altitude reached.
    flight_time_s : float or numpy.ndarray
        Time from launch to impact (burnout is at launch unless a boost model was used).
    burnout_range_km : float or numpy.ndarray
        Ground range covered before burnout (0 without a boost model).
    burnout_time_s : float or numpy.ndarray
        Time of burnout after launch (0 without a boost model).
    reaches_antipode : bool or numpy.ndarray
        True where the energy suffices to reach every point of the sphere (the range is then
        meaningless as a "maximum"); the arc fields then describe the antipodal shot.
    """

    burnout_speed_km_s: Any
    flight_path_angle_deg: Any
    burnout_altitude_km: Any
    range_km: Any
    apogee_km: Any
    flight_time_s: Any
    burnout_range_km: Any
    burnout_time_s: Any
    reaches_antipode: Any


@dataclass(frozen=True, slots=True)
class BoostModel:
    """A simple powered-flight model used for both the test and the standard trajectory.

    One equivalent stage burns for ``burn_time_s`` at constant mass flow and exhaust speed, after a
    vertical rise of ``vertical_rise_s`` the thrust pitches over linearly in time to a final angle;
    planar flight, no drag, non-rotating sphere. The missile's ideal velocity (rocket equation) is
    fitted to the test's apogee and range, then the final pitch is chosen to maximize the range
    with the same ideal velocity. Steep (lofted) flights lose more of it to gravity than flat ones,
    which is what a same-burnout-energy extrapolation misses (see ``docs/trajectory.md``).

    Parameters
    ----------
    burn_time_s : float
        Total powered time (s), > 2 * ``vertical_rise_s``. Publishers rarely state it; results are
        sensitive to it (about +1 % of range per +2 s for a 10,000 km ICBM).
    exhaust_speed_km_s : float
        Effective exhaust speed (km/s); 2.8 km/s is a storable-liquid-propellant value (Isp ~285 s).
    vertical_rise_s : float
        Duration of the vertical rise before pitch-over (s).
    min_burnout_altitude_km : float
        Lowest burnout altitude allowed on the standard trajectory (km). The model has no drag, so
        without this bound the range-maximizing flight would skim the atmosphere; real ICBMs burn
        out well above the sensible atmosphere (150 km is a conservative floor).

    Examples
    --------
    >>> BoostModel(240.0).exhaust_speed_km_s
    2.8
    """

    burn_time_s: float
    exhaust_speed_km_s: float = 2.8
    vertical_rise_s: float = 10.0
    min_burnout_altitude_km: float = 150.0

    def __post_init__(self) -> None:
        alt = v.scalar_range_km(self.min_burnout_altitude_km, "min_burnout_altitude_km")
        object.__setattr__(self, "min_burnout_altitude_km", alt)
        for name in ("burn_time_s", "exhaust_speed_km_s", "vertical_rise_s"):
            object.__setattr__(
                self, name, v.positive_scalar(getattr(self, name), f"BoostModel {name}")
            )
        if self.burn_time_s <= 2.0 * self.vertical_rise_s:
            raise ValidationError(
                f"BoostModel burn_time_s must exceed twice vertical_rise_s (2 x "
                f"{self.vertical_rise_s!r} s), got burn_time_s={self.burn_time_s!r}"
            )


@dataclass(frozen=True, slots=True)
class RotatingEarth:
    """Launch site and Earth-fixed bearing for ranges on the rotating Earth.

    Parameters
    ----------
    site : LaunchSite, str or tuple of float
        The launch site (a catalogue name too, as everywhere), or its (lon, lat) in degrees
        (treated as geocentric on the sphere).
    bearing_deg : float
        Earth-fixed bearing of the target direction, degrees clockwise from north.

    Examples
    --------
    >>> RotatingEarth((125.2, 40.0), 95.0).lon_lat
    (125.2, 40.0)
    """

    site: LaunchSite | tuple[float, float]
    bearing_deg: float

    def __post_init__(self) -> None:
        resolve_center(self.site)  # a LaunchSite, a name, (lon, lat), a point: checked
        bearing = v.as_float_array(self.bearing_deg, "bearing_deg")
        v.check_finite(bearing, "bearing_deg")
        if bearing.ndim != 0:
            raise ValidationError(f"bearing_deg must be one number, got {self.bearing_deg!r}")
        object.__setattr__(self, "bearing_deg", float(bearing) % 360.0)

    @property
    def lon_lat(self) -> tuple[float, float]:
        """(lon, lat) of the site in degrees."""
        lon, lat, _ = resolve_center(self.site)
        return lon, lat


@dataclass(frozen=True, slots=True)
class LoftedFit:
    """A lofted test fitted with a ballistic model, and its equivalent standard trajectory.

    Attributes
    ----------
    test : BallisticArc
        The fitted test flight (its apogee and range reproduce the inputs).
    standard : BallisticArc
        The maximum-range flight with the same burnout energy (or, with a boost model, the same
        ideal velocity); with rotation, its ``range_km`` is the Earth-fixed range along the bearing.
    method : str
        ``"apogee"`` (apogee + range), ``"flight_time"`` (range + flight time) or ``"boost"``.
    reported_flight_time_s : float or numpy.ndarray
        The flight time passed in (NaN when none was given).
    time_gap_s : float or numpy.ndarray
        Reported minus modelled launch-to-impact time (NaN when no time was given). A positive gap
        of a few minutes on the vacuum model is the missing boost phase.
    ideal_velocity_km_s : float or numpy.ndarray
        Rocket-equation velocity of the boost model (NaN without one).
    """

    test: BallisticArc
    standard: BallisticArc
    method: str
    reported_flight_time_s: Any
    time_gap_s: Any
    ideal_velocity_km_s: Any


def _out(arr: np.ndarray, scalar: bool) -> Any:
    arr = np.asarray(arr)
    if scalar:
        value = arr.reshape(-1)[0]
        return bool(value) if arr.dtype == np.bool_ else float(value)
    return arr


def _describe(values: Any, bad: np.ndarray) -> str:
    """Describe the first offending value (a plain number), its index and the count of others."""
    arr = np.asarray(values, dtype=np.float64)
    idx = np.flatnonzero(bad)
    where = f" (element {idx[0]})" if arr.size > 1 else ""
    more = f" and {idx.size - 1} more" if idx.size > 1 else ""
    return f"{float(arr.ravel()[idx[0]])!r}{where}{more}"


def _positive(value: Any, name: str) -> np.ndarray:
    arr = v.as_float_array(value, name)
    v.check_finite(arr, name, RangeError)
    bad = arr <= 0
    if bad.any():
        raise RangeError(f"{name} must be > 0, got {_describe(arr, bad)}")
    return arr


#: Highest burnout altitude taken (km): beyond it no missile burns out, and the arithmetic
#: in metres would overflow for absurd values.
MAX_BURNOUT_ALTITUDE_KM = 100_000.0
#: Lowest apogee a lofted test is fitted to (km): 1 m.
_MIN_APOGEE_KM = 0.001
#: Fastest burnout speed looked at (km/s): far above escape speed, refused anyway.
_MAX_SPEED_KM_S = 1_000.0


def _altitude(value: Any) -> np.ndarray:
    return v.distances_km(value, "burnout_altitude_km", MAX_BURNOUT_ALTITUDE_KM)


def _ground_range(value: Any) -> np.ndarray:
    arr = _positive(value, "range_km")
    bad = arr > _HALF_CIRCUMFERENCE_KM
    if bad.any():
        raise RangeError(
            f"range_km must not exceed half the circumference of the {EARTH_RADIUS_KM:.0f} km "
            f"sphere ({_HALF_CIRCUMFERENCE_KM:.1f} km), got {_describe(arr, bad)}"
        )
    return arr


def circular_speed_km_s(altitude_km: Any = 0.0) -> Any:
    """Circular orbital speed at an altitude above the model sphere, km/s.

    A surface burnout at or above this speed reaches every point.

    Examples
    --------
    >>> round(circular_speed_km_s(), 3)
    7.91
    """
    alt = v.distances_km(altitude_km, "altitude_km")
    out = np.sqrt(k.MU_M3_S2 / (k.EARTH_RADIUS_M + alt * 1000.0)) / 1000.0
    return _out(out, np.ndim(alt) == 0)


def _speeds(burnout_speed_km_s: Any, r1: np.ndarray) -> np.ndarray:
    speed_km_s = _positive(burnout_speed_km_s, "burnout_speed_km_s")
    escape_km_s = np.sqrt(2.0 * k.MU_M3_S2 / r1) / 1000.0
    shape = v.broadcast(("burnout_speed_km_s", speed_km_s), ("burnout_altitude_km", r1))[0].shape
    bad = np.broadcast_to((speed_km_s >= escape_km_s) | (speed_km_s > _MAX_SPEED_KM_S), shape)
    if bad.any():
        shown = np.broadcast_to(speed_km_s, bad.shape)
        alt_km = float(np.broadcast_to(r1, bad.shape)[bad][0] - k.EARTH_RADIUS_M) / 1000.0
        raise TrajectoryError(
            f"burnout_speed_km_s must be below escape speed ({float(np.min(escape_km_s)):.3f} "
            f"km/s at burnout_altitude_km={alt_km:g}): no ballistic arc returns, got "
            f"{_describe(shown, bad)}"
        )
    return speed_km_s * 1000.0


def _arc(
    speed: np.ndarray, gamma: np.ndarray, r1: np.ndarray, antipode: np.ndarray, scalar: bool
) -> BallisticArc:
    r2 = np.full(np.broadcast(speed, gamma, r1).shape, k.EARTH_RADIUS_M)
    arc = k.free_flight(speed, gamma, r1, r2)
    range_km = np.where(antipode, _HALF_CIRCUMFERENCE_KM, arc.psi * EARTH_RADIUS_KM)
    return BallisticArc(
        burnout_speed_km_s=_out(np.broadcast_to(speed, r2.shape) / 1000.0, scalar),
        flight_path_angle_deg=_out(np.broadcast_to(np.degrees(gamma), r2.shape), scalar),
        burnout_altitude_km=_out(
            np.broadcast_to((r1 - k.EARTH_RADIUS_M) / 1000.0, r2.shape), scalar
        ),
        range_km=_out(range_km, scalar),
        apogee_km=_out((arc.apogee_r - k.EARTH_RADIUS_M) / 1000.0, scalar),
        flight_time_s=_out(arc.time_s, scalar),
        burnout_range_km=_out(np.zeros(r2.shape), scalar),
        burnout_time_s=_out(np.zeros(r2.shape), scalar),
        reaches_antipode=_out(np.broadcast_to(antipode, r2.shape), scalar),
    )


def minimum_energy_trajectory(
    burnout_speed_km_s: Any, *, burnout_altitude_km: Any = 0.0
) -> BallisticArc:
    """Compute the maximum-range (minimum-energy) arc for a burnout speed.

    Parameters
    ----------
    burnout_speed_km_s : float or array_like
        Burnout speed, > 0 and below escape speed.
    burnout_altitude_km : float or array_like
        Burnout altitude; impact is on the surface (an asymmetric arc).

    Returns
    -------
    BallisticArc
        Where the energy reaches every point (surface burnout at or above circular speed),
        ``reaches_antipode`` is True and the arc is the one that lands at the antipode.

    Raises
    ------
    TrajectoryError
        For speeds at or above escape speed.

    Examples
    --------
    >>> arc = minimum_energy_trajectory(7.0)
    >>> round(arc.range_km, 1), round(arc.flight_path_angle_deg, 2), round(arc.apogee_km)
    (8909.8, 24.97, 1303)
    >>> round(arc.flight_time_s / 60, 1)
    30.0
    """
    alt = _altitude(burnout_altitude_km)
    r1 = k.EARTH_RADIUS_M + alt * 1000.0
    speed = _speeds(burnout_speed_km_s, r1)
    speed, r1 = np.broadcast_arrays(speed, r1)
    _, gamma, antipode = k.min_energy(speed, r1, np.full(r1.shape, k.EARTH_RADIUS_M))
    return _arc(speed, gamma, r1, antipode, np.ndim(speed) == 0)


def minimum_energy_range_km(burnout_speed_km_s: Any, *, burnout_altitude_km: Any = 0.0) -> Any:
    """Maximum ground range (km) of a burnout speed on a non-rotating, airless sphere.

    For burnout on the surface this is BMW eq. 6.2-20, ``sin(psi/2) = Q / (2 - Q)`` with
    ``Q = v**2 R / mu``; with a burnout altitude, the empty-focus construction (see
    ``docs/trajectory.md``).

    Raises
    ------
    TrajectoryError
        Where the speed reaches every point (>= 7.910 km/s at the surface): use
        :func:`minimum_energy_trajectory`, which flags those cases instead.

    Examples
    --------
    >>> minimum_energy_range_km([3.0, 5.0, 6.0, 7.5]).round(1).tolist()
    [988.5, 3215.4, 5297.9, 12175.9]
    >>> minimum_energy_range_km(8.0)
    Traceback (most recent call last):
    ...
    launchgeo.errors.TrajectoryError: burnout_speed_km_s 8.0 reaches every point of the sphere ...
    """
    arc = minimum_energy_trajectory(burnout_speed_km_s, burnout_altitude_km=burnout_altitude_km)
    flags = np.asarray(arc.reaches_antipode)
    if flags.any():
        speeds = np.broadcast_to(np.asarray(arc.burnout_speed_km_s), flags.shape)
        alts = np.broadcast_to(np.asarray(arc.burnout_altitude_km, dtype=float), flags.shape)
        raise TrajectoryError(
            f"burnout_speed_km_s {_describe(np.asarray(speeds, dtype=float), flags)} reaches every "
            f"point of the sphere (at or above circular speed at burnout altitude "
            f"{_describe(alts, flags)} km): no maximum range; minimum_energy_trajectory() returns "
            "the flagged result"
        )
    return arc.range_km


def minimum_energy_speed_km_s(range_km: Any, *, burnout_altitude_km: Any = 0.0) -> Any:
    """Least burnout speed (km/s) that reaches a ground range on the non-rotating sphere.

    Examples
    --------
    >>> round(minimum_energy_speed_km_s(10400.0), 4)
    7.2622
    """
    rng = _ground_range(range_km)
    alt = _altitude(burnout_altitude_km)
    r1 = k.EARTH_RADIUS_M + alt * 1000.0
    out = k.min_energy_speed(rng / EARTH_RADIUS_KM, r1, np.array(k.EARTH_RADIUS_M)) / 1000.0
    return _out(out, np.ndim(out) == 0)


def ballistic_arc(
    burnout_speed_km_s: Any, flight_path_angle_deg: Any, *, burnout_altitude_km: Any = 0.0
) -> BallisticArc:
    """Compute the free-flight arc from a burnout state down to the surface.

    Raises
    ------
    TrajectoryError
        If the flight-path angle is outside [0, 90) degrees, the speed is at or above escape speed,
        or the arc never comes back down (an orbit).

    Examples
    --------
    >>> arc = ballistic_arc(7.0, 24.968)
    >>> round(arc.range_km, 1)
    8909.8
    >>> round(ballistic_arc(3.0, 80.0).apogee_km, 1)
    479.9
    """
    alt = _altitude(burnout_altitude_km)
    r1 = k.EARTH_RADIUS_M + alt * 1000.0
    speed = _speeds(burnout_speed_km_s, r1)
    gamma_deg = v.as_float_array(flight_path_angle_deg, "flight_path_angle_deg")
    v.check_finite(gamma_deg, "flight_path_angle_deg", TrajectoryError)
    bad = (gamma_deg < 0) | (gamma_deg >= 90)
    if bad.any():
        raise TrajectoryError(
            f"flight_path_angle_deg must be within [0, 90), got {_describe(gamma_deg, bad)}"
        )
    speed, gamma, r1 = np.broadcast_arrays(speed, np.radians(gamma_deg), r1)
    arc = k.free_flight(speed, gamma, r1, np.full(r1.shape, k.EARTH_RADIUS_M))
    orbit = ~np.isfinite(arc.psi) | (arc.psi >= 2.0 * np.pi)
    if orbit.any():
        raise TrajectoryError(
            "the burnout state is an orbit that never comes back to the surface "
            f"(burnout_speed_km_s {_describe(speed / 1000.0, orbit)}, flight_path_angle_deg "
            f"{_describe(np.degrees(gamma), orbit)}, burnout_altitude_km "
            f"{_describe((r1 - k.EARTH_RADIUS_M) / 1000.0, orbit)})"
        )
    return _arc(speed, gamma, r1, np.zeros(r1.shape, dtype=bool), np.ndim(speed) == 0)


def _arc_from(fields: np.ndarray, flags: np.ndarray, scalar: bool) -> BallisticArc:
    """Build a BallisticArc from eight stacked field arrays and the antipode flags."""
    f = [_out(fields[i], scalar) for i in range(8)]
    return BallisticArc(f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], _out(flags, scalar))


def _boost_fits(
    apogee_km: np.ndarray, range_km: np.ndarray, model: BoostModel
) -> tuple[BallisticArc, BallisticArc, np.ndarray]:
    """Fit the boost model to each case (a Python loop: a few root solves per case)."""
    shape = apogee_km.shape
    fields = np.full((2, 8, *shape), np.nan)
    flags = np.zeros((2, *shape), dtype=bool)
    ideal = np.full(shape, np.nan)
    opts = {
        "burn_time_s": model.burn_time_s,
        "exhaust_speed": model.exhaust_speed_km_s * 1000.0,
        "vertical_rise_s": model.vertical_rise_s,
    }
    for idx in np.ndindex(shape):
        h_m, d_m = float(apogee_km[idx]) * 1000.0, float(range_km[idx]) * 1000.0
        v0, g0 = k.fit_apogee(
            np.array(k.EARTH_RADIUS_M + h_m), np.array(d_m / k.EARTH_RADIUS_M),
            np.array(k.EARTH_RADIUS_M), np.array(k.EARTH_RADIUS_M),
        )  # fmt: skip
        # Start from the vacuum fit plus a typical gravity loss of 0.4 g per second of burn.
        guess = (float(v0) + 4.0 * model.burn_time_s, float(g0))
        dv, _, test = _boost.fit_test(h_m, d_m, guess=guess, **opts)
        _, best = _boost.max_range(
            dv, min_burnout_altitude_m=model.min_burnout_altitude_km * 1000.0, **opts
        )
        ideal[idx] = dv / 1000.0
        for j, f in enumerate((test, best)):
            reach = not math.isfinite(f.range_m) or f.range_m >= math.pi * k.EARTH_RADIUS_M
            flags[(j, *idx)] = reach
            fields[j, :, *idx] = (
                f.burnout_speed / 1000.0,
                math.degrees(f.burnout_gamma),
                f.burnout_altitude_m / 1000.0,
                _HALF_CIRCUMFERENCE_KM if reach else f.range_m / 1000.0,
                f.apogee_m / 1000.0 if math.isfinite(f.apogee_m) else math.inf,
                f.time_s,
                f.burnout_range_m / 1000.0,
                model.burn_time_s,
            )
    scalar = len(shape) == 0
    return _arc_from(fields[0], flags[0], scalar), _arc_from(fields[1], flags[1], scalar), ideal


def _rotating_standard(speed_m_s: np.ndarray, rotation: RotatingEarth) -> BallisticArc:
    lon, lat = rotation.lon_lat
    shape = speed_m_s.shape
    out = np.full((8, *shape), np.nan)
    flags = np.zeros(shape, dtype=bool)
    for idx in np.ndindex(shape):
        speed = float(speed_m_s[idx])
        shot, reach = _rotation.max_range_toward(
            lon, lat, speed, math.radians(rotation.bearing_deg)
        )
        if not math.isfinite(shot.range_m) and not reach:
            raise TrajectoryError(
                f"no sub-orbital shot found toward bearing {rotation.bearing_deg} deg for burnout "
                f"speed {speed / 1000:.3f} km/s"
            )
        flags[idx] = reach
        out[:, *idx] = (
            speed / 1000.0,
            math.degrees(shot.gamma),
            0.0,
            _HALF_CIRCUMFERENCE_KM if reach else shot.range_m / 1000.0,
            shot.apogee_m / 1000.0,
            shot.time_s,
            0.0,
            0.0,
        )
    return _arc_from(out, flags, len(shape) == 0)


def maximum_range_toward(burnout_speed_km_s: Any, rotation: RotatingEarth) -> BallisticArc:
    """Compute the longest flight along an Earth-fixed bearing from a site on the rotating Earth.

    The Earth-relative burnout speed is fixed; the flight-path angle is optimized and the launch
    azimuth chosen so that the Earth-fixed impact lies on the bearing. The flight
    is solved exactly in the inertial frame (a Kepler arc) with surface burnout at the site.

    Parameters
    ----------
    burnout_speed_km_s : float or array_like
        Earth-relative burnout speed.
    rotation : RotatingEarth
        Launch site and Earth-fixed bearing.

    Returns
    -------
    BallisticArc
        ``range_km`` is the Earth-fixed great-circle distance from the site on the sphere;
        ``reaches_antipode`` flags speeds whose inertial speed reaches circular speed.

    Examples
    --------
    >>> east = maximum_range_toward(7.2622, RotatingEarth((125.2, 40.0), 90.0))
    >>> west = maximum_range_toward(7.2622, RotatingEarth((125.2, 40.0), 270.0))
    >>> round(east.range_km), round(west.range_km)  # 10,400 km without rotation
    (12378, 9273)
    """
    if not isinstance(rotation, RotatingEarth):
        raise ValidationError(f"rotation must be a RotatingEarth, got {type(rotation).__name__}")
    speed = _speeds(burnout_speed_km_s, np.array(k.EARTH_RADIUS_M))
    return _rotating_standard(speed, rotation)


def _fit_time(psi: np.ndarray, time_s: np.ndarray, r1: np.ndarray) -> np.ndarray:
    """Apogee radius of the arc that covers range angle psi in time_s (time grows with apogee)."""
    r2 = np.full(r1.shape, k.EARTH_RADIUS_M)

    def flight_time(apogee_r: np.ndarray) -> np.ndarray:
        speed, gamma = k.fit_apogee(apogee_r, psi, r1, r2)
        return np.asarray(k.free_flight(speed, gamma, r1, r2).time_s, dtype=np.float64)

    # Apogee at least 1 km above the higher end: below that the grazing arcs are ill-conditioned.
    lo = np.maximum(r1, r2) + 1000.0
    hi = np.full(lo.shape, k.EARTH_RADIUS_M + 1e8)  # 100,000 km apogee: days of flight
    t_lo = flight_time(lo)
    bad = time_s <= t_lo
    if bad.any():
        raise TrajectoryError(
            f"flight_time_s {_describe(time_s, bad)} is too short for the range: even a "
            f"grazing arc takes {float(np.min(t_lo[bad])):.0f} s"
        )
    return k.bisect(lambda r: flight_time(r) - time_s, lo, hi, iterations=80)


def fit_lofted_test(
    apogee_km: Any,
    range_km: Any,
    *,
    flight_time_s: Any = None,
    burnout_altitude_km: Any = 0.0,
    boost: BoostModel | None = None,
    rotation: RotatingEarth | None = None,
) -> LoftedFit:
    """Fit a lofted test with a ballistic model and fly the same missile on a standard trajectory.

    Methods (``docs/trajectory.md``):

    * ``apogee`` (default): the free-flight arc through burnout, the reported apogee and the
      reported ground range (closed form for surface burnout); the standard trajectory is the
      minimum-energy arc at the same burnout speed. A ``flight_time_s`` passed along is compared
      with the modelled time (``time_gap_s``) but not fitted.
    * ``flight_time`` (``apogee_km=None``): the arc covering the range in ``flight_time_s``.
    * ``boost`` (a :class:`BoostModel`): powered flight + free flight reproducing apogee and
      range; the standard trajectory keeps the ideal velocity and re-optimizes the pitch program.

    With ``rotation``, the test is fitted without rotation (as publishers do) and the standard
    trajectory is the longest shot along the Earth-fixed bearing from the site at the same
    Earth-relative burnout speed (vacuum methods only).

    Parameters
    ----------
    apogee_km : float, array_like or None
        Reported apogee altitude (> 0 and above the burnout altitude).
    range_km : float or array_like
        Reported ground range (> 0, at most half the circumference).
    flight_time_s : float, array_like or None
        Reported launch-to-impact time.
    burnout_altitude_km : float or array_like
        Burnout altitude for both flights (vacuum methods). Under the same-energy assumption a
        higher burnout lowers the equivalent range.
    boost : BoostModel or None
        Powered-flight model; excludes ``burnout_altitude_km`` and ``rotation``.
    rotation : RotatingEarth or None
        Site and bearing for a rotating-Earth standard range.

    Returns
    -------
    LoftedFit

    Raises
    ------
    RangeError
        For apogee or range <= 0 or non-finite, or range beyond half the circumference.
    TrajectoryError
        For an apogee at or below the burnout altitude, a flight time no arc can match, or a boost
        model that cannot reproduce the test.

    Examples
    --------
    >>> fit = fit_lofted_test(4500.0, 960.0, flight_time_s=54 * 60)  # Hwasong-15, 2017-11-29
    >>> round(fit.test.burnout_speed_km_s, 3), round(fit.standard.range_km)
    (7.207, 10055)
    >>> round(fit.time_gap_s / 60, 1)  # the vacuum arc is 3.5 min short: the missing boost phase
    3.5
    """
    if boost is not None and not isinstance(boost, BoostModel):
        raise ValidationError(f"boost must be a BoostModel or None, got {type(boost).__name__} "
                              f"{boost!r}")  # fmt: skip
    if rotation is not None and not isinstance(rotation, RotatingEarth):
        raise ValidationError(f"rotation must be a RotatingEarth or None, got "
                              f"{type(rotation).__name__} {rotation!r}")  # fmt: skip
    if apogee_km is None and flight_time_s is None:
        raise ValidationError(
            "give apogee_km, flight_time_s, or both (got apogee_km=None, flight_time_s=None)"
        )
    if boost is not None and (apogee_km is None or rotation is not None):
        raise ValidationError("the boost model needs apogee_km and does not support rotation")
    if boost is not None and np.any(np.asarray(burnout_altitude_km) != 0):
        raise ValidationError("with a boost model the burnout altitude is an output; leave it at 0")
    rng = _ground_range(range_km)
    alt = _altitude(burnout_altitude_km)
    if rotation is not None and np.any(alt != 0):
        raise ValidationError(
            "rotation is modelled for surface burnout only; leave burnout_altitude_km at 0"
        )
    reported = (
        np.array(np.nan) if flight_time_s is None else _positive(flight_time_s, "flight_time_s")
    )
    apo = None if apogee_km is None else _positive(apogee_km, "apogee_km")
    if apo is not None and np.any(apo < _MIN_APOGEE_KM):
        raise RangeError(
            f"apogee_km must be >= {_MIN_APOGEE_KM} km (1 m; lower apogees underflow the fit), "
            f"got {_describe(apo, apo < _MIN_APOGEE_KM)}"
        )
    if apo is not None and np.any(apo > MAX_BURNOUT_ALTITUDE_KM):
        raise RangeError(
            f"apogee_km must be <= {MAX_BURNOUT_ALTITUDE_KM:,.0f} km (no ballistic missile flies "
            f"higher), got {_describe(apo, apo > MAX_BURNOUT_ALTITUDE_KM)}"
        )
    shape = np.broadcast_shapes(
        rng.shape, alt.shape, reported.shape, () if apo is None else apo.shape
    )
    scalar = len(shape) == 0
    rng, alt, reported = (np.broadcast_to(x, shape) for x in (rng, alt, reported))
    r1 = k.EARTH_RADIUS_M + alt * 1000.0
    psi = rng / EARTH_RADIUS_KM
    ideal = np.full(shape, np.nan)
    if boost is not None:
        assert apo is not None
        test, standard, ideal = _boost_fits(np.broadcast_to(apo, shape), rng, boost)
        method = "boost"
    else:
        if apo is None:
            apogee_r = _fit_time(psi, reported, r1)
            method = "flight_time"
        else:
            apo = np.broadcast_to(apo, shape)
            low = apo <= alt
            if low.any():
                raise TrajectoryError(
                    f"apogee_km {_describe(apo, low)} must be above the burnout altitude "
                    f"({float(np.max(alt[low])):g} km): no ballistic arc climbs after burnout"
                )
            apogee_r = k.EARTH_RADIUS_M + apo * 1000.0
            method = "apogee"
        r2 = np.full(shape, k.EARTH_RADIUS_M)
        speed, gamma = k.fit_apogee(apogee_r, psi, r1, r2)
        test = _arc(speed, gamma, r1, np.zeros(shape, dtype=bool), scalar)
        if rotation is None:
            _, g_std, antipode = k.min_energy(speed, r1, r2)
            standard = _arc(speed, g_std, r1, antipode, scalar)
        else:
            standard = _rotating_standard(speed, rotation)
    gap = reported - np.asarray(test.flight_time_s)
    return LoftedFit(
        test=test,
        standard=standard,
        method=method,
        reported_flight_time_s=_out(reported, scalar),
        time_gap_s=_out(gap, scalar),
        ideal_velocity_km_s=_out(ideal, scalar),
    )


def equivalent_max_range_km(
    apogee_km: Any,
    range_km: Any,
    *,
    flight_time_s: Any = None,
    burnout_altitude_km: Any = 0.0,
    boost: BoostModel | None = None,
    rotation: RotatingEarth | None = None,
    at_antipode: str = "raise",
) -> Any:
    """How far a lofted test's missile could fly on a standard (maximum-range) trajectory, km.

    Non-rotating, airless, burnout on the surface by default. :func:`fit_lofted_test` describes
    the methods and options and returns the fitted arcs behind the number.

    Parameters
    ----------
    apogee_km, range_km, flight_time_s, burnout_altitude_km, boost, rotation
        As for :func:`fit_lofted_test`.
    at_antipode : {"raise", "cap"}
        When the fitted energy reaches every point of the sphere: raise TrajectoryError, or return
        half the circumference (20,015 km) for those cases.

    Examples
    --------
    >>> round(equivalent_max_range_km(4500.0, 960.0))
    10055
    >>> round(equivalent_max_range_km(None, 960.0, flight_time_s=54 * 60))  # time-based fit
    11113
    >>> equivalent_max_range_km(6518.2, 1002.3)
    Traceback (most recent call last):
    ...
    launchgeo.errors.TrajectoryError: the fitted burnout energy reaches every point ...
    >>> round(equivalent_max_range_km(6518.2, 1002.3, at_antipode="cap"))
    20015
    """
    try:
        mode = AtAntipode(at_antipode)
    except ValueError as exc:
        valid = ", ".join(repr(m.value) for m in AtAntipode)
        raise ValidationError(f"at_antipode must be one of {valid}, got {at_antipode!r}") from exc
    fit = fit_lofted_test(
        apogee_km,
        range_km,
        flight_time_s=flight_time_s,
        burnout_altitude_km=burnout_altitude_km,
        boost=boost,
        rotation=rotation,
    )
    flags = np.asarray(fit.standard.reaches_antipode)
    if mode is AtAntipode.RAISE and flags.any():
        idx = np.flatnonzero(flags)
        apo = np.broadcast_to(np.asarray(apogee_km, dtype=float), flags.shape).ravel()
        rng = np.broadcast_to(np.asarray(range_km, dtype=float), flags.shape).ravel()
        cases = ", ".join(f"apogee_km={apo[i]!r} with range_km={rng[i]!r}" for i in idx[:3])
        raise TrajectoryError(
            f"the fitted burnout energy reaches every point of the sphere ({cases}"
            f"{' and more' if idx.size > 3 else ''}; burnout speed at or above circular speed): "
            "there is no maximum range; pass at_antipode='cap' or use fit_lofted_test() for "
            "the flagged result"
        )
    return fit.standard.range_km
