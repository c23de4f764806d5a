"""Coordinates as people write them, and distance units (issue 15)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pyproj import Transformer

import launchgeo
from launchgeo.coordinates import ACCEPTED_FORMS, parse_coordinates, parse_lat, parse_lon
from launchgeo.errors import CoordinateError, RangeError, UnknownSiteError, ValidationError
from launchgeo.units import Units, to_km

SUNAN_DMS = (125.0 + 40 / 60 + 12 / 3600, 39.0 + 13 / 60 + 26 / 3600)

ACCEPTED = [
    # decimal, signed, both orders with letters
    ("39.2239, 125.67", (125.67, 39.2239)),
    ("39.2239 125.67", (125.67, 39.2239)),
    ("39.2239;125.67", (125.67, 39.2239)),
    ("-33.87, 151.21", (151.21, -33.87)),
    ("39.2239N 125.67E", (125.67, 39.2239)),
    ("39.2239 N, 125.67 E", (125.67, 39.2239)),
    ("N39.2239 E125.67", (125.67, 39.2239)),
    ("125.67E, 39.2239N", (125.67, 39.2239)),
    ("E125.67 N39.2239", (125.67, 39.2239)),
    ("39.2239°N, 125.67°E", (125.67, 39.2239)),
    ("33.87s 151.21e", (151.21, -33.87)),
    ("33.87 S, 70.6 W", (-70.6, -33.87)),
    ("39.2239N, 125.67", (125.67, 39.2239)),  # one letter decides both
    # DMS with every mark style
    ("39°13'26\"N 125°40'12\"E", SUNAN_DMS),
    ("39°13′26″N 125°40′12″E", SUNAN_DMS),
    ("39°13’26”N 125°40’12”E", SUNAN_DMS),
    ("39º13'26''N 125º40'12''E", SUNAN_DMS),
    ("39d13m26sN 125d40m12sE", SUNAN_DMS),
    ("39d 13m 26s N, 125d 40m 12s E", SUNAN_DMS),
    ("39 13 26 N 125 40 12 E", SUNAN_DMS),
    ("N 39 13 26 E 125 40 12", SUNAN_DMS),
    ("39°13'26\" 125°40'12\"", SUNAN_DMS),  # marks, no letters: latitude first
    ("39 deg 13 min 26 sec N, 125 deg 40 min 12 sec E", SUNAN_DMS),
    ("39:13:26N 125:40:12E", SUNAN_DMS),
    ("北緯39度13分26秒 東経125度40分12秒", SUNAN_DMS),
    ("３９°１３'２６\"Ｎ １２５°４０'１２\"Ｅ", SUNAN_DMS),  # full-width digits and letters
    # DDM
    ("39°13.43'N 125°40.2'E", (125.67, 39.0 + 13.43 / 60)),
    ("N 39° 13.43', E 125° 40.2'", (125.67, 39.0 + 13.43 / 60)),
    # labels
    ("lat 39.2239, lon 125.67", (125.67, 39.2239)),
    ("lon=125.67 lat=39.2239", (125.67, 39.2239)),
    ("latitude: 39.2239, longitude: 125.67", (125.67, 39.2239)),
    # limits
    ("90N 179.5W", (-179.5, 90.0)),
    ("0 S 0 W", (0.0, 0.0)),
    ("45N 180E", (-180.0, 45.0)),  # 180 E is -180
]


@pytest.mark.parametrize(("text", "expected"), ACCEPTED)
def test_accepted_forms(text: str, expected: tuple[float, float]) -> None:
    lon, lat = parse_coordinates(text)
    assert lon == pytest.approx(expected[0], abs=1e-12)
    assert lat == pytest.approx(expected[1], abs=1e-12)
    assert math.copysign(1.0, lat) == math.copysign(1.0, expected[1]) or lat != 0


def test_no_negative_zero() -> None:
    assert str(parse_coordinates("0 S 0 W")) == "(0.0, 0.0)"


def test_ambiguous_text_is_latitude_first_unless_told() -> None:
    assert parse_coordinates("39, 125") == (125.0, 39.0)
    with pytest.raises(CoordinateError, match="read longitude first"):
        parse_coordinates("39, 125", order="lonlat")
    assert parse_coordinates("125, 39", order="lonlat") == (125.0, 39.0)
    assert parse_coordinates("10, 20", order="lonlat") == (10.0, 20.0)
    assert parse_coordinates("10, 20") == (20.0, 10.0)
    # letters always win over the order
    assert parse_coordinates("125E 39N", order="latlon") == (125.0, 39.0)


def test_a_first_number_that_cannot_be_a_latitude_is_refused_not_swapped() -> None:
    with pytest.raises(CoordinateError) as info:
        parse_coordinates("125.67, 39.22")
    msg = str(info.value)
    assert "'125.67, 39.22'" in msg
    assert "latitude first" in msg and "39.22N 125.67E" in msg
    assert "understood: latitude 125.67" in msg


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("39 13 26 125", "cannot tell where the first angle ends"),
        ("39N 40N", "two latitudes"),
        ("125E 126W", "two longitudes"),
        ("-39 N 125 E", "a sign and a hemisphere letter"),
        ("39 61 N 125 E", "minutes '61'"),
        ("39 13 60.5 N 125 E", "seconds '60.5'"),
        ("39.5 13 N, 125 E", "only the last"),
        ("39N", "found one angle"),
        ("39N 125E 3", "found 3 angles"),
        ("39, 125, 3", "more than one separator"),
        ("91N 125E", "outside [-90, 90]"),
        ("39N 181E", "outside [-180, 180]"),
        ("39 x 125", "unexpected 'x"),
        ("lat 39 N lon 125 S", "disagree"),
        ("51SVG", "latitude band"),
        ("51SZZ99", "MGRS"),
        ("", "empty"),
        ("   ", "empty"),
    ],
)
def test_bad_text_is_refused_with_what_was_understood(text: str, says: str) -> None:
    with pytest.raises(CoordinateError) as info:
        parse_coordinates(text)
    msg = str(info.value)
    assert says in msg
    if text.strip() and "band" not in says:
        assert repr(text) in msg and ACCEPTED_FORMS in msg


def test_understood_part_is_reported() -> None:
    with pytest.raises(CoordinateError, match=r"understood: latitude 39 N = 39\.000000"):
        parse_coordinates("39N 40N")
    with pytest.raises(CoordinateError, match="understood so far: 39"):
        parse_coordinates("39 @ 125")


@pytest.mark.parametrize("bad", [None, 39.2, b"39N 125E", ["39N", "125E"], "9" * 300])
def test_non_text_or_absurd_text_is_refused(bad: object) -> None:
    with pytest.raises(CoordinateError):
        parse_coordinates(bad)  # type: ignore[arg-type]


def test_bad_order_lists_the_valid_values() -> None:
    with pytest.raises(CoordinateError, match="'latlon', 'lonlat'"):
        parse_coordinates("39, 125", order="xy")


# -- MGRS: centres of grid squares, derived by hand from the MGRS letter scheme and checked with
# pyproj's UTM (independent of the mgrs package the parser uses).
@pytest.mark.parametrize(
    ("text", "epsg", "easting", "northing"),
    [
        # zone 38 (column set 2: J..R, M = 4), row B in an even zone (offset 5): 36th 100 km row
        ("38SMB4488", 32638, 444_500.0, 3_688_500.0),
        # zone 18 (set 3: S..Z, U = 3), row J in an even zone: 43rd row; 1 m precision
        ("18SUJ2348306479", 32618, 323_483.5, 4_306_479.5),
        # zone 51 (set 3, Y = 7), row D in an odd zone: 43rd row; Sunan airfield to the metre
        ("51SYD3048645019", 32651, 730_486.5, 4_345_019.5),
        ("51S YD 30486 45019", 32651, 730_486.5, 4_345_019.5),
        ("51syd3045", 32651, 730_500.0, 4_345_500.0),  # 1 km square: its centre
    ],
)
def test_mgrs_centres(text: str, epsg: int, easting: float, northing: float) -> None:
    lon, lat = parse_coordinates(text)
    e, n = Transformer.from_crs(4326, epsg, always_xy=True).transform(lon, lat)
    assert e == pytest.approx(easting, abs=0.01)
    assert n == pytest.approx(northing, abs=0.01)


def test_mgrs_is_sunan() -> None:
    lon, lat = parse_coordinates("51SYD3048645019")
    assert launchgeo.distance_km(lon, lat, 125.67, 39.22389) < 0.002


# -- one axis ---------------------------------------------------------------------------------
def test_parse_lon_and_lat() -> None:
    assert parse_lon("125°40'E") == pytest.approx(125 + 40 / 60)
    assert parse_lon("77d2m11.4sW") == pytest.approx(-77.0365)
    assert parse_lon("-77.0365") == -77.0365
    assert parse_lat("39°13'26\"N") == pytest.approx(SUNAN_DMS[1])
    assert parse_lat("33 52 S") == pytest.approx(-(33 + 52 / 60))
    with pytest.raises(CoordinateError, match="other axis"):
        parse_lon("39N")
    with pytest.raises(CoordinateError, match="other axis"):
        parse_lat("125E")
    with pytest.raises(CoordinateError, match="outside"):
        parse_lat("95")
    with pytest.raises(CoordinateError, match="2 parts"):
        parse_lat("39N 125E")


# -- round trip and fuzz ----------------------------------------------------------------------
def _dms(value: float, pos: str, neg: str) -> str:
    hemi = pos if value >= 0 else neg
    total = round(abs(value) * 360000)  # hundredths of a second
    d, rest = divmod(total, 360000)
    m, cs = divmod(rest, 6000)
    return f"{d}°{m:02d}'{cs / 100:05.2f}\"{hemi}"


@settings(max_examples=300, derandomize=True, deadline=None)
@given(
    lon=st.floats(-179.999, 179.999, allow_nan=False),
    lat=st.floats(-89.999, 89.999, allow_nan=False),
    lon_first=st.booleans(),
)
def test_dms_round_trip(lon: float, lat: float, lon_first: bool) -> None:
    a, b = _dms(lat, "N", "S"), _dms(lon, "E", "W")
    text = f"{b} {a}" if lon_first else f"{a}, {b}"
    got_lon, got_lat = parse_coordinates(text)
    assert got_lon == pytest.approx(lon, abs=0.01 / 3600 + 1e-12)
    assert got_lat == pytest.approx(lat, abs=0.01 / 3600 + 1e-12)


@settings(max_examples=1500, derandomize=True, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789.,;/ -+NSEWnsewdms°'\"′″ºlatonLgYZ:"))))
def test_any_text_gives_a_point_or_a_coordinate_error(text: str) -> None:
    try:
        lon, lat = parse_coordinates(text)
    except CoordinateError as exc:
        assert repr(text) in str(exc) or "empty" in str(exc)
    else:
        assert -180 <= lon < 180 and -90 <= lat <= 90


@settings(max_examples=800, derandomize=True, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789.,;/ -+NSEWnsewdms°'\"′″:")), max_size=16))
def test_any_text_gives_an_angle_or_a_coordinate_error(text: str) -> None:
    for parse, limit in ((parse_lon, 180.0), (parse_lat, 90.0)):
        try:
            value = parse(text)
        except CoordinateError as exc:
            assert "accepted forms" in str(exc) or "empty" in str(exc)
        else:
            assert -limit <= value <= limit


# -- centres everywhere -------------------------------------------------------------------------
def test_centres_accept_coordinate_text() -> None:
    ring = launchgeo.range_ring("39°13'26\"N 125°40'12\"E", 650)
    assert (ring.center_lon, ring.center_lat) == pytest.approx(SUNAN_DMS)
    a = launchgeo.range_ring("51SYD3048645019", 350)
    assert a.center_lat == pytest.approx(39.22389, abs=1e-5)


def test_site_names_still_win_and_unknown_names_stay_unknown() -> None:
    assert launchgeo.range_ring("Sunan", 100).site == "Pyongyang Sunan International Airport"
    with pytest.raises(UnknownSiteError):
        launchgeo.range_ring("Nowhere-ri", 100)
    with pytest.raises(CoordinateError, match="no launch-site name"):
        launchgeo.range_ring("Sunan 2", 100)


# -- units --------------------------------------------------------------------------------------
def test_units_convert_exactly() -> None:
    assert to_km(200, "nmi") == pytest.approx(370.4, abs=1e-12)
    assert to_km(1, Units.MI) == 1.609344
    assert to_km(100, "KM") == 100
    assert to_km(np.array([1.0, 2.0]), "nmi").tolist() == [1.852, 3.704]


def test_units_errors() -> None:
    with pytest.raises(ValidationError, match="'km', 'nmi', 'mi', got 'miles'"):
        to_km(5, "miles")
    with pytest.raises(RangeError, match=">= 0 nmi, got -5"):
        to_km(-5, "nmi")
    with pytest.raises(ValidationError, match="number of mi"):
        to_km(True, "mi")
    with pytest.raises(ValidationError, match="units must be one of"):
        launchgeo.range_ring("Sunan", 100, units="furlongs")


def test_ranges_in_nautical_miles_are_the_same_rings() -> None:
    a = launchgeo.range_ring("Sunan", 200, units="nmi")
    b = launchgeo.range_ring("Sunan", 370.4)
    assert a.range_km == pytest.approx(370.4) and a.geometry.equals_exact(b.geometry, 1e-9)
    band = launchgeo.range_band("Sunan", 100, 200, units="mi")
    assert (band.min_range_km, band.range_km) == pytest.approx((160.9344, 321.8688))
    fan = launchgeo.range_fan(
        "Sunan", 300, bearing_from_deg=45, bearing_to_deg=135, min_range_km=100, units="nmi"
    )
    assert (fan.min_range_km, fan.range_km) == pytest.approx((185.2, 555.6))
    gdf = launchgeo.radials("Sunan", 100, [90], units="mi")
    assert gdf["range_km"].iloc[0] == pytest.approx(160.9344)
    rings = launchgeo.range_rings("Sunan", [100, 200], units="nmi")
    assert rings["range_km"].tolist() == pytest.approx([185.2, 370.4])
    with pytest.raises(RangeError, match="nmi"):
        launchgeo.range_rings("Sunan", [100, -1], units="nmi")
