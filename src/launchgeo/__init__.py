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
from launchgeo.landmarks import Landmark, get_landmark, load_landmarks
from launchgeo.rings import (
    DEFAULT_TOLERANCE_M,
    RangeRing,
    radials,
    range_band,
    range_fan,
    range_ring,
    range_rings,
)
from launchgeo.sites import LaunchSite, find_sites, get_site, load_sites
from launchgeo.statements import (
    BearingPrecision,
    ImpactEstimate,
    describe_point,
    find_impact_descriptions,
    parse_impact_description,
)
from launchgeo.zones import Zones, ZonesInfo, load_zones

__version__ = "0.1.0"

__all__ = [
    "DEFAULT_TOLERANCE_M",
    "LaunchSite",
    "RangeRing",
    "Zones",
    "ZonesInfo",
    "__version__",
    "azimuth_deg",
    "destination",
    "distance_km",
    "errors",
    "find_sites",
    "get_site",
    "inverse",
    "load_sites",
    "load_zones",
    "radials",
    "range_band",
    "range_fan",
    "range_ring",
    "range_rings",
]

# statements (issue 4, item 3): Japan's impact statements, both ways.
__all__ += [
    "BearingPrecision",
    "ImpactEstimate",
    "Landmark",
    "describe_point",
    "find_impact_descriptions",
    "get_landmark",
    "load_landmarks",
    "parse_impact_description",
]

# exports and maps (issue 5): files for Google Earth/QGIS; launchgeo.plotting is loaded lazily.
from launchgeo.io import export, to_geojson, to_geopackage, to_kml  # noqa: E402

__all__ += ["export", "to_geojson", "to_geopackage", "to_kml"]


def __getattr__(name: str) -> object:
    """Import :mod:`launchgeo.plotting` (and so matplotlib) only when it is first used."""
    if name == "plotting":
        import importlib

        return importlib.import_module("launchgeo.plotting")
    raise AttributeError(f"module 'launchgeo' has no attribute {name!r}")
