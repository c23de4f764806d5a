"""Elementwise transcendental functions that give the same bits on every x86-64 CPU.

NumPy picks SIMD implementations of ``sin``, ``arctan`` and friends by CPU (AVX-512 builds use
different polynomial kernels than AVX2 or baseline ones), so the last bit of a result can depend
on the machine. The build's geometry would then differ by 1e-16 degrees, and a coordinate lying
on the half-way point of the 1e-5 output grid would round differently. These wrappers call
Python's :mod:`math` (the C library, one scalar at a time), which is the same everywhere for the
same C library; on arrays of a million values each costs about 0.1 s.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np


def _lift(fn: Callable[[float], float]) -> Callable[[np.ndarray], np.ndarray]:
    def apply(x: np.ndarray) -> np.ndarray:
        a = np.asarray(x, dtype=np.float64)
        out = np.fromiter(map(fn, a.ravel().tolist()), dtype=np.float64, count=a.size)
        return out.reshape(a.shape)

    apply.__name__ = fn.__name__
    return apply


sin = _lift(math.sin)
cos = _lift(math.cos)
tan = _lift(math.tan)
asin = _lift(math.asin)
atan = _lift(math.atan)


def atan2(y: np.ndarray, x: np.ndarray) -> np.ndarray:
    ya = np.asarray(y, dtype=np.float64)
    xa = np.asarray(x, dtype=np.float64)
    vals = map(math.atan2, ya.ravel().tolist(), xa.ravel().tolist())
    return np.fromiter(vals, dtype=np.float64, count=ya.size).reshape(ya.shape)


def power(x: np.ndarray, p: float) -> np.ndarray:
    a = np.asarray(x, dtype=np.float64)
    vals = (math.pow(v, p) for v in a.ravel().tolist())
    return np.fromiter(vals, dtype=np.float64, count=a.size).reshape(a.shape)
