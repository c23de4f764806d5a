"""Exports: GeoJSON (RFC 7946), KML (Google Earth, pole and date line), GeoPackage; round trips."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pytest
import shapely
from shapely.geometry import LineString, MultiLineString, Point, Polygon

import launchgeo
from launchgeo.errors import DataError, ValidationError
from launchgeo.io import SUPPORTED_SUFFIXES, export, to_geodataframe, to_geopackage, to_kml

KML = "{http://www.opengis.net/kml/2.2}"
TOL_DEG = 1e-7


class StandInAssessment:
    """Duck-typed stand-in for launchgeo.LaunchAssessment (lead's branch)."""

    site = "Pyongyang Sunan International Airport"
    range_km = 650.0

    def to_geodataframe(self) -> gpd.GeoDataFrame:
        rows = [
            ("KOR:eez", 81.59, 99.09, 198.2, 0.0486, [(131.0, 38.9), (132.0, 38.0)]),
            ("JPN:eez", 99.09, 149.15, 567.0, 0.139, [(132.0, 38.0), (130.0, 34.0)]),
            ("high_seas", 271.88, 47.60, 1537.1, 0.377, [(119.0, 40.0), (126.0, 45.0)]),
        ]
        return gpd.GeoDataFrame(
            {
                "site": self.site,
                "range_km": self.range_km,
                "zone": [r[0] for r in rows],
                "bearing_from_deg": [r[1] for r in rows],
                "bearing_to_deg": [r[2] for r in rows],
                "length_km": [r[3] for r in rows],
                "share": [r[4] for r in rows],
            },
            geometry=[LineString(r[5]) for r in rows],
            crs="EPSG:4326",
        )


def _rings() -> dict[str, Any]:
    return {
        "regional": launchgeo.range_ring("Sunan", 650),
        "icbm": launchgeo.range_ring("Sunan", 13_000),
        "dateline": launchgeo.range_ring((170.0, 50.0), 3000),
        "band": launchgeo.range_band("Sunan", 350, 650),
        "fan": launchgeo.range_fan("Sunan", 1000, bearing_from_deg=300, bearing_to_deg=60),
    }


def _points() -> gpd.GeoDataFrame:
    lon = [132.0, 135.5, 175.0, -179.5]
    lat = [35.0, 39.0, 50.0, 51.0]
    return gpd.GeoDataFrame(
        {"lon": lon, "lat": lat, "zone": ["JPN:eez", "JPN:eez", "high_seas", "no_data"]},
        geometry=gpd.points_from_xy(lon, lat),
        crs="EPSG:4326",
    )


CASES = {
    **{f"ring_{k}": v for k, v in _rings().items()},
    "ring_list": [launchgeo.range_ring("Sunan", r) for r in (350, 650)],
    "range_rings": launchgeo.range_rings("Sunan", [350, 650, 13_000]),
    "radials": launchgeo.radials("Sunan", 13_000, [0, 45, 90]),
    "assessment": StandInAssessment(),
    "points": _points(),
}


def _same_geometry(a: Any, b: Any) -> None:
    assert a.geom_type.replace("Multi", "") == b.geom_type.replace("Multi", "")
    assert shapely.hausdorff_distance(a, b) <= TOL_DEG
    if a.area > 0:
        assert abs(a.area - b.area) <= 1e-6 * max(1.0, b.area)


def _same_attributes(written: pd.DataFrame, read: pd.DataFrame) -> None:
    for col in written.columns:
        if col == written.geometry.name:
            continue
        assert col in read.columns, col
        for w, r in zip(written[col], read[col], strict=True):
            if w is None or (isinstance(w, float) and np.isnan(w)):
                assert r is None or (isinstance(r, float) and np.isnan(r))
            elif isinstance(w, float | np.floating):
                assert float(r) == pytest.approx(float(w), rel=1e-12, abs=1e-12)
            else:
                assert r == w, (col, w, r)


@pytest.mark.parametrize("suffix", [".geojson", ".gpkg"])
@pytest.mark.parametrize("name", sorted(CASES))
def test_round_trip_geometry_and_attributes(tmp_path: Path, name: str, suffix: str) -> None:
    obj = CASES[name]
    path = export(obj, tmp_path / f"{name}{suffix}")
    written = to_geodataframe(obj)
    read = pyogrio.read_dataframe(path)
    assert len(read) == len(written)
    for a, b in zip(read.geometry, written.geometry, strict=True):
        _same_geometry(a, b)
    _same_attributes(written, read)


def _signed_area(ring: list[list[float]]) -> float:
    xy = np.asarray(ring)
    return 0.5 * float(np.sum(xy[:-1, 0] * xy[1:, 1] - xy[1:, 0] * xy[:-1, 1]))


@pytest.mark.parametrize("name", ["ring_icbm", "ring_dateline", "ring_band", "ring_fan"])
def test_geojson_is_rfc7946(tmp_path: Path, name: str) -> None:
    """Lon/lat within [-180, 180], exterior rings counter-clockwise, holes clockwise."""
    doc = json.loads(export(CASES[name], tmp_path / "r.geojson").read_text())
    assert "crs" not in doc
    geom = doc["features"][0]["geometry"]
    polys = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
    for poly in polys:
        assert _signed_area(poly[0]) > 0
        for hole in poly[1:]:
            assert _signed_area(hole) < 0
        xy = np.concatenate([np.asarray(r) for r in poly])
        assert np.all(np.abs(xy[:, 0]) <= 180.0) and np.all(np.abs(xy[:, 1]) <= 90.0)


def test_geojson_ring_crossing_dateline_is_split(tmp_path: Path) -> None:
    doc = json.loads(export(CASES["ring_dateline"], tmp_path / "r.json").read_text())
    geom = doc["features"][0]["geometry"]
    assert geom["type"] == "MultiPolygon"
    xs = [np.asarray(p[0])[:, 0] for p in geom["coordinates"]]
    # One piece east of the date line, one west; no edge jumps across it.
    assert sorted(round(float(np.median(x))) > 0 for x in xs) == [False, True]
    for x in xs:
        assert np.max(np.abs(np.diff(x))) < 10.0


# -- KML ---------------------------------------------------------------------------------------
def _parse_coords(text: str) -> np.ndarray:
    return np.array([[float(v) for v in t.split(",")[:2]] for t in text.split()])


def _read_kml(path: Path) -> list[dict[str, Any]]:
    root = ET.parse(path).getroot()
    out = []
    for pm in root.iter(f"{KML}Placemark"):
        data = {
            d.get("name"): d.find(f"{KML}value").text  # type: ignore[union-attr]
            for d in pm.iter(f"{KML}Data")
        }
        polys = []
        for poly in pm.iter(f"{KML}Polygon"):
            outer = poly.find(f"{KML}outerBoundaryIs/{KML}LinearRing/{KML}coordinates")
            inner = poly.findall(f"{KML}innerBoundaryIs/{KML}LinearRing/{KML}coordinates")
            polys.append(
                Polygon(_parse_coords(outer.text), [_parse_coords(i.text) for i in inner])  # type: ignore[union-attr,arg-type]
            )
        lines = [
            LineString(_parse_coords(c.text))  # type: ignore[arg-type]
            for ls in pm.iter(f"{KML}LineString")
            for c in ls.iter(f"{KML}coordinates")
        ]
        points = [
            Point(_parse_coords(c.text)[0])  # type: ignore[arg-type]
            for pt in pm.iter(f"{KML}Point")
            for c in pt.iter(f"{KML}coordinates")
        ]
        out.append(
            {
                "name": pm.findtext(f"{KML}name"),
                "style": pm.findtext(f"{KML}styleUrl"),
                "data": data,
                "polygons": polys,
                "lines": lines,
                "points": points,
            }
        )
    return out


@pytest.mark.parametrize(
    "name", sorted(k for k in CASES if k.startswith("ring_") and k != "ring_list")
)
def test_kml_polygons_round_trip(tmp_path: Path, name: str) -> None:
    ring = CASES[name]
    (pm,) = _read_kml(to_kml(ring, tmp_path / "r.kml"))
    union = shapely.union_all(pm["polygons"])
    assert abs(union.area - ring.geometry.area) <= 1e-6 * ring.geometry.area
    assert shapely.hausdorff_distance(union, ring.geometry) <= TOL_DEG
    # Every piece is narrower than a hemisphere: Google Earth fills it unambiguously.
    for piece in pm["polygons"]:
        minx, _, maxx, _ = piece.bounds
        assert maxx - minx <= 90.0 + 1e-9


@pytest.mark.parametrize("name", ["ring_icbm", "ring_dateline"])
def test_kml_lines_are_the_circle_without_seams(tmp_path: Path, name: str) -> None:
    """Regression: a pole-enclosing ring must not draw a seam along +-180 or a spoke to the pole."""
    ring = CASES[name]
    (pm,) = _read_kml(to_kml(ring, tmp_path / "r.kml"))
    lines = MultiLineString(pm["lines"])
    # The drawn lines are the ring's circle (within the KML coordinate precision) ...
    assert shapely.hausdorff_distance(lines, ring.boundary) <= TOL_DEG
    # ... and no drawn edge runs along the antimeridian or a pole.
    for line in pm["lines"]:
        xy = np.asarray(line.coords)
        along_seam = (np.abs(xy[:-1, 0]) == 180) & (xy[:-1, 0] == xy[1:, 0])
        along_pole = (np.abs(xy[:-1, 1]) == 90) & (xy[:-1, 1] == xy[1:, 1])
        assert not along_seam.any() and not along_pole.any()
        # Google Earth draws edges as great circles: keep them short.
        assert np.max(np.abs(np.diff(xy, axis=0))) <= 1.0 + 1e-9


def test_kml_pole_cap_has_no_outline_and_no_repeated_pole_vertices(tmp_path: Path) -> None:
    path = to_kml(CASES["ring_icbm"], tmp_path / "r.kml")
    root = ET.parse(path).getroot()
    assert {e.text for e in root.iter(f"{KML}outline")} == {"0"}
    (pm,) = _read_kml(path)
    for piece in pm["polygons"]:
        xy = np.asarray(piece.exterior.coords)
        at_pole = np.abs(xy[:-1, 1]) == 90.0  # the closing vertex repeats the first
        assert at_pole.sum() <= 3  # corners only: the pole edge is not densified


def test_kml_names_styles_and_extended_data(tmp_path: Path) -> None:
    path = export(CASES["assessment"], tmp_path / "arcs.kml", layer="Sunan 650 km")
    root = ET.parse(path).getroot()
    assert root.findtext(f"{KML}Document/{KML}name") == "Sunan 650 km"
    pms = _read_kml(path)
    assert [p["name"] for p in pms] == [
        "Pyongyang Sunan International Airport KOR:eez 81.6-99.1 deg",
        "Pyongyang Sunan International Airport JPN:eez 99.1-149.2 deg",
        "Pyongyang Sunan International Airport high_seas 271.9-47.6 deg",
    ]
    assert pms[1]["data"]["zone"] == "JPN:eez"
    assert float(pms[1]["data"]["bearing_from_deg"]) == 99.09
    # Japan's arc has its own (red) style, different from South Korea's.
    styles = {
        s.get("id"): s.findtext(f"{KML}LineStyle/{KML}color") for s in root.iter(f"{KML}Style")
    }
    assert styles[pms[1]["style"].lstrip("#")] == "ff2827d6"
    assert pms[0]["style"] != pms[1]["style"]
    src = CASES["assessment"].to_geodataframe()
    for pm, geom in zip(pms, src.geometry, strict=True):
        assert shapely.hausdorff_distance(MultiLineString(pm["lines"]), geom) <= TOL_DEG


def test_kml_ring_attributes(tmp_path: Path) -> None:
    (pm,) = _read_kml(export(CASES["ring_icbm"], tmp_path / "icbm.kml"))
    assert pm["name"] == "Pyongyang Sunan International Airport 13,000 km ring"
    assert pm["data"]["range_km"] == "13000.0"
    assert pm["data"]["encloses_north_pole"] == "true"
    assert "bearing_from_deg" not in pm["data"]  # None is left out


def test_kml_points(tmp_path: Path) -> None:
    pms = _read_kml(export(CASES["points"], tmp_path / "p.kml"))
    assert [p["name"] for p in pms] == ["JPN:eez", "JPN:eez", "high_seas", "no_data"]
    src = CASES["points"]
    for pm, lon, lat in zip(pms, src["lon"], src["lat"], strict=True):
        assert pm["points"][0].x == pytest.approx(lon, abs=TOL_DEG)
        assert pm["points"][0].y == pytest.approx(lat, abs=TOL_DEG)


def test_kml_readable_by_gdal(tmp_path: Path) -> None:
    path = export(CASES["range_rings"], tmp_path / "rings.kml")
    read = pyogrio.read_dataframe(path)
    assert read["Name"].tolist() == [
        f"Pyongyang Sunan International Airport {r} km ring" for r in ("350", "650", "13,000")
    ]


# -- GeoPackage --------------------------------------------------------------------------------
def test_geopackage_layers_and_attributes(tmp_path: Path) -> None:
    path = tmp_path / "sunan.gpkg"
    to_geopackage(CASES["range_rings"], path, layer="rings")
    to_geopackage(CASES["assessment"], path, layer="arcs")
    to_geopackage(CASES["radials"], path, layer="radials")
    assert sorted(n for n, _ in pyogrio.list_layers(path)) == ["arcs", "radials", "rings"]
    arcs = pyogrio.read_dataframe(path, layer="arcs")
    assert arcs[["site", "range_km", "zone", "bearing_from_deg", "bearing_to_deg"]].values[
        1
    ].tolist() == [
        "Pyongyang Sunan International Airport",
        650.0,
        "JPN:eez",
        99.09,
        149.15,
    ]
    rings = pyogrio.read_dataframe(path, layer="rings")
    assert rings["encloses_north_pole"].tolist() == [False, False, True]
    # Writing a layer again replaces it.
    to_geopackage(CASES["range_rings"].iloc[:1], path, layer="rings")
    assert len(pyogrio.read_dataframe(path, layer="rings")) == 1


def test_dataframe_with_lon_lat_becomes_points(tmp_path: Path) -> None:
    frame = pd.DataFrame({"lon": [132.0], "lat": [35.0], "zone": ["JPN:eez"]})
    read = pyogrio.read_dataframe(export(frame, tmp_path / "p.geojson"))
    assert (read.geometry[0].x, read.geometry[0].y) == (132.0, 35.0)
    assert "geometry" not in frame.columns  # the caller's frame is not modified


def test_caller_geodataframe_not_modified(tmp_path: Path) -> None:
    gdf = CASES["range_rings"]
    before = gdf.copy()
    export(gdf, tmp_path / "r.kml")
    export(gdf, tmp_path / "r.geojson")
    pd.testing.assert_frame_equal(gdf, before)


# -- errors ------------------------------------------------------------------------------------
def test_unknown_suffix_lists_supported(tmp_path: Path) -> None:
    with pytest.raises(ValidationError) as info:
        export(CASES["ring_regional"], tmp_path / "r.shp")
    message = str(info.value)
    assert "'.shp'" in message
    for suffix in SUPPORTED_SUFFIXES:
        assert suffix in message


@pytest.mark.parametrize("suffix", sorted(SUPPORTED_SUFFIXES))
def test_unwritable_path_is_data_error(tmp_path: Path, suffix: str) -> None:
    with pytest.raises(DataError, match="does not exist"):
        export(CASES["ring_regional"], tmp_path / "missing" / f"r{suffix}")
    (tmp_path / f"dir{suffix}").mkdir()
    with pytest.raises(DataError, match="is a directory"):
        export(CASES["ring_regional"], tmp_path / f"dir{suffix}")


def test_unsupported_object_and_missing_crs(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="cannot export int"):
        export(42, tmp_path / "x.geojson")
    with pytest.raises(ValidationError, match="no CRS"):
        export(gpd.GeoDataFrame(geometry=[Point(0, 0)]), tmp_path / "x.geojson")
    with pytest.raises(ValidationError, match="'lon' and 'lat'"):
        export(pd.DataFrame({"x": [1]}), tmp_path / "x.geojson")


def test_other_crs_is_reprojected(tmp_path: Path) -> None:
    pts = _points().to_crs("EPSG:3857")
    read = pyogrio.read_dataframe(export(pts, tmp_path / "p.geojson"))
    assert read.geometry[0].x == pytest.approx(132.0, abs=TOL_DEG)


def test_impact_estimate_round_trip(tmp_path: Path) -> None:
    """Impact statements export through their __geo_interface__ (the rounding region)."""
    est = launchgeo.parse_impact_description("about 200 km west of Okushiri Island")
    read = pyogrio.read_dataframe(export(est, tmp_path / "impact.gpkg"))
    _same_geometry(read.geometry[0], est.region)
    assert (read["lon"][0], read["lat"][0]) == (est.lon, est.lat)
    (pm,) = _read_kml(export(est, tmp_path / "impact.kml"))
    assert pm["name"] == "about 200 km west of Okushiri Island"
    assert shapely.hausdorff_distance(shapely.union_all(pm["polygons"]), est.region) <= TOL_DEG
