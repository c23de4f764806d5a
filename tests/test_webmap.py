"""Interactive HTML maps: self-contained, small, Pacific-safe, and right in a real browser.

The browser tests open the file in headless Chromium, take a screenshot and check pixels. Where
a geographic point lands on the screen is asked from the page's own Leaflet map
(``latLngToContainerPoint``) by a probe script appended to a copy of the file, read back with
``--dump-dom``; the pixels themselves come only from the screenshot.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import shapely

import launchgeo
from launchgeo.errors import DataError, ValidationError
from launchgeo.maps._maplayers import zone_color
from launchgeo.maps.web import LAT_LIMIT_DEG, WebMap, to_frame, web_map

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--force-device-scale-factor=1",
    # No name resolves: the page must not need the network.
    "--host-resolver-rules=MAP * ~NOTFOUND",
]
WINDOW = (1200, 800)
RING_RED = (0xB2, 0x18, 0x2B)  # the first ring colour
OCEAN = (0xEE, 0xF4, 0xF8)


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    pytest.skip(
        "headless Chromium not found (Debian: apt-get install chromium); the browser tests of "
        "the HTML maps are skipped"
    )
    raise AssertionError  # pragma: no cover


def _run(args: list[str], tmp: Path) -> str:
    profile = tmp / "chromium-profile"
    cmd = [_chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args]
    env = {**os.environ, "HOME": str(tmp)}
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120, env=env, check=False)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


_PROBE = """<script>
(function () {
  var pts = %s, out = [];
  pts.forEach(function (p) {
    var c = window.launchgeoMap.latLngToContainerPoint([p[1], p[0]]);
    out.push([c.x, c.y]);
  });
  document.title = "PROBE" + JSON.stringify(out);
})();
</script>"""


def _render(m: WebMap, tmp: Path, probes: list[tuple[float, float]]) -> tuple[Any, np.ndarray]:
    """Screenshot of the page (RGB array) and the screen position of each (lon, lat) probe.

    Probe longitudes are moved into the map's continuous range ``[lon_min, lon_min + 360)``.
    """
    from matplotlib import image

    # The map gets a fixed size (--dump-dom and --screenshot do not lay out the same viewport);
    # controls and labels are hidden: the pixels checked are those of the map's layers.
    fixed = (
        f"<style>#map {{ width: {WINDOW[0]}px; height: {WINDOW[1]}px; }}\n"
        ".leaflet-control-container, .leaflet-tooltip { display: none; }</style></head>"
    )
    html = m.html.replace("</head>", fixed, 1)
    probes = [(m.lon_min + (x - m.lon_min) % 360.0, y) for x, y in probes]
    page = tmp / "map.html"
    pts = json.dumps([[float(x), float(y)] for x, y in probes])
    page.write_text(html.replace("</body>", _PROBE % pts + "</body>"), encoding="utf-8")
    size = f"--window-size={WINDOW[0]},{WINDOW[1]}"
    dom = _run(["--dump-dom", size, page.as_uri()], tmp)
    found = re.search(r"<title>PROBE(.*?)</title>", dom, re.S)
    assert found, dom[:500]
    xy = np.asarray(json.loads(found.group(1)), dtype=float).reshape(-1, 2)
    shot = tmp / "shot.png"
    _run([f"--screenshot={shot}", size, page.as_uri()], tmp)
    rgb = (image.imread(shot)[:, :, :3] * 255).round().astype(int)
    assert rgb.shape[:2] == (WINDOW[1], WINDOW[0])
    return rgb, xy


def _near(rgb: np.ndarray, x: float, y: float, color: tuple[int, int, int], r: int = 2) -> bool:
    """True if a pixel within r px of (x, y) has ``color`` (anti-aliasing allowed)."""
    xi, yi = round(x), round(y)
    patch = rgb[max(yi - r, 0) : yi + r + 1, max(xi - r, 0) : xi + r + 1]
    return bool((np.abs(patch - np.asarray(color)).max(axis=2) <= 40).any())


def _pixel(rgb: np.ndarray, x: float, y: float) -> np.ndarray:
    return rgb[round(y), round(x)]


def _on_screen(xy: np.ndarray) -> np.ndarray:
    return (
        (xy[:, 0] >= 3) & (xy[:, 0] < WINDOW[0] - 3) & (xy[:, 1] >= 3) & (xy[:, 1] < WINDOW[1] - 3)
    )


# -- without a browser -------------------------------------------------------------------------
def test_html_is_self_contained_and_small() -> None:
    """No external script, style, image or font; Leaflet and its licence inlined."""
    m = web_map([launchgeo.assess_launch("Sunan", r) for r in (350, 650)])
    html = m.html
    assert not re.search(r"<(script|img|iframe)[^>]+src=", html)
    assert "<link" not in html
    assert not re.search(r"url\((?!#default#VML)", html)  # the one IE-only CSS behaviour aside
    assert "Leaflet 1.9.4" in html and "Redistribution and use in source and binary forms" in html
    assert len(m) < 800_000, len(m)


def test_icbm_ring_is_one_polygon_in_the_sites_frame() -> None:
    """The 13,000 km ring: longitudes continuous around Sunan, one polygon, cap to the limit."""
    ring = launchgeo.range_ring("Sunan", 13_000)
    shown = to_frame(ring.geometry, ring.center_lon - 180.0)
    assert shown.geom_type == "Polygon" and shown.is_valid
    minx, _, maxx, maxy = shown.bounds
    assert (minx, maxx) == pytest.approx((-54.33, 305.67))
    assert maxy == pytest.approx(LAT_LIMIT_DEG)
    circle = to_frame(ring.boundary, ring.center_lon - 180.0)
    assert circle.geom_type == "LineString"  # the pieces split at +-180 are joined again
    xy = np.asarray(circle.coords)
    assert np.abs(np.diff(xy[:, 0])).max() < 5.0  # no jump across the map


def test_html_embeds_only_the_view_simplified() -> None:
    """A 650 km map embeds land and zones near Sunan only, simplified to the stated tolerance."""
    m = web_map(launchgeo.range_ring("Sunan", 650))
    data = json.loads(re.search(r'id="launchgeo-data">(.*?)</script>', m.html, re.S).group(1))
    land = shapely.from_geojson(json.dumps(data["layers"]["land"][0]["geometry"]))
    minx, miny, maxx, maxy = land.bounds
    # The view reaches 945 km (the figure's half-width) to its corners, 1,350 km: no farther.
    bx0, by0, bx1, by1 = launchgeo.range_ring("Sunan", 1_351).geometry.bounds
    assert bx0 - 1e-3 <= minx and maxx <= bx1 + 1e-3 and by0 - 1e-3 <= miny and maxy <= by1 + 1e-3
    assert maxx - minx < 40 and maxy - miny < 30  # Sunan's region, not the world
    assert m.simplify_tolerance_deg == pytest.approx((bx1 - bx0) / 3000, rel=0.05)
    assert f"simplified to {m.simplify_tolerance_deg:.3f}°" in data["attribution"]


def test_web_map_bad_input() -> None:
    with pytest.raises(ValidationError, match="cannot draw int"):
        web_map(42)
    with pytest.raises(ValidationError, match="no CRS"):
        import geopandas as gpd

        web_map(gpd.GeoDataFrame(geometry=[shapely.Point(0, 0)]))
    with pytest.raises(DataError, match="does not exist"):
        web_map(launchgeo.range_ring("Sunan", 350), zones=False, land=False).save(
            "/nonexistent-folder/x.html"
        )


def test_notebook_views(tmp_path: Path) -> None:
    """explore() and _repr_html_ on rings and assessments: an iframe holding the whole map."""
    ring = launchgeo.range_ring("Sunan", 350)
    m = ring.explore(zones=False, land=False)
    assert isinstance(m, WebMap)
    frame = ring._repr_html_()
    assert frame.startswith("<iframe") and "srcdoc=" in frame and "&lt;script" in frame
    a = launchgeo.assess_launch("Sunan", 350)
    assert "Arc in" in a.explore().html
    assert a._repr_html_().startswith("<iframe")
    out = m.save(tmp_path / "ring.html")
    assert out.read_text(encoding="utf-8") == m.html
    assert [p.name for p in tmp_path.iterdir()] == ["ring.html"]  # no temporary file left


# -- in a browser ------------------------------------------------------------------------------
def _circle_points(ring: Any, lon_lo: float, lon_hi: float) -> list[tuple[float, float]]:
    xy = shapely.get_coordinates(ring.boundary)
    keep = (xy[:, 0] >= lon_lo) & (xy[:, 0] <= lon_hi) & (np.abs(xy[:, 1]) < 80)
    return [tuple(p) for p in xy[keep][:: max(1, int(keep.sum()) // 12)]]


@pytest.mark.browser
@pytest.mark.parametrize(
    ("center", "range_km"), [("Sunan", 13_000), ((172.0, 52.0), 1_500)], ids=["icbm", "aleutians"]
)
def test_ring_across_the_date_line_in_chromium(
    tmp_path: Path, center: Any, range_km: float
) -> None:
    """The circle is drawn on both sides of 180°, nothing is drawn along ±180, the fill is whole."""
    ring = launchgeo.range_ring(center, range_km)
    assert ring.crosses_antimeridian
    west = _circle_points(ring, 170.0, 180.0)
    east = _circle_points(ring, -180.0, -170.0)
    assert len(west) >= 3 and len(east) >= 3
    # The 180° meridian inside the ring, away from the circle: what a false seam would cover.
    inside_lats = [
        lat for lat in np.linspace(-80.0, 84.0, 165) if ring.contains(180.0, lat)
        and abs(launchgeo.distance_km(ring.center_lon, ring.center_lat, 180.0, lat) - range_km)
        > 150
    ]  # fmt: skip
    seam = [(180.0, lat) for lat in inside_lats]
    rgb, xy = _render(web_map(ring, zones=False, land=False), tmp_path, west + east + seam)
    n = len(west) + len(east)
    circle_xy, seam_xy = xy[:n], xy[n:]
    shown = _on_screen(circle_xy)
    assert shown.sum() >= 6
    hits = [_near(rgb, x, y, RING_RED) for x, y in circle_xy[shown]]
    assert all(hits[: int(shown[: len(west)].sum())]) and all(hits[int(shown[: len(west)].sum()) :])
    # Along 180° inside the ring: the fill colour, same as 6 px either side; never a line.
    fill = np.round(0.92 * np.asarray(OCEAN) + 0.08 * np.asarray(RING_RED))
    seam_xy = seam_xy[_on_screen(seam_xy)]
    assert len(seam_xy) >= 5
    for x, y in seam_xy:
        for dx in (-6, 0, 6):
            assert np.abs(_pixel(rgb, x + dx, y) - fill).max() <= 3, (x + dx, y, _pixel(rgb, x, y))


@pytest.mark.browser
def test_pole_cap_is_filled_in_chromium(tmp_path: Path) -> None:
    """The 13,000 km ring's cap is filled up to the top of the map, outside it is not."""
    ring = launchgeo.range_ring("Sunan", 13_000)
    lons = np.arange(-50.0, 300.0, 25.0)
    top = [(float(lon), 84.9) for lon in lons]  # just below Web Mercator's limit
    edge = [(float(lon), LAT_LIMIT_DEG) for lon in lons]  # the top of the map
    outside = [(-50.0, -60.0), (-20.0, -50.0), (-54.33, -39.22), (-80.0, -20.0)]  # near antipode
    assert not ring.contains(*np.transpose(outside)).any()
    rgb, xy = _render(web_map(ring, zones=False, land=False), tmp_path, top + edge + outside)
    fill = np.round(0.92 * np.asarray(OCEAN) + 0.08 * np.asarray(RING_RED))
    n = len(top)
    top_xy = xy[:n][_on_screen(xy[:n])]
    assert len(top_xy) >= 10
    for x, y in top_xy:
        assert np.abs(_pixel(rgb, x, y) - fill).max() <= 3, (x, y, _pixel(rgb, x, y))
    for x, y in xy[n : 2 * n]:  # no outline along the top of the cap (Leaflet would stroke it)
        assert not _near(rgb, x, y + 1, RING_RED, r=2), (x, y)
    for x, y in xy[2 * n :]:
        assert np.abs(_pixel(rgb, x, y) - np.asarray(OCEAN)).max() <= 3


@pytest.mark.browser
def test_assessment_arcs_coloured_by_zone_in_chromium(tmp_path: Path) -> None:
    """The Sunan 650 km assessment: Japan's arc drawn in Japan's colour, the site marked."""
    a = launchgeo.assess_launch("Sunan", 650)
    arcs = a.to_geodataframe()
    jpn = arcs[arcs["zone"] == "JPN:eez"].iloc[0]
    mid = jpn["bearing_from_deg"] + ((jpn["bearing_to_deg"] - jpn["bearing_from_deg"]) % 360) / 2
    lon, lat = launchgeo.destination(a.center_lon, a.center_lat, mid % 360.0, 650.0)
    probes = [(float(lon), float(lat)), (a.center_lon, a.center_lat)]
    rgb, xy = _render(web_map(a), tmp_path, probes)
    color = tuple(int(zone_color("JPN:eez")[i : i + 2], 16) for i in (1, 3, 5))
    assert _near(rgb, *xy[0], color)
    assert _near(rgb, *xy[1], (0, 0, 0), r=3)  # the site marker
