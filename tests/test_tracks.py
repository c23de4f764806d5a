"""Tests of ballistics.tracks: ground-track geometry, times along it, overflight detection."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import MultiLineString

import launchgeo
from launchgeo.ballistics.tracks import GroundTrack, ground_track, overflights
from launchgeo.ballistics.trajectory import fit_lofted_test, minimum_energy_trajectory
from launchgeo.errors import ValidationError
from launchgeo.geodesy.core import WGS84, destination, distance_km, inverse


class PolygonZones:
    """Stand-in for launchgeo.zones.Zones: labelled shapely polygons, first match wins."""

    def __init__(self, zones: list[tuple[str, Any]]) -> None:
        self.zones = zones
        for _, geom in zones:
            shapely.prepare(geom)
        self.calls = 0

    def classify(self, lon: Any, lat: Any) -> np.ndarray:
        self.calls += 1
        lon = np.asarray(lon, dtype=float)
        lat = np.asarray(lat, dtype=float)
        out = np.full(lon.shape, "high_seas", dtype=object)
        done = np.zeros(lon.shape, dtype=bool)
        for label, geom in self.zones:
            hit = ~done & shapely.contains_xy(geom, lon, lat)
            out[hit] = label
            done |= hit
        return out.astype(str)


def synthetic_island() -> PolygonZones:
    """A square island on the equator with a 0.2 deg territorial-sea ring (a stand-in, not law)."""
    land = shapely.box(1.0, -1.0, 2.0, 1.0)
    sea = shapely.box(0.8, -1.2, 2.2, 1.2)
    return PolygonZones([("XXX:land", land), ("XXX:territorial_sea", sea)])


@settings(max_examples=30, deadline=None)
@given(
    st.floats(-180.0, 179.9),
    st.floats(-80.0, 80.0),
    st.floats(0.0, 359.9),
    st.floats(10.0, 19000.0),
)
def test_track_length_and_vertices_on_geodesic(
    lon: float, lat: float, bearing: float, rng: float
) -> None:
    track = ground_track((lon, lat), bearing, rng)
    assert track.distance_km[0] == 0.0
    assert track.distance_km[-1] == pytest.approx(rng, abs=1e-6)
    assert np.all(np.diff(track.distance_km) > 0)
    # Every vertex is the geodesic point at its distance (direct problem from the origin)...
    lon2, lat2 = destination(lon, lat, bearing, track.distance_km)
    np.testing.assert_allclose(distance_km(lon2, lat2, track.lon, track.lat), 0.0, atol=1e-6)
    # ...and the end point is range_km away along the shortest path (under the antipodal limit).
    if rng < 19000.0:
        assert distance_km(lon, lat, track.lon[-1], track.lat[-1]) == pytest.approx(rng, abs=1e-3)
    assert np.all((track.lon >= -180) & (track.lon < 180))


def test_edges_within_tolerance() -> None:
    track = ground_track(launchgeo.get_site("Mupyong-ni"), 84.0, 4600.0, tolerance_m=50.0)
    d = track.distance_km
    ulon = np.unwrap(track.lon, period=360.0)
    for frac in (0.25, 0.5, 0.75):
        true_lon, true_lat = destination(
            track.origin_lon, track.origin_lat, track.bearing_deg, d[:-1] + frac * np.diff(d)
        )
        lin_lon = ulon[:-1] + frac * np.diff(ulon)
        lin_lat = track.lat[:-1] + frac * np.diff(track.lat)
        err_m = distance_km(true_lon, true_lat, lin_lon, lin_lat) * 1000.0
        assert err_m.max() <= 50.0 * 1.05
    # Tighter tolerance -> more vertices.
    assert ground_track((126.4, 40.6), 84.0, 4600.0, tolerance_m=5.0).lon.size > track.lon.size


def test_track_split_at_antimeridian() -> None:
    track = ground_track((170.0, 50.0), 90.0, 2000.0)
    geom = track.geometry
    assert isinstance(geom, MultiLineString)
    coords = np.concatenate([np.asarray(g.coords) for g in geom.geoms])
    assert coords[:, 0].min() >= -180.0 and coords[:, 0].max() <= 180.0
    first, second = geom.geoms
    assert first.coords[-1][0] == 180.0 and second.coords[0][0] == -180.0
    assert first.coords[-1][1] == pytest.approx(second.coords[0][1], abs=1e-9)
    # Geodesic length of the pieces adds up to the range within the edge tolerance.
    total = sum(WGS84.geometry_length(g) for g in geom.geoms) / 1000.0
    assert total == pytest.approx(2000.0, abs=0.1)


def test_track_over_pole() -> None:
    track = ground_track((10.0, 80.0), 0.0, 3000.0)
    assert isinstance(track.geometry, MultiLineString)
    assert max(c[1] for g in track.geometry.geoms for c in g.coords) == 90.0
    assert track.lon[-1] == pytest.approx(-170.0, abs=1e-6)


def test_lon_lat_order() -> None:
    """(lon, lat) everywhere: a track due north from (100, 0) keeps lon = 100."""
    track = ground_track((100.0, 0.0), 0.0, 1000.0)
    np.testing.assert_allclose(track.lon, 100.0, atol=1e-9)
    assert track.lat[-1] > 8.9
    site_track = ground_track(launchgeo.get_site("Sunan"), 0.0, 10.0)
    assert site_track.lon[0] == pytest.approx(125.67) and site_track.lat[0] == pytest.approx(
        39.22389
    )


def test_times_and_altitudes_along_track() -> None:
    arc = minimum_energy_trajectory(6.0)
    track = ground_track((126.0, 40.0), 80.0, arc.range_km, trajectory=arc)
    assert track.time_s is not None and track.altitude_km is not None
    assert track.time_s[0] == 0.0
    assert track.time_s[-1] == pytest.approx(arc.flight_time_s, rel=1e-9)
    assert np.all(np.diff(track.time_s) > 0)
    assert track.altitude_km.max() == pytest.approx(arc.apogee_km, rel=1e-4)
    # Symmetric arc: apogee at mid-range, half the flight time.
    assert track.time_at(arc.range_km / 2) == pytest.approx(arc.flight_time_s / 2, rel=1e-9)
    np.testing.assert_allclose(track.altitude_km[[0, -1]], 0.0, atol=1e-6)


def test_times_with_boost_start_at_launch() -> None:
    fit = fit_lofted_test(1000.0, 4600.0, boost=launchgeo.BoostModel(150.0))
    track = ground_track((126.4, 40.6), 84.0, 4600.0, trajectory=fit.test)
    assert track.time_s is not None
    assert track.time_s[0] == 0.0
    assert track.time_s[-1] == pytest.approx(fit.test.flight_time_s, rel=1e-6)
    assert np.all(np.diff(track.time_s) > 0)


def test_overflight_entry_exit_on_synthetic_island() -> None:
    zones = synthetic_island()
    arc = minimum_energy_trajectory(3.0)
    track = ground_track((0.0, 0.0), 90.0, arc.range_km, trajectory=arc)
    passes = overflights(track, zones)
    assert [p.label for p in passes] == [
        "XXX:territorial_sea",
        "XXX:land",
        "XXX:territorial_sea",
    ]
    sea_in, land, sea_out = passes
    # Along the equator the boundaries are the meridians 0.8, 1.0, 2.0, 2.2 (to ~10 m).
    tol_deg = 10.0 / 111_319.5 * 1.01
    assert sea_in.entry_lon == pytest.approx(0.8, abs=tol_deg)
    assert land.entry_lon == pytest.approx(1.0, abs=tol_deg)
    assert land.exit_lon == pytest.approx(2.0, abs=tol_deg)
    assert sea_out.exit_lon == pytest.approx(2.2, abs=tol_deg)
    assert land.states == "XXX" and land.kind == "land"
    assert land.exit_lat == pytest.approx(0.0, abs=1e-9)
    # Distances match positions, and times increase along the track.
    d, _, _ = inverse(0.0, 0.0, land.entry_lon, land.entry_lat)
    assert land.entry_distance_km == pytest.approx(d, abs=1e-6)
    assert land.entry_time_s is not None and land.exit_time_s is not None
    assert 0 < sea_in.entry_time_s < land.entry_time_s < land.exit_time_s < sea_out.exit_time_s  # type: ignore[operator]
    assert land.entry_altitude_km is not None and 0 < land.entry_altitude_km < arc.apogee_km
    # Without a trajectory, no times; with kinds=None the high seas are reported too.
    plain = overflights(ground_track((0.0, 0.0), 90.0, 500.0), zones, kinds=None)
    assert plain[0].label == "high_seas" and plain[0].entry_time_s is None
    assert [p.label for p in plain[1:4]] == [
        "XXX:territorial_sea",
        "XXX:land",
        "XXX:territorial_sea",
    ]


def test_track_starting_on_land_and_missing_the_island() -> None:
    zones = synthetic_island()
    (start,) = overflights(ground_track((1.5, 0.0), 0.0, 50.0), zones)[:1]
    assert start.label == "XXX:land" and start.entry_distance_km == 0.0
    assert overflights(ground_track((0.0, 5.0), 90.0, 800.0), zones) == ()


def test_overflight_across_antimeridian() -> None:
    island = shapely.box(-179.5, 49.0, -178.5, 51.0)
    zones = PolygonZones([("YYY:land", island)])
    track = ground_track((170.0, 50.0), 90.0, 2000.0)
    (p,) = overflights(track, zones)
    assert p.entry_lon == pytest.approx(-179.5, abs=1e-3)
    assert p.exit_lon == pytest.approx(-178.5, abs=1e-3)


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: ground_track((0.0, 0.0), 90.0, 0.0), "range_km must be within"),
        (lambda: ground_track((0.0, 0.0), 90.0, 30000.0), "range_km must be within"),
        (lambda: ground_track((0.0, 95.0), 90.0, 10.0), "lat must be within"),
        (lambda: ground_track((1.0, 2.0, 3.0), 90.0, 10.0), "center must be a LaunchSite"),
        (lambda: ground_track((0.0, 0.0), 90.0, 10.0, tolerance_m=0.0), "tolerance_m"),
        (
            lambda: ground_track(
                (0.0, 0.0), 90.0, 1000.0, trajectory=minimum_energy_trajectory(5.0)
            ),
            "differs from range_km",
        ),
        (
            lambda: ground_track(
                (0.0, 0.0), 90.0, 1000.0, trajectory=minimum_energy_trajectory([3.0, 3.0])
            ),
            "one flight",
        ),
        (lambda: overflights("track", synthetic_island()), "track must be a GroundTrack"),  # type: ignore[arg-type]
        (lambda: overflights(ground_track((0.0, 0.0), 90.0, 10.0), object()), "classify"),  # type: ignore[arg-type]
        (lambda: ground_track((0.0, 0.0), 90.0, 10.0).position(11.0), "distance_km must be within"),
        (lambda: ground_track((0.0, 0.0), 90.0, 10.0).time_at(1.0), "no trajectory"),
    ],
)
def test_bad_input(call: Any, match: str) -> None:
    with pytest.raises(ValidationError, match=match):
        call()


def test_geo_interface() -> None:
    track = ground_track((0.0, 0.0), 45.0, 100.0)
    gi = track.__geo_interface__
    assert gi["type"] == "Feature" and gi["geometry"]["type"] == "LineString"
    assert gi["properties"]["range_km"] == 100.0
    assert isinstance(track, GroundTrack)


def japan_from_eez(shared_dir: Path) -> PolygonZones:
    """Japan's land approximated by the holes of its EEZ polygon (validation stand-in only)."""
    import geopandas as gpd

    eez = shapely.union_all(
        gpd.read_file(shared_dir / "reference/eez/eez_jpn.geojson").geometry.values
    )
    filled = shapely.union_all([shapely.Polygon(p.exterior) for p in shapely.get_parts(eez)])
    return PolygonZones([("JPN:land", shapely.difference(filled, eez)), ("JPN:eez", eez)])


@pytest.mark.reference
def test_2022_10_04_overflies_aomori(shared_dir: Path) -> None:
    """Hwasong-12 from Mupyong-ni, 2022-10-04: Japan MoD says it passed over Aomori Prefecture."""
    zones = japan_from_eez(shared_dir)
    site = launchgeo.get_site("Mupyong-ni")
    bearing = launchgeo.azimuth_deg(site.lon, site.lat, 140.74, 40.82)  # toward Aomori city
    fit = fit_lofted_test(1000.0, 4600.0)
    track = ground_track(site, bearing, 4600.0, trajectory=fit.test)
    land = [p for p in overflights(track, zones) if p.kind == "land"]
    assert land, "the track should cross Honshu"
    first = land[0]
    # Entry on the Sea of Japan coast of Tsugaru/Aomori, exit on the Pacific side.
    assert 139.8 < first.entry_lon < 140.5 and 40.5 < first.entry_lat < 41.2
    assert 141.0 < land[-1].exit_lon < 141.8
    # Over Japan some 4-6 minutes after launch, several hundred km up.
    assert first.entry_time_s is not None and 180 < first.entry_time_s < 400
    assert first.entry_altitude_km is not None and 400 < first.entry_altitude_km < 1000


@pytest.mark.reference
@pytest.mark.parametrize(("range_km", "apogee_km"), [(2700.0, 550.0), (3700.0, 770.0)])
def test_2017_sunan_overflies_oshima_peninsula(
    shared_dir: Path, range_km: float, apogee_km: float
) -> None:
    """2017-08-29 and 2017-09-15 from Sunan over the Oshima Peninsula toward Cape Erimo."""
    zones = japan_from_eez(shared_dir)
    site = launchgeo.get_site("Sunan")
    bearing = launchgeo.azimuth_deg(site.lon, site.lat, 143.25, 41.93)  # toward Cape Erimo
    fit = fit_lofted_test(apogee_km, range_km)
    track = ground_track(site, bearing, range_km, trajectory=fit.test)
    land = [p for p in overflights(track, zones) if p.kind == "land"]
    assert land and 139.8 < land[0].entry_lon < 140.3 and 41.4 < land[0].entry_lat < 41.9
    assert land[0].entry_altitude_km is not None and land[0].entry_altitude_km > 400


@settings(max_examples=25, deadline=None)
@given(st.floats(-0.5, 0.5), st.floats(-0.5, 0.5), st.floats(75.0, 105.0))
def test_overflight_boundaries_bracket_label_changes(
    lon0: float, lat0: float, bearing: float
) -> None:
    """20 m before an entry the label differs, 20 m after it matches (and mirrored at exit)."""
    zones = synthetic_island()
    track = ground_track((lon0, lat0), bearing, 400.0)
    passes = overflights(track, zones)
    assert passes, "every track in this family crosses the island's sea"
    for p in passes:
        probe = np.array([p.entry_distance_km + 0.02, p.exit_distance_km - 0.02])
        lon, lat = track.position(probe)
        assert list(zones.classify(lon, lat)) == [p.label, p.label]
        outside = [
            d for d in (p.entry_distance_km - 0.02, p.exit_distance_km + 0.02) if 0 < d < 400
        ]
        if outside:
            lon, lat = track.position(np.array(outside))
            assert all(lab != p.label for lab in zones.classify(lon, lat))
