"""FastForward: the fixed-origin geodesic table and its verified error bound."""

from __future__ import annotations

import pickle

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from launchgeo.errors import CoordinateError, RangeError, ValidationError
from launchgeo.geodesy.core import WGS84
from launchgeo.geodesy.fastgeod import ROUNDING_REL, SAFETY_FACTOR, FastForward


def _true(table: FastForward, bear: np.ndarray, rng_km: np.ndarray) -> tuple[np.ndarray, ...]:
    n = bear.size
    lon, lat, _ = WGS84.fwd(np.full(n, table.lon), np.full(n, table.lat), bear, rng_km * 1e3)
    return np.asarray(lon), np.asarray(lat)


def _max_error_m(table: FastForward, n: int = 20_000, seed: int = 0) -> float:
    """Largest distance (m) from pyproj over random samples of the table's whole domain."""
    g = np.random.default_rng(seed)
    bear = g.uniform(*table.bearing_deg, n)
    rng = g.uniform(*table.range_km, n)
    lon, lat = table.forward(bear, rng)
    lon_t, lat_t = _true(table, bear, rng)
    return float(np.max(WGS84.inv(lon, lat, lon_t, lat_t)[2]))


# Origins where naive lon/lat tables break: poles, the antimeridian, near-polar sites.
EDGE_CASES = [
    (0.0, 90.0, (0.0, 360.0), (0.0, 2000.0)),
    (0.0, -90.0, (0.0, 360.0), (0.0, 2000.0)),
    (179.99, 0.0, (45.0, 135.0), (0.0, 1000.0)),  # eastward across +-180
    (-179.99, 10.0, (225.0, 315.0), (0.0, 1000.0)),  # westward across +-180
    (-180.0, 45.0, (0.0, 360.0), (100.0, 3000.0)),
    (125.67, 89.0, (0.0, 360.0), (0.0, 500.0)),  # ring around the North Pole
    (125.67, 39.22389, (-30.0, 30.0), (250.0, 450.0)),  # through north
    (125.67, 39.22389, (0.0, 360.0), (0.0, 20003.0)),  # the whole Earth
]


def test_float32_packing_only_where_its_rounding_is_small():
    """Packed float32 tables state their rounding; tiny cells or tolerances stay float64."""
    whole = FastForward(125.67, 39.22389, bearing_deg=(0, 360), range_km=(0, 20003))
    assert whole._table.dtype == np.float32
    assert 0 < whole.rounding_m <= whole.tolerance_m / 4
    assert whole.rounding_m == pytest.approx(ROUNDING_REL * 90e3, rel=0.5)  # cells ~90 km
    # A 1 km x 1 degree domain at the pole (found by hypothesis: float32 rounding alone is
    # 0.1 mm there, above the interpolation error): the stated rounding covers it.
    tiny = FastForward(-180.0, -90.0, bearing_deg=(0, 1), range_km=(0, 1))
    assert tiny.rounding_m > tiny.checked_max_error_m
    assert _max_error_m(tiny, n=3000) <= tiny.error_bound_m
    # A 1 mm tolerance: float32 rounding would not be small against it; float64, no rounding.
    fine = FastForward(125.67, 39.22389, range_km=(0, 600), tolerance_m=0.001)
    assert fine._table.dtype == np.float64 and fine.rounding_m == 0.0
    assert _max_error_m(fine, n=3000) <= fine.error_bound_m


@pytest.mark.parametrize(("lon", "lat", "bearing", "range_km"), EDGE_CASES)
def test_error_bound_holds_at_poles_and_antimeridian(lon, lat, bearing, range_km):
    table = FastForward(lon, lat, bearing_deg=bearing, range_km=range_km)
    assert table.error_bound_m <= 1.0
    assert table.error_bound_m == pytest.approx(
        SAFETY_FACTOR * table.checked_max_error_m + table.rounding_m
    )
    assert _max_error_m(table) <= table.error_bound_m
    g = np.random.default_rng(1)
    out_lon, out_lat = table.forward(g.uniform(*bearing, 5000), g.uniform(*range_km, 5000))
    assert np.all((out_lon >= -180.0) & (out_lon < 180.0))
    assert np.all(np.abs(out_lat) <= 90.0)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    lon=st.one_of(st.sampled_from([-180.0, 179.999, 0.0]), st.floats(-180, 179.999)),
    lat=st.one_of(st.sampled_from([-90.0, 90.0, 89.9, -89.9, 0.0]), st.floats(-90, 90)),
    b_lo=st.floats(-360, 360),
    b_width=st.floats(0.5, 360),
    r_lo=st.floats(0, 5000),
    r_width=st.floats(1, 3000),
)
def test_measured_error_never_exceeds_the_bound(lon, lat, b_lo, b_width, r_lo, r_width):
    table = FastForward(
        lon, lat, bearing_deg=(b_lo, b_lo + b_width), range_km=(r_lo, r_lo + r_width)
    )
    assert table.error_bound_m <= table.tolerance_m == 1.0
    assert _max_error_m(table, n=3000) <= table.error_bound_m


def test_tighter_tolerance_is_met_with_more_cells():
    coarse = FastForward(125.67, 39.22389, bearing_deg=(0, 360), range_km=(0, 600))
    fine = FastForward(125.67, 39.22389, bearing_deg=(0, 360), range_km=(0, 600), tolerance_m=0.01)
    assert fine.error_bound_m <= 0.01
    assert fine.cells[0] * fine.cells[1] > coarse.cells[0] * coarse.cells[1]
    assert _max_error_m(fine) <= fine.error_bound_m


def test_lon_lat_not_swapped():
    """Due east along the equator moves the longitude, not the latitude."""
    table = FastForward(30.0, 0.0, bearing_deg=(80, 100), range_km=(0, 500))
    lon, lat = table.forward(90.0, 111.319490793)  # one degree of the equator
    assert lon == pytest.approx(31.0, abs=1e-6)
    assert lat == pytest.approx(0.0, abs=1e-6)


def test_bearings_are_taken_modulo_360_and_shapes_kept():
    table = FastForward(140.0, 35.0, bearing_deg=(-20, 20), range_km=(100, 300))
    bear = np.array([[350.0, -10.0], [710.0, 10.0]])
    rng = np.array([[200.0, 200.0], [200.0, 250.0]])
    lon, lat = table.forward(bear, rng)
    assert lon.shape == lat.shape == (2, 2)
    assert lon[0, 0] == lon[0, 1] == lon[1, 0]
    lon_t, lat_t = _true(table, bear.ravel() % 360, rng.ravel())
    assert np.max(WGS84.inv(lon.ravel(), lat.ravel(), lon_t, lat_t)[2]) <= table.error_bound_m


def test_inputs_are_not_modified():
    table = FastForward(140.0, 35.0)
    bear = np.array([370.0, -5.0])
    rng = np.array([100.0, 200.0])
    table.forward(bear, rng)
    assert bear.tolist() == [370.0, -5.0] and rng.tolist() == [100.0, 200.0]


def test_outside_the_domain_raises_or_is_exact():
    table = FastForward(140.0, 35.0, bearing_deg=(80, 100), range_km=(100, 200))
    assert table.contains([90.0, 90.0, 120.0], [150.0, 250.0, 150.0]).tolist() == [
        True,
        False,
        False,
    ]
    with pytest.raises(RangeError, match=r"outside the table's domain \(element 1"):
        table.forward([90.0, 90.0], [150.0, 250.0])
    bear = np.array([90.0, 90.0, 300.0])
    rng = np.array([150.0, 2500.0, 0.0])
    lon, lat = table.forward(bear, rng, outside="exact")
    lon_t, lat_t = _true(table, bear, rng)
    assert np.max(WGS84.inv(lon, lat, lon_t, lat_t)[2]) <= table.error_bound_m
    with pytest.raises(ValidationError, match=r"outside must be one of 'raise', 'exact'"):
        table.forward(90.0, 150.0, outside="clip")


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"bearing_deg": (10, 10)}, ValidationError, "low < high"),
        ({"bearing_deg": (0, 400)}, ValidationError, "at most 360"),
        ({"bearing_deg": (0, float("nan"))}, ValidationError, "finite"),
        ({"bearing_deg": 5}, ValidationError, r"\(low, high\) pair"),
        ({"range_km": (-5, 10)}, RangeError, ">= 0 km"),
        ({"range_km": (10, 5)}, ValidationError, "low < high"),
        ({"tolerance_m": 0}, RangeError, "tolerance_m"),
        # below the 1 mm floor (docs/errors.md); the cell budget is tested below
        ({"tolerance_m": 1e-9, "range_km": (0, 20000)}, ValidationError, "tolerance_m"),
    ],
)
def test_bad_construction_arguments(kwargs, error, match):
    with pytest.raises(error, match=match):
        FastForward(125.0, 39.0, **kwargs)


def test_bad_origin_and_samples():
    with pytest.raises(CoordinateError, match="lat must be within"):
        FastForward(125.0, 91.0)
    table = FastForward(125.0, 39.0)
    with pytest.raises(RangeError, match="range_km must be >= 0"):
        table.forward(90.0, -1.0)
    with pytest.raises(ValidationError, match="bearing_deg must be finite"):
        table.forward([90.0, np.nan], 10.0)
    with pytest.raises(RangeError, match="range_km must be finite"):
        table.forward(90.0, np.inf)


def test_pickles_for_dask_workers():
    table = FastForward(125.67, 39.22389, bearing_deg=(0, 90), range_km=(0, 1000))
    clone = pickle.loads(pickle.dumps(table))
    bear, rng = np.linspace(0, 90, 50), np.linspace(0, 1000, 50)
    assert np.array_equal(clone.forward(bear, rng)[0], table.forward(bear, rng)[0])
    assert repr(clone) == repr(table)


def test_cell_budget_stops_the_build_and_the_cache_remembers_it():
    from launchgeo.geodesy.fastgeod import CellBudgetError, initial_cells

    kw = dict(bearing_deg=(0.0, 360.0), range_km=(0.0, 5000.0))
    na, ns = initial_cells(kw["bearing_deg"], kw["range_km"])
    with pytest.raises(CellBudgetError, match="cells") as info:
        FastForward(10.0, 20.0, max_cells=na * ns, **kw)  # the first round is not enough
    assert info.value.cells_needed > na * ns
    assert isinstance(info.value, ValidationError)
    assert pickle.loads(pickle.dumps(info.value)).cells_needed == info.value.cells_needed
    with pytest.raises(CellBudgetError):  # remembered: raised again without building
        FastForward.cached(10.0, 20.0, max_cells=na * ns, **kw)
    with pytest.raises(ValidationError, match="max_cells must be an integer"):
        FastForward(10.0, 20.0, max_cells=0)


def test_cached_tables_are_shared_by_origin_domain_and_tolerance():
    a = FastForward.cached(10.0, 20.0, bearing_deg=(0, 90), range_km=(0, 800))
    assert a is FastForward.cached(10.0, 20.0, bearing_deg=(0.0, 90.0), range_km=(0.0, 800.0))
    assert a is not FastForward.cached(10.0, 20.0, bearing_deg=(0, 90), range_km=(0, 900))
    assert a is not FastForward.cached(
        10.0, 20.0, bearing_deg=(0, 90), range_km=(0, 800), tolerance_m=0.5
    )
    cells = a.cells[0] * a.cells[1]
    from launchgeo.geodesy.fastgeod import CellBudgetError

    with pytest.raises(CellBudgetError):  # a cached table over the caller's budget
        FastForward.cached(10.0, 20.0, bearing_deg=(0, 90), range_km=(0, 800), max_cells=cells - 1)
