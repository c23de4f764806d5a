from __future__ import annotations

import dataclasses

import pytest

import launchgeo
from launchgeo.errors import CoordinateError, UnknownSiteError

REQUIRED = [
    "Sunan", "Sohae", "Tongchang-ri", "Tonghae", "Musudan-ri", "Wonsan Kalma", "Sinpo",
    "Panghyon", "Kusong", "Pukchang", "Hamhung", "Sukchon", "Jangyon", "Mupyong-ni",
]  # fmt: skip


@pytest.mark.parametrize("name", REQUIRED)
def test_required_sites_have_sources(name):
    site = launchgeo.get_site(name)
    assert site.source and site.country == "PRK"
    assert 37.5 < site.lat < 43.1 and 124.0 < site.lon < 131.0  # inside North Korea's bbox


def test_case_insensitive_alias_lookup():
    assert launchgeo.get_site("SUNAN") is launchgeo.get_site(
        "pyongyang sunan international airport"
    )
    assert launchgeo.get_site("sunan").lat == pytest.approx(39.22389)


def test_unknown_site_suggests_close_names():
    with pytest.raises(UnknownSiteError, match="did you mean: 'Sunan'"):
        launchgeo.get_site("Sunnan")


def test_user_sites_are_frozen_and_validated():
    site = launchgeo.LaunchSite("Pad", lon=190.0, lat=10.0)
    assert site.lon == pytest.approx(-170.0)
    with pytest.raises(dataclasses.FrozenInstanceError):
        site.lat = 0.0  # type: ignore[misc]
    with pytest.raises(CoordinateError, match="-91"):
        launchgeo.LaunchSite("Bad", lon=0.0, lat=-91)


def test_catalogue_names_unique():
    names = [n.casefold() for s in launchgeo.load_sites() for n in s.names]
    assert len(names) == len(set(names))
