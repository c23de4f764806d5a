"""Maps: what is drawn where (artist properties), projections, seams, and image baselines.

Land and zones are small stand-ins built here, so the tests and the baselines do not change
when the embedded data are rebuilt.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")

import geopandas as gpd
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.path import Path as MplPath
from pyproj import Transformer
from shapely.geometry import LineString, box

import launchgeo
from launchgeo.errors import DataError, ValidationError
from launchgeo.geodesy.core import destination, distance_km
from launchgeo.maps import _maplayers, plotting
from launchgeo.maps.plotting import (
    EMBEDDED_ATTRIBUTION,
    map_view,
    plot_assessment,
    plot_rings,
    save_figure,
    zone_color,
    zone_name,
)
from launchgeo.testing import assert_image_matches
from launchgeo.zones.core import Zones

BASELINE_DIR = Path(__file__).parent / "baseline_images" / "test_plotting"
UPDATE = os.environ.get("LAUNCHGEO_UPDATE_BASELINES") == "1"
SUNAN = (125.67, 39.22389)


# -- stand-in data -----------------------------------------------------------------------------
def _zones_gdf() -> gpd.GeoDataFrame:
    jpn_land = shapely.union_all([box(130.5, 31.0, 136.0, 34.5), box(136.0, 34.0, 141.5, 41.5)])
    jpn_eez = box(129.0, 29.0, 146.0, 45.0).difference(jpn_land)
    kor_land = box(126.0, 34.5, 129.3, 38.3)
    kor_eez = box(124.0, 32.5, 131.0, 38.6).difference(kor_land).difference(jpn_eez)
    disputed = box(127.0, 29.5, 129.0, 32.5)
    return gpd.GeoDataFrame(
        {"label": ["JPN:land", "KOR:land", "JPN:eez", "KOR:eez", "JPN/KOR:overlapping_claim"]},
        geometry=[jpn_land, kor_land, jpn_eez, kor_eez, disputed],
        crs="EPSG:4326",
    )


@pytest.fixture(scope="module")
def zones() -> Zones:
    return Zones.from_geodataframe(_zones_gdf(), source="stand-in zones")


@pytest.fixture(scope="module")
def land() -> gpd.GeoDataFrame:
    z = _zones_gdf()
    polys = [*z.geometry[:2], box(118.0, 38.3, 130.0, 46.0), box(118.0, 25.0, 122.0, 38.3)]
    return gpd.GeoDataFrame({"iso3": ["JPN", "KOR", "PRK", "CHN"]}, geometry=polys, crs=4326)


@pytest.fixture(scope="module")
def world() -> gpd.GeoDataFrame:
    """Coarse continents; Chukotka/Alaska are split at +-180 as in Natural Earth."""
    polys = [
        box(-10.0, 36.0, 180.0, 72.0),  # Eurasia, to the date line
        box(-180.0, 62.0, -168.0, 70.0),  # its piece west of the date line
        box(-168.0, 15.0, -55.0, 70.0),  # North America
        box(-80.0, -55.0, -35.0, 12.0),  # South America
        box(-17.0, -35.0, 50.0, 35.0),  # Africa
        box(113.0, -39.0, 153.0, -11.0),  # Australia
        box(-180.0, -90.0, 180.0, -70.0),  # Antarctica (closed along the South Pole)
    ]
    return gpd.GeoDataFrame(geometry=polys, crs="EPSG:4326")


@dataclass(frozen=True)
class StandInAssessment:
    """The part of launchgeo.LaunchAssessment that plot_assessment uses."""

    range_km: float
    intervals: tuple[tuple[float, float, str], ...]
    site: str = "Pyongyang Sunan International Airport"
    center_lon: float = SUNAN[0]
    center_lat: float = SUNAN[1]
    zone_source: str = "stand-in zones"
    bearing_deg: float | None = None
    impact_lon: float | None = None
    impact_lat: float | None = None
    impact_zone: str | None = None

    def to_geodataframe(self) -> gpd.GeoDataFrame:
        rows, geoms = [], []
        for a, b, zone in self.intervals:
            az = np.linspace(a, b if b > a else b + 360.0, 200) % 360.0
            lon, lat = destination(self.center_lon, self.center_lat, az, self.range_km)
            geoms.append(LineString(np.column_stack([lon, lat])))
            rows.append({"site": self.site, "range_km": self.range_km, "zone": zone,
                         "bearing_from_deg": a, "bearing_to_deg": b})  # fmt: skip
        return gpd.GeoDataFrame(pd.DataFrame(rows), geometry=geoms, crs="EPSG:4326")


def _assessments() -> list[StandInAssessment]:
    far = StandInAssessment(
        650.0,
        ((0.0, 80.0, "PRK:land"), (80.0, 100.0, "KOR:eez"), (100.0, 150.0, "JPN:eez"),
         (150.0, 200.0, "KOR:eez"), (200.0, 360.0, "high_seas")),
        bearing_deg=120.0,
        impact_lon=float(destination(*SUNAN, 120.0, 650.0)[0]),
        impact_lat=float(destination(*SUNAN, 120.0, 650.0)[1]),
        impact_zone="JPN:eez",
    )  # fmt: skip
    near = StandInAssessment(350.0, ((0.0, 360.0, "high_seas"),))
    return [near, far]


def _texts(artists: list[Any]) -> list[str]:
    return [a.get_text() for a in artists if hasattr(a, "get_text")]


def _legend(m: plotting.MapPlot) -> list[str]:
    (legend,) = m.artists["legend"]
    return [t.get_text() for t in legend.get_texts()]


def _segments(coll: Any) -> list[np.ndarray]:
    return [np.asarray(s) for s in coll.get_segments()]


def _by_gid(m: plotting.MapPlot, layer: str, gid: str) -> Any:
    found = [a for a in m.artists[layer] if a.get_gid() == gid]
    assert len(found) == 1, (gid, [a.get_gid() for a in m.artists[layer]])
    return found[0]


# -- what is drawn -----------------------------------------------------------------------------
def test_regional_map_layers_labels_legend_title(zones: Zones, land: gpd.GeoDataFrame) -> None:
    rings = [launchgeo.range_ring("Sunan", r) for r in (650, 350)]
    m = plot_rings(rings, zones=zones, land=land)
    assert _texts(m.artists["ring_labels"]) == ["350 km", "650 km"]
    assert _legend(m) == [
        "350 km range",
        "650 km range",
        "Japan EEZ (incl. territorial sea)",
        "Other states' EEZ",
        "Overlapping claim / joint regime",
        "Land",
        "Launch site",
    ]
    assert m.ax.get_title(loc="left") == "Range rings from Pyongyang Sunan International Airport"
    assert "Japan EEZ" in _texts(m.artists["zone_labels"])
    (attribution,) = m.artists["attribution"]
    text = " ".join(attribution.get_text().split())
    assert text.startswith("Land: user-supplied. Zones: stand-in zones.")
    assert "Azimuthal equidistant projection centred on Pyongyang Sunan" in text
    # Japan's EEZ is shaded, the disputed area hatched, other EEZs dashed outlines.
    jpn = _by_gid(m, "zones", "zone:JPN:eez")
    assert jpn.get_facecolor()[3] > 0 and jpn.get_hatch() is None
    assert _by_gid(m, "zones", "zone:disputed").get_hatch() == "////"
    other = _by_gid(m, "zones", "zone_edge:other")
    assert other.get_linestyle()[0][1] is not None  # dashed
    # Layers stack: sea < zones < land < rings < site.
    z = {k: m.artists[k][0].get_zorder() for k in ("zones", "land", "rings", "site")}
    assert z["zones"] < z["land"] < z["rings"] < z["site"]


def test_ring_is_round_in_the_site_centred_projection(zones: Zones) -> None:
    """Azimuthal equidistant on the site: every drawn ring vertex is range_km from the centre."""
    m = plot_rings(launchgeo.range_ring("Sunan", 650), zones=False, land=False)
    line = _by_gid(m, "rings", "ring:650")
    xy = np.concatenate(_segments(line))
    radius_km = np.hypot(xy[:, 0], xy[:, 1]) / 1000.0
    assert np.abs(radius_km - 650.0).max() < 0.15  # 100 m edge tolerance + densification
    site = _by_gid(m, "site", "site")
    assert (site.get_xdata()[0], site.get_ydata()[0]) == pytest.approx((0.0, 0.0), abs=1e-6)


def test_lon_lat_order_places_tokyo_south_east() -> None:
    """Fails if lon and lat are swapped anywhere in the projection chain."""
    view = map_view("Sunan", 1500)
    x, y = view.transform(139.69, 35.69)
    assert x > 0 and y < 0
    assert np.hypot(x, y) / 1000.0 == pytest.approx(distance_km(*SUNAN, 139.69, 35.69), rel=1e-9)


def test_graticule_has_degree_labels(zones: Zones, land: gpd.GeoDataFrame) -> None:
    m = plot_rings(launchgeo.range_ring("Sunan", 650), zones=zones, land=land)
    xt = [t.get_text() for t in m.ax.get_xticklabels()]
    yt = [t.get_text() for t in m.ax.get_yticklabels()]
    assert {"120°E", "125°E", "130°E"} <= set(xt)
    assert {"35°N", "40°N"} <= set(yt)
    # The 125°E tick sits where that meridian meets the bottom edge, just west of the site.
    x125 = m.ax.get_xticks()[xt.index("125°E")]
    lon, _ = Transformer.from_crs(m.view.crs, "EPSG:4326", always_xy=True).transform(
        x125, m.view.bounds[1]
    )
    assert lon == pytest.approx(125.0, abs=1e-4)  # 10 m: the meridian is densified


def test_scale_bar_length_is_true(zones: Zones) -> None:
    m = plot_rings(launchgeo.range_ring("Sunan", 650), zones=False, land=False)
    bars = [a for a in m.artists["scalebar"] if a.get_gid() == "scalebar"]
    total_m = sum(b.get_width() for b in bars)
    label = next(a for a in m.artists["scalebar"] if a.get_gid() == "scalebar_label")
    assert label.get_text() == f"{total_m / 1000:,.0f} km"


def test_icbm_ring_is_whole_round_and_encloses_the_pole(world: gpd.GeoDataFrame) -> None:
    """13,000 km from Sunan: encloses the North Pole, crosses the date line; drawn as one circle."""
    ring = launchgeo.range_ring("Sunan", 13_000)
    assert ring.encloses_north_pole and ring.crosses_antimeridian
    m = plot_rings(ring, zones=False, land=world)
    assert m.view.is_disk
    line = _by_gid(m, "rings", "ring:13000")
    (seg,) = _segments(line)  # the pieces split at +-180 are joined again
    assert np.allclose(seg[0], seg[-1])
    radius_km = np.hypot(seg[:, 0], seg[:, 1]) / 1000.0
    assert np.abs(radius_km - 13_000).max() < 0.15
    steps_km = np.hypot(*np.diff(seg, axis=0).T) / 1000.0
    assert steps_km.max() < 250.0  # no chord across the map: no seam artefact
    fill = _by_gid(m, "rings", "ring_fill:13000")
    path = fill.get_path()
    assert int(np.sum(path.codes == MplPath.MOVETO)) == 1  # one polygon, no seam
    inside = [(0.0, 90.0), (180.0, 60.0), (-118.24, 34.05), (-54.0, 70.0)]
    outside = [(-54.33, -39.22)]  # the antipode of Sunan
    for lon, lat in inside + outside:
        x, y = m.view.transform(lon, lat)
        assert path.contains_point((x, y)) == ((lon, lat) in inside), (lon, lat)


def test_land_split_at_dateline_is_drawn_without_seam(world: gpd.GeoDataFrame) -> None:
    m = plot_rings(launchgeo.range_ring("Sunan", 13_000), zones=False, land=world)
    land = _by_gid(m, "land", "land")
    # Eurasia's two pieces (east and west of 180) are one projected polygon.
    x, y = m.view.transform(180.0, 66.0)
    hits = 0
    for poly in land.get_path().to_polygons():
        hits += MplPath(poly).contains_point((x, y))
    assert hits == 1
    coast = _by_gid(m, "land", "coastline")
    inv = Transformer.from_crs(m.view.crs, "EPSG:4326", always_xy=True)
    for seg in _segments(coast):
        lon, lat = inv.transform(seg[:, 0], seg[:, 1])
        lon = np.asarray(lon)
        lat = np.asarray(lat)
        on_seam = np.abs(np.abs(lon) - 180.0) < 1e-6
        on_pole = np.abs(lat) > 90.0 - 1e-6
        assert not np.any(on_seam[:-1] & on_seam[1:] & (lat[:-1] != lat[1:]))
        assert not np.any(on_pole[:-1] & on_pole[1:])


def test_assessment_arcs_coloured_by_zone_with_impact(zones: Zones, land: gpd.GeoDataFrame) -> None:
    m = plot_assessment(_assessments(), zones=zones, land=land)
    jpn = _by_gid(m, "arcs", "arc:650:JPN:eez")
    assert matplotlib.colors.to_hex(jpn.get_colors()[0]) == zone_color("JPN:eez") == "#e8600a"
    kor = [a for a in m.artists["arcs"] if a.get_gid() == "arc:650:KOR:eez"]
    assert len(kor) == 2
    assert matplotlib.colors.to_hex(kor[0].get_colors()[0]) == zone_color("KOR:eez")
    # The focus state's arcs stand apart: drawn thicker and above the others.
    assert jpn.get_linewidth()[0] > kor[0].get_linewidth()[0]
    assert jpn.get_zorder() > kor[0].get_zorder()
    legend = _legend(m)
    assert legend[:4] == [
        "Arc in Japan EEZ",
        "Arc in another state's EEZ or territorial sea",
        "Arc over another state's land",
        "Arc in the high seas",
    ]
    assert {"Impact point", "Launch site"} <= set(legend)
    assert _texts(m.artists["ring_labels"]) == ["350 km", "650 km"]
    title = m.ax.get_title(loc="left").replace("\n", " ")
    assert (
        title == "Pyongyang Sunan International Airport: 350 and 650 km ranges and maritime zones"
    )
    marker = _by_gid(m, "impacts", "impact:0")
    x, y = m.view.transform(*destination(*SUNAN, 120.0, 650.0))
    assert (marker.get_xdata()[0], marker.get_ydata()[0]) == pytest.approx((x, y))
    label = _by_gid(m, "impacts", "impact_label:0")
    assert label.get_text().replace("\n", " ") == "650 km at 120°: Japan EEZ"


def test_impact_statement_region_is_drawn(zones: Zones, land: gpd.GeoDataFrame) -> None:
    est = launchgeo.parse_impact_description("about 200 km west of Okushiri Island")
    m = plot_rings(launchgeo.range_ring("Sunan", 650), zones=zones, land=land, impacts=[est])
    region = _by_gid(m, "impacts", "impact_region:0")
    x, y = m.view.transform(est.lon, est.lat)
    assert region.get_path().contains_point((x, y))
    assert m.view.contains(est.lon, est.lat)  # the view grew to show the impact
    assert {"Impact point", "Impact uncertainty"} <= set(_legend(m))


def test_takes_ax_never_shows_never_touches_rcparams(
    monkeypatch: pytest.MonkeyPatch, zones: Zones, land: gpd.GeoDataFrame
) -> None:
    def _no_show(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("plt.show() must not be called")

    monkeypatch.setattr(plt, "show", _no_show)
    before = dict(matplotlib.rcParams)
    fig, ax = plt.subplots()
    n_figs = len(plt.get_fignums())
    m = plot_rings(launchgeo.range_ring("Sunan", 650), ax=ax, zones=zones, land=land)
    m2 = plot_assessment(_assessments(), ax=fig.add_subplot(2, 1, 2), zones=zones, land=False)
    assert m.ax is ax and m.figure is fig and m2.figure is fig
    assert len(plt.get_fignums()) == n_figs
    assert dict(matplotlib.rcParams) == before


def test_custom_projection_and_extent_split_dateline() -> None:
    """In Plate Carree (EPSG:4326) a ring across the date line stays split, with no jump."""
    ring = launchgeo.range_ring((170.0, 50.0), 3000)
    m = plot_rings(ring, zones=False, land=False, projection="EPSG:4326",
                   extent=(-180, -90, 180, 90))  # fmt: skip
    assert m.view.bounds == pytest.approx((-180.0, -90.0, 180.0, 90.0))
    segs = _segments(_by_gid(m, "rings", "ring:3000"))
    assert len(segs) == 2
    for seg in segs:
        assert np.abs(np.diff(seg[:, 0])).max() < 5.0
    assert "Azimuthal" not in m.artists["attribution"][0].get_text()


def test_embedded_data_attribution(monkeypatch: pytest.MonkeyPatch, land: gpd.GeoDataFrame) -> None:
    """With the embedded land and zones the attribution line is the documented one."""
    embedded = Zones.from_geodataframe(_zones_gdf(), source="launchgeo embedded")
    monkeypatch.setattr(_maplayers, "read_embedded", lambda name: land)
    monkeypatch.setattr("launchgeo.zones.load_zones", lambda: embedded)
    m = plot_rings(launchgeo.range_ring("Sunan", 650))
    text = " ".join(m.artists["attribution"][0].get_text().split())
    assert text.startswith(EMBEDDED_ATTRIBUTION + ". Azimuthal equidistant")


def test_missing_embedded_data_is_a_clear_error() -> None:
    with pytest.raises(DataError, match=r"'no_such_file\.npz' is missing or unreadable"):
        _maplayers.read_embedded("no_such_file.npz")


def test_zone_names() -> None:
    assert zone_name("KOR:eez") == "South Korea EEZ"
    assert zone_name("JPN/KOR:joint_regime") == "Japan/South Korea joint regime"
    assert zone_name("no_data") == "no data"
    assert zone_color("JPN/KOR:overlapping_claim") == zone_color("CHN/JPN:joint_regime")


@pytest.mark.parametrize("suffix", [".png", ".svg", ".pdf"])
def test_save_figure_formats(tmp_path: Path, suffix: str) -> None:
    m = plot_rings(launchgeo.range_ring("Sunan", 350), zones=False, land=False)
    out = save_figure(m, tmp_path / f"map{suffix}", dpi=50)
    head = out.read_bytes()[:8]
    assert {".png": b"\x89PNG", ".svg": b"<?xml", ".pdf": b"%PDF"}[suffix] in head


def test_save_figure_errors(tmp_path: Path) -> None:
    fig = plt.figure()
    with pytest.raises(ValidationError, match=r"\.png, \.svg or \.pdf"):
        save_figure(fig, tmp_path / "map.jpg")
    with pytest.raises(DataError, match="does not exist"):
        save_figure(fig, tmp_path / "missing" / "map.png")


def test_bad_arguments() -> None:
    with pytest.raises(ValidationError, match="radius_km or extent"):
        map_view("Sunan")
    with pytest.raises(ValidationError, match="extent must be"):
        map_view("Sunan", extent=(130, 40, 120, 30))
    with pytest.raises(ValidationError, match="not a known CRS"):
        map_view(projection="EPSG:999999", extent=(120, 30, 140, 45))
    with pytest.raises(ValidationError, match="rings must not be empty"):
        plot_rings([])
    with pytest.raises(ValidationError, match="RangeRings"):
        plot_rings(["Sunan"])
    with pytest.raises(ValidationError, match="label"):
        plot_rings(launchgeo.range_ring("Sunan", 350), land=False,
                   zones=gpd.GeoDataFrame(geometry=[box(0, 0, 1, 1)], crs=4326))  # fmt: skip


# -- image comparisons -------------------------------------------------------------------------
def _remove_text(m: plotting.MapPlot) -> None:
    """Fonts differ between machines: compare the drawing, not the text (as matplotlib does)."""
    for text in m.figure.findobj(matplotlib.text.Text):
        text.set_visible(False)


def _compare(fig: Any, name: str, tmp_path: Path) -> None:
    """launchgeo.testing's comparison, as users get it (the text is hidden by _remove_text)."""
    assert_image_matches(
        fig,
        BASELINE_DIR / f"{name}.png",
        tol=2.0,
        dpi=60,
        remove_text=False,
        generate=UPDATE,
        result_dir=tmp_path,
    )


def test_image_regional_rings(tmp_path: Path, zones: Zones, land: gpd.GeoDataFrame) -> None:
    fig, ax = plt.subplots(figsize=(6, 6))
    rings = [launchgeo.range_ring("Sunan", r) for r in (350, 650)]
    _remove_text(plot_rings(rings, ax=ax, zones=zones, land=land, legend="inside"))
    _compare(fig, "regional_rings", tmp_path)


def test_image_icbm_ring(tmp_path: Path, world: gpd.GeoDataFrame) -> None:
    fig, ax = plt.subplots(figsize=(6, 6))
    _remove_text(
        plot_rings(
            launchgeo.range_ring("Sunan", 13_000), ax=ax, zones=False, land=world, legend="inside"
        )
    )
    _compare(fig, "icbm_ring", tmp_path)


def test_image_assessment(tmp_path: Path, zones: Zones, land: gpd.GeoDataFrame) -> None:
    fig, ax = plt.subplots(figsize=(6, 6))
    _remove_text(plot_assessment(_assessments(), ax=ax, zones=zones, land=land, legend="inside"))
    _compare(fig, "assessment", tmp_path)


def test_import_is_lazy() -> None:
    """`import launchgeo` does not import matplotlib; launchgeo.maps.plotting loads on first use."""
    import subprocess
    import sys

    code = (
        "import sys, launchgeo; a = 'matplotlib' in sys.modules; "
        "f = launchgeo.plotting.plot_rings; b = 'matplotlib' in sys.modules; print(a, b)"
    )
    src = str(Path(__file__).resolve().parents[1] / "src")
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [src, os.environ.get("PYTHONPATH")])),
    }
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert proc.stdout.split() == ["False", "False"]


def test_rings_from_range_rings_geodataframe(zones: Zones) -> None:
    gdf = launchgeo.range_rings("Sunan", [350, 650])
    m = plot_rings(gdf, zones=False, land=False)
    assert _texts(m.artists["ring_labels"]) == ["350 km", "650 km"]
    xy = np.concatenate(_segments(_by_gid(m, "rings", "ring:650")))
    assert np.abs(np.hypot(xy[:, 0], xy[:, 1]) / 1000.0 - 650.0).max() < 0.15
    assert m.ax.get_title(loc="left").endswith("Pyongyang Sunan International Airport")


def test_assessment_zone_source_named_when_other_zones_drawn(
    zones: Zones, land: gpd.GeoDataFrame
) -> None:
    """The attribution says which zones classified the arcs if other zones are drawn."""
    other = [StandInAssessment(650.0, ((0.0, 360.0, "high_seas"),), zone_source="my.gpkg")]
    m = plot_assessment(other, zones=zones, land=land)
    text = " ".join(m.artists["attribution"][0].get_text().split())
    assert "Zones: stand-in zones. Arcs classified with: my.gpkg." in text
    same = plot_assessment(_assessments(), zones=zones, land=land)
    assert "Arcs classified" not in same.artists["attribution"][0].get_text()


def test_legend_position(zones: Zones) -> None:
    ring = launchgeo.range_ring("Sunan", 350)
    outside = plot_rings(ring, zones=False, land=False)
    (legend,) = outside.artists["legend"]
    assert legend.get_bbox_to_anchor().x0 > outside.ax.get_window_extent().x1
    assert plot_rings(ring, zones=False, land=False, legend="none").artists["legend"] == []
    with pytest.raises(ValidationError, match="legend must be one of 'outside', 'inside', 'none'"):
        plot_rings(ring, zones=False, land=False, legend="left")


@settings(max_examples=12, deadline=None)
@given(
    lon=st.floats(-180, 179.999),
    lat=st.floats(-89.9, 89.9),
    range_km=st.sampled_from([200.0, 2_500.0, 9_000.0, 16_000.0]),
)
def test_any_ring_is_drawn_whole_and_round(lon: float, lat: float, range_km: float) -> None:
    """Anywhere (poles, date line, beyond a hemisphere): one closed circle of the right radius."""
    ring = launchgeo.range_ring((lon, lat), range_km)
    m = plot_rings(ring, zones=False, land=False, legend="none")
    (seg,) = _segments(_by_gid(m, "rings", f"ring:{range_km:g}"))
    assert np.allclose(seg[0], seg[-1], atol=1.0)
    radius_km = np.hypot(seg[:, 0], seg[:, 1]) / 1000.0
    assert np.abs(radius_km - range_km).max() < 0.15
    fill = _by_gid(m, "rings", f"ring_fill:{range_km:g}").get_path()
    assert fill.contains_point((0.0, 0.0))
    assert int(np.sum(fill.codes == MplPath.MOVETO)) == 1
    plt.close(m.figure)


def _fill_contains(path: MplPath, xy: tuple[float, float]) -> bool:
    """Even-odd point test on the rings of a compound path (shell and holes)."""
    rings = [shapely.Polygon(p) for p in path.to_polygons()]
    return sum(r.contains(shapely.Point(xy)) for r in rings) % 2 == 1


def test_band_and_fan_across_the_date_line() -> None:
    band = launchgeo.range_band((175.0, 70.0), 1000, 3000)
    m = plot_rings(band, zones=False, land=False)
    assert _texts(m.artists["ring_labels"]) == ["1,000–3,000 km"]
    path = _by_gid(m, "rings", "ring_fill:3000").get_path()
    assert int(np.sum(path.codes == MplPath.MOVETO)) == 2  # outer circle and the hole
    for lon, lat, inside in [(175.0, 70.0, False), (0.0, 90.0, True), (-170.0, 55.0, True)]:
        d = distance_km(175.0, 70.0, lon, lat)
        assert (1000 <= d <= 3000) == inside
        assert _fill_contains(path, m.view.transform(lon, lat)) == inside
    fan = launchgeo.range_fan((179.0, 60.0), 2000, bearing_from_deg=330, bearing_to_deg=60)
    m = plot_rings(fan, zones=False, land=False)
    path = _by_gid(m, "rings", "ring_fill:2000").get_path()
    assert _fill_contains(path, m.view.transform(*destination(179.0, 60.0, 15.0, 1500.0)))
    assert not _fill_contains(path, m.view.transform(*destination(179.0, 60.0, 180.0, 1500.0)))
    site = _by_gid(m, "site", "site_label")
    assert site.get_text() == "(179.00, 60.00)"  # (lon, lat), as everywhere


def test_embedded_world_land_has_no_edges_across_the_date_line() -> None:
    """Regression: Fiji, Russia and Antarctica drew a band round the Earth on the ICBM map.

    world-atlas stitches rings across +-180; the build now splits them (RFC 7946). Edges along
    a pole (Antarctica's cap, both ends at lat -90) are allowed.
    """
    land = _maplayers.read_embedded("land_world_110m.npz")
    jumps = []
    for name, geom in zip(land["name"], land.geometry, strict=True):
        for poly in shapely.get_parts(geom):
            for ring in (poly.exterior, *poly.interiors):
                xy = np.asarray(ring.coords)
                dlon = np.abs(np.diff(xy[:, 0]))
                on_pole = (np.abs(xy[:-1, 1]) == 90.0) & (np.abs(xy[1:, 1]) == 90.0)
                if np.any((dlon > 180.0) & ~on_pole):
                    jumps.append(name)
    assert jumps == []


def test_mid_size_view_is_a_disk_with_labels() -> None:
    """Regression: a 3,350 km view had a disk frame drawn as a rectangle, without degree labels."""
    m = plot_rings(launchgeo.range_ring("Sohae", 2500), zones=False, land=False)
    assert m.view.is_disk and m.view.bounds[2] == pytest.approx(3_350_000.0)
    assert len(m.artists["graticule_labels"]) >= 6
    assert not m.ax.axison
