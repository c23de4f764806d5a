"""Consistency of reported launches: do a reported range, site and finding fit together.

Japan's Ministry of Defense reports, for each missile, whether it fell inside Japan's EEZ and
often where ("about 250 km west of the Oga Peninsula"); South Korea and others report the
range. :func:`check_report` tests whether such a report is geometrically possible and which
bearings satisfy it; :func:`launchgeo.assess_events` checks a table of events
(:mod:`launchgeo.findings.events`).

Examples
--------
>>> import launchgeo
>>> check = launchgeo.check_report("Sunan", 350, "outside")
>>> check.consistent
True
>>> launchgeo.check_report("Sunan", 350, "inside").consistent
False
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import numpy as np
import shapely

from launchgeo import _validate as v
from launchgeo.errors import ValidationError
from launchgeo.findings.assessment import (
    _eez_labels,
    _in_state_eez,
    _zones_or_default,
    assess_launch,
    min_range_to,
)
from launchgeo.findings.statements import ImpactEstimate, parse_impact_description
from launchgeo.geodesy.core import inverse
from launchgeo.sites import resolve_center
from launchgeo.zones._labels import possessive

__all__ = ["ReportCheck", "Statement", "check_report", "rounding_halfwidth_km"]


class Statement(StrEnum):
    """What a government said about the impact relative to its EEZ."""

    INSIDE = "inside"
    OUTSIDE = "outside"
    UNKNOWN = "unknown"


def rounding_halfwidth_km(range_km: float) -> float:
    """Half the rounding step implied by a reported range ("about 350 km" -> +-25 km).

    The coarsest of 100 (for >= 1,000 km), 50, 10, 5, 1 km that divides the figure; the same
    rule as the impact statements (:mod:`launchgeo.findings.statements`).

    Examples
    --------
    >>> rounding_halfwidth_km(350), rounding_halfwidth_km(1000), rounding_halfwidth_km(430)
    (25.0, 50.0, 5.0)
    """
    value = v.scalar_range_km(range_km)
    if value != math.floor(value):
        return 0.5
    n = int(value)
    for step in (100, 50, 10, 5):
        if n > 0 and n % step == 0 and (step < 100 or n >= 1000):
            return step / 2.0
    return 0.5


@dataclass(frozen=True)
class ReportCheck:
    """Whether a report (site, range, inside/outside, optional description) is consistent.

    Attributes
    ----------
    consistent : bool
        True if some flight from the site with a range inside the rounding interval ends where
        the report says (and inside the described region, when a description is given).
    bearings : list of (float, float)
        Clockwise bearing intervals at the reported range whose impact satisfies the
        inside/outside statement.
    reason : str
        One sentence explaining the verdict.
    impact : ImpactEstimate or None
        The parsed description.
    impact_zone : str or None
        Zone of the described point.
    impact_in_eez : bool or None
        Whether the described point lies in the state's EEZ or territorial sea.
    impact_eez_distance_km : float or None
        Signed distance of the described point to the EEZ boundary (negative inside).
    description_range_km : tuple of float or None
        Range interval from the site to the described region.
    """

    site: str
    range_km: float
    range_min_km: float
    range_max_km: float
    statement: Statement
    consistent: bool
    reason: str
    bearings: list[tuple[float, float]] = field(default_factory=list)
    description: str | None = None
    impact: ImpactEstimate | None = field(default=None, repr=False, compare=False)
    impact_zone: str | None = None
    impact_in_eez: bool | None = None
    impact_eez_distance_km: float | None = None
    description_range_km: tuple[float, float] | None = None


def _complement(intervals: list[tuple[float, float]]) -> list[tuple[float, float]]:
    if not intervals:
        return [(0.0, 360.0)]
    ordered = sorted(intervals)
    out = []
    for (_, end), (start, _) in zip(ordered, [*ordered[1:], ordered[0]], strict=True):
        if (start - end) % 360.0 > 1e-9:
            out.append((end, start))
    return out


def _region_range_km(lon0: float, lat0: float, region: Any) -> tuple[float, float]:
    """Min and max geodesic distance from the site to a described region."""
    coords = shapely.get_coordinates(shapely.segmentize(region.boundary, 0.02))
    d, _, _ = inverse(lon0, lat0, coords[:, 0], coords[:, 1])
    lo = 0.0 if shapely.intersects_xy(region, lon0, lat0) else float(np.min(d))
    return lo, float(np.max(d))


def check_report(
    site: Any,
    range_km: float,
    statement: str | Statement,
    *,
    description: str | None = None,
    zones: Any = None,
    range_tolerance_km: float | None = None,
    eez_state: str = "JPN",
) -> ReportCheck:
    """Check that a reported launch is geometrically consistent.

    Parameters
    ----------
    site : LaunchSite, str or (lon, lat)
        Reported launch site.
    range_km : float
        Reported range.
    statement : {"inside", "outside", "unknown"}
        What was said about the impact and ``eez_state``'s EEZ (territorial sea included).
    description : str, optional
        An impact statement such as "about 250 km west of the Oga Peninsula".
    zones : Zones, optional
        Zone data (embedded default when omitted).
    range_tolerance_km : float, optional
        Half-width of the range interval; default from the figure's rounding
        (:func:`rounding_halfwidth_km`).
    eez_state : str
        The state whose EEZ the statement refers to.

    Examples
    --------
    >>> c = check_report("Sunan", 650, "inside")
    >>> c.consistent, len(c.bearings) >= 1
    (True, True)
    """
    lon0, lat0, name = resolve_center(site)
    r_km = v.scalar_range_km(range_km)
    try:
        stmt = Statement(str(statement).strip().lower())
    except ValueError as exc:
        raise ValidationError(
            f"statement must be one of {[s.value for s in Statement]}, got {statement!r}"
        ) from exc
    tol = (
        rounding_halfwidth_km(r_km)
        if range_tolerance_km is None
        else v.scalar_range_km(range_tolerance_km, "range_tolerance_km")
    )
    zones = _zones_or_default(zones)
    lo_km, hi_km = max(r_km - tol, 0.0), r_km + tol
    assessment = assess_launch((lon0, lat0), r_km, zones=zones, eez_state=eez_state)
    # Disputed areas the state claims count for both statements: its own view and the other's.
    inside_bearings = assessment.bearings_in(eez_state, disputed=True)
    nearest = min_range_to((lon0, lat0), eez_state, zones=zones, disputed=True)
    if stmt is Statement.INSIDE:
        bearings = inside_bearings
        ok = nearest.range_km <= hi_km
        eez = f"{possessive(eez_state)} EEZ (or an area it claims)"
        reason = (
            f"{eez} is reached from {nearest.range_km:,.0f} km (bearing "
            f"{nearest.bearing_deg:.0f}°), within the reported {lo_km:,.0f}–{hi_km:,.0f} km"
            if ok
            else f"{eez} is {nearest.range_km:,.0f} km away, beyond the reported "
            f"{lo_km:,.0f}–{hi_km:,.0f} km"
        )
    elif stmt is Statement.OUTSIDE:
        bearings = _complement(assessment.bearings_in(eez_state))
        ok = bool(bearings)
        reason = (
            "some bearings at this range end outside the EEZ"
            if ok
            else "every bearing at this range ends inside the EEZ"
        )
    else:
        bearings, ok, reason = [(0.0, 360.0)], True, "no inside/outside statement to check"

    fields: dict[str, Any] = {}
    if description:
        est = parse_impact_description(description)
        d_lo, d_hi = _region_range_km(lon0, lat0, est.region)
        fits_range = d_lo <= hi_km and d_hi >= lo_km
        fields = {"description": description, "impact": est, "description_range_km": (d_lo, d_hi)}
        if est.lon is not None and est.lat is not None:
            label = str(np.asarray(zones.classify([est.lon], [est.lat]))[0])
            in_eez = _in_state_eez(label, eez_state)
            disputed = not in_eez and _in_state_eez(label, eez_state, disputed=True)
            fields.update(impact_zone=label, impact_in_eez=in_eez)
            if _eez_labels(zones, eez_state):
                from launchgeo.findings.assessment import _eez_signed_distance_km

                fields["impact_eez_distance_km"] = _eez_signed_distance_km(
                    zones, est.lon, est.lat, eez_state
                )
            if (
                stmt is not Statement.UNKNOWN
                and not disputed
                and in_eez != (stmt is Statement.INSIDE)
            ):
                dist = fields.get("impact_eez_distance_km")
                near = f" ({abs(dist):.0f} km from the boundary)" if dist is not None else ""
                reason += (
                    f"; but the described point lies {'inside' if in_eez else 'outside'}{near}"
                )
                ok = False
        if not fits_range:
            ok = False
            reason += (
                f"; the described region is {d_lo:,.0f}–{d_hi:,.0f} km from the site, not "
                f"{lo_km:,.0f}–{hi_km:,.0f} km"
            )
        else:
            reason += f"; the described region is {d_lo:,.0f}–{d_hi:,.0f} km from the site"
    return ReportCheck(
        site=name or f"({lon0:.4f}, {lat0:.4f})",
        range_km=r_km,
        range_min_km=lo_km,
        range_max_km=hi_km,
        statement=stmt,
        consistent=bool(ok),
        reason=reason[0].upper() + reason[1:] + ".",
        bearings=bearings,
        **fields,
    )
