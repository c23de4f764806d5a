"""Monte Carlo machinery behind :func:`launchgeo.impact_probability` (private).

Random numbers come in fixed blocks of ``RNG_BLOCK`` samples. Block ``i`` draws each input
from its own generator seeded by ``SeedSequence(entropy, spawn_key=(i, k))``, i.e. the k-th
child of the i-th child of ``SeedSequence(entropy).spawn`` (numpy's documented way to make
independent parallel streams). A chunk is a run of whole blocks, so the samples, and hence
the result, do not depend on the chunk size or on the engine that runs the chunks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from launchgeo.geodesy.core import destination
from launchgeo.geodesy.fastgeod import FastForward, _wrap360
from launchgeo.probability.distributions import _Sampler

__all__ = [
    "RNG_BLOCK",
    "ChunkResult",
    "Plan",
    "ZonesLike",
    "chunk_ranges",
    "count_labels",
    "run_chunk",
    "run_numpy",
]

FloatArray = npt.NDArray[np.float64]

#: Samples per random-number block; chunk sizes are whole multiples of it.
RNG_BLOCK = 1 << 16

_BEARING, _RANGE, _SITE_EAST, _SITE_NORTH = range(4)


class ZonesLike(Protocol):
    """What impact_probability needs from a zones object: one label per point."""

    def classify(self, lon: Any, lat: Any) -> npt.NDArray[Any]:
        """Return one zone label (str) per (lon, lat) point."""
        ...


@dataclass(frozen=True, slots=True)
class Plan:
    """Everything a chunk needs (picklable, so it can be shipped to dask workers)."""

    lon: float
    lat: float
    bearing: _Sampler
    range: _Sampler
    site_sigma_km: float
    n: int
    entropy: int
    table: FastForward | None


@dataclass(frozen=True, slots=True)
class ChunkResult:
    """Label counts of one chunk, and its samples when asked for."""

    counts: dict[str, int]
    n: int
    samples: dict[str, npt.NDArray[Any]] | None


def chunk_ranges(n: int, chunk_size: int) -> list[tuple[int, int]]:
    """(first block, number of blocks) of each chunk; chunk_size is a multiple of RNG_BLOCK."""
    n_blocks = -(-n // RNG_BLOCK)
    per_chunk = chunk_size // RNG_BLOCK
    return [(b, min(per_chunk, n_blocks - b)) for b in range(0, n_blocks, per_chunk)]


def _generator(entropy: int, block: int, stream: int) -> np.random.Generator:
    return np.random.default_rng(np.random.SeedSequence(entropy, spawn_key=(block, stream)))


def _draw(plan: Plan, first_block: int, n_blocks: int) -> tuple[FloatArray, ...]:
    bearing, range_km, east, north = [], [], [], []
    for block in range(first_block, first_block + n_blocks):
        size = min(RNG_BLOCK, plan.n - block * RNG_BLOCK)
        bearing.append(plan.bearing.sample(_generator(plan.entropy, block, _BEARING), size))
        range_km.append(plan.range.sample(_generator(plan.entropy, block, _RANGE), size))
        if plan.site_sigma_km > 0:
            east.append(_generator(plan.entropy, block, _SITE_EAST).normal(0.0, 1.0, size))
            north.append(_generator(plan.entropy, block, _SITE_NORTH).normal(0.0, 1.0, size))
    out = [np.concatenate(bearing), np.concatenate(range_km)]
    if plan.site_sigma_km > 0:
        sigma = plan.site_sigma_km
        out += [np.concatenate(east) * sigma, np.concatenate(north) * sigma]
    return tuple(out)


def impact_points(
    plan: Plan,
    bearing: FloatArray,
    range_km: FloatArray,
    east_km: FloatArray | None,
    north_km: FloatArray | None,
) -> tuple[FloatArray, FloatArray]:
    """Impact points of the samples: the fast table, or exact pyproj with a moving site."""
    if east_km is not None and north_km is not None:
        # The origin moves with every sample, so no fixed-origin table applies: exact pyproj.
        site_az = np.degrees(np.arctan2(east_km, north_km))
        site_lon, site_lat = destination(plan.lon, plan.lat, site_az, np.hypot(east_km, north_km))
        return destination(site_lon, site_lat, bearing, range_km)
    if plan.table is None:  # small runs: exact pyproj from the fixed origin
        return destination(plan.lon, plan.lat, bearing, range_km)
    lo, _ = plan.table.bearing_deg
    reduced = lo + _wrap360(bearing - lo)
    return plan.table.forward(reduced, range_km, outside="exact")


def count_labels(labels: npt.NDArray[Any]) -> dict[str, int]:
    """Count each distinct label (exact; faster than ``np.unique`` for a few distinct labels).

    Labels are discovered from a prefix with ``np.unique``, then counted with one equality
    pass each; samples matching none of them seed the next round, so rare labels are never
    missed.
    """
    counts: dict[str, int] = {}
    matched = np.zeros(labels.shape, dtype=bool)
    pool = labels[:4096]
    while pool.size:
        for label in np.unique(pool).tolist():
            hit = labels == label
            counts[str(label)] = int(np.count_nonzero(hit))
            matched |= hit
        pool = labels[~matched][:4096]
    return counts


def run_chunk(
    plan: Plan,
    block_range: tuple[int, int],
    zones: ZonesLike | None,
    return_samples: bool,
) -> ChunkResult:
    """Draw, propagate and classify one chunk of whole RNG blocks."""
    if zones is None:
        from launchgeo.zones.core import load_zones  # type: ignore[import-not-found, unused-ignore]

        zones = load_zones()
    first_block, n_blocks = block_range
    drawn = _draw(plan, first_block, n_blocks)
    bearing, range_km = drawn[0], drawn[1]
    east, north = (drawn[2], drawn[3]) if len(drawn) == 4 else (None, None)
    lon, lat = impact_points(plan, bearing, range_km, east, north)
    labels = np.asarray(zones.classify(lon, lat))
    if labels.shape != lon.shape:
        from launchgeo.errors import ValidationError

        raise ValidationError(
            f"zones.classify returned {labels.shape} labels for {lon.shape} points; expected "
            "one label per point"
        )
    counts = count_labels(labels)
    samples = None
    if return_samples:
        samples = {
            "bearing_deg": np.mod(bearing, 360.0),
            "range_km": range_km,
            "lon": lon,
            "lat": lat,
            "label": labels.astype(str),
        }
    return ChunkResult(counts, int(lon.size), samples)


def run_numpy(
    plan: Plan,
    ranges: list[tuple[int, int]],
    zones: ZonesLike | None,
    return_samples: bool,
    progress: Callable[[int], None] | None,
) -> Iterator[ChunkResult]:
    """Run the chunks one after another in this process."""
    for block_range in ranges:
        result = run_chunk(plan, block_range, zones, return_samples)
        if progress is not None:
            progress(result.n)
        yield result
