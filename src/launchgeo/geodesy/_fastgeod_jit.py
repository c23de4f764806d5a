"""FastForward's table evaluation as one compiled loop (private; see ``launchgeo/_jit.py``).

Imported only by :meth:`FastForward._evaluate` for large calls, so numba is imported only then.
Sample by sample it does what the numpy form does block by block (``_wrap360``, ``_locate``,
``_horner`` and ``_from_chart`` in ``geodesy/fastgeod.py``): the same operations in the same
order and precision (the eight non-constant terms in the table's precision, the constant pair
added in float64), so the same cell and, in longitude/latitude cells, the same bits; in polar
cells ``hypot`` and ``arctan2`` may differ from numpy's in the last bit.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from numba import njit

__all__ = ["evaluate"]

_TO_DEG = 180.0 / math.pi


@njit(cache=True, nogil=True, boundscheck=False, inline="always")
def _horner(c: Any, j: int, u: Any, w: Any) -> float:
    """Sum of one component's terms (as ``fastgeod._horner``): float32, then the pair."""
    o = c[j + 9] * w
    o += c[j + 8]
    o *= w
    o += c[j + 7]
    o *= u
    acc = c[j + 6] * w
    acc += c[j + 5]
    acc *= w
    acc += c[j + 4]
    o += acc
    o *= u
    acc = c[j + 3] * w
    acc += c[j + 2]
    acc *= w
    o += acc
    o += c[j + 1]
    return np.float64(o) + np.float64(c[j])


#: Samples per block: the block's table rows stay in the cache between the passes.
BLOCK = 4096
#: Samples per call of the compiled loop (bounds the buffer of polar samples).
CHUNK = 1 << 16


@njit(cache=True, nogil=True, boundscheck=False)
def _evaluate(
    bear: Any, rng: Any, b0: float, r0: float, scale_a: float, scale_s: float, na: int,
    ns: int, wrapped: bool, table: Any, pole: Any, has_pole: bool, lon: Any, lat: Any,
    polar: Any, side: Any,
) -> int:  # fmt: skip
    """Evaluate; polar samples are left as chart (x, y), listed in ``polar``, ``side``."""
    cell = np.empty(BLOCK, dtype=np.int64)
    uf = np.empty(BLOCK, dtype=np.float32)
    wf = np.empty(BLOCK, dtype=np.float32)
    touch = np.empty(BLOCK, dtype=table.dtype)
    last = table.shape[1] - 1
    n_polar = 0
    for start in range(0, bear.size, BLOCK):
        stop = min(start + BLOCK, bear.size)
        # pass 1: cells and offsets (as _wrap360 and _locate; no table loads: vectorized)
        for i in range(start, stop):
            ta = bear[i] - b0
            if not wrapped:
                q = math.floor(ta / 360.0)
                ta = q * -360.0 + ta
            ta *= scale_a
            fa = min(math.floor(ta), na - 1.0)
            uu = ta - fa
            ts = rng[i] - r0
            ts *= scale_s
            fs = min(math.floor(ts), ns - 1.0)
            ww = ts - fs
            fa *= ns
            fa += fs
            cell[i - start] = int(fa)
            uf[i - start] = np.float32(uu)
            wf[i - start] = np.float32(ww)
        # pass 2: one load from each row's two cache lines, a tight loop whose loads are
        # independent (the processor overlaps their cache misses, as numpy's take does)
        for j in range(stop - start):
            touch[j] = table[cell[j], 0] + table[cell[j], last]
        # pass 3: the polynomials (as _horner), on rows now in the cache
        for i in range(start, stop):
            k = cell[i - start]
            c = table[k]
            lo = _horner(c, 0, uf[i - start], wf[i - start])
            la = _horner(c, 10, uf[i - start], wf[i - start])
            # branch-free: chart coordinates are within 90 of 0, so this changes only lon
            lo -= 360.0 * (lo >= 180.0)
            lo += 360.0 * (lo < -180.0)
            if has_pole:  # list the polar samples without a branch; numpy converts them
                sd = pole[k]
                polar[n_polar] = i
                side[n_polar] = sd
                n_polar += sd != 0.0
            lon[i] = lo
            lat[i] = la
    return n_polar


def evaluate(
    bear: Any, rng: Any, b0: float, r0: float, scale_a: float, scale_s: float, na: int,
    ns: int, wrapped: bool, table: Any, pole: Any,
) -> tuple[Any, Any]:  # fmt: skip
    """End points (lon, lat) of in-domain samples (1-D float64 arrays; a float32 table).

    ``pole``: the pole side of each cell (+1, -1, 0 for a longitude/latitude cell), or None
    when no cell is polar. Polar samples are converted from the chart by numpy, with
    ``fastgeod._from_chart`` itself (its ``hypot`` and ``arctan2`` are vectorized).
    """
    from launchgeo.geodesy.fastgeod import _from_chart

    lon = np.empty(bear.size)
    lat = np.empty(bear.size)
    has_pole = pole is not None
    pole_arr = pole if has_pole else np.zeros(1)
    polar = np.empty(CHUNK if has_pole else 1, dtype=np.int64)
    side = np.empty(CHUNK if has_pole else 1)
    for start in range(0, bear.size, CHUNK):
        stop = min(start + CHUNK, bear.size)
        lo, la = lon[start:stop], lat[start:stop]
        n_polar = _evaluate(bear[start:stop], rng[start:stop], b0, r0, scale_a, scale_s, na, ns,
                            wrapped, table, pole_arr, has_pole, lo, la, polar, side)  # fmt: skip
        if n_polar:
            sel = polar[:n_polar]
            x, y = _from_chart(lo[sel], la[sel], side[:n_polar])
            x -= 360.0 * (x >= 180.0)  # arctan2 gives (-180, 180]: 180 is -180
            lo[sel], la[sel] = x, y
    return lon, lat
