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
from launchgeo.distributions import Normal, Uniform
from launchgeo.fastgeod import FastForward
from launchgeo.geodesy import azimuth_deg, destination, distance_km, inverse
from launchgeo.sites import LaunchSite, find_sites, get_site, load_sites
from launchgeo.uncertainty import (
    ImpactProbability,
    impact_probability,
    impact_probability_from_statement,
)

__version__ = "0.1.0"

__all__ = [
    "FastForward",
    "ImpactProbability",
    "LaunchSite",
    "Normal",
    "Uniform",
    "__version__",
    "azimuth_deg",
    "destination",
    "distance_km",
    "errors",
    "find_sites",
    "get_site",
    "impact_probability",
    "impact_probability_from_statement",
    "inverse",
    "load_sites",
]
