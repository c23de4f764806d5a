"""What an export writes (private): the input turned into named layers with typed columns.

Every export starts here. A ring (or a list of them, or a ``range_rings`` GeoDataFrame) becomes
the layers ``rings`` (fill-only polygons), ``boundary`` (each ring's circle as lines, the
outline to draw) and ``site``; a launch assessment adds ``arcs`` (its arcs by zone) and
``impact`` (the impact point of a bearing); any other table becomes ``features`` (plus
``boundary`` for its polygons).
"""

from __future__ import annotations

import math
import numbers
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Point, Polygon

from launchgeo.errors import ValidationError
from launchgeo.geodesy._antimeridian import as_polygonal, seamless_boundary

__all__ = ["ExportLayer", "to_geodataframe", "to_layers"]

#: Order in which the layers are written (fills first, points last: readers draw in order).
LAYER_ORDER = ("rings", "features", "boundary", "arcs", "impact", "site")
#: The layer that carries a file's own name in multi-layer formats (GeoPackage), by input kind.
MAIN_LAYER = {"rings": "rings", "assessment": "arcs", "features": "features"}

#: Columns launchgeo writes that are numbers even when every value is missing (e.g. the
#: bearings of a full ring): typed as floating point, never as text.
FLOAT_COLUMNS = frozenset(
    {
        "center_lon",
        "center_lat",
        "range_km",
        "min_range_km",
        "bearing_from_deg",
        "bearing_to_deg",
        "bearing_deg",
        "tolerance_m",
        "max_edge_error_m",
        "area_km2",
        "length_km",
        "share",
        "lon",
        "lat",
        "impact_lon",
        "impact_lat",
        "impact_eez_distance_km",
        "distance_km",
        "distance_min_km",
        "distance_max_km",
        "bearing_min_deg",
        "bearing_max_deg",
        "landmark_lon",
        "landmark_lat",
    }
)
#: Columns that are true/false even when missing in some rows.
BOOL_COLUMNS = frozenset({"encloses_north_pole", "encloses_south_pole", "crosses_antimeridian"})


@dataclass(frozen=True)
class ExportLayer:
    """One layer of an export: its name (``rings``, ``boundary``, ...) and its features."""

    name: str
    frame: Any  # geopandas.GeoDataFrame in EPSG:4326


def _short(obj: Any) -> str:
    text = repr(obj)
    return text if len(text) <= 60 else text[:57] + "..."


def _gdf(rows: list[dict[str, Any]], geoms: list[Any]) -> Any:
    import geopandas as gpd
    import pandas as pd

    return gpd.GeoDataFrame(pd.DataFrame(rows), geometry=list(geoms), crs="EPSG:4326")


def _is_ring(obj: Any) -> bool:
    from launchgeo.geodesy.rings import RangeRing

    return isinstance(obj, RangeRing)


def _is_assessment(obj: Any) -> bool:
    needed = ("to_geodataframe", "center_lon", "center_lat", "range_km")
    return all(hasattr(obj, a) for a in needed) and not hasattr(obj, "columns")


def _ring_layers(rings: list[Any]) -> dict[str, Any]:
    rows = [{**r.properties(), "area_km2": r.area_km2} for r in rings]
    return {
        "rings": _gdf(rows, [r.geometry for r in rings]),
        "boundary": _gdf(rows, [r.boundary for r in rings]),
        "site": _sites([(r.site, r.center_lon, r.center_lat) for r in rings]),
    }


def _sites(sites: list[tuple[str, float, float]]) -> Any:
    unique = list(dict.fromkeys((str(s or ""), float(x), float(y)) for s, x, y in sites))
    rows = [{"site": s or f"({x:.4f}, {y:.4f})", "lon": x, "lat": y} for s, x, y in unique]
    return _gdf(rows, [Point(x, y) for _, x, y in unique])


def _assessment_layers(items: list[Any]) -> dict[str, Any]:
    import pandas as pd

    from launchgeo.geodesy.rings import range_ring

    rings = [range_ring((a.center_lon, a.center_lat), float(a.range_km)) for a in items]
    out = _ring_layers(rings)
    for frame in (out["rings"], out["boundary"]):
        frame["site"] = [str(a.site) for a in items]
    out["site"] = _sites([(a.site, a.center_lon, a.center_lat) for a in items])
    arcs = [_checked_frame(a.to_geodataframe()) for a in items]
    out["arcs"] = pd.concat(arcs, ignore_index=True) if len(arcs) > 1 else arcs[0]
    impacts = [a for a in items if getattr(a, "impact_lon", None) is not None]
    if impacts:
        rows = [
            {
                "site": str(a.site),
                "range_km": a.range_km,
                "bearing_deg": a.bearing_deg,
                "zone": a.impact_zone,
                "impact_eez_distance_km": getattr(a, "impact_eez_distance_km", None),
                "lon": a.impact_lon,
                "lat": a.impact_lat,
            }
            for a in impacts
        ]
        points = [Point(float(a.impact_lon), float(a.impact_lat)) for a in impacts]
        out["impact"] = _gdf(rows, points)
    return out


def _checked_frame(gdf: Any) -> Any:
    if gdf.crs is None:
        raise ValidationError(
            "the GeoDataFrame has no CRS; set one (e.g. gdf.set_crs('EPSG:4326')) before export"
        )
    if gdf.geometry.name != "geometry":
        if "geometry" in gdf.columns:
            gdf = gdf.rename(columns={"geometry": "geometry_"})
        gdf = gdf.rename_geometry("geometry")
    return gdf.to_crs("EPSG:4326") if not gdf.crs.equals("EPSG:4326") else gdf.copy()


def _looks_like_rings(gdf: Any) -> bool:
    cols = set(map(str, gdf.columns))
    polygonal = all(isinstance(g, Polygon | MultiPolygon) for g in gdf.geometry)
    return {"center_lon", "center_lat", "range_km"} <= cols and polygonal and len(gdf) > 0


def _boundaries(gdf: Any) -> Any | None:
    """Lines along the polygons' true boundaries (cuts at +-180 and pole edges left out)."""
    polys = [isinstance(g, Polygon | MultiPolygon) and not g.is_empty for g in gdf.geometry]
    if not any(polys):
        return None
    part = gdf.loc[polys].copy()
    return part.set_geometry([seamless_boundary(g) for g in part.geometry], crs="EPSG:4326")


def _frame_layers(gdf: Any) -> dict[str, Any]:
    gdf = _checked_frame(gdf)
    if _looks_like_rings(gdf):
        out = {"rings": gdf, "boundary": _boundaries(gdf)}
        sites = gdf["site"] if "site" in gdf.columns else [""] * len(gdf)
        out["site"] = _sites(list(zip(sites, gdf["center_lon"], gdf["center_lat"], strict=True)))
        return out
    out = {"features": gdf}
    boundary = _boundaries(gdf)
    if boundary is not None:
        out["boundary"] = boundary
    return out


def _input_layers(obj: Any) -> tuple[str, dict[str, Any]]:
    """(input kind, layers by name) for any exportable object."""
    import geopandas as gpd
    import pandas as pd

    if _is_ring(obj):
        return "rings", _ring_layers([obj])
    if isinstance(obj, list | tuple):
        if obj and all(_is_ring(r) for r in obj):
            return "rings", _ring_layers(list(obj))
        if obj and all(_is_assessment(a) for a in obj):
            return "assessment", _assessment_layers(list(obj))
        what = "an empty list" if not obj else f"a list of {type(obj[0]).__name__}"
        raise ValidationError(
            f"cannot export {what}: expected a list of RangeRings or of launch assessments"
        )
    if isinstance(obj, gpd.GeoDataFrame):
        kind, layers = "features", _frame_layers(obj)
        return ("rings" if "rings" in layers else kind), layers
    if isinstance(obj, pd.DataFrame):
        cols = {str(c).lower(): c for c in obj.columns}
        if "lon" not in cols or "lat" not in cols:
            raise ValidationError(
                f"a DataFrame needs 'lon' and 'lat' columns to be exported as points, got columns "
                f"{list(obj.columns)!r}"
            )
        try:
            points = gpd.points_from_xy(obj[cols["lon"]], obj[cols["lat"]])
        except (TypeError, ValueError) as exc:
            raise ValidationError(f"the lon/lat columns must be numbers: {exc}") from exc
        return "features", {"features": gpd.GeoDataFrame(obj.copy(), geometry=points, crs=4326)}
    if _is_assessment(obj):
        return "assessment", _assessment_layers([obj])
    to_gdf = getattr(obj, "to_geodataframe", None)
    if callable(to_gdf):  # another launchgeo result (or a look-alike): its table
        gdf = to_gdf()
        if not isinstance(gdf, gpd.GeoDataFrame):
            raise ValidationError(
                f"{type(obj).__name__}.to_geodataframe() returned {type(gdf).__name__}, "
                "not a GeoDataFrame"
            )
        return "features", _frame_layers(gdf)
    gi = getattr(obj, "__geo_interface__", None)
    if isinstance(gi, Mapping) and gi.get("type") in {"Feature", "FeatureCollection"}:
        features = gi["features"] if gi["type"] == "FeatureCollection" else [gi]
        try:
            gdf = gpd.GeoDataFrame.from_features(features, crs="EPSG:4326")
        except (TypeError, ValueError, KeyError, AttributeError) as exc:
            raise ValidationError(
                f"cannot read the __geo_interface__ of {_short(obj)}: {exc}"
            ) from exc
        return "features", _frame_layers(gdf)
    raise ValidationError(
        f"cannot export {type(obj).__name__} {_short(obj)}: expected a RangeRing, a list of "
        "RangeRings, a GeoDataFrame, a DataFrame with lon/lat columns, a launch assessment or "
        "an object with a GeoJSON __geo_interface__"
    )


# -- column types ------------------------------------------------------------------------------
def _is_missing(value: Any) -> bool:
    if value is None:
        return True
    try:
        return bool(value != value)  # NaN, NaT, pd.NA
    except (TypeError, ValueError):
        return False


def _is_bool(value: Any) -> bool:
    return isinstance(value, bool | np.bool_)


def _is_number(value: Any) -> bool:
    return isinstance(value, numbers.Real) and not _is_bool(value)


def typed(gdf: Any) -> Any:
    """Columns GDAL stores with their type, also when values are missing.

    Numbers (and launchgeo's numeric columns even when all missing) become float64 with NaN
    (written as null), whole numbers int64 (``Int64`` with missing values), true/false
    ``boolean``; lists and tuples "/"-joined text, dicts and sets text.
    """
    import pandas as pd

    out = gdf.copy()
    for col in out.columns:
        if col == out.geometry.name:
            continue
        values = out[col]
        if values.dtype != object and str(col) not in FLOAT_COLUMNS | BOOL_COLUMNS:
            continue
        present = [x for x in values if not _is_missing(x)]
        name = str(col)
        if any(isinstance(x, list | tuple | dict | set) for x in present):
            out[col] = [
                None
                if _is_missing(x)
                else "/".join(map(str, x))
                if isinstance(x, list | tuple)
                else str(x)
                for x in values
            ]
        elif name in BOOL_COLUMNS or (present and all(_is_bool(x) for x in present)):
            if all(_is_bool(x) for x in present):
                flags = [None if _is_missing(x) else bool(x) for x in values]
                out[col] = pd.array(flags, "boolean")
        elif name in FLOAT_COLUMNS and all(_is_number(x) for x in present):
            out[col] = np.array([np.nan if _is_missing(x) else float(x) for x in values], float)
        elif present and all(_is_number(x) for x in present):
            if all(float(x).is_integer() and isinstance(x, numbers.Integral) for x in present):
                out[col] = pd.array([None if _is_missing(x) else int(x) for x in values], "Int64")
            else:
                out[col] = np.array([np.nan if _is_missing(x) else float(x) for x in values], float)
    return out


def _check_geometries(name: str, gdf: Any) -> None:
    xy = shapely.get_coordinates(np.asarray(gdf.geometry))
    if xy.size and not np.isfinite(xy).all():
        raise ValidationError(f"layer {name!r} has non-finite coordinates (NaN or inf)")
    if xy.size and (np.abs(xy[:, 0]).max() > 180.0 + 1e-9 or np.abs(xy[:, 1]).max() > 90.0 + 1e-9):
        raise ValidationError(
            f"layer {name!r} has coordinates outside lon [-180, 180], lat [-90, 90] after "
            "conversion to EPSG:4326"
        )


def _orient(geom: Any) -> Any:
    if isinstance(geom, Polygon | MultiPolygon) and not geom.is_empty:
        return as_polygonal(geom)
    return geom


# -- text and numbers a format cannot hold ------------------------------------------------------
#: Characters no export can hold: NUL (GDAL ends text there, silently) and lone surrogates
#: (not Unicode scalar values: no UTF-8 encoding exists).
_NOT_IN_ANY = re.compile("[\x00\ud800-\udfff]")
#: Characters XML 1.0 cannot hold (KML, KMZ): C0 controls but tab, newline and carriage
#: return, lone surrogates, U+FFFE and U+FFFF.
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def check_text(text: str, where: str, fmt: str, *, xml: bool = False) -> None:
    """Raise ValidationError if ``text`` holds a character ``fmt`` cannot hold."""
    found = (_NOT_IN_XML if xml else _NOT_IN_ANY).search(text)
    if found is None:
        return
    char = found.group()
    shown = text if len(text) <= 60 else text[:57] + "..."
    why = "GDAL would cut the text there" if char == "\x00" else (
        "it is a lone surrogate, not a character" if "\ud800" <= char <= "\udfff"
        else "XML 1.0 does not allow it"
    )  # fmt: skip
    raise ValidationError(
        f"{where} holds U+{ord(char):04X} ({why}), which {fmt} cannot hold: {shown!r}; "
        "remove it (e.g. str.translate) before export"
    )


def check_layer_text(layers: list[ExportLayer], fmt: str, *, xml: bool = False) -> None:
    """Check every column name and text value of the layers (see :func:`check_text`)."""
    for layer in layers:
        frame = layer.frame
        for col in frame.columns:
            if col == frame.geometry.name:
                continue
            check_text(str(col), f"column name {str(col)!r} of layer {layer.name!r}", fmt, xml=xml)
            if frame[col].dtype.kind not in "OSU" and str(frame[col].dtype) != "string":
                continue
            for row, value in enumerate(frame[col]):
                if isinstance(value, str):
                    check_text(value, f"column {col!r} of layer {layer.name!r} (row {row})",
                               fmt, xml=xml)  # fmt: skip


def check_finite_values(layers: list[ExportLayer], fmt: str) -> None:
    """Refuse +-inf in number columns: ``fmt`` (JSON, KML) has no way to write them."""
    for layer in layers:
        frame = layer.frame
        for col in frame.columns:
            if col == frame.geometry.name or frame[col].dtype.kind != "f":
                continue
            values = frame[col].to_numpy()
            bad = np.flatnonzero(np.isinf(values))
            if bad.size:
                raise ValidationError(
                    f"column {col!r} of layer {layer.name!r} holds {values[bad[0]]!r} "
                    f"(row {bad[0]}), and {fmt} cannot hold infinity: use NaN for a missing "
                    "value, or export to GeoPackage, FlatGeobuf or CSV, which keep it"
                )


def _text_columns(frame: Any, layer: str) -> Any:
    """Column names as text (GDAL's field names are text): 5 -> "5"; a clash is an error."""
    names = [c if c == frame.geometry.name else str(c) for c in frame.columns]
    if names == list(frame.columns):
        return frame
    seen: dict[str, Any] = {}
    for original, name in zip(frame.columns, names, strict=True):
        if name in seen:
            raise ValidationError(
                f"columns {seen[name]!r} and {original!r} of layer {layer!r} both have the name "
                f"{name!r} as text; rename one of them"
            )
        seen[name] = original
    out = frame.copy()
    out.columns = names
    return out


def to_layers(obj: Any) -> tuple[str, list[ExportLayer]]:
    """The input kind (``rings``, ``assessment``, ``features``) and the layers to write.

    Raises
    ------
    ValidationError
        An object that cannot be exported, nothing to export, bad coordinates, column names
        that clash as text, or text that no format can hold (NUL, lone surrogates).
    """
    kind, layers = _input_layers(obj)
    out = []
    for name in LAYER_ORDER:
        frame = layers.get(name)
        if frame is None or len(frame) == 0:
            continue
        frame = typed(_text_columns(frame, name))
        frame = frame.set_geometry([_orient(g) for g in frame.geometry], crs="EPSG:4326")
        _check_geometries(name, frame)
        out.append(ExportLayer(name, frame))
    if not out:
        raise ValidationError(f"nothing to export: {_short(obj)} has no features")
    check_layer_text(out, "any export format")
    return kind, out


def to_geodataframe(obj: Any) -> Any:
    """Every feature an export writes, as one GeoDataFrame (EPSG:4326) with a ``layer`` column.

    This is what the single-table formats (GeoJSON, FlatGeobuf, CSV) contain: for a ring, its
    polygon (``layer`` = ``"rings"``, fill-only: its outline includes the cuts at +-180), its
    circle as lines (``"boundary"``) and the site (``"site"``); for an assessment also its arcs
    (``"arcs"``) and impact point (``"impact"``); for other tables their rows (``"features"``)
    and the boundaries of their polygons.

    Parameters
    ----------
    obj : RangeRing, list of RangeRing, GeoDataFrame, DataFrame, assessment or geo-interface
        What to export.

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
    >>> gdf["layer"].tolist(), gdf.crs.to_epsg()
    (['rings', 'rings', 'boundary', 'boundary', 'site'], 4326)
    >>> gdf["area_km2"].dtype, gdf["bearing_from_deg"].dtype  # typed even when missing
    (dtype('float64'), dtype('float64'))
    """
    return joined(to_layers(obj)[1])


def joined(layers: list[ExportLayer]) -> Any:
    """The layers as one GeoDataFrame with a ``layer`` column (see :func:`to_geodataframe`)."""
    import geopandas as gpd
    import pandas as pd

    frames = []
    for layer in layers:
        frame = layer.frame.copy()
        if "layer" in frame.columns:
            frame = frame.rename(columns={"layer": "layer_"})
        frame.insert(0, "layer", layer.name)
        frames.append(pd.DataFrame(frame))
    joined = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    return typed(gpd.GeoDataFrame(joined, geometry="geometry", crs="EPSG:4326"))


def layer_name(value: Any, path: Path) -> str:
    """A checked layer/document name (default: the file name without its suffix)."""
    if value is None:
        return path.stem
    if not isinstance(value, str) or not value.strip():
        raise ValidationError(f"layer must be a non-empty string, got {value!r}")
    check_text(value, "the layer name", "any export format")
    return value


def is_missing(value: Any) -> bool:
    """True for None, NaN and pandas' missing values."""
    return _is_missing(value)


def finite_float(value: Any) -> float | None:
    """``float(value)``, or None when missing or not finite."""
    if _is_missing(value):
        return None
    number = float(value)
    return number if math.isfinite(number) else None
