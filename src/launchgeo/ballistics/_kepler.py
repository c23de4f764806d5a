"""Two-body (Keplerian) free flight over a spherical, non-rotating Earth (private, SI units).

Every function takes and returns numpy arrays (metres, seconds, radians) and broadcasts its
arguments. Validation and unit conversion happen in :mod:`~launchgeo.ballistics.trajectory`;
here the inputs are assumed valid (elliptic arcs, 0 <= flight-path angle < pi/2).

Notation (Bate, Mueller & White 1971, ch. 6): burnout radius ``r1``, speed ``v``, flight-path
angle ``gamma`` above the local horizontal, impact radius ``r2``; ``Q = v**2 r1 / mu`` is the
squared ratio of the speed to the local circular speed; ``psi`` is the range angle (the central
angle from burnout to impact).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]

#: Earth's gravitational parameter (WGS84 / EGM96 value), m^3/s^2.
MU_M3_S2 = 3.986004418e14
#: Mean Earth radius (IUGG R1), m: the sphere of the textbook formulas.
EARTH_RADIUS_M = 6_371_000.0
#: Earth's sidereal rotation rate (WGS84), rad/s.
OMEGA_RAD_S = 7.292115e-5


class Conic(NamedTuple):
    """Elements of the conic through a burnout state (arrays)."""

    q: FloatArray  # v^2 r / mu
    a: FloatArray  # semi-major axis, m
    e: FloatArray  # eccentricity
    p: FloatArray  # semi-latus rectum, m
    nu1: FloatArray  # true anomaly at burnout, rad, in (-pi, pi]


class Arc(NamedTuple):
    """A free-flight arc from burnout to impact (arrays)."""

    psi: FloatArray  # range angle, rad
    apogee_r: FloatArray  # highest radius reached, m
    time_s: FloatArray  # burnout-to-impact time, s
    conic: Conic


def conic(v: FloatArray, gamma: FloatArray, r1: FloatArray) -> Conic:
    """Conic elements of the state (radius r1, speed v, flight-path angle gamma)."""
    q = v * v * r1 / MU_M3_S2
    cg = np.cos(gamma)
    h = r1 * v * cg
    p = h * h / MU_M3_S2
    e = np.sqrt(np.maximum(1.0 + q * (q - 2.0) * cg * cg, 0.0))
    a = r1 / (2.0 - q)
    # e cos(nu1) = p/r1 - 1 and e sin(nu1) = h v sin(gamma) / mu (BMW eq. 6.2-3 in form).
    nu1 = np.arctan2(h * v * np.sin(gamma) / MU_M3_S2, p / r1 - 1.0)
    return Conic(q, a, e, p, nu1)


def eccentric_anomaly(nu: FloatArray, e: FloatArray) -> FloatArray:
    """Eccentric anomaly on the same branch as the (possibly unwrapped) true anomaly ``nu``."""
    half = np.arctan2(np.sqrt(1.0 - e) * np.sin(nu / 2.0), np.sqrt(1.0 + e) * np.cos(nu / 2.0))
    # E/2 and nu/2 lie in the same quarter turn: unwrap E/2 onto the branch of nu/2.
    half = half + np.pi * np.round((nu / 2.0 - half) / np.pi)
    return np.asarray(2.0 * half, dtype=np.float64)


def time_between(nu1: FloatArray, nu2: FloatArray, a: FloatArray, e: FloatArray) -> FloatArray:
    """Time of flight from true anomaly nu1 to nu2 (nu2 > nu1) by Kepler's equation."""
    e1 = eccentric_anomaly(nu1, e)
    e2 = eccentric_anomaly(nu2, e)
    m1 = e1 - e * np.sin(e1)
    m2 = e2 - e * np.sin(e2)
    return np.asarray(np.sqrt(a**3 / MU_M3_S2) * (m2 - m1), dtype=np.float64)


def impact_anomaly(c: Conic, r2: FloatArray) -> FloatArray:
    """Return the true anomaly of the first descending crossing of radius r2 after burnout.

    NaN where the conic never comes down to r2 (callers check this and raise).
    """
    with np.errstate(invalid="ignore", divide="ignore"):  # e = 0: a circle, never comes down
        cos_nu2 = (c.p / r2 - 1.0) / c.e
        nu2 = 2.0 * np.pi - np.arccos(np.where(np.abs(cos_nu2) <= 1.0, cos_nu2, np.nan))
    # A burnout already past apogee (nu1 < 0) meets r2 on the same revolution, one turn earlier.
    earlier = nu2 - 2.0 * np.pi
    return np.asarray(np.where(earlier > c.nu1, earlier, nu2), dtype=np.float64)


def free_flight(v: FloatArray, gamma: FloatArray, r1: FloatArray, r2: FloatArray) -> Arc:
    """Range angle, apogee radius and time of the arc from (r1, v, gamma) down to radius r2."""
    c = conic(v, gamma, r1)
    nu2 = impact_anomaly(c, r2)
    psi = nu2 - c.nu1
    passes_apogee = (c.nu1 < np.pi) & (nu2 > np.pi)
    apogee = np.where(passes_apogee, c.a * (1.0 + c.e), np.maximum(r1, r2))
    return Arc(psi, apogee, time_between(c.nu1, nu2, c.a, c.e), c)


def state_on_arc(c: Conic, nu: FloatArray) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Radius, speed and flight-path angle at true anomaly ``nu`` of conic ``c``."""
    r = c.p / (1.0 + c.e * np.cos(nu))
    speed = np.sqrt(MU_M3_S2 * (2.0 / r - 1.0 / c.a))
    gamma = np.arctan2(c.e * np.sin(nu), 1.0 + c.e * np.cos(nu))
    return r, speed, gamma


def min_energy(
    v: FloatArray, r1: FloatArray, r2: FloatArray
) -> tuple[FloatArray, FloatArray, npt.NDArray[np.bool_]]:
    """Maximum range angle for speed v, its flight-path angle, and whether the antipode is reached.

    For a fixed energy (fixed semi-major axis a) the range is greatest when the empty focus lies
    on the chord joining burnout and impact, so the chord is c = 4a - r1 - r2 and
    cos(psi) = (r1^2 + r2^2 - c^2) / (2 r1 r2); for r1 = r2 this is BMW eq. 6.2-20,
    sin(psi/2) = Q / (2 - Q). The velocity at burnout bisects the exterior angle between the lines
    to the two foci, which gives gamma (for r1 = r2, gamma = (pi - psi)/4, BMW eq. 6.2-18). When
    c >= r1 + r2 every point of the sphere is reachable: psi is set to pi and the flag is True.
    """
    a = 1.0 / (2.0 / r1 - v * v / MU_M3_S2)
    chord = 4.0 * a - r1 - r2
    antipode = chord >= r1 + r2
    cos_psi = np.clip((r1 * r1 + r2 * r2 - chord * chord) / (2.0 * r1 * r2), -1.0, 1.0)
    psi = np.arccos(cos_psi)
    # Unit vector from burnout (r1, 0) to impact r2 (cos psi, sin psi), in (radial, horizontal).
    ux = (r2 * np.cos(psi) - r1) / np.maximum(chord, 1e-300)
    uy = r2 * np.sin(psi) / np.maximum(chord, 1e-300)
    gamma = np.arctan2(uy, 1.0 - ux)
    # At the antipode (psi = pi) the empty focus sits where circles of radii 2a - r1 about the
    # burnout point and 2a - r2 about the impact point meet (on the forward side).
    d1, d2, span = 2.0 * a - r1, 2.0 * a - r2, r1 + r2
    x = (d1 * d1 - d2 * d2 + span * span) / (2.0 * span)
    y = np.sqrt(np.maximum(d1 * d1 - x * x, 0.0))
    gamma = np.where(antipode, np.arctan2(y, d1 + x), gamma)
    return psi, gamma, antipode


def min_energy_speed(psi: FloatArray, r1: FloatArray, r2: FloatArray) -> FloatArray:
    """Least burnout speed that reaches range angle psi (the inverse of :func:`min_energy`)."""
    chord = np.sqrt(r1 * r1 + r2 * r2 - 2.0 * r1 * r2 * np.cos(psi))
    a_min = (r1 + r2 + chord) / 4.0
    return np.asarray(np.sqrt(MU_M3_S2 * (2.0 / r1 - 1.0 / a_min)), dtype=np.float64)


def bisect(
    func: Callable[[FloatArray], FloatArray],
    lo: FloatArray,
    hi: FloatArray,
    *,
    iterations: int = 200,
) -> FloatArray:
    """Vectorized bisection for a root of ``func`` (decreasing or increasing) in [lo, hi]."""
    lo = np.array(lo, dtype=np.float64)
    hi = np.array(hi, dtype=np.float64)
    f_lo = func(lo)
    for _ in range(iterations):
        mid = 0.5 * (lo + hi)
        if np.all((mid == lo) | (mid == hi)):
            break
        f_mid = func(mid)
        same = np.sign(f_mid) == np.sign(f_lo)
        lo = np.where(same, mid, lo)
        f_lo = np.where(same, f_mid, f_lo)
        hi = np.where(same, hi, mid)
    return np.asarray(0.5 * (lo + hi), dtype=np.float64)


def fit_apogee(
    apogee_r: FloatArray, psi: FloatArray, r1: FloatArray, r2: FloatArray
) -> tuple[FloatArray, FloatArray]:
    """Burnout speed and flight-path angle of the arc with this apogee radius and range angle.

    The apogee lies at true anomaly pi, so p = r_a (1 - e); burnout (ascending) and impact
    (descending) anomalies follow from r = p / (1 + e cos nu). The range angle decreases
    monotonically in e from 2 pi (perigee grazing the lower of r1, r2) to 0 (a vertical shot),
    so e is found by bisection. For r1 = r2 this reproduces the closed form for a symmetric arc.
    """

    def anomalies(e: FloatArray) -> tuple[FloatArray, FloatArray]:
        p = apogee_r * (1.0 - e)
        nu1 = np.arccos(np.clip((p / r1 - 1.0) / e, -1.0, 1.0))
        nu2 = 2.0 * np.pi - np.arccos(np.clip((p / r2 - 1.0) / e, -1.0, 1.0))
        return nu1, nu2

    def residual(e: FloatArray) -> FloatArray:
        nu1, nu2 = anomalies(e)
        return np.asarray(nu2 - nu1 - psi, dtype=np.float64)

    r_low = np.minimum(r1, r2)
    e_min = (apogee_r - r_low) / (apogee_r + r_low)
    e = bisect(residual, e_min, np.ones_like(e_min))
    nu1, _ = anomalies(e)
    a = apogee_r / (1.0 + e)
    v = np.sqrt(MU_M3_S2 * (2.0 / r1 - 1.0 / a))
    gamma = np.arctan2(e * np.sin(nu1), 1.0 + e * np.cos(nu1))
    return np.asarray(v, dtype=np.float64), np.asarray(gamma, dtype=np.float64)
