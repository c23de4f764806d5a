"""A simple powered-flight (boost-phase) model (private, SI units).

Model (all assumptions are deliberate simplifications, stated in ``docs/trajectory.md``):

* planar flight over a spherical, non-rotating Earth, point-mass gravity, **no drag**;
* one equivalent stage burning for ``burn_time`` at constant mass flow and constant exhaust speed
  ``c``, so the thrust acceleration is ``c / (tau - t)`` with ``tau = burn_time / (1 - exp(-dv/c))``
  and the ideal velocity (the rocket equation's ``dv``) is the missile's fixed capability;
* a vertical rise for ``vertical_rise_s``, then the thrust direction pitches over linearly in time
  from vertical to the angle ``chi_f`` above the local horizontal at burnout;
* after burnout the flight is a Kepler arc (:mod:`launchgeo.ballistics._kepler`).

The same missile (same ``dv``, burn time and exhaust speed) flies the lofted test and the
standard trajectory; only the pitch program differs. A lofted shot climbs steeply and loses more
of its ``dv`` to gravity (about ``g t sin(gamma)``) than a flat, range-maximizing one, which is why
a same-burnout-energy extrapolation under-predicts the range (docs/trajectory.md).

The powered phase is integrated with a fixed-step classical Runge-Kutta scheme (deterministic and
smooth in the parameters, which keeps the root finders well behaved); 400 steps over a few
minutes of burn give sub-metre, sub-mm/s accuracy for these smooth dynamics.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np

from launchgeo.ballistics import _kepler as k
from launchgeo.errors import TrajectoryError

_STEPS = 400


class Flight(NamedTuple):
    """Outcome of one powered + free flight (scalars, SI)."""

    range_m: float  # ground range on the sphere (powered + free), inf if it never comes down
    apogee_m: float  # apogee altitude above the sphere
    time_s: float  # launch to impact
    burnout_speed: float
    burnout_gamma: float  # rad
    burnout_altitude_m: float
    burnout_range_m: float  # ground range covered while powered
    free_psi: float  # rad
    q: float  # v^2 r / mu at burnout


def _accel(
    state: np.ndarray, t: float, c: float, tau: float, t_v: float, t_b: float, chi_f: float
) -> np.ndarray:
    x, y, vx, vy = state
    r = math.hypot(x, y)
    ur_x, ur_y = x / r, y / r  # radial unit vector
    uh_x, uh_y = ur_y, -ur_x  # downrange horizontal unit vector
    if t <= t_v:
        chi = math.pi / 2.0
    else:
        chi = math.pi / 2.0 - (math.pi / 2.0 - chi_f) * (t - t_v) / (t_b - t_v)
    thrust = c / (tau - t)
    g = k.MU_M3_S2 / (r * r)
    ax = thrust * (math.cos(chi) * uh_x + math.sin(chi) * ur_x) - g * ur_x
    ay = thrust * (math.cos(chi) * uh_y + math.sin(chi) * ur_y) - g * ur_y
    return np.array([vx, vy, ax, ay])


def _segment(
    state: np.ndarray, t0: float, t1: float, n: int, args: tuple[float, float, float, float, float]
) -> np.ndarray:
    h = (t1 - t0) / n
    t = t0
    for _ in range(n):
        k1 = _accel(state, t, *args)
        k2 = _accel(state + 0.5 * h * k1, t + 0.5 * h, *args)
        k3 = _accel(state + 0.5 * h * k2, t + 0.5 * h, *args)
        k4 = _accel(state + h * k3, t + h, *args)
        state = state + (h / 6.0) * (k1 + 2.0 * k2 + 2.0 * k3 + k4)
        t += h
    return state


def fly(
    dv: float, chi_f: float, *, burn_time_s: float, exhaust_speed: float, vertical_rise_s: float
) -> Flight:
    """Fly the powered phase with ideal velocity ``dv`` and final pitch ``chi_f``, then coast."""
    r0 = k.EARTH_RADIUS_M
    tau = burn_time_s / (1.0 - math.exp(-dv / exhaust_speed))
    args = (exhaust_speed, tau, vertical_rise_s, burn_time_s, chi_f)
    state = np.array([0.0, r0, 0.0, 0.0])
    n_v = max(int(_STEPS * vertical_rise_s / burn_time_s), 4)
    state = _segment(state, 0.0, vertical_rise_s, n_v, args)
    state = _segment(state, vertical_rise_s, burn_time_s, _STEPS, args)
    x, y, vx, vy = (float(s) for s in state)
    r = math.hypot(x, y)
    speed = math.hypot(vx, vy)
    gamma = math.asin(max(-1.0, min(1.0, (x * vx + y * vy) / (r * speed))))
    theta = math.atan2(x, y)
    q = speed * speed * r / k.MU_M3_S2
    arc = k.free_flight(np.array(speed), np.array(gamma), np.array(r), np.array(r0))
    psi = float(arc.psi)
    if not math.isfinite(psi) or q >= 2.0:
        return Flight(math.inf, math.inf, math.inf, speed, gamma, r - r0, theta * r0, math.inf, q)
    return Flight(
        range_m=(theta + psi) * r0,
        apogee_m=max(float(arc.apogee_r), r) - r0,
        time_s=burn_time_s + float(arc.time_s),
        burnout_speed=speed,
        burnout_gamma=gamma,
        burnout_altitude_m=r - r0,
        burnout_range_m=theta * r0,
        free_psi=psi,
        q=q,
    )


def fit_test(
    apogee_m: float,
    range_m: float,
    *,
    burn_time_s: float,
    exhaust_speed: float,
    vertical_rise_s: float,
    guess: tuple[float, float],
) -> tuple[float, float, Flight]:
    """Ideal velocity and final pitch that reproduce a test's apogee and ground range."""
    from scipy import optimize  # lazy: keep `import launchgeo` light

    opts = {
        "burn_time_s": burn_time_s,
        "exhaust_speed": exhaust_speed,
        "vertical_rise_s": vertical_rise_s,
    }

    def residual(x: np.ndarray) -> np.ndarray:
        if not (0.1 < x[0] < 30.0 and -60.0 < x[1] < 90.0):  # outside the physical domain
            return np.array([1e3, 1e3])
        f = fly(float(x[0]) * 1000.0, math.radians(float(x[1])), **opts)
        if not math.isfinite(f.range_m):
            return np.array([1e3, 1e3])
        return np.array([f.apogee_m / apogee_m - 1.0, f.range_m / range_m - 1.0])

    sol = optimize.root(
        residual, np.array([guess[0] / 1000.0, math.degrees(guess[1])]), method="hybr"
    )
    if not sol.success or np.max(np.abs(residual(sol.x))) > 1e-7:
        raise TrajectoryError(
            f"the boost model found no powered flight with apogee {apogee_m / 1000:.1f} km and "
            f"range {range_m / 1000:.1f} km for burn time {burn_time_s:.0f} s ({sol.message})"
        )
    dv, chi_f = float(sol.x[0]) * 1000.0, math.radians(float(sol.x[1]))
    return dv, chi_f, fly(dv, chi_f, **opts)


def max_range(
    dv: float,
    *,
    burn_time_s: float,
    exhaust_speed: float,
    vertical_rise_s: float,
    min_burnout_altitude_m: float = 0.0,
) -> tuple[float, Flight]:
    """Find the final pitch that maximizes the ground range for ideal velocity ``dv``.

    The pitch is restricted to flights that burn out at or above ``min_burnout_altitude_m`` (the
    model has no drag, so without this bound the optimum skims the atmosphere). When some pitch
    puts the warhead on an orbit or beyond the antipode, the returned flight has an infinite
    range (the caller flags it).
    """
    from scipy import optimize  # lazy: keep `import launchgeo` light

    opts = {
        "burn_time_s": burn_time_s,
        "exhaust_speed": exhaust_speed,
        "vertical_rise_s": vertical_rise_s,
    }

    def neg(chi_deg: float) -> float:
        f = fly(dv, math.radians(chi_deg), **opts)
        psi_total = f.range_m / k.EARTH_RADIUS_M
        return -min(psi_total, 2.0 * math.pi) if math.isfinite(psi_total) else -2.0 * math.pi

    def altitude_margin(chi_deg: float) -> float:
        return fly(dv, math.radians(chi_deg), **opts).burnout_altitude_m - min_burnout_altitude_m

    # The burnout altitude grows with the final pitch: find the lowest admissible pitch.
    chi_lo, chi_hi = 0.0, 80.0
    if altitude_margin(chi_lo) < 0:
        if altitude_margin(chi_hi) < 0:
            raise TrajectoryError(
                f"no pitch program reaches the minimum burnout altitude "
                f"{min_burnout_altitude_m / 1000:.0f} km with this boost model"
            )
        chi_lo = float(optimize.brentq(altitude_margin, chi_lo, chi_hi, xtol=1e-6))
    # Coarse scan first: the range is unimodal in the final pitch but flat near the top.
    grid = np.linspace(chi_lo, chi_hi, 17)
    values = np.array([neg(g) for g in grid])
    i = int(np.argmin(values))
    lo, hi = grid[max(i - 1, 0)], grid[min(i + 1, grid.size - 1)]
    res = optimize.minimize_scalar(neg, bounds=(lo, hi), method="bounded", options={"xatol": 1e-4})
    chi = math.radians(float(res.x)) if neg(float(res.x)) <= values[i] else math.radians(grid[i])
    return chi, fly(dv, chi, **opts)
