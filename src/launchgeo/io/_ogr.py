"""GeoJSON, GeoPackage, FlatGeobuf and CSV through GDAL (pyogrio), written atomically (private)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from launchgeo._atomic import atomic_path, check_path
from launchgeo.errors import DataError
from launchgeo.io._layers import (
    MAIN_LAYER,
    check_finite_values,
    joined,
    layer_name,
    to_layers,
)

__all__ = ["to_csv", "to_flatgeobuf", "to_geojson", "to_geopackage"]


def _write(gdf: Any, path: Path, **options: Any) -> None:
    import pyogrio

    try:
        pyogrio.write_dataframe(gdf, path, **options)
    except (
        OSError,
        ValueError,
        TypeError,
        pyogrio.errors.DataSourceError,
        pyogrio.errors.DataLayerError,
        pyogrio.errors.FieldError,
        pyogrio.errors.GeometryError,
        pyogrio.errors.CRSError,
    ) as exc:
        raise DataError(f"cannot write {str(path)!r}: {exc}") from exc


_KINDS = {"GeoJSON": "GeoJSON", "FlatGeobuf": "FlatGeobuf", "CSV": "CSV"}


def _single_table(obj: Any, path: Any, layer: str | None, **options: Any) -> Path:
    out = check_path(path, _KINDS[options["driver"]])
    name = layer_name(layer, out)
    _, layers = to_layers(obj)
    if options["driver"] == "GeoJSON":
        check_finite_values(layers, "GeoJSON")
    gdf = joined(layers)
    with atomic_path(out) as tmp:
        _write(gdf, tmp, layer=name, **options)
    return out


def to_geojson(obj: Any, path: str | Path, *, layer: str | None = None) -> Path:
    """Write ``obj`` as RFC 7946 GeoJSON (lon/lat, split at +-180, counter-clockwise).

    One FeatureCollection holds every layer of the export (see :func:`to_geodataframe`), told
    apart by the ``layer`` property: the ring polygons (fill only: draw them without outline),
    their circles as lines (``"boundary"``, the outline to draw), the site, and an
    assessment's arcs and impact point.

    Parameters
    ----------
    obj : RangeRing, list of RangeRing, GeoDataFrame, assessment, ...
        What to write (see :mod:`launchgeo.io`).
    path : str or Path
        Output file; replaced if it exists (atomically).
    layer : str, optional
        Written as the collection's ``name`` member.

    Returns
    -------
    Path
        The file written.

    Raises
    ------
    ValidationError
        An object that cannot be exported.
    DataError
        The file cannot be written (missing folder, permissions).

    Examples
    --------
    >>> import json, tempfile, pathlib, launchgeo
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     p = to_geojson(launchgeo.range_ring("Sunan", 650), pathlib.Path(tmp) / "r.geojson")
    ...     doc = json.loads(p.read_text())
    >>> [(f["properties"]["layer"], f["geometry"]["type"]) for f in doc["features"]]
    [('rings', 'Polygon'), ('boundary', 'MultiLineString'), ('site', 'Point')]
    """
    return _single_table(
        obj,
        path,
        layer,
        driver="GeoJSON",
        RFC7946="YES",
        WRITE_NAME="YES" if layer else "NO",
    )


def to_flatgeobuf(obj: Any, path: str | Path, *, layer: str | None = None) -> Path:
    """Write ``obj`` as FlatGeobuf (one table with a ``layer`` column, as for GeoJSON).

    Features keep their order (no spatial index is written).

    Examples
    --------
    >>> import tempfile, pathlib, pyogrio, launchgeo
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     p = to_flatgeobuf(launchgeo.range_ring("Sunan", 650), pathlib.Path(tmp) / "r.fgb")
    ...     pyogrio.read_dataframe(p)["layer"].tolist()
    ['rings', 'boundary', 'site']
    """
    return _single_table(obj, path, layer, driver="FlatGeobuf", SPATIAL_INDEX="NO")


def to_csv(obj: Any, path: str | Path, *, layer: str | None = None) -> Path:
    """Write ``obj`` as CSV with the geometry as WKT in the first column (``WKT``).

    Examples
    --------
    >>> import tempfile, pathlib, launchgeo
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     p = to_csv(launchgeo.range_ring("Sunan", 650), pathlib.Path(tmp) / "r.csv")
    ...     p.read_text().splitlines()[0].split(",")[:3]
    ['WKT', 'layer', 'site']
    """
    return _single_table(obj, path, layer, driver="CSV", GEOMETRY="AS_WKT")


def to_geopackage(obj: Any, path: str | Path, *, layer: str | None = None) -> Path:
    """Write ``obj`` as layers of a GeoPackage (added to the file if it exists).

    The main layer is named ``layer`` (default: the file name without suffix): the ring
    polygons (fill only), an assessment's arcs, or the features. Beside it go
    ``<layer>_boundary`` (each ring's circle, the outline to draw), ``<layer>_site`` and, for an
    assessment, ``<layer>_rings`` and ``<layer>_impact``. Layers of the same names are
    replaced; the file is replaced atomically.

    Parameters
    ----------
    obj : RangeRing, list of RangeRing, GeoDataFrame, assessment, ...
        What to write (see :mod:`launchgeo.io`).
    path : str or Path
        The ``.gpkg`` file.
    layer : str, optional
        Name of the main layer.

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
    >>> import tempfile, pathlib, pyogrio, launchgeo
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     p = pathlib.Path(tmp) / "sunan.gpkg"
    ...     _ = to_geopackage(launchgeo.range_rings("Sunan", [350, 650]), p, layer="rings")
    ...     _ = to_geopackage(launchgeo.radials("Sunan", 650), p, layer="radials")
    ...     sorted(name for name, _ in pyogrio.list_layers(p))
    ['radials', 'rings', 'rings_boundary', 'rings_site']
    """
    out = check_path(path, "GeoPackage")
    base = layer_name(layer, out)
    kind, layers = to_layers(obj)
    main = MAIN_LAYER[kind]
    layers.sort(key=lambda item: item.name != main)  # the main layer first: GDAL's default
    with atomic_path(out, keep_existing=True) as tmp:
        for item in layers:
            name = base if item.name == main else f"{base}_{item.name}"
            _write(item.frame, tmp, driver="GPKG", layer=name, promote_to_multi=False)
    return out
