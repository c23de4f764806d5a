"""The ``launchgeo`` command: a thin shell over the library.

Each sub-command parses its arguments, calls one library function, and prints a table (or JSON
with ``--json``) or writes a file (``-o -``: to standard output). Errors print one line,
``launchgeo: error: ...``, on stderr, without a traceback. Exit status: 0 success, 1 error,
2 bad command line, 130 interrupted (Ctrl-C), 141 output pipe closed (``| head``).

Examples
--------
>>> main(["sites", "sunan", "--json"])  # doctest: +ELLIPSIS
[
  {
    "name": "Pyongyang Sunan International Airport",
    "lon": 125.67,
    "lat": 39.22389,
...
0
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import tempfile
import textwrap
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from launchgeo.cli._output import (
    EXIT_ERROR,
    EXIT_INTERRUPTED,
    EXIT_USAGE,
    StdoutClosed,
    err,
    json_text,
    out,
    out_csv,
    quiet_broken_pipe,
)
from launchgeo.errors import LaunchgeoError, ValidationError

__all__ = ["build_parser", "main"]

_EPILOG = """\
examples:
  launchgeo sites kusong
  launchgeo rings Sunan 350 650 -o sunan_rings.kml
  launchgeo rings --lon 125.67 --lat 39.22 13000 --map icbm.png
  launchgeo assess Sunan 350 650 --map out/sunan.png -o out/sunan_arcs.geojson
  launchgeo assess Sunan 350 650 --html out/sunan.html
  launchgeo assess Sunan 650 --bearing 110 --json
  launchgeo classify 135.0 38.5
  launchgeo classify --csv impacts.csv -o impacts_zones.csv
  launchgeo impact "about 200 km west of Okushiri Island"
  launchgeo events launches.csv -o checked.gpkg

  launchgeo rings --at "39°13'26\"N 125°40'12\"E" 650 -o - > ring.geojson
  launchgeo assess --lon "125°40'E" --lat "39°13'N" 350 --units nmi
  launchgeo classify --csv - < points.csv
  echo "about 200 km west of Okushiri Island" | launchgeo impact - --json

A site is a catalogue name or alias (see `launchgeo sites`), or coordinates: --at TEXT
(decimal, DMS/DDM with N/S/E/W, MGRS; text without letters is read latitude first), or
--lon X --lat Y (degrees, WGS84; "125°40'E" works too). Ranges are in km (--units nmi or mi).
Output files: .geojson/.json, .kml, .kmz, .gpkg, .fgb, .csv (maps: .png, .svg, .pdf;
interactive maps: --html FILE); -o - writes GeoJSON (or
--format kml; CSV for classify) to standard output; - for an input file reads standard input.
-q prints only errors, -v prints what was read and how long it took.

exit status: 0 success, 1 error (one line on stderr), 2 bad command line,
130 interrupted, 141 output pipe closed.
"""


def _wrap(text: str) -> str:
    return textwrap.fill(text, 78)


class _UsageError(Exception):
    """A bad command line: the usage of the (sub-)command and what was wrong."""

    def __init__(self, usage: str, message: str) -> None:
        super().__init__(message)
        self.usage = usage


class _Parser(argparse.ArgumentParser):
    """argparse with the project's one-line error format (printed by :func:`main`)."""

    def error(self, message: str) -> NoReturn:
        raise _UsageError(self.format_usage(), message)


def _verbosity_args(p: argparse.ArgumentParser, *, default: Any) -> None:
    """-q/-v, accepted before or after the command (defaults set once, on the main parser)."""
    group = p.add_mutually_exclusive_group()
    group.add_argument(
        "-q", "--quiet", action="store_true", default=default,
        help="print only errors (no notes, no progress bar)",
    )  # fmt: skip
    group.add_argument(
        "-v", "--verbose", action="store_true", default=default,
        help="also print what was read and how long it took",
    )  # fmt: skip


def _site_args(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "args",
        nargs="+",
        metavar="SITE RANGE_KM",
        help="a site name (or coordinates as text) followed by one or more ranges "
        "(only ranges with --at or --lon/--lat)",
    )
    p.add_argument(
        "--at",
        metavar="TEXT",
        help="launch point as text: '39.2239N 125.67E', DMS, DDM or MGRS (instead of SITE)",
    )
    p.add_argument("--lon", help="launch longitude: degrees east, or 125°40'E (with --lat)")
    p.add_argument("--lat", help="launch latitude: degrees north, or 39°13'N (with --lon)")
    p.add_argument(
        "--units",
        choices=["km", "nmi", "mi"],
        default="km",
        help="units of the ranges given (results are in km); default km",
    )


def _output_args(p: argparse.ArgumentParser, *, map_: bool = True) -> None:
    p.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE",
        help="write the site, rings and arcs to FILE (.geojson, .json, .kml, .kmz, .gpkg, .fgb, "
        ".csv; - for stdout)",
    )
    _format_arg(p)
    if map_:
        p.add_argument(
            "--map", type=Path, metavar="FILE", help="draw a map to FILE (.png, .svg, .pdf)"
        )
        p.add_argument(
            "--html",
            type=Path,
            metavar="FILE",
            help="write an interactive map to FILE (.html; self-contained, works offline)",
        )
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``launchgeo`` command (for documentation and tests).

    Examples
    --------
    >>> build_parser().parse_args(["rings", "Sunan", "350"]).command
    'rings'
    """
    parser = _Parser(
        prog="launchgeo",
        description=_wrap(
            "Geospatial analysis of ballistic-missile launches: range rings, "
            "maritime zones, impact assessment."
        ),
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    from launchgeo import __version__

    parser.add_argument("--version", action="version", version=f"launchgeo {__version__}")
    _verbosity_args(parser, default=False)
    common = _Parser(add_help=False)
    _verbosity_args(common, default=argparse.SUPPRESS)
    sub = parser.add_subparsers(
        dest="command", metavar="COMMAND", required=True, parser_class=_Parser
    )

    p = sub.add_parser(
        "sites",
        parents=[common],
        help="list catalogue launch sites matching QUERY",
        description=_wrap(
            "List catalogue launch sites whose name, alias or note "
            "contains QUERY (all sites without one)."
        ),
    )
    p.add_argument("query", nargs="?", default="", metavar="QUERY")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")

    p = sub.add_parser(
        "rings",
        parents=[common],
        help="geodesic range rings around a site",
        usage="launchgeo rings [-h] [-q | -v] [-o FILE] [--format F] [--map FILE] [--html FILE]\n"
        "                       [--json]\n"
        "                       [--units {km,nmi,mi}]\n"
        "                       (SITE | --at TEXT | --lon X --lat Y) RANGE [RANGE ...]",
        description=_wrap("Geodesic range rings (WGS84) around a site."),
        epilog="example: launchgeo rings Sunan 350 650 -o rings.kml --map rings.png",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _site_args(p)
    _output_args(p)

    p = sub.add_parser(
        "assess",
        parents=[common],
        usage="launchgeo assess [-h] [-q | -v] [--bearing DEG] [--zones FILE] [-o FILE]\n"
        "                        [--format F] [--map FILE] [--html FILE] [--probability]\n"
        "                        [--samples N] [--focus-state ISO3]\n"
        "                        [--seed S] [--json] [--units {km,nmi,mi}]\n"
        "                        (SITE | --at TEXT | --lon X --lat Y) RANGE [RANGE ...]",
        help="which maritime zones a flight of a given range can end in",
        description=_wrap(
            "Split the ring at each range into arcs by maritime zone "
            "(bearing intervals, lengths, shares) and print the finding; with "
            "--bearing, the impact point and its zone."
        ),
        epilog="examples:\n  launchgeo assess Sunan 350 650 --map sunan.png\n"
        "  launchgeo assess Semnan 2000 --focus-state ISR\n"
        "  launchgeo assess Sunan 650 --probability --samples 1000000",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _site_args(p)
    p.add_argument(
        "--bearing",
        type=float,
        metavar="DEG",
        help="bearing of the flight, degrees clockwise from north",
    )
    p.add_argument(
        "--focus-state",
        "--focus",
        dest="focus",
        metavar="ISO3",
        default=None,
        help="a state to report on in particular (reach of its EEZ, minimum range to it), "
        "e.g. JPN; default: none, every state reached is listed",
    )
    p.add_argument(
        "--probability",
        action="store_true",
        help="also estimate impact probabilities per zone (Monte Carlo, with a progress bar): "
        "range uniform over its rounding (350 -> 325-375 km), bearing uniform over "
        "+-11.25 deg of --bearing (a 16-point compass direction) or over 0-360 without it",
    )
    p.add_argument("--samples", type=int, default=200_000, metavar="N", help="Monte Carlo samples")
    p.add_argument("--seed", type=int, default=None, metavar="S", help="random seed")
    p.add_argument(
        "--zones",
        type=Path,
        metavar="FILE",
        help="zone file (Marine Regions EEZ or launchgeo format); default: embedded",
    )
    _output_args(p)

    p = sub.add_parser(
        "classify",
        parents=[common],
        help="the maritime zone of points",
        description=_wrap(
            "Classify points into maritime zones: one point as LON LAT, "
            "or a CSV file with lon and lat columns."
        ),
        epilog="examples:\n  launchgeo classify 135.0 38.5\n"
        "  launchgeo classify --csv points.csv -o classified.gpkg",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("coords", nargs="*", type=float, metavar="LON LAT", help="a point (degrees)")
    p.add_argument("--at", metavar="TEXT", help="the point as text ('38.5N 135E', DMS, MGRS)")
    p.add_argument(
        "--csv", type=Path, metavar="FILE", help="CSV file with lon and lat columns (- for stdin)"
    )
    _zones_output_json(p, "the classified points (.csv, .geojson, .json, .kml, .gpkg",
                       csv=True, json_help="print JSON instead of a table")  # fmt: skip

    p = sub.add_parser(
        "impact",
        parents=[common],
        help="locate an impact statement such as Japan's MoD issues",
        description=_wrap(
            "Read a statement such as 'about 200 km west of Okushiri "
            "Island' and print the point, the uncertainty from rounding, and its zone."
        ),
        epilog='example: launchgeo impact "about 200 km west of Okushiri Island"',
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("text", metavar="TEXT", help="the statement (quote it; - reads stdin)")
    _zones_output_json(p, "the point and its uncertainty region (.geojson, .kml, .gpkg",
                       json_help="print JSON instead of text")  # fmt: skip

    p = sub.add_parser(
        "events",
        parents=[common],
        help="check a table of launches row by row (site, range, statement, description)",
        description=_wrap(
            "Check every row of an events table (CSV, also as Excel writes it) on what it has "
            "data for: the launch place, the range against the inside/outside statement, the "
            "described impact against both. Prints a one-paragraph summary."
        ),
        epilog="examples:\n  launchgeo events launches.csv -o checked.gpkg\n"
        "  launchgeo events launches.csv --columns site=launch_site_name,statement=japan_eez "
        "-o checked.csv",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "table", type=Path, metavar="TABLE", help="CSV file, one row per missile (- for stdin)"
    )
    p.add_argument(
        "--columns",
        metavar="ROLE=COLUMN,...",
        help="column for each role (date, site, lon, lat, range, apogee, statement, "
        "description, missile_type); roles not given are detected",
    )
    p.add_argument(
        "--focus-state", default="JPN", metavar="ISO3", help="state of the EEZ statements"
    )
    _zones_output_json(p, "the checked table (.gpkg, .geojson, .json, .csv, .kml", csv=True,
                       json_help="print the rows and summary as JSON")  # fmt: skip
    return parser


def _zones_output_json(
    p: argparse.ArgumentParser, writes: str, *, csv: bool = False, json_help: str
) -> None:
    """The zone file, output, format and JSON options of classify, impact and events.

    ``writes``: what ``-o`` writes, with its suffixes.
    """
    p.add_argument("--zones", type=Path, metavar="FILE", help="zone file; default: embedded")
    p.add_argument("-o", "--output", type=Path, metavar="FILE",
                   help=f"write {writes}; - for stdout)")  # fmt: skip
    _format_arg(p, csv=csv)
    p.add_argument("--json", action="store_true", help=json_help)


def _format_arg(p: argparse.ArgumentParser, *, csv: bool = False) -> None:
    choices = ["geojson", "kml", "csv"] if csv else ["geojson", "kml"]
    p.add_argument(
        "--format",
        choices=choices,
        default=None,
        help=f"format for -o - (default {'csv' if csv else 'geojson'}); files use their suffix",
    )


# -- helpers -----------------------------------------------------------------------------------
def _site_and_ranges(ns: argparse.Namespace) -> tuple[Any, list[float]]:
    """The launch point and the ranges in km of ``rings``/``assess``."""
    from launchgeo.sites import resolve_center
    from launchgeo.units import to_km

    values = list(ns.args)
    if (ns.lon is None) != (ns.lat is None):
        raise ValidationError("give both --lon and --lat for a site by coordinates")
    if ns.at is not None and ns.lon is not None:
        raise ValidationError("give the site once: --at TEXT or --lon X --lat Y, not both")
    if ns.at is not None or ns.lon is not None:
        site: Any = _point(ns.at, ns.lon, ns.lat)
        raw = values
    else:
        name, raw = values[0], values[1:]
        if _is_number(name):
            raise ValidationError(
                f"expected a site name first, got the number {name!r}; give a site by "
                "coordinates as --lon X --lat Y, or as text with --at '39.22N 125.67E'"
            )
        lon, lat, label = resolve_center(name)  # a catalogue name, or coordinates as text
        site = name if label else (lon, lat)
        if not raw:
            raise ValidationError(f"give at least one range in km after the site {name!r}")
    ranges = []
    for text in raw:
        if not _is_number(text):
            raise ValidationError(f"range must be a number of {ns.units}, got {text!r}")
        value = float(text)
        if not math.isfinite(value) or value <= 0:
            raise ValidationError(f"range must be a finite number of {ns.units} > 0, got {text!r}")
        ranges.append(float(to_km(value, ns.units, "range")))
    _detail(ns, f"site: {site!r}; ranges: {', '.join(f'{r:g}' for r in ranges)} km")
    return site, ranges


def _point(at: str | None, lon: str | None, lat: str | None) -> tuple[float, float]:
    """(lon, lat) from --at TEXT or --lon/--lat (numbers, or DMS/DDM text with letters)."""
    from launchgeo.coordinates import parse_coordinates, parse_lat, parse_lon
    from launchgeo.sites import LaunchSite

    if at is not None:
        return parse_coordinates(at)
    assert lon is not None and lat is not None
    x = float(lon) if _is_number(lon) else parse_lon(lon)
    y = float(lat) if _is_number(lat) else parse_lat(lat)
    site = LaunchSite("(lon, lat)", lon=x, lat=y)  # validates both numbers
    return site.lon, site.lat


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _note(ns: argparse.Namespace, text: str) -> None:
    """A note on stderr (what was written), unless -q."""
    if not getattr(ns, "quiet", False):
        err(text)


def _progress(ns: argparse.Namespace) -> bool:
    """Show a progress bar (on stderr) unless -q, or stderr is closed."""
    return not getattr(ns, "quiet", False) and sys.stderr is not None


def _detail(ns: argparse.Namespace, text: str) -> None:
    """A detail on stderr (what was read, how long it took), only with -v."""
    if getattr(ns, "verbose", False):
        err(f"launchgeo: {text}")


def _to_stdout(ns: argparse.Namespace) -> bool:
    return ns.output is not None and str(ns.output) == "-"


def _write(ns: argparse.Namespace, obj: Any) -> None:
    """Export ``obj`` to ``-o FILE`` (format by suffix), or to stdout for ``-o -``."""
    from launchgeo.io import export

    if not _to_stdout(ns):
        export(obj, ns.output)
        _note(ns, f"wrote {ns.output}")
        return
    fmt = ns.format or "geojson"
    with tempfile.TemporaryDirectory() as tmp:
        path = export(obj, Path(tmp) / f"out.{fmt}")
        out(path.read_text(encoding="utf-8"), end="")


def _read_stdin(what: str) -> str:
    if sys.stdin is None or sys.stdin.isatty():
        raise ValidationError(f"{what} is '-' but nothing is piped to standard input")
    return sys.stdin.read()


def _load_zones(ns: argparse.Namespace) -> Any:
    from launchgeo.zones.core import load_zones

    path = ns.zones
    t0 = time.perf_counter()
    zones = load_zones(path) if path is not None else load_zones()
    info = zones.info
    _detail(
        ns,
        f"zones: {info.source} ({info.format}, version {info.version}, {len(zones.labels)} "
        f"zones) in {time.perf_counter() - t0:.2f} s",
    )
    return zones


def _print_json(data: Any) -> None:
    out(json_text(data))


def _table(rows: list[dict[str, Any]], columns: Sequence[str]) -> str:
    cells = [[_cell(r.get(c)) for c in columns] for r in rows]
    widths = [max([len(c)] + [len(row[i]) for row in cells]) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip()]
    lines += [
        "  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip() for row in cells
    ]
    return "\n".join(lines)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:,.3f}".rstrip("0").rstrip(".") if abs(value) < 1e6 else f"{value:,.0f}"
    if isinstance(value, tuple | list):
        return ", ".join(map(str, value))
    return str(value)


def _save_map(ns: argparse.Namespace, plot: Any, path: Path) -> None:
    from launchgeo.maps.plotting import save_figure

    save_figure(plot.figure, path)
    import matplotlib.pyplot as plt

    plt.close(plot.figure)
    _note(ns, f"wrote map {path}")


def _save_html(ns: argparse.Namespace, obj: Any, path: Path | None, zones: Any = None) -> None:
    if path is None:
        return
    from launchgeo.maps.web import web_map

    web_map(obj, zones=zones).save(path)
    _note(ns, f"wrote interactive map {path}")


def _use_agg() -> None:
    import matplotlib

    matplotlib.use("Agg")


# -- commands ----------------------------------------------------------------------------------
def _cmd_sites(ns: argparse.Namespace) -> int:
    from launchgeo.sites import find_sites

    sites = find_sites(ns.query)
    if not sites:
        raise ValidationError(
            f"no launch site matches {ns.query!r}; run `launchgeo sites` to list all"
        )
    rows = [
        {
            "name": s.name,
            "lon": s.lon,
            "lat": s.lat,
            "country": s.country,
            "aliases": list(s.aliases),
            "uncertainty_km": None if math.isnan(s.uncertainty_km) else s.uncertainty_km,
            "source": s.source,
        }
        for s in sites
    ]
    if ns.json:
        _print_json(rows)
    else:
        out(_table(rows, ["name", "lon", "lat", "country", "aliases"]))
    return 0


def _cmd_rings(ns: argparse.Namespace) -> int:
    from launchgeo.geodesy.rings import range_rings

    site, ranges = _site_and_ranges(ns)
    gdf = range_rings(site, ranges)
    if ns.output is not None:
        _write(ns, gdf)
    if ns.map is not None or ns.html is not None:
        from launchgeo.geodesy.rings import range_ring

        rings = [range_ring(site, r) for r in ranges]
        _save_html(ns, rings, ns.html)
    if ns.map is not None:
        _use_agg()
        from launchgeo.maps.plotting import plot_rings

        _save_map(ns, plot_rings(rings), ns.map)
    if _to_stdout(ns):
        return 0
    cols = [
        "site",
        "center_lon",
        "center_lat",
        "range_km",
        "area_km2",
        "max_edge_error_m",
        "encloses_north_pole",
        "encloses_south_pole",
        "crosses_antimeridian",
    ]
    rows = gdf[cols].to_dict("records")
    if ns.json:
        _print_json(rows)
    else:
        out(
            _table(
                rows,
                [
                    "site",
                    "range_km",
                    "area_km2",
                    "max_edge_error_m",
                    "encloses_north_pole",
                    "crosses_antimeridian",
                ],
            )
        )
    return 0


def _cmd_assess(ns: argparse.Namespace) -> int:
    from launchgeo.findings.assessment import assess_launch

    site, ranges = _site_and_ranges(ns)
    zones = _load_zones(ns)
    t0 = time.perf_counter()
    results = assess_launch(
        site, ranges, zones=zones, bearing_deg=ns.bearing, focus_state=ns.focus
    )
    _detail(ns, f"assessed {len(results)} range(s) in {time.perf_counter() - t0:.2f} s")
    if ns.output is not None:
        _write(ns, list(results))  # site, rings, boundary, arcs (and impact)
    _save_html(ns, list(results), ns.html, zones)
    if ns.map is not None:
        _use_agg()
        from launchgeo.maps.plotting import plot_assessment

        _save_map(ns, plot_assessment(results, zones=zones), ns.map)
    probabilities = [_probability(ns, site, r, zones) for r in ranges] if ns.probability else []
    if _to_stdout(ns):
        return 0
    if ns.json:
        dicts = [_assessment_dict(a) for a in results]
        for d, p in zip(dicts, probabilities, strict=False):
            d["probabilities"] = dict(p.probabilities)
            d["confidence_intervals"] = {k: list(v) for k, v in p.confidence_intervals.items()}
            d["samples"] = p.n
            d["seed"] = p.seed
        _print_json(dicts)
    else:
        texts = [a.summary() for a in results]
        texts = [
            t + "\n" + p.summary() for t, p in zip(texts, probabilities, strict=False)
        ] or texts
        out("\n\n".join(texts))
    return 0


def _probability(ns: argparse.Namespace, site: Any, range_km: float, zones: Any) -> Any:
    """Impact probabilities for the assess command: rounding of the range, compass bearing."""
    from launchgeo.findings.reports import rounding_halfwidth_km
    from launchgeo.probability.distributions import Uniform
    from launchgeo.probability.uncertainty import impact_probability

    half = rounding_halfwidth_km(range_km)
    bearing = (
        Uniform(0.0, 360.0)
        if ns.bearing is None
        else Uniform(ns.bearing - 11.25, ns.bearing + 11.25)
    )
    return impact_probability(
        site,
        range_km=Uniform(max(range_km - half, 0.0), range_km + half),
        bearing_deg=bearing,
        zones=zones,
        n=ns.samples,
        seed=ns.seed,
        progress=_progress(ns),
    )


def _assessment_dict(a: Any) -> dict[str, Any]:
    out = {
        "site": a.site,
        "center_lon": a.center_lon,
        "center_lat": a.center_lat,
        "range_km": a.range_km,
        "zone_source": a.zone_source,
        "arcs": a.arcs.to_dict("records"),
        "summary": a.summary(),
    }
    if getattr(a, "impact_lon", None) is not None:
        out.update(
            bearing_deg=a.bearing_deg,
            impact_lon=a.impact_lon,
            impact_lat=a.impact_lat,
            impact_zone=a.impact_zone,
        )
    return out


def _cmd_classify(ns: argparse.Namespace) -> int:
    import pandas as pd

    given = sum(x is not None and x != [] for x in (ns.csv, ns.coords, ns.at))
    if given > 1:
        raise ValidationError("give one of LON LAT, --at TEXT or --csv FILE")
    if ns.at is not None:
        lon, lat = _point(ns.at, None, None)
        frame = pd.DataFrame({"lon": [lon], "lat": [lat]})
    elif ns.csv is None:
        if len(ns.coords) != 2:
            raise ValidationError(f"give one point as LON LAT (2 numbers), got {len(ns.coords)}")
        frame = pd.DataFrame({"lon": [ns.coords[0]], "lat": [ns.coords[1]]})
    else:
        from launchgeo.cli._csv import read_points_csv, read_text

        stdin = str(ns.csv) == "-"
        name = "<stdin>" if stdin else str(ns.csv)
        frame = read_points_csv(_read_stdin("--csv") if stdin else read_text(ns.csv, name), name)
        _detail(ns, f"read {len(frame)} rows from {'stdin' if stdin else ns.csv}")
    zones = _load_zones(ns)
    frame["zone"] = zones.classify(frame["lon"].to_numpy(float), frame["lat"].to_numpy(float))
    if ns.output is not None:
        if _to_stdout(ns) and (ns.format or "csv") == "csv":
            out_csv(frame)
            return 0
        if ns.output.suffix.lower() == ".csv":
            _write_csv(frame, ns.output)
            _note(ns, f"wrote {ns.output}")
        else:
            _write(ns, frame)
        if _to_stdout(ns):
            return 0
    rows = frame.to_dict("records")
    if ns.json:
        _print_json(rows)
    elif ns.csv is None:
        out(rows[0]["zone"])
    elif ns.output is None:
        out_csv(frame)
    return 0


def _write_csv(frame: Any, path: Path) -> None:
    """A table as CSV, written atomically (a failure leaves the old file as it was)."""
    from launchgeo._atomic import atomic_path, check_path

    target = check_path(path, "CSV")
    with atomic_path(target) as tmp, open(tmp, "w", encoding="utf-8", newline="") as fh:
        frame.to_csv(fh, index=False)


def _data_error(message: str) -> LaunchgeoError:
    from launchgeo.errors import DataError

    return DataError(message)


def _cmd_impact(ns: argparse.Namespace) -> int:
    from launchgeo.findings.statements import parse_impact_description

    text = _read_stdin("TEXT").strip() if ns.text == "-" else ns.text
    est = parse_impact_description(text)
    zone = None
    if est.lon is not None and est.lat is not None:
        zone = str(_load_zones(ns).classify(est.lon, est.lat))
    data = {
        "text": est.text,
        "landmark": est.landmark.name,
        "landmark_lon": est.landmark.lon,
        "landmark_lat": est.landmark.lat,
        "distance_km": est.distance_km,
        "distance_min_km": est.distance_min_km,
        "distance_max_km": est.distance_max_km,
        "bearing_deg": est.bearing_deg,
        "bearing_min_deg": est.bearing_min_deg,
        "bearing_max_deg": est.bearing_max_deg,
        "lon": est.lon,
        "lat": est.lat,
        "zone": zone,
    }
    if ns.output is not None:
        import geopandas as gpd
        from shapely.geometry import Point

        row = {k: v for k, v in data.items() if k not in {"lon", "lat"}}
        geoms = [est.region]
        rows = [{**row, "part": "uncertainty_region"}]
        if est.lon is not None and est.lat is not None:
            geoms.append(Point(est.lon, est.lat))
            rows.append({**row, "part": "point", "lon": est.lon, "lat": est.lat})
        _write(ns, gpd.GeoDataFrame(rows, geometry=geoms, crs="EPSG:4326"))
        if _to_stdout(ns):
            return 0
    if ns.json:
        _print_json(data)
        return 0
    out(f"{est.text}")
    out(f"  landmark: {est.landmark.name} ({est.landmark.lat:.4f}, {est.landmark.lon:.4f})")
    spread = f"{est.distance_min_km:,.0f}-{est.distance_max_km:,.0f} km"
    if est.bearing_deg is None:
        out(f"  distance: {est.distance_km:,.0f} km ({spread}), no direction given")
        return 0
    out(
        f"  distance: {est.distance_km:,.0f} km ({spread}); bearing {est.bearing_deg:.2f} deg "
        f"({est.bearing_min_deg:.2f}-{est.bearing_max_deg:.2f})"
    )
    out(f"  point: lon {est.lon:.4f}, lat {est.lat:.4f}")
    out(f"  zone: {zone}")
    return 0


def _cmd_events(ns: argparse.Namespace) -> int:
    from launchgeo.findings.events import assess_events, summarize_events

    zones = _load_zones(ns)
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        table = ns.table
        if str(table) == "-":  # stdin: through a file, so that Excel's CSVs are read alike
            table = Path(tmp) / "stdin.csv"
            table.write_text(_read_stdin("TABLE"), encoding="utf-8")
        try:
            result = assess_events(
                table, columns=ns.columns, focus_state=ns.focus_state, zones=zones,
                progress=_progress(ns),
            )  # fmt: skip
        except (LaunchgeoError, OSError):
            raise
        except Exception as exc:  # never a traceback: say what failed, in one line
            raise ValidationError(
                f"could not check {str(ns.table)!r}: {type(exc).__name__}: {exc}"
            ) from exc
    _detail(ns, f"checked {len(result)} rows in {time.perf_counter() - t0:.1f} s")
    summary = summarize_events(result)
    if ns.output is not None:
        if _to_stdout(ns) and (ns.format or "geojson") == "csv":
            out_csv(result.drop(columns=result.geometry.name))
        elif _to_stdout(ns):
            _write(ns, result)
        else:
            _write_table(result, ns.output)
            _note(ns, f"wrote {ns.output}")
    if ns.json:
        rows = json.loads(result.drop(columns=result.geometry.name).to_json(orient="records"))
        _print_json(
            {"columns": result.attrs.get("columns"), "summary": summary.text(),
             "counts": summary.__dict__, "rows": rows}
        )  # fmt: skip
    elif not _to_stdout(ns):
        _note(ns, result.attrs.get("columns", ""))
        out(_wrap(summary.text()))
    return 0


def _write_table(result: Any, path: Path) -> None:
    """CSV (geometry as launch_lon/launch_lat) or any format of launchgeo.export."""
    if path.suffix.lower() == ".csv":
        _write_csv(result.drop(columns=result.geometry.name), path)
        return
    from launchgeo.io import export

    export(result, path)


_COMMANDS = {
    "sites": _cmd_sites,
    "rings": _cmd_rings,
    "assess": _cmd_assess,
    "classify": _cmd_classify,
    "impact": _cmd_impact,
    "events": _cmd_events,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``launchgeo`` command; returns the exit status.

    Parameters
    ----------
    argv : sequence of str, optional
        Arguments without the program name (default: ``sys.argv[1:]``).

    Returns
    -------
    int
        0 on success; 1 on an error (printed as one line on stderr, never a traceback; with
        ``--json`` also as ``{"error": ...}`` on stdout); 2 on a bad command line; 130 when
        interrupted; 141 when the reader of the output went away.

    Examples
    --------
    >>> main(["rings", "Nowhere-ri", "300"])
    1
    """
    args = list(sys.argv[1:] if argv is None else argv)
    want_json = "--json" in args
    try:
        ns = build_parser().parse_args(args)
        status = _COMMANDS[ns.command](ns)
        if sys.stdout is not None:
            sys.stdout.flush()  # a closed pipe shows here, not at exit
        return status
    except _UsageError as exc:
        err(exc.usage.rstrip())
        return _failed(str(exc), "UsageError", EXIT_USAGE, want_json)
    except BrokenPipeError:
        return quiet_broken_pipe()
    except StdoutClosed as exc:
        return _failed(str(exc), "StdoutClosed", EXIT_ERROR, False)
    except (LaunchgeoError, OSError) as exc:
        message = " ".join(str(exc).split())
        if isinstance(exc, OSError) and not isinstance(exc, LaunchgeoError):
            message = f"{type(exc).__name__}: {message}"
        return _failed(message, type(exc).__name__, EXIT_ERROR, want_json)
    except KeyboardInterrupt:
        err("launchgeo: interrupted")
        return EXIT_INTERRUPTED
    except Exception as exc:  # a bug: still one line, and what to report
        message = " ".join(str(exc).split())
        text = (
            f"unexpected {type(exc).__name__}: {message} (this is a bug in launchgeo; please "
            "report it with the command you ran)"
        )
        return _failed(text, type(exc).__name__, EXIT_ERROR, want_json)


def _failed(message: str, kind: str, status: int, want_json: bool) -> int:
    """Report a failure: one line on stderr, and with ``--json`` an error object on stdout."""
    err(f"launchgeo: error: {message}")
    if want_json and sys.stdout is not None:
        try:
            doc = {"error": message, "error_type": kind, "exit_status": status}
            out(json_text(doc))
            sys.stdout.flush()
        except BrokenPipeError:
            return quiet_broken_pipe()
        except (OSError, ValueError):
            pass
    return status
