"""Map machinery for :mod:`~launchgeo.maps.plotting` (private): projected views, drawing primitives.

A :class:`MapView` turns lon/lat geometries into clipped, projected geometries; the helpers draw
them as single matplotlib artists (one PathPatch or LineCollection per layer) and add the
graticule, scale bar and frame. matplotlib is imported inside the functions.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import shapely
from shapely.geometry import LineString, MultiLineString, Point, Polygon, box
from shapely.geometry.base import BaseGeometry

from launchgeo import _validate as v
from launchgeo.errors import ValidationError

__all__ = ["MapView", "map_view"]

#: Views wider than this (km, half-width) are drawn as a disk around the site.
DISK_VIEW_KM = 3000.0
#: Farthest a view reaches from its centre (km); the antipode is ~20,004 km away.
MAX_VIEW_KM = 19_500.0
OCEAN = "#eef4f8"
_HALO: dict[str, Any] = {"linewidth": 2.5, "foreground": "white"}


# -- the view ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class MapView:
    """A projected map view: CRS, bounds in projected metres and the frame (box or disk).

    Make one with :func:`map_view`. ``project`` turns lon/lat geometries into clipped,
    projected geometries ready to draw.

    Attributes
    ----------
    crs : pyproj.CRS
        The map projection.
    bounds : tuple of float
        (xmin, ymin, xmax, ymax) of the axes, projected metres.
    frame : shapely Polygon
        The visible region (a rectangle, or a disk for a large site-centred view).
    description : str
        The projection in words, for the attribution line.
    center_lon, center_lat : float or None
        Centre of a site-centred azimuthal equidistant view.
    reach_km : float or None
        Geodesic distance from the centre beyond which nothing is drawn (site-centred views).
    clip_disk : shapely geometry or None
        The geodesic disk of radius ``reach_km`` in lon/lat, to which geometries are cut before
        projection (keeps the far side of the Earth, where the projection tears, out).
    """

    crs: Any
    bounds: tuple[float, float, float, float]
    frame: Polygon = field(repr=False)
    description: str
    center_lon: float | None = None
    center_lat: float | None = None
    reach_km: float | None = None
    clip_disk: Any = field(default=None, repr=False, compare=False)

    @property
    def is_disk(self) -> bool:
        """True if the frame is a disk around the centre (large views)."""
        x0, y0, x1, y1 = self.bounds
        return bool(self.frame.area < 0.9 * (x1 - x0) * (y1 - y0))  # a disk fills pi/4 of it

    @functools.cached_property
    def _wkt(self) -> str:
        return str(self.crs.to_wkt())

    @functools.cached_property
    def units_per_km(self) -> float:
        """Projected units per km east-west at the centre of the view (1000 for metre CRSs)."""
        if self.center_lon is not None:
            return 1000.0  # azimuthal equidistant in metres, true scale at the centre
        from pyproj import Transformer

        from launchgeo.geodesy.core import destination

        x0, y0, x1, y1 = self.bounds
        xc, yc = 0.5 * (x0 + x1), 0.5 * (y0 + y1)
        inv = Transformer.from_crs(self.crs, "EPSG:4326", always_xy=True)
        lon, lat = inv.transform(xc, yc)
        step_km = 10.0
        lon2, lat2 = destination(float(lon), float(lat), 90.0, step_km)
        x2, y2 = self.transform(lon2, lat2)
        return float(math.hypot(float(x2) - xc, float(y2) - yc)) / step_km

    @property
    def width_km(self) -> float:
        """Width of the view in km at the scale of its centre."""
        return (self.bounds[2] - self.bounds[0]) / self.units_per_km

    def transform(self, lon: Any, lat: Any) -> tuple[Any, Any]:
        """Project lon/lat arrays (degrees) to map x/y (metres)."""
        tr = _transformer(self._wkt)
        return tr.transform(np.asarray(lon, float), np.asarray(lat, float))

    def project(self, geom: BaseGeometry) -> BaseGeometry:
        """Cut to the view's reach, densify, project and clip a lon/lat geometry to the frame.

        Pieces of a geometry split at +-180 are merged again where the projection joins them.
        """
        if geom is None or geom.is_empty:
            return Polygon()
        if self.clip_disk is not None:
            geom = shapely.intersection(geom, self.clip_disk)
            if geom.is_empty:
                return Polygon()
        step = min(1.0, max(0.02, self.width_km / 111.0 / 150.0))
        if self.center_lon is None:
            step = min(step, 0.25)
        dense = shapely.segmentize(geom, step)
        out = shapely.transform(dense, lambda xy: np.column_stack(self.transform(*xy.T)))
        parts = [p for p in shapely.get_parts(out) if np.isfinite(shapely.get_coordinates(p)).all()]
        if not parts:
            return Polygon()
        polys = [p for p in parts if isinstance(p, Polygon)]
        lines = [p for p in parts if isinstance(p, LineString)]
        points = [p for p in parts if isinstance(p, Point)]
        merged: list[BaseGeometry] = []
        grid = (self.bounds[2] - self.bounds[0]) * 1e-7  # invisible: 0.2 m on a 2,000 km map
        if polys:
            # Snapping to the grid also joins the two projected copies of a +-180 seam or a
            # pole edge, which would otherwise leave sliver holes.
            valid = [_snap(p, grid) for p in polys]
            try:
                merged.append(shapely.union_all(valid, grid_size=grid))
            except shapely.errors.GEOSException:  # pragma: no cover - GEOS robustness
                merged.append(shapely.union_all([shapely.make_valid(p) for p in valid]))
        if lines:
            snapped = shapely.set_precision(MultiLineString(lines), grid)
            merged.append(shapely.line_merge(snapped))
        if points:
            merged.extend(points)
        clipped = [shapely.intersection(g, self.frame) for g in merged]
        clipped = [g for g in clipped if not g.is_empty]
        if not clipped:
            return Polygon()
        return clipped[0] if len(clipped) == 1 else shapely.GeometryCollection(clipped)

    def contains(self, lon: float, lat: float) -> bool:
        """True if the point (lon, lat) lies in the visible frame."""
        x, y = self.transform(lon, lat)
        return bool(np.isfinite([x, y]).all() and self.frame.covers(Point(float(x), float(y))))


def _snap(poly: Polygon, grid: float) -> BaseGeometry:
    """A valid polygon snapped to ``grid`` (make_valid first if GEOS cannot snap it directly)."""
    try:
        return shapely.set_precision(poly, grid)
    except shapely.errors.GEOSException:
        fixed = shapely.make_valid(poly)
        try:
            return shapely.set_precision(fixed, grid)
        except shapely.errors.GEOSException:  # pragma: no cover - GEOS robustness
            return fixed


@functools.lru_cache(maxsize=16)
def _transformer(wkt: str) -> Any:
    from pyproj import Transformer

    return Transformer.from_crs("EPSG:4326", wkt, always_xy=True)


def _aeqd(lon: float, lat: float) -> Any:
    from pyproj import CRS

    return CRS.from_proj4(
        f"+proj=aeqd +lat_0={lat:.10f} +lon_0={lon:.10f} +datum=WGS84 +units=m +no_defs"
    )


def map_view(
    center: Any = None,
    radius_km: float | None = None,
    *,
    extent: Sequence[float] | None = None,
    projection: Any = None,
) -> MapView:
    """A map view: site-centred azimuthal equidistant by default, or your projection.

    Parameters
    ----------
    center : LaunchSite, str or (lon, lat), optional
        Centre of the default projection (required unless ``projection`` is given).
    radius_km : float, optional
        Half-width of the view around ``center``; above 3,000 km the view is a disk (at most
        19,500 km, short of the antipode).
    extent : (lon_min, lat_min, lon_max, lat_max), optional
        Show this lon/lat box instead (its projected bounds).
    projection : pyproj.CRS or anything ``pyproj.CRS.from_user_input`` accepts, optional
        Map projection (then ``extent`` is required).

    Returns
    -------
    MapView

    Raises
    ------
    ValidationError
        Neither a radius nor an extent, a bad extent, or an unknown projection.

    Examples
    --------
    >>> v = map_view((125.67, 39.22389), 1000)
    >>> v.bounds, v.is_disk
    ((-1000000.0, -1000000.0, 1000000.0, 1000000.0), False)
    >>> map_view("Sunan", 14_000).is_disk
    True
    """
    from pyproj import CRS
    from pyproj.exceptions import CRSError

    from launchgeo.geodesy.rings import range_ring
    from launchgeo.sites import resolve_center

    if projection is not None:
        try:
            crs = CRS.from_user_input(projection)
        except CRSError as exc:
            raise ValidationError(f"projection {projection!r} is not a known CRS: {exc}") from exc
        if extent is None:
            raise ValidationError("a custom projection needs an extent (lon_min, ...)")
        view = MapView(crs, (0.0, 0.0, 1.0, 1.0), box(0, 0, 1, 1), crs.name)
        return _extent_view(view, v.lon_lat_box(extent, "extent"))
    if center is None:
        raise ValidationError("map_view needs a center (a site or (lon, lat)) or a projection")
    lon0, lat0, name = resolve_center(center)
    crs = _aeqd(lon0, lat0)
    where = name or f"({lon0:.2f}, {lat0:.2f})"
    desc = f"Azimuthal equidistant projection centred on {where}: distances from it are true"
    base = MapView(crs, (0.0, 0.0, 1.0, 1.0), box(0, 0, 1, 1), desc, lon0, lat0)
    if extent is not None:
        return _extent_view(base, v.lon_lat_box(extent, "extent"))
    if radius_km is None:
        raise ValidationError("map_view needs radius_km or extent")
    r_km = float(radius_km)
    if not math.isfinite(r_km) or r_km <= 0:
        raise ValidationError(f"radius_km must be a finite number > 0, got {radius_km!r}")
    r_km = min(r_km, MAX_VIEW_KM)
    r_m = r_km * 1000.0
    if r_km > DISK_VIEW_KM:
        frame = Point(0.0, 0.0).buffer(r_m, 256)
        reach = r_km
    else:
        frame = box(-r_m, -r_m, r_m, r_m)
        reach = min(r_km * math.sqrt(2) * 1.01, MAX_VIEW_KM)
    disk = range_ring((lon0, lat0), reach, tolerance_m=max(100.0, reach)).geometry
    return MapView(crs, (-r_m, -r_m, r_m, r_m), frame, desc, lon0, lat0, reach, disk)


def _extent_view(view: MapView, extent: tuple[float, float, float, float]) -> MapView:
    x0, y0, x1, y1 = extent
    t = np.linspace(0.0, 1.0, 101)
    lon = np.concatenate(
        [x0 + (x1 - x0) * t, np.full(t.size, x1), x1 - (x1 - x0) * t, np.full(t.size, x0)]
    )
    lat = np.concatenate(
        [np.full(t.size, y0), y0 + (y1 - y0) * t, np.full(t.size, y1), y1 - (y1 - y0) * t]
    )
    lon = np.where(lon > 180.0, lon - 360.0, lon)
    xs, ys = view.transform(lon, lat)
    ok = np.isfinite(xs) & np.isfinite(ys)
    if not ok.any():
        raise ValidationError(f"extent {extent!r} cannot be shown in {view.crs.name!r}")
    bounds = (float(xs[ok].min()), float(ys[ok].min()), float(xs[ok].max()), float(ys[ok].max()))
    reach = None
    disk = None
    if view.center_lon is not None:
        corner = math.hypot(
            max(abs(bounds[0]), abs(bounds[2])), max(abs(bounds[1]), abs(bounds[3]))
        )
        from launchgeo.geodesy.rings import range_ring

        reach = min(corner / 1000.0 * 1.01, MAX_VIEW_KM)
        disk = range_ring((view.center_lon, view.center_lat), reach, tolerance_m=1000.0).geometry
    return MapView(
        view.crs,
        bounds,
        box(*bounds),
        view.description,
        view.center_lon,
        view.center_lat,
        reach,
        disk,
    )


# -- drawing primitives ------------------------------------------------------------------------
def polygons(geom: BaseGeometry) -> list[Polygon]:
    return [p for p in shapely.get_parts(geom) if isinstance(p, Polygon) and not p.is_empty]


def lines(geom: BaseGeometry) -> list[LineString]:
    out: list[LineString] = []
    for part in shapely.get_parts(geom):
        if isinstance(part, LineString) and not part.is_empty:
            out.append(part)
        elif isinstance(part, Polygon):
            out.extend(lines(part.boundary))
    return out


def path_patch(ax: Any, geom: BaseGeometry, **style: Any) -> Any:
    """One PathPatch for all polygons of ``geom`` (holes included), or None if empty."""
    from matplotlib.patches import PathPatch
    from matplotlib.path import Path as MplPath

    verts: list[Any] = []
    codes: list[Any] = []
    for poly in polygons(geom):
        # Holes must wind against their shell: matplotlib fills with the non-zero rule.
        poly = shapely.geometry.polygon.orient(poly, 1.0)
        for ring in (poly.exterior, *poly.interiors):
            xy = np.asarray(ring.coords)[:, :2]
            if xy.shape[0] < 3:
                continue
            verts.append(xy)
            c = np.full(xy.shape[0], MplPath.LINETO, dtype=np.uint8)
            c[0] = MplPath.MOVETO
            c[-1] = MplPath.CLOSEPOLY
            codes.append(c)
    if not verts:
        return None
    patch = PathPatch(MplPath(np.concatenate(verts), np.concatenate(codes)), **style)
    # add_artist, not add_patch: the limits are set by the view, and updating data limits
    # from a path with ~10^5 vertices costs more than drawing it.
    ax.add_artist(patch)
    return patch


def line_collection(ax: Any, geom: BaseGeometry, **style: Any) -> Any:
    from matplotlib.collections import LineCollection

    segs = [np.asarray(line.coords)[:, :2] for line in lines(geom)]
    if not segs:
        return None
    coll = LineCollection(segs, **style)
    ax.add_collection(coll, autolim=False)
    return coll


def halo() -> list[Any]:
    from matplotlib import patheffects

    return [patheffects.withStroke(**_HALO)]


def label_point(geom: BaseGeometry) -> tuple[float, float] | None:
    """A point well inside the largest polygon of ``geom`` (for a label)."""
    from shapely.ops import polylabel

    polys = polygons(geom)
    if not polys:
        return None
    big = max(polys, key=lambda p: p.area)
    tol = max(1.0, math.sqrt(big.area) / 50.0)
    pt = polylabel(big, tolerance=tol)
    return float(pt.x), float(pt.y)


def _grid_step(width_km: float) -> float:
    for limit, step in ((1000, 2.0), (3500, 5.0), (8000, 10.0), (16000, 20.0)):
        if width_km <= limit:
            return step
    return 30.0


def _deg(value: float, pos: str, neg: str) -> str:
    value = (value + 180.0) % 360.0 - 180.0 if pos == "E" else value
    if value == 0:
        return "0°"
    if abs(abs(value) - 180.0) < 1e-9 and pos == "E":
        return "180°"
    return f"{abs(value):g}°{pos if value > 0 else neg}"


def draw_graticule(ax: Any, view: MapView, out: dict[str, list[Any]]) -> None:
    step = _grid_step(view.width_km)
    lats = np.arange(-90.0 + step, 90.0, step)
    lons = np.arange(-180.0, 180.0, step)
    fine = np.linspace(-90.0, 90.0, 721)
    merid = {lon: LineString(np.column_stack([np.full(fine.size, lon), fine])) for lon in lons}
    along = np.linspace(-180.0, 180.0, 1441)
    paral = {lat: LineString(np.column_stack([along, np.full(along.size, lat)])) for lat in lats}
    proj_m = {k: view.project(g) for k, g in merid.items()}
    proj_p = {k: view.project(g) for k, g in paral.items()}
    allg = [g for g in (*proj_m.values(), *proj_p.values()) if not g.is_empty]
    coll = line_collection(
        ax,
        shapely.GeometryCollection(allg),
        colors="#9aa5b1",
        linewidths=0.35,
        alpha=0.8,
        zorder=1.6,
        gid="graticule",
    )
    if coll is not None:
        out["graticule"].append(coll)
    x0, y0, x1, y1 = view.bounds
    if not view.is_disk:
        bottom = LineString([(x0, y0), (x1, y0)])
        left = LineString([(x0, y0), (x0, y1)])
        xt = [
            (float(pt.x), _deg(k, "E", "W"))
            for k, g in proj_m.items()
            for pt in _crossings(g, bottom)
        ]
        yt = [
            (float(pt.y), _deg(k, "N", "S"))
            for k, g in proj_p.items()
            for pt in _crossings(g, left)
        ]
        ax.set_xticks([x for x, _ in xt], [t for _, t in xt])
        ax.set_yticks([y for y, _ in yt], [t for _, t in yt])
        ax.tick_params(labelsize=7, length=3, direction="out", colors="#444444")
        return
    # Disk view: meridians labelled where they leave the disk, parallels along the centre line.
    r = math.hypot(x1 - x0, y1 - y0) / (2 * math.sqrt(2))

    # Meridians labelled where they cross one parallel (in a disk around a mid-latitude site
    # most meridians run from pole to pole inside the frame and never meet its rim): the
    # equator, or else the parallel that crosses the most meridians well inside the disk.
    def inner_crossings(parallel: BaseGeometry) -> list[tuple[float, Point]]:
        return [
            (k, pt)
            for k, g in proj_m.items()
            for pt in _crossings(g, parallel)
            if 0.25 * r <= math.hypot(pt.x, pt.y) <= 0.93 * r  # clear of the site's label
        ]

    candidates = [proj_p.get(0.0, Polygon()), *(proj_p[k] for k in sorted(proj_p, key=abs))]
    best: list[tuple[float, Point]] = []
    for parallel in candidates:
        found = inner_crossings(parallel) if not parallel.is_empty else []
        if len(found) > len(best) + 2 or (not best and found):
            best = found
    placed: list[tuple[float, float]] = []
    for k, pt in best:
        if any(math.hypot(pt.x - px, pt.y - py) < 0.06 * r for px, py in placed):
            continue
        placed.append((pt.x, pt.y))
        out["graticule_labels"].append(
            ax.text(
                pt.x,
                pt.y,
                _deg(k, "E", "W"),
                fontsize=6,
                ha="left",
                va="top",
                color="#555555",
                path_effects=halo(),
                zorder=6,
                gid="graticule_label",
            )
        )
    # Parallels are labelled along the central meridian, from the centre to the pole only:
    # beyond the pole that line runs down the far side, where "30°N" would be misleading.
    up = LineString([(0.0, 0.0), (0.0, r)])
    down = LineString([(0.0, 0.0), (0.0, -r)])
    for pole_lat, name in ((90.0, "up"), (-90.0, "down")):
        px, py = view.transform(view.center_lon or 0.0, pole_lat)
        if np.isfinite([px, py]).all() and math.hypot(float(px), float(py)) < r:
            cut = LineString([(0.0, 0.0), (float(px), float(py))])
            if name == "up":
                up = cut
            else:
                down = cut
    for k, g in proj_p.items():
        for pt in [*_crossings(g, up), *_crossings(g, down)][:1]:
            out["graticule_labels"].append(
                ax.text(
                    pt.x,
                    pt.y,
                    _deg(k, "N", "S"),
                    fontsize=6,
                    ha="left",
                    va="bottom",
                    color="#555555",
                    path_effects=halo(),
                    zorder=6,
                    gid="graticule_label",
                )
            )


def _crossings(geom: BaseGeometry, edge: LineString) -> list[Point]:
    if geom.is_empty:
        return []
    hit = shapely.intersection(geom, edge)
    pts = [p for p in shapely.get_parts(hit) if isinstance(p, Point)]
    # One label per distinct place.
    out: list[Point] = []
    for p in pts:
        if all(p.distance(q) > 1.0 for q in out):
            out.append(p)
    return out


def _nice_length_km(target_km: float) -> float:
    exp = 10 ** math.floor(math.log10(target_km))
    for m in (5, 2.5, 2, 1):
        if m * exp <= target_km:
            return m * exp
    return exp  # pragma: no cover


def draw_scale_bar(ax: Any, view: MapView, out: dict[str, list[Any]]) -> None:
    from matplotlib.patches import Rectangle

    x0, y0, x1, y1 = view.bounds
    w, h = x1 - x0, y1 - y0
    length_km = _nice_length_km(view.width_km / 5.0)
    length = length_km * view.units_per_km
    bx, by = x0 + 0.04 * w, y0 + 0.045 * h
    bh = 0.008 * h
    for i in range(2):
        rect = Rectangle(
            (bx + i * length / 2, by),
            length / 2,
            bh,
            facecolor="#222222" if i == 0 else "white",
            edgecolor="#222222",
            linewidth=0.6,
            zorder=7,
            gid="scalebar",
        )
        ax.add_patch(rect)
        out["scalebar"].append(rect)
    if view.is_disk:
        note = " (true along lines from the centre)"
    elif view.center_lon is None:
        note = " (at the centre, east-west)"
    else:
        note = ""
    text = ax.text(
        bx + length / 2,
        by + 2.2 * bh,
        f"{length_km:,.0f} km{note}",
        fontsize=7,
        ha="center",
        va="bottom",
        zorder=7,
        path_effects=halo(),
        gid="scalebar_label",
    )
    out["scalebar"].append(text)


def setup_axes(ax: Any, view: MapView, out: dict[str, list[Any]]) -> None:
    from matplotlib.patches import Circle

    x0, y0, x1, y1 = view.bounds
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("equal", adjustable="box")
    if view.is_disk:
        ax.set_axis_off()
        r = (x1 - x0) / 2
        sea = Circle(
            (0, 0), r, facecolor=OCEAN, edgecolor="#555555", linewidth=0.8, zorder=0.5, gid="frame"
        )
        ax.add_patch(sea)
        out["frame"].append(sea)
    else:
        ax.set_facecolor(OCEAN)
        for spine in ax.spines.values():
            spine.set_edgecolor("#555555")
            spine.set_linewidth(0.8)


def wrap(text: str, width: int = 95) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(text, width))
