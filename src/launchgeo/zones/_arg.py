"""The ``zones=`` argument of every function that classifies points (private).

``None`` means launchgeo's embedded zones (:func:`launchgeo.load_zones`); anything else must
be a :class:`~launchgeo.Zones` or an object with the methods the function uses (duck typing:
``classify`` for probabilities and overflights; ``labels``, ``geometry`` and
``to_geodataframe`` too for assessments). Anything else is a ValidationError that says what
was passed, instead of an AttributeError deep inside.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from launchgeo.errors import ValidationError

__all__ = ["FULL", "zones_argument"]

#: What an assessment, a report check or a limit distance uses of the zones.
FULL = ("classify", "labels", "geometry", "to_geodataframe")


def zones_argument(
    zones: Any, needs: Sequence[str] = ("classify",), *, default: bool = True
) -> Any:
    """``zones`` checked (or the embedded zones for None, when ``default``).

    Examples
    --------
    >>> zones_argument("JPN")
    Traceback (most recent call last):
    ...
    launchgeo.errors.ValidationError: zones must be a launchgeo Zones (launchgeo.load_zones(...))
    or an object with classify(), got str 'JPN'
    """
    if zones is None:
        if not default:
            return None
        from launchgeo.zones.core import load_zones

        return load_zones()
    missing = [name for name in needs if not hasattr(zones, name)]
    if missing or not callable(getattr(zones, "classify", None)):
        shown = repr(zones)
        shown = shown if len(shown) <= 60 else shown[:57] + "..."
        methods = ", ".join(f"{n}()" if n != "labels" else n for n in needs)
        raise ValidationError(
            f"zones must be a launchgeo Zones (launchgeo.load_zones(...)) or an object with "
            f"{methods}, got {type(zones).__name__} {shown}"
        )
    return zones
