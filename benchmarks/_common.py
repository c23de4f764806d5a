"""Helpers shared by the benchmark scripts (not part of the library).

Timing rule for every benchmark (``compare``): each side is warmed up the same number of times,
then the sides run in interleaved rounds (the order rotates every round so neither side always
runs first on a noisy, shared machine), the same number of rounds for each, and the report is
the minimum, median and maximum wall time over the rounds. Ratios are of medians.

Each script ends by printing its results as a Markdown section that starts with
``## <Title> — `benchmarks/<name>.py``` (``markdown_section``); ``benchmarks/run_all.py``
collects those sections into ``docs/benchmarks.md``.
"""

from __future__ import annotations

import os
import platform
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: ../shared beside the repository (validation data; absent on a user's clone).
SHARED_DIR = Path(__file__).resolve().parents[1].parent / "shared"

#: Rounds per side unless a script or ``BENCH_ROUNDS`` says otherwise (median of >= 5).
DEFAULT_ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))


@dataclass(frozen=True)
class Timing:
    """Wall times (s) of one side over the rounds, and the result of its last run.

    ``cpu_times`` are the process CPU times of the same rounds: on a shared machine the wall
    time includes waiting for a core, the CPU time of single-threaded work does not.
    """

    name: str
    times: tuple[float, ...]
    result: Any = None
    cpu_times: tuple[float, ...] = ()

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu_times) if self.cpu_times else float("nan")

    @property
    def min(self) -> float:
        return min(self.times)

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    @property
    def max(self) -> float:
        return max(self.times)

    def cell(self, scale: float = 1.0, unit: str = "s", digits: int = 3) -> str:
        """``median (min–max)`` for a Markdown table."""
        f = f"{{:.{digits}f}}"
        return (
            f"{f.format(self.median * scale)} {unit} "
            f"({f.format(self.min * scale)}–{f.format(self.max * scale)})"
        )


def compare(
    sides: dict[str, Callable[[], Any]], *, rounds: int | None = None, warmup: int = 1
) -> dict[str, Timing]:
    """Time every side the same way: ``warmup`` untimed runs each, then interleaved rounds."""
    rounds = DEFAULT_ROUNDS if rounds is None else rounds
    if rounds < 1:
        raise ValueError("rounds must be >= 1")
    names = list(sides)
    results: dict[str, Any] = {}
    for _ in range(warmup):
        for name in names:
            results[name] = sides[name]()
    times: dict[str, list[float]] = {name: [] for name in names}
    cpu: dict[str, list[float]] = {name: [] for name in names}
    for r in range(rounds):
        order = names[r % len(names) :] + names[: r % len(names)]
        for name in order:
            c0 = time.process_time()
            t0 = time.perf_counter()
            result = sides[name]()
            times[name].append(time.perf_counter() - t0)
            cpu[name].append(time.process_time() - c0)
            # the previous result is freed after the clock stops (freeing 10^7 labels is not
            # the next call's work)
            results[name] = result
            del result
    return {
        name: Timing(name, tuple(times[name]), results.get(name), tuple(cpu[name]))
        for name in names
    }


def numpy_path(fn: Callable[[], Any]) -> Callable[[], Any]:
    """``fn`` run with launchgeo's compiled loops turned off (``LAUNCHGEO_JIT=0``)."""

    def run() -> Any:
        os.environ["LAUNCHGEO_JIT"] = "0"
        try:
            return fn()
        finally:
            del os.environ["LAUNCHGEO_JIT"]

    return run


def timed(fn: Callable[[], Any], repeat: int = 1) -> tuple[float, Any]:
    """Best wall time over ``repeat`` runs and the last result (for one-sided measurements)."""
    best = float("inf")
    result = None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    return best, result


def machine() -> str:
    """One line describing the interpreter and machine."""
    return (
        f"python {platform.python_version()} on {platform.machine()} ({platform.system()}), "
        f"{os.cpu_count()} cores"
    )


def load_average() -> str:
    """The 1-minute load average (other jobs on a shared machine), or '' if unknown."""
    try:
        return f"{os.getloadavg()[0]:.2f}"
    except OSError:  # pragma: no cover - not on every platform
        return ""


def markdown_section(title: str, script: str, lines: Sequence[str]) -> str:
    """The script's Markdown section (see the module docstring) as one string."""
    name = Path(script).name
    head = f"## {title} — `benchmarks/{name}`"
    return "\n".join([head, "", *lines]).rstrip() + "\n"


def print_section(title: str, script: str, lines: Sequence[str]) -> None:
    """Print the Markdown section after a blank line, flushing stdout."""
    print()
    print(markdown_section(title, script, lines), end="")
    sys.stdout.flush()


def skip(reason: str) -> None:
    """Say why the benchmark cannot run here and exit 0 (``run_all`` keeps the old section)."""
    print(f"SKIPPED: {reason}")
    raise SystemExit(0)


def ratio(slow: Timing, fast: Timing) -> float:
    """How many times faster ``fast`` is than ``slow`` (medians)."""
    return slow.median / fast.median


class _Tee:
    """Write to several text streams at once."""

    def __init__(self, *streams: Any) -> None:
        self.streams = streams

    def write(self, text: str) -> int:
        for s in self.streams:
            s.write(text)
        return len(text)

    def flush(self) -> None:
        for s in self.streams:
            s.flush()


def run_with_section(
    main: Callable[[], int | None], title: str, script: str, intro: Sequence[str]
) -> int:
    """Run a script's ``main``, then print its output again as a Markdown section.

    For validation scripts whose results are a printed report: the section is ``intro`` and the
    report in a text block. Nothing is printed when ``main`` skipped (printed ``SKIPPED:`` or
    said its data is absent), so ``run_all`` keeps the previous section.
    """
    import contextlib
    import io

    buf = io.StringIO()
    with contextlib.redirect_stdout(_Tee(sys.stdout, buf)):
        code = main() or 0
    out = buf.getvalue()
    if "SKIPPED:" in out or not out.strip():
        return int(code)
    print_section(title, script, [*intro, "", "```text", *out.rstrip().splitlines(), "```"])
    return int(code)
