"""Densified geodesic circles and radials, and lon/lat polygons from closed loops (private).

A *loop* is a closed sequence of (lon, lat) vertices on the ellipsoid, traversed with the region
on its right (clockwise as seen from above, the order of increasing azimuth around a centre).
Straight edges between vertices are straight in (lon, lat), as GeoJSON consumers draw them; the
densification inserts vertices until no point of such an edge lies farther than the tolerance
from the curve it stands for.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import shapely
from shapely.geometry import MultiPolygon, Polygon

from launchgeo.geodesy._antimeridian import GLOBE, as_polygonal, fold_polygon, unwrap_lon
from launchgeo.geodesy.core import WGS84, _chord_m

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

# Fractions along an edge where its distance from the curve is sampled.
_PROBE_T = np.array([0.25, 0.5, 0.75])
_MID_T = np.array([0.5])
# Azimuth samples that start a ring near the antipode (enough to find the cut-locus gaps).
_ANTIPODE_SAMPLES = 256
_MEAN_RADIUS_M = 6_371_008.8
_A = float(WGS84.a)
_E2 = float(WGS84.es)
# Geodesics from a point stay minimizing at least this far (the cut locus is beyond it).
_CUT_LOCUS_SAFE_M = 19_900_000.0
# A phase offset keeps azimuth samples off the exact directions of the poles (0 and 180 deg).
_PHASE_DEG = 0.0123456789
_MAX_VERTICES = 2_000_000


def _earth_area_km2() -> float:
    e = np.sqrt(WGS84.es)
    b = WGS84.b
    return float(2 * np.pi * WGS84.a**2 + np.pi * b**2 / e * np.log((1 + e) / (1 - e))) / 1e6


#: Area of the WGS84 ellipsoid in km^2 (closed form).
EARTH_AREA_KM2: float = _earth_area_km2()


def _fwd(
    lon0: float, lat0: float, az: FloatArray, dist_m: FloatArray | float
) -> tuple[FloatArray, FloatArray]:
    n = az.size
    d = np.broadcast_to(np.asarray(dist_m, dtype=np.float64), (n,))
    lon, lat, _ = WGS84.fwd(np.full(n, lon0), np.full(n, lat0), az, np.ascontiguousarray(d))
    return np.asarray(lon, dtype=np.float64), np.asarray(lat, dtype=np.float64)


def _dist_m(lon0: float, lat0: float, lon: FloatArray, lat: FloatArray) -> FloatArray:
    n = lon.size
    _, _, d = WGS84.inv(np.full(n, lon0), np.full(n, lat0), lon, lat)
    return np.asarray(d, dtype=np.float64)


def _chord_points(
    lon: FloatArray, lat: FloatArray, closed: bool, t: FloatArray
) -> tuple[FloatArray, FloatArray]:
    """Points at fractions ``t`` along each straight (lon, lat) edge; shape (n_edges, len(t))."""
    lon1 = np.roll(lon, -1) if closed else lon[1:]
    lat1 = np.roll(lat, -1) if closed else lat[1:]
    lon0 = lon if closed else lon[:-1]
    lat0 = lat if closed else lat[:-1]
    dlon = (lon1 - lon0 + 180.0) % 360.0 - 180.0
    plon = lon0[:, None] + t[None, :] * dlon[:, None]
    plat = lat0[:, None] + t[None, :] * (lat1 - lat0)[:, None]
    return plon, plat


@dataclass(frozen=True)
class Arc:
    """Densified vertices of a geodesic-circle arc and the achieved edge error."""

    azimuth_deg: FloatArray
    lon: FloatArray
    lat: FloatArray
    max_error_m: float


def circle_arc(
    lon0: float,
    lat0: float,
    range_m: float,
    tolerance_m: float,
    *,
    az_from: float | None = None,
    az_to: float | None = None,
) -> Arc:
    """Vertices of the geodesic circle of radius ``range_m`` around (lon0, lat0).

    With ``az_from``/``az_to`` (degrees, clockwise sweep from ``az_from`` to ``az_to``) an open
    arc including both end points; otherwise the full closed circle (first vertex not repeated).
    Vertices past the cut locus (ranges within ~100 km of the antipode) are dropped, the gaps
    located by bisection, so every vertex is at exactly ``range_m`` from the centre.

    Densification: the first vertices are spaced for the tolerance on a sphere; then every
    edge's error is found from the circle's point at the edge's middle azimuth (one pyproj
    forward call, and that point becomes the new vertex if the edge is split; see
    :func:`_estimate_edge_error`), and edges over 0.9 ``tolerance_m`` are split. The error
    so found agrees with pyproj's inverse at seven points along each edge to a few
    centimetres (``tests/test_rings.py`` checks it anywhere on Earth), at a third of the cost
    of measuring it that way.
    """
    closed = az_from is None
    if closed:
        span = 360.0
        start = _PHASE_DEG
    else:
        start = float(az_from) % 360.0  # type: ignore[arg-type]
        span = (float(az_to) - start) % 360.0 or 360.0  # type: ignore[arg-type]
    near_antipode = range_m > _CUT_LOCUS_SAFE_M
    n0 = _initial_count(range_m, tolerance_m, span)
    if near_antipode:
        n0 = max(n0, _ANTIPODE_SAMPLES)
    rel = np.linspace(0.0, span, n0, endpoint=not closed)
    lon, lat = _fwd(lon0, lat0, start + rel, range_m)
    gap = np.zeros(rel.size, dtype=bool)  # gap[i]: edge i -> i+1 spans unreachable azimuths
    if near_antipode:
        rel, lon, lat, gap = _drop_cut_locus(lon0, lat0, range_m, start, rel, lon, lat, closed)
    if not np.isfinite(tolerance_m):  # vertices only (the area integral's azimuths)
        return Arc(np.mod(start + rel, 360.0), lon, lat, math.inf)
    tol = tolerance_m * 0.9
    kappa = _circle_curvature(range_m)
    # err[i]: error of the edge from vertex i to i + 1 (estimated, then measured); an open
    # arc's last vertex starts no edge.
    err = np.full(rel.size, np.nan)
    if not closed:
        err[-1] = 0.0
    for _ in range(200):
        todo = np.flatnonzero(np.isnan(err) & ~gap)
        if not todo.size:
            break
        nxt = np.where(todo + 1 < rel.size, rel[(todo + 1) % rel.size], span)
        mid_rel = 0.5 * (rel[todo] + nxt)
        mlon, mlat, mbaz = _fwd_back(lon0, lat0, start + mid_rel, range_m)
        j = (todo + 1) % rel.size
        est = _estimate_edge_error(lon[todo], lat[todo], lon[j], lat[j], mlon, mlat, mbaz, kappa)
        err[todo] = est
        split = est > tol
        if not split.any():
            continue
        idx, new_rel = todo[split], mid_rel[split]
        new_lon, new_lat = mlon[split], mlat[split]
        new_gap = np.zeros(new_rel.size, dtype=bool)
        if near_antipode:
            ok = _dist_m(lon0, lat0, new_lon, new_lat) >= range_m - 1e-4
            gap[idx[~ok]] = True
            new_rel, new_lon, new_lat, idx = new_rel[ok], new_lon[ok], new_lat[ok], idx[ok]
            new_gap = new_gap[ok]
        err[idx] = np.nan  # both halves of a split edge are estimated again
        order = np.argsort(np.concatenate([rel, new_rel]), kind="stable")
        rel = np.concatenate([rel, new_rel])[order]
        lon = np.concatenate([lon, new_lon])[order]
        lat = np.concatenate([lat, new_lat])[order]
        gap = np.concatenate([gap, new_gap])[order]
        err = np.concatenate([err, np.full(new_rel.size, np.nan)])[order]
        if rel.size > _MAX_VERTICES:
            raise RuntimeError("circle densification did not converge")  # pragma: no cover
    err = err[~gap]
    return Arc(np.mod(start + rel, 360.0), lon, lat, float(np.nanmax(err)) if err.size else 0.0)


def _initial_count(range_m: float, tolerance_m: float, span_deg: float) -> int:
    """Vertices that would meet the tolerance for chords of a circle on a sphere."""
    if not np.isfinite(tolerance_m):
        return 64 if range_m < 5e6 else 256
    radius = _MEAN_RADIUS_M * abs(math.sin(range_m / _MEAN_RADIUS_M))  # the circle's own radius
    ratio = min(0.9 * tolerance_m / max(radius, 1e-9), 1.0)
    step = 2.0 * math.acos(1.0 - ratio)  # angle (rad) of a chord whose sag is the tolerance
    return int(min(max(8, math.ceil(math.radians(span_deg) / step) + 1), 1 << 16))


def _circle_curvature(range_m: float) -> float:
    """Geodesic curvature (1/m) of a circle of this radius on a sphere, with a margin."""
    sigma = min(max(range_m / _MEAN_RADIUS_M, 1e-9), math.pi - 1e-9)
    return (abs(math.cos(sigma)) / math.sin(sigma) + 1.0) / _MEAN_RADIUS_M


def _fwd_back(
    lon0: float, lat0: float, az: FloatArray, dist_m: float
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """End points and back azimuths (at the end point, toward the centre) of geodesics."""
    n = az.size
    lon, lat, back = WGS84.fwd(np.full(n, lon0), np.full(n, lat0), az, np.full(n, dist_m))
    return (
        np.asarray(lon, dtype=np.float64),
        np.asarray(lat, dtype=np.float64),
        np.asarray(back, dtype=np.float64),
    )


def _estimate_edge_error(
    lon_a: FloatArray,
    lat_a: FloatArray,
    lon_b: FloatArray,
    lat_b: FloatArray,
    mlon: FloatArray,
    mlat: FloatArray,
    mbaz: FloatArray,
    kappa: float,
) -> FloatArray:
    """Distance from the circle of the middle of straight (lon, lat) edges, estimated.

    ``(mlon, mlat)`` is the circle's point at the edge's middle azimuth and ``mbaz`` the
    geodesic's back azimuth there (the radial direction). The estimate is the radial part of
    the displacement from that point to the edge's middle (in the local metric) plus the
    change of distance that the tangential part causes on a circle of curvature ``kappa``.
    Within ~5 displacements of a pole, where the local metric of (lon, lat) breaks down, it
    is the whole (straight-line) displacement.
    """
    dlon = (lon_b - lon_a + 180.0) % 360.0 - 180.0
    plon = lon_a + 0.5 * dlon
    plat = 0.5 * (lat_a + lat_b)
    phi = np.radians(mlat)
    sphi = np.sin(phi)
    w = np.sqrt(1.0 - _E2 * sphi * sphi)
    east = np.radians((plon - mlon + 180.0) % 360.0 - 180.0) * (_A / w) * np.cos(phi)
    north = np.radians(plat - mlat) * (_A * (1.0 - _E2) / (w * w * w))
    theta = np.radians(mbaz)
    radial = np.abs(east * np.sin(theta) + north * np.cos(theta))
    tangential2 = east * east + north * north - radial * radial
    est = radial + 0.5 * kappa * np.maximum(tangential2, 0.0)
    whole = _chord_m(plon, plat, mlon, mlat)
    near_pole = np.radians(90.0 - np.abs(mlat)) * _A < 5.0 * whole
    return np.asarray(np.where(near_pole, np.maximum(whole, est), est), dtype=np.float64)


def _edge_errors(
    lon0: float,
    lat0: float,
    range_m: float,
    lon: FloatArray,
    lat: FloatArray,
    closed: bool,
    edges: npt.NDArray[np.intp],
    probes: FloatArray | None = None,
) -> FloatArray:
    """Largest |distance - range| at fractions ``probes`` along the given straight edges."""
    t = _PROBE_T if probes is None else probes
    nxt = (edges + 1) % lon.size
    sub_lon = np.stack([lon[edges], lon[nxt]], axis=1)
    sub_lat = np.stack([lat[edges], lat[nxt]], axis=1)
    dlon = (sub_lon[:, 1] - sub_lon[:, 0] + 180.0) % 360.0 - 180.0
    plon = sub_lon[:, :1] + t[None, :] * dlon[:, None]
    plat = sub_lat[:, :1] + t[None, :] * (sub_lat[:, 1] - sub_lat[:, 0])[:, None]
    d = _dist_m(lon0, lat0, plon.ravel(), plat.ravel()).reshape(plon.shape)
    return np.asarray(np.abs(d - range_m).max(axis=1), dtype=np.float64)


class BeyondCutLocus(RuntimeError):
    """No geodesic of the arc's azimuths is shortest over the whole range (near the antipode)."""


def _drop_cut_locus(
    lon0: float,
    lat0: float,
    range_m: float,
    start: float,
    rel: FloatArray,
    lon: FloatArray,
    lat: FloatArray,
    closed: bool,
) -> tuple[FloatArray, FloatArray, FloatArray, BoolArray]:
    """Remove azimuths whose geodesic stops being shortest before ``range_m``; bisect the gaps."""
    ok = _dist_m(lon0, lat0, lon, lat) >= range_m - 1e-4
    if ok.all():
        return rel, lon, lat, np.zeros(rel.size, dtype=bool)
    if not ok.any():
        raise BeyondCutLocus("no azimuth reaches this range")
    n = rel.size
    keep_rel: list[float] = []
    gap_after: list[bool] = []
    for i in range(n):
        if not ok[i]:
            continue
        keep_rel.append(rel[i])
        j = i + 1
        if j >= n and not closed:
            gap_after.append(False)
            continue
        if ok[j % n]:
            gap_after.append(False)
            continue
        # Bisect the left edge of the gap between rel[i] (ok) and rel[j] (not ok).
        lo_az, hi_az = rel[i], rel[j % n] + (360.0 if j >= n else 0.0)
        left = _bisect_reach(lon0, lat0, range_m, start, lo_az, hi_az)
        # Find the end of the gap and bisect its right edge.
        k = j
        while not ok[k % n]:
            k += 1
        lo2 = rel[(k - 1) % n] + (360.0 if k - 1 >= n else 0.0)
        hi2 = rel[k % n] + (360.0 if k >= n else 0.0)
        right = _bisect_reach(lon0, lat0, range_m, start, hi2, lo2)
        keep_rel.append(left)
        gap_after.append(False)
        gap_after.append(True)
        keep_rel.append(right % 360.0 if closed else right)
        gap_after.append(False)
    new_rel = np.asarray(keep_rel)
    gaps = np.asarray(gap_after[: new_rel.size], dtype=bool)
    if closed:
        new_rel = np.mod(new_rel, 360.0)
    order = np.argsort(new_rel, kind="stable")
    # Keep gap flags attached to the vertex that starts the gap edge.
    new_rel = new_rel[order]
    gaps = gaps[order]
    new_lon, new_lat = _fwd(lon0, lat0, start + new_rel, range_m)
    return new_rel, new_lon, new_lat, gaps


def _bisect_reach(
    lon0: float, lat0: float, range_m: float, start: float, good: float, bad: float
) -> float:
    """Azimuth offset on the gap boundary between ``good`` (minimizing at range) and ``bad``."""
    for _ in range(50):
        mid = 0.5 * (good + bad)
        lon, lat = _fwd(lon0, lat0, np.array([start + mid]), range_m)
        if _dist_m(lon0, lat0, lon, lat)[0] >= range_m - 1e-4:
            good = mid
        else:
            bad = mid
    return good


@dataclass(frozen=True)
class GeodesicPath:
    """Densified vertices along one geodesic, their distances from the start, and edge error."""

    lon: FloatArray
    lat: FloatArray
    distance_m: FloatArray
    max_error_m: float


def geodesic_path(
    lon0: float, lat0: float, azimuth: float, s_from_m: float, s_to_m: float, tolerance_m: float
) -> GeodesicPath:
    """Densified vertices along a geodesic from distance ``s_from_m`` to ``s_to_m``.

    An edge is halved while the distance between its (lon, lat) midpoint and the geodesic point
    at the mid distance (an upper bound on its distance from the geodesic) exceeds 0.9 times
    ``tolerance_m``; edges shorter than 1 mm are not split further.
    """
    s = np.linspace(s_from_m, s_to_m, 9)
    lon, lat = _fwd(lon0, lat0, np.full(s.size, azimuth), s)
    tol = 0.9 * tolerance_m
    err = np.zeros(0)
    for _ in range(60):
        plon, plat = _chord_points(lon, lat, False, np.array([0.5]))
        mid_s = 0.5 * (s[:-1] + s[1:])
        glon, glat = _fwd(lon0, lat0, np.full(mid_s.size, azimuth), mid_s)
        err = np.asarray(WGS84.inv(plon.ravel(), plat.ravel(), glon, glat)[2])
        bad = (err > tol) & (np.abs(np.diff(s)) > 1e-3)
        if not bad.any():
            break
        new_s = mid_s[bad]
        nlon, nlat = _fwd(lon0, lat0, np.full(new_s.size, azimuth), new_s)
        order = np.argsort(
            np.concatenate([s, new_s]) * np.sign(s_to_m - s_from_m or 1.0), kind="stable"
        )
        s = np.concatenate([s, new_s])[order]
        lon = np.concatenate([lon, nlon])[order]
        lat = np.concatenate([lat, nlat])[order]
    return GeodesicPath(lon, lat, s, float(np.max(err)) if err.size else 0.0)


def winding(lon: FloatArray) -> int:
    """Number of times a closed loop winds eastward around the polar axis (-1, 0 or 1)."""
    d = np.diff(np.append(lon, lon[0]))
    total = float(np.sum((d + 180.0) % 360.0 - 180.0))
    return round(total / 360.0)


def loop_polygon(
    lon: FloatArray, lat: FloatArray, *, north_inside: bool, south_inside: bool
) -> Polygon | MultiPolygon:
    """The region on the right of a closed loop, as a valid lon/lat (Multi)Polygon split at +-180.

    ``north_inside``/``south_inside`` come from an exact distance test and decide between the
    region and its complement when the loop does not wind around the polar axis; when it winds
    once, the direction decides (westward: the North Pole is inside; eastward: the South Pole).
    """
    w = winding(lon)
    if w == 0:
        ulon = unwrap_lon(lon)
        inner = None
        if ulon.min() >= -180.0 and ulon.max() <= 180.0:  # within one frame: no fold needed
            # The loop is clockwise (region on its right); reversed, it is RFC 7946's CCW.
            simple = Polygon(np.column_stack([ulon[::-1], lat[::-1]]))
            if simple.is_valid and simple.exterior.is_ccw:
                inner = simple
        if inner is None:
            inner = fold_polygon(shapely.make_valid(Polygon(np.column_stack([ulon, lat]))))
        if north_inside and south_inside:
            return as_polygonal(shapely.difference(GLOBE, inner))
        return inner
    pole = 90.0 if w < 0 else -90.0
    seamed = _polar_cap_at_seam(lon, lat, w, pole)
    if seamed is not None:
        return seamed
    k = int(np.argmax(lat)) if w < 0 else int(np.argmin(lat))
    rlon = np.roll(lon, -k)
    rlat = np.roll(lat, -k)
    ulon = unwrap_lon(rlon)
    end = ulon[0] + 360.0 * w
    xs = np.concatenate([ulon, [end, end, ulon[0]]])
    ys = np.concatenate([rlat, [rlat[0], pole, pole]])
    poly = Polygon(np.column_stack([xs, ys]))
    if not poly.is_valid:
        poly = shapely.make_valid(poly)
    return fold_polygon(poly)


def _polar_cap_at_seam(lon: FloatArray, lat: FloatArray, w: int, pole: float) -> Polygon | None:
    """The region of a loop winding once around the axis, cut open at +-180 (or None).

    The loop is started where it crosses the antimeridian, so its longitudes run from exactly
    -180 to exactly 180 (or back) and the cap closes along the pole: one polygon, no folding,
    and no hairline crack where two folded halves would not quite meet. None when the loop
    crosses the antimeridian more than once or the polygon is not valid (the caller folds).
    """
    ulon = unwrap_lon(lon)
    ulon_next = np.append(ulon[1:], ulon[0] + 360.0 * w)
    band = np.floor((ulon + 180.0) / 360.0)
    band_next = np.floor((ulon_next + 180.0) / 360.0)
    cross = np.flatnonzero(band != band_next)
    if cross.size != 1:
        return None
    i = int(cross[0])
    seam = -180.0 + 360.0 * max(band[i], band_next[i])  # the antimeridian in this frame
    x0, x1 = ulon[i], ulon_next[i]
    y0, y1 = lat[i], lat[(i + 1) % lat.size]
    y_seam = y0 + (seam - x0) / (x1 - x0) * (y1 - y0)
    order = np.roll(np.arange(lon.size), -(i + 1))  # vertices after the crossing, in order
    shift = 360.0 * band_next[i]
    xs = np.unwrap(ulon[order], period=360.0)
    xs += ulon_next[i] - xs[0]  # whole turns: the path starts just after the crossing
    xs = np.clip(xs - shift, -180.0, 180.0)
    first, last = (-180.0, 180.0) if w > 0 else (180.0, -180.0)
    coords = np.concatenate(
        [
            [[first, y_seam]],
            np.column_stack([xs, lat[order]]),
            [[last, y_seam], [last, pole], [first, pole]],
        ]
    )
    poly = Polygon(coords)
    if not poly.is_valid:
        return None
    return poly if poly.exterior.is_ccw else Polygon(coords[::-1])


def loop_area_km2(lon: FloatArray, lat: FloatArray) -> float:
    """Geodesic area of the region on the right of a closed loop (edges are geodesics), in km^2."""
    signed, _ = WGS84.polygon_area_perimeter(lon, lat)
    return float((-signed / 1e6) % EARTH_AREA_KM2)
