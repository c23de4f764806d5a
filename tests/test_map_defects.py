"""Report figures without the defects of issue 14, each pinned by a test.

Dashed boundaries that rendered solid, labels on labels and across boundaries, colours that
merge in greyscale or for colour-blind readers, cities named but not marked, clutter and
misplaced degree labels on the ICBM map, a cartopy GeoAxes silently misused, sliver outlines.
"""

from __future__ import annotations

import itertools
import sys
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")

import geopandas as gpd
import matplotlib.pyplot as plt
import numpy as np
import pytest
import shapely
from matplotlib.collections import LineCollection
from shapely.geometry import MultiLineString, box

import launchgeo
from launchgeo.errors import ValidationError
from launchgeo.maps import plot_assessment, plot_rings

SUNAN = (125.67, 39.22389)


# -- colour science for the tests (CIELAB; Machado et al. 2009 colour-vision deficiency) -------
_MACHADO = {
    "deuteranopia": np.array(
        [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413],
         [-0.011820, 0.042940, 0.968881]]
    ),
    "protanopia": np.array(
        [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216],
         [-0.003882, -0.048116, 1.051998]]
    ),
}  # fmt: skip


def _linear(rgb: np.ndarray) -> np.ndarray:
    return np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)


def _lab_from_linear(lin: np.ndarray) -> np.ndarray:
    xyz = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722],
                    [0.0193, 0.1192, 0.9505]]) @ np.clip(lin, 0, 1)  # fmt: skip
    xyz = xyz / np.array([0.95047, 1.0, 1.08883])
    d = 6 / 29
    f = np.where(xyz > d**3, np.cbrt(xyz), xyz / (3 * d**2) + 4 / 29)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def _lab(color: Any, deficiency: str | None = None) -> np.ndarray:
    lin = _linear(np.asarray(matplotlib.colors.to_rgb(color)))
    if deficiency is not None:
        lin = _MACHADO[deficiency] @ lin
    return _lab_from_linear(lin)


def _glyph(handle: Any) -> tuple[Any, ...]:
    """How a legend entry is drawn apart from its colour: kind, dashes, marker, hatch."""
    from matplotlib.lines import Line2D

    if isinstance(handle, Line2D):
        dashes = handle.get_linestyle()
        marker = handle.get_marker()
        return ("line", dashes if marker in {"None", None, ""} else "", marker)
    return ("patch", handle.get_hatch(), handle.get_facecolor()[3] == 0)


def _entry_color(handle: Any) -> Any:
    from matplotlib.lines import Line2D

    if isinstance(handle, Line2D):
        return handle.get_color()
    face = handle.get_facecolor()
    return handle.get_edgecolor() if face[3] == 0 else face


# -- stand-in zones with two states sharing a boundary -----------------------------------------
def _neighbours() -> gpd.GeoDataFrame:
    jpn_land = box(131.0, 32.0, 140.0, 40.0)
    jpn_eez = box(129.0, 30.0, 145.0, 44.0).difference(jpn_land)
    kor_eez = box(122.0, 33.0, 129.0, 36.5)
    chn_eez = box(118.0, 33.0, 122.0, 40.0)  # shares the meridian 122°E with KOR
    return gpd.GeoDataFrame(
        {"label": ["JPN:land", "JPN:eez", "KOR:eez", "CHN:eez"]},
        geometry=[jpn_land, jpn_eez, kor_eez, chn_eez],
        crs="EPSG:4326",
    )


def _ink_fraction(fig: Any, ax: Any, coll: Any, tmp_path: Path) -> float:
    """Share of points along ``coll``'s segments where the saved PNG shows its ink.

    The figure is saved twice, with and without the artist; a pixel is ink where the two
    differ. A dashed line inks about 2/3 of its length (4 on, 2 off), a solid one all of it.
    """
    from matplotlib import image

    shots = []
    for visible in (True, False):
        coll.set_visible(visible)
        png = tmp_path / f"map_{visible}.png"
        fig.savefig(png, dpi=fig.dpi)  # no bbox_inches: display coordinates are pixels
        shots.append(image.imread(png)[:, :, :3])
    coll.set_visible(True)
    diff = np.abs(shots[0] - shots[1]).max(axis=2)
    height = diff.shape[0]
    inside = ax.get_window_extent()
    hits = total = 0
    for seg in coll.get_segments():
        line = shapely.LineString(ax.transData.transform(np.asarray(seg)))
        for d in np.arange(0.0, line.length, 0.5):
            p = line.interpolate(d)
            if not (inside.x0 + 5 < p.x < inside.x1 - 5 and inside.y0 + 5 < p.y < inside.y1 - 5):
                continue
            total += 1
            hits += bool(diff[round(height - p.y), round(p.x)] > 0.08)
    assert total > 200
    return hits / total


def test_other_states_boundaries_are_dashed_in_the_saved_png(tmp_path: Path) -> None:
    """Regression: other states' EEZ lines, dashed in the legend, rendered solid in the PNG.

    Two adjacent zones stroked their shared edge twice with the dashes out of phase. The edges
    are now drawn once: along the drawn path about 2/3 of the pixels are ink (4 on, 2 off).
    """
    _fig, ax = plt.subplots(figsize=(6, 6), dpi=150)
    m = plot_rings(launchgeo.range_ring("Sunan", 350), ax=ax, zones=_neighbours(), land=False,
                   legend="none", title=None)  # fmt: skip
    (edge,) = [a for a in m.artists["zones"] if a.get_gid() == "zone_edge:other"]
    assert edge.get_linestyle()[0][1] is not None
    lines = MultiLineString([np.asarray(s) for s in edge.get_segments()])
    # The shared edge (122°E) is drawn once: the drawn length equals its union's length.
    assert lines.length == pytest.approx(shapely.union_all(lines).length, rel=1e-6)
    share = _ink_fraction(m.figure, ax, edge, tmp_path)
    assert 0.45 < share < 0.85, share
    # The same measure on a solid line reads about 1: the check can fail.
    edge.set_linestyle("solid")
    assert _ink_fraction(m.figure, ax, edge, tmp_path) > 0.95


def test_sliver_polygons_draw_no_outline() -> None:
    """Regression: zone slivers (~1e-5 deg², 64 in JPN:eez) drew stray outlines.

    Parts and holes smaller than 1/400 of the view's width, squared, are not drawn, so the map
    is right with today's data and with the data build that removes them.
    """
    gdf = _neighbours()
    sliver = box(126.0, 31.0, 126.003, 31.003)  # 9e-6 deg², far from every real edge
    gdf.loc[gdf["label"] == "KOR:eez", "geometry"] = gdf.geometry[2].union(sliver)
    hole = box(125.0, 34.0, 125.003, 34.003)
    gdf.loc[gdf["label"] == "CHN:eez", "geometry"] = gdf.geometry[3]
    gdf.loc[gdf["label"] == "KOR:eez", "geometry"] = gdf.geometry[2].difference(hole)
    m = plot_rings(launchgeo.range_ring("Sunan", 350), zones=gdf, land=False, legend="none")
    for artist in m.artists["zones"]:
        if isinstance(artist, LineCollection):
            for where in ((126.0015, 31.0015), (125.0015, 34.0015)):
                x, y = m.view.transform(*where)
                for seg in artist.get_segments():
                    assert np.hypot(seg[:, 0] - x, seg[:, 1] - y).min() > 2_000.0  # 2 km


def _text_box(artist: Any, renderer: Any) -> Any:
    """The box of the text itself (an Annotation's extent includes its leader line)."""
    from matplotlib.text import Annotation, Text

    if isinstance(artist, Annotation):
        artist.update_positions(renderer)
    return Text.get_window_extent(artist, renderer)


def _boxes(artists: list[Any], renderer: Any) -> list[Any]:
    return [_text_box(a, renderer) for a in artists if a.get_visible() and a.get_text()]


def _overlap(a: Any, b: Any) -> bool:
    return bool(a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1)


@pytest.fixture(scope="module")
def demo() -> Any:
    """The report map of the Sunan launch of 2023-09-13, on the embedded data."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(10.5, 7.5), layout="constrained")  # not closed by pyplot between tests
    FigureCanvasAgg(fig)
    both = [launchgeo.assess_launch("Sunan", r) for r in (350, 650)]
    m = plot_assessment(both, ax=fig.add_subplot(), title="North Korea's launch of 2023-09-13")
    fig.canvas.draw()
    return m


def test_labels_do_not_collide(demo: Any) -> None:
    """Regression: "650 km" printed on top of "CHN EEZ"."""
    renderer = demo.figure.canvas.get_renderer()
    labels = [
        *demo.artists["ring_labels"],
        *demo.artists["zone_labels"],
        *[a for a in demo.artists["site"] if hasattr(a, "get_text")],
        *[a for a in demo.artists["impacts"] if hasattr(a, "get_text")],
    ]
    boxes = _boxes(labels, renderer)
    assert len(boxes) >= 5
    for (i, a), (j, b) in itertools.combinations(enumerate(boxes), 2):
        assert not _overlap(a, b), (labels[i].get_text(), labels[j].get_text())
    frame = demo.ax.get_window_extent(renderer)
    for b, label in zip(boxes, labels, strict=True):
        assert frame.x0 <= b.x0 and b.x1 <= frame.x1, label.get_text()


def test_site_label_crosses_no_boundary(demo: Any) -> None:
    """Regression: the site label ran across a boundary line.

    Rings and arcs are drawn above the land, zone boundaries under it: a boundary counts where
    it shows, outside the land patch.
    """
    renderer = demo.figure.canvas.get_renderer()
    (label,) = [a for a in demo.artists["site"] if a.get_gid() == "site_label"]
    bb = _text_box(label, renderer)
    rect = box(bb.x0, bb.y0, bb.x1, bb.y1)
    (land,) = [a for a in demo.artists["land"] if a.get_gid() == "land"]
    land_path = demo.ax.transData.transform_path(land.get_path())
    for layer in ("zones", "rings", "arcs"):
        for artist in demo.artists[layer]:
            if not isinstance(artist, LineCollection):
                continue
            for seg in artist.get_segments():
                line = shapely.LineString(demo.ax.transData.transform(seg))
                inside = shapely.intersection(line, rect)
                if inside.is_empty:
                    continue
                pts = shapely.get_coordinates(shapely.segmentize(inside, 0.5))
                if artist.get_zorder() < land.get_zorder():
                    pts = pts[~land_path.contains_points(pts)]
                assert len(pts) == 0, artist.get_gid()


def _legend_handles(m: Any) -> list[tuple[str, Any]]:
    (legend,) = m.artists["legend"]
    return [(t.get_text(), h) for t, h in zip(legend.get_texts(), legend.legend_handles,
                                               strict=True)]  # fmt: skip


def _check_distinguishable(entries: list[tuple[str, Any]]) -> int:
    """Entries drawn alike differ by ΔL* >= 10 (greyscale) and ΔE >= 15 (deutan, protan)."""
    compared = 0
    for (na, ha), (nb, hb) in itertools.combinations(entries, 2):
        if _glyph(ha) != _glyph(hb):
            continue
        ca, cb = _entry_color(ha), _entry_color(hb)
        assert abs(_lab(ca)[0] - _lab(cb)[0]) >= 10.0, ("greyscale", na, nb)
        for cvd in _MACHADO:
            assert np.linalg.norm(_lab(ca, cvd) - _lab(cb, cvd)) >= 15.0, (cvd, na, nb)
        compared += 1
    return compared


def test_legend_colours_distinguishable_in_greyscale_and_for_colour_blind_readers(
    demo: Any,
) -> None:
    """Regression: South Korea's arcs blue beside Japan's blue EEZ; dark red beside red."""
    entries = _legend_handles(demo)
    assert _check_distinguishable(entries) >= 6
    rings = plot_rings([launchgeo.range_ring("Sunan", r) for r in (350, 1_000, 2_000)],
                       zones=False, land=False)  # fmt: skip
    assert _check_distinguishable(_legend_handles(rings)) >= 3


def test_focus_state_stands_apart(demo: Any) -> None:
    """Japan's EEZ arcs: the most saturated, the widest, far from every other arc colour."""
    entries = dict(_legend_handles(demo))
    focus = entries["Arc in Japan EEZ"]
    arcs = [h for name, h in entries.items() if name.startswith("Arc") and h is not focus]
    chroma = np.hypot(*_lab(focus.get_color())[1:])
    for h in arcs:
        assert focus.get_linewidth() >= h.get_linewidth()
        assert np.hypot(*_lab(h.get_color())[1:]) < chroma
        assert np.linalg.norm(_lab(focus.get_color()) - _lab(h.get_color())) >= 25.0
    assert not any(h.get_color() == focus.get_color() for h in arcs)


CITIES = [("Los Angeles", -118.24, 34.05), ("Washington", -77.04, 38.91)]


def test_icbm_map_marks_the_cities_it_names_and_leaves_out_zone_clutter() -> None:
    """Regression: the ICBM map named cities in its text but did not mark them, and drew Japan's
    EEZ and South China Sea hatching at hemisphere scale."""
    ring = launchgeo.range_ring("Sunan", 13_000)
    m = plot_rings(ring, land=False, places=CITIES)
    assert m.artists["zones"] == [] and m.artists["zone_labels"] == []
    texts = [a.get_text() for a in m.artists["places"] if hasattr(a, "get_text")]
    assert texts == ["Los Angeles", "Washington"]
    dots = [a for a in m.artists["places"] if a.get_gid().startswith("place:")]
    for dot, (_, lon, lat) in zip(dots, CITIES, strict=True):
        x, y = m.view.transform(lon, lat)
        assert (dot.get_xdata()[0], dot.get_ydata()[0]) == pytest.approx((x, y))


def test_example_icbm_map_marks_the_cities_it_prints() -> None:
    examples = Path(__file__).resolve().parents[1] / "examples"
    sys.path.insert(0, str(examples))
    try:
        import icbm_range_map
    finally:
        sys.path.remove(str(examples))
    assert {name for name, _, _ in icbm_range_map.CITIES} == {"Los Angeles", "Washington"}


def test_icbm_degree_labels_not_beyond_the_pole_nor_stacked() -> None:
    """Regression: "30°N" printed beyond the pole and "0°" stacked on "120°E"."""
    m = plot_rings(launchgeo.range_ring("Sunan", 13_000), zones=False, land=False)
    m.figure.canvas.draw()
    renderer = m.figure.canvas.get_renderer()
    _, pole_y = m.view.transform(SUNAN[0], 90.0)
    for text in m.artists["graticule_labels"]:
        if text.get_text().endswith("N"):  # on the central meridian, never past the pole
            assert text.get_position()[1] <= pole_y, text.get_text()
    boxes = _boxes(m.artists["graticule_labels"], renderer)
    assert len(boxes) >= 8
    for a, b in itertools.combinations(boxes, 2):
        assert not _overlap(a, b)


def test_cartopy_geoaxes_is_refused_clearly() -> None:
    """Regression: plot_rings(ax=<cartopy GeoAxes>) silently drew its own projection inside it.

    cartopy is not a dependency: the GeoAxes is recognised by its class without importing it.
    """
    from matplotlib.axes import Axes

    geoaxes = type("GeoAxes", (Axes,), {"__module__": "cartopy.mpl.geoaxes"})
    fig = plt.figure()
    ax = fig.add_subplot(axes_class=geoaxes)
    with pytest.raises(ValidationError, match="cartopy GeoAxes"):
        plot_rings(launchgeo.range_ring("Sunan", 350), ax=ax, zones=False, land=False)
    with pytest.raises(ValidationError, match="matplotlib Axes"):
        plot_rings(launchgeo.range_ring("Sunan", 350), ax="axes", zones=False, land=False)
    assert "cartopy" not in sys.modules
