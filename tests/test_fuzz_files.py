"""Fuzz the files launchgeo writes and reads (docs/errors.md, "Files").

Exports of random tables (nasty text, NaN, infinities, int column names, points anywhere), of
rings and of statements, to every format, over an existing file of that format: either the
file is replaced by one that independent readers parse (xml.etree for KML/KMZ, pyogrio for
GeoJSON/GeoPackage/FlatGeobuf/CSV, ``json.loads`` refusing NaN/Infinity for GeoJSON, Python's
HTML parser) with every text value intact, or a LaunchgeoError names the problem and the old
file is byte for byte as it was, with no temporary file left. A disk that fills at any point
of a write, bad paths, and corrupt input files (zones, event tables) are fuzzed the same way.
"""

from __future__ import annotations

import errno
import json
import math
import os
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest
import shapely
from hypothesis import given
from hypothesis import strategies as st
from shapely.geometry import Point

import launchgeo
from fuzz_contract import (
    NASTY_TEXT,
    _texts,
    check_call,
    fuzz_settings,
    read_back,
    texts,
)
from launchgeo.errors import LaunchgeoError
from launchgeo.testing.strategies import centres, lonlat

SUFFIXES = [".geojson", ".kml", ".kmz", ".gpkg", ".fgb", ".csv"]


# -- what to export ------------------------------------------------------------------------------

cell_values = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(2**40), max_value=2**40),
    st.booleans(),
    st.none(),
    st.sampled_from(NASTY_TEXT),
    st.text(max_size=12),
)
column_names = st.one_of(
    st.sampled_from(["name", "zone", "range_km", "description", "layer", "geometry_x"]),
    st.sampled_from(NASTY_TEXT[1:8]),
    st.integers(min_value=0, max_value=9),
    st.text(min_size=1, max_size=10),
)


@st.composite
def tables(draw: st.DrawFn) -> gpd.GeoDataFrame:
    """A GeoDataFrame of 1-4 points with 0-3 columns of random values and names."""
    n = draw(st.integers(1, 4))
    names = draw(st.lists(column_names, max_size=3, unique_by=str))
    data = {name: draw(st.lists(cell_values, min_size=n, max_size=n)) for name in names}
    points = draw(
        st.lists(
            st.one_of(lonlat(), st.tuples(st.floats(allow_nan=True, allow_infinity=True),
                                          st.floats(-1000, 1000))),
            min_size=n, max_size=n,
        )
    )  # fmt: skip
    frame = pd.DataFrame({k: pd.Series(v, dtype=object) for k, v in data.items()}, index=range(n))
    return gpd.GeoDataFrame(frame, geometry=[Point(x, y) for x, y in points], crs=4326)


@st.composite
def rings(draw: st.DrawFn) -> Any:
    name = draw(st.one_of(st.sampled_from(NASTY_TEXT[1:]), st.text(min_size=1, max_size=10)))
    centre = draw(centres(include_poles=False))
    site = launchgeo.LaunchSite(name if name.strip() else "x", lon=centre[0], lat=centre[1])
    return launchgeo.range_ring(site, draw(st.sampled_from([100.0, 3000.0, 13000.0])))


exportables = st.one_of(tables(), rings())


# -- independent readers -------------------------------------------------------------------------


def _written_texts(obj: Any) -> list[str]:
    """The text values an export of ``obj`` must keep exactly (those of a table)."""
    if isinstance(obj, gpd.GeoDataFrame):
        return [str(x) for x in _texts(obj)]
    return []


def _old_file(folder: Path, suffix: str) -> Path:
    path = folder / f"old{suffix}"
    if not path.exists():
        launchgeo.export(launchgeo.range_ring((125.0, 39.0), 300), path)
    return path


def _only(folder: Path, *names: str) -> None:
    """No temporary file left behind in ``folder``."""
    left = sorted(p.name for p in folder.iterdir())
    assert left == sorted(set(names)), left


# -- exports -------------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_exports_parse_or_keep_the_old_file(tmp_path: Path, suffix: str) -> None:
    @fuzz_settings(10)
    @given(obj=exportables, layer=st.one_of(st.none(), texts(long=False)))
    def run(obj: Any, layer: Any) -> None:
        path = _old_file(tmp_path, suffix)
        before = path.read_bytes()
        _, error = check_call(launchgeo.export, {"obj": obj, "path": path, "layer": layer})
        if error is not None:
            assert path.read_bytes() == before, f"a failed export changed {path.name}"
        else:
            values = read_back(path)
            for text in _written_texts(obj):  # no text cut or mangled (a NUL used to cut it)
                if suffix != ".csv":
                    assert text in values, (text, values[:10])
        _only(tmp_path, path.name)

    run()


def test_html_maps_parse_or_keep_the_old_file(tmp_path: Path) -> None:
    @fuzz_settings(3)
    @given(obj=rings(), layer=st.one_of(st.none(), texts(long=False)))
    def run(obj: Any, layer: Any) -> None:
        path = _old_file(tmp_path, ".html")
        before = path.read_bytes()
        _, error = check_call(launchgeo.export, {"obj": obj, "path": path, "layer": layer})
        if error is not None:
            assert path.read_bytes() == before
        else:
            read_back(path)
        _only(tmp_path, path.name)

    run()


@pytest.mark.parametrize("suffix", [*SUFFIXES, ".html"])
def test_a_disk_that_fills_never_loses_the_old_file(
    tmp_path: Path, suffix: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A write that fails at any point (the n-th write call, or the rename) keeps the old file."""
    from launchgeo import _atomic

    path = _old_file(tmp_path, suffix)
    before = path.read_bytes()
    ring = launchgeo.range_ring("Sunan", 650)

    @fuzz_settings(4)
    @given(where=st.sampled_from(["replace", "pyogrio", "xml", "zip", "bytes"]))
    def run(where: str) -> None:
        with monkeypatch.context() as m:
            def full(*args: Any, **kwargs: Any) -> Any:
                raise OSError(errno.ENOSPC, "No space left on device")

            target = {
                "replace": (_atomic.os, "replace"),
                "pyogrio": (pyogrio, "write_dataframe"),
                "xml": (ET.ElementTree, "write"),
                "zip": (zipfile.ZipFile, "writestr"),
                "bytes": (Path, "write_bytes"),
            }[where]
            m.setattr(*target, full)
            _, error = check_call(launchgeo.export, {"obj": ring, "path": path})
        if error is not None:
            assert "No space left" in str(error)
        assert path.read_bytes() == before or error is None
        _only(tmp_path, path.name)
        if error is None:  # the patched call was not on this format's path: a good file
            read_back(path)
            path.write_bytes(before)

    run()


def test_geopackage_layers_survive_failed_replacement(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Replacing one layer of a two-layer GeoPackage fails at the k-th layer write: both stay."""
    path = tmp_path / "two.gpkg"
    launchgeo.export(launchgeo.range_ring("Sunan", 350), path, layer="a")
    launchgeo.export(launchgeo.radials("Sunan", 650), path, layer="b")
    before = path.read_bytes()
    real = pyogrio.write_dataframe

    @fuzz_settings(3)
    @given(k=st.integers(1, 3), layer=st.sampled_from(["a", "b"]))
    def run(k: int, layer: str) -> None:
        calls = {"n": 0}

        def flaky(*args: Any, **kwargs: Any) -> None:
            calls["n"] += 1
            if calls["n"] == k:
                raise OSError(errno.ENOSPC, "No space left on device")
            real(*args, **kwargs)

        with monkeypatch.context() as m:
            m.setattr(pyogrio, "write_dataframe", flaky)
            _, error = check_call(
                launchgeo.export,
                {"obj": launchgeo.range_ring("Sunan", 1000), "path": path, "layer": layer},
            )
        assert error is not None and path.read_bytes() == before
        assert {n for n, _ in pyogrio.list_layers(path)} >= {"a", "b"}
        _only(tmp_path, "two.gpkg")

    run()


bad_paths = st.sampled_from(
    [
        None, 5, b"bytes.geojson", "", ".", "/", "x\x00y.geojson", "a" * 300 + ".geojson",
        "no/such/folder/r.geojson", "r.shp", "r", "r.GEOJSON", Path("ünïcødé r.kml"),
    ]
)  # fmt: skip


def test_bad_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    ring = launchgeo.range_ring("Sunan", 300)

    @fuzz_settings(15)
    @given(path=bad_paths)
    def run(path: Any) -> None:
        _, error = check_call(launchgeo.export, {"obj": ring, "path": path}, bad=["path"])
        if error is None:
            read_back(Path(path))

    run()


# -- corrupt input files -------------------------------------------------------------------------


@st.composite
def corrupt_files(draw: st.DrawFn, folder: Path) -> Path:
    """A zones file that is empty, random bytes, a cut copy of a good one, or wrong inside."""
    suffix = draw(st.sampled_from([".gpkg", ".geojson", ".json", ".geojson.gz", ".shp", ".csv"]))
    path = folder / f"z{draw(st.integers(0, 10**6))}{suffix}"
    kind = draw(st.sampled_from(["empty", "bytes", "cut", "json", "columns"]))
    if kind == "empty":
        path.write_bytes(b"")
    elif kind == "bytes":
        path.write_bytes(draw(st.binary(max_size=300)))
    elif kind == "json":
        doc = draw(st.sampled_from([
            {"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": None,
                                                       "properties": {"label": "JPN:eez"}}]},
            {"type": "FeatureCollection", "features": []},
            {"type": "Feature"}, [], {"type": "FeatureCollection", "features": [
                {"type": "Feature", "properties": {"label": "JPN:eez"}, "geometry": {
                    "type": "Polygon", "coordinates": [[[0, 0], [1, 1], [0, 0]]]}}]},
        ]))  # fmt: skip
        path.write_text(json.dumps(doc))
    else:
        good = folder / f"good{suffix if suffix in ('.gpkg', '.geojson') else '.gpkg'}"
        if not good.exists():
            gpd.GeoDataFrame(
                {"label": ["JPN:eez"], "POL_TYPE": ["200NM"]},
                geometry=[shapely.box(131, 34, 136, 40)], crs=4326,
            ).to_file(good)  # fmt: skip
        data = good.read_bytes()
        if kind == "cut":
            path.write_bytes(data[: draw(st.integers(0, max(0, len(data) - 1)))])
        else:
            path = good
    return path


def test_corrupt_zone_files(tmp_path: Path) -> None:
    @fuzz_settings(20)
    @given(data=st.data())
    def run(data: st.DataObject) -> None:
        path = data.draw(corrupt_files(tmp_path))
        with pytest.MonkeyPatch.context() as m:
            m.setattr("warnings.warn", lambda *a, **k: None)  # repairs warn; not the point here
            zones, error = check_call(launchgeo.load_zones, {"path": path}, bad=["path"])
        if error is None:
            assert zones.labels and zones.classify(133.0, 37.0) in zones.vocabulary

    run()


event_cells = st.one_of(st.sampled_from(["Sunan", "near Kusong", "inside", "outside", "",
                                         "about 200 km west of Okushiri Island", "650", "-5",
                                         "nan", "1e400", "\x00", "2017-13-45"]), texts(long=False))


@st.composite
def event_tables(draw: st.DrawFn) -> pd.DataFrame:
    n = draw(st.integers(0, 3))
    cols = draw(st.lists(st.sampled_from(["site", "range_km", "statement", "description", "date",
                                          "lon", "lat", "apogee_km"]), max_size=4, unique=True))
    return pd.DataFrame({c: draw(st.lists(event_cells, min_size=n, max_size=n)) for c in cols},
                        dtype=object)  # fmt: skip


def test_event_tables(tmp_path: Path) -> None:
    @fuzz_settings(8)
    @given(table=event_tables(), as_file=st.booleans())
    def run(table: pd.DataFrame, as_file: bool) -> None:
        arg: Any = table
        if as_file:
            arg = tmp_path / "events.csv"
            try:
                table.to_csv(arg, index=False)
            except UnicodeEncodeError:  # a lone surrogate: pandas cannot write it either
                return
        result, error = check_call(launchgeo.assess_events, {"table": arg})
        if error is None:
            assert len(result) == len(table)
            launchgeo.summarize_events(result)

    run()


def test_corrupt_csv_for_events(tmp_path: Path) -> None:
    @fuzz_settings(10)
    @given(data=st.binary(max_size=200))
    def run(data: bytes) -> None:
        path = tmp_path / "events.csv"
        path.write_bytes(data)
        check_call(launchgeo.assess_events, {"table": path})

    run()


def test_numbers_in_exports_are_written_exactly(tmp_path: Path) -> None:
    """Finite floats come back as written (GeoPackage), and NaN as missing."""

    @fuzz_settings(10)
    @given(values=st.lists(st.floats(allow_infinity=False), min_size=1, max_size=4))
    def run(values: list[float]) -> None:
        frame = gpd.GeoDataFrame({"v": values}, geometry=[Point(1, 1)] * len(values), crs=4326)
        path = tmp_path / "n.gpkg"
        launchgeo.export(frame, path)
        back = pyogrio.read_dataframe(path)["v"].tolist()
        for a, b in zip(values, back, strict=True):
            assert (math.isnan(a) and (b is None or math.isnan(b))) or a == b
        os.remove(path)

    run()


def test_fuzzed_writers_leave_no_stray_files(tmp_path: Path) -> None:
    """After every fuzz run above, a folder holds only what was asked for (sanity check)."""
    launchgeo.export(launchgeo.range_ring("Sunan", 300), tmp_path / "a.kml")
    with pytest.raises(LaunchgeoError):
        launchgeo.export(gpd.GeoDataFrame({"n": ["\x00"]}, geometry=[Point(0, 0)], crs=4326),
                         tmp_path / "a.kml")  # fmt: skip
    _only(tmp_path, "a.kml")
    assert ET.parse(tmp_path / "a.kml").getroot().tag.endswith("kml")
