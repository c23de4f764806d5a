"""launchgeo.testing: the assertions, strategies and pytest plugin users put in their suites."""

from __future__ import annotations

import pytest
import shapely
from hypothesis import find, given, settings
from shapely.geometry import LineString, Point, Polygon, box

import launchgeo
from launchgeo.testing import (
    assert_geometry_close,
    assert_image_matches,
    assert_valid_rfc7946,
    assert_zone,
)
from launchgeo.testing.strategies import centres, lonlat, ranges_km

pytest_plugins = ["pytester"]


# -- assert_geometry_close ------------------------------------------------------------------------
def test_geometry_close_measures_geodesic_km() -> None:
    a = launchgeo.range_ring("Sunan", 650).geometry
    b = launchgeo.range_ring("Sunan", 652).geometry
    assert_geometry_close(a, b, tolerance_km=2.5)
    with pytest.raises(AssertionError, match=r"differ by 2\.0\d* km \(tolerance 1 km\)"):
        assert_geometry_close(a, b, tolerance_km=1)


def test_geometry_close_across_the_antimeridian() -> None:
    """Points 0.02 degrees apart across +-180 are 2.2 km apart, not 39,000 km."""
    assert_geometry_close(Point(179.99, 0), Point(-179.99, 0), tolerance_km=2.3)
    with pytest.raises(AssertionError, match=r"differ by 2\.2"):
        assert_geometry_close(Point(179.99, 0), Point(-179.99, 0), tolerance_km=2.0)
    # A ring split at +-180 (RFC 7946) against the same ring drawn with longitudes past 180.
    ring = launchgeo.range_ring((178.0, 50.0), 1000)
    assert ring.crosses_antimeridian
    unwrapped = shapely.Polygon(
        [(x % 360.0, y) for x, y in zip(*ring.loops[0], strict=True)]  # 0..360 longitudes
    )
    assert unwrapped.bounds[2] > 180
    assert_geometry_close(ring.geometry, unwrapped, tolerance_km=0.5)


def test_geometry_close_sees_a_missing_part_and_empties() -> None:
    a = shapely.MultiPolygon([box(130, 30, 131, 31), box(140, 30, 141, 31)])
    with pytest.raises(AssertionError, match="of actual is"):
        assert_geometry_close(a, box(130, 30, 131, 31), tolerance_km=10)
    assert_geometry_close(Polygon(), Polygon(), tolerance_km=1)
    with pytest.raises(AssertionError, match="expected geometry is empty"):
        assert_geometry_close(a, Polygon(), tolerance_km=1)
    with pytest.raises(ValueError, match="tolerance_km"):
        assert_geometry_close(a, a, tolerance_km=0)
    ring = launchgeo.range_ring("Sunan", 300)
    assert_geometry_close(ring, a.geoms[0], tolerance_km=1e4)


# -- assert_valid_rfc7946 -------------------------------------------------------------------------
def test_rings_are_valid_rfc7946() -> None:
    for centre, r in [("Sunan", 650), ("Sunan", 13_000), ((178.0, 50.0), 1000), ((0, 89), 500)]:
        assert_valid_rfc7946(launchgeo.range_ring(centre, r))
    assert_valid_rfc7946(launchgeo.range_ring("Sunan", 650).__geo_interface__)


@pytest.mark.parametrize(
    ("geom", "says"),
    [
        (Polygon([(0, 0), (0, 1), (1, 1), (1, 0)]), "exterior ring is clockwise"),
        (LineString([(170, 0), (-170, 0)]), "crosses the antimeridian"),
        (box(170, 0, 190, 10), "longitude 190.0 outside"),
        (Point(0, 91), "latitude 91.0 outside"),
        (Polygon([(0, 0), (1, 1), (1, 0), (0, 1)]), "invalid geometry: Self-intersection"),
        (Polygon([(0, 0), (4, 0), (4, 4), (0, 4)], [[(1, 1), (2, 1), (2, 2), (1, 2)]]),
         "hole 0 is counter-clockwise"),
    ],
)  # fmt: skip
def test_rfc7946_problems_are_named(geom: shapely.Geometry, says: str) -> None:
    with pytest.raises(AssertionError, match="not valid RFC 7946 GeoJSON") as info:
        assert_valid_rfc7946(geom)
    assert says in str(info.value)


def test_rfc7946_reads_features() -> None:
    bad = {"type": "Feature", "properties": {},
           "geometry": {"type": "LineString", "coordinates": [[170, 0], [-170, 0]]}}  # fmt: skip
    with pytest.raises(AssertionError, match="antimeridian"):
        assert_valid_rfc7946({"type": "FeatureCollection", "features": [bad]})
    with pytest.raises(TypeError, match="expected a geometry"):
        assert_valid_rfc7946(42)


# -- assert_zone ----------------------------------------------------------------------------------
def test_assert_zone_passes_and_explains(launchgeo_zones: launchgeo.Zones) -> None:
    assert_zone(135.0, 38.5, "JPN:eez", zones=launchgeo_zones)
    assert_zone([135.0, 136.0], [38.5, 39.0], "JPN:eez", zones=launchgeo_zones)
    with pytest.raises(AssertionError) as info:
        assert_zone(135.0, 38.5, "KOR:eez", zones=launchgeo_zones)
    msg = str(info.value)
    assert msg.startswith("point (135.0000, 38.5000) is in 'JPN:eez' (Japan's EEZ), not in")
    assert "'KOR:eez' (South Korea's EEZ)" in msg
    assert "km inside the boundary of 'JPN:eez'" in msg
    assert "km outside the boundary of 'KOR:eez'" in msg


def test_assert_zone_distance_is_the_real_one(launchgeo_zones: launchgeo.Zones) -> None:
    d = launchgeo_zones.signed_distance_km(135.0, 38.5, "JPN:eez")
    with pytest.raises(AssertionError, match=f"{abs(d):,.2f} km inside"):
        assert_zone(135.0, 38.5, "high_seas", zones=launchgeo_zones)


def test_assert_zone_reports_which_point(launchgeo_zones: launchgeo.Zones) -> None:
    with pytest.raises(AssertionError, match=r"point 1 of 3 .*\(1 more points are not either\)"):
        assert_zone([135.0, 125.67, 125.7], [38.5, 39.22, 39.2], "JPN:eez", zones=launchgeo_zones)
    with pytest.raises(AssertionError, match="no label of these zones; close: \\['JPN:eez'"):
        assert_zone(135.0, 38.5, "JPN:ez", zones=launchgeo_zones)


# -- strategies ------------------------------------------------------------------------------------
def test_strategies_reach_the_hard_places() -> None:
    assert find(centres(), lambda c: c[1] == 90.0)[1] == 90.0
    assert find(centres(), lambda c: c[0] == -180.0)[0] == -180.0
    assert find(ranges_km(), lambda r: r == launchgeo.geodesy.HALF_MERIDIAN_KM) > 20_003
    assert find(lonlat(include_poles=False), lambda p: abs(p[1]) > 80)[1] <= 89


@settings(max_examples=60, derandomize=True, deadline=None)
@given(centre=centres(include_poles=False), range_km=ranges_km(min_km=1, max_km=15_000))
def test_rings_from_anywhere_are_valid(centre: tuple[float, float], range_km: float) -> None:
    """The project's own property test, written with the strategies users get."""
    assert_valid_rfc7946(launchgeo.range_ring(centre, range_km, tolerance_m=1000))


def test_strategies_refuse_bad_bounds() -> None:
    with pytest.raises(ValueError, match="min_lat"):
        lonlat(min_lat=10, max_lat=0)
    with pytest.raises(ValueError, match="min_km"):
        ranges_km(max_km=30_000)


# -- images ---------------------------------------------------------------------------------------
def test_image_helper_round_trip(tmp_path: pytest.TempPathFactory) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(2, 2))
    ax.plot([0, 1], [0, 1])
    title = ax.set_title("fonts differ between machines")
    baseline = tmp_path / "base" / "line.png"  # type: ignore[operator]
    with pytest.raises(AssertionError, match="missing baseline"):
        assert_image_matches(fig, baseline, result_dir=tmp_path)
    assert_image_matches(fig, baseline, generate=True, result_dir=tmp_path)
    assert title.get_visible()  # the figure is left as it was
    assert_image_matches(fig, baseline, result_dir=tmp_path)
    ax.plot([0, 1], [1, 0], linewidth=6)
    with pytest.raises(AssertionError, match="differs from its baseline"):
        assert_image_matches(fig, baseline, result_dir=tmp_path)


# -- the pytest plugin --------------------------------------------------------------------
USER_SUITE = """
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

def test_fixtures(launchgeo_zones, sunan):
    assert sunan.name == "Pyongyang Sunan International Airport"
    assert launchgeo_zones.classify(135.0, 38.5) == "JPN:eez"

def test_map(launchgeo_image):
    fig, ax = plt.subplots(figsize=(2, 2))
    ax.plot([0, 1], [0, WIDTH])
    ax.set_ylim(0, 1)
    launchgeo_image.compare(fig, "line")
    plt.close(fig)
"""


def test_plugin_fixtures_and_image_baselines(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_user=USER_SUITE.replace("WIDTH", "1"))
    pytester.runpytest("-p", "no:cacheprovider").assert_outcomes(passed=1, failed=1)
    pytester.runpytest("--launchgeo-mpl-generate").assert_outcomes(passed=2)
    assert (pytester.path / "baseline_images" / "test_user" / "line.png").is_file()
    pytester.runpytest().assert_outcomes(passed=2)
    pytester.makepyfile(test_user=USER_SUITE.replace("WIDTH", "0.2"))
    result = pytester.runpytest()
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["*differs from its baseline*"])


def test_plugin_options_and_opt_out(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_user=USER_SUITE.replace("WIDTH", "1"))
    base = pytester.path / "elsewhere"
    args = ["--launchgeo-mpl-generate", f"--launchgeo-mpl-baseline-dir={base}"]
    pytester.runpytest(*args).assert_outcomes(passed=2)
    assert (base / "line.png").is_file()
    result = pytester.runpytest("-p", "no:launchgeo")
    result.assert_outcomes(errors=2)
    result.stdout.fnmatch_lines(["*fixture 'launchgeo_zones' not found*"])
