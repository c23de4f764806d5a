"""Reference landmarks of Japan's impact statements: the cited catalogue and name lookup.

The catalogue (``launchgeo/findings/data/landmarks.csv``, provenance in ``landmarks.md``) holds the
points Japan's Ministry of Defense measures impacts from (Okushiri Island, the Oga
Peninsula, Hegura-jima, ...), each with its source, Japanese names and an
``uncertainty_km`` for the unstated point of the island or peninsula measured from.
Names match ignoring case, accents, hyphens and a leading "the".

Examples
--------
>>> from launchgeo.findings.landmarks import get_landmark
>>> lm = get_landmark("the Oga peninsula")
>>> lm.name, lm.lon, lm.lat, lm.display_name
('Oga Peninsula', 139.78333, 39.93333, 'the Oga Peninsula')
"""

from __future__ import annotations

import csv
import difflib
import gzip
import io
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from launchgeo import _validate as v
from launchgeo.errors import CoordinateError, DataError, UnknownLandmarkError, ValidationError

__all__ = ["Landmark", "get_landmark", "load_gazetteer", "load_landmarks", "load_places"]

#: Places that statements use but that are not points: a distance from them fixes no position.
_AREAS: dict[tuple[str, ...], str] = {
    ("korean", "peninsula"): "a peninsula about 1,000 km long",
    ("north", "korea"): "a country (or its coastline) about 700 km long",
    ("nk",): "a country (or its coastline) about 700 km long",
    ("n", "korea"): "a country (or its coastline) about 700 km long",
    ("south", "korea"): "a country",
    ("korea",): "a country",
    ("japan",): "a country about 3,000 km long",
    ("hokkaido",): "an island about 450 km across",
    ("honshu",): "an island about 1,300 km long",
    ("philippines",): "a country",
    ("launch",): "the launch point: a distance from it is a range (see launchgeo's range tools)",
    ("launch", "site"): "the launch point: a distance from it is a range",
}


@dataclass(frozen=True, slots=True)
class Landmark:
    """A reference point Japan's impact statements are measured from.

    Parameters
    ----------
    name : str
        English name as used in the statements ("Okushiri Island").
    lon, lat : float
        WGS84 degrees of the catalogue point.
    kind : str
        ``island``, ``islands``, ``peninsula``, ``cape`` or ``prefecture``.
    aliases : tuple of str
        Other spellings ("Hegurajima", "Dōgo").
    name_ja : tuple of str
        Japanese names ("奥尻島").
    uncertainty_km : float
        How far the point a statement measures from may lie from the catalogue point.
    source, note : str
        Where the coordinates come from; context.
    country : str
        ISO 3166-1 alpha-3 code of the state ("" when not recorded).
    """

    name: str
    lon: float
    lat: float
    kind: str = "island"
    aliases: tuple[str, ...] = ()
    name_ja: tuple[str, ...] = ()
    uncertainty_km: float = 0.0
    source: str = field(default="", repr=False)
    note: str = field(default="", repr=False)
    country: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name.strip():
            raise ValidationError(f"Landmark name must be a non-empty string, got {self.name!r}")
        lon_a, lat_a = v.lon_lat(self.lon, self.lat)
        if lon_a.ndim or lat_a.ndim:
            raise CoordinateError(
                f"Landmark lon/lat must be numbers, got {self.lon!r}, {self.lat!r}"
            )
        object.__setattr__(self, "lon", float(lon_a))
        object.__setattr__(self, "lat", float(lat_a))
        object.__setattr__(self, "aliases", tuple(self.aliases))
        object.__setattr__(self, "name_ja", tuple(self.name_ja))
        unc = float(v.scalar_range_km(self.uncertainty_km, "uncertainty_km"))
        object.__setattr__(self, "uncertainty_km", unc)

    @property
    def names(self) -> tuple[str, ...]:
        """The name followed by the aliases."""
        return (self.name, *self.aliases)

    @property
    def display_name(self) -> str:
        """The name as it reads in a sentence ("the Oga Peninsula", "Okushiri Island")."""
        plural_or_region = self.kind in ("islands", "peninsula") or self.name.endswith(
            ("Peninsula", "Islands")
        )
        return f"the {self.name}" if plural_or_region else self.name


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split(";") if part.strip())


@cache
def load_landmarks() -> tuple[Landmark, ...]:
    """Return the shipped landmark catalogue (``launchgeo/findings/data/landmarks.csv``).

    Examples
    --------
    >>> lm = {m.name: m for m in load_landmarks()}
    >>> lm["Hegura-jima"].lat, lm["Hegura-jima"].name_ja
    (37.85139, ('舳倉島', '舳倉'))
    """
    try:
        ref = resources.files("launchgeo.findings").joinpath("data", "landmarks.csv")
        text = ref.read_text("utf-8")
    except OSError as exc:  # pragma: no cover - broken installation
        raise DataError(f"cannot read launchgeo/findings/data/landmarks.csv: {exc}") from exc
    out = []
    for row in csv.DictReader(io.StringIO(text)):
        out.append(
            Landmark(
                name=row["name"],
                lon=float(row["lon"]),
                lat=float(row["lat"]),
                kind=row["kind"],
                aliases=_split(row["aliases"]),
                name_ja=_split(row["name_ja"]),
                uncertainty_km=float(row["uncertainty_km"]),
                source=row["source"],
                note=row["note"],
            )
        )
    return tuple(out)


#: Positional uncertainty of a gazetteer place by population: the town or city's extent.
def _city_uncertainty_km(population: int) -> float:
    return 2.0 if population < 100_000 else 5.0 if population < 1_000_000 else 10.0


@cache
def load_gazetteer() -> tuple[Landmark, ...]:
    """World places for statements and descriptions anywhere (kind ``city``).

    GeoNames places (CC BY 4.0, geonames.org): every place of 100,000 people or more and,
    where none lies within 300 km, the largest smaller place (island towns such as Majuro).
    Names are unique: where several places share one, only the most populous keeps it, and
    the cited Japanese landmarks keep theirs.
    Built by ``scripts/build_gazetteer.py``; provenance in ``findings/data/gazetteer.md``.

    Examples
    --------
    >>> places = {p.name: p for p in load_gazetteer()}
    >>> places["Majuro"].country, places["Majuro"].kind
    ('MHL', 'city')
    """
    try:
        ref = resources.files("launchgeo.findings").joinpath("data", "gazetteer.csv.gz")
        text = gzip.decompress(ref.read_bytes()).decode("utf-8")
    except OSError as exc:  # pragma: no cover - broken installation
        raise DataError(f"cannot read launchgeo/findings/data/gazetteer.csv.gz: {exc}") from exc
    # One place per name: a name shared by several places (or by a cited landmark) would not say
    # which is meant, so only the most populous keeps it and cited landmarks win.
    taken = {_key(n) for lm in load_landmarks() for n in lm.names}
    rows = sorted(csv.DictReader(io.StringIO(text)), key=lambda r: -int(r["population"]))
    out = []
    for row in rows:
        pop = int(row["population"])
        if _key(row["name"]) in taken or not _key(row["name"]):
            continue
        taken.add(_key(row["name"]))
        out.append(
            Landmark(
                name=row["name"],
                lon=float(row["lon"]),
                lat=float(row["lat"]),
                kind="city",
                uncertainty_km=_city_uncertainty_km(pop),
                source=f"GeoNames {row['geonameid']} (CC BY 4.0)",
                note=f"population {pop:,}",
                country=row["country"],
            )
        )
    return tuple(sorted(out, key=lambda lm: lm.source))


@cache
def load_places() -> tuple[Landmark, ...]:
    """The cited Japanese landmarks followed by the world gazetteer (the default catalogue).

    A name in both resolves to the cited landmark (it comes first).

    Examples
    --------
    >>> places = load_places()
    >>> places[0].name, len(places) > 6000
    ('Okushiri Island', True)
    """
    return load_landmarks() + load_gazetteer()


def _key_tokens(text: str) -> list[tuple[str, int, int]]:
    """Word tokens of ``text`` with their spans, folded (case, accents) for matching."""
    tokens = []
    for m in re.finditer(r"[^\W_]+", text):
        folded = unicodedata.normalize("NFKD", m.group()).encode("ascii", "ignore").decode()
        tokens.append((folded.casefold() or m.group(), m.start(), m.end()))
    return tokens


def _key(text: str) -> tuple[str, ...]:
    words = tuple(t for t, _, _ in _key_tokens(text))
    return words[1:] if words[:1] == ("the",) else words


def _index(landmarks: Sequence[Landmark]) -> dict[tuple[str, ...], Landmark]:
    index: dict[tuple[str, ...], Landmark] = {}
    for lm in landmarks:
        for alias in lm.names:
            index.setdefault(_key(alias), lm)
    return index


def _known_list(landmarks: Sequence[Landmark]) -> str:
    named = [lm.name for lm in landmarks if lm.kind != "city"]
    cities = len(landmarks) - len(named)
    text = ", ".join(named)
    if cities:
        text += f"{'; and ' if named else ''}{cities:,} world places (GeoNames)"
    return text


def landmarks_argument(
    landmarks: Any, default: Callable[[], tuple[Landmark, ...]]
) -> tuple[Landmark, ...]:
    """The ``landmarks=`` argument as a tuple of Landmark (``default()`` for None).

    Examples
    --------
    >>> landmarks_argument("Okushiri", load_landmarks)
    Traceback (most recent call last):
    ...
    launchgeo.errors.ValidationError: landmarks must be a sequence of Landmark, got str 'Okushiri'
    """
    if landmarks is None:
        return default()
    if isinstance(landmarks, str | bytes | Mapping) or not isinstance(landmarks, Iterable):
        raise ValidationError(
            f"landmarks must be a sequence of Landmark, got {type(landmarks).__name__} "
            f"{landmarks!r}"[:200]
        )
    items = tuple(landmarks)
    for i, item in enumerate(items):
        if not isinstance(item, Landmark):
            raise ValidationError(
                f"landmarks must be a sequence of Landmark, got {type(item).__name__} "
                f"{item!r} (element {i})"[:200]
            )
    return items


def get_landmark(name: str, *, landmarks: Sequence[Landmark] | None = None) -> Landmark:
    """Look up a landmark by name, alias or Japanese name, ignoring case and accents.

    Raises
    ------
    UnknownLandmarkError
        If nothing matches; the message lists the known landmarks.

    Examples
    --------
    >>> get_landmark("hegurajima").name
    'Hegura-jima'
    >>> get_landmark("Dōgo").name, get_landmark("奥尻島").name
    ('Dogo', 'Okushiri Island')
    """
    cat = landmarks_argument(landmarks, load_landmarks)
    if not isinstance(name, str):
        raise UnknownLandmarkError(f"landmark name must be a string, got {name!r}")
    found = _index(cat).get(_key(name))
    if found is None:
        found = next((lm for lm in cat if name.strip() in lm.name_ja), None)
    if found is None:
        raise UnknownLandmarkError(_unknown_message(name, cat))
    return found


def _unknown_message(phrase: str, landmarks: Sequence[Landmark]) -> str:
    key = _key(phrase)
    for area, what in _AREAS.items():
        if key[: len(area)] == area:
            return (
                f"{phrase!r} is {what}, not a reference point: a distance from it does not "
                "fix a position, so launchgeo does not locate such statements. "
                f"Point landmarks: {_known_list(landmarks)}."
            )
    names = {" ".join(_key(n)): n for lm in landmarks for n in lm.names}
    close = difflib.get_close_matches(" ".join(key), list(names), n=3, cutoff=0.6)
    hint = f" Did you mean: {', '.join(repr(names[c]) for c in close)}?" if close else ""
    return (
        f"unknown landmark {phrase!r}.{hint} Known landmarks: {_known_list(landmarks)} "
        "(see launchgeo.load_landmarks(); pass landmarks=[...] to add your own)."
    )
