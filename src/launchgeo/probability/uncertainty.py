"""Impact probabilities under uncertain range, bearing and launch position (Monte Carlo).

Reported ranges are rounded, bearings are coarse or unknown and launch sites are uncertain
by kilometres, so "did it land in Japan's EEZ?" has a probability for an answer.
:func:`impact_probability` draws ``n`` (bearing, range) samples, follows each geodesic from
the launch site with a :class:`~launchgeo.FastForward` table (error <= 1 m, checked
against GeographicLib), classifies the impact points with a zones object and returns the
share of samples per zone label with Wilson confidence intervals
(:class:`ImpactProbability`).

Runs are reproducible: the same ``seed`` gives the same samples and the same result, for
any ``chunk_size`` and either engine. With ``engine="dask"`` the chunks run on a
``dask.distributed`` cluster (``pip install launchgeo[dask]``); see ``docs/uncertainty.md``.

Examples
--------
>>> import numpy as np
>>> import launchgeo
>>> class EastOfSunan:  # a stand-in zones object: the meridian through Sunan splits it
...     def classify(self, lon, lat):
...         return np.where(np.asarray(lon) > 125.67, "east", "west")
>>> result = launchgeo.impact_probability(
...     (125.67, 39.22389), range_km=launchgeo.Normal(500, 50),
...     bearing_deg=launchgeo.Uniform(0, 270), zones=EastOfSunan(), n=30_000, seed=1)
>>> result.n, round(result.probabilities["east"], 2)  # bearings 0-180 of 0-270: 2/3
(30000, 0.67)
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

from launchgeo import _validate as v
from launchgeo.errors import RangeError, ValidationError
from launchgeo.geodesy.core import HALF_MERIDIAN_KM
from launchgeo.probability._montecarlo import (
    RNG_BLOCK,
    ChunkResult,
    Plan,
    ZonesLike,
    choose_table,
    chunk_ranges,
    run_numpy,
)
from launchgeo.probability.distributions import Uniform, _Sampler, parse
from launchgeo.sites import resolve_site
from launchgeo.zones._arg import zones_argument

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "ImpactEstimateLike",
    "ImpactProbability",
    "ZonesLike",
    "area_sigma_km",
    "impact_probability",
    "impact_probability_from_statement",
]

#: Default number of samples per chunk (16 RNG blocks of 65,536).
DEFAULT_CHUNK_SIZE = 16 * RNG_BLOCK


class Engine(StrEnum):
    """Where the chunks run."""

    NUMPY = "numpy"
    DASK = "dask"


class _LonLat(Protocol):
    @property
    def lon(self) -> float: ...
    @property
    def lat(self) -> float: ...


class ImpactEstimateLike(Protocol):
    """A parsed impact statement ("about 250 km west of the Oga Peninsula").

    ``landmark`` has ``lon``/``lat``; the intervals are the rounding intervals of the stated
    distance (km) and bearing (degrees; ``high < low`` means the interval wraps through north).
    """

    @property
    def landmark(self) -> _LonLat:
        """The reference point the distance and bearing are measured from."""
        ...

    @property
    def distance_interval_km(self) -> tuple[float, float]:
        """Rounding interval of the stated distance, km."""
        ...

    @property
    def bearing_interval_deg(self) -> tuple[float, float]:
        """Rounding interval (sector) of the stated bearing, degrees."""
        ...


@dataclass(frozen=True, slots=True)
class ImpactProbability:
    """Result of :func:`impact_probability`: impact probability per zone label.

    Attributes
    ----------
    probabilities : Mapping[str, float]
        Share of samples per label (labels with no sample are absent; sums to 1).
    counts : Mapping[str, int]
        Samples per label.
    confidence_intervals : Mapping[str, tuple[float, float]]
        Wilson score interval per label at ``confidence_level``.
    n : int
        Number of samples.
    seed : int
        The seed entropy used; passing it back as ``seed=`` reproduces the run exactly.
    confidence_level : float
        Level of the intervals (0.95).
    error_bound_m : float
        Position error bound of the fast-forward table; 0 when every sample was computed
        exactly with pyproj (when ``n`` is too small for a table to pay for its build, or
        ``site_sigma_km > 0``).
    inputs : Mapping[str, str]
        Human-readable description of the inputs (site, range, bearing, site sigma).
    samples : pandas.DataFrame or None
        With ``return_samples=True``: one row per sample with columns ``bearing_deg``,
        ``range_km``, ``lon``, ``lat``, ``label``.
    """

    probabilities: Mapping[str, float]
    counts: Mapping[str, int]
    confidence_intervals: Mapping[str, tuple[float, float]]
    n: int
    seed: int
    confidence_level: float
    error_bound_m: float
    inputs: Mapping[str, str]
    samples: pd.DataFrame | None = field(default=None, compare=False, repr=False)

    def probability_of(self, labels: Iterable[str]) -> tuple[float, tuple[float, float]]:
        """Probability of landing in any of ``labels``, with its Wilson interval.

        Examples
        --------
        >>> r = _example_result()
        >>> p, (low, high) = r.probability_of(["JPN:eez", "JPN:territorial_sea"])
        >>> round(p, 3), low < p < high
        (0.9, True)
        """
        wanted = {labels} if isinstance(labels, str) else set(labels)
        hits = sum(c for label, c in self.counts.items() if label in wanted)
        return hits / self.n, wilson_interval(hits, self.n, self.confidence_level)

    def summary(self) -> str:
        """Return a plain-text table of the labels, probabilities and intervals.

        Examples
        --------
        >>> print(_example_result().summary())  # doctest: +NORMALIZE_WHITESPACE
        Impact probabilities from 1,000 samples (seed 7; 95% Wilson intervals)
          label                 probability  95% interval       samples
          JPN:eez                    0.8500  [0.8266, 0.8707]       850
          high_seas                  0.1000  [0.0829, 0.1202]       100
          JPN:territorial_sea        0.0500  [0.0381, 0.0653]        50
        """
        level = f"{self.confidence_level:.0%}"
        width = max([len("label"), *(len(k) for k in self.counts)])
        lines = [
            f"Impact probabilities from {self.n:,} samples (seed {self.seed}; {level} Wilson "
            "intervals)",
            f"  {'label':<{width}}  probability  {level + ' interval':<17}  samples",
        ]
        for label in sorted(self.counts, key=lambda k: (-self.counts[k], k)):
            low, high = self.confidence_intervals[label]
            lines.append(
                f"  {label:<{width}}  {self.probabilities[label]:11.4f}  "
                f"[{low:.4f}, {high:.4f}]  {self.counts[label]:8,d}"
            )
        return "\n".join(lines)


def _example_result() -> ImpactProbability:
    counts = {"JPN:eez": 850, "high_seas": 100, "JPN:territorial_sea": 50}
    return _result(counts, 1000, 7, 0.0, {}, None)


def wilson_interval(successes: int, n: int, level: float = 0.95) -> tuple[float, float]:
    """Wilson score interval for a binomial proportion (Wilson 1927).

    Examples
    --------
    >>> tuple(round(x, 4) for x in wilson_interval(0, 100))
    (0.0, 0.037)
    """
    from scipy import special  # lazy: keep `import launchgeo` light

    z = float(special.ndtri(0.5 + level / 2))
    p = successes / n
    denom = 1.0 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z / denom * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    low = 0.0 if successes == 0 else max(0.0, centre - half)  # exact ends, no rounding fuzz
    high = 1.0 if successes == n else min(1.0, centre + half)
    return low, high


def _result(
    counts: Mapping[str, int],
    n: int,
    seed: int,
    error_bound_m: float,
    inputs: Mapping[str, str],
    samples: pd.DataFrame | None,
) -> ImpactProbability:
    counts = dict(sorted(counts.items()))
    return ImpactProbability(
        probabilities=MappingProxyType({k: c / n for k, c in counts.items()}),
        counts=MappingProxyType(counts),
        confidence_intervals=MappingProxyType(
            {k: wilson_interval(c, n) for k, c in counts.items()}
        ),
        n=n,
        seed=seed,
        confidence_level=0.95,
        error_bound_m=error_bound_m,
        inputs=MappingProxyType(dict(inputs)),
        samples=samples,
    )


#: A 2-D isotropic normal puts 95 % of its mass within 2.4477 sigma of its centre
#: (sqrt(-2 ln 0.05)): an area's ``uncertainty_km`` is read as that 95 % radius.
_SIGMA_PER_95_RADIUS = 1.0 / math.sqrt(-2.0 * math.log(0.05))


def _center(center: Any) -> tuple[float, float]:
    site = resolve_site(center)
    return site.lon, site.lat


def area_sigma_km(center: Any) -> float:
    """Default ``site_sigma_km`` for a centre: an area's uncertainty as a 95 % radius, else 0.

    A catalogue ``area`` (a city or county that reports name) says the launch was somewhere
    within about ``uncertainty_km`` of its point; sampling the launch point from an isotropic
    normal with 95 % of its mass inside that radius carries this into the probabilities.
    Facilities (whose uncertainty is the spread of their pads) and bare coordinates give 0.

    Examples
    --------
    >>> round(area_sigma_km("Chunghwa"), 2), area_sigma_km("Sunan")
    (6.13, 0.0)
    """
    site = resolve_site(center)
    unc = site.uncertainty_km
    if site.is_area and math.isfinite(unc) and unc > 0:
        return unc * _SIGMA_PER_95_RADIUS
    return 0.0


#: Most samples one call draws: 10**10 (minutes on a cluster; hours on one core). Work is
#: chunked, so memory does not grow with n, but a mistyped n (10**20) must not run for ever.
MAX_SAMPLES = 10**10
#: Largest chunk: 2**24 samples (about 1.5 GB of temporaries while a chunk runs).
MAX_CHUNK_SIZE = 2**24
#: Largest launch-position spread (km, per axis): the offsets are taken on a plane.
MAX_SITE_SIGMA_KM = 2_000.0
#: Most samples ``return_samples=True`` keeps (about 60 bytes each: 600 MB).
MAX_RETURNED_SAMPLES = 10**7


def _positive_int(value: Any, name: str, maximum: int) -> int:
    value = v.integer(value, name, 1)
    if value > maximum:
        raise ValidationError(f"{name} must be an integer <= {maximum:,}, got {value!r}")
    return int(value)


def _zones_or_none(zones: Any) -> Any:
    """``zones`` if it can classify points (a Zones or a look-alike), else a ValidationError."""
    return zones_argument(zones, default=False)


def _seed_entropy(seed: Any) -> int:
    if seed is None:
        seed = np.random.SeedSequence()  # fresh entropy, recorded in the result
    if isinstance(seed, np.random.SeedSequence):
        if seed.spawn_key or not isinstance(seed.entropy, int):
            raise ValidationError(
                f"seed must be a root SeedSequence with integer entropy, got {seed!r}"
            )
        return seed.entropy
    return v.integer(seed, "seed", none=True)


def _table_domains(
    bearing: _Sampler, range_: _Sampler
) -> tuple[tuple[float, float], tuple[float, float]]:
    """Bearing and range intervals of the fast-forward table (from the inputs' domains)."""
    b_lo, b_hi = bearing.domain
    if b_hi - b_lo >= 360.0 or not math.isfinite(b_hi - b_lo):
        b_lo, b_hi = 0.0, 360.0
    elif b_hi - b_lo < 1.0:  # a known bearing: a narrow table around it
        mid = (b_lo + b_hi) / 2
        b_lo, b_hi = mid - 0.5, mid + 0.5
    r_lo, r_hi = range_.domain
    r_lo = max(0.0, r_lo) if math.isfinite(r_lo) else 0.0
    r_hi = min(HALF_MERIDIAN_KM, r_hi) if math.isfinite(r_hi) else HALF_MERIDIAN_KM
    if r_hi - r_lo < 2.0:
        mid = (r_lo + r_hi) / 2
        r_lo, r_hi = max(0.0, mid - 1.0), max(0.0, mid - 1.0) + 2.0
    return (b_lo, b_hi), (r_lo, r_hi)


def impact_probability(
    center: Any,
    *,
    range_km: Any,
    bearing_deg: Any,
    zones: ZonesLike | None = None,
    n: int = 100_000,
    seed: int | np.random.SeedSequence | None = None,
    site_sigma_km: float | None = None,
    engine: str = "numpy",
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    client: Any = None,
    progress: bool = False,
    return_samples: bool = False,
    tolerance_m: float = 1.0,
) -> ImpactProbability:
    """Probability of impact in each zone under uncertain range, bearing and site position.

    Parameters
    ----------
    center : LaunchSite or (float, float)
        The launch site (or landmark) as a :class:`~launchgeo.LaunchSite` or (lon, lat).
    range_km, bearing_deg : number, Normal, Uniform, (mean, sigma) or scipy.stats frozen
        The uncertain range (km) and bearing (degrees clockwise from north); see
        :mod:`launchgeo.probability.distributions`. A plain 2-tuple is always ``(mean, sigma)`` of a
        normal; an interval is ``Uniform(low, high)``. Range mass below 0 km is truncated with
        a :class:`~launchgeo.errors.TruncationWarning`.
    zones : object with ``classify(lon, lat)``, optional
        Zones to classify impact points with; default ``launchgeo.load_zones()``.
    n : int, optional
        Number of samples (> 0).
    seed : int, numpy.random.SeedSequence or None, optional
        Seed; ``None`` draws fresh entropy, reported as ``result.seed``.
    site_sigma_km : float, optional
        Standard deviation (km, per east/north axis) of the launch position. When > 0 every
        sample gets its own origin and is computed exactly with pyproj (slower). By default
        (``None``) a catalogue ``area`` such as "Chunghwa" samples its launch point with 95 %
        of it within the area's ``uncertainty_km`` (:func:`area_sigma_km`); facilities and
        coordinates use 0.
    engine : {"numpy", "dask"}, optional
        Run the chunks in this process or on a ``dask.distributed`` cluster.
    chunk_size : int, optional
        Samples per chunk, rounded up to a multiple of 65,536 (the random-number block). It
        changes memory use and parallelism, never the result.
    client : distributed.Client or str, optional
        For ``engine="dask"``: the client, or a scheduler address such as
        ``"tcp://10.0.0.5:8786"``; default the current client (``distributed.get_client``).
    progress : bool, optional
        Show a tqdm progress bar over the samples (off by default).
    return_samples : bool, optional
        Keep every sample in ``result.samples`` (memory: about 60 bytes per sample).
    tolerance_m : float, optional
        Position error allowed for the fast-forward table (default 1 m). Runs whose ``n``
        would not pay for the table's build (a few hundred thousand samples for a regional
        domain, a few million for the whole Earth) use exact pyproj instead; tables are
        cached by origin, domain and tolerance. The choice depends on the inputs only.

    Returns
    -------
    ImpactProbability
        Probabilities, counts and Wilson 95 % intervals per label.

    Raises
    ------
    launchgeo.errors.ValidationError
        For a bad distribution (negative sigma, empty interval), ``n <= 0`` or above
        ``MAX_SAMPLES`` (10**10), a bad seed, engine, chunk size (above 2**24) or ``zones``.
    launchgeo.errors.RangeError
        For a fixed range below 0 km or beyond the antipode (20,003.9 km), or a range
        distribution with no mass in between (mass outside is truncated with a warning).
    launchgeo.errors.CoordinateError
        For an invalid center.

    Examples
    --------
    >>> import numpy as np
    >>> class NorthOf40:  # stand-in zones: north of the 40th parallel or not
    ...     def classify(self, lon, lat):
    ...         return np.where(np.asarray(lat) >= 40.0, "north", "south")
    >>> r = impact_probability((130.0, 40.0), range_km=300, bearing_deg=Uniform(0, 360),
    ...                        zones=NorthOf40(), n=100_000, seed=42)
    >>> round(r.probabilities["north"], 2)  # half of the circle lies north of 40 deg N
    0.5
    >>> impact_probability((130.0, 40.0), range_km=(300, -1), bearing_deg=0, zones=NorthOf40())
    Traceback (most recent call last):
    ...
    launchgeo.errors.ValidationError: Normal sigma must be >= 0, got -1.0
    """
    lon, lat = _center(center)
    n = _positive_int(n, "n", MAX_SAMPLES)
    chunk_size = _positive_int(chunk_size, "chunk_size", MAX_CHUNK_SIZE)
    if return_samples and n > MAX_RETURNED_SAMPLES:
        raise ValidationError(
            f"return_samples=True keeps every sample (about 60 bytes each): n must be <= "
            f"{MAX_RETURNED_SAMPLES:,} with it, got {n!r}"
        )
    zones = _zones_or_none(zones)
    sigma = (
        area_sigma_km(center)
        if site_sigma_km is None
        else v.scalar_range_km(site_sigma_km, "site_sigma_km")
    )
    if sigma > MAX_SITE_SIGMA_KM:
        raise RangeError(
            f"site_sigma_km must be <= {MAX_SITE_SIGMA_KM:,.0f} km (a launch point known no "
            f"better is no launch point), got {site_sigma_km!r}"
        )
    try:
        engine_e = Engine(engine)
    except ValueError:
        valid = ", ".join(repr(e.value) for e in Engine)
        raise ValidationError(f"engine must be one of {valid}, got {engine!r}") from None
    entropy = _seed_entropy(seed)
    bearing_s = parse(bearing_deg, "bearing_deg")
    range_s = parse(range_km, "range_km", nonnegative=True)  # may warn: after the errors
    table = None
    if sigma == 0.0:
        b_dom, r_dom = _table_domains(bearing_s, range_s)
        table = choose_table(
            lon, lat, b_dom, r_dom, n, v.positive_scalar(tolerance_m, "tolerance_m")
        )
    plan = Plan(lon, lat, bearing_s, range_s, sigma, n, entropy, table)
    chunk = -(-chunk_size // RNG_BLOCK) * RNG_BLOCK
    ranges = chunk_ranges(n, chunk)

    bar = None
    if progress:
        from tqdm.auto import tqdm

        bar = tqdm(total=n, unit="sample", unit_scale=True, desc="impact_probability")
    try:
        if engine_e is Engine.NUMPY:
            chunks = list(
                run_numpy(
                    plan, ranges, zones, return_samples, bar.update if bar is not None else None
                )
            )
        else:
            from launchgeo.probability._dask import run_dask

            chunks = run_dask(
                plan, ranges, zones, return_samples, bar.update if bar is not None else None, client
            )
    finally:
        if bar is not None:
            bar.close()
    return _combine(plan, chunks, return_samples, center)


def _combine(
    plan: Plan, chunks: list[ChunkResult], return_samples: bool, center: Any
) -> ImpactProbability:
    counts: dict[str, int] = {}
    for c in chunks:
        for label, k in c.counts.items():
            counts[label] = counts.get(label, 0) + k
    samples = None
    if return_samples:
        import pandas as pd

        parts = [c.samples for c in chunks if c.samples is not None]
        samples = pd.DataFrame({key: np.concatenate([p[key] for p in parts]) for key in parts[0]})
    name = resolve_site(center).name if isinstance(center, str) else getattr(center, "name", None)
    inputs = {
        "center": f"{name} " if name else "",
        "range_km": plan.range.description,
        "bearing_deg": plan.bearing.description,
        "site_sigma_km": f"{plan.site_sigma_km:g}",
    }
    inputs["center"] += f"({plan.lon:.5f}, {plan.lat:.5f})"
    bound = plan.table.error_bound_m if plan.table is not None else 0.0
    return _result(counts, plan.n, plan.entropy, bound, inputs, samples)


def impact_probability_from_statement(
    estimate: ImpactEstimateLike,
    *,
    zones: ZonesLike | None = None,
    n: int = 100_000,
    seed: int | np.random.SeedSequence | None = None,
    engine: str = "numpy",
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    client: Any = None,
    progress: bool = False,
    return_samples: bool = False,
) -> ImpactProbability:
    """Impact probabilities for a parsed impact statement's rounding region.

    "About 250 km west of the Oga Peninsula" means a distance somewhere in its rounding
    interval and a bearing somewhere in the compass point's sector, both measured from the
    landmark. Samples are uniform in distance and in bearing over those intervals (the
    statement gives no reason to prefer any value inside them), followed from the landmark.

    Parameters
    ----------
    estimate : ImpactEstimateLike
        A parsed statement (``launchgeo.parse_impact_description``): ``landmark``
        with ``lon``/``lat``, ``distance_interval_km`` and ``bearing_interval_deg``.
    zones, n, seed, engine, chunk_size, client, progress, return_samples
        As for :func:`impact_probability`.

    Returns
    -------
    ImpactProbability

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> import numpy as np
    >>> oga = SimpleNamespace(lon=139.7, lat=39.9)
    >>> est = SimpleNamespace(landmark=oga, distance_interval_km=(245.0, 255.0),
    ...                       bearing_interval_deg=(258.75, 281.25))  # "about 250 km west"
    >>> class WestOf137:
    ...     def classify(self, lon, lat):
    ...         return np.where(np.asarray(lon) < 137.0, "west", "east")
    >>> r = impact_probability_from_statement(est, zones=WestOf137(), n=10_000, seed=0)
    >>> r.probabilities["west"]
    1.0
    """
    needed = ("landmark", "distance_interval_km", "bearing_interval_deg")
    if not all(hasattr(estimate, name) for name in needed):
        raise ValidationError(
            "estimate must be a parsed impact statement (launchgeo.parse_impact_description), "
            f"with landmark, distance_interval_km and bearing_interval_deg; got "
            f"{type(estimate).__name__} {estimate!r}"[:300]
        )
    lo, hi = (float(x) for x in estimate.bearing_interval_deg)
    if hi <= lo:
        hi += 360.0  # the sector wraps through north
    d_lo, d_hi = (float(x) for x in estimate.distance_interval_km)
    return impact_probability(
        estimate.landmark,
        range_km=Uniform(d_lo, d_hi),
        bearing_deg=Uniform(lo, hi),
        zones=zones,
        n=n,
        seed=seed,
        engine=engine,
        chunk_size=chunk_size,
        client=client,
        progress=progress,
        return_samples=return_samples,
    )
