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

if TYPE_CHECKING:
    from launchgeo.testing._assertions import (
        assert_geometry_close,
        assert_valid_rfc7946,
        assert_zone,
    )
    from launchgeo.testing._images import assert_image_matches
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

#: Where each name lives. Imported on first use, so that the pytest plugin (a submodule, loaded
#: by every pytest run where launchgeo is installed) imports neither numpy nor hypothesis.
_LAZY = {
    "assert_geometry_close": "launchgeo.testing._assertions",
    "assert_valid_rfc7946": "launchgeo.testing._assertions",
    "assert_zone": "launchgeo.testing._assertions",
    "assert_image_matches": "launchgeo.testing._images",
    "centres": "launchgeo.testing.strategies",
    "lonlat": "launchgeo.testing.strategies",
    "ranges_km": "launchgeo.testing.strategies",
}


def __getattr__(name: str) -> object:
    """Import a helper's module (and numpy, or hypothesis for the strategies) on first use."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'launchgeo.testing' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
