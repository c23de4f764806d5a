"""Findings: launch assessments, report checks, impact statements and their landmarks.

Lives here: ``assess_launch``, ``check_report``, ``assess_events`` (tables of launches), launch
places and impact text as reports write them, statement parsing and writing.
May import: ``launchgeo.geodesy``, ``launchgeo.zones`` and the lowest layers; not its peers.
"""

from launchgeo.findings.assessment import (
    Arc,
    LaunchAssessment,
    MinRange,
    StateReach,
    assess_launch,
    compass_point,
    describe_label,
    min_range_to,
)
from launchgeo.findings.events import CheckStatus, EventsSummary, assess_events, summarize_events
from launchgeo.findings.landmarks import (
    Landmark,
    get_landmark,
    load_gazetteer,
    load_landmarks,
    load_places,
)
from launchgeo.findings.readings import (
    FlightReading,
    ImpactReading,
    ImpactText,
    parse_impact_text,
)
from launchgeo.findings.reports import (
    ReportCheck,
    Statement,
    check_report,
    rounding_halfwidth_km,
)
from launchgeo.findings.sitetext import ReportedSite, resolve_reported_site
from launchgeo.findings.statements import (
    BearingPrecision,
    ImpactEstimate,
    describe_point,
    find_impact_descriptions,
    parse_impact_description,
)

__all__ = [
    "Arc",
    "BearingPrecision",
    "CheckStatus",
    "EventsSummary",
    "FlightReading",
    "ImpactEstimate",
    "ImpactReading",
    "ImpactText",
    "Landmark",
    "LaunchAssessment",
    "MinRange",
    "ReportCheck",
    "ReportedSite",
    "StateReach",
    "Statement",
    "assess_events",
    "assess_launch",
    "check_report",
    "compass_point",
    "describe_label",
    "describe_point",
    "find_impact_descriptions",
    "get_landmark",
    "load_gazetteer",
    "load_landmarks",
    "load_places",
    "min_range_to",
    "parse_impact_description",
    "parse_impact_text",
    "resolve_reported_site",
    "rounding_halfwidth_km",
    "summarize_events",
]
