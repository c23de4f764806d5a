"""The classify index and the binary zones file: exact against brute force, round trips, bytes.

Brute force is the documented rule computed independently: the first zone in precedence order
that ``shapely.intersects_xy`` says holds the point (closed zones), longitudes shifted by whole
turns into the coverage's frame, points outside the coverage ``no_data``.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from importlib import resources
from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import launchgeo.zones._indexbuild as indexbuild
from launchgeo.errors import DataError
from launchgeo.zones import _format
from launchgeo.zones import core as zones_core
from launchgeo.zones._index import ZoneIndex
from launchgeo.zones._readers import read_land_file
from launchgeo.zones.core import Zones, ZonesInfo, load_zones

WORLD = (-180.0, -90.0, 180.0, 90.0)
DATA = resources.files("launchgeo.zones") / "data"


def brute_force_codes(zones: Zones, lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    """Codes by the documented rule, with shapely only (no index)."""
    x0, y0, x1, y1 = zones.coverage_bbox
    lo = np.where((lon < x0) | (lon >= x0 + 360), x0 + np.mod(lon - x0, 360.0), lon)
    n = len(zones.labels)
    out = np.full(lon.shape, n, dtype=np.int32)
    todo = np.ones(lon.shape, dtype=bool)
    for code, label in enumerate(zones.labels):
        hit = shapely.intersects_xy(zones.geometry(label), lo, lat) & todo
        out[hit] = code
        todo &= ~hit
    out[(lo > x1) | (lat < y0) | (lat > y1)] = n + 1
    return out


def near_boundary_points(
    geoms: list[shapely.Geometry], n: int, seed: int, jitter_deg: float
) -> tuple[np.ndarray, np.ndarray]:
    """Vertices and points on edges of the zones, moved by up to ``jitter_deg``."""
    rng = np.random.default_rng(seed)
    rings = shapely.get_rings(shapely.get_parts(geoms))
    xy = shapely.get_coordinates(rings)
    vertices = xy[rng.integers(0, len(xy), n // 2)]
    on_edges = shapely.line_interpolate_point(
        rings[rng.integers(0, len(rings), n - n // 2)], rng.uniform(0, 1, n - n // 2),
        normalized=True,
    )  # fmt: skip
    pts = np.concatenate([vertices, shapely.get_coordinates(on_edges)])
    pts += rng.uniform(-jitter_deg, jitter_deg, pts.shape)
    pts[:, 0] = np.clip(pts[:, 0], -180, 360)
    pts[:, 1] = np.clip(pts[:, 1], -90, 90)
    return pts[:, 0], pts[:, 1]


def sphere_points(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    return rng.uniform(-180, 180, n), np.degrees(np.arcsin(rng.uniform(-1, 1, n)))


def _star(lon: float, lat: float, r_min: float, r_max: float, n: int, seed: int) -> shapely.Polygon:
    rng = np.random.default_rng(seed)
    ang = np.linspace(0, 2 * np.pi, n, endpoint=False)
    r = rng.uniform(r_min, r_max, n)
    return shapely.Polygon(np.column_stack([lon + r * np.cos(ang), lat + r * np.sin(ang)]))


def _wavy_band(lat0: float, lat1: float, amp: float, n: int) -> shapely.Polygon:
    """Band from lat0 to a wavy lat1 across all longitudes (a polar cap if lat0 is +-90)."""
    lon = np.linspace(-180, 180, n)
    edge = lat1 + amp * np.sin(np.radians(lon) * 7)
    ring = np.column_stack([np.r_[lon, 180, -180], np.r_[edge, lat0, lat0]])
    return shapely.Polygon(ring)


def world_zones() -> gpd.GeoDataFrame:
    """Synthetic zones over the globe: polar caps, a state across +-180, overlaps, many edges."""
    world = shapely.box(*WORLD)
    zones: dict[str, shapely.Geometry] = {}
    zones["ATA:land"] = _wavy_band(-90, -72, 2.0, 720)
    zones["ARC:eez"] = _wavy_band(90, 80, 1.5, 500)
    east = shapely.box(175, -22, 180, -14)
    west = shapely.box(-180, -22, -173, -14)
    jagged = shapely.union(
        _star(179.0, -18.0, 2.0, 3.5, 300, 1), _star(-179.0, -18.0, 2.0, 3.5, 300, 2)
    )
    fji_land = shapely.intersection(jagged, shapely.union(east, west))
    sea = shapely.union(_star(179, -18, 7, 9, 400, 3), _star(-179, -18, 7, 9, 400, 4))
    fji_eez = shapely.difference(shapely.intersection(sea, world), fji_land)
    zones["FJI:land"], zones["FJI:eez"] = fji_land, fji_eez
    centres = [(-60, -10), (20, 10), (100, 40), (140, 35), (-120, 50), (60, -40), (0, 62)]
    for i, (lon, lat) in enumerate(centres):
        code = f"S{chr(65 + i)}{chr(65 + i)}"
        land = shapely.intersection(_star(lon, lat, 2, 6, 200 + 40 * i, 10 + i), world)
        ts = shapely.intersection(land.buffer(0.3, quad_segs=16), world).difference(land)
        eez = shapely.intersection(_star(lon, lat, 10, 14, 150, 20 + i), world)
        zones[f"{code}:land"] = land
        zones[f"{code}:territorial_sea"] = ts
        zones[f"{code}:eez"] = eez.difference(land).difference(ts)
    # an overlapping claim across two neighbours' EEZs (the data may overlap: precedence decides)
    zones["SCC/SDD:overlapping_claim"] = shapely.box(110, 30, 130, 45)
    return gpd.GeoDataFrame(
        {"label": list(zones)}, geometry=[shapely.make_valid(g) for g in zones.values()],
        crs="EPSG:4326",
    )  # fmt: skip


@pytest.fixture(scope="module")
def world() -> Zones:
    return Zones.from_geodataframe(world_zones(), coverage_bbox=WORLD)


@pytest.fixture(scope="module")
def embedded() -> Zones:
    return load_zones()


# -- exact classification ------------------------------------------------------------------------


def test_world_random_points_equal_brute_force(world: Zones) -> None:
    lon, lat = sphere_points(300_000, 1)
    got = world.classify_codes(lon, lat)
    want = brute_force_codes(world, lon, lat)
    assert np.array_equal(got, want)
    # not vacuous: every zone and the background occur
    assert set(np.unique(got)) == set(range(len(world.labels) + 1))


@pytest.mark.parametrize("jitter_deg", [0.0, 1e-12, 1e-9, 1e-6, 1e-3])
def test_world_near_boundaries_equal_brute_force(world: Zones, jitter_deg: float) -> None:
    geoms = [world.geometry(lab) for lab in world.labels]
    lon, lat = near_boundary_points(geoms, 60_000, 2, jitter_deg)
    assert np.array_equal(world.classify_codes(lon, lat), brute_force_codes(world, lon, lat))


def test_world_poles_and_antimeridian(world: Zones) -> None:
    lats = np.linspace(-90, 90, 721)
    lon = np.concatenate([np.full(lats.size, v) for v in (-180.0, 180.0, 360.0, 179.9999999)])
    lat = np.tile(lats, 4)
    lons = np.linspace(-180, 360, 1081)
    lon = np.concatenate([lon, lons, lons])
    lat = np.concatenate([lat, np.full(lons.size, 90.0), np.full(lons.size, -90.0)])
    got = world.classify_codes(lon, lat)
    assert np.array_equal(got, brute_force_codes(world, lon, lat))
    labels = world.code_labels
    assert labels[got[lat == -90][0]] == "ATA:land" and labels[got[lat == 90][0]] == "ARC:eez"
    # 180 and -180 are one meridian: both are classified as -180 (the coverage's frame)
    at = np.flatnonzero(lon[: lats.size * 2] == 180.0)
    assert np.array_equal(got[at], got[at - lats.size])


def test_embedded_random_and_boundary_points_equal_brute_force(embedded: Zones) -> None:
    rng = np.random.default_rng(5)
    glon, glat = sphere_points(150_000, 5)  # the world (the embedded zones cover it)
    lon = np.concatenate([glon, rng.uniform(95, 185, 100_000), rng.uniform(120, 150, 100_000)])
    lat = np.concatenate([glat, rng.uniform(-5, 65, 100_000), rng.uniform(25, 50, 100_000)])
    geoms = [embedded.geometry(lab) for lab in embedded.labels]
    for jitter in (0.0, 1e-9, 1e-5):
        blon, blat = near_boundary_points(geoms, 30_000, 7, jitter)
        lon, lat = np.concatenate([lon, blon]), np.concatenate([lat, blat])
    got = embedded.classify_codes(lon, lat)
    assert np.array_equal(got, brute_force_codes(embedded, lon, lat))
    found = {embedded.code_labels[c] for c in got}
    assert {"high_seas", "JPN:eez", "JPN:land", "PYF:eez", "ATA:land"} <= found
    assert "no_data" not in found


def test_points_collinear_with_a_reference_point_take_the_exact_path(world: Zones) -> None:
    """A point on the line from a leaf's reference point through a vertex (sign 0)."""
    index = world._grid()
    rng = np.random.default_rng(3)
    leaves = rng.choice(index.exact.size, 3000, replace=False)
    first_edge = index.edge_ptr[leaves]
    has = index.edge_ptr[leaves + 1] > first_edge
    leaves, first_edge = leaves[has], first_edge[has]
    k = index.edge_vtx[first_edge]
    t = rng.uniform(0.05, 0.95, leaves.size)
    ref_x, ref_y = index.leaf_refs()
    lon = ref_x[leaves] + t * (index.x[k] - ref_x[leaves])
    lat = ref_y[leaves] + t * (index.y[k] - ref_y[leaves])
    keep = (np.abs(lat) <= 90) & (np.abs(lon) <= 180)  # cells of the last row reach past 90
    lon, lat = lon[keep], lat[keep]
    assert lon.size > 1000
    assert np.array_equal(world.classify_codes(lon, lat), brute_force_codes(world, lon, lat))


@settings(max_examples=25, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])  # fmt: skip
@given(
    seed=st.integers(0, 2**31),
    n_vertices=st.integers(3, 400),
    cell_deg=st.sampled_from([0.05, 0.5, 3.0]),
)
def test_random_overlapping_polygons_equal_brute_force(
    seed: int, n_vertices: int, cell_deg: float
) -> None:
    """Random star polygons (overlapping, precedence decides) with many or few edges per cell."""
    rng = np.random.default_rng(seed)
    box = (10.0, -5.0, 20.0, 5.0)
    geoms = [
        _star(
            rng.uniform(11, 19), rng.uniform(-4, 4), 0.2, rng.uniform(0.5, 4), n_vertices, seed + i
        )
        for i in range(4)
    ]
    geoms = [shapely.intersection(shapely.make_valid(g), shapely.box(*box)) for g in geoms]
    geoms = [g for g in geoms if shapely.get_type_id(g) in (3, 6) and not g.is_empty]
    if not geoms:
        return
    labels = [f"A{chr(65 + i)}A:eez" for i in range(len(geoms))]
    gdf = gpd.GeoDataFrame({"label": labels}, geometry=geoms, crs=4326)
    z = Zones(zones_core.zio._own_records(gdf, Path("t")), ZonesInfo("t", "launchgeo", "", "", box),
              cell_deg=cell_deg)  # fmt: skip
    lon = rng.uniform(9.5, 20.5, 20_000)
    lat = rng.uniform(-5.5, 5.5, 20_000)
    blon, blat = near_boundary_points(geoms, 4000, seed, 1e-9)
    vx = shapely.get_coordinates(geoms)
    lon = np.concatenate([lon, blon, vx[:, 0], vx[:, 0]])  # vertices, and aligned with them
    lat = np.concatenate([lat, blat, vx[:, 1], np.roll(vx[:, 1], 1)])
    assert np.array_equal(z.classify_codes(lon, lat), brute_force_codes(z, lon, lat))


@pytest.mark.reference
@pytest.mark.slow
def test_marine_regions_world_file_equals_brute_force(shared_dir: Path) -> None:
    """The Marine Regions world oracle (251 zones) with the embedded world land: as the rule."""
    gdf = gpd.read_file(shared_dir / "reference" / "eez_global" / "eez_global_mr_v8_v10.gpkg")
    kind = gdf["pol_type"].map(
        {"200NM": "eez", "Joint regime": "joint_regime", "Overlapping claim": "overlapping_claim"}
    )
    # unattributed joint and disputed zones get codes of their own (labels only need be distinct)
    code = [f"X{i // 26 % 26 + 65:c}{i % 26 + 65:c}" for i in range(len(gdf))]
    zones = gpd.GeoDataFrame(
        {"label": [f"{c}:{k}" for c, k in zip(code, kind, strict=True)]},
        geometry=list(gdf.geometry), crs=gdf.crs,
    )  # fmt: skip
    z = Zones.from_geodataframe(zones, coverage_bbox=WORLD)
    lon, lat = sphere_points(200_000, 11)
    geoms = [z.geometry(lab) for lab in z.labels]
    blon, blat = near_boundary_points(geoms, 40_000, 12, 1e-6)
    lon, lat = np.concatenate([lon, blon]), np.concatenate([lat, blat])
    assert np.array_equal(z.classify_codes(lon, lat), brute_force_codes(z, lon, lat))


# -- codes -------------------------------------------------------------------------------------


def test_zones_pickle_with_their_index(world: Zones) -> None:
    """Zones go to dask workers by pickle: the index goes with them and gives the same codes."""
    import pickle

    lon, lat = sphere_points(20_000, 9)
    want = world.classify_codes(lon, lat)
    again = pickle.loads(pickle.dumps(world))
    assert again._index is not None
    assert np.array_equal(again.classify_codes(lon, lat), want)


def test_classify_codes_and_code_labels_match_classify(world: Zones, embedded: Zones) -> None:
    for z in (world, embedded):
        lon, lat = sphere_points(50_000, 4)
        codes = z.classify_codes(lon, lat)
        assert codes.dtype == np.int32 and codes.shape == lon.shape
        assert z.code_labels == (*z.labels, z.background_label, "no_data")
        assert np.array_equal(np.asarray(z.code_labels, dtype=object)[codes], z.classify(lon, lat))
        counts = np.bincount(codes, minlength=len(z.code_labels))
        labels, want = np.unique(z.classify(lon, lat).astype(str), return_counts=True)
        assert dict(zip(labels.tolist(), want.tolist(), strict=True)) == {
            lab: int(c) for lab, c in zip(z.code_labels, counts, strict=True) if c
        }
    assert world.classify_codes(10.0, 20.0).shape == ()
    assert world.classify_codes([[10.0, 20.0]], 5.0).shape == (1, 2)


# -- the binary file -----------------------------------------------------------------------------


def _collection_parts() -> tuple[list[shapely.Geometry], dict[str, list], dict]:
    ring = [(0.0, 0.0), (3.0, 0.0), (3.0, 3.0), (0.0, 3.0), (0.0, 0.0)]
    hole = [(1.0, 1.0), (1.0, 2.0), (2.0, 2.0), (2.0, 1.0), (1.0, 1.0)]
    geoms = [
        shapely.Polygon(ring, [hole]),
        shapely.MultiPolygon([shapely.box(10, 10, 11, 11), shapely.box(12.5, 10, 13, 11.25)]),
        shapely.box(179.99999, -90, 180, -89.5),
        shapely.Polygon([(-180, 80), (-170.12345, 80), (-175, 90), (-180, 80)]),
    ]
    props = {
        "label": ["AAA:eez", "BBB:land", "CCC:eez", "DDD:eez"],
        "name": ["Ä name", "", "x", "y"],
        "sovereign": ["AAA", None, "CCC", "FRA"],
        "rank": [1, 2, 3, 4],
        "share": [0.5, None, 1e-300, -2.0],
        "flag": [True, False, True, False],
    }
    meta = {"coverage_bbox": [-180.0, -90.0, 180.0, 90.0], "version": "t", "nested": {"a": [1]}}
    return geoms, props, meta


@pytest.mark.parametrize("offset", [0.0, 1e-13])  # on the 1e-5 grid (int32 deltas), or not
def test_collection_round_trip_is_exact(offset: float) -> None:
    geoms, props, meta = _collection_parts()
    geoms = [shapely.transform(g, lambda c: c + offset) if i == 1 else g
             for i, g in enumerate(geoms)]  # fmt: skip
    data = _format.collection_bytes(geoms, props, meta)
    col = _format.read_collection(io.BytesIO(data))
    assert [g.geom_type for g in col.geometries] == [g.geom_type for g in geoms]
    for a, b in zip(geoms, col.geometries, strict=True):
        assert shapely.equals_exact(a, b, tolerance=0.0)
        assert np.array_equal(shapely.get_coordinates(a), shapely.get_coordinates(b))
        assert shapely.get_num_interior_rings(shapely.get_parts(a)).tolist() == (
            shapely.get_num_interior_rings(shapely.get_parts(b)).tolist()
        )
    assert col.properties == props and col.metadata == meta
    header = json.loads(zipfile.ZipFile(io.BytesIO(data)).read("header.json"))
    encodings = {c["encoding"]["encoding"] for c in header["geometry"]["chunks"]}
    assert encodings == {"delta" if offset == 0 else "float64"}
    # numpy opens it too (npz layout)
    assert np.load(io.BytesIO(data))["geom_type"].tolist() == [3, 6, 3, 3]


def test_shipped_collections_round_trip_exactly() -> None:
    """Every shipped file: geometries, properties and metadata read back exactly as written."""
    for name in ("zones_world.npz", "land_world_50m.npz", "land_world_110m.npz"):
        data = DATA.joinpath(name).read_bytes()
        col = _format.read_collection(io.BytesIO(data))
        again = _format.read_collection(io.BytesIO(_format.collection_bytes(
            list(col.geometries), col.properties, col.metadata, col.arrays)))  # fmt: skip
        assert all(np.array_equal(shapely.get_coordinates(a), shapely.get_coordinates(b))
                   for a, b in zip(col.geometries, again.geometries, strict=True))  # fmt: skip
        assert all(a.geom_type == b.geom_type
                   for a, b in zip(col.geometries, again.geometries, strict=True))  # fmt: skip
        assert again.properties == col.properties and again.metadata == col.metadata
        assert all(np.array_equal(col.arrays[k], again.arrays[k]) for k in col.arrays)


def test_writing_twice_gives_identical_bytes(tmp_path: Path) -> None:
    geoms, props, meta = _collection_parts()
    a = _format.write_collection(tmp_path / "a.npz", geoms, props, meta)
    b = _format.write_collection(tmp_path / "b.npz", geoms, props, meta)
    assert a == b == (tmp_path / "a.npz").read_bytes() == (tmp_path / "b.npz").read_bytes()
    assert not list(tmp_path.glob(".*"))  # no temporary file left behind
    with zipfile.ZipFile(tmp_path / "a.npz") as zf:
        assert {i.date_time for i in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert [i.filename for i in zf.infolist()][:2] == ["header.json", "geom_type.npy"]


@pytest.mark.slow
def test_shipped_zones_file_is_reproduced_byte_for_byte() -> None:
    """Re-making the shipped zones file from its contents gives its bytes: same geometry
    encoding, and the stored index is exactly what this launchgeo builds."""
    data = DATA.joinpath("zones_world.npz").read_bytes()
    col = _format.read_collection(io.BytesIO(data), arrays=False)
    again = zones_core._collection_file_bytes(list(col.geometries), col.properties, col.metadata)
    assert hashlib.sha256(again).hexdigest() == hashlib.sha256(data).hexdigest()


def test_embedded_zones_use_the_stored_index(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_build(*args: object, **kwargs: object) -> None:
        raise AssertionError("the stored index should have been used")

    monkeypatch.setattr(indexbuild, "build_index", no_build)
    z = zones_core._embedded.__wrapped__()  # a fresh load, not the cached one
    assert z.classify(139.69, 35.69) == "JPN:land"
    assert isinstance(z._index, ZoneIndex)


def test_a_stored_index_of_other_zones_is_not_used(tmp_path: Path) -> None:
    """A file whose stored index was made for other geometry is re-indexed (and exact)."""
    gdf = world_zones()
    geoms, labels = list(gdf.geometry), list(gdf["label"])
    meta = {"coverage_bbox": list(WORLD), "version": "t"}
    stored = _format.read_collection(io.BytesIO(
        zones_core._collection_file_bytes(geoms, {"label": labels}, meta))).arrays  # fmt: skip
    moved = [shapely.transform(g, lambda c: c * [0.999, 1.0]) for g in geoms]
    _format.write_collection(tmp_path / "z.npz", moved, {"label": labels}, meta, stored)
    z = load_zones(tmp_path / "z.npz")
    lon, lat = sphere_points(50_000, 8)
    assert np.array_equal(z.classify_codes(lon, lat), brute_force_codes(z, lon, lat))


def test_npz_zone_and_land_files_load(tmp_path: Path) -> None:
    gdf = world_zones()
    meta = {"coverage_bbox": list(WORLD), "version": "t-2"}
    props = {"label": list(gdf["label"]), "sovereign": ["X"] * len(gdf)}
    (tmp_path / "z.npz").write_bytes(
        zones_core._collection_file_bytes(list(gdf.geometry), props, meta)
    )
    z = load_zones(tmp_path / "z.npz")
    assert z.info.format == "launchgeo" and z.info.version == "t-2"
    assert z.to_geodataframe()["sovereign"].tolist() == ["X"] * len(gdf)
    land = gdf[gdf["label"].str.endswith(":land")]
    _format.write_collection(
        tmp_path / "land.npz", list(land.geometry),
        {"iso3": [lab.split(":")[0] for lab in land["label"]], "name": list(land["label"])}, {},
    )  # fmt: skip
    assert {r.label for r in read_land_file(tmp_path / "land.npz").records} == set(land["label"])


def test_bad_binary_files_are_data_errors(tmp_path: Path) -> None:
    (tmp_path / "junk.npz").write_bytes(b"not a zip")
    with pytest.raises(DataError, match=r"cannot read '.*junk.npz' as a launchgeo collection"):
        load_zones(tmp_path / "junk.npz")
    geoms, props, meta = _collection_parts()
    data = _format.collection_bytes(geoms, props, meta)
    members = {}
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    header = json.loads(members["header.json"])
    header["format_version"] = 99
    members["header.json"] = json.dumps(header).encode()
    with zipfile.ZipFile(tmp_path / "v99.npz", "w") as zf:
        for name, raw in members.items():
            zf.writestr(name, raw)
    with pytest.raises(DataError, match=r"version 99; this launchgeo reads versions 1, 2"):
        load_zones(tmp_path / "v99.npz")
    with pytest.raises(DataError, match=r"does not exist"):
        load_zones(tmp_path / "missing.npz")
    bad = [shapely.Polygon([(0, 0), (2, 2), (2, 0), (0, 2), (0, 0)])]  # a bow tie: invalid
    _format.write_collection(tmp_path / "bow.npz", bad, {"label": ["AAA:eez"]}, {})
    with pytest.warns(Warning, match=r"invalid .*repaired"):
        load_zones(tmp_path / "bow.npz")


def _members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for name, raw in members.items():
            zf.writestr(name, raw)
    return path


def _npy(a: np.ndarray) -> bytes:
    buf = io.BytesIO()
    np.save(buf, a)
    return buf.getvalue()


def test_damaged_shipped_file_is_a_data_error_naming_it(tmp_path: Path) -> None:
    """The shipped zones file cut short, with a flipped byte, or with a member cut short."""
    data = DATA.joinpath("zones_world.npz").read_bytes()
    (tmp_path / "cut.npz").write_bytes(data[: len(data) // 2])
    flipped = bytearray(data)
    flipped[len(data) // 2] ^= 0xFF
    (tmp_path / "flip.npz").write_bytes(bytes(flipped))
    members = _members(data)
    coords = np.load(io.BytesIO(members["coords/0.npy"]))
    _zip(tmp_path / "short.npz", {**members, "coords/0.npy": _npy(coords[: len(coords) // 2])})
    _zip(tmp_path / "gone.npz", {k: v for k, v in members.items() if k != "coords/0.npy"})
    for name in ("cut.npz", "flip.npz", "short.npz", "gone.npz"):
        with pytest.raises(DataError, match=rf"cannot read '.*{name}' as a launchgeo collection"):
            load_zones(tmp_path / name)


@pytest.mark.parametrize(
    ("member", "damage", "why"),
    [
        ("index/lut.npy", lambda a: a[:10], "offsets that do not fit"),
        ("index/lut.npy", lambda a: a.astype(np.int32) + 10_000, "codes out of range"),
        ("index/edge_vtx_delta.npy", lambda a: a * 1000, "missing vertices"),
        ("index/blocks_first.npy", lambda a: a + 10**6, "missing (leaves|blocks)"),
        ("index/tile_of.npy", lambda a: a + 10**6, "tiles it does not have"),
    ],
)
def test_a_damaged_stored_index_is_a_data_error_naming_the_file(
    tmp_path: Path, member: str, damage: object, why: str
) -> None:
    """Index arrays that do not fit together are never used (no IndexError, no wrong answer,
    no endless descent): the first classify says which file is damaged."""
    gdf = world_zones()
    data = zones_core._collection_file_bytes(
        list(gdf.geometry), {"label": list(gdf["label"])}, {"coverage_bbox": list(WORLD)}
    )
    members = _members(data)
    assert member in members
    arr = np.load(io.BytesIO(members[member]))
    path = _zip(tmp_path / "bad.npz", {**members, member: _npy(damage(arr))})  # type: ignore[operator]
    z = load_zones(path)  # the index is decoded on first use
    match = rf"'.*bad.npz': its stored classify index is damaged.*{why}"
    with pytest.raises(DataError, match=match):
        z.classify(0.5, 0.5)
