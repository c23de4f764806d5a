"""End-to-end findings on the embedded zone data: the Sunan 2023-09-13 pair, overflights."""

from __future__ import annotations

import pytest

import launchgeo


@pytest.fixture(scope="module")
def zones():
    return launchgeo.load_zones()


def test_sunan_350_km_cannot_reach_japan(zones):
    a = launchgeo.assess_launch("Sunan", 350, zones=zones, focus_state="JPN")
    assert not a.reaches("JPN")
    assert a.min_range_to_eez is not None and a.min_range_to_eez.range_km > 500
    assert "cannot reach Japan's EEZ on any bearing" in a.summary()


def test_sunan_650_km_reaches_japan_only_toward_the_south_east(zones):
    a = launchgeo.assess_launch("Sunan", 650, zones=zones, focus_state="JPN")
    intervals = a.bearings_in("JPN")
    assert intervals, "650 km from Sunan reaches Japan's EEZ on some bearing"
    for lo, hi in intervals:
        assert 90 <= lo <= hi <= 180, intervals  # only toward the (south-)east
    # Flights on those bearings cross South Korea first.
    assert any("KOR" in states for states in a.overflown.values())
    text = a.summary()
    assert "over South Korea" in text and "reaches Japan's EEZ only on bearings" in text


def test_min_range_to_japan_is_toward_tsushima(zones):
    m = launchgeo.min_range_to("Sunan", "JPN", zones=zones)
    assert 500 < m.range_km < 650
    assert 120 < m.bearing_deg < 160


def test_overflight_2022_10_04_over_aomori(zones):
    """Hwasong-12 from Mupyong-ni flew over Aomori Prefecture (Japan MoD)."""
    site = launchgeo.get_site("Mupyong-ni")
    bearing = launchgeo.azimuth_deg(site.lon, site.lat, 140.74, 40.82)  # toward Aomori city
    track = launchgeo.ground_track(site, bearing, 4600)
    land = [p for p in launchgeo.overflights(track, zones) if p.label == "JPN:land"]
    assert land, "the track crosses Japanese land"
    assert 139.5 < land[0].entry_lon < 141.5 and 40.0 < land[0].entry_lat < 41.6


def test_overflight_2017_08_29_over_hokkaido(zones):
    """Hwasong-12 from Sunan overflew the Oshima Peninsula and Cape Erimo (Japan MoD)."""
    sunan = launchgeo.get_site("Sunan")
    bearing = launchgeo.azimuth_deg(sunan.lon, sunan.lat, 143.25, 41.93)  # Cape Erimo
    track = launchgeo.ground_track(sunan, bearing, 2700)
    passes = launchgeo.overflights(track, zones)
    land = [p for p in passes if p.label == "JPN:land"]
    assert land and 139.8 < land[0].entry_lon < 140.6  # Oshima Peninsula
    # Over Japan's land or territorial sea at Cape Erimo (the geodesic grazes the cape).
    assert any(p.states == "JPN" and 142.5 < p.entry_lon < 143.3 for p in passes)
