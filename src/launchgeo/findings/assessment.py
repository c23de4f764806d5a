"""Launch assessment: which zones a flight of a given range can end in, and on which bearings.

:func:`assess_launch` splits the geodesic circle of the reported range into arcs by zone, each
with its bearing interval (degrees clockwise from north; intervals may wrap through north), its
length and its share of the circle; with a bearing it gives the impact point, its zone and its
signed distance to a state's EEZ. :func:`min_range_to` gives the shortest range from a site to a
zone and the bearing at which it is reached.

Examples
--------
>>> import launchgeo
>>> a = launchgeo.assess_launch("Sunan", 350)
>>> a.reaches("JPN")
False
>>> round(launchgeo.min_range_to("Sunan", "JPN:eez").range_km) > 350
True
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, overload

import numpy as np
import numpy.typing as npt
import shapely

if TYPE_CHECKING:
    import geopandas as gpd
    import pandas as pd

from launchgeo import _validate as v
from launchgeo.errors import RangeError, UnknownZoneError, ValidationError
from launchgeo.geodesy._antimeridian import line_geometry
from launchgeo.geodesy._loops import circle_arc
from launchgeo.geodesy.core import HALF_MERIDIAN_KM, WGS84, _ecef_m, destination
from launchgeo.geodesy.rings import DEFAULT_TOLERANCE_M, _check_range
from launchgeo.sites import resolve_center, resolve_site
from launchgeo.units import Units, to_km
from launchgeo.zones._arg import FULL, zones_argument
from launchgeo.zones._labels import KIND_NAMES, possessive, split_label, state_name

__all__ = [
    "Arc",
    "LaunchAssessment",
    "MinRange",
    "StateReach",
    "assess_launch",
    "compass_point",
    "describe_label",
    "min_range_to",
]

FloatArray = npt.NDArray[np.float64]

#: Spacing of the azimuth samples used to find zone changes along a ring (then bisected).
_SCAN_STEP_DEG = 0.05
#: Azimuth spacing of the points whose chords give each arc's length (short of the arc
#: length by a relative 1.3e-7 at 0.1 deg).
_ARC_STEP_DEG = 0.1
#: Precision of a zone change along a ring, in degrees of azimuth.
_BISECT_DEG = 1e-6

# Kinds in running text ("the Japan/South Korea overlapping-claim area").
_KIND_TEXT = {
    **KIND_NAMES,
    "overlapping_claim": "overlapping-claim area",
    "joint_regime": "joint-regime area",
}
_COMPASS_8 = [
    "north",
    "north-east",
    "east",
    "south-east",
    "south",
    "south-west",
    "west",
    "north-west",
]
_COMPASS_16 = [
    "N", "NNE", "NE", "ENE", "E", "ESE", "SE", "SSE",
    "S", "SSW", "SW", "WSW", "W", "WNW", "NW", "NNW",
]  # fmt: skip


def compass_point(bearing_deg: float, *, points: int = 8) -> str:
    """Name of the compass point nearest a bearing (8 words or 16 abbreviations).

    Examples
    --------
    >>> compass_point(135.0), compass_point(200.0, points=16)
    ('south-east', 'SSW')
    """
    names = _COMPASS_8 if points == 8 else _COMPASS_16
    if points not in (8, 16):
        raise ValidationError(f"points must be 8 or 16, got {points!r}")
    return names[round((bearing_deg % 360.0) / (360.0 / points)) % points]


def describe_label(label: str) -> str:
    """Plain-language name of a zone label.

    Examples
    --------
    >>> describe_label("JPN:eez"), describe_label("JPN/KOR:overlapping_claim")
    ("Japan's EEZ", 'the Japan/South Korea overlapping-claim area')
    >>> describe_label("high_seas")
    'the high seas'
    """
    if label == "high_seas":
        return "the high seas"
    if label == "no_data":
        return "an area outside the zone data"
    if label == "unzoned":
        return "no zone of the data (land or high seas)"
    codes, kind = split_label(label)
    kind_text = _KIND_TEXT.get(kind, kind.replace("_", " "))
    if len(codes) == 1:
        return f"{possessive(codes[0])} {kind_text}"
    return f"the {'/'.join(state_name(c, article=False) for c in codes)} {kind_text}"


_DISPUTED_KINDS = ("overlapping_claim", "joint_regime")


def _in_state_eez(label: object, state: str, *, disputed: bool = False) -> bool:
    """True for the state's own EEZ or territorial sea.

    With ``disputed``, also for overlapping claims and joint regimes that name the state.
    """
    text = str(label)
    if _state_of(text) == (state,) and _kind_of(text) in ("eez", "territorial_sea"):
        return True
    return disputed and state in _state_of(text) and _kind_of(text) in _DISPUTED_KINDS


def _state_of(label: str) -> tuple[str, ...]:
    return split_label(label)[0]


def _kind_of(label: str) -> str:
    return split_label(label)[1]


def _eez_labels(zones: Any, state: str, *, disputed: bool = False) -> list[str]:
    """Labels of a state's EEZ as Japan's statements use the term (EEZ + territorial sea).

    With ``disputed``, also the overlapping claims and joint regimes naming the state.
    """
    return [lab for lab in zones.labels if _in_state_eez(lab, state, disputed=disputed)]


def _zone_source(zones: Any) -> str:
    info = getattr(zones, "info", None)
    if info is None:
        return "user-supplied zones"
    if info.source == "launchgeo embedded":
        return f"launchgeo embedded zones {info.version} (approximate, not legal boundaries)"
    return f"{info.source} ({info.format}, version {info.version})"


# Unions of zone geometries, per Zones object and label set (Zones are immutable, so a union
# never goes stale). Keyed by id() with the object kept in the entry, so an id cannot be
# reused while its entry lives; only launchgeo's own Zones are cached (a duck-typed zones
# object may change its geometries).
_UNIONS: dict[tuple[int, tuple[str, ...]], tuple[Any, Any]] = {}
_UNIONS_MAX = 16


def _union(zones: Any, labels: list[str]) -> Any:
    """``shapely.union_all`` of the zones' geometries for ``labels`` (cached for Zones)."""
    from launchgeo.zones.core import Zones

    if not isinstance(zones, Zones):
        return shapely.union_all([zones.geometry(lab) for lab in labels])
    key = (id(zones), tuple(labels))
    hit = _UNIONS.get(key)
    if hit is not None and hit[0] is zones:
        return hit[1]
    geom = shapely.union_all([zones.geometry(lab) for lab in labels])
    shapely.prepare(geom)
    if len(_UNIONS) >= _UNIONS_MAX:
        _UNIONS.pop(next(iter(_UNIONS)))
    _UNIONS[key] = (zones, geom)
    return geom


_FRAMES: dict[int, tuple[Any, Any]] = {}


def _frame(zones: Any) -> Any:
    """``zones.to_geodataframe()``, built once per Zones object (read-only here)."""
    from launchgeo.zones.core import Zones

    if not isinstance(zones, Zones):
        return zones.to_geodataframe()
    hit = _FRAMES.get(id(zones))
    if hit is not None and hit[0] is zones:
        return hit[1]
    gdf = zones.to_geodataframe()
    if len(_FRAMES) >= 4:
        _FRAMES.pop(next(iter(_FRAMES)))
    _FRAMES[id(zones)] = (zones, gdf)
    return gdf


def _zones_or_default(zones: Any) -> Any:
    return zones_argument(zones, FULL)


@dataclass(frozen=True)
class Arc:
    """A run of the ring's circle in one zone."""

    zone: str
    bearing_from_deg: float
    bearing_to_deg: float
    length_km: float
    share: float

    @property
    def width_deg(self) -> float:
        """Angular width of the bearing interval (clockwise from ``bearing_from_deg``)."""
        return (self.bearing_to_deg - self.bearing_from_deg) % 360.0 or 360.0

    def contains_bearing(self, bearing_deg: float) -> bool:
        """True if the bearing lies in the arc's clockwise interval (wrapping through north)."""
        return (bearing_deg - self.bearing_from_deg) % 360.0 <= self.width_deg


@dataclass(frozen=True)
class MinRange:
    """Shortest geodesic range from a site to a zone."""

    zone: str
    range_km: float
    bearing_deg: float
    lon: float
    lat: float


@dataclass(frozen=True)
class StateReach:
    """A state whose EEZ, territorial sea or land the ring of a flight reaches.

    Attributes
    ----------
    state : str
        ISO 3166-1 alpha-3 code.
    intervals : tuple of (float, float)
        Clockwise bearing intervals (from, to), degrees, over the state's EEZ, territorial sea
        or land (adjacent arcs merged; intervals may wrap through north).
    share : float
        Share of all bearings (of the ring's length) that end in these zones.
    kinds : tuple of str
        Which of ``eez``, ``territorial_sea``, ``land`` the ring reaches.
    overflown : tuple of str
        Other states whose land lies under the tracks toward these intervals.
    """

    state: str
    intervals: tuple[tuple[float, float], ...]
    share: float
    kinds: tuple[str, ...]
    overflown: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        """The state's name in words ("the Marshall Islands")."""
        return state_name(self.state)


@dataclass(frozen=True)
class LaunchAssessment:
    """Result of :func:`assess_launch`.

    Attributes
    ----------
    site, center_lon, center_lat, range_km : str, float, float, float
        The launch point and the reported range.
    arcs : pandas.DataFrame
        One row per arc: ``zone``, ``bearing_from_deg``, ``bearing_to_deg``, ``length_km``,
        ``share`` (no bearing given).
    reachable_zones : tuple of str
        Zones with a point within ``range_km`` of the site.
    states : tuple of StateReach
        Every state whose EEZ, territorial sea or land the ring reaches, largest share first.
    nearest_out_of_reach : tuple of MinRange
        The nearest states' zones (EEZ, territorial sea or land) beyond the ring, nearest first,
        with the range that would reach them (``zone`` holds the state code).
    focus_state : str or None
        The state the finding is about (``focus_state=`` / ``eez_state=``), if any.
    site_kind, site_uncertainty_km : str, float
        The catalogue kind of the launch point (``area`` for a city or county) and its
        positional uncertainty (NaN when unknown).
    states_within_uncertainty : tuple of str
        States not on the ring that a launch point within ``site_uncertainty_km`` could reach.
    bearing_deg, impact_lon, impact_lat, impact_zone : float or None, str or None
        The impact point and its zone, when a bearing was given.
    impact_eez_distance_km : float or None
        Signed geodesic distance from the impact point to the focus state's EEZ outer limit
        (negative inside; :func:`~launchgeo.zones.limits.distance_to_eez_limit_km`), when a
        bearing and a focus state were given.
    zone_source : str
        The zone data used.
    """

    site: str
    center_lon: float
    center_lat: float
    range_km: float
    arcs: pd.DataFrame = field(repr=False, compare=False)
    reachable_zones: tuple[str, ...]
    focus_state: str | None
    zone_source: str
    launch_zone: str = ""
    min_range_to_eez: MinRange | None = None
    bearing_deg: float | None = None
    impact_lon: float | None = None
    impact_lat: float | None = None
    impact_zone: str | None = None
    impact_eez_distance_km: float | None = None
    arc_lines: tuple[Any, ...] = field(default=(), repr=False, compare=False)
    overflown: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False, compare=False)
    states: tuple[StateReach, ...] = ()
    nearest_out_of_reach: tuple[MinRange, ...] = ()
    site_kind: str = "facility"
    site_uncertainty_km: float = float("nan")
    states_within_uncertainty: tuple[str, ...] = ()

    @property
    def eez_state(self) -> str | None:
        """The focus state (the name used before ``focus_state``; kept for old code)."""
        return self.focus_state

    def reaches(self, state: str, *, disputed: bool = False) -> bool:
        """True if some bearing at this range ends in the state's own EEZ or territorial sea.

        With ``disputed=True`` overlapping claims and joint regimes naming the state count too.
        """
        return any(_in_state_eez(z, state, disputed=disputed) for z in self.arcs["zone"])

    def bearings_in(self, state: str, *, disputed: bool = False) -> list[tuple[float, float]]:
        """Bearing intervals (from, to) ending in the state's own EEZ or territorial sea.

        Adjacent arcs (e.g. EEZ then territorial sea) are merged into one interval. With
        ``disputed=True`` overlapping claims and joint regimes naming the state count too.
        """
        return _intervals(self.arcs, lambda z: _in_state_eez(z, state, disputed=disputed))

    def to_geodataframe(self) -> gpd.GeoDataFrame:
        """The arcs as LineStrings (split at +-180) with the columns of :attr:`arcs`, EPSG:4326."""
        import geopandas as gpd  # lazy: keep `import launchgeo` light

        frame = self.arcs.copy()
        frame.insert(0, "site", self.site)
        frame.insert(1, "range_km", self.range_km)
        return gpd.GeoDataFrame(frame, geometry=list(self.arc_lines), crs="EPSG:4326")

    def explore(self, *, zones: Any = None, land: Any = None, title: str | None = None) -> Any:
        """An offline interactive map of the assessment: site, ring, arcs by zone (HTML).

        Returns a :class:`~launchgeo.maps.web.WebMap`: shown in a notebook, ``.save(path)``
        writes the HTML file. ``zones`` and ``land`` as for :func:`launchgeo.maps.web.web_map`
        (None: embedded data, False: none).

        Examples
        --------
        >>> import launchgeo
        >>> m = launchgeo.assess_launch("Sunan", 350).explore(zones=False, land=False)
        >>> m.html.count("<script") >= 2
        True
        """
        # Display hook: the one import of a higher layer (docs/architecture.md).
        from launchgeo.maps.web import web_map

        return web_map(self, zones=zones, land=land, title=title)

    def _repr_html_(self) -> str:
        """Notebook view: :meth:`explore` with the embedded land and zones."""
        return str(self.explore()._repr_html_())

    def summary(self) -> str:
        """A plain-language finding an analyst could paste into a report."""
        return _summary(self)


def _scan_ring(
    lon0: float, lat0: float, range_km: float, zones: Any
) -> tuple[FloatArray, npt.NDArray[Any]]:
    """Azimuth samples of the ring and their zone labels, with every label change bisected."""
    az = np.arange(0.0, 360.0, _SCAN_STEP_DEG)
    lon, lat = destination(lon0, lat0, az, range_km)
    labels = np.asarray(zones.classify(lon, lat))
    change = np.flatnonzero(labels != np.roll(labels, -1))
    if change.size == 0:
        return az, labels
    lo = az[change]
    hi = lo + _SCAN_STEP_DEG
    left_label = labels[change]
    while np.max(hi - lo) > _BISECT_DEG:
        mid = 0.5 * (lo + hi)
        mlon, mlat = destination(lon0, lat0, mid % 360.0, range_km)
        same = np.asarray(zones.classify(mlon, mlat)) == left_label
        lo = np.where(same, mid, lo)
        hi = np.where(same, hi, mid)
    # Boundaries at hi: the label to the right starts there.
    return np.mod(hi, 360.0), np.asarray(labels[(change + 1) % labels.size])


def _arcs(lon0: float, lat0: float, range_km: float, zones: Any) -> tuple[pd.DataFrame, list[Any]]:
    import pandas as pd  # lazy: keep `import launchgeo` light

    starts, labels = _scan_ring(lon0, lat0, range_km, zones)
    if starts.size == 360.0 / _SCAN_STEP_DEG and np.all(labels == labels[0]):
        # One zone all round.
        bounds = [(0.0, 360.0, str(labels[0]))]
    else:
        order = np.argsort(starts)
        starts, labels = starts[order], labels[order]
        ends = np.roll(starts, -1)
        bounds = [
            (float(a), float(b), str(lab)) for a, b, lab in zip(starts, ends, labels, strict=True)
        ]
    # Each arc's length: the sum of its chords every _ARC_STEP_DEG of azimuth (one pyproj
    # call for all arcs); the arcs partition the circle, so their lengths add up to the
    # circumference.
    widths = [(b - a) % 360.0 or 360.0 for a, b, _ in bounds]
    counts = [max(8, int(np.ceil(w / _ARC_STEP_DEG))) for w in widths]
    az = np.concatenate(
        [
            a + np.linspace(0.0, w, n + 1)
            for (a, _, _), w, n in zip(bounds, widths, counts, strict=True)
        ]
    )
    lon_all, lat_all = destination(lon0, lat0, np.mod(az, 360.0), range_km)
    _, _, d_all = WGS84.inv(lon_all[:-1], lat_all[:-1], lon_all[1:], lat_all[1:])
    lengths, start = [], 0
    for n in counts:
        lengths.append(float(np.sum(d_all[start : start + n])) / 1000.0)
        start += n + 1
    circumference_km = sum(lengths)
    rows = []
    for (a, b, lab), width, length in zip(bounds, widths, lengths, strict=True):
        rows.append(
            {
                "zone": lab,
                "bearing_from_deg": round(a % 360.0, 6),
                "bearing_to_deg": round(b % 360.0, 6) if width < 360.0 else round(a % 360.0, 6),
                "length_km": length,
                "share": length / circumference_km,
            }
        )
    frame = pd.DataFrame(
        rows, columns=["zone", "bearing_from_deg", "bearing_to_deg", "length_km", "share"]
    )
    return frame, _arc_lines(lon0, lat0, range_km, bounds)


def _arc_lines(
    lon0: float, lat0: float, range_km: float, bounds: list[tuple[float, float, str]]
) -> list[Any]:
    """One line per arc, with the vertices of the ring's own densified circle.

    The circle is densified as a ring is (``DEFAULT_TOLERANCE_M``, 100 m: no straight lon/lat
    edge strays farther from the circle); each arc takes the circle's vertices inside its
    bearing interval plus its two exact end points. So the arcs share the ring's error bound
    and vertex density (a 650 km ring: 257 vertices) instead of a vertex every 0.02 degrees.
    """
    circle = circle_arc(lon0, lat0, range_km * 1000.0, DEFAULT_TOLERANCE_M)
    out = []
    for a, b, _ in bounds:
        width = (b - a) % 360.0 or 360.0
        rel = (circle.azimuth_deg - a) % 360.0
        keep = np.flatnonzero((rel > 1e-9) & (rel < width - 1e-9))
        keep = keep[np.argsort(rel[keep])]
        ends_lon, ends_lat = destination(lon0, lat0, np.mod([a, a + width], 360.0), range_km)
        lon = np.concatenate([[ends_lon[0]], circle.lon[keep], [ends_lon[1]]])
        lat = np.concatenate([[ends_lat[0]], circle.lat[keep], [ends_lat[1]]])
        out.append(line_geometry(lon, lat))
    return out


def _min_range(lon0: float, lat0: float, geom: Any, label: str) -> MinRange:
    """Nearest point of ``geom`` (lon/lat polygons) from the centre, geodesically."""
    if geom.is_empty:
        raise UnknownZoneError(f"zone {label!r} has no geometry")
    shapely.prepare(geom)  # once per geometry object (a no-op when already prepared)
    if shapely.intersects_xy(geom, lon0, lat0):
        return MinRange(label, 0.0, 0.0, lon0, lat0)
    coords, xyz = _boundary_points(geom)
    # Geodesic distances only for the vertices whose straight-line (chord) distance is within
    # 1 % + 1 km of the nearest one: the chord orders points like the geodesic does to within
    # the flattening (0.34 %), so the nearest vertex is among them.
    chord = np.sqrt(((xyz - _ecef_m(lon0, lat0)) ** 2).sum(axis=1))
    cand = np.flatnonzero(chord <= chord.min() * 1.01 + 1000.0)
    m = cand.size
    az, _, d = WGS84.inv(np.full(m, lon0), np.full(m, lat0), coords[cand, 0], coords[cand, 1])
    k = int(np.argmin(d))
    i, n = int(cand[k]), coords.shape[0]
    # Refine on the straight (lon, lat) edges next to the nearest vertex, 51 points each in
    # one pyproj call (edges are <= 0.05 deg: a point at most 60 m along the edge from the
    # true nearest one, whose distance differs by (60 m)^2 / (2 d), under a centimetre).
    best = (float(d[k]), float(az[k]), float(coords[i, 0]), float(coords[i, 1]))
    nbrs = [j for j in (i - 1, i + 1) if 0 <= j < n]
    if nbrs:
        t = np.linspace(0.0, 1.0, 51)
        px = np.concatenate([coords[i, 0] + t * (coords[j, 0] - coords[i, 0]) for j in nbrs])
        py = np.concatenate([coords[i, 1] + t * (coords[j, 1] - coords[i, 1]) for j in nbrs])
        a2, _, d2 = WGS84.inv(np.full(px.size, lon0), np.full(px.size, lat0), px, py)
        k2 = int(np.argmin(d2))
        if d2[k2] < best[0]:
            best = (float(d2[k2]), float(a2[k2]), float(px[k2]), float(py[k2]))
    return MinRange(label, best[0] / 1000.0, best[1] % 360.0, best[2], best[3])


# Boundary vertices (every 0.05 deg) of zone geometries and their Earth-centred positions,
# by geometry (shapely geometries are immutable; the entry keeps the object, so its id is not
# reused while the entry lives).
_BOUNDARIES: dict[int, tuple[Any, FloatArray, FloatArray]] = {}
_BOUNDARIES_MAX = 512
# The Earth-centred box (min and max x, y, z) of those vertices, by geometry: small, so kept for
# many more geometries (the world zones have ~600 state geometries; their vertices ~70 MB).
_BOXES: dict[int, tuple[Any, FloatArray]] = {}
_BOXES_MAX = 8192


def _boundary_points(geom: Any) -> tuple[FloatArray, FloatArray]:
    """(lon, lat) boundary vertices of ``geom`` densified every 0.05 deg, and their xyz."""
    hit = _BOUNDARIES.get(id(geom))
    if hit is not None and hit[0] is geom:
        return hit[1], hit[2]
    coords = shapely.get_coordinates(shapely.segmentize(geom.boundary, 0.05))
    xyz = _ecef_m(coords[:, 0], coords[:, 1])
    if len(_BOUNDARIES) >= _BOUNDARIES_MAX:
        _BOUNDARIES.pop(next(iter(_BOUNDARIES)))
    _BOUNDARIES[id(geom)] = (geom, coords, xyz)
    if id(geom) not in _BOXES and xyz.size:
        if len(_BOXES) >= _BOXES_MAX:
            _BOXES.pop(next(iter(_BOXES)))
        _BOXES[id(geom)] = (geom, np.stack([xyz.min(axis=0), xyz.max(axis=0)]))
    return coords, xyz


def _bounds_km(p: FloatArray, geoms: dict[str, list[Any]]) -> dict[str, float]:
    """A lower bound on the chord (km) from ``p`` (xyz, m) to each state's boundary vertices.

    The distance to the boxes of those vertices (``_boundary_points`` makes them): never more
    than the distance to the nearest of them. One array computation for all states.
    """
    owner: list[int] = []
    boxes: list[FloatArray] = []
    for i, parts in enumerate(geoms.values()):
        for g in parts:
            hit = _BOXES.get(id(g))
            if hit is None or hit[0] is not g:
                if g.is_empty:
                    continue
                _boundary_points(g)
                hit = _BOXES.get(id(g))
                if hit is None or hit[0] is not g:  # pragma: no cover - no vertex at all
                    continue
            owner.append(i)
            boxes.append(hit[1])
    bound = np.full(len(geoms), np.inf)
    if boxes:
        box = np.asarray(boxes)
        excess = np.maximum(np.maximum(box[:, 0] - p, p - box[:, 1]), 0.0)
        np.minimum.at(bound, np.asarray(owner), np.sqrt((excess**2).sum(axis=1)) / 1000.0)
    return dict(zip(geoms, bound.tolist(), strict=True))


def min_range_to(center: Any, zone: str, *, zones: Any = None, disputed: bool = False) -> MinRange:
    """Shortest geodesic range from ``center`` to a zone, and the bearing that reaches it.

    Parameters
    ----------
    center : LaunchSite, str or (lon, lat)
        The launch point.
    zone : str
        A zone label such as ``"JPN:eez"``, or ``"JPN"`` for the state's EEZ together with its
        territorial sea (what Japan's statements mean by "Japan's EEZ").
    disputed : bool
        With a state code: also count overlapping claims and joint regimes naming the state.
    zones : Zones, optional
        Zone data; the embedded default when omitted.

    Examples
    --------
    >>> m = min_range_to("Sunan", "JPN")
    >>> 400 < m.range_km < 650, 90 < m.bearing_deg < 180
    (True, True)
    """
    lon0, lat0, _ = resolve_center(center)
    zones = _zones_or_default(zones)
    if not isinstance(zone, str):
        raise ValidationError(
            f"zone must be a zone label such as 'JPN:eez' or a state code such as 'JPN', got "
            f"{zone!r}"
        )
    if ":" in zone:
        if zone not in set(zones.labels):
            raise UnknownZoneError(
                f"unknown zone {zone!r}; known zones: {', '.join(sorted(zones.labels))}"
            )
        geom = zones.geometry(zone)
    else:
        labels = _eez_labels(zones, zone, disputed=disputed)
        if not labels:
            raise UnknownZoneError(f"no EEZ or territorial sea for state {zone!r} in the zone data")
        geom = _union(zones, labels)
    return _min_range(lon0, lat0, geom, zone)


def _eez_signed_distance_km(zones: Any, lon: float, lat: float, state: str) -> float:
    """Signed distance to the state's EEZ outer limit (not the coast nor the 12-nm line)."""
    from launchgeo.zones.limits import distance_to_eez_limit_km

    return float(distance_to_eez_limit_km(lon, lat, state, zones=zones))


def _overflown_states(
    lon0: float, lat0: float, bearings: list[float], range_km: float, zones: Any
) -> tuple[str, ...]:
    """States whose land lies under the geodesic tracks at these bearings (sampled every ~2 km)."""
    found: set[str] = set()
    if not bearings:
        return ()
    s = np.linspace(0.0, range_km, max(50, int(range_km / 2)))
    # all tracks in one destination and one classify call
    lon, lat = destination(lon0, lat0, np.repeat(np.asarray(bearings, dtype=float), s.size),
                           np.tile(s, len(bearings)))  # fmt: skip
    for lab in set(np.asarray(zones.classify(lon, lat)).tolist()):
        if _kind_of(lab) == "land":
            found.update(_state_of(lab))
    return tuple(sorted(found))


_REACH_KINDS = ("eez", "territorial_sea", "land")
#: How many out-of-reach states to report, and how many candidates to measure exactly.
_N_OUT_OF_REACH = 3
_N_CANDIDATES = 12
#: How much nearer than its rough distance (km) a state's boundary may be (the nearest point
#: lies within half a densified 0.05-degree segment, < 4 km, of a vertex), with a margin.
_ROUGH_SLACK_KM = 10.0


def _focus(focus_state: str | None, eez_state: str | None) -> str | None:
    if focus_state is not None and eez_state is not None and focus_state != eez_state:
        raise ValidationError(
            f"focus_state={focus_state!r} and eez_state={eez_state!r} disagree; "
            "eez_state is the old name of focus_state: pass one of them"
        )
    state = focus_state if focus_state is not None else eez_state
    if state is not None and (not isinstance(state, str) or not re.fullmatch("[A-Z]{3}", state)):
        raise ValidationError(
            f"focus_state must be an ISO 3166-1 alpha-3 state code such as 'JPN', got {state!r}"
        )
    return state


def _check_state_known(zones: Any, state: str | None) -> None:
    """UnknownZoneError for a focus state no zone names (as min_range_to and in_eez raise)."""
    if state is None:
        return
    if not any(state in split_label(str(label))[0] for label in zones.labels):
        raise UnknownZoneError(
            f"no zone names state {state!r} in the zone data ({_zone_source(zones)}); the "
            "finding about it would be empty"
        )


def _state_reaches(
    arcs: pd.DataFrame, lon0: float, lat0: float, range_km: float, zones: Any
) -> tuple[StateReach, ...]:
    """Every single state whose EEZ, territorial sea or land lies on the ring."""
    launch_states: set[str] = set()
    by_state: dict[str, set[str]] = {}
    for label in {str(z) for z in arcs["zone"]}:
        states, kind = split_label(label)
        if len(states) == 1 and kind in _REACH_KINDS:
            by_state.setdefault(states[0], set()).add(kind)
    launch_states.update(_state_of(str(np.asarray(zones.classify([lon0], [lat0]))[0])))
    out = []
    for state, kinds in by_state.items():
        own = {f"{state}:{k}" for k in _REACH_KINDS}
        intervals = _intervals(arcs, lambda z, own=own: str(z) in own)
        share = float(arcs.loc[[str(z) in own for z in arcs["zone"]], "share"].sum())
        over: set[str] = set()
        for lo, hi in intervals:
            width = (hi - lo) % 360.0
            mids = [(lo + f * width) % 360.0 for f in (0.1, 0.5, 0.9)]
            over.update(_overflown_states(lon0, lat0, mids, range_km, zones))
        over -= {state, *launch_states}
        out.append(
            StateReach(
                state=state,
                intervals=tuple(intervals),
                share=share,
                kinds=tuple(k for k in _REACH_KINDS if k in kinds),
                overflown=tuple(sorted(over)),
            )
        )
    return tuple(sorted(out, key=lambda r: (-r.share, r.state)))


# Each frame's single-state geometries (the zones' frame is made once per Zones object), by
# frame; the entry keeps the frame, so its id is not reused while the entry lives.
_STATE_GEOMS: dict[int, tuple[Any, dict[str, tuple[Any, ...]]]] = {}
_STATE_GEOMS_MAX = 8


def _state_geoms(gdf: gpd.GeoDataFrame, exclude: set[str]) -> dict[str, list[Any]]:
    """Geometries of each single state's EEZ, territorial sea and land, minus ``exclude``."""
    hit = _STATE_GEOMS.get(id(gdf))
    if hit is None or hit[0] is not gdf:
        every: dict[str, list[Any]] = {}
        for label, geom in zip(gdf["label"].astype(str), gdf.geometry, strict=True):
            states, kind = split_label(label)
            if len(states) == 1 and kind in _REACH_KINDS:
                every.setdefault(states[0], []).append(geom)
        if len(_STATE_GEOMS) >= _STATE_GEOMS_MAX:
            _STATE_GEOMS.pop(next(iter(_STATE_GEOMS)))
        hit = (gdf, {st: tuple(g) for st, g in every.items()})
        _STATE_GEOMS[id(gdf)] = hit
    return {st: list(g) for st, g in hit[1].items() if st not in exclude}


def _rough_distance_km(lon0: float, lat0: float, geoms: list[Any]) -> float:
    """Straight-line distance to the nearest boundary vertex (a cheap ranking, km)."""
    p = _ecef_m(lon0, lat0)
    best = np.inf
    for g in geoms:
        if g.is_empty:
            continue
        d = _boundary_points(g)[1] - p
        if d.size:
            best = min(best, float(np.einsum("ij,ij->i", d, d).min()))
    return float(np.sqrt(best)) / 1000.0


def _nearest_rough(
    lon0: float, lat0: float, geoms: dict[str, list[Any]], inside_km: float, n: int
) -> list[tuple[str, float]]:
    """The ``n`` states nearest by rough distance (km) of at least ``inside_km``, in order.

    Pairs (state, rough distance). The same list as ranking every state by
    :func:`_rough_distance_km` (ties in ``geoms`` order), but states are visited by a lower
    bound on that distance (their boxes) and the visit stops once no later state can enter the
    list: on the world zones a few dozen states are measured instead of ~250.
    """
    order = list(geoms)
    bound = _bounds_km(_ecef_m(lon0, lat0), geoms)
    rank = {st: i for i, st in enumerate(order)}
    best: list[tuple[float, int, str]] = []
    for st in sorted(order, key=lambda s: (bound[s], rank[s])):
        if len(best) >= n and bound[st] > best[n - 1][0]:
            break
        rough = _rough_distance_km(lon0, lat0, geoms[st])
        if rough >= inside_km:
            best.append((rough, rank[st], st))
            best.sort()
    return [(st, rough) for rough, _, st in best[:n]]


def _nearest_out_of_reach(
    lon0: float, lat0: float, range_km: float, gdf: gpd.GeoDataFrame, reached: set[str]
) -> tuple[MinRange, ...]:
    """The nearest states (EEZ, territorial sea or land) whose nearest point is beyond the ring.

    Candidates are ranked by the geodesic distance to a sample of their boundary vertices
    (valid across the antimeridian), then the best ones are measured exactly.
    """
    geoms = _state_geoms(gdf, reached)
    if not geoms:
        return ()
    # Ranked by the straight-line distance to their nearest vertex; states wholly inside the
    # ring (chord shorter than the ring's, less a margin) are not candidates: on world data they
    # would fill the list and push the states beyond the ring out of it.
    inside_km = 2 * 6371.0 * np.sin(range_km / (2 * 6371.0)) - 50.0
    found: list[MinRange] = []
    for state, rough_km in _nearest_rough(lon0, lat0, geoms, inside_km, _N_CANDIDATES):
        # the exact range is at least the chord to the boundary, at least the rough distance
        # less half a densified segment (0.05 deg): a state that far cannot enter the list
        if len(found) >= _N_OUT_OF_REACH and rough_km - _ROUGH_SLACK_KM > found[-1].range_km:
            break
        best = min((_min_range(lon0, lat0, g, state) for g in geoms[state] if not g.is_empty),
                   key=lambda m: m.range_km, default=None)  # fmt: skip
        if best is not None and best.range_km > range_km:
            found = sorted([*found, best], key=lambda m: m.range_km)[:_N_OUT_OF_REACH]
    return tuple(found)


def _states_in_band(
    lon0: float, lat0: float, range_km: float, margin_km: float, gdf: gpd.GeoDataFrame,
    exclude: set[str],
) -> tuple[str, ...]:  # fmt: skip
    """States (EEZ, territorial sea, land) within ``margin_km`` of the ring, not on it."""
    from launchgeo.geodesy.rings import range_band

    hi = min(range_km + margin_km, 2 * HALF_MERIDIAN_KM - 1.0)
    band = range_band((lon0, lat0), max(range_km - margin_km, 0.0), hi).geometry
    out = set()
    for state, parts in _state_geoms(gdf, exclude).items():
        if any(g.intersects(band) for g in parts):
            out.add(state)
    return tuple(sorted(out))


@overload
def assess_launch(
    center: Any,
    range_km: float,
    *,
    zones: Any = None,
    bearing_deg: float | None = None,
    focus_state: str | None = None,
    eez_state: str | None = None,
    units: Units | str = Units.KM,
) -> LaunchAssessment: ...
@overload
def assess_launch(
    center: Any,
    range_km: Sequence[float] | npt.NDArray[Any],
    *,
    zones: Any = None,
    bearing_deg: float | None = None,
    focus_state: str | None = None,
    eez_state: str | None = None,
    units: Units | str = Units.KM,
) -> list[LaunchAssessment]: ...
def assess_launch(
    center: Any,
    range_km: Any,
    *,
    zones: Any = None,
    bearing_deg: float | None = None,
    focus_state: str | None = None,
    eez_state: str | None = None,
    units: Units | str = Units.KM,
) -> LaunchAssessment | list[LaunchAssessment]:
    """Assess a launch of a reported range: where on the ring it can fall, and in whose zones.

    Lists every state whose EEZ, territorial sea or land the ring reaches (bearing intervals
    and share of bearings) and the nearest states out of reach. With a focus state the
    finding also says, as Japan's statements do, whether and where the flight can end in
    that state's EEZ. A catalogue ``area`` (a city or county that reports name) carries its
    positional uncertainty into the result: the states a launch point anywhere in it could
    reach, and the text.

    Parameters
    ----------
    center : LaunchSite, str, (lon, lat) or a point
        The launch site: a catalogue name, coordinates as text, a (lon, lat) pair, a shapely
        Point or a one-row GeoSeries.
    range_km : float or sequence of float
        Reported range (geodesic distance from the site to the impact point), or several:
        then one assessment per range, in order, sharing the zones.
    zones : Zones, optional
        Zone data (the embedded default when omitted, or ``load_zones(path)``).
    bearing_deg : float, optional
        If known, the bearing of the flight: the assessment then also gives the impact point.
    focus_state : str, optional
        A state (ISO 3166-1 alpha-3) the finding is about, e.g. ``"JPN"``; none by default.
    eez_state : str, optional
        The old name of ``focus_state``, still accepted.
    units : {"km", "nmi", "mi"}
        Units of ``range_km``; the assessments report their ranges in km.

    Returns
    -------
    LaunchAssessment, or list of LaunchAssessment for a sequence of ranges

    Examples
    --------
    >>> a = assess_launch("Sunan", 650, focus_state="JPN")
    >>> a.reaches("JPN"), [round(b) for b in a.bearings_in("JPN")[0]]  # doctest: +SKIP
    (True, [127, 150])
    >>> [round(a.range_km, 1) for a in assess_launch("Sunan", [189, 351], units="nmi")]
    [350.0, 650.1]
    """
    options: dict[str, Any] = {
        "bearing_deg": bearing_deg, "focus_state": focus_state, "eez_state": eez_state,
    }  # fmt: skip
    given = to_km(range_km, units, "range_km")
    v.as_float_array(given, "range_km")  # numbers only, rectangular: refused by name
    if np.ndim(given) == 0:
        return _assess_one(center, given, zones=zones, **options)
    ranges = np.atleast_1d(v.as_float_array(given, "range_km"))
    if ranges.ndim != 1 or ranges.size == 0:
        raise ValidationError(f"range_km must be a number or a non-empty list, got {range_km!r}")
    zones = _zones_or_default(zones)
    return [_assess_one(center, float(r), zones=zones, **options) for r in ranges]


def _assess_one(
    center: Any,
    range_km: float,
    *,
    zones: Any = None,
    bearing_deg: float | None = None,
    focus_state: str | None = None,
    eez_state: str | None = None,
) -> LaunchAssessment:
    """One assessment at one range in km (see :func:`assess_launch`)."""
    site = resolve_site(center)
    lon0, lat0, name = site.lon, site.lat, site.name if site.name != "(lon, lat)" else ""
    r_km = _check_range(range_km)
    if r_km == 0:
        raise ValidationError(f"range_km must be > 0 to assess a flight, got {range_km!r}")
    if r_km >= HALF_MERIDIAN_KM:
        raise RangeError(
            f"range_km={range_km!r}: the ring collapses to the antipode, the one point that far "
            f"(a flight of {HALF_MERIDIAN_KM:,.3f} km ends there whatever its bearing)"
        )
    state = _focus(focus_state, eez_state)
    zones = _zones_or_default(zones)
    _check_state_known(zones, state)
    arcs, lines = _arcs(lon0, lat0, r_km, zones)
    from launchgeo.geodesy.rings import range_ring

    disk = range_ring((lon0, lat0), r_km).geometry
    gdf = _frame(zones)
    reachable = tuple(sorted(gdf.loc[gdf.intersects(disk), "label"].astype(str)))
    has_focus = state is not None and bool(_eez_labels(zones, state))
    mr = min_range_to((lon0, lat0), state, zones=zones) if has_focus and state else None
    result: dict[str, Any] = {}
    if bearing_deg is not None:
        b = v.scalar(bearing_deg, "bearing_deg", "one number of degrees (or None)")
        b = float(v.azimuths_deg(b, "bearing_deg"))
        ilon, ilat = destination(lon0, lat0, b, r_km)
        result = {
            "bearing_deg": b,
            "impact_lon": float(ilon),
            "impact_lat": float(ilat),
            "impact_zone": str(np.asarray(zones.classify([ilon], [ilat]))[0]),
            "impact_eez_distance_km": _eez_signed_distance_km(
                zones, float(ilon), float(ilat), state
            )
            if has_focus and state
            else None,
        }
    reaches = _state_reaches(arcs, lon0, lat0, r_km, zones)
    reached = {r.state for r in reaches}
    unc = site.uncertainty_km
    within = (
        _states_in_band(lon0, lat0, r_km, unc, gdf, reached)
        if site.is_area and np.isfinite(unc) and unc > 0
        else ()
    )
    assessment = LaunchAssessment(
        site=name or f"({lon0:.4f}, {lat0:.4f})",
        center_lon=lon0,
        center_lat=lat0,
        range_km=r_km,
        arcs=arcs,
        reachable_zones=reachable,
        focus_state=state,
        zone_source=_zone_source(zones),
        launch_zone=str(np.asarray(zones.classify([lon0], [lat0]))[0]),
        min_range_to_eez=mr,
        arc_lines=tuple(lines),
        states=reaches,
        nearest_out_of_reach=_nearest_out_of_reach(lon0, lat0, r_km, gdf, reached),
        site_kind=site.kind,
        site_uncertainty_km=unc,
        states_within_uncertainty=within,
        **result,
    )
    over: dict[str, tuple[str, ...]] = {}
    if state is not None:
        for a, b in _reach_intervals(assessment.arcs, state):
            width = (b - a) % 360.0
            samples = [(a + f * width) % 360.0 for f in (0.1, 0.5, 0.9)]
            over[f"{a:.1f}-{b:.1f}"] = _overflown_states(lon0, lat0, samples, r_km, zones)
    object.__setattr__(assessment, "overflown", over)
    return assessment


def _intervals(arcs: pd.DataFrame, hit: Any) -> list[tuple[float, float]]:
    """Clockwise bearing intervals of consecutive arcs whose zone satisfies ``hit``."""
    intervals: list[list[float]] = []
    for zone, a, b in zip(
        arcs["zone"], arcs["bearing_from_deg"], arcs["bearing_to_deg"], strict=True
    ):
        if not hit(zone):
            continue
        if intervals and abs(intervals[-1][1] - a) < 1e-9:
            intervals[-1][1] = b
        else:
            intervals.append([a, b])
    if len(intervals) > 1 and abs(intervals[-1][1] - intervals[0][0]) < 1e-9:
        intervals[0][0] = intervals[-1][0]
        intervals.pop()
    return [(float(a), float(b)) for a, b in intervals]


def _reach_intervals(arcs: pd.DataFrame, state: str) -> list[tuple[float, float]]:
    """Intervals ending in the state's EEZ, territorial sea or land (islands do not split them)."""
    return _intervals(arcs, lambda z: _in_state_eez(z, state) or str(z) == f"{state}:land")


def _summary(a: LaunchAssessment) -> str:
    from launchgeo.findings._summary import summary_text

    return summary_text(a)
