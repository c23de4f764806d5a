"""Run every benchmark in benchmarks/ and regenerate docs/benchmarks.md from their output.

    .venv/bin/python benchmarks/run_all.py [--only rings,fast_forward] [--skip scale_out]
                                           [--out docs/benchmarks.md] [--list]

(``make bench`` runs it with no options.) Every script ``benchmarks/<name>.py`` (except this one
and the ``_private`` helpers) is run with this interpreter, one after another, its output shown
as it runs. A script reports its results by ending its output with a Markdown section that
starts with the line

    ## <Title> — `benchmarks/<name>.py`

and runs to the end of its output. The sections are written to the output file in a fixed order
(then any new script alphabetically), under a header naming the machine, the date, and the
versions of Python and the libraries. A script that prints no section (it skipped: no
``../shared`` data, no dask; or it failed) keeps its previous section from the file, marked as
not regenerated, with the reason. Scripts added later are picked up as long as they follow the
rule. The exit status is 1 if any script failed (the file is written all the same).
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.metadata
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DEFAULT_OUT = REPO / "docs" / "benchmarks.md"
#: Preferred order of sections; scripts not listed follow alphabetically.
ORDER = [
    "startup",
    "rings",
    "classify",
    "zone_accuracy",
    "zone_resolution",
    "japan_statements",
    "events_validation",
    "fast_forward",
    "impact_probability",
    "assess_launch",
    "scale_out",
    "trajectory_cases",
]
LIBRARIES = ["numpy", "shapely", "pyproj", "geopandas", "pandas", "scipy", "dask", "launchgeo"]
INTRO = """# Benchmarks and validation

Every script runs launchgeo and the strongest competing approach a user would write (or the
reference data) **in the same run**, with the same warm-up and the same number of interleaved
rounds for every side (`benchmarks/_common.py`), and prints the median (min–max), the ratio and
the distance to the floor (the least work any method must do). Machines are shared and noisy:
ratios from one run mean more than absolute times. Scripts that need the validation data in
`../shared` (or an optional dependency) print a message and exit 0 without it; their section
below is then the last one generated.

This file is generated: `make bench` (= `.venv/bin/python benchmarks/run_all.py`) runs every
script in `benchmarks/` and writes it from their Markdown sections; one script alone:
`.venv/bin/python benchmarks/NAME.py`, or `benchmarks/run_all.py --only NAME` to update its
section here. With `BENCH_BEFORE_SRC=../main/src` (another checkout's `src`), the
impact-probability and launch-assessment benchmarks also time that version ("before").
"""


def header_re(name: str) -> re.Pattern[str]:
    return re.compile(rf"^## .+ — `benchmarks/{re.escape(name)}\.py`[ \t]*$", re.MULTILINE)


ANY_HEADER = re.compile(r"^## .+ — `benchmarks/([A-Za-z0-9_]+)\.py`[ \t]*$", re.MULTILINE)
NOTE_RE = re.compile(r"^_Not regenerated on .*_\n\n?", re.MULTILINE)


def scripts() -> list[str]:
    names = sorted(
        p.stem for p in HERE.glob("*.py") if not p.name.startswith("_") and p.stem != "run_all"
    )
    rank = {n: i for i, n in enumerate(ORDER)}
    return sorted(names, key=lambda n: (rank.get(n, len(ORDER)), n))


def old_sections(text: str) -> dict[str, str]:
    """Sections of an existing file, by script name."""
    heads = list(ANY_HEADER.finditer(text))
    out = {}
    for i, m in enumerate(heads):
        end = heads[i + 1].start() if i + 1 < len(heads) else len(text)
        out[m.group(1)] = text[m.start() : end].rstrip() + "\n"
    return out


def section_of(name: str, stdout: str) -> str | None:
    """The script's Markdown section: its header line to the end of its output."""
    matches = list(header_re(name).finditer(stdout))
    if not matches:
        return None
    return stdout[matches[-1].start() :].rstrip() + "\n"


def run(name: str) -> tuple[int, str, float]:
    """Run one script, echoing its output; return (exit code, stdout, seconds)."""
    print(f"\n===== benchmarks/{name}.py =====", flush=True)
    t0 = time.perf_counter()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, str(HERE / f"{name}.py")],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    lines = []
    for line in proc.stdout:
        sys.stdout.write(line)
        lines.append(line)
    code = proc.wait()
    return code, "".join(lines), time.perf_counter() - t0


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def environment() -> str:
    versions = []
    for lib in LIBRARIES:
        try:
            versions.append(f"{lib} {importlib.metadata.version(lib)}")
        except importlib.metadata.PackageNotFoundError:
            continue
    try:
        load = f", load average {os.getloadavg()[0]:.2f} at the end"
    except OSError:  # pragma: no cover
        load = ""
    return (
        f"Generated {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC on {cpu_model()}, "
        f"{os.cpu_count()} cores ({platform.system()} {platform.release()}), shared with other "
        f"jobs{load}; Python {platform.python_version()}; " + ", ".join(versions) + "."
    )


def write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="comma-separated script names to run (others kept)")
    parser.add_argument("--skip", default="", help="comma-separated script names not to run")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--list", action="store_true", help="list the scripts and exit")
    args = parser.parse_args()
    names = scripts()
    if args.list:
        print("\n".join(names))
        return 0
    wanted = set(args.only.split(",")) if args.only else set(names)
    unknown = wanted - set(names)
    if unknown:
        print(f"unknown benchmark(s): {', '.join(sorted(unknown))}; known: {', '.join(names)}")
        return 2
    wanted -= set(filter(None, args.skip.split(",")))
    old = old_sections(args.out.read_text(encoding="utf-8")) if args.out.exists() else {}
    today = dt.date.today().isoformat()
    sections: dict[str, str] = {}
    failed = []
    summary = []
    for name in names:
        if name not in wanted:
            if name in old:
                sections[name] = old[name]
            continue
        code, out, seconds = run(name)
        new = section_of(name, out)
        if code:
            failed.append(name)
        if new is not None:
            sections[name] = new
            summary.append(f"{name}: section regenerated ({seconds:.0f} s, exit {code})")
            continue
        last = next((ln for ln in reversed(out.splitlines()) if ln.strip()), "no output").strip()
        if code:
            reason = f"exit {code}: {last}"
        elif "SKIPPED" in out or "skipped" in last.lower():
            reason = last
        else:
            reason = f"it printed no `## … — benchmarks/{name}.py` section; last line: {last}"
        summary.append(f"{name}: no section ({reason})")
        if name in old:
            head, _, body = old[name].partition("\n")
            body = NOTE_RE.sub("", body.lstrip("\n"))
            note = f"_Not regenerated on {today} ({reason[:200]}); the results below are older._"
            sections[name] = f"{head}\n\n{note}\n\n{body}"
    body = "\n".join(sections[n] for n in names if n in sections)
    ran = [n for n in names if n in wanted]
    scope = (
        ""
        if set(ran) == set(names)
        else f" This run regenerated {', '.join(ran)}; the other sections are from earlier runs."
    )
    write_atomic(args.out, f"{INTRO}\n{environment()}{scope}\n\n{body}")
    print("\n===== run_all =====")
    print("\n".join(summary))
    print(f"wrote {args.out}")
    if failed:
        print(f"failed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
