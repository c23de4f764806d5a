"""Ground tracks of ballistic flights and the states' land and territorial seas they cross.

A ground track is the WGS84 geodesic from the launch site along the launch bearing (pyproj
``Geod``, GeographicLib inside), densified until every straight lon/lat edge lies within
``tolerance_m`` of the geodesic, split at +-180 and at the poles. When a trajectory is known the
track also carries the time after launch and the altitude of the missile above each vertex.

Over a non-rotating Earth a ballistic flight stays in the plane of launch, so its ground track is
the great circle (here: the geodesic) along the launch bearing. The Earth's rotation bends the
Earth-fixed track by a few km per 1,000 km for IRBM flights; that bend is not modelled.

Examples
--------
>>> import launchgeo
>>> track = ground_track(launchgeo.get_site("Sunan"), 75.0, 2700.0)
>>> round(float(track.distance_km[-1]), 6), track.geometry.geom_type
(2700.0, 'LineString')
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt
from shapely.geometry import LineString, MultiLineString

from launchgeo import _validate as v
from launchgeo.ballistics import _kepler as k
from launchgeo.ballistics.trajectory import BallisticArc
from launchgeo.errors import RangeError, ValidationError
from launchgeo.geodesy._antimeridian import line_geometry
from launchgeo.geodesy._loops import geodesic_path
from launchgeo.geodesy.core import HALF_MERIDIAN_KM, destination
from launchgeo.sites import LaunchSite, resolve_center
from launchgeo.zones._labels import split_label

__all__ = ["GroundTrack", "ZoneClassifier", "ZonePass", "ground_track", "overflights"]

FloatArray = npt.NDArray[np.float64]

#: Most points :func:`overflights` samples along a track (10**7: 80 MB per coordinate array).
MAX_TRACK_SAMPLES = 10_000_000


class ZoneClassifier(Protocol):
    """Anything that labels points with the maritime zone they fall in.

    ``launchgeo.zones.Zones`` satisfies it. Labels are ``"{states}:{kind}"`` (for example
    ``"JPN:land"``, ``"JPN:territorial_sea"``, ``"JPN:eez"``) or a bare kind (``"high_seas"``,
    ``"no_data"``).
    """

    def classify(self, lon: Any, lat: Any) -> npt.NDArray[np.str_]:
        """Return one label per (lon, lat) point."""
        ...


@dataclass(frozen=True, slots=True)
class GroundTrack:
    """A densified geodesic ground track with distances (and, when known, times) along it.

    Attributes
    ----------
    lon, lat : numpy.ndarray
        Vertices in degrees, launch point first, impact point last (lon in [-180, 180)).
    distance_km : numpy.ndarray
        Geodesic distance of each vertex from the launch point along the track.
    time_s : numpy.ndarray or None
        Seconds after launch at each vertex (None when no trajectory was given).
    altitude_km : numpy.ndarray or None
        Altitude of the missile above the sphere at each vertex (None without a trajectory).
    geometry : shapely LineString or MultiLineString
        The track, split at +-180 and at the poles.
    origin_lon, origin_lat, bearing_deg, range_km : float
        Launch point, launch bearing and track length.
    tolerance_m : float
        Largest distance between a straight lon/lat edge and the geodesic it stands for.
    trajectory : BallisticArc or None
        The flight that gave the times.
    """

    lon: FloatArray
    lat: FloatArray
    distance_km: FloatArray
    time_s: FloatArray | None
    altitude_km: FloatArray | None
    geometry: LineString | MultiLineString
    origin_lon: float
    origin_lat: float
    bearing_deg: float
    range_km: float
    tolerance_m: float
    trajectory: BallisticArc | None = None

    def position(self, distance_km: Any) -> tuple[Any, Any]:
        """Exact geodesic (lon, lat) at distances along the track (0 <= distance <= range).

        Examples
        --------
        >>> track = ground_track((0.0, 0.0), 90.0, 1000.0)
        >>> lon, lat = track.position(500.0)
        >>> round(lon, 6), round(lat, 6)
        (4.491576, 0.0)
        """
        d = v.distances_km(distance_km, "distance_km")
        bad = d > self.range_km * (1.0 + 1e-12)
        if bad.any():
            raise ValidationError(
                f"distance_km must be within [0, {self.range_km}] km, got "
                f"{float(d[bad].ravel()[0])!r}"
            )
        lon, lat = _fwd(self.origin_lon, self.origin_lat, self.bearing_deg, d)
        if np.ndim(d) == 0:
            return float(lon), float(lat)
        return lon, lat

    def time_at(self, distance_km: Any) -> Any:
        """Seconds after launch when the missile is above these distances (NaN-free).

        Raises
        ------
        ValidationError
            If the track has no trajectory.

        Examples
        --------
        >>> from launchgeo.ballistics.trajectory import minimum_energy_trajectory
        >>> arc = minimum_energy_trajectory(5.0)
        >>> track = ground_track((0.0, 0.0), 90.0, arc.range_km, trajectory=arc)
        >>> round(track.time_at(arc.range_km) / 60, 2)
        15.57
        """
        if self.trajectory is None:
            raise ValidationError(
                "this ground track has no trajectory: pass trajectory= to ground_track"
            )
        d = v.distances_km(distance_km, "distance_km")
        t, _ = _flight_profile(self.trajectory, d / self.range_km)
        return float(t) if np.ndim(d) == 0 else t

    @property
    def __geo_interface__(self) -> dict[str, Any]:
        """GeoJSON Feature of the track geometry."""
        return {
            "type": "Feature",
            "geometry": self.geometry.__geo_interface__,
            "properties": {
                "origin_lon": self.origin_lon,
                "origin_lat": self.origin_lat,
                "bearing_deg": self.bearing_deg,
                "range_km": self.range_km,
            },
        }


@dataclass(frozen=True, slots=True)
class ZonePass:
    """One continuous stretch of a ground track inside one zone.

    Attributes
    ----------
    label : str
        The zone label, e.g. ``"JPN:land"``.
    states : str
        The state part of the label (``"JPN"``), empty for labels without one.
    kind : str
        The kind part (``"land"``, ``"territorial_sea"``, ...).
    entry_lon, entry_lat, exit_lon, exit_lat : float
        Where the track enters and leaves the zone (to within the refinement tolerance).
    entry_distance_km, exit_distance_km : float
        Distances along the track from the launch point.
    entry_time_s, exit_time_s : float or None
        Seconds after launch (None when the track has no trajectory).
    entry_altitude_km, exit_altitude_km : float or None
        Altitude of the missile at entry and exit (None without a trajectory).
    """

    label: str
    states: str
    kind: str
    entry_lon: float
    entry_lat: float
    exit_lon: float
    exit_lat: float
    entry_distance_km: float
    exit_distance_km: float
    entry_time_s: float | None
    exit_time_s: float | None
    entry_altitude_km: float | None
    exit_altitude_km: float | None


def _fwd(lon: float, lat: float, bearing_deg: float, distance_km: FloatArray) -> tuple[Any, Any]:
    """Points at distances along the geodesic (arrays in, arrays out; 0-d gives floats)."""
    return destination(lon, lat, bearing_deg, distance_km)


def _flight_profile(arc: BallisticArc, fraction: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Time after launch and altitude (km) at fractions of the ground range of a flight.

    The range angle of the arc is mapped proportionally onto the track. Before burnout (boosted
    arcs) time and altitude are interpolated linearly from launch to burnout, an approximation
    for the first few hundred km; after burnout they follow the Kepler arc exactly.
    """
    f = np.asarray(fraction, dtype=np.float64)
    r0 = k.EARTH_RADIUS_M
    f_bo = float(arc.burnout_range_km) / float(arc.range_km)
    t_bo = float(arc.burnout_time_s)
    r1 = np.array(r0 + float(arc.burnout_altitude_km) * 1000.0)
    speed = np.array(float(arc.burnout_speed_km_s) * 1000.0)
    gamma = np.array(np.radians(float(arc.flight_path_angle_deg)))
    c = k.conic(speed, gamma, r1)
    psi_free = float(k.impact_anomaly(c, np.array(r0)) - c.nu1)
    g = np.clip((f - f_bo) / (1.0 - f_bo), 0.0, 1.0)
    nu = c.nu1 + g * psi_free
    t_free = k.time_between(np.broadcast_to(c.nu1, nu.shape), nu, c.a, c.e)
    alt_free = (c.p / (1.0 + c.e * np.cos(nu)) - r0) / 1000.0
    powered = f < f_bo
    share = np.where(powered, f / f_bo if f_bo > 0 else 0.0, 1.0)
    time = np.where(powered, share * t_bo, t_bo + t_free)
    alt = np.where(powered, share * float(arc.burnout_altitude_km), alt_free)
    return np.asarray(time, dtype=np.float64), np.asarray(alt, dtype=np.float64)


def _check_arc(arc: BallisticArc, range_km: float) -> None:
    if not isinstance(arc, BallisticArc):
        raise ValidationError(f"trajectory must be a BallisticArc, got {type(arc).__name__}")
    if np.ndim(arc.range_km) != 0:
        raise ValidationError("trajectory must describe one flight (scalar fields), got arrays")
    if bool(arc.reaches_antipode):
        raise ValidationError("trajectory reaches the antipode: it has no single ground track")
    mismatch = abs(float(arc.range_km) - range_km) / range_km
    if mismatch > 0.02:
        raise ValidationError(
            f"trajectory range {float(arc.range_km):.1f} km differs from range_km "
            f"{range_km:.1f} km by more than 2 %: fit the trajectory to this flight first"
        )


def ground_track(
    center: LaunchSite | str | tuple[float, float],
    bearing_deg: float,
    range_km: float,
    *,
    trajectory: BallisticArc | None = None,
    tolerance_m: float = 100.0,
) -> GroundTrack:
    """Geodesic ground track from a launch site along a bearing, densified to a tolerance.

    Parameters
    ----------
    center : LaunchSite, str or tuple of float
        Launch site, a site name, or its (lon, lat) in degrees.
    bearing_deg : float
        Launch bearing, degrees clockwise from north.
    range_km : float
        Ground range (> 0, at most the pole-to-pole distance 20,003.9 km).
    trajectory : BallisticArc, optional
        A single flight (e.g. ``fit_lofted_test(...).test``) whose range matches ``range_km``
        within 2 %; gives times and altitudes along the track.
    tolerance_m : float
        Largest allowed distance between a straight lon/lat edge and the geodesic, measured at
        each edge's midpoint; edges are halved until they meet it.

    Returns
    -------
    GroundTrack

    Examples
    --------
    >>> track = ground_track((170.0, 50.0), 90.0, 2000.0)
    >>> track.geometry.geom_type  # split at the antimeridian
    'MultiLineString'
    >>> round(float(track.distance_km[-1]), 6)
    2000.0
    """
    lon0, lat0, _ = resolve_center(center)
    bearing = float(v.azimuths_deg(v.scalar(bearing_deg, "bearing_deg"), "bearing_deg"))
    rng = v.scalar_range_km(range_km)
    if rng <= 0 or rng > HALF_MERIDIAN_KM:
        raise ValidationError(f"range_km must be within (0, 20003.93] km, got {range_km!r}")
    tol = v.tolerance_m(tolerance_m)
    if trajectory is not None:
        _check_arc(trajectory, rng)

    # Adaptive densification (shared with rings and radials): every edge's lon/lat midpoint lies
    # within the tolerance of the geodesic point at the mid distance.
    path = geodesic_path(lon0, lat0, bearing, 0.0, rng * 1000.0, tol)
    lon, lat = path.lon, path.lat
    lon = (lon + 180.0) % 360.0 - 180.0
    dist = path.distance_m / 1000.0
    time_s = alt_km = None
    if trajectory is not None:
        time_s, alt_km = _flight_profile(trajectory, dist / rng)
    return GroundTrack(
        lon=lon,
        lat=lat,
        distance_km=dist,
        time_s=time_s,
        altitude_km=alt_km,
        geometry=line_geometry(lon, lat),
        origin_lon=lon0,
        origin_lat=lat0,
        bearing_deg=bearing,
        range_km=rng,
        tolerance_m=tol,
        trajectory=trajectory,
    )


def _split_label(label: str) -> tuple[str, str]:
    states, kind = split_label(label)
    return "/".join(states), kind


def overflights(
    track: GroundTrack,
    zones: ZoneClassifier,
    *,
    kinds: tuple[str, ...] | None = ("land", "territorial_sea"),
    sample_km: float = 0.5,
    tolerance_m: float = 10.0,
) -> tuple[ZonePass, ...]:
    """Stretches of a ground track over states' land and territorial seas, with entry and exit.

    The track is sampled every ``sample_km`` along the geodesic and each sample classified; every
    change of label is then located by bisection along the geodesic to ``tolerance_m``. A zone
    narrower than ``sample_km`` along the track can be missed.

    Parameters
    ----------
    track : GroundTrack
        From :func:`ground_track`.
    zones : ZoneClassifier
        Any object with ``classify(lon, lat) -> labels``, e.g. ``launchgeo.zones.load_zones()``.
    kinds : tuple of str or None
        Zone kinds to report; None reports every label (including ``"high_seas"``).
    sample_km : float
        Sampling step along the track.
    tolerance_m : float
        Precision of the entry and exit points along the track.

    Returns
    -------
    tuple of ZonePass
        In order along the track.

    Examples
    --------
    >>> import numpy as np, shapely
    >>> island = shapely.box(1.0, -1.0, 2.0, 1.0)
    >>> class Island:
    ...     def classify(self, lon, lat):
    ...         inside = shapely.contains_xy(island, lon, lat)
    ...         return np.where(inside, "XXX:land", "high_seas")
    >>> track = ground_track((0.0, 0.0), 90.0, 500.0)
    >>> (p,) = overflights(track, Island())
    >>> p.label, round(p.entry_lon, 4), round(p.exit_lon, 4)
    ('XXX:land', 1.0, 2.0)
    """
    if not isinstance(track, GroundTrack):
        raise ValidationError(f"track must be a GroundTrack, got {type(track).__name__}")
    if not callable(getattr(zones, "classify", None)):
        raise ValidationError(
            f"zones must have a classify(lon, lat) method, got {type(zones).__name__}"
        )
    if kinds is not None and (
        isinstance(kinds, str) or not isinstance(kinds, Iterable)
        or not all(isinstance(k, str) for k in kinds)
    ):  # fmt: skip
        raise ValidationError(
            f"kinds must be a tuple of zone kinds such as ('land', 'territorial_sea'), or None, "
            f"got {kinds!r}"
        )
    step = v.positive_scalar(sample_km, "sample_km")
    tol_km = v.tolerance_m(tolerance_m) / 1000.0
    if track.range_km / step > MAX_TRACK_SAMPLES:
        raise RangeError(
            f"sample_km={sample_km!r} would sample the {track.range_km:,.1f} km track at "
            f"{track.range_km / step:,.0f} points; at most {MAX_TRACK_SAMPLES:,} are taken: "
            f"use sample_km >= {track.range_km / MAX_TRACK_SAMPLES:.3g}"
        )
    n = max(int(np.ceil(track.range_km / step)), 1)
    dist = np.linspace(0.0, track.range_km, n + 1)

    def classify(d: FloatArray) -> npt.NDArray[np.str_]:
        lon, lat = _fwd(track.origin_lon, track.origin_lat, track.bearing_deg, d)
        labels = np.asarray(zones.classify(lon, lat)).astype(str)
        if labels.shape != d.shape:
            raise ValidationError(
                f"zones.classify returned shape {labels.shape} for {d.shape} points"
            )
        return labels

    labels = classify(dist)
    change = np.flatnonzero(labels[1:] != labels[:-1])
    # Bisect every change interval at once; a label seen at the left end stays "before".
    lo, hi = dist[change].copy(), dist[change + 1].copy()
    left = labels[change]
    while lo.size and np.max(hi - lo) > tol_km:
        mid = 0.5 * (lo + hi)
        same = classify(mid) == left
        lo = np.where(same, mid, lo)
        hi = np.where(same, hi, mid)
    boundary = 0.5 * (lo + hi)
    # Runs of equal labels between boundaries.
    starts = np.concatenate([[0.0], boundary])
    ends = np.concatenate([boundary, [track.range_km]])
    run_labels = np.concatenate([labels[:1], labels[change + 1]])
    keep = [
        i for i, lab in enumerate(run_labels) if kinds is None or _split_label(str(lab))[1] in kinds
    ]
    if not keep:
        return ()
    s_d, e_d = starts[keep], ends[keep]
    s_lon, s_lat = _fwd(track.origin_lon, track.origin_lat, track.bearing_deg, s_d)
    e_lon, e_lat = _fwd(track.origin_lon, track.origin_lat, track.bearing_deg, e_d)
    times = alts = None
    if track.trajectory is not None:
        both = np.concatenate([s_d, e_d]) / track.range_km
        times, alts = _flight_profile(track.trajectory, both)
    out = []
    for j, i in enumerate(keep):
        label = str(run_labels[i])
        states, kind = _split_label(label)
        m = len(keep)
        out.append(
            ZonePass(
                label=label,
                states=states,
                kind=kind,
                entry_lon=float(s_lon[j]),
                entry_lat=float(s_lat[j]),
                exit_lon=float(e_lon[j]),
                exit_lat=float(e_lat[j]),
                entry_distance_km=float(s_d[j]),
                exit_distance_km=float(e_d[j]),
                entry_time_s=None if times is None else float(times[j]),
                exit_time_s=None if times is None else float(times[m + j]),
                entry_altitude_km=None if alts is None else float(alts[j]),
                exit_altitude_km=None if alts is None else float(alts[m + j]),
            )
        )
    return tuple(out)
