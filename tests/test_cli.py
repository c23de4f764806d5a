"""The ``launchgeo`` command, run as a subprocess (``python -m launchgeo``)."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest
from shapely.geometry import box

import launchgeo

SRC = Path(__file__).resolve().parents[1] / "src"


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(SRC), env.get("PYTHONPATH")) if p)
    env["MPLBACKEND"] = "Agg"
    return subprocess.run(
        [sys.executable, "-m", "launchgeo", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=120,
        check=False,
    )


def run_inprocess(
    args: list[str], capsys: pytest.CaptureFixture[str]
) -> subprocess.CompletedProcess[str]:
    """The same main() without a new interpreter (2 s of start-up per call)."""
    from launchgeo.cli import main

    try:
        status = main(args)
    except SystemExit as exc:  # argparse's --help and usage errors
        status = int(exc.code or 0)
    captured = capsys.readouterr()
    return subprocess.CompletedProcess(args, status, captured.out, captured.err)


def assert_one_line_error(proc: subprocess.CompletedProcess[str], *needles: str) -> None:
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr
    errors = [line for line in proc.stderr.splitlines() if line.startswith("launchgeo: error:")]
    assert len(errors) == 1, proc.stderr
    for needle in needles:
        assert needle in errors[0], errors[0]


@pytest.fixture(scope="module")
def zones_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A stand-in zone file in launchgeo's format (the embedded data live on another branch)."""
    path = tmp_path_factory.mktemp("zones") / "zones.geojson"
    land = box(135.0, 34.0, 138.0, 37.0)
    gpd.GeoDataFrame(
        {"label": ["JPN:land", "JPN:eez", "KOR:eez"]},
        geometry=[
            land,
            box(131.0, 33.0, 145.0, 45.0).difference(land),
            box(124.0, 33.0, 131.0, 38.5),
        ],
        crs="EPSG:4326",
    ).to_file(path)
    return path


def test_help_lists_commands_and_examples(capsys: pytest.CaptureFixture[str]) -> None:
    proc = run("--help")
    assert proc.returncode == 0
    for word in ("sites", "rings", "assess", "classify", "impact", "--lon X --lat Y", "examples:"):
        assert word in proc.stdout
    sub = run_inprocess(["classify", "--help"], capsys)
    assert sub.returncode == 0 and "launchgeo classify 135.0 38.5" in sub.stdout


def test_sites_json() -> None:
    proc = run("sites", "sunan", "--json")
    assert proc.returncode == 0, proc.stderr
    rows = json.loads(proc.stdout)
    assert rows[0]["name"] == "Pyongyang Sunan International Airport"
    assert (rows[0]["lon"], rows[0]["lat"]) == (125.67, 39.22389)


def test_sites_table_and_no_match() -> None:
    proc = run("sites", "kusong")
    assert proc.returncode == 0
    assert proc.stdout.splitlines()[0].split() == ["name", "lon", "lat", "country", "aliases"]
    assert "Kusong Testing Ground" in proc.stdout
    assert_one_line_error(run("sites", "atlantis"), "no launch site matches 'atlantis'")


def test_rings_json_and_kml(tmp_path: Path) -> None:
    out = tmp_path / "rings.kml"
    proc = run("rings", "Sunan", "350", "650", "13000", "-o", str(out), "--json")
    assert proc.returncode == 0, proc.stderr
    rows = json.loads(proc.stdout)
    assert [r["range_km"] for r in rows] == [350.0, 650.0, 13000.0]
    assert [r["encloses_north_pole"] for r in rows] == [False, False, True]
    assert rows[0]["area_km2"] == pytest.approx(launchgeo.range_ring("Sunan", 350).area_km2)
    names = [e.text for e in ET.parse(out).getroot().iter("{http://www.opengis.net/kml/2.2}name")]
    assert "Pyongyang Sunan International Airport 13,000 km ring" in names


def test_rings_by_coordinates_to_geopackage(tmp_path: Path) -> None:
    out = tmp_path / "r.gpkg"
    proc = run("rings", "--lon", "170", "--lat", "50", "3000", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    read = pyogrio.read_dataframe(out, layer="r")
    assert read["center_lon"].tolist() == [170.0] and read["crosses_antimeridian"].tolist() == [
        True
    ]
    assert "3,000" in proc.stdout or "3000" in proc.stdout


ERROR_CASES = [
    (("rings", "125.67", "39.2", "300"), "give a site by coordinates as --lon X --lat Y"),
    (("rings", "Sunnan", "300"), "unknown launch site 'Sunnan'; did you mean: 'Sunan'"),
    (("rings", "Sunan", "abc"), "range must be a number of km, got 'abc'"),
    (("rings", "Sunan", "-5"), "got '-5'"),
    (("rings", "Sunan"), "at least one range"),
    (("rings", "--lon", "125", "300"), "give both --lon and --lat"),
    (("rings", "--lon", "125", "--lat", "95", "300"), "lat must be within [-90, 90]"),
    (("rings", "Sunan", "300", "-o", "rings.shp"), "supported: .geojson"),
    (("rings", "Sunan", "300", "-o", "/nonexistent/dir/r.kml"), "does not exist"),
    (("rings", "Sunan", "30000"), "beyond the farthest point"),
    (("classify", "135"), "give one point as LON LAT"),
    (("impact", "the missile fell somewhere"), "no impact statement found"),
    (("impact", "about 200 km west of Atlantis"), "Atlantis"),
]


@pytest.mark.parametrize(("args", "needle"), [ERROR_CASES[i] for i in (0, 8)])
def test_errors_are_one_line_in_a_subprocess(args: tuple[str, ...], needle: str) -> None:
    assert_one_line_error(run(*args), needle)


@pytest.mark.parametrize(("args", "needle"), ERROR_CASES)
def test_errors_are_one_line(
    args: tuple[str, ...], needle: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """The whole table in-process."""
    assert_one_line_error(run_inprocess(list(args), capsys), needle)


def test_usage_error_exit_2() -> None:
    proc = run("frobnicate")
    assert proc.returncode == 2
    assert "launchgeo: error: argument COMMAND: invalid choice: 'frobnicate'" in proc.stderr


def test_bad_zones_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.geojson"
    bad.write_text("not json")
    assert_one_line_error(run("classify", "135", "38", "--zones", str(bad)), "bad.geojson")
    missing = ["classify", "135", "38", "--zones", str(tmp_path / "no.gpkg")]
    assert_one_line_error(run_inprocess(missing, capsys), "no.gpkg")


def test_classify_point(zones_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    proc = run("classify", "132.0", "35.0", "--zones", str(zones_file))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "JPN:eez"
    # (lat, lon) by mistake: 35 E, 132 N is not a latitude.
    swapped = ["classify", "35.0", "132.0", "--zones", str(zones_file)]
    assert_one_line_error(run_inprocess(swapped, capsys), "lat")


def test_classify_csv(tmp_path: Path, zones_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "pts.csv"
    pd.DataFrame(
        {"name": ["a", "b", "c"], "lon": [132.0, 136.0, 170.0], "lat": [35.0, 35.0, 10.0]}
    ).to_csv(src, index=False)
    out = tmp_path / "classified.csv"
    proc = run("classify", "--csv", str(src), "--zones", str(zones_file), "--json", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert [r["zone"] for r in json.loads(proc.stdout)] == ["JPN:eez", "JPN:land", "no_data"]
    assert pd.read_csv(out)["zone"].tolist() == ["JPN:eez", "JPN:land", "no_data"]
    gpkg = tmp_path / "classified.gpkg"
    command = ["classify", "--csv", str(src), "--zones", str(zones_file), "-o", str(gpkg)]
    assert run_inprocess(command, capsys).returncode == 0
    read = pyogrio.read_dataframe(gpkg)
    assert read["zone"].tolist() == ["JPN:eez", "JPN:land", "no_data"]
    assert read.geometry[0].x == 132.0


def test_impact_json_matches_library(zones_file: Path, tmp_path: Path) -> None:
    text = "about 200 km west of Okushiri Island"
    out = tmp_path / "impact.geojson"
    proc = run("impact", text, "--zones", str(zones_file), "--json", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    est = launchgeo.parse_impact_description(text)
    assert (data["lon"], data["lat"]) == (est.lon, est.lat)
    assert data["landmark"] == "Okushiri Island" and data["zone"] == "JPN:eez"
    read = pyogrio.read_dataframe(out)
    read = read[read["layer"] == "features"]  # the polygon's boundary line follows
    assert read["part"].tolist() == ["uncertainty_region", "point"]


def test_impact_text(zones_file: Path) -> None:
    proc = run("impact", "about 200 km west of Okushiri Island", "--zones", str(zones_file))
    assert proc.returncode == 0, proc.stderr
    assert "landmark: Okushiri Island" in proc.stdout
    assert "zone: JPN:eez" in proc.stdout


def test_assess_json_map_and_arcs(tmp_path: Path, zones_file: Path) -> None:
    arcs = tmp_path / "arcs.gpkg"
    png = tmp_path / "map.png"
    proc = run("assess", "Sunan", "350", "650", "--zones", str(zones_file), "--json",
               "-o", str(arcs), "--map", str(png))  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert [d["range_km"] for d in data] == [350.0, 650.0]
    assert abs(sum(a["share"] for a in data[1]["arcs"]) - 1.0) < 1e-6
    read = pyogrio.read_dataframe(arcs, layer="arcs")
    assert set(read["range_km"]) == {350.0, 650.0}
    assert png.read_bytes()[:4] == b"\x89PNG"


def test_assess_with_bearing(zones_file: Path) -> None:
    proc = run("assess", "Sunan", "650", "--bearing", "110", "--zones", str(zones_file), "--json")
    assert proc.returncode == 0, proc.stderr
    (data,) = json.loads(proc.stdout)
    lon, lat = launchgeo.destination(125.67, 39.22389, 110.0, 650.0)
    assert (data["impact_lon"], data["impact_lat"]) == pytest.approx((lon, lat))


def test_assess_focus_state(zones_file: Path) -> None:
    """--focus names one state's reach and minimum range; an unknown state is one error line."""
    proc = run("assess", "Sunan", "650", "--focus-state", "JPN", "--zones", str(zones_file))
    assert proc.returncode == 0, proc.stderr
    plain = run("assess", "Sunan", "650", "--zones", str(zones_file))
    assert "reaches Japan's EEZ" in proc.stdout and "reaches Japan's EEZ" not in plain.stdout
    assert "The nearest point of Japan's EEZ" in proc.stdout
    bad = run("assess", "Sunan", "650", "--focus", "XXX", "--zones", str(zones_file))
    assert bad.returncode == 1
    assert_one_line_error(bad, "'XXX'")


@pytest.mark.slow
def test_rings_map(tmp_path: Path) -> None:
    """The ICBM ring map with the embedded land and zones, as SVG."""
    svg = tmp_path / "icbm.svg"
    proc = run("rings", "Sunan", "13000", "--map", str(svg))
    assert proc.returncode == 0, proc.stderr
    assert svg.read_text().startswith("<?xml")
    assert f"wrote map {svg}" in proc.stderr


def test_assess_probability_subprocess_json() -> None:
    """--probability runs the Monte Carlo (progress bar on stderr) and reports per-zone values."""
    proc = run("assess", "Sunan", "350", "--probability", "--samples", "20000", "--seed", "3",
               "--json")  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    (result,) = json.loads(proc.stdout)
    probs = result["probabilities"]
    assert result["samples"] == 20000 and result["seed"] == 3
    assert sum(probs.values()) == pytest.approx(1.0)
    # 325-375 km from Sunan never reaches Japan's EEZ (nearest point ~576 km away).
    assert probs.get("JPN:eez", 0.0) == 0.0 and probs.get("JPN:territorial_sea", 0.0) == 0.0
    assert "impact_probability" in proc.stderr  # the progress bar


# -- conventions (issue 15): -o -, - for stdin, -q/-v, --at, DMS --lon/--lat, --units, exits ----
def run_stdin(stdin: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(SRC), env.get("PYTHONPATH")) if p)
    return subprocess.run(
        [sys.executable, "-m", "launchgeo", *args],
        input=stdin, capture_output=True, text=True, env=env, timeout=120, check=False,
    )  # fmt: skip


def test_output_dash_writes_geojson_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    proc = run_inprocess(["rings", "Sunan", "350", "650", "-o", "-"], capsys)
    assert proc.returncode == 0 and proc.stderr == ""
    data = json.loads(proc.stdout)  # nothing but the GeoJSON on stdout
    rings = [f for f in data["features"] if f["properties"]["layer"] == "rings"]
    assert [f["properties"]["range_km"] for f in rings] == [350.0, 650.0]
    kml = run_inprocess(["rings", "Sunan", "350", "-o", "-", "--format", "kml"], capsys)
    assert ET.fromstring(kml.stdout).tag.endswith("kml")


def test_classify_reads_stdin_and_writes_stdout(zones_file: Path) -> None:
    proc = run_stdin("lon,lat\n132.0,35.0\n127.0,35.0\n", "classify", "--csv", "-",
                     "--zones", str(zones_file), "-o", "-")  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == ["lon,lat,zone", "132.0,35.0,JPN:eez", "127.0,35.0,KOR:eez"]


def test_impact_reads_stdin(zones_file: Path) -> None:
    text = "about 200 km west of Okushiri Island\n"
    proc = run_stdin(text, "impact", "-", "--zones", str(zones_file), "--json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["landmark"] == "Okushiri Island"


def test_coordinates_as_people_write_them(capsys: pytest.CaptureFixture[str]) -> None:
    by_at = run_inprocess(["rings", "--at", "39°13'26\"N 125°40'12\"E", "650", "--json"], capsys)
    by_dms = run_inprocess(
        ["rings", "--lon", "125°40'12\"E", "--lat", "39°13'26\"N", "650", "--json"], capsys
    )
    positional = run_inprocess(["rings", "39.223889N 125.67E", "650", "--json"], capsys)
    rows = [json.loads(p.stdout)[0] for p in (by_at, by_dms, positional)]
    for row in rows:
        assert row["center_lon"] == pytest.approx(125.67, abs=1e-6)
        assert row["center_lat"] == pytest.approx(39.223889, abs=1e-6)
    one = run_inprocess(["classify", "--at", "35N 132E", "--zones", "-"], capsys)
    assert one.returncode == 1  # --zones - is not a file: a one-line error, not a traceback
    assert "Traceback" not in one.stderr


def test_units(capsys: pytest.CaptureFixture[str]) -> None:
    proc = run_inprocess(["rings", "Sunan", "200", "--units", "nmi", "--json"], capsys)
    assert json.loads(proc.stdout)[0]["range_km"] == pytest.approx(370.4)
    bad = run_inprocess(["rings", "Sunan", "200", "--units", "furlong"], capsys)
    assert bad.returncode == 2 and "invalid choice: 'furlong'" in bad.stderr


def test_quiet_and_verbose(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "r.geojson"
    loud = run_inprocess(["rings", "Sunan", "350", "-o", str(out)], capsys)
    assert f"wrote {out}" in loud.stderr
    quiet = run_inprocess(["-q", "rings", "Sunan", "350", "-o", str(out)], capsys)
    assert quiet.stderr == "" and quiet.returncode == 0
    quiet_after = run_inprocess(["rings", "Sunan", "350", "-o", str(out), "--quiet"], capsys)
    assert quiet_after.stderr == ""
    verbose = run_inprocess(["rings", "Sunan", "350", "-v"], capsys)
    assert "launchgeo: site: 'Sunan'; ranges: 350 km" in verbose.stderr
    both = run_inprocess(["rings", "Sunan", "350", "-q", "-v"], capsys)
    assert both.returncode == 2


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("rings", "--at", "125.67, 39.22", "300"), "read latitude first"),
        (("rings", "--at", "39N 40N", "300"), "two latitudes"),
        (("rings", "--lon", "125°70'E", "--lat", "39N", "300"), "minutes '70'"),
        (("rings", "--lon", "39N", "--lat", "39N", "300"), "other axis"),
        (("rings", "--at", "39N 125E", "--lon", "1", "--lat", "2", "300"), "not both"),
        (("classify", "--at", "39N 125E", "135", "38"), "give one of"),
        (("rings", "Sunan 9", "300"), "no launch-site name"),
    ],
)
def test_coordinate_errors_are_one_line(
    args: tuple[str, ...], needle: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert_one_line_error(run_inprocess(list(args), capsys), needle)


def test_unexpected_errors_are_one_line_too(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from launchgeo import cli

    def boom(ns: object) -> int:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setitem(cli._COMMANDS, "sites", boom)
    proc = run_inprocess(["sites"], capsys)
    assert proc.returncode == 1
    assert_one_line_error(proc, "unexpected ZeroDivisionError: division by zero", "a bug")

    def interrupted(ns: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setitem(cli._COMMANDS, "sites", interrupted)
    assert run_inprocess(["sites"], capsys).returncode == 130


def test_closed_pipe_is_quiet(tmp_path: Path, zones_file: Path) -> None:
    """`launchgeo classify --csv big.csv -o - | head -1`: no traceback when head stops reading."""
    big = tmp_path / "big.csv"
    big.write_text("lon,lat\n" + "132.0,35.0\n" * 50_000)  # 1 MB of output: more than a pipe
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(SRC), env.get("PYTHONPATH")) if p)
    cmd = [sys.executable, "-m", "launchgeo", "classify", "--csv", str(big), "-o", "-",
           "--zones", str(zones_file)]  # fmt: skip
    with subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        assert proc.stdout.read(12) == b"lon,lat,zone"
        proc.stdout.close()
        err = proc.stderr.read().decode()
        status = proc.wait(timeout=60)
    assert "Traceback" not in err and err == ""
    assert status == 141


def test_every_command_has_json_and_quiet() -> None:
    from launchgeo.cli import build_parser

    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    for name, command in sub.choices.items():
        options = {o for a in command._actions for o in a.option_strings}
        assert {"--json", "-q", "-v"} <= options, name


def test_help_documents_exit_codes_and_conventions(capsys: pytest.CaptureFixture[str]) -> None:
    out = run_inprocess(["--help"], capsys).stdout
    assert "exit status: 0 success, 1 error (one line on stderr), 2 bad command line," in out
    assert "130 interrupted" in out and "-o - writes GeoJSON" in out and "--at TEXT" in out
