"""Export range rings, radials and a launch assessment for Google Earth (KML) and QGIS (GeoPackage).

KML polygons are filled without outline and cut into pieces at most 90 degrees of longitude
wide; each ring's true circle is added as lines. So a pole-enclosing ICBM ring opens in Google
Earth as a cap with its circle, with no seam along the date line and no spoke to the pole.

Run: python examples/kml_export.py [--out out]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pyogrio

import launchgeo
from launchgeo.io import export, to_geopackage


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("out"), help="output folder")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)

    rings = launchgeo.range_rings("Sunan", [350, 650, 1_300, 5_500, 13_000])
    spokes = launchgeo.radials("Sunan", 13_000, [0, 45, 90, 135, 180, 225, 270, 315])
    for path in (
        export(rings, args.out / "sunan_rings.kml", layer="Range rings from Sunan"),
        export(spokes, args.out / "sunan_radials.kml", layer="Radials from Sunan"),
        export(rings, args.out / "sunan_rings.geojson"),
    ):
        print(f"Wrote {path}")

    gpkg = args.out / "sunan.gpkg"
    to_geopackage(rings, gpkg, layer="rings")
    to_geopackage(spokes, gpkg, layer="radials")
    # Arcs of a launch assessment, one line per zone crossed, with the bearing interval.
    for range_km in (350, 650):
        arcs = launchgeo.assess_launch("Sunan", range_km)
        to_geopackage(arcs, gpkg, layer=f"arcs_{range_km}km")
        print(f"Wrote {export(arcs, args.out / f'sunan_arcs_{range_km}km.kml')}")
    layers = ", ".join(name for name, _ in pyogrio.list_layers(gpkg))
    print(f"Wrote {gpkg} (layers: {layers})")


if __name__ == "__main__":
    main()
