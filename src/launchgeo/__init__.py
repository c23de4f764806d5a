"""launchgeo: geospatial analysis of ballistic-missile launches.

Conventions: coordinates are (lon, lat) in WGS84 degrees; ranges and distances are in
kilometres (``range_km``), edge tolerances in metres (``tolerance_m``), azimuths and
bearings in degrees clockwise from north. Geodesics are computed on the WGS84 ellipsoid with
pyproj (GeographicLib). Submodules: ``launchgeo.plotting`` (maps, imported on demand),
``launchgeo.errors`` (exceptions and warnings).

Examples
--------
>>> import launchgeo
>>> ring = launchgeo.range_ring(launchgeo.get_site("Sunan"), 650)
>>> ring.geometry.is_valid, ring.max_edge_error_m <= ring.tolerance_m
(True, True)
"""

from launchgeo import errors
from launchgeo.assessment import (
    LaunchAssessment,
    MinRange,
    assess_launch,
    min_range_to,
)
from launchgeo.distributions import Normal, Uniform
from launchgeo.fastgeod import FastForward
from launchgeo.geodesy import (
    azimuth_deg,
    destination,
    distance_km,
    inverse,
)
from launchgeo.io import (
    export,
    to_geojson,
    to_geopackage,
    to_kml,
)
from launchgeo.landmarks import Landmark, get_landmark, load_landmarks
from launchgeo.reports import (
    ReportCheck,
    Statement,
    assess_events,
    check_report,
)
from launchgeo.rings import (
    DEFAULT_TOLERANCE_M,
    RangeRing,
    radials,
    range_band,
    range_fan,
    range_ring,
    range_rings,
)
from launchgeo.sites import (
    LaunchSite,
    find_sites,
    get_site,
    load_sites,
)
from launchgeo.statements import (
    BearingPrecision,
    ImpactEstimate,
    describe_point,
    find_impact_descriptions,
    parse_impact_description,
)
from launchgeo.tracks import (
    GroundTrack,
    ZoneClassifier,
    ZonePass,
    ground_track,
    overflights,
)
from launchgeo.trajectory import (
    BallisticArc,
    BoostModel,
    LoftedFit,
    RotatingEarth,
    ballistic_arc,
    equivalent_max_range_km,
    fit_lofted_test,
    maximum_range_toward,
    minimum_energy_range_km,
    minimum_energy_speed_km_s,
    minimum_energy_trajectory,
)
from launchgeo.uncertainty import (
    ImpactProbability,
    impact_probability,
    impact_probability_from_statement,
)
from launchgeo.zones import Zones, ZonesInfo, load_zones

__version__ = "0.1.0"

__all__ = [
    "DEFAULT_TOLERANCE_M",
    "BallisticArc",
    "BearingPrecision",
    "BoostModel",
    "FastForward",
    "GroundTrack",
    "ImpactEstimate",
    "ImpactProbability",
    "Landmark",
    "LaunchAssessment",
    "LaunchSite",
    "LoftedFit",
    "MinRange",
    "Normal",
    "RangeRing",
    "ReportCheck",
    "RotatingEarth",
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
    "load_landmarks",
    "load_sites",
    "load_zones",
    "maximum_range_toward",
    "min_range_to",
    "minimum_energy_range_km",
    "minimum_energy_speed_km_s",
    "minimum_energy_trajectory",
    "overflights",
    "parse_impact_description",
    "radials",
    "range_band",
    "range_fan",
    "range_ring",
    "range_rings",
    "to_geojson",
    "to_geopackage",
    "to_kml",
]


def __getattr__(name: str) -> object:
    """Import :mod:`launchgeo.plotting` (and so matplotlib) only when it is first used."""
    if name == "plotting":
        import importlib

        return importlib.import_module("launchgeo.plotting")
    raise AttributeError(f"module 'launchgeo' has no attribute {name!r}")
