"""Regression tests for the defects of issue 17 (one or more per numbered item).

Each test is named after its item (``test_defect_<n>_...``) and says in its docstring what was
wrong. The contract they pin is written in docs/errors.md; the fuzz suite (tests/test_fuzz_*.py)
checks the same contract on random bad input.
"""

from __future__ import annotations

import errno
import json
import math
import os
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pytest
import shapely
from shapely.geometry import Point, box

import launchgeo
from launchgeo.errors import (
    CoordinateError,
    DataError,
    LaunchgeoError,
    ParseError,
    RangeError,
    UnknownZoneError,
    ValidationError,
)

SRC = Path(__file__).resolve().parents[1] / "src"


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(SRC), env.get("PYTHONPATH")) if p)
    env["MPLBACKEND"] = "Agg"
    return env


def cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """``launchgeo.cli.main(args)`` in this process: (exit status, stdout, stderr)."""
    from launchgeo.cli import main

    try:
        status = main(args)
    except SystemExit as exc:
        status = int(exc.code or 0)
    out = capsys.readouterr()
    return status, out.out, out.err


def strict_json(text: str) -> Any:
    """json.loads that refuses NaN and Infinity (which are not JSON)."""

    def refuse(name: str) -> Any:
        raise ValueError(f"{name} is not JSON")

    return json.loads(text, parse_constant=refuse)


def frame(**columns: Any) -> gpd.GeoDataFrame:
    n = len(next(iter(columns.values())))
    return gpd.GeoDataFrame(columns, geometry=[Point(1.0, 1.0)] * n, crs=4326)


# -- 1. Marine Regions files and land -------------------------------------------------------------

MR_COLUMNS = ["GEONAME", "POL_TYPE", "ISO_SOV1", "MRGID"]


def mr_file(path: Path, rows: list[tuple[str, str, str, Any]]) -> Path:
    gdf = gpd.GeoDataFrame(
        [dict(zip(MR_COLUMNS, r[:4], strict=True)) for r in rows],
        geometry=[r[4] for r in rows],
        crs="EPSG:4326",
    )
    gdf.to_file(path)
    return path


def test_defect_1_inland_points_are_land_not_high_seas(tmp_path: Path) -> None:
    """A Marine Regions file labelled inland Cairo, Delhi, Madrid (and Brazil) ``high_seas``.

    Files covering seas near Japan, Brazil or France, and one covering the world: every inland
    point is the land of its state (the embedded world land), never high seas.
    """
    files = {
        "brazil": [("Brazilian EEZ", "200NM", "BRA", 8464, box(-40.0, -30.0, -28.0, 0.0)),
                   ("EEZ north", "200NM", "BRA", 8465, box(-55.0, 2.0, -50.0, 5.0))],
        "france": [("French EEZ", "200NM", "FRA", 5677, box(-10.0, 43.0, -2.0, 50.0)),
                   ("Italian EEZ", "200NM", "ITA", 5682, box(8.0, 36.0, 12.0, 44.0))],
        "world": [("Japanese EEZ", "200NM", "JPN", 8487, box(140.5, 30.0, 150.0, 34.5)),
                  ("Egyptian EEZ", "200NM", "EGY", 8355, box(26.0, 31.5, 34.0, 34.0)),
                  ("Chilean EEZ", "200NM", "CHL", 8465, box(-80.0, -50.0, -75.0, -20.0)),
                  ("Norwegian EEZ", "200NM", "NOR", 5686, box(0.0, 62.0, 10.0, 70.0))],
    }  # fmt: skip
    inland = {"Cairo": (31.24, 30.04, "EGY"), "Delhi": (77.2, 28.6, "IND"),
              "Madrid": (-3.7, 40.4, "ESP"), "Tocantins": (-48.3, -10.2, "BRA"),
              "Tokyo": (139.69, 35.69, "JPN")}  # fmt: skip
    for name, rows in files.items():
        zones = launchgeo.load_zones(mr_file(tmp_path / f"{name}.gpkg", rows))
        assert "embedded" in (zones.info.land_source or ""), name
        for city, (lon, lat, state) in inland.items():
            label = zones.classify(lon, lat)
            assert label != "high_seas", (name, city)
            assert label in (f"{state}:land", "no_data"), (name, city, label)
        x0, y0, _, y1 = zones.coverage_bbox  # the file's extent (the land covers the world)
        assert zones.classify(x0 - 1.0, (y0 + y1) / 2) == "no_data"  # beyond the file: unknown
    world = launchgeo.load_zones(tmp_path / "world.gpkg")
    assert [world.classify(x, y) for x, y, _ in inland.values()] == [
        "EGY:land", "IND:land", "ESP:land", "BRA:land", "JPN:land"]  # fmt: skip
    assert world.classify(145.0, 32.0) == "JPN:eez"
    assert world.classify(146.0, 26.0) == "high_seas"


def test_defect_1_beyond_the_land_data_is_no_data(tmp_path: Path) -> None:
    """With land data of limited coverage, points beyond it are ``no_data``, never high seas."""
    land = tmp_path / "land.gpkg"
    gpd.GeoDataFrame({"iso3": ["JPN"], "name": ["Japan"]},
                     geometry=[box(135.0, 34.0, 140.0, 38.0)], crs=4326).to_file(land)  # fmt: skip
    mr = mr_file(tmp_path / "mr.gpkg", [
        ("Japanese EEZ", "200NM", "JPN", 8487, box(130.0, 30.0, 134.0, 45.0)),
        ("Far", "200NM", "USA", 8456, box(150.0, 30.0, 151.0, 45.0)),
    ])  # fmt: skip
    zones = launchgeo.load_zones(mr, land=land)
    assert zones.info.land_source == str(land)
    assert zones.coverage_bbox == (135.0, 34.0, 140.0, 38.0)  # file extent cut to the land's
    assert zones.classify(137.0, 36.0) == "JPN:land"
    assert zones.classify(150.5, 40.0) == "no_data"  # in the file, beyond the land data
    france = mr_file(tmp_path / "fr.gpkg", [
        ("French EEZ", "200NM", "FRA", 5677, box(-10.0, 43.0, -2.0, 50.0)),
    ])  # fmt: skip
    with pytest.raises(DataError, match=r"fr\.gpkg.*land=None") as info:
        launchgeo.load_zones(france, land=land)
    assert "land= a land file" in str(info.value)


def test_defect_1_marine_regions_file_with_its_own_land(tmp_path: Path) -> None:
    """A Marine Regions-style file that has land (POL_TYPE 'Land') uses it, and says so."""
    path = mr_file(tmp_path / "own.gpkg", [
        ("French EEZ", "200NM", "FRA", 5677, box(-10.0, 43.0, -2.0, 50.0)),
        ("Spain", "Land", "ESP", 2209, box(-9.0, 36.0, 3.0, 43.0)),
    ])  # fmt: skip
    zones = launchgeo.load_zones(path)
    assert zones.classify(-3.7, 40.4) == "ESP:land"
    assert zones.classify(-5.0, 45.0) == "FRA:eez"
    assert zones.info.land_source is not None and "file" in zones.info.land_source


# -- 2. exports never lose the old file ---------------------------------------------------------


def test_defect_2_int_column_name_is_no_raw_error(tmp_path: Path) -> None:
    """An int column name raised a raw AttributeError (and emptied the old file)."""
    path = tmp_path / "r.geojson"
    launchgeo.export(launchgeo.range_ring("Sunan", 650), path)
    gdf = gpd.GeoDataFrame({5: [1.5]}, geometry=[Point(125.0, 39.0)], crs=4326)
    launchgeo.export(gdf, path)
    props = strict_json(path.read_text())["features"][0]["properties"]
    assert props["5"] == 1.5
    clash = gpd.GeoDataFrame({5: [1.0], "5": [2.0]}, geometry=[Point(1, 1)] * 1, crs=4326)
    before = path.read_bytes()
    with pytest.raises(ValidationError, match=r"'5'"):
        launchgeo.export(clash, path)
    assert path.read_bytes() == before


def _fail_on_second_layer(monkeypatch: pytest.MonkeyPatch) -> None:
    real = pyogrio.write_dataframe
    calls = {"n": 0}

    def flaky(df: Any, path: Any, **kw: Any) -> None:
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        real(df, path, **kw)

    monkeypatch.setattr(pyogrio, "write_dataframe", flaky)


def test_defect_2_failed_geopackage_layer_replacement_keeps_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Re-exporting a GeoPackage's layer and failing left it unreadable (or lost the layer)."""
    path = tmp_path / "two.gpkg"
    launchgeo.export(launchgeo.range_ring("Sunan", 350), path, layer="a")
    launchgeo.export(launchgeo.radials("Sunan", 650), path, layer="b")
    before = path.read_bytes()
    _fail_on_second_layer(monkeypatch)
    with pytest.raises(DataError, match="No space left"):
        launchgeo.export(launchgeo.range_ring("Sunan", 1000), path, layer="a")
    assert path.read_bytes() == before
    assert sorted(n for n, _ in pyogrio.list_layers(path)) == ["a", "a_boundary", "a_site", "b"]
    assert [p.name for p in tmp_path.iterdir()] == ["two.gpkg"]  # no temporary file left


@pytest.mark.parametrize("suffix", [".geojson", ".kml", ".kmz", ".fgb", ".csv", ".html"])
def test_defect_2_full_disk_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffix: str
) -> None:
    """A full disk left a truncated file: now the write fails and the old file stays."""
    from launchgeo import _atomic

    path = tmp_path / f"ring{suffix}"
    launchgeo.export(launchgeo.range_ring("Sunan", 350), path)
    before = path.read_bytes()

    def full(src: Any, dst: Any) -> None:
        with open(src, "r+b") as fh:
            fh.truncate(7)  # what a full disk leaves behind
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(_atomic.os, "replace", full)
    with pytest.raises(DataError, match="No space left"):
        launchgeo.export(launchgeo.range_ring("Sunan", 650), path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("notes.gpkg", b"my notes, not a GeoPackage"),
        ("notes.kml", b"\x89PNG\r\n\x1a\n binary"),
        ("notes.geojson", b"lon,lat\n1,2\n"),
        ("notes.kmz", b"plain text"),
        ("notes.fgb", b"plain text"),
        ("notes.csv", b"\x00\x01\x02 binary \xff\xfe"),
        ("notes.html", b"%PDF-1.4 binary"),
    ],
)
def test_defect_2_refuses_to_overwrite_a_file_of_another_format(
    tmp_path: Path, name: str, content: bytes
) -> None:
    """A non-GPKG ``notes.gpkg`` was overwritten without a word."""
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(DataError, match=r"notes\.\w+.*not"):
        launchgeo.export(launchgeo.range_ring("Sunan", 350), path)
    assert path.read_bytes() == content


def test_defect_2_classify_csv_output_is_atomic(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``launchgeo classify --csv in.csv -o out.csv`` wrote in place: a failure truncated it."""
    src = tmp_path / "in.csv"
    src.write_text("lon,lat\n132.0,35.0\n")
    out = tmp_path / "out.csv"
    out.write_text("lon,lat,zone\nold,file,kept\n")

    def broken(self: Any, target: Any = None, *args: Any, **kwargs: Any) -> None:
        if isinstance(target, str | os.PathLike):
            Path(target).write_text("lon,la")  # a full disk: half a file
        elif target is not None:
            target.write("lon,la")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(pd.DataFrame, "to_csv", broken)
    zones = tmp_path / "zones.geojson"  # a small zone file: the embedded world takes seconds
    gpd.GeoDataFrame({"label": ["JPN:eez"]}, geometry=[box(130, 30, 140, 40)], crs=4326).to_file(
        zones
    )
    args = ["classify", "--csv", str(src), "-o", str(out), "--zones", str(zones)]
    status, _, err = cli(args, capsys)
    assert status == 1 and "No space left" in err
    assert out.read_text() == "lon,lat,zone\nold,file,kept\n"


def test_defect_2_save_figure_is_atomic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """save_figure wrote in place: a failure half-way left a broken image."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from launchgeo.maps.plotting import save_figure

    path = tmp_path / "map.png"
    fig = plt.figure(figsize=(2, 2))
    save_figure(fig, path, dpi=50)
    before = path.read_bytes()

    def broken(self: Any, fname: Any, **kwargs: Any) -> None:
        Path(fname).write_bytes(b"\x89PNG half")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(type(fig), "savefig", broken)
    with pytest.raises(DataError, match="No space left"):
        save_figure(fig, path, dpi=50)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["map.png"]


# -- 3. the CLI reads CSV strictly and always prints JSON with --json ----------------------------


@pytest.mark.parametrize(
    ("body", "needles"),
    [
        ("lon,lat,name\n135,38,9,9\n", ["line 2", "4 cells", "3"]),
        ("lon,lat\nabc,38\n", ["line 2", "lon", "'abc'"]),
        ('lon,lat\n"135,0",38\n', ["line 2", "lon", "'135,0'"]),
        ("lon,lat\n135,\n", ["line 2", "lat", "empty"]),
        ("lon,lat\nnan,38\n", ["line 2", "lon", "'nan'"]),
    ],
)
def test_defect_3_classify_csv_is_strict(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], body: str, needles: list[str]
) -> None:
    """A row ``135,38,9,9`` was read as the point (9, 9) with exit 0; ``abc`` gave a traceback."""
    src = tmp_path / "pts.csv"
    src.write_text(body)
    status, out, err = cli(["classify", "--csv", str(src)], capsys)
    assert status == 1 and out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("launchgeo: error:") and "bug" not in err
    for needle in needles:
        assert needle in lines[0], lines[0]
    status, out, _ = cli(["classify", "--csv", str(src), "--json"], capsys)
    assert status == 1 and "line 2" in strict_json(out)["error"]


def test_defect_3_json_is_valid_with_empty_cells(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An empty extra cell printed ``NaN`` in --json output (invalid JSON)."""
    src = tmp_path / "pts.csv"
    src.write_text("lon,lat,note\n135,38,\n132,35,x\n")
    zones = tmp_path / "zones.geojson"  # a small zone file: the embedded world takes seconds
    gpd.GeoDataFrame({"label": ["JPN:eez"]}, geometry=[box(130, 30, 140, 40)], crs=4326).to_file(
        zones
    )
    status, out, _ = cli(["classify", "--csv", str(src), "--json", "--zones", str(zones)], capsys)
    assert status == 0
    rows = strict_json(out)
    assert rows[0]["note"] is None and rows[1]["note"] == "x"
    assert rows[0]["lon"] == 135.0 and rows[0]["zone"] == "JPN:eez"


@pytest.mark.parametrize(
    "args",
    [
        ["classify", "--csv", "/nonexistent/pts.csv", "--json"],
        ["rings", "Nowhere-ri", "300", "--json"],
        ["impact", "no statement here", "--json"],
        ["rings", "Sunan", "--json", "--units", "furlong", "300"],  # a usage error (exit 2)
    ],
)
def test_defect_3_json_on_failure(capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    """On failure ``--json`` printed nothing on stdout; now ``{"error": ...}``."""
    status, out, err = cli(args, capsys)
    assert status in (1, 2)
    doc = strict_json(out)
    assert isinstance(doc["error"], str) and doc["error"]
    assert doc["exit_status"] == status
    assert "Traceback" not in err


# -- 4. text that a format cannot hold -----------------------------------------------------------


@pytest.mark.parametrize("bad", ["a\x01b", "x\ufffey", "lone \ud800 surrogate", "tab\x0bvt"])
def test_defect_4_kml_refuses_characters_xml_cannot_hold(tmp_path: Path, bad: str) -> None:
    """A control character, U+FFFE or a lone surrogate wrote KML that XML parsers reject."""
    path = tmp_path / "c.kml"
    with pytest.raises(ValidationError, match=r"name") as info:
        launchgeo.export(frame(name=[bad]), path)
    assert repr(bad)[1:-1][:6] in str(info.value) or "U+" in str(info.value)
    assert not path.exists()
    site = launchgeo.LaunchSite("Site\x07", lon=125.0, lat=39.0)
    with pytest.raises(ValidationError, match="U\\+0007"):
        launchgeo.export(launchgeo.range_ring(site, 300), path)
    launchgeo.export(frame(name=["tab\tnewline\nok & <fine>"]), path)  # these XML can hold
    ET.parse(path)


@pytest.mark.parametrize("suffix", [".geojson", ".gpkg", ".fgb", ".csv", ".kml"])
def test_defect_4_nul_is_refused_not_truncated(tmp_path: Path, suffix: str) -> None:
    """A NUL silently truncated names in GeoJSON and GeoPackage ('ab\\x00cd' -> 'ab')."""
    with pytest.raises(ValidationError, match=r"U\+0000"):
        launchgeo.export(frame(name=["ab\x00cd"]), tmp_path / f"nul{suffix}")
    with pytest.raises(ValidationError, match=r"U\+0000"):
        launchgeo.export(frame(**{"na\x00me": ["x"]}), tmp_path / f"nul{suffix}")
    assert list(tmp_path.iterdir()) == []


# -- 5. resource limits --------------------------------------------------------------------------


def test_defect_5_sample_count_is_limited() -> None:
    """``impact_probability(n=10**20)`` grew to 24 GB before the kernel killed it."""
    start = time.perf_counter()
    with pytest.raises(ValidationError, match=r"n must be .*100000000000000000000"):
        launchgeo.impact_probability(
            "Sunan", range_km=launchgeo.Uniform(325, 375), bearing_deg=0.0, n=10**20
        )
    with pytest.raises(ValidationError, match=r"chunk_size"):
        launchgeo.impact_probability(
            "Sunan", range_km=350.0, bearing_deg=0.0, n=10, chunk_size=10**12
        )
    assert time.perf_counter() - start < 5.0


def test_defect_5_cli_samples_limited(capsys: pytest.CaptureFixture[str]) -> None:
    """``--samples 1e20`` must fail at once with a one-line error, not run out of memory."""
    status, _, err = cli(["assess", "Sunan", "650", "--probability", "--samples", "1e20"], capsys)
    assert status == 2 and "--samples" in err
    big = ["assess", "Sunan", "650", "--probability", "--samples", str(10**20), "-q"]
    status, _, err = cli(big, capsys)
    assert status == 1 and "100000000000000000000" in err


def test_defect_5_overflight_sampling_is_limited() -> None:
    """``overflights(sample_km=1e-7)`` asked for 74.5 GiB."""
    track = launchgeo.ground_track("Sunan", 90.0, 650.0)
    with pytest.raises(RangeError, match=r"sample_km.*1e-07"):
        launchgeo.overflights(track, launchgeo.load_zones(), sample_km=1e-7)


@pytest.mark.parametrize("call", ["ring", "track"])
def test_defect_5_tolerance_has_a_floor(call: str) -> None:
    """``tolerance_m=1e-9`` raised a raw RuntimeError (rings) or hung (ground tracks)."""
    start = time.perf_counter()
    with pytest.raises(RangeError, match=r"tolerance_m.*1e-09"):
        if call == "ring":
            launchgeo.range_ring("Sunan", 650, tolerance_m=1e-9)
        else:
            launchgeo.ground_track("Sunan", 90.0, 650.0, tolerance_m=1e-9)
    assert time.perf_counter() - start < 5.0


def test_defect_5_figure_size_is_limited(tmp_path: Path) -> None:
    """``save_figure(dpi=100000)`` died in C++."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from launchgeo.maps.plotting import save_figure

    fig = plt.figure(figsize=(4, 3))
    for dpi in (100_000, 0, -5, math.nan, True, "300"):
        with pytest.raises(ValidationError, match="dpi"):
            save_figure(fig, tmp_path / "big.png", dpi=dpi)
    assert list(tmp_path.iterdir()) == []


# -- 6. quadratic parsing (fixed by issue 13) ----------------------------------------------------


def test_defect_6_parse_impact_description_is_linear() -> None:
    """``parse_impact_description("1 km from " * 6000)`` took over 30 s."""
    start = time.perf_counter()
    with pytest.raises(LaunchgeoError):
        launchgeo.parse_impact_description("1 km from " * 6000)
    assert time.perf_counter() - start < 10.0


# -- 7. pole caps --------------------------------------------------------------------------------


@pytest.mark.parametrize("center", [(0.0, -90.0), (0.0, 90.0), (30.0, -89.5)])
def test_defect_7_pole_cap_has_no_hairline_crack(center: tuple[float, float]) -> None:
    """``range_ring((0, -90), 1000)`` was two polygons 2.4e-14 deg apart along a meridian."""
    ring = launchgeo.range_ring(center, 1000)
    assert ring.geometry.geom_type == "Polygon" and ring.geometry.is_valid
    pole = -90.0 if ring.encloses_south_pole else 90.0
    lon = np.concatenate([np.linspace(-179.999, 179.999, 4001), [0.0123456789, 0.0]])
    lat = np.full(lon.size, pole - math.copysign(1.0, pole))
    assert shapely.contains_xy(ring.geometry, lon, lat).all()


def test_defect_7_geojson_of_a_pole_cap_has_no_spurious_line(tmp_path: Path) -> None:
    path = launchgeo.export(launchgeo.range_ring((0.0, -90.0), 1000), tmp_path / "cap.geojson")
    types = [f["geometry"]["type"] for f in strict_json(path.read_text())["features"]]
    assert types[0] == "Polygon" and "GeometryCollection" not in types


# -- 8. the same refusal everywhere --------------------------------------------------------------


def test_defect_8_unknown_eez_state_raises_like_min_range_to() -> None:
    """``assess_launch(..., eez_state="XXX")`` answered "cannot reach XXX's EEZ"."""
    with pytest.raises(UnknownZoneError, match="XXX"):
        launchgeo.min_range_to("Sunan", "XXX")
    with pytest.raises(UnknownZoneError, match="XXX"):
        launchgeo.assess_launch("Sunan", 650, eez_state="XXX")
    with pytest.raises(UnknownZoneError, match="XXX"):
        launchgeo.assess_launch("Sunan", 650, focus_state="XXX")
    with pytest.raises(ValidationError, match="'jpn'"):
        launchgeo.assess_launch("Sunan", 650, eez_state="jpn")


def test_defect_8_ranges_past_the_antipode_are_refused_like_range_ring() -> None:
    """``Uniform(25000, 30000)`` returned 100 % ``no_data`` where range_ring refuses."""
    with pytest.raises(RangeError, match="25000"):
        launchgeo.range_ring("Sunan", 25_000)
    with pytest.raises(RangeError, match=r"Uniform\(low=25000"):
        launchgeo.impact_probability(
            "Sunan", range_km=launchgeo.Uniform(25_000, 30_000), bearing_deg=0.0, n=1000, seed=1
        )
    with pytest.raises(RangeError, match="25000"):
        launchgeo.impact_probability("Sunan", range_km=25_000.0, bearing_deg=0.0, n=10)
    with pytest.warns(launchgeo.errors.TruncationWarning, match="20,003.9"):
        r = launchgeo.impact_probability(
            (0.0, 0.0), range_km=launchgeo.Uniform(19_000, 21_000), bearing_deg=0.0, n=1000,
            seed=1, zones=_AllSea(),
        )  # fmt: skip
    assert r.probabilities["sea"] == 1.0


class _AllSea:
    def classify(self, lon: Any, lat: Any) -> Any:
        return np.full(np.shape(lon), "sea", dtype=object)


def test_defect_8_statement_beyond_the_antipode_names_the_text() -> None:
    """"about 20,100 km west of ..." raised a RangeError about ``range_km`` (never passed)."""
    text = "about 20,100 km west of Okushiri Island"
    with pytest.raises(ParseError, match="20,100 km") as info:
        launchgeo.parse_impact_description(text)
    assert "range_km" not in str(info.value) and "20,003.9" in str(info.value)
    est = launchgeo.parse_impact_description("about 20,000 km from Okushiri Island")
    assert est.distance_max_km == pytest.approx(20_003.93, abs=0.01)  # no point is farther
    assert est.distance_min_km == 19_950.0
    west = "about 20,000 km west of Okushiri Island"  # beyond where westward geodesics reach
    with pytest.raises(ParseError, match=west) as info:
        launchgeo.parse_impact_description(west)
    assert "range_km" not in str(info.value)
    with pytest.raises(RangeError, match=r"258\.75-281\.25"):
        launchgeo.range_fan(
            (139.47, 42.15), 20_003.0, bearing_from_deg=258.75, bearing_to_deg=281.25
        )  # a RuntimeError escaped here


# -- 9. no silent coercion -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lon", "lat"),
    [
        ("125", "39"),
        (True, False),
        (np.datetime64("2020-01-01"), 0.0),
        (np.array(["125"]), np.array([39.0])),
        (np.array([125.0 + 0j]), np.array([39.0])),
        ([125.0, "x"], [39.0, 39.0]),
        (np.timedelta64(5, "s"), 0.0),
    ],
)
def test_defect_9_coordinates_must_be_numbers(lon: Any, lat: Any) -> None:
    """Strings, bools and datetime64 were accepted as coordinates."""
    for call in (
        lambda: launchgeo.destination(lon, lat, 90.0, 100.0),
        lambda: launchgeo.distance_km(lon, lat, 0.0, 0.0),
        lambda: launchgeo.load_zones().classify(lon, lat),
    ):
        with pytest.raises(ValidationError):
            call()


def test_defect_9_unordered_centre_is_refused() -> None:
    """A ``set`` as centre was accepted (its order is arbitrary)."""
    with pytest.raises(ValidationError, match=r"set"):
        launchgeo.range_ring({125.0, 39.0}, 100)
    with pytest.raises(ValidationError, match=r"center"):
        launchgeo.range_ring(("125", "39"), 100)


def test_defect_9_negative_distance_in_a_statement() -> None:
    """"about -200 km west of X" was read as 200 km."""
    with pytest.raises(ParseError, match="-200"):
        launchgeo.parse_impact_description("about -200 km west of Okushiri Island")
    est = launchgeo.parse_impact_description("about 200-250 km west of Okushiri Island")
    assert est.distance_min_km == 175.0  # a range's dash is not a minus


def test_defect_9_radials_min_range_beyond_range() -> None:
    """``radials(min_range_km > range_km)`` was accepted."""
    with pytest.raises(RangeError, match=r"min_range_km.*500"):
        launchgeo.radials("Sunan", 100, min_range_km=500)


def test_defect_9_export_refuses_out_of_range_points(tmp_path: Path) -> None:
    """A KML point at lat 1000 was written (fixed by issue 14: pinned here)."""
    bad = gpd.GeoDataFrame({"a": [1]}, geometry=[Point(1.0, 1000.0)], crs=4326)
    with pytest.raises(ValidationError, match="outside"):
        launchgeo.export(bad, tmp_path / "p.kml")


@pytest.mark.parametrize("suffix", [".geojson", ".kml"])
def test_defect_9_infinite_properties_are_refused(tmp_path: Path, suffix: str) -> None:
    """``inf`` properties were dropped from GeoJSON (written as missing)."""
    with pytest.raises(ValidationError, match=r"'v'.*inf"):
        launchgeo.export(frame(v=[math.inf]), tmp_path / f"inf{suffix}")
    path = launchgeo.export(frame(v=[math.inf]), tmp_path / "inf.gpkg")  # GeoPackage holds it
    assert pyogrio.read_dataframe(path)["v"].tolist() == [math.inf]


@pytest.mark.parametrize("lon", [1e300, 400.0, -181.0, -1e300])
def test_defect_9_one_longitude_rule(lon: float) -> None:
    """Any finite lon was wrapped by geodesy and rings while classify refused beyond [-180, 360]."""
    calls = [
        lambda: launchgeo.destination(lon, 0.0, 90.0, 100.0),
        lambda: launchgeo.range_ring((lon, 0.0), 100),
        lambda: launchgeo.load_zones().classify(lon, 0.0),
        lambda: launchgeo.LaunchSite("x", lon=lon, lat=0.0),
        lambda: launchgeo.describe_point(lon, 40.0),
    ]
    for call in calls:
        with pytest.raises(CoordinateError, match=r"lon must be within \[-180, 360\]"):
            call()
    assert launchgeo.range_ring((360.0, 0.0), 100).center_lon == 0.0
    assert launchgeo.destination(270.0, 0.0, 0.0, 0.0)[0] == -90.0


# -- 10. typed exceptions -------------------------------------------------------------------------


def test_defect_10_mismatched_shapes() -> None:
    """Mismatched shapes raised numpy's raw ValueError."""
    with pytest.raises(ValidationError, match=r"\(3,\).*\(2,\)"):
        launchgeo.destination([1.0, 2.0, 3.0], [1.0, 2.0], 90.0, 100.0)
    with pytest.raises(ValidationError, match=r"\(3,\).*\(2,\)"):
        launchgeo.distance_km([1.0, 2.0, 3.0], [1.0, 2.0], 0.0, 0.0)


def test_defect_10_empty_events_table(tmp_path: Path) -> None:
    """assess_events on an empty CSV raised a raw pandas error (fixed by issue 13: pinned)."""
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    with pytest.raises(DataError, match="empty"):
        launchgeo.assess_events(empty)


def test_defect_10_empty_zones_frame() -> None:
    """``Zones.from_geodataframe(<empty>)`` raised numpy's raw ValueError."""
    empty = gpd.GeoDataFrame({"label": []}, geometry=[], crs=4326)
    with pytest.raises(DataError, match="no zone"):
        launchgeo.Zones.from_geodataframe(empty)


def test_defect_10_export_layer_must_be_text(tmp_path: Path) -> None:
    """``export(layer=5)`` raised a raw error (fixed by issue 14: pinned)."""
    with pytest.raises(ValidationError, match="layer must be"):
        launchgeo.export(launchgeo.range_ring("Sunan", 300), tmp_path / "r.geojson", layer=5)


def test_defect_10_mathtext_in_a_site_name_draws(tmp_path: Path) -> None:
    """A site name with ``$\\foo$`` broke map rendering (matplotlib read it as mathtext)."""
    import matplotlib

    matplotlib.use("Agg")
    from launchgeo.maps.plotting import plot_rings, save_figure

    site = launchgeo.LaunchSite(r"Site $\foo$ 100%", lon=125.67, lat=39.22)
    plot = plot_rings([launchgeo.range_ring(site, 300)])
    save_figure(plot.figure, tmp_path / "m.png", dpi=40)
    assert (tmp_path / "m.png").stat().st_size > 0


@pytest.mark.parametrize(
    ("call", "needle"),
    [
        (lambda: launchgeo.assess_launch("Sunan", 650, bearing_deg=[90, 100]), "bearing_deg"),
        (lambda: launchgeo.assess_launch("Sunan", 650, zones="foo"), "zones"),
        (lambda: launchgeo.min_range_to("Sunan", "JPN", zones=5), "zones"),
        (lambda: launchgeo.check_report("Sunan", 650, "outside", zones=[1]), "zones"),
        (lambda: launchgeo.impact_probability("Sunan", range_km=300.0, bearing_deg=0.0,
                                              zones=5), "zones"),
        (lambda: launchgeo.describe_point(137.0, 42.0, landmarks="foo"), "landmarks"),
        (lambda: launchgeo.parse_impact_description("about 200 km west of Okushiri Island",
                                                    landmarks="foo"), "landmarks"),
        (lambda: launchgeo.radials("Sunan", 100, [[90, 100]]), "bearings_deg"),
    ],
)
def test_defect_10_wrong_argument_types_raise_validation_errors(call: Any, needle: str) -> None:
    """List-valued bearings and wrong ``zones``/``landmarks`` types raised raw errors."""
    with pytest.raises(ValidationError, match=needle):
        call()


def test_defect_10_read_only_target_is_refused(tmp_path: Path) -> None:
    """A read-only target file was replaced (or raised a raw PermissionError)."""
    path = tmp_path / "ro.geojson"
    launchgeo.export(launchgeo.range_ring("Sunan", 300), path)
    before = path.read_bytes()
    path.chmod(0o444)
    try:
        with pytest.raises(DataError, match="read-only"):
            launchgeo.export(launchgeo.range_ring("Sunan", 650), path)
        assert path.read_bytes() == before
    finally:
        path.chmod(0o644)


def test_defect_10_unreachable_dask_scheduler() -> None:
    """A bad dask address blocked 30 s, then raised a raw OSError."""
    pytest.importorskip("distributed")
    start = time.perf_counter()
    with pytest.raises(LaunchgeoError, match=r"tcp://127\.0\.0\.1:9"):
        launchgeo.impact_probability(
            "Sunan", range_km=300.0, bearing_deg=0.0, n=10, engine="dask",
            client="tcp://127.0.0.1:9",
        )  # fmt: skip
    assert time.perf_counter() - start < 15.0
    with pytest.raises(ValidationError, match="client"):
        launchgeo.impact_probability(
            "Sunan", range_km=300.0, bearing_deg=0.0, n=10, engine="dask", client="not an address"
        )


# -- 11. messages ---------------------------------------------------------------------------------


def test_defect_11_none_is_named_none() -> None:
    """``None`` was reported as "got nan"."""
    with pytest.raises(ValidationError, match="None") as info:
        launchgeo.destination(None, 0.0, 90.0, 100.0)
    assert "nan" not in str(info.value)
    with pytest.raises(ValidationError, match="None"):
        launchgeo.distance_km(0.0, 0.0, 1.0, [1.0, None])


def test_defect_11_degenerate_polygon_names_the_file(tmp_path: Path) -> None:
    """A degenerate polygon gave "coverage_bbox ... got (nan, nan, nan, nan)", no file named."""
    path = tmp_path / "degenerate.gpkg"
    flat = shapely.Polygon([(130, 30), (131, 31), (132, 32), (130, 30)])
    gpd.GeoDataFrame({"label": ["JPN:eez"]}, geometry=[flat], crs=4326).to_file(path)
    with (
        pytest.warns(launchgeo.errors.LaunchgeoWarning),
        pytest.raises(DataError, match=r"degenerate\.gpkg.*JPN:eez.*no area"),
    ):
        launchgeo.load_zones(path)


def test_defect_11_describe_point_output_parses() -> None:
    """``describe_point`` could return "at Okushiri Island", which the parser rejected."""
    oku = launchgeo.get_landmark("Okushiri Island")
    text = launchgeo.describe_point(oku.lon, oku.lat)
    assert text == "at Okushiri Island"
    est = launchgeo.parse_impact_description(text)
    assert est.landmark.name == "Okushiri Island" and est.bearing_deg is None
    assert est.distance_min_km == 0.0 and est.distance_max_km == 0.5
    assert est.contains(oku.lon, oku.lat)


# -- 12. shared state ----------------------------------------------------------------------------


def test_defect_12_cached_zones_provenance_is_read_only() -> None:
    """``load_zones().info.provenance`` could be modified, and the change showed in later calls."""
    prov = launchgeo.load_zones().info.provenance
    with pytest.raises(TypeError):
        prov["x"] = 1  # type: ignore[index]
    assert "x" not in launchgeo.load_zones().info.provenance
    assert not any(isinstance(v, list) for v in prov.values())  # lists are tuples
    with pytest.raises(TypeError):
        prov.update({"version": "tampered"})  # type: ignore[attr-defined]
    assert json.loads(json.dumps(prov))["version"] == prov["version"]  # still JSON
    import pickle

    assert pickle.loads(pickle.dumps(prov)) == prov  # and picklable (dask ships zones)


def test_defect_12_ring_loops_are_read_only() -> None:
    """``RangeRing.loops`` arrays were writeable."""
    ring = launchgeo.range_ring("Sunan", 650)
    for lon, lat in ring.loops:
        assert not lon.flags.writeable and not lat.flags.writeable
        with pytest.raises(ValueError):
            lon[0] = 0.0


# -- 13. small things ----------------------------------------------------------------------------


def test_defect_13_summary_says_south_and_west() -> None:
    """``summary()`` printed "-32.89° N, -64.65° E" (fixed by issue 12: pinned)."""
    text = launchgeo.assess_launch((-64.65, -32.89), 100, bearing_deg=90).summary()
    assert "32.89° S" in text and "° W" in text and "-32.89" not in text.split("impact")[1]


def _spawn(*args: str, **kwargs: Any) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "launchgeo", *args], env=_env(), **kwargs
    )


def test_defect_13_closed_stdout_is_an_error() -> None:
    """With stdout closed the CLI exited 0 and the output was lost."""
    cmd = f"{sys.executable} -m launchgeo sites sunan >&-"
    done = subprocess.run(cmd, shell=True, env=_env(), stderr=subprocess.PIPE, timeout=60,
                          check=False)  # fmt: skip
    assert done.returncode == 1
    assert b"standard output" in done.stderr and b"Traceback" not in done.stderr


def test_defect_13_closed_stderr_keeps_errors_off_stdout() -> None:
    """With stderr closed, error messages went to stdout."""
    cmd = f"{sys.executable} -m launchgeo rings Nowhere-ri 300 2>&-"
    done = subprocess.run(cmd, shell=True, env=_env(), stdout=subprocess.PIPE, timeout=60,
                          check=False)  # fmt: skip
    assert done.returncode == 1 and done.stdout == b""


@pytest.mark.parametrize("args", [["sites", "--json"], ["rings", "Sunan", "650", "-o", "-"]])
def test_defect_13_closed_output_pipe(args: list[str]) -> None:
    """Piping into ``head`` printed "[Errno 32] Broken pipe" with exit 1 (fixed by issue 15).

    The reader closes the pipe before the command writes (as ``head`` does once it has its
    lines): the command stops quietly with 141, like other command-line tools.
    """
    with _spawn(*args, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        proc.stdout.close()
        err = proc.stderr.read()
        status = proc.wait(timeout=120)
    assert status == 141 and err == b""


#: A child that sends itself SIGINT when the CLI module starts importing (the first 0.1-0.3 s
#: of a run): deterministic, unlike a timer racing the interpreter's own start-up.
_INTERRUPT_DURING_IMPORT = """
import os, signal, sys
class Hook:
    def find_spec(self, name, path=None, target=None):
        if name == "launchgeo.cli.core":
            os.kill(os.getpid(), signal.SIGINT)
        return None
sys.meta_path.insert(0, Hook())
sys.argv = ["launchgeo", "rings", "Sunan", "350"]
from launchgeo.__main__ import run
run()
"""


def test_defect_13_interrupt_while_starting_has_no_traceback() -> None:
    """SIGINT in the first 0.3 s (while the CLI imports) gave a traceback."""
    done = subprocess.run([sys.executable, "-c", _INTERRUPT_DURING_IMPORT], env=_env(),
                          capture_output=True, timeout=60, check=False)  # fmt: skip
    assert done.returncode == 130, done.stderr.decode()
    assert done.stderr == b"launchgeo: interrupted\n" and done.stdout == b""


def test_defect_13_interrupt_while_running_has_no_traceback() -> None:
    """Ctrl-C during a long command: one line and exit 130 (as the docs say)."""
    proc = _spawn("assess", "Sunan", "650", "--probability", "--samples", "50000000", "-v",
                  stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip
    assert proc.stderr is not None
    first = proc.stderr.readline()  # "launchgeo: site: ..." once the command runs
    assert first.startswith(b"launchgeo: site:"), first
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err.decode()
    assert b"Traceback" not in err and err.rstrip().endswith(b"launchgeo: interrupted")
    assert out == b""
