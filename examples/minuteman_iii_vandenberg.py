"""A worked example outside East Asia: a Minuteman III test flight from Vandenberg to Kwajalein.

Facts (sources):

- Minuteman III ICBM test launches are fired from Vandenberg Space Force Base, California, at
  the Reagan Test Site on Kwajalein Atoll in the Marshall Islands (US Air Force Global Strike
  Command press releases on each "GT" test launch; Wikipedia, "Vandenberg Space Force Base"
  and "Reagan Test Site").
- The same press releases say the reentry vehicle "traveled approximately 4,200 miles to the
  Kwajalein Atoll". This script computes the geodesic distance between the catalogue points:
  about 7,800 km, that is 4,210 nautical miles (4,845 statute miles): the releases' "miles"
  match nautical miles.

What the script derives, on the embedded zone data (which covers the Marshall Islands):

- the distance and bearing from Vandenberg to Kwajalein, in km, nautical and statute miles;
- the assessment of a flight of that range (which states' waters the ring reaches, and on
  which bearings), and of 6,800 km (too short to reach the Marshall Islands' EEZ);
- the probability that the reentry vehicle ends in the Marshall Islands' EEZ or territorial
  sea if it flies the range to Kwajalein within +-50 km on the bearing to it within +-0.5°.

Run: python examples/minuteman_iii_vandenberg.py [--out out] [--samples N]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import launchgeo
from launchgeo import Uniform

KM_PER_NMI = 1.852
KM_PER_MILE = 1.609344


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("out"), help="output folder")
    parser.add_argument("--samples", type=int, default=20_000, help="Monte Carlo samples")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)

    zones = launchgeo.load_zones()
    vandenberg = launchgeo.get_site("Vandenberg")
    kwajalein = launchgeo.get_site("Kwajalein")
    range_km = float(
        launchgeo.distance_km(vandenberg.lon, vandenberg.lat, kwajalein.lon, kwajalein.lat)
    )
    bearing = float(
        launchgeo.azimuth_deg(vandenberg.lon, vandenberg.lat, kwajalein.lon, kwajalein.lat)
    )
    lines = [
        "Minuteman III test flight: Vandenberg Space Force Base -> Reagan Test Site, Kwajalein",
        f"Launch site: {vandenberg.name} ({vandenberg.lat:.4f} N, {-vandenberg.lon:.4f} W), "
        f"within ~{vandenberg.uncertainty_km:.0f} km; coordinates: {vandenberg.source}",
        f"Target: {kwajalein.name} ({kwajalein.lat:.4f} N, {kwajalein.lon:.4f} E), "
        f"within ~{kwajalein.uncertainty_km:.0f} km; coordinates: {kwajalein.source}",
        f"Geodesic distance {range_km:,.0f} km = {range_km / KM_PER_NMI:,.0f} nautical miles "
        f"= {range_km / KM_PER_MILE:,.0f} statute miles, on bearing {bearing:.1f}°.",
        "",
    ]
    a = launchgeo.assess_launch(vandenberg, round(range_km, -2), zones=zones)
    lines += [f"A flight of about {round(range_km, -2):,.0f} km:", "  " + a.summary(), ""]
    short = launchgeo.assess_launch(vandenberg, 6_800, zones=zones)
    lines += ["A flight of 6,800 km:", "  " + short.summary(), ""]
    p = launchgeo.impact_probability(
        vandenberg,
        range_km=Uniform(range_km - 50, range_km + 50),
        bearing_deg=Uniform(bearing - 0.5, bearing + 0.5),
        zones=zones,
        n=args.samples,
        seed=4200,
    )
    prob, (lo, hi) = p.probability_of(["MHL:eez", "MHL:territorial_sea", "MHL:land"])
    lines.append(
        f"P(the Marshall Islands' EEZ, territorial sea or land | range {range_km - 50:,.0f}–"
        f"{range_km + 50:,.0f} km, bearing {bearing - 0.5:.1f}°–{bearing + 0.5:.1f}°) = "
        f"{prob:.3f} (95% CI {lo:.3f}–{hi:.3f}); {p.n:,} samples"
    )
    text = "\n".join(lines)
    print(text)
    (args.out / "minuteman_iii_vandenberg.txt").write_text(text + "\n", encoding="utf-8")
    launchgeo.export(a.to_geodataframe(), args.out / "minuteman_iii_vandenberg_arcs.geojson")


if __name__ == "__main__":
    main()
