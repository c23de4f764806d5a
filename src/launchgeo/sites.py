"""Launch sites: the :class:`LaunchSite` value object and the shipped world catalogue.

The catalogue (``launchgeo/data/sites.csv``, provenance in ``data/SITES.md``) holds missile test
and space launch sites, impact ranges and the places public reporting names as launch areas,
each with the source of its coordinates, a positional uncertainty (km), aliases and
transliterations, its state (ISO 3166-1 alpha-3) and its kind:

* ``facility``: one installation (an airbase, a spaceport, a launch complex);
* ``area``: a city, county, district or province that reports name ("near Kusong", "the
  Pyongyang area"); broad names resolve to an area, never to one facility inside it;
* ``range`` and ``impact_area``: test ranges and the areas missiles are fired at (Kura, the
  Reagan Test Site at Kwajalein).

Names match ignoring case, accents, hyphens and apostrophes. :func:`get_site` returns one site
or raises: :class:`~launchgeo.errors.UnknownSiteError` with the closest names on a miss,
:class:`~launchgeo.errors.AmbiguousSiteError` listing the candidates when several sites match.
:func:`match_sites` ranks candidates with a score, for fuzzy resolution of free text.

Examples
--------
>>> import launchgeo
>>> site = launchgeo.get_site("sunan")
>>> site.name, site.lon, site.lat, site.kind
('Pyongyang Sunan International Airport', 125.67, 39.22389, 'facility')
>>> launchgeo.get_site("Pyongyang").kind  # a broad name is an area, not Sunan airport
'area'
>>> [s.name for s in launchgeo.find_sites(country="IRN")]
['Semnan Space Center', 'Shahroud Space Center', 'Chabahar']
>>> custom = launchgeo.LaunchSite("Test pad", lon=127.0, lat=39.0)
>>> custom.country, custom.kind
('', 'facility')
"""

from __future__ import annotations

import csv
import difflib
import functools
import io
import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from importlib import resources

import numpy as np

from launchgeo import _validate as v
from launchgeo._inputs import center_of
from launchgeo._numbers import is_number, numeric_array
from launchgeo.coordinates import parse_coordinates
from launchgeo.errors import (
    AmbiguousSiteError,
    CoordinateError,
    DataError,
    UnknownSiteError,
    ValidationError,
)

__all__ = [
    "LaunchSite",
    "SiteKind",
    "SiteMatch",
    "find_sites",
    "get_site",
    "load_sites",
    "match_sites",
    "resolve_center",
    "resolve_site",
]

#: Longest site name or query read (names are matched with difflib: cost grows with length).
MAX_NAME_CHARS = 1_000


class SiteKind(StrEnum):
    """What a catalogue entry stands for (see the module docstring)."""

    FACILITY = "facility"
    AREA = "area"
    RANGE = "range"
    IMPACT_AREA = "impact_area"


def _kind(value: object, name: str = "kind") -> SiteKind:
    try:
        return SiteKind(str(value))
    except ValueError:
        valid = ", ".join(repr(k.value) for k in SiteKind)
        raise ValidationError(f"{name} must be one of {valid}, got {value!r}") from None


def _country(value: object, name: str = "country", given: object = None) -> str:
    if not isinstance(value, str) or not (value == "" or re.fullmatch(r"[A-Z]{3}", value)):
        shown = value if given is None else given
        raise ValidationError(
            f"{name} must be an ISO 3166-1 alpha-3 code such as 'PRK' (or ''), got {shown!r}"
        )
    return value


@dataclass(frozen=True, slots=True)
class LaunchSite:
    """A launch site, area or range with the provenance of its coordinates.

    Parameters
    ----------
    name : str
        Display name.
    lon, lat : float
        WGS84 degrees; longitude is normalized to [-180, 180).
    country : str
        ISO 3166-1 alpha-3 code of the state the site is in ("" if unknown).
    aliases : tuple of str
        Other names and transliterations the site is reported under.
    source : str
        Where the coordinates come from (says so when they are a compiler's own point).
    note : str
        Context: launches from the site, conflicting positions.
    uncertainty_km : float
        How far the point a report means may lie from these coordinates, km (NaN when unknown).
        For an ``area`` it covers the place named; for a facility, the spread of its pads.
    kind : str
        ``facility``, ``area``, ``range`` or ``impact_area`` (:class:`SiteKind`).
    """

    name: str
    lon: float
    lat: float
    country: str = ""
    aliases: tuple[str, ...] = ()
    source: str = ""
    note: str = ""
    uncertainty_km: float = field(default=math.nan)
    kind: str = SiteKind.FACILITY.value

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name.strip():
            raise ValidationError(f"LaunchSite name must be a non-empty string, got {self.name!r}")
        for attr in ("lon", "lat"):
            value = getattr(self, attr)
            if not is_number(value):
                raise CoordinateError(f"LaunchSite {attr} must be a number, got {value!r}")
            if not math.isfinite(value):
                raise CoordinateError(f"LaunchSite {attr} must be finite, got {value!r}")
        if abs(self.lat) > 90:
            raise CoordinateError(f"LaunchSite lat must be within [-90, 90], got {self.lat!r}")
        v.check_lon(np.array([float(self.lon)]), "LaunchSite lon")
        lon = float(v.normalize_lon(np.array(float(self.lon))))
        unc = self.uncertainty_km
        if isinstance(unc, bool) or not isinstance(unc, int | float) or unc < 0 or unc == math.inf:
            raise ValidationError(
                f"LaunchSite uncertainty_km must be a number >= 0 (or NaN), got {unc!r}"
            )
        object.__setattr__(self, "lon", lon)
        object.__setattr__(self, "lat", float(self.lat))
        object.__setattr__(self, "uncertainty_km", float(unc))
        object.__setattr__(self, "aliases", tuple(self.aliases))
        object.__setattr__(self, "country", _country(self.country, "LaunchSite country"))
        object.__setattr__(self, "kind", _kind(self.kind, "LaunchSite kind").value)

    @property
    def names(self) -> tuple[str, ...]:
        """The name followed by the aliases."""
        return (self.name, *self.aliases)

    @property
    def is_area(self) -> bool:
        """True for a place (city, county, district, province) rather than one facility."""
        return self.kind == SiteKind.AREA.value

    @property
    def __geo_interface__(self) -> dict[str, object]:
        """GeoJSON Feature of the site (lon, lat)."""
        unc = None if math.isnan(self.uncertainty_km) else self.uncertainty_km
        return {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": (self.lon, self.lat)},
            "properties": {
                "name": self.name,
                "country": self.country,
                "kind": self.kind,
                "uncertainty_km": unc,
                "source": self.source,
            },
        }


@dataclass(frozen=True, slots=True)
class SiteMatch:
    """A catalogue site matching a text, with how well it matches.

    Attributes
    ----------
    site : LaunchSite
    score : float
        1.0 for an exact name or alias; 0.9 when every word of the text is a word of a name;
        0.8 when the text is part of a name; below 0.75 for spelling-similar names; 0.5 for a
        match in the note only.
    matched : str
        The name or alias that matched (the note for a note match).
    how : str
        ``exact``, ``words``, ``substring``, ``similar`` or ``note``.
    """

    site: LaunchSite
    score: float
    matched: str
    how: str


def _key(text: str) -> str:
    """Fold a name for matching: case, accents (ŏ -> o), hyphens, apostrophes, spacing."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    plain = re.sub(r"[\-_'’ʼ`.,()/]", " ", plain.casefold())
    return " ".join(plain.split())


@cache
def load_sites() -> tuple[LaunchSite, ...]:
    """Return the shipped launch-site catalogue.

    Examples
    --------
    >>> sites = load_sites()
    >>> len(sites) >= 60, len({s.country for s in sites}) >= 10
    (True, True)
    """
    try:
        text = resources.files("launchgeo").joinpath("data/sites.csv").read_text(encoding="utf-8")
    except OSError as exc:  # pragma: no cover - broken installation
        raise DataError(f"cannot read launchgeo/data/sites.csv: {exc}") from exc
    sites = []
    for row in csv.DictReader(io.StringIO(text)):
        sites.append(
            LaunchSite(
                name=row["name"],
                lon=float(row["lon"]),
                lat=float(row["lat"]),
                country=row["country"],
                aliases=tuple(a.strip() for a in row["aliases"].split(";") if a.strip()),
                source=row["source"],
                note=row["note"],
                uncertainty_km=float(row["uncertainty_km"]) if row["uncertainty_km"] else math.nan,
                kind=row["kind"],
            )
        )
    return tuple(sites)


def _catalogue(sites: Sequence[LaunchSite] | None) -> tuple[LaunchSite, ...]:
    if sites is None:
        return load_sites()
    cat = tuple(sites)
    for s in cat:
        if not isinstance(s, LaunchSite):
            raise ValidationError(f"sites must hold LaunchSite objects, got {s!r}")
    return cat


@cache
def _exact_names() -> dict[str, tuple[LaunchSite, ...]]:
    """Folded name or alias -> the shipped sites bearing it (the "exact" tier of get_site)."""
    index: dict[str, dict[int, LaunchSite]] = {}
    for site in load_sites():
        for _, k in _folded(site):
            if k:
                index.setdefault(k, {})[id(site)] = site
    return {k: tuple(v.values()) for k, v in index.items()}


def _filter(
    cat: tuple[LaunchSite, ...], country: str | None, kind: SiteKind | str | None
) -> tuple[LaunchSite, ...]:
    if country is not None:
        code = _country(country.upper() if isinstance(country, str) else country, given=country)
        cat = tuple(s for s in cat if s.country == code)
    if kind is not None:
        k = _kind(kind).value
        cat = tuple(s for s in cat if s.kind == k)
    return cat


@functools.lru_cache(maxsize=4096)
def _folded(site: LaunchSite) -> tuple[tuple[str, str], ...]:
    """(name, folded name) for the site's names, folded once."""
    return tuple((name, _key(name)) for name in site.names)


def _score(query: str, site: LaunchSite) -> SiteMatch | None:
    """Best match of a folded query against one site's names (None if none)."""
    best: SiteMatch | None = None
    words = set(query.split())
    for name, k in _folded(site):
        if not k:
            continue
        if k == query:
            return SiteMatch(site, 1.0, name, "exact")
        if words and words <= set(k.split()):
            cand = SiteMatch(site, 0.9, name, "words")
        elif len(query) >= 3 and query in k:
            cand = SiteMatch(site, 0.8, name, "substring")
        else:
            matcher = difflib.SequenceMatcher(None, query, k)
            # The quick ratios are upper bounds of ratio(): skip names that cannot reach 0.75.
            if matcher.real_quick_ratio() < 0.75 or matcher.quick_ratio() < 0.75:
                continue
            ratio = matcher.ratio()
            if ratio < 0.75:
                continue
            cand = SiteMatch(site, round(0.75 * ratio, 4), name, "similar")
        if best is None or cand.score > best.score:
            best = cand
    if best is None and len(query) >= 3 and query in _key(site.note):
        best = SiteMatch(site, 0.5, site.note, "note")
    return best


def match_sites(
    text: str,
    *,
    country: str | None = None,
    kind: SiteKind | str | None = None,
    sites: Sequence[LaunchSite] | None = None,
    limit: int | None = None,
) -> list[SiteMatch]:
    """Catalogue sites matching ``text``, best first, with a score (see :class:`SiteMatch`).

    Parameters
    ----------
    text : str
        A name, alias or transliteration ("Sŏnch'ŏn", "kapustin-yar", "Space Center").
    country : str, optional
        Only sites of this state (ISO 3166-1 alpha-3, any case).
    kind : {"facility", "area", "range", "impact_area"}, optional
        Only sites of this kind.
    sites : sequence of LaunchSite, optional
        Catalogue to search (default: :func:`load_sites`).
    limit : int, optional
        At most this many matches.

    Examples
    --------
    >>> [(m.site.name, m.score, m.how) for m in match_sites("Sŏnch'ŏn")][:1]
    [('Sonchon', 1.0, 'exact')]
    >>> [m.site.name for m in match_sites("kapustin jar")][:1]
    ['Kapustin Yar']
    """
    if not isinstance(text, str):
        raise ValidationError(f"text must be a string, got {text!r}")
    v.text_length(text, "text", MAX_NAME_CHARS)
    if limit is not None:
        v.integer(limit, "limit", none=True)
    query = _key(text)
    cat = _filter(_catalogue(sites), country, kind)
    if not query:
        return []
    found = [m for m in (_score(query, s) for s in cat) if m is not None]
    order = {id(s): i for i, s in enumerate(cat)}
    found.sort(key=lambda m: (-m.score, order[id(m.site)]))
    return found if limit is None else found[: max(int(limit), 0)]


def _listing(matches: Sequence[SiteMatch]) -> str:
    return "; ".join(
        f"{m.site.name!r} ({m.site.kind}, {m.site.country or 'no country'}, "
        f"lon {m.site.lon:.3f}, lat {m.site.lat:.3f})"
        for m in matches
    )


def get_site(name: str, *, sites: Sequence[LaunchSite] | None = None) -> LaunchSite:
    """Look up one catalogue site by name or alias (case, accents and hyphens ignored).

    An exact name or alias wins; failing that, a name containing every word of ``name``
    ("Kapustin" -> "Kapustin Yar"). Never a silent pick among several candidates.

    Raises
    ------
    AmbiguousSiteError
        If several sites match equally; the message lists them.
    UnknownSiteError
        If nothing matches; the message suggests the closest names.

    Examples
    --------
    >>> get_site("Musudan-ri").name
    'Tonghae Satellite Launching Ground'
    >>> get_site("Wonsan").kind, get_site("Kalma").kind
    ('area', 'facility')
    >>> get_site("Sunnan")
    Traceback (most recent call last):
    ...
    launchgeo.errors.UnknownSiteError: unknown launch site 'Sunnan'; did you mean: 'Sunan', ...
    >>> get_site("Space Center")
    Traceback (most recent call last):
    ...
    launchgeo.errors.AmbiguousSiteError: launch site 'Space Center' is ambiguous: ...
    """
    if not isinstance(name, str):
        raise UnknownSiteError(f"launch site name must be a string, got {name!r}")
    if len(name) > MAX_NAME_CHARS:
        raise UnknownSiteError(
            f"launch site name is {len(name):,} characters long (at most {MAX_NAME_CHARS:,}), "
            f"got {name[:40]!r}..."
        )
    if sites is None:  # the shipped catalogue: an exact name is one dictionary look-up
        exact = _exact_names().get(_key(name), ())
        if len(exact) == 1:
            return exact[0]
    cat = _catalogue(sites)
    matches = match_sites(name, sites=cat)
    for how in ("exact", "words"):
        tier = [m for m in matches if m.how == how]
        distinct = list({id(m.site): m for m in tier}.values())
        if len(distinct) == 1:
            return distinct[0].site
        if len(distinct) > 1:
            raise AmbiguousSiteError(
                f"launch site {name!r} is ambiguous: it matches {len(distinct)} sites: "
                f"{_listing(distinct)}. Use a fuller name, or find_sites(..., country=, kind=).",
                tuple(m.site for m in distinct),
            )
    keys = {_key(n): n for s in cat for n in s.names if _key(n)}
    close = difflib.get_close_matches(_key(name), list(keys), n=5, cutoff=0.5)
    hint = ", ".join(repr(keys[k]) for k in close) if close else "(no close match)"
    raise UnknownSiteError(
        f"unknown launch site {name!r}; did you mean: {hint}? "
        "See launchgeo.load_sites() for the catalogue, or build a LaunchSite(name, lon=, lat=)."
    )


def find_sites(
    query: str = "",
    *,
    country: str | None = None,
    kind: SiteKind | str | None = None,
    sites: Sequence[LaunchSite] | None = None,
) -> list[LaunchSite]:
    """Sites matching ``query`` (names, aliases, then notes), best first; all if empty.

    Parameters
    ----------
    query : str
        Text to look for (case, accents and hyphens ignored); empty for every site.
    country : str, optional
        Only sites of this state (ISO 3166-1 alpha-3, any case): ``find_sites(country="RUS")``.
    kind : {"facility", "area", "range", "impact_area"}, optional
        Only sites of this kind: ``find_sites(kind="impact_area")``.
    sites : sequence of LaunchSite, optional
        Catalogue to search (default: :func:`load_sites`).

    Examples
    --------
    >>> [s.name for s in find_sites("kusong")]  # names first, then notes ("near Kusong")
    ['Kusong', 'Kusong Testing Ground', 'Baegun']
    >>> [s.name for s in find_sites(kind="impact_area")]
    ['Kura Test Range']
    """
    if not isinstance(query, str):
        raise ValidationError(f"query must be a string, got {query!r}")
    if not _key(query):
        return list(_filter(_catalogue(sites), country, kind))
    found = match_sites(query, country=country, kind=kind, sites=sites)
    return [m.site for m in found if m.how != "similar"]


def resolve_center(center: object) -> tuple[float, float, str]:
    """Return (lon, lat, name) for a LaunchSite, a site name, coordinates, or a (lon, lat) pair.

    Any object with ``lon`` and ``lat`` attributes (e.g. a :class:`~launchgeo.Landmark`) is
    accepted like a LaunchSite; so is one point object (a shapely Point, anything with
    ``__geo_interface__``, a one-row GeoSeries/GeoDataFrame with a CRS). Text that is no site
    name but holds a digit is read by :func:`launchgeo.coordinates.parse_coordinates`.

    Examples
    --------
    >>> resolve_center((125.67, 39.22))
    (125.67, 39.22, '')
    >>> resolve_center("Sunan")[2]
    'Pyongyang Sunan International Airport'
    >>> resolve_center("39°13.4'N 125°40.2'E")
    (125.67, 39.22333333333333, '')
    """
    if isinstance(center, LaunchSite):
        return center.lon, center.lat, center.name
    if isinstance(center, str):
        return _center_from_text(center)
    if hasattr(center, "lon") and hasattr(center, "lat"):
        name = str(getattr(center, "name", ""))
        site = LaunchSite(name or "(lon, lat)", lon=center.lon, lat=center.lat)
        return site.lon, site.lat, name
    adapted = center_of(center)  # shapely Point, __geo_interface__, one-row GeoSeries
    if adapted is not None:
        site = LaunchSite(adapted[2] or "(lon, lat)", lon=adapted[0], lat=adapted[1])
        return site.lon, site.lat, adapted[2]
    expected = "center must be a LaunchSite, a site name or a (lon, lat) pair"
    if isinstance(center, set | frozenset | dict) or not isinstance(center, Iterable):
        unordered = " (unordered: pass a tuple)" if isinstance(center, set | frozenset) else ""
        raise ValidationError(f"{expected}, got {type(center).__name__} {center!r}{unordered}")
    pair = tuple(center)
    if len(pair) != 2:
        raise ValidationError(f"{expected}, got {center!r}")
    arr, _ = numeric_array(pair)
    if arr is None or arr.shape != (2,):
        raise ValidationError(f"center must hold two numbers (lon, lat), got {center!r}")
    try:
        site = LaunchSite("(lon, lat)", lon=float(arr[0]), lat=float(arr[1]))  # validates both
    except CoordinateError as exc:
        detail = str(exc).removeprefix("LaunchSite ")
        raise CoordinateError(f"center {center!r}: {detail}") from None
    return site.lon, site.lat, ""


def resolve_site(center: object) -> LaunchSite:
    """The :class:`LaunchSite` behind any accepted centre (its uncertainty and kind included).

    A catalogue name gives the catalogue entry; anything else goes through
    :func:`resolve_center` and becomes a facility with unknown uncertainty (an object's own
    ``uncertainty_km`` is kept when it has one).

    Examples
    --------
    >>> resolve_site("Chunghwa").uncertainty_km, resolve_site((125.8, 38.9)).name
    (15.0, '(lon, lat)')
    """
    if isinstance(center, LaunchSite):
        return center
    if isinstance(center, str):
        try:
            return get_site(center)
        except AmbiguousSiteError:
            raise
        except UnknownSiteError:
            lon, lat, name = resolve_center(center)  # may accept other notations
            return LaunchSite(name or center, lon=lon, lat=lat)
    lon, lat, name = resolve_center(center)
    unc = getattr(center, "uncertainty_km", math.nan)
    unc = float(unc) if isinstance(unc, int | float) and not isinstance(unc, bool) else math.nan
    return LaunchSite(name or "(lon, lat)", lon=lon, lat=lat, uncertainty_km=unc)


def _center_from_text(text: str) -> tuple[float, float, str]:
    """A catalogue site by name; else, if the text holds a digit, coordinates written in it."""
    try:
        site = get_site(text)
    except AmbiguousSiteError:
        raise
    except UnknownSiteError:
        if not any(ch.isdigit() for ch in text):
            raise
        try:
            lon, lat = parse_coordinates(text)
        except CoordinateError as exc:
            raise CoordinateError(f"{text!r} is no launch-site name, and {exc}") from None
        return lon, lat, ""
    return site.lon, site.lat, site.name
