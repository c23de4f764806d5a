"""Export rings, assessments and classified points to GeoJSON, KML and GeoPackage.

One entry point, :func:`export`, picks the format from the file suffix; :func:`to_geojson`,
:func:`to_kml` and :func:`to_geopackage` write one format each. Every function accepts:

- a :class:`~launchgeo.RangeRing` (ring, band or fan) or a list of them;
- a GeoDataFrame, e.g. from :func:`~launchgeo.range_rings` or :func:`~launchgeo.radials`, or
  classified points (columns ``lon``, ``lat``, ``zone``; a plain DataFrame with ``lon``/``lat``
  columns is turned into points);
- a launch assessment (anything with ``to_geodataframe()``, such as the result of
  ``launchgeo.assess_launch``): its arcs, one LineString per zone crossed, with ``site``,
  ``range_km``, ``zone`` and the bearing interval;
- any object with ``__geo_interface__`` (a Feature or FeatureCollection).

Formats
-------
GeoJSON
    RFC 7946, written by GDAL with ``RFC7946=YES``: WGS84 lon/lat, geometries split at +-180,
    exterior rings counter-clockwise, coordinates with 7 decimals (about 1 cm).
KML
    Written by launchgeo (:mod:`xml.etree`), because Google Earth draws polygon edges as great
    circles and a 360-degree-wide polygon ambiguously: each polygon is cut into pieces at most
    90 degrees of longitude wide, its outline is switched off (``<outline>0</outline>``), and the
    real boundary (the circle, without the cuts at +-180 and along the pole) is added as lines.
    A ring that encloses the North Pole therefore shows as a filled cap with its circle, with no
    seam along the date line and no spoke to the pole. Attributes go to ``<ExtendedData>``.
GeoPackage
    Through pyogrio (one layer per call; writing another ``layer`` to the same file adds it).

Examples
--------
>>> import tempfile, pathlib, launchgeo
>>> from launchgeo.io import export
>>> ring = launchgeo.range_ring("Sunan", 13_000)
>>> with tempfile.TemporaryDirectory() as tmp:
...     path = export(ring, pathlib.Path(tmp) / "icbm.kml")
...     path.suffix, "<Placemark>" in path.read_text()
('.kml', True)
"""

from __future__ import annotations

import math
import numbers
import xml.etree.ElementTree as ET
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from shapely.geometry import LineString, MultiPolygon, Point, Polygon, box
from shapely.geometry.base import BaseGeometry

from launchgeo.errors import DataError, ValidationError
from launchgeo.geodesy._antimeridian import as_polygonal, seamless_boundary
from launchgeo.zones._labels import split_label

__all__ = [
    "SUPPORTED_SUFFIXES",
    "export",
    "to_geodataframe",
    "to_geojson",
    "to_geopackage",
    "to_kml",
]

#: File suffixes :func:`export` understands, and the format each one selects.
SUPPORTED_SUFFIXES: dict[str, str] = {
    ".geojson": "GeoJSON",
    ".json": "GeoJSON",
    ".kml": "KML",
    ".gpkg": "GeoPackage",
}

_KML_NS = "http://www.opengis.net/kml/2.2"
# Widest longitude span of one KML polygon piece (Google Earth draws polygons narrower than a
# hemisphere unambiguously).
_KML_PIECE_DEG = 90.0
# Longest straight lon/lat edge in KML (Google Earth draws edges as great circles).
_KML_MAX_EDGE_DEG = 1.0
_KML_DIGITS = 9

# Colours (KML aabbggrr) by zone kind and for rings; Japan's zones stand out.
_KML_COLORS = {
    "ring": "ff1c1cd6",
    "jpn": "ff2827d6",
    "eez": "ffb4771f",
    "territorial_sea": "ff8c4a1f",
    "land": "ff316d8c",
    "overlapping_claim": "ffbd6794",
    "joint_regime": "ffbd6794",
    "high_seas": "ff7f7f7f",
    "point": "ff000000",
}


# -- normalizing the input ---------------------------------------------------------------------
def to_geodataframe(obj: Any) -> Any:
    """The features :func:`export` would write, as a GeoDataFrame in EPSG:4326.

    Parameters
    ----------
    obj : RangeRing, list of RangeRing, GeoDataFrame, DataFrame, assessment or geo-interface
        See the module documentation.

    Returns
    -------
    geopandas.GeoDataFrame

    Raises
    ------
    ValidationError
        An object of another kind, an empty list, a GeoDataFrame without a CRS, a DataFrame
        without ``lon``/``lat`` columns.

    Examples
    --------
    >>> import launchgeo
    >>> gdf = to_geodataframe([launchgeo.range_ring("Sunan", r) for r in (350, 650)])
    >>> gdf["range_km"].tolist(), gdf.crs.to_epsg()
    ([350.0, 650.0], 4326)
    """
    import geopandas as gpd
    import pandas as pd

    from launchgeo.geodesy.rings import RangeRing

    if isinstance(obj, RangeRing):
        obj = [obj]
    if isinstance(obj, gpd.GeoDataFrame):
        if obj.crs is None:
            raise ValidationError(
                "the GeoDataFrame has no CRS; set one (e.g. gdf.set_crs('EPSG:4326')) before export"
            )
        return obj.to_crs("EPSG:4326") if not obj.crs.equals("EPSG:4326") else obj.copy()
    if isinstance(obj, pd.DataFrame):
        cols = {str(c).lower(): c for c in obj.columns}
        if "lon" not in cols or "lat" not in cols:
            raise ValidationError(
                f"a DataFrame needs 'lon' and 'lat' columns to be exported as points, got columns "
                f"{list(obj.columns)!r}"
            )
        points = gpd.points_from_xy(obj[cols["lon"]], obj[cols["lat"]])
        return gpd.GeoDataFrame(obj.copy(), geometry=points, crs="EPSG:4326")
    if isinstance(obj, list | tuple) and obj and all(isinstance(r, RangeRing) for r in obj):
        rows = [r.properties() for r in obj]
        return gpd.GeoDataFrame(rows, geometry=[r.geometry for r in obj], crs="EPSG:4326")
    to_gdf = getattr(obj, "to_geodataframe", None)
    if callable(to_gdf):
        return to_geodataframe(to_gdf())
    gi = getattr(obj, "__geo_interface__", None)
    if isinstance(gi, Mapping) and gi.get("type") in {"Feature", "FeatureCollection"}:
        features = gi["features"] if gi["type"] == "FeatureCollection" else [gi]
        return gpd.GeoDataFrame.from_features(features, crs="EPSG:4326")
    raise ValidationError(
        f"cannot export {type(obj).__name__} {_short(obj)}: expected a RangeRing, a list of "
        "RangeRings, a GeoDataFrame, a DataFrame with lon/lat columns, a launch assessment or "
        "an object with a GeoJSON __geo_interface__"
    )


def _short(obj: Any) -> str:
    text = repr(obj)
    return text if len(text) <= 60 else text[:57] + "..."


def _check_path(path: str | Path) -> Path:
    out = Path(path)
    if out.exists() and out.is_dir():
        raise DataError(f"cannot write {str(out)!r}: it is a directory")
    parent = out.parent if str(out.parent) else Path(".")
    if not parent.is_dir():
        raise DataError(f"cannot write {str(out)!r}: folder {str(parent)!r} does not exist")
    return out


def _write_error(path: Path, exc: Exception) -> DataError:
    return DataError(f"cannot write {str(path)!r}: {exc}")


def _attribute_frame(gdf: Any) -> Any:
    """Columns that GDAL can store: lists and tuples become "/"-joined text, dicts and sets text."""
    out = gdf.copy()
    for col in out.columns:
        if col == out.geometry.name:
            continue
        values = out[col]
        if values.dtype == object and any(isinstance(x, list | tuple | dict | set) for x in values):
            out[col] = [
                "/".join(map(str, x)) if isinstance(x, list | tuple) else str(x) for x in values
            ]
    return out


# -- GeoJSON and GeoPackage --------------------------------------------------------------------
def to_geojson(obj: Any, path: str | Path, *, layer: str | None = None) -> Path:
    """Write ``obj`` as RFC 7946 GeoJSON (lon/lat, split at +-180, counter-clockwise).

    Parameters
    ----------
    obj : RangeRing, list of RangeRing, GeoDataFrame, assessment, ...
        What to write (see the module documentation).
    path : str or Path
        Output file; overwritten if it exists.
    layer : str, optional
        Written as the collection's ``name`` member.

    Returns
    -------
    Path
        The file written.

    Raises
    ------
    DataError
        The file cannot be written (missing folder, permissions).

    Examples
    --------
    >>> import json, tempfile, pathlib, launchgeo
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     p = to_geojson(launchgeo.range_ring("Sunan", 650), pathlib.Path(tmp) / "r.geojson")
    ...     doc = json.loads(p.read_text())
    >>> doc["features"][0]["properties"]["range_km"], doc["features"][0]["geometry"]["type"]
    (650.0, 'Polygon')
    """
    import pyogrio

    out = _check_path(path)
    gdf = _attribute_frame(to_geodataframe(obj))
    gdf = gdf.set_geometry([_orient(g) for g in gdf.geometry], crs="EPSG:4326")
    if out.exists():
        out.unlink()
    try:
        pyogrio.write_dataframe(
            gdf,
            out,
            driver="GeoJSON",
            layer=layer or out.stem,
            RFC7946="YES",
            WRITE_NAME="YES" if layer else "NO",
        )
    except (OSError, pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError) as exc:
        raise _write_error(out, exc) from exc
    return out


def _orient(geom: Any) -> Any:
    if isinstance(geom, Polygon | MultiPolygon) and not geom.is_empty:
        return as_polygonal(geom)
    return geom


def to_geopackage(obj: Any, path: str | Path, *, layer: str | None = None) -> Path:
    """Write ``obj`` as a layer of a GeoPackage (added to the file if it exists).

    Parameters
    ----------
    obj : RangeRing, list of RangeRing, GeoDataFrame, assessment, ...
        What to write (see the module documentation).
    path : str or Path
        The ``.gpkg`` file.
    layer : str, optional
        Layer name (default: the file name without suffix); a layer of that name is replaced.

    Returns
    -------
    Path
        The file written.

    Raises
    ------
    DataError
        The file cannot be written.

    Examples
    --------
    >>> import tempfile, pathlib, pyogrio, launchgeo
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     p = pathlib.Path(tmp) / "sunan.gpkg"
    ...     _ = to_geopackage(launchgeo.range_rings("Sunan", [350, 650]), p, layer="rings")
    ...     _ = to_geopackage(launchgeo.radials("Sunan", 650), p, layer="radials")
    ...     sorted(name for name, _ in pyogrio.list_layers(p))
    ['radials', 'rings']
    """
    import pyogrio

    out = _check_path(path)
    gdf = _attribute_frame(to_geodataframe(obj))
    name = layer or out.stem
    try:
        pyogrio.write_dataframe(gdf, out, driver="GPKG", layer=name, promote_to_multi=False)
    except (OSError, pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError) as exc:
        raise _write_error(out, exc) from exc
    return out


# -- KML ---------------------------------------------------------------------------------------
def _kml_color(props: Mapping[str, Any]) -> str:
    zone = str(props.get("zone", "") or "")
    if zone:
        states, kind = split_label(zone)
        if "JPN" in states and kind in {"eez", "territorial_sea", "land"}:
            return _KML_COLORS["jpn"]
        return _KML_COLORS.get(kind or zone, _KML_COLORS["high_seas"])
    return _KML_COLORS["ring"]


def _fmt(value: float) -> str:
    text = f"{value:.{_KML_DIGITS}f}".rstrip("0").rstrip(".")
    return "0" if text in {"-0", ""} else text


def _coords_text(xy: Any) -> str:
    return " ".join(f"{_fmt(x)},{_fmt(y)},0" for x, y in _densify(np.asarray(xy)[:, :2]))


def _densify(xy: Any) -> Any:
    """Insert vertices so no straight lon/lat edge is longer than ``_KML_MAX_EDGE_DEG``.

    Google Earth draws an edge as a great circle, which strays from a long straight lon/lat edge.
    Edges along a meridian (already great circles) and along a pole (a single point) are kept.
    """
    if xy.shape[0] < 2:
        return xy
    x0, y0, x1, y1 = xy[:-1, 0], xy[:-1, 1], xy[1:, 0], xy[1:, 1]
    span = np.maximum(np.abs(x1 - x0), np.abs(y1 - y0))
    n = np.ceil(span / _KML_MAX_EDGE_DEG).astype(int)
    n[(x0 == x1) | ((np.abs(y0) == 90.0) & (y0 == y1))] = 1
    n = np.maximum(n, 1)
    out = [xy[:1]]
    for i in range(n.size):
        t = np.arange(1, n[i] + 1)[:, None] / n[i]
        out.append(xy[i] + t * (xy[i + 1] - xy[i]))
    return np.concatenate(out)


def _kml_pieces(poly: Polygon) -> list[Polygon]:
    """Cut a polygon into pieces at most ``_KML_PIECE_DEG`` wide, densified for great circles."""
    minx, _, maxx, _ = poly.bounds
    parts: list[Any] = []
    if maxx - minx <= _KML_PIECE_DEG:
        parts = [poly]
    else:
        for west in np.arange(-180.0, 180.0, _KML_PIECE_DEG):
            cut = shapely.intersection(poly, box(west, -90.0, west + _KML_PIECE_DEG, 90.0))
            parts.extend(p for p in shapely.get_parts(cut) if isinstance(p, Polygon))
    return [as_polygonal(p) for p in parts if not p.is_empty and p.area > 0]


def _kml_geometry(parent: ET.Element, geom: BaseGeometry) -> None:
    """Append the KML geometry of ``geom`` (always a MultiGeometry) to ``parent``."""
    multi = ET.SubElement(parent, "MultiGeometry")
    lines: list[LineString] = []
    points: list[Point] = []
    polys: list[Polygon] = []
    for part in shapely.get_parts(geom):
        if isinstance(part, Polygon):
            polys.append(part)
        elif isinstance(part, LineString):
            lines.append(part)
        elif isinstance(part, Point):
            points.append(part)
        else:  # pragma: no cover - get_parts returns single-part geometries
            raise ValidationError(f"cannot write a {part.geom_type} to KML")
    for poly in polys:
        for piece in _kml_pieces(poly):
            pe = ET.SubElement(multi, "Polygon")
            ET.SubElement(pe, "tessellate").text = "1"
            rings = [("outerBoundaryIs", piece.exterior)] + [
                ("innerBoundaryIs", ring) for ring in piece.interiors
            ]
            for tag, ring in rings:
                lr = ET.SubElement(ET.SubElement(pe, tag), "LinearRing")
                ET.SubElement(lr, "coordinates").text = _coords_text(ring.coords)
        lines.extend(seamless_boundary(poly).geoms)
    for line in lines:
        le = ET.SubElement(multi, "LineString")
        ET.SubElement(le, "tessellate").text = "1"
        ET.SubElement(le, "coordinates").text = _coords_text(line.coords)
    for point in points:
        pt = ET.SubElement(multi, "Point")
        ET.SubElement(pt, "coordinates").text = _coords_text(point.coords)


def _kml_value(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool | np.bool_):
        return "true" if value else "false"
    if isinstance(value, numbers.Real):
        number = float(value)
        if math.isnan(number):
            return None
        return repr(int(value)) if isinstance(value, numbers.Integral) else repr(number)
    return str(value)


def _placemark_name(props: Mapping[str, Any], index: int) -> str:
    for key in ("name", "label", "text"):  # a zone's name/label, an impact statement's text
        if props.get(key):
            return str(props[key])
    site = str(props.get("site") or "")
    parts = [site] if site else []
    if props.get("zone") and props.get("bearing_from_deg") is not None:
        parts.append(
            f"{props['zone']} {float(props['bearing_from_deg']):.1f}-"
            f"{float(props['bearing_to_deg']):.1f} deg"
        )
    elif props.get("zone"):
        parts.append(str(props["zone"]))
    elif props.get("bearing_deg") is not None:
        parts.append(f"radial {float(props['bearing_deg']):g} deg")
    elif props.get("range_km") is not None:
        kind = str(props.get("kind") or "ring")
        low = props.get("min_range_km")
        span = f"{float(low):,.0f}-" if kind == "band" and low else ""
        parts.append(f"{span}{float(props['range_km']):,.0f} km {kind}")
    return " ".join(parts) if parts else f"feature {index + 1}"


def to_kml(obj: Any, path: str | Path, *, layer: str | None = None) -> Path:
    """Write ``obj`` as KML that Google Earth draws correctly, also across the pole and +-180.

    Each feature becomes a Placemark with a name, a style (line colour by zone; rings red) and
    its attributes in ``<ExtendedData>``. Polygons are filled without outline and cut into
    pieces at most 90 degrees of longitude wide; their true boundary is drawn as lines (see the
    module documentation).

    Parameters
    ----------
    obj : RangeRing, list of RangeRing, GeoDataFrame, assessment, ...
        What to write.
    path : str or Path
        Output file; overwritten if it exists.
    layer : str, optional
        Document name (default: the file name without suffix).

    Returns
    -------
    Path
        The file written.

    Raises
    ------
    DataError
        The file cannot be written.

    Examples
    --------
    >>> import tempfile, pathlib, launchgeo
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     p = to_kml(launchgeo.range_ring("Sunan", 650), pathlib.Path(tmp) / "r.kml")
    ...     text = p.read_text()
    >>> "<name>Pyongyang Sunan International Airport 650 km ring</name>" in text
    True
    """
    out = _check_path(path)
    gdf = to_geodataframe(obj)
    ET.register_namespace("", _KML_NS)
    root = ET.Element("kml", xmlns=_KML_NS)
    doc = ET.SubElement(root, "Document")
    ET.SubElement(doc, "name").text = layer or out.stem
    styles: dict[str, str] = {}
    geom_col = gdf.geometry.name
    columns = [c for c in gdf.columns if c != geom_col]
    records = gdf[columns].to_dict("records")
    for i, (props, geom) in enumerate(zip(records, gdf.geometry, strict=True)):
        color = _kml_color(props)
        if color not in styles:
            sid = f"style{len(styles)}"
            styles[color] = sid
            st = ET.Element("Style", id=sid)
            ls = ET.SubElement(st, "LineStyle")
            ET.SubElement(ls, "color").text = color
            ET.SubElement(ls, "width").text = "2"
            ps = ET.SubElement(st, "PolyStyle")
            ET.SubElement(ps, "color").text = "40" + color[2:]
            ET.SubElement(ps, "outline").text = "0"
            doc.insert(1 + len(styles) - 1, st)
        pm = ET.SubElement(doc, "Placemark")
        ET.SubElement(pm, "name").text = _placemark_name(props, i)
        ET.SubElement(pm, "styleUrl").text = f"#{styles[color]}"
        ext = ET.SubElement(pm, "ExtendedData")
        for key, value in props.items():
            text = _kml_value(value)
            if text is None:
                continue
            data = ET.SubElement(ext, "Data", name=str(key))
            ET.SubElement(data, "value").text = text
        if geom is not None and not geom.is_empty:
            _kml_geometry(pm, geom)
    tree = ET.ElementTree(root)
    ET.indent(tree, space=" ")
    try:
        tree.write(out, encoding="utf-8", xml_declaration=True)
    except OSError as exc:
        raise _write_error(out, exc) from exc
    return out


# -- dispatch ----------------------------------------------------------------------------------
_WRITERS: dict[str, Callable[..., Path]] = {
    "GeoJSON": to_geojson,
    "KML": to_kml,
    "GeoPackage": to_geopackage,
}


def export(obj: Any, path: str | Path, *, layer: str | None = None) -> Path:
    """Write ``obj`` to ``path`` in the format its suffix names (.geojson/.json, .kml, .gpkg).

    Parameters
    ----------
    obj : RangeRing, list of RangeRing, GeoDataFrame, assessment, ...
        What to write (see the module documentation).
    path : str or Path
        Output file.
    layer : str, optional
        Layer (GeoPackage), document (KML) or collection (GeoJSON) name.

    Returns
    -------
    Path
        The file written.

    Raises
    ------
    ValidationError
        Unknown suffix (the message lists the supported ones) or an object that cannot be
        exported.
    DataError
        The file cannot be written.

    Examples
    --------
    >>> export(None, "rings.shp")
    Traceback (most recent call last):
    ...
    launchgeo.errors.ValidationError: cannot tell the format of 'rings.shp' from its suffix
    '.shp'; supported: .geojson, .json (GeoJSON), .kml (KML), .gpkg (GeoPackage)
    """
    out = Path(path)
    suffix = out.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        listed = ", ".join(f"{s} ({f})" for s, f in _suffix_groups())
        raise ValidationError(
            f"cannot tell the format of {str(out)!r} from its suffix {suffix!r}; "
            f"supported: {listed}"
        )
    return _WRITERS[SUPPORTED_SUFFIXES[suffix]](obj, out, layer=layer)


def _suffix_groups() -> list[tuple[str, str]]:
    groups: dict[str, list[str]] = {}
    for suffix, fmt in SUPPORTED_SUFFIXES.items():
        groups.setdefault(fmt, []).append(suffix)
    return [(", ".join(v), k) for k, v in groups.items()]
