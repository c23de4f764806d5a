"""The canonical worked example: North Korea's launch of 2023-09-13 from the Sunan area.

Two short-range ballistic missiles, ten minutes apart, flew about 350 km and 650 km; Japan's
Ministry of Defense said both fell outside Japan's Exclusive Economic Zone. This script derives
the finding from first principles and writes the rings (GeoJSON) to the output folder.

Run: python examples/sunan_2023_09_13.py [--out out]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import launchgeo

RANGES_KM = (350.0, 650.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("out"), help="output folder")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)

    site = launchgeo.get_site("Sunan")
    print(f"Launch site: {site.name} ({site.lat:.4f} N, {site.lon:.4f} E)")
    print(f"  coordinates: {site.source}")
    rings = launchgeo.range_rings(site, RANGES_KM)
    for row in rings.itertuples():
        print(
            f"  {row.range_km:,.0f} km ring: {row.area_km2:,.0f} km2, "
            f"max edge error {row.max_edge_error_m:.0f} m (tolerance {row.tolerance_m:.0f} m)"
        )
    path = args.out / "sunan_2023_09_13_rings.geojson"
    rings.to_file(path, driver="GeoJSON")
    print(f"Wrote {path}")


if __name__ == "__main__":
    main()
