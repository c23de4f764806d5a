"""Tests of ballistics.trajectory: textbook values, invariants, rotation, boost model, errors."""

from __future__ import annotations

import csv
import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.integrate import solve_ivp

import launchgeo
from launchgeo.ballistics import _kepler, _rotation
from launchgeo.ballistics.trajectory import (
    EARTH_RADIUS_KM,
    BallisticArc,
    BoostModel,
    RotatingEarth,
    ballistic_arc,
    circular_speed_km_s,
    equivalent_max_range_km,
    fit_lofted_test,
    minimum_energy_range_km,
    minimum_energy_speed_km_s,
    minimum_energy_trajectory,
)
from launchgeo.errors import LaunchgeoError, RangeError, TrajectoryError, ValidationError

MU_KM = 398600.4418
R = EARTH_RADIUS_KM

# Textbook minimum-energy values, R = 6371 km, mu = 398600.4418 km^3/s^2, surface burnout,
# non-rotating: range from BMW eq. 6.2-20, gamma* = 45 deg - psi/4 (eq. 6.2-18), apogee from the
# empty focus on the chord, time from Kepler's equation (FORMULAS.md §3-4).
TEXTBOOK = [
    # v km/s, range km, gamma* deg, apogee km, time min
    (3.0, 988.5, 42.778, 237.3, 7.86),
    (5.0, 3215.4, 37.771, 694.5, 15.57),
    (6.0, 5297.9, 33.089, 1015.2, 21.40),
    (7.0, 8909.8, 24.968, 1302.8, 29.97),
    (7.5, 12175.9, 17.625, 1254.4, 36.00),
]


@pytest.mark.parametrize(("speed", "range_km", "gamma_deg", "apogee_km", "time_min"), TEXTBOOK)
def test_textbook_minimum_energy(
    speed: float, range_km: float, gamma_deg: float, apogee_km: float, time_min: float
) -> None:
    arc = minimum_energy_trajectory(speed)
    assert arc.range_km == pytest.approx(range_km, abs=0.05)
    assert minimum_energy_range_km(speed) == pytest.approx(range_km, rel=1e-3 / 100)
    assert arc.flight_path_angle_deg == pytest.approx(gamma_deg, abs=0.0006)
    assert arc.apogee_km == pytest.approx(apogee_km, abs=0.05)
    assert arc.flight_time_s / 60.0 == pytest.approx(time_min, abs=0.005)
    assert arc.reaches_antipode is False


@pytest.mark.parametrize("speed", [row[0] for row in TEXTBOOK])
def test_closed_forms_agree(speed: float) -> None:
    """Closed forms: sin(psi/2) = Q/(2-Q), gamma* = (pi - psi)/4, apogee, symmetric time."""
    q = speed**2 * R / MU_KM
    psi = 2.0 * math.asin(q / (2.0 - q))
    arc = minimum_energy_trajectory(speed)
    assert arc.range_km == pytest.approx(R * psi, rel=1e-12)
    assert math.radians(arc.flight_path_angle_deg) == pytest.approx(
        (math.pi - psi) / 4.0, rel=1e-10
    )
    h_a = R / 2.0 * (math.sin(psi / 2) + math.cos(psi / 2) - 1.0)
    assert arc.apogee_km == pytest.approx(h_a, rel=1e-9)
    # BMW 6.2-21/22: t = 2 sqrt(a^3/mu) (pi - E1 + e sin E1),
    # cos E1 = (e - cos(psi/2)) / (1 - e cos(psi/2))
    a = R / (2.0 - q)
    g = (math.pi - psi) / 4.0
    e = math.sqrt(1.0 + q * (q - 2.0) * math.cos(g) ** 2)
    e1 = math.acos((e - math.cos(psi / 2)) / (1.0 - e * math.cos(psi / 2)))
    t = 2.0 * math.sqrt(a**3 / MU_KM) * (math.pi - e1 + e * math.sin(e1))
    assert arc.flight_time_s == pytest.approx(t, rel=1e-10)


def test_minimum_energy_speed_inverts_range() -> None:
    ranges = np.array([500.0, 3000.0, 10400.0, 19000.0])
    speeds = minimum_energy_speed_km_s(ranges)
    np.testing.assert_allclose(minimum_energy_range_km(speeds), ranges, rtol=1e-10)
    # With a burnout altitude the same speed flies farther, so less speed is needed.
    assert np.all(minimum_energy_speed_km_s(ranges, burnout_altitude_km=200.0) < speeds)


def test_burnout_altitude_matches_general_arc() -> None:
    """The empty-focus maximum for burnout at altitude is the maximum over flight-path angles."""
    arc = minimum_energy_trajectory(6.5, burnout_altitude_km=300.0)
    gammas = np.linspace(1.0, 60.0, 20001)
    ranges = ballistic_arc(6.5, gammas, burnout_altitude_km=300.0).range_km
    assert arc.range_km == pytest.approx(ranges.max(), rel=1e-7)
    assert arc.flight_path_angle_deg == pytest.approx(gammas[np.argmax(ranges)], abs=0.01)


def test_antipodal_threshold_is_flagged() -> None:
    assert circular_speed_km_s() == pytest.approx(math.sqrt(MU_KM / R))
    arc = minimum_energy_trajectory([7.9, 7.95])
    assert arc.reaches_antipode.tolist() == [False, True]
    assert arc.range_km[1] == pytest.approx(math.pi * R)
    with pytest.raises(TrajectoryError, match=r"7\.95 \(element 1\) reaches every point"):
        minimum_energy_range_km([7.9, 7.95])


def two_body(_t: float, y: np.ndarray) -> np.ndarray:
    r = y[:3]
    return np.concatenate([y[3:], -MU_KM * r / np.linalg.norm(r) ** 3])


def integrate(r0: np.ndarray, v0: np.ndarray, t_max: float) -> tuple[float, np.ndarray, np.ndarray]:
    """Integrate a two-body flight (km, s) down to radius R: impact time, state, dense path."""

    def ground(_t: float, y: np.ndarray) -> float:
        return float(np.linalg.norm(y[:3]) - R)

    ground.terminal = True  # type: ignore[attr-defined]
    ground.direction = -1  # type: ignore[attr-defined]
    sol = solve_ivp(
        two_body, (0.0, t_max), np.concatenate([r0, v0]), events=ground, rtol=1e-11, atol=1e-9,
        dense_output=True,
    )  # fmt: skip
    t_hit = float(sol.t_events[0][0])
    return t_hit, sol.y_events[0][0], sol.sol(np.linspace(0.0, t_hit, 4001))


@settings(max_examples=25, deadline=None)
@given(st.floats(1.0, 7.8), st.floats(5.0, 85.0))
def test_arc_matches_numerical_integration_and_conserves_energy(
    speed: float, gamma_deg: float
) -> None:
    arc = ballistic_arc(speed, gamma_deg)
    g = math.radians(gamma_deg)
    r0 = np.array([R, 0.0, 0.0])
    v0 = speed * np.array([math.sin(g), math.cos(g), 0.0])
    t_hit, state, path = integrate(r0, v0, 4.0 * 3600.0)
    psi = math.atan2(state[1], state[0]) % (2.0 * math.pi)
    assert R * psi == pytest.approx(arc.range_km, abs=0.01)
    assert t_hit == pytest.approx(arc.flight_time_s, abs=0.01)
    radii = np.linalg.norm(path[:3], axis=0)
    assert radii.max() - R == pytest.approx(arc.apogee_km, abs=0.01)
    # Energy of the analytic arc is the same at every true anomaly between burnout and impact.
    c = _kepler.conic(np.array(speed * 1e3), np.array(g), np.array(R * 1e3))
    nu = np.linspace(float(c.nu1), float(c.nu1) + psi, 50)
    r, vel, _ = _kepler.state_on_arc(c, nu)
    energy = vel**2 / 2.0 - _kepler.MU_M3_S2 / r
    np.testing.assert_allclose(energy, energy[0], rtol=1e-12)


@settings(max_examples=50, deadline=None)
@given(st.floats(0.5, 7.85), st.floats(1.0, 80.0))
def test_range_symmetry(speed: float, gamma_deg: float) -> None:
    """Surface-to-surface arcs are symmetric: high and low shots of equal range straddle gamma*.

    The two flight-path angles reaching one range satisfy gamma_low + gamma_high = 90 - psi/2
    (= 2 gamma* at the maximum); the impact speed and angle mirror the burnout's.
    """
    arc = ballistic_arc(speed, gamma_deg)
    psi_deg = math.degrees(arc.range_km / R)
    other = 90.0 - psi_deg / 2.0 - gamma_deg
    if 0.5 < other < 89.5:
        assert ballistic_arc(speed, other).range_km == pytest.approx(
            arc.range_km, rel=1e-8, abs=1e-6
        )
    c = _kepler.conic(np.array(speed * 1e3), np.array(math.radians(gamma_deg)), np.array(R * 1e3))
    r2, v2, g2 = _kepler.state_on_arc(c, c.nu1 + math.radians(psi_deg))
    assert float(r2) == pytest.approx(R * 1e3, rel=1e-12)
    # Energy ties v2 to r2: a relative round-off eps in r2 moves v2**2 by 2 mu / R * eps, which
    # at 0.5 km/s is 2.5e-10 of v2 for eps = 1e-12 (a fixed rel=1e-10 failed there, hypothesis).
    v2_tol = 2.0 * MU_KM * 1e9 / (R * 1e3) * 1e-11 / (2.0 * speed * 1e3)
    assert float(v2) == pytest.approx(speed * 1e3, rel=1e-10, abs=v2_tol)
    assert math.degrees(float(g2)) == pytest.approx(-gamma_deg, abs=1e-7)  # float64 round-off


@settings(max_examples=50, deadline=None)
@given(st.floats(0.2, 7.9), st.floats(0.2, 7.9))
def test_range_increases_with_speed(v1: float, v2: float) -> None:
    lo, hi = sorted((v1, v2))
    if hi - lo < 1e-6:
        return
    assert minimum_energy_range_km(lo) < minimum_energy_range_km(hi)
    assert minimum_energy_range_km(hi) < math.pi * R


@settings(max_examples=40, deadline=None)
@given(st.floats(2.0, 7.8), st.floats(30.0, 88.0), st.one_of(st.just(0.0), st.floats(0.0, 400.0)))
def test_lofted_fit_round_trip(speed: float, gamma_deg: float, burnout_km: float) -> None:
    arc = ballistic_arc(speed, gamma_deg, burnout_altitude_km=burnout_km)
    fit = fit_lofted_test(arc.apogee_km, arc.range_km, burnout_altitude_km=burnout_km)
    assert fit.test.burnout_speed_km_s == pytest.approx(speed, rel=1e-9)
    assert fit.test.flight_path_angle_deg == pytest.approx(gamma_deg, abs=1e-7)
    assert fit.method == "apogee"
    if burnout_km == 0.0:
        by_time = fit_lofted_test(None, arc.range_km, flight_time_s=arc.flight_time_s)
        assert by_time.test.apogee_km == pytest.approx(arc.apogee_km, rel=1e-7)
        assert by_time.method == "flight_time"


def test_lofted_fit_is_vectorized_and_copies_inputs() -> None:
    apogee = np.array([2111.5, 2800.0, 3700.0, 4500.0])
    rng = np.array([787.0, 930.0, 1000.0, 960.0])
    before = apogee.copy()
    out = equivalent_max_range_km(apogee, rng)
    np.testing.assert_array_equal(apogee, before)
    # Vacuum surface-burnout estimates of FORMULAS.md §8 (their scratch script, ours agree).
    np.testing.assert_allclose(out, [4356, 5860, 7961, 10055], atol=0.5)
    singles = [equivalent_max_range_km(a, r) for a, r in zip(apogee, rng, strict=True)]
    np.testing.assert_allclose(out, singles, rtol=1e-12)


def test_vacuum_cases_match_reference_table(shared_dir: Path) -> None:
    """Every lofted/overflight row of cases.csv: our vacuum estimate equals the oracle's to 1 km."""
    with (shared_dir / "reference/trajectory/cases.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    checked = 0
    for row in rows:
        if not (row["apogee_km"] and row["range_km"]) or "toward" in row["case"]:
            continue
        est = equivalent_max_range_km(
            float(row["apogee_km"]), float(row["range_km"]), at_antipode="cap"
        )
        assert est == pytest.approx(float(row["our_estimate_km"]), abs=1.0), row["case"]
        checked += 1
    assert checked >= 15


def test_time_gap_shows_missing_boost_phase() -> None:
    """Hwasong-15: Wright's 54 min vs a 50.5 min surface-to-surface Kepler arc (FORMULAS §5)."""
    fit = fit_lofted_test(4500.0, 960.0, flight_time_s=54 * 60)
    assert fit.test.flight_time_s / 60 == pytest.approx(50.53, abs=0.01)
    assert fit.time_gap_s / 60 == pytest.approx(3.47, abs=0.01)
    assert math.isnan(fit_lofted_test(4500.0, 960.0).time_gap_s)


def test_rotation_sign_and_magnitude() -> None:
    """East gains, west loses; 40 N with the 10,400 km speed (FORMULAS §6 magnitudes)."""
    speed = minimum_energy_speed_km_s(10400.0)
    ranges = {}
    for name, bearing in {"east": 90.0, "north": 0.0, "west": 270.0}.items():
        fit = fit_lofted_test(3700.0, 1000.0, rotation=RotatingEarth((125.2, 40.0), bearing))
        ranges[name] = fit.standard.range_km
        assert fit.standard.burnout_speed_km_s == pytest.approx(fit.test.burnout_speed_km_s)
    assert ranges["east"] > ranges["north"] > ranges["west"]
    still = equivalent_max_range_km(3700.0, 1000.0)
    assert ranges["east"] > still > ranges["west"]
    east = _rotation.max_range_toward(125.2, 40.0, speed * 1e3, math.radians(90.0))[0]
    west = _rotation.max_range_toward(125.2, 40.0, speed * 1e3, math.radians(270.0))[0]
    assert east.range_m / 1e3 == pytest.approx(12378, rel=2e-3)
    assert west.range_m / 1e3 == pytest.approx(9273, rel=2e-3)
    assert math.degrees(east.gamma) < math.degrees(west.gamma)  # flatter eastward


def test_rotating_shot_matches_inertial_integration() -> None:
    lon, lat, speed, gamma, azimuth = 126.0, 40.0, 6.5, math.radians(30.0), math.radians(100.0)
    shot = _rotation.shoot(lon, lat, speed * 1e3, gamma, azimuth)
    r0, v0 = _rotation.inertial_state(lon, lat, speed * 1e3, gamma, azimuth)
    t_hit, state, _ = integrate(r0 / 1e3, v0 / 1e3, 3.0 * 3600.0)
    assert t_hit == pytest.approx(shot.time_s, abs=0.01)
    turn = _kepler.OMEGA_RAD_S * t_hit
    c, s = math.cos(turn), math.sin(turn)
    x, y, z = state[:3]
    fixed = np.array([c * x + s * y, -s * x + c * y, z]) / R
    lon2 = math.degrees(math.atan2(fixed[1], fixed[0]))
    lat2 = math.degrees(math.asin(fixed[2]))
    up = r0 / np.linalg.norm(r0)
    central = math.acos(float(np.clip(fixed @ up, -1, 1)))
    assert central * R == pytest.approx(shot.range_m / 1e3, abs=0.01)
    assert -180 < lon2 < 180 and -90 < lat2 < 90


def test_boost_model_reduces_the_gap_to_ucs() -> None:
    """Hwasong-14 2017-07-28 (UCS: 10,400 km): vacuum 7,961 km; a 240 s boost gives ~10,200 km."""
    fit = fit_lofted_test(3700.0, 1000.0, flight_time_s=47 * 60, boost=BoostModel(240.0))
    assert fit.method == "boost"
    assert fit.test.apogee_km == pytest.approx(3700.0, rel=1e-6)
    assert fit.test.range_km == pytest.approx(1000.0, rel=1e-6)
    assert fit.test.burnout_time_s == 240.0
    assert fit.ideal_velocity_km_s > fit.standard.burnout_speed_km_s > fit.test.burnout_speed_km_s
    assert fit.standard.burnout_altitude_km >= 150.0 - 1e-6
    assert fit.standard.range_km / 10400.0 == pytest.approx(1.0, abs=0.1)
    assert abs(fit.time_gap_s) < 90.0  # the modelled flight lasts within 1.5 min of the report


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (
            lambda: equivalent_max_range_km(0.0, 1000.0),
            RangeError,
            "apogee_km must be > 0, got 0.0",
        ),
        (lambda: equivalent_max_range_km(-5.0, 1000.0), RangeError, "apogee_km must be > 0"),
        (lambda: equivalent_max_range_km(3700.0, 0.0), RangeError, "range_km must be > 0"),
        (lambda: equivalent_max_range_km(3700.0, -1.0), RangeError, "range_km must be > 0"),
        (lambda: equivalent_max_range_km(math.nan, 1000.0), RangeError, "apogee_km must be finite"),
        (lambda: equivalent_max_range_km(3700.0, 25000.0), RangeError, "half the circumference"),
        (
            lambda: equivalent_max_range_km(100.0, 1000.0, burnout_altitude_km=200.0),
            TrajectoryError,
            "above the burnout altitude",
        ),
        (
            lambda: equivalent_max_range_km(6518.2, 1002.3),
            TrajectoryError,
            "reaches every point",
        ),
        (
            lambda: equivalent_max_range_km(3700.0, 1000.0, at_antipode="clip"),
            ValidationError,
            "at_antipode must be one of 'raise', 'cap'",
        ),
        (
            lambda: equivalent_max_range_km(None, 1000.0, flight_time_s=60.0),
            TrajectoryError,
            "too short for the range",
        ),
        (lambda: equivalent_max_range_km(None, 1000.0), ValidationError, "give apogee_km"),
        (
            lambda: fit_lofted_test(
                3700.0, 1000.0, boost=BoostModel(200.0), rotation=RotatingEarth((125.0, 40.0), 90.0)
            ),
            ValidationError,
            "does not support rotation",
        ),
        (lambda: minimum_energy_range_km(0.0), RangeError, "burnout_speed_km_s must be > 0"),
        (lambda: minimum_energy_range_km(7.92), TrajectoryError, "reaches every point"),
        (lambda: minimum_energy_trajectory(11.2), TrajectoryError, "below escape speed"),
        (lambda: ballistic_arc(5.0, 90.0), TrajectoryError, r"within \[0, 90\)"),
        (lambda: ballistic_arc(5.0, -1.0), TrajectoryError, r"within \[0, 90\)"),
        (lambda: ballistic_arc(7.95, 0.0), TrajectoryError, "orbit"),
        (lambda: BoostModel(15.0), ValidationError, "exceed twice vertical_rise_s"),
        (lambda: BoostModel(-1.0), RangeError, "burn_time_s must be a finite number > 0"),
        (lambda: RotatingEarth((0.0, 95.0), 90.0), ValidationError, "lat must be within"),
    ],
)
def test_bad_input_raises(call: object, error: type[Exception], match: str) -> None:
    with pytest.raises(error, match=match) as info:
        call()  # type: ignore[operator]
    assert isinstance(info.value, LaunchgeoError)


def test_no_silent_nan() -> None:
    """Results for valid input are finite everywhere, including arrays near the limits."""
    arc = minimum_energy_trajectory(np.linspace(0.1, 7.95, 200))
    for name in BallisticArc.__slots__:
        values = np.asarray(getattr(arc, name), dtype=float)
        assert np.all(np.isfinite(values)), name


def test_public_names_exported() -> None:
    for name in ("minimum_energy_range_km", "equivalent_max_range_km", "fit_lofted_test",
                 "BallisticArc", "LoftedFit", "BoostModel", "RotatingEarth",
                 "ground_track", "overflights", "GroundTrack", "ZonePass"):  # fmt: skip
        assert hasattr(launchgeo, name), name
