"""Exports: rings, assessments and classified points as GeoJSON, KML/KMZ, GeoPackage, FlatGeobuf,
CSV and interactive HTML maps.

Lives here: ``export`` (format by suffix) and one writer per format; every write is atomic.
May import: every lower layer (``maps`` for the HTML map; ``geodesy``, ``zones``, ...).

One entry point, :func:`export`, picks the format from the file suffix. Every writer accepts:

- a :class:`~launchgeo.RangeRing` (ring, band or fan) or a list of them, or the GeoDataFrame of
  :func:`~launchgeo.range_rings`;
- a launch assessment (the result of ``launchgeo.assess_launch``) or a list of them;
- a GeoDataFrame (e.g. from :func:`~launchgeo.radials`, classified points), a DataFrame with
  ``lon``/``lat`` columns (turned into points), or anything with a GeoJSON
  ``__geo_interface__`` (a Feature or FeatureCollection, such as an impact estimate).

What is written
---------------
An export has layers (:func:`to_layers`): ``rings`` (each ring, band or fan as a polygon),
``boundary`` (its circle(s) as lines), ``site`` (the launch site as a point), and for an
assessment ``arcs`` (one line per zone crossed, with the bearing interval) and ``impact`` (the
impact point of a bearing); other tables become ``features`` (and ``boundary`` for polygons).

**Polygons are for filling only.** A ring that crosses +-180 is split there (RFC 7946) and a
ring around a pole is closed along the pole, so a polygon's outline has edges that are not part
of the circle; a client that strokes it draws a false line along the date line or the top of
the map. Draw polygons without outline and stroke the ``boundary`` lines.

Formats
-------
GeoJSON (``.geojson``, ``.json``), FlatGeobuf (``.fgb``), CSV (``.csv``, geometry as WKT)
    One table with every layer, told apart by the ``layer`` column. GeoJSON is RFC 7946
    (``RFC7946=YES``): WGS84 lon/lat, split at +-180, exterior rings counter-clockwise,
    coordinates with 7 decimals (about 1 cm).
GeoPackage (``.gpkg``)
    One GDAL layer per export layer: ``<name>`` (the rings, arcs or features),
    ``<name>_boundary``, ``<name>_site``, ``<name>_rings``, ``<name>_impact``.
KML (``.kml``), KMZ (``.kmz``)
    Folders per layer, typed attributes (``<Schema>``/``<SimpleData>``), polygons cut into
    pieces at most 90 degrees wide and filled without outline, circles as LineStrings.
HTML (``.html``)
    A self-contained interactive map (:func:`launchgeo.maps.web.web_map`).

Columns keep their types: numbers are numbers even when missing (a full ring's bearings are
null floats), true/false are booleans. Re-projecting a ring that encloses a pole breaks its
polygon in most projections: use :meth:`launchgeo.RangeRing.to_crs` (see
docs/maps_exports_cli.md).

Examples
--------
>>> import tempfile, pathlib, launchgeo
>>> from launchgeo.io import export
>>> ring = launchgeo.range_ring("Sunan", 13_000)
>>> with tempfile.TemporaryDirectory() as tmp:
...     path = export(ring, pathlib.Path(tmp) / "icbm.kml")
...     path.suffix, "<Placemark>" in path.read_text()
('.kml', True)
"""  # noqa: D205

from launchgeo.io._kml import to_kml, to_kmz
from launchgeo.io._layers import ExportLayer, to_geodataframe, to_layers
from launchgeo.io._ogr import to_csv, to_flatgeobuf, to_geojson, to_geopackage
from launchgeo.io.core import SUPPORTED_SUFFIXES, export, to_html

__all__ = [
    "SUPPORTED_SUFFIXES",
    "ExportLayer",
    "export",
    "to_csv",
    "to_flatgeobuf",
    "to_geodataframe",
    "to_geojson",
    "to_geopackage",
    "to_html",
    "to_kml",
    "to_kmz",
    "to_layers",
]
