"""The inputs people pass: shapely Points, __geo_interface__, GeoSeries/GeoDataFrames with a CRS,
pandas Series (index kept), lists of ranges (issue 15)."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from shapely.geometry import LineString, MultiPoint, Point, Polygon

import launchgeo
from launchgeo._inputs import lonlat
from launchgeo.errors import CoordinateError, ValidationError
from launchgeo.testing import assert_zone

SUNAN = (125.67, 39.22389)
SEA = (135.0, 38.5)  # Japan's EEZ in the embedded zones


@pytest.fixture(scope="module")
def zones() -> launchgeo.Zones:
    return launchgeo.load_zones()


class GeoThing:
    """Any object with __geo_interface__ (not shapely)."""

    def __init__(self, gi: dict[str, object]) -> None:
        self.__geo_interface__ = gi


# -- points to classify ---------------------------------------------------------------------------
def test_classify_shapely_points(zones: launchgeo.Zones) -> None:
    assert zones.classify(Point(*SEA)) == zones.classify(*SEA) == "JPN:eez"
    labels = zones.classify([Point(*SEA), Point(*SUNAN)])
    assert labels.tolist() == [zones.classify(*SEA), zones.classify(*SUNAN)]
    assert zones.classify(MultiPoint([SEA, SUNAN])).tolist() == labels.tolist()


def test_classify_geo_interface(zones: launchgeo.Zones) -> None:
    feature = GeoThing({"type": "Feature", "geometry": {"type": "Point", "coordinates": SEA},
                        "properties": {}})  # fmt: skip
    assert zones.classify(feature) == "JPN:eez"
    coll = GeoThing({"type": "FeatureCollection", "features": [feature.__geo_interface__] * 2})
    assert zones.classify(coll).tolist() == ["JPN:eez", "JPN:eez"]


def test_geoseries_in_another_crs_is_converted_and_keeps_its_index(zones: launchgeo.Zones) -> None:
    gs = gpd.GeoSeries([Point(*SEA), Point(*SUNAN)], index=["sea", "sunan"], crs=4326)
    merc = gs.to_crs(3857)
    before = merc.copy()
    out = zones.classify(merc)
    assert isinstance(out, pd.Series) and out.name == "zone"
    assert out.index.tolist() == ["sea", "sunan"]
    assert out.tolist() == [zones.classify(*SEA), zones.classify(*SUNAN)]
    assert merc.crs.to_epsg() == 3857 and merc.geom_equals(before).all()  # not modified
    gdf = gpd.GeoDataFrame({"name": ["a", "b"]}, geometry=merc.values, index=[7, 9])
    assert zones.classify(gdf).index.tolist() == [7, 9]


def test_frames_without_crs_are_refused(zones: launchgeo.Zones) -> None:
    with pytest.raises(CoordinateError, match="no CRS, and launchgeo does not guess one"):
        zones.classify(gpd.GeoSeries([Point(*SEA)]))
    with pytest.raises(CoordinateError, match="no CRS"):
        launchgeo.range_ring(gpd.GeoDataFrame(geometry=[Point(*SUNAN)]), 100)


def test_non_points_and_empty_points_are_refused(zones: launchgeo.Zones) -> None:
    square = Polygon([(134, 38), (135, 38), (135, 39), (134, 39)])
    with pytest.raises(ValidationError, match="expected points, got Polygon at index 1"):
        zones.classify(gpd.GeoSeries([Point(*SEA), square], crs=4326))
    with pytest.raises(ValidationError, match="expected point geometry, got LineString"):
        zones.classify(LineString([SEA, SUNAN]))
    with pytest.raises(CoordinateError, match="empty point"):
        zones.classify(gpd.GeoSeries([Point()], crs=4326))
    with pytest.raises(CoordinateError, match="empty point"):
        zones.classify(Point())
    with pytest.raises(ValidationError, match="lat is missing"):
        zones.classify([135.0, 136.0])
    with pytest.raises(ValidationError, match="pass point objects alone"):
        zones.classify(Point(*SEA), 38.5)


def test_projected_shapely_points_fail_loudly(zones: launchgeo.Zones) -> None:
    """A shapely Point has no CRS: its numbers are read as lon/lat and checked as such."""
    with pytest.raises(CoordinateError, match="lat must be within"):
        zones.classify(Point(15_000_000.0, 4_600_000.0))


# -- pandas Series in, Series out -----------------------------------------------------------------
def test_series_in_series_out(zones: launchgeo.Zones) -> None:
    df = pd.DataFrame({"lon": [SEA[0], SUNAN[0]], "lat": [SEA[1], SUNAN[1]]}, index=[10, 20])
    out = zones.classify(df["lon"], df["lat"])
    assert out.index.tolist() == [10, 20] and out.name == "zone"
    assert zones.in_eez(df["lon"].iloc[:1], df["lat"].iloc[:1], "JPN").tolist() == [True]
    d = zones.signed_distance_km(df["lon"].iloc[:1], df["lat"].iloc[:1], "JPN:eez")
    assert d.index.tolist() == [10] and float(d.iloc[0]) < 0
    dist = launchgeo.distance_km(SUNAN[0], SUNAN[1], df["lon"], df["lat"])
    assert dist.index.tolist() == [10, 20] and dist.iloc[1] == pytest.approx(0.0, abs=1e-6)
    lon, lat = launchgeo.destination(df["lon"], df["lat"], 90.0, 100.0)
    assert lon.name == "lon" and lat.index.tolist() == [10, 20]
    ring = launchgeo.range_ring("Sunan", 500)
    inside = ring.contains(df["lon"], df["lat"])
    assert inside.tolist() == [False, True] and inside.index.tolist() == [10, 20]
    assert df.columns.tolist() == ["lon", "lat"]  # not modified


def test_mismatched_indexes_and_frames_are_refused(zones: launchgeo.Zones) -> None:
    a = pd.Series([135.0], index=[1])
    b = pd.Series([38.5], index=[2])
    with pytest.raises(ValidationError, match="different indexes"):
        zones.classify(a, b)
    df = pd.DataFrame({"lon": [135.0], "lat": [38.5]})
    with pytest.raises(ValidationError, match=r"df\['lon'\]"):
        zones.classify(df, df)


def test_numpy_input_still_gives_numpy(zones: launchgeo.Zones) -> None:
    out = zones.classify(np.array([135.0]), np.array([38.5]))
    assert isinstance(out, np.ndarray) and out.tolist() == ["JPN:eez"]


# -- centres --------------------------------------------------------------------------------
def test_centres_as_points_and_one_row_frames() -> None:
    by_pair = launchgeo.range_ring(SUNAN, 350)
    for centre in (
        Point(*SUNAN),
        gpd.GeoSeries([Point(*SUNAN)], crs=4326).to_crs(3857),
        GeoThing({"type": "Point", "coordinates": SUNAN}),
    ):
        ring = launchgeo.range_ring(centre, 350)
        assert (ring.center_lon, ring.center_lat) == pytest.approx(SUNAN, abs=1e-9)
        assert ring.geometry.equals_exact(by_pair.geometry, 1e-6)
    named = gpd.GeoDataFrame({"name": ["Pad 7"]}, geometry=[Point(*SUNAN)], crs=4326)
    assert launchgeo.range_ring(named, 350).site == "Pad 7"
    with pytest.raises(ValidationError, match="one point, got a GeoSeries of 2 rows"):
        launchgeo.range_ring(gpd.GeoSeries([Point(*SUNAN)] * 2, crs=4326), 350)
    with pytest.raises(ValidationError, match="one point, got 2 points"):
        launchgeo.range_ring(MultiPoint([SUNAN, SEA]), 350)


def test_lonlat_helper() -> None:
    lon, lat = lonlat(gpd.GeoSeries([Point(*SEA)], crs=4326).to_crs(3857))
    assert lon == pytest.approx([SEA[0]]) and lat == pytest.approx([SEA[1]])


# -- lists of ranges ------------------------------------------------------------------------------
def test_assess_launch_takes_a_list_of_ranges(zones: launchgeo.Zones) -> None:
    several = launchgeo.assess_launch("Sunan", [350, 650], zones=zones)
    assert [a.range_km for a in several] == [350.0, 650.0]
    one = launchgeo.assess_launch("Sunan", 650, zones=zones)
    assert several[1].arcs.equals(one.arcs)
    assert one.reaches("JPN") and not several[0].reaches("JPN")
    in_nmi = launchgeo.assess_launch("Sunan", [350 / 1.852], zones=zones, units="nmi")
    assert in_nmi[0].range_km == pytest.approx(350.0)
    with pytest.raises(ValidationError, match="non-empty list"):
        launchgeo.assess_launch("Sunan", [], zones=zones)


def test_assert_zone_on_a_geoseries_point(zones: launchgeo.Zones) -> None:
    """The project's own tests use launchgeo.testing where it fits."""
    assert_zone(*SEA, "JPN:eez", zones=zones)
