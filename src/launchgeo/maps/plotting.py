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

import math
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from shapely.geometry import LineString, MultiLineString, MultiPolygon, Point, Polygon
from shapely.geometry.base import BaseGeometry

from launchgeo._atomic import atomic_path, check_path
from launchgeo.errors import ValidationError
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
from launchgeo.maps._labels import Candidate, place_labels, point_candidates
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
from launchgeo.maps._palette import (
    ARC_STYLES,
    IMPACT,
    PLACE,
    RING_COLORS,
    SITE,
    arc_category,
    arc_legend,
)

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

_RING_COLORS = RING_COLORS
_IMPACT = IMPACT
#: Leader line from a point label to its point (visible when the label had to move away).
_LEADER = {"arrowstyle": "-", "color": "#555555", "lw": 0.5, "shrinkA": 1.0, "shrinkB": 4.0}


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


def _ring_label_candidates(view: MapView, ring: Any) -> list[Candidate]:
    """Positions on the ring (south-west first) that lie well inside the frame."""
    from launchgeo.geodesy.core import destination

    lon0, lat0 = float(ring.center_lon), float(ring.center_lat)
    bearings = np.array([225.0, 315.0, 135.0, 45.0, 250.0, 200.0, 290.0, 160.0, 270.0, 180.0,
                         90.0, 0.0, 340.0, 20.0, 110.0, 70.0])  # fmt: skip
    b_from = getattr(ring, "bearing_from_deg", None)
    b_to = getattr(ring, "bearing_to_deg", None)
    if b_from is not None and b_to is not None:  # a fan: bearings inside its sector
        width = (float(b_to) - float(b_from)) % 360.0
        bearings = (float(b_from) + width * np.array([0.5, 0.3, 0.7, 0.15, 0.85])) % 360.0
    lon, lat = destination(lon0, lat0, bearings, float(ring.range_km))
    xs, ys = view.transform(lon, lat)
    inner = view.frame.buffer(-0.05 * (view.bounds[2] - view.bounds[0]))
    return [
        Candidate(xy=(float(x), float(y)))
        for x, y in zip(np.atleast_1d(xs), np.atleast_1d(ys), strict=True)
        if np.isfinite([x, y]).all() and inner.covers(Point(float(x), float(y)))
    ]


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
        dashes = None if n < len(_RING_COLORS) else (0, (5, 2))
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
                ax,
                view.project(_ring_lines(ring)),
                colors=color,
                linewidths=1.4,
                linestyles=dashes or "solid",
                zorder=3,
                gid=gid,
            )
            if line is not None:
                out["rings"].append(line)
                label = f"{_range_text(ring)} range"
                handles.append(Line2D([], [], color=color, lw=1.4, ls=dashes or "-", label=label))
        candidates = _ring_label_candidates(view, ring)
        if candidates:
            text = ax.text(
                *candidates[0].xy,  # type: ignore[misc]
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
            out.setdefault("_label_candidates", []).append((text, candidates, "ring"))
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
        color=SITE,
        markeredgecolor="white",
        linestyle="none",
        zorder=9,
        gid="site",
    )
    out["site"].append(marker)
    short = name.split(" (")[0] if name else f"({lon:.2f}, {lat:.2f})"
    candidates = point_candidates(short)
    text = ax.annotate(
        short,
        (x, y),
        xytext=candidates[0].offset,
        textcoords="offset points",
        fontsize=7.5,
        zorder=9,
        path_effects=halo(),
        gid="site_label",
        annotation_clip=True,
        clip_on=True,
        arrowprops=_LEADER,
    )
    out["site"].append(text)
    out.setdefault("_label_candidates", []).append((text, candidates, "site"))
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
            candidates = [
                Candidate(offset=c.offset, ha=c.ha, va=c.va, text=wrap(str(label), 32))
                for c in point_candidates(str(label))
                if c.text == str(label)
            ]
            if left:  # start on the side facing the centre of the map
                candidates = candidates[1:2] + candidates[:1] + candidates[2:]
            note = ax.annotate(
                wrap(str(label), 32),
                (x, y),
                xytext=candidates[0].offset,
                textcoords="offset points",
                ha=candidates[0].ha,
                va=candidates[0].va,
                fontsize=6.5,
                color="#7f2704",
                zorder=9,
                path_effects=halo(),
                gid=f"impact_label:{k}",
                clip_on=True,
                arrowprops=_LEADER,
            )
            out["impacts"].append(note)
            out.setdefault("_label_candidates", []).append((note, candidates, "impact"))
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


def _draw_places(
    ax: Any, view: MapView, places: Iterable[Any], out: dict[str, list[Any]]
) -> list[Any]:
    """Named places (cities a caption mentions): a small dot and the name, if in view."""
    from matplotlib.lines import Line2D

    drawn = False
    for k, place in enumerate(places):
        name, lon, lat = _place(place)
        if not view.contains(lon, lat):
            continue
        x, y = view.transform(lon, lat)
        (dot,) = ax.plot([x], [y], marker="o", markersize=4, color=PLACE,
                         markeredgecolor="white", linestyle="none", zorder=8.5,
                         gid=f"place:{k}")  # fmt: skip
        candidates = point_candidates(name, wrap_at=14)
        text = ax.annotate(
            name,
            (x, y),
            xytext=candidates[0].offset,
            textcoords="offset points",
            fontsize=7,
            color=PLACE,
            zorder=8.5,
            path_effects=halo(),
            gid=f"place_label:{k}",
            clip_on=True,
            arrowprops=_LEADER,
        )
        out["places"] += [dot, text]
        out.setdefault("_label_candidates", []).append((text, candidates, "place"))
        drawn = True
    if not drawn:
        return []
    return [Line2D([], [], marker="o", color=PLACE, linestyle="none", markersize=4, label="City")]


def _place(place: Any) -> tuple[str, float, float]:
    from launchgeo import _validate as v

    if isinstance(place, tuple | list) and len(place) == 3:
        name, lon, lat = place
    elif all(hasattr(place, a) for a in ("name", "lon", "lat")):
        name, lon, lat = place.name, place.lon, place.lat
    else:
        raise ValidationError(
            f"a place must be (name, lon, lat) or have name, lon and lat, got {place!r}"
        )
    lon_a, lat_a = v.lon_lat(lon, lat)
    return str(name), float(lon_a), float(lat_a)


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
        ``ring_labels``, ``arcs``, ``site``, ``impacts``, ``places``, ``graticule``,
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
    "places",
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


def _is_cartopy_axes(ax: Any) -> bool:
    """True for a cartopy GeoAxes (recognised by its class, without importing cartopy)."""
    return any(
        c.__module__.split(".")[0] == "cartopy" and c.__name__ == "GeoAxes"
        for c in type(ax).__mro__
    )


def _new_axes(ax: Any, legend_at: LegendPosition) -> Any:
    if ax is not None:
        if _is_cartopy_axes(ax):
            raise ValidationError(
                "ax is a cartopy GeoAxes: launchgeo draws maps in its own projection on a plain "
                "matplotlib Axes (pass ax=None or plt.subplots()[1]; choose the projection "
                "with projection= and extent=). To add a ring to a cartopy map, draw its lon/lat "
                "geometry yourself: ax.add_geometries([ring.geometry], crs=ccrs.PlateCarree(), "
                "facecolor='none') draws a ring that does not cross +-180 or a pole, and "
                "ring.boundary its circle"
            )
        if not hasattr(ax, "add_collection") or not hasattr(ax, "transData"):
            raise ValidationError(f"ax must be a matplotlib Axes, got {type(ax).__name__}")
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
    _plain_text(out)
    place_labels(ax, out)  # last: once everything that moves the layout is there
    return MapPlot(ax, view, out)


def _plain_text(out: dict[str, list[Any]]) -> None:
    """Draw every text launchgeo made as written: a name with dollar signs is not TeX."""
    for artists in out.values():
        for artist in artists:
            texts = artist.get_texts() if hasattr(artist, "get_texts") else [artist]
            for text in texts:
                if hasattr(text, "set_parse_math"):
                    text.set_parse_math(False)


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
    places: Iterable[Any] = (),
) -> MapPlot:
    """Map range rings (and fans, bands) around their site, with land and maritime zones.

    Parameters
    ----------
    rings : RangeRing, list of RangeRing, or GeoDataFrame from ``range_rings``
        What to draw; the first ring's centre is the map centre and the site marker.
    ax : matplotlib Axes, optional
        Draw here (otherwise a new figure, 7.5 inches high).
    zones : Zones, GeoDataFrame (``label`` column), None or False
        Maritime zones; None loads launchgeo's embedded zones (except on a disk-shaped
        hemisphere-wide view, where they would be clutter), False draws none.
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
    places : iterable of (name, lon, lat), or objects with ``name``, ``lon``, ``lat``
        Places to mark and name (e.g. the cities a caption mentions).

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
    places = list(places)
    ax = _new_axes(ax, legend_at)
    out: dict[str, list[Any]] = {k: [] for k in _LAYERS}
    setup_axes(ax, mview, out)
    if zones is None and mview.is_disk:
        zones = False  # hemisphere-wide: Japan's EEZ and disputed hatching would be clutter
    handles, attribution, _ = _draw_base(ax, mview, zones, land, out)
    handles[:0] = _draw_rings(ax, mview, items, out, fill=fill)
    handles += _draw_impacts(ax, mview, impacts, out)
    handles += _draw_places(ax, mview, places, out)
    handles += _draw_site(ax, mview, lon0, lat0, site, out)
    if title == "":
        title = f"Range rings from {site or f'({lon0:.2f}, {lat0:.2f})'}"
    return _finish(ax, mview, out, handles, title, attribution, legend_at)


def _draw_base(
    ax: Any, view: MapView, zones: Any, land: Any, out: dict[str, list[Any]], focus: str = "JPN"
) -> tuple[list[Any], str, str | None]:
    """Zones and land; returns the legend handles, the attribution and the zones' source."""
    land_geom, land_kind = land_layer(land, view)
    gdf, source = zone_frame(zones)
    handles: list[Any] = []
    if gdf is not None:
        handles += draw_zones(ax, view, gdf, out, focus=focus)
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
    focus = str(getattr(first, "eez_state", "") or "JPN")
    ax = _new_axes(ax, legend_at)
    out: dict[str, list[Any]] = {k: [] for k in _LAYERS}
    setup_axes(ax, mview, out)
    handles, attribution, drawn_source = _draw_base(ax, mview, zones, land, out, focus)
    categories: set[str] = set()
    for a in items:
        gdf = a.to_geodataframe()
        for zone, geom in zip(gdf["zone"], gdf.geometry, strict=True):
            category = arc_category(str(zone), focus=focus)
            style = ARC_STYLES[category]
            line = line_collection(
                ax,
                mview.project(geom),
                colors=style.color,
                linewidths=style.linewidth,
                linestyles=(0, style.dashes) if style.dashes else "solid",
                capstyle="butt",
                zorder=3.6 if category.startswith("focus") else 3.5,
                gid=f"arc:{float(a.range_km):g}:{zone}",
            )
            if line is None:
                continue
            out["arcs"].append(line)
            categories.add(category)
    _draw_rings(ax, mview, items, out, fill=False, color_by_zone=True)
    impact_handles = _draw_impacts(ax, mview, impacts, out)
    site = str(getattr(first, "site", "") or "")
    site_handles = _draw_site(ax, mview, lon0, lat0, site, out)
    arc_handles = [
        Line2D(
            [],
            [],
            color=ARC_STYLES[c].color,
            lw=ARC_STYLES[c].linewidth,
            ls=(0, ARC_STYLES[c].dashes) if ARC_STYLES[c].dashes else "-",
            label=arc_legend(c, focus=focus),
        )
        for c in ARC_STYLES
        if c in categories
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


_FIGURE_KINDS = {".png": "PNG", ".svg": "SVG", ".pdf": "PDF"}
#: Largest raster image save_figure writes: 2**27 pixels (about 11,600 x 11,600; 512 MB of
#: RGBA while drawing). matplotlib's Agg renderer also stops at 2**16 pixels a side.
MAX_FIGURE_PIXELS = 2**27


def _dpi(value: Any, fig: Any) -> float:
    """A resolution in dots per inch that gives an image of at most MAX_FIGURE_PIXELS."""
    bad = isinstance(value, bool) or not isinstance(value, int | float)
    if bad or not math.isfinite(value) or value <= 0:
        raise ValidationError(f"dpi must be a number > 0, got {value!r}")
    width, height = (float(x) * float(value) for x in fig.get_size_inches())
    if width * height > MAX_FIGURE_PIXELS or max(width, height) >= 2**16:
        raise ValidationError(
            f"dpi={value!r} makes a {width:,.0f} x {height:,.0f} pixel image of this "
            f"{fig.get_size_inches()[0]:g} x {fig.get_size_inches()[1]:g} inch figure; the limit "
            f"is {MAX_FIGURE_PIXELS:,} pixels (and 65,535 a side): lower dpi (300 is print "
            "quality)"
        )
    return float(value)


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
    if isinstance(fig, MapPlot) or (hasattr(fig, "figure") and not hasattr(fig, "savefig")):
        fig = fig.figure
    if not hasattr(fig, "savefig") or not hasattr(fig, "get_size_inches"):
        raise ValidationError(f"fig must be a matplotlib Figure, Axes or MapPlot, got {fig!r}")
    if not isinstance(path, str | os.PathLike):
        raise ValidationError(f"path must be a str or a path, got {type(path).__name__} {path!r}")
    suffix = Path(path).suffix.lower()
    if suffix not in _FIGURE_KINDS:
        raise ValidationError(
            f"cannot save a figure as {str(path)!r}: use a .png, .svg or .pdf file name"
        )
    dpi_value = _dpi(dpi, fig)
    out = check_path(path, _FIGURE_KINDS[suffix])
    with atomic_path(out) as tmp:
        fig.savefig(tmp, dpi=dpi_value, bbox_inches="tight", format=suffix[1:])
    return out
