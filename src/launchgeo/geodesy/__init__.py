"""Geodesy: WGS84 geodesics, range rings/bands/fans/radials, and the fast fixed-origin forward.

Lives here: the pyproj/GeographicLib core, densified lon/lat loops, antimeridian and pole handling.
May import: ``launchgeo.errors``, ``launchgeo._validate``, ``launchgeo.sites`` (the lowest layers).
"""

from launchgeo.geodesy.core import (
    HALF_MERIDIAN_KM,
    WGS84,
    azimuth_deg,
    destination,
    distance_km,
    farthest_distance_km,
    inverse,
)
from launchgeo.geodesy.fastgeod import SAFETY_FACTOR, FastForward, OutsidePolicy
from launchgeo.geodesy.rings import (
    DEFAULT_TOLERANCE_M,
    RangeRing,
    radials,
    range_band,
    range_fan,
    range_ring,
    range_rings,
)

__all__ = [
    "DEFAULT_TOLERANCE_M",
    "HALF_MERIDIAN_KM",
    "SAFETY_FACTOR",
    "WGS84",
    "FastForward",
    "OutsidePolicy",
    "RangeRing",
    "azimuth_deg",
    "destination",
    "distance_km",
    "farthest_distance_km",
    "inverse",
    "radials",
    "range_band",
    "range_fan",
    "range_ring",
    "range_rings",
]
