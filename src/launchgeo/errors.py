"""Exceptions and warnings raised by launchgeo.

Every exception derives from :class:`LaunchgeoError`; each subclass also derives from the
matching builtin so that ``except ValueError`` keeps working in user code. Messages name the
offending value and what was expected.

Examples
--------
>>> from launchgeo.errors import CoordinateError, LaunchgeoError
>>> issubclass(CoordinateError, ValueError) and issubclass(CoordinateError, LaunchgeoError)
True
"""

from __future__ import annotations

__all__ = [
    "AmbiguousSiteError",
    "CoordinateError",
    "DataError",
    "EngineError",
    "LaunchgeoError",
    "LaunchgeoWarning",
    "ParseError",
    "RangeError",
    "TrajectoryError",
    "TruncationWarning",
    "UnknownLandmarkError",
    "UnknownSiteError",
    "UnknownZoneError",
    "ValidationError",
]


class LaunchgeoError(Exception):
    """Root of every exception launchgeo raises."""


class ValidationError(LaunchgeoError, ValueError):
    """An argument has the wrong value or type (the message names it and what was expected)."""


class CoordinateError(ValidationError):
    """A longitude or latitude is NaN, infinite, or outside its domain."""


class RangeError(ValidationError):
    """A range, distance or tolerance is negative, non-finite, or beyond the farthest point."""


class ParseError(ValidationError):
    """Text such as an impact statement could not be understood."""


class TrajectoryError(ValidationError):
    """Ballistic inputs that no trajectory can satisfy (e.g. speed at or above orbital speed)."""


class UnknownSiteError(LaunchgeoError, KeyError):
    """A launch-site name matches no site or alias in the catalogue."""

    def __str__(self) -> str:  # KeyError quotes its message; keep it readable.
        return str(self.args[0]) if self.args else ""


class AmbiguousSiteError(UnknownSiteError):
    """A launch-site name matches several catalogue sites; the message lists them.

    ``candidates`` holds the matching sites (a subclass of :class:`UnknownSiteError`, so code
    that catches unknown names also catches ambiguous ones).
    """

    def __init__(self, message: str, candidates: tuple[object, ...] = ()) -> None:
        super().__init__(message)
        self.candidates = candidates


class UnknownLandmarkError(LaunchgeoError, KeyError):
    """A reference landmark named in a statement is not in the landmark catalogue."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class UnknownZoneError(LaunchgeoError, KeyError):
    """A zone label or state code is not present in the zone data."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class DataError(LaunchgeoError, OSError):
    """A data file is missing, unreadable, or does not hold what was expected."""


class EngineError(LaunchgeoError, OSError):
    """A compute engine could not be reached or failed (e.g. a dask scheduler address)."""


class LaunchgeoWarning(UserWarning):
    """Base class of launchgeo's warnings."""


class TruncationWarning(LaunchgeoWarning):
    """Samples were truncated to a valid domain (e.g. negative ranges drawn from a distribution)."""
