"""Draw docs/images/distances.png: coast, territorial-sea limit and EEZ limit, and the distances.

Run: ``python docs/figures/distances.py`` (writes the PNG committed beside docs/distances.md).
The point is the impact Japan described on 2017-03-06 as "about 200 km north of the Noto
Peninsula" (136.9 E, 39.0 N).
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import shapely

import launchgeo
from launchgeo.zones.limits import limit_line

OUT = Path(__file__).resolve().parents[1] / "images" / "distances.png"
LON, LAT = 136.9, 39.0
BOX = (131.5, 35.0, 142.5, 42.5)


def _nearest(line: shapely.Geometry) -> tuple[float, float, float]:
    xy = shapely.get_coordinates(shapely.segmentize(line, 0.01))
    d = np.asarray(launchgeo.distance_km(LON, LAT, xy[:, 0], xy[:, 1]))
    i = int(np.argmin(d))
    return float(xy[i, 0]), float(xy[i, 1]), float(d[i])


def main() -> None:
    """Draw and save the figure."""
    zones = launchgeo.load_zones()
    clip = shapely.box(*BOX)
    fig, ax = plt.subplots(figsize=(7.5, 6.0), dpi=110)
    style = {"JPN:eez": "#cfe3f5", "JPN:territorial_sea": "#8fb8de", "JPN:land": "#d9cfb8"}
    for label, colour in style.items():
        geom = shapely.intersection(zones.geometry(label), clip)
        for poly in shapely.get_parts(geom):
            ax.fill(*poly.exterior.xy, color=colour, lw=0)
    for label in zones.labels:
        if label.endswith(":land") and not label.startswith("JPN:"):
            for poly in shapely.get_parts(shapely.intersection(zones.geometry(label), clip)):
                ax.fill(*poly.exterior.xy, color="#eeeeee", lw=0)
    lines = {
        "coast": ("#7a5c2e", "distance_to_coast_km"),
        "territorial_sea": ("#1f5f99", "distance_to_territorial_sea_limit_km"),
        "eez": ("#c0392b", "distance_to_eez_limit_km"),
    }
    for limit, (colour, name) in lines.items():
        line = shapely.intersection(limit_line("JPN", limit), clip)
        for part in shapely.get_parts(line):
            ax.plot(*part.xy, color=colour, lw=1.4 if limit == "eez" else 0.9)
        x, y, _ = _nearest(limit_line("JPN", limit))
        d = float(launchgeo.distance_to_limit_km(LON, LAT, "JPN", limit))
        ax.annotate("", (x, y), (LON, LAT), arrowprops={"arrowstyle": "->", "color": colour})
        ax.plot([], [], color=colour, label=f"{name} = {d:+.0f} km")
    old = float(zones.signed_distance_km(LON, LAT, "JPN:eez"))
    label = f"impact, 2017-03-06 (signed_distance_km 'JPN:eez' = {old:+.0f})"
    ax.plot(LON, LAT, "k*", ms=12, label=label)
    ax.set_xlim(BOX[0], BOX[2])
    ax.set_ylim(BOX[1], BOX[3])
    ax.set_aspect(1 / np.cos(np.radians(38.5)))
    ax.set_xlabel("longitude (°E)")
    ax.set_ylabel("latitude (°N)")
    ax.set_title("Japan: coast, 12-nm limit, EEZ outer limit (embedded zones)", fontsize=10)
    ax.legend(loc="lower right", fontsize=7.5, framealpha=0.95)
    fig.tight_layout()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(OUT)
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
