"""Rings rebuilt in a projected CRS from their circles (private; ``RangeRing.to_crs``).

Re-projecting a ring's lon/lat polygon vertex by vertex breaks a ring that encloses a pole or
crosses +-180: its polygon was split at the date line and closed along the pole, and those
artificial edges land somewhere else in the new CRS (in north polar stereographic, EPSG:3413,
the 13,000 km ring from Sunan becomes invalid, and its area read back is 139.6 million km²
instead of 370.5). Rebuilt from the circle itself, densely sampled and projected, the ring is
the region the projected circle encloses: valid, and as large as it should be.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import shapely
from shapely.geometry import Point, Polygon

from launchgeo.errors import ValidationError
from launchgeo.geodesy._loops import circle_arc

__all__ = ["ring_in_crs"]

#: Edge tolerance (m) of the lon/lat loops before projection; their vertices are a few km apart.
_TOLERANCE_M = 1.0
#: A projected edge longer than this many times the median edge means the loop jumps a cut.
_JUMP_FACTOR = 200.0


def _loops(ring: Any) -> list[tuple[Any, Any]]:
    """Closed (lon, lat) loops of the ring's boundary, densified to ``_TOLERANCE_M``."""
    from launchgeo.geodesy.rings import _fan_parts

    lon0, lat0 = ring.center_lon, ring.center_lat
    if ring.bearing_from_deg is not None:
        lon, lat, _ = _fan_parts(
            lon0,
            lat0,
            ring.range_km,
            ring.min_range_km,
            ring.bearing_from_deg,
            ring.bearing_to_deg,
            _TOLERANCE_M,
        )
        return [(lon, lat)]
    out = []
    for r_km in (ring.range_km, ring.min_range_km):
        if r_km > 0:
            arc = circle_arc(lon0, lat0, r_km * 1000.0, _TOLERANCE_M)
            out.append((arc.lon, arc.lat))
    return out


def _inside_point(ring: Any) -> tuple[float, float]:
    """A point of the ring's region well away from its boundary (lon, lat)."""
    from launchgeo.geodesy.core import destination

    if ring.min_range_km == 0 and ring.bearing_from_deg is None:
        return ring.center_lon, ring.center_lat
    mid_km = 0.5 * (ring.range_km + ring.min_range_km)
    bearing = 0.0
    if ring.bearing_from_deg is not None:
        width = (ring.bearing_to_deg - ring.bearing_from_deg) % 360.0
        bearing = (ring.bearing_from_deg + width / 2.0) % 360.0
    lon, lat = destination(ring.center_lon, ring.center_lat, bearing, mid_km)
    return float(lon), float(lat)


def ring_in_crs(ring: Any, crs: Any) -> Polygon:
    """The ring's region as a polygon in ``crs`` (projected coordinates), built from its circle.

    Raises
    ------
    ValidationError
        An unknown CRS, or a ring the CRS cannot show as one bounded region: it contains a
        point the projection cannot represent (e.g. the South Pole in north polar
        stereographic) or crosses the projection's cut (e.g. the antimeridian of a
        cylindrical projection centred elsewhere).
    """
    from pyproj import CRS, Transformer
    from pyproj.exceptions import CRSError

    try:
        target = CRS.from_user_input(crs)
    except (CRSError, TypeError, ValueError) as exc:  # arrays, objects: not a CRS either
        raise ValidationError(f"crs {crs!r} is not a known CRS: {exc}") from exc
    if ring.range_km <= 0 or ring.geometry.is_empty:
        raise ValidationError("an empty ring has no region to project")
    if ring.geometry.equals(shapely.box(-180.0, -90.0, 180.0, 90.0)):
        raise ValidationError(
            f"a {ring.range_km:,.0f} km ring covers the whole Earth, which no map projection shows "
            "as a bounded polygon"
        )
    tr = Transformer.from_crs("EPSG:4326", target, always_xy=True)
    shells = []
    for lon, lat in _loops(ring):
        x, y = tr.transform(np.append(lon, lon[0]), np.append(lat, lat[0]), errcheck=False)
        xy = np.column_stack([x, y])
        if not np.isfinite(xy).all():
            raise ValidationError(
                f"{target.name!r} cannot represent every point of this ring's circle; choose a "
                "projection centred nearer to the ring"
            )
        steps = np.hypot(*np.diff(xy, axis=0).T)
        if steps.max() > _JUMP_FACTOR * max(float(np.median(steps)), 1e-9):
            raise ValidationError(
                f"the ring's circle crosses the cut of {target.name!r} (it jumps from one edge "
                "of the map to the other); choose a projection centred nearer to the ring"
            )
        shells.append(xy)
    polygon = Polygon(shells[0], shells[1:])
    ix, iy = tr.transform(*_inside_point(ring), errcheck=False)
    if not (polygon.is_valid and np.isfinite([ix, iy]).all() and polygon.contains(Point(ix, iy))):
        raise ValidationError(
            f"this ring is not one bounded region in {target.name!r} (it encloses a point the "
            "projection sends to infinity or across its cut); choose a projection centred "
            "nearer to the ring"
        )
    return polygon
