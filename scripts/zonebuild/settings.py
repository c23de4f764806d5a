"""Settings of the zone build: paths, distances, resolutions, version (one place for all steps)."""

from __future__ import annotations

from pathlib import Path

from pyproj import Geod

REPO = Path(__file__).resolve().parents[2]
CACHE_DIR = REPO / "cache"
DATA_IN = REPO / "data"
DATA_OUT = REPO / "src" / "launchgeo" / "zones" / "data"

GEOD = Geod(ellps="WGS84")
NM_KM = 1.852
EEZ_KM = 200 * NM_KM  # 370.4 km
TS_KM = 12 * NM_KM  # 22.224 km
#: The Caspian Sea (2018 Convention on its legal status, Articles 7-9): 15-nm territorial waters;
#: beyond them the sea is a common maritime space (fishery zones of 10 nm included).
CASPIAN_TS_KM = 15 * NM_KM  # 27.78 km

#: The whole globe: no point on Earth is outside the zone data.
COVERAGE_BBOX = (-180.0, -90.0, 180.0, 90.0)
SITE_SPACING_KM = 1.5
DISC_VERTICES_EEZ = 256
DISC_VERTICES_TS = 96
FILLER_MIN_KM = 800.0
FILLER_COUNT = 40000
GRID_DEG = 1e-5  # output coordinate grid (about 1 m)
#: Coverage simplification of the shipped zones (shapely.coverage_simplify tolerance, degrees);
#: chosen against accuracy in ZONES_PROVENANCE.md ("Resolution").
SIMPLIFY_DEG = 0.002
#: Sea polygons (not land) smaller than this are slivers: merged into the neighbour with which
#: they share the longest edge (km², geodesic).
SLIVER_KM2 = 0.5
BUILT = "2026-11-29"
VERSION = "2026.11.1"
