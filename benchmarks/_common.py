"""Helpers shared by the benchmark scripts (not part of the library)."""

from __future__ import annotations

import platform
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

#: ../shared beside the repository (validation data; absent on a user's clone).
SHARED_DIR = Path(__file__).resolve().parents[1].parent / "shared"


def timed(fn: Callable[[], Any], repeat: int = 1) -> tuple[float, Any]:
    """Best wall time over ``repeat`` runs and the last result."""
    best = float("inf")
    result = None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    return best, result


def machine() -> str:
    """One line describing the interpreter and machine."""
    return f"python {platform.python_version()} on {platform.machine()} ({platform.system()})"
