"""Event tables as analysts keep them: reading the file, finding the columns, reading cells.

Private helpers of :mod:`launchgeo.findings.events`. A table is a CSV path (also as Excel
writes it: a byte-order mark, ``;`` separators with decimal commas, Windows line endings,
Windows-1252 text), a DataFrame, or a GeoDataFrame whose point geometry is the launch point.
Cells are read one by one, so a bad cell costs its row one check, never the table.
"""

from __future__ import annotations

import csv
import io
import math
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from launchgeo.errors import DataError, LaunchgeoError, ParseError, ValidationError

__all__: list[str] = []

#: Roles a column can play, in the order they are reported.
ROLES = (
    "date", "site", "lon", "lat", "range", "apogee", "statement", "description", "missile_type",
)  # fmt: skip

#: Column names recognised for each role (folded: lower case, runs of other characters -> "_").
_NAMES: dict[str, tuple[str, ...]] = {
    "date": ("date", "launch_date", "date_local", "date_utc", "datetime", "day", "発射日", "日付"),
    "site": ("site", "launch_site", "launch_site_name", "site_name", "launch_location",
             "location", "launch_place", "place", "launch_point", "launch_area", "origin",
             "発射場所", "発射地点"),
    "lon": ("lon", "launch_lon", "longitude", "launch_longitude", "site_lon", "lng", "long",
            "lon_deg", "経度"),
    "lat": ("lat", "launch_lat", "latitude", "launch_latitude", "site_lat", "lat_deg", "緯度"),
    "range": ("range_km", "range", "distance_km", "flight_distance_km", "flight_distance",
              "flight_range_km", "range_km_", "distance", "飛翔距離"),
    "apogee": ("apogee_km", "apogee", "altitude_km", "max_altitude_km", "max_altitude",
               "maximum_altitude", "altitude", "最高高度"),
    "statement": ("statement", "eez", "japan_eez", "eez_statement", "in_eez", "inside_outside",
                  "eez_finding", "eez_status", "jpn_eez"),
    "description": ("description", "impact_description", "impact", "impact_location",
                    "impact_point", "landing", "impact_area", "落下地点"),
    "missile_type": ("missile_type", "missile", "type", "system", "weapon", "missile_name",
                     "ミサイル"),
}  # fmt: skip
#: A word in a column name that suggests a role (second pass).
_WORDS: dict[str, tuple[str, ...]] = {
    "date": ("date",),
    "site": ("site", "location"),
    "lon": ("lon", "longitude"),
    "lat": ("lat", "latitude"),
    "range": ("range", "distance"),
    "apogee": ("apogee", "altitude"),
    "statement": ("eez",),
    "description": ("description", "impact"),
    "missile_type": ("missile",),
}


def _fold(name: object) -> str:
    text = unicodedata.normalize("NFKC", str(name)).strip().casefold()
    return re.sub(r"[^\w]+", "_", text).strip("_")


@dataclass(frozen=True)
class EventColumns:
    """Which column of the table plays which role, and how that was decided.

    Attributes
    ----------
    roles : dict
        Role (``date``, ``site``, ``lon``, ``lat``, ``range``, ``apogee``, ``statement``,
        ``description``, ``missile_type``) -> column name, or None when absent. ``lon`` and
        ``lat`` are ``"geometry"`` when a GeoDataFrame's points give the launch point.
    how : dict
        Role -> ``"given"`` (by ``columns=``), ``"detected"`` or ``"geometry"``.
    decimal_comma : bool
        Whether numbers were read with a decimal comma (a ``;``-separated CSV).
    """

    roles: dict[str, str | None]
    how: dict[str, str] = field(default_factory=dict)
    decimal_comma: bool = False

    def describe(self) -> str:
        """One line saying what was chosen: "site=launch_site_name (detected), ..."."""
        used = [f"{r}={c!r} ({self.how.get(r, 'detected')})" for r, c in self.roles.items() if c]
        unused = [r for r, c in self.roles.items() if not c]
        text = "columns: " + ", ".join(used)
        return text + (f"; none for: {', '.join(unused)}" if unused else "")


def read_table(table: Any) -> tuple[pd.DataFrame, bool]:
    """A DataFrame (never the caller's object) and whether decimal commas are used."""
    if isinstance(table, str | Path):
        return _read_csv(Path(table))
    if isinstance(table, pd.DataFrame):
        return table.copy(), False
    raise ValidationError(
        f"table must be a CSV path, a DataFrame or a GeoDataFrame, got {type(table).__name__}"
    )


def _read_csv(path: Path) -> tuple[pd.DataFrame, bool]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DataError(f"cannot read events table {str(path)!r}: {exc}") from exc
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 decodes almost anything
        raise DataError(f"events table {str(path)!r} is neither UTF-8 nor Windows-1252 text")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise DataError(f"events table {str(path)!r} is empty")
    first = text.split("\n", 1)[0]
    if not first.strip() or "\x00" in first:
        raise DataError(
            f"events table {str(path)!r} has no header on its first line (got {first[:40]!r}); "
            "expected column names such as site,range_km,statement"
        )
    header = next(csv.reader(io.StringIO(first + "\n"), delimiter="\x00"), [""])[0]
    counts = {sep: _count_outside_quotes(header, sep) for sep in (",", ";", "\t", "|")}
    sep = max(counts, key=lambda k: counts[k])
    if counts[sep] == 0:
        sep = ","
    try:
        frame = pd.read_csv(
            io.StringIO(text), sep=sep, dtype=str, keep_default_na=False, skipinitialspace=True
        )
    except (ValueError, pd.errors.ParserError) as exc:
        raise DataError(f"cannot read events table {str(path)!r} as CSV: {exc}") from exc
    frame.columns = [str(c).strip() for c in frame.columns]
    return frame, sep == ";"


def _count_outside_quotes(line: str, sep: str) -> int:
    count, quoted = 0, False
    for ch in line:
        if ch == '"':
            quoted = not quoted
        elif ch == sep and not quoted:
            count += 1
    return count


def choose_columns(
    frame: pd.DataFrame,
    columns: Mapping[str, str | None] | str | None,
    *,
    geometry: bool,
    decimal_comma: bool,
) -> EventColumns:
    """The column for each role: ``columns=`` first, then detection (module docstring)."""
    given = _given(columns)
    found = [str(c) for c in frame.columns]
    names = {str(c): c for c in frame.columns}
    roles: dict[str, str | None] = dict.fromkeys(ROLES)
    how: dict[str, str] = {}
    for role, col in given.items():
        if col is not None and col not in names:
            raise ValidationError(
                f"columns={{{role!r}: {col!r}}}: the table has no column {col!r}; "
                f"columns found: {found}"
            )
        roles[role] = col
        how[role] = "given"
    taken = {c for c in roles.values() if c}
    folded = {_fold(c): c for c in found if c not in taken}
    for role in ROLES:
        if role in given:
            continue
        for cand in _NAMES[role]:
            if cand in folded and folded[cand] not in taken:
                roles[role], how[role] = folded[cand], "detected"
                taken.add(folded[cand])
                break
    for role in ROLES:
        if role in given or roles[role]:
            continue
        for col in found:
            words = set(_fold(col).split("_"))
            if col not in taken and words & set(_WORDS[role]):
                roles[role], how[role] = col, "detected"
                taken.add(col)
                break
    if geometry and not (roles["lon"] and roles["lat"]) and "lon" not in given:
        roles["lon"] = roles["lat"] = "geometry"
        how["lon"] = how["lat"] = "geometry"
    if bool(roles["lon"]) != bool(roles["lat"]):
        have = "lon" if roles["lon"] else "lat"
        raise ValidationError(
            f"the table has a {have} column ({roles[have]!r}) but no "
            f"{'lat' if have == 'lon' else 'lon'} column; columns found: {found}"
        )
    if not roles["site"] and not roles["lon"]:
        raise ValidationError(
            "the table has no launch place: no site-name column and no lon/lat columns were "
            f"found (pass columns={{'site': ...}} or {{'lon': ..., 'lat': ...}}); "
            f"columns found: {found}"
        )
    if not (roles["range"] or roles["statement"] or roles["description"]):
        raise ValidationError(
            "the table has nothing to check: no range, statement or description column was "
            f"found (pass columns={{'range': ..., 'statement': ...}}); columns found: {found}"
        )
    return EventColumns(roles, how, decimal_comma)


def _given(columns: Mapping[str, str | None] | str | None) -> dict[str, str | None]:
    if columns is None:
        return {}
    if isinstance(columns, str):
        pairs = [p for p in re.split(r"[,\n]", columns) if p.strip()]
        out: dict[str, str | None] = {}
        for pair in pairs:
            if "=" not in pair:
                raise ValidationError(
                    f"columns must be 'role=column' pairs separated by commas, got {pair!r}"
                )
            role, col = (x.strip() for x in pair.split("=", 1))
            out[role] = col or None
        columns = out
    if not isinstance(columns, Mapping):
        raise ValidationError(f"columns must be a mapping role -> column, got {columns!r}")
    bad = [r for r in columns if r not in ROLES]
    if bad:
        raise ValidationError(f"unknown column role(s) {bad}; roles are: {', '.join(ROLES)}")
    return {str(k): (None if v is None else str(v)) for k, v in columns.items()}


# --------------------------------------------------------------------------- cells


def missing(value: Any) -> bool:
    """True for an empty cell (None, NaN, blank text)."""
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    try:
        if pd.isna(value):
            return True
    except (TypeError, ValueError):
        pass
    return isinstance(value, str) and not value.strip()


_QUALIFIERS = re.compile(
    r"^(?:about|approx\.?|approximately|around|roughly|some|circa|ca\.|c\.|~|≈|>|<|over|"
    r"more\s+than|less\s+than|up\s+to|約)\s*",
    re.IGNORECASE,
)


def figure(value: Any, what: str, *, decimal_comma: bool) -> tuple[float, float | None, str]:
    """A number of km from a cell: (value, half-width if stated as a range, the figure text).

    Accepts numbers and text such as "800", "1,000", "about 800 km", "200-250", "1000,5" (with
    a decimal comma). Raises ParseError naming the cell otherwise.
    """
    if isinstance(value, bool):
        raise ParseError(f"{what} cell {value!r} is not a number of km")
    if isinstance(value, int | float):
        if not math.isfinite(float(value)) or value < 0:
            raise ParseError(f"{what} cell {value!r} is not a finite number of km >= 0")
        return float(value), None, repr(value)
    text = unicodedata.normalize("NFKC", str(value)).strip()
    text = _QUALIFIERS.sub("", text)
    text = re.sub(r"\s*(?:km|kilomet(?:er|re)s?|キロ(?:メートル)?)\.?$", "", text, flags=re.I)
    if decimal_comma:
        text = text.replace(".", "").replace(",", ".") if "," in text else text
    else:
        text = re.sub(r"(?<=\d),(?=\d{3}\b)", "", text)
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*(?:(?:-|–|—|to|~|〜)\s*(\d+(?:\.\d+)?))?", text)
    if m is None:
        raise ParseError(f"{what} cell {value!r} is not a number of km")
    lo = float(m.group(1))
    if m.group(2) is None:
        return lo, None, m.group(1)
    hi = float(m.group(2))
    if hi < lo:
        raise ParseError(f"{what} cell {value!r} is a range that runs backwards")
    return (lo + hi) / 2.0, (hi - lo) / 2.0, m.group(1)


#: A point written in one cell: "39.22, 125.67" (latitude first, as people write it).
PAIR = re.compile(r"[-+]?\d+(?:\.\d+)?\s*[,;\s]\s*[-+]?\d+(?:\.\d+)?")


def coordinate(value: Any, axis: str, *, decimal_comma: bool) -> float:
    """Degrees from a lon or lat cell: 125.67, "125.67E", "39°13'N", "39 13 20 N", "39,22".

    Text goes through :func:`launchgeo.coordinates.parse_lon` / ``parse_lat``; raises
    ParseError naming the cell.
    """
    from launchgeo.coordinates import parse_lat, parse_lon

    if isinstance(value, bool):
        raise ParseError(f"{axis} cell {value!r} is not a coordinate")
    if isinstance(value, int | float):
        number = float(value)
        limit = 90.0 if axis == "lat" else 360.0
        if not math.isfinite(number) or abs(number) > limit:
            raise ParseError(f"{axis} cell {value!r} is outside [-{limit:g}, {limit:g}] degrees")
        return number
    text = unicodedata.normalize("NFKC", str(value)).strip()
    if decimal_comma and re.fullmatch(r"[-+]?\d+,\d+", text):
        text = text.replace(",", ".")
    try:
        return float(parse_lat(text) if axis == "lat" else parse_lon(text))
    except LaunchgeoError as exc:
        raise ParseError(f"{axis} cell {value!r}: {str(exc).splitlines()[0]}") from exc


def point(value: str) -> tuple[float, float]:
    """(lon, lat) from a cell holding a whole point; ParseError naming the cell."""
    from launchgeo.coordinates import parse_coordinates

    try:
        lon, lat = parse_coordinates(value)
    except LaunchgeoError as exc:
        raise ParseError(f"site cell {value!r}: {str(exc).splitlines()[0]}") from exc
    return float(lon), float(lat)


def statement_word(value: Any) -> str:
    """``inside``, ``outside`` or ``unknown`` from a statement cell; ParseError otherwise."""
    if missing(value):
        return "unknown"
    text = unicodedata.normalize("NFKC", str(value)).strip().casefold()
    text = re.sub(r"\s+", " ", text)
    if re.fullmatch(r"(?:inside|in|within|yes|y|true|1|内|eez内|inside (?:the )?eez)", text):
        return "inside"
    if re.fullmatch(
        r"(?:outside|out|not inside|no|n|false|0|外|eez外|outside (?:the )?eez|"
        r"not in (?:the )?eez)",
        text,
    ):
        return "outside"
    if re.fullmatch(r"(?:unknown|unk|n/?a|none|not stated|unclear|\?|-|—|不明)", text):
        return "unknown"
    raise ParseError(f"statement cell {value!r} is not one of inside, outside, unknown")
