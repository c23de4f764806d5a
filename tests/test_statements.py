"""Tests for launchgeo.findings.statements: Japan's impact statements, both ways."""

from __future__ import annotations

import csv
import dataclasses
import math
from collections import Counter
from pathlib import Path

import numpy as np
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import MultiPolygon, Point, Polygon

import launchgeo
from launchgeo.errors import (
    CoordinateError,
    ParseError,
    RangeError,
    UnknownLandmarkError,
    ValidationError,
)
from launchgeo.findings.landmarks import Landmark, _key, get_landmark, load_landmarks
from launchgeo.findings.statements import (
    BearingPrecision,
    ImpactEstimate,
    _halfwidth,
    describe_point,
    find_impact_descriptions,
    parse_impact_description,
)
from launchgeo.geodesy.core import destination, inverse

ABBREV = ["N", "NNE", "NE", "ENE", "E", "ESE", "SE", "SSE",
          "S", "SSW", "SW", "WSW", "W", "WNW", "NW", "NNW"]  # fmt: skip
WORDS = ["north", "north-northeast", "northeast", "east-northeast", "east", "east-southeast",
         "southeast", "south-southeast", "south", "south-southwest", "southwest",
         "west-southwest", "west", "west-northwest", "northwest", "north-northwest"]  # fmt: skip


def _angle_diff(a: float, b: float) -> float:
    return abs((a - b + 180.0) % 360.0 - 180.0)


# ----------------------------------------------------------------- the example forms

# text, landmark, distance_km, min, max, bearing, bearing_min, bearing_max
EXAMPLES = [
    ("about 200 km west of Okushiri Island", "Okushiri Island", 200, 175, 225, 270, 258.75, 281.25),
    ("approximately 250 km north-northwest of Hegura-jima", "Hegura-jima", 250, 225, 275,
     337.5, 326.25, 348.75),
    ("some 300 km north of Dogo in the Oki Islands", "Dogo", 300, 275, 325, 0, 348.75, 11.25),
    ("~350 km N of Dogo (Oki Islands, Shimane)", "Dogo", 350, 325, 375, 0, 348.75, 11.25),
    ("about 200-250 km west of Okushiri Island", "Okushiri Island", 225, 175, 275,
     270, 258.75, 281.25),
    ("about 250 km west of the Oga Peninsula, Akita Pref., inside Japan's EEZ", "Oga Peninsula",
     250, 225, 275, 270, 258.75, 281.25),
    ("~250 km west of Aomori Prefecture", "Aomori Prefecture", 250, 225, 275, 270, 258.75, 281.25),
    ("fell ~04:11 about 250 km west of Aomori Prefecture, inside EEZ", "Aomori Prefecture",
     250, 225, 275, 270, 258.75, 281.25),
    ("about 150 km NW of Okushiri Island", "Okushiri Island", 150, 125, 175, 315, 303.75, 326.25),
    ("~1,180 km E of Cape Erimo", "Cape Erimo", 1180, 1175, 1185, 90, 78.75, 101.25),
    ("~2,200 km E of Cape Erimo", "Cape Erimo", 2200, 2150, 2250, 90, 78.75, 101.25),
    ("ABOUT 210 KM SOUTH-SOUTHEAST FROM CAPE NOSAPPU", "Cape Nosappu", 210, 205, 215,
     157.5, 146.25, 168.75),
    ("about 100 km to the north of Tsushima", "Tsushima", 100, 75, 125, 0, 348.75, 11.25),
    ("120 km due west of Sado", "Sado Island", 120, 115, 125, 270, 258.75, 281.25),
    ("about 200 km west off the coast of Akita", "Akita Prefecture", 200, 175, 225, 270, 258.75,
     281.25),
    ("about 50 km northwest off Cape Tappi", "Cape Tappi", 50, 25, 75, 315, 303.75, 326.25),
    ("舳倉島の北北西およそ250キロ", "Hegura-jima", 250, 225, 275, 337.5, 326.25, 348.75),
    ("北海道渡島大島の西方約２００ｋｍ", "Oshima-Oshima", 200, 175, 225, 270, 258.75, 281.25),
    ("積丹半島の西約200km", "Shakotan Peninsula", 200, 175, 225, 270, 258.75, 281.25),
]  # fmt: skip


@pytest.mark.parametrize(("text", "name", "dist", "dmin", "dmax", "brg", "bmin", "bmax"), EXAMPLES)
def test_parse_example_forms(text, name, dist, dmin, dmax, brg, bmin, bmax):
    est = parse_impact_description(text)
    assert isinstance(est, ImpactEstimate)
    assert est.landmark.name == name
    assert est.distance_km == pytest.approx(dist)
    assert (est.distance_min_km, est.distance_max_km) == pytest.approx((dmin, dmax))
    assert (est.bearing_deg, est.bearing_min_deg, est.bearing_max_deg) == pytest.approx(
        (brg, bmin, bmax)
    )
    assert est.text in unicodedata_nfkc(text)


def unicodedata_nfkc(text: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFKC", text)


@pytest.mark.parametrize(("text", "name", "dist", "dmin", "dmax", "brg", "bmin", "bmax"), EXAMPLES)
def test_point_is_at_stated_distance_and_bearing(text, name, dist, dmin, dmax, brg, bmin, bmax):
    est = parse_impact_description(text)
    d, az, _ = inverse(est.landmark.lon, est.landmark.lat, est.lon, est.lat)
    assert abs(d - dist) < 1e-3  # 1 m
    assert _angle_diff(az, brg) < 1e-7


def test_units_nautical_miles_and_miles():
    nm = parse_impact_description("about 150 nautical miles north of Okushiri Island")
    assert nm.unit == "nmi"
    assert nm.distance_km == pytest.approx(150 * 1.852)
    assert (nm.distance_min_km, nm.distance_max_km) == pytest.approx((125 * 1.852, 175 * 1.852))
    for form in ("150 nm", "150 nmi", "150 NM", "150 nautical mile"):
        est = parse_impact_description(f"about {form} north of Okushiri Island")
        assert est.distance_km == pytest.approx(nm.distance_km)
    mi = parse_impact_description("~103 mi NW of Okushiri Island")
    assert mi.unit == "mi"
    assert (mi.distance_min_km, mi.distance_max_km) == pytest.approx(
        (102.5 * 1.609344, 103.5 * 1.609344)
    )


@pytest.mark.parametrize("i", range(16))
def test_all_sixteen_points_written_and_abbreviated(i):
    expected = i * 22.5
    for word in (WORDS[i], ABBREV[i], WORDS[i].upper(), WORDS[i].replace("-", " "),
                 ABBREV[i].lower()):  # fmt: skip
        est = parse_impact_description(f"about 200 km {word} of Sado Island")
        assert est.bearing_deg == expected, word
        assert est.compass_point == WORDS[i]


@pytest.mark.parametrize(
    ("figure", "half"),
    [("250", 25), ("200", 25), ("300", 25), ("100", 25), ("210", 5), ("280", 5), ("2,200", 50),
     ("1,000", 50), ("1,180", 5), ("1,150", 25), ("105", 2.5), ("7", 0.5), ("12.5", 0.05),
     ("103", 0.5)],
)  # fmt: skip
def test_rounding_model(figure, half):
    assert _halfwidth(figure) == half


def test_bearing_precision_word_widens_coarse_directions():
    def width(text: str) -> float:
        est = parse_impact_description(text, bearing_precision="word")
        return (est.bearing_max_deg - est.bearing_min_deg) % 360.0

    assert width("about 200 km west of Sado") == 90.0
    assert width("about 200 km northwest of Sado") == 45.0
    assert width("about 200 km NNW of Sado") == 22.5
    default = parse_impact_description("about 200 km west of Sado")
    assert (default.bearing_max_deg - default.bearing_min_deg) == 22.5
    assert BearingPrecision("word") is BearingPrecision.WORD
    with pytest.raises(ValidationError, match=r"'16-point', 'word'.*'8-point'"):
        parse_impact_description("about 200 km west of Sado", bearing_precision="8-point")


def test_no_bearing_gives_full_annulus():
    est = parse_impact_description("about 300 km from the Oki Islands (Shimane)")
    assert est.bearing_deg is est.lon is est.lat is None
    assert isinstance(est.region, Polygon)
    assert len(est.region.interiors) == 1
    lm = est.landmark
    for az in (0.0, 123.0, 250.0):
        inside = destination(lm.lon, lm.lat, az, 300.0)
        assert est.region.contains(Point(inside))
        assert est.contains(*inside)
        assert not est.contains(*destination(lm.lon, lm.lat, az, 270.0))
        assert not est.region.contains(Point(destination(lm.lon, lm.lat, az, 200.0)))


def test_lon_lat_order_not_swapped():
    est = parse_impact_description("about 100 km east of Cape Erimo")
    assert est.lon > est.landmark.lon + 1.0
    assert abs(est.lat - est.landmark.lat) < 0.1
    coords = np.asarray(est.region.exterior.coords)
    assert coords[:, 0].min() > 143.0 and coords[:, 1].max() < 43.0  # (lon, lat) columns
    geo = est.__geo_interface__
    assert geo["geometry"]["coordinates"][0][0][0] > 140.0


# ----------------------------------------------------------------- region geometry


@pytest.mark.parametrize("text", [e[0] for e in EXAMPLES])
def test_region_has_geodesic_extents(text):
    est = parse_impact_description(text)
    region = est.region
    assert region.is_valid and region.contains(Point(est.lon, est.lat))
    assert region.exterior.is_ccw
    lm = est.landmark
    xy = np.asarray(region.exterior.coords)
    d, az, _ = inverse(lm.lon, lm.lat, xy[:, 0], xy[:, 1])
    assert d.min() == pytest.approx(est.distance_min_km, abs=1e-3)
    assert d.max() == pytest.approx(est.distance_max_km, abs=1e-3)
    offsets = (az - est.bearing_min_deg) % 360.0
    offsets[offsets > 359.999] = 0.0
    width = (est.bearing_max_deg - est.bearing_min_deg) % 360.0
    assert offsets.min() == pytest.approx(0.0, abs=1e-6)
    assert offsets.max() == pytest.approx(width, abs=1e-6)


def test_region_edges_follow_the_geodesic_boundary():
    """Straight lon/lat edges stray from the true arcs by < 100 m even at 2,250 km."""
    est = parse_impact_description("~2,200 km E of Cape Erimo")
    lm = est.landmark
    az = np.linspace(est.bearing_min_deg, est.bearing_max_deg, 2001)
    for dist in (est.distance_min_km, est.distance_max_km):
        lon, lat = destination(lm.lon, lm.lat, az, dist)
        gap_deg = shapely.distance(est.region.exterior, shapely.points(lon, lat))
        assert gap_deg.max() * 111.32 < 0.1


def test_contains_agrees_with_region_away_from_boundary():
    est = parse_impact_description("about 250 km north-northwest of Hegura-jima")
    rng = np.random.default_rng(4)
    lon = rng.uniform(134.0, 138.0, 4000)
    lat = rng.uniform(38.5, 41.0, 4000)
    exact = est.contains(lon, lat)
    poly = shapely.contains_xy(est.region, lon, lat)
    d, az, _ = inverse(est.landmark.lon, est.landmark.lat, lon, lat)
    near = (
        (np.abs(d - est.distance_min_km) < 0.2)
        | (np.abs(d - est.distance_max_km) < 0.2)
        | (np.minimum(np.abs(az - est.bearing_min_deg), np.abs(az - est.bearing_max_deg)) < 0.01)
    )
    assert exact.sum() > 100
    assert np.array_equal(exact[~near], poly[~near])


def test_wrap_through_north():
    est = parse_impact_description("about 300 km north of Dogo")
    lm = est.landmark
    for az, expected in ((355.0, True), (5.0, True), (11.0, True), (15.0, False), (345.0, False)):
        pt = destination(lm.lon, lm.lat, az, 300.0)
        assert est.contains(*pt) is expected
        assert est.region.contains(Point(pt)) is expected


def test_antimeridian_region_is_split():
    lm = Landmark("Test point", lon=179.6, lat=0.0)
    est = parse_impact_description("about 50 km east of Test point", landmarks=[lm])
    assert isinstance(est.region, MultiPolygon)
    minx, _, maxx, _ = est.region.bounds
    assert minx >= -180.0 and maxx <= 180.0
    assert est.lon < -179.0 and est.region.contains(Point(est.lon, est.lat))
    assert est.region.contains(Point(179.9, 0.0)) and est.contains(179.9, 0.0)
    assert all(p.exterior.is_ccw for p in est.region.geoms)


def test_region_over_a_pole_includes_it():
    """A statement region that crosses the North Pole is valid and contains the pole."""
    lm = Landmark("Polar", lon=0.0, lat=88.0)
    est = parse_impact_description("about 200 km north of Polar", landmarks=[lm])  # pole: 223 km
    assert est.region.is_valid and est.region.covers(Point(0.0, 90.0))
    assert est.contains(est.lon, est.lat)


def test_widened_region_adds_landmark_uncertainty():
    est = parse_impact_description("about 250 km west of Aomori Prefecture")
    wide = est.widened_region()
    assert wide.contains(est.region)
    lm = est.landmark
    # 90 km beyond the outer arc is inside a 100 km margin, 120 km is not
    assert wide.contains(Point(destination(lm.lon, lm.lat, 270.0, 275.0 + 90.0)))
    assert not wide.contains(Point(destination(lm.lon, lm.lat, 270.0, 275.0 + 120.0)))
    assert est.widened_region(0) is est.region
    with pytest.raises(RangeError):
        est.widened_region(-1.0)


def test_direct_construction_computes_point_and_region():
    oga = get_landmark("Oga Peninsula")
    est = ImpactEstimate("custom", oga, 250.0, 225.0, 275.0, 270.0, 258.75, 281.25)
    ref = parse_impact_description("about 250 km west of the Oga Peninsula")
    assert (est.lon, est.lat) == (ref.lon, ref.lat)
    assert est.region.equals(ref.region)


@pytest.mark.parametrize(
    ("args", "exc", "match"),
    [
        ((300.0, 225.0, 275.0, None, None, None), RangeError, "must lie within"),
        ((-1.0, -2.0, 275.0, None, None, None), RangeError, "distance_km must be"),
        ((250.0, 225.0, 275.0, 270.0, None, None), ValidationError, "all be set or all None"),
        ((250.0, 225.0, 275.0, 90.0, 258.75, 281.25), ValidationError, "bearing_deg 90.0"),
    ],
)
def test_direct_construction_validates(args, exc, match):
    with pytest.raises(exc, match=match):
        ImpactEstimate("custom", get_landmark("Oga"), *args)


def test_reversed_range_is_a_parse_error():
    with pytest.raises(ParseError, match="runs backwards"):
        parse_impact_description("about 250-200 km west of Okushiri Island")


def test_estimate_is_frozen():
    est = parse_impact_description("about 200 km west of Okushiri Island")
    with pytest.raises(dataclasses.FrozenInstanceError):
        est.lon = 0.0  # type: ignore[misc]


# ----------------------------------------------------------------- several statements


@pytest.mark.parametrize(
    "text",
    [
        "about 150 km NW of Okushiri Island / ~200 km W of Shakotan Peninsula (Hokkaido)",
        "about 300 km from the Oki Islands (Shimane) and ~500 km from Sado Island (Niigata)",
        "MoD day-1: 300-350 km W of Oga Peninsula (Akita); revised: 200-450 km N of Noto Peninsula",
    ],
)
def test_two_references_for_one_impact_are_consistent(text):
    """Japan's double references (2017-07-28, 2017-05-29, 2017-03-06) describe one area."""
    first, second = find_impact_descriptions(text)[:2]
    assert first.landmark != second.landmark
    assert first.region.intersects(second.region)


def test_find_skips_unknown_only_when_asked():
    text = "~350 km E of NK east coast; ~700 km from Oga Peninsula and ~400 km from Oki Islands"
    with pytest.raises(UnknownLandmarkError):
        find_impact_descriptions(text)
    found = find_impact_descriptions(text, skip_unknown=True)
    assert [e.landmark.name for e in found] == ["Oga Peninsula", "Oki Islands"]


# ----------------------------------------------------------------- errors


@pytest.mark.parametrize(
    "text",
    ["Sea of Japan", "", "failed shortly after launch", "fell ~250 km NE", "300 km of coast"],
)
def test_parse_error_lists_accepted_forms(text):
    with pytest.raises(ParseError) as info:
        parse_impact_description(text)
    msg = str(info.value)
    assert repr(text) in msg
    assert "nautical miles" in msg and "NNW" in msg and "Okushiri Island" in msg
    assert isinstance(info.value, ValueError)


def test_non_string_is_a_parse_error():
    with pytest.raises(ParseError, match="must be a string, got 250"):
        parse_impact_description(250)  # type: ignore[arg-type]


def test_unknown_landmark_lists_known_ones():
    with pytest.raises(UnknownLandmarkError) as info:
        parse_impact_description("about 250 km west of Atlantis, inside the EEZ")
    msg = str(info.value)
    assert "'Atlantis'" in msg and "Known landmarks" in msg and "Hegura-jima" in msg
    assert isinstance(info.value, KeyError)


def test_unknown_landmark_suggests_close_names():
    with pytest.raises(UnknownLandmarkError, match="Did you mean: 'Okushiri Island'"):
        parse_impact_description("about 250 km west of Okushri Island")


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("Sea of Japan about 350 km east of North Korea's east coast", "North Korea's east coast"),
        ("Sea of Japan about 400 km east of the Korean Peninsula", "the Korean Peninsula"),
        ("fell in Sea of Japan ~400 km from launch", "launch"),
    ],
)
def test_area_references_are_explained(text, phrase):
    with pytest.raises(UnknownLandmarkError) as info:
        parse_impact_description(text)
    msg = str(info.value)
    assert repr(phrase) in msg and "not a reference point" in msg


def test_get_landmark():
    assert get_landmark("Dōgo Island").name == "Dogo"
    assert get_landmark("TAPPI").name == "Cape Tappi"
    assert get_landmark("隠岐諸島").name == "Oki Islands"
    with pytest.raises(UnknownLandmarkError, match="unknown landmark 'Oshima'"):
        get_landmark("Oshima")  # ambiguous: the island or the peninsula


def test_landmark_validation():
    with pytest.raises(CoordinateError):
        Landmark("bad", lon=130.0, lat=95.0)
    with pytest.raises(ValidationError):
        Landmark("", lon=130.0, lat=35.0)
    assert Landmark("wrap", lon=190.0, lat=0.0).lon == -170.0


# ----------------------------------------------------------------- catalogue


def test_catalogue_is_complete_unique_and_cited():
    cat = load_landmarks()
    names = {lm.name for lm in cat}
    for required in ("Okushiri Island", "Oshima-Oshima", "Oshima Peninsula",
                     "Shakotan Peninsula", "Oga Peninsula", "Noto Peninsula", "Hegura-jima",
                     "Dogo", "Oki Islands", "Sado Island", "Cape Tappi", "Aomori Prefecture",
                     "Akita Prefecture", "Cape Erimo", "Cape Nosappu", "Tsushima"):  # fmt: skip
        assert required in names
    owners: dict[tuple[str, ...], set[str]] = {}
    for lm in cat:
        for alias in lm.names:
            owners.setdefault(_key(alias), set()).add(lm.name)
    assert all(len(o) == 1 for o in owners.values()), {
        k: o for k, o in owners.items() if len(o) > 1
    }
    for lm in cat:
        # Okinotorishima: 20.4 N; Eocheong-do (Yellow Sea, for South Korea's statements): 126 E
        assert 125.5 < lm.lon < 146.5 and 20.0 < lm.lat < 46.0, lm.name
        assert "°" in lm.source and any(
            s in lm.source for s in ("Wikipedia", "Smithsonian", "GSHHG")
        ), lm.name
        assert lm.name_ja and lm.uncertainty_km >= 1.0
        assert lm.kind in {"island", "islands", "peninsula", "cape", "prefecture"}


def test_eocheong_do_is_the_gshhg_island_it_cites():
    """Eocheong-do has no published coordinate: its point is the centroid of GSHHG island 10678."""
    table = Path(__file__).resolve().parents[1] / "data" / "island_basepoints_gshhg.csv"
    with open(table, newline="", encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["gshhg_id"] == "10678"]
    pts = [(float(r["lon"]), float(r["lat"])) for r in rows]
    centroid = shapely.MultiPoint(pts).convex_hull.centroid
    lm = get_landmark("Eocheongdo")
    assert "island 10678" in lm.source
    assert (lm.lon, lm.lat) == pytest.approx((centroid.x, centroid.y), abs=1e-4)
    est = parse_impact_description("about 100 km west of Eocheong-do")
    assert est.landmark.name == "Eocheong-do"
    assert inverse(lm.lon, lm.lat, est.lon, est.lat)[0] == pytest.approx(100.0, abs=1e-6)


def test_catalogue_points_match_their_cited_dms():
    """Each decimal coordinate equals the degrees-minutes(-seconds) its source quotes."""
    import re

    for lm in load_landmarks():
        m = re.search(r"(\d+)°(\d+)′(?:([\d.]+)″)?N (\d+)°(\d+)′(?:([\d.]+)″)?E", lm.source)
        if m is None:  # GVP quotes decimals
            assert f"{lm.lat}" in lm.source and f"{lm.lon}" in lm.source
            continue
        lat = int(m[1]) + int(m[2]) / 60 + float(m[3] or 0) / 3600
        lon = int(m[4]) + int(m[5]) / 60 + float(m[6] or 0) / 3600
        assert (lm.lat, lm.lon) == pytest.approx((lat, lon), abs=1e-3), lm.name


# ----------------------------------------------------------------- describing


@pytest.mark.parametrize(
    ("lon", "lat", "text"),
    [
        (138.6, 39.95, "about 100 km west of the Oga Peninsula"),
        (137.0, 40.3, "about 250 km west-southwest of Oshima-Oshima"),
        (143.248333, 41.924444, "at Cape Erimo"),
    ],
)
def test_describe_point(lon, lat, text):
    assert describe_point(lon, lat) == text


def test_describe_point_uses_given_landmarks_and_large_figures():
    oga = get_landmark("Oga Peninsula")
    est = parse_impact_description("about 250 km west of the Oga Peninsula")
    assert describe_point(est.lon, est.lat) == "about 250 km north of Hegura-jima"
    assert describe_point(est.lon, est.lat, landmarks=[oga]) == est.text
    erimo = get_landmark("Cape Erimo")
    lon, lat = destination(erimo.lon, erimo.lat, 91.0, 1234.0)
    assert describe_point(lon, lat, landmarks=[erimo]) == "about 1,200 km east of Cape Erimo"


@pytest.mark.parametrize(
    ("lon", "lat", "exc"),
    [(float("nan"), 40.0, CoordinateError), (135.0, 91.0, CoordinateError),
     ([135.0, 136.0], [40.0, 41.0], CoordinateError)],
)  # fmt: skip
def test_describe_point_rejects_bad_points(lon, lat, exc):
    with pytest.raises(exc):
        describe_point(lon, lat)


def test_describe_point_rejects_empty_landmarks():
    with pytest.raises(ValidationError, match="at least one Landmark"):
        describe_point(135.0, 40.0, landmarks=[])


@settings(max_examples=300, deadline=None)
@given(lon=st.floats(127.0, 147.0), lat=st.floats(32.0, 46.0))
def test_describe_then_parse_round_trip(lon, lat):
    text = describe_point(lon, lat)
    if text.startswith("at "):
        return
    est = parse_impact_description(text)
    assert est.contains(lon, lat)
    # the polygon holds it too, up to its documented edge error (< 100 m ~ 1e-3 degrees)
    assert est.region.distance(Point(lon, lat)) < 1e-3


# ----------------------------------------------------------------- reference data (../shared)


def test_every_event_description(shared_dir: Path):
    """Parse every impact description of the 1998-2019 events; account for each failure."""
    path = shared_dir / "reference" / "events" / "nk_launches_dev_1998_2019.csv"
    with path.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    outcome: Counter[str] = Counter()
    for row in rows:
        text = row["impact_description"]
        try:
            est = parse_impact_description(text)
        except UnknownLandmarkError as exc:
            assert "not a reference point" in str(exc), text
            outcome["area or launch reference"] += 1
            print(f"  {row['date']} not located: {str(exc).split(':')[0]}")
            continue
        except ParseError:
            outcome["no '<distance> <direction> of <landmark>' statement"] += 1
            continue
        outcome["parsed"] += 1
        print(f"  {row['date']} parsed: {est.text!r} -> ({est.lon}, {est.lat})")
        assert est.region.is_valid and not est.region.is_empty
        if est.lon is not None:
            assert est.contains(est.lon, est.lat)
    print(f"\nevents: {len(rows)} descriptions: {dict(outcome)}")
    assert outcome["parsed"] >= 12
    assert sum(outcome.values()) == len(rows)


def test_landmarks_match_jp_reference_points(shared_dir: Path):
    path = shared_dir / "reference" / "events" / "jp_reference_points.csv"
    with path.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    compared = 0
    for row in rows:
        name = row["name"].split(" (")[0]
        try:
            lm = get_landmark(name)
        except UnknownLandmarkError:
            lm = get_landmark(row["name_ja"])
        d = inverse(lm.lon, lm.lat, float(row["lon"]), float(row["lat"]))[0]
        assert d < 2.0, (lm.name, d)
        compared += 1
    assert compared == len(rows) >= 4


def test_public_names_exported():
    for name in ("parse_impact_description", "describe_point", "ImpactEstimate",
                 "load_landmarks", "Landmark", "find_impact_descriptions"):  # fmt: skip
        assert name in launchgeo.__all__ and hasattr(launchgeo, name)
    assert math.isfinite(launchgeo.load_landmarks()[0].lon)
