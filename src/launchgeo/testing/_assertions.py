"""Assertions for users' test suites: geometries close on the ellipsoid, RFC 7946, zones."""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from typing import Any

import numpy as np
import numpy.typing as npt

from launchgeo.errors import LaunchgeoError

__all__ = ["assert_geometry_close", "assert_valid_rfc7946", "assert_zone"]

FloatArray = npt.NDArray[np.float64]
_SEAM_TOL_DEG = 1e-9


def _as_geometry(obj: Any) -> Any:
    """A shapely geometry from shapely, GeoJSON mappings, or ``__geo_interface__`` objects."""
    import shapely
    from shapely.geometry import shape

    if isinstance(obj, shapely.Geometry):
        return obj
    gi = obj if isinstance(obj, Mapping) else getattr(obj, "__geo_interface__", None)
    if not isinstance(gi, Mapping):
        raise TypeError(f"expected a geometry, a GeoJSON mapping or __geo_interface__, got {obj!r}")
    if gi.get("type") == "Feature":
        gi = gi.get("geometry") or {"type": "GeometryCollection", "geometries": []}
    if gi.get("type") == "FeatureCollection":
        return shapely.GeometryCollection([_as_geometry(f) for f in gi.get("features", [])])
    return shape(gi)


# -- geodesic Hausdorff ----------------------------------------------------------------------------


def _segments(geom: Any) -> Iterator[FloatArray]:
    """Coordinate sequences (n, 2) of the parts of ``geom`` that carry its shape."""
    import shapely

    for part in shapely.get_parts(geom):
        kind = part.geom_type
        if part.is_empty:
            continue
        if kind in {"Point", "LineString", "LinearRing"}:
            yield np.asarray(part.coords, dtype=np.float64)[:, :2]
        elif kind == "Polygon":
            for ring in (part.exterior, *part.interiors):
                yield np.asarray(ring.coords, dtype=np.float64)[:, :2]
        elif kind == "GeometryCollection":
            yield from _segments(part)
        else:  # pragma: no cover - shapely has no other kinds
            raise TypeError(f"unexpected geometry type {kind}")


def _is_seam(a: FloatArray, b: FloatArray) -> npt.NDArray[np.bool_]:
    """Edges along +-180 or along a pole: added by the RFC 7946 split, not part of the shape."""
    on_meridian = (np.abs(np.abs(a[:, 0]) - 180.0) < _SEAM_TOL_DEG) & (
        np.abs(a[:, 0] - b[:, 0]) < _SEAM_TOL_DEG
    )
    on_pole = (np.abs(np.abs(a[:, 1]) - 90.0) < _SEAM_TOL_DEG) & (
        np.abs(a[:, 1] - b[:, 1]) < _SEAM_TOL_DEG
    )
    return on_meridian | on_pole


def _samples(geom: Any, spacing_km: float) -> FloatArray:
    """Points (lon, lat) along the shape's edges, at most ``spacing_km`` apart, seams left out."""
    out: list[FloatArray] = []
    km_per_deg = 111.4  # at most, along a meridian or the equator
    for xy in _segments(geom):
        if len(xy) == 1:
            out.append(xy)
            continue
        a, b = xy[:-1], xy[1:]
        keep = ~_is_seam(a, b)
        for p, q in zip(a[keep], b[keep], strict=True):
            span = float(np.hypot(*(q - p))) * km_per_deg
            n = max(1, math.ceil(span / spacing_km))
            t = np.linspace(0.0, 1.0, n + 1)[:, None]
            out.append(p + t * (q - p))
    return np.concatenate(out) if out else np.empty((0, 2))


def _ecef(lonlat: FloatArray) -> FloatArray:
    lon, lat = np.radians(lonlat[:, 0]), np.radians(lonlat[:, 1])
    return np.column_stack([np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)])


def _directed(a: FloatArray, b: FloatArray) -> tuple[float, int, int]:
    """Max over points of ``a`` of the geodesic distance (km) to the nearest point of ``b``."""
    from scipy.spatial import cKDTree

    from launchgeo.geodesy.core import distance_km

    _, nearest = cKDTree(_ecef(b)).query(_ecef(a))
    d = np.asarray(distance_km(a[:, 0], a[:, 1], b[nearest, 0], b[nearest, 1]), dtype=float)
    i = int(np.argmax(d))
    return float(d[i]), i, int(nearest[i])


def assert_geometry_close(actual: Any, expected: Any, *, tolerance_km: float) -> None:
    """Assert that two geometries lie within ``tolerance_km`` of each other (geodesic Hausdorff).

    The distance is the symmetric Hausdorff distance between the geometries' edges (polygon
    boundaries, lines, points) on the WGS84 ellipsoid, measured at points spaced at most a
    quarter of the tolerance along the straight lon/lat edges (as GeoJSON consumers draw them),
    so it is found to within an eighth of the tolerance. It is
    antimeridian-aware: points are compared on the globe, so 179.9 and -179.9 are 22 km apart
    at the equator, and the edges that RFC 7946 adds where a polygon is split at +-180 or
    closed along a pole are left out, so a ring split at +-180 matches the same ring drawn with
    longitudes past 180.

    Parameters
    ----------
    actual, expected : shapely geometry, GeoJSON mapping or object with ``__geo_interface__``
        Coordinates in (lon, lat) degrees.
    tolerance_km : float, keyword-only
        Largest allowed distance, km (> 0).

    Raises
    ------
    AssertionError
        With the distance and the point where it is reached.

    Examples
    --------
    >>> import launchgeo
    >>> from launchgeo.testing import assert_geometry_close
    >>> a = launchgeo.range_ring("Sunan", 13_000).geometry      # split at +-180, pole cap
    >>> b = launchgeo.range_ring("Sunan", 13_002).geometry
    >>> assert_geometry_close(a, b, tolerance_km=5)
    >>> assert_geometry_close(a, b, tolerance_km=1)
    Traceback (most recent call last):
    ...
    AssertionError: geometries differ by 2... km (tolerance 1 km): ...
    """
    if not (isinstance(tolerance_km, int | float) and math.isfinite(tolerance_km)) or (
        tolerance_km <= 0
    ):
        raise ValueError(f"tolerance_km must be a finite number > 0, got {tolerance_km!r}")
    a, b = _as_geometry(actual), _as_geometry(expected)
    if a.is_empty or b.is_empty:
        if a.is_empty and b.is_empty:
            return
        which = "actual" if a.is_empty else "expected"
        raise AssertionError(f"the {which} geometry is empty and the other is not")
    spacing = tolerance_km / 4.0
    pa, pb = _samples(a, spacing), _samples(b, spacing)
    if len(pa) == 0 or len(pb) == 0:  # only seams: compare the whole outline instead
        raise AssertionError("a geometry has no edges besides the +-180 and pole seams")
    d_ab, i, j = _directed(pa, pb)
    d_ba, k, m = _directed(pb, pa)
    if max(d_ab, d_ba) <= tolerance_km:
        return
    if d_ab >= d_ba:
        where = f"point ({pa[i, 0]:.6f}, {pa[i, 1]:.6f}) of actual is {d_ab:.4g} km from expected"
        near = pb[j]
    else:
        where = f"point ({pb[k, 0]:.6f}, {pb[k, 1]:.6f}) of expected is {d_ba:.4g} km from actual"
        near = pa[m]
    raise AssertionError(
        f"geometries differ by {max(d_ab, d_ba):.4g} km (tolerance {tolerance_km:g} km): "
        f"{where} (nearest point there: ({near[0]:.6f}, {near[1]:.6f}))"
    )


# -- RFC 7946 ----------------------------------------------------------------------------------


def _rfc7946_problems(geom: Any, where: str) -> list[str]:
    import shapely
    from shapely.validation import explain_validity

    problems: list[str] = []
    if geom.geom_type == "GeometryCollection":
        for n, part in enumerate(shapely.get_parts(geom)):
            problems += _rfc7946_problems(part, f"{where}part {n}: ")
        return problems
    if geom.is_empty:
        return problems
    xy = shapely.get_coordinates(geom)
    if not np.isfinite(xy).all():
        problems.append(f"{where}non-finite coordinates")
        return problems
    if (np.abs(xy[:, 0]) > 180).any():
        lon = float(xy[np.argmax(np.abs(xy[:, 0])), 0])
        problems.append(f"{where}longitude {lon!r} outside [-180, 180]")
    if (np.abs(xy[:, 1]) > 90).any():
        lat = float(xy[np.argmax(np.abs(xy[:, 1])), 1])
        problems.append(f"{where}latitude {lat!r} outside [-90, 90]")
    if not geom.is_valid:
        problems.append(f"{where}invalid geometry: {explain_validity(geom)}")
    for part_xy in _segments(geom):
        at_pole = np.abs(part_xy[:, 1]) == 90.0  # every longitude is the same point there
        jump = np.abs(np.diff(part_xy[:, 0])) > 180.0
        jumps = np.flatnonzero(jump & ~(at_pole[:-1] & at_pole[1:]))
        if jumps.size:
            p, q = part_xy[jumps[0]], part_xy[jumps[0] + 1]
            problems.append(
                f"{where}an edge from ({p[0]:g}, {p[1]:g}) to ({q[0]:g}, {q[1]:g}) crosses the "
                "antimeridian; RFC 7946 section 3.1.9 wants it split at +-180"
            )
            break
    if geom.geom_type in {"Polygon", "MultiPolygon"}:
        for n, poly in enumerate(shapely.get_parts(geom)):
            if not poly.exterior.is_ccw:
                problems.append(
                    f"{where}polygon {n}: exterior ring is clockwise; RFC 7946 section 3.1.6 "
                    "wants counter-clockwise exteriors"
                )
            for h, hole in enumerate(poly.interiors):
                if hole.is_ccw:
                    problems.append(f"{where}polygon {n}: hole {h} is counter-clockwise")
    return problems


def assert_valid_rfc7946(geom: Any) -> None:
    """Assert that a geometry is valid GeoJSON as RFC 7946 asks.

    Checked: finite coordinates within lon [-180, 180] and lat [-90, 90]; a valid geometry
    (OGC rules, shapely); no edge crossing the antimeridian (section 3.1.9: split at +-180);
    exterior rings counter-clockwise, holes clockwise (section 3.1.6). Accepts shapely
    geometries, GeoJSON mappings (Geometry, Feature, FeatureCollection) and objects with
    ``__geo_interface__`` (launchgeo's rings, sites, ...).

    Raises
    ------
    AssertionError
        Listing every problem found.

    Examples
    --------
    >>> import launchgeo, shapely
    >>> from launchgeo.testing import assert_valid_rfc7946
    >>> assert_valid_rfc7946(launchgeo.range_ring("Sunan", 13_000))
    >>> assert_valid_rfc7946(shapely.Polygon([(170, 0), (190, 0), (190, 10), (170, 10)]))
    Traceback (most recent call last):
    ...
    AssertionError: not valid RFC 7946 GeoJSON: longitude 190.0 outside [-180, 180]
    """
    problems = _rfc7946_problems(_as_geometry(geom), "")
    if problems:
        raise AssertionError("not valid RFC 7946 GeoJSON: " + "; ".join(problems))


# -- zones ---------------------------------------------------------------------------------------


def _describe(label: str) -> str:
    from launchgeo.findings.assessment import describe_label

    return f"{label!r} ({describe_label(label)})"


def _distance_text(zones: Any, lon: float, lat: float, label: str) -> str:
    if label not in zones.labels:
        return ""
    try:
        d = float(zones.signed_distance_km(lon, lat, label))
    except LaunchgeoError:
        return ""
    side = "inside" if d <= 0 else "outside"
    return f"{abs(d):,.2f} km {side} the boundary of {label!r}"


def assert_zone(lon: Any, lat: Any, label: str, *, zones: Any = None) -> None:
    """Assert that the point(s) ``(lon, lat)`` are in the zone ``label``.

    The failure message says where the point is, which zone it is in, and how far it lies from
    the boundaries of that zone and of the expected one (geodesic km), so a failing test shows
    whether the point is near a boundary or somewhere else entirely.

    Parameters
    ----------
    lon, lat : float or array_like
        Degrees (every point must be in ``label``).
    label : str
        Expected zone label, e.g. ``"JPN:eez"`` or ``"high_seas"``.
    zones : Zones, keyword-only
        Zone data; the embedded zones when omitted.

    Examples
    --------
    >>> from launchgeo.testing import assert_zone
    >>> assert_zone(135.0, 38.5, "JPN:eez")
    >>> assert_zone(135.0, 38.5, "KOR:eez")
    Traceback (most recent call last):
    ...
    AssertionError: point (135.0000, 38.5000) is in 'JPN:eez' (Japan's EEZ), not in 'KOR:eez' ...
    """
    if zones is None:
        from launchgeo.zones import load_zones

        zones = load_zones()
    if label not in zones.vocabulary:
        import difflib

        close = difflib.get_close_matches(str(label), list(zones.vocabulary), n=3)
        raise AssertionError(
            f"{label!r} is no label of these zones; close: {close or list(zones.vocabulary)[:5]}"
        )
    lon_a = np.atleast_1d(np.asarray(lon, dtype=np.float64)).ravel()
    lat_a = np.atleast_1d(np.asarray(lat, dtype=np.float64)).ravel()
    got = np.atleast_1d(np.asarray(zones.classify(lon_a, lat_a), dtype=object))
    wrong = np.flatnonzero(got != label)
    if wrong.size == 0:
        return
    i = int(wrong[0])
    x, y, actual = float(lon_a[i]), float(lat_a[i]), str(got[i])
    which = f"point {i} of {lon_a.size} " if lon_a.size > 1 else "point "
    more = f" ({wrong.size - 1} more points are not either)" if wrong.size > 1 else ""
    distances = [
        t for t in (_distance_text(zones, x, y, actual), _distance_text(zones, x, y, label)) if t
    ]
    tail = f"; it is {'; '.join(distances)}" if distances else ""
    raise AssertionError(
        f"{which}({x:.4f}, {y:.4f}) is in {_describe(actual)}, not in {_describe(label)}"
        f"{tail}{more}"
    )
