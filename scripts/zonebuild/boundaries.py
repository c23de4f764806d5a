"""Step: agreed boundaries that replace the computed medians near their turning points.

Each line of ``data/maritime_boundary_lines.csv`` (points in ``maritime_boundary_points.csv``,
cited per line) replaces the median between its two owners within a corridor on either side of
it: sea of either owner inside the corridor goes to the owner on its side of the line. The sides
are one-sided buffers of the line (flat caps) in a local azimuthal equidistant projection, in
metres, so the corridor ends square at the line's first and last points.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely
from pyproj import Transformer

from zonebuild.geometry import densify_ring
from zonebuild.sources import BoundaryLine


@dataclass(frozen=True)
class Corridor:
    """The two sides of an agreed line near it, in lon/lat."""

    line: BoundaryLine
    left_side: Any
    right_side: Any

    @property
    def area(self) -> Any:
        return shapely.union(self.left_side, self.right_side)


def _local(line: np.ndarray) -> tuple[Transformer, Transformer]:
    lon0, lat0 = line[:, 0].mean(), line[:, 1].mean()
    proj = f"+proj=aeqd +lon_0={lon0} +lat_0={lat0} +ellps=WGS84 +units=m"
    return (
        Transformer.from_crs("EPSG:4326", proj, always_xy=True),
        Transformer.from_crs(proj, "EPSG:4326", always_xy=True),
    )


def corridor(line: BoundaryLine) -> Corridor:
    """The sides of one agreed line: left and right one-sided buffers of corridor_km."""
    to_local, to_geo = _local(line.points)
    dense = densify_ring(np.vstack([line.points, line.points[-1:]]), 1.0)
    x, y = to_local.transform(dense[:, 0], dense[:, 1])
    ln = shapely.LineString(np.column_stack([x, y]))
    d = line.corridor_km * 1000.0
    left = shapely.buffer(ln, d, single_sided=True, cap_style="flat")
    right = shapely.buffer(ln, -d, single_sided=True, cap_style="flat")

    def geo(poly: Any) -> Any:
        c = shapely.get_coordinates(shapely.segmentize(poly, 2000.0))
        lo, la = to_geo.transform(c[:, 0], c[:, 1])
        return shapely.make_valid(shapely.Polygon(np.column_stack([lo, la])))

    return Corridor(line, geo(left), geo(right))


def median_offset_km(c: Corridor, ridges: list[tuple[str, str, np.ndarray]]) -> float | None:
    """Largest distance (km) from points of the agreed line (every km) to the computed median
    between its two owners: how far the agreement moves the boundary (None: the medians of the
    two owners never meet)."""
    owners = {c.line.left, c.line.right}
    pts = [p for a, b, p in ridges if {a, b} == owners]
    if not pts:
        return None
    to_local, _ = _local(c.line.points)
    paths = []
    for p in pts:
        x, y = to_local.transform(p[:, 0], p[:, 1])
        paths.append(shapely.LineString(np.column_stack([x, y])))
    median = shapely.multilinestrings(paths)
    lx, ly = to_local.transform(c.line.points[:, 0], c.line.points[:, 1])
    line = shapely.segmentize(shapely.LineString(np.column_stack([lx, ly])), 1000.0)
    samples = shapely.points(shapely.get_coordinates(line))
    return float(shapely.distance(samples, median).max() / 1000)


def reassign(owner: np.ndarray, lon: np.ndarray, lat: np.ndarray, corridors: list[Corridor],
             owners: list[str]) -> np.ndarray:  # fmt: skip
    """Owner codes of points after the agreed lines: in a corridor, the side decides."""
    out = owner.copy()
    for c in corridors:
        li, ri = owners.index(c.line.left), owners.index(c.line.right)
        pool = (owner == li) | (owner == ri)
        in_left = shapely.intersects_xy(c.left_side, lon, lat)
        in_right = shapely.intersects_xy(c.right_side, lon, lat) & ~in_left
        out[pool & in_left] = li
        out[pool & in_right] = ri
    return out
