"""Launch assessment and report checks on synthetic zones with known answers."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

import launchgeo
from launchgeo.errors import RangeError, UnknownZoneError, ValidationError
from launchgeo.findings.assessment import assess_launch, compass_point, describe_label, min_range_to
from launchgeo.findings.events import assess_events
from launchgeo.findings.reports import check_report, rounding_halfwidth_km
from launchgeo.zones.core import Zones

SITE = (0.0, 0.0)


@pytest.fixture(scope="module")
def zones() -> Zones:
    """Zones made of geodesic fans around SITE, so the right answers are known exactly."""
    east = launchgeo.range_fan(SITE, 1000, bearing_from_deg=80, bearing_to_deg=100,
                               min_range_km=100, tolerance_m=1).geometry  # fmt: skip
    north = launchgeo.range_fan(SITE, 1000, bearing_from_deg=350, bearing_to_deg=10,
                                min_range_km=100, tolerance_m=1).geometry  # fmt: skip
    home = launchgeo.range_ring(SITE, 30, tolerance_m=1).geometry
    gdf = gpd.GeoDataFrame(
        {"label": ["JPN:eez", "KOR:eez", "PRK:land"]}, geometry=[east, north, home], crs=4326
    )
    return Zones.from_geodataframe(gdf, coverage_bbox=(-20, -20, 20, 20))


def test_arcs_follow_zone_boundaries(zones):
    a = assess_launch(SITE, 500, zones=zones, focus_state="JPN")
    assert set(a.arcs.columns) == {
        "zone",
        "bearing_from_deg",
        "bearing_to_deg",
        "length_km",
        "share",
    }
    assert a.bearings_in("JPN") == [pytest.approx((80, 100), abs=0.01)]
    # The KOR fan wraps through north: one interval 350 -> 10.
    assert a.bearings_in("KOR") == [pytest.approx((350, 10), abs=0.01)]
    assert a.arcs["share"].sum() == pytest.approx(1.0, abs=1e-6)
    jpn = a.arcs[a.arcs["zone"] == "JPN:eez"]
    assert float(jpn["share"].sum()) == pytest.approx(20 / 360, abs=2e-3)
    # A geodesic circle is shorter than 2 pi r on a curved surface: ~2 pi R sin(r / R).
    assert float(a.arcs["length_km"].sum()) == pytest.approx(
        2 * np.pi * 6371 * np.sin(500 / 6371), rel=5e-4
    )
    assert a.reaches("JPN") and not a.reaches("CHN")
    assert "JPN:eez" in a.reachable_zones and "PRK:land" in a.reachable_zones
    gdf = a.to_geodataframe()
    assert gdf.crs.to_epsg() == 4326 and len(gdf) == len(a.arcs)
    assert gdf.geometry.iloc[0].geom_type in {"LineString", "MultiLineString"}


def test_short_range_cannot_reach(zones):
    a = assess_launch(SITE, 50, zones=zones, focus_state="JPN")
    assert not a.reaches("JPN")
    assert "cannot reach Japan's EEZ on any bearing" in a.summary()
    assert "JPN:eez" not in a.reachable_zones


def test_summary_is_derived(zones):
    text = assess_launch(SITE, 500, zones=zones, focus_state="JPN").summary()
    assert "reaches Japan's EEZ only on bearings 80°–100° (toward the east)" in text
    assert "nearest point of Japan's EEZ" in text and "100 km away" in text


def test_with_bearing_gives_impact_and_signed_distance(zones):
    a = assess_launch(SITE, 500, zones=zones, bearing_deg=90, focus_state="JPN")
    assert a.impact_zone == "JPN:eez"
    lon, lat = launchgeo.destination(0, 0, 90, 500)
    assert (a.impact_lon, a.impact_lat) == pytest.approx((lon, lat))
    # Nearest boundary: the radials at 80 and 100 degrees, ~500 km * sin(10 deg) away.
    assert a.impact_eez_distance_km == pytest.approx(-86.6, abs=1.0)
    b = assess_launch(SITE, 500, zones=zones, bearing_deg=-90, focus_state="JPN")  # 270
    assert b.bearing_deg == 270 and b.impact_zone == "high_seas"
    assert b.impact_eez_distance_km > 0


def test_min_range_to(zones):
    m = min_range_to(SITE, "JPN:eez", zones=zones)
    assert m.range_km == pytest.approx(100.0, abs=0.05)
    assert 79.9 <= m.bearing_deg <= 100.1
    with pytest.raises(UnknownZoneError, match="CHN:eez"):
        min_range_to(SITE, "CHN:eez", zones=zones)


def test_check_report(zones):
    assert check_report(SITE, 500, "inside", zones=zones).consistent
    inside_short = check_report(SITE, 50, "inside", zones=zones)
    assert not inside_short.consistent and "beyond" in inside_short.reason
    out = check_report(SITE, 500, "outside", zones=zones)
    assert out.consistent and out.bearings == [pytest.approx((100, 80), abs=0.01)]  # wraps north
    with pytest.raises(ValidationError, match="statement must be one of"):
        check_report(SITE, 500, "maybe", zones=zones)


def test_assess_events_does_not_modify_input(zones):
    events = pd.DataFrame(
        {
            "site": [SITE, SITE, "Nowhere"],
            "range_km": [500, 50, 100],
            "statement": ["inside", "inside", "outside"],
        }
    )
    before = events.copy()
    res = assess_events(events, zones=zones)
    pd.testing.assert_frame_equal(events, before)
    assert res["consistent"].tolist() == [True, False, None]
    assert "does not resolve" in res["note"].iloc[2]


def test_bad_input(zones):
    with pytest.raises(RangeError):
        assess_launch(SITE, -1, zones=zones)
    with pytest.raises(RangeError, match="antipode"):
        assess_launch(SITE, 30_000, zones=zones)
    with pytest.raises(ValidationError, match="bearing_deg"):
        assess_launch(SITE, 500, zones=zones, bearing_deg=float("nan"))


def test_helpers():
    assert compass_point(359) == "north" and compass_point(100, points=16) == "E"
    assert describe_label("JPN:territorial_sea") == "Japan's territorial sea"
    assert rounding_halfwidth_km(650) == 25.0 and rounding_halfwidth_km(13000) == 50.0


def test_geometry_sanity_of_fixture(zones):
    assert shapely.get_num_geometries(zones.geometry("JPN:eez")) >= 1


def test_eez_union_is_computed_once_per_zones_object():
    """Regression: a warm assess_launch spent half its time re-unioning Japan's EEZ parts."""
    from launchgeo.findings import assessment

    zones = launchgeo.load_zones()
    labels = assessment._eez_labels(zones, "JPN")
    first = assessment._union(zones, labels)
    assert assessment._union(zones, labels) is first
    assert first.equals(shapely.union_all([zones.geometry(lab) for lab in labels]))

    class Wrapped:  # a duck-typed zones object may change: never cached
        def geometry(self, label):
            return zones.geometry(label)

    assert assessment._union(Wrapped(), labels) is not first


def test_nearest_out_of_reach_equals_measuring_every_candidate() -> None:
    """The bounded search (state boxes, early stop) gives what ranking every state by its
    rough distance and measuring the first 12 exactly gives, on the world zones."""
    from launchgeo.findings import assessment as a

    gdf = launchgeo.load_zones().to_geodataframe()
    rng = np.random.default_rng(11)
    for lon0, lat0, range_km in [(125.67, 39.22389, 650.0), (-120.57, 34.74, 8000.0)] + [
        (rng.uniform(-180, 180), rng.uniform(-75, 75), rng.choice([300.0, 1500.0, 5000.0]))
        for _ in range(6)
    ]:
        geoms = a._state_geoms(gdf, set())
        inside_km = 2 * 6371.0 * np.sin(range_km / (2 * 6371.0)) - 50.0
        rough = {st: a._rough_distance_km(lon0, lat0, geoms[st]) for st in geoms}
        ranked = sorted((st for st in geoms if rough[st] >= inside_km), key=rough.__getitem__)
        found = []
        for state in ranked[:12]:
            best = min((a._min_range(lon0, lat0, g, state) for g in geoms[state]),
                       key=lambda m: m.range_km)  # fmt: skip
            if best.range_km > range_km:
                found.append(best)
        expect = tuple(sorted(found, key=lambda m: m.range_km)[:3])
        assert a._nearest_out_of_reach(lon0, lat0, range_km, gdf, set()) == expect
        assert [st for st, _ in a._nearest_rough(lon0, lat0, geoms, inside_km, 12)] == ranked[:12]
