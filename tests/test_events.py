"""Event tables as analysts keep them (issue 13): columns, sites as reported, checks, texts."""

from __future__ import annotations

import csv
import time
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

import launchgeo
from launchgeo.errors import DataError, ParseError, ValidationError
from launchgeo.findings._columns import coordinate, figure, statement_word
from launchgeo.findings.events import CHECKS
from launchgeo.zones.limits import limit_line

VALIDATION_COLUMNS = {
    "date": "date", "site": "launch_site_name", "lon": "launch_lon", "lat": "launch_lat",
    "range": "range_km", "apogee": "apogee_km", "statement": "japan_eez",
    "description": "impact_description", "missile_type": "missile_type",
}  # fmt: skip


# --------------------------------------------------------------------------- sites as reported


@pytest.mark.parametrize(
    ("text", "matched", "kind", "unc"),
    [
        ("near Sukchon, S. Pyongan (ROK JCS)", "Sukchon", "area", 15),
        ("Wonsan area (CNS)", "Wonsan", "area", 20),
        ("Sinpho", "Sinpo", "area", 5),
        ("Kusong/Guseong", "Kusong", "area", 15),
        ("Musudan-ri (Tonghae), NE coast", "Tonghae Satellite Launching Ground", "facility", 2),
        ("Sohae Satellite Launching Ground", "Sohae Satellite Launching Station", "facility", 1),
        ("Pyongyang (Sunan)", "Pyongyang Sunan International Airport", "facility", 4),
        ("S. Pyongan (ROK JCS); Sunchon (CNS)", "Sunchon", "area", 10),
        ("South Pyongan", "South Pyongan Province", "area", 120),
        ("Sŏnch'ŏn County", "Sonchon", "area", 25),
    ],
)  # fmt: skip
def test_reported_places_resolve(text, matched, kind, unc):
    r = launchgeo.resolve_reported_site(text)
    assert (r.matched, r.site.kind, r.uncertainty_km) == (matched, kind, unc), r.note


def test_near_a_facility_is_an_area_never_the_facility():
    """'near Tongchang-ri' is the surroundings of Sohae, not its 1-km facility point."""
    r = launchgeo.resolve_reported_site("near Tongchang-ri, NW North Korea")
    assert r.site.kind == "area" and r.uncertainty_km == launchgeo.findings.sitetext.NEAR_KM
    assert r.matched == "Sohae Satellite Launching Station" and r.confidence < 1


def test_alternatives_far_apart_cover_both():
    r = launchgeo.resolve_reported_site(
        "S. Hwanghae: Eunyul County (ROK JCS via Donga) / near Hwangju (STRATCOM, CNS)"
    )
    eunyul, hwangju = launchgeo.get_site("Eunyul"), launchgeo.get_site("Hwangju")
    for s in (eunyul, hwangju):
        d = float(launchgeo.distance_km(r.site.lon, r.site.lat, s.lon, s.lat))
        assert d + s.uncertainty_km <= r.uncertainty_km + 1e-9
    assert r.site.kind == "area" and "Eunyul County" in r.note and "Hwangju" in r.note


def test_unresolved_and_ambiguous_places_say_why():
    r = launchgeo.resolve_reported_site("Sunnan airfield")
    assert r.site is None and "not in the site catalogue" in r.note and "Sunan" in r.note
    amb = launchgeo.resolve_reported_site("Space Center")
    assert amb.site is None and "ambiguous" in amb.note
    with pytest.raises(ValidationError):
        launchgeo.resolve_reported_site(None)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- impact texts


def test_parenthesised_direction_gives_two_readings():
    t = launchgeo.parse_impact_text("about 300 km NNW (some reports: N) of the Oga Peninsula")
    assert [r.estimates[0].bearing_deg for r in t.readings] == [337.5, 0.0]
    assert t.region.equals(shapely.union_all([r.region for r in t.readings]))
    assert t.flight is None


@pytest.mark.parametrize(
    ("text", "lo", "hi"),
    [
        ("about 200–250 km west of Okushiri Island", 175.0, 275.0),
        ("roughly 200 to 250 km west of Okushiri Island", 175.0, 275.0),
        ("some 150 nautical miles NW of Okushiri", 125 * 1.852, 175 * 1.852),
        ("approximately 350 km north of Dogo", 325.0, 375.0),
        ("奥尻島の西約200km", 175.0, 225.0),
    ],
)
def test_figures_units_and_qualifiers(text, lo, hi):
    (r,) = launchgeo.parse_impact_text(text).readings
    est = r.estimates[0]
    assert est.distance_min_km == pytest.approx(lo) and est.distance_max_km == pytest.approx(hi)


def test_two_references_for_one_impact_are_intersected():
    t = launchgeo.parse_impact_text("about 300 km from the Oki Islands and ~500 km from Sado")
    (r,) = t.readings
    assert len(r.estimates) == 2
    assert r.region.area < min(e.region.area for e in r.estimates)


def test_jcs_flights():
    f = launchgeo.parse_impact_text("flew about 600 km").flight
    assert (f.distance_min_km, f.distance_max_km, f.bearing_deg) == (575.0, 625.0, None)
    f = launchgeo.parse_impact_text("flew east ~800 km into the East Sea").flight
    assert (f.bearing_min_deg, f.bearing_max_deg, f.sea) == (45.0, 135.0, "Sea of Japan")
    f = launchgeo.parse_impact_text("off the east coast (flew up to ~200 km)").flight
    assert (f.distance_min_km, f.distance_max_km) == (0.0, 225.0)


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("fell in the Sea of Japan outside Japan's EEZ", "no distance in the text"),
        ("Sea of Japan about 400 km east of the Korean Peninsula", "not a reference point"),
        ("about 300 km west of Atlantis", "unknown landmark"),
        ("failed; ~100 km", "a distance without a point"),
    ],
)
def test_refusals_say_exactly_why(text, why):
    t = launchgeo.parse_impact_text(text)
    assert not t.readings and t.flight is None and why in t.refusal


def test_parser_is_linear_regression():
    """Regression: "1 km from " * 6000 took over 30 s (a landmark message built per match)."""
    start = time.perf_counter()
    t = launchgeo.parse_impact_text("1 km from " * 6000)
    launchgeo.find_impact_descriptions("1 km from " * 6000, skip_unknown=True)
    assert time.perf_counter() - start < 10.0
    assert not t.readings and "unknown landmark" in t.refusal


# --------------------------------------------------------------------------- cells and columns


def test_cells():
    assert figure("about 1,000 km", "range", decimal_comma=False)[0] == 1000.0
    assert figure("1000,5", "range", decimal_comma=True)[0] == 1000.5
    assert figure("200-250", "range", decimal_comma=False)[:2] == (225.0, 25.0)
    with pytest.raises(ParseError, match="'far'"):
        figure("far", "range", decimal_comma=False)
    assert coordinate("39°13'20\"N", "lat", decimal_comma=False) == pytest.approx(39.22222, 1e-5)
    assert coordinate("125.67W", "lon", decimal_comma=False) == -125.67
    with pytest.raises(ParseError, match="other axis"):
        coordinate("39N", "lon", decimal_comma=False)
    assert [statement_word(x) for x in ("Inside", "outside EEZ", "", "不明")] == [
        "inside", "outside", "unknown", "unknown",
    ]  # fmt: skip


def test_missing_columns_name_the_columns_found():
    frame = pd.DataFrame({"when": ["2017-08-29"], "km": [2700]})
    with pytest.raises(ValidationError, match=r"columns found: \['when', 'km'\]"):
        launchgeo.assess_events(frame)
    with pytest.raises(ValidationError, match=r"no column 'Range'.*columns found"):
        launchgeo.assess_events(frame, columns={"site": "when", "range": "Range"})
    with pytest.raises(ValidationError, match="roles are"):
        launchgeo.assess_events(frame, columns={"where": "when"})


def test_detection_says_what_it_chose():
    frame = pd.DataFrame({"Launch Site": ["Sunan"], "Range (km)": [650], "EEZ": ["inside"]})
    out = launchgeo.assess_events(frame)
    assert "site='Launch Site' (detected)" in out.attrs["columns"]
    assert "range='Range (km)' (detected)" in out.attrs["columns"]
    assert out["range_check"].iloc[0] == "checked_consistent"


def test_excel_csv_with_bom_semicolons_decimal_commas(tmp_path: Path):
    path = tmp_path / "events.csv"
    text = "date;site;lon;lat;range_km;statement\r\n"
    text += "2017-08-29;Sunan;125,67;39,22389;2700,0;unknown\r\n"
    text += "2017-07-04;;125,2079;39,9275;930;inside\r\n"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    out = launchgeo.assess_events(path)
    assert out["launch_lon"].tolist() == [125.67, 125.2079]
    assert out["range_max_km"].iloc[0] == 2750.0
    assert out["range_check"].tolist() == ["not_checked", "checked_consistent"]
    with pytest.raises(DataError):
        launchgeo.assess_events(tmp_path / "missing.csv")


def test_geodataframe_point_is_the_launch_point_and_input_is_kept():
    gdf = gpd.GeoDataFrame(
        {"site": ["Sunan", "Sunan"], "range": [650, 650], "statement": ["inside", "outside"]},
        geometry=gpd.points_from_xy([125.67, 130.0], [39.22389, 40.0]), crs="EPSG:4326",
    )  # fmt: skip
    before = gdf.copy()
    out = launchgeo.assess_events(gdf)
    pd.testing.assert_frame_equal(gdf, before)
    assert list(out.columns[:3]) == ["site", "range", "statement"] and len(out) == 2
    assert out["site_source"].tolist() == ["coordinates", "coordinates"]
    # coordinates win over names; the second row's point is 380 km from Sunan airport
    assert out["site_check"].tolist() == ["checked_consistent", "checked_inconsistent"]
    assert out.geometry.iloc[1].equals(shapely.Point(130.0, 40.0))


def test_every_row_gets_every_check_with_a_reason():
    frame = pd.DataFrame({
        "site": ["Sunan", "Sunan", "Nowhere-ri", "near Kusong", "Sunan"],
        "range_km": [350, "far", 500, 800, 1000],
        "statement": ["unknown", "inside", "outside", "maybe", "inside"],
        "description": ["Sea of Japan", "", "", "flew about 800 km", "about 250 km west of "
                        "the Oga Peninsula, inside Japan's EEZ"],
    })  # fmt: skip
    out = launchgeo.assess_events(frame)
    for check in CHECKS:
        assert out[check].isin({"checked_consistent", "checked_inconsistent", "not_checked"}).all()
        skipped = out[check] == "not_checked"
        assert out.loc[skipped, f"{check}_note"].str.startswith("not checked: ").all()
    # an unknown statement is not checked, never consistent (the 0.1 bug)
    assert out["range_check"].iloc[0] == "not_checked" and "unknown" in out["range_check_note"][0]
    # a description without a distance does not stop the site check
    assert out["site_check"].iloc[0] == "checked_consistent"
    assert "no distance in the text" in out["description_check_note"].iloc[0]
    assert "'far'" in out["range_check_note"].iloc[1]
    assert "does not resolve" in out["range_check_note"].iloc[2]
    assert "'maybe'" in out["range_check_note"].iloc[3]
    assert out["description_check"].iloc[3] == "checked_consistent"
    row = out.iloc[4]
    assert (row["range_check"], row["statement_check"], row["description_check"]) == (
        "checked_consistent", "checked_consistent", "checked_consistent"
    )  # fmt: skip
    assert row["distance_to_eez_limit_km"] < 0 < row["distance_to_coast_km"]


def test_informative_flags():
    """An 'outside' at a range that cannot reach the EEZ could not have failed."""
    out = launchgeo.assess_events(pd.DataFrame({
        "site": ["Sunan", "Sunan"], "range_km": [350, 1000], "statement": ["outside", "outside"],
    }))  # fmt: skip
    assert out["range_check"].tolist() == ["checked_consistent"] * 2
    assert out["range_informative"].tolist() == [False, True]
    assert "uninformative" in out["range_check_note"].iloc[0]


def test_statement_contradicted_by_the_description():
    out = launchgeo.assess_events(pd.DataFrame({
        "site": ["Sunan"], "range_km": [1000], "statement": ["outside"],
        "description": ["about 250 km west of Aomori Prefecture"],
    }))  # fmt: skip
    row = out.iloc[0]
    assert row["statement_check"] == "checked_inconsistent" and row["statement_informative"]
    assert float(row["statement_p_inside"]) == 1.0 and not row["consistent"]


# --------------------------------------------------------------------------- distances


def test_limits_differ_and_are_ordered():
    """Coast < 12-nm line < EEZ limit from the sea inside Japan's EEZ (2017-03-06, Noto)."""
    lon, lat = 136.9, 39.0
    coast = launchgeo.distance_to_coast_km(lon, lat, "JPN")
    ts = launchgeo.distance_to_territorial_sea_limit_km(lon, lat, "JPN")
    eez = launchgeo.distance_to_eez_limit_km(lon, lat, "JPN")
    assert coast - ts >= 22.2 - 0.5  # 12 nm at least (islands without land data have one too)
    assert eez < -150  # far inside the EEZ ...
    polygon = launchgeo.load_zones().signed_distance_km(lon, lat, "JPN:eez")
    assert polygon == pytest.approx(-ts, abs=0.01)  # the polygon's nearest edge: the 12-nm line


def test_limit_distance_matches_brute_force():
    line = limit_line("JPN", "eez")
    coords = shapely.get_coordinates(shapely.segmentize(line, 0.002))
    rng = np.random.default_rng(3)
    lon, lat = rng.uniform(130, 145, 12), rng.uniform(34, 45, 12)
    d = np.abs(launchgeo.distance_to_eez_limit_km(lon, lat, "JPN"))
    for x, y, got in zip(lon, lat, d, strict=True):
        brute = float(np.min(launchgeo.distance_km(x, y, coords[:, 0], coords[:, 1])))
        assert got == pytest.approx(brute, abs=0.05)
    sign = launchgeo.distance_to_eez_limit_km(lon, lat, "JPN") < 0
    inside = launchgeo.load_zones().in_eez(lon, lat, "JPN", include_overlapping=False)
    land = np.char.endswith(launchgeo.load_zones().classify(lon, lat).astype(str), "JPN:land")
    assert np.array_equal(sign, inside | land)


def test_limit_errors():
    with pytest.raises(launchgeo.errors.UnknownZoneError, match="states are"):
        launchgeo.distance_to_eez_limit_km(130.0, 40.0, "ZZZ")  # no such state in the zones
    with pytest.raises(ValidationError, match="limit must be one of"):
        launchgeo.distance_to_limit_km(130.0, 40.0, "JPN", "shelf")


# --------------------------------------------------------------------------- validation table


def test_validation_table_every_row_with_site_and_range_is_checked(shared_dir: Path):
    path = shared_dir / "reference" / "events" / "nk_launches_dev_1998_2019.csv"
    with path.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    out = launchgeo.assess_events(path, columns=VALIDATION_COLUMNS)
    assert len(out) == len(rows)
    assert (out["site_check"] != "not_checked").all()  # every site resolves
    with_range = out["range_km"].astype(str).str.strip() != ""
    known = out["japan_eez"].isin(["inside", "outside"])
    assert (out.loc[with_range & known, "range_check"] != "not_checked").all()
    for check in CHECKS:
        notes = out.loc[out[check] == "not_checked", f"{check}_note"]
        assert (notes.str.len() > len("not checked: ")).all()


def test_cli_events(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    from launchgeo.cli import main

    path = tmp_path / "launches.csv"
    path.write_text(
        "Launch site,Range (km),EEZ,Impact\n"
        "Sunan,650,inside,\n"
        "near Kusong,800,outside,Sea of Japan\n",
        encoding="utf-8",
    )
    out_csv = tmp_path / "checked.csv"
    assert main(["events", str(path), "-o", str(out_csv)]) == 0
    text = capsys.readouterr().out
    assert "2 rows: 2 checked" in text and "range 2/2" in text
    back = pd.read_csv(out_csv)
    assert back["range_check"].tolist() == ["checked_consistent", "checked_consistent"]
    assert main(["events", str(path), "--json"]) == 0
    import json

    data = json.loads(capsys.readouterr().out)
    assert len(data["rows"]) == 2 and data["counts"]["rows_checked"] == 2
    assert main(["events", str(path), "--columns", "site=Nope"]) == 1
    err = capsys.readouterr().err
    assert "columns found" in err and "Traceback" not in err
