"""Distances that mean what analysts mean: to the coast, the territorial-sea limit, the EEZ limit.

"How far inside Japan's EEZ did it fall?" asks for the distance to the EEZ's **outer limit**
(its seaward boundary, with the high seas or a neighbour's zone), not to the nearest edge of
the EEZ polygon, which also runs along the coast and the territorial-sea line.
:meth:`Zones.signed_distance_km <launchgeo.zones.core.Zones.signed_distance_km>` measures
the latter (it is about one zone polygon); the functions here measure each line by name:

=====================================  ==============================================  =====
function                               the line                                        < 0
=====================================  ==============================================  =====
:func:`distance_to_coast_km`           the state's coastline (its land's edge, land     on
                                       borders with other states excluded)             land
:func:`distance_to_territorial_sea_    the seaward edge of land + territorial sea      inside
limit_km`                              (the 12-nm line, or a neighbour's zone)
:func:`distance_to_eez_limit_km`       the seaward edge of land + territorial sea +     inside
                                       EEZ: the 200-nm line, a median or agreed
                                       boundary with a neighbour, or the edge of an
                                       area claimed by two states
=====================================  ==============================================  =====

All three are signed geodesic distances in km on WGS84: negative on the inner side (on the
state's land for the coast; in its land, territorial sea or EEZ for the limits), positive
beyond, zero on the line. A picture is in ``docs/distances.md``.

What the lines are made of
--------------------------
Each line is the boundary of the union of the state's zones of the kinds named above (with
``disputed=True``, also its overlapping claims, joint regimes and disputed land), minus the
pieces that run over any other state's land (land borders) and along the edge of the data's
coverage box (where the data stop, not the zone). With ``disputed=False`` (the default) the
edge of an area two states claim is part of the EEZ limit: the undisputed zone ends there.
Zones read from a Marine Regions file have no territorial sea (their EEZ polygons include it),
so :func:`distance_to_territorial_sea_limit_km` raises :class:`~launchgeo.errors.UnknownZoneError`
for them.

Accuracy: the lines have straight edges in (lon, lat), as the zones do; distances to them are
geodesic and within 10 m of the exact distance to those edges (edges are split into pieces
of at most 1 km and the nearest pieces sampled every 16 m). The first call for a state and
line builds it (about a second for Japan); later calls reuse it.

Examples
--------
>>> import launchgeo
>>> from launchgeo.zones.limits import (
...     distance_to_coast_km, distance_to_eez_limit_km, distance_to_territorial_sea_limit_km)
>>> lon, lat = 136.9, 39.0   # "about 200 km north of the Noto Peninsula" (2017-03-06)
>>> round(float(distance_to_eez_limit_km(lon, lat, "JPN")))   # 189 km inside the EEZ
-189
>>> round(float(distance_to_territorial_sea_limit_km(lon, lat, "JPN")))
105
>>> round(float(distance_to_coast_km(lon, lat, "JPN")))
154
>>> zones = launchgeo.load_zones()   # the nearest edge of the EEZ polygon: the 12-nm line
>>> round(float(zones.signed_distance_km(lon, lat, "JPN:eez")))
-105
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import numpy as np
import numpy.typing as npt
import shapely

from launchgeo import _validate as v
from launchgeo._inputs import points as adapt_points
from launchgeo.errors import UnknownZoneError, ValidationError
from launchgeo.zones._labels import split_label

__all__ = [
    "Limit",
    "distance_to_coast_km",
    "distance_to_eez_limit_km",
    "distance_to_limit_km",
    "distance_to_territorial_sea_limit_km",
    "limit_line",
]


def _wgs84() -> Any:
    """The WGS84 ``pyproj.Geod`` (imported on first use: classifying points needs no pyproj)."""
    from launchgeo.geodesy.core import WGS84

    return WGS84


FloatArray = npt.NDArray[np.float64]

#: Longest piece (km) a line edge is cut into before the nearest-piece search.
_PIECE_KM = 1.0
#: Samples per piece when refining (1 km / 64 = 16 m: error below 10 m, see the module).
_SAMPLES = 65
#: Tolerance (degrees) for "this piece of boundary runs along other land or the coverage edge".
_SNAP_DEG = 1e-6

_DISPUTED_KINDS = ("overlapping_claim", "joint_regime")


class Limit(StrEnum):
    """Which line :func:`distance_to_limit_km` measures to."""

    COAST = "coast"
    TERRITORIAL_SEA = "territorial_sea"
    EEZ = "eez"


_KINDS = {
    Limit.COAST: ("land",),
    Limit.TERRITORIAL_SEA: ("land", "territorial_sea"),
    Limit.EEZ: ("land", "territorial_sea", "eez"),
}


def _limit(value: Limit | str) -> Limit:
    try:
        return Limit(value)
    except ValueError:
        valid = ", ".join(repr(k.value) for k in Limit)
        raise ValidationError(f"limit must be one of {valid}, got {value!r}") from None


def _state(zones: Any, state: object) -> str:
    if not isinstance(state, str) or len(state) != 3 or not state.isalpha() or not state.isupper():
        raise ValidationError(
            f"state must be an ISO 3166-1 alpha-3 code such as 'JPN', got {state!r}"
        )
    if state not in zones.states:
        raise UnknownZoneError(
            f"no zone names state {state!r} in {zones.info.source!r}; states are: "
            f"{', '.join(zones.states)}"
        )
    return state


@dataclass(frozen=True)
class _Line:
    """A limit line, the region on its inner side, and a search structure for distances."""

    line: Any
    inner: Any
    lon_a: FloatArray
    lat_a: FloatArray
    lon_b: FloatArray
    lat_b: FloatArray
    tree: Any

    def distance_km(self, lon: FloatArray, lat: FloatArray) -> FloatArray:
        """Unsigned geodesic distance (km) from each point to the line."""
        out = np.empty(lon.size)
        if self.lon_a.size == 0:
            out.fill(np.inf)
            return out
        xyz = _unit_xyz(lon, lat)
        _, first = self.tree.query(xyz, k=1)
        # Geodesic distance to the chord-nearest piece start: an upper bound d0 on the distance.
        _, _, d0 = _wgs84().inv(lon, lat, self.lon_a[first], self.lat_a[first])
        t = np.linspace(0.0, 1.0, _SAMPLES)
        for i in range(lon.size):
            # Every piece with an end within d0 + one piece (chord on the unit sphere) may hold
            # the nearest point; sample them all.
            radius = (float(d0[i]) / 1000.0 + 2 * _PIECE_KM) / 6371.0 * 1.01
            cand = np.asarray(self.tree.query_ball_point(xyz[i], radius), dtype=np.int64)
            px = self.lon_a[cand, None] + (self.lon_b - self.lon_a)[cand, None] * t
            py = self.lat_a[cand, None] + (self.lat_b - self.lat_a)[cand, None] * t
            _, _, d = _wgs84().inv(
                np.full(px.size, lon[i]), np.full(px.size, lat[i]), px.ravel(), py.ravel()
            )
            out[i] = min(float(np.min(d)), float(d0[i])) / 1000.0
        return out


def _unit_xyz(lon: FloatArray, lat: FloatArray) -> FloatArray:
    lam, phi = np.radians(lon), np.radians(lat)
    return np.column_stack([np.cos(phi) * np.cos(lam), np.cos(phi) * np.sin(lam), np.sin(phi)])


def _pieces(line: Any) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
    """The line's edges cut into pieces of at most ``_PIECE_KM`` (straight in lon/lat)."""
    parts = [p for p in shapely.get_parts(line) if not p.is_empty]
    segs = []
    for part in parts:
        xy = shapely.get_coordinates(part)
        if xy.shape[0] >= 2:
            segs.append(np.column_stack([xy[:-1], xy[1:]]))
    if not segs:
        empty = np.empty(0)
        return empty, empty, empty, empty
    s = np.concatenate(segs)
    _, _, length_m = _wgs84().inv(s[:, 0], s[:, 1], s[:, 2], s[:, 3])
    n = np.maximum(1, np.ceil(np.asarray(length_m) / 1000.0 / _PIECE_KM)).astype(np.int64)
    rep = np.repeat(np.arange(s.shape[0]), n)
    k = np.arange(rep.size) - np.repeat(np.cumsum(n) - n, n)
    t0, t1 = k / n[rep], (k + 1) / n[rep]
    dx, dy = s[rep, 2] - s[rep, 0], s[rep, 3] - s[rep, 1]
    return s[rep, 0] + dx * t0, s[rep, 1] + dy * t0, s[rep, 0] + dx * t1, s[rep, 1] + dy * t1


@functools.lru_cache(maxsize=32)
def _build(zones: Any, state: str, limit: Limit, disputed: bool) -> _Line:
    kinds = _KINDS[limit]
    own, other_land = [], []
    for label in zones.labels:
        states, kind = split_label(label)
        mine = state in states and (len(states) == 1 or disputed)
        claim = disputed and kind in _DISPUTED_KINDS and limit is Limit.EEZ
        if mine and (kind in kinds or claim):
            own.append(zones.geometry(label))
        elif kind == "land":
            other_land.append(zones.geometry(label))
    if limit is Limit.TERRITORIAL_SEA and not any(
        split_label(lab)[1] == "territorial_sea" and state in split_label(lab)[0]
        for lab in zones.labels
    ):
        raise UnknownZoneError(
            f"the zones from {zones.info.source!r} have no territorial sea for {state!r} "
            "(Marine Regions EEZ polygons include it), so its limit cannot be measured"
        )
    if not own:
        raise UnknownZoneError(f"no {limit.value} zones for state {state!r} in the zone data")
    inner = shapely.union_all(own)
    line = shapely.boundary(inner)
    x0, y0, x1, y1 = zones.coverage_bbox
    cut = [shapely.buffer(shapely.box(x0, y0, x1, y1).boundary, _SNAP_DEG)]
    if other_land:
        cut.append(shapely.buffer(shapely.union_all(other_land), _SNAP_DEG))
    line = shapely.line_merge(shapely.difference(line, shapely.union_all(cut)))
    shapely.prepare(inner)
    lon_a, lat_a, lon_b, lat_b = _pieces(line)
    from scipy.spatial import cKDTree

    tree = cKDTree(_unit_xyz(lon_a, lat_a)) if lon_a.size else None
    return _Line(line, inner, lon_a, lat_a, lon_b, lat_b, tree)


def _zones(zones: Any) -> Any:
    from launchgeo.zones._arg import FULL, zones_argument

    return zones_argument(zones, FULL)


def limit_line(
    state: str, limit: Limit | str = Limit.EEZ, *, zones: Any = None, disputed: bool = False
) -> Any:
    """The state's coastline, territorial-sea limit or EEZ limit as a (Multi)LineString.

    Parameters
    ----------
    state : str
        ISO 3166-1 alpha-3 code.
    limit : {"eez", "territorial_sea", "coast"}
        Which line (see the module docstring).
    zones : Zones, optional
        Zone data; the embedded default when omitted.
    disputed : bool
        Count the state's overlapping claims, joint regimes and disputed land as its own.

    Examples
    --------
    >>> line = limit_line("JPN", "eez")
    >>> line.geom_type, line.length > 100   # degrees of line
    ('MultiLineString', True)
    """
    z = _zones(zones)
    return _build(z, _state(z, state), _limit(limit), v.flag(disputed, "disputed")).line


def distance_to_limit_km(
    lon: Any,
    lat: Any,
    state: str,
    limit: Limit | str = Limit.EEZ,
    *,
    zones: Any = None,
    disputed: bool = False,
) -> Any:
    """Signed geodesic distance (km) from points to a state's coast or zone limit.

    Negative on the inner side (see the module docstring), positive beyond, 0 on the line.

    Parameters
    ----------
    lon, lat : float or array_like
        Degrees (WGS84), broadcast together.
    state : str
        ISO 3166-1 alpha-3 code, e.g. ``"JPN"``.
    limit : {"eez", "territorial_sea", "coast"}
        Which line.
    zones : Zones, optional
        Zone data; the embedded default when omitted.
    disputed : bool
        Count the state's overlapping claims, joint regimes and disputed land as its own.

    Returns
    -------
    float or numpy.ndarray

    Raises
    ------
    UnknownZoneError
        If no zone names ``state`` (or, for the territorial sea, the data have none).
    CoordinateError
        NaN, infinite or out-of-range coordinates.

    Examples
    --------
    >>> d = distance_to_limit_km([136.9, 134.0], [39.0, 41.0], "JPN", "eez")
    >>> [round(float(x)) for x in d]
    [-189, 117]
    """
    from launchgeo.zones.core import _points

    z = _zones(zones)
    built = _build(z, _state(z, state), _limit(limit), v.flag(disputed, "disputed"))
    given = adapt_points(lon, lat)  # numbers only: text, None and dates are refused by name
    lon_f, lat_f, shape = _points(given.lon, given.lat)
    lon_f = (lon_f + 180.0) % 360.0 - 180.0 if z.coverage_bbox[0] < 0 else lon_f
    d = built.distance_km(np.ascontiguousarray(lon_f), np.ascontiguousarray(lat_f))
    inside = shapely.intersects_xy(built.inner, lon_f, lat_f)
    res = np.where(inside, -d, d).reshape(shape)
    return float(res) if res.ndim == 0 else res


def distance_to_eez_limit_km(
    lon: Any, lat: Any, state: str, *, zones: Any = None, disputed: bool = False
) -> Any:
    """Signed distance (km) to the outer limit of a state's EEZ: how far inside (< 0) or out.

    The EEZ limit is the seaward edge of the state's land, territorial sea and EEZ taken
    together: the 200-nm line, or the boundary with a neighbour's zone (a median line, an
    agreed boundary), or the edge of an area two states claim (unless ``disputed=True``).
    Not the coast, not the territorial-sea line: see the module docstring and
    ``docs/distances.md``.

    Examples
    --------
    >>> round(float(distance_to_eez_limit_km(136.9, 39.0, "JPN")))
    -189
    """
    return distance_to_limit_km(lon, lat, state, Limit.EEZ, zones=zones, disputed=disputed)


def distance_to_territorial_sea_limit_km(
    lon: Any, lat: Any, state: str, *, zones: Any = None, disputed: bool = False
) -> Any:
    """Signed distance (km) to the outer limit of a state's territorial sea (the 12-nm line).

    Negative in the territorial sea or on land, positive beyond.

    Examples
    --------
    >>> round(float(distance_to_territorial_sea_limit_km(136.9, 39.0, "JPN")))
    105
    """
    return distance_to_limit_km(
        lon, lat, state, Limit.TERRITORIAL_SEA, zones=zones, disputed=disputed
    )


def distance_to_coast_km(
    lon: Any, lat: Any, state: str, *, zones: Any = None, disputed: bool = False
) -> Any:
    """Signed distance (km) to a state's coastline: negative on its land, positive at sea.

    Examples
    --------
    >>> round(float(distance_to_coast_km(136.9, 39.0, "JPN")))
    154
    """
    return distance_to_limit_km(lon, lat, state, Limit.COAST, zones=zones, disputed=disputed)
