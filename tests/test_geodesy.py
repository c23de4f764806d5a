"""Geodesy core against GeographicLib's published reference vectors."""

from __future__ import annotations

import numpy as np
import pytest

import launchgeo
from launchgeo.errors import CoordinateError, RangeError, ValidationError
from launchgeo.geodesy.core import HALF_MERIDIAN_KM, destination, distance_km, inverse

# (lat1, lon1, azi1, lat2, lon2, azi2, s12_m): rows of the test set in GeographicLib's own test
# suite (Karney, geodtest.c "testcases"), and the Wellington-Salamanca example of its docs.
REFERENCE = [
    (35.60777, -139.44815, 111.098748429560326, -11.17491, -69.95921, 129.289270889708762,
     8935244.5604818305),
    (55.52454, 106.05087, 22.020059880982801, 77.03196, 197.18234, 109.112041110671519,
     4105086.1713924406),
    (-21.97856, 142.59065, -32.44456876433189, 41.84138, 98.56635, -41.84359951440466,
     8394328.894657671),
    (-41.32, 174.81, 161.06766998615882, 40.96, -5.50, 18.825195123248392, 19959679.26735382),
]  # fmt: skip


@pytest.mark.parametrize(("lat1", "lon1", "azi1", "lat2", "lon2", "azi2", "s12"), REFERENCE)
def test_inverse_matches_geographiclib_reference(lat1, lon1, azi1, lat2, lon2, azi2, s12):
    d_km, az, back = inverse(lon1, lat1, lon2, lat2)
    assert d_km * 1000.0 == pytest.approx(s12, abs=1e-6)
    assert az == pytest.approx(azi1 % 360.0, abs=1e-9)
    # ``back`` points from point 2 back to point 1: the reverse of the forward azimuth at point 2.
    assert back == pytest.approx((azi2 + 180.0) % 360.0, abs=1e-9)


@pytest.mark.parametrize(("lat1", "lon1", "azi1", "lat2", "lon2", "azi2", "s12"), REFERENCE)
def test_destination_matches_geographiclib_reference(lat1, lon1, azi1, lat2, lon2, azi2, s12):
    lon, lat = destination(lon1, lat1, azi1, s12 / 1000.0)
    assert lat == pytest.approx(lat2, abs=1e-11)
    assert (lon - lon2 + 180.0) % 360.0 - 180.0 == pytest.approx(0.0, abs=1e-11)
    assert -180.0 <= lon < 180.0


def test_vectorized_broadcasting_and_inputs_untouched():
    lons = np.array([125.67, 125.67])
    lats = np.array([39.22389, 39.22389])
    before = lons.copy()
    lon, lat = destination(lons, lats, [90.0, 270.0], 350.0)
    assert lon.shape == (2,) and lon[0] > 125.67 > lon[1]
    np.testing.assert_array_equal(lons, before)
    np.testing.assert_allclose(distance_km(lons, lats, lon, lat), [350.0, 350.0], atol=1e-9)


def test_lon_lat_order_is_not_swapped():
    """Moving north changes latitude, not longitude: fails if (lon, lat) were swapped anywhere."""
    lon, lat = destination(125.0, 39.0, 0.0, 111.0)
    assert lon == pytest.approx(125.0) and lat > 39.9
    assert launchgeo.azimuth_deg(125.0, 39.0, 125.0, 40.0) == pytest.approx(0.0, abs=1e-9)


def test_half_meridian():
    assert pytest.approx(20003.931458625, abs=1e-6) == HALF_MERIDIAN_KM


@pytest.mark.parametrize(
    ("args", "error", "fragment"),
    [
        ((0.0, 91.0, 0.0, 1.0), CoordinateError, "lat must be within [-90, 90]"),
        ((np.nan, 0.0, 0.0, 1.0), CoordinateError, "lon must be finite"),
        ((0.0, 0.0, 0.0, -1.0), RangeError, "distance_km must be >= 0"),
        ((0.0, 0.0, np.inf, 1.0), ValidationError, "azimuth_deg must be finite"),
        ((0.0, 0.0, "east", 1.0), ValidationError, "azimuth_deg must be a number"),
    ],
)
def test_destination_rejects_bad_input(args, error, fragment):
    with pytest.raises(error, match=fragment.replace("[", r"\[").replace("]", r"\]")):
        destination(*args)


def test_longitude_is_normalized():
    lon, _ = destination(190.0, 0.0, 0.0, 0.0)
    assert lon == pytest.approx(-170.0)
