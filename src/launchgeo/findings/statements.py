"""Japan's impact statements, both ways: parse "about 250 km west of X", and write it.

Japan's Ministry of Defense locates each North Korean impact by a rounded distance and a
compass direction from a reference landmark: "about 250 km west of the Oga Peninsula",
"approximately 250 km north-northwest of Hegura-jima". :func:`parse_impact_description`
turns such a statement into an :class:`ImpactEstimate` (a point and the region allowed by
the rounding); :func:`describe_point` writes a point in the same style. The landmarks ship
as cited package data (``launchgeo/findings/data/landmarks.csv``, provenance in ``landmarks.md``).

Rounding model (what a stated figure allows)
---------------------------------------------
*Distance.* A stated figure is read as rounded to the coarsest of these steps that divides
it, and allows half a step either way: 100 for figures of 1,000 or more (``2,200 km`` ->
+-50 km), 50 (``250 km``, ``200 km`` -> +-25 km), 10 (``210 km`` -> +-5 km), 5 (+-2.5),
1 (+-0.5), or the last decimal place. Figures below 1,000 that are multiples of 100 get
+-25, not +-50: Japan's statements move in steps of 50 km ("about 200 km", "about 250 km",
"about 300 km"), so "200" is as precise as "250". The step applies in the stated unit
(``150 nautical miles`` -> +-25 nmi = +-46.3 km). A range ("200-250 km") runs from the low
figure minus its half-step to the high figure plus its half-step; its point estimate is
the midpoint. Qualifiers ("about", "approximately", "some", "~") add nothing: every figure
in these statements is rounded, said or not, and the rounding is what the region encodes.

*Bearing.* Directions are from the landmark to the impact ("250 km west of X": the impact
lies west of X). By default (``bearing_precision="16-point"``) every direction word is
read on the 16-point rose and allows +-11.25 degrees: Japan writes its statements with the
16 points (e.g. 北北西, "north-northwest of Hegura-jima", 2023-06-15), so a plain "west"
means the 16-point sector W, not "somewhere westward". ``bearing_precision="word"``
widens by the word's own rose instead (cardinal +-45, intercardinal +-22.5, 16-point
+-11.25), for paraphrased sources such as news reports.

*Landmark.* Distances are taken from the catalogue point. Japan does not say which point
of an island, peninsula or prefecture it measures from; each landmark records an
``uncertainty_km`` for that, which :meth:`ImpactEstimate.widened_region` adds.

Examples
--------
>>> from launchgeo.findings.statements import describe_point, parse_impact_description
>>> est = parse_impact_description("about 250 km west of the Oga Peninsula, inside Japan's EEZ")
>>> est.landmark.name, est.distance_km, est.bearing_deg
('Oga Peninsula', 250.0, 270.0)
>>> est.distance_min_km, est.distance_max_km, est.bearing_min_deg, est.bearing_max_deg
(225.0, 275.0, 258.75, 281.25)
>>> describe_point(138.6, 39.95)
'about 100 km west of the Oga Peninsula'
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from typing import Any

import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Polygon, box
from shapely.geometry.polygon import orient

from launchgeo import _validate as v
from launchgeo.errors import (
    CoordinateError,
    ParseError,
    RangeError,
    UnknownLandmarkError,
    ValidationError,
)
from launchgeo.findings.landmarks import (
    Landmark,
    _index,
    _key_tokens,
    _known_list,
    _unknown_message,
    landmarks_argument,
    load_gazetteer,
    load_landmarks,
    load_places,
)
from launchgeo.geodesy.core import HALF_MERIDIAN_KM, destination, inverse

__all__ = [
    "BearingPrecision",
    "ImpactEstimate",
    "describe_point",
    "find_impact_descriptions",
    "parse_impact_description",
]

#: Metres per nautical mile and per statute mile (international definitions).
_KM_PER_UNIT = {"km": 1.0, "nmi": 1.852, "mi": 1.609344}

#: The 16 compass points, clockwise from north, as written out.
_POINTS = (
    "north", "north-northeast", "northeast", "east-northeast",
    "east", "east-southeast", "southeast", "south-southeast",
    "south", "south-southwest", "southwest", "west-southwest",
    "west", "west-northwest", "northwest", "north-northwest",
)  # fmt: skip
_ABBREV = (
    "N", "NNE", "NE", "ENE", "E", "ESE", "SE", "SSE",
    "S", "SSW", "SW", "WSW", "W", "WNW", "NW", "NNW",
)  # fmt: skip
_POINTS_JA = (
    "北", "北北東", "北東", "東北東", "東", "東南東", "南東", "南南東",
    "南", "南南西", "南西", "西南西", "西", "西北西", "北西", "北北西",
)  # fmt: skip

#: Within this distance (km) of a cited Japanese landmark, describe_point uses that catalogue.
JAPAN_CATALOGUE_KM = 1000.0

#: Polygon densification: vertex spacing along arcs (degrees of azimuth) and radii (km).
# Largest distance (m) between a region's straight lon/lat edges and its geodesic boundary.
_REGION_TOLERANCE_M = 50.0
#: Widest margin widened_region adds (its azimuthal equidistant buffer stays exact to 0.1 %).
_MAX_MARGIN_KM = 1_000.0


class BearingPrecision(StrEnum):
    """How wide a stated compass direction is read (see the module docstring)."""

    SIXTEEN_POINT = "16-point"
    WORD = "word"


@dataclass(frozen=True, slots=True)
class ImpactEstimate:
    """An impact located by a statement: point, stated figures and the rounding region.

    Usually made by :func:`parse_impact_description`; constructing one directly computes
    the point and region from the figures.

    Attributes
    ----------
    text : str
        The statement as matched ("about 250 km west of the Oga Peninsula").
    landmark : Landmark
        The reference point.
    distance_km, distance_min_km, distance_max_km : float
        Stated distance (midpoint of a stated range) and the interval its rounding allows.
    bearing_deg, bearing_min_deg, bearing_max_deg : float or None
        Stated direction from the landmark, degrees clockwise from north, and its interval;
        ``bearing_min_deg`` > ``bearing_max_deg`` when the interval wraps through north.
        ``None`` for statements without a direction ("about 300 km from the Oki Islands").
    unit : str
        Unit of the stated figure: ``km``, ``nmi`` or ``mi`` (all attributes are in km).
    lon, lat : float or None
        The point at the stated distance and bearing (WGS84 geodesic); ``None`` without a
        bearing.
    region : shapely.Polygon or shapely.MultiPolygon
        Points allowed by the rounding: the geodesic annular sector of the distance and
        bearing intervals (a full annulus without a bearing), in (lon, lat), counter-
        clockwise, split at +-180 degrees, built with :func:`launchgeo.range_fan`: vertices
        lie on the geodesic boundary and the straight edges stray from it by at most 50 m.
    """

    text: str
    landmark: Landmark
    distance_km: float
    distance_min_km: float
    distance_max_km: float
    bearing_deg: float | None = None
    bearing_min_deg: float | None = None
    bearing_max_deg: float | None = None
    unit: str = "km"
    lon: float | None = field(init=False)
    lat: float | None = field(init=False)
    region: Polygon | MultiPolygon = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not isinstance(self.landmark, Landmark):
            raise ValidationError(f"landmark must be a Landmark, got {self.landmark!r}")
        if self.unit not in _KM_PER_UNIT:
            raise ValidationError(f"unit must be one of {sorted(_KM_PER_UNIT)}, got {self.unit!r}")
        d, lo, hi = (
            v.scalar_range_km(getattr(self, name), name)
            for name in ("distance_km", "distance_min_km", "distance_max_km")
        )
        if not lo <= d <= hi:
            raise RangeError(
                f"distance_km {d} must lie within [distance_min_km, distance_max_km] = [{lo}, {hi}]"
            )
        if hi > HALF_MERIDIAN_KM:
            raise RangeError(
                f"distance_max_km={hi!r} is beyond the farthest point of the Earth "
                f"({HALF_MERIDIAN_KM:,.3f} km from any point, its antipode)"
            )
        bearings = (self.bearing_deg, self.bearing_min_deg, self.bearing_max_deg)
        if any(b is None for b in bearings) and not all(b is None for b in bearings):
            raise ValidationError(
                f"bearing_deg, bearing_min_deg, bearing_max_deg must all be set or all None, "
                f"got {bearings!r}"
            )
        for name, value in (("distance_km", d), ("distance_min_km", lo), ("distance_max_km", hi)):
            object.__setattr__(self, name, value)
        lon = lat = None
        if self.bearing_deg is not None:
            brg, bmin, bmax = (
                float(v.azimuths_deg(b, n))
                for b, n in zip(
                    bearings, ("bearing_deg", "bearing_min_deg", "bearing_max_deg"), strict=True
                )
            )
            if not _in_arc(np.asarray(brg), bmin, bmax):
                raise ValidationError(
                    f"bearing_deg {brg} must lie within [bearing_min_deg, bearing_max_deg] = "
                    f"[{bmin}, {bmax}] (clockwise)"
                )
            for name, value in (
                ("bearing_deg", brg), ("bearing_min_deg", bmin), ("bearing_max_deg", bmax)
            ):  # fmt: skip
                object.__setattr__(self, name, value)
            lon, lat = destination(self.landmark.lon, self.landmark.lat, brg, d)
        object.__setattr__(self, "lon", lon)
        object.__setattr__(self, "lat", lat)
        region = _sector(
            self.landmark.lon, self.landmark.lat, lo, hi, self.bearing_min_deg, self.bearing_max_deg
        )
        object.__setattr__(self, "region", region)

    @property
    def distance_interval_km(self) -> tuple[float, float]:
        """(min, max) distance from the landmark allowed by the rounding, in km."""
        return (self.distance_min_km, self.distance_max_km)

    @property
    def bearing_interval_deg(self) -> tuple[float, float]:
        """(min, max) bearing from the landmark, clockwise; (0, 360) without a direction."""
        if self.bearing_min_deg is None or self.bearing_max_deg is None:
            return (0.0, 360.0)
        return (self.bearing_min_deg, self.bearing_max_deg)

    @property
    def compass_point(self) -> str | None:
        """The stated direction written out ("north-northwest"), or None."""
        if self.bearing_deg is None:
            return None
        return _POINTS[round(self.bearing_deg / 22.5) % 16]

    def contains(self, lon: Any, lat: Any) -> Any:
        """Whether points satisfy the statement: exact geodesic test, vectorized.

        A point is inside when its geodesic distance from the landmark lies within
        ``[distance_min_km, distance_max_km]`` and its azimuth from the landmark within the
        bearing interval.

        Examples
        --------
        >>> est = parse_impact_description("about 200 km west of Okushiri Island")
        >>> bool(est.contains(est.lon, est.lat)), bool(est.contains(139.47, 42.15))
        (True, False)
        """
        dist, az, _ = inverse(self.landmark.lon, self.landmark.lat, lon, lat)
        ok = (np.asarray(dist) >= self.distance_min_km) & (np.asarray(dist) <= self.distance_max_km)
        if self.bearing_min_deg is not None and self.bearing_max_deg is not None:
            ok &= _in_arc(np.asarray(az), self.bearing_min_deg, self.bearing_max_deg)
        return bool(ok) if np.ndim(ok) == 0 else ok

    def widened_region(self, margin_km: float | None = None) -> Polygon | MultiPolygon:
        """Return the region grown by ``margin_km`` (default: the landmark's ``uncertainty_km``).

        Use it when the point Japan measured from may differ from the catalogue point
        (a prefecture, a long peninsula). The buffer is taken in an azimuthal equidistant
        projection centred on the landmark, where the sector is exact; its scale error
        across the sector is below 0.1 % within 1,000 km.

        Examples
        --------
        >>> est = parse_impact_description("about 250 km west of Aomori Prefecture")
        >>> est.widened_region().area > est.region.area
        True
        """
        margin = (
            self.landmark.uncertainty_km
            if margin_km is None
            else v.scalar_range_km(margin_km, "margin_km")
        )
        if margin > _MAX_MARGIN_KM:
            raise RangeError(
                f"margin_km must be <= {_MAX_MARGIN_KM:,.0f} km (the buffer is exact to 0.1 % "
                f"within that distance of the landmark), got {margin_km!r}"
            )
        if margin == 0:
            return self.region
        from pyproj import CRS, Transformer

        lm = self.landmark
        aeqd = CRS.from_proj4(f"+proj=aeqd +lat_0={lm.lat} +lon_0={lm.lon} +datum=WGS84 +units=m")
        to_xy = Transformer.from_crs("EPSG:4326", aeqd, always_xy=True)
        to_ll = Transformer.from_crs(aeqd, "EPSG:4326", always_xy=True)
        pieces = self.region.geoms if isinstance(self.region, MultiPolygon) else [self.region]
        grown = []
        for piece in pieces:
            x, y = to_xy.transform(*np.asarray(piece.exterior.coords).T)
            planar = Polygon(np.column_stack([x, y]), [_ring_xy(r, to_xy) for r in piece.interiors])
            buffered = planar.buffer(margin * 1000.0, quad_segs=32)
            lon2, lat2 = to_ll.transform(*np.asarray(buffered.exterior.coords).T)
            lon2 = lm.lon + (np.asarray(lon2) - lm.lon + 180.0) % 360.0 - 180.0
            holes = [_ring_ll(r, to_ll, lm.lon) for r in buffered.interiors]
            grown.append(Polygon(np.column_stack([lon2, lat2]), holes))
        return _finish(shapely.union_all(grown))

    @property
    def __geo_interface__(self) -> dict[str, object]:
        """GeoJSON Feature of the region with the stated figures as properties."""
        return {
            "type": "Feature",
            "geometry": shapely.geometry.mapping(self.region),
            "properties": {
                "text": self.text,
                "landmark": self.landmark.name,
                "distance_km": self.distance_km,
                "distance_min_km": self.distance_min_km,
                "distance_max_km": self.distance_max_km,
                "bearing_deg": self.bearing_deg,
                "bearing_min_deg": self.bearing_min_deg,
                "bearing_max_deg": self.bearing_max_deg,
                "lon": self.lon,
                "lat": self.lat,
            },
        }


# --------------------------------------------------------------------------- parsing

_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_QUAL = (
    r"(?:(?:about|approximately|approx\.?|around|roughly|some|circa|ca\.|an\s+estimated|"
    r"estimated)\s+|~\s*|≈\s*)"
)
_UNITS = (
    r"(?P<nmi>nautical\s+miles?|nmi|nm|n\.\s?m\.)|(?P<mi>statute\s+miles?|miles?|mi)|"
    r"(?P<km>kilomet(?:er|re)s?|kms?)"
)


def _dir_pattern() -> str:
    alts = []
    for word in _POINTS:
        alts.append(r"[\s-]*".join(re.findall("north|south|east|west", word)))
    alts += list(_ABBREV)
    alts.sort(key=len, reverse=True)
    return r"\b(?:" + "|".join(alts) + r")(?:wards?|erly)?\b"


@cache
def _english_re() -> re.Pattern[str]:
    return re.compile(
        rf"(?P<qual>{_QUAL})?(?<![\d.,])(?P<d1>{_NUM})"
        rf"(?:\s*(?:-|–|—|to|~|〜)\s*(?P<d2>{_NUM}))?\s*(?:{_UNITS})(?![^\W\d_])\.?"
        rf"\s+(?:(?:to\s+the|due)\s+)?(?:(?P<dir>{_dir_pattern()})\s+)?"
        r"(?P<prep>of|from|off)\b\s*(?:(?:the\s+)?coast\s+of\s+)?",
        re.IGNORECASE,
    )


def _japanese_re(landmarks: Sequence[Landmark]) -> re.Pattern[str] | None:
    names = sorted({n for lm in landmarks for n in lm.name_ja}, key=len, reverse=True)
    if not names:
        return None
    lm_alt = "|".join(map(re.escape, names))
    dirs = "|".join(sorted(_POINTS_JA, key=len, reverse=True))
    num = rf"(?P<d1>{_NUM})(?:\s*[-~〜]\s*(?P<d2>{_NUM}))?"
    return re.compile(
        rf"(?P<lm>{lm_alt})(?:(?:沖)?の?(?P<dir>{dirs})(?:方向|方|側)?の?|(?P<from>から|より))"
        rf"\s*(?:約|およそ|おおよそ|概ね|ほぼ)?\s*{num}\s*(?P<km>km|キロメートル|キロ)"
    )


def _direction_index(word: str) -> int:
    """Index (0 = north, clockwise) of a direction word among the 16 compass points."""
    if word.upper() in _ABBREV:
        return _ABBREV.index(word.upper())
    letters = "".join(re.findall("north|south|east|west", word.casefold()))
    return [p.replace("-", "") for p in _POINTS].index(letters)


def _halfwidth(figure: str) -> float:
    """Half the rounding step of a stated figure, in its own unit (module docstring)."""
    plain = figure.replace(",", "")
    if "." in plain:
        return 0.5 * 10.0 ** -len(plain.split(".")[1])
    value = int(plain)
    for step in (100, 50, 10, 5):
        if value % step == 0 and value > 0 and (step < 100 or value >= 1000):
            return step / 2.0
    return 0.5


def _precision(value: BearingPrecision | str) -> BearingPrecision:
    try:
        return BearingPrecision(value)
    except ValueError:
        valid = ", ".join(repr(p.value) for p in BearingPrecision)
        raise ValidationError(f"bearing_precision must be one of {valid}, got {value!r}") from None


@cache
def _default_index() -> dict[tuple[str, ...], Landmark]:
    return _index(load_places())


#: Characters after "<distance> <direction> of" searched for the landmark's name. Bounding the
#: window keeps parsing linear in the text's length ("1 km from " * 6000 is 60,000 characters).
_NAME_WINDOW = 160


@dataclass(frozen=True, slots=True)
class _Unknown:
    """A statement whose landmark is unknown; the (costly) message is built only if raised."""

    phrase: str
    landmarks: Sequence[Landmark]

    def error(self) -> UnknownLandmarkError:
        return UnknownLandmarkError(_unknown_message(self.phrase, self.landmarks))


def _statements(
    text: str, landmarks: Sequence[Landmark], precision: BearingPrecision
) -> Iterable[ImpactEstimate | _Unknown]:
    """Every distance statement in ``text``, in order: an estimate or an unknown landmark."""
    norm = unicodedata.normalize("NFKC", text)
    index = _default_index() if landmarks is load_places() else _index(landmarks)
    found: list[tuple[int, ImpactEstimate | _Unknown]] = []
    for m in _english_re().finditer(norm):
        if m.group("dir") is None and m.group("prep").casefold() == "of":
            continue  # "300 km of coastline": not a statement
        start = m.start("d1")
        if start and norm[start - 1] in "-\u2212" and (start < 2 or not norm[start - 2].isdigit()):
            shown = norm[start - 1 : m.end()].strip()
            raise ParseError(f"a distance cannot be negative: {shown!r} in {text!r}")
        rest = norm[m.end() : m.end() + _NAME_WINDOW]
        tokens = _key_tokens(rest)
        if tokens and tokens[0][0] == "the":
            tokens = tokens[1:]
        words = [t for t, _, _ in tokens]
        hit = None
        for n in range(min(len(words), 6), 0, -1):
            if tuple(words[:n]) in index:
                hit = (index[tuple(words[:n])], tokens[n - 1][2])
                break
        unit = "nmi" if m.group("nmi") else "mi" if m.group("mi") else "km"
        if hit is None:
            phrase = re.split(r"[,;:()/\[\]]|\s+(?:and|in|inside|outside|at|over)\s+", rest)[0]
            phrase = " ".join(phrase.split()[:5]) or rest[:30]
            found.append((m.start(), _Unknown(phrase, landmarks)))
            continue
        lm, end = hit
        statement = norm[m.start() : m.end() + end]
        found.append(
            (
                m.start(),
                _estimate(
                    statement, lm, m.group("d1"), m.group("d2"), unit, m.group("dir"), precision
                ),
            )
        )
    ja = _japanese_re(landmarks)
    if ja is not None:
        for m in ja.finditer(norm):
            lm = next(x for x in landmarks if m.group("lm") in x.name_ja)
            direction = None if m.group("from") else _ABBREV[_POINTS_JA.index(m.group("dir"))]
            est = _estimate(m.group(), lm, m.group("d1"), m.group("d2"), "km", direction, precision)
            found.append((m.start(), est))
    return [item for _, item in sorted(found, key=lambda pair: pair[0])]


def _estimate(
    statement: str,
    landmark: Landmark,
    d1: str,
    d2: str | None,
    unit: str,
    direction: str | None,
    precision: BearingPrecision,
) -> ImpactEstimate:
    scale = _KM_PER_UNIT[unit]
    lo, hi = float(d1.replace(",", "")), float((d2 or d1).replace(",", ""))
    if hi < lo:
        raise ParseError(f"distance range {d1}-{d2} in {statement!r} runs backwards")
    dmin = (lo - _halfwidth(d1)) * scale
    dmax = (hi + _halfwidth(d2 or d1)) * scale
    dist = (lo + hi) / 2.0 * scale
    if dist > HALF_MERIDIAN_KM or dmin >= HALF_MERIDIAN_KM:
        raise ParseError(
            f"{statement.strip()!r} puts the impact beyond the farthest point of the Earth "
            f"(its antipode, {HALF_MERIDIAN_KM:,.1f} km from {landmark.name})"
        )
    dmax = min(dmax, HALF_MERIDIAN_KM)  # the rounding allows no point farther than that
    bearing = bmin = bmax = None
    if direction is not None:
        idx = _direction_index(direction)
        bearing = idx * 22.5
        if precision is BearingPrecision.WORD:
            half = 45.0 if idx % 4 == 0 else 22.5 if idx % 2 == 0 else 11.25
        else:
            half = 11.25
        bmin, bmax = (bearing - half) % 360.0, (bearing + half) % 360.0
    try:
        return ImpactEstimate(
            text=statement.strip(),
            landmark=landmark,
            distance_km=dist,
            distance_min_km=max(dmin, 0.0),
            distance_max_km=dmax,
            bearing_deg=bearing,
            bearing_min_deg=bmin,
            bearing_max_deg=bmax,
            unit=unit,
        )
    except RangeError as exc:  # e.g. a bearing sector no geodesic reaches near the antipode
        raise ParseError(f"{statement.strip()!r}: {exc}") from exc


def _accepted_forms(landmarks: Sequence[Landmark]) -> str:
    return (
        "expected '<distance> <unit> <direction> of <landmark>' such as 'about 250 km west "
        "of the Oga Peninsula', '~350 km N of Dogo (Oki Islands)', 'about 200-250 km west of "
        "Okushiri Island', '150 nautical miles NNW of Hegura-jima', or '<distance> from "
        "<landmark>' without a direction; units km, nautical miles/nm/nmi, miles/mi; "
        "directions: the 16 compass points written out (north-northwest) or abbreviated "
        "(NNW); Japanese '<地名>の<方位>約<N>km' also works. "
        f"Known landmarks: {_known_list(landmarks)}."
    )


def parse_impact_description(
    text: str,
    *,
    landmarks: Sequence[Landmark] | None = None,
    bearing_precision: BearingPrecision | str = BearingPrecision.SIXTEEN_POINT,
) -> ImpactEstimate:
    """Read the first impact statement in ``text`` ("about 250 km west of X").

    Text before the statement ("fell ~04:11 ...") and after it (", Akita Pref., inside
    Japan's EEZ") is ignored; :func:`find_impact_descriptions` returns every statement.

    Parameters
    ----------
    text : str
        A statement or a sentence containing one.
    landmarks : sequence of Landmark, optional
        Reference points to resolve names against (default: :func:`load_landmarks`).
    bearing_precision : {"16-point", "word"}
        How wide a direction word is read (module docstring).

    Returns
    -------
    ImpactEstimate

    Raises
    ------
    ParseError
        If ``text`` holds no statement of an accepted form (the message lists them).
    UnknownLandmarkError
        If the first statement names a place not in ``landmarks`` (the message lists them).

    Examples
    --------
    >>> est = parse_impact_description("approximately 250 km north-northwest of Hegura-jima")
    >>> est.bearing_deg, est.bearing_min_deg, est.bearing_max_deg
    (337.5, 326.25, 348.75)
    >>> parse_impact_description("some 300 km north of Dogo in the Oki Islands").landmark.name
    'Dogo'
    >>> round(parse_impact_description("about 150 nautical miles NW of Okushiri").distance_km, 1)
    277.8
    >>> parse_impact_description("~350 km E of North Korea's east coast")
    Traceback (most recent call last):
    ...
    launchgeo.errors.UnknownLandmarkError: "North Korea's east coast" is a country ...
    """
    found = _find(text, landmarks, bearing_precision)
    first = found[0]
    if isinstance(first, _Unknown):
        raise first.error()
    return first


def find_impact_descriptions(
    text: str,
    *,
    landmarks: Sequence[Landmark] | None = None,
    bearing_precision: BearingPrecision | str = BearingPrecision.SIXTEEN_POINT,
    skip_unknown: bool = False,
) -> tuple[ImpactEstimate, ...]:
    """Every impact statement in ``text``, in order.

    Useful for reports that give two references for one impact ("about 300 km from the
    Oki Islands and ~500 km from Sado Island"): intersect the regions.

    Parameters
    ----------
    skip_unknown : bool
        Drop statements whose landmark is unknown (e.g. "350 km east of North Korea's east
        coast") instead of raising :class:`UnknownLandmarkError`.

    Examples
    --------
    >>> a, b = find_impact_descriptions(
    ...     "about 300 km from the Oki Islands and ~500 km from Sado Island")
    >>> a.landmark.name, b.landmark.name, a.region.intersects(b.region)
    ('Oki Islands', 'Sado Island', True)
    """
    found = _find(text, landmarks, bearing_precision)
    out = []
    for item in found:
        if isinstance(item, _Unknown):
            if skip_unknown:
                continue
            raise item.error()
        out.append(item)
    return tuple(out)


def _find(
    text: str, landmarks: Sequence[Landmark] | None, bearing_precision: BearingPrecision | str
) -> list[ImpactEstimate | _Unknown]:
    if not isinstance(text, str):
        raise ParseError(f"an impact description must be a string, got {text!r}")
    v.text_length(text, "an impact description")
    cat = landmarks_argument(landmarks, load_places)
    found: list[ImpactEstimate | _Unknown] = list(
        _statements(text, cat, _precision(bearing_precision))
    )
    if not found:
        at = _at_landmark(text, cat)
        if at is None:
            raise ParseError(f"no impact statement found in {_shown(text)}: {_accepted_forms(cat)}")
        found = [at]
    return found


#: The text "at <landmark>" (what describe_point writes within 0.5 km of a landmark).
_AT = re.compile(r"\s*(?:(?:about|approximately|near(?:ly)?)\s+)?at\s+(?P<rest>.+?)[\s.]*", re.I)


def _at_landmark(text: str, landmarks: Sequence[Landmark]) -> ImpactEstimate | None:
    """"at Okushiri Island": the landmark itself, within half a kilometre (or None)."""
    m = _AT.fullmatch(unicodedata.normalize("NFKC", text))
    if m is None:
        return None
    words = [t for t, _, _ in _key_tokens(m.group("rest"))]
    if words and words[0] == "the":
        words = words[1:]
    index = _default_index() if landmarks is load_places() else _index(landmarks)
    landmark = index.get(tuple(words))
    if landmark is None:
        return None
    return ImpactEstimate(
        text=text.strip(), landmark=landmark, distance_km=0.0, distance_min_km=0.0,
        distance_max_km=0.5,
    )  # fmt: skip


def _shown(text: str) -> str:
    """A text in a message: its repr, cut to 200 characters."""
    shown = repr(text)
    return shown if len(shown) <= 200 else f"{shown[:150]}...{shown[-40:]} ({len(text):,} chars)"


# --------------------------------------------------------------------------- geometry


def _in_arc(az: np.ndarray, lo: float, hi: float) -> np.ndarray:
    az = np.mod(az, 360.0)
    return (az >= lo) & (az <= hi) if lo <= hi else (az >= lo) | (az <= hi)


def _ring_xy(ring: Any, to_xy: Any) -> np.ndarray:
    x, y = to_xy.transform(*np.asarray(ring.coords).T)
    return np.column_stack([x, y])


def _ring_ll(ring: Any, to_ll: Any, lon0: float) -> np.ndarray:
    lon, lat = to_ll.transform(*np.asarray(ring.coords).T)
    lon = lon0 + (np.asarray(lon) - lon0 + 180.0) % 360.0 - 180.0
    return np.column_stack([lon, lat])


def _finish(geom: Any) -> Polygon | MultiPolygon:
    """Split at +-180 degrees and orient counter-clockwise (RFC 7946)."""
    minx, _, maxx, _ = geom.bounds
    if minx < -180.0 or maxx > 180.0:
        world = box(-180.0, -90.0, 180.0, 90.0)
        parts = [
            shapely.affinity.translate(geom, xoff=off).intersection(world) for off in (-360, 0, 360)
        ]
        geom = shapely.union_all([p for p in parts if not p.is_empty])
    if isinstance(geom, Polygon):
        return orient(geom, 1.0)
    return MultiPolygon([orient(p, 1.0) for p in geom.geoms])


def _sector(
    lon0: float, lat0: float, dmin: float, dmax: float, bmin: float | None, bmax: float | None
) -> Polygon | MultiPolygon:
    """Geodesic annular sector (or full annulus when ``bmin`` is None) from (lon0, lat0).

    Built by :mod:`~launchgeo.geodesy.rings`, so it is valid anywhere (poles and +-180 included)
    and its straight edges stay within ``_REGION_TOLERANCE_M`` of the true geodesic boundary.
    """
    from launchgeo.geodesy.rings import range_band, range_fan, range_ring

    center = (lon0, lat0)
    if bmin is None or bmax is None:
        if dmin > 0:
            return range_band(center, dmin, dmax, tolerance_m=_REGION_TOLERANCE_M).geometry
        return range_ring(center, dmax, tolerance_m=_REGION_TOLERANCE_M).geometry
    return range_fan(
        center,
        dmax,
        bearing_from_deg=bmin,
        bearing_to_deg=bmax,
        min_range_km=dmin,
        tolerance_m=_REGION_TOLERANCE_M,
    ).geometry


# --------------------------------------------------------------------------- describing


def _round_distance(dist_km: float) -> int:
    """Round like the statements: 1 km below 10, 10 below 100, 50 below 1,000, then 100."""
    step = 1 if dist_km < 9.5 else 10 if dist_km < 97.5 else 50 if dist_km < 975 else 100
    return int(math.floor(dist_km / step + 0.5) * step)


def describe_point(
    lon: float,
    lat: float,
    *,
    landmarks: Sequence[Landmark] | None = None,
) -> str:
    """Describe a point as Japan does: "about 250 km west of the Oga Peninsula".

    The reference is the nearest landmark (geodesic distance) among ``landmarks``; by
    default the cited Japanese catalogue without prefectures (a distance "from a prefecture"
    does not say where it is measured from) for points within 1,000 km of one of its
    landmarks, as Japan's statements do, and the nearest place of the world gazetteer
    (:func:`~launchgeo.findings.landmarks.load_gazetteer`) farther away. The distance is
    rounded to 1 km below 10 km, 10 km below 100 km, 50 km below 1,000 km and 100 km beyond,
    so that :func:`parse_impact_description` of the text gives a region containing the point;
    the direction is the nearest of the 16 compass points. A point within 0.5 km of the
    landmark is described as "at <landmark>". Japan sometimes names a landmark that is not
    the nearest (an impact 250 km west of the Oga Peninsula is nearer Hegura-jima); pass
    ``landmarks=[...]`` to choose the reference.

    Raises
    ------
    CoordinateError
        If ``lon``/``lat`` are not finite scalars or ``lat`` is outside [-90, 90].

    Examples
    --------
    >>> describe_point(137.0, 40.3)
    'about 250 km west-southwest of Oshima-Oshima'
    >>> est = parse_impact_description(describe_point(137.0, 40.3))
    >>> bool(est.contains(137.0, 40.3))
    True
    >>> describe_point(170.0, 10.0)  # far from Japan: the world gazetteer
    'about 150 km south of Utrik'
    """
    lon_a, lat_a = v.lon_lat(lon, lat)
    if lon_a.ndim or lat_a.ndim:
        raise CoordinateError(f"describe_point takes one point, got lon={lon!r}, lat={lat!r}")
    if landmarks is None:
        cands = tuple(lm for lm in load_landmarks() if lm.kind != "prefecture")
        ref, d, az = _nearest(cands, float(lon_a), float(lat_a))
        if d > JAPAN_CATALOGUE_KM:  # far from Japan's landmarks: the world gazetteer
            ref, d, az = _nearest(load_gazetteer(), float(lon_a), float(lat_a))
    else:
        cands = landmarks_argument(landmarks, load_places)
        if not cands:
            raise ValidationError(
                f"landmarks must hold at least one Landmark, got an empty sequence {landmarks!r}"
            )
        ref, d, az = _nearest(cands, float(lon_a), float(lat_a))
    if d < 0.5:
        return f"at {ref.display_name}"
    point = _POINTS[round(az / 22.5) % 16]
    return f"about {_round_distance(d):,} km {point} of {ref.display_name}"


def _nearest(cands: Sequence[Landmark], lon: float, lat: float) -> tuple[Landmark, float, float]:
    """Nearest landmark (geodesic), its distance (km) and the azimuth from it to the point."""
    dist, az, _ = inverse(
        np.array([lm.lon for lm in cands]), np.array([lm.lat for lm in cands]), lon, lat
    )
    i = int(np.argmin(dist))
    return cands[i], float(dist[i]), float(az[i])
