"""launchgeo: geospatial analysis of ballistic-missile launches.

Conventions: coordinates are (lon, lat) in WGS84 degrees; ranges and distances are in
kilometres (``range_km``), edge tolerances in metres (``tolerance_m``), azimuths and
bearings in degrees clockwise from north. Geodesics are computed on the WGS84 ellipsoid with
pyproj (GeographicLib). Every public name is importable from ``launchgeo``; the subpackages
group them by concept, lowest layer first: ``geodesy`` -> ``zones`` -> ``ballistics``,
``findings``, ``probability``, ``maps`` (imported on demand, with matplotlib) -> ``io``, ``cli``
(see docs/architecture.md). ``launchgeo.errors`` holds the exceptions and warnings.

Examples
--------
>>> import launchgeo
>>> ring = launchgeo.range_ring(launchgeo.get_site("Sunan"), 650)
>>> ring.geometry.is_valid, ring.max_edge_error_m <= ring.tolerance_m
(True, True)
"""

from launchgeo import errors
from launchgeo.ballistics import (
    BallisticArc,
    BoostModel,
    GroundTrack,
    LoftedFit,
    RotatingEarth,
    ZoneClassifier,
    ZonePass,
    ballistic_arc,
    equivalent_max_range_km,
    fit_lofted_test,
    ground_track,
    maximum_range_toward,
    minimum_energy_range_km,
    minimum_energy_speed_km_s,
    minimum_energy_trajectory,
    overflights,
)
from launchgeo.findings import (
    BearingPrecision,
    CheckStatus,
    EventsSummary,
    FlightReading,
    ImpactEstimate,
    ImpactReading,
    ImpactText,
    Landmark,
    LaunchAssessment,
    MinRange,
    ReportCheck,
    ReportedSite,
    Statement,
    StateReach,
    assess_events,
    assess_launch,
    check_report,
    describe_point,
    find_impact_descriptions,
    get_landmark,
    load_gazetteer,
    load_landmarks,
    min_range_to,
    parse_impact_description,
    parse_impact_text,
    resolve_reported_site,
    summarize_events,
)
from launchgeo.geodesy import (
    DEFAULT_TOLERANCE_M,
    FastForward,
    RangeRing,
    azimuth_deg,
    destination,
    distance_km,
    inverse,
    radials,
    range_band,
    range_fan,
    range_ring,
    range_rings,
)
from launchgeo.io import (
    export,
    to_geojson,
    to_geopackage,
    to_kml,
)
from launchgeo.probability import (
    ImpactProbability,
    Normal,
    Uniform,
    impact_probability,
    impact_probability_from_statement,
)
from launchgeo.sites import (
    LaunchSite,
    SiteKind,
    SiteMatch,
    find_sites,
    get_site,
    load_sites,
    match_sites,
)
from launchgeo.zones import (
    Limit,
    Zones,
    ZonesInfo,
    distance_to_coast_km,
    distance_to_eez_limit_km,
    distance_to_limit_km,
    distance_to_territorial_sea_limit_km,
    limit_line,
    load_zones,
)

__version__ = "0.1.0"

__all__ = [
    "DEFAULT_TOLERANCE_M",
    "BallisticArc",
    "BearingPrecision",
    "BoostModel",
    "CheckStatus",
    "EventsSummary",
    "FastForward",
    "FlightReading",
    "GroundTrack",
    "ImpactEstimate",
    "ImpactProbability",
    "ImpactReading",
    "ImpactText",
    "Landmark",
    "LaunchAssessment",
    "LaunchSite",
    "Limit",
    "LoftedFit",
    "MinRange",
    "Normal",
    "RangeRing",
    "ReportCheck",
    "ReportedSite",
    "RotatingEarth",
    "SiteKind",
    "SiteMatch",
    "StateReach",
    "Statement",
    "Uniform",
    "ZoneClassifier",
    "ZonePass",
    "Zones",
    "ZonesInfo",
    "__version__",
    "assess_events",
    "assess_launch",
    "azimuth_deg",
    "ballistic_arc",
    "check_report",
    "describe_point",
    "destination",
    "distance_km",
    "distance_to_coast_km",
    "distance_to_eez_limit_km",
    "distance_to_limit_km",
    "distance_to_territorial_sea_limit_km",
    "equivalent_max_range_km",
    "errors",
    "export",
    "find_impact_descriptions",
    "find_sites",
    "fit_lofted_test",
    "get_landmark",
    "get_site",
    "ground_track",
    "impact_probability",
    "impact_probability_from_statement",
    "inverse",
    "limit_line",
    "load_gazetteer",
    "load_landmarks",
    "load_sites",
    "load_zones",
    "match_sites",
    "maximum_range_toward",
    "min_range_to",
    "minimum_energy_range_km",
    "minimum_energy_speed_km_s",
    "minimum_energy_trajectory",
    "overflights",
    "parse_impact_description",
    "parse_impact_text",
    "radials",
    "range_band",
    "range_fan",
    "range_ring",
    "range_rings",
    "resolve_reported_site",
    "summarize_events",
    "to_geojson",
    "to_geopackage",
    "to_kml",
]


#: Modules that sat at the top level before the concept subpackages, by their new place. They
#: stay reachable as attributes (``launchgeo.rings``) for code written against 0.1.
_MOVED_MODULES = {
    "assessment": "launchgeo.findings.assessment",
    "distributions": "launchgeo.probability.distributions",
    "fastgeod": "launchgeo.geodesy.fastgeod",
    "landmarks": "launchgeo.findings.landmarks",
    "maps": "launchgeo.maps",
    "plotting": "launchgeo.maps.plotting",
    "reports": "launchgeo.findings.reports",
    "rings": "launchgeo.geodesy.rings",
    "statements": "launchgeo.findings.statements",
    "tracks": "launchgeo.ballistics.tracks",
    "trajectory": "launchgeo.ballistics.trajectory",
    "uncertainty": "launchgeo.probability.uncertainty",
}


def __getattr__(name: str) -> object:
    """Import :mod:`launchgeo.maps` (and so matplotlib) and moved modules only when first used."""
    if name in _MOVED_MODULES:
        import importlib

        return importlib.import_module(_MOVED_MODULES[name])
    raise AttributeError(f"module 'launchgeo' has no attribute {name!r}")
