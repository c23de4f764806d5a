"""Shared pytest fixtures."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

#: ../shared beside the repository: validation oracles, never shipped. Absent on a user's clone.
SHARED_DIR = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """Path of ../shared; tests that use it are skipped when it is absent."""
    if not (SHARED_DIR / "reference").is_dir():
        pytest.skip("../shared/reference is absent (validation data is not part of a clone)")
    return SHARED_DIR


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    """Close every matplotlib figure a test opened (only if matplotlib was imported)."""
    yield
    import sys

    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")
