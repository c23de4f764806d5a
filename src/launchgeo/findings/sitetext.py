"""Launch places as reports write them: "near Kaechon, South Pyongan", "Pyongyang (Sunan)".

:func:`resolve_reported_site` reads the launch-place text of a news report or an analyst's
table and returns the catalogue place it means, with the uncertainty of that reading and a
note that says how it was read. It sits on :func:`launchgeo.match_sites` (names, aliases,
transliterations, case, accents and punctuation), and adds what reporting does to names:

* **qualifiers**: "near X", "X area", "X County", "proximity of X", "vicinity of X", "off X"
  (at sea). A qualified name is an ``area``, never one facility: "near Tongchang-ri" is the
  Sohae site's surroundings (at least ``NEAR_KM``), "off Sinpo" adds ``OFF_KM`` of sea.
  Facility words ("airbase", "airfield") are dropped when the bare name is in the catalogue.
* **hierarchies**: "Panghyon area, Kusong, N. Pyongan" or "S. Hwanghae: Eunyul County": the
  most specific place that resolves is used, and checked to lie within the broader ones.
  Abbreviated provinces ("S. Pyongan") resolve to province areas with their uncertainty.
* **alternatives**: "near Pukchang (ROK JCS); Lake Yonpung (CNS)", "Hungnam / Hamhung",
  "Pyongyang (Sunan)", "Kusong (CNS: Baegun)". Every alternative that resolves is kept. When
  one lies within another (a place inside its province), the more specific is used; when
  they are the same catalogue entry, that entry; otherwise the result is an ``area`` that
  covers all of them (centre between them, uncertainty reaching the farthest one's edge).
  Source attributions in brackets ("ROK JCS", "CNS; site uncertain") are not places; "site
  uncertain" lowers the confidence.
* **generic words**: "E coast", "NW North Korea", "at sea" name no place and are ignored,
  which the note says.

Nothing is snapped silently: a name that only resembles a catalogue name is not accepted (the
note gives the closest names), and an ambiguous one (several catalogue sites) is refused with
the candidates.

Examples
--------
>>> r = resolve_reported_site("near Sukchon, S. Pyongan (ROK JCS)")
>>> r.matched, r.site.kind, r.uncertainty_km
('Sukchon', 'area', 15.0)
>>> r = resolve_reported_site("S. Pyongan (ROK JCS); Sunchon (CNS)")
>>> r.matched, r.uncertainty_km
('Sunchon', 10.0)
>>> resolve_reported_site("Sunan, Pyongyang").matched
'Pyongyang Sunan International Airport'
>>> resolve_reported_site("Nowhere-ri").site is None
True
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from launchgeo import _validate as v
from launchgeo.errors import ValidationError
from launchgeo.geodesy.core import distance_km
from launchgeo.sites import LaunchSite, SiteKind, _key, load_sites, match_sites

__all__ = ["NEAR_KM", "OFF_KM", "ReportedSite", "resolve_reported_site"]

#: Longest launch-place text read (a place as a report writes it, with its qualifiers).
MAX_PLACE_CHARS = 1_000

#: Least uncertainty (km) of a place written "near X", "X area", "X County": the surroundings.
NEAR_KM = 15.0
#: Sea added (km) to a place written "off X" (launches at sea off a coast).
OFF_KM = 20.0
#: Slack (km) when deciding that one place lies within another.
_NEST_SLACK_KM = 5.0

_LEAD = re.compile(
    r"^(?:(?:near|nr\.?|close\s+to|around|outside|outskirts\s+of|in\s+the\s+vicinity\s+of|"
    r"vicinity\s+of|proximity\s+of|(?:in\s+)?the\s+proximity\s+of|(?P<off>off(?:\s+the\s+"
    r"coast\s+of)?|offshore\s+of|at\s+sea\s+off)|from|in|at)\s+)+(?:the\s+)?",
    re.IGNORECASE,
)
_TRAIL = re.compile(
    r"(?:\s+(?:area|region|vicinity|surroundings|county|city|district|province|town|"
    r"village))+$",
    re.IGNORECASE,
)
_FACILITY_WORDS = re.compile(
    r"\s+(?:air\s*base|airbase|air\s+field|airfield|airport|air\s+strip|airstrip|"
    r"launch\s+site|site|base|test\s+site|testing\s+ground)$",
    re.IGNORECASE,
)
#: Text that names no place (directions, coasts, the country).
_GENERIC = re.compile(
    r"^(?:(?:the\s+)?(?:[nsew]{1,2}|north(?:ern)?|south(?:ern)?|east(?:ern)?|west(?:ern)?|"
    r"north[\s-]?east(?:ern)?|north[\s-]?west(?:ern)?|south[\s-]?east(?:ern)?|"
    r"south[\s-]?west(?:ern)?|central|inland)\.?\s*)*(?:coast|coastline|shore|region|part|"
    r"north\s+korea|dprk|nk|korea|sea|at\s+sea|country|interior)?(?:\s+of\s+(?:north\s+korea|"
    r"the\s+country|dprk))?$",
    re.IGNORECASE,
)
#: Generic words for a facility, alone ("'near' airfield").
_GENERIC_FACILITY = re.compile(
    r"^(?:near\s+)?(?:the\s+)?(?:airfield|airbase|air\s+base|airport|launch\s+site|site|base)$",
    re.IGNORECASE,
)
#: Bracketed words that attribute a place to a source rather than name one.
_SOURCES = re.compile(
    r"^(?:cns|nagix|rok\s*jcs|jcs|rok|kcna|japan(?:ese)?\s+(?:govt|government|mod)|mod|"
    r"pentagon|stratcom|us\s+stratcom|pacom|us|usfk|nis|yonhap|nhk|kyodo|reuters|ap|bbc|cnn|"
    r"38\s*north|wikipedia|site\s+uncertain|uncertain|at\s+sea|unconfirmed|disputed|est\.?|"
    r"estimated|presumed|reported|various)(?:[\s,/&]+(?:via|and|per)?\s*[\w.'-]+)*$",
    re.IGNORECASE,
)
_UNCERTAIN = re.compile(r"\b(?:site\s+uncertain|uncertain|unconfirmed|disputed|presumed)\b", re.I)


@dataclass(frozen=True)
class ReportedSite:
    """A launch place as reported, and the catalogue place it resolves to.

    Attributes
    ----------
    text : str
        The text as given.
    site : LaunchSite or None
        The launch point and its kind and uncertainty; ``None`` when the text does not resolve.
        For a qualified name or several alternatives this is a new ``area`` site.
    matched : str
        Catalogue name(s) used ("Sunchon"; "Eunyul County | Hwangju" for alternatives).
    uncertainty_km : float
        How far the launch point may lie from ``site`` (NaN when unresolved).
    note : str
        How the text was read, in one or two sentences (why not, when unresolved).
    confidence : float
        1.0 for an exact catalogue name; lower for qualified names, hierarchies,
        alternatives and places marked uncertain; 0 when unresolved.
    candidates : tuple of str
        Every catalogue place the text named (including unused broader ones).
    """

    text: str
    site: LaunchSite | None
    matched: str
    uncertainty_km: float
    note: str
    confidence: float
    candidates: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class _Hit:
    site: LaunchSite  # the place as read (qualified places are new area sites)
    entry: LaunchSite  # the catalogue entry
    how: str  # exact | words | qualified
    source: str = ""  # who reported it ("CNS"), if bracketed


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().strip(".,;:").strip()


def _lookup(name: str, cat: tuple[LaunchSite, ...]) -> tuple[LaunchSite | None, str, str]:
    """One catalogue entry for a bare name: (site, how, why-not)."""
    matches = match_sites(name, sites=cat)
    for how in ("exact", "words"):
        tier = {id(m.site): m.site for m in matches if m.how == how}
        if len(tier) == 1:
            return next(iter(tier.values())), how, ""
        if len(tier) > 1:
            names = ", ".join(repr(s.name) for s in tier.values())
            return None, "", f"{name!r} is ambiguous: {names}"
    return None, "", ""


def _resolve_part(
    part: str, cat: tuple[LaunchSite, ...], *, exact_only: bool = False
) -> tuple[_Hit | None, str]:
    """A single place name with reporting qualifiers; (hit, why-not)."""
    text = _fold(part).strip("'\"‘’“”")
    if not text:
        return None, ""
    lead = _LEAD.match(text)
    off = bool(lead and lead.group("off"))
    qualified = lead is not None and lead.end() > 0
    bare = text[lead.end() :] if lead else text
    trail = _TRAIL.search(bare)
    if trail:
        qualified = True
        bare = bare[: trail.start()]
    for name in (text, bare, _FACILITY_WORDS.sub("", bare)):
        if not _key(name):
            continue
        entry, how, why = _lookup(name, cat)
        if why and not exact_only:
            return None, why
        if entry is None or (exact_only and how != "exact"):
            continue
        # A whole-text match ("Wonsan area" is an alias) keeps the entry as it is.
        if name == text and not off:
            return _Hit(entry, entry, how), ""
        if not (off or qualified):
            return _Hit(entry, entry, how), ""
        return _Hit(_qualify(entry, off=off, near=qualified), entry, "qualified"), ""
    return None, ""


def _qualify(entry: LaunchSite, *, off: bool, near: bool) -> LaunchSite:
    """The surroundings of a catalogue place: an area of at least NEAR_KM (plus sea if off)."""
    unc = entry.uncertainty_km if math.isfinite(entry.uncertainty_km) else 0.0
    if near or entry.kind != SiteKind.AREA.value:
        unc = max(unc, NEAR_KM)
    if off:
        unc += OFF_KM
    word = "off" if off else "near"
    return LaunchSite(
        f"{word} {entry.name}", lon=entry.lon, lat=entry.lat, country=entry.country,
        source=entry.source, uncertainty_km=unc, kind=SiteKind.AREA.value,
    )  # fmt: skip


def _brackets(text: str) -> tuple[str, list[tuple[str, str]], bool]:
    """Text without bracketed parts, the (place, source) pairs found in them, uncertain flag."""
    places: list[tuple[str, str]] = []
    uncertain = False
    outer = []
    depth_start = 0
    for m in re.finditer(r"\(([^()]{0,200})\)", text):
        outer.append(text[depth_start : m.start()])
        depth_start = m.end()
        inner = m.group(1)
        uncertain = uncertain or bool(_UNCERTAIN.search(inner))
        for piece in re.split(r"[;]", inner):
            piece = piece.strip()
            source = ""
            if ":" in piece:
                source, piece = (p.strip() for p in piece.split(":", 1))
            per = re.match(r"^(.*?)\s+(?:per|according\s+to|via)\s+(.+)$", piece, re.I)
            if per:
                piece, source = per.group(1), per.group(2)
            if piece and not _SOURCES.match(piece):
                places.append((piece, source))
    outer.append(text[depth_start:])
    return " ".join("".join(outer).split()), places, uncertain


def _top_level_split(text: str, separators: str) -> list[str]:
    """Split at any of ``separators`` outside brackets."""
    out, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(depth - 1, 0)
        elif depth == 0 and ch in separators:
            out.append(text[start:i])
            start = i + 1
    out.append(text[start:])
    return out


def _split_alternatives(text: str) -> list[tuple[str, str]]:
    """Top-level alternatives: ';' and '/' outside brackets (whole names were tried first)."""
    out = []
    for chunk in _top_level_split(text, ";/"):
        chunk = chunk.strip()
        if not chunk:
            continue
        source = ""
        bracket = re.search(r"\(([^()]*)\)\s*$", chunk)
        if bracket and _SOURCES.match(bracket.group(1).split(";")[0].strip()):
            source = bracket.group(1).strip()
        out.append((chunk, source))
    return out


def _within(inner: LaunchSite, outer: LaunchSite) -> bool:
    d = float(distance_km(inner.lon, inner.lat, outer.lon, outer.lat))
    return d <= _unc(outer) + _NEST_SLACK_KM


def _unc(site: LaunchSite) -> float:
    return site.uncertainty_km if math.isfinite(site.uncertainty_km) else 0.0


def _chunk(chunk: str, cat: tuple[LaunchSite, ...]) -> tuple[list[_Hit], list[str], bool]:
    """Resolve one alternative: its hierarchy parts and bracketed places."""
    outer, bracketed, uncertain = _brackets(chunk)
    notes: list[str] = []
    whole, _ = _resolve_part(outer, cat, exact_only=True)
    parts: list[_Hit] = []
    if whole is not None:
        parts.append(whole)
    else:
        for piece in re.split(r"[,:]", outer):
            if not piece.strip():
                continue
            hit, why = _resolve_part(piece, cat)
            if hit is not None:
                parts.append(hit)
            elif why:
                notes.append(why)
            elif not _generic(piece):
                notes.append(f"{_fold(piece)!r} is not in the site catalogue{_closest(piece, cat)}")
    hits: list[_Hit] = []
    if parts:
        best = min(parts, key=lambda h: _unc(h.site))
        broader = [h for h in parts if h is not best]
        outside = [h for h in broader if not _within(best.site, h.site)]
        if outside:
            notes.append(
                f"{best.entry.name} does not lie within "
                + ", ".join(f"{h.entry.name} (±{_unc(h.site):.0f} km)" for h in outside)
            )
            hits += outside
        hits.insert(0, best)
    for place, source in bracketed:
        hit, why = _resolve_part(place, cat)
        if hit is not None:
            hits.append(_Hit(hit.site, hit.entry, hit.how, source))
        elif why:
            notes.append(why)
        elif not _generic(place):
            by = f" ({source})" if source else ""
            notes.append(f"{place!r}{by} is not in the site catalogue")
    return hits, notes, uncertain


def _generic(text: str) -> bool:
    plain = re.sub(r"['\"‘’“”]", "", _fold(text))
    return bool(_GENERIC.match(plain) or _GENERIC_FACILITY.match(plain))


def _closest(text: str, cat: tuple[LaunchSite, ...]) -> str:
    similar = [m.site.name for m in match_sites(text, sites=cat, limit=3)]
    return f" (closest: {', '.join(similar)})" if similar else ""


def _cover(hits: list[_Hit]) -> LaunchSite:
    """An area covering several places: centre between them, reaching the farthest edge."""
    lon = np.radians([h.site.lon for h in hits])
    lat = np.radians([h.site.lat for h in hits])
    x, y, z = np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)
    clon = float(np.degrees(np.arctan2(y.sum(), x.sum())))
    clat = float(np.degrees(np.arctan2(z.sum(), math.hypot(x.sum(), y.sum()))))
    d = distance_km(clon, clat, [h.site.lon for h in hits], [h.site.lat for h in hits])
    unc = float(max(float(di) + _unc(h.site) for di, h in zip(np.atleast_1d(d), hits, strict=True)))
    names = " | ".join(dict.fromkeys(h.entry.name for h in hits))
    return LaunchSite(
        f"area covering {names}", lon=clon, lat=clat, country=hits[0].site.country,
        uncertainty_km=math.ceil(unc), kind=SiteKind.AREA.value,
        source="; ".join(dict.fromkeys(h.entry.source for h in hits)),
    )  # fmt: skip


def _describe(site: LaunchSite) -> str:
    return f"{site.name} ({site.kind}, ±{_unc(site):.0f} km)"


def resolve_reported_site(
    text: str, *, country: str | None = None, sites: Sequence[LaunchSite] | None = None
) -> ReportedSite:
    """Resolve a launch place as reports write it (see the module docstring).

    Parameters
    ----------
    text : str
        The launch-place text: "near Kaechon, South Pyongan", "Wonsan area (CNS)",
        "S. Hwanghae: Eunyul County (ROK JCS) / near Hwangju (STRATCOM)".
    country : str, optional
        Only catalogue places of this state (ISO 3166-1 alpha-3).
    sites : sequence of LaunchSite, optional
        Catalogue to use (default: :func:`launchgeo.load_sites`).

    Returns
    -------
    ReportedSite
        Never raises for text it cannot read: ``site`` is then None and ``note`` says why.

    Raises
    ------
    ValidationError
        If ``text`` is not a string.

    Examples
    --------
    >>> r = resolve_reported_site("Musudan-ri (Tonghae), NE coast")
    >>> r.matched, r.site.kind
    ('Tonghae Satellite Launching Ground', 'facility')
    >>> r = resolve_reported_site("S. Hwanghae: Eunyul County (ROK JCS) / near Hwangju (CNS)")
    >>> r.matched, r.site.kind, round(r.uncertainty_km)
    ('Eunyul County | Hwangju', 'area', 40)
    """
    if not isinstance(text, str):
        raise ValidationError(f"a launch-place text must be a string, got {text!r}")
    v.text_length(text, "a launch-place text", MAX_PLACE_CHARS)
    cat = tuple(load_sites() if sites is None else sites)
    if country is not None:
        if not isinstance(country, str):
            raise ValidationError(
                f"country must be an ISO 3166-1 alpha-3 code such as 'PRK', got {country!r}"
            )
        cat = tuple(s for s in cat if s.country == country.upper())
    clean = _fold(text)
    if not clean:
        return ReportedSite(text, None, "", math.nan, "no launch place given", 0.0)
    hits: list[_Hit] = []
    notes: list[str] = []
    uncertain = False
    whole, why = _resolve_part(clean, cat, exact_only=True)
    if whole is not None:
        hits = [whole]
    else:
        for chunk, source in _split_alternatives(clean):
            found, chunk_notes, unsure = _chunk(chunk, cat)
            hits += [_Hit(h.site, h.entry, h.how, h.source or source) for h in found]
            notes += chunk_notes
            uncertain = uncertain or unsure
    candidates = tuple(dict.fromkeys(h.entry.name for h in hits))
    if not hits:
        why = why or "; ".join(notes) or f"{clean!r} names no catalogue place"
        hint = "" if "closest" in why else _closest(clean, cat)
        return ReportedSite(text, None, "", math.nan, f"unresolved: {why}{hint}", 0.0)
    chosen, how = _combine(hits)
    confidence = {"exact": 1.0, "words": 0.9, "qualified": 0.85, "nested": 0.8, "same": 0.9,
                  "cover": 0.6}[how]  # fmt: skip
    if uncertain:
        confidence = min(confidence, 0.6)
        notes.append("the source marks the site as uncertain")
    lead = {
        "exact": f"catalogue entry {_describe(chosen)}",
        "words": f"catalogue entry {_describe(chosen)} (matched on words)",
        "qualified": f"read as the surroundings of {hits[0].entry.name}: {_describe(chosen)}",
        "same": f"the names given are one catalogue entry: {_describe(chosen)}",
        "nested": f"the most specific place named, {_describe(chosen)}, lies within "
        + ", ".join(h.entry.name for h in hits if h.entry is not _entry_of(chosen, hits)),
        "cover": "alternatives "
        + " or ".join(
            f"{h.entry.name}{f' ({h.source})' if h.source else ''}"
            for h in {id(h.entry): h for h in hits}.values()
        )
        + f": an area covering them, ±{_unc(chosen):.0f} km",
    }[how]
    matched = " | ".join(candidates) if how == "cover" else _entry_of(chosen, hits).name
    note = "; ".join([lead, *notes])
    return ReportedSite(text, chosen, matched, _unc(chosen), note, confidence, candidates)


def _entry_of(site: LaunchSite, hits: list[_Hit]) -> LaunchSite:
    return next((h.entry for h in hits if h.site is site), site)


def _combine(hits: list[_Hit]) -> tuple[LaunchSite, str]:
    """One launch point from several resolved places (module docstring)."""
    distinct = list({id(h.entry): h for h in hits}.values())
    if len(distinct) == 1:
        best = min(hits, key=lambda h: _unc(h.site))
        how = best.how if len(hits) == 1 or best.how != "exact" else "same"
        return best.site, ("same" if len(hits) > 1 and best.how == "exact" else how)
    best = min(distinct, key=lambda h: _unc(h.site))
    if all(h is best or _within(best.site, h.site) for h in distinct):
        return best.site, "nested"
    return _cover(distinct), "cover"
