"""Tests of launchgeo.zones: exact classification, in_eez, distances, file formats, bad input."""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st
from pyproj import Geod
from shapely.ops import split

from launchgeo.errors import CoordinateError, DataError, UnknownZoneError, ValidationError
from launchgeo.zones.core import ZONE_KINDS, Zones, load_zones

COVERAGE = (120.0, 25.0, 150.0, 50.0)
GEOD = Geod(ellps="WGS84")
MR_ALL = "reference/eez/eez_v12_eastasia_pacific_all35.geojson"


# -- synthetic zones in launchgeo's format -----------------------------------------------------


def _star(lon: float, lat: float, r_min: float, r_max: float, n: int, seed: int) -> shapely.Polygon:
    rng = np.random.default_rng(seed)
    ang = np.linspace(0, 2 * np.pi, n, endpoint=False)
    r = rng.uniform(r_min, r_max, n)
    return shapely.Polygon(np.column_stack([lon + r * np.cos(ang), lat + r * np.sin(ang)]))


def synthetic_zones() -> dict[str, shapely.Geometry]:
    """Two states (JPN east, KOR west) split by a jagged line; claims, a joint regime, high seas."""
    land_j = shapely.union(
        _star(138.0, 37.0, 1.0, 2.5, 60, 1), _star(141.5, 43.5, 0.3, 0.6, 12, 2)
    )  # MultiPolygon: an island
    land_k = _star(127.5, 36.5, 0.6, 1.2, 40, 3)
    ts_j = land_j.buffer(0.2).difference(land_j)
    ts_k = land_k.buffer(0.2).difference(land_k)
    region = shapely.box(122, 28, 148, 46)
    line = shapely.LineString([(131.0, 27), (131.3, 32), (130.8, 36), (131.6, 40), (131.2, 47)])
    west, east = sorted(split(region, line).geoms, key=lambda g: g.centroid.x)
    claim = shapely.Point(131.2, 38.0).buffer(0.8)
    joint = shapely.Polygon([(129.0, 30.0), (132.5, 31.0), (132.0, 33.0), (129.5, 32.5)])
    shared = shapely.union(claim, joint)
    return {
        "JPN:land": land_j,
        "KOR:land": land_k,
        "JPN:territorial_sea": ts_j,
        "KOR:territorial_sea": ts_k,
        "JPN/KOR:overlapping_claim": claim,
        "JPN/KOR:joint_regime": joint.difference(claim),
        "JPN:eez": east.difference(land_j.buffer(0.2)).difference(shared),
        "KOR:eez": west.difference(land_k.buffer(0.2)).difference(shared),
    }


def write_launchgeo_file(path: Path, zones: dict[str, shapely.Geometry]) -> Path:
    feats = []
    for label, geom in zones.items():
        states, kind = label.split(":")
        props = {"label": label, "kind": kind, "states": states, "name": f"synthetic {label}"}
        feats.append({"type": "Feature", "properties": props, "geometry": geom.__geo_interface__})
    doc = {
        "type": "FeatureCollection",
        "launchgeo": {"coverage_bbox": list(COVERAGE), "version": "test-1"},
        "features": feats,
    }
    path.write_bytes(gzip.compress(json.dumps(doc).encode()))
    return path


@pytest.fixture(scope="module")
def zone_geoms() -> dict[str, shapely.Geometry]:
    return synthetic_zones()


@pytest.fixture(scope="module")
def zones_file(tmp_path_factory: pytest.TempPathFactory, zone_geoms: dict) -> Path:
    return write_launchgeo_file(tmp_path_factory.mktemp("z") / "zones.geojson.gz", zone_geoms)


@pytest.fixture(scope="module")
def zones(zones_file: Path) -> Zones:
    return load_zones(zones_file)


def reference_labels(zones: Zones, lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    """The documented rule, computed independently: first zone in precedence order covering."""
    out = np.full(lon.shape, zones.background_label, dtype=object)
    todo = np.ones(lon.shape, dtype=bool)
    for label in zones.labels:
        hit = shapely.intersects_xy(zones.geometry(label), lon, lat) & todo
        out[hit] = label
        todo &= ~hit
    x0, y0, x1, y1 = zones.coverage_bbox
    out[(lon < x0) | (lon > x1) | (lat < y0) | (lat > y1)] = "no_data"
    return out


def boundary_points(geoms, n: int, seed: int, jitter_deg: float = 0.0):
    """Points on zone boundaries (vertices and interpolated), optionally jittered."""
    rng = np.random.default_rng(seed)
    rings = shapely.get_rings(shapely.get_parts(list(geoms)))
    xy = shapely.get_coordinates(rings)
    vertices = xy[rng.integers(0, len(xy), n // 2)]
    lines = shapely.line_interpolate_point(
        rings[rng.integers(0, len(rings), n - n // 2)], rng.uniform(0, 1, n - n // 2),
        normalized=True,
    )  # fmt: skip
    pts = np.concatenate([vertices, shapely.get_coordinates(lines)])
    return pts[:, 0] + rng.normal(0, jitter_deg, n), pts[:, 1] + rng.normal(0, jitter_deg, n)


# -- classification ----------------------------------------------------------------------------


def test_precedence_order_and_vocabulary(zones: Zones, zones_file: Path) -> None:
    kinds = [lab.split(":")[1] for lab in zones.labels]
    assert kinds == sorted(kinds, key=ZONE_KINDS.index)
    assert zones.labels[:2] == ("JPN:land", "KOR:land")
    assert zones.vocabulary == (*zones.labels, "high_seas", "no_data")
    assert zones.info.version == "test-1" and zones.info.coverage_bbox == COVERAGE
    assert zones.info.sha256 == hashlib.sha256(zones_file.read_bytes()).hexdigest()
    assert zones.info.source == str(zones_file) and zones.info.format == "launchgeo"


def test_classify_equals_shapely_on_random_points(zones: Zones) -> None:
    rng = np.random.default_rng(42)
    lon = rng.uniform(118, 152, 300_000)
    lat = rng.uniform(23, 52, 300_000)
    got = zones.classify(lon, lat)
    want = reference_labels(zones, lon, lat)
    assert (got == want).all()
    # every kind of answer occurs, so the comparison is not vacuous
    assert set(np.unique(got)) == set(zones.vocabulary)


@pytest.mark.parametrize("jitter_deg", [0.0, 1e-9, 1e-5])
def test_classify_exact_on_and_near_boundaries(zones: Zones, jitter_deg: float) -> None:
    lon, lat = boundary_points([zones.geometry(lab) for lab in zones.labels], 40_000, 7, jitter_deg)
    keep = (lon >= COVERAGE[0]) & (lon <= COVERAGE[2]) & (lat >= COVERAGE[1]) & (lat <= COVERAGE[3])
    lon, lat = lon[keep], lat[keep]
    got = zones.classify(lon, lat)
    assert (got == reference_labels(zones, lon, lat)).all()


def test_boundary_rule_examples(zones: Zones, zone_geoms: dict) -> None:
    # a coastline vertex is shared by land and territorial sea: land wins
    coast = shapely.get_coordinates(zone_geoms["KOR:land"])[5]
    assert zone_geoms["KOR:territorial_sea"].intersects(shapely.Point(coast))
    assert zones.classify(*coast) == "KOR:land"
    # a vertex of the JPN/KOR split line (far from claims) lies in both EEZs: alphabetical -> JPN
    assert zone_geoms["KOR:eez"].intersects(shapely.Point(130.8, 36.0))
    assert zones.classify(130.8, 36.0) == "JPN:eez"
    assert zones.classify(130.8 - 1e-9, 36.0) == "KOR:eez"
    # the outer limit of the zones is part of them (closed sets)
    assert zones.classify(148.0, 40.0) == "JPN:eez"
    assert zones.classify(148.0 + 1e-9, 40.0) == "high_seas"
    # coverage is closed; outside it there is no answer
    assert zones.classify(150.0, 50.0) == "high_seas"
    assert zones.classify(150.0 + 1e-9, 40.0) == "no_data"


def test_classify_with_overlapping_zones_follows_precedence() -> None:
    gdf = gpd.GeoDataFrame(
        {"label": ["AAA:eez", "BBB:eez", "AAA:land"]},
        geometry=[shapely.box(0, 0, 2, 2), shapely.box(1, 0, 3, 2), shapely.box(1.5, 0.5, 2.5, 1)],
        crs="EPSG:4326",
    )
    z = Zones.from_geodataframe(gdf, coverage_bbox=(-1, -1, 4, 3))
    lon = np.array([0.5, 1.2, 2.7, 1.7, 3.5])
    assert z.classify(lon, np.full(5, 0.7)).tolist() == [
        "AAA:eez", "AAA:eez", "BBB:eez", "AAA:land", "high_seas",
    ]  # fmt: skip
    rng = np.random.default_rng(3)
    lo, la = rng.uniform(-1, 4, 50_000), rng.uniform(-1, 3, 50_000)
    assert (z.classify(lo, la) == reference_labels(z, lo, la)).all()


def test_shapes_scalars_and_input_not_modified(zones: Zones) -> None:
    lon = np.array([[138.0, 127.5], [145.0, 160.0]])
    lat = np.array([[37.0, 36.5], [48.0, 30.0]])
    before = lon.copy(), lat.copy()
    got = zones.classify(lon, lat)
    assert got.shape == (2, 2) and got.dtype == object
    assert got.tolist() == [["JPN:land", "KOR:land"], ["high_seas", "no_data"]]
    assert np.array_equal(lon, before[0]) and np.array_equal(lat, before[1])
    assert zones.classify(138.0, 37.0) == "JPN:land" and isinstance(zones.classify(138, 37), str)
    assert zones.classify([138.0, 127.5], 37.0).tolist() == ["JPN:land", "KOR:land"]


def test_longitude_frames_across_the_antimeridian() -> None:
    gdf = gpd.GeoDataFrame(
        {"label": ["USA:eez"]}, geometry=[shapely.box(175, 40, 185, 45)], crs=4326
    )
    z = Zones.from_geodataframe(gdf, coverage_bbox=(170, 35, 190, 50))
    lon = np.array([-178.0, 182.0, 176.0, -172.0, 169.0])
    assert z.classify(lon, 42.0).tolist() == [
        "USA:eez",
        "USA:eez",
        "USA:eez",
        "high_seas",
        "no_data",
    ]


def test_lon_lat_swap_is_detected(zones: Zones) -> None:
    assert zones.classify(138.0, 37.0) == "JPN:land"
    with pytest.raises(CoordinateError, match=r"lat must be within \[-90, 90\].*138.*swapped"):
        zones.classify(37.0, 138.0)


@pytest.mark.parametrize(
    ("lon", "lat", "pattern"),
    [
        ([130.0, np.nan], [35.0, 35.0], r"lon must be finite, got nan \(element 1\)"),
        (130.0, np.inf, r"lat must be finite, got inf"),
        (400.0, 35.0, r"lon must be within \[-180, 360\].*400"),
        (130.0, -91.0, r"lat must be within \[-90, 90\].*-91"),
        ("east", 35.0, r"must be .*numbers"),
        ([1.0, 2.0], [1.0, 2.0, 3.0], r"incompatible shapes"),
    ],
)
def test_bad_coordinates_raise(zones: Zones, lon, lat, pattern: str) -> None:
    with pytest.raises(CoordinateError, match=pattern):
        zones.classify(lon, lat)


# -- in_eez --------------------------------------------------------------------------------------


def test_in_eez(zones: Zones) -> None:
    lon = np.array([145.0, 138.0, 131.2, 130.0, 125.0, 147.0, 138.0 + 2.61])
    lat = np.array([35.0, 37.0, 38.0, 31.0, 40.0, 47.0, 37.0])
    labels = zones.classify(lon, lat).tolist()
    assert labels == [
        "JPN:eez", "JPN:land", "JPN/KOR:overlapping_claim", "JPN/KOR:joint_regime", "KOR:eez",
        "high_seas", labels[6],
    ]  # fmt: skip
    assert labels[6] in ("JPN:territorial_sea", "JPN:eez")
    assert zones.in_eez(lon, lat, "JPN").tolist() == [True, False, True, True, False, False, True]
    assert zones.in_eez(lon, lat, "KOR").tolist() == [False, False, True, True, True, False, False]
    strict = zones.in_eez(lon, lat, "JPN", include_overlapping=False, include_joint=False)
    assert strict.tolist() == [True, False, False, False, False, False, True]
    assert zones.in_eez(131.2, 38.0, "JPN", include_joint=False) is True


def test_in_eez_territorial_sea_counts(zones: Zones, zone_geoms: dict) -> None:
    p = zone_geoms["JPN:territorial_sea"].representative_point()
    assert zones.classify(p.x, p.y) == "JPN:territorial_sea"
    assert zones.in_eez(p.x, p.y, "JPN") is True


def test_in_eez_errors(zones: Zones) -> None:
    with pytest.raises(UnknownZoneError, match=r"no zone names state 'CHN'.*JPN, KOR"):
        zones.in_eez(130.0, 35.0, "CHN")
    with pytest.raises(ValidationError, match=r"ISO 3166-1 alpha-3.*'jpn'"):
        zones.in_eez(130.0, 35.0, "jpn")
    with pytest.raises(CoordinateError, match=r"\(160.0, 30.0\) \(element 1\) is outside"):
        zones.in_eez([130.0, 160.0], [35.0, 30.0], "JPN")


# -- geometry, frames ----------------------------------------------------------------------------


def test_geometry_and_geodataframe(zones: Zones, zone_geoms: dict, tmp_path: Path) -> None:
    assert zones.geometry("KOR:land").equals(zone_geoms["KOR:land"])
    with pytest.raises(UnknownZoneError, match=r"no zone labelled 'CHN:eez'.*JPN:land"):
        zones.geometry("CHN:eez")
    gdf = zones.to_geodataframe()
    assert list(gdf.columns) == ["label", "kind", "states", "name", "geometry"]
    assert gdf.crs.to_epsg() == 4326 and tuple(gdf["label"]) == zones.labels
    assert gdf.set_index("label").loc["JPN/KOR:joint_regime", "states"] == "JPN/KOR"
    feats = zones.__geo_interface__["features"]
    assert [f["properties"]["label"] for f in feats] == list(zones.labels)
    # round trip through a GeoPackage in launchgeo's format
    gdf.to_file(tmp_path / "z.gpkg")
    again = load_zones(tmp_path / "z.gpkg", coverage_bbox=COVERAGE)
    assert again.labels == zones.labels and again.info.format == "launchgeo"
    rng = np.random.default_rng(5)
    lon, lat = rng.uniform(118, 152, 20_000), rng.uniform(23, 52, 20_000)
    assert (again.classify(lon, lat) == zones.classify(lon, lat)).all()


# -- signed distance -----------------------------------------------------------------------------


def brute_force_distance_km(geom, lon, lat) -> np.ndarray:
    """Geodesic distance to the boundary densified (linearly in lon/lat) every <= 10 m."""
    rings = shapely.get_rings(shapely.get_parts(geom))
    dense = shapely.segmentize(rings, 0.01 / 111.32)  # 10 m of latitude; less in longitude
    xy = shapely.get_coordinates(dense)
    out = np.empty(len(lon))
    for i, (x, y) in enumerate(zip(lon, lat, strict=True)):
        # geodesics only to the vertices that a flat-earth estimate puts within 20 km + 2 %
        flat = np.hypot((xy[:, 0] - x) * np.cos(np.radians(y)), xy[:, 1] - y) * 111.32
        near = xy[flat <= flat.min() * 1.02 + 20.0]
        d = GEOD.inv(np.full(len(near), x), np.full(len(near), y), near[:, 0], near[:, 1])[2]
        out[i] = d.min() / 1000.0
    return out


@pytest.mark.slow
@pytest.mark.parametrize("label", ["KOR:land", "JPN/KOR:overlapping_claim"])
def test_signed_distance_accuracy_against_brute_force(zones: Zones, label: str) -> None:
    geom = zones.geometry(label)
    rng = np.random.default_rng(11)
    # points within ~1 km of the boundary (where nearest-vertex errors would show) and far ones
    near_lon, near_lat = boundary_points([geom], 30, 1, jitter_deg=0.005)
    c = shapely.centroid(geom)
    far_lon = c.x + rng.uniform(-4, 4, 30)
    far_lat = c.y + rng.uniform(-4, 4, 30)
    lon = np.concatenate([near_lon, far_lon])
    lat = np.concatenate([near_lat, far_lat])
    got = zones.signed_distance_km(lon, lat, label)
    brute = brute_force_distance_km(geom, lon, lat)
    inside = shapely.intersects_xy(geom, lon, lat)
    assert np.array_equal(got < 0, inside & (brute > 1e-6))
    # brute force overestimates by <= 5 m (half its spacing); the contract is 100 m
    assert np.max(np.abs(np.abs(got) - brute)) < 0.1
    # and in fact within 10 m: near points are refined (a nearest-vertex answer would be off by
    # up to 50 m there), far ones are off by at most s^2 / (8 d) = 1.25 m at 1 km
    assert np.max(np.abs(np.abs(got) - brute)) < 0.01


@settings(max_examples=60, deadline=None)
@given(lon=st.floats(122.0, 134.0, allow_nan=False), lat=st.floats(31.0, 42.0, allow_nan=False))
def test_signed_distance_invariants(zones: Zones, lon: float, lat: float) -> None:
    """Sign follows the closed zone; |d| never exceeds the distance to any boundary vertex."""
    geom = zones.geometry("KOR:land")
    d = zones.signed_distance_km(lon, lat, "KOR:land")
    assert (d < 0) == bool(shapely.intersects_xy(geom, lon, lat)) or abs(d) < 1e-9
    xy = shapely.get_coordinates(geom)
    to_vertices = GEOD.inv(np.full(len(xy), lon), np.full(len(xy), lat), xy[:, 0], xy[:, 1])[2]
    assert abs(d) <= to_vertices.min() / 1000.0 + 1e-6


def test_signed_distance_simple_cases(zones: Zones) -> None:
    gdf = gpd.GeoDataFrame(
        {"label": ["JPN:eez"]}, geometry=[shapely.box(131, 34, 136, 40)], crs=4326
    )
    z = Zones.from_geodataframe(gdf)
    lat = np.array([35.0, 37.0, 39.0])
    got = z.signed_distance_km(np.full(3, 136.5), lat, "JPN:eez")
    want = GEOD.inv(np.full(3, 136.5), lat, np.full(3, 136.0), lat)[2] / 1000.0
    assert np.allclose(got, want, atol=0.005)  # the foot of the geodesic is ~at the same lat
    assert z.signed_distance_km(136.0, 37.0, "JPN:eez") == pytest.approx(0.0, abs=1e-6)
    assert z.signed_distance_km(133.5, 37.0, "JPN:eez") < -200
    with pytest.raises(UnknownZoneError):
        zones.signed_distance_km(130.0, 35.0, "high_seas")


# -- Marine Regions files ------------------------------------------------------------------------


def mr_frame(zone_geoms: dict) -> gpd.GeoDataFrame:
    """The synthetic zones as Marine Regions would publish them (EEZ includes TS, no land)."""
    rows = [
        ("Japanese EEZ", "200NM", "JPN", None, None, "Japan", None, None,
         shapely.union(zone_geoms["JPN:eez"], zone_geoms["JPN:territorial_sea"])),
        ("South Korean EEZ", "200NM", "KOR", None, None, "South Korea", None, None,
         shapely.union(zone_geoms["KOR:eez"], zone_geoms["KOR:territorial_sea"])),
        ("Overlapping claim", "Overlapping claim", "KOR", "JPN", None, "South Korea", "Japan",
         None, zone_geoms["JPN/KOR:overlapping_claim"]),
        ("Joint regime area", "Joint regime", "KOR", None, None, "South Korea", "Japan", None,
         zone_geoms["JPN/KOR:joint_regime"]),
    ]  # fmt: skip
    cols = ["GEONAME", "POL_TYPE", "ISO_SOV1", "ISO_SOV2", "ISO_SOV3", "SOVEREIGN1", "SOVEREIGN2",
            "SOVEREIGN3", "geometry"]  # fmt: skip
    gdf = gpd.GeoDataFrame([dict(zip(cols, r, strict=True)) for r in rows], crs="EPSG:4326")
    gdf["MRGID"] = [8487, 8327, 48955, 21796]
    return gdf


@pytest.fixture(scope="module")
def land_file(tmp_path_factory: pytest.TempPathFactory, zone_geoms: dict) -> Path:
    path = tmp_path_factory.mktemp("land") / "land.gpkg"
    gpd.GeoDataFrame(
        {"iso3": ["JPN", "KOR"], "name": ["Japan", "South Korea"]},
        geometry=[zone_geoms["JPN:land"], zone_geoms["KOR:land"]],
        crs="EPSG:4326",
    ).to_file(path)
    return path


@pytest.mark.parametrize(
    ("name", "crs"), [("mr.shp", "EPSG:4326"), ("mr.gpkg", "EPSG:3857"), ("mr.geojson", None)]
)
def test_marine_regions_formats(
    tmp_path: Path, zone_geoms: dict, land_file: Path, zones: Zones, name: str, crs: str | None
) -> None:
    gdf = mr_frame(zone_geoms)
    if crs is not None:
        gdf = gdf.to_crs(crs)
    gdf.to_file(tmp_path / name)
    mr = load_zones(tmp_path / name, land=land_file, coverage_bbox=COVERAGE)
    assert mr.info.format == "marine_regions" and mr.info.land_source == str(land_file)
    assert set(mr.labels) == {
        "JPN:land", "KOR:land", "JPN/KOR:overlapping_claim", "JPN/KOR:joint_regime", "JPN:eez",
        "KOR:eez",
    }  # fmt: skip
    # Away from boundaries (> 2 km: a reprojected edge bends), labels match the synthetic truth
    # with the territorial seas folded into the EEZs.
    rng = np.random.default_rng(9)
    lon, lat = rng.uniform(118, 152, 20_000), rng.uniform(23, 52, 20_000)
    pts = shapely.points(lon, lat)
    edges = shapely.union_all([shapely.boundary(g) for g in zone_geoms.values()])
    far = shapely.distance(pts, edges) > 0.02
    want = zones.classify(lon, lat).astype(str)
    want = np.char.replace(want, "territorial_sea", "eez")
    assert (mr.classify(lon, lat)[far] == want[far]).all()
    assert mr.in_eez(138.0 + 2.61, 37.0, "JPN")


def test_marine_regions_without_land_and_name_lookup(tmp_path: Path, zone_geoms: dict) -> None:
    gdf = mr_frame(zone_geoms).drop(columns=["ISO_SOV2", "ISO_SOV3"])
    gdf.columns = [c.lower() if c != "geometry" else c for c in gdf.columns]
    gdf.to_file(tmp_path / "mr.gpkg")
    mr = load_zones(tmp_path / "mr.gpkg", land=None)
    assert mr.background_label == "unzoned"
    assert "JPN/KOR:overlapping_claim" in mr.labels  # JPN found from SOVEREIGN2 = "Japan"
    assert mr.classify(138.0, 37.0) == "unzoned"  # land: the file cannot tell
    assert mr.info.version == "unknown"


def test_marine_regions_reference_file(shared_dir: Path) -> None:
    path = shared_dir / MR_ALL
    mr = load_zones(path, land=None)
    assert {
        "JPN:eez", "KOR:eez", "PRK:eez", "RUS:eez", "CHN:eez", "JPN/KOR:overlapping_claim",
        "JPN/RUS:overlapping_claim", "CHN/JPN/TWN:overlapping_claim", "JPN/KOR:joint_regime",
        "CHN/TWN:overlapping_claim",
    } <= set(mr.labels)  # fmt: skip
    assert "v12" in mr.info.version and mr.info.coverage_bbox == (90.0, 0.0, 180.0, 60.0)
    lon = np.array([140.5, 131.8667, 139.7, 170.0, 123.5, 146.0])
    lat = np.array([30.0, 37.2417, 35.68, 30.0, 25.75, 43.8])
    assert mr.classify(lon, lat).tolist() == [
        "JPN:eez", "JPN/KOR:overlapping_claim", "unzoned", "unzoned",
        "CHN/JPN/TWN:overlapping_claim", "JPN/RUS:overlapping_claim",
    ]  # fmt: skip
    assert mr.in_eez(lon[:2], lat[:2], "JPN").tolist() == [True, True]
    assert not mr.in_eez(131.8667, 37.2417, "JPN", include_overlapping=False)
    rng = np.random.default_rng(1)
    lon, lat = rng.uniform(120, 150, 100_000), rng.uniform(25, 50, 100_000)
    assert (mr.classify(lon, lat) == reference_labels(mr, lon, lat)).all()
    lon, lat = boundary_points([mr.geometry("JPN:eez")], 20_000, 2, 1e-6)
    assert (mr.classify(lon, lat) == reference_labels(mr, lon, lat)).all()


# -- bad files -----------------------------------------------------------------------------------


def test_missing_and_unreadable_files(tmp_path: Path) -> None:
    with pytest.raises(DataError, match=r"'.*nope.gpkg' does not exist"):
        load_zones(tmp_path / "nope.gpkg")
    bad = tmp_path / "bad.geojson"
    bad.write_text("this is not json")
    with pytest.raises(DataError, match=r"cannot read zones file '.*bad.geojson'"):
        load_zones(bad)
    badgz = tmp_path / "bad.geojson.gz"
    badgz.write_bytes(b"not gzip")
    with pytest.raises(DataError, match=r"cannot read zones file '.*bad.geojson.gz'"):
        load_zones(badgz)


def test_non_polygon_file(tmp_path: Path) -> None:
    gpd.GeoDataFrame(
        {"label": ["JPN:eez"]}, geometry=[shapely.Point(135, 35)], crs="EPSG:4326"
    ).to_file(tmp_path / "p.gpkg")
    with pytest.raises(DataError, match=r"'JPN:eez' is a Point; expected Polygon or MultiPolygon"):
        load_zones(tmp_path / "p.gpkg")


def test_file_without_crs(tmp_path: Path, zone_geoms: dict) -> None:
    mr_frame(zone_geoms).to_file(tmp_path / "mr.shp")
    (tmp_path / "mr.prj").unlink()
    with pytest.raises(DataError, match=r"'.*mr.shp' has no CRS"):
        load_zones(tmp_path / "mr.shp", land=None)


def test_bad_contents(tmp_path: Path, zone_geoms: dict) -> None:
    gdf = mr_frame(zone_geoms)
    gdf.loc[0, "POL_TYPE"] = "12NM"
    gdf.to_file(tmp_path / "pt.gpkg")
    with pytest.raises(DataError, match=r"MRGID 8487 has POL_TYPE '12NM'"):
        load_zones(tmp_path / "pt.gpkg", land=None)
    gpd.GeoDataFrame({"foo": [1]}, geometry=[shapely.box(0, 0, 1, 1)], crs=4326).to_file(
        tmp_path / "cols.gpkg"
    )
    with pytest.raises(DataError, match=r"columns \['foo'\]; expected launchgeo's 'label'"):
        load_zones(tmp_path / "cols.gpkg")
    gpd.GeoDataFrame({"label": ["JPN-eez"]}, geometry=[shapely.box(0, 0, 1, 1)], crs=4326).to_file(
        tmp_path / "lab.gpkg"
    )
    with pytest.raises(DataError, match=r"zone label 'JPN-eez' is not of the form"):
        load_zones(tmp_path / "lab.gpkg")
    with pytest.raises(ValidationError, match=r"coverage_bbox must be"):
        load_zones(tmp_path / "cols.gpkg", coverage_bbox=(10, 0, 5, 1))
    gpd.GeoDataFrame({"label": ["JPN:eez"]}, geometry=[shapely.box(0, 0, 1, 95)], crs=4326).to_file(
        tmp_path / "range.gpkg"
    )
    with pytest.raises(DataError, match=r"outside lon \[-180, 360\], lat \[-90, 90\]"):
        load_zones(tmp_path / "range.gpkg")


def test_missing_land_file_is_named(tmp_path: Path, zone_geoms: dict) -> None:
    mr_frame(zone_geoms).to_file(tmp_path / "mr.gpkg")
    with pytest.raises(DataError, match=r"'.*no_land.gpkg' does not exist"):
        load_zones(tmp_path / "mr.gpkg", land=tmp_path / "no_land.gpkg")


# -- the embedded data ---------------------------------------------------------------------------


def test_embedded_zones() -> None:
    z = load_zones()
    assert load_zones() is z  # cached
    assert z.info.source == "launchgeo embedded" and z.coverage_bbox == (-180.0, -90.0, 180.0, 90.0)
    # expected labels checked against the Marine Regions reference where it has them
    # 134E 39N (MR: JPN:eez) lies in the sea that changes hands with Liancourt Rocks in the
    # embedded data; 137E 39N is Japanese either way.
    lon = np.array([139.69, 129.0, 137.0, 170.0, 131.87, 95.0])
    lat = np.array([35.69, 40.0, 39.0, 30.0, 37.33, 30.0])
    assert z.classify(lon, lat).tolist() == [
        "JPN:land", "PRK:eez", "JPN:eez", "high_seas", "JPN/KOR:overlapping_claim", "CHN:land",
    ]  # fmt: skip
    # territories are labelled by territory; their sovereign is one call away
    assert z.classify(144.5, 13.0) == "GUM:eez" and z.sovereign("GUM:eez") == "USA"
    assert z.sovereign("PYF:eez") == "FRA" and z.sovereign("JPN:eez") == "JPN"
    assert z.in_eez(lon[:5], lat[:5], "JPN").tolist() == [False, False, True, False, True]
    rng = np.random.default_rng(0)
    lo, la = rng.uniform(120, 150, 100_000), rng.uniform(25, 50, 100_000)
    assert (z.classify(lo, la) == reference_labels(z, lo, la)).all()


def test_marine_regions_with_embedded_land(shared_dir: Path) -> None:
    mr = load_zones(shared_dir / MR_ALL)
    assert mr.classify([139.69, 134.0], [35.69, 39.0]).tolist() == ["JPN:land", "JPN:eez"]
    x0, y0, x1, y1 = mr.coverage_bbox
    assert 90.0 <= x0 < 120.0 and y0 == 0.0 and 150.0 < x1 <= 180.0 and y1 == 60.0
