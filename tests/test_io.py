"""Exports: GeoJSON (RFC 7946), KML/KMZ (Google Earth, pole and date line), GeoPackage,
FlatGeobuf, CSV; round trips, typed fields, boundary lines, atomic writes; read back with
independent readers (GDAL through pyogrio and ogrinfo, xml.etree, fastkml, json, csv).
"""

from __future__ import annotations

import itertools
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
from launchgeo.io import (
    SUPPORTED_SUFFIXES,
    export,
    to_geodataframe,
    to_geopackage,
    to_kml,
    to_layers,
)

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
            if w is None or w is pd.NA or (isinstance(w, float) and np.isnan(w)):
                assert r is None or r is pd.NA or (isinstance(r, float) and np.isnan(r)), (col, r)
            elif isinstance(w, bool | np.bool_):
                assert bool(r) == bool(w), (col, w, r)
            elif isinstance(w, float | np.floating):
                assert float(r) == pytest.approx(float(w), rel=1e-12, abs=1e-12)
            else:
                assert r == w, (col, w, r)


@pytest.mark.parametrize("suffix", [".geojson", ".fgb"])
@pytest.mark.parametrize("name", sorted(CASES))
def test_round_trip_single_table(tmp_path: Path, name: str, suffix: str) -> None:
    """GeoJSON and FlatGeobuf hold every layer in one table, told apart by ``layer``."""
    obj = CASES[name]
    path = export(obj, tmp_path / f"{name}{suffix}")
    written = to_geodataframe(obj)
    read = pyogrio.read_dataframe(path)
    assert len(read) == len(written)
    assert read["layer"].tolist() == written["layer"].tolist()
    for a, b in zip(read.geometry, written.geometry, strict=True):
        _same_geometry(a, b)
    _same_attributes(written, read)


@pytest.mark.parametrize("name", sorted(CASES))
def test_round_trip_geopackage_layers(tmp_path: Path, name: str) -> None:
    """One GeoPackage layer per export layer; the main one carries the file's name."""
    obj = CASES[name]
    path = export(obj, tmp_path / "out.gpkg")
    kind, layers = to_layers(obj)
    main = {"rings": "rings", "assessment": "arcs", "features": "features"}[kind]
    names = {n for n, _ in pyogrio.list_layers(path)}
    assert names == {"out" if x.name == main else f"out_{x.name}" for x in layers}
    for layer in layers:
        read = pyogrio.read_dataframe(
            path, layer="out" if layer.name == main else f"out_{layer.name}"
        )
        assert len(read) == len(layer.frame)
        for a, b in zip(read.geometry, layer.frame.geometry, strict=True):
            _same_geometry(a, b)
        _same_attributes(layer.frame, read)


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


def _read_kml(path: Path, folder: str | None = None) -> list[dict[str, Any]]:
    """Placemarks (of one Folder, if given) read with xml.etree."""
    root = ET.parse(path).getroot()
    out = []
    for fold in root.iter(f"{KML}Folder"):
        fname = fold.findtext(f"{KML}name")
        if folder is not None and fname != folder:
            continue
        for pm in fold.iter(f"{KML}Placemark"):
            data = {d.get("name"): d.text for d in pm.iter(f"{KML}SimpleData")}
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
                    "folder": fname,
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
    (pm,) = _read_kml(to_kml(ring, tmp_path / "r.kml"), "Rings")
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
    (pm,) = _read_kml(to_kml(ring, tmp_path / "r.kml"), "Rings")
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
    (pm,) = _read_kml(path, "Rings")
    for piece in pm["polygons"]:
        xy = np.asarray(piece.exterior.coords)
        at_pole = np.abs(xy[:-1, 1]) == 90.0  # the closing vertex repeats the first
        assert at_pole.sum() <= 3  # corners only: the pole edge is not densified


def test_kml_names_styles_and_extended_data(tmp_path: Path) -> None:
    path = export(CASES["assessment"], tmp_path / "arcs.kml", layer="Sunan 650 km")
    root = ET.parse(path).getroot()
    assert root.findtext(f"{KML}Document/{KML}name") == "Sunan 650 km"
    pms = _read_kml(path, "Features")
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
    (pm,) = _read_kml(export(CASES["ring_icbm"], tmp_path / "icbm.kml"), "Rings")
    assert pm["name"] == "Pyongyang Sunan International Airport 13,000 km ring"
    assert pm["data"]["range_km"] == "13000.0"
    assert pm["data"]["encloses_north_pole"] == "1"  # KML's bool
    assert float(pm["data"]["area_km2"]) == pytest.approx(CASES["ring_icbm"].area_km2)
    assert "bearing_from_deg" not in pm["data"]  # a missing value is left out
    (site,) = _read_kml(tmp_path / "icbm.kml", "Site")
    assert site["name"] == "Pyongyang Sunan International Airport"
    assert (site["points"][0].x, site["points"][0].y) == (125.67, 39.22389)


def test_kml_points(tmp_path: Path) -> None:
    pms = _read_kml(export(CASES["points"], tmp_path / "p.kml"), "Features")
    assert [p["name"] for p in pms] == ["JPN:eez", "JPN:eez", "high_seas", "no_data"]
    src = CASES["points"]
    for pm, lon, lat in zip(pms, src["lon"], src["lat"], strict=True):
        assert pm["points"][0].x == pytest.approx(lon, abs=TOL_DEG)
        assert pm["points"][0].y == pytest.approx(lat, abs=TOL_DEG)


def test_kml_readable_by_gdal(tmp_path: Path) -> None:
    path = export(CASES["range_rings"], tmp_path / "rings.kml")
    read = pyogrio.read_dataframe(path, layer="Rings")
    assert read["Name"].tolist() == [
        f"Pyongyang Sunan International Airport {r} km ring" for r in ("350", "650", "13,000")
    ]


# -- GeoPackage --------------------------------------------------------------------------------
def test_geopackage_layers_and_attributes(tmp_path: Path) -> None:
    path = tmp_path / "sunan.gpkg"
    to_geopackage(CASES["range_rings"], path, layer="rings")
    to_geopackage(CASES["assessment"], path, layer="arcs")
    to_geopackage(CASES["radials"], path, layer="radials")
    assert sorted(n for n, _ in pyogrio.list_layers(path)) == [
        "arcs",
        "radials",
        "rings",
        "rings_boundary",
        "rings_site",
    ]
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
    read = pyogrio.read_dataframe(export(est, tmp_path / "impact.gpkg"), layer="impact")
    _same_geometry(read.geometry[0], est.region)
    assert (read["lon"][0], read["lat"][0]) == (est.lon, est.lat)
    (pm,) = _read_kml(export(est, tmp_path / "impact.kml"), "Features")
    assert pm["name"] == "about 200 km west of Okushiri Island"
    assert shapely.hausdorff_distance(shapely.union_all(pm["polygons"]), est.region) <= TOL_DEG


# -- boundary lines: what a client should stroke -----------------------------------------------
def _seam_edges(line: Any) -> int:
    xy = np.asarray(line.coords)
    along_seam = (np.abs(xy[:-1, 0]) == 180) & (xy[:-1, 0] == xy[1:, 0])
    along_pole = (np.abs(xy[:-1, 1]) == 90) & (xy[:-1, 1] == xy[1:, 1])
    return int(along_seam.sum() + along_pole.sum())


@pytest.mark.parametrize("name", ["ring_icbm", "ring_dateline", "ring_band", "ring_fan"])
def test_boundary_feature_is_the_circle(tmp_path: Path, name: str) -> None:
    """Regression: every client drew a line along +-180 on the pole-enclosing ring, because the
    export carried the polygon but not the circle. The boundary feature is the circle itself."""
    ring = CASES[name]
    doc = json.loads(export(ring, tmp_path / "r.geojson").read_text())
    (feature,) = [f for f in doc["features"] if f["properties"]["layer"] == "boundary"]
    line = shapely.geometry.shape(feature["geometry"])
    assert shapely.hausdorff_distance(line, ring.boundary) <= TOL_DEG
    assert all(_seam_edges(part) == 0 for part in shapely.get_parts(line))
    assert feature["properties"]["range_km"] == ring.range_km
    gpkg = export(ring, tmp_path / "r.gpkg")
    read = pyogrio.read_dataframe(gpkg, layer="r_boundary")
    assert shapely.hausdorff_distance(read.geometry[0], ring.boundary) <= TOL_DEG


def test_polygon_outline_has_seams_that_the_boundary_has_not(tmp_path: Path) -> None:
    """Why polygons are fill-only: the ICBM ring's polygon outline runs along +-180 and the pole."""
    ring = CASES["ring_icbm"]
    doc = json.loads(export(ring, tmp_path / "r.geojson").read_text())
    polygon = shapely.geometry.shape(doc["features"][0]["geometry"])
    assert sum(_seam_edges(ls) for ls in shapely.get_parts(polygon.boundary)) >= 2


# -- typed attributes --------------------------------------------------------------------------
@pytest.mark.parametrize("suffix", [".gpkg", ".fgb"])
def test_numeric_columns_typed_even_when_null(tmp_path: Path, suffix: str) -> None:
    """Regression: a full ring's all-null bearings became String fields.

    (GeoJSON has no schema: a reader guesses a field's type from its values, and a field that
    is null everywhere reads as text there; docs/maps_exports_cli.md says so.)
    """
    path = export(CASES["ring_regional"], tmp_path / f"r{suffix}")
    layer = "r" if suffix == ".gpkg" else None
    info = pyogrio.read_info(path, layer=layer)
    types = dict(zip(info["fields"], info["dtypes"], strict=True))
    assert types["bearing_from_deg"] == types["bearing_to_deg"] == "float64"
    assert types["area_km2"] == types["range_km"] == "float64"
    assert types["encloses_north_pole"] == "bool"
    read = pyogrio.read_dataframe(path, layer=layer)
    assert read["bearing_from_deg"].isna().all()


def test_single_ring_export_has_area(tmp_path: Path) -> None:
    ring = CASES["ring_icbm"]
    read = pyogrio.read_dataframe(export(ring, tmp_path / "r.gpkg"), layer="r")
    assert read["area_km2"][0] == pytest.approx(ring.area_km2)
    assert read["area_km2"][0] == pytest.approx(370.5e6, rel=1e-3)


def test_kml_fields_are_typed_for_gdal(tmp_path: Path) -> None:
    """GDAL (LIBKML) reads the <Schema> types: numbers as Real, not String."""
    a = launchgeo.assess_launch("Sunan", 650, bearing_deg=120)
    path = export(a, tmp_path / "a.kml")
    assert [n for n, _ in pyogrio.list_layers(path)] == ["Site", "Rings", "Arcs", "Impact"]
    info = pyogrio.read_info(path, layer="Arcs")
    types = dict(zip(info["fields"], info["dtypes"], strict=True))
    assert types["range_km"] == types["bearing_from_deg"] == types["share"] == "float64"
    assert types["zone"] == "object"
    arcs = pyogrio.read_dataframe(path, layer="Arcs")
    assert arcs["bearing_from_deg"].tolist() == pytest.approx(a.arcs["bearing_from_deg"].tolist())
    rings = pyogrio.read_dataframe(path, layer="Rings")
    assert rings["area_km2"][0] == pytest.approx(launchgeo.range_ring("Sunan", 650).area_km2)
    impact = pyogrio.read_dataframe(path, layer="Impact")
    assert (impact.geometry[0].x, impact.geometry[0].y) == pytest.approx(
        (a.impact_lon, a.impact_lat), abs=TOL_DEG
    )


def test_kml_read_by_fastkml(tmp_path: Path) -> None:
    """An independent KML reader: folders, site placemark, schema types, values."""
    from fastkml import kml

    a = launchgeo.assess_launch("Sunan", 650, bearing_deg=120)
    path = export(a, tmp_path / "a.kml")
    doc = kml.KML.parse(str(path)).features[0]
    folders = {f.name: f for f in doc.features}
    assert list(folders) == ["Site", "Rings", "Arcs", "Impact"]
    (site,) = folders["Site"].features
    assert site.name == "Pyongyang Sunan International Airport"
    assert (site.geometry.x, site.geometry.y) == (125.67, 39.22389)
    schemas = {s.id: {f.name: f.type_.value for f in s.fields} for s in doc.schemata}
    assert schemas["schema_arcs"]["bearing_from_deg"] == "double"
    assert schemas["schema_rings"]["encloses_north_pole"] == "bool"
    arcs = folders["Arcs"].features
    assert len(arcs) == len(a.arcs)
    data = arcs[0].extended_data.elements[0]
    assert data.schema_url == "#schema_arcs"
    values = {d.name: d.value for d in data.data}
    assert values["zone"] == a.arcs["zone"][0]
    assert float(values["length_km"]) == pytest.approx(a.arcs["length_km"][0])


def test_kml_read_by_ogrinfo(tmp_path: Path) -> None:
    """Debian's ogrinfo (GDAL command line), when installed: typed fields of the ICBM ring."""
    import shutil
    import subprocess

    ogrinfo = shutil.which("ogrinfo")
    if ogrinfo is None:
        pytest.skip("ogrinfo not found (Debian: apt-get install gdal-bin)")
    path = export(CASES["ring_icbm"], tmp_path / "icbm.kml")
    out = subprocess.run(
        [ogrinfo, "-ro", "-so", str(path), "Rings"], capture_output=True, text=True, check=True
    ).stdout
    assert "Feature Count: 1" in out
    assert "range_km: Real" in out and "area_km2: Real" in out
    assert "site: String" in out


def test_kmz_is_zipped_kml(tmp_path: Path) -> None:
    import zipfile

    kmz = export(CASES["ring_icbm"], tmp_path / "icbm.kmz")
    kml_text = export(CASES["ring_icbm"], tmp_path / "icbm.kml").read_bytes()
    with zipfile.ZipFile(kmz) as zf:
        assert zf.namelist() == ["doc.kml"]
        assert zf.read("doc.kml") == kml_text.replace(b"<name>icbm</name>", b"<name>icbm</name>")
    read = pyogrio.read_dataframe(f"/vsizip/{kmz}/doc.kml", layer="Rings")
    assert read["range_km"][0] == 13_000.0


def test_csv_with_wkt(tmp_path: Path) -> None:
    """CSV read back with the csv module and shapely (no GDAL)."""
    import csv

    a = launchgeo.assess_launch("Sunan", 650)
    path = export(a, tmp_path / "a.csv")
    with path.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    layers = [r["layer"] for r in rows]
    assert layers.count("arcs") == len(a.arcs) and layers.count("site") == 1
    arc = next(r for r in rows if r["layer"] == "arcs")
    geom = shapely.from_wkt(arc["WKT"])
    assert shapely.hausdorff_distance(geom, a.to_geodataframe().geometry[0]) <= 1e-6
    assert float(arc["bearing_from_deg"]) == pytest.approx(a.arcs["bearing_from_deg"][0])


# -- assessments -------------------------------------------------------------------------------
def test_assessment_export_has_site_rings_and_arcs(tmp_path: Path) -> None:
    both = [launchgeo.assess_launch("Sunan", r) for r in (350, 650)]
    gdf = to_geodataframe(both)
    counts = gdf["layer"].value_counts().to_dict()
    assert counts["site"] == 1 and counts["rings"] == 2 and counts["boundary"] == 2
    assert counts["arcs"] == sum(len(a.arcs) for a in both)
    path = export(both, tmp_path / "sunan.gpkg")
    assert {n for n, _ in pyogrio.list_layers(path)} == {
        "sunan", "sunan_rings", "sunan_boundary", "sunan_site",
    }  # fmt: skip


def test_cli_assess_output_writes_site_rings_and_arcs(tmp_path: Path) -> None:
    """Regression: ``assess -o`` wrote only the arcs."""
    from launchgeo.cli import main

    out = tmp_path / "sunan.geojson"
    html = tmp_path / "sunan.html"
    assert main(["assess", "Sunan", "350", "650", "--bearing", "120", "-o", str(out),
                 "--html", str(html)]) == 0  # fmt: skip
    layers = [f["properties"]["layer"] for f in json.loads(out.read_text())["features"]]
    assert {"site", "rings", "boundary", "arcs", "impact"} == set(layers)
    assert html.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_arcs_share_the_rings_tolerance_with_far_fewer_vertices() -> None:
    """Regression: a 650 km assessment's arcs had 18,031 vertices (one every 226 m) against 257
    for the ring. They now take the ring's own vertices: same error bound, about as many."""
    a = launchgeo.assess_launch("Sunan", 650)
    ring = launchgeo.range_ring("Sunan", 650)
    xy = [shapely.get_coordinates(g) for g in a.to_geodataframe().geometry]
    n = sum(len(c) for c in xy)
    assert n <= ring.n_vertices + 3 * len(xy)
    # Error bound: points along every straight edge stay within the ring's tolerance.
    for c in xy:
        t = np.linspace(0.0, 1.0, 9)[1:-1, None]
        mids = (c[:-1, None, :] * (1 - t) + c[1:, None, :] * t).reshape(-1, 2)
        d = launchgeo.distance_km(a.center_lon, a.center_lat, mids[:, 0], mids[:, 1])
        assert np.abs(d - 650.0).max() * 1000 <= ring.tolerance_m
    # The vertices are on the circle and the arcs join end to end.
    allxy = np.concatenate(xy)
    d = launchgeo.distance_km(a.center_lon, a.center_lat, allxy[:, 0], allxy[:, 1])
    assert np.abs(d - 650.0).max() < 1e-6
    for c1, c2 in itertools.pairwise(xy):
        assert np.allclose(c1[-1], c2[0], atol=1e-9)


# -- atomic writes -----------------------------------------------------------------------------
@pytest.mark.parametrize("suffix", [".geojson", ".gpkg", ".kml", ".kmz", ".fgb", ".csv", ".html"])
def test_writes_are_atomic(tmp_path: Path, suffix: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A failed write leaves the old file as it was and no temporary file behind."""
    path = tmp_path / f"r{suffix}"
    ring = launchgeo.range_ring("Sunan", 350)
    export(ring, path) if suffix != ".html" else launchgeo.to_html(ring, path)
    before = path.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]

    def boom(*args: Any, **kwargs: Any) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("os.replace", boom)
    with pytest.raises(DataError, match="disk full"):
        export(launchgeo.range_ring("Sunan", 650), path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


# -- re-projection -----------------------------------------------------------------------------
def test_reprojecting_the_exported_polygon_breaks_but_to_crs_does_not() -> None:
    """What docs/maps_exports_cli.md tells downstream users, checked.

    The exported 13,000 km polygon re-projected to EPSG:3413 is invalid, and its area read back
    in lon/lat is 139.6 million km² instead of 370.5; ``RangeRing.to_crs`` rebuilds it from the
    circle: valid, and its area in an equal-area CRS (EPSG:6931) is the geodesic area.
    """
    from pyproj import Geod

    ring = CASES["ring_icbm"]
    naive = gpd.GeoSeries([ring.geometry], crs=4326).to_crs("EPSG:3413")
    assert not naive.is_valid[0]
    back = naive.to_crs(4326)[0]
    area = abs(Geod(ellps="WGS84").geometry_area_perimeter(back)[0]) / 1e6
    assert area == pytest.approx(139.6e6, rel=1e-3)
    safe = ring.to_crs("EPSG:3413")
    assert safe.geometry[0].is_valid and safe.crs.to_epsg() == 3413
    x, y = pyproj_transform("EPSG:3413", [(0.0, 90.0), (-118.24, 34.05), (-54.33, -39.22)])
    assert [safe.geometry[0].contains(Point(p)) for p in zip(x, y, strict=True)] == [
        True, True, False,
    ]  # fmt: skip
    equal_area = ring.to_crs("EPSG:6931").area[0] / 1e6
    assert equal_area == pytest.approx(ring.area_km2, rel=1e-5)


def pyproj_transform(crs: str, lonlat: list[tuple[float, float]]) -> tuple[Any, Any]:
    from pyproj import Transformer

    tr = Transformer.from_crs("EPSG:4326", crs, always_xy=True)
    return tr.transform(*np.transpose(lonlat))


@pytest.mark.parametrize(
    ("make", "crs", "message"),
    [
        (lambda: launchgeo.range_ring("Sunan", 13_000), "EPSG:3857", "cut"),
        (lambda: launchgeo.range_ring("Sunan", 13_000), "EPSG:3031", "bounded region"),
        (lambda: launchgeo.range_ring("Sunan", 650), "EPSG:999999", "not a known CRS"),
    ],
)
def test_to_crs_refuses_what_it_cannot_show(make: Any, crs: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        make().to_crs(crs)


@pytest.mark.parametrize(
    "ring",
    [
        launchgeo.range_band("Sunan", 350, 650),
        launchgeo.range_fan((179.0, 60.0), 2000, bearing_from_deg=330, bearing_to_deg=60),
        launchgeo.range_ring((170.0, 50.0), 3000),
    ],
    ids=["band", "fan_dateline", "dateline"],
)
def test_to_crs_area_in_equal_area_crs(ring: Any) -> None:
    laea = f"+proj=laea +lat_0={ring.center_lat} +lon_0={ring.center_lon} +datum=WGS84"
    gdf = ring.to_crs(laea)
    assert gdf.geometry[0].is_valid
    assert gdf.area[0] / 1e6 == pytest.approx(ring.area_km2, rel=1e-4)


# -- bad input ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("obj", "path", "layer", "error", "message"),
    [
        ("ring", 42, None, ValidationError, "path must be a str"),
        ("ring", "x.geojson", "", ValidationError, "layer must be a non-empty string"),
        ("ring", "x.gpkg", 5, ValidationError, "layer must be a non-empty string"),
        ("nan_points", "x.geojson", None, ValidationError, "non-finite coordinates"),
        ("far_points", "x.kml", None, ValidationError, "outside lon"),
        ([], "x.kml", None, ValidationError, "empty list"),
        ([1, 2], "x.gpkg", None, ValidationError, "list of int"),
        ("empty", "x.fgb", None, ValidationError, "nothing to export"),
    ],
)
def test_bad_input_raises_launchgeo_errors(
    tmp_path: Path, obj: Any, path: Any, layer: Any, error: type, message: str
) -> None:
    made = {
        "ring": launchgeo.range_ring("Sunan", 350),
        "nan_points": pd.DataFrame({"lon": [1.0, np.nan], "lat": [2.0, 3.0]}),
        "far_points": pd.DataFrame({"lon": [1.0], "lat": [95.0]}),
        "empty": gpd.GeoDataFrame(geometry=[], crs=4326),
    }
    value = made.get(obj, obj) if isinstance(obj, str) else obj
    target = tmp_path / path if isinstance(path, str) else path
    with pytest.raises(error, match=message):
        export(value, target, layer=layer)
    assert list(tmp_path.iterdir()) == []
