"""Distance units for the public range arguments: kilometres, nautical miles, statute miles.

Every function that takes a range (``range_ring``, ``range_rings``, ``range_band``,
``range_fan``, ``radials``, ``assess_launch``, ``check_report``) accepts ``units="km"``
(default), ``"nmi"`` (international nautical mile, 1,852 m exactly) or ``"mi"`` (statute mile,
1,609.344 m exactly). The ranges you pass are read in those units; **everything returned is in
kilometres** (``ring.range_km``, ``area_km2``, ...), whatever you passed.

Examples
--------
>>> to_km(200, "nmi")
370.4
>>> to_km([100, 200], Units.MI).tolist()
[160.9344, 321.8688]
>>> to_km(5, "miles")
Traceback (most recent call last):
...
launchgeo.errors.ValidationError: units must be one of 'km', 'nmi', 'mi', got 'miles'
"""

from __future__ import annotations

import math
from enum import StrEnum
from typing import Any

import numpy as np

from launchgeo._numbers import numeric_array
from launchgeo.errors import RangeError, ValidationError

__all__ = ["KM_PER_UNIT", "Units", "parse_units", "to_km"]


class Units(StrEnum):
    """Units a range may be given in."""

    KM = "km"
    NMI = "nmi"
    MI = "mi"


#: Kilometres in one unit (both miles are exact by definition).
KM_PER_UNIT = {Units.KM: 1.0, Units.NMI: 1.852, Units.MI: 1.609344}


def parse_units(units: Any) -> Units:
    """``units`` as a :class:`Units` member (case-insensitive); the error lists valid values."""
    if isinstance(units, Units):
        return units
    try:
        return Units(str(units).strip().lower()) if isinstance(units, str) else Units(units)
    except ValueError:
        valid = ", ".join(repr(u.value) for u in Units)
        raise ValidationError(f"units must be one of {valid}, got {units!r}") from None


def to_km(value: Any, units: Units | str = Units.KM, name: str = "range") -> Any:
    """Convert a range (number or array-like) given in ``units`` to kilometres.

    With ``units="km"`` the value is returned as it is (the caller validates it). Otherwise it
    must be finite and >= 0 (the message names the value in the units it was given in); a
    number gives a float, anything else a new float64 array.
    """
    unit = parse_units(units)
    if unit is Units.KM:
        return value
    factor = KM_PER_UNIT[unit]
    numeric, bad = numeric_array(value)
    if numeric is None:
        raise ValidationError(f"{name} must be a number of {unit.value} or an array, got {bad}")
    if numeric.ndim == 0:
        number = float(numeric)
        if not math.isfinite(number) or number < 0:
            raise RangeError(f"{name} must be a finite number >= 0 {unit.value}, got {value!r}")
        return number * factor
    arr = np.array(numeric, dtype=np.float64)
    if not np.all(np.isfinite(arr)) or np.any(arr < 0):
        raise RangeError(f"{name} must be finite and >= 0 {unit.value}, got {value!r}")
    return arr * factor
