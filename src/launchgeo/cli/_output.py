"""What the command writes to its streams, and how it ends (private).

Standard output carries results only (a table, JSON, or a file with ``-o -``); standard error
carries notes and the one-line error. Like well-behaved Unix tools:

- a closed standard output is an error (exit 1, said on stderr), never a silent success;
- a closed standard error is never replaced by standard output (messages are dropped, the exit
  status still says what happened);
- when the reader of standard output goes away (``| head``), the command stops quietly with
  exit status 141 (128 + SIGPIPE), as a shell pipeline expects;
- ``--json`` output is strict JSON (no NaN or Infinity), and on failure it is
  ``{"error": ..., "error_type": ..., "exit_status": ...}``.
"""

from __future__ import annotations

import json
import math
import os
import sys
from collections.abc import Mapping
from typing import Any

from launchgeo.errors import ValidationError

__all__ = [
    "EXIT_ERROR",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_PIPE",
    "EXIT_USAGE",
    "StdoutClosed",
    "err",
    "json_text",
    "out",
    "out_csv",
    "quiet_broken_pipe",
]

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_INTERRUPTED, EXIT_PIPE = 0, 1, 2, 130, 141


class StdoutClosed(OSError):
    """Standard output is closed (``launchgeo ... >&-``): the results have nowhere to go."""


def out(text: str, end: str = "\n") -> None:
    """Write ``text`` to standard output; StdoutClosed if there is none."""
    stream = sys.stdout
    if stream is None:
        raise StdoutClosed("cannot write the results: standard output is closed")
    stream.write(text + end)


def out_csv(frame: Any) -> None:
    """Write a table as CSV to standard output, row block by row block (as pandas does)."""
    stream = sys.stdout
    if stream is None:
        raise StdoutClosed("cannot write the results: standard output is closed")
    frame.to_csv(stream, index=False)


def err(text: str) -> None:
    """Write a line to standard error if there is one (never to standard output instead)."""
    stream = sys.stderr
    if stream is None:
        return
    try:
        stream.write(text + "\n")
        stream.flush()
    except (OSError, ValueError):  # closed or gone: the exit status still tells
        pass


def _clean(value: Any) -> Any:
    """``value`` with NaN (pandas' missing value) as None and numpy scalars as Python ones."""
    if isinstance(value, Mapping):
        return {str(k): _clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_clean(v) for v in value]
    if hasattr(value, "item") and getattr(value, "ndim", None) == 0:
        value = value.item()
    if isinstance(value, float):
        if math.isnan(value):
            return None
        if math.isinf(value):
            raise ValidationError(
                f"a result holds {value!r}, which JSON cannot hold; use the table output"
            )
        return value
    if value is None or isinstance(value, str | int | bool):
        return value
    return str(value)


def json_text(data: Any) -> str:
    """Strict JSON (``allow_nan=False``) of ``data``, indented, non-ASCII kept."""
    return json.dumps(_clean(data), indent=2, ensure_ascii=False, allow_nan=False)


def quiet_broken_pipe() -> int:
    """The output pipe closed (``| head``): stop quietly, as other command-line tools do."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # no second error when Python flushes at exit
    except (OSError, ValueError, AttributeError):  # stdout without a file descriptor
        pass
    return EXIT_PIPE
