"""Geodesic range rings, bands, fans and radials on the WGS84 ellipsoid.

A ring is the set of points whose geodesic distance from a centre is at most ``range_km``.
Its lon/lat polygon is valid, split at +-180 (RFC 7946), includes the polar cap(s) it encloses,
winds counter-clockwise, and is densified until no point of its straight (lon, lat) edges lies
farther than ``tolerance_m`` from the true circle; the achieved maximum is reported as
``max_edge_error_m``. :meth:`RangeRing.contains` is the exact geodesic predicate and does not
depend on the vertices.

Edges added where the polygon is split at +-180 or closed along a pole are not part of the
circle and are not counted in the edge error.

Examples
--------
>>> import launchgeo
>>> ring = launchgeo.range_ring("Sunan", 13_000)
>>> ring.encloses_north_pole, ring.crosses_antimeridian, ring.geometry.is_valid
(True, True, True)
>>> bool(ring.contains(-118.24, 34.05))   # Los Angeles is ~9,800 km from Sunan
True
>>> round(ring.area_km2 / 1e6, 1)
370.5
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import shapely
from shapely.geometry import LineString, MultiLineString, MultiPolygon, Polygon, mapping

if TYPE_CHECKING:
    import geopandas as gpd

from launchgeo import _validate as v
from launchgeo._inputs import points as adapt_points
from launchgeo.errors import RangeError, ValidationError
from launchgeo.geodesy._antimeridian import GLOBE, as_polygonal, line_geometry
from launchgeo.geodesy._loops import (
    EARTH_AREA_KM2,
    BeyondCutLocus,
    circle_arc,
    geodesic_path,
    loop_area_km2,
    loop_polygon,
)
from launchgeo.geodesy.core import HALF_MERIDIAN_KM, WGS84
from launchgeo.sites import resolve_center
from launchgeo.units import Units, to_km

__all__ = [
    "DEFAULT_TOLERANCE_M",
    "RangeRing",
    "radials",
    "range_band",
    "range_fan",
    "range_ring",
    "range_rings",
]

#: Default maximum distance (m) between a ring's straight lon/lat edges and the true circle.
DEFAULT_TOLERANCE_M = 100.0
#: Ranges below this (1 micrometre) are a point: an empty polygon, as for range 0 (the
#: vertices of a smaller circle coincide in double-precision degrees).
POINT_RANGE_KM = 1e-9
#: Most radials one call draws (each is a densified line).
MAX_RADIALS = 100_000

# Azimuth samples used for the area integral (edge sag < 1 m at any range: area error < 1e-6).
_AREA_SAMPLES = 4096


@dataclass(frozen=True)
class RangeRing:
    """A geodesic ring (disk), band (annulus) or fan (sector) around a centre.

    Attributes
    ----------
    center_lon, center_lat : float
        Centre in degrees.
    range_km : float
        Outer range.
    min_range_km : float
        Inner range (0 for a ring or a fan without a minimum range).
    bearing_from_deg, bearing_to_deg : float or None
        Clockwise sector of a fan; None for a full ring or band.
    tolerance_m : float
        Requested maximum edge error.
    max_edge_error_m : float
        Achieved maximum distance of the polygon's circle edges from the true circle.
    geometry : shapely Polygon or MultiPolygon
        The region in EPSG:4326 lon/lat.
    encloses_north_pole, encloses_south_pole, crosses_antimeridian : bool
        Topology flags.
    site : str
        Site name, when the centre was a catalogue site.
    """

    center_lon: float
    center_lat: float
    range_km: float
    min_range_km: float
    bearing_from_deg: float | None
    bearing_to_deg: float | None
    tolerance_m: float
    max_edge_error_m: float
    geometry: Polygon | MultiPolygon = field(repr=False, compare=False)
    encloses_north_pole: bool
    encloses_south_pole: bool
    crosses_antimeridian: bool
    site: str = ""
    n_vertices: int = 0
    loops: tuple[tuple[Any, Any], ...] = field(default=(), repr=False, compare=False)

    def __post_init__(self) -> None:
        # The vertex arrays are shared by every view of the ring (boundary, exports, maps):
        # read-only copies, so that no caller can change the ring by writing into them.
        frozen = []
        for loop in self.loops:
            arrays = tuple(np.array(a, dtype=np.float64) for a in loop)
            for arr in arrays:
                arr.flags.writeable = False
            frozen.append(arrays)
        object.__setattr__(self, "loops", tuple(frozen))

    @property
    def boundary(self) -> MultiLineString:
        """The circle(s) (and a fan's radials) as lines split at +-180, for drawing."""
        return _merge_lines([_closed_line(lp) for lp in self.loops])

    @property
    def kind(self) -> str:
        """``"ring"``, ``"band"`` or ``"fan"``."""
        if self.bearing_from_deg is not None:
            return "fan"
        return "band" if self.min_range_km > 0 else "ring"

    def contains(self, lon: Any, lat: Any = None) -> Any:
        """Exact geodesic test: ``min_range_km <= distance <= range_km`` (and inside the sector).

        Vectorized; returns a bool (scalar input) or a bool array (a Series on the index of
        pandas input). Independent of the vertices. With ``lat`` omitted, ``lon`` may be point
        objects (shapely Points, a GeoSeries with a CRS, ``__geo_interface__``).

        Examples
        --------
        >>> import launchgeo
        >>> ring = launchgeo.range_ring((0.0, 0.0), 111.32)
        >>> ring.contains([0.0, 1.0, 1.001], [0.0, 0.0, 0.0]).tolist()
        [True, True, False]
        """
        given = adapt_points(lon, lat)
        lon_a, lat_a = v.lon_lat(given.lon, given.lat)
        scalar = lon_a.ndim == 0 and lat_a.ndim == 0
        lon_b, lat_b = np.broadcast_arrays(lon_a, lat_a)
        shape = lon_b.shape
        flat_lon = np.ascontiguousarray(lon_b, dtype=np.float64).ravel()
        flat_lat = np.ascontiguousarray(lat_b, dtype=np.float64).ravel()
        n = flat_lon.size
        az, _, dist = WGS84.inv(
            np.full(n, self.center_lon), np.full(n, self.center_lat), flat_lon, flat_lat
        )
        d_km = np.asarray(dist) / 1000.0
        inside = (d_km <= self.range_km) & (d_km >= self.min_range_km)
        if self.bearing_from_deg is not None and self.bearing_to_deg is not None:
            width = (self.bearing_to_deg - self.bearing_from_deg) % 360.0
            rel = (np.asarray(az) - self.bearing_from_deg) % 360.0
            inside &= (rel <= width) | (d_km == 0)
        out = inside.reshape(shape)
        return bool(out) if scalar else given.wrap(out, "contains")

    @property
    def area_km2(self) -> float:
        """Geodesic area in km^2, correct also for rings larger than a hemisphere."""
        if self.bearing_from_deg is None:
            return _disk_area_km2(self.center_lon, self.center_lat, self.range_km) - _disk_area_km2(
                self.center_lon, self.center_lat, self.min_range_km
            )
        lon, lat = _fan_loop(self, dense=True)
        return loop_area_km2(lon, lat)

    @property
    def __geo_interface__(self) -> dict[str, Any]:
        """GeoJSON Feature (RFC 7946: lon/lat, split at +-180, counter-clockwise)."""
        return {
            "type": "Feature",
            "geometry": mapping(self.geometry),
            "properties": self.properties(),
        }

    def to_crs(self, crs: Any) -> gpd.GeoDataFrame:
        """The ring in another CRS, rebuilt from its circle: safe for rings around a pole.

        Re-projecting :attr:`geometry` vertex by vertex (``GeoSeries.to_crs``, ``ogr2ogr``)
        breaks a ring that encloses a pole or crosses +-180: the edges added where it was split
        at the date line and closed along the pole land elsewhere in the new CRS. This method
        projects the densely sampled circle instead (vertices a few km apart, exactly on it)
        and takes the region it encloses.

        Parameters
        ----------
        crs : pyproj.CRS or anything ``pyproj.CRS.from_user_input`` accepts
            Target CRS, e.g. ``"EPSG:3413"`` (north polar stereographic).

        Returns
        -------
        geopandas.GeoDataFrame
            One row: the ring's attributes (with ``area_km2``) and its polygon in ``crs``.

        Raises
        ------
        ValidationError
            The CRS is unknown, or cannot show the ring as one bounded region (it contains the
            projection's singular point, or crosses its cut).

        Examples
        --------
        >>> import launchgeo
        >>> icbm = launchgeo.range_ring("Sunan", 13_000)
        >>> polar = icbm.to_crs("EPSG:3413")
        >>> polar.geometry[0].is_valid, polar.crs.to_epsg()
        (True, 3413)
        >>> round(float(icbm.to_crs("EPSG:6931").area[0]) / 1e12, 1)  # equal-area: million km2
        370.5
        """
        import geopandas as gpd  # lazy: keep `import launchgeo` light

        from launchgeo.geodesy._projected import ring_in_crs

        geom = ring_in_crs(self, crs)
        row = {**self.properties(), "area_km2": self.area_km2}
        return gpd.GeoDataFrame([row], geometry=[geom], crs=crs)

    def explore(self, *, zones: Any = None, land: Any = None, title: str | None = None) -> Any:
        """An interactive map of this ring that works offline (HTML with Leaflet inlined).

        Returns a :class:`~launchgeo.maps.web.WebMap`: shown in a notebook, ``.save(path)``
        writes the HTML file. ``zones`` and ``land`` as for :func:`launchgeo.maps.web.web_map`
        (None: embedded data, False: none).

        Examples
        --------
        >>> import launchgeo
        >>> m = launchgeo.range_ring("Sunan", 650).explore(zones=False, land=False)
        >>> m.html.count("<script") >= 2
        True
        """
        # Display hook: the one import of a higher layer (docs/architecture.md).
        from launchgeo.maps.web import web_map

        return web_map(self, zones=zones, land=land, title=title)

    def _repr_html_(self) -> str:
        """Notebook view: :meth:`explore` with the embedded land and zones."""
        return str(self.explore()._repr_html_())

    def properties(self) -> dict[str, Any]:
        """Attributes for export: site, ranges, sector, tolerance and achieved error, flags."""
        return {
            "site": self.site,
            "kind": self.kind,
            "center_lon": self.center_lon,
            "center_lat": self.center_lat,
            "range_km": self.range_km,
            "min_range_km": self.min_range_km,
            "bearing_from_deg": self.bearing_from_deg,
            "bearing_to_deg": self.bearing_to_deg,
            "tolerance_m": self.tolerance_m,
            "max_edge_error_m": self.max_edge_error_m,
            "encloses_north_pole": self.encloses_north_pole,
            "encloses_south_pole": self.encloses_south_pole,
            "crosses_antimeridian": self.crosses_antimeridian,
        }


def _pole_distances_km(lon0: float, lat0: float) -> tuple[float, float]:
    _, _, d = WGS84.inv([lon0, lon0], [lat0, lat0], [lon0, lon0], [90.0, -90.0])
    return float(d[0]) / 1000.0, float(d[1]) / 1000.0


def _disk_area_km2(lon0: float, lat0: float, range_km: float) -> float:
    if range_km <= 0:
        return 0.0
    if range_km >= HALF_MERIDIAN_KM:
        return EARTH_AREA_KM2
    arc = circle_arc(lon0, lat0, range_km * 1000.0, np.inf)
    az = np.sort(
        np.concatenate([arc.azimuth_deg, np.linspace(0.0, 360.0, _AREA_SAMPLES, endpoint=False)])
    )
    lon, lat, _ = WGS84.fwd(
        np.full(az.size, lon0), np.full(az.size, lat0), az, np.full(az.size, range_km * 1e3)
    )
    lon = np.asarray(lon)
    lat = np.asarray(lat)
    if range_km * 1000.0 > 19_900_000.0:
        _, _, d = WGS84.inv(np.full(az.size, lon0), np.full(az.size, lat0), lon, lat)
        keep = np.asarray(d) >= range_km * 1000.0 - 1e-4
        lon, lat = lon[keep], lat[keep]
    return loop_area_km2(lon, lat)


def _check_tolerance(tolerance_m: Any) -> float:
    return v.tolerance_m(tolerance_m)


def _check_range(range_km: Any, name: str = "range_km") -> float:
    value = v.scalar_range_km(range_km, name)
    if value > HALF_MERIDIAN_KM + 1e-6:
        raise RangeError(
            f"{name}={value!r} km is beyond the farthest point of the Earth "
            f"({HALF_MERIDIAN_KM:.3f} km on WGS84, the antipode)"
        )
    return value


def _disk(
    lon0: float, lat0: float, range_km: float, tolerance_m: float
) -> tuple[Polygon | MultiPolygon, Any, float, int]:
    """Geometry, boundary loop (lon, lat), edge error and vertex count of a full disk."""
    if range_km >= HALF_MERIDIAN_KM:
        return GLOBE, None, 0.0, 0
    if range_km < POINT_RANGE_KM:  # a point: no polygon (doubles cannot draw a smaller circle)
        return Polygon(), None, 0.0, 0
    arc = circle_arc(lon0, lat0, range_km * 1000.0, tolerance_m)
    d_north, d_south = _pole_distances_km(lon0, lat0)
    geom = loop_polygon(
        arc.lon, arc.lat, north_inside=d_north <= range_km, south_inside=d_south <= range_km
    )
    return geom, (arc.lon, arc.lat), arc.max_error_m, int(arc.lon.size)


def _closed_line(loop: Any) -> LineString | MultiLineString:
    lon, lat = loop
    return line_geometry(np.append(lon, lon[0]), np.append(lat, lat[0]))


def _crosses(geom: Polygon | MultiPolygon) -> bool:
    if geom.is_empty:
        return False
    minx, _, maxx, _ = geom.bounds
    return bool(minx <= -180.0 or maxx >= 180.0)


def range_ring(
    center: Any,
    range_km: float,
    *,
    tolerance_m: float = DEFAULT_TOLERANCE_M,
    units: Units | str = Units.KM,
) -> RangeRing:
    """The geodesic disk of radius ``range_km`` around ``center``.

    Parameters
    ----------
    center : LaunchSite, str, (lon, lat) or a point
        A catalogue site, a site name, coordinates as text (``"39°13'N 125°40'E"``, MGRS), a
        (lon, lat) pair in degrees, or a point object (shapely Point, one-row GeoSeries).
    range_km : float
        Radius in km (or in ``units``), from 0 to the antipodal distance (20,003.9 km); a range
        that reaches the farthest point of the Earth covers the globe.
    tolerance_m : float, keyword-only
        Maximum distance between the polygon's straight lon/lat edges and the true circle.
    units : {"km", "nmi", "mi"}, keyword-only
        Units of ``range_km``; the ring reports its range and area in km whatever they are.

    Returns
    -------
    RangeRing

    Raises
    ------
    RangeError
        Negative, non-finite or beyond-antipode range; tolerance <= 0.
    CoordinateError
        Invalid centre coordinates.

    Examples
    --------
    >>> ring = range_ring((125.67, 39.22389), 650)
    >>> ring.encloses_north_pole, ring.crosses_antimeridian
    (False, False)
    >>> round(ring.area_km2)
    1326172
    >>> range_ring("Sunan", 200, units="nmi").range_km
    370.4
    """
    lon0, lat0, name = resolve_center(center)
    r_km = _check_range(to_km(range_km, units, "range_km"))
    tol = _check_tolerance(tolerance_m)
    geom, loop, err, nv = _disk(lon0, lat0, r_km, tol)
    d_north, d_south = _pole_distances_km(lon0, lat0)
    return RangeRing(
        center_lon=lon0,
        center_lat=lat0,
        range_km=r_km,
        min_range_km=0.0,
        bearing_from_deg=None,
        bearing_to_deg=None,
        tolerance_m=tol,
        max_edge_error_m=err,
        geometry=geom,
        encloses_north_pole=d_north <= r_km,
        encloses_south_pole=d_south <= r_km,
        crosses_antimeridian=_crosses(geom),
        site=name,
        n_vertices=nv,
        loops=(loop,) if loop is not None else (),
    )


def range_band(
    center: Any,
    min_km: float,
    max_km: float,
    *,
    tolerance_m: float = DEFAULT_TOLERANCE_M,
    units: Units | str = Units.KM,
) -> RangeRing:
    """The band (annulus) of points between ``min_km`` and ``max_km`` from ``center``.

    Examples
    --------
    >>> band = range_band("Sunan", 350, 650)
    >>> band.kind, band.contains(131.0, 39.2)
    ('band', True)
    """
    lon0, lat0, name = resolve_center(center)
    lo = _check_range(to_km(min_km, units, "min_km"), "min_km")
    hi = _check_range(to_km(max_km, units, "max_km"), "max_km")
    if lo >= hi:
        raise RangeError(f"min_km must be smaller than max_km, got min_km={lo!r}, max_km={hi!r}")
    tol = _check_tolerance(tolerance_m)
    outer, outer_loop, err_o, nv_o = _disk(lon0, lat0, hi, tol)
    inner, inner_loop, err_i, nv_i = _disk(lon0, lat0, lo, tol)
    geom = as_polygonal(shapely.difference(outer, inner)) if not inner.is_empty else outer
    d_north, d_south = _pole_distances_km(lon0, lat0)
    return RangeRing(
        center_lon=lon0,
        center_lat=lat0,
        range_km=hi,
        min_range_km=lo,
        bearing_from_deg=None,
        bearing_to_deg=None,
        tolerance_m=tol,
        max_edge_error_m=max(err_o, err_i),
        geometry=geom,
        encloses_north_pole=lo <= d_north <= hi,
        encloses_south_pole=lo <= d_south <= hi,
        crosses_antimeridian=_crosses(geom),
        site=name,
        n_vertices=nv_o + nv_i,
        loops=tuple(lp for lp in (outer_loop, inner_loop) if lp is not None),
    )


def _merge_lines(lines: list[LineString | MultiLineString]) -> MultiLineString:
    parts: list[LineString] = []
    for line in lines:
        parts.extend(line.geoms if isinstance(line, MultiLineString) else [line])
    return MultiLineString(parts)


def _fan_loop(fan: RangeRing, *, dense: bool = False) -> tuple[Any, Any]:
    """Closed loop of a fan (region on the right), densified to the fan's tolerance."""
    lon, lat, _ = _fan_parts(
        fan.center_lon,
        fan.center_lat,
        fan.range_km,
        fan.min_range_km,
        fan.bearing_from_deg or 0.0,
        fan.bearing_to_deg or 0.0,
        1.0 if dense else fan.tolerance_m,
    )
    return lon, lat


def _fan_parts(
    lon0: float, lat0: float, r_km: float, min_km: float, az_from: float, az_to: float, tol: float
) -> tuple[Any, Any, float]:
    try:
        outer = circle_arc(lon0, lat0, r_km * 1e3, tol, az_from=az_from, az_to=az_to)
    except BeyondCutLocus:
        raise RangeError(
            f"no geodesic at bearings {az_from:g}-{az_to:g} deg from ({lon0:.4f}, {lat0:.4f}) "
            f"stays shortest over {r_km:,.3f} km (geodesics stop being shortest near the "
            "antipode): the fan would be empty"
        ) from None
    out = geodesic_path(lon0, lat0, az_from, min_km * 1e3, r_km * 1e3, tol)
    back = geodesic_path(lon0, lat0, az_to, r_km * 1e3, min_km * 1e3, tol)
    out_lon, out_lat, e1 = out.lon, out.lat, out.max_error_m
    back_lon, back_lat, e2 = back.lon, back.lat, back.max_error_m
    parts_lon = [out_lon[:-1], outer.lon, back_lon[1:]]
    parts_lat = [out_lat[:-1], outer.lat, back_lat[1:]]
    err = max(outer.max_error_m, e1, e2)
    if min_km > 0:
        inner = circle_arc(lon0, lat0, min_km * 1e3, tol, az_from=az_from, az_to=az_to)
        parts_lon.append(inner.lon[::-1][1:-1])
        parts_lat.append(inner.lat[::-1][1:-1])
        err = max(err, inner.max_error_m)
    else:
        parts_lon[-1] = parts_lon[-1][:-1]  # the centre is the first vertex already
        parts_lat[-1] = parts_lat[-1][:-1]
    return np.concatenate(parts_lon), np.concatenate(parts_lat), err


def range_fan(
    center: Any,
    range_km: float,
    *,
    bearing_from_deg: float,
    bearing_to_deg: float,
    min_range_km: float = 0.0,
    tolerance_m: float = DEFAULT_TOLERANCE_M,
    units: Units | str = Units.KM,
) -> RangeRing:
    """A sector of a ring: bearings swept clockwise from ``bearing_from_deg`` to ``bearing_to_deg``.

    Radials are geodesics from the centre, densified like the arcs.

    Examples
    --------
    >>> fan = range_fan("Sunan", 1000, bearing_from_deg=45, bearing_to_deg=135)
    >>> fan.contains([130.0, 125.67], [39.0, 45.0]).tolist()
    [True, False]
    """
    lon0, lat0, name = resolve_center(center)
    r_km = _check_range(to_km(range_km, units, "range_km"))
    lo = _check_range(to_km(min_range_km, units, "min_range_km"), "min_range_km")
    if lo >= r_km:
        raise RangeError(f"min_range_km must be smaller than range_km, got {lo!r} >= {r_km!r}")
    tol = _check_tolerance(tolerance_m)
    a0 = float(v.azimuths_deg(v.scalar(bearing_from_deg, "bearing_from_deg"), "bearing_from_deg"))
    a1 = float(v.azimuths_deg(v.scalar(bearing_to_deg, "bearing_to_deg"), "bearing_to_deg"))
    width = (a1 - a0) % 360.0
    if width == 0.0:
        raise ValidationError(
            f"bearing_from_deg and bearing_to_deg must differ on the compass (got "
            f"bearing_from_deg={bearing_from_deg!r}, bearing_to_deg={bearing_to_deg!r}, both "
            f"{a0!r}); use range_ring or range_band for a full circle"
        )
    lon, lat, err = _fan_parts(lon0, lat0, r_km, lo, a0, a1, tol)
    d_north, d_south = _pole_distances_km(lon0, lat0)
    north = lo <= d_north <= r_km and (0.0 - a0) % 360.0 <= width
    south = lo <= d_south <= r_km and (180.0 - a0) % 360.0 <= width
    geom = loop_polygon(lon, lat, north_inside=north, south_inside=south)
    return RangeRing(
        center_lon=lon0,
        center_lat=lat0,
        range_km=r_km,
        min_range_km=lo,
        bearing_from_deg=a0,
        bearing_to_deg=a1,
        tolerance_m=tol,
        max_edge_error_m=err,
        geometry=geom,
        encloses_north_pole=north,
        encloses_south_pole=south,
        crosses_antimeridian=_crosses(geom),
        site=name,
        n_vertices=int(lon.size),
        loops=((lon, lat),),
    )


def radials(
    center: Any,
    range_km: float,
    bearings_deg: Any = None,
    *,
    min_range_km: float = 0.0,
    tolerance_m: float = DEFAULT_TOLERANCE_M,
    units: Units | str = Units.KM,
) -> gpd.GeoDataFrame:
    """Geodesic radial lines from ``center``, one row per bearing (default every 30 degrees).

    Examples
    --------
    >>> gdf = radials("Sunan", 13_000, [0, 90])
    >>> gdf["bearing_deg"].tolist(), gdf.geometry.iloc[0].geom_type
    ([0.0, 90.0], 'MultiLineString')
    """
    import geopandas as gpd  # lazy: keep `import launchgeo` light

    lon0, lat0, name = resolve_center(center)
    r_km = _check_range(to_km(range_km, units, "range_km"))
    lo = _check_range(to_km(min_range_km, units, "min_range_km"), "min_range_km")
    if lo > r_km:
        raise RangeError(
            f"min_range_km={min_range_km!r} must not exceed range_km={range_km!r}: the radials "
            "run from min_range_km out to range_km"
        )
    tol = _check_tolerance(tolerance_m)
    if bearings_deg is None:
        bearings_deg = np.arange(0.0, 360.0, 30.0)
    bearings = np.atleast_1d(v.azimuths_deg(bearings_deg, "bearings_deg"))
    if bearings.ndim != 1:
        raise ValidationError(
            f"bearings_deg must be a number or a flat list of numbers, got {bearings_deg!r}"
        )
    if bearings.size > MAX_RADIALS:
        raise ValidationError(
            f"bearings_deg holds {bearings.size:,} bearings; at most {MAX_RADIALS:,} radials are "
            "drawn at once"
        )
    geoms = []
    errors = []
    for az in bearings:
        path = geodesic_path(lon0, lat0, float(az), lo * 1e3, r_km * 1e3, tol)
        geoms.append(line_geometry(path.lon, path.lat))
        errors.append(path.max_error_m)
    return gpd.GeoDataFrame(
        {
            "site": name,
            "bearing_deg": bearings.astype(float),
            "min_range_km": lo,
            "range_km": r_km,
            "max_edge_error_m": errors,
        },
        geometry=geoms,
        crs="EPSG:4326",
    )


def range_rings(
    center: Any,
    ranges_km: Any,
    *,
    tolerance_m: float = DEFAULT_TOLERANCE_M,
    units: Units | str = Units.KM,
) -> gpd.GeoDataFrame:
    """Rings at several ranges as a GeoDataFrame (one row per ring, CRS EPSG:4326).

    ``ranges_km`` is a list (or array) of ranges in km, or in ``units`` (``"nmi"``, ``"mi"``);
    the ``range_km`` column is in km.

    Examples
    --------
    >>> gdf = range_rings("Sunan", [350, 650])
    >>> gdf[["range_km", "encloses_north_pole"]].to_dict("list")
    {'range_km': [350.0, 650.0], 'encloses_north_pole': [False, False]}
    >>> range_rings("Sunan", [100, 200], units="nmi")["range_km"].tolist()
    [185.2, 370.4]
    """
    import geopandas as gpd  # lazy: keep `import launchgeo` light

    values = np.atleast_1d(v.as_float_array(to_km(ranges_km, units, "ranges_km"), "ranges_km"))
    if values.ndim != 1 or values.size == 0:
        raise ValidationError(f"ranges_km must be a non-empty list of ranges, got {ranges_km!r}")
    rings = [range_ring(center, float(r), tolerance_m=tolerance_m) for r in values]
    rows = [{**ring.properties(), "area_km2": ring.area_km2} for ring in rings]
    return gpd.GeoDataFrame(rows, geometry=[r.geometry for r in rings], crs="EPSG:4326")
