"""Checks on the shipped world zone and land data (src/launchgeo/zones/data/*.npz).

The file-format contract is in ``zones/data/ZONES_PROVENANCE.md``. The header checks read the
file itself (with the binary format's reader, ``zones/_format.py``); geometry and point checks go
through ``load_zones()`` (the zones as users get them). The accuracy targets against Marine
Regions run only when ../shared is present.
"""

from __future__ import annotations

import csv
import importlib.util
import itertools
import re
import sys
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import shapely
from scipy.spatial import cKDTree
from shapely.geometry import mapping

from launchgeo.geodesy.core import WGS84, destination
from launchgeo.zones import load_zones
from launchgeo.zones._format import read_collection

DATA = resources.files("launchgeo.zones") / "data"
ZONES_FILE = "zones_world.npz"
KINDS = {"land", "territorial_sea", "eez", "overlapping_claim", "joint_regime"}
REPO = Path(__file__).resolve().parents[1]
SLIVER_KM2 = 0.5  # scripts/zonebuild/settings.py

@cache
def _collection(name: str) -> dict[str, Any]:
    """A shipped collection file as a GeoJSON-like dict (read by the file-format reader)."""
    with DATA.joinpath(name).open("rb") as raw:
        col = read_collection(raw, arrays=False)
    keys = list(col.properties)
    feats = [
        {"properties": {k: col.properties[k][i] for k in keys}, "geometry": mapping(g)}
        for i, g in enumerate(col.geometries)
    ]
    return {"type": "FeatureCollection", "launchgeo": col.metadata, "features": feats}


def _header() -> dict[str, Any]:
    return _collection(ZONES_FILE)


@cache
def _zones() -> dict[str, Any]:
    gdf = load_zones().to_geodataframe()
    return dict(zip(gdf["label"], gdf.geometry, strict=True))


def _classify(lon: Any, lat: Any) -> Any:
    return load_zones().classify(lon, lat)


# ---- format -------------------------------------------------------------------------------------
def test_header_states_world_coverage_sovereigns_and_provenance() -> None:
    fc = _header()
    assert fc["type"] == "FeatureCollection"
    meta = fc["launchgeo"]
    assert meta["coverage_bbox"] == [-180.0, -90.0, 180.0, 90.0]
    assert meta["version"]
    assert "world-atlas@2.0.2" in meta["built_from"]
    sov = meta["sovereigns"]
    assert sov["PYF"] == "FRA" and sov["GUM"] == "USA" and sov["GRL"] == "DNK"
    assert "JPN" not in sov  # only codes whose sovereign differs
    assert load_zones().info.provenance["sovereigns"] == sov


def test_labels_follow_the_vocabulary_and_name_their_sovereign() -> None:
    feats = _header()["features"]
    labels = [f["properties"]["label"] for f in feats]
    assert labels == sorted(labels)
    assert len(set(labels)) == len(labels)
    sov = _header()["launchgeo"]["sovereigns"]
    for f in feats:
        p = f["properties"]
        states = p["states"].split("/")
        assert states == sorted(set(states)), p
        assert all(re.fullmatch(r"[A-Z]{3}", s) for s in states), p
        assert p["kind"] in KINDS, p
        assert p["label"] == f"{p['states']}:{p['kind']}"
        assert isinstance(p["name"], str) and p["name"]
        expect = "/".join(sorted({sov.get(s, s) for s in states}))
        assert p["sovereign"] == expect, p
    for needed in (
        "JPN:eez", "JPN:territorial_sea", "JPN:land", "KOR:eez", "PRK:eez", "RUS:eez", "CHN:eez",
        "USA:eez", "GUM:eez", "PYF:eez", "MHL:eez", "IRN:eez", "SAU:eez", "YEM:eez", "EGY:eez",
        "ATA:land", "JPN/KOR:overlapping_claim", "JPN/RUS:overlapping_claim",
        "CHN/JPN/TWN:overlapping_claim", "CHN/MYS/PHL/TWN/VNM:overlapping_claim",
        "ARE/IRN:overlapping_claim", "ARG/GBR:overlapping_claim", "ESH/MAR:overlapping_claim",
        "CYP/TUR:overlapping_claim", "RUS/UKR:overlapping_claim",
        "AZE/IRN/KAZ/RUS/TKM:joint_regime",
    ):  # fmt: skip
        assert needed in labels, needed


def test_geometries_valid_ccw_on_the_grid_and_inside_the_world() -> None:
    for f in _header()["features"]:
        g = shapely.geometry.shape(f["geometry"])
        label = f["properties"]["label"]
        assert f["geometry"]["type"] in ("Polygon", "MultiPolygon")
        assert g.is_valid, (label, shapely.is_valid_reason(g))
        x0, y0, x1, y1 = g.bounds
        assert x0 >= -180 and y0 >= -90 and x1 <= 180 and y1 <= 90, label
        for poly in shapely.get_parts(g):
            assert poly.exterior.is_ccw, label
            assert all(not r.is_ccw for r in poly.interiors), label
        c = shapely.get_coordinates(g) * 1e5
        np.testing.assert_allclose(c, np.round(c), atol=1e-6, err_msg=label)


@pytest.mark.slow
def test_zones_form_an_exact_coverage() -> None:
    zones = _zones()
    labels = list(zones)
    geoms = np.array([zones[k] for k in labels])
    assert shapely.coverage_is_valid(geoms)  # shared edges identical: no gaps, no slivers
    tree = shapely.STRtree(geoms)
    left, right = tree.query(geoms, predicate="overlaps")
    pairs = [(labels[a], labels[b]) for a, b in zip(left, right, strict=True) if a != b]
    assert pairs == []


def test_no_sea_slivers() -> None:
    """Issue 14: no sea polygon below the stated threshold (land islets are real and stay)."""
    small = []
    for label, geom in _zones().items():
        if label.endswith(":land"):
            continue
        for p in shapely.get_parts(geom):
            if shapely.area(p) * 111.32**2 < 4 * SLIVER_KM2:
                km2 = abs(WGS84.geometry_area_perimeter(p)[0]) / 1e6
                if km2 < SLIVER_KM2:
                    small.append((label, km2))
    assert small == []


def test_package_data_size() -> None:
    package = REPO / "src" / "launchgeo"
    total = sum(p.stat().st_size for p in package.glob("**/data/*") if p.is_file())
    assert total < 25e6


# ---- every point on Earth -----------------------------------------------------------------------
def test_every_point_on_earth_has_a_label() -> None:
    lon, lat = np.meshgrid(np.arange(-180.0, 180.01, 0.5), np.arange(-90.0, 90.01, 0.5))
    labels = _classify(lon.ravel(), lat.ravel())
    assert "no_data" not in set(labels.tolist())
    assert load_zones().coverage_bbox == (-180.0, -90.0, 180.0, 90.0)


def test_poles_and_the_antimeridian() -> None:
    got = _classify([0.0, 123.0, 0.0, -45.0], [90.0, 90.0, -90.0, -90.0]).tolist()
    assert got == ["high_seas", "high_seas", "ATA:land", "ATA:land"]
    # the same place seen from both sides of +-180 (Fiji's waters, the Bering Sea)
    for lat in (-17.0, 62.0):
        a, b = _classify([180.0, -180.0, 179.9999, -179.9999], [lat] * 4).tolist()[:2]
        assert a == b != "high_seas"


# ---- known points -------------------------------------------------------------------------------
OKUSHIRI = (139.45, 42.15)  # Okushiri Island, off south-west Hokkaido
OKINOTORISHIMA = (136.086, 20.425)  # data/island_basepoints.csv


@pytest.mark.parametrize(
    ("lon", "lat", "label"),
    [
        (139.6917, 35.6895, "JPN:land"),  # Tokyo
        (126.978, 37.566, "KOR:land"),  # Seoul
        (125.754, 39.034, "PRK:land"),  # Pyongyang
        (131.8612, 37.2430, "JPN/KOR:land"),  # Liancourt Rocks (Natural Earth's islet)
        (131.9, 37.5, "JPN/KOR:overlapping_claim"),  # 30 km north of the rocks
        (123.9, 25.5, "CHN/JPN/TWN:overlapping_claim"),  # south of the Senkakus
        (146.5, 44.6, "JPN/RUS:overlapping_claim"),  # between Kunashir and Iturup, Pacific side
        (139.0, 38.0, "JPN:territorial_sea"),  # 12 km off Niigata
        (137.0, 40.0, "JPN:eez"),  # Yamato Bank area
        (170.0, 40.0, "high_seas"),  # North Pacific
        # Territories keep their own code (changed from "USA:eez" when zones became world-wide):
        (144.5, 13.0, "GUM:eez"),  # 50 km west of Guam
        (-149.8, -17.0, "PYF:eez"),  # north of Tahiti
        (167.0, 8.0, "MHL:eez"),  # south-west of Kwajalein
        (-157.5, 20.0, "USA:eez"),  # off Hawaii (a state, not a territory)
        (55.031, 25.872, "ARE/IRN:land"),  # Abu Musa
        (55.3, 26.0, "ARE/IRN:overlapping_claim"),  # between Abu Musa and the Tunbs
        (-59.0, -53.0, "ARG/GBR:overlapping_claim"),  # south of the Falklands
        (-16.5, 23.5, "ESH/MAR:overlapping_claim"),  # off Dakhla, Western Sahara
        (33.3, 35.6, "CYP/TUR:overlapping_claim"),  # north of Kyrenia
        (33.0, 44.3, "RUS/UKR:overlapping_claim"),  # off Sevastopol
        (51.0, 42.0, "AZE/IRN/KAZ/RUS/TKM:joint_regime"),  # mid-Caspian
        (50.0, 40.2, "AZE:territorial_sea"),  # 15 km off Baku (15 nm in the Caspian)
        (34.55, 27.96, "SAU:land"),  # Tiran (Saudi since the 2016 agreement)
        (-170.0, -74.0, "high_seas"),  # Ross Sea: Antarctica generates no zones
        (39.3, 20.0, "SAU:eez"),  # central Red Sea, Saudi side
        (38.0, 20.0, "SDN:eez"),  # central Red Sea, Sudanese side
    ],
)
def test_known_points(lon: float, lat: float, label: str) -> None:
    assert _classify(lon, lat) == label


def test_antarctica_is_land_without_maritime_zones() -> None:
    labels = set(_zones())
    assert "ATA:land" in labels
    assert not [lab for lab in labels if "ATA" in lab.split(":")[0] and not lab.endswith(":land")]
    # 30 km north of the Antarctic coast all round: high seas (or Antarctic land in a bay)
    coast = _zones()["ATA:land"]
    ring = max(shapely.get_parts(coast), key=shapely.area).exterior
    pts = shapely.get_coordinates(shapely.segmentize(ring, 5.0))[::20]
    pts = pts[np.abs(pts[:, 1]) < 89.0]
    far = np.array([destination(lo, la, 0.0, 30.0) for lo, la in pts])
    labels = set(_classify(far[:, 0], far[:, 1]).tolist())
    assert labels <= {"high_seas", "ATA:land"}, labels


def test_okushiri_100_km_west_is_japanese_eez() -> None:
    lon, lat = destination(*OKUSHIRI, 270.0, 100.0)
    assert _classify(lon, lat) == "JPN:eez"


def test_central_sea_of_japan() -> None:
    """134°E 40.5°N is Russian EEZ, not high seas (253 km from Russia, 387 km from Japan)."""
    assert _classify(134.0, 40.5) == "RUS:eez"


@pytest.mark.parametrize(
    ("distance_km", "label"),
    [
        (22.0, "JPN:territorial_sea"),  # < 12 nm = 22.224 km
        (22.5, "JPN:eez"),
        (369.5, "JPN:eez"),  # < 200 nm = 370.4 km
        (371.3, "high_seas"),
    ],
)
def test_okinotorishima_limits_are_geodesic(distance_km: float, label: str) -> None:
    """Due south of Okinotorishima there is no other land within 600 km: its own limits show."""
    lon, lat = destination(*OKINOTORISHIMA, 180.0, distance_km)
    assert _classify(lon, lat) == label


# ---- agreed boundaries --------------------------------------------------------------------------
@cache
def _boundary_lines() -> list[Any]:
    sys.path.insert(0, str(REPO / "scripts"))
    try:
        from zonebuild.sources import read_boundary_lines
    finally:
        sys.path.remove(str(REPO / "scripts"))
    return read_boundary_lines()


def test_agreed_lines_are_recorded_with_sources() -> None:
    with open(REPO / "data" / "maritime_boundary_lines.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    ids = {r["line"] for r in rows}
    assert {"JPN-KOR-1974", "IRN-QAT-1969", "IRN-ARE-1974"} <= ids
    assert all(len(r["source"]) > 40 for r in rows)


@pytest.mark.parametrize("line_id", ["JPN-KOR-1974", "IRN-QAT-1969", "IRN-ARE-1974"])
def test_agreed_lines_are_followed(line_id: str) -> None:
    """3 km either side of each segment's midpoint lies in the zones of the owner on that side."""
    line = next(ln for ln in _boundary_lines() if ln.line_id == line_id)
    p = line.points
    checked = 0
    for (lo1, la1), (lo2, la2) in itertools.pairwise(p):
        az, _, dist = WGS84.inv(lo1, la1, lo2, la2)
        if dist < 2000.0:
            continue
        mlon, mlat, _ = WGS84.fwd(lo1, la1, az, dist / 2)
        for side, owner in ((-90.0, line.left), (90.0, line.right)):
            lon, lat = destination(mlon, mlat, (az + side) % 360.0, 3.0)
            label = str(_classify(lon, lat))
            states, kind = label.split(":")
            if "/" in states or kind == "land":
                continue  # a disputed island's zone or an islet: the line does not apply there
            assert states == owner, (line_id, lon, lat, label)
            checked += 1
    assert checked >= 2


# ---- medians ------------------------------------------------------------------------------------
def _land_points(state: str) -> np.ndarray:
    """Coast vertices of a state's land (densified to <= ~1 km) plus its island basepoints."""
    land = shapely.segmentize(_zones()[f"{state}:land"], 0.01)
    pts = [shapely.get_coordinates(shapely.boundary(land))]
    for name in ("island_basepoints.csv", "island_basepoints_gshhg.csv"):
        with open(REPO / "data" / name, encoding="utf-8") as f:
            rows = [r for r in csv.DictReader(f) if r["state"] == state]
        pts.append(np.array([[float(r["lon"]), float(r["lat"])] for r in rows]).reshape(-1, 2))
    return np.vstack(pts)


def _nearest_km(lon: np.ndarray, lat: np.ndarray, pts: np.ndarray) -> np.ndarray:
    def xyz(lo: np.ndarray, la: np.ndarray) -> np.ndarray:
        lo, la = np.radians(lo), np.radians(la)
        return np.column_stack([np.cos(la) * np.cos(lo), np.cos(la) * np.sin(lo), np.sin(la)])

    _, nn = cKDTree(xyz(pts[:, 0], pts[:, 1])).query(xyz(lon, lat), k=16)
    _, _, d = WGS84.inv(
        np.repeat(lon, 16), np.repeat(lat, 16), pts[nn.ravel(), 0], pts[nn.ravel(), 1]
    )
    return np.asarray(d).reshape(-1, 16).min(axis=1) / 1000.0


@pytest.mark.parametrize(
    ("a", "b"),
    [("JPN", "RUS"), ("KOR", "PRK"), ("CHN", "KOR"), ("PHL", "TWN"), ("ITA", "LBY"),
     ("BRA", "URY"), ("AUS", "IDN")],
)  # fmt: skip
def test_medians_are_geodesically_equidistant(a: str, b: str) -> None:
    """Vertices of the line between two EEZs are equally far from both states' land (WGS84)."""
    zones = _zones()
    line = shapely.intersection(zones[f"{a}:eez"].boundary, zones[f"{b}:eez"].boundary)
    c = shapely.get_coordinates(line)
    assert len(c) > 20
    da = _nearest_km(c[:, 0], c[:, 1], _land_points(a))
    db = _nearest_km(c[:, 0], c[:, 1], _land_points(b))
    # the build measures <= 30 m; allowed: the coverage simplification (0.002°, about 100 m
    # off a vertex) and the coast densified to ~1 km here
    assert np.median(np.abs(da - db)) / 2 < 0.05
    assert np.abs(da - db).max() / 2 < 0.35, np.abs(da - db).max() / 2


# ---- land for maps ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "n_min"), [("land_world_50m.npz", 200), ("land_world_110m.npz", 170)]
)
def test_land_files(name: str, n_min: int) -> None:
    feats = _collection(name)["features"]
    assert len(feats) >= n_min
    iso = [f["properties"]["iso3"] for f in feats]
    assert all(i is None or re.fullmatch(r"[A-Z]{3}(/[A-Z]{3})*", i) for i in iso)
    assert {"JPN", "KOR", "PRK", "CHN", "RUS", "IRN", "USA", "ATA"} <= set(iso)
    for f in feats:
        assert shapely.geometry.shape(f["geometry"]).is_valid, f["properties"]
    japan = next(
        shapely.geometry.shape(f["geometry"]) for f in feats if f["properties"]["iso3"] == "JPN"
    )
    assert japan.contains(shapely.Point(139.6917, 35.6895))  # Tokyo


# ---- accuracy against Marine Regions (../shared only) ------------------------------------------
@cache
def _accuracy_module(shared: Path) -> Any:
    spec = importlib.util.spec_from_file_location(
        "zone_accuracy", REPO / "benchmarks" / "zone_accuracy.py"
    )
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # dataclasses look their module up while the module runs
    spec.loader.exec_module(mod)
    mod.REF = shared / "reference" / "eez"
    mod.REF_WORLD = shared / "reference" / "eez_global" / "eez_global_mr_v8_v10.gpkg"
    return mod


@cache
def _accuracy(shared: Path) -> Any:
    return _accuracy_module(shared).measure()


@pytest.mark.slow
@pytest.mark.reference
def test_japan_accuracy_against_marine_regions(shared_dir: Path) -> None:
    acc = _accuracy(shared_dir)
    assert acc.iou["JPN"] >= 0.992
    median_km, p95_km, max_km = acc.boundary_km
    assert max_km <= 15.0
    assert median_km <= 2.0
    # Regression guard at the measured value (6.01 km); the 5.5-km target is the xfail below.
    assert p95_km <= 6.1
    assert abs(acc.jpn_area_km2 / acc.ref_area_km2 - 1) < 0.005
    for iso3, floor in (("KOR", 0.94), ("PRK", 0.90), ("RUS", 0.98), ("CHN", 0.94)):
        assert acc.iou[iso3] >= floor, (iso3, acc.iou[iso3])


@pytest.mark.reference
@pytest.mark.xfail(
    reason="p95 is 6.01 km: Marine Regions' Japan-Russia line is equidistant in Mercator, not on "
    "the ellipsoid, in the central Sea of Japan (10 km difference in distances), and gives "
    "Moneron less than full effect west of La Perouse Strait (its vertices are 6-10 km nearer "
    "Russia than Japan); see ZONES_PROVENANCE.md",
    strict=True,
)
def test_sea_of_japan_p95_target(shared_dir: Path) -> None:
    assert _accuracy(shared_dir).boundary_km[1] <= 5.5


@pytest.mark.slow
@pytest.mark.reference
def test_world_accuracy_against_marine_regions(shared_dir: Path) -> None:
    acc = _accuracy_module(shared_dir).measure_world()
    assert acc.global_iou >= 0.95
    assert acc.median_big >= 0.95
    assert acc.n_big >= 100
