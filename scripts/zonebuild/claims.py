"""Step: ownership of land: territories, their sovereigns, disputed features and their claimants.

Zones are labelled by *territory*: the ISO 3166-1 alpha-3 code of the Natural Earth admin-0 unit
whose coast generates them (``PYF:eez`` for French Polynesia, ``GUM:eez`` for Guam, ``FRA:eez``
for metropolitan France and the overseas departments that Natural Earth keeps inside France).
Every feature also carries its ``sovereign`` (``FRA`` for ``PYF``), from :data:`SOVEREIGN`.
Hong Kong, Macao and Åland have no maritime zones of their own: they are labelled with their
state. A polygon inside a disputed feature's box belongs to all claimants ("ARG/GBR"), so the sea
that changes hands with it becomes one ``overlapping_claim`` zone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import shapely

from zonebuild.geometry import polygons

#: Units whose seas are administered by their state: labelled with the state's code.
MERGED_INTO = {"HKG": "CHN", "MAC": "CHN", "ALA": "FIN"}

#: Sovereign state of each dependent territory (ISO 3166-1 alpha-3); any other code is its own.
SOVEREIGN = {
    **{t: "FRA" for t in ("PYF", "NCL", "WLF", "ATF", "SPM", "BLM", "MAF")},
    **{t: "USA" for t in ("GUM", "MNP", "ASM", "PRI", "VIR", "UMI")},
    **{t: "DNK" for t in ("GRL", "FRO")},
    **{t: "NLD" for t in ("ABW", "CUW", "SXM")},
    **{t: "GBR" for t in ("FLK", "SGS", "SHN", "PCN", "IOT", "BMU", "CYM", "TCA", "VGB")},
    **{t: "GBR" for t in ("AIA", "MSR", "GIB", "GGY", "JEY", "IMN")},
    **{t: "AUS" for t in ("NFK", "HMD", "CXR", "CCK")},
    **{t: "NZL" for t in ("COK", "NIU", "TKL")},
}  # fmt: skip

#: Natural Earth units without an ISO numeric id: (code, reason). Units split by position are in
#: :data:`SPLIT_BY_BOX`; disputed ones in :data:`DISPUTES`.
CODE_BY_NAME = {
    "Coral Sea Is.": "AUS",  # Australian external territory
    "Clipperton I.": "FRA",  # French state property; ISO reserves CP/CPT only exceptionally
    "Akrotiri": "GBR",  # UK Sovereign Base Area on Cyprus
    "Dhekelia": "GBR",  # UK Sovereign Base Area on Cyprus
    "Cyprus U.N. Buffer Zone": "CYP",
    "USNB Guantanamo Bay": "CUB",  # Cuban sovereignty, leased to the USA (1903)
    "Baikonur": "KAZ",  # leased to Russia; landlocked
    "Somaliland": "SOM",  # self-declared, unrecognised
    "Kosovo": "XKX",  # not in ISO 3166-1; XKX is the user-assigned code the EU and IMF use
    "Siachen Glacier": "IND/PAK",  # disputed, landlocked
}

#: Units whose parts are different ISO territories: (name, box, code); first match wins.
SPLIT_BY_BOX = (
    ("Indian Ocean Ter.", (105.0, -11.0, 106.0, -10.0), "CXR"),  # Christmas Island
    ("Indian Ocean Ter.", (96.0, -13.0, 97.5, -11.5), "CCK"),  # Cocos (Keeling) Islands
)


@dataclass(frozen=True)
class Dispute:
    """A disputed feature: Natural Earth polygons of its holder in a box, plus basepoints.

    A polygon is taken when a point on its surface is in the box (or, with ``clip``, the part of
    the holder's land inside the box is cut off and taken).
    """

    name: str
    claimants: tuple[str, ...]
    box: tuple[float, float, float, float]
    holder: str | None  # Natural Earth owner of the polygons to take (None: by Natural Earth name)
    source: str
    clip: bool = False  # True: the holder's land is cut by the box (the part inside is disputed)

    @property
    def owner(self) -> str:
        return "/".join(sorted(self.claimants))


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
        (109.50, 7.00, 117.00, 12.00),
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
    Dispute(
        "Crimea",
        ("RUS", "UKR"),
        (32.40, 44.30, 36.70, 46.30),
        "RUS",
        "Natural Earth 10m polygon of the Crimean peninsula (drawn under Russia, which annexed "
        "it in 2014; Ukraine's territory under UN General Assembly resolution 68/262)",
    ),
    Dispute(
        "Abu Musa and the Greater and Lesser Tunbs",
        ("ARE", "IRN"),
        (54.90, 25.80, 55.40, 26.35),
        "IRN",
        "Natural Earth 10m polygon of Abu Musa (held by IRN) plus both Tunbs from "
        "data/island_basepoints.csv; held by Iran since 1971, claimed by the UAE",
    ),
    Dispute(
        "Falkland Islands (Malvinas)",
        ("ARG", "GBR"),
        (-62.00, -53.00, -57.00, -50.50),
        "FLK",
        "Natural Earth 10m 'Falkland Is.' (administered by the UK, claimed by Argentina)",
    ),
    Dispute(
        "South Georgia and the South Sandwich Islands",
        ("ARG", "GBR"),
        (-43.00, -60.00, -25.00, -53.00),
        "SGS",
        "Natural Earth 10m 'S. Geo. and the Is.' (administered by the UK, claimed by Argentina)",
    ),
    Dispute(
        "Western Sahara",
        ("ESH", "MAR"),
        (-17.50, 20.50, -8.50, 28.00),
        "ESH",
        "Natural Earth 10m 'W. Sahara' (the part east of the berm and La Güera)",
    ),
    Dispute(
        "Western Sahara",
        ("ESH", "MAR"),
        (-18.00, 20.50, -8.00, 27.0 + 40.0 / 60.0),
        "MAR",
        "Natural Earth 10m 'Morocco' south of 27°40'N, the northern limit of the territory of "
        "Western Sahara (a non-self-governing territory; Morocco administers its coast, the "
        "Sahrawi Arab Democratic Republic, which has no ISO code, claims it)",
        clip=True,
    ),
    Dispute(
        "Northern Cyprus",
        ("CYP", "TUR"),
        (32.50, 34.95, 34.70, 35.75),
        None,
        "Natural Earth 10m 'N. Cyprus' (Turkish Cypriot administration recognised only by "
        "Turkey; Cyprus claims the whole island and its zones)",
    ),
    Dispute(
        "Mayotte",
        ("COM", "FRA"),
        (44.90, -13.10, 45.40, -12.50),
        "FRA",
        "Natural Earth 10m polygons of Mayotte (inside France; claimed by the Comoros)",
    ),
    Dispute(
        "Chagos Archipelago",
        ("GBR", "MUS"),
        (70.50, -8.00, 73.00, -4.50),
        "IOT",
        "Natural Earth 10m 'Br. Indian Ocean Ter.' (ICJ advisory opinion of 2019; the UK-Mauritius "
        "treaty of 22 May 2025 is not in force as of this build)",
    ),
    Dispute(
        "Glorioso, Juan de Nova, Bassas da India and Europa",
        ("FRA", "MDG"),
        (39.00, -23.00, 48.00, -11.00),
        "ATF",
        "Natural Earth 10m polygons of the Scattered Islands (French, claimed by Madagascar)",
    ),
    Dispute(
        "Tromelin",
        ("FRA", "MUS"),
        (54.40, -16.00, 54.60, -15.80),
        "ATF",
        "Natural Earth 10m polygon of Tromelin (French, claimed by Mauritius)",
    ),
    Dispute(
        "Matthew and Hunter Islands",
        ("FRA", "VUT"),
        (171.00, -22.60, 172.50, -22.20),
        "NCL",
        "Natural Earth 10m polygon of Matthew Island (New Caledonia, claimed by Vanuatu) plus "
        "Hunter Island from data/island_basepoints.csv",
    ),
    Dispute(
        "Gibraltar",
        ("ESP", "GBR"),
        (-5.40, 36.10, -5.30, 36.16),
        "GIB",
        "Natural Earth 10m 'Gibraltar' (British; Spain contests its waters)",
    ),
    Dispute(
        "Navassa Island",
        ("HTI", "USA"),
        (-75.10, 18.35, -74.95, 18.45),
        "UMI",
        "Natural Earth 10m polygon of Navassa (a US unincorporated territory, claimed by Haiti)",
    ),
    Dispute(
        "Serranilla Bank",
        ("COL", "HND", "NIC", "USA"),
        (-78.80, 15.70, -78.50, 16.00),
        None,
        "Natural Earth 10m 'Serranilla Bank' (held by Colombia)",
    ),
    Dispute(
        "Bajo Nuevo Bank",
        ("COL", "JAM", "NIC", "USA"),
        (-80.10, 15.70, -79.80, 15.90),
        None,
        "Natural Earth 10m 'Bajo Nuevo Bank' (held by Colombia)",
    ),
)

#: Natural Earth names of disputed units without an ISO id.
DISPUTE_BY_NAME = {
    "Spratly Is.": "Spratly Islands",
    "Scarborough Reef": "Scarborough Shoal",
    "N. Cyprus": "Northern Cyprus",
    "Serranilla Bank": "Serranilla Bank",
    "Bajo Nuevo Bank": "Bajo Nuevo Bank",
}


def territory_code(iso: str | None, name: str, poly: Any) -> str:
    """The label code of a Natural Earth polygon before disputes: territory, state or by name."""
    if iso:
        return MERGED_INTO.get(iso, iso)
    for unit, box, code in SPLIT_BY_BOX:
        if unit == name and shapely.intersects(poly, shapely.box(*box)):
            return code
    if name in DISPUTE_BY_NAME:
        d = next(d for d in DISPUTES if d.name == DISPUTE_BY_NAME[name])
        return d.owner
    if name in CODE_BY_NAME:
        return CODE_BY_NAME[name]
    raise SystemExit(f"Natural Earth polygon {name!r} has no ISO id and no entry in claims.py")


def sovereign_of(code: str) -> str:
    """Sovereign(s) of a label code: ``PYF`` -> ``FRA``; claimants stay as they are."""
    return "/".join(sorted({SOVEREIGN.get(c, c) for c in code.split("/")}))


def land_by_owner(countries: list[tuple[str | None, str, Any]]) -> dict[str, Any]:
    """Land of the whole world by owner: territory code or joined claimants."""
    land_parts: dict[str, list[Any]] = {}
    for iso, name, geom in countries:
        for poly in polygons(geom):
            owner = territory_code(iso, name, poly)
            for t in TRANSFERS:
                if owner == t.old and shapely.within(
                    shapely.point_on_surface(poly), shapely.box(*t.box)
                ):
                    owner = t.new
            for d in DISPUTES:
                box = shapely.box(*d.box)
                if d.holder != owner or not shapely.intersects(poly, box):
                    continue
                if not d.clip and not shapely.within(shapely.point_on_surface(poly), box):
                    continue
                if d.clip:
                    land_parts.setdefault(d.owner, []).extend(
                        polygons(shapely.intersection(poly, box))
                    )
                    poly = shapely.difference(poly, box)
                else:
                    owner = d.owner
                break
            land_parts.setdefault(owner, []).extend(polygons(poly))
    return {o: shapely.union_all(p) for o, p in sorted(land_parts.items())}


def dispute_owner(lon: float, lat: float, state: str) -> str:
    """Owner of a basepoint of ``state`` at (lon, lat): the claimants if it lies in the box of a
    dispute held by that state (or, for features Natural Earth attributes to no one, claimed by
    it)."""
    for d in DISPUTES:
        held = state == d.holder or (d.holder is None and state in d.claimants)
        if held and d.box[0] <= lon <= d.box[2] and d.box[1] <= lat <= d.box[3]:
            return d.owner
    return state


@dataclass(frozen=True)
class Transfer:
    """Land that changed hands after Natural Earth 4.1.0 was drawn: polygons of ``old`` in a box."""

    name: str
    box: tuple[float, float, float, float]
    old: str
    new: str
    source: str


TRANSFERS = (
    Transfer(
        "Tiran and Sanafir",
        (34.40, 27.85, 34.80, 28.10),
        "EGY",
        "SAU",
        "Agreement on the delimitation of the maritime boundary between Egypt and Saudi Arabia "
        "(Cairo, 8 April 2016), ratified by Egypt on 24 June 2017: the islands are Saudi",
    ),
)


@dataclass(frozen=True)
class SeaBeyondTerritorialSea:
    """Land whose coast generates a territorial sea only: beyond it, the sea is ``beyond``'s EEZ."""

    name: str
    box: tuple[float, float, float, float]
    owner: str
    beyond: str
    source: str


TERRITORIAL_SEA_ONLY = (
    SeaBeyondTerritorialSea(
        "UK Sovereign Base Areas of Akrotiri and Dhekelia",
        (32.50, 34.30, 34.20, 35.10),
        "GBR",
        "CYP",
        "Treaty concerning the Establishment of the Republic of Cyprus (Nicosia, 16 August 1960): "
        "the UK keeps the bases and their territorial sea; it claims no exclusive economic zone "
        "for them, so the sea beyond is Cyprus's",
    ),
)


@dataclass(frozen=True)
class Rock:
    """A rock that its holder gives a territorial sea but no EEZ (UNCLOS Article 121(3))."""

    name: str
    box: tuple[float, float, float, float]
    owner: str
    source: str


ROCKS = (
    Rock(
        "Rockall",
        (-13.80, 57.50, -13.60, 57.70),
        "GBR",
        "the UK claims a 12-nm territorial sea around Rockall but, since its accession to "
        "UNCLOS in 1997, no exclusive economic zone or fishery zone from it (Article 121(3)); "
        "Ireland does not recognise UK sovereignty over it",
    ),
)
