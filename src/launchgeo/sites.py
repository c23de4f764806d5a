"""Launch sites: the :class:`LaunchSite` value object and the shipped catalogue.

The catalogue (``launchgeo/data/sites.csv``) records, for every site, the source of its
coordinates and a rough positional uncertainty. Names and aliases match case-insensitively.

Examples
--------
>>> import launchgeo
>>> site = launchgeo.get_site("sunan")
>>> site.name, site.lon, site.lat
('Pyongyang Sunan International Airport', 125.67, 39.22389)
>>> custom = launchgeo.LaunchSite("Test pad", lon=127.0, lat=39.0)
>>> custom.country
''
"""

from __future__ import annotations

import csv
import difflib
import io
import math
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from launchgeo._inputs import center_of
from launchgeo.coordinates import parse_coordinates
from launchgeo.errors import CoordinateError, UnknownSiteError, ValidationError

__all__ = ["LaunchSite", "find_sites", "get_site", "load_sites", "resolve_center"]


@dataclass(frozen=True, slots=True)
class LaunchSite:
    """A launch site or area with the provenance of its coordinates.

    Parameters
    ----------
    name : str
        Display name.
    lon, lat : float
        WGS84 degrees; longitude is normalized to [-180, 180).
    country : str
        ISO 3166-1 alpha-3 code of the state the site is in.
    aliases : tuple of str
        Other names the site is reported under.
    source : str
        Where the coordinates come from.
    note : str
        Context: launches from the site, conflicting positions.
    uncertainty_km : float
        Rough positional uncertainty of the coordinates (NaN when unknown).
    """

    name: str
    lon: float
    lat: float
    country: str = ""
    aliases: tuple[str, ...] = ()
    source: str = ""
    note: str = ""
    uncertainty_km: float = field(default=math.nan)

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name.strip():
            raise ValidationError(f"LaunchSite name must be a non-empty string, got {self.name!r}")
        for attr in ("lon", "lat"):
            value = getattr(self, attr)
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise CoordinateError(f"LaunchSite {attr} must be a number, got {value!r}")
            if not math.isfinite(value):
                raise CoordinateError(f"LaunchSite {attr} must be finite, got {value!r}")
        if abs(self.lat) > 90:
            raise CoordinateError(f"LaunchSite lat must be within [-90, 90], got {self.lat!r}")
        lon = float(self.lon)
        if not -180.0 <= lon < 180.0:
            lon = (lon + 180.0) % 360.0 - 180.0
        object.__setattr__(self, "lon", lon)
        object.__setattr__(self, "lat", float(self.lat))
        object.__setattr__(self, "aliases", tuple(self.aliases))

    @property
    def names(self) -> tuple[str, ...]:
        """The name followed by the aliases."""
        return (self.name, *self.aliases)

    @property
    def __geo_interface__(self) -> dict[str, object]:
        """GeoJSON Feature of the site (lon, lat)."""
        return {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": (self.lon, self.lat)},
            "properties": {"name": self.name, "country": self.country, "source": self.source},
        }


def _key(text: str) -> str:
    return " ".join(text.casefold().replace("-", " ").replace("_", " ").split())


@cache
def load_sites() -> tuple[LaunchSite, ...]:
    """Return the shipped launch-site catalogue.

    Examples
    --------
    >>> len(load_sites()) >= 11
    True
    """
    text = resources.files("launchgeo").joinpath("data/sites.csv").read_text(encoding="utf-8")
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
            )
        )
    return tuple(sites)


def _index() -> dict[str, LaunchSite]:
    index: dict[str, LaunchSite] = {}
    for site in load_sites():
        for alias in site.names:
            index.setdefault(_key(alias), site)
    return index


def get_site(name: str) -> LaunchSite:
    """Look up a catalogue site by name or alias, case-insensitively.

    Raises
    ------
    UnknownSiteError
        If nothing matches; the message suggests the closest names.

    Examples
    --------
    >>> get_site("Musudan-ri").name
    'Tonghae Satellite Launching Ground'
    >>> get_site("Sunnan")
    Traceback (most recent call last):
    ...
    launchgeo.errors.UnknownSiteError: unknown launch site 'Sunnan'; did you mean: 'Sunan', ...
    """
    if not isinstance(name, str):
        raise UnknownSiteError(f"launch site name must be a string, got {name!r}")
    index = _index()
    site = index.get(_key(name))
    if site is not None:
        return site
    names = [n for s in load_sites() for n in s.names]
    keys = {_key(n): n for n in names}
    close = difflib.get_close_matches(_key(name), list(keys), n=5, cutoff=0.5)
    hint = ", ".join(repr(keys[k]) for k in close) if close else "(no close match)"
    raise UnknownSiteError(
        f"unknown launch site {name!r}; did you mean: {hint}? "
        "See launchgeo.load_sites() for the catalogue, or build a LaunchSite(name, lon=, lat=)."
    )


def find_sites(query: str = "") -> list[LaunchSite]:
    """Sites whose name, alias or note contains ``query`` (case-insensitive); all if empty.

    Examples
    --------
    >>> [s.name for s in find_sites("kusong")][:1]
    ['Panghyon Airport']
    """
    q = _key(query)
    return [s for s in load_sites() if not q or any(q in _key(n) for n in (*s.names, s.note))]


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
    try:
        pair: tuple[Any, ...] = tuple(center)  # type: ignore[arg-type]
        if len(pair) != 2:
            raise ValueError("not a pair")
        lon_any: Any = pair[0]
        lat_any: Any = pair[1]
        lon_f, lat_f = float(lon_any), float(lat_any)
    except (TypeError, ValueError) as exc:
        raise ValidationError(
            f"center must be a LaunchSite, a site name or a (lon, lat) pair, got {center!r}"
        ) from exc
    if isinstance(lon_any, bool) or isinstance(lat_any, bool):
        raise ValidationError(f"center must hold two numbers (lon, lat), got {center!r}")
    site = LaunchSite("(lon, lat)", lon=lon_f, lat=lat_f)  # validates both numbers
    return site.lon, site.lat, ""


def _center_from_text(text: str) -> tuple[float, float, str]:
    """A catalogue site by name; else, if the text holds a digit, coordinates written in it."""
    try:
        site = get_site(text)
    except UnknownSiteError:
        if not any(ch.isdigit() for ch in text):
            raise
        try:
            lon, lat = parse_coordinates(text)
        except CoordinateError as exc:
            raise CoordinateError(f"{text!r} is no launch-site name, and {exc}") from None
        return lon, lat, ""
    return site.lon, site.lat, site.name
