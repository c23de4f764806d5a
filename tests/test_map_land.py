"""Land for maps of anywhere: the embedded land's resolution follows the view's width (issue 11)."""

from __future__ import annotations

from typing import Any

import geopandas as gpd
import pytest
import shapely

from launchgeo.maps import _maplayers
from launchgeo.maps._cartography import map_view
from launchgeo.zones.core import Zones


@pytest.fixture
def requested(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Which land source each map asked for ("zones" for the zones' own 10m land)."""
    asked: list[str] = []
    box = shapely.box(-180, -60, 180, 80)
    world = gpd.GeoDataFrame({"iso3": ["XXX"], "name": ["x"]}, geometry=[box], crs=4326)

    def read(name: str) -> Any:
        asked.append(name)
        return world

    zones = Zones.from_geodataframe(
        gpd.GeoDataFrame({"label": ["XXX:land"]}, geometry=[box], crs=4326)
    )

    def load() -> Zones:
        asked.append("zones")
        return zones

    monkeypatch.setattr(_maplayers, "read_embedded", read)
    monkeypatch.setattr("launchgeo.zones.core.load_zones", load)
    return asked


@pytest.mark.parametrize(
    ("center", "radius_km", "source"),
    [
        ((125.67, 39.22), 700.0, "zones"),  # Sunan 650 km: Natural Earth 10m
        ((53.92, 35.23), 2300.0, "land_world_50m.npz"),  # Semnan 2,000 km
        ((40.58, 62.93), 6000.0, "land_world_50m.npz"),  # Plesetsk to Kamchatka
        ((-120.57, 34.74), 8000.0, "land_world_110m.npz"),  # Vandenberg to Kwajalein
    ],
)
def test_land_resolution_follows_the_view(
    requested: list[str], center: tuple[float, float], radius_km: float, source: str
) -> None:
    view = map_view(center, radius_km)
    land, kind = _maplayers.land_layer(None, view)
    assert kind == "embedded"
    assert requested == [source]
    assert not land.is_empty
    # cut to the region the view shows (plus a margin), not the whole Earth
    assert shapely.area(land) < shapely.area(shapely.box(-180, -60, 180, 80))


def test_land_region_across_the_antimeridian(requested: list[str]) -> None:
    """A box view straddling 180° keeps land on both sides of it."""
    view = map_view(projection="EPSG:3832", extent=(170.0, -30.0, 190.0, -10.0))
    land, _ = _maplayers.land_layer(None, view)
    xmin, _, xmax, _ = land.bounds
    assert xmin < -170.0 and xmax > 170.0
