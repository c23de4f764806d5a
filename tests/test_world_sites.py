"""The world launch-site catalogue: the named sites against independent coordinates, lookup rules.

Each reference below is a source other than the one the catalogue row cites (another edition,
an agency or press figure, or a GeoNames town the sources place the site in); ``allow_km``
adds a distance the reference itself states (Palmachim: "the base lies about 4 km south of the
kibbutz").
"""

from __future__ import annotations

import csv
import math
from pathlib import Path

import pytest

import launchgeo
from launchgeo.errors import AmbiguousSiteError, UnknownSiteError, ValidationError
from launchgeo.sites import LaunchSite, _key, find_sites, get_site, match_sites

# name, alias, reference lon, lat, reference source, allowance km
INDEPENDENT = [
    ("Plesetsk", "Plesetsk Cosmodrome", 40.33855, 62.76437,
     "GeoNames 831129 Mirnyy, the town the cosmodrome is located in", 0),
    ("Kapustin Yar", "Kapyar", 45.8, 48.4,
     "Sheldon & Perry, US Congress space report (globalsecurity.org): about 48.4 N 45.8 E", 0),
    ("Baikonur", "Tyuratam", 63.415556, 45.832778,
     "Wikimapia 'Cosmodromo de Baikonur' 45°49'58\"N 63°24'56\"E", 0),
    ("Vandenberg", "VAFB", -120.6, 34.7, "AIAA Vehicle Guide: VAFB at 34.7°N 120.6°W", 0),
    ("Kwajalein", "Reagan Test Site", 167.73919, 8.77479,
     "GeoNames 7304467 Ebaye (Ebeye), on Kwajalein Atoll", 0),
    ("Jiuquan", "JSLC", 100.2912, 40.9581,
     "SpaceNews 2003, Space Imaging IKONOS: launch pad 40.9581 N 100.2912 E", 0),
    ("Taiyuan", "TSLC", 111.59783, 38.71983,
     "GeoNames 1804775 Lanyi, seat of Kelan County where NTI places the centre", 0),
    ("Xichang", "XSLC", 102.0, 28.3, "David Darling, Encyclopedia: 28.3° N, 102.0° E", 0),
    ("Wenchang", "WSLC", 110.80279, 19.55158, "GeoNames 1791544 Wenchang (the city)", 0),
    ("Semnan", "Imam Khomeini Spaceport", 53.954722, 35.258333,
     "Simorgh pad 35°15′30″N 53°57′17″E (press reports cited by Wikipedia)", 0),
    ("Palmachim", "Palmahim", 34.7, 31.933333,
     "German Wikipedia 'Palmachim' (kibbutz) 31°56′N 34°42′E; the base is ~4 km south", 4),
    ("Sriharikota", "SHAR", 80.2, 13.717778,
     "Swedish Wikipedia 'Sriharikota' (island) 13°43′04″N 80°12′00″E", 0),
    ("Abdul Kalam Island", "Wheeler Island", 87.066667, 20.766389,
     "Tamil Wikipedia 'Wheeler Island' 20°45′59″N 87°4′E", 0),
    ("Kourou", "Guiana Space Centre", -52.64265, 5.16281, "GeoNames 3381303 Kourou (town)", 0),
    ("Cape Canaveral", "CCSFS", -80.577361, 28.474425,
     "French Wikipedia 'Base de lancement de Cap Canaveral' 28°28'27.93\"N 80°34'38.5\"W", 0),
]  # fmt: skip


@pytest.mark.parametrize(("name", "alias", "lon", "lat", "source", "allow_km"), INDEPENDENT)
def test_named_sites_resolve_within_their_uncertainty(name, alias, lon, lat, source, allow_km):
    site = get_site(name)
    assert get_site(alias) is site, (name, alias)
    assert site.source and math.isfinite(site.uncertainty_km) and site.uncertainty_km > 0
    d = float(launchgeo.distance_km(site.lon, site.lat, lon, lat))
    assert d <= site.uncertainty_km + allow_km, f"{name}: {d:.1f} km from {source}"


def test_catalogue_size_states_kinds_and_sources():
    sites = launchgeo.load_sites()
    assert len(sites) >= 60
    assert len({s.country for s in sites}) >= 10
    assert {s.kind for s in sites} == {"facility", "area", "range", "impact_area"}
    for s in sites:
        assert s.source and s.country and math.isfinite(s.uncertainty_km), s.name
        limit = 170 if s.name.endswith("Province") else 100  # provinces span 100-300 km
        assert 0 < s.uncertainty_km <= limit, s.name
        if "nagix" in s.source or "own point" in s.source:
            assert "compiler" in s.source.casefold(), s.name  # says it is a compiler's point


def test_folded_names_are_unique_across_the_catalogue():
    owners: dict[str, str] = {}
    for s in launchgeo.load_sites():
        for n in s.names:
            assert owners.setdefault(_key(n), s.name) == s.name, (n, owners[_key(n)], s.name)


@pytest.mark.parametrize(
    ("broad", "not_facility"),
    [("Pyongyang", "Pyongyang Sunan International Airport"),
     ("Wonsan", "Wonsan Kalma International Airport"),
     ("Jagang", "Mupyong-ni"), ("Kusong", "Panghyon Airport")],
)  # fmt: skip
def test_broad_names_resolve_to_areas_never_to_one_facility(broad, not_facility):
    site = get_site(broad)
    assert site.kind == "area" and site.name != not_facility


@pytest.mark.parametrize(
    "name",
    ["Chunghwa", "Kaechon", "Sondok", "Nampo", "Taesong", "Sonchon", "Sunchon", "Uiju",
     "Yangdok", "Yonpo", "Munchon", "Taechon", "Sariwon", "Kanggye", "Sangum-ri", "Ryongsong",
     "West Sunan"],
)  # fmt: skip
def test_north_korean_places_named_in_reports(name):
    site = get_site(name)
    assert site.country == "PRK" and site.kind in {"area", "facility"}
    assert 5 <= site.uncertainty_km <= 25 or site.name == "Sondok Airport"


def test_transliterations_match():
    assert get_site("Sŏnch'ŏn").name == "Sonchon"
    assert get_site("Kaech’ŏn").name == "Kaechon"
    assert get_site("Космодром Плесецк").name == "Plesetsk Cosmodrome"
    assert get_site("kapustin-yar").name == "Kapustin Yar"


def test_unknown_and_ambiguous_names():
    with pytest.raises(UnknownSiteError, match="did you mean: 'Plesetsk'"):
        get_site("Plesetzk")
    with pytest.raises(AmbiguousSiteError, match="Jiuquan Satellite Launch Center") as err:
        get_site("Satellite Launch Center")
    assert len(err.value.candidates) >= 3
    # Two user sites sharing an alias: an error naming both, never a silent pick.
    mine = [
        LaunchSite("North pad", lon=1.0, lat=1.0, aliases=("Pad",)),
        LaunchSite("South pad", lon=1.0, lat=0.0, aliases=("Pad",)),
    ]
    with pytest.raises(AmbiguousSiteError, match=r"North pad.*South pad"):
        get_site("pad", sites=mine)
    assert isinstance(AmbiguousSiteError("x"), UnknownSiteError)


def test_find_sites_filters_by_country_and_kind():
    rus = find_sites(country="rus")
    assert rus and all(s.country == "RUS" for s in rus)
    assert {s.name for s in find_sites(kind="impact_area")} == {"Kura Test Range"}
    space = [s.name for s in find_sites("space center", country="IRN")]
    assert space == ["Semnan Space Center", "Shahroud Space Center", "Chabahar"]
    with pytest.raises(ValidationError, match="'facility', 'area', 'range', 'impact_area'"):
        find_sites(kind="spaceport")
    with pytest.raises(ValidationError, match="alpha-3"):
        find_sites(country="Russia")


def test_match_sites_scores_rank_exact_first():
    got = match_sites("Sunan")
    assert got[0].site.name == "Pyongyang Sunan International Airport" and got[0].score == 1.0
    assert [m.score for m in got] == sorted((m.score for m in got), reverse=True)
    assert any(m.site.name == "West Sunan" for m in got)


def test_sites_validate_kind_country_and_uncertainty():
    with pytest.raises(ValidationError, match="kind must be one of"):
        LaunchSite("x", lon=0, lat=0, kind="spaceport")
    with pytest.raises(ValidationError, match="alpha-3"):
        LaunchSite("x", lon=0, lat=0, country="Korea")
    with pytest.raises(ValidationError, match="uncertainty_km"):
        LaunchSite("x", lon=0, lat=0, uncertainty_km=-1)


def test_north_korean_places_agree_with_validation_list(shared_dir: Path):
    """Our points (from encyclopaedic or GeoNames sources) vs an independent compilation."""
    path = shared_dir / "reference" / "events" / "nk_sites.csv"
    with path.open(encoding="utf-8") as fh:
        ref = {r["name"]: r for r in csv.DictReader(fh)}
    pairs = {
        "Chunghwa": "Chunghwa", "Kaechon": "Kaechon Airbase", "Sondok": "Sondok Airbase",
        "Nampo": "Lake Taesong / Nampo area", "Sonchon": "Sonchon", "Sunchon": "Sunchon Airbase",
        "Uiju": "Uiju", "Yangdok": "Yangdok", "Yonpo": "Yonpo Airport", "Munchon": "Munchon",
        "Taechon": "Taechon Reservoir", "Sariwon": "Sariwon", "Kanggye": "Kanggye",
        "Sangum-ri": "Sangum-ri", "West Sunan": "West Sunan", "Kusong": "Kusong Testing Ground",
        "Sunan": "Pyongyang Sunan International Airport",
        "Sohae": "Sohae Satellite Launching Station",
    }  # fmt: skip
    for ours, theirs in pairs.items():
        site, r = get_site(ours), ref[theirs]
        d = float(launchgeo.distance_km(site.lon, site.lat, float(r["lon"]), float(r["lat"])))
        assert d <= site.uncertainty_km, f"{ours}: {d:.1f} km from the list's {theirs}"


def test_exact_name_fast_path_agrees_with_the_full_search():
    """get_site's dictionary look-up gives what the ranked search gives, for every name."""
    cat = launchgeo.load_sites()
    for site in cat:
        for name in site.names:
            variants = (name, name.upper(), f"  {name.lower()} ")
            for text in variants:
                try:
                    fast = launchgeo.get_site(text)
                except AmbiguousSiteError:
                    fast = None
                try:
                    full = launchgeo.get_site(text, sites=list(cat))  # no fast path
                except AmbiguousSiteError:
                    full = None
                assert fast is full, text
