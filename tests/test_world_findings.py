"""Findings for any state: states reached, names in words, area uncertainty, world places."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest

import launchgeo
from launchgeo.errors import ValidationError
from launchgeo.sites import LaunchSite
from launchgeo.zones._labels import STATE_NAMES, possessive, state_name
from launchgeo.zones.core import Zones

ROOT = Path(__file__).resolve().parents[1]
SITE = (0.0, 0.0)


@pytest.fixture(scope="module")
def embedded() -> Zones:
    return launchgeo.load_zones()


@pytest.fixture(scope="module")
def fans() -> Zones:
    """Geodesic fans around SITE with known answers: Oman east (505-900 km), Marshall Is. west."""
    omn = launchgeo.range_fan(SITE, 900, bearing_from_deg=80, bearing_to_deg=100,
                              min_range_km=505, tolerance_m=1).geometry  # fmt: skip
    mhl = launchgeo.range_fan(SITE, 900, bearing_from_deg=260, bearing_to_deg=280,
                              min_range_km=100, tolerance_m=1).geometry  # fmt: skip
    jpn = launchgeo.range_fan(SITE, 3000, bearing_from_deg=170, bearing_to_deg=190,
                              min_range_km=2000, tolerance_m=1).geometry  # fmt: skip
    gdf = gpd.GeoDataFrame(
        {"label": ["OMN:eez", "MHL:eez", "JPN:eez"]}, geometry=[omn, mhl, jpn], crs=4326
    )
    return Zones.from_geodataframe(gdf, coverage_bbox=(-40, -40, 40, 40))


def test_every_state_reached_is_listed_in_words(fans):
    a = launchgeo.assess_launch(SITE, 600, zones=fans)
    assert [r.state for r in a.states] == ["MHL", "OMN"]
    mhl = a.states[0]
    assert mhl.intervals == (pytest.approx((260, 280), abs=0.01),)
    assert mhl.share == pytest.approx(20 / 360, abs=2e-3) and mhl.name == "the Marshall Islands"
    text = a.summary()
    assert "the Marshall Islands (EEZ: bearings 260°–280°" in text and "Oman (EEZ" in text
    assert not re.search(r"\b(MHL|OMN|JPN)\b", text), text
    # Japan is out of reach (2,000 km) and named as such, not as a focus.
    assert [m.zone for m in a.nearest_out_of_reach] == ["JPN"]
    assert a.nearest_out_of_reach[0].range_km == pytest.approx(2000, abs=1)
    assert "cannot reach" not in text and "Japan (2,000 km away" in text


def test_focus_state_keeps_the_japan_style_finding_and_the_old_name(fans):
    a = launchgeo.assess_launch(SITE, 600, zones=fans, focus_state="JPN")
    b = launchgeo.assess_launch(SITE, 600, zones=fans, eez_state="JPN")
    assert a.focus_state == b.eez_state == "JPN"
    assert "cannot reach Japan's EEZ on any bearing" in a.summary()
    assert a.summary() == b.summary()
    with pytest.raises(ValidationError, match="eez_state is the old name"):
        launchgeo.assess_launch(SITE, 600, zones=fans, focus_state="JPN", eez_state="KOR")


def test_area_uncertainty_reaches_the_finding_and_the_probabilities(fans):
    area = LaunchSite("Test county", lon=0.0, lat=0.0, kind="area", uncertainty_km=20.0,
                      country="OMN")  # fmt: skip
    point = LaunchSite("Test pad", lon=0.0, lat=0.0, uncertainty_km=20.0, country="OMN")
    a = launchgeo.assess_launch(area, 490, zones=fans)  # Oman's fan starts at 505 km
    assert "OMN" not in {r.state for r in a.states}
    assert a.states_within_uncertainty == ("OMN",)
    text = a.summary()
    assert text.startswith("Test county is an area, not a launch point")
    assert (
        "within about 20 km" in text
        and "could also end in the waters or on the land of Oman" in text
    )
    f = launchgeo.assess_launch(point, 490, zones=fans)
    assert f.states_within_uncertainty == () and "is an area" not in f.summary()
    kw = {"range_km": 495, "bearing_deg": launchgeo.Uniform(85, 95), "zones": fans,
          "n": 20_000, "seed": 3}  # fmt: skip
    p_area = launchgeo.impact_probability(area, **kw)
    p_point = launchgeo.impact_probability(point, **kw)
    assert p_point.probabilities.get("OMN:eez", 0.0) == 0.0
    assert 0.05 < p_area.probabilities["OMN:eez"] < 0.5  # launch points up to ~20 km east
    assert float(p_area.inputs["site_sigma_km"]) == pytest.approx(20 / 2.4477, rel=1e-3)


def test_vandenberg_6800_km_names_the_marshall_islands(embedded):
    a = launchgeo.assess_launch("Vandenberg", 6800, zones=embedded)
    text = a.summary()
    assert "the Marshall Islands" in text and "MHL" not in text
    # 6,800 km falls short of the Marshall Islands' EEZ (nearest point ~6,960 km): it is named
    # among the nearest states out of reach (with the world zones, after Tokelau's New Zealand
    # zone at ~6,860 km), and a 7,800 km flight (Kwajalein) reaches it.
    nearest = next(m for m in a.nearest_out_of_reach if m.zone == "MHL")
    assert 6800 < nearest.range_km < 7000
    full = launchgeo.assess_launch("Vandenberg", 7800, zones=embedded)
    mhl = next(r for r in full.states if r.state == "MHL")
    kwaj = launchgeo.get_site("Kwajalein")
    v = launchgeo.get_site("Vandenberg")
    bearing = float(launchgeo.azimuth_deg(v.lon, v.lat, kwaj.lon, kwaj.lat))
    assert any(lo <= bearing <= hi for lo, hi in mhl.intervals), (bearing, mhl.intervals)


def test_semnan_2000_km_says_nothing_about_japan(embedded):
    text = launchgeo.assess_launch("Semnan", 2000, zones=embedded).summary()
    assert "Japan" not in text and "JPN" not in text
    # the world zones cover the whole ring (the regional data said "outside the coverage")
    assert "outside the coverage" not in text and "Saudi Arabia" in text


def test_world_oracle_semnan_reaches_its_neighbours(shared_dir: Path):
    path = shared_dir / "reference" / "eez_global" / "eez_global_mr_v8_v10.gpkg"
    oracle = gpd.read_file(path)
    oracle = oracle[(oracle["pol_type"] == "200NM") & oracle["iso_ter1"].notna()]
    labels = oracle["iso_ter1"].astype(str) + ":eez"
    keep = ~labels.duplicated()
    gdf = gpd.GeoDataFrame({"label": labels[keep]}, geometry=oracle.geometry[keep].make_valid())
    zones = Zones.from_geodataframe(gdf.set_crs(4326), coverage_bbox=(-180, -90, 180, 90))
    a = launchgeo.assess_launch("Semnan", 2000, zones=zones)
    states = {r.state for r in a.states}
    assert {"SAU", "OMN"} & states, states  # the Arabian Peninsula lies ~1,500-2,000 km south
    text = a.summary()
    assert "Japan" not in text and not re.search(r"\b[A-Z]{3}'s\b", text)


def test_state_names_cover_iso_3166():
    assert len(STATE_NAMES) == 249
    assert state_name("MHL") == "the Marshall Islands" and possessive("USA") == "the United States'"
    assert state_name("PRK") == "North Korea" and state_name("COD").endswith("Congo")
    assert all(
        (STATE_NAMES[c] and "," not in STATE_NAMES[c]) or c in {"BES", "SHN"} for c in STATE_NAMES
    )


def test_state_names_table_is_reproducible():
    iso = Path("/usr/share/iso-codes/json/iso_3166-1.json")
    if not iso.exists():
        pytest.skip("iso-codes is not installed")
    proc = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_state_names.py"), "--check"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert proc.returncode == 0 and "reproduced" in proc.stdout, proc.stdout + proc.stderr


def test_world_places_in_statements_and_descriptions():
    est = launchgeo.parse_impact_description("about 300 km east of Majuro")
    assert est.landmark.country == "MHL" and est.distance_km == 300
    d = float(launchgeo.distance_km(est.landmark.lon, est.landmark.lat, est.lon, est.lat))
    assert d == pytest.approx(300, abs=1e-6)
    # Near Japan the cited catalogue wins; far away a world place is named; both round-trip.
    assert launchgeo.describe_point(137.0, 40.3).endswith("of Oshima-Oshima")
    for lon, lat in [(60.0, 20.0), (170.0, 10.0), (-150.0, 30.0)]:
        text = launchgeo.describe_point(lon, lat)
        assert launchgeo.parse_impact_description(text).contains(lon, lat), text
    okino = launchgeo.get_landmark("Okinotori-shima")
    assert okino.name == "Okinotorishima" and abs(okino.lat - 20.42) < 0.01


def test_worked_example_outside_east_asia(tmp_path: Path):
    proc = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "minuteman_iii_vandenberg.py"),
         "--out", str(tmp_path), "--samples", "2000"],
        capture_output=True, text=True, check=False, timeout=300,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    text = (tmp_path / "minuteman_iii_vandenberg.txt").read_text(encoding="utf-8")
    # Vandenberg -> Kwajalein is ~7,800 km: 4,2xx nautical miles (the press releases' "4,200
    # miles"), and a flight of that range can end in the Marshall Islands' waters.
    nmi = int(re.search(r"= ([\d,]+) nautical miles", text).group(1).replace(",", ""))
    assert 4150 <= nmi <= 4250
    assert "the Marshall Islands (EEZ and territorial sea: bearings" in text
    p = float(re.search(r"territorial sea or land \|.*?\) = ([\d.]+)", text).group(1))
    assert p > 0.9
    arcs = gpd.read_file(tmp_path / "minuteman_iii_vandenberg_arcs.geojson")
    assert "MHL:eez" in set(arcs["zone"]) and np.isclose(arcs["share"].sum(), 1.0)
