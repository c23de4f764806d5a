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

import importlib as _importlib
from typing import TYPE_CHECKING as _TYPE_CHECKING

from launchgeo import errors

if _TYPE_CHECKING:  # the same names, for type checkers and IDEs
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
    from launchgeo.coordinates import AxisOrder, parse_coordinates, parse_lat, parse_lon
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
        to_csv,
        to_flatgeobuf,
        to_geojson,
        to_geopackage,
        to_html,
        to_kml,
        to_kmz,
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
    from launchgeo.units import Units, to_km
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
    "AxisOrder",
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
    "Units",
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
    "parse_coordinates",
    "parse_impact_description",
    "parse_impact_text",
    "parse_lat",
    "parse_lon",
    "radials",
    "range_band",
    "range_fan",
    "range_ring",
    "range_rings",
    "resolve_reported_site",
    "summarize_events",
    "to_csv",
    "to_flatgeobuf",
    "to_geojson",
    "to_geopackage",
    "to_html",
    "to_km",
    "to_kml",
    "to_kmz",
]


#: Where each public name lives; imported on first use (PEP 562), so that `import launchgeo`
#: loads neither geopandas, pandas, scipy nor matplotlib.
_LAZY_NAMES: dict[str, str] = {
    "BallisticArc": "launchgeo.ballistics",
    "BoostModel": "launchgeo.ballistics",
    "GroundTrack": "launchgeo.ballistics",
    "LoftedFit": "launchgeo.ballistics",
    "RotatingEarth": "launchgeo.ballistics",
    "ZoneClassifier": "launchgeo.ballistics",
    "ZonePass": "launchgeo.ballistics",
    "ballistic_arc": "launchgeo.ballistics",
    "equivalent_max_range_km": "launchgeo.ballistics",
    "fit_lofted_test": "launchgeo.ballistics",
    "ground_track": "launchgeo.ballistics",
    "maximum_range_toward": "launchgeo.ballistics",
    "minimum_energy_range_km": "launchgeo.ballistics",
    "minimum_energy_speed_km_s": "launchgeo.ballistics",
    "minimum_energy_trajectory": "launchgeo.ballistics",
    "overflights": "launchgeo.ballistics",
    "BearingPrecision": "launchgeo.findings",
    "ImpactEstimate": "launchgeo.findings",
    "Landmark": "launchgeo.findings",
    "LaunchAssessment": "launchgeo.findings",
    "MinRange": "launchgeo.findings",
    "ReportCheck": "launchgeo.findings",
    "Statement": "launchgeo.findings",
    "StateReach": "launchgeo.findings",
    "assess_events": "launchgeo.findings",
    "assess_launch": "launchgeo.findings",
    "check_report": "launchgeo.findings",
    "describe_point": "launchgeo.findings",
    "find_impact_descriptions": "launchgeo.findings",
    "get_landmark": "launchgeo.findings",
    "load_gazetteer": "launchgeo.findings",
    "load_landmarks": "launchgeo.findings",
    "min_range_to": "launchgeo.findings",
    "parse_impact_description": "launchgeo.findings",
    "CheckStatus": "launchgeo.findings",
    "EventsSummary": "launchgeo.findings",
    "FlightReading": "launchgeo.findings",
    "ImpactReading": "launchgeo.findings",
    "ImpactText": "launchgeo.findings",
    "ReportedSite": "launchgeo.findings",
    "parse_impact_text": "launchgeo.findings",
    "resolve_reported_site": "launchgeo.findings",
    "summarize_events": "launchgeo.findings",
    "DEFAULT_TOLERANCE_M": "launchgeo.geodesy",
    "FastForward": "launchgeo.geodesy",
    "RangeRing": "launchgeo.geodesy",
    "azimuth_deg": "launchgeo.geodesy",
    "destination": "launchgeo.geodesy",
    "distance_km": "launchgeo.geodesy",
    "inverse": "launchgeo.geodesy",
    "radials": "launchgeo.geodesy",
    "range_band": "launchgeo.geodesy",
    "range_fan": "launchgeo.geodesy",
    "range_ring": "launchgeo.geodesy",
    "range_rings": "launchgeo.geodesy",
    "export": "launchgeo.io",
    "to_csv": "launchgeo.io",
    "to_flatgeobuf": "launchgeo.io",
    "to_geojson": "launchgeo.io",
    "to_geopackage": "launchgeo.io",
    "to_html": "launchgeo.io",
    "to_kml": "launchgeo.io",
    "to_kmz": "launchgeo.io",
    "ImpactProbability": "launchgeo.probability",
    "Normal": "launchgeo.probability",
    "Uniform": "launchgeo.probability",
    "impact_probability": "launchgeo.probability",
    "impact_probability_from_statement": "launchgeo.probability",
    "AxisOrder": "launchgeo.coordinates",
    "parse_coordinates": "launchgeo.coordinates",
    "parse_lat": "launchgeo.coordinates",
    "parse_lon": "launchgeo.coordinates",
    "LaunchSite": "launchgeo.sites",
    "SiteKind": "launchgeo.sites",
    "SiteMatch": "launchgeo.sites",
    "find_sites": "launchgeo.sites",
    "get_site": "launchgeo.sites",
    "load_sites": "launchgeo.sites",
    "match_sites": "launchgeo.sites",
    "Units": "launchgeo.units",
    "to_km": "launchgeo.units",
    "Zones": "launchgeo.zones",
    "ZonesInfo": "launchgeo.zones",
    "load_zones": "launchgeo.zones",
    "Limit": "launchgeo.zones",
    "distance_to_coast_km": "launchgeo.zones",
    "distance_to_eez_limit_km": "launchgeo.zones",
    "distance_to_limit_km": "launchgeo.zones",
    "distance_to_territorial_sea_limit_km": "launchgeo.zones",
    "limit_line": "launchgeo.zones",
}

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
    """Import a public name's module (and its dependencies) only when the name is first used."""
    module = _LAZY_NAMES.get(name)
    if module is not None:
        value = getattr(_importlib.import_module(module), name)
        globals()[name] = value  # later look-ups skip this function
        return value
    if name in _MOVED_MODULES:
        return _importlib.import_module(_MOVED_MODULES[name])
    raise AttributeError(f"module 'launchgeo' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__) | set(_MOVED_MODULES))
