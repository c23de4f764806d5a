"""The canonical worked example: North Korea's launch of 2023-09-13 from the Sunan area.

Two short-range ballistic missiles, ten minutes apart, flew about 350 km and 650 km; Japan's
Ministry of Defense said both fell outside Japan's Exclusive Economic Zone. This script derives
the finding from first principles on the embedded zone data and writes the report:

- the finding for each missile (printed, and in ``sunan_2023_09_13.txt``);
- whether Japan's "outside the EEZ" statement is geometrically consistent with each range;
- impact probabilities under stated uncertainties (range rounding, unknown bearing);
- the map ``sunan_2023_09_13.png``, an interactive map ``sunan_2023_09_13.html`` (opens
  offline in a browser), and the site, rings and arcs as GeoJSON.

Run: python examples/sunan_2023_09_13.py [--out out] [--zones MARINE_REGIONS_FILE]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import launchgeo
from launchgeo import Uniform

RANGES_KM = (350.0, 650.0)
#: "About 350 km" and "about 650 km": the figures are rounded to 50 km (+-25 km).
RANGE_HALFWIDTH_KM = 25.0
#: The bearings were not published; the missiles flew east into the Sea of Japan (ROK JCS),
#: so the probabilities are given for any bearing and for bearings between north-east and
#: south-east.
BEARINGS = {"any bearing": Uniform(0.0, 360.0), "bearings 45°–135°": Uniform(45.0, 135.0)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("out"), help="output folder")
    parser.add_argument("--zones", help="a Marine Regions World EEZ file instead of the embedded")
    parser.add_argument("--samples", type=int, default=200_000, help="Monte Carlo samples")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)

    zones = launchgeo.load_zones(args.zones) if args.zones else launchgeo.load_zones()
    site = launchgeo.get_site("Sunan")
    lines = [
        "North Korea, 2023-09-13: two short-range ballistic missiles from the Sunan area",
        f"Launch site: {site.name} ({site.lat:.4f} N, {site.lon:.4f} E), "
        f"uncertain by ~{site.uncertainty_km:.0f} km; coordinates: {site.source}",
        "",
    ]
    assessments = []
    for range_km in RANGES_KM:
        a = launchgeo.assess_launch(site, range_km, zones=zones, focus_state="JPN")
        assessments.append(a)
        check = launchgeo.check_report(site, range_km, "outside", zones=zones)
        lines += [f"Missile flying about {range_km:,.0f} km:", "  " + a.summary()]
        lines.append(
            "  Japan's statement 'outside Japan's EEZ' is "
            + ("consistent" if check.consistent else "NOT consistent")
            + f" with this range: {check.reason}"
        )
        for what, bearing in BEARINGS.items():
            p = launchgeo.impact_probability(
                site,
                range_km=Uniform(range_km - RANGE_HALFWIDTH_KM, range_km + RANGE_HALFWIDTH_KM),
                bearing_deg=bearing,
                zones=zones,
                n=args.samples,
                seed=20230913,
            )
            prob, (lo, hi) = p.probability_of(["JPN:eez", "JPN:territorial_sea"])
            claimed, _ = p.probability_of([lab for lab in p.probabilities if "JPN/" in lab])
            lo_km, hi_km = range_km - RANGE_HALFWIDTH_KM, range_km + RANGE_HALFWIDTH_KM
            lines.append(
                f"  P(inside Japan's EEZ or territorial sea | range uniform {lo_km:,.0f}–"
                f"{hi_km:,.0f} km, {what}) = {prob:.3f} (95% CI {lo:.3f}–{hi:.3f}); "
                f"P(in an area Japan claims with a neighbour) = {claimed:.3f}; {p.n:,} samples"
            )
        lines.append("")
    text = "\n".join(lines)
    print(text)
    (args.out / "sunan_2023_09_13.txt").write_text(text + "\n", encoding="utf-8")

    rings = launchgeo.range_rings(site, RANGES_KM)
    launchgeo.export(rings, args.out / "sunan_2023_09_13_rings.geojson")
    for a in assessments:
        launchgeo.export(a, args.out / f"sunan_2023_09_13_arcs_{a.range_km:.0f}km.geojson")
    from launchgeo.maps.web import web_map

    web_map(assessments, zones=zones).save(args.out / "sunan_2023_09_13.html")

    import matplotlib

    matplotlib.use("Agg")
    from launchgeo.maps import plot_assessment, save_figure

    plot = plot_assessment(
        assessments,
        zones=zones,
        title="North Korea's launch of 2023-09-13 from Sunan: about 350 km and 650 km",
    )
    png = save_figure(plot, args.out / "sunan_2023_09_13.png", dpi=200)
    print(f"Wrote {png}, {args.out / 'sunan_2023_09_13.txt'}, the HTML map and GeoJSON rings/arcs")


if __name__ == "__main__":
    main()
