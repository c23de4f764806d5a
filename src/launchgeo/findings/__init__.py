"""Findings: launch assessments, report checks, impact statements and their landmarks.

Lives here: ``assess_launch``, ``check_report``/``assess_events``, statement parsing and writing.
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
from launchgeo.findings.landmarks import (
    Landmark,
    get_landmark,
    load_gazetteer,
    load_landmarks,
    load_places,
)
from launchgeo.findings.reports import (
    ReportCheck,
    Statement,
    assess_events,
    check_report,
    rounding_halfwidth_km,
)
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
    "ImpactEstimate",
    "Landmark",
    "LaunchAssessment",
    "MinRange",
    "ReportCheck",
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
    "rounding_halfwidth_km",
]
