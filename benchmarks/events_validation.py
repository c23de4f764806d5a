"""Validation of ``assess_events`` on real North Korean launches, 1998-2019.

Reads ``../shared/reference/events/nk_launches_dev_1998_2019.csv`` (one row per missile, with
Japan's inside/outside finding and its impact descriptions; see that folder's README) with only
a column mapping, and prints:

* coverage: on how many rows each check ran (and how many rows had the data for it);
* agreement: on how many of those the geometry agrees with the reported figures and Japan's
  finding (``checked_consistent``), and how many of the range checks could have failed at all
  (``informative``);
* every row that fails a check, with the reason, and every reason a check was not run;
* a Markdown section for docs/benchmarks.md.

Usage: ``python benchmarks/events_validation.py`` (skips with a message when the validation
data are absent). The data are an oracle to check against, not ground truth to tune to.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import SHARED_DIR, machine

import launchgeo
from launchgeo.findings.events import CHECKS

TABLE = SHARED_DIR / "reference" / "events" / "nk_launches_dev_1998_2019.csv"
COLUMNS = {
    "date": "date", "site": "launch_site_name", "lon": "launch_lon", "lat": "launch_lat",
    "range": "range_km", "apogee": "apogee_km", "statement": "japan_eez",
    "description": "impact_description", "missile_type": "missile_type",
}  # fmt: skip


def main() -> int:
    """Run the validation and print the report."""
    if not TABLE.exists():
        print(f"skipped: {TABLE} is absent (validation data are not part of a clone)")
        return 0
    t0 = time.perf_counter()
    out = launchgeo.assess_events(TABLE, columns=COLUMNS)
    seconds = time.perf_counter() - t0
    summary = launchgeo.summarize_events(out)
    n = len(out)
    has_range = out["range_km"].astype(str).str.strip() != ""
    known = out["japan_eez"].isin(["inside", "outside"])
    has_text = out["impact_description"].astype(str).str.strip() != ""
    eligible = {
        "site_check": n,
        "range_check": int((has_range & known).sum()),
        "statement_check": int((has_text & known).sum()),
        "description_check": int((has_text & has_range).sum()),
    }
    print(f"events validation: {TABLE.name}, {n} rows, {seconds:.1f} s ({machine()})")
    print(out.attrs["columns"])
    print()
    print(f"{'check':18} {'has data':>9} {'ran':>5} {'consistent':>11} {'informative':>12}")
    informative = {
        "range_check": int(out["range_informative"].eq(True).sum()),
        "statement_check": int(out["statement_informative"].eq(True).sum()),
    }
    for c in CHECKS:
        inf = informative.get(c)
        print(
            f"{c:18} {eligible[c]:9d} {summary.coverage[c]:5d} {summary.agreement[c]:11d} "
            f"{'' if inf is None else inf:>12}"
        )
    print()
    print(summary.text())
    failing = out[(out[list(CHECKS)] == "checked_inconsistent").any(axis=1)]
    print(f"\nrows failing a check: {len(failing)}")
    for _, row in failing.iterrows():
        print(f"  {row['date']} {row['launch_site_name']!r}: {row['note']}")
    unresolved = out[out["range_check"].eq("not_checked") & has_range & known]
    print(f"\nrows with a range and a statement whose range check did not run: {len(unresolved)}")
    for _, row in unresolved.iterrows():
        print(f"  {row['date']}: {row['range_check_note']}")
    reasons: Counter[str] = Counter()
    for c in CHECKS:
        for note in out.loc[out[c] == "not_checked", f"{c}_note"]:
            reasons[f"{c}: {note[:110]}"] += 1
    print("\nnot checked, by check and reason:")
    for reason, count in reasons.most_common():
        print(f"  {count:3d} × {reason}")
    print()
    print("## Events table validation — `benchmarks/events_validation.py`")
    print()
    print(
        f"`assess_events` on the shared 1998–2019 table of North Korean launches ({n} rows, "
        "one per missile; read with a column mapping only), embedded zones, Japan as focus "
        f"state; {seconds:.1f} s including first-use loading ({machine()})."
    )
    print()
    print("| check | rows with the data | ran | consistent | informative |")
    print("|---|---:|---:|---:|---:|")
    for c in CHECKS:
        inf = informative.get(c)
        print(
            f"| {c} | {eligible[c]} | {summary.coverage[c]} | {summary.agreement[c]} | "
            f"{'—' if inf is None else inf} |"
        )
    print()
    print(
        f"Rows failing a check: {len(failing)}. Rows with a range and a Japanese "
        f"inside/outside finding whose range check did not run: {len(unresolved)}. "
        "Not run, most common reasons: "
        + "; ".join(f"{k} ({v})" for k, v in list(summary.not_checked.items())[:4])
        + "."
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
