"""Fuzz every public function with bad and edge values: the contract of docs/errors.md.

Each case names a public function, valid arguments, and for some of its arguments a strategy
of values to put there instead (bad ones: NaN, infinities, huge and tiny numbers, text, bool,
None, dates, sets, wrong shapes, control characters, lone surrogates, long text, objects;
and edge ones that must work). For every drawn call :func:`fuzz_contract.check_call` asserts
that only a ``LaunchgeoError`` escapes, that its message names the value, and that no argument
was modified. Valid inputs from :mod:`launchgeo.testing.strategies` must give a result.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import launchgeo
from fuzz_contract import (
    LONG,
    Opaque,
    any_value,
    centres_any,
    check_call,
    fuzz_settings,
    landmark_args,
    numbers,
    texts,
    zones_args,
)
from launchgeo.testing.strategies import centres, lonlat, ranges_km

Strategy = Callable[[], st.SearchStrategy[Any]]


def arrays() -> st.SearchStrategy[Any]:
    """Float arrays of any shape (NaN, infinities, empty, 2-D), as lists and numpy arrays."""
    arr = hnp.arrays(
        np.float64,
        hnp.array_shapes(min_dims=0, max_dims=2, min_side=0, max_side=4),
        elements=st.floats(allow_nan=True, allow_infinity=True),
    )
    return st.one_of(arr, arr.map(lambda a: a.tolist()), st.lists(numbers(), max_size=4))


def coords() -> st.SearchStrategy[Any]:
    return st.one_of(numbers(), arrays())


def states() -> st.SearchStrategy[Any]:
    return st.one_of(st.sampled_from(["JPN", "XXX", "jpn", "JP", "JPN:eez", "JPN/KOR"]),
                     texts(long=False))  # fmt: skip


@dataclass
class Case:
    """One public callable, valid arguments, and the arguments to fuzz with their values."""

    name: str
    fn: Callable[..., Any]
    base: dict[str, Any]
    slots: dict[str, Strategy]
    examples: int = 20
    args: tuple[Any, ...] = field(default=())

    def __str__(self) -> str:
        return self.name


def _zones() -> Any:
    return launchgeo.load_zones()


@functools.cache
def _small_zones() -> Any:
    """Zones of two boxes: the limit distances are fuzzed for their arguments, not the data."""
    land = shapely.box(135.0, 34.0, 140.0, 38.0)
    gdf = gpd.GeoDataFrame(
        {"label": ["JPN:land", "JPN:territorial_sea", "JPN:eez"]},
        geometry=[land, land.buffer(0.2).difference(land), shapely.box(130, 30, 145, 42)
                  .difference(land.buffer(0.2))],
        crs=4326,
    )  # fmt: skip
    return launchgeo.Zones.from_geodataframe(gdf, coverage_bbox=(120, 25, 150, 45))


def _track() -> Any:
    return launchgeo.ground_track("Sunan", 90.0, 650.0)


def _estimate() -> Any:
    return launchgeo.parse_impact_description("about 200 km west of Okushiri Island")


def _ring() -> Any:
    return launchgeo.range_ring("Sunan", 650)


def _method(obj: Callable[[], Any], name: str) -> Callable[..., Any]:
    def call(*args: Any, **kwargs: Any) -> Any:
        return getattr(obj(), name)(*args, **kwargs)

    call.__name__ = name
    return call


U = launchgeo.Uniform
LL = {"lon": 135.0, "lat": 38.0}
CASES = [
    # geodesy
    Case("destination", launchgeo.destination,
         {"lon": 125.67, "lat": 39.22, "azimuth_deg": 90.0, "distance_km": 300.0},
         {"lon": coords, "lat": coords, "azimuth_deg": coords, "distance_km": coords}, 40),
    Case("inverse", launchgeo.inverse, {"lon1": 125.67, "lat1": 39.22, "lon2": 139.0, "lat2": 42.0},
         {"lon1": coords, "lat1": coords, "lon2": coords, "lat2": coords}, 30),
    Case("distance_km", launchgeo.distance_km,
         {"lon1": 0.0, "lat1": 0.0, "lon2": 1.0, "lat2": 1.0}, {"lon1": coords, "lat2": coords}),
    Case("azimuth_deg", launchgeo.azimuth_deg,
         {"lon1": 0.0, "lat1": 0.0, "lon2": 1.0, "lat2": 1.0}, {"lon2": coords, "lat1": coords}),
    Case("range_ring", launchgeo.range_ring, {"center": "Sunan", "range_km": 650.0},
         {"center": centres_any, "range_km": numbers, "tolerance_m": numbers, "units": texts}, 30),
    Case("range_band", launchgeo.range_band, {"center": "Sunan", "min_km": 300.0, "max_km": 650.0},
         {"center": centres_any, "min_km": numbers, "max_km": numbers}, 20),
    Case("range_fan", launchgeo.range_fan,
         {"center": "Sunan", "range_km": 650.0, "bearing_from_deg": 60.0, "bearing_to_deg": 150.0},
         {"range_km": numbers, "bearing_from_deg": numbers, "bearing_to_deg": numbers,
          "min_range_km": numbers}, 20),
    Case("radials", launchgeo.radials, {"center": "Sunan", "range_km": 650.0},
         {"center": centres_any, "range_km": numbers, "bearings_deg": coords,
          "min_range_km": numbers}, 20),
    Case("range_rings", launchgeo.range_rings, {"center": "Sunan", "ranges_km": [350.0, 650.0]},
         {"ranges_km": coords, "center": centres_any}, 12),
    Case("RangeRing.contains", _method(_ring, "contains"), LL, {"lon": coords, "lat": coords}),
    Case("RangeRing.to_crs", _method(_ring, "to_crs"), {"crs": "EPSG:3857"},
         {"crs": any_value}, 8),
    Case("FastForward", launchgeo.FastForward,
         {"lon": 125.67, "lat": 39.22, "bearing_deg": (80.0, 100.0), "range_km": (300.0, 400.0)},
         {"lon": numbers, "lat": numbers, "bearing_deg": any_value, "range_km": any_value,
          "tolerance_m": numbers}, 12),
    # sites, coordinates, units
    Case("get_site", launchgeo.get_site, {"name": "Sunan"}, {"name": texts}, 30),
    Case("find_sites", launchgeo.find_sites, {"query": "sun"},
         {"query": texts, "country": texts, "kind": texts}, 20),
    Case("match_sites", launchgeo.match_sites, {"text": "Sunan"},
         {"text": texts, "country": texts, "kind": texts, "limit": numbers}, 20),
    Case("LaunchSite", launchgeo.LaunchSite, {"name": "x", "lon": 125.0, "lat": 39.0},
         {"name": texts, "lon": numbers, "lat": numbers, "uncertainty_km": numbers,
          "country": texts, "kind": texts}, 30),
    Case("resolve_reported_site", launchgeo.resolve_reported_site, {"text": "near Kusong"},
         {"text": texts, "country": texts}, 15),
    Case("parse_coordinates", launchgeo.parse_coordinates, {"text": "39.2N 125.6E"},
         {"text": texts, "order": texts}, 30),
    Case("parse_lon", launchgeo.parse_lon, {"text": "125°40'E"}, {"text": texts}, 20),
    Case("parse_lat", launchgeo.parse_lat, {"text": "39°13'N"}, {"text": texts}, 20),
    Case("to_km", launchgeo.to_km, {"value": 200.0, "units": "nmi"},
         {"value": coords, "units": texts}, 20),
    # zones
    Case("Zones.classify", _method(_small_zones, "classify"), LL,
         {"lon": coords, "lat": coords}, 30),
    Case("Zones.classify_codes", _method(_small_zones, "classify_codes"), LL,
         {"lon": coords, "lat": coords}),
    Case("Zones.in_eez", _method(_small_zones, "in_eez"), {**LL, "state": "JPN"},
         {"lon": coords, "lat": coords, "state": states}),
    Case("Zones.signed_distance_km", _method(_small_zones, "signed_distance_km"),
         {**LL, "label": "JPN:eez"}, {"lon": coords, "label": texts}, 10),
    Case("Zones.geometry", _method(_small_zones, "geometry"), {"label": "JPN:eez"},
         {"label": texts}),
    Case("distance_to_eez_limit_km", launchgeo.distance_to_eez_limit_km,
         {**LL, "state": "JPN", "zones": None},
         {"lon": coords, "lat": coords, "state": states, "zones": zones_args}, 10),
    Case("distance_to_limit_km", launchgeo.distance_to_limit_km,
         {**LL, "state": "JPN", "limit": "coast", "zones": None},
         {"limit": texts, "state": states}, 10),
    Case("distance_to_coast_km", launchgeo.distance_to_coast_km,
         {**LL, "state": "JPN", "zones": None}, {"lon": coords, "state": states}, 6),
    Case("distance_to_territorial_sea_limit_km", launchgeo.distance_to_territorial_sea_limit_km,
         {**LL, "state": "JPN", "zones": None}, {"lat": coords, "disputed": any_value}, 6),
    Case("limit_line", launchgeo.limit_line, {"state": "JPN", "zones": None},
         {"state": states, "limit": texts, "zones": zones_args}, 8),
    Case("load_zones", launchgeo.load_zones, {"path": None},
         {"path": any_value, "land": any_value, "coverage_bbox": any_value}, 15),
    # findings
    Case("assess_launch", launchgeo.assess_launch, {"center": "Sunan", "range_km": 650.0},
         {"center": centres_any, "range_km": coords, "bearing_deg": coords,
          "focus_state": states, "zones": zones_args, "units": texts}, 10),
    Case("min_range_to", launchgeo.min_range_to, {"center": "Sunan", "zone": "JPN"},
         {"center": centres_any, "zone": states, "zones": zones_args}, 12),
    Case("check_report", launchgeo.check_report,
         {"site": "Sunan", "range_km": 650.0, "statement": "outside"},
         {"range_km": numbers, "statement": texts, "description": texts, "eez_state": states,
          "range_tolerance_km": numbers, "zones": zones_args}, 8),
    Case("parse_impact_description", launchgeo.parse_impact_description,
         {"text": "about 200 km west of Okushiri Island"},
         {"text": texts, "landmarks": landmark_args, "bearing_precision": texts}, 30),
    Case("parse_impact_text", launchgeo.parse_impact_text,
         {"text": "about 200 km west of Okushiri Island"},
         {"text": texts, "landmarks": landmark_args}, 20),
    Case("find_impact_descriptions", launchgeo.find_impact_descriptions,
         {"text": "about 200 km west of Okushiri Island", "skip_unknown": True},
         {"text": texts, "landmarks": landmark_args}, 15),
    Case("describe_point", launchgeo.describe_point, {"lon": 137.0, "lat": 40.3},
         {"lon": numbers, "lat": numbers, "landmarks": landmark_args}, 20),
    Case("get_landmark", launchgeo.get_landmark, {"name": "Okushiri Island"},
         {"name": texts, "landmarks": landmark_args}, 15),
    Case("ImpactEstimate.widened_region", _method(_estimate, "widened_region"),
         {"margin_km": 10.0}, {"margin_km": numbers}, 10),
    Case("ImpactEstimate.contains", _method(_estimate, "contains"), LL,
         {"lon": coords, "lat": coords}),
    Case("summarize_events", launchgeo.summarize_events,
         {"result": pd.DataFrame({"a": [1]})}, {"result": any_value}, 10),
    # ballistics
    Case("minimum_energy_range_km", launchgeo.minimum_energy_range_km,
         {"burnout_speed_km_s": 4.0}, {"burnout_speed_km_s": coords,
                                       "burnout_altitude_km": coords}, 25),
    Case("minimum_energy_speed_km_s", launchgeo.minimum_energy_speed_km_s, {"range_km": 1000.0},
         {"range_km": coords, "burnout_altitude_km": coords}, 20),
    Case("minimum_energy_trajectory", launchgeo.minimum_energy_trajectory,
         {"burnout_speed_km_s": 4.0}, {"burnout_speed_km_s": coords}, 15),
    Case("ballistic_arc", launchgeo.ballistic_arc,
         {"burnout_speed_km_s": 4.0, "flight_path_angle_deg": 40.0},
         {"burnout_speed_km_s": coords, "flight_path_angle_deg": coords,
          "burnout_altitude_km": coords}, 20),
    Case("equivalent_max_range_km", launchgeo.equivalent_max_range_km,
         {"apogee_km": 6000.0, "range_km": 1000.0},
         {"apogee_km": coords, "range_km": coords, "flight_time_s": coords,
          "at_antipode": texts, "boost": any_value}, 15),
    Case("fit_lofted_test", launchgeo.fit_lofted_test, {"apogee_km": 6000.0, "range_km": 1000.0},
         {"apogee_km": numbers, "range_km": numbers, "flight_time_s": numbers,
          "rotation": any_value}, 8),
    Case("BoostModel", launchgeo.BoostModel, {"burn_time_s": 60.0},
         {"burn_time_s": numbers, "exhaust_speed_km_s": numbers, "vertical_rise_s": numbers}),
    Case("RotatingEarth", launchgeo.RotatingEarth, {"site": (125.67, 39.22), "bearing_deg": 90.0},
         {"site": centres_any, "bearing_deg": numbers}),
    Case("ground_track", launchgeo.ground_track,
         {"center": "Sunan", "bearing_deg": 90.0, "range_km": 650.0},
         {"center": centres_any, "bearing_deg": numbers, "range_km": numbers,
          "tolerance_m": numbers, "trajectory": any_value}, 20),
    Case("overflights", launchgeo.overflights, {"track": None, "zones": None},
         {"track": any_value, "zones": zones_args, "sample_km": numbers, "tolerance_m": numbers,
          "kinds": any_value}, 10),
    # probability
    Case("impact_probability", launchgeo.impact_probability,
         {"center": "Sunan", "range_km": U(325.0, 375.0), "bearing_deg": U(80.0, 100.0),
          "n": 2000, "seed": 1},
         {"center": centres_any, "range_km": any_value, "bearing_deg": any_value,
          "n": numbers, "seed": any_value, "site_sigma_km": numbers, "engine": texts,
          "chunk_size": numbers, "zones": zones_args, "tolerance_m": numbers}, 20),
    Case("impact_probability_from_statement", launchgeo.impact_probability_from_statement,
         {"estimate": None, "n": 2000, "seed": 1},
         {"estimate": any_value, "n": numbers, "zones": zones_args}, 8),
    Case("Normal", launchgeo.Normal, {"mean": 350.0, "sigma": 10.0},
         {"mean": numbers, "sigma": numbers}),
    Case("Uniform", launchgeo.Uniform, {"low": 325.0, "high": 375.0},
         {"low": numbers, "high": numbers}),
]


def _fill(case: Case) -> dict[str, Any]:
    """The case's base arguments with launchgeo objects made now (not at import)."""
    base = dict(case.base)
    if "zones" in base and base["zones"] is None and case.name != "overflights":
        base["zones"] = _small_zones()
    if case.name == "overflights":
        base = {"track": _track(), "zones": _zones()}
    if case.name == "impact_probability_from_statement":
        base["estimate"] = _estimate()
    return base


@pytest.mark.parametrize("case", CASES, ids=str)
def test_bad_arguments_raise_named_launchgeo_errors(case: Case) -> None:
    """Any value in any fuzzed argument: a result, or a LaunchgeoError naming it."""
    base = _fill(case)
    check_call(case.fn, base)  # the base call is valid

    @fuzz_settings(case.examples)
    @given(data=st.data())
    def run(data: st.DataObject) -> None:
        slot = data.draw(st.sampled_from(sorted(case.slots)), label="argument")
        value = data.draw(case.slots[slot](), label=slot)
        check_call(case.fn, {**base, slot: value}, bad=[slot])

    run()


def test_every_public_function_is_fuzzed() -> None:
    """The table covers every public callable (classes that validate included)."""
    fuzzed = {c.name.split(".")[0] for c in CASES}
    elsewhere = {  # fuzzed in test_fuzz_files.py / test_fuzz_cli.py, or no arguments to fuzz
        "export", "to_csv", "to_flatgeobuf", "to_geojson", "to_geopackage", "to_html", "to_kml",
        "to_kmz", "assess_events", "load_sites", "load_landmarks", "load_gazetteer",
        "maximum_range_toward",
    }  # fmt: skip
    data_classes = {
        "AxisOrder", "BallisticArc", "BearingPrecision", "CheckStatus", "EventsSummary",
        "FlightReading", "GroundTrack", "ImpactEstimate", "ImpactProbability", "ImpactReading",
        "ImpactText", "Landmark", "LaunchAssessment", "Limit", "LoftedFit", "MinRange",
        "ReportCheck", "ReportedSite", "SiteKind", "SiteMatch", "StateReach", "Statement",
        "Units", "ZoneClassifier", "ZonePass", "ZonesInfo",
    }  # fmt: skip
    public = {n for n in launchgeo.__all__ if callable(getattr(launchgeo, n))}
    missing = public - fuzzed - elsewhere - data_classes
    assert not missing, f"public callables without a fuzz case: {sorted(missing)}"


# -- valid input from launchgeo.testing: always an answer ----------------------------------------


@fuzz_settings(25)
@given(start=lonlat(), end=lonlat())
def test_geodesics_anywhere(start: tuple[float, float], end: tuple[float, float]) -> None:
    d, az, back = launchgeo.inverse(*start, *end)
    assert 0.0 <= d <= 20_003.94 and 0.0 <= az < 360.0 and 0.0 <= back < 360.0
    lon, lat = launchgeo.destination(*start, az, d)
    assert -180.0 <= lon < 180.0 and -90.0 <= lat <= 90.0


@fuzz_settings(12)
@given(centre=centres(), range_km=ranges_km())
def test_rings_anywhere(centre: tuple[float, float], range_km: float) -> None:
    ring, error = check_call(launchgeo.range_ring, {"center": centre, "range_km": range_km})
    assert error is None
    assert ring.geometry.is_valid and shapely.get_num_geometries(ring.geometry) >= 1


@fuzz_settings(15)
@given(point=lonlat())
def test_classify_anywhere(point: tuple[float, float]) -> None:
    zones = launchgeo.load_zones()
    label = zones.classify(*point)
    assert label in zones.vocabulary


@fuzz_settings(6)
@given(centre=centres(include_poles=False), range_km=ranges_km(min_km=1.0, max_km=19_000.0))
def test_assessment_anywhere(centre: tuple[float, float], range_km: float) -> None:
    a, error = check_call(launchgeo.assess_launch, {"center": centre, "range_km": range_km})
    assert error is None and a.summary()


@fuzz_settings(10)
@given(point=lonlat(min_lat=-80.0, max_lat=80.0))
def test_described_points_parse_back(point: tuple[float, float]) -> None:
    """describe_point writes only what parse_impact_description reads (issue 17, item 11)."""
    text = launchgeo.describe_point(*point)
    est = launchgeo.parse_impact_description(text)
    assert est.contains(*point) or est.distance_km >= 900  # coarse far away: the rounding


@pytest.mark.slow
@pytest.mark.skipif(not LONG, reason="the long fuzz profile: LAUNCHGEO_FUZZ=long pytest -m slow")
def test_long_profile_is_on() -> None:
    """Marks a long run in the report: every test above drew 20 times as many examples."""
    assert LONG


def test_opaque_objects_name_their_type() -> None:
    """The checker itself: a message naming the type counts as naming the value."""
    from fuzz_contract import names_value

    assert names_value("got Opaque <Opaque object>", Opaque())
    assert not names_value("lon must be finite", "abc")
