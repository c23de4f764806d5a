"""KML and KMZ that Google Earth and GDAL read right, also across the pole and +-180 (private).

Written with :mod:`xml.etree`: Google Earth draws polygon edges as great circles and a
360-degree-wide polygon ambiguously, so each polygon is cut into pieces at most 90 degrees of
longitude wide, filled without outline, and its true boundary (a ring's circle, without the
cuts at +-180 and along the pole) is added to the same Placemark as LineStrings. Placemarks go
into one Folder per layer (Site, Rings, Arcs, Impact, Features); attributes are typed with a
``<Schema>`` per layer and ``<SchemaData>``/``<SimpleData>`` (GDAL reads them as numbers and
booleans, not text).
"""

from __future__ import annotations

import math
import numbers
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from shapely.geometry import LineString, Point, Polygon, box
from shapely.geometry.base import BaseGeometry

from launchgeo._atomic import atomic_path, check_path
from launchgeo.errors import ValidationError
from launchgeo.geodesy._antimeridian import as_polygonal, seamless_boundary
from launchgeo.io._layers import (
    ExportLayer,
    check_finite_values,
    check_layer_text,
    check_text,
    is_missing,
    layer_name,
    to_layers,
)
from launchgeo.zones._labels import split_label

__all__ = ["to_kml", "to_kmz"]

_KML_NS = "http://www.opengis.net/kml/2.2"
# Widest longitude span of one KML polygon piece (Google Earth draws polygons narrower than a
# hemisphere unambiguously).
_KML_PIECE_DEG = 90.0
# Longest straight lon/lat edge in KML (Google Earth draws edges as great circles).
_KML_MAX_EDGE_DEG = 1.0
_KML_DIGITS = 9
_FOLDERS = {
    "site": "Site",
    "rings": "Rings",
    "arcs": "Arcs",
    "impact": "Impact",
    "features": "Features",
}

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
    """Append the KML geometry of ``geom`` to ``parent``: a Point, or a MultiGeometry."""
    if isinstance(geom, Point):
        ET.SubElement(ET.SubElement(parent, "Point"), "coordinates").text = _coords_text(
            geom.coords
        )
        return
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


# -- typed attributes --------------------------------------------------------------------------
def _kml_type(dtype: Any) -> str:
    kind = getattr(dtype, "kind", "O")
    if str(dtype) == "boolean" or kind == "b":
        return "bool"
    if kind in "iu" or str(dtype) in {"Int64", "Int32"}:
        return "int"
    if kind == "f":
        return "double"
    return "string"


def _kml_value(value: Any, kml_type: str) -> str | None:
    if is_missing(value):
        return None
    if kml_type == "bool":
        return "1" if bool(value) else "0"
    if kml_type == "int":
        return str(int(value))
    if kml_type == "double":
        number = float(value)
        return repr(number) if math.isfinite(number) else None
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        return repr(value)
    return str(value)


def _schema(doc: ET.Element, layer: ExportLayer, columns: list[str]) -> dict[str, str]:
    sid = f"schema_{layer.name}"
    schema = ET.SubElement(doc, "Schema", name=layer.name, id=sid)
    types = {}
    for col in columns:
        types[col] = _kml_type(layer.frame[col].dtype)
        ET.SubElement(schema, "SimpleField", type=types[col], name=col)
    return types


# -- placemarks --------------------------------------------------------------------------------
def _placemark_name(layer: str, props: Mapping[str, Any], index: int) -> str:
    if layer == "site":
        return str(props.get("site") or f"site {index + 1}")
    if layer == "impact":
        return (
            f"Impact {float(props['range_km']):,.0f} km at {float(props['bearing_deg']):.0f} deg: "
            f"{props.get('zone')}"
        )
    for key in ("name", "label", "text"):  # a zone's name/label, an impact statement's text
        if not is_missing(props.get(key)) and props.get(key):
            return str(props[key])
    site = str(props.get("site") or "") if not is_missing(props.get("site")) else ""
    parts = [site] if site else []
    zone = props.get("zone")
    has_zone = not is_missing(zone) and bool(zone)
    if has_zone and not is_missing(props.get("bearing_from_deg")):
        parts.append(
            f"{zone} {float(props['bearing_from_deg']):.1f}-"
            f"{float(props['bearing_to_deg']):.1f} deg"
        )
    elif has_zone:
        parts.append(str(zone))
    elif not is_missing(props.get("bearing_deg")):
        parts.append(f"radial {float(props['bearing_deg']):g} deg")
    elif not is_missing(props.get("range_km")):
        kind = str(props.get("kind") or "ring") if not is_missing(props.get("kind")) else "ring"
        low = props.get("min_range_km")
        span = f"{float(low):,.0f}-" if kind == "band" and not is_missing(low) and low else ""
        parts.append(f"{span}{float(props['range_km']):,.0f} km {kind}")
    return " ".join(parts) if parts else f"feature {index + 1}"


def _style(doc: ET.Element, styles: dict[str, str], color: str, point: bool) -> str:
    key = f"{color}:{point}"
    if key not in styles:
        sid = f"style{len(styles)}"
        styles[key] = sid
        st = ET.Element("Style", id=sid)
        if point:
            icon = ET.SubElement(st, "IconStyle")
            ET.SubElement(icon, "color").text = color
        ls = ET.SubElement(st, "LineStyle")
        ET.SubElement(ls, "color").text = color
        ET.SubElement(ls, "width").text = "2"
        ps = ET.SubElement(st, "PolyStyle")
        ET.SubElement(ps, "color").text = "40" + color[2:]
        ET.SubElement(ps, "outline").text = "0"
        doc.insert(1 + len(styles) - 1, st)
    return styles[key]


def _kml_tree(obj: Any, name: str) -> ET.ElementTree:
    _, layers = to_layers(obj)
    check_text(name, "the document name", "KML", xml=True)
    check_layer_text(layers, "KML", xml=True)
    check_finite_values(layers, "KML")
    ET.register_namespace("", _KML_NS)
    root = ET.Element("kml", xmlns=_KML_NS)
    doc = ET.SubElement(root, "Document")
    ET.SubElement(doc, "name").text = name
    styles: dict[str, str] = {}
    # The boundary layer is drawn inside each polygon's Placemark (as LineStrings).
    rank = list(_FOLDERS)
    shown = sorted(
        (layer for layer in layers if layer.name != "boundary"), key=lambda x: rank.index(x.name)
    )
    schemas = {}
    for layer in shown:
        gdf = layer.frame
        columns = [str(c) for c in gdf.columns if c != gdf.geometry.name]
        schemas[layer.name] = (columns, _schema(doc, layer, columns))
    for layer in shown:
        gdf = layer.frame
        columns, types = schemas[layer.name]
        folder = ET.SubElement(doc, "Folder")
        ET.SubElement(folder, "name").text = _FOLDERS.get(layer.name, layer.name)
        records = gdf[[c for c in gdf.columns if c != gdf.geometry.name]].to_dict("records")
        for i, (props, geom) in enumerate(zip(records, gdf.geometry, strict=True)):
            props = {str(k): v for k, v in props.items()}
            point = layer.name in {"site", "impact"}
            color = _KML_COLORS["point"] if layer.name == "site" else _kml_color(props)
            pm = ET.SubElement(folder, "Placemark")
            ET.SubElement(pm, "name").text = _placemark_name(layer.name, props, i)
            ET.SubElement(pm, "styleUrl").text = f"#{_style(doc, styles, color, point)}"
            data = ET.SubElement(
                ET.SubElement(pm, "ExtendedData"), "SchemaData", schemaUrl=f"#schema_{layer.name}"
            )
            for col in columns:
                text = _kml_value(props[col], types[col])
                if text is not None:
                    ET.SubElement(data, "SimpleData", name=col).text = text
            if geom is not None and not geom.is_empty:
                _kml_geometry(pm, geom)
    tree = ET.ElementTree(root)
    ET.indent(tree, space=" ")
    return tree


def to_kml(obj: Any, path: str | Path, *, layer: str | None = None) -> Path:
    """Write ``obj`` as KML that Google Earth and GDAL draw right, also across the pole and +-180.

    Placemarks are grouped in Folders (Site, Rings, Arcs, Impact, or Features); each has a name,
    a style (line colour by zone; rings red) and typed attributes (``<Schema>`` with
    ``<SimpleData>``). Polygons are filled without outline and cut into pieces at most 90 degrees
    of longitude wide; their true boundary is drawn as LineStrings in the same Placemark.

    Parameters
    ----------
    obj : RangeRing, list of RangeRing, GeoDataFrame, assessment, ...
        What to write.
    path : str or Path
        Output file; replaced atomically if it exists.
    layer : str, optional
        Document name (default: the file name without suffix).

    Returns
    -------
    Path
        The file written.

    Raises
    ------
    ValidationError
        An object that cannot be exported.
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
    >>> '<SimpleField type="double" name="range_km" />' in text
    True
    """
    out = check_path(path, "KML")
    tree = _kml_tree(obj, layer_name(layer, out))
    with atomic_path(out) as tmp:
        tree.write(tmp, encoding="utf-8", xml_declaration=True)
    return out


def to_kmz(obj: Any, path: str | Path, *, layer: str | None = None) -> Path:
    """Write ``obj`` as KMZ: the KML of :func:`to_kml` zipped as ``doc.kml``.

    Examples
    --------
    >>> import tempfile, pathlib, zipfile, launchgeo
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     p = to_kmz(launchgeo.range_ring("Sunan", 650), pathlib.Path(tmp) / "r.kmz")
    ...     zipfile.ZipFile(p).namelist()
    ['doc.kml']
    """
    out = check_path(path, "KMZ")
    tree = _kml_tree(obj, layer_name(layer, out))
    with (
        atomic_path(out) as tmp,
        zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf,
        zf.open("doc.kml", "w") as member,
    ):
        tree.write(member, encoding="utf-8", xml_declaration=True)
    return out
