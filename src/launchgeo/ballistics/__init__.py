"""Ballistics: Kepler arcs, boost phase, Earth's rotation, lofted-test fits, ground tracks.

Lives here: trajectory estimates (``trajectory``) and ground tracks and overflights (``tracks``).
May import: ``launchgeo.geodesy``, ``launchgeo.zones`` and the lowest layers; not its peers.
"""

from launchgeo.ballistics.tracks import (
    GroundTrack,
    ZoneClassifier,
    ZonePass,
    ground_track,
    overflights,
)
from launchgeo.ballistics.trajectory import (
    EARTH_RADIUS_KM,
    BallisticArc,
    BoostModel,
    LoftedFit,
    RotatingEarth,
    ballistic_arc,
    circular_speed_km_s,
    equivalent_max_range_km,
    fit_lofted_test,
    maximum_range_toward,
    minimum_energy_range_km,
    minimum_energy_speed_km_s,
    minimum_energy_trajectory,
)

__all__ = [
    "EARTH_RADIUS_KM",
    "BallisticArc",
    "BoostModel",
    "GroundTrack",
    "LoftedFit",
    "RotatingEarth",
    "ZoneClassifier",
    "ZonePass",
    "ballistic_arc",
    "circular_speed_km_s",
    "equivalent_max_range_km",
    "fit_lofted_test",
    "ground_track",
    "maximum_range_toward",
    "minimum_energy_range_km",
    "minimum_energy_speed_km_s",
    "minimum_energy_trajectory",
    "overflights",
]
