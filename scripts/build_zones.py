#!/usr/bin/env python
"""Build launchgeo's embedded world maritime zones and map land from pinned public sources.

Run by developers, never at install or import time (``make data``; about 4-5 minutes)::

    python scripts/build_zones.py          # build into src/launchgeo/zones/data/
    python scripts/build_zones.py --check  # rebuild in a temp dir, compare sha256 with shipped
    python scripts/build_zones.py --out DIR --simplify DEG   # a variant elsewhere

The steps are the modules of ``scripts/zonebuild/`` (see its ``__init__``); the method, inputs
with checksums and the measured accuracy are in ``src/launchgeo/zones/data/ZONES_PROVENANCE.md``.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from zonebuild.build import main

if __name__ == "__main__":
    raise SystemExit(main())
