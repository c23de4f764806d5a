"""Compiled loops for the hot paths, with numba, used only where they pay (private).

Two loops in launchgeo are one pass over millions of points whose numpy form needs a dozen
passes with temporaries: the classify index's look-up (``zones/_classify_jit.py``) and the fast
fixed-origin forward's table evaluation (``geodesy/_fastgeod_jit.py``). Both keep their numpy
form, which is the reference: the compiled loop performs the same floating-point operations in
the same order (no fast-math, no contraction into fused multiply-adds), so it gives the same
bits, and the tests compare the two on every case.

Importing numba and loading a compiled loop from numba's on-disk cache cost about 0.4-0.5 s
once per process (``benchmarks/fast_forward.py`` prints it; compiling it, the very first time,
a few seconds), against some 20 ns saved a point. So a call uses a compiled loop when it has at
least :data:`COLD_POINTS` points, or at least :data:`MIN_POINTS` once an earlier call has paid
for the import. Small calls (a user's one point, a test suite's cases) never import numba.

``LAUNCHGEO_JIT=0`` in the environment turns the compiled loops off (numpy everywhere); when
numba is missing or fails to import, or a compiled loop cannot be loaded (no writable cache,
a compiler error: :func:`failed`), the numpy path is used too.

Imports nothing of launchgeo (layer 0).
"""

from __future__ import annotations

import os
import threading
from types import ModuleType

__all__ = ["COLD_POINTS", "MIN_POINTS", "enabled", "failed", "numba", "use_compiled"]

#: Fewest points for which a call imports numba (the one-off cost of the process).
COLD_POINTS = 1_000_000
#: Fewest points for which a call uses a compiled loop once numba is imported (below this the
#: numpy path is as fast: the call's fixed costs dominate).
MIN_POINTS = 100_000

_LOCK = threading.Lock()
_STATE: dict[str, ModuleType | None] = {}
#: Why compiled loops were turned off in this process (a compiled module failed to load).
_FAILED: list[str] = []


def enabled() -> bool:
    """Whether compiled loops may be used (``LAUNCHGEO_JIT`` is not "0" and numba imports)."""
    if os.environ.get("LAUNCHGEO_JIT", "1").strip() in ("0", "false", "no", "off"):
        return False
    return not _FAILED and numba() is not None


def failed(exc: BaseException) -> None:
    """Turn the compiled loops off for this process: one could not be loaded.

    (numba could not compile it, or found no writable cache.) The caller goes on with the
    numpy path, which gives the same answers; the reason is kept in ``_FAILED``.
    """
    _FAILED.append(f"{type(exc).__name__}: {exc}")


def use_compiled(n_points: int) -> bool:
    """Whether a call on ``n_points`` points uses a compiled loop (see the module docstring)."""
    if n_points < MIN_POINTS:
        return False
    if n_points < COLD_POINTS and _STATE.get("numba") is None:
        return False  # not imported yet (or unavailable): not worth it for this call alone
    return enabled()


def numba() -> ModuleType | None:
    """The numba module, imported once (None when it is not installed or fails to import)."""
    with _LOCK:
        if "numba" not in _STATE:
            nb: ModuleType | None
            try:
                import numba as nb
            except Exception:  # any failure means: no compiled loops
                nb = None
            _STATE["numba"] = nb
        return _STATE["numba"]
