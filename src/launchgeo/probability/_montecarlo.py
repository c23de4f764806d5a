"""Monte Carlo machinery behind :func:`launchgeo.impact_probability` (private).

Random numbers come in fixed blocks of ``RNG_BLOCK`` samples. Block ``i`` draws each input
from its own generator seeded by ``SeedSequence(entropy, spawn_key=(i, k))``, i.e. the k-th
child of the i-th child of ``SeedSequence(entropy).spawn`` (numpy's documented way to make
independent parallel streams). A chunk is a run of whole blocks, so the samples, and hence
the result, do not depend on the chunk size or on the engine that runs the chunks.

Impact points come from a :class:`~launchgeo.FastForward` table only when it pays: its build
costs about ``BUILD_EVALS_PER_CELL`` geodesic evaluations per cell, so :func:`choose_table`
gives the builder a cell budget from ``n`` and falls back to exact pyproj when the table
would need more (a deterministic choice: it depends on the inputs only, never on what is
cached). Labels are counted as integer codes (``np.bincount``) when the zones object offers
``classify_codes``; other zones objects' labels are factorized once, then counted the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from launchgeo.geodesy.core import destination
from launchgeo.geodesy.fastgeod import (
    BUILD_EVALS_PER_CELL,
    CellBudgetError,
    FastForward,
    _wrap360,
    initial_cells,
)
from launchgeo.probability.distributions import _Sampler

__all__ = [
    "RNG_BLOCK",
    "ChunkResult",
    "Plan",
    "ZonesLike",
    "choose_table",
    "chunk_ranges",
    "classify_counts",
    "count_labels",
    "run_chunk",
    "run_numpy",
]

FloatArray = npt.NDArray[np.float64]

#: Samples per random-number block; chunk sizes are whole multiples of it.
RNG_BLOCK = 1 << 16

_BEARING, _RANGE, _SITE_EAST, _SITE_NORTH = range(4)

#: Cost of one table evaluation relative to one pyproj ``Geod.fwd`` sample (measured by
#: ``benchmarks/fast_forward.py``: 0.1-0.2; the larger value, so a table is built only when
#: it clearly pays).
_TABLE_EVAL_COST = 0.2
#: A table is attempted only when its first refinement round costs at most this share of
#: the exact computation (so a table that turns out too large costs at most 5 % more than
#: exact pyproj, once: the cache then remembers that it is too large).
_PILOT_SHARE = 0.05


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


def choose_table(
    lon: float,
    lat: float,
    bearing_deg: tuple[float, float],
    range_km: tuple[float, float],
    n: int,
    tolerance_m: float,
) -> FastForward | None:
    """A fast-forward table for ``n`` samples, or None when exact pyproj is cheaper.

    The table is used when building and evaluating it costs less than ``n`` pyproj calls:
    its cell budget is ``n * (1 - _TABLE_EVAL_COST) / BUILD_EVALS_PER_CELL``. Tables are
    shared through :meth:`FastForward.cached` (by origin, domain and tolerance).
    """
    budget = int(n * (1.0 - _TABLE_EVAL_COST) / BUILD_EVALS_PER_CELL)
    na, ns = initial_cells(bearing_deg, range_km)
    if na * ns * BUILD_EVALS_PER_CELL > n * _PILOT_SHARE:
        return None
    try:
        return FastForward.cached(
            lon, lat, bearing_deg=bearing_deg, range_km=range_km, tolerance_m=tolerance_m,
            max_cells=budget,
        )  # fmt: skip
    except CellBudgetError:
        return None


def classify_counts(
    zones: ZonesLike, lon: FloatArray, lat: FloatArray
) -> tuple[npt.NDArray[np.intp], tuple[str, ...]]:
    """Integer code per point and the label of each code.

    Uses ``zones.classify_codes`` with ``zones.code_labels`` (or ``zones.vocabulary``) when
    the zones object has them; otherwise factorizes the labels of ``zones.classify`` (one
    hash pass, exact for any labels).
    """
    codes_fn = getattr(zones, "classify_codes", None)
    names = getattr(zones, "code_labels", None)
    if names is None:
        names = getattr(zones, "vocabulary", None)
    if callable(codes_fn) and names is not None:
        names = tuple(str(x) for x in names)
        codes = np.asarray(codes_fn(lon, lat))
        _check_shape(codes.shape, lon.shape, "classify_codes")
        if codes.size and (
            not np.issubdtype(codes.dtype, np.integer)
            or codes.min() < 0
            or codes.max() >= len(names)
        ):
            from launchgeo.errors import ValidationError

            raise ValidationError(
                f"zones.classify_codes returned codes outside 0..{len(names) - 1} "
                f"(dtype {codes.dtype}); expected indices into its {len(names)} labels"
            )
        return codes.astype(np.intp, copy=False), names
    labels = np.asarray(zones.classify(lon, lat))
    _check_shape(labels.shape, lon.shape, "classify")
    return _factorize(labels)


def _check_shape(got: tuple[int, ...], want: tuple[int, ...], method: str) -> None:
    if got != want:
        from launchgeo.errors import ValidationError

        raise ValidationError(
            f"zones.{method} returned {got} labels for {want} points; expected one label per point"
        )


def _factorize(labels: npt.NDArray[Any]) -> tuple[npt.NDArray[np.intp], tuple[str, ...]]:
    """Codes and distinct labels (as str) of a label array, in order of first appearance."""
    import pandas as pd  # lazy: only zones objects without classify_codes need it

    codes, uniques = pd.factorize(labels.ravel(), use_na_sentinel=False)
    return codes.reshape(labels.shape).astype(np.intp, copy=False), tuple(str(u) for u in uniques)


def _tally(codes: npt.NDArray[np.intp], names: tuple[str, ...]) -> dict[str, int]:
    """Samples per label (labels shared by several codes are added up; zeros left out)."""
    counts: dict[str, int] = {}
    for code, k in enumerate(np.bincount(codes.ravel(), minlength=len(names)).tolist()):
        if k:
            counts[names[code]] = counts.get(names[code], 0) + k
    return counts


def count_labels(labels: npt.NDArray[Any]) -> dict[str, int]:
    """Count each distinct label of a label array (exact; one hash pass, then ``bincount``)."""
    return _tally(*_factorize(np.asarray(labels)))


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
    codes, names = classify_counts(zones, lon, lat)
    counts = _tally(codes, names)
    samples = None
    if return_samples:
        samples = {
            "bearing_deg": np.mod(bearing, 360.0),
            "range_km": range_km,
            "lon": lon,
            "lat": lat,
            "label": np.asarray(names, dtype=str)[codes],
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
