"""Land for Marine Regions files, and where their answer is known (private).

A Marine Regions World EEZ file holds the sea zones and no land, so a point in none of its
zones is either on land or on the high seas: the file alone cannot tell which, and calling
Cairo or Madrid ``"high_seas"`` is wrong. :func:`with_land` decides, in this order:

1. the file's own land, if it has any (features with ``POL_TYPE`` "Land"; their extent is the
   file's): ``info.land_source`` says "the file's own land";
2. ``land=None``: no land; points in no zone are ``"unzoned"`` (land or high seas);
3. a land file (``land=path``, column ``iso3``), or launchgeo's embedded land (the default):
   the land minus the file's zones (where the two disagree on the coast, the file's zone
   wins). The answer is known only where both the file and the land data are complete, so the
   coverage box (``info.coverage_bbox``) is the file's extent cut to the land's coverage, and
   everything outside it is ``"no_data"``. A file wholly outside the land's coverage is
   refused with a :class:`DataError` that says how to proceed.

The embedded land is the land of launchgeo's world zones, whose metadata state a world
coverage (``coverage_bbox``): every inland point is its state's land. A land file that states
no coverage is taken as complete within its extent.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import shapely

from launchgeo import _validate as v
from launchgeo.errors import DataError
from launchgeo.zones import _readers as zio

__all__ = ["EMBEDDED_LAND_COVERAGE", "LandedZones", "with_land"]

#: Where an embedded land file that states no coverage is complete: the north-west Pacific
#: land of launchgeo before 2026.11.1 (scripts/zonebuild MAP_REGION (90, -15, 180, 70) and
#: (-180, -15, -160, 70); one box in the -180..180 frame holds the first). The world zones that
#: replaced it state their coverage (the whole world), which is used instead.
EMBEDDED_LAND_COVERAGE = (90.0, -15.0, 180.0, 70.0)

HIGH_SEAS = "high_seas"
UNZONED = "unzoned"


@dataclass(frozen=True)
class LandedZones:
    """A Marine Regions file's zones with land: records, coverage box, background, source."""

    records: tuple[zio.ZoneRecord, ...]
    coverage: tuple[float, float, float, float]
    background: str
    land_source: str | None


@functools.lru_cache(maxsize=1)
def _embedded_land() -> zio.ZoneFile:
    """The embedded land, read once (its records and geometries are immutable)."""
    return zio.read_embedded(zio.LAND_RESOURCE, land=True)


def _overlap(
    zones: tuple[float, float, float, float], land: tuple[float, float, float, float]
) -> tuple[float, float, float, float] | None:
    out = (max(zones[0], land[0]), max(zones[1], land[1]), min(zones[2], land[2]),
           min(zones[3], land[3]))  # fmt: skip
    return out if out[0] < out[2] and out[1] < out[3] else None


def with_land(zf: zio.ZoneFile, path: Path, land: Any) -> LandedZones:
    """The zones of the Marine Regions file ``zf`` with land added (module docstring)."""
    own = [r for r in zf.records if r.kind == "land"]
    if own:
        source = f"the file's own land ({len(own)} zones with POL_TYPE 'Land')"
        return LandedZones(zf.records, zf.bounds, HIGH_SEAS, source)
    if land is None:
        return LandedZones(zf.records, zf.bounds, UNZONED, None)
    if isinstance(land, str) and land == "embedded":
        lf = _embedded_land()
        land_cov = tuple(lf.meta.get("coverage_bbox", EMBEDDED_LAND_COVERAGE))
        version = lf.meta.get("version", "unknown version")
        source = f"launchgeo embedded land ({version}; complete within {land_cov})"
    elif isinstance(land, str | Path):
        lf = zio.read_land_file(Path(land))
        land_cov = tuple(lf.meta.get("coverage_bbox", lf.bounds))
        source = str(land)
    else:
        from launchgeo.errors import ValidationError

        raise ValidationError(
            f"land must be 'embedded', a path to a land file, or None, got {land!r}"
        )
    land_box = v.lon_lat_box(land_cov, "the land data's coverage_bbox")
    coverage = _overlap(zf.bounds, land_box)
    if coverage is None:
        extent = ", ".join(f"{x:.4g}" for x in zf.bounds)
        raise DataError(
            f"zones file {str(path)!r} covers ({extent}), outside the land data's coverage "
            f"{land_box} ({source}): there launchgeo cannot tell land from high seas, so it "
            "would label every point 'no_data'. Pass land= a land file (column iso3) that "
            "covers the file, or land=None to label points in no zone 'unzoned' (land or high "
            "seas)"
        )
    sea = shapely.union_all([r.geometry for r in zf.records])
    records = list(zf.records)
    for r in lf.records:
        geom = shapely.difference(r.geometry, sea)
        if not shapely.is_empty(geom):
            polys = [p for p in shapely.get_parts(geom) if shapely.get_type_id(p) == 3]
            records.append(
                zio.ZoneRecord(r.label, r.kind, r.states, r.name, shapely.multipolygons(polys))
            )
    return LandedZones(tuple(records), coverage, HIGH_SEAS, source)
