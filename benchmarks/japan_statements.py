"""Validate launchgeo against Japan's statements on real North Korean launches (1998-2019).

For every missile in ../shared/reference/events/nk_launches_dev_1998_2019.csv with an impact
description, parse it, classify the point with the zone data and compare with Japan's stated
inside/outside-EEZ finding; for every missile with a launch site and range, check that the report
is geometrically consistent. Disagreements are listed with the point's distance to the EEZ
boundary: a point within the statement's rounding of the boundary is not a failure of geometry.

Run: python benchmarks/japan_statements.py [--zones PATH]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import shapely

sys.path.insert(0, str(Path(__file__).parent))
from _common import SHARED_DIR, machine, run_with_section

import launchgeo
from launchgeo.errors import LaunchgeoError

EVENTS = SHARED_DIR / "reference" / "events" / "nk_launches_dev_1998_2019.csv"
NEAR_KM = 10.0


def match_site(text: str) -> launchgeo.LaunchSite | None:
    """The launch place of a free-text site field, read as the library reads reports.

    ``launchgeo.resolve_reported_site``: aliases, "near X", "X area", provinces, alternatives
    in brackets (an area covering them); None when the text names no place it knows.
    """
    if not isinstance(text, str) or not text.strip():
        return None
    try:
        return launchgeo.resolve_reported_site(text).site
    except launchgeo.errors.LaunchgeoError:
        return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--zones", help="zone file (default: the embedded zones)")
    args = parser.parse_args()
    if not EVENTS.exists():
        print(f"SKIPPED: {EVENTS} not found (validation data lives in ../shared)")
        return 0
    zones = launchgeo.load_zones(args.zones) if args.zones else launchgeo.load_zones()
    jpn = shapely.union_all(
        [zones.geometry(lab) for lab in zones.labels if lab.split(":")[0].split("/").count("JPN")
         and lab.split(":")[1] in ("eez", "territorial_sea", "overlapping_claim", "joint_regime")]
    )  # fmt: skip
    events = pd.read_csv(EVENTS)
    print(f"# benchmarks/japan_statements.py  events: {EVENTS.name}  zones: {zones.info.source} "
          f"{zones.info.version}")  # fmt: skip

    print("\n== Described impacts vs Japan's inside/outside statement ==")
    rows = []
    for ev in events.itertuples():
        if ev.japan_eez not in ("inside", "outside") or not isinstance(ev.impact_description, str):
            continue
        try:
            found = launchgeo.find_impact_descriptions(ev.impact_description, skip_unknown=True)
        except LaunchgeoError:
            continue
        for est in found:
            if est.lon is None:
                continue
            inside = bool(zones.in_eez(est.lon, est.lat, "JPN"))
            # Geodesic distance to the boundary (densified boundary vertices, WGS84).
            coords = shapely.get_coordinates(shapely.segmentize(jpn.boundary, 0.01))
            d_km = float(
                np.min(launchgeo.distance_km(est.lon, est.lat, coords[:, 0], coords[:, 1]))
            )
            # Share of the statement's rounding region inside the EEZ (planar area ratio).
            share_in = shapely.area(shapely.intersection(est.region, jpn)) / shapely.area(
                est.region
            )
            stated, ours = ev.japan_eez, "inside" if inside else "outside"
            rows.append((ev.date, est.text, stated, ours, d_km, share_in))
    agree = [r for r in rows if r[2] == r[3]]
    print(f"described impacts with a point and a statement: {len(rows)}; agree: {len(agree)}; "
          f"disagree: {len(rows) - len(agree)}")  # fmt: skip
    print(
        f"{'date':<11} {'stated':<8} {'ours':<8} {'km to boundary':>14} {'region in EEZ':>13}  text"
    )
    failures = 0
    for r in rows:
        excused = r[4] <= NEAR_KM or 0 < r[5] < 1
        why = "near the boundary" if r[4] <= NEAR_KM else "rounding region straddles the boundary"
        mark = "" if r[2] == r[3] else (f"  <- {why}" if excused else "  <- DISAGREES")
        failures += r[2] != r[3] and not excused
        print(f"{r[0]:<11} {r[2]:<8} {r[3]:<8} {r[4]:>14.1f} {r[5]:>12.0%}  {r[1]}{mark}")
    far = [r for r in rows if r[4] > NEAR_KM]
    far_agree = [r for r in far if r[2] == r[3]]
    print(
        f"impacts more than {NEAR_KM:g} km from the boundary: {len(far)}; agree: {len(far_agree)}"
    )
    print("(a disagreement whose rounding region straddles the boundary is within the statement's "
          "own precision, not a failure of geometry)")  # fmt: skip

    print("\n== Reported site + range vs Japan's statement (check_report) ==")
    n = ok = 0
    for ev in events.itertuples():
        site = match_site(ev.launch_site_name)
        if (
            site is None
            or not np.isfinite(ev.range_km)
            or ev.japan_eez not in ("inside", "outside")
        ):
            continue
        check = launchgeo.check_report(site, float(ev.range_km), ev.japan_eez, zones=zones)
        n += 1
        ok += check.consistent
        verdict = "consistent" if check.consistent else "NO  <- INCONSISTENT"
        print(
            f"{ev.date:<11} {site.name[:28]:<28} {ev.range_km:>6.0f} km {ev.japan_eez:<8} "
            f"{verdict}  {check.reason[:90]}"
        )
    print(f"reports with a catalogue site and a range: {n}; consistent: {ok}")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(
        run_with_section(
            main,
            "Japan's statements",
            __file__,
            [
                "The 1998–2019 events in `../shared/reference/events` with Japan's "
                f"inside/outside-EEZ finding, the embedded zones; {machine()}. A disagreement "
                f"within {NEAR_KM:g} km of the boundary, or whose rounding region straddles "
                "it, is within the statement's own precision."
            ],
        )
    )
