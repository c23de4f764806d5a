"""Settings of the zone build: paths, distances, resolutions, version (one place for all steps)."""

from __future__ import annotations

from pathlib import Path

from pyproj import Geod

REPO = Path(__file__).resolve().parents[2]
CACHE_DIR = REPO / "cache"
DATA_OUT = REPO / "src" / "launchgeo" / "zones" / "data"

GEOD = Geod(ellps="WGS84")
NM_KM = 1.852
EEZ_KM = 200 * NM_KM  # 370.4 km
TS_KM = 12 * NM_KM  # 22.224 km

COVERAGE_BBOX = (100.0, 0.0, 180.0, 60.0)
#: Land whose coastline can matter for the coverage (shifted longitudes, degrees).
SITE_REGION = (80.0, -15.0, 200.0, 75.0)
#: Region of the 10m land shipped for maps (standard longitudes; the part east of 180 is added too).
MAP_REGION = ((90.0, -15.0, 180.0, 70.0), (-180.0, -15.0, -160.0, 70.0))
SITE_SPACING_KM = 1.5
DISC_VERTICES_EEZ = 256
DISC_VERTICES_TS = 96
FILLER_MIN_KM = 800.0
GRID_DEG = 1e-5  # output coordinate grid
SIMPLIFY_DEG = 2e-4  # ~20 m: vertices closer than this to a straight edge are dropped
BUILT = "2026-11-28"
VERSION = "2026.11.0"
