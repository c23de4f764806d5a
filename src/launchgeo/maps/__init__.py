"""Maps: report figures (matplotlib) and their projection, graticule and base-layer helpers.

Lives here: ``plot_rings``, ``plot_assessment``, ``save_figure``; imports matplotlib when used.
May import: ``launchgeo.geodesy``, ``launchgeo.zones`` and the lowest layers; not its peers.
"""

from launchgeo.maps.plotting import (
    EMBEDDED_ATTRIBUTION,
    LegendPosition,
    MapPlot,
    MapView,
    map_view,
    plot_assessment,
    plot_rings,
    save_figure,
    zone_color,
    zone_name,
)

__all__ = [
    "EMBEDDED_ATTRIBUTION",
    "LegendPosition",
    "MapPlot",
    "MapView",
    "map_view",
    "plot_assessment",
    "plot_rings",
    "save_figure",
    "zone_color",
    "zone_name",
]
