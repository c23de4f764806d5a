"""Pinned npm tarballs: ``npm pack NAME@VERSION`` into ``<repo>/cache/`` once, sha256 checked.

Shared by the zone build (``world-atlas``) and ``scripts/vendor_leaflet.py`` (``leaflet``).
"""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path

from zonebuild.settings import CACHE_DIR


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def npm_pack(name: str, version: str, sha256: str) -> Path:
    """The tarball of ``name@version`` in the cache (packed once), its sha256 checked."""
    CACHE_DIR.mkdir(exist_ok=True)
    tgz = CACHE_DIR / f"{name}-{version}.tgz"
    if not tgz.exists():
        try:
            subprocess.run(
                ["npm", "pack", f"{name}@{version}", "--silent"],
                cwd=CACHE_DIR,
                check=True,
                stdout=subprocess.DEVNULL,
            )
        except FileNotFoundError:
            raise SystemExit(
                f"npm not found: install Node.js/npm, or put {tgz.name} into {CACHE_DIR}"
            ) from None
    digest = sha256_bytes(tgz.read_bytes())
    if digest != sha256:
        raise SystemExit(f"{tgz}: sha256 {digest}, expected {sha256}; delete it and retry")
    return tgz
