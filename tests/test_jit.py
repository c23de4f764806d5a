"""The compiled loops (``launchgeo/_jit.py``) give what the numpy paths give, bit for bit.

Each test forces the compiled loop on small inputs (thresholds set to 0) and compares it with
the numpy path on the same input (``LAUNCHGEO_JIT=0``): classify codes on points everywhere,
near boundaries, outside the box, beyond 180 E and on vertices; FastForward on longitude/
latitude, polar and mixed tables, with bearings inside and outside [b0, b1].
"""

from __future__ import annotations

import numpy as np
import pytest

from launchgeo import _jit
from launchgeo.errors import CoordinateError
from launchgeo.geodesy.fastgeod import FastForward
from launchgeo.zones import load_zones

pytest.importorskip("numba")


@pytest.fixture
def compiled(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_jit, "MIN_POINTS", 0)
    monkeypatch.setattr(_jit, "COLD_POINTS", 0)
    monkeypatch.delenv("LAUNCHGEO_JIT", raising=False)


def _numpy_path(monkeypatch: pytest.MonkeyPatch, fn, *args):  # type: ignore[no-untyped-def]
    with monkeypatch.context() as m:
        m.setenv("LAUNCHGEO_JIT", "0")
        return fn(*args)


def _world_points(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    lon = rng.uniform(-180, 180, n)
    lat = np.degrees(np.arcsin(rng.uniform(-1, 1, n)))
    return lon, lat


def test_use_compiled_thresholds(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LAUNCHGEO_JIT", raising=False)
    assert not _jit.use_compiled(_jit.MIN_POINTS - 1)
    assert _jit.use_compiled(_jit.COLD_POINTS)
    assert _jit.use_compiled(_jit.MIN_POINTS)  # numba is imported now
    monkeypatch.setenv("LAUNCHGEO_JIT", "0")
    assert not _jit.use_compiled(_jit.COLD_POINTS)


@pytest.mark.usefixtures("compiled")
def test_classify_codes_compiled_equal_numpy(monkeypatch: pytest.MonkeyPatch) -> None:
    zones = load_zones()
    lon, lat = _world_points(300_000, 1)
    rng = np.random.default_rng(2)
    # East Asia densely, vertices of zones exactly (the exact rule decides them), and
    # longitudes in (180, 360] (shifted) and at the box's edges
    ea_lon, ea_lat = rng.uniform(120, 150, 200_000), rng.uniform(25, 50, 200_000)
    verts = np.concatenate([np.asarray(zones.geometry(label).exterior.coords)
                            if zones.geometry(label).geom_type == "Polygon"
                            else np.asarray(zones.geometry(label).geoms[0].exterior.coords)
                            for label in ("JPN:eez", "KOR:eez", "PRK:eez")])  # fmt: skip
    edge_lon = np.array([-180.0, 180.0, 359.5, 200.0, 0.0, 125.0])
    edge_lat = np.array([-90.0, 90.0, 10.0, -45.0, 0.0, 90.0])
    all_lon = np.concatenate([lon, ea_lon, verts[:, 0], edge_lon])
    all_lat = np.concatenate([lat, ea_lat, verts[:, 1], edge_lat])
    got = zones.classify_codes(all_lon, all_lat)
    want = _numpy_path(monkeypatch, zones.classify_codes, all_lon, all_lat)
    assert got.dtype == want.dtype == np.int32
    np.testing.assert_array_equal(got, want)
    # the compiled loop did run (numba compiled the classify loop)
    from launchgeo.zones import _classify_jit

    assert _classify_jit._codes.signatures


@pytest.mark.usefixtures("compiled")
def test_classify_compiled_refuses_bad_points_like_numpy() -> None:
    zones = load_zones()
    lon, lat = _world_points(1000, 3)
    lat[500] = np.nan
    with pytest.raises(CoordinateError, match="lat must be finite"):
        zones.classify_codes(lon, lat)
    lat[500] = 95.0
    with pytest.raises(CoordinateError, match=r"lat must be within \[-90, 90\]"):
        zones.classify_codes(lon, lat)


@pytest.mark.usefixtures("compiled")
@pytest.mark.parametrize(
    ("origin", "bearing", "range_km", "mode"),
    [
        ((125.67, 39.22), (0.0, 360.0), (0.0, 1500.0), "lonlat"),
        ((179.5, 0.0), (-30.0, 60.0), (0.0, 3000.0), "lonlat"),
        ((10.0, 85.0), (0.0, 360.0), (0.0, 600.0), "polar"),
        ((125.67, 39.22), (0.0, 360.0), (0.0, 20003.0), "mixed"),
    ],
)
def test_fast_forward_compiled_equal_numpy(
    monkeypatch: pytest.MonkeyPatch, origin: tuple[float, float], bearing: tuple[float, float],
    range_km: tuple[float, float], mode: str,
) -> None:  # fmt: skip
    table = FastForward(*origin, bearing_deg=bearing, range_km=range_km, tolerance_m=5.0)
    assert table.mode == mode
    rng = np.random.default_rng(4)
    n = 20_000
    b = rng.uniform(*bearing, n)
    r = rng.uniform(*range_km, n)
    b_turned = b + 360.0 * rng.integers(-2, 3, n)  # outside [b0, b1]: reduced modulo 360
    for bear in (b, b_turned):
        bear_in = bear.copy()
        lon, lat = table.forward(bear, r)
        lon0, lat0 = _numpy_path(monkeypatch, table.forward, bear, r)
        np.testing.assert_array_equal(lon, lon0)
        np.testing.assert_array_equal(lat, lat0)
        np.testing.assert_array_equal(bear, bear_in)  # inputs untouched
        assert lon.min() >= -180.0 and lon.max() < 180.0
    from launchgeo.geodesy import _fastgeod_jit

    assert _fastgeod_jit._evaluate.signatures


@pytest.mark.usefixtures("compiled")
def test_a_compiled_loop_that_cannot_load_falls_back_to_numpy(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """No writable cache, a compiler error: the numpy path answers, and the compiled loops
    stay off for the process (the reason kept), never an exception out of the public API."""
    import sys

    import launchgeo.geodesy
    import launchgeo.zones

    monkeypatch.setattr(_jit, "_FAILED", [])
    for package, name in ((launchgeo.zones, "_classify_jit"),
                          (launchgeo.geodesy, "_fastgeod_jit")):  # fmt: skip
        monkeypatch.delattr(package, name, raising=False)
        monkeypatch.setitem(sys.modules, f"{package.__name__}.{name}", None)  # import fails
    zones = load_zones()
    lon, lat = _world_points(50_000, 5)
    got = zones.classify_codes(lon, lat)
    assert _jit._FAILED and not _jit.enabled()
    np.testing.assert_array_equal(got, _numpy_path(monkeypatch, zones.classify_codes, lon, lat))
    monkeypatch.setattr(_jit, "_FAILED", [])
    table = FastForward(125.67, 39.22, range_km=(0.0, 1500.0))
    b, r = np.full(1000, 90.0), np.linspace(0, 1500, 1000)
    lon_f, lat_f = table.forward(b, r)
    assert _jit._FAILED
    want = _numpy_path(monkeypatch, table.forward, b, r)
    np.testing.assert_array_equal(lon_f, want[0])
    np.testing.assert_array_equal(lat_f, want[1])


@pytest.mark.usefixtures("compiled")
def test_zones_with_more_codes_than_16_bits_take_the_numpy_path(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The compiled loop reads level 0 as uint16; an index with more codes is never cut."""
    from launchgeo.zones import _classify_jit

    zones = load_zones()
    lon, lat = _world_points(20_000, 6)
    want = _numpy_path(monkeypatch, zones.classify_codes, lon, lat)
    grid = zones._grid()
    assert _classify_jit.fits(grid)
    np.testing.assert_array_equal(_classify_jit.codes16(grid)[:-1] == _classify_jit.MIXED16,
                                  grid.root < 0)  # fmt: skip
    monkeypatch.setattr(_classify_jit, "fits", lambda index: False)
    calls = []
    monkeypatch.setattr(_classify_jit, "index_codes", lambda *a: calls.append(a))
    np.testing.assert_array_equal(zones.classify_codes(lon, lat), want)
    assert not calls
