r"""Coordinates as people write them: decimal degrees, DMS, DDM, hemisphere letters, MGRS.

:func:`parse_coordinates` reads one point from text and returns ``(lon, lat)`` in degrees;
:func:`parse_lon` and :func:`parse_lat` read one angle (the CLI's ``--lon``/``--lat``). Every
function that takes a centre (``range_ring``, ``assess_launch``, ...) accepts the same text
where it is not a launch-site name.

Accepted forms (spaces optional, letters in either case):

- decimal degrees: ``"39.2239, 125.67"``, ``"39.2239 125.67"``, ``"-33.87, 151.21"``;
- with hemisphere letters before or after: ``"39.2239N 125.67E"``, ``"N39.2239 E125.67"``,
  ``"125.67E, 39.2239N"`` (the letters decide which is which), ``"39.2239 N, 125.67 E"``;
- degrees, minutes, seconds with any of ``° ' "``, ``′ ″``, ``d m s`` or the words
  ``deg min sec``: ``39°13'26"N 125°40'12"E``, ``39d13m26sN 125d40m12sE``,
  ``39 13 26 N 125 40 12 E``;
- degrees and decimal minutes: ``39°13.43'N 125°40.2'E``;
- labelled: ``"lat 39.2239, lon 125.67"``, ``"lon=125.67 lat=39.2239"``;
- Japanese: ``北緯39度13分26秒 東経125度40分12秒``;
- MGRS: ``"51SYD3048645019"``, ``"51S YD 30486 45019"`` (any precision; the centre of the grid
  square), through the ``mgrs`` package (MIT).

**The one rule for ambiguous text**: two numbers without hemisphere letters or labels are read
*latitude first*, as ISO 6709, maps, GPS receivers and official statements write them. (In
Python, numbers are ``(lon, lat)`` everywhere in launchgeo; text is for people.) Pass
``order="lonlat"`` to read such text longitude first. Text whose first number cannot be a
latitude (``"125.67, 39.22"``) is refused, not swapped: write the letters.

Everything else is refused with :class:`~launchgeo.errors.CoordinateError`, naming the text,
what was understood of it, and the accepted forms.

Examples
--------
>>> parse_coordinates("39°13'26\"N 125°40'12\"E")
(125.67, 39.22388888888889)
>>> parse_coordinates("125.67E, 39.2239N")
(125.67, 39.2239)
>>> parse_coordinates("39.2239, 125.67")          # no letters: latitude first
(125.67, 39.2239)
>>> parse_coordinates("39.2239, 125.67", order="lonlat")
Traceback (most recent call last):
...
launchgeo.errors.CoordinateError: cannot read '39.2239, 125.67' as coordinates: latitude 125.67 ...
>>> parse_lon("125°40'E")
125.66666666666667
"""

from __future__ import annotations

import math
import re
import unicodedata
import warnings
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from launchgeo.errors import CoordinateError

__all__ = ["ACCEPTED_FORMS", "AxisOrder", "parse_coordinates", "parse_lat", "parse_lon"]

#: Short list of the accepted forms, quoted in every error message.
ACCEPTED_FORMS = (
    "accepted forms: decimal degrees '39.2239, 125.67' (latitude first without letters), "
    "'39.2239N 125.67E', 'N39.2239 E125.67', '125.67E, 39.2239N'; degrees-minutes-seconds "
    "39°13'26\"N 125°40'12\"E or 39d13m26sN 125d40m12sE; degrees and decimal minutes "
    "39°13.43'N 125°40.2'E; labelled 'lat 39.2239, lon 125.67'; MGRS '51SYD3048645019'"
)


#: The forms of one angle (``parse_lon``/``parse_lat``), quoted in their error messages.
_AXIS_FORMS = (
    "accepted forms of one angle: decimal degrees '125.67' or '-77.04', with a letter "
    "'125.67E' or 'W77.04', DMS 125°40'12\"E or 125d40m12sE, DDM 125°40.2'E"
)


class AxisOrder(StrEnum):
    """How to read two numbers that carry no hemisphere letters or labels."""

    LATLON = "latlon"
    LONLAT = "lonlat"


# -- normalization -------------------------------------------------------------------------------

#: Symbols people use, by what they mean (applied before NFKC, which turns "º" into "o").
_SYMBOLS = {
    "°": "°", "º": "°", "˚": "°", "⁰": "°", "度": "°",
    "'": "'", "′": "'", "’": "'", "‘": "'", "´": "'", "`": "'", "ʹ": "'", "分": "'",
    '"': '"', "″": '"', "”": '"', "“": '"', "ʺ": '"', "〃": '"', "秒": '"',
    "北緯": " N", "南緯": " S", "東経": " E", "西経": " W",
    "−": "-", "–": "-", "—": "-", "，": ",", "、": ",", "；": ";",
}  # fmt: skip
_SYMBOL_RE = re.compile("|".join(re.escape(k) for k in sorted(_SYMBOLS, key=len, reverse=True)))
_WORDS = [
    (re.compile(r"(?i)\b(?:degrees?|degs?)\b|(?<=\d)\s*(?:degrees?|degs?)\b"), "°"),
    (re.compile(r"(?i)\b(?:minutes?|mins?)\b|(?<=\d)\s*(?:minutes?|mins?)\b"), "'"),
    (re.compile(r"(?i)\b(?:seconds?|secs?)\b|(?<=\d)\s*(?:seconds?|secs?)\b"), '"'),
    (re.compile(r"(?i)\bnorth\b"), "N"),
    (re.compile(r"(?i)\bsouth\b"), "S"),
    (re.compile(r"(?i)\beast\b"), "E"),
    (re.compile(r"(?i)\bwest\b"), "W"),
]


#: "39:13:26" and "39:13.43" (colon-separated, as some receivers and databases write them).
_COLONS_RE = re.compile(r"(?<![\d.])(\d+):(\d+(?:\.\d+)?)(?::(\d+(?:\.\d+)?))?(?![\d.:])")


def _colons(m: re.Match[str]) -> str:
    return f"{m.group(1)}°{m.group(2)}'" + (f'{m.group(3)}"' if m.group(3) else "")


def _normalize(text: str) -> str:
    out = _SYMBOL_RE.sub(lambda m: _SYMBOLS[m.group(0)], text)
    out = unicodedata.normalize("NFKC", out).replace("''", '"')
    out = _COLONS_RE.sub(_colons, out)
    for pattern, repl in _WORDS:
        out = pattern.sub(repl, out)
    return out.strip()


# -- tokens ----------------------------------------------------------------------------------------

_MARK_ORDER = {"°": 0, "'": 1, '"': 2}
_TOKEN_RE = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<label>(?i:latitude|longitude|long|lng|lat|lon))\s*[:=]?
  | (?P<number>[+-]?(?:\d+(?:\.\d*)?|\.\d+))(?P<unit>[dDmMs](?=[^a-zA-Z]|$|[NSEWnsew](?![a-zA-Z])))?
  | (?P<mark>[°'"])
  | (?P<hemi>[NSEWnsew])(?![a-zA-Z])
  | (?P<sep>[,;/])
    """,
    re.VERBOSE,
)


@dataclass(slots=True)
class _Token:
    kind: str  # "label", "number", "mark", "hemi", "sep"
    text: str
    value: Any = None


def _tokens(norm: str, original: str) -> list[_Token]:
    out: list[_Token] = []
    pos = 0
    while pos < len(norm):
        m = _TOKEN_RE.match(norm, pos)
        if m is None:
            raise CoordinateError(
                f"cannot read {original!r} as coordinates: unexpected {norm[pos : pos + 12]!r}"
                f"{_understood_so_far(out)}; {ACCEPTED_FORMS}"
            )
        pos = m.end()
        if m.group("ws"):
            continue
        if m.group("label"):
            axis = "lat" if m.group("label").lower().startswith("lat") else "lon"
            out.append(_Token("label", m.group(0).strip(), axis))
        elif m.group("number") is not None:
            out.append(_Token("number", m.group("number"), float(m.group("number"))))
            unit = m.group("unit")
            if unit:
                # "s" right after a number is seconds only after minutes were marked; otherwise
                # (and always for "S") it is the southern hemisphere.
                if unit == "s" and not _has_minutes_mark(out):
                    out.append(_Token("hemi", "S", "S"))
                else:
                    mark = {"d": "°", "m": "'", "s": '"'}[unit.lower()]
                    out.append(_Token("mark", unit, mark))
        elif m.group("mark"):
            out.append(_Token("mark", m.group("mark"), m.group("mark")))
        elif m.group("hemi"):
            out.append(_Token("hemi", m.group("hemi"), m.group("hemi").upper()))
        else:
            out.append(_Token("sep", m.group("sep")))
    return out


def _has_minutes_mark(tokens: list[_Token]) -> bool:
    for tok in reversed(tokens):
        if tok.kind in {"sep", "hemi", "label"}:
            return False
        if tok.kind == "mark" and tok.value == "'":
            return True
    return False


def _understood_so_far(tokens: list[_Token]) -> str:
    if not tokens:
        return ""
    return "; understood so far: " + " ".join(t.text for t in tokens)


# -- components ------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Component:
    tokens: list[_Token] = field(default_factory=list)

    @property
    def numbers(self) -> int:
        return sum(t.kind == "number" for t in self.tokens)

    @property
    def hemi(self) -> str | None:
        return next((t.value for t in self.tokens if t.kind == "hemi"), None)

    @property
    def label(self) -> str | None:
        return next((t.value for t in self.tokens if t.kind == "label"), None)

    @property
    def text(self) -> str:
        return " ".join(t.text for t in self.tokens)


@dataclass(frozen=True, slots=True)
class _Angle:
    value: float
    axis: str | None  # "lat", "lon" or None (from letters or labels)
    text: str

    def describe(self) -> str:
        name = {"lat": "latitude", "lon": "longitude", None: "angle"}[self.axis]
        return f"{name} {self.text} = {self.value:.6f}"


def _last_position(comp: _Component) -> int:
    """Position (0 deg, 1 min, 2 sec) of the last number in the component, -1 if none."""
    pos = -1
    for tok in comp.tokens:
        if tok.kind == "number":
            pos += 1
        elif tok.kind == "mark":
            pos = _MARK_ORDER[tok.value]
    return pos


def _starts_new(comp: _Component, tokens: list[_Token], i: int) -> bool:
    """Whether the number at ``tokens[i]`` begins a new component (no separator, no letters)."""
    if comp.numbers == 0:
        return False
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    if nxt is not None and nxt.kind == "mark" and nxt.value == "°":
        return True  # a number marked as degrees
    last = next(t for t in reversed(comp.tokens) if t.kind == "number")
    if "." in last.text:
        return True  # only the last of degrees/minutes/seconds has a fraction
    marked = any(t.kind == "mark" for t in comp.tokens)
    return marked and _last_position(comp) >= 2  # after marked seconds


def _components(tokens: list[_Token], original: str) -> list[_Component]:
    seps = [i for i, t in enumerate(tokens) if t.kind == "sep"]
    if len(seps) > 1:
        raise CoordinateError(
            f"cannot read {original!r} as coordinates: more than one separator "
            f"({', '.join(repr(tokens[i].text) for i in seps)}); {ACCEPTED_FORMS}"
        )
    comps: list[_Component] = [_Component()]
    for i, tok in enumerate(tokens):
        cur = comps[-1]
        if tok.kind == "sep":
            comps.append(_Component())
        elif tok.kind == "label":
            if cur.numbers or cur.label:
                comps.append(_Component([tok]))
            else:
                cur.tokens.append(tok)
        elif tok.kind == "hemi":
            if cur.numbers and cur.hemi is not None:
                comps.append(_Component([tok]))  # a prefix of the next component
            else:
                cur.tokens.append(tok)
                if cur.numbers:
                    comps.append(_Component())  # a suffix closes the component
        elif tok.kind == "number" and not seps and _starts_new(cur, tokens, i):
            comps.append(_Component([tok]))
        else:
            cur.tokens.append(tok)
    comps = [c for c in comps if c.tokens]
    if len(comps) == 1 and not seps and _bare_numbers(comps[0]) == 2:
        only = comps[0].tokens  # "39 125": two bare numbers
        comps = [_Component([only[0]]), _Component([only[1]])]
    if len(comps) == 1 and comps[0].numbers > 3:
        raise CoordinateError(
            f"cannot read {original!r} as coordinates: cannot tell where the first angle ends "
            f"in {comps[0].text!r}; separate latitude and longitude with a comma, or add "
            f"N/S/E/W or the marks ° ' \"; {ACCEPTED_FORMS}"
        )
    return comps


def _bare_numbers(comp: _Component) -> int:
    kinds = {t.kind for t in comp.tokens}
    return comp.numbers if kinds == {"number"} else 0


def _angle(comp: _Component, original: str, done: list[_Angle]) -> _Angle:
    def fail(reason: str) -> CoordinateError:
        return _error(original, reason, done)

    values: list[float | None] = [None, None, None]
    texts: list[str] = ["", "", ""]
    pos = -1
    hemi: str | None = None
    label: str | None = None
    numbers: list[_Token] = []
    for tok in comp.tokens:
        if tok.kind == "number":
            pos += 1
            if pos > 2:
                raise fail(f"too many numbers in {comp.text!r} (degrees, minutes, seconds at most)")
            values[pos], texts[pos] = tok.value, tok.text
            numbers.append(tok)
        elif tok.kind == "mark":
            want = _MARK_ORDER[tok.value]
            if pos < 0 or values[pos] is None or want < pos:
                raise fail(f"unit mark {tok.text!r} out of place in {comp.text!r}")
            if want > pos:  # "39 13'" is fine; "39' 13" is not: move the value to its mark
                if any(v is not None for v in values[pos + 1 : want + 1]):
                    raise fail(f"unit mark {tok.text!r} out of place in {comp.text!r}")
                values[want], texts[want] = values[pos], texts[pos]
                values[pos], texts[pos] = None, ""
                pos = want
        elif tok.kind == "hemi":
            if hemi is not None:
                raise fail(f"two hemisphere letters in {comp.text!r}")
            hemi = tok.value
        elif tok.kind == "label":
            if label is not None:
                raise fail(f"two labels in {comp.text!r}")
            label = tok.value
    if not numbers:
        raise fail(f"no number in {comp.text!r}")
    if values[0] is None:
        raise fail(f"no degrees in {comp.text!r}")
    sign = -1.0 if texts[0].startswith("-") else 1.0
    for i, name in ((1, "minutes"), (2, "seconds")):
        if values[i] is not None:
            if texts[i][:1] in "+-":
                raise fail(f"{name} {texts[i]!r} in {comp.text!r} must not carry a sign")
            if not 0 <= float(values[i] or 0) < 60:
                raise fail(f"{name} {texts[i]!r} in {comp.text!r} must be below 60")
    last = max(i for i in range(3) if values[i] is not None)
    for i in range(last):
        if values[i] is not None and "." in texts[i]:
            raise fail(f"only the last of degrees, minutes, seconds has a fraction: {comp.text!r}")
    if values[2] is not None and values[1] is None:
        raise fail(f"seconds without minutes in {comp.text!r}")
    seconds = abs(float(values[0])) * 3600 + float(values[1] or 0) * 60 + float(values[2] or 0)
    magnitude = seconds / 3600  # one rounding: 39°13'26" is 39.22388888888889
    axis = None
    if hemi is not None:
        if texts[0][:1] in "+-":
            raise fail(f"a sign and a hemisphere letter together in {comp.text!r}")
        axis = "lat" if hemi in "NS" else "lon"
        sign = -1.0 if hemi in "SW" else 1.0
    if label is not None:
        if axis is not None and axis != label:
            raise fail(f"label and hemisphere letter disagree in {comp.text!r}")
        axis = label
    if not math.isfinite(magnitude):
        raise fail(f"{comp.text!r} is not a finite angle")
    return _Angle(sign * magnitude, axis, comp.text)


def _error(original: str, reason: str, understood: list[_Angle]) -> CoordinateError:
    seen = "; understood: " + ", ".join(a.describe() for a in understood) if understood else ""
    return CoordinateError(
        f"cannot read {original!r} as coordinates: {reason}{seen}; {ACCEPTED_FORMS}"
    )


def _check_text(text: object, what: str) -> str:
    if not isinstance(text, str):
        raise CoordinateError(f"{what} must be text, got {text!r}; {ACCEPTED_FORMS}")
    if not text.strip():
        raise CoordinateError(f"{what} is empty; {ACCEPTED_FORMS}")
    if len(text) > 200:
        raise CoordinateError(
            f"{what} is too long for coordinates ({len(text)} characters): {text[:40]!r}...; "
            f"{ACCEPTED_FORMS}"
        )
    return text


def _order(order: Any) -> AxisOrder:
    try:
        return AxisOrder(str(order).lower()) if not isinstance(order, AxisOrder) else order
    except ValueError:
        valid = ", ".join(repr(o.value) for o in AxisOrder)
        raise CoordinateError(f"order must be one of {valid}, got {order!r}") from None


# -- MGRS ------------------------------------------------------------------------------------------

_MGRS_RE = re.compile(
    r"(?:\d{1,2}[C-HJ-NP-X]|[ABYZ])[A-HJ-NP-Z]{2}(?:\d{2}|\d{4}|\d{6}|\d{8}|\d{10})?"
)


def _mgrs(text: str) -> tuple[float, float]:
    """(lon, lat) of the centre of an MGRS grid square, via the ``mgrs`` package."""
    compact = re.sub(r"\s+", "", text).upper()
    try:
        import mgrs  # lazy: a small C extension, only needed for MGRS text
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise CoordinateError(f"reading MGRS {text!r} needs the 'mgrs' package") from exc
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        try:
            lat, lon = mgrs.MGRS().toLatLon(compact)
        except RuntimeWarning as exc:  # e.g. the square does not lie in the latitude band
            raise CoordinateError(
                f"cannot read {text!r} as MGRS: the grid square does not lie in its latitude "
                f"band ({exc})"
            ) from None
        except Exception as exc:  # mgrs.core.MGRSError
            raise CoordinateError(
                f"cannot read {text!r} as coordinates: it has the shape of an MGRS reference but "
                f"is not one ({exc}); {ACCEPTED_FORMS}"
            ) from None
    lon_f, lat_f = float(lon), float(lat)
    if not (math.isfinite(lon_f) and math.isfinite(lat_f) and abs(lat_f) <= 90):
        raise CoordinateError(f"cannot read {text!r} as MGRS: it gives ({lon_f!r}, {lat_f!r})")
    return _wrap(lon_f), lat_f


def _wrap(lon: float) -> float:
    return lon + 0.0 if -180.0 <= lon < 180.0 else (lon + 180.0) % 360.0 - 180.0


# -- public ----------------------------------------------------------------------------------------


def parse_coordinates(
    text: str, *, order: AxisOrder | str = AxisOrder.LATLON
) -> tuple[float, float]:
    """Read one point from text; return ``(lon, lat)`` in degrees (WGS84).

    Parameters
    ----------
    text : str
        Coordinates in any of the forms listed in :mod:`launchgeo.coordinates`.
    order : {"latlon", "lonlat"}, keyword-only
        How to read two numbers that carry no hemisphere letters or labels. Default
        ``"latlon"`` (ISO 6709, as maps write them); letters and labels always win.

    Returns
    -------
    tuple of float
        ``(lon, lat)``; lon in [-180, 180), lat in [-90, 90].

    Raises
    ------
    CoordinateError
        Text that is none of the accepted forms, values out of range, contradicting letters;
        the message names the text, what was understood, and the accepted forms.

    Examples
    --------
    >>> parse_coordinates("39°13.43'N, 125°40.2'E")
    (125.67, 39.22383333333333)
    >>> parse_coordinates("lon 125.67 lat 39.22")
    (125.67, 39.22)
    >>> parse_coordinates("51SYD3048645019")  # MGRS, Sunan to the metre
    (125.670000, 39.223888)
    >>> parse_coordinates("39 13 26 125")
    Traceback (most recent call last):
    ...
    launchgeo.errors.CoordinateError: cannot read '39 13 26 125' as coordinates: ...
    """
    text = _check_text(text, "coordinate text")
    axis_order = _order(order)
    norm = _normalize(text)
    if _MGRS_RE.fullmatch(re.sub(r"\s+", "", norm).upper()) and re.search(r"[A-Za-z]{2}", norm):
        return _mgrs(norm)
    tokens = _tokens(norm, text)
    comps = _components(tokens, text)
    angles: list[_Angle] = []
    for comp in comps:
        angles.append(_angle(comp, text, angles))
    if len(angles) != 2:
        found = "one angle" if len(angles) == 1 else f"{len(angles)} angles"
        raise _error(text, f"expected a latitude and a longitude, found {found}", angles)
    first, second = angles
    axes = [first.axis, second.axis]
    if axes[0] is None and axes[1] is None:
        axes = ["lat", "lon"] if axis_order is AxisOrder.LATLON else ["lon", "lat"]
    elif axes[0] is None:
        axes[0] = "lat" if axes[1] == "lon" else "lon"
    elif axes[1] is None:
        axes[1] = "lat" if axes[0] == "lon" else "lon"
    if axes[0] == axes[1]:
        name = "latitudes" if axes[0] == "lat" else "longitudes"
        raise _error(text, f"two {name}", angles)
    by_axis = dict(zip(axes, (first, second), strict=True))
    lat, lon = by_axis["lat"].value, by_axis["lon"].value
    understood = [_Angle(a.value, ax, a.text) for a, ax in zip((first, second), axes, strict=True)]
    if not -90.0 <= lat <= 90.0:
        hint = ""
        if first.axis is None and second.axis is None:
            hint = (
                f" (text without N/S/E/W is read {'latitude' if axes[0] == 'lat' else 'longitude'}"
                " first; add the hemisphere letters, e.g. '39.22N 125.67E')"
            )
        raise _error(text, f"latitude {lat!r} is outside [-90, 90]{hint}", understood)
    if not -180.0 <= lon <= 180.0:
        raise _error(text, f"longitude {lon!r} is outside [-180, 180]", understood)
    return _wrap(lon), lat + 0.0  # + 0.0: no "-0.0" from "0 S"


def _parse_axis(text: str, axis: str) -> float:
    text = _check_text(text, "longitude text" if axis == "lon" else "latitude text")
    name = "longitude" if axis == "lon" else "latitude"
    tokens = _tokens(_normalize(text), text)
    comps = _components(tokens, text)
    if len(comps) != 1:
        raise CoordinateError(
            f"cannot read {text!r} as one {name}: found {len(comps)} parts; {_AXIS_FORMS}"
        )
    angle = _angle(comps[0], text, [])
    if angle.axis is not None and angle.axis != axis:
        raise CoordinateError(
            f"cannot read {text!r} as a {name}: it is marked as the other axis; {_AXIS_FORMS}"
        )
    limit = 180.0 if axis == "lon" else 90.0
    if not -limit <= angle.value <= limit:
        raise CoordinateError(
            f"cannot read {text!r} as a {name}: {angle.value!r} is outside "
            f"[-{limit:g}, {limit:g}]; {_AXIS_FORMS}"
        )
    return _wrap(angle.value) if axis == "lon" else angle.value + 0.0


def parse_lon(text: str) -> float:
    r"""Read one longitude (decimal, DMS or DDM; ``E``/``W`` or a sign); degrees in [-180, 180).

    Examples
    --------
    >>> parse_lon("125°40'12\"E"), parse_lon("-77.0365"), parse_lon("77d2m11.4sW")
    (125.67, -77.0365, -77.0365)
    """
    return _parse_axis(text, "lon")


def parse_lat(text: str) -> float:
    r"""Read one latitude (decimal, DMS or DDM; ``N``/``S`` or a sign); degrees in [-90, 90].

    Examples
    --------
    >>> parse_lat("39°13'26\"N"), parse_lat("33°52'S")
    (39.22388888888889, -33.86666666666667)
    """
    return _parse_axis(text, "lat")
