"""Impact text as reports write it: every reading of it, or exactly why there is none.

:func:`parse_impact_description` reads one statement ("about 250 km west of the Oga
Peninsula"). Real descriptions hold more: alternatives ("about 300 km NNW (some reports: N) of
the Oga Peninsula"; "300-350 km W of Oga Peninsula; revised: 200-450 km N of Noto
Peninsula"), two references for one impact ("about 300 km from the Oki Islands and ~500 km
from Sado Island"), South Korean JCS-style flights ("flew about 600 km", "flew east ~800 km
into the East Sea") and text that locates nothing ("fell in the Sea of Japan").
:func:`parse_impact_text` keeps all of it:

* **Readings.** The text is cut into parts at ``;`` and `` / `` (alternatives: different
  sources, revisions). A bracket that replaces one figure of the statement before it ("NNW
  (some reports: N)", "250 km (or 300 km)") makes a second version of that statement; the
  other brackets are read as parts of their own. Within one part, statements joined by "and"
  or "," constrain the same impact: their regions are intersected (when they do not overlap,
  each stays a reading of its own). Every reading has its region; :attr:`ImpactText.region`
  is their union. No reading is preferred: :func:`launchgeo.assess_events` reports the
  probability of the statement under each.
* **Flights.** "flew (about) N km", "N km from the launch site", "flew <direction>" and a
  trailing "~N km <direction>" describe the flight from the launch point: a
  :class:`FlightReading` (distance interval, bearing interval if given, the sea named by
  "into the East Sea"). The launch point is not in the text, so the check is made where it
  is known (:func:`launchgeo.assess_events`).
* **Figures.** As in :mod:`launchgeo.findings.statements`: ranges ("200–250 km"), km,
  nautical miles and miles, "about/approximately/some/roughly/~", Japanese text; "up to N"
  means 0 to N.
* **Refusals.** When no reading and no flight can be made, :attr:`ImpactText.refusal` says
  why in words (a coast or a country is not a point; no distance is given; the landmark is
  unknown, with the closest names).

Parsing is linear in the length of the text.

Examples
--------
>>> t = parse_impact_text("about 300 km NNW (some reports: N) of the Oga Peninsula")
>>> [(r.estimates[0].compass_point, r.label) for r in t.readings]
[('north-northwest', 'as stated'), ('north', 'some reports: N')]
>>> t = parse_impact_text("flew east about 800 km into the East Sea")
>>> t.flight.distance_min_km, t.flight.distance_max_km, t.flight.bearing_deg, t.flight.sea
(775.0, 825.0, 90.0, 'Sea of Japan')
>>> print(parse_impact_text("fell in the Sea of Japan outside Japan's EEZ").refusal)
... # doctest: +NORMALIZE_WHITESPACE
no distance in the text: it says where (Sea of Japan), not how far from a landmark or the
launch point
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import shapely

from launchgeo import _validate as v
from launchgeo.errors import ParseError
from launchgeo.findings.landmarks import Landmark, landmarks_argument, load_places
from launchgeo.findings.statements import (
    _KM_PER_UNIT,
    _NUM,
    _QUAL,
    _UNITS,
    BearingPrecision,
    ImpactEstimate,
    _dir_pattern,
    _direction_index,
    _halfwidth,
    _precision,
    _statements,
    _Unknown,
)

__all__ = ["FlightReading", "ImpactReading", "ImpactText", "parse_impact_text"]

#: Most readings kept from one text (alternatives multiply).
_MAX_READINGS = 12
#: Longest bracket read as a substitution or a part.
_MAX_BRACKET = 200

_SEAS = {
    "east sea": "Sea of Japan", "sea of japan": "Sea of Japan", "japan sea": "Sea of Japan",
    "west sea": "Yellow Sea", "yellow sea": "Yellow Sea", "east china sea": "East China Sea",
    "pacific": "Pacific Ocean", "pacific ocean": "Pacific Ocean", "日本海": "Sea of Japan",
    "太平洋": "Pacific Ocean", "黄海": "Yellow Sea", "東シナ海": "East China Sea",
}  # fmt: skip


@dataclass(frozen=True)
class ImpactReading:
    """One way of reading an impact text: its statements and the region they allow.

    Attributes
    ----------
    text : str
        The part of the text this reading comes from (with substitutions applied).
    label : str
        ``"as stated"``, or what makes it an alternative ("some reports: N", "part 2").
    estimates : tuple of ImpactEstimate
        The statements that constrain the impact together.
    region : shapely.Polygon or shapely.MultiPolygon
        The intersection of their regions (lon/lat, as :attr:`ImpactEstimate.region`).
    lon, lat : float or None
        The point of the first statement with a direction, when it lies in ``region``.
    """

    text: str
    label: str
    estimates: tuple[ImpactEstimate, ...]
    region: Any = field(repr=False, compare=False)
    lon: float | None = None
    lat: float | None = None


@dataclass(frozen=True)
class FlightReading:
    """A flight described from the launch point ("flew about 600 km east into the East Sea").

    Attributes
    ----------
    text : str
        The words it was read from.
    distance_km, distance_min_km, distance_max_km : float
        Stated distance and the interval its rounding allows ("up to N": from 0).
    bearing_deg, bearing_min_deg, bearing_max_deg : float or None
        Stated direction and its interval (word precision: a cardinal direction allows
        +-45 degrees, as paraphrased flight directions are), or None.
    sea : str or None
        The sea named ("into the East Sea" -> "Sea of Japan"), not used as geometry.
    """

    text: str
    distance_km: float | None
    distance_min_km: float | None
    distance_max_km: float | None
    bearing_deg: float | None = None
    bearing_min_deg: float | None = None
    bearing_max_deg: float | None = None
    sea: str | None = None


@dataclass(frozen=True)
class ImpactText:
    """Everything an impact text says about where the impact was.

    Attributes
    ----------
    text : str
        The text as given.
    readings : tuple of ImpactReading
        Every reading of its landmark statements (alternatives kept, none preferred).
    flight : FlightReading or None
        A flight described from the launch point, if any.
    sea : str or None
        A sea the text names ("Sea of Japan"), for the record.
    refusal : str or None
        Why nothing could be read, when ``readings`` is empty and ``flight`` is None.
    notes : tuple of str
        Parts that were not read, and why (an unknown landmark, a coast as reference).
    """

    text: str
    readings: tuple[ImpactReading, ...]
    flight: FlightReading | None = None
    sea: str | None = None
    refusal: str | None = None
    notes: tuple[str, ...] = ()

    @property
    def region(self) -> Any:
        """Union of the readings' regions (None without a reading)."""
        if not self.readings:
            return None
        return shapely.union_all([r.region for r in self.readings])


# --------------------------------------------------------------------------- brackets

_ATTRIBUTION = re.compile(
    r"^(?:(?:some|other|several|earlier|later|initial|first|revised|japanese|korean|us)\s+)?"
    r"(?:reports?|sources?|estimates?|accounts?|figures?)\s*(?:say|said|gave|give)?\s*[:,]?\s*|"
    r"^(?:or|alternatively|also|i\.e\.|e\.g\.|possibly|perhaps|maybe)\s*[:,]?\s*|"
    r"^(?:per|according\s+to)\s+[^:,]{1,40}[:,]\s*|^[A-Z][\w .'/-]{0,30}:\s*",
    re.IGNORECASE,
)


_BRACKET = re.compile(r"\(([^()]{0,%s})\)".replace("%s", str(_MAX_BRACKET)))
_RANGE = rf"{_NUM}(?:\s*(?:-|–|—|to|~|〜)\s*{_NUM})?"


@functools.cache
def _dir_re() -> re.Pattern[str]:
    return re.compile(_dir_pattern(), re.IGNORECASE)


@functools.cache
def _distance_re() -> re.Pattern[str]:
    return re.compile(rf"(?<![\d.,]){_RANGE}(?:\s*(?:{_UNITS})(?![^\W\d_]))?", re.IGNORECASE)


def _substitutions(text: str) -> list[tuple[str, str]]:
    """The text without brackets, then one version per bracket that replaces a figure."""
    brackets = list(_BRACKET.finditer(text))
    if not brackets:
        return [(text, "as stated")]
    plain = _BRACKET.sub(lambda m: _bracket_part(m.group(1)), text)
    versions = [(" ".join(plain.split()), "as stated")]
    for m in brackets[:_MAX_READINGS]:
        inner = m.group(1).strip()
        alt = _ATTRIBUTION.sub("", inner, count=1).strip()
        before = text[: m.start()]
        cut = max(before.rfind(";"), before.rfind(" / "))
        kind = None
        if _dir_re().fullmatch(alt):
            kind = "dir"
            targets = list(_dir_re().finditer(before, cut + 1))
        elif _distance_re().fullmatch(alt):
            kind = "dist"
            targets = list(_distance_re().finditer(before, cut + 1))
        if kind is None or not targets:
            continue
        t = targets[-1]
        new = before[: t.start()] + alt + before[t.end() :] + text[m.end() :]
        versions.append((" ".join(_BRACKET.sub(" ", new).split()), inner))
    return versions


def _bracket_part(inner: str) -> str:
    """A bracket that is not a substitution: kept as a part of its own if it states a place."""
    alt = _ATTRIBUTION.sub("", inner.strip(), count=1).strip()
    if _dir_re().fullmatch(alt) or _distance_re().fullmatch(alt):
        return " "
    return f"; {inner} ;" if re.search(r"\d", inner) else " "


# --------------------------------------------------------------------------- flights

_FLY = (
    r"\b(?:flew|flown|flying|fly|travell?ed|travell?ing|flight\s+(?:distance\s+)?of|"
    r"range\s+of|distance\s+of)\b"
)
_UPTO = r"(?:up\s+to|as\s+far\s+as|at\s+most|no\s+more\s+than)"


@functools.cache
def _flight_res() -> tuple[re.Pattern[str], ...]:
    d = _dir_pattern()
    fig = (
        rf"(?P<upto>{_UPTO}\s*)?(?:{_QUAL})?(?P<d1>{_NUM})(?:\s*(?:-|–|—|to|~|〜)\s*"
        rf"(?P<d2>{_NUM}))?\s*(?:{_UNITS})(?![^\W\d_])"
    )
    return (
        re.compile(
            rf"{_FLY}\s+(?:(?P<dir1>{d})\s+)?(?:for\s+)?{fig}(?:\s+(?:to\s+the\s+|due\s+)?"
            rf"(?P<dir2>{d}))?",
            re.IGNORECASE,
        ),
        re.compile(
            rf"{fig}\s+(?:(?P<dir1>{d})\s+)?from\s+(?:the\s+)?launch(?:\s+(?:site|point|pad|"
            r"location|area))?\b",
            re.IGNORECASE,
        ),
        re.compile(rf"{fig}\s+(?P<dir1>{d})(?!\s*(?:of|from|off)\b)(?![\w-])", re.IGNORECASE),
        re.compile(rf"{_FLY}\s+(?P<dir1>{d})(?!\s*(?:of|from|off)\b)", re.IGNORECASE),
    )


def _bearing(word: str) -> tuple[float, float, float]:
    """Direction word -> (bearing, min, max) at the word's own precision (flights)."""
    idx = _direction_index(word)
    half = 45.0 if idx % 4 == 0 else 22.5 if idx % 2 == 0 else 11.25
    b = idx * 22.5
    return b, (b - half) % 360.0, (b + half) % 360.0


def _flight(text: str) -> FlightReading | None:
    distance: tuple[float, float, float] | None = None
    direction: tuple[float, float, float] | None = None
    words = []
    for pattern in _flight_res():
        m = pattern.search(text)
        if m is None:
            continue
        groups = m.groupdict()
        if distance is None and groups.get("d1"):
            unit = "nmi" if groups.get("nmi") else "mi" if groups.get("mi") else "km"
            scale = _KM_PER_UNIT[unit]
            d1, d2 = groups["d1"], groups.get("d2") or groups["d1"]
            lo, hi = float(d1.replace(",", "")), float(d2.replace(",", ""))
            if hi < lo:
                continue
            dmin = 0.0 if groups.get("upto") else max(lo - _halfwidth(d1), 0.0) * scale
            distance = ((lo + hi) / 2 * scale, dmin, (hi + _halfwidth(d2)) * scale)
            words.append(m.group().strip())
        word = groups.get("dir1") or groups.get("dir2")
        if direction is None and word:
            direction = _bearing(word)
            if m.group().strip() not in words:
                words.append(m.group().strip())
    if distance is None and direction is None:
        return None
    return FlightReading(
        text="; ".join(words),
        distance_km=None if distance is None else distance[0],
        distance_min_km=None if distance is None else distance[1],
        distance_max_km=None if distance is None else distance[2],
        bearing_deg=None if direction is None else direction[0],
        bearing_min_deg=None if direction is None else direction[1],
        bearing_max_deg=None if direction is None else direction[2],
        sea=_sea(text),
    )


def _sea(text: str) -> str | None:
    m = re.search(
        r"(east\s+china\s+sea|east\s+sea|sea\s+of\s+japan|japan\s+sea|west\s+sea|yellow\s+sea|"
        r"pacific(?:\s+ocean)?|日本海|太平洋|黄海|東シナ海)",
        text,
        re.IGNORECASE,
    )
    return None if m is None else _SEAS[" ".join(m.group(1).casefold().split())]


# --------------------------------------------------------------------------- readings


def _parts(version: str) -> list[tuple[str, str]]:
    out = []
    pieces = [p.strip() for p in re.split(r";|\s/\s", version) if p.strip()]
    for i, piece in enumerate(pieces):
        head = re.match(r"^([^:]{2,40}):\s", piece)
        if head and re.search(rf"{_NUM}\s*(?:{_UNITS})", head.group(1), re.IGNORECASE):
            head = None
        label = head.group(1).strip() if head else (f"part {i + 1}" if len(pieces) > 1 else "")
        out.append((piece, label))
    return out


def _readings(
    versions: list[tuple[str, str]], landmarks: Sequence[Landmark], precision: BearingPrecision
) -> tuple[list[ImpactReading], list[str]]:
    readings: list[ImpactReading] = []
    notes: list[str] = []
    seen: set[tuple[Any, ...]] = set()
    unknown: list[_Unknown] = []
    for version, vlabel in versions:
        for part, plabel in _parts(version):
            found = list(_statements(part, landmarks, precision))
            unknown += [u for u in found if isinstance(u, _Unknown)]
            ests = [e for e in found if isinstance(e, ImpactEstimate)]
            if not ests:
                continue
            label = " / ".join(x for x in (vlabel if vlabel != "as stated" else "", plabel) if x)
            for group in _groups(ests):
                key = tuple((e.landmark.name, e.distance_min_km, e.distance_max_km,
                             e.bearing_min_deg, e.bearing_max_deg) for e in group)  # fmt: skip
                if key in seen or len(readings) >= _MAX_READINGS:
                    continue
                seen.add(key)
                readings.append(_reading(part, label or "as stated", group))
    for u in unknown[:3]:
        notes.append(str(u.error()).split(" Known landmarks")[0].split(" Point landmarks")[0])
    return readings, notes


def _groups(ests: list[ImpactEstimate]) -> list[tuple[ImpactEstimate, ...]]:
    """Statements of one part: intersected when they overlap, else each on its own."""
    region = ests[0].region
    for e in ests[1:]:
        region = shapely.intersection(region, e.region)
    if len(ests) > 1 and region.is_empty:
        return [(e,) for e in ests]
    return [tuple(ests)]


def _reading(part: str, label: str, group: tuple[ImpactEstimate, ...]) -> ImpactReading:
    region = group[0].region
    for e in group[1:]:
        region = shapely.intersection(region, e.region)
    lon = lat = None
    for e in group:
        if (
            e.lon is not None
            and e.lat is not None
            and (len(group) == 1 or shapely.intersects_xy(region, e.lon, e.lat))
        ):
            lon, lat = e.lon, e.lat
            break
    return ImpactReading(part, label, group, region, lon, lat)


def _refusal(text: str, notes: list[str]) -> str:
    if notes:
        return "no usable statement: " + "; ".join(notes)
    if _distance_re().search(text) and re.search(rf"{_NUM}\s*(?:{_UNITS})", text, re.I):
        return (
            "a distance without a point to measure it from: expected '<distance> <direction> "
            "of <landmark>', '<distance> from <landmark>', or a flight ('flew about 600 km')"
        )
    sea = _sea(text)
    where = f" ({sea})" if sea else ""
    return (
        f"no distance in the text: it says where{where}, not how far from a landmark or "
        "the launch point"
    )


def parse_impact_text(
    text: str,
    *,
    landmarks: Sequence[Landmark] | None = None,
    bearing_precision: BearingPrecision | str = BearingPrecision.SIXTEEN_POINT,
) -> ImpactText:
    """Every reading of an impact text, its flight, or why there is none (module docstring).

    Parameters
    ----------
    text : str
        An impact description as reported.
    landmarks : sequence of Landmark, optional
        Reference points (default: the cited landmarks and the world gazetteer).
    bearing_precision : {"16-point", "word"}
        How wide a landmark statement's direction is read (see
        :mod:`launchgeo.findings.statements`); flight directions are always read at the
        word's own precision.

    Returns
    -------
    ImpactText
        Never raises on text it cannot read: ``refusal`` says why.

    Raises
    ------
    ParseError
        If ``text`` is not a string.

    Examples
    --------
    >>> t = parse_impact_text("MoD day-1: 300-350 km W of Oga Peninsula (Akita); revised "
    ...                       "2017-03-09: 200-450 km N of Noto Peninsula (Ishikawa)")
    >>> [(r.label, r.estimates[0].landmark.name) for r in t.readings]
    [('MoD day-1', 'Oga Peninsula'), ('revised 2017-03-09', 'Noto Peninsula')]
    >>> t = parse_impact_text("about 300 km from the Oki Islands and ~500 km from Sado Island")
    >>> len(t.readings), len(t.readings[0].estimates)
    (1, 2)
    >>> t = parse_impact_text("Sea of Japan about 350 km east of North Korea's east coast")
    >>> print(t.refusal)  # doctest: +ELLIPSIS
    no usable statement: "North Korea's east coast" is a country (or its coastline) ...
    """
    if not isinstance(text, str):
        raise ParseError(f"an impact description must be a string, got {text!r}")
    v.text_length(text, "an impact description")
    cat = landmarks_argument(landmarks, load_places)
    norm = unicodedata.normalize("NFKC", text)
    versions = _substitutions(norm)
    readings, notes = _readings(versions, cat, _precision(bearing_precision))
    flight = _flight(versions[0][0])  # brackets that only replace a figure are gone
    refusal = None if readings or flight else _refusal(norm, notes)
    return ImpactText(text, tuple(readings), flight, _sea(norm), refusal, tuple(notes))
