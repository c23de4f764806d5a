"""The embedded zones load lazily (issue 15): what a first classify needs, and nothing more.

``load_zones()`` reads the file's header; the first ``classify`` makes level 0 of the stored
index; a few points in mixed cells are answered by the rule itself on the zones whose boxes
hold them (each zone made alone); a larger call loads the rest of the index. Every path gives
the index's answers, the geometries made one by one are those made all at once, lazy zones
pickle, a damaged part of the file is a DataError when it is read, and files of format
version 1 (one coordinate member) still read.
"""

from __future__ import annotations

import io
import json
import pickle
import zipfile
from importlib import resources

import numpy as np
import pytest
import shapely

from launchgeo.errors import DataError
from launchgeo.zones import _format, _readers
from launchgeo.zones import core as zones_core
from launchgeo.zones.core import Zones, load_zones

DATA = resources.files("launchgeo.zones") / "data"


def _fresh() -> Zones:
    return zones_core._embedded.__wrapped__()  # a new lazy load, not the cached zones


@pytest.fixture(scope="module")
def loaded() -> Zones:
    z = _fresh()
    z.classify_codes(np.linspace(-180, 180, 1000), np.linspace(-89, 89, 1000))
    z._grid().load()
    assert z._index is not None and z._index.loaded
    return z


def _near_boundaries(z: Zones, n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Points within ~1 km of zone vertices, where cells are mixed."""
    rng = np.random.default_rng(seed)
    labels = ["JPN:eez", "KOR:eez", "PRK:territorial_sea", "RUS:eez", "CHN:land", "USA:eez"]
    xy = np.concatenate([shapely.get_coordinates(z.geometry(label)) for label in labels])
    pick = xy[rng.integers(0, len(xy), n)]
    return pick[:, 0] + rng.normal(0, 0.01, n), pick[:, 1] + rng.normal(0, 0.01, n)


def test_loading_reads_the_header_and_a_pure_point_only_level_0() -> None:
    z = _fresh()
    assert z._geom_list is None and z._index is None
    assert z.classify(160.0, -40.0) == "high_seas"
    assert z._index is not None and not z._index.loaded
    assert z._geom_list is None and not z._geom_one


def test_a_few_points_in_mixed_cells_make_only_their_zones(loaded: Zones) -> None:
    z = _fresh()
    lon, lat = _near_boundaries(loaded, 16, 1)
    got = z.classify_codes(lon, lat)
    assert z._index is not None and not z._index.loaded  # answered without the rest
    assert 0 < len(z._geom_one) < 40  # only zones whose boxes hold a point
    np.testing.assert_array_equal(got, loaded.classify_codes(lon, lat))


def test_the_few_point_path_equals_the_index_near_boundaries(loaded: Zones) -> None:
    """2,000 points near boundaries, 16 at a time on fresh lazy zones, against the index."""
    lon, lat = _near_boundaries(loaded, 2000, 2)
    want = loaded.classify_codes(lon, lat)
    z = _fresh()
    got = np.concatenate([z.classify_codes(lon[s : s + 16], lat[s : s + 16])
                          for s in range(0, lon.size, 16)])  # fmt: skip
    assert z._index is not None and not z._index.loaded
    np.testing.assert_array_equal(got, want)
    # the few-point path is the rule itself: zone by zone with shapely
    assert (want < len(loaded.labels)).mean() > 0.5


def test_a_larger_call_loads_the_index_and_agrees(loaded: Zones) -> None:
    z = _fresh()
    lon, lat = _near_boundaries(loaded, 500, 3)
    np.testing.assert_array_equal(z.classify_codes(lon, lat), loaded.classify_codes(lon, lat))
    assert z._index is not None and z._index.loaded


def test_geometries_made_one_by_one_are_those_made_all_at_once() -> None:
    z = _fresh()
    one = [z.geometry(label) for label in z.labels]
    assert z._geom_list is None
    every = _fresh()._geoms
    for label, a, b in zip(z.labels, one, every, strict=True):
        assert a.geom_type == b.geom_type, label
        np.testing.assert_array_equal(shapely.get_coordinates(a), shapely.get_coordinates(b))


def test_lazy_zones_pickle_whole(loaded: Zones) -> None:
    z = _fresh()
    z.classify(160.0, -40.0)
    again = pickle.loads(pickle.dumps(z))
    lon, lat = _near_boundaries(loaded, 300, 4)
    np.testing.assert_array_equal(again.classify_codes(lon, lat), loaded.classify_codes(lon, lat))
    assert again._lazy is None and again._geom_list is not None


def _members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, raw in members.items():
            zf.writestr(name, raw)
    return buf.getvalue()


def _npy(a: np.ndarray) -> bytes:
    buf = io.BytesIO()
    np.save(buf, a)
    return buf.getvalue()


def test_a_damaged_embedded_file_is_a_data_error_when_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A coordinate chunk cut short: loading (the header) works, making a zone in it fails
    with a DataError naming the file, and so does a call that needs the whole index."""
    data = DATA.joinpath("zones_world.npz").read_bytes()
    members = _members(data)
    xy = np.load(io.BytesIO(members["coords/0.npy"]))
    damaged = _zip({**members, "coords/0.npy": _npy(xy[: len(xy) // 2])})
    path = DATA.joinpath("zones_world.npz")
    monkeypatch.setattr(_readers, "_resource", lambda name: (path, damaged))
    z = zones_core._embedded.__wrapped__()
    first = json.loads(members["header.json"])["geometry"]["chunks"][1]["first_feature"]
    label = next(lab for i, lab in enumerate(z.labels) if z._order[i] < first)
    with pytest.raises(DataError, match=r"zones_world.npz' are damaged.*reinstall"):
        z.geometry(label)
    with pytest.raises(DataError, match=r"zones_world.npz"):
        z.classify_codes(np.linspace(120, 150, 5000), np.linspace(25, 50, 5000))


def _as_version_1(data: bytes) -> bytes:
    """The same collection in format version 1: one coords member, no feature bounds."""
    members = _members(data)
    header = json.loads(members["header.json"])
    chunks = header["geometry"]["chunks"]
    assert all(c["encoding"] == chunks[0]["encoding"] for c in chunks)
    parts = [np.load(io.BytesIO(members[f"coords/{k}.npy"])) for k in range(len(chunks))]
    # re-base each chunk's deltas on the previous chunk's last coordinate
    absolute = np.concatenate([np.cumsum(p.astype(np.int64), axis=0) for p in parts])
    delta = np.diff(absolute, axis=0, prepend=np.zeros((1, 2), np.int64)).astype(np.int32)
    header["format_version"] = 1
    header["geometry"] = {"coordinates": chunks[0]["encoding"],
                          "n_coordinates": header["geometry"]["n_coordinates"]}  # fmt: skip
    kept = {k: v for k, v in members.items()
            if not k.startswith("coords/") and k != "feature_bounds.npy"}  # fmt: skip
    return _zip({**kept, "header.json": json.dumps(header).encode(), "coords.npy": _npy(delta)})


def test_format_version_1_files_still_read(tmp_path) -> None:  # type: ignore[no-untyped-def]
    data = DATA.joinpath("land_world_110m.npz").read_bytes()
    v2 = _format.read_collection(io.BytesIO(data))
    old = _as_version_1(data)
    v1 = _format.read_collection(io.BytesIO(old))
    assert len(v1.geometries) == len(v2.geometries)
    for a, b in zip(v1.geometries, v2.geometries, strict=True):
        np.testing.assert_array_equal(shapely.get_coordinates(a), shapely.get_coordinates(b))
    lazy = _format.LazyCollection(old)
    np.testing.assert_array_equal(lazy.feature_bounds(), shapely.bounds(v2.geometries))
    np.testing.assert_array_equal(shapely.get_coordinates(lazy.geometry(3)),
                                  shapely.get_coordinates(v2.geometries[3]))  # fmt: skip
    (tmp_path / "v1.npz").write_bytes(old)
    assert _readers.read_land_file(tmp_path / "v1.npz").records


def test_loaded_zones_are_the_cached_ones() -> None:
    assert load_zones() is load_zones()
