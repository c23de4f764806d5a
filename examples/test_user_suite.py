"""A user's test suite for code built on launchgeo: fixtures, assertions and strategies.

Copy it next to your own code. It needs nothing but launchgeo installed (the pytest plugin is
registered by the package) and hypothesis for the property tests. It runs in launchgeo's own
suite, so it keeps working:

    pytest examples/test_user_suite.py
    pytest examples/test_user_suite.py --launchgeo-mpl-generate   # (re)write the map baseline
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pytest
from hypothesis import given, settings

import launchgeo
from launchgeo.testing import assert_geometry_close, assert_valid_rfc7946, assert_zone
from launchgeo.testing.strategies import centres, lonlat, ranges_km


# -- the code under test: what a user would write ---------------------------------------------
def danger_area(site: object, range_km: float, margin_km: float = 25.0) -> object:
    """The area a missile of ``range_km`` (+- ``margin_km``) can end in: a geodesic band."""
    return launchgeo.range_band(site, max(range_km - margin_km, 0.0), range_km + margin_km)


def impact_zone(lon: float, lat: float, zones: launchgeo.Zones) -> str:
    """The zone label of a reported impact point."""
    return str(zones.classify(lon, lat))


# -- tests with the plugin's fixtures ---------------------------------------------------------
def test_reported_impact_is_in_japans_eez(launchgeo_zones: launchgeo.Zones) -> None:
    # 2022-11-18 Hwasong-17: about 200 km west of Oshima-Oshima (Japan's MoD)
    est = launchgeo.parse_impact_description("about 200 km west of Oshima-Oshima")
    assert est.lon is not None and est.lat is not None
    assert_zone(est.lon, est.lat, "JPN:eez", zones=launchgeo_zones)
    assert impact_zone(est.lon, est.lat, launchgeo_zones) == "JPN:eez"


def test_danger_area_is_valid_geojson(sunan: launchgeo.LaunchSite) -> None:
    area = danger_area(sunan, 650)
    assert_valid_rfc7946(area)
    # the band is the 650 km ring widened by 25 km on either side
    assert_geometry_close(
        area.geometry.exterior if area.geometry.geom_type == "Polygon" else area.geometry,
        launchgeo.range_ring(sunan, 675).geometry.exterior,
        tolerance_km=0.5,
    )


def test_danger_area_map(sunan: launchgeo.LaunchSite, launchgeo_image: object) -> None:
    from launchgeo.maps import plot_rings

    fig, ax = plt.subplots(figsize=(4, 4))
    plot_rings([launchgeo.range_ring(sunan, 650)], ax=ax, zones=False, land=False, legend="none")
    launchgeo_image.compare(fig, "danger_area")  # type: ignore[attr-defined]
    plt.close(fig)


# -- property tests with the strategies ---------------------------------------------------------
@settings(max_examples=40, derandomize=True, deadline=None)
@given(centre=centres(), range_km=ranges_km(min_km=50, max_km=12_000))
def test_danger_area_anywhere_is_valid(centre: tuple[float, float], range_km: float) -> None:
    """Poles and the antimeridian included: the band stays valid RFC 7946 GeoJSON."""
    assert_valid_rfc7946(danger_area(centre, range_km))


@settings(max_examples=40, derandomize=True, deadline=None)
@given(point=lonlat(min_lat=0, max_lat=60))
def test_every_point_has_a_zone(
    point: tuple[float, float], launchgeo_zones: launchgeo.Zones
) -> None:
    label = launchgeo_zones.classify(*point)
    assert label in launchgeo_zones.vocabulary


@pytest.mark.parametrize("text", ["39°13'26\"N 125°40'12\"E", "51SYD3048645019", "Sunan"])
def test_centres_written_any_way(text: str, sunan: launchgeo.LaunchSite) -> None:
    ring = launchgeo.range_ring(text, 350)
    assert launchgeo.distance_km(ring.center_lon, ring.center_lat, sunan.lon, sunan.lat) < 0.1
