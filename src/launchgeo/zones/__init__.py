"""Maritime zones: the ``Zones`` object, its classify index, readers, labels and embedded data.

Lives here: embedded zones (``zones/data``), Marine Regions readers, ``"STATE:kind"`` labels.
May import: ``launchgeo.geodesy`` and the lowest layers (``errors``, ``_validate``, ``sites``).
"""

from launchgeo.zones.core import NO_DATA, ZONE_KINDS, Zones, ZonesInfo, load_zones

__all__ = ["NO_DATA", "ZONE_KINDS", "Zones", "ZonesInfo", "load_zones"]
