"""Helpers for testing code that uses launchgeo: assertions, hypothesis strategies, fixtures.

Lives here: ``assert_geometry_close`` (geodesic Hausdorff, antimeridian-aware),
``assert_valid_rfc7946``, ``assert_zone``, ``assert_image_matches``; the hypothesis strategies
``lonlat``, ``centres``, ``ranges_km`` (``launchgeo.testing.strategies``, imported with
hypothesis on first use); and a pytest plugin, registered when launchgeo is installed, with the
fixtures ``launchgeo_zones``, ``sunan`` and ``launchgeo_image`` and the options
``--launchgeo-mpl-generate`` / ``--launchgeo-mpl-baseline-dir``.
May import: every layer below the CLI (it tests what they return); nothing imports it.

Examples
--------
>>> import launchgeo
>>> from launchgeo.testing import assert_valid_rfc7946, assert_zone
>>> assert_valid_rfc7946(launchgeo.range_ring("Sunan", 650))
>>> assert_zone(135.0, 38.5, "JPN:eez")
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from launchgeo.testing._assertions import (
    assert_geometry_close,
    assert_valid_rfc7946,
    assert_zone,
)
from launchgeo.testing._images import assert_image_matches

if TYPE_CHECKING:
    from launchgeo.testing.strategies import centres, lonlat, ranges_km

__all__ = [
    "assert_geometry_close",
    "assert_image_matches",
    "assert_valid_rfc7946",
    "assert_zone",
    "centres",
    "lonlat",
    "ranges_km",
]

_STRATEGIES = {"centres", "lonlat", "ranges_km"}


def __getattr__(name: str) -> object:
    """The hypothesis strategies, imported (with hypothesis) only when first used."""
    if name in _STRATEGIES:
        from launchgeo.testing import strategies

        return getattr(strategies, name)
    raise AttributeError(f"module 'launchgeo.testing' has no attribute {name!r}")
