"""Base layers of launchgeo maps (private): land, maritime zones, their names, colours and sources.

Used by :mod:`~launchgeo.maps.plotting`. Land and zones come from launchgeo's embedded data (read
with :mod:`importlib.resources`) unless the caller passes their own.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import shapely
from shapely.geometry import box
from shapely.geometry.base import BaseGeometry

from launchgeo.errors import DataError, ValidationError
from launchgeo.geodesy._antimeridian import fold_polygon, seamless_boundary
from launchgeo.maps._cartography import (
    MapView,
    halo,
    label_point,
    line_collection,
    path_patch,
    polygons,
)
from launchgeo.maps._palette import COAST as _COAST
from launchgeo.maps._palette import DISPUTED as _DISPUTED
from launchgeo.maps._palette import FOCUS_EDGE as _JPN_EDGE
from launchgeo.maps._palette import FOCUS_FILL as _JPN_FILL
from launchgeo.maps._palette import LAND as _LAND
from launchgeo.maps._palette import OTHER_EEZ as _OTHER_EEZ
from launchgeo.maps._palette import zone_color
from launchgeo.zones._labels import KIND_NAMES, STATE_NAMES, split_label

__all__ = ["EMBEDDED_ATTRIBUTION", "zone_color", "zone_name"]

#: Attribution line of maps drawn with launchgeo's embedded land and zone data.
EMBEDDED_ATTRIBUTION = (
    "Land: Natural Earth (public domain). "
    "EEZ: approximate, not a legal boundary (launchgeo embedded data)"
)
_LAND_50M = "land_world_50m.npz"
_LAND_110M = "land_world_110m.npz"
#: Views up to this wide (km) draw the zones' own land (Natural Earth 10m, simplified like the
#: zones); up to _LAND_50M_MAX_KM Natural Earth 50m; wider ones (hemispheres, the globe) 110m.
_LAND_10M_MAX_KM = 3500.0
_LAND_50M_MAX_KM = 12000.0

#: Polygon parts and holes smaller than this fraction of the view's width, squared, are not
#: drawn (sliver polygons of a zone build would draw stray outlines).
_SLIVER_FRACTION = 1.0 / 400.0


# -- zone names and colours --------------------------------------------------------------------


def zone_name(label: str) -> str:
    """Plain-English name of a zone label, for legends.

    Examples
    --------
    >>> zone_name("JPN:eez"), zone_name("JPN/KOR:overlapping_claim"), zone_name("high_seas")
    ('Japan EEZ', 'Japan/South Korea overlapping claim', 'high seas')
    """
    states, kind = split_label(label)
    if not states:
        return kind.replace("_", " ")
    names = "/".join(STATE_NAMES.get(s, s) for s in states)
    return f"{names} {KIND_NAMES.get(kind, kind.replace('_', ' '))}"


# -- data layers -------------------------------------------------------------------------------
def read_embedded(name: str) -> Any:
    from launchgeo.zones._readers import read_embedded_frame

    try:
        return read_embedded_frame(name)
    except DataError as exc:
        raise DataError(
            f"launchgeo's embedded data file {name!r} is missing or unreadable ({exc}); "
            "reinstall launchgeo, or pass land=/zones= explicitly (False to leave a layer out)"
        ) from exc


def land_layer(land: Any, view: MapView) -> tuple[Any, str | None]:
    """Land geometry for the view and its attribution (None when not drawn)."""
    if land is False:
        return None, None
    if land is None:
        return embedded_land(view), "embedded"
    if getattr(land, "crs", None) is not None and not land.crs.equals("EPSG:4326"):
        land = land.to_crs("EPSG:4326")
    geoms = getattr(land, "geometry", land)
    if isinstance(geoms, BaseGeometry):
        return geoms, "user"
    return shapely.union_all(list(geoms)), "user"


def embedded_land(view: MapView) -> Any:
    """Natural Earth land at a resolution that suits the view's width, cut to its region."""
    width = view.width_km
    if width <= _LAND_10M_MAX_KM:
        from launchgeo.zones.core import load_zones

        gdf = load_zones().to_geodataframe()
        geoms = np.asarray(gdf.geometry.values)[(gdf["kind"] == "land").to_numpy()]
    else:
        gdf = read_embedded(_LAND_50M if width <= _LAND_50M_MAX_KM else _LAND_110M)
        geoms = np.asarray(gdf.geometry.values)
    region = _lonlat_region(view)
    if region is not None:
        geoms = shapely.intersection(geoms[shapely.intersects(geoms, region)], region)
    return shapely.union_all(geoms)


def _lonlat_region(view: MapView) -> Any:
    """A lon/lat polygon holding everything the view shows (None: the whole Earth may show)."""
    if view.clip_disk is not None:
        return view.clip_disk
    from pyproj import Transformer

    ring = shapely.segmentize(view.frame.exterior, (view.bounds[2] - view.bounds[0]) / 200.0)
    xy = shapely.get_coordinates(ring)
    inv = Transformer.from_crs(view.crs, "EPSG:4326", always_xy=True)
    lon, lat = inv.transform(xy[:, 0], xy[:, 1])
    if not (np.isfinite(lon).all() and np.isfinite(lat).all()):
        return None
    lon = np.degrees(np.unwrap(np.radians(lon)))
    pad = 1.0
    lat0, lat1 = max(-90.0, lat.min() - pad), min(90.0, lat.max() + pad)
    if abs(lon[-1] - lon[0]) > 180.0:  # the frame goes round a pole
        return box(-180.0, lat0, 180.0, 90.0) if lat.mean() > 0 else box(-180.0, -90.0, 180.0, lat1)
    if np.ptp(lon) > 300.0:
        return None
    return fold_polygon(box(lon.min() - pad, lat0, lon.max() + pad, lat1))


def zone_frame(zones: Any) -> tuple[Any, str | None]:
    """Zones as a GeoDataFrame (label, kind, states, geometry) and their source."""
    if zones is False:
        return None, None
    if zones is None:
        from launchgeo.zones.core import load_zones

        zones = load_zones()
    source: str
    if hasattr(zones, "to_geodataframe"):
        info = getattr(zones, "info", None)
        source = str(getattr(info, "source", "") or "zones")
        gdf = zones.to_geodataframe()
    else:
        gdf = zones
        source = str(getattr(gdf, "attrs", {}).get("source", "user-supplied zones"))
    if "label" not in gdf.columns:
        raise ValidationError(f"zones need a 'label' column, got columns {list(gdf.columns)!r}")
    if gdf.crs is not None and not gdf.crs.equals("EPSG:4326"):
        gdf = gdf.to_crs("EPSG:4326")
    return gdf, source


def attribution_text(source: str | None, land_kind: str | None) -> str:
    embedded_zones = source is not None and "embedded" in source
    parts = []
    if land_kind == "embedded" and (embedded_zones or source is None):
        if embedded_zones:
            return EMBEDDED_ATTRIBUTION
        parts.append("Land: Natural Earth (public domain).")
    elif land_kind == "embedded":
        parts.append("Land: Natural Earth (public domain).")
    elif land_kind == "user":
        parts.append("Land: user-supplied.")
    if embedded_zones:
        parts.append("EEZ: approximate, not a legal boundary (launchgeo embedded data)")
    elif source is not None:
        parts.append(f"Zones: {source}")
    return " ".join(parts)


def drop_slivers(geom: BaseGeometry, min_area: float) -> BaseGeometry:
    """``geom`` without polygon parts and holes smaller than ``min_area`` (its own units)."""
    from shapely.geometry import MultiPolygon, Polygon

    kept = []
    for part in polygons(geom):
        if part.area < min_area:
            continue
        holes = [h for h in part.interiors if Polygon(h).area >= min_area]
        kept.append(Polygon(part.exterior, holes) if len(holes) < len(part.interiors) else part)
    return MultiPolygon(kept) if kept else Polygon()


def _window(view: MapView) -> tuple[float, float, float, float] | None:
    """A lon/lat box holding everything the view shows (None: the whole Earth may show)."""
    if view.clip_disk is None:
        return None
    x0, y0, x1, y1 = view.clip_disk.bounds
    if x1 - x0 > 300.0:
        return None
    return (x0 - 1.0, max(y0 - 1.0, -90.0), x1 + 1.0, min(y1 + 1.0, 90.0))


def _sliver_area_deg2(view: MapView) -> float:
    return float((view.width_km / 111.0 * _SLIVER_FRACTION) ** 2)


def zone_label_candidates(proj: BaseGeometry, n: int = 6) -> list[tuple[float, float]]:
    """Label positions inside the largest polygon of ``proj``, best (most interior) first."""
    best = label_point(proj)
    if best is None:
        return []
    big = max(polygons(proj), key=lambda p: p.area)
    x0, y0, x1, y1 = big.bounds
    xs, ys = np.meshgrid(np.linspace(x0, x1, 9)[1:-1], np.linspace(y0, y1, 9)[1:-1])
    pts = [shapely.Point(x, y) for x, y in zip(xs.ravel(), ys.ravel(), strict=True)]
    inside = [p for p in pts if big.contains(p)]
    inside.sort(key=lambda p: -big.exterior.distance(p))
    return [best] + [(float(p.x), float(p.y)) for p in inside[: n - 1]]


def draw_zones(
    ax: Any, view: MapView, gdf: Any, out: dict[str, list[Any]], *, focus: str = "JPN"
) -> list[Any]:
    """The focus state's EEZ shaded and labelled, other EEZs outlined, disputed areas hatched.

    Sliver polygons (parts and holes smaller than 1/400 of the view's width, squared) are left
    out, and the boundaries of other states' zones are drawn once as one dashed line (two
    adjacent zones used to stroke their shared edge twice, with the dashes out of phase, which
    drew it solid).
    """
    from matplotlib.patches import Patch

    handles: list[Any] = []
    jpn: list[Any] = []
    other: list[Any] = []
    disputed: list[Any] = []
    land: list[Any] = []
    min_deg2 = _sliver_area_deg2(view)
    window = _window(view)
    for label, geom in zip(gdf["label"], gdf.geometry, strict=True):
        if geom is None or geom.is_empty:
            continue
        states, kind = split_label(label)
        if window is not None:
            geom = shapely.clip_by_rect(geom, *window)
        geom = drop_slivers(geom, min_deg2)
        if geom.is_empty:
            continue
        if kind == "land":
            land.append(geom)
        elif kind in {"overlapping_claim", "joint_regime"}:
            disputed.append(geom)
        elif states == (focus,) and kind in {"eez", "territorial_sea"}:
            jpn.append(geom)
        elif kind in {"eez", "territorial_sea"}:
            other.append((label, geom))
    focus_name = STATE_NAMES.get(focus, focus)
    focus_edge = None
    if jpn:
        merged = shapely.union_all(jpn)
        proj = view.project(merged)
        patch = path_patch(
            ax,
            proj,
            facecolor=_JPN_FILL,
            alpha=0.55,
            edgecolor="none",
            zorder=1.2,
            gid=f"zone:{focus}:eez",
        )
        focus_edge = seamless_boundary(merged)
        edge = line_collection(
            ax,
            view.project(focus_edge),
            colors=_JPN_EDGE,
            linewidths=0.8,
            zorder=1.25,
            gid=f"zone_edge:{focus}:eez",
        )
        out["zones"] += [a for a in (patch, edge) if a is not None]
        candidates = zone_label_candidates(proj)
        if candidates:
            text = ax.text(
                *candidates[0],
                f"{focus_name} EEZ",
                color=_JPN_EDGE,
                fontsize=8,
                fontweight="bold",
                ha="center",
                va="center",
                zorder=6,
                path_effects=halo(),
                gid=f"zone_label:{focus}:eez",
            )
            out["zone_labels"].append(text)
            out.setdefault("_label_candidates", []).append((text, candidates, "zone"))
        if patch is not None:
            handles.append(
                Patch(
                    facecolor=_JPN_FILL,
                    edgecolor=_JPN_EDGE,
                    alpha=0.8,
                    label=f"{focus_name} EEZ (incl. territorial sea)",
                )
            )
    if other:
        lines = shapely.union_all([seamless_boundary(g) for _, g in other])
        # Only boundaries at sea: not the focus state's (drawn solid) nor the coast.
        drawn = [seamless_boundary(g) for g in land] + [focus_edge] * (focus_edge is not None)
        if drawn and not lines.is_empty:
            lines = shapely.difference(lines, shapely.union_all(drawn))
        edge = line_collection(
            ax,
            view.project(shapely.line_merge(lines) if not lines.is_empty else lines),
            colors=_OTHER_EEZ,
            linewidths=0.7,
            linestyles=(0, (4, 2)),
            zorder=1.3,
            gid="zone_edge:other",
        )
        if edge is not None:
            out["zones"].append(edge)
            from matplotlib.lines import Line2D

            handles.append(
                Line2D([], [], color=_OTHER_EEZ, lw=0.7, ls=(0, (4, 2)), label="Other states' EEZ")
            )
        for label, geom in other:
            states, kind = split_label(label)
            if kind != "eez":
                continue
            proj = view.project(geom)
            area = sum(p.area for p in polygons(proj))
            candidates = zone_label_candidates(proj)
            if candidates and area > 0.01 * view.frame.area:
                text = ax.text(
                    *candidates[0],
                    f"{'/'.join(states)} EEZ",
                    color=_OTHER_EEZ,
                    fontsize=6.5,
                    ha="center",
                    va="center",
                    zorder=6,
                    path_effects=halo(),
                    gid=f"zone_label:{label}",
                )
                out["zone_labels"].append(text)
                out.setdefault("_label_candidates", []).append((text, candidates, "zone"))
    if disputed:
        proj = view.project(shapely.union_all(disputed))
        patch = path_patch(
            ax,
            proj,
            facecolor="none",
            edgecolor=_DISPUTED,
            hatch="////",
            linewidth=0.0,
            zorder=1.35,
            gid="zone:disputed",
        )
        if patch is not None:
            out["zones"].append(patch)
            handles.append(
                Patch(
                    facecolor="none",
                    edgecolor=_DISPUTED,
                    hatch="////",
                    label="Overlapping claim / joint regime",
                )
            )
    return handles


def draw_land(ax: Any, view: MapView, land: Any, out: dict[str, list[Any]]) -> list[Any]:
    from matplotlib.patches import Patch

    proj = view.project(land)
    patch = path_patch(ax, proj, facecolor=_LAND, edgecolor="none", zorder=1.5, gid="land")
    coast = line_collection(
        ax,
        view.project(seamless_boundary(land)),
        colors=_COAST,
        linewidths=0.4,
        zorder=1.55,
        gid="coastline",
    )
    out["land"] += [a for a in (patch, coast) if a is not None]
    return [Patch(facecolor=_LAND, edgecolor=_COAST, label="Land")] if patch is not None else []
