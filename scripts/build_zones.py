#!/usr/bin/env python
"""Build launchgeo's embedded maritime zones and map land from public-domain sources.

Run by developers, never at install or import time (about 3-4 minutes on 2 cores)::

    python scripts/build_zones.py          # build into src/launchgeo/zones/data/
    python scripts/build_zones.py --check  # rebuild in a temp dir, compare sha256 with shipped

Inputs, all pinned:

* Natural Earth 4.1.0 admin-0 countries (public domain) as TopoJSON in the npm package
  ``world-atlas`` (version and sha256 below), fetched with ``npm pack`` into ``<repo>/cache/``;
* ``data/island_basepoints.csv``: islands Natural Earth 10m lacks (GSHHG positions, cited per row);
* ``data/japan_korea_1974_shelf_boundary.csv``: the 1974 Japan-ROK northern shelf boundary.

Method (numbers in ``src/launchgeo/zones/data/ZONES_PROVENANCE.md``):

1. Coastline sites: vertices of the outer rings of all land in 80-200°E, 15°S-75°N (longitudes
   shifted to [0, 360) so 180° is no seam), densified to <= SITE_SPACING_KM, plus the basepoints.
   Each site has an *owner*: a sovereign state (ISO3) or a disputed feature (its claimants).
2. Equidistance: the Voronoi diagram of the sites on the *conformal sphere* (geodetic latitude
   mapped to conformal latitude; ``scipy.spatial.SphericalVoronoi``).  The conformal sphere is
   locally isotropic, so equal great-circle distances there are equal geodesic distances on WGS84
   up to the slow change of the scale factor; the build measures the residual geodesically.
   Filler sites >= 800 km from every coastline site bound the cells and cannot change anything
   within 200 nm of land.
3. Distance limits: inside the cell of site s, the distance to land is the geodesic distance to s.
   So the sea beyond 200 nm of all land is the union of (cell - geodesic disc(s, 370.4 km)) and
   the 12-nm belt is the union of (cell ∩ disc(s, 22.224 km)); discs are ``Geod.fwd`` polygons.
4. Partition: land by owner; territorial sea = belt ∩ owner's region - land; EEZ = owner's region
   - belt - beyond-200-nm - land; a disputed feature's region (the sea that changes hands with its
   attribution) is one ``overlapping_claim`` zone.  Near the 1974 treaty line, the line replaces
   the JPN-KOR median.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from zonebuild.build import main

if __name__ == "__main__":
    raise SystemExit(main())
