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
from launchgeo.geodesy import (
    azimuth_deg,
    destination,
    distance_km,
    inverse,
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
from launchgeo.zones import Zones, ZonesInfo, load_zones

# --- trajectory estimates, ground tracks and overflights (issue 6) ---
from launchgeo.tracks import GroundTrack, ZoneClassifier, ZonePass, ground_track, overflights
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

# --- end trajectory ---

__version__ = "0.1.0"

__all__ = [
    "DEFAULT_TOLERANCE_M",
    "BearingPrecision",
    "ImpactEstimate",
    "Landmark",
    "LaunchAssessment",
    "LaunchSite",
    "MinRange",
    "RangeRing",
    "ReportCheck",
    "Statement",
    "Zones",
    "ZonesInfo",
    "__version__",
    "assess_events",
    "assess_launch",
    "azimuth_deg",
    "check_report",
    "describe_point",
    "destination",
    "distance_km",
    "errors",
    "find_impact_descriptions",
    "find_sites",
    "get_landmark",
    "get_site",
    "inverse",
    "load_landmarks",
    "load_sites",
    "load_zones",
    "min_range_to",
    "parse_impact_description",
    "radials",
    "range_band",
    "range_fan",
    "range_ring",
    "range_rings",
]

# --- trajectory (issue 6) ---
__all__ += [
    "BallisticArc",
    "BoostModel",
    "GroundTrack",
    "LoftedFit",
    "RotatingEarth",
    "ZoneClassifier",
    "ZonePass",
    "ballistic_arc",
    "equivalent_max_range_km",
    "fit_lofted_test",
    "ground_track",
    "maximum_range_toward",
    "minimum_energy_range_km",
    "minimum_energy_speed_km_s",
    "minimum_energy_trajectory",
    "overflights",
]
# --- end trajectory ---

