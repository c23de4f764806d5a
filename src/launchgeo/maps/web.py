"""Interactive web maps: one self-contained HTML file that opens offline in any browser.

:func:`web_map` draws range rings, launch assessments (arcs coloured by zone, the impact point)
or any GeoDataFrame on a Leaflet map with launchgeo's embedded land and maritime zones. Leaflet
1.9.4 (BSD-2-Clause, vendored by ``scripts/vendor_leaflet.py``) and its CSS are inlined; there
is no tile server, no CDN and no request to any network. ``export(obj, "map.html")`` and
``launchgeo assess ... --html map.html`` write the same file; in a notebook, ``ring.explore()``
or just ``ring`` (``_repr_html_``) shows it.

Pacific-safe view
-----------------
Web maps use Web Mercator, whose x runs from -180 to 180 degrees. launchgeo shifts every
geometry into one continuous longitude range centred on the launch site, ``[lon0 - 180,
lon0 + 180)``, and joins the pieces that were split at +-180: a ring across the date line is
one ring, and the map's only edge is the meridian opposite the site. A ring that encloses a
pole is a cap filled up to Web Mercator's latitude limit (85.0511 degrees); its circle is drawn
from the ring's own circle, so no line runs along +-180 or the top of the map. Fills are drawn
without outline; outlines are the true boundaries (circles, arcs, coastlines, zone edges).

Size
----
Only what the view needs is embedded: land and zones are cut to the longitude/latitude box
around the content (the reach of the view, as in the report figures) and simplified with
Douglas-Peucker to a tolerance of 1/3000 of the box width (at least 0.002 degrees, about
200 m); rings and arcs keep their own vertices (their edge tolerance, 100 m by default).
Coordinates are written with 4 decimals for land and zones (11 m) and 6 for everything else.

Examples
--------
>>> import launchgeo
>>> from launchgeo.maps.web import web_map
>>> m = web_map(launchgeo.range_ring("Sunan", 650), zones=False, land=False)
>>> m.html.startswith("<!DOCTYPE html>"), "https://unpkg" in m.html
(True, False)
"""

from __future__ import annotations

import html as html_lib
import json
import math
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from shapely.geometry import LineString, MultiLineString, MultiPolygon, Point, Polygon, box
from shapely.geometry.base import BaseGeometry

from launchgeo._atomic import write_bytes_atomic
from launchgeo.errors import DataError, ValidationError
from launchgeo.maps._maplayers import (
    attribution_text,
    drop_slivers,
    land_layer,
    zone_frame,
    zone_name,
)
from launchgeo.maps._palette import (
    ARC_STYLES,
    COAST,
    DISPUTED,
    FOCUS_EDGE,
    FOCUS_FILL,
    IMPACT,
    LAND,
    OCEAN,
    OTHER_EEZ,
    RING_COLORS,
    SITE,
    arc_category,
    arc_legend,
)
from launchgeo.zones._labels import split_label

__all__ = ["LAT_LIMIT_DEG", "WebMap", "web_map"]

#: Web Mercator's latitude limit (degrees): Leaflet clamps latitudes to it.
LAT_LIMIT_DEG = 85.0511287798
_RING_COLORS = RING_COLORS
_LAND, _COAST, _OCEAN = LAND, COAST, OCEAN
_JPN_FILL, _JPN_EDGE, _OTHER_EEZ, _DISPUTED = FOCUS_FILL, FOCUS_EDGE, OTHER_EEZ, DISPUTED
_SITE, _IMPACT = SITE, IMPACT
_MIN_SIMPLIFY_DEG = 0.002
_SIMPLIFY_FRACTION = 1.0 / 3000.0


@dataclass(frozen=True)
class WebMap:
    """A self-contained interactive HTML map (Leaflet inlined, no network).

    Attributes
    ----------
    html : str
        The whole HTML document.
    title : str
        Its title.
    lon_min : float
        West edge of the continuous longitude range the map uses (``lon0 - 180``).
    simplify_tolerance_deg : float
        Douglas-Peucker tolerance applied to land and zones.
    """

    html: str = field(repr=False)
    title: str
    lon_min: float
    simplify_tolerance_deg: float

    def save(self, path: str | Path) -> Path:
        """Write the HTML file atomically (a temporary file in the same folder, then renamed).

        Raises
        ------
        DataError
            The file cannot be written.
        """
        try:
            data = self.html.encode("utf-8")
        except UnicodeEncodeError as exc:  # a lone surrogate in a name or title
            bad = exc.object[exc.start : exc.end]
            raise ValidationError(
                f"the map holds U+{ord(bad[0]):04X} (a lone surrogate, not a character) in "
                f"{exc.object[max(0, exc.start - 30) : exc.end + 10]!r}; remove it from the "
                "names or title"
            ) from None
        return write_bytes_atomic(path, data, "HTML")

    def _repr_html_(self) -> str:
        """The map in an ``<iframe srcdoc>``, so its script and styles stay apart (notebooks)."""
        return (
            '<iframe style="width:100%;height:520px;border:1px solid #ccc" '
            f'title="{html_lib.escape(self.title)}" sandbox="allow-scripts" '
            f'srcdoc="{html_lib.escape(self.html, quote=True)}"></iframe>'
        )

    def __len__(self) -> int:
        return len(self.html.encode("utf-8"))


# -- geometry in the site's continuous longitude frame -----------------------------------------
def to_frame(geom: BaseGeometry, lon_min: float, clip: Any = None) -> BaseGeometry:
    """``geom`` (lon/lat in [-180, 180]) moved into ``[lon_min, lon_min + 360)``, seams joined.

    Copies shifted by -360, 0 and +360 degrees are cut to the frame (and to Web Mercator's
    latitude limit, and to the box ``clip`` if given) and united where they meet: the pieces of
    a polygon split at +-180 become one polygon, the pieces of a line one line.

    Examples
    --------
    >>> from shapely.geometry import box
    >>> split = box(170, 50, 180, 60).union(box(-180, 50, -170, 60))
    >>> to_frame(split, -54.33).bounds
    (170.0, 50.0, 190.0, 60.0)
    """
    if geom is None or geom.is_empty:
        return Polygon()
    frame = box(lon_min, -LAT_LIMIT_DEG, lon_min + 360.0, LAT_LIMIT_DEG)
    if clip is not None:
        frame = shapely.intersection(frame, clip)
    pieces = []
    x0, y0, x1, y1 = frame.bounds
    for shift in (-360.0, 0.0, 360.0):
        if not shapely.intersects(geom, box(x0 - shift, y0, x1 - shift, y1)):
            continue
        part = shapely.clip_by_rect(geom, x0 - shift, y0, x1 - shift, y1)
        if not part.is_empty and not part.is_valid:
            part = shapely.make_valid(part)
        if not part.is_empty:
            pieces.append(shapely.transform(part, lambda xy, s=shift: xy + np.array([s, 0.0])))
    if not pieces:
        return Polygon()
    parts = [p for g in pieces for p in shapely.get_parts(g)]
    polys = [p for p in parts if isinstance(p, Polygon) and not p.is_empty]
    lines = [p for p in parts if isinstance(p, LineString) and not p.is_empty]
    points = [p for p in parts if isinstance(p, Point)]
    out: list[BaseGeometry] = []
    if polys:
        # Only pieces that touch a seam (the old +-180) need joining.
        seams = [x for x in (-180.0, 180.0) if lon_min <= x <= lon_min + 360.0]
        touch = [
            p for p in polys if any(p.bounds[0] <= x + 1e-9 and x - 1e-9 <= p.bounds[2]
                                    for x in seams)
        ]  # fmt: skip
        rest = [p for p in polys if not any(p is q for q in touch)]
        joined = shapely.union_all(touch, grid_size=1e-9) if len(touch) > 1 else None
        keep = rest + (list(shapely.get_parts(joined)) if joined is not None else touch)
        out.append(keep[0] if len(keep) == 1 else MultiPolygon(keep))
    if lines:
        out.append(shapely.line_merge(shapely.set_precision(MultiLineString(lines), 1e-9)))
    out.extend(points)
    return out[0] if len(out) == 1 else shapely.GeometryCollection(out)


def _outline(geom: BaseGeometry, lon_min: float) -> MultiLineString:
    """Boundary of polygons in the frame without the frame's own edges (for strokes)."""
    parts: list[LineString] = []
    edges_x = (lon_min, lon_min + 360.0)
    for poly in shapely.get_parts(geom):
        if not isinstance(poly, Polygon) or poly.is_empty:
            continue
        for ring in (poly.exterior, *poly.interiors):
            xy = np.asarray(ring.coords)
            x0, x1, y0, y1 = xy[:-1, 0], xy[1:, 0], xy[:-1, 1], xy[1:, 1]
            on_x = np.zeros(x0.size, bool)
            for ex in edges_x:
                on_x |= np.isclose(x0, ex, atol=1e-9) & np.isclose(x1, ex, atol=1e-9)
            on_y = np.isclose(np.abs(y0), LAT_LIMIT_DEG, atol=1e-9) & np.isclose(y0, y1)
            cut = on_x | on_y
            start = 0
            for i in [*np.flatnonzero(cut).tolist(), x0.size]:
                if i - start >= 1:
                    parts.append(LineString(xy[start : i + 1]))
                start = i + 1
    return shapely.line_merge(MultiLineString(parts)) if parts else MultiLineString()


def _coords(geom: BaseGeometry, digits: int) -> Any:
    """GeoJSON geometry dict with rounded coordinates (``None`` for an empty geometry)."""
    if geom is None or geom.is_empty:
        return None
    rounded = shapely.set_precision(geom, 10.0**-digits, mode="pointwise")
    return json.loads(shapely.to_geojson(rounded))


# -- inputs ------------------------------------------------------------------------------------
@dataclass
class _Layers:
    """The features of a web map, as GeoJSON dicts by layer."""

    lon0: float
    lat0: float
    site: str
    reach_km: float
    features: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    legend: list[tuple[str, str, str]] = field(default_factory=list)  # (kind, colour, label)

    def add(self, layer: str, geom: BaseGeometry, props: dict[str, Any], digits: int = 6) -> None:
        geometry = _coords(geom, digits)
        if geometry is not None:
            self.features.setdefault(layer, []).append(
                {"type": "Feature", "geometry": geometry, "properties": props}
            )

    @property
    def lon_min(self) -> float:
        return self.lon0 - 180.0


def _is_ring(obj: Any) -> bool:
    from launchgeo.geodesy.rings import RangeRing

    return isinstance(obj, RangeRing)


def _is_assessment(obj: Any) -> bool:
    return all(hasattr(obj, a) for a in ("arcs", "to_geodataframe", "range_km", "center_lon"))


def _items(obj: Any) -> tuple[str, list[Any]]:
    """("rings" | "assessments" | "frame", items)."""
    if _is_ring(obj):
        return "rings", [obj]
    if _is_assessment(obj):
        return "assessments", [obj]
    if isinstance(obj, list | tuple) and obj:
        if all(_is_ring(o) for o in obj):
            return "rings", list(obj)
        if all(_is_assessment(o) for o in obj):
            return "assessments", list(obj)
    if hasattr(obj, "geometry") and hasattr(obj, "columns"):
        if obj.crs is None:
            raise ValidationError(
                "the GeoDataFrame has no CRS; set one (e.g. gdf.set_crs('EPSG:4326')) first"
            )
        if len(obj) == 0:
            raise ValidationError("cannot draw an empty GeoDataFrame on a web map")
        return "frame", [obj.to_crs("EPSG:4326")]
    gi = getattr(obj, "__geo_interface__", None)
    if isinstance(gi, dict) and gi.get("type") in {"Feature", "FeatureCollection"}:
        import geopandas as gpd

        feats = gi["features"] if gi["type"] == "FeatureCollection" else [gi]
        return "frame", [gpd.GeoDataFrame.from_features(feats, crs="EPSG:4326")]
    text = repr(obj)
    raise ValidationError(
        f"cannot draw {type(obj).__name__} {text[:57] + '...' if len(text) > 60 else text} on a "
        "web map: expected a RangeRing or a list of them, a launch assessment or a list of them, "
        "a GeoDataFrame or an object with a GeoJSON __geo_interface__"
    )


def _popup(props: dict[str, Any]) -> dict[str, Any]:
    """Attributes shown in a popup: JSON-safe scalars, NaN and None left out."""
    out: dict[str, Any] = {}
    for key, value in props.items():
        if value is None:
            continue
        if isinstance(value, bool | np.bool_):
            out[str(key)] = bool(value)
        elif isinstance(value, int | np.integer):
            out[str(key)] = int(value)
        elif isinstance(value, float | np.floating):
            if math.isfinite(float(value)):
                out[str(key)] = round(float(value), 6)
        elif isinstance(value, list | tuple):
            out[str(key)] = "/".join(map(str, value))
        else:
            out[str(key)] = str(value)
    return out


def _range_text(range_km: float, min_km: float = 0.0) -> str:
    return f"{min_km:,.0f}–{range_km:,.0f} km" if min_km > 0 else f"{range_km:,.0f} km"


def _add_rings(layers: _Layers, rings: list[Any], *, outline: bool) -> None:
    order = sorted(range(len(rings)), key=lambda i: float(rings[i].range_km))
    for n, i in enumerate(order):
        ring = rings[i]
        color = _RING_COLORS[n % len(_RING_COLORS)]
        props = {**ring.properties(), "area_km2": ring.area_km2}
        name = f"{_range_text(ring.range_km, ring.min_range_km)} {ring.kind}"
        style = {"fillColor": color, "fillOpacity": 0.08 if outline else 0.03, "stroke": False}
        layers.add("ring_fill", to_frame(ring.geometry, layers.lon_min),
                   {"_name": name, "_style": style, **_popup(props)})  # fmt: skip
        if outline:
            line_style = {"color": color, "weight": 2.5, "opacity": 1.0}
            layers.add("rings", to_frame(ring.boundary, layers.lon_min),
                       {"_name": name, "_style": line_style, **_popup(props)})  # fmt: skip
            layers.legend.append(("line", color, f"{_range_text(ring.range_km)} range"))


def _add_assessments(layers: _Layers, items: list[Any]) -> None:
    from launchgeo.geodesy.rings import range_ring

    rings = [range_ring((a.center_lon, a.center_lat), float(a.range_km)) for a in items]
    _add_rings(layers, rings, outline=False)
    focus = str(getattr(items[0], "eez_state", "") or "JPN")
    seen: set[str] = set()
    for a in items:
        gdf = a.to_geodataframe()
        cols = [c for c in gdf.columns if c != gdf.geometry.name]
        for props, geom in zip(gdf[cols].to_dict("records"), gdf.geometry, strict=True):
            zone = str(props.get("zone", ""))
            category = arc_category(zone, focus=focus)
            arc = ARC_STYLES[category]
            name = f"{float(a.range_km):,.0f} km arc in {zone_name(zone)}"
            style = {"color": arc.color, "weight": 2 * arc.linewidth, "opacity": 1.0,
                     "lineCap": "butt"}  # fmt: skip
            if arc.dashes:
                style["dashArray"] = " ".join(f"{2 * d:g}" for d in arc.dashes)
            layers.add("arcs", to_frame(geom, layers.lon_min),
                       {"_name": name, "_style": style, **_popup(props)})  # fmt: skip
            seen.add(category)
        if getattr(a, "impact_lon", None) is not None:
            props = {
                "range_km": a.range_km,
                "bearing_deg": a.bearing_deg,
                "impact_lon": a.impact_lon,
                "impact_lat": a.impact_lat,
                "impact_zone": a.impact_zone,
            }
            name = f"{float(a.range_km):,.0f} km at {float(a.bearing_deg):.0f}°: " + zone_name(
                str(a.impact_zone)
            )
            pt = to_frame(Point(float(a.impact_lon), float(a.impact_lat)), layers.lon_min)
            layers.add("impacts", pt, {"_name": name, "_style": {"color": _IMPACT}, **props})
    for category in ARC_STYLES:
        if category in seen:
            kind = "dash" if ARC_STYLES[category].dashes else "line"
            legend = arc_legend(category, focus=focus)
            layers.legend.append((kind, ARC_STYLES[category].color, legend))


def _add_frame(layers: _Layers, gdf: Any) -> None:
    cols = [c for c in gdf.columns if c != gdf.geometry.name]
    for k, (props, geom) in enumerate(zip(gdf[cols].to_dict("records"), gdf.geometry, strict=True)):
        if geom is None or geom.is_empty:
            continue
        name = str(
            props.get("name") or props.get("label") or props.get("text") or f"feature {k + 1}"
        )
        zone = str(props.get("zone") or "")
        color = ARC_STYLES[arc_category(zone)].color if zone else _RING_COLORS[0]
        shown = to_frame(geom, layers.lon_min)
        popup = {"_name": name, **_popup(props)}
        if isinstance(geom, Polygon | MultiPolygon):
            fill = {"fillColor": color, "fillOpacity": 0.15, "stroke": False}
            layers.add("features_fill", shown, {**popup, "_style": fill})
            stroke = {"color": color, "weight": 2, "opacity": 1.0}
            layers.add("features", _outline(shown, layers.lon_min), {**popup, "_style": stroke})
        else:
            layers.add("features", shown, {**popup, "_style": {"color": color, "weight": 3}})


def _frame_center(gdf: Any) -> tuple[float, float, float]:
    """Centre and reach (km) of a GeoDataFrame's features, for the view."""
    from launchgeo.geodesy.core import distance_km

    xy = shapely.get_coordinates(np.asarray(gdf.geometry))
    if xy.size == 0:
        raise ValidationError("the features have no coordinates to draw")
    # Mean direction on the unit sphere: robust across +-180.
    lon, lat = np.radians(xy[:, 0]), np.radians(xy[:, 1])
    v = np.array([np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)]).mean(axis=1)
    lon0 = float(np.degrees(np.arctan2(v[1], v[0])))
    lat0 = float(np.degrees(np.arctan2(v[2], np.hypot(v[0], v[1]))))
    d = distance_km(np.full(len(xy), lon0), np.full(len(xy), lat0), xy[:, 0], xy[:, 1])
    return lon0, lat0, max(float(np.max(d)), 50.0)


# -- base layers -------------------------------------------------------------------------------
def _view_box(layers: _Layers) -> tuple[Any, Any]:
    """The lon/lat box (in the frame) that land and zones are cut to, and the MapView used."""
    from launchgeo.maps._cartography import DISK_VIEW_KM, map_view

    reach = layers.reach_km
    radius = reach * 1.12 if reach > DISK_VIEW_KM else reach * 1.3 + 100.0
    view = map_view((layers.lon0, layers.lat0), radius)
    disk = to_frame(view.clip_disk, layers.lon_min)
    return box(*disk.bounds), view


def _tolerance_deg(view_box: Any) -> float:
    minx, _, maxx, _ = view_box.bounds
    return max(_MIN_SIMPLIFY_DEG, (maxx - minx) * _SIMPLIFY_FRACTION)


def _add_land(layers: _Layers, land: Any, view: Any, view_box: Any, tol: float) -> str | None:
    geom, kind = land_layer(land, view)
    if geom is None:
        return None
    shown = to_frame(geom, layers.lon_min, view_box)
    shown = shapely.simplify(shown, tol, preserve_topology=True)
    shown = MultiPolygon([p for p in shapely.get_parts(shown) if isinstance(p, Polygon)])
    fill = {"fillColor": _LAND, "fillOpacity": 1.0, "stroke": False}
    layers.add("land", shown, {"_name": "Land", "_style": fill}, digits=4)
    coast = {"color": _COAST, "weight": 0.8, "opacity": 1.0}
    layers.add("coast", _outline(shown, layers.lon_min), {"_name": "Coastline", "_style": coast}, 4)
    layers.legend.append(("fill", _LAND, "Land"))
    return kind


def _add_zones(layers: _Layers, zones: Any, view_box: Any, tol: float) -> str | None:
    gdf, source = zone_frame(zones)
    if gdf is None:
        return None
    jpn: list[Any] = []
    other: list[Any] = []
    land: list[Any] = []
    drew_disputed = False
    for label, geom in zip(gdf["label"], gdf.geometry, strict=True):
        if geom is None or geom.is_empty:
            continue
        states, kind = split_label(str(label))
        raw = drop_slivers(to_frame(geom, layers.lon_min, view_box), tol**2)
        shown = shapely.simplify(raw, tol, preserve_topology=True)
        if shown.is_empty:
            continue
        props = {"_name": zone_name(str(label)), "zone": str(label)}
        if kind == "land":
            land.append(raw)
        elif kind in {"overlapping_claim", "joint_regime"}:
            style = {"fillColor": _DISPUTED, "fillOpacity": 0.18, "color": _DISPUTED,
                     "weight": 1, "dashArray": "2 3"}  # fmt: skip
            layers.add("zones", shown, {**props, "_style": style}, digits=4)
            drew_disputed = True
        elif states == ("JPN",) and kind in {"eez", "territorial_sea"}:
            jpn.append(raw)
            style = {"fillColor": _JPN_FILL, "fillOpacity": 0.55, "stroke": False}
            layers.add("zones", shown, {**props, "_style": style}, digits=4)
        elif kind in {"eez", "territorial_sea"}:
            other.append(raw)
    focus_edge = None
    if jpn:
        edge = {"color": _JPN_EDGE, "weight": 1.2, "opacity": 1.0}
        focus_edge = _outline(shapely.union_all(jpn), layers.lon_min)
        shown_edge = shapely.simplify(focus_edge, tol)
        layers.add("zone_edges", shown_edge, {"_name": "Japan EEZ", "_style": edge}, 4)
        layers.legend.append(("fill", _JPN_FILL, "Japan EEZ (incl. territorial sea)"))
    if other:
        # Each shared edge once (two dashed copies out of phase would draw it solid), and only
        # at sea: not along the coast, not over Japan's solid edge. The zones of a coverage
        # share their edges exactly: the union of their outlines keeps one copy.
        lines = shapely.union_all([_outline(g, layers.lon_min) for g in other])
        drawn = [_outline(g, layers.lon_min) for g in land]
        drawn += [focus_edge] if focus_edge is not None else []
        if drawn and not lines.is_empty:
            lines = shapely.difference(lines, shapely.union_all(drawn))
        lines = shapely.simplify(shapely.line_merge(lines), tol) if not lines.is_empty else lines
        line = {"color": _OTHER_EEZ, "weight": 1, "dashArray": "5 3", "opacity": 0.9}
        layers.add("zone_edges", lines,
                   {"_name": "Other states' zone boundaries", "_style": line}, 4)  # fmt: skip
        layers.legend.append(("dash", _OTHER_EEZ, "Other states' EEZ"))
    if drew_disputed:
        layers.legend.append(("fill", _DISPUTED, "Overlapping claim / joint regime"))
    return source


# -- the document ------------------------------------------------------------------------------
def _asset(name: str) -> str:
    ref = resources.files("launchgeo.maps").joinpath("data", name)
    try:
        return ref.read_text(encoding="utf-8")
    except (FileNotFoundError, OSError) as exc:
        raise DataError(
            f"launchgeo's vendored Leaflet file {name!r} is missing ({exc}); reinstall launchgeo"
        ) from exc


def _css() -> str:
    import re

    # No image markers or layer icons are used: keep the page free of file requests.
    return re.sub(r"url\(images/[^)]*\)", "none", _asset("leaflet.css"))


_STYLE = """
html, body { height: 100%; margin: 0; font: 13px/1.35 system-ui, -apple-system, "Segoe UI",
  Roboto, Helvetica, Arial, sans-serif; }
#map { position: absolute; top: 0; bottom: 0; left: 0; right: 0; background: OCEAN; }
.leaflet-container { background: OCEAN; }
.lg-box { background: rgba(255,255,255,0.93); padding: 6px 9px; border-radius: 4px;
  box-shadow: 0 1px 4px rgba(0,0,0,0.3); }
.lg-title { font-weight: 700; font-size: 14px; max-width: 60vw; }
.lg-legend div { white-space: nowrap; margin: 2px 0; }
.lg-key { display: inline-block; width: 22px; height: 10px; margin-right: 6px;
  vertical-align: middle; }
.lg-popup table { border-collapse: collapse; }
.lg-popup td { padding: 0 6px 0 0; vertical-align: top; }
.lg-popup td:first-child { color: #555; }
.leaflet-control-layers-toggle { width: auto !important; height: auto !important;
  padding: 6px 10px; font-weight: 600; color: #333; text-decoration: none; }
.leaflet-control-layers-toggle::before { content: "Layers"; }
.lg-label { background: rgba(255,255,255,0.85); border: none; box-shadow: none;
  font-weight: 600; padding: 1px 4px; }
"""

_SCRIPT = r"""
(function () {
  var D = JSON.parse(document.getElementById("launchgeo-data").textContent);
  var map = L.map("map", {zoomSnap: 0.25, worldCopyJump: false, minZoom: 1,
    maxBounds: [[-90, D.lon_min], [90, D.lon_min + 360]], maxBoundsViscosity: 1.0});
  window.launchgeoMap = map;
  map.attributionControl.setPrefix("Leaflet (BSD-2-Clause)");
  map.attributionControl.addAttribution(D.attribution);
  function popup(p) {
    var div = document.createElement("div");
    div.className = "lg-popup";
    var b = document.createElement("b");
    b.textContent = p._name || "";
    div.appendChild(b);
    var table = document.createElement("table");
    Object.keys(p).forEach(function (k) {
      if (k.charAt(0) === "_") { return; }
      var tr = document.createElement("tr");
      var td1 = document.createElement("td"), td2 = document.createElement("td");
      td1.textContent = k;
      td2.textContent = String(p[k]);
      tr.appendChild(td1); tr.appendChild(td2); table.appendChild(tr);
    });
    div.appendChild(table);
    return div;
  }
  var order = ["land", "zones", "zone_edges", "coast", "ring_fill", "features_fill",
    "rings", "features", "arcs", "impacts", "site"];
  var names = {land: "Land", zones: "Maritime zones", zone_edges: "Zone boundaries",
    coast: "Coastline", ring_fill: "Range (fill)", features_fill: "Areas", rings: "Range rings",
    features: "Features", arcs: "Arcs by zone", impacts: "Impact points", site: "Launch site"};
  var overlays = {};
  order.forEach(function (key) {
    var feats = D.layers[key];
    if (!feats || !feats.length) { return; }
    var layer = L.geoJSON({type: "FeatureCollection", features: feats}, {
      style: function (f) { return f.properties._style || {}; },
      pointToLayer: function (f, latlng) {
        var s = f.properties._style || {};
        return L.circleMarker(latlng, {radius: key === "site" ? 6 : 5, color: "#ffffff",
          weight: 1.5, fillColor: s.color || "#000000", fillOpacity: 1});
      },
      onEachFeature: function (f, l) {
        l.bindPopup(popup(f.properties));
        if (f.properties._label) {
          l.bindTooltip(f.properties._label, {permanent: true, direction: "right",
            offset: [8, 0], className: "lg-label"});
        }
      },
      interactive: key !== "land" && key !== "coast"
    }).addTo(map);
    overlays[names[key]] = layer;
  });
  L.control.scale({metric: true, imperial: false, maxWidth: 160}).addTo(map);
  L.control.layers(null, overlays, {collapsed: true, position: "topright"}).addTo(map);
  var info = L.control({position: "topleft"});
  info.onAdd = function () {
    var div = L.DomUtil.create("div", "lg-box lg-title");
    div.textContent = D.title;
    return div;
  };
  info.addTo(map);
  var legend = L.control({position: "bottomright"});
  legend.onAdd = function () {
    var div = L.DomUtil.create("div", "lg-box lg-legend");
    D.legend.forEach(function (e) {
      var row = document.createElement("div"), key = document.createElement("span");
      key.className = "lg-key";
      if (e[0] === "fill") { key.style.background = e[1]; key.style.border = "1px solid #888"; }
      else if (e[0] === "dash") {
        key.style.borderTop = "2px dashed " + e[1]; key.style.height = "0"; }
      else if (e[0] === "point") { key.style.background = e[1]; key.style.width = "10px";
        key.style.borderRadius = "5px"; }
      else { key.style.borderTop = "4px solid " + e[1]; key.style.height = "0"; }
      row.appendChild(key);
      row.appendChild(document.createTextNode(e[2]));
      div.appendChild(row);
    });
    return div;
  };
  legend.addTo(map);
  map.fitBounds([[D.bounds[1], D.bounds[0]], [D.bounds[3], D.bounds[2]]], {padding: [12, 12]});
})();
"""


def _document(title: str, data: dict[str, Any]) -> str:
    payload = json.dumps(data, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    payload = payload.replace("</", "<\\/")  # never close the script element early
    licence = _asset("LEAFLET_LICENSE").replace("--", "- -")
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="launchgeo">\n<title>{html_lib.escape(title)}</title>\n'
        f"<!-- Leaflet 1.9.4, inlined. Its licence:\n{licence}-->\n"
        f"<style>\n{_css()}\n</style>\n<style>{_STYLE.replace('OCEAN', _OCEAN)}</style>\n"
        '</head>\n<body>\n<div id="map"></div>\n'
        f"<script>\n{_asset('leaflet.js')}\n</script>\n"
        f'<script type="application/json" id="launchgeo-data">{payload}</script>\n'
        f"<script>{_SCRIPT}</script>\n</body>\n</html>\n"
    )


def web_map(
    obj: Any,
    *,
    zones: Any = None,
    land: Any = None,
    title: str | None = None,
) -> WebMap:
    """An interactive, self-contained HTML map of rings, assessments or features.

    Parameters
    ----------
    obj : RangeRing, list of RangeRing, LaunchAssessment, list of them, GeoDataFrame, ...
        What to draw. Rings are filled and outlined by their circle; an assessment's arcs are
        coloured by zone, with its impact point if it has a bearing; other features are drawn
        with their attributes in popups.
    zones : Zones, GeoDataFrame (``label`` column), None or False
        Maritime zones; None uses launchgeo's embedded zones (not on views more than 6,000 km
        across, where they would be clutter), False draws none.
    land : GeoDataFrame, shapely geometry, None or False
        Land; None uses the embedded Natural Earth land, False draws none.
    title : str, optional
        Title shown on the map (default: what is drawn and from where).

    Returns
    -------
    WebMap
        ``.html`` (the document), ``.save(path)``; shows itself in a notebook.

    Raises
    ------
    ValidationError
        An object that cannot be drawn.

    Examples
    --------
    >>> import launchgeo
    >>> m = web_map(launchgeo.range_ring("Sunan", 13_000), zones=False, land=False)
    >>> m.lon_min
    -54.33
    """
    kind, items = _items(obj)
    if kind == "frame":
        lon0, lat0, reach = _frame_center(items[0])
        site = ""
    else:
        first = items[0]
        lon0, lat0 = float(first.center_lon), float(first.center_lat)
        reach = max(float(i.range_km) for i in items)
        site = str(getattr(first, "site", "") or "")
    layers = _Layers(lon0, lat0, site, reach)
    view_box, view = _view_box(layers)
    if zones is None and view.is_disk:
        zones = False  # hemisphere-wide, as in the report figures: zones would be clutter
    tol = _tolerance_deg(view_box)
    land_kind = _add_land(layers, land, view, view_box, tol)
    source = _add_zones(layers, zones, view_box, tol)
    if kind == "rings":
        _add_rings(layers, items, outline=True)
    elif kind == "assessments":
        _add_assessments(layers, items)
    else:
        _add_frame(layers, items[0])
    if kind != "frame":
        name = site or f"({lon0:.2f}, {lat0:.2f})"
        layers.add("site", Point(lon0, lat0),
                   {"_name": name, "_label": name.split(" (")[0], "_style": {"color": _SITE},
                    "lon": lon0, "lat": lat0})  # fmt: skip
        layers.legend.append(("point", _SITE, "Launch site"))
        if layers.features.get("impacts"):
            layers.legend.append(("point", _IMPACT, "Impact point"))
    if title is None:
        where = site or f"({lon0:.2f}, {lat0:.2f})"
        if kind == "assessments":
            ranges = " and ".join(f"{float(a.range_km):,.0f}" for a in items)
            title = f"{where}: {ranges} km ranges and maritime zones"
        elif kind == "rings":
            title = f"Range rings from {where}"
        else:
            title = "launchgeo map"
    content = [
        shapely.from_geojson(json.dumps(f["geometry"]))
        for key in ("ring_fill", "rings", "arcs", "features", "features_fill", "site", "impacts")
        for f in layers.features.get(key, [])
    ]
    bounds = shapely.union_all(content).bounds if content else view_box.bounds
    attribution = attribution_text(source, land_kind)
    note = (
        f"Land and zones simplified to {tol:.3f}°. Web Mercator, longitudes continuous around "
        f"{lon0:.2f}°E; scale true at the centre latitude only"
    )
    data = {
        "title": title,
        "lon_min": layers.lon_min,
        "bounds": [round(b, 6) for b in bounds],
        "attribution": html_lib.escape(". ".join(t for t in (attribution.rstrip("."), note) if t)),
        "legend": layers.legend,
        "layers": layers.features,
    }
    return WebMap(_document(title, data), title, layers.lon_min, tol)
