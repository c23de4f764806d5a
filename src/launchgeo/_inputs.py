"""What users pass as points and centres, adapted once for every public function (private).

- shapely Points and anything with ``__geo_interface__`` (GeoJSON Point, MultiPoint, Feature,
  FeatureCollection of points): coordinates are (lon, lat) degrees, as RFC 7946 says;
- GeoSeries and GeoDataFrames: their CRS is checked and the points converted to EPSG:4326; a
  frame without a CRS is refused (launchgeo never guesses one);
- pandas Series of lon and lat: results come back as a Series with the same index.

Nothing here imports pandas, geopandas or shapely: an object that is one of theirs was made
with them, so their modules are already loaded when it arrives.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from launchgeo._numbers import numeric_array
from launchgeo.errors import CoordinateError, ValidationError

__all__ = [
    "PointsIn",
    "center_of",
    "is_geo_frame",
    "is_pandas",
    "lonlat",
    "points",
    "series_index",
    "wrap",
]

_POINT_OBJECTS = (
    "shapely Points, a GeoSeries or GeoDataFrame of points, or objects with __geo_interface__"
)


def is_pandas(obj: object) -> bool:
    """A pandas (or geopandas) object, recognized without importing pandas."""
    return type(obj).__module__.split(".")[0] in {"pandas", "geopandas"}


def is_geo_frame(obj: object) -> bool:
    """A GeoSeries or GeoDataFrame (duck-typed: geopandas, with ``crs`` and ``to_crs``)."""
    return (
        type(obj).__module__.split(".")[0] == "geopandas"
        and hasattr(obj, "crs")
        and hasattr(obj, "to_crs")
    )


def _is_point_object(obj: object) -> bool:
    return hasattr(obj, "__geo_interface__") and not isinstance(obj, str | bytes)


@dataclass(frozen=True, slots=True)
class PointsIn:
    """Longitudes and latitudes taken from the caller's input, and how to shape the answer."""

    lon: Any
    lat: Any
    index: Any = None  #: the pandas index of the input, or None

    def wrap(self, values: Any, name: str) -> Any:
        """``values`` as a pandas Series on the input's index (unchanged for other inputs)."""
        return wrap(values, self.index, name)


def wrap(values: Any, index: Any, name: str) -> Any:
    """``values`` as a pandas Series on ``index``; ``values`` unchanged when ``index`` is None."""
    if index is None or np.ndim(values) == 0:
        return values
    import pandas as pd  # already loaded: the input was a pandas object

    return pd.Series(np.asarray(values), index=index, name=name)


def points(lon: Any, lat: Any = None) -> PointsIn:
    """Adapt ``(lon, lat)`` arrays, pandas Series, or point objects (``lat`` omitted)."""
    if lat is None:
        if is_geo_frame(lon):
            return _geo_frame(lon)
        if _is_point_object(lon):
            lons, lats, _ = _geo_interface(lon)
            if _is_single(lon):  # one Point in, one answer out
                return PointsIn(lons[0], lats[0])
            return PointsIn(lons, lats)
        if _is_point_sequence(lon):
            return _point_sequence(lon)
        raise ValidationError(
            f"lat is missing (lat=None): pass lon and lat, or {_POINT_OBJECTS}; got {_short(lon)}"
        )
    for value, name in ((lon, "lon"), (lat, "lat")):
        if is_geo_frame(value) or _is_point_object(value):
            raise ValidationError(
                f"{name} is a point object ({type(value).__name__}); pass point objects alone, "
                "without lat"
            )
    index = series_index(lon, lat)
    if index is not None:
        lon = lon.to_numpy() if is_pandas(lon) else lon
        lat = lat.to_numpy() if is_pandas(lat) else lat
    return PointsIn(_numbers(lon, "lon"), _numbers(lat, "lat"), index)


def _numbers(value: Any, name: str) -> np.ndarray:
    """``value`` as a numeric array (not copied if it is one); text, bool, dates refused."""
    arr, bad = numeric_array(value)
    if arr is None:
        raise CoordinateError(f"{name} must be a number or an array of numbers, got {bad}")
    return arr


def series_index(*values: Any) -> Any:
    """The shared index of the pandas Series among ``values`` (None if there are none)."""
    index = None
    for value in values:
        if not is_pandas(value):
            continue
        if getattr(value, "ndim", 1) != 1:
            raise ValidationError(
                f"expected a Series of numbers, got a {type(value).__name__}; pick the columns, "
                "e.g. df['lon'], df['lat']"
            )
        if index is None:
            index = value.index
        elif not index.equals(value.index):
            raise ValidationError(
                "the pandas Series passed together have different indexes; align them first "
                "(results are returned on the shared index)"
            )
    return index


def lonlat(obj: Any) -> tuple[Any, Any]:
    """``(lon, lat)`` arrays in degrees (EPSG:4326) of point objects.

    Examples
    --------
    >>> from shapely.geometry import Point
    >>> lonlat([Point(125.67, 39.22), Point(135.0, 38.5)])
    (array([125.67, 135.  ]), array([39.22, 38.5 ]))
    """
    p = points(obj)
    return p.lon, p.lat


def center_of(obj: Any) -> tuple[float, float, str] | None:
    """(lon, lat, name) of one point object, or None if ``obj`` is not a point object."""
    if is_geo_frame(obj):
        if len(obj) != 1:
            raise ValidationError(
                f"a centre must be one point, got a {type(obj).__name__} of {len(obj)} rows"
            )
        p = _geo_frame(obj)
        name = ""
        if hasattr(obj, "columns") and "name" in obj.columns:
            name = str(obj["name"].iloc[0])
        return float(p.lon[0]), float(p.lat[0]), name
    if not _is_point_object(obj):
        return None
    lons, lats, names = _geo_interface(obj)
    if lons.size != 1:
        raise ValidationError(
            f"a centre must be one point, got {lons.size} points in {_short(obj)}"
        )
    return float(lons[0]), float(lats[0]), names[0]


# -- the adapters ----------------------------------------------------------------------------------


def _short(obj: Any) -> str:
    text = repr(obj)
    return text if len(text) <= 80 else text[:77] + "..."


def _is_single(obj: Any) -> bool:
    gi = obj.__geo_interface__  # read once already by _geo_interface, so it works
    kind = gi.get("type") if isinstance(gi, Mapping) else None
    if kind == "Feature":
        kind = (gi.get("geometry") or {}).get("type")
    return kind == "Point"


def _geo_interface(obj: Any) -> tuple[np.ndarray, np.ndarray, list[str]]:
    try:
        gi = obj.__geo_interface__
    except Exception as exc:  # a third-party property that fails
        raise ValidationError(f"{_short(obj)}.__geo_interface__ failed: {exc}") from exc
    if not isinstance(gi, Mapping) or "type" not in gi:
        raise ValidationError(f"{_short(obj)} has a __geo_interface__ that is not GeoJSON")
    features = gi.get("features") if gi["type"] == "FeatureCollection" else [gi]
    coords: list[Any] = []
    names: list[str] = []
    for feature in features or []:
        is_feature = feature.get("type") == "Feature"
        geom: Any = feature.get("geometry") if is_feature else feature
        props: Any = (feature.get("properties") or {}) if is_feature else {}
        kind = (geom or {}).get("type")
        if kind == "Point":
            pts = [geom["coordinates"]]
        elif kind == "MultiPoint":
            pts = list(geom["coordinates"])
        else:
            raise ValidationError(
                f"expected point geometry, got {kind or 'no geometry'} in {_short(obj)}; use "
                "its centroid or representative_point() if you mean a point inside it"
            )
        for xy in pts:
            if len(xy) < 2:
                raise CoordinateError(f"an empty point in {_short(obj)} has no coordinates")
            coords.append((xy[0], xy[1]))
            names.append(str(props.get("name", "")) if isinstance(props, Mapping) else "")
    if not coords:
        raise CoordinateError(f"no point in {_short(obj)}")
    numeric, bad = numeric_array(coords)
    if numeric is None:
        raise CoordinateError(f"point coordinates of {_short(obj)} are not numbers: {bad}")
    arr = np.array(numeric, dtype=np.float64)
    return arr[:, 0], arr[:, 1], names


def _is_point_sequence(obj: Any) -> bool:
    if isinstance(obj, str | bytes | Mapping) or not hasattr(obj, "__len__"):
        return False
    try:
        return len(obj) > 0 and all(_is_point_object(o) for o in obj)
    except TypeError:
        return False


def _point_sequence(objs: Any) -> PointsIn:
    lons, lats = [], []
    for obj in objs:
        lon, lat, _ = _geo_interface(obj)
        if lon.size != 1:
            raise ValidationError(
                f"expected one point per element, got {lon.size} in {_short(obj)}"
            )
        lons.append(lon[0])
        lats.append(lat[0])
    return PointsIn(np.array(lons), np.array(lats), objs.index if is_pandas(objs) else None)


def _geo_frame(obj: Any) -> PointsIn:
    """Points of a GeoSeries/GeoDataFrame in EPSG:4326, keeping its index."""
    kind = type(obj).__name__
    crs = obj.crs
    if crs is None:
        raise CoordinateError(
            f"the {kind} has no CRS, and launchgeo does not guess one; set it first, e.g. "
            f".set_crs('EPSG:4326') if its coordinates are lon/lat degrees on WGS84"
        )
    if not crs.equals("EPSG:4326"):
        try:
            obj = obj.to_crs("EPSG:4326")  # a new object: the caller's is not modified
        except Exception as exc:  # pyproj errors: no transformation, bad CRS
            raise CoordinateError(
                f"cannot convert the {kind} from {crs} to EPSG:4326: {exc}"
            ) from exc
    geoms = obj.geometry if hasattr(obj, "geometry") else obj
    types = geoms.geom_type.to_numpy()
    bad = np.flatnonzero(types != "Point")
    if bad.size:
        label = geoms.index[bad[0]]
        raise ValidationError(
            f"expected points, got {types[bad[0]] or 'a missing geometry'} at index {label!r} "
            f"of the {kind} ({bad.size} non-points); use .centroid or .representative_point() "
            "if you mean a point inside each shape"
        )
    empty = np.flatnonzero(geoms.is_empty.to_numpy())
    if empty.size:
        raise CoordinateError(f"empty point at index {geoms.index[empty[0]]!r} of the {kind}")
    return PointsIn(geoms.x.to_numpy(), geoms.y.to_numpy(), geoms.index)
