"""launchgeo: geospatial analysis of ballistic-missile launches.

Conventions: coordinates are (lon, lat) in WGS84 degrees; ranges and distances are in
kilometres (``range_km``), edge tolerances in metres (``tolerance_m``), azimuths and
bearings in degrees clockwise from north. Geodesics are computed on the WGS84 ellipsoid with
pyproj (GeographicLib).

Examples
--------
>>> import launchgeo
>>> launchgeo.get_site("Sunan").lat
39.22389
"""

from launchgeo import errors
from launchgeo.geodesy import azimuth_deg, destination, distance_km, inverse
from launchgeo.sites import LaunchSite, find_sites, get_site, load_sites

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
    "LaunchSite",
    "__version__",
    "azimuth_deg",
    "destination",
    "distance_km",
    "errors",
    "find_sites",
    "get_site",
    "inverse",
    "load_sites",
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

