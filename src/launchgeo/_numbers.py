"""What counts as a number in launchgeo's arguments (private; layer 0, imports nothing of ours).

One rule, used by the argument checks (``_validate``) and the input adapter (``_inputs``):
numbers are Python ``int``/``float`` (not ``bool``), ``fractions.Fraction``, ``decimal.Decimal``
and numpy integer and floating types, alone or in (nested, rectangular) sequences and arrays.
Text (``"125"``), ``bool``, ``None``, ``complex``, ``datetime64``/``timedelta64``, sets, dicts
and other objects are not numbers: launchgeo never converts them silently.
"""

from __future__ import annotations

import decimal
import numbers
from typing import Any

import numpy as np

__all__ = ["describe", "is_number", "numeric_array"]

#: numpy dtype kinds that hold numbers: signed and unsigned integers, floating point.
_NUMERIC_KINDS = frozenset("iuf")


def describe(value: Any, limit: int = 60) -> str:
    """A short description of a value for a message: its type and a shortened repr."""
    try:
        text = repr(value)
    except Exception:  # a broken __repr__ must not hide the real error
        text = f"<{type(value).__name__}>"
    if len(text) > limit:
        text = text[: limit - 3] + "..."
    if value is None or isinstance(value, bool | int | float | str):
        return text
    return f"{type(value).__name__} {text}"


def is_number(x: Any) -> bool:
    if isinstance(x, bool | np.bool_ | np.datetime64 | np.timedelta64):  # timedelta64 is an int
        return False
    return isinstance(x, numbers.Real | decimal.Decimal)


def _first_non_number(seq: list[Any] | tuple[Any, ...]) -> str | None:
    """Description of the first leaf of nested lists/tuples that is not a number, or None."""
    stack: list[Any] = [iter(seq)]
    index = 0
    while stack:
        item = next(stack[-1], _END)
        if item is _END:
            stack.pop()
        elif isinstance(item, list | tuple):
            stack.append(iter(item))
        elif isinstance(item, np.ndarray):
            if item.dtype.kind not in _NUMERIC_KINDS | {"O"}:
                return f"{describe(item)} (element {index})"
            index += item.size
        elif not is_number(item):
            return f"{describe(item)} (element {index})"
        else:
            index += 1
    return None


_END = object()


def numeric_array(value: Any) -> tuple[np.ndarray | None, str]:
    """``value`` as a numeric numpy array, or None and what the first non-number is.

    Arrays of integer or float dtype are returned as they are (no copy); other input goes
    through :func:`numpy.asarray`. The description names the offending element and, for
    arrays, its index: ``"'abc' (element 1)"``.

    Examples
    --------
    >>> numeric_array([1, 2.5])[0].dtype.kind
    'f'
    >>> numeric_array(["125", 39])[1]
    "'125' (element 0)"
    >>> numeric_array(None)[1]
    'None'
    """
    if isinstance(value, np.ndarray) and value.dtype.kind in _NUMERIC_KINDS:
        return value, ""
    if value is None or isinstance(value, str | bytes | bool | np.bool_):
        return None, describe(value)
    if isinstance(value, set | frozenset | dict):
        return None, f"{describe(value)} (unordered: pass a list or a tuple)"
    if isinstance(value, list | tuple):  # numpy turns [False, 2.5] into [0.0, 2.5]: look first
        bad = _first_non_number(value)
        if bad is not None:
            return None, bad
    try:
        arr = np.asarray(value)
    except (TypeError, ValueError):  # ragged nested lists, objects that refuse conversion
        return None, f"{describe(value)} (not a number nor a rectangular array of numbers)"
    kind = arr.dtype.kind
    if kind in _NUMERIC_KINDS:
        return arr, ""
    if kind == "O":
        flat = arr.reshape(-1)
        for i, x in enumerate(flat):
            if not is_number(x):
                where = f" (element {i})" if arr.ndim else ""
                return None, f"{describe(x)}{where}"
        return arr, ""
    if arr.ndim == 0:
        return None, describe(value)
    if not arr.size:
        return None, f"an empty array of {arr.dtype}"
    return None, f"{describe(arr.reshape(-1)[0].item())} (element 0)"
