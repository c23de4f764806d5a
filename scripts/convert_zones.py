#!/usr/bin/env python
"""Convert the zone and land data files to launchgeo's binary format (see zonebuild/convert.py).

    python scripts/convert_zones.py            # every *.geojson.gz in src/launchgeo/zones/data/
    python scripts/convert_zones.py --reindex  # re-make the shipped .npz (e.g. new index)
    python scripts/convert_zones.py --check    # the shipped .npz are reproduced byte for byte
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from zonebuild.convert import main

if __name__ == "__main__":
    raise SystemExit(main())
