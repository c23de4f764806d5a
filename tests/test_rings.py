"""Range rings, bands, fans and radials: geometry that is right anywhere on Earth."""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pyproj import Geod

import launchgeo
from launchgeo.errors import CoordinateError, RangeError, UnknownSiteError, ValidationError
from launchgeo.geodesy.core import HALF_MERIDIAN_KM
from launchgeo.testing import assert_valid_rfc7946

GEOD = Geod(ellps="WGS84")
SUNAN = launchgeo.get_site("Sunan")


def exact_distance_km(lon0, lat0, lon, lat):
    n = np.size(lon)
    _, _, d = GEOD.inv(np.full(n, lon0), np.full(n, lat0), np.ravel(lon), np.ravel(lat))
    return np.asarray(d) / 1000.0


def authalic_area_km2(geom) -> float:
    """Area of a lon/lat polygon whose edges are straight in (lon, lat), on the WGS84 ellipsoid.

    Independent of pyproj's geodesic polygon area: Green's theorem with the closed-form
    ellipsoidal area between the equator and a latitude, integrated along each straight edge
    with 8-point Gauss-Legendre quadrature.
    """
    a, e2 = GEOD.a, GEOD.es
    e = np.sqrt(e2)
    b2 = a * a * (1 - e2)

    def band(lat_deg):
        s = np.sin(np.radians(lat_deg))
        return b2 / 2 * (s / (1 - e2 * s * s) + np.log((1 + e * s) / (1 - e * s)) / (2 * e))

    x, w = np.polynomial.legendre.leggauss(8)
    t, w = (x + 1) / 2, w / 2

    def ring_integral(coords):
        c = np.asarray(coords)
        lon0, lat0, lon1, lat1 = c[:-1, 0], c[:-1, 1], c[1:, 0], c[1:, 1]
        lat_t = lat0[:, None] + t[None, :] * (lat1 - lat0)[:, None]
        mean_band = (band(lat_t) * w[None, :]).sum(axis=1)
        return float(np.sum(mean_band * np.radians(lon0 - lon1)))  # CCW -> positive

    total = 0.0
    for poly in getattr(geom, "geoms", [geom]):
        total += ring_integral(poly.exterior.coords)
        for hole in poly.interiors:
            total += ring_integral(hole.coords)
    # Polygons touching a pole: Green's theorem along lat=+-90 edges is handled by the formula.
    return total / 1e6


def circle_edge_error_m(geom, lon0, lat0, range_km) -> float:
    """Largest distance from the circle of points on the polygon's edges, seams excluded."""
    worst = 0.0
    t = np.linspace(0, 1, 9)[1:-1]
    for poly in getattr(geom, "geoms", [geom]):
        for ring in [poly.exterior, *poly.interiors]:
            xy = np.asarray(ring.coords)
            p, q = xy[:-1], xy[1:]
            seam = ((np.abs(p[:, 0]) == 180) & (np.abs(q[:, 0]) == 180)) | (np.abs(p[:, 1]) == 90)
            seam |= np.abs(q[:, 1]) == 90
            p, q = p[~seam], q[~seam]
            if not len(p):
                continue
            px = (p[:, None, 0] + t * (q[:, None, 0] - p[:, None, 0])).ravel()
            py = (p[:, None, 1] + t * (q[:, None, 1] - p[:, None, 1])).ravel()
            err = np.abs(exact_distance_km(lon0, lat0, px, py) - range_km) * 1000.0
            worst = max(worst, float(err.max()))
    return worst


def random_points(n, seed):
    rng = np.random.default_rng(seed)
    return rng.uniform(-180, 180, n), np.degrees(np.arcsin(rng.uniform(-1, 1, n)))


def assert_ring_correct(ring, n_points=4000, seed=0):
    geom = ring.geometry
    assert_valid_rfc7946(geom)  # valid, CCW exteriors, CW holes, in range, split at +-180
    lon, lat = random_points(n_points, seed)
    truth = ring.contains(lon, lat)
    d = exact_distance_km(ring.center_lon, ring.center_lat, lon, lat)
    in_band = np.abs(d - ring.range_km) * 1000.0 <= ring.tolerance_m
    if ring.min_range_km > 0:
        in_band |= np.abs(d - ring.min_range_km) * 1000.0 <= ring.tolerance_m
    poly_says = shapely.contains_xy(geom, lon, lat)
    disagree = (poly_says != truth) & ~in_band
    assert not disagree.any(), f"{disagree.sum()} points disagree outside the tolerance band"


# --- Regression tests: the failures measured in ../shared/anchors/mission.md section 2 -------


@pytest.mark.parametrize(
    ("range_km", "north", "south"),
    [(350, False, False), (650, False, False), (10_000, True, False), (13_000, True, False),
     (15_000, True, True)],
)  # fmt: skip
def test_regression_large_rings_around_sunan(range_km, north, south):
    """Shape Tools invalid at 10,000/13,000 km; AEQD buffer self-intersects; 15,000 km complement.

    Every one of these must be valid, include its polar cap(s), and agree with the exact test.
    """
    ring = launchgeo.range_ring(SUNAN, range_km)
    assert (ring.encloses_north_pole, ring.encloses_south_pole) == (north, south)
    assert ring.geometry.covers(shapely.Point(0, 90)) is north
    assert ring.geometry.covers(shapely.Point(0, -90)) is south
    assert_ring_correct(ring, n_points=20_000)
    assert ring.max_edge_error_m <= ring.tolerance_m
    assert circle_edge_error_m(ring.geometry, SUNAN.lon, SUNAN.lat, range_km) <= ring.tolerance_m


def test_regression_13000_km_area_is_not_the_complement():
    """pyproj's polygon area wraps to +-half the Earth: 139.6 Mkm2 instead of 370.5 Mkm2."""
    ring = launchgeo.range_ring(SUNAN, 13_000)
    assert ring.area_km2 == pytest.approx(370.5e6, rel=2e-4)


def test_regression_36_vertex_sag():
    """A fixed 36-vertex ring sags 76 km at 13,000 km; ours stays within the tolerance."""
    ring = launchgeo.range_ring(SUNAN, 13_000, tolerance_m=50)
    assert circle_edge_error_m(ring.geometry, SUNAN.lon, SUNAN.lat, 13_000) <= 50
    assert ring.n_vertices > 36


def test_ring_covering_the_globe():
    ring = launchgeo.range_ring(SUNAN, HALF_MERIDIAN_KM)
    assert ring.geometry.equals(shapely.box(-180, -90, 180, 90))
    assert ring.area_km2 == pytest.approx(510_065_621.7, rel=1e-9)


def test_tiny_ring_and_zero():
    ring = launchgeo.range_ring((10.0, 20.0), 0.001)  # 1 m
    assert ring.geometry.is_valid and not ring.geometry.is_empty
    assert ring.area_km2 == pytest.approx(np.pi * 1e-6, rel=1e-3)
    assert launchgeo.range_ring((10.0, 20.0), 0).geometry.is_empty


# --- Invariants over the whole globe -----------------------------------------------------------

special_lons = st.sampled_from([-180.0, 179.999999, 180.0, 0.0, -179.5])
special_lats = st.sampled_from([-90.0, 90.0, 89.9999, -89.99, 0.0])
lons = st.one_of(special_lons, st.floats(-180, 180))
lats = st.one_of(special_lats, st.floats(-90, 90))
ranges = st.one_of(
    st.floats(0.001, 100.0),
    st.floats(100.0, 20_003.9),
    st.sampled_from([10_001.97, 19_990.0, 20_000.0]),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lon=lons, lat=lats, range_km=ranges)
def test_ring_invariants_anywhere(lon, lat, range_km):
    ring = launchgeo.range_ring((lon, lat), range_km)
    # Every vertex lies on the circle within 1 mm.
    for vlon, vlat in ring.loops:
        d = exact_distance_km(ring.center_lon, ring.center_lat, vlon, vlat)
        assert np.max(np.abs(d - range_km)) * 1e6 <= 1.0
    assert_ring_correct(ring, n_points=1500, seed=int(range_km))
    assert ring.max_edge_error_m <= ring.tolerance_m
    assert circle_edge_error_m(ring.geometry, ring.center_lon, ring.center_lat, range_km) <= (
        ring.tolerance_m
    )


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lon=lons, lat=lats, range_km=st.floats(50.0, 20_003.0))
def test_area_matches_independent_integration(lon, lat, range_km):
    tol = max(0.01, range_km * 1e-6 * 1000)  # tight edges: polygon area -> disk area
    ring = launchgeo.range_ring((lon, lat), range_km, tolerance_m=tol)
    assert authalic_area_km2(ring.geometry) == pytest.approx(ring.area_km2, rel=1e-4)


def test_poles_and_antimeridian_table():
    cases = [
        ((0.0, 90.0), 1000.0, True, False),
        ((0.0, -90.0), 1000.0, False, True),
        ((180.0, 0.0), 500.0, False, False),
        ((-180.0, 60.0), 4000.0, True, False),
        ((45.0, 0.0), HALF_MERIDIAN_KM / 2 + 1e-6, True, True),  # 1 mm past both poles
    ]
    for center, r, north, south in cases:
        ring = launchgeo.range_ring(center, r)
        assert (ring.encloses_north_pole, ring.encloses_south_pole) == (north, south)
        assert_ring_correct(ring, n_points=3000)
    antimeridian = launchgeo.range_ring((180.0, 0.0), 500.0)
    assert antimeridian.crosses_antimeridian
    assert antimeridian.geometry.geom_type == "MultiPolygon"


def test_contains_is_exact_and_vectorized():
    ring = launchgeo.range_ring(SUNAN, 650)
    lon, lat = launchgeo.destination(SUNAN.lon, SUNAN.lat, [10.0, 10.0], [649.9999, 650.0001])
    assert ring.contains(lon, lat).tolist() == [True, False]
    assert ring.contains(np.array([[125.0]]), np.array([[39.0]])).shape == (1, 1)


def test_band_fan_radials():
    band = launchgeo.range_band(SUNAN, 350, 650)
    assert_ring_correct(band)
    assert band.area_km2 == pytest.approx(
        launchgeo.range_ring(SUNAN, 650).area_km2 - launchgeo.range_ring(SUNAN, 350).area_km2
    )
    fan = launchgeo.range_fan(SUNAN, 13_000, bearing_from_deg=330, bearing_to_deg=30)
    assert fan.encloses_north_pole and fan.geometry.is_valid
    lon, lat = random_points(4000, 3)
    d = exact_distance_km(SUNAN.lon, SUNAN.lat, lon, lat)
    _, az, _ = launchgeo.inverse(SUNAN.lon, SUNAN.lat, lon, lat)
    truth = (d <= 13_000) & (((az - 330) % 360) <= 60)
    np.testing.assert_array_equal(fan.contains(lon, lat), truth)
    # Away from the edges the polygon agrees with the exact predicate.
    edge_dist = np.minimum(
        np.abs(d - 13_000),
        np.minimum(np.abs((az - 330 + 180) % 360 - 180), np.abs((az - 30 + 180) % 360 - 180)) * 50,
    )
    far = edge_dist > 1.0
    np.testing.assert_array_equal(shapely.contains_xy(fan.geometry, lon, lat)[far], truth[far])
    rad = launchgeo.radials(SUNAN, 13_000, [0.0, 90.0])
    assert rad.crs.to_epsg() == 4326
    north = rad.geometry.iloc[0]
    assert north.geom_type == "MultiLineString"  # over the pole
    assert max(c[1] for g in north.geoms for c in g.coords) == 90.0


def test_range_rings_frame():
    gdf = launchgeo.range_rings(SUNAN, [350, 650, 13_000])
    assert list(gdf["range_km"]) == [350.0, 650.0, 13_000.0]
    assert gdf.crs.to_epsg() == 4326
    assert gdf.geometry.is_valid.all()
    assert gdf["encloses_north_pole"].tolist() == [False, False, True]


@pytest.mark.parametrize(
    ("call", "error", "fragment"),
    [
        (lambda: launchgeo.range_ring((0, 95), 10), CoordinateError, "95"),
        (lambda: launchgeo.range_ring((np.nan, 0), 10), CoordinateError, "nan"),
        (lambda: launchgeo.range_ring(SUNAN, -5), RangeError, "-5"),
        (lambda: launchgeo.range_ring(SUNAN, "far"), ValidationError, "far"),
        (lambda: launchgeo.range_ring(SUNAN, float("inf")), RangeError, "inf"),
        (lambda: launchgeo.range_ring(SUNAN, 25_000), RangeError, "antipode"),
        (lambda: launchgeo.range_ring(SUNAN, 100, tolerance_m=0), RangeError, "tolerance_m"),
        (lambda: launchgeo.range_ring("Atlantis", 100), UnknownSiteError, "Atlantis"),
        (lambda: launchgeo.range_ring((1, 2, 3), 100), ValidationError, "pair"),
        (lambda: launchgeo.range_band(SUNAN, 650, 350), RangeError, "min_km"),
        (lambda: launchgeo.range_fan(SUNAN, 100, bearing_from_deg=10, bearing_to_deg=370),
         ValidationError, "differ"),
    ],
)  # fmt: skip
def test_bad_input_raises_named_errors(call, error, fragment):
    with pytest.raises(error, match=fragment):
        call()


def test_longitude_normalized_not_other_values():
    # 0..360 (Pacific) longitudes are read as -180..180; beyond 360 is refused (docs/errors.md)
    ring = launchgeo.range_ring((360.0 - 125.67, 39.22389), 100)
    assert ring.center_lon == pytest.approx(-125.67)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow],
          derandomize=True)  # fmt: skip
@given(lon=lons, lat=lats, range_km=ranges)
def test_stated_edge_error_is_the_measured_one(lon, lat, range_km):
    """max_edge_error_m (found from each edge's mid-azimuth circle point) matches pyproj."""
    ring = launchgeo.range_ring((lon, lat), range_km)
    measured = circle_edge_error_m(ring.geometry, ring.center_lon, ring.center_lat, range_km)
    # The polygon's seams and the split at +-180 only cut edges: their error can only shrink.
    assert measured <= ring.max_edge_error_m + 0.5


def test_regression_near_antipode_ring_is_not_oversampled():
    """19,990 km started from 4,096 samples and kept 2,558 vertices where 256 give 11 m."""
    ring = launchgeo.range_ring(SUNAN, 19_990)
    assert ring.n_vertices < 400
    assert_ring_correct(ring, n_points=20_000)
    assert circle_edge_error_m(ring.geometry, SUNAN.lon, SUNAN.lat, 19_990) <= ring.tolerance_m
    for vlon, vlat in ring.loops:  # every vertex on the true boundary, the cut-locus gaps too
        d = exact_distance_km(SUNAN.lon, SUNAN.lat, vlon, vlat)
        assert np.max(np.abs(d - 19_990)) * 1e6 <= 1.0


@pytest.mark.parametrize("center", [(0.0, -90.0), (0.0, 90.0), (45.0, -89.0), (-120.0, 85.0)])
def test_regression_pole_cap_has_no_hairline_crack(center):
    """range_ring((0, -90), 1000) was two polygons 2e-14 deg apart along a meridian.

    A cap is one polygon cut open at +-180 only: every point of it near the pole is covered,
    on every meridian.
    """
    ring = launchgeo.range_ring(center, 1000)
    assert ring.geometry.geom_type == "Polygon"
    pole = 90.0 if ring.encloses_north_pole else -90.0
    lon = np.linspace(-179.999, 179.999, 20_001)
    near = np.full(lon.size, pole - np.sign(pole) * 0.5)
    assert shapely.contains_xy(ring.geometry, lon, near).all()
    assert_ring_correct(ring, n_points=5000)
