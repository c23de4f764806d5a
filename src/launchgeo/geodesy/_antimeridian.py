"""Antimeridian and pole handling for geometries emitted in lon/lat (private).

Lines and polygons are built in an *unwrapped* longitude frame (continuous longitudes that may
leave [-180, 180)) and then folded back: split at every crossing of +-180 (RFC 7946 sec. 3.1.9),
so no edge jumps across the antimeridian.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import shapely
from shapely.geometry import LineString, MultiLineString, MultiPolygon, Polygon, box
from shapely.geometry.base import BaseGeometry

FloatArray = npt.NDArray[np.float64]

#: The whole lon/lat plane, [-180, 180] x [-90, 90].
GLOBE = box(-180.0, -90.0, 180.0, 90.0)

# A segment whose longitude changes by more than this passes over (or very near) a pole.
_POLE_JUMP_DEG = 90.0


def unwrap_lon(lon: FloatArray) -> FloatArray:
    """Continuous longitudes (no jump > 180 between neighbours), starting at lon[0]."""
    return np.asarray(np.unwrap(np.asarray(lon, dtype=np.float64), period=360.0), dtype=np.float64)


def _split_at_poles(lon: FloatArray, lat: FloatArray) -> list[tuple[FloatArray, FloatArray]]:
    """Cut a densified path where it crosses a pole, ending/starting each piece at the pole."""
    dlon = np.abs((np.diff(lon) + 180.0) % 360.0 - 180.0)
    cuts = np.flatnonzero((dlon > _POLE_JUMP_DEG) & (np.abs(lat[:-1] + lat[1:]) > 170.0))
    pieces: list[tuple[FloatArray, FloatArray]] = []
    head_lon: list[float] = []
    head_lat: list[float] = []
    start = 0
    for i in cuts:
        pole = 90.0 if lat[i] > 0 else -90.0
        pieces.append(
            (
                np.concatenate([head_lon, lon[start : i + 1], [lon[i]]]),
                np.concatenate([head_lat, lat[start : i + 1], [pole]]),
            )
        )
        head_lon, head_lat = [float(lon[i + 1])], [float(pole)]
        start = int(i) + 1
    pieces.append(
        (np.concatenate([head_lon, lon[start:]]), np.concatenate([head_lat, lat[start:]]))
    )
    return [p for p in pieces if p[0].size >= 2]


def split_line(lon: FloatArray, lat: FloatArray) -> list[tuple[FloatArray, FloatArray]]:
    """Split a densified path into pieces with longitudes in [-180, 180] and no antimeridian jump.

    Crossing points are interpolated linearly in (lon, lat) on the straight edge that crosses, so
    the split adds no error beyond that of the edge itself.
    """
    out: list[tuple[FloatArray, FloatArray]] = []
    for plon, plat in _split_at_poles(np.asarray(lon, float), np.asarray(lat, float)):
        ulon = unwrap_lon(plon)
        # Shift so the first vertex is in [-180, 180).
        ulon = ulon - 360.0 * np.floor((ulon[0] + 180.0) / 360.0)
        band = np.floor((ulon + 180.0) / 360.0)
        if band[0] == band[-1] and (band.size < 2 or not np.any(band[1:] != band[:-1])):
            out.append((ulon - 360.0 * band[0], plat))  # no crossing: the piece as it is
            continue
        cur_lon = [ulon[0]]
        cur_lat = [plat[0]]
        cur_band = band[0]
        for j in range(1, ulon.size):
            x0, y0, x1, y1 = ulon[j - 1], plat[j - 1], ulon[j], plat[j]
            b = band[j]
            while b != cur_band:
                step = 1.0 if b > cur_band else -1.0
                edge = -180.0 + 360.0 * (cur_band + (1.0 if step > 0 else 0.0))
                t = (edge - x0) / (x1 - x0) if x1 != x0 else 0.0
                y = y0 + t * (y1 - y0)
                cur_lon.append(edge)
                cur_lat.append(y)
                out.append((np.array(cur_lon) - 360.0 * cur_band, np.array(cur_lat)))
                cur_band += step
                cur_lon, cur_lat = [edge], [y]
            cur_lon.append(x1)
            cur_lat.append(y1)
        out.append((np.array(cur_lon) - 360.0 * cur_band, np.array(cur_lat)))
    return [(np.clip(a, -180.0, 180.0), b) for a, b in out if a.size >= 2]


def line_geometry(lon: FloatArray, lat: FloatArray) -> LineString | MultiLineString:
    """A LineString, or a MultiLineString when the path crosses +-180 or a pole."""
    parts = [LineString(np.column_stack(p)) for p in split_line(lon, lat)]
    parts = [p for p in parts if p.length > 0]
    if len(parts) == 1:
        return parts[0]
    return MultiLineString(parts)


def fold_polygon(polygon: BaseGeometry) -> Polygon | MultiPolygon:
    """Fold a polygon drawn in an unwrapped lon frame into [-180, 180], split at the antimeridian.

    Pieces from different 360-degree bands are translated back and unioned; the result is valid
    and its exterior rings wind counter-clockwise.
    """
    minx, _, maxx, _ = polygon.bounds
    pieces = []
    for k in range(
        int(np.floor((minx + 180.0) / 360.0)), int(np.floor((maxx + 180.0) / 360.0)) + 1
    ):
        frame = box(-180.0 + 360.0 * k, -90.0, 180.0 + 360.0 * k, 90.0)
        part = shapely.intersection(polygon, frame)
        if not part.is_empty:
            pieces.append(shapely.transform(part, lambda xy, k=k: xy - np.array([360.0 * k, 0.0])))
    if not pieces:  # a polygon too small for doubles (a ring of a nanometre): no area
        return Polygon()
    merged = shapely.union_all(pieces) if len(pieces) > 1 else pieces[0]
    return as_polygonal(merged)


def as_polygonal(geom: BaseGeometry) -> Polygon | MultiPolygon:
    """Keep the polygonal part of a geometry, oriented counter-clockwise (RFC 7946)."""
    if isinstance(geom, Polygon | MultiPolygon):
        polys = [geom] if isinstance(geom, Polygon) else list(geom.geoms)
    else:
        polys = [g for g in getattr(geom, "geoms", []) if isinstance(g, Polygon | MultiPolygon)]
        polys = [q for p in polys for q in (p.geoms if isinstance(p, MultiPolygon) else [p])]
    polys = [shapely.geometry.polygon.orient(p, 1.0) for p in polys if not p.is_empty]
    if len(polys) == 1:
        return polys[0]
    return MultiPolygon(polys)


def seamless_boundary(geom: BaseGeometry) -> MultiLineString:
    """The boundary of a lon/lat polygon without its artificial edges, for drawing.

    Edges that run along the antimeridian (both ends at the same longitude +-180) or along a pole
    (both ends at the same latitude +-90) are where a polygon was split or closed, not part of
    the shape it stands for; they are dropped, the rest is returned as lines.
    """
    parts: list[LineString] = []
    polys = [geom] if isinstance(geom, Polygon) else list(getattr(geom, "geoms", []))
    for poly in polys:
        if not isinstance(poly, Polygon) or poly.is_empty:
            continue
        for ring in (poly.exterior, *poly.interiors):
            xy = np.asarray(ring.coords)
            x0, x1 = xy[:-1, 0], xy[1:, 0]
            y0, y1 = xy[:-1, 1], xy[1:, 1]
            seam = ((np.abs(x0) == 180.0) & (x0 == x1)) | ((np.abs(y0) == 90.0) & (y0 == y1))
            if not seam.any():
                parts.append(LineString(xy))
                continue
            # Rotate so the ring starts at a seam edge, then cut at every seam edge.
            k = int(np.argmax(seam))
            xy = np.concatenate([xy[k + 1 : -1], xy[: k + 1]])
            seam = np.roll(seam, -(k + 1))
            start = 0
            for i in np.append(np.flatnonzero(seam), xy.shape[0] - 1):
                if i - start >= 1:
                    parts.append(LineString(xy[start : i + 1]))
                start = int(i) + 1
    return MultiLineString(parts)
