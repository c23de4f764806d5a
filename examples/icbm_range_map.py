"""An ICBM-range ring drawn whole and correct: 13,000 km from Sunan (Pyongyang).

The ring encloses the North Pole and crosses the date line. On a site-centred azimuthal
equidistant map (distances from the site are true) it is a circle; the map reaches almost to the
antipode, so the whole ring and the land inside it are shown, with no seam along +-180 and no
spike at the pole. The script also writes the ring as KML and GeoJSON beside the PNG.

Run: python examples/icbm_range_map.py [--out out] [--range-km 13000]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import launchgeo
from launchgeo.io import export
from launchgeo.maps import plot_rings, save_figure

#: Cities named in the printout, marked on the map too.
CITIES = [("Los Angeles", -118.24, 34.05), ("Washington", -77.04, 38.91)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("out"), help="output folder")
    parser.add_argument("--range-km", type=float, default=13_000.0, help="ring radius in km")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)

    site = launchgeo.get_site("Sunan")
    ring = launchgeo.range_ring(site, args.range_km)
    print(
        f"{args.range_km:,.0f} km from {site.name}: encloses the North Pole: "
        f"{ring.encloses_north_pole}; crosses the date line: {ring.crosses_antimeridian}; "
        f"area {ring.area_km2 / 1e6:,.1f} million km2"
    )
    for city, lon, lat in CITIES:
        d = launchgeo.distance_km(site.lon, site.lat, lon, lat)
        print(f"  {city}: {d:,.0f} km, {'inside' if ring.contains(lon, lat) else 'outside'}")

    plot = plot_rings(ring, title=f"{args.range_km:,.0f} km from {site.name}", places=CITIES)
    png = save_figure(plot.figure, args.out / "icbm_range_map.png", dpi=200)
    print(f"Wrote {png}")
    for suffix in (".kml", ".geojson", ".html"):
        print(f"Wrote {export(ring, args.out / f'icbm_range{suffix}')}")


if __name__ == "__main__":
    main()
