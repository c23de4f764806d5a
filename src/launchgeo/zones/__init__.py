"""Maritime zones: the ``Zones`` object, its classify index, readers, labels and embedded data.

Lives here: embedded zones (``zones/data``), Marine Regions readers, ``"STATE:kind"`` labels.
May import: ``launchgeo.geodesy`` and the lowest layers (``errors``, ``_validate``, ``sites``).
"""

from launchgeo.zones.core import NO_DATA, ZONE_KINDS, Zones, ZonesInfo, load_zones
from launchgeo.zones.limits import (
    Limit,
    distance_to_coast_km,
    distance_to_eez_limit_km,
    distance_to_limit_km,
    distance_to_territorial_sea_limit_km,
    limit_line,
)

__all__ = [
    "NO_DATA",
    "ZONE_KINDS",
    "Limit",
    "Zones",
    "ZonesInfo",
    "distance_to_coast_km",
    "distance_to_eez_limit_km",
    "distance_to_limit_km",
    "distance_to_territorial_sea_limit_km",
    "limit_line",
    "load_zones",
]
