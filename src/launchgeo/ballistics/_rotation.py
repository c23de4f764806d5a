"""Free flight over a rotating spherical Earth, solved exactly in the inertial frame (private, SI).

Burnout is at the launch point on the surface. The Earth-relative burnout velocity (speed,
flight-path angle, azimuth) plus the surface velocity ``omega x r`` is the inertial velocity; the
inertial flight is a Kepler arc (:mod:`~launchgeo.ballistics._kepler`) in the plane of ``r x v``;
the impact point on the turning Earth is the inertial impact point rotated by ``-omega * t`` about
the polar axis. This is exact for two-body gravity and equals integrating the flight in an
inertial frame (``tests/test_trajectory.py`` checks it against ``scipy.integrate.solve_ivp``).
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np

from launchgeo.ballistics import _kepler as k


class RotatingShot(NamedTuple):
    """Earth-fixed outcome of one shot (scalars, SI and radians)."""

    range_m: float  # great-circle distance launch -> impact on the sphere
    bearing: float  # initial great-circle bearing launch -> impact, rad clockwise from north
    time_s: float
    apogee_m: float  # apogee altitude
    gamma: float  # Earth-relative flight-path angle, rad
    azimuth: float  # Earth-relative launch azimuth, rad
    q_inertial: float  # inertial v^2 r / mu


def _frame(lon: float, lat: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    lo, la = math.radians(lon), math.radians(lat)
    up = np.array([math.cos(la) * math.cos(lo), math.cos(la) * math.sin(lo), math.sin(la)])
    east = np.array([-math.sin(lo), math.cos(lo), 0.0])
    north = np.array([-math.sin(la) * math.cos(lo), -math.sin(la) * math.sin(lo), math.cos(la)])
    return up, east, north


def inertial_state(
    lon: float, lat: float, speed: float, gamma: float, azimuth: float
) -> tuple[np.ndarray, np.ndarray]:
    """Inertial position and velocity at burnout (Earth-relative speed, gamma, azimuth)."""
    up, east, north = _frame(lon, lat)
    horizontal = math.sin(azimuth) * east + math.cos(azimuth) * north
    v_rel = speed * (math.cos(gamma) * horizontal + math.sin(gamma) * up)
    r = k.EARTH_RADIUS_M * up
    return r, v_rel + np.cross(np.array([0.0, 0.0, k.OMEGA_RAD_S]), r)


def shoot(lon: float, lat: float, speed: float, gamma: float, azimuth: float) -> RotatingShot:
    """Fly one shot; NaN range when the inertial orbit never comes back to the surface."""
    up, east, north = _frame(lon, lat)
    r_vec, v_vec = inertial_state(lon, lat, speed, gamma, azimuth)
    v_i = float(np.linalg.norm(v_vec))
    gamma_i = math.asin(max(-1.0, min(1.0, float(v_vec @ up) / v_i)))
    radius = np.array(k.EARTH_RADIUS_M)
    arc = k.free_flight(np.array(v_i), np.array(gamma_i), radius, radius)
    psi, t = float(arc.psi), float(arc.time_s)
    q = v_i * v_i * k.EARTH_RADIUS_M / k.MU_M3_S2
    if not math.isfinite(psi) or q >= 2.0:
        return RotatingShot(math.nan, math.nan, math.nan, math.inf, gamma, azimuth, q)
    h = np.cross(r_vec, v_vec)
    h /= np.linalg.norm(h)
    impact = up * math.cos(psi) + np.cross(h, up) * math.sin(psi)
    turn = k.OMEGA_RAD_S * t
    c, s = math.cos(turn), math.sin(turn)
    fixed = np.array([c * impact[0] + s * impact[1], -s * impact[0] + c * impact[1], impact[2]])
    central = math.acos(max(-1.0, min(1.0, float(fixed @ up))))
    bearing = math.atan2(float(fixed @ east), float(fixed @ north)) % (2.0 * math.pi)
    apogee = float(arc.apogee_r) - k.EARTH_RADIUS_M
    return RotatingShot(central * k.EARTH_RADIUS_M, bearing, t, apogee, gamma, azimuth, q)


def _wrap(angle: float) -> float:
    return (angle + math.pi) % (2.0 * math.pi) - math.pi


def aim(lon: float, lat: float, speed: float, gamma: float, bearing: float) -> RotatingShot:
    """Find the shot with flight-path angle ``gamma`` landing on the Earth-fixed ``bearing``."""
    from scipy import optimize  # lazy: keep `import launchgeo` light

    def miss(azimuth: float) -> float:
        shot = shoot(lon, lat, speed, gamma, azimuth)
        return _wrap(shot.bearing - bearing) if math.isfinite(shot.bearing) else math.nan

    # The impact bearing moves with the launch azimuth; rotation shifts it by tens of degrees at
    # most for sub-orbital shots, so the root is bracketed by a scan around the target bearing.
    offsets = np.radians(np.arange(-60.0, 61.0, 5.0))
    values = [miss(bearing + d) for d in offsets]
    for i in range(len(offsets) - 1):
        f0, f1 = values[i], values[i + 1]
        if math.isfinite(f0) and math.isfinite(f1) and f0 * f1 <= 0 and abs(f0 - f1) < math.pi:
            az = optimize.brentq(miss, bearing + offsets[i], bearing + offsets[i + 1], xtol=1e-12)
            return shoot(lon, lat, speed, gamma, float(az))
    return RotatingShot(math.nan, math.nan, math.nan, math.nan, gamma, math.nan, math.nan)


def max_range_toward(
    lon: float, lat: float, speed: float, bearing: float
) -> tuple[RotatingShot, bool]:
    """Find the longest shot along an Earth-fixed bearing for this Earth-relative burnout speed.

    Returns the shot and whether the inertial speed reaches the antipode (Q >= 1), in which
    case every point is reachable and the returned shot is only the best sub-orbital one found.
    """
    from scipy import optimize  # lazy: keep `import launchgeo` light

    def neg_range(gamma_deg: float) -> float:
        shot = aim(lon, lat, speed, math.radians(gamma_deg), bearing)
        return -shot.range_m if math.isfinite(shot.range_m) else 0.0

    grid = np.arange(2.0, 62.0, 4.0)
    values = np.array([neg_range(g) for g in grid])
    i = int(np.argmin(values))
    lo, hi = grid[max(i - 1, 0)], grid[min(i + 1, grid.size - 1)]
    res = optimize.minimize_scalar(
        neg_range, bounds=(lo, hi), method="bounded", options={"xatol": 1e-5}
    )
    shot = aim(lon, lat, speed, math.radians(float(res.x)), bearing)
    _, v_vec = inertial_state(
        lon, lat, speed, 0.0, shot.azimuth if math.isfinite(shot.azimuth) else bearing
    )
    q_flat = float(v_vec @ v_vec) * k.EARTH_RADIUS_M / k.MU_M3_S2
    return shot, q_flat >= 1.0
