"""Check a table of launches, row by row, on everything each row has data for.

:func:`assess_events` takes an events table as analysts keep it (one row per missile: date,
the launch place as reported or its coordinates, range, apogee, the inside/outside statement,
the impact description, the missile type; any column names) and returns a GeoDataFrame with
one row per input row, the input columns kept, and for each row four checks, each with an
explicit status (:class:`CheckStatus`) and a reason:

``site_check``
    The launch place. With coordinates and a name: do they agree (within the named place's
    uncertainty)? With a name only: does it resolve (:func:`resolve_reported_site`)? With
    coordinates only: not checked (nothing to compare).
``range_check``
    Is the inside/outside statement possible at the reported range from the launch point?
    The range interval is the figure's rounding (``350`` -> 325-375 km) widened by the launch
    place's uncertainty. ``range_informative`` says whether the check could have failed:
    False when the range alone decides the answer (no bearing at that range reaches the EEZ,
    or every bearing ends in it), so that a consistent result is no evidence at all.
``statement_check``
    Does the described impact region (every reading of the description, or a flight with a
    direction from the launch point) allow the statement? ``statement_p_inside`` gives, per
    reading, the share of its region inside the state's EEZ (its overlapping claims included),
    and ``statement_informative`` says whether some reading lies wholly on one side.
``description_check``
    Is the described region (or the flight distance) at the reported range from the launch
    point?

A row whose description gives no distance is still checked on site and range; an
``unknown`` statement is ``not_checked`` (never "consistent"); an unreadable cell costs its row
the checks that need it, with the reason, never the table. Coordinates in the table win over
names. Distances of the described point to the state's EEZ outer limit, territorial-sea
limit and coast are given as ``distance_to_eez_limit_km``, ``distance_to_territorial_sea_
limit_km`` and ``distance_to_coast_km`` (:mod:`launchgeo.zones.limits`).

Examples
--------
>>> import pandas as pd
>>> events = pd.DataFrame({"site": ["Sunan", "near Kusong"], "range_km": [350, 800],
...                        "statement": ["outside", "unknown"]})
>>> out = assess_events(events)
>>> out[["site_matched", "range_check", "range_informative"]].values.tolist()
... # doctest: +NORMALIZE_WHITESPACE
[['Pyongyang Sunan International Airport', 'checked_consistent', False],
 ['Kusong', 'not_checked', None]]
>>> out["range_check_note"].iloc[1]
'not checked: the statement is unknown (nothing to check the range against)'
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry import Point

from launchgeo.errors import LaunchgeoError, ParseError, ValidationError
from launchgeo.findings import _columns as cols
from launchgeo.findings.assessment import _eez_labels, _zones_or_default
from launchgeo.findings.readings import ImpactText, parse_impact_text
from launchgeo.findings.reports import _region_range_km, rounding_halfwidth_km
from launchgeo.findings.sitetext import ReportedSite, resolve_reported_site
from launchgeo.findings.statements import _sector
from launchgeo.geodesy.core import destination, distance_km, inverse
from launchgeo.sites import LaunchSite

__all__ = ["CHECKS", "CheckStatus", "EventsSummary", "assess_events", "summarize_events"]

#: The checks every row gets, in order.
CHECKS = ("site_check", "range_check", "statement_check", "description_check")
#: Samples per reading region for ``statement_p_inside`` (binomial error below 1.2 %).
_P_SAMPLES = 2000
#: Bearing step (degrees) of the ring samples that decide "outside" possibilities.
_RING_STEP_DEG = 0.05
#: Slack (km) allowed between table coordinates and the named place, beyond its uncertainty.
_SITE_SLACK_KM = 5.0


class CheckStatus(StrEnum):
    """The status of one check of one row."""

    CONSISTENT = "checked_consistent"
    INCONSISTENT = "checked_inconsistent"
    NOT_CHECKED = "not_checked"


@dataclass
class _Check:
    status: CheckStatus
    note: str
    informative: bool | None = None

    @classmethod
    def skip(cls, why: str) -> _Check:
        return cls(CheckStatus.NOT_CHECKED, f"not checked: {why}")

    @classmethod
    def verdict(cls, ok: bool, note: str, informative: bool | None = None) -> _Check:
        status = CheckStatus.CONSISTENT if ok else CheckStatus.INCONSISTENT
        return cls(status, note, informative)


@dataclass(frozen=True)
class _Focus:
    """The focus state's zones, computed once per table."""

    state: str
    own: Any  # EEZ + territorial sea (exclusive)
    claimed: Any  # own + overlapping claims and joint regimes naming the state
    zones: Any
    claimed_xy: Any = None  # boundary vertices of ``claimed``, every <= 0.02 degrees

    def nearest_claimed(self, lon0: float, lat0: float) -> tuple[float, float]:
        """(range km, bearing) from a point to the nearest point of the claimed zones."""
        if shapely.intersects_xy(self.claimed, lon0, lat0):
            return 0.0, 0.0
        xy = self.claimed_xy
        d, az, _ = inverse(lon0, lat0, xy[:, 0], xy[:, 1])
        i = int(np.argmin(d))
        return float(d[i]), float(az[i]) % 360.0


def _focus(zones: Any, state: str) -> _Focus | None:
    own = _eez_labels(zones, state)
    if not own:
        return None
    claimed = _eez_labels(zones, state, disputed=True)
    own_g = shapely.union_all([zones.geometry(lab) for lab in own])
    claimed_g = shapely.union_all([zones.geometry(lab) for lab in claimed])
    shapely.prepare(own_g)
    shapely.prepare(claimed_g)
    xy = shapely.get_coordinates(shapely.segmentize(shapely.boundary(claimed_g), 0.02))
    return _Focus(state, own_g, claimed_g, zones, xy)


@dataclass
class _Row:
    """What one row says, read from its cells (or why a cell could not be read)."""

    site: LaunchSite | None = None
    site_source: str = ""
    reported: ReportedSite | None = None
    coord: tuple[float, float] | None = None
    range_km: float | None = None
    range_lo: float | None = None
    range_hi: float | None = None
    range_source: str = ""
    statement: str | None = None
    text: ImpactText | None = None
    problems: dict[str, str] = field(default_factory=dict)


def _read_row(rec: Mapping[str, Any], c: cols.EventColumns, geom: Any) -> _Row:
    row = _Row()
    roles = c.roles
    dc = c.decimal_comma
    if roles["lon"] == "geometry":
        if geom is not None and not geom.is_empty:
            if geom.geom_type == "Point":
                row.coord = (float(geom.x), float(geom.y))
            else:
                row.problems["coord"] = f"the geometry is a {geom.geom_type}, not a launch point"
    elif roles["lon"] and roles["lat"]:
        lon_v, lat_v = rec.get(roles["lon"]), rec.get(roles["lat"])
        if not (cols.missing(lon_v) and cols.missing(lat_v)):
            try:
                row.coord = (
                    cols.coordinate(lon_v, "lon", decimal_comma=dc),
                    cols.coordinate(lat_v, "lat", decimal_comma=dc),
                )
            except ParseError as exc:
                row.problems["coord"] = str(exc)
    cell = rec.get(roles["site"]) if roles["site"] else None
    if isinstance(cell, LaunchSite):
        row.reported = ReportedSite(
            cell.name, cell, cell.name, _unc(cell), "a LaunchSite object", 1.0, (cell.name,)
        )
    elif isinstance(cell, tuple | list) or (
        isinstance(cell, str) and cols.PAIR.fullmatch(cell.strip())
    ):
        if row.coord is None:  # a point in the site column
            try:
                if isinstance(cell, str):
                    row.coord = cols.point(cell)
                else:  # a Python pair: (lon, lat), as everywhere in launchgeo
                    pair = list(cell)
                    if len(pair) != 2:
                        raise ParseError(f"site cell {cell!r} is neither a place nor (lon, lat)")
                    row.coord = (
                        cols.coordinate(pair[0], "lon", decimal_comma=False),
                        cols.coordinate(pair[1], "lat", decimal_comma=False),
                    )
            except ParseError as exc:
                row.problems["coord"] = str(exc)
    elif cell is not None and not cols.missing(cell):
        row.reported = resolve_reported_site(str(cell))
    if row.coord is not None:
        try:
            lon, lat = row.coord
            row.site = LaunchSite("(lon, lat)", lon=lon, lat=lat, uncertainty_km=0.0)
            row.site_source = "coordinates"
        except LaunchgeoError as exc:
            row.problems["coord"] = str(exc)
            row.coord = None
    if row.site is None and row.reported is not None and row.reported.site is not None:
        row.site, row.site_source = row.reported.site, "name"
    if roles["range"] and not cols.missing(rec.get(roles["range"])):
        try:
            value, half, fig = cols.figure(rec[roles["range"]], "range", decimal_comma=dc)
            h = rounding_halfwidth_km(float(fig)) + (half or 0.0)
            row.range_km, row.range_source = value, "range column"
            row.range_lo, row.range_hi = max(value - h, 0.0), value + h
        except (ParseError, LaunchgeoError) as exc:
            row.problems["range"] = str(exc)
    if roles["statement"]:
        try:
            row.statement = cols.statement_word(rec.get(roles["statement"]))
        except ParseError as exc:
            row.problems["statement"] = str(exc)
    if roles["description"] and not cols.missing(rec.get(roles["description"])):
        row.text = parse_impact_text(str(rec[roles["description"]]))
    flight = row.text.flight if row.text is not None else None
    if row.range_km is None and flight is not None and flight.distance_km is not None:
        row.range_km, row.range_source = flight.distance_km, "description (flight distance)"
        row.range_lo, row.range_hi = flight.distance_min_km, flight.distance_max_km
    return row


def _unc(site: LaunchSite | None) -> float:
    if site is None or not math.isfinite(site.uncertainty_km):
        return 0.0
    return site.uncertainty_km


# --------------------------------------------------------------------------- checks


def _site_check(row: _Row) -> _Check:
    rep = row.reported
    if "coord" in row.problems and rep is None:
        return _Check.skip(row.problems["coord"])
    if row.site_source == "coordinates":
        if rep is None:
            return _Check.skip("coordinates only, no place name to compare them with")
        if rep.site is None:
            return _Check.skip(f"the place name does not resolve ({rep.note})")
        lon, lat = row.coord or (math.nan, math.nan)
        d = float(distance_km(lon, lat, rep.site.lon, rep.site.lat))
        allowed = _unc(rep.site) + _SITE_SLACK_KM
        ok = d <= allowed
        return _Check.verdict(
            ok,
            f"the coordinates lie {d:,.1f} km from {rep.matched} "
            f"({'within' if ok else 'beyond'} its ±{_unc(rep.site):.0f} km + "
            f"{_SITE_SLACK_KM:.0f} km)",
        )
    if rep is None:
        return _Check.skip(row.problems.get("coord", "no launch place (no name, no coordinates)"))
    if rep.site is None:
        return _Check.skip(f"the launch place does not resolve: {rep.note}")
    extra = f"; {row.problems['coord']} (the name is used)" if "coord" in row.problems else ""
    return _Check.verdict(True, f"resolved: {rep.note}{extra}")


def _needs(row: _Row, *, statement: bool, against: str = "the range") -> str | None:
    """Why a geometric check cannot run (None if it can)."""
    if row.site is None:
        if row.reported is not None and row.reported.site is None:
            return f"no launch point (the place does not resolve: {row.reported.note})"
        return row.problems.get("coord", "no launch point (no resolvable name or coordinates)")
    if statement:
        if "statement" in row.problems:
            return row.problems["statement"]
        if row.statement is None:
            return "no statement column"
        if row.statement == "unknown":
            return f"the statement is unknown (nothing to check {against} against)"
    return None


def _range_check(row: _Row, focus: _Focus | None) -> tuple[_Check, bool | None]:
    why = _needs(row, statement=True)
    if why:
        return _Check.skip(why), None
    if row.range_km is None:
        return _Check.skip(
            row.problems.get("range", "no range (empty cell, no flight distance)")
        ), None
    if focus is None:
        return _Check.skip("the zone data hold no EEZ for the focus state"), None
    assert row.site is not None and row.range_lo is not None and row.range_hi is not None
    u = _unc(row.site)
    lo, hi = max(row.range_lo - u, 0.0), row.range_hi + u
    lon0, lat0 = row.site.lon, row.site.lat
    near_km, near_brg = focus.nearest_claimed(lon0, lat0)
    inside_possible = near_km <= hi
    outside_possible = _some_outside(lon0, lat0, lo, row.range_km, hi, focus)
    informative = bool(inside_possible and outside_possible)
    span = f"{lo:,.0f}–{hi:,.0f} km"
    src = "" if row.range_source == "range column" else f" (from the {row.range_source})"
    if row.statement == "inside":
        ok = inside_possible
        note = (
            f"the EEZ (or an area the state claims) is reached from {near_km:,.0f} km "
            f"(bearing {near_brg:.0f}°), within {span}{src}"
            if ok
            else f"the EEZ is {near_km:,.0f} km away, beyond {span}{src}"
        )
    else:
        ok = outside_possible
        note = (
            f"some bearings at {span}{src} end outside the EEZ"
            if ok
            else f"every bearing at {span}{src} ends inside the EEZ"
        )
    if not informative:
        note += "; uninformative: the range alone decides it"
    return _Check.verdict(ok, note, informative), informative


def _some_outside(
    lon0: float, lat0: float, lo: float, mid: float, hi: float, focus: _Focus
) -> bool:
    """Whether some impact at lo, mid or hi km ends outside the exclusive EEZ (0.05° bearings)."""
    az = np.arange(0.0, 360.0, _RING_STEP_DEG)
    radii = sorted({max(lo, 1e-3), max(mid, 1e-3), max(hi, 1e-3)})
    lon, lat = destination(lon0, lat0, np.tile(az, len(radii)), np.repeat(radii, az.size))
    return bool((~shapely.intersects_xy(focus.own, np.asarray(lon), np.asarray(lat))).any())


def _regions(row: _Row) -> list[tuple[str, Any]]:
    """(label, region) for every reading of the description, and a flight with a direction."""
    out: list[tuple[str, Any]] = []
    if row.text is not None:
        out += [(f"{r.label}: {r.text}", r.region) for r in row.text.readings]
        f = row.text.flight
        if f is not None and f.bearing_min_deg is not None and row.site is not None:
            lo = f.distance_min_km if f.distance_min_km is not None else row.range_lo
            hi = f.distance_max_km if f.distance_max_km is not None else row.range_hi
            if lo is not None and hi is not None and hi > 0:
                u = _unc(row.site)
                region = _sector(
                    row.site.lon, row.site.lat, max(lo - u, 0.0), hi + u,
                    f.bearing_min_deg, f.bearing_max_deg,
                )  # fmt: skip
                out.append((f"flight: {f.text}", region))
    return out


def _p_inside(region: Any, focus: _Focus, seed: int) -> float:
    """Share of the region (uniform over area) inside the EEZ or the state's claims."""
    minx, miny, maxx, maxy = region.bounds
    rng = np.random.default_rng(seed)
    pts: list[np.ndarray] = []
    got = 0
    for _ in range(50):
        lon = rng.uniform(minx, maxx, 8 * _P_SAMPLES)
        lat = np.degrees(np.arcsin(rng.uniform(np.sin(np.radians(miny)),
                                                np.sin(np.radians(maxy)), lon.size)))  # fmt: skip
        keep = shapely.contains_xy(region, lon, lat)
        pts.append(np.column_stack([lon[keep], lat[keep]]))
        got += int(keep.sum())
        if got >= _P_SAMPLES:
            break
    xy = np.concatenate(pts)[:_P_SAMPLES]
    if xy.shape[0] == 0:
        return float("nan")
    return float(np.mean(shapely.intersects_xy(focus.claimed, xy[:, 0], xy[:, 1])))


def _statement_check(row: _Row, focus: _Focus | None) -> tuple[_Check, list[float], bool | None]:
    regions = _regions(row)
    if not regions:
        if row.text is None:
            return _Check.skip("no impact description"), [], None
        why = row.text.refusal or "the description's flight has no direction to place it"
        return _Check.skip(f"the description locates no impact region: {why}"), [], None
    if focus is None:
        return _Check.skip("the zone data hold no EEZ for the focus state"), [], None
    probs = [_p_inside(reg, focus, i) for i, (_, reg) in enumerate(regions)]
    if row.statement in (None, "unknown") or "statement" in row.problems:
        reason = _needs(row, statement=True, against="the description")
        return _Check.skip(reason or "no statement"), probs, None
    fits, decided = [], False
    for _, reg in regions:
        can_in = bool(shapely.intersects(reg, focus.claimed))
        can_out = not bool(shapely.covered_by(reg, focus.own))
        decided = decided or (can_in != can_out)
        fits.append(can_in if row.statement == "inside" else can_out)
    ok = any(fits)
    shares = ", ".join(f"{p:.0%}" for p in probs)
    note = (
        f"{sum(fits)} of {len(regions)} reading(s) allow '{row.statement}' "
        f"(share of each region inside the EEZ or claims: {shares})"
    )
    if not decided:
        note += "; uninformative: every reading straddles the EEZ limit"
    return _Check.verdict(ok, note, decided), probs, decided


def _description_check(row: _Row) -> _Check:
    if row.text is None:
        return _Check.skip("no impact description")
    flight = row.text.flight
    if not row.text.readings and (flight is None or flight.distance_km is None):
        return _Check.skip(row.text.refusal or "the description gives no distance")
    why = _needs(row, statement=False)
    if why:
        return _Check.skip(why)
    assert row.site is not None
    if row.range_km is None or row.range_lo is None or row.range_hi is None:
        return _Check.skip(row.problems.get("range", "no range to compare the description with"))
    u = _unc(row.site)
    lo, hi = max(row.range_lo - u, 0.0), row.range_hi + u
    spans: list[tuple[str, float, float]] = []
    for r in row.text.readings:
        d_lo, d_hi = _region_range_km(row.site.lon, row.site.lat, r.region)
        spans.append((r.label, d_lo, d_hi))
    f = row.text.flight
    if f is not None and f.distance_min_km is not None and row.range_source == "range column":
        assert f.distance_max_km is not None
        spans.append(("flight distance", f.distance_min_km, f.distance_max_km))
    if not spans:
        why = row.text.refusal or "the description gives no distance from the launch point"
        if row.range_source != "range column":
            why = "the range itself is taken from the description"
        return _Check.skip(why)
    fit = [(lab, a, b) for lab, a, b in spans if a <= hi and b >= lo]
    text = "; ".join(
        f"{a:,.0f}–{b:,.0f} km" + ("" if lab == "as stated" else f" ({lab})") for lab, a, b in spans
    )
    return _Check.verdict(
        bool(fit),
        f"the described impact lies {text} from the launch point; range {lo:,.0f}–{hi:,.0f} km",
    )


# --------------------------------------------------------------------------- the table


@dataclass(frozen=True)
class EventsSummary:
    """Counts of an :func:`assess_events` result, and the paragraph the CLI prints.

    Attributes
    ----------
    rows, rows_checked, rows_consistent, rows_inconsistent : int
        Rows in the table; rows with at least one check run; rows whose checks all agree;
        rows with at least one inconsistent check.
    coverage : dict
        Check -> number of rows on which it ran.
    agreement : dict
        Check -> number of rows on which it ran and came out consistent.
    not_checked : dict
        Reason (its first words) -> number of checks not run for it.
    """

    rows: int
    rows_checked: int
    rows_consistent: int
    rows_inconsistent: int
    coverage: dict[str, int]
    agreement: dict[str, int]
    not_checked: dict[str, int]

    def text(self) -> str:
        """One paragraph: rows checked, consistent, inconsistent, not checked by reason."""
        cov = ", ".join(
            f"{c.replace('_check', '')} {self.agreement[c]}/{self.coverage[c]}" for c in CHECKS
        )
        reasons = "; ".join(f"{n} × {r}" for r, n in self.not_checked.items())
        return (
            f"{self.rows} rows: {self.rows_checked} checked on at least one count, "
            f"{self.rows_consistent} consistent on every check run, {self.rows_inconsistent} "
            f"with an inconsistency, {self.rows - self.rows_checked} not checked at all. "
            f"Checks consistent/run: {cov}. Not checked, by reason: {reasons or 'none'}."
        )


def _reason_key(note: str) -> str:
    body = note.removeprefix("not checked: ")
    return body.split(" (")[0].split(": ")[0].split(";")[0][:80]


def summarize_events(result: pd.DataFrame) -> EventsSummary:
    """Count an :func:`assess_events` result (see :class:`EventsSummary`).

    Examples
    --------
    >>> import pandas as pd
    >>> s = summarize_events(assess_events(pd.DataFrame(
    ...     {"site": ["Sunan"], "range_km": [650], "statement": ["inside"]})))
    >>> s.rows_checked, s.coverage["range_check"], s.agreement["range_check"]
    (1, 1, 1)
    """
    missing = [c for c in CHECKS if c not in getattr(result, "columns", ())]
    if not hasattr(result, "columns") or missing:
        raise ValidationError(
            f"result must be what assess_events returned (columns {', '.join(CHECKS)}); got "
            f"{type(result).__name__} without {', '.join(missing) or 'columns'}"
        )
    status = {c: result[c].astype(str) for c in CHECKS}
    run = {c: status[c] != CheckStatus.NOT_CHECKED.value for c in CHECKS}
    bad = {c: status[c] == CheckStatus.INCONSISTENT.value for c in CHECKS}
    any_run = np.logical_or.reduce([run[c].to_numpy() for c in CHECKS])
    any_bad = np.logical_or.reduce([bad[c].to_numpy() for c in CHECKS])
    reasons: Counter[str] = Counter()
    for c in CHECKS:
        for note in result.loc[~run[c], f"{c}_note"].astype(str):
            reasons[_reason_key(note)] += 1
    return EventsSummary(
        rows=len(result),
        rows_checked=int(any_run.sum()),
        rows_consistent=int((any_run & ~any_bad).sum()),
        rows_inconsistent=int(any_bad.sum()),
        coverage={c: int(run[c].sum()) for c in CHECKS},
        agreement={c: int((run[c] & ~bad[c]).sum()) for c in CHECKS},
        not_checked=dict(reasons.most_common()),
    )


def assess_events(
    table: pd.DataFrame | str | Path,
    *,
    columns: Mapping[str, str | None] | str | None = None,
    focus_state: str = "JPN",
    zones: Any = None,
    progress: bool | Callable[[int, int], None] = False,
    site_column: str | None = None,
    range_column: str | None = None,
    statement_column: str | None = None,
    description_column: str | None = None,
) -> gpd.GeoDataFrame:
    """Check every row of an events table on what it has data for (module docstring).

    Parameters
    ----------
    table : DataFrame, GeoDataFrame, str or Path
        The events: a frame, or a CSV file (also Excel's: BOM, ``;`` and decimal commas,
        Windows line endings). A GeoDataFrame's point geometry is the launch point.
    columns : mapping or str, optional
        Role -> column name, e.g. ``{"site": "launch_site_name", "range": "range_km",
        "statement": "japan_eez", "description": "impact_description"}`` or the same as
        ``"site=launch_site_name,range=range_km"``; roles are ``date``, ``site``, ``lon``,
        ``lat``, ``range``, ``apogee``, ``statement``, ``description``, ``missile_type``.
        Roles not given are detected from the column names (``result.attrs["columns"]`` says
        what was chosen); map a role to None to leave it out.
    focus_state : str
        The state whose EEZ the statements refer to (ISO 3166-1 alpha-3), default Japan.
    zones : Zones, optional
        Zone data (the embedded default when omitted).
    progress : bool or callable
        True for a progress bar on stderr (tqdm); a callable gets (rows done, rows).
    site_column, range_column, statement_column, description_column : str, optional
        The names of 0.1, same as ``columns={"site": ...}``.

    Returns
    -------
    geopandas.GeoDataFrame
        The input columns, then ``site_matched``, ``site_uncertainty_km``,
        ``site_match_note``, ``site_source``, ``launch_lon``, ``launch_lat``,
        ``range_min_km``, ``range_max_km``, ``range_source``, the four checks with their
        ``*_note``, ``range_informative``, ``statement_informative``, ``statement_readings``,
        ``statement_p_inside``, ``impact_lon``, ``impact_lat``, ``impact_zone``,
        ``distance_to_eez_limit_km``, ``distance_to_territorial_sea_limit_km``,
        ``distance_to_coast_km``, ``checks_run``, ``consistent`` (False if any check is
        inconsistent, True if some ran and none is, None if none ran) and ``note``; geometry
        is the launch point (EPSG:4326). The input is not modified.

    Raises
    ------
    ValidationError
        Columns that are not in the table (the message lists the columns found), a table with
        no launch place or nothing to check, a bad ``columns`` mapping.
    DataError
        A file that cannot be read as CSV.
    """
    frame, decimal_comma = cols.read_table(table)
    if len(frame) == 0:
        what = repr(str(table)) if isinstance(table, str | Path) else "the DataFrame"
        raise ValidationError(
            f"events table {what} has no rows (columns: {list(frame.columns)}): nothing to check"
        )
    legacy = {"site": site_column, "range": range_column, "statement": statement_column,
              "description": description_column}  # fmt: skip
    legacy = {k: v for k, v in legacy.items() if v is not None}
    if legacy:
        given = dict(cols._given(columns))
        columns = {**legacy, **given}
    is_geo = isinstance(frame, gpd.GeoDataFrame) and frame.geometry.name in frame.columns
    geoms: list[Any] = [None] * len(frame)
    if is_geo:
        g = frame.geometry
        if g.crs is not None and not g.crs.equals("EPSG:4326"):
            g = g.to_crs("EPSG:4326")
        geoms = list(g)
    chosen = cols.choose_columns(frame, columns, geometry=is_geo, decimal_comma=decimal_comma)
    zones = _zones_or_default(zones)
    focus = _focus(zones, focus_state)
    records: list[dict[str, Any]] = frame.to_dict("records")  # type: ignore[assignment]
    out: list[dict[str, Any]] = []
    bar = _progress(progress, len(records))
    for i, (rec, geom) in enumerate(zip(records, geoms, strict=True)):
        out.append(_assess_row(rec, chosen, geom, focus))
        if bar is not None:
            bar(i + 1, len(records))
    result = pd.DataFrame(frame.drop(columns=[frame.geometry.name]) if is_geo else frame)
    result = result.reset_index(drop=True) if not is_geo else result
    extra = pd.DataFrame(out, index=result.index)
    clash = [c for c in extra.columns if c in result.columns]
    result = result.drop(columns=clash)
    points = [
        Point(o["launch_lon"], o["launch_lat"]) if o["launch_lon"] is not None else None
        for o in out
    ]
    gdf = gpd.GeoDataFrame(pd.concat([result, extra], axis=1), geometry=points, crs="EPSG:4326")
    gdf.attrs["columns"] = chosen.describe()
    gdf.attrs["focus_state"] = focus_state
    return gdf


def _progress(progress: bool | Callable[[int, int], None], total: int) -> Any:
    if callable(progress):
        return progress
    if not progress:
        return None
    from tqdm import tqdm

    bar = tqdm(total=total, unit="row", desc="events", leave=False)

    def step(done: int, _total: int) -> None:
        bar.update(done - bar.n)
        if done >= _total:
            bar.close()

    return step


def _assess_row(
    rec: Mapping[str, Any], c: cols.EventColumns, geom: Any, focus: _Focus | None
) -> dict[str, Any]:
    row = _read_row(rec, c, geom)
    site_c = _site_check(row)
    range_c, range_inf = _range_check(row, focus)
    stmt_c, probs, stmt_inf = _statement_check(row, focus)
    desc_c = _description_check(row)
    checks = dict(zip(CHECKS, (site_c, range_c, stmt_c, desc_c), strict=True))
    rep = row.reported
    o: dict[str, Any] = {
        "site_matched": (rep.matched or None) if rep is not None else None,
        "site_uncertainty_km": _unc(rep.site) if rep is not None and rep.site else None,
        "site_match_note": rep.note if rep is not None else None,
        "site_source": row.site_source or None,
        "launch_lon": row.site.lon if row.site is not None else None,
        "launch_lat": row.site.lat if row.site is not None else None,
        "range_min_km": row.range_lo,
        "range_max_km": row.range_hi,
        "range_source": row.range_source or None,
    }
    for name, chk in checks.items():
        o[name] = chk.status.value
        o[f"{name}_note"] = chk.note
    o["range_informative"] = range_inf
    o["statement_informative"] = stmt_inf
    regions = _regions(row)
    o["statement_readings"] = " | ".join(lab for lab, _ in regions) or None
    o["statement_p_inside"] = " | ".join(f"{p:.3f}" for p in probs) or None
    o.update(_impact(row, focus))
    run = [k for k in checks.values() if k.status is not CheckStatus.NOT_CHECKED]
    o["checks_run"] = len(run)
    o["consistent"] = None if not run else all(k.status is CheckStatus.CONSISTENT for k in run)
    bad = [f"{n}: {k.note}" for n, k in checks.items() if k.status is CheckStatus.INCONSISTENT]
    o["note"] = "; ".join(bad) if bad else (range_c.note if run else site_c.note)
    return o


def _impact(row: _Row, focus: _Focus | None) -> dict[str, Any]:
    """The described impact point, its zone and its distances to the state's lines."""
    out: dict[str, Any] = dict.fromkeys(
        ("impact_lon", "impact_lat", "impact_zone", "distance_to_eez_limit_km",
         "distance_to_territorial_sea_limit_km", "distance_to_coast_km")
    )  # fmt: skip
    point = None
    if row.text is not None:
        point = next(((r.lon, r.lat) for r in row.text.readings if r.lon is not None), None)
        f = row.text.flight
        if point is None and f is not None and f.bearing_deg is not None and row.site is not None:
            d = f.distance_km if f.distance_km is not None else row.range_km
            if d:
                lon, lat = destination(row.site.lon, row.site.lat, f.bearing_deg, d)
                point = (float(lon), float(lat))
    if point is None or focus is None:
        return out
    from launchgeo.zones.limits import distance_to_limit_km

    lon, lat = point
    out.update(impact_lon=lon, impact_lat=lat, impact_zone=str(focus.zones.classify(lon, lat)))
    for key, limit in (("distance_to_eez_limit_km", "eez"),
                       ("distance_to_territorial_sea_limit_km", "territorial_sea"),
                       ("distance_to_coast_km", "coast")):  # fmt: skip
        try:
            out[key] = float(distance_to_limit_km(lon, lat, focus.state, limit, zones=focus.zones))
        except LaunchgeoError:
            out[key] = None
    return out
