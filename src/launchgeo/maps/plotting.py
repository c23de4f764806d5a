"""Publication maps of range rings and launch assessments (matplotlib, no network, no cartopy).

:func:`plot_rings` and :func:`plot_assessment` draw, on a matplotlib Axes: land (launchgeo's
embedded Natural Earth data), maritime zones (Japan's EEZ shaded and labelled, other states' EEZ
outlined, disputed areas hatched), the rings labelled with their range, an assessment's arcs
coloured by zone, the launch site, impact points and their uncertainty regions, a graticule with
degree labels, a scale bar, a legend, a title and an attribution line naming the data.

Projection
----------
By default the map is an azimuthal equidistant projection centred on the launch site (PROJ
``aeqd`` on the WGS84 ellipsoid): distances and bearings from the site are true, so rings are
round. Views up to 6,000 km across are rectangles; larger ones (an ICBM-range ring) are a disk
around the site that can reach nearly to the antipode, so a 13,000 km ring from Pyongyang,
which encloses the North Pole and crosses the date line, is drawn whole as a circle. Geometries
are cut to that geodesic disk in lon/lat, densified, projected with pyproj and clipped to the
view; pieces split at +-180 are merged again after projection, and the artificial edges of
split polygons (along +-180 and along a pole) are never stroked. Pass ``projection`` (anything
``pyproj.CRS`` accepts) and ``extent`` (lon_min, lat_min, lon_max, lat_max) for another view.

The functions return a :class:`MapPlot` (the Axes, the view and the artists by layer), never
call ``plt.show()`` and never change global rcParams. Save with :func:`save_figure` (PNG, SVG or
PDF at print resolution).

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> import launchgeo
>>> from launchgeo.maps.plotting import plot_rings
>>> rings = [launchgeo.range_ring("Sunan", r) for r in (350, 650)]
>>> m = plot_rings(rings, zones=False, land=False, title="Sunan")
>>> [t.get_text() for t in m.artists["ring_labels"]]
['350 km', '650 km']
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from shapely.geometry import LineString, MultiLineString, MultiPolygon, Point, Polygon
from shapely.geometry.base import BaseGeometry

from launchgeo.errors import DataError, ValidationError
from launchgeo.geodesy._antimeridian import seamless_boundary
from launchgeo.maps._cartography import (
    DISK_VIEW_KM,
    MapView,
    draw_graticule,
    draw_scale_bar,
    halo,
    line_collection,
    map_view,
    path_patch,
    setup_axes,
    wrap,
)
from launchgeo.maps._maplayers import (
    EMBEDDED_ATTRIBUTION,
    attribution_text,
    draw_land,
    draw_zones,
    land_layer,
    zone_color,
    zone_frame,
    zone_name,
)
from launchgeo.zones._labels import KIND_NAMES, STATE_NAMES, split_label

__all__ = [
    "EMBEDDED_ATTRIBUTION",
    "LegendPosition",
    "MapPlot",
    "MapView",
    "map_view",
    "plot_assessment",
    "plot_rings",
    "save_figure",
    "zone_color",
    "zone_name",
]

_RING_COLORS = ("#b2182b", "#d6604d", "#762a83", "#2166ac", "#1b7837", "#8c510a")
_IMPACT = "#e6550d"


def _legend_group(label: str) -> tuple[str, str]:
    """(group key, kind) for the arc legend: one entry per colour."""
    states, kind = split_label(label)
    if not states:
        return zone_name(label), ""
    if kind in {"overlapping_claim", "joint_regime"}:
        return "disputed", kind
    if states == ("JPN",):
        return ("JPN:eez", "") if kind == "eez" else ("JPN:near", kind)
    if kind == "land":
        return "land", kind
    return states[0], kind


def _group_rank(group: str) -> int:
    """Legend order: Japan's zones, other states' zones, disputed areas, land, the rest."""
    if group.startswith("JPN:"):
        return 0
    if len(group) == 3 and group.isupper():
        return 1
    return {"disputed": 2, "land": 3}.get(group, 4)


def _legend_label(group: str, kinds: set[str]) -> str:
    if group == "disputed":
        return "Arc in an overlapping claim / joint regime"
    if group == "JPN:eez":
        return "Arc in Japan EEZ"
    if group == "JPN:near":
        return "Arc in Japan " + " or ".join(KIND_NAMES[k] for k in sorted(kinds, reverse=True))
    if group == "land":
        return "Arc over other states' land"
    if group in STATE_NAMES or (len(group) == 3 and group.isupper()):
        names = " or ".join(KIND_NAMES.get(k, k) for k in sorted(kinds))
        return f"Arc in {STATE_NAMES.get(group, group)} {names}"
    return f"Arc in {group}"


# -- graticule, scale bar, frame ---------------------------------------------------------------
# -- content layers ----------------------------------------------------------------------------
def _as_rings(rings: Any) -> list[Any]:
    from launchgeo.geodesy.rings import RangeRing

    if isinstance(rings, RangeRing):
        return [rings]
    if hasattr(rings, "geometry") and hasattr(rings, "columns"):
        return [row for _, row in rings.iterrows()]
    items = list(rings)
    if not items:
        raise ValidationError("rings must not be empty")
    bad = [r for r in items if not isinstance(r, RangeRing)]
    if bad:
        raise ValidationError(
            f"rings must be RangeRings or a GeoDataFrame of rings, got {type(bad[0]).__name__}"
        )
    return items


def _ring_lines(ring: Any) -> BaseGeometry:
    """The drawn boundary of a ring: its circle(s), never the split seams."""
    boundary = getattr(ring, "boundary", None)
    if isinstance(boundary, MultiLineString | LineString) and not isinstance(ring.geometry, Point):
        return boundary
    geom = ring.geometry
    return seamless_boundary(geom) if isinstance(geom, Polygon | MultiPolygon) else geom


def _range_text(ring: Any) -> str:
    """Range label: ``650 km``, or ``350–650 km`` for a band or a fan with a minimum range."""
    low = float(getattr(ring, "min_range_km", 0.0) or 0.0)
    high = float(ring.range_km)
    return f"{low:,.0f}–{high:,.0f} km" if low > 0 else f"{high:,.0f} km"


def _ring_label_point(view: MapView, ring: Any) -> tuple[float, float] | None:
    from launchgeo.geodesy.core import destination

    lon0, lat0 = float(ring.center_lon), float(ring.center_lat)
    for bearing in (225.0, 315.0, 135.0, 45.0, 270.0, 180.0, 90.0, 0.0, 250.0, 290.0, 200.0):
        lon, lat = destination(lon0, lat0, bearing, float(ring.range_km))
        x, y = view.transform(lon, lat)
        if np.isfinite([x, y]).all() and view.frame.buffer(
            -0.05 * (view.bounds[2] - view.bounds[0])
        ).covers(Point(float(x), float(y))):
            return float(x), float(y)
    return None


def _draw_rings(
    ax: Any,
    view: MapView,
    rings: list[Any],
    out: dict[str, list[Any]],
    *,
    fill: bool,
    color_by_zone: bool = False,
) -> list[Any]:
    from matplotlib.lines import Line2D

    handles = []
    order = sorted(range(len(rings)), key=lambda i: float(rings[i].range_km))
    for n, i in enumerate(order):
        ring = rings[i]
        color = _RING_COLORS[n % len(_RING_COLORS)]
        r_km = float(ring.range_km)
        gid = f"ring:{r_km:g}"
        if fill and isinstance(ring.geometry, Polygon | MultiPolygon):
            patch = path_patch(
                ax,
                view.project(ring.geometry),
                facecolor=color,
                alpha=0.06,
                edgecolor="none",
                zorder=2,
                gid=f"ring_fill:{r_km:g}",
            )
            if patch is not None:
                out["rings"].append(patch)
        if not color_by_zone:
            line = line_collection(
                ax, view.project(_ring_lines(ring)), colors=color, linewidths=1.4, zorder=3, gid=gid
            )
            if line is not None:
                out["rings"].append(line)
                handles.append(
                    Line2D([], [], color=color, lw=1.4, label=f"{_range_text(ring)} range")
                )
        where = _ring_label_point(view, ring)
        if where is not None:
            text = ax.text(
                *where,
                _range_text(ring),
                fontsize=7.5,
                fontweight="bold",
                color="#222222" if color_by_zone else color,
                ha="center",
                va="center",
                zorder=8,
                path_effects=halo(),
                gid=f"ring_label:{r_km:g}",
            )
            out["ring_labels"].append(text)
    return handles


def _draw_site(
    ax: Any, view: MapView, lon: float, lat: float, name: str, out: dict[str, list[Any]]
) -> list[Any]:
    from matplotlib.lines import Line2D

    x, y = view.transform(lon, lat)
    (marker,) = ax.plot(
        [x],
        [y],
        marker="^",
        markersize=8,
        color="black",
        markeredgecolor="white",
        linestyle="none",
        zorder=9,
        gid="site",
    )
    out["site"].append(marker)
    short = name.split(" (")[0] if name else f"({lon:.2f}, {lat:.2f})"
    text = ax.annotate(
        short,
        (x, y),
        xytext=(6, 6),
        textcoords="offset points",
        fontsize=7.5,
        zorder=9,
        path_effects=halo(),
        gid="site_label",
        annotation_clip=True,
        clip_on=True,
    )
    out["site"].append(text)
    return [
        Line2D(
            [], [], marker="^", color="black", linestyle="none", markersize=7, label="Launch site"
        )
    ]


def _draw_impacts(
    ax: Any, view: MapView, impacts: Iterable[Any], out: dict[str, list[Any]]
) -> list[Any]:
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles: list[Any] = []
    any_region = any_point = False
    for k, imp in enumerate(impacts):
        region = getattr(imp, "region", None)
        if region is not None and not region.is_empty:
            patch = path_patch(
                ax,
                view.project(region),
                facecolor=_IMPACT,
                alpha=0.25,
                edgecolor=_IMPACT,
                linewidth=0.8,
                zorder=4,
                gid=f"impact_region:{k}",
            )
            if patch is not None:
                out["impacts"].append(patch)
                any_region = True
        lon, lat = getattr(imp, "lon", None), getattr(imp, "lat", None)
        if lon is None or lat is None:
            continue
        x, y = view.transform(lon, lat)
        (mk,) = ax.plot(
            [x],
            [y],
            marker="X",
            markersize=8,
            color=_IMPACT,
            markeredgecolor="white",
            linestyle="none",
            zorder=9,
            gid=f"impact:{k}",
        )
        out["impacts"].append(mk)
        any_point = True
        label = getattr(imp, "label", None) or getattr(imp, "text", None)
        if label:
            left = float(x) > 0.5 * (view.bounds[0] + view.bounds[2])
            out["impacts"].append(
                ax.annotate(
                    wrap(str(label), 32),
                    (x, y),
                    xytext=(-7 if left else 7, -4),
                    textcoords="offset points",
                    ha="right" if left else "left",
                    va="top",
                    fontsize=6.5,
                    color="#7f2704",
                    zorder=9,
                    path_effects=halo(),
                    gid=f"impact_label:{k}",
                    clip_on=True,
                )
            )
    if any_point:
        handles.append(
            Line2D(
                [],
                [],
                marker="X",
                color=_IMPACT,
                linestyle="none",
                markersize=7,
                label="Impact point",
            )
        )
    if any_region:
        handles.append(
            Patch(facecolor=_IMPACT, alpha=0.4, edgecolor=_IMPACT, label="Impact uncertainty")
        )
    return handles


@dataclass(frozen=True)
class _Impact:
    lon: float
    lat: float
    label: str
    region: Any = None


# -- public functions --------------------------------------------------------------------------
@dataclass(frozen=True)
class MapPlot:
    """What a plotting function drew.

    Attributes
    ----------
    ax : matplotlib.axes.Axes
        The Axes drawn on.
    view : MapView
        Projection, bounds and frame; ``view.transform(lon, lat)`` places more data.
    artists : dict of str to list
        The artists by layer: ``land``, ``zones``, ``zone_labels``, ``rings``,
        ``ring_labels``, ``arcs``, ``site``, ``impacts``, ``graticule``,
        ``graticule_labels``, ``scalebar``, ``frame``, ``legend``, ``title``,
        ``attribution``.
    """

    ax: Any
    view: MapView
    artists: dict[str, list[Any]] = field(repr=False)

    @property
    def figure(self) -> Any:
        """The Figure of the Axes."""
        return self.ax.figure


_LAYERS = (
    "frame",
    "land",
    "zones",
    "zone_labels",
    "rings",
    "ring_labels",
    "arcs",
    "site",
    "impacts",
    "graticule",
    "graticule_labels",
    "scalebar",
    "legend",
    "title",
    "attribution",
)


class LegendPosition(StrEnum):
    """Where the legend goes: ``"outside"`` (right of the map), ``"inside"`` or ``"none"``."""

    OUTSIDE = "outside"
    INSIDE = "inside"
    NONE = "none"


def _legend_position(value: Any) -> LegendPosition:
    try:
        return LegendPosition(value)
    except ValueError:
        valid = ", ".join(repr(p.value) for p in LegendPosition)
        raise ValidationError(f"legend must be one of {valid}, got {value!r}") from None


def _new_axes(ax: Any, legend_at: LegendPosition) -> Any:
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    width = 10.5 if legend_at is LegendPosition.OUTSIDE else 7.5
    _, ax = plt.subplots(figsize=(width, 7.5), layout="constrained")
    return ax


def _finish(
    ax: Any,
    view: MapView,
    out: dict[str, list[Any]],
    handles: list[Any],
    title: str | None,
    attribution: str,
    legend_at: LegendPosition,
) -> MapPlot:
    draw_graticule(ax, view, out)
    draw_scale_bar(ax, view, out)
    if handles and legend_at is not LegendPosition.NONE:
        outside = legend_at is LegendPosition.OUTSIDE
        legend = ax.legend(
            handles=handles,
            loc="upper left",
            bbox_to_anchor=(1.02, 1.0) if outside else None,
            borderaxespad=0.0 if outside else 0.5,
            fontsize=7,
            framealpha=0.92,
            borderpad=0.6,
            labelspacing=0.4,
        )
        legend.set_zorder(10)
        out["legend"].append(legend)
    if title:
        out["title"].append(
            ax.set_title(wrap(title, 70), fontsize=11, fontweight="bold", loc="left")
        )
    full = ". ".join(t.rstrip(".") for t in (attribution, view.description) if t) + "."
    # Below the map (under the degree labels), so it never hides data.
    text = ax.annotate(
        wrap(full, 120),
        xy=(1.0, 0.0),
        xycoords="axes fraction",
        xytext=(0.0, -6.0 if view.is_disk else -18.0),
        textcoords="offset points",
        fontsize=5.5,
        ha="right",
        va="top",
        color="#333333",
        gid="attribution",
    )
    out["attribution"].append(text)
    return MapPlot(ax, view, out)


def _impact_reach_km(center: tuple[float, float], impacts: Sequence[Any]) -> float:
    """Farthest distance (km) from the centre to an impact point or uncertainty region."""
    from launchgeo.geodesy.core import distance_km

    lons: list[float] = []
    lats: list[float] = []
    for imp in impacts:
        if getattr(imp, "lon", None) is not None and getattr(imp, "lat", None) is not None:
            lons.append(float(imp.lon))
            lats.append(float(imp.lat))
        region = getattr(imp, "region", None)
        if region is not None and not region.is_empty:
            xy = shapely.get_coordinates(region)
            lons.extend(xy[:, 0].tolist())
            lats.extend(xy[:, 1].tolist())
    if not lons:
        return 0.0
    d = distance_km(np.full(len(lons), center[0]), np.full(len(lons), center[1]), lons, lats)
    return float(np.max(d))


def _view_for(
    center: Any,
    reach_km: float,
    view: Any,
    extent: Any,
    projection: Any,
    radius_km: float | None,
) -> MapView:
    if isinstance(view, MapView):
        return view
    from launchgeo.sites import LaunchSite

    lon0, lat0, name = center
    center = LaunchSite(name, lon=lon0, lat=lat0) if name else (lon0, lat0)
    if projection is not None or extent is not None:
        return map_view(
            center if projection is None else None, extent=extent, projection=projection
        )
    if radius_km is None:
        radius_km = reach_km * 1.12 if reach_km > DISK_VIEW_KM else reach_km * 1.3 + 100.0
    return map_view(center, radius_km)


def plot_rings(
    rings: Any,
    *,
    ax: Any = None,
    zones: Any = None,
    land: Any = None,
    projection: Any = None,
    extent: Sequence[float] | None = None,
    radius_km: float | None = None,
    view: MapView | None = None,
    impacts: Iterable[Any] = (),
    title: str | None = "",
    legend: LegendPosition | str = "outside",
    fill: bool = True,
) -> MapPlot:
    """Map range rings (and fans, bands) around their site, with land and maritime zones.

    Parameters
    ----------
    rings : RangeRing, list of RangeRing, or GeoDataFrame from ``range_rings``
        What to draw; the first ring's centre is the map centre and the site marker.
    ax : matplotlib Axes, optional
        Draw here (otherwise a new figure, 7.5 inches high).
    zones : Zones, GeoDataFrame (``label`` column), None or False
        Maritime zones; None loads launchgeo's embedded zones, False draws none.
    land : GeoDataFrame, shapely geometry, None or False
        Land; None uses the embedded Natural Earth land, False draws none.
    projection : pyproj CRS or CRS input, optional
        Another map projection (requires ``extent``).
    extent : (lon_min, lat_min, lon_max, lat_max), optional
        Area to show.
    radius_km : float, optional
        Half-width of the site-centred view (default: 1.3 x the largest range + 100 km, or
        1.12 x for ranges above 3,000 km, drawn as a disk).
    view : MapView, optional
        A ready view (overrides projection, extent and radius_km).
    impacts : iterable
        Objects with ``lon``, ``lat`` and optionally ``region`` and ``text`` (e.g. from
        ``launchgeo.parse_impact_description``), drawn with their uncertainty regions.
    title : str or None
        Title; "" for the default, None for none.
    legend : {"outside", "inside", "none"}
        Legend to the right of the map (default), in its upper-left corner, or none.
    fill : bool
        Tint the inside of the rings.

    Returns
    -------
    MapPlot

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import launchgeo
    >>> m = plot_rings(launchgeo.range_ring("Sunan", 13_000), zones=False, land=False)
    >>> m.view.is_disk, m.ax.get_title(loc="left")
    (True, 'Range rings from Pyongyang Sunan International Airport')
    """
    items = _as_rings(rings)
    legend_at = _legend_position(legend)
    impacts = list(impacts)
    first = items[0]
    lon0, lat0 = float(first.center_lon), float(first.center_lat)
    reach = max(float(r.range_km) for r in items)
    reach = max(reach, _impact_reach_km((lon0, lat0), impacts) / 1.15)
    site = str(getattr(first, "site", "") or "")
    mview = _view_for((lon0, lat0, site), reach, view, extent, projection, radius_km)
    ax = _new_axes(ax, legend_at)
    out: dict[str, list[Any]] = {k: [] for k in _LAYERS}
    setup_axes(ax, mview, out)
    handles, attribution, _ = _draw_base(ax, mview, zones, land, out)
    handles[:0] = _draw_rings(ax, mview, items, out, fill=fill)
    handles += _draw_impacts(ax, mview, impacts, out)
    handles += _draw_site(ax, mview, lon0, lat0, site, out)
    if title == "":
        title = f"Range rings from {site or f'({lon0:.2f}, {lat0:.2f})'}"
    return _finish(ax, mview, out, handles, title, attribution, legend_at)


def _draw_base(
    ax: Any, view: MapView, zones: Any, land: Any, out: dict[str, list[Any]]
) -> tuple[list[Any], str, str | None]:
    """Zones and land; returns the legend handles, the attribution and the zones' source."""
    land_geom, land_kind = land_layer(land, view)
    gdf, source = zone_frame(zones)
    handles: list[Any] = []
    if gdf is not None:
        handles += draw_zones(ax, view, gdf, out)
    if land_geom is not None:
        handles += draw_land(ax, view, land_geom, out)
    return handles, attribution_text(source, land_kind), source


def plot_assessment(
    assessment: Any,
    *,
    ax: Any = None,
    zones: Any = None,
    land: Any = None,
    projection: Any = None,
    extent: Sequence[float] | None = None,
    radius_km: float | None = None,
    view: MapView | None = None,
    impacts: Iterable[Any] = (),
    title: str | None = "",
    legend: LegendPosition | str = "outside",
) -> MapPlot:
    """Map one or more launch assessments: each ring's arcs coloured by the zone they lie in.

    Parameters
    ----------
    assessment : LaunchAssessment or sequence of them
        From ``launchgeo.assess_launch`` (same site), e.g. both Sunan ranges of 2023-09-13.
    ax, zones, land, projection, extent, radius_km, view, impacts, title, legend
        As for :func:`plot_rings`. Pass the ``zones`` the assessment used (None: embedded).

    Returns
    -------
    MapPlot

    Notes
    -----
    An assessment with a bearing also shows its impact point, labelled with its zone.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import launchgeo
    >>> both = [launchgeo.assess_launch("Sunan", r) for r in (350, 650)]
    >>> m = plot_assessment(both)
    >>> [t.get_text() for t in m.artists["ring_labels"]]
    ['350 km', '650 km']
    >>> m.artists["legend"][0].get_texts()[0].get_text()
    'Arc in Japan EEZ'
    """
    from matplotlib.lines import Line2D

    items = list(assessment) if isinstance(assessment, list | tuple) else [assessment]
    if not items:
        raise ValidationError("plot_assessment needs at least one assessment")
    legend_at = _legend_position(legend)
    first = items[0]
    lon0, lat0 = float(first.center_lon), float(first.center_lat)
    own = [
        _Impact(
            float(a.impact_lon),
            float(a.impact_lat),
            f"{float(a.range_km):,.0f} km at {float(a.bearing_deg):.0f}°: "
            f"{zone_name(str(a.impact_zone))}",
        )
        for a in items
        if getattr(a, "impact_lon", None) is not None
    ]
    impacts = [*own, *impacts]
    reach = max(float(a.range_km) for a in items)
    reach = max(reach, _impact_reach_km((lon0, lat0), impacts) / 1.15)
    site = str(getattr(first, "site", "") or "")
    mview = _view_for((lon0, lat0, site), reach, view, extent, projection, radius_km)
    ax = _new_axes(ax, legend_at)
    out: dict[str, list[Any]] = {k: [] for k in _LAYERS}
    setup_axes(ax, mview, out)
    handles, attribution, drawn_source = _draw_base(ax, mview, zones, land, out)
    groups: dict[str, tuple[str, set[str]]] = {}
    for a in items:
        gdf = a.to_geodataframe()
        for zone, geom in zip(gdf["zone"], gdf.geometry, strict=True):
            color = zone_color(str(zone))
            line = line_collection(
                ax,
                mview.project(geom),
                colors=color,
                linewidths=2.6,
                capstyle="butt",
                zorder=3.5,
                gid=f"arc:{float(a.range_km):g}:{zone}",
            )
            if line is None:
                continue
            out["arcs"].append(line)
            key, kind = _legend_group(str(zone))
            groups.setdefault(key, (color, set()))[1].add(kind)
    _draw_rings(ax, mview, items, out, fill=False, color_by_zone=True)
    impact_handles = _draw_impacts(ax, mview, impacts, out)
    site = str(getattr(first, "site", "") or "")
    site_handles = _draw_site(ax, mview, lon0, lat0, site, out)
    order = sorted(groups, key=lambda g: (_group_rank(g), g))
    arc_handles = [
        Line2D([], [], color=groups[g][0], lw=2.6, label=_legend_label(g, groups[g][1]))
        for g in order
    ]
    handles = arc_handles + handles + impact_handles + site_handles
    if title == "":
        ranges = " and ".join(f"{float(a.range_km):,.0f}" for a in items)
        title = f"{site or 'Launch'}: {ranges} km ranges and maritime zones"
    used = str(getattr(first, "zone_source", "") or "")
    drawn = drawn_source or ""
    same = bool(drawn) and (drawn in used or used in drawn)
    if used and not same and not ("embedded" in used and "embedded" in drawn):
        attribution = f"{attribution.rstrip('.')}. Arcs classified with: {used}"
    return _finish(ax, mview, out, handles, title, attribution, legend_at)


def save_figure(fig: Any, path: str | Path, *, dpi: int = 300) -> Path:
    """Save a figure as PNG, SVG or PDF (chosen by suffix) at print resolution.

    Parameters
    ----------
    fig : matplotlib Figure (or a MapPlot, or an Axes)
        What to save.
    path : str or Path
        Output file (``.png``, ``.svg`` or ``.pdf``).
    dpi : int
        Resolution of raster output.

    Returns
    -------
    Path
        The file written.

    Raises
    ------
    ValidationError
        Another suffix.
    DataError
        The file cannot be written.

    Examples
    --------
    >>> import tempfile, pathlib, matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> fig = plt.figure()
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     save_figure(fig, pathlib.Path(tmp) / "map.svg").suffix
    '.svg'
    """
    out = Path(path)
    if isinstance(fig, MapPlot) or (hasattr(fig, "figure") and not hasattr(fig, "savefig")):
        fig = fig.figure
    suffix = out.suffix.lower()
    if suffix not in {".png", ".svg", ".pdf"}:
        raise ValidationError(
            f"cannot save a figure as {str(out)!r}: use a .png, .svg or .pdf file name"
        )
    if not out.parent.is_dir():
        raise DataError(f"cannot write {str(out)!r}: folder {str(out.parent)!r} does not exist")
    try:
        fig.savefig(out, dpi=dpi, bbox_inches="tight")
    except OSError as exc:
        raise DataError(f"cannot write {str(out)!r}: {exc}") from exc
    return out
