"""Step: ownership of land, disputed features and their claimants (overlapping-claim zones).

A polygon of land belongs to its sovereign (dependent territories to their sovereign, units
without an ISO id by name); a polygon inside a disputed feature's box belongs to all claimants
("CHN/JPN/TWN"), so the sea that changes hands with it becomes one ``overlapping_claim`` zone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import shapely

from zonebuild.geometry import polygons, shift_to_region

#: Sovereign of dependent territories for the zones (maps keep the territory's own code).
SOVEREIGN = {"HKG": "CHN", "MAC": "CHN", "GUM": "USA", "MNP": "USA", "UMI": "USA", "ASM": "USA"}
#: Natural Earth units without an ISO numeric id, by name (Australian external territories).
SOVEREIGN_BY_NAME = {"Indian Ocean Ter.": "AUS", "Coral Sea Is.": "AUS"}
#: Codes written in the map land file for units without an ISO numeric id: the sovereign, or
#: the claimants joined by "/" for disputed features (as in the zone labels).
LAND_CODE_BY_NAME = {
    **SOVEREIGN_BY_NAME,
    "Scarborough Reef": "CHN/PHL/TWN",
    "Spratly Is.": "CHN/MYS/PHL/TWN/VNM",
}


@dataclass(frozen=True)
class Dispute:
    """A disputed feature: Natural Earth polygons in a box (of its holder there) + basepoints."""

    name: str
    claimants: tuple[str, ...]
    box: tuple[float, float, float, float]
    holder: str | None  # Natural Earth owner of the polygons to take (None: polygons without an id)
    source: str


DISPUTES = (
    Dispute(
        "Liancourt Rocks (Takeshima / Dokdo)",
        ("JPN", "KOR"),
        (131.80, 37.20, 131.95, 37.30),
        "KOR",
        "Natural Earth 10m polygon (held by KOR there); position 37°14'34\"N 131°52'2\"E "
        "per Wikimapia 'Liancourt Rocks' (wikimapia.org/1626782) agrees within 0.6 km",
    ),
    Dispute(
        "Southern Kuril Islands (Northern Territories)",
        ("JPN", "RUS"),
        (145.30, 43.20, 149.00, 45.70),
        "RUS",
        "Natural Earth 10m polygons of Iturup, Kunashir, Shikotan and the Habomai group "
        "(held by RUS)",
    ),
    Dispute(
        "Senkaku Islands (Diaoyu / Diaoyutai)",
        ("CHN", "JPN", "TWN"),
        (123.30, 25.60, 124.70, 26.00),
        "JPN",
        "Natural Earth 10m polygons (held by JPN) plus Taisho-to from data/island_basepoints.csv",
    ),
    Dispute(
        "Paracel Islands",
        ("CHN", "TWN", "VNM"),
        (111.00, 15.50, 113.00, 17.20),
        "CHN",
        "Natural Earth 10m polygons (held by CHN)",
    ),
    Dispute(
        "Spratly Islands",
        ("CHN", "MYS", "PHL", "TWN", "VNM"),
        (109.00, 6.00, 118.00, 12.00),
        None,
        "Natural Earth 10m 'Spratly Is.' (no sovereign in Natural Earth)",
    ),
    Dispute(
        "Scarborough Shoal",
        ("CHN", "PHL", "TWN"),
        (117.50, 15.00, 118.00, 15.50),
        None,
        "Natural Earth 10m 'Scarborough Reef' (no sovereign in Natural Earth)",
    ),
)


def land_by_owner(countries: list[tuple[str | None, str, Any]]) -> dict[str, Any]:
    """Land in the site region (shifted longitudes) by owner: ISO3 or joined claimants."""
    land_parts: dict[str, list[Any]] = {}
    for iso, _name, geom in countries:
        g = shift_to_region(geom)
        if g.is_empty:
            continue
        for poly in polygons(g):
            owner = SOVEREIGN.get(iso, iso) if iso else SOVEREIGN_BY_NAME.get(_name)
            for d in DISPUTES:
                if d.holder == owner and shapely.intersects(poly, shapely.box(*d.box)):
                    owner = "/".join(sorted(d.claimants))
                    break
            if owner is None:
                raise SystemExit(
                    f"Natural Earth polygon {_name!r} has no sovereign and no dispute entry"
                )
            land_parts.setdefault(owner, []).append(poly)
    land = {o: shapely.union_all(p) for o, p in sorted(land_parts.items())}
    return land


def dispute_owner(lon: float, lat: float, state: str) -> str:
    """Owner of a basepoint of ``state`` at (lon, lat): the claimants if it lies in a dispute."""
    owner = state
    for d in DISPUTES:
        if (
            shapely.intersects(shapely.Point(lon, lat), shapely.box(*d.box))
            and owner in d.claimants
        ):
            owner = "/".join(sorted(d.claimants))
    return owner
