"""Uncertain inputs for Monte Carlo impact studies: :class:`Normal` and :class:`Uniform`.

:func:`launchgeo.impact_probability` takes a range and a bearing each in one of these forms:

- a number: known exactly;
- ``Normal(mean, sigma)``: normally distributed;
- ``Uniform(low, high)``: uniform on an interval, e.g. the rounding interval of "about
  350 km" is ``Uniform(345, 355)`` and "north-northwest" is ``Uniform(326.25, 348.75)``;
- a plain ``(mean, sigma)`` tuple or list of two numbers: **always a normal pair**, as in
  "350 ± 20 km". An interval must be spelled ``Uniform(low, high)``, so a tuple is never
  ambiguous;
- a frozen :mod:`scipy.stats` distribution such as ``scipy.stats.lognorm(0.1, scale=350)``
  (anything with ``rvs``, ``cdf`` and ``ppf`` methods).

Bearings are in degrees clockwise from north and are taken modulo 360, so
``Uniform(350, 370)`` is the 20 degrees through north. Ranges are in km and must be >= 0: a
range distribution with probability mass below zero is *truncated* at zero: the samples are
drawn from the distribution conditioned on range >= 0 (by inverse-CDF sampling, never by
clipping), and when the mass removed exceeds 1e-9 a
:class:`~launchgeo.errors.TruncationWarning` states it. A distribution with no mass at or
above zero is rejected with :class:`~launchgeo.errors.RangeError`.

Examples
--------
>>> from launchgeo.probability.distributions import Normal, Uniform
>>> Normal(350, 20)
Normal(mean=350.0, sigma=20.0)
>>> Uniform(10, 5)
Traceback (most recent call last):
...
launchgeo.errors.ValidationError: Uniform needs low < high, got low=10.0, high=5.0 ...
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from launchgeo import _validate as v
from launchgeo.errors import RangeError, TruncationWarning, ValidationError
from launchgeo.geodesy.core import HALF_MERIDIAN_KM

__all__ = ["Normal", "Uniform"]

FloatArray = npt.NDArray[np.float64]

_TAIL = 1e-9  # quantile beyond which samples fall outside the fast-forward table (still exact)


def _finite(value: Any, name: str) -> float:
    number = v.scalar(value, name)  # numbers only: text, bytes, bool refused by name
    if not math.isfinite(number):
        raise ValidationError(f"{name} must be finite, got {value!r}")
    return number


@dataclass(frozen=True, slots=True)
class Normal:
    """A normal distribution ``N(mean, sigma**2)``.

    Parameters
    ----------
    mean : float
        Mean (km for ranges, degrees for bearings).
    sigma : float
        Standard deviation, >= 0 (0 means the value is known exactly).

    Examples
    --------
    >>> Normal(350, -5)
    Traceback (most recent call last):
    ...
    launchgeo.errors.ValidationError: Normal sigma must be >= 0, got -5.0
    """

    mean: float
    sigma: float

    def __post_init__(self) -> None:
        object.__setattr__(self, "mean", _finite(self.mean, "Normal mean"))
        sigma = _finite(self.sigma, "Normal sigma")
        if sigma < 0:
            raise ValidationError(f"Normal sigma must be >= 0, got {sigma!r}")
        object.__setattr__(self, "sigma", sigma)


@dataclass(frozen=True, slots=True)
class Uniform:
    """A uniform distribution on the interval ``[low, high]``.

    Parameters
    ----------
    low, high : float
        Ends of the interval, ``low < high`` (km for ranges, degrees for bearings; a bearing
        interval through north is written e.g. ``Uniform(350, 370)`` or ``Uniform(-10, 10)``).

    Examples
    --------
    >>> Uniform(345, 355).high
    355.0
    """

    low: float
    high: float

    def __post_init__(self) -> None:
        low = _finite(self.low, "Uniform low")
        high = _finite(self.high, "Uniform high")
        if not low < high:
            raise ValidationError(
                f"Uniform needs low < high, got low={low!r}, high={high!r} (an empty interval)"
            )
        object.__setattr__(self, "low", low)
        object.__setattr__(self, "high", high)


class _ScipyFrozen(Protocol):
    def rvs(self, size: int, random_state: np.random.Generator) -> Any: ...
    def cdf(self, x: Any) -> Any: ...
    def ppf(self, q: Any) -> Any: ...


@dataclass(frozen=True, slots=True)
class _Sampler:
    """One parsed uncertain input (private): how to draw it and where it lives.

    ``kind`` is "fixed", "normal", "uniform" or "scipy". ``lower`` > -inf truncates the
    distribution below (ranges at 0); ``domain`` is the interval holding all but a 1e-9 tail
    (used to size the fast-forward table).
    """

    kind: str
    a: float
    b: float
    dist: Any
    lower: float
    domain: tuple[float, float]
    description: str
    upper: float = math.inf  # < inf truncates above (ranges at the antipode)

    def sample(self, gen: np.random.Generator, size: int) -> FloatArray:
        """Draw ``size`` values from ``gen`` (deterministic given the generator's state)."""
        from scipy import special  # lazy: keep `import launchgeo` light

        if self.kind == "fixed":
            return np.full(size, self.a)
        if self.kind == "uniform":
            return gen.uniform(max(self.a, self.lower), min(self.b, self.upper), size)
        truncated = self.lower > -math.inf or self.upper < math.inf
        if self.kind == "normal":
            if self.b == 0.0:
                return np.full(size, self.a)
            if not truncated:
                return gen.normal(self.a, self.b, size)
            q0 = float(special.ndtr((self.lower - self.a) / self.b))
            q1 = float(special.ndtr((self.upper - self.a) / self.b))
            if q1 - q0 >= 0.5:  # most draws fall inside: rejection (exact, ~2x faster)
                return _normal_within(gen, self.a, self.b, self.lower, self.upper, size)
            u = gen.uniform(q0, q1, size)
            out: FloatArray = special.ndtri(u)
            out *= self.b
            out += self.a
            # guards the last ulp of ndtri; in place (np.clip costs ~6 ns a value more)
            np.maximum(out, self.lower, out=out)
            np.minimum(out, self.upper, out=out)
            return out
        if not truncated:
            return np.asarray(self.dist.rvs(size=size, random_state=gen), dtype=np.float64)
        q0 = float(self.dist.cdf(self.lower))
        q1 = float(self.dist.cdf(self.upper))
        u = gen.uniform(q0, q1, size)
        return np.clip(np.asarray(self.dist.ppf(u), dtype=np.float64), self.lower, self.upper)


def _normal_within(
    gen: np.random.Generator, mean: float, sigma: float, lower: float, upper: float, size: int
) -> FloatArray:
    """Normal(mean, sigma) draws conditioned on [lower, upper], by redrawing those outside.

    Exact for the truncated distribution; used when at least half the mass lies inside, so
    each round keeps at least half of what it redraws (ziggurat draws cost about half of an
    inverse-CDF draw: ``scipy.special.ndtri`` of a uniform).
    """
    out = gen.normal(mean, sigma, size)
    while out.size and (out.min() < lower or out.max() > upper):
        bad = np.flatnonzero((out < lower) | (out > upper))
        out[bad] = gen.normal(mean, sigma, bad.size)
    return out


def _is_scipy_frozen(value: Any) -> bool:
    return all(callable(getattr(value, m, None)) for m in ("rvs", "cdf", "ppf"))


def parse(value: Any, name: str, *, nonnegative: bool = False) -> _Sampler:
    """Parse a number, Normal, Uniform, (mean, sigma) pair or scipy frozen distribution.

    With ``nonnegative`` (ranges), mass below 0 km or beyond the antipode (20,003.9 km, the
    farthest any point is) is truncated with a TruncationWarning, and a distribution with none
    in between raises RangeError (as ``range_ring`` refuses such ranges).
    """
    from scipy import special  # lazy: keep `import launchgeo` light

    if isinstance(value, tuple | list):
        if len(value) != 2:
            raise ValidationError(
                f"{name} as a tuple must be a (mean, sigma) normal pair, got {value!r}; write "
                "an interval as launchgeo.Uniform(low, high)"
            )
        value = Normal(*value)
    if isinstance(value, bool):
        raise ValidationError(f"{name} must be a number or a distribution, got {value!r}")
    if isinstance(value, int | float | np.integer | np.floating):
        x = _finite(value, name)
        if nonnegative and x < 0:
            raise RangeError(f"{name} must be >= 0 km, got {value!r}")
        if nonnegative and x > HALF_MERIDIAN_KM:
            raise RangeError(
                f"{name}={value!r} km is beyond the farthest point of the Earth "
                f"({HALF_MERIDIAN_KM:,.3f} km on WGS84, the antipode)"
            )
        return _Sampler("fixed", x, x, None, -math.inf, (x, x), f"{x:g}")
    lower = 0.0 if nonnegative else -math.inf
    if isinstance(value, Normal):
        mass_below = (
            float(special.ndtr(-value.mean / value.sigma)) if value.sigma else float(value.mean < 0)
        )
        mass_above = (
            float(special.ndtr((value.mean - HALF_MERIDIAN_KM) / value.sigma))
            if value.sigma
            else float(value.mean > HALF_MERIDIAN_KM)
        )
        z = float(-special.ndtri(_TAIL))
        domain = (value.mean - z * value.sigma, value.mean + z * value.sigma)
        sampler = _Sampler("normal", value.mean, value.sigma, None, lower, domain, repr(value))
    elif isinstance(value, Uniform):
        mass_below = min(1.0, max(0.0, -value.low / (value.high - value.low)))
        mass_above = min(
            1.0, max(0.0, (value.high - HALF_MERIDIAN_KM) / (value.high - value.low))
        )
        sampler = _Sampler(
            "uniform", value.low, value.high, None, lower, (value.low, value.high), repr(value)
        )
    elif _is_scipy_frozen(value):
        try:
            mass_below = float(value.cdf(0.0)) if nonnegative else 0.0
            mass_above = 1.0 - float(value.cdf(HALF_MERIDIAN_KM)) if nonnegative else 0.0
            domain = (float(value.ppf(_TAIL)), float(value.ppf(1.0 - _TAIL)))
        except Exception as exc:  # a foreign object: report it, do not guess
            raise ValidationError(
                f"{name}: could not evaluate distribution {value!r}: {exc}"
            ) from exc
        dist_name = getattr(getattr(value, "dist", None), "name", type(value).__name__)
        sampler = _Sampler(
            "scipy", math.nan, math.nan, value, lower, domain, f"scipy.stats.{dist_name}"
        )
    else:
        raise ValidationError(
            f"{name} must be a number, launchgeo.Normal(mean, sigma), launchgeo.Uniform(low, "
            f"high), a (mean, sigma) tuple or a frozen scipy.stats distribution, got {value!r}"
        )
    if not nonnegative:
        return sampler
    return _range_sampler(sampler, value, name, mass_below, mass_above)


def _range_sampler(
    sampler: _Sampler, value: Any, name: str, mass_below: float, mass_above: float
) -> _Sampler:
    """A range sampler truncated to [0, antipode] km (warned about when it moves mass)."""
    if mass_below >= 1.0:
        raise RangeError(f"{name} = {value!r} puts no probability on ranges >= 0 km")
    if mass_above >= 1.0 or mass_below + mass_above >= 1.0:
        raise RangeError(
            f"{name} = {value!r} puts no probability on ranges within 0-"
            f"{HALF_MERIDIAN_KM:,.1f} km (the antipode, the farthest point of the Earth)"
        )
    for mass, where, bound in (
        (mass_below, "negative ranges", "range >= 0 km (truncated at 0)"),
        (mass_above, f"ranges beyond the antipode ({HALF_MERIDIAN_KM:,.1f} km)",
         f"range <= {HALF_MERIDIAN_KM:,.1f} km"),
    ):  # fmt: skip
        if mass > _TAIL:
            warnings.warn(
                f"{name} = {sampler.description} puts probability {mass:.3g} on {where}; "
                f"sampling it conditioned on {bound}",
                TruncationWarning,
                stacklevel=4,
            )
    lo, hi = sampler.domain
    return _Sampler(
        sampler.kind,
        sampler.a,
        sampler.b,
        sampler.dist,
        sampler.lower if mass_below > 0.0 else -math.inf,
        (max(lo, 0.0), min(hi, HALF_MERIDIAN_KM)),
        sampler.description,
        HALF_MERIDIAN_KM if mass_above > 0.0 else math.inf,
    )
