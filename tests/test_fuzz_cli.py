"""Fuzz the ``launchgeo`` command: random command lines, in process and a few in subprocesses.

Every command line drawn from a small grammar (each command, its options, and values good and
bad: ranges such as ``nan``, ``1e400``, ``-5``; nasty text; missing, corrupt or read-only
files; ``-o -``) must end with status 0, 1 or 2 and no traceback; a failure prints exactly one
``launchgeo: error:`` line on stderr; ``--json`` prints strict JSON on stdout, an ``error``
object on failure; ``-o -`` prints GeoJSON or KML that parses; a file written with ``-o`` parses
with an independent reader, and a failed run leaves an existing output file as it was.
"""

from __future__ import annotations

import contextlib
import io
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fuzz_contract import NASTY_TEXT, fuzz_settings, read_back, strict_json
from launchgeo.cli import main

SRC = Path(__file__).resolve().parents[1] / "src"

RANGES = ["350", "650", "0", "-5", "nan", "inf", "1e400", "abc", "20003.94", "1,000", "", "1e-300"]
SITES = ["Sunan", "sunan", "Nowhere-ri", "39N 125E", "Kusong", *NASTY_TEXT[:6], "--json"]
TEXTS = ["about 200 km west of Okushiri Island", "at Okushiri Island", "no statement",
         "about -200 km west of Dogo", "about 20,100 km west of Dogo", *NASTY_TEXT]  # fmt: skip
CSV_BODIES = [
    "lon,lat\n132,35\n127,35\n",
    "lon,lat,name\n135,38,9,9\n",
    "lon,lat\nabc,38\n",
    'lon,lat\n"135,0",38\n',
    "lon,lat,x\n135,38,\n",
    "LON, Lat\n132 , 35\n",
    "",
    "lon\n1\n",
    "lon,lat\n999,35\n",
    "\ufefflon,lat\r\n132,35\r\n",
    "lon,lat\n132,35\n\n\n",
    "lon,lat,lon\n1,2,3\n",
    "lon,lat\n\x00,1\n",
]
EVENT_BODIES = [
    "site,range_km,statement\nSunan,650,inside\n",
    "site,range_km\nNowhere,abc\n",
    "",
    "a;b;c\n1;2;3\n",
    "site,statement\n\x00,outside\n",
]


@st.composite
def command_lines(draw: st.DrawFn, folder: Path) -> list[str]:
    """A random command line (and the files it names, made in ``folder``)."""
    command = draw(st.sampled_from(["sites", "rings", "assess", "classify", "impact", "events"]))
    args = [command]
    out_choices = [None, "-", "out.geojson", "out.kml", "out.gpkg", "out.csv", "no/dir/out.kml",
                   "out.shp", ".", "notes.gpkg"]  # fmt: skip
    if command == "sites":
        args += draw(st.lists(st.sampled_from(["sun", "", "zzz", *NASTY_TEXT[:5]]), max_size=1))
    elif command in ("rings", "assess"):
        how = draw(st.sampled_from(["name", "at", "lonlat"]))
        if how == "name":
            args.append(draw(st.sampled_from(SITES)))
        elif how == "at":
            args += ["--at", draw(st.sampled_from(["39.2N 125.6E", "125 39", "x", *SITES[5:8]]))]
        else:
            args += ["--lon", draw(st.sampled_from(["125.6", "400", "125°40'E", "nan"])),
                     "--lat", draw(st.sampled_from(["39.2", "-91", "39N", ""]))]  # fmt: skip
        args += draw(st.lists(st.sampled_from(RANGES), min_size=0, max_size=2))
        if draw(st.booleans()):
            args += ["--units", draw(st.sampled_from(["km", "nmi", "mi", "furlong"]))]
        if command == "assess" and draw(st.booleans()):
            args += ["--bearing", draw(st.sampled_from(["90", "nan", "1e400", "-720", "x"]))]
    elif command == "classify":
        how = draw(st.sampled_from(["coords", "csv", "at"]))
        if how == "coords":
            args += draw(st.lists(st.sampled_from(["135", "38", "nan", "400", "-91", "x"]),
                                  max_size=3))  # fmt: skip
        elif how == "at":
            args += ["--at", draw(st.sampled_from(["38.5N 135E", "garbage", ""]))]
        else:
            body = draw(st.sampled_from(CSV_BODIES))
            path = folder / "in.csv"
            path.write_text(body, encoding="utf-8", errors="surrogatepass")
            args += ["--csv", draw(st.sampled_from([str(path), str(folder / "missing.csv")]))]
        out_choices[4] = "out.csv"
    elif command == "impact":
        args.append(draw(st.sampled_from(TEXTS)))
    else:
        path = folder / "events.csv"
        path.write_text(draw(st.sampled_from(EVENT_BODIES)), encoding="utf-8")
        args.append(draw(st.sampled_from([str(path), str(folder / "nope.csv")])))
    out = draw(st.sampled_from(out_choices))
    if out is not None and command != "sites":
        args += ["-o", out if out == "-" else str(folder / out)]
        if out == "-" and draw(st.booleans()):
            args += ["--format", draw(st.sampled_from(["geojson", "kml", "csv"]))]
    for flag in ("--json", "-q", "-v"):
        if draw(st.booleans()):
            args.append(flag)
    return args


def run_main(args: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = main(args)
        except SystemExit as exc:  # --help, --version
            status = int(exc.code or 0)
    return status, out.getvalue(), err.getvalue()


def test_random_command_lines(tmp_path: Path) -> None:
    (tmp_path / "notes.gpkg").write_text("my notes")

    @fuzz_settings(30)
    @given(data=st.data())
    def run(data: st.DataObject) -> None:
        args = data.draw(command_lines(tmp_path), label="argv")
        outputs = {p: p.read_bytes() for p in tmp_path.iterdir() if p.name.startswith(("out",
                   "notes"))}  # fmt: skip
        status, out, err = run_main(args)
        assert status in (0, 1, 2), (args, status, err)
        assert "Traceback" not in err and "this is a bug" not in err, (args, err)
        errors = [line for line in err.splitlines() if line.startswith("launchgeo: error:")]
        if status != 0:
            assert len(errors) == 1, (args, err)
            for path, before in outputs.items():  # a failed run keeps the files it would replace
                assert path.read_bytes() == before, (args, path)
        else:
            assert not errors, (args, err)
        to_stdout = "-o" in args and args[args.index("-o") + 1] == "-"
        if "--json" in args and (status != 0 or not to_stdout):
            doc = strict_json(out)
            if status != 0:
                assert doc["error"] and doc["exit_status"] == status
        elif status == 0 and to_stdout:
            fmt = args[args.index("--format") + 1] if "--format" in args else None
            if fmt == "kml":
                ET.fromstring(out.encode("utf-8"))
            elif fmt != "csv" and not (args[0] == "classify" and fmt is None):
                assert strict_json(out)["type"] == "FeatureCollection"
        if status == 0 and "-o" in args and args[args.index("-o") + 1] != "-":
            read_back(Path(args[args.index("-o") + 1]), wkt=False)

    run()


def _subprocess(cmd: str) -> subprocess.CompletedProcess[bytes]:
    import os

    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(SRC), env.get("PYTHONPATH")) if p)
    return subprocess.run(["bash", "-c", cmd], env=env, capture_output=True, timeout=120,
                          check=False)  # fmt: skip


@pytest.mark.parametrize(
    "args",
    [["rings", "Sunan", "650", "--json"], ["sites", "sun"]],
)
def test_closed_streams(args: list[str]) -> None:
    """stdout closed: exit 1 and a line on stderr; stderr closed: results still on stdout."""
    line = " ".join(f"'{a}'" for a in args)
    closed_out = _subprocess(f"{sys.executable} -m launchgeo {line} >&-")
    assert closed_out.returncode == 1 and b"standard output is closed" in closed_out.stderr
    closed_err = _subprocess(f"{sys.executable} -m launchgeo {line} 2>&-")
    assert closed_err.returncode == 0 and closed_err.stdout.strip()
    plain = " ".join(f"'{a}'" for a in args if a != "--json")
    bad = _subprocess(f"{sys.executable} -m launchgeo {plain} nan 2>&-")
    assert bad.returncode in (1, 2) and bad.stdout == b""  # the error went nowhere, not to stdout


def test_argument_errors_with_json_are_json() -> None:
    for args in (["rings", "--json"], ["nosuchcommand", "--json"], ["assess", "--json",
                 "--samples", "x", "Sunan", "650"]):  # fmt: skip
        status, out, err = run_main(args)
        assert status == 2 and strict_json(out)["exit_status"] == 2
        assert err.count("launchgeo: error:") == 1

