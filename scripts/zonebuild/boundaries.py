"""Step: agreed boundaries that replace the computed medians (the 1974 Japan-ROK shelf line).

The treaty line (``data/japan_korea_1974_shelf_boundary.csv``, cited) replaces the JPN-KOR
median within a corridor on either side; the owners' regions are then made an exact coverage
again, because the overlay is floating point.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import shapely
from pyproj import Transformer

from zonebuild.geometry import area_only, densify_ring

#: The 1974 treaty line's side polygons are built within this distance of the line (km).
TREATY_CORRIDOR_KM = 40.0


def apply_treaty(regions: dict[str, Any], line: np.ndarray) -> tuple[float, Any]:
    """Replace the JPN-KOR median near the 1974 line by the line itself.

    Returns the largest distance (km) between the computed median and the treaty line inside the
    corridor, and the corridor polygon.
    """
    # local azimuthal equidistant projection for the one-sided corridor (metres, not degrees)
    lon0, lat0 = line[:, 0].mean(), line[:, 1].mean()
    to_local = Transformer.from_crs(
        "EPSG:4326", f"+proj=aeqd +lon_0={lon0} +lat_0={lat0} +ellps=WGS84 +units=m", always_xy=True
    )
    to_geo = Transformer.from_crs(
        f"+proj=aeqd +lon_0={lon0} +lat_0={lat0} +ellps=WGS84 +units=m", "EPSG:4326", always_xy=True
    )
    dense = densify_ring(np.vstack([line, line[-1:]]), 1.0)
    x, y = to_local.transform(dense[:, 0], dense[:, 1])
    ln = shapely.LineString(np.column_stack([x, y]))
    d = TREATY_CORRIDOR_KM * 1000.0
    # line runs SW -> NE: left (positive single-sided buffer) is the Korean (north-west) side
    kor_side = shapely.buffer(ln, d, single_sided=True, cap_style="flat")
    jpn_side = shapely.buffer(ln, -d, single_sided=True, cap_style="flat")

    def geo(poly: Any) -> Any:
        c = shapely.get_coordinates(shapely.segmentize(poly, 2000.0))
        lo, la = to_geo.transform(c[:, 0], c[:, 1])
        return shapely.make_valid(shapely.Polygon(np.column_stack([lo, la])))

    kor_g, jpn_g = geo(kor_side), geo(jpn_side)
    corridor = shapely.union(kor_g, jpn_g)
    pool = shapely.intersection(shapely.union(regions["JPN"], regions["KOR"]), corridor)
    # residual: how far the computed median is from the treaty line
    median = shapely.intersection(
        shapely.boundary(regions["JPN"]), shapely.boundary(regions["KOR"])
    )
    median = shapely.intersection(median, corridor)
    mc = shapely.get_coordinates(median)
    resid = 0.0
    if len(mc):
        mx, my = to_local.transform(mc[:, 0], mc[:, 1])
        resid = float(
            shapely.distance(shapely.points(np.column_stack([mx, my])), ln).max() / 1000.0
        )
    regions["KOR"] = shapely.union(
        shapely.difference(regions["KOR"], corridor), shapely.intersection(pool, kor_g)
    )
    regions["JPN"] = shapely.union(
        shapely.difference(regions["JPN"], corridor), shapely.difference(pool, kor_g)
    )
    return resid, corridor


def as_coverage(regions: dict[str, Any]) -> dict[str, Any]:
    """The regions made an exact polygonal coverage (identical shared edges) again."""
    keys = sorted(regions)
    cleaned = shapely.coverage_clean(np.array([regions[k] for k in keys]), snapping_distance=0.0)
    return dict(zip(keys, (area_only(c) for c in cleaned), strict=True))
