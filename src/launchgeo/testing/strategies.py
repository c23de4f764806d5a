"""Hypothesis strategies for launchgeo's inputs (imports hypothesis: install it to use these).

Each strategy mixes the values where geodesy goes wrong (the poles, +-180, the antipodal range)
into ordinary ones, so invariants are tested where they are most likely to break.

Examples
--------
>>> from hypothesis import given, settings
>>> import launchgeo
>>> from launchgeo.testing.strategies import centres, ranges_km
>>> @settings(max_examples=20, derandomize=True, deadline=None)
... @given(centre=centres(), range_km=ranges_km(max_km=5_000))
... def test_ring_contains_its_centre(centre, range_km):
...     assert launchgeo.range_ring(centre, range_km).contains(*centre) or range_km == 0
>>> test_ring_contains_its_centre()
"""

from __future__ import annotations

from hypothesis import strategies as st

from launchgeo.geodesy.core import HALF_MERIDIAN_KM

__all__ = ["centres", "lonlat", "ranges_km"]


def _lon(include_antimeridian: bool) -> st.SearchStrategy[float]:
    plain = st.floats(-180.0, 180.0, exclude_max=True, allow_nan=False)
    if not include_antimeridian:
        return st.floats(-179.0, 179.0, allow_nan=False)
    edges = st.sampled_from([-180.0, -179.999999, 179.999999, 179.5, -179.5, 0.0])
    return st.one_of(edges, plain)


def _lat(include_poles: bool, min_lat: float, max_lat: float) -> st.SearchStrategy[float]:
    if not include_poles:
        return st.floats(max(min_lat, -89.0), min(max_lat, 89.0), allow_nan=False)
    edges = [v for v in (-90.0, -89.999999, 0.0, 89.999999, 90.0) if min_lat <= v <= max_lat]
    plain = st.floats(min_lat, max_lat, allow_nan=False)
    return st.one_of(st.sampled_from(edges), plain) if edges else plain


def lonlat(
    *, min_lat: float = -90.0, max_lat: float = 90.0, include_poles: bool = True,
    include_antimeridian: bool = True,
) -> st.SearchStrategy[tuple[float, float]]:  # fmt: skip
    """``(lon, lat)`` in degrees: lon in [-180, 180), lat in [min_lat, max_lat].

    Examples
    --------
    >>> from hypothesis import find
    >>> find(lonlat(min_lat=10, max_lat=20), lambda p: p[1] > 15)[1] > 15
    True
    """
    if not -90.0 <= min_lat <= max_lat <= 90.0:
        raise ValueError(f"need -90 <= min_lat <= max_lat <= 90, got {min_lat!r}, {max_lat!r}")
    return st.tuples(_lon(include_antimeridian), _lat(include_poles, min_lat, max_lat))


def centres(
    *, include_poles: bool = True, include_antimeridian: bool = True
) -> st.SearchStrategy[tuple[float, float]]:
    """Centres ``(lon, lat)`` anywhere on the globe, the poles and +-180 included by default.

    Examples
    --------
    >>> from hypothesis import find
    >>> find(centres(), lambda c: abs(c[1]) == 90.0)[1] in (-90.0, 90.0)
    True
    """
    return lonlat(include_poles=include_poles, include_antimeridian=include_antimeridian)


def ranges_km(
    *, min_km: float = 0.0, max_km: float = HALF_MERIDIAN_KM, include_antipode: bool = True
) -> st.SearchStrategy[float]:
    """Ranges in km within [min_km, max_km] (default: 0 to the antipodal distance).

    ``0``, ``max_km`` and, when in range, the antipodal distance (20,003.93 km, where a ring
    covers the globe) come up often.

    Examples
    --------
    >>> from hypothesis import find
    >>> find(ranges_km(max_km=1000), lambda r: r > 900) <= 1000
    True
    """
    if not 0.0 <= min_km <= max_km <= HALF_MERIDIAN_KM:
        raise ValueError(
            f"need 0 <= min_km <= max_km <= {HALF_MERIDIAN_KM:.3f}, got {min_km!r}, {max_km!r}"
        )
    edges = [min_km, max_km]
    if include_antipode and max_km >= HALF_MERIDIAN_KM:
        edges.append(HALF_MERIDIAN_KM)
    plain = st.floats(min_km, max_km, allow_nan=False)
    return st.one_of(st.sampled_from(edges), plain)
