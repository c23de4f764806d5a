"""The export entry point: the format by suffix, and the HTML map writer."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from launchgeo._atomic import check_path
from launchgeo.errors import ValidationError
from launchgeo.io._kml import to_kml, to_kmz
from launchgeo.io._layers import check_text
from launchgeo.io._ogr import to_csv, to_flatgeobuf, to_geojson, to_geopackage

__all__ = ["SUPPORTED_SUFFIXES", "export", "to_html"]

#: File suffixes :func:`export` understands, and the format each one selects.
SUPPORTED_SUFFIXES: dict[str, str] = {
    ".geojson": "GeoJSON",
    ".json": "GeoJSON",
    ".kml": "KML",
    ".kmz": "KMZ",
    ".gpkg": "GeoPackage",
    ".fgb": "FlatGeobuf",
    ".csv": "CSV",
    ".html": "HTML",
    ".htm": "HTML",
}


def to_html(obj: Any, path: str | Path, *, layer: str | None = None) -> Path:
    """Write an interactive, self-contained HTML map of ``obj`` (opens offline in a browser).

    Land and maritime zones are launchgeo's embedded data; see :func:`launchgeo.maps.web.web_map`
    for what is drawn and how (``layer`` is the map's title).

    Examples
    --------
    >>> import tempfile, pathlib, launchgeo
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     p = to_html(launchgeo.range_ring("Sunan", 650), pathlib.Path(tmp) / "r.html")
    ...     text = p.read_text()
    >>> "<title>Range rings from Pyongyang Sunan International Airport</title>" in text
    True
    """
    from launchgeo.maps.web import web_map

    out = check_path(path, "HTML")
    if layer is not None and not isinstance(layer, str):
        raise ValidationError(f"layer (the map title) must be a string, got {layer!r}")
    if layer is not None:
        check_text(layer, "the map title (layer)", "HTML")
    return Path(web_map(obj, title=layer).save(out))


_WRITERS: dict[str, Callable[..., Path]] = {
    "GeoJSON": to_geojson,
    "KML": to_kml,
    "KMZ": to_kmz,
    "GeoPackage": to_geopackage,
    "FlatGeobuf": to_flatgeobuf,
    "CSV": to_csv,
    "HTML": to_html,
}


def export(obj: Any, path: str | Path, *, layer: str | None = None) -> Path:
    """Write ``obj`` to ``path`` in the format its suffix names.

    Parameters
    ----------
    obj : RangeRing, list of RangeRing, GeoDataFrame, assessment, ...
        What to write (see :mod:`launchgeo.io`).
    path : str or Path
        Output file: ``.geojson``/``.json``, ``.kml``, ``.kmz``, ``.gpkg``, ``.fgb``, ``.csv``
        or ``.html``; replaced atomically if it exists (a GeoPackage gains layers).
    layer : str, optional
        Layer (GeoPackage), document (KML) or collection (GeoJSON) name; the HTML map's title.

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
    '.shp'; supported: .geojson, .json (GeoJSON), .kml (KML), .kmz (KMZ), .gpkg (GeoPackage),
    .fgb (FlatGeobuf), .csv (CSV), .html, .htm (HTML)
    """
    if not isinstance(path, str | Path) and not hasattr(path, "__fspath__"):
        raise ValidationError(f"path must be a str or a path, got {type(path).__name__} {path!r}")
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
