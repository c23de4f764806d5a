"""Reading zone files: launchgeo's own formats and Marine Regions World EEZ (private).

launchgeo's own zones come as its binary collection file (``.npz``, ``zones/_format.py``: the
embedded data, read with :mod:`importlib.resources`) or as any vector file with a ``label``
column (GeoJSON, ``.geojson.gz``, GeoPackage, ...). Every reader returns :class:`ZoneRecord` s
(one per label, parts dissolved) in EPSG:4326 lon/lat, plus what the file says about itself.
Every failure is a :class:`DataError` naming the file and what was expected.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import re
import warnings
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import shapely

from launchgeo.errors import DataError, LaunchgeoWarning
from launchgeo.zones import _format

__all__: list[str] = []

#: The embedded zones (zones/data/, launchgeo's binary collection file).
ZONES_RESOURCE = "zones_world.npz"
#: Land for Marine Regions files: the land features of the embedded zones (Natural Earth 10m).
LAND_RESOURCE = ZONES_RESOURCE
#: Properties every zone record has as fields; any others are kept in ``properties``.
_ZONE_FIELDS = ("label", "kind", "states", "name")
_INDEX_PREFIX = "index/"

#: Kinds in precedence order: on a shared boundary the earlier kind wins (see zones.py).
KINDS = ("land", "territorial_sea", "overlapping_claim", "joint_regime", "eez")

_ISO3 = re.compile(r"^[A-Z]{3}$")
_LABEL = re.compile(r"^([A-Z]{3}(?:/[A-Z]{3})*):([a-z_]+)$")

#: Marine Regions POL_TYPE -> launchgeo kind ("Land": a file that carries its own land).
MR_POL_TYPES = {
    "land": "land",
    "200nm": "eez",
    "joint regime": "joint_regime",
    "overlapping claim": "overlapping_claim",
}

#: ISO 3166-1 alpha-3 codes of sovereign names as Marine Regions spells them, for files that
#: carry SOVEREIGN2/3 but not ISO_SOV2/3. Names found beside ISO_SOV1 in the file itself are
#: used first; this table covers the states around the north-west Pacific.
MR_SOVEREIGN_ISO3 = {
    "Australia": "AUS", "Brunei": "BRN", "Cambodia": "KHM", "China": "CHN",
    "Federated States of Micronesia": "FSM", "Indonesia": "IDN", "Japan": "JPN",
    "Kiribati": "KIR", "Malaysia": "MYS", "Marshall Islands": "MHL", "Micronesia": "FSM",
    "Mongolia": "MNG", "Myanmar": "MMR", "Nauru": "NRU", "North Korea": "PRK", "Palau": "PLW",
    "Papua New Guinea": "PNG", "Philippines": "PHL", "Russia": "RUS", "Singapore": "SGP",
    "South Korea": "KOR", "Taiwan": "TWN", "Thailand": "THA", "United States": "USA",
    "Vietnam": "VNM",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class ZoneRecord:
    """One zone: label ``"STATES:kind"``, its parts dissolved into one geometry.

    ``properties`` holds the file's other per-feature properties (e.g. ``sovereign``).
    """

    label: str
    kind: str
    states: tuple[str, ...]
    name: str
    geometry: shapely.Geometry
    properties: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ZoneFile:
    """What a reader found in a file.

    A *lazy* file (the embedded zones, :func:`read_embedded`) has records without geometries
    (``geometry`` None): ``lazy`` makes them, in the records' order, when first needed (all, or
    one), gives their coordinates without making them, and its index arrays are inflated when
    first read.
    """

    records: tuple[ZoneRecord, ...]
    format: str  # "launchgeo" or "marine_regions"
    meta: dict[str, Any]  # the file's own metadata ("launchgeo" member of GeoJSON) or {}
    extent: tuple[float, float, float, float] | None  # None: computed on demand (lazy files)
    sha256: str
    index: Mapping[str, Any] | None = None  # stored classify-index arrays (binary files)
    lazy: LazyGeometries | None = None  # lazy files: their geometries, made on demand

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        """Total bounds of the zones (lon_min, lat_min, lon_max, lat_max)."""
        if self.extent is not None:
            return self.extent
        assert self.lazy is not None
        b = self.lazy.feature_bounds()
        return (float(b[:, 0].min()), float(b[:, 1].min()), float(b[:, 2].max()),
                float(b[:, 3].max()))  # fmt: skip


class LazyGeometries:
    """The geometries of a lazy file (features in file order), made when first asked for.

    A damaged file raises :class:`DataError` from the call that reads the damaged part.
    """

    def __init__(self, col: _format.LazyCollection, path: Path) -> None:
        self._col = col
        self._path = path

    def _call(self, fn: Callable[..., Any], *args: Any) -> Any:
        try:
            return fn(*args)
        except (OSError, ValueError, KeyError, zipfile.BadZipFile) as exc:
            raise DataError(f"launchgeo's embedded zones {str(self._path)!r} are damaged: "
                            f"{exc}; reinstall launchgeo") from exc  # fmt: skip

    def all(self) -> Sequence[shapely.Geometry]:
        """Every feature's geometry."""
        return list(self._call(self._col.geometries))

    def one(self, feature: int) -> shapely.Geometry:
        """One feature's geometry (inflates only the coordinates that hold it)."""
        return self._call(self._col.geometry, feature)

    def vertices(self, features: Sequence[int]) -> npt.NDArray[np.float64]:
        """The coordinates of these features, one after the other, (n, 2)."""
        return self._call(self._col.coords_of, features)

    def feature_bounds(self) -> npt.NDArray[np.float64]:
        """(n_features, 4) bounds."""
        return self._call(self._col.feature_bounds)


def parse_label(label: str) -> tuple[tuple[str, ...], str]:
    """Split ``"JPN/KOR:overlapping_claim"`` into (("JPN", "KOR"), "overlapping_claim")."""
    m = _LABEL.match(label)
    if not m or m.group(2) not in KINDS:
        raise ValueError(
            f"zone label {label!r} is not of the form 'ISO3[/ISO3...]:kind' with kind in {KINDS}"
        )
    states = tuple(m.group(1).split("/"))
    if list(states) != sorted(set(states)):
        raise ValueError(f"zone label {label!r}: states must be distinct and alphabetical")
    return states, m.group(2)


def _file_sha256(path: Path) -> str:
    """Hex sha256 of a file, read in blocks ("" for a directory such as a .gdb)."""
    if not path.is_file():
        return ""
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


# -- low-level reading ---------------------------------------------------------------------------


def _read_table(path: Path) -> tuple[Any, dict[str, Any], str]:
    """Read any vector file into a GeoDataFrame in EPSG:4326 with lower-case columns."""
    import geopandas as gpd

    if not path.exists():
        raise DataError(f"zones file {str(path)!r} does not exist")
    if path.is_dir() and path.suffix.lower() != ".gdb":
        raise DataError(f"zones file {str(path)!r} is a directory, expected a vector file")
    meta: dict[str, Any] = {}
    suffix = path.suffix.lower()
    small = path.is_file() and path.stat().st_size < 50_000_000
    try:
        digest = _file_sha256(path)
    except OSError as exc:
        raise DataError(f"cannot read zones file {str(path)!r}: {exc}") from exc
    try:
        if suffix == ".gz":
            doc = json.loads(gzip.decompress(path.read_bytes()))
            gdf = _from_geojson_doc(doc, path)
            meta = dict(doc.get("launchgeo") or {})
        else:
            if suffix in (".geojson", ".json") and small:  # launchgeo's own metadata member
                try:
                    meta = dict(json.loads(path.read_bytes()).get("launchgeo") or {})
                except (ValueError, AttributeError):
                    meta = {}
            gdf = gpd.read_file(path, engine="pyogrio")
    except DataError:
        raise
    except Exception as exc:  # pyogrio/GDAL, gzip and json raise many types
        raise DataError(f"cannot read zones file {str(path)!r}: {exc}") from exc
    if not hasattr(gdf, "crs") or not hasattr(gdf, "geometry"):
        raise DataError(f"zones file {str(path)!r} has no geometry (a table without shapes)")
    if len(gdf) == 0:
        raise DataError(f"zones file {str(path)!r} holds no features")
    if gdf.crs is None:
        raise DataError(
            f"zones file {str(path)!r} has no CRS (e.g. a shapefile without its .prj); "
            "expected a file that declares its coordinate reference system"
        )
    if not gdf.crs.equals("EPSG:4326") and not gdf.crs.equals("OGC:CRS84"):
        # geopandas transforms with always_xy=True, so the result is (lon, lat).
        try:
            gdf = gdf.to_crs("EPSG:4326")
        except Exception as exc:
            raise DataError(
                f"cannot reproject zones file {str(path)!r} to EPSG:4326: {exc}"
            ) from exc
    gdf.columns = [c if c == gdf.geometry.name else str(c).lower() for c in gdf.columns]
    return gdf, meta, digest


def _from_geojson_doc(doc: Any, path: Path) -> Any:
    import geopandas as gpd

    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        raise DataError(f"zones file {str(path)!r} is not a GeoJSON FeatureCollection")
    crs = doc.get("crs")
    if crs is not None and "CRS84" not in json.dumps(crs) and "4326" not in json.dumps(crs):
        raise DataError(f"zones file {str(path)!r} declares CRS {crs!r}; expected lon/lat WGS84")
    features = doc.get("features") or []
    props = [dict(f.get("properties") or {}) for f in features]
    geoms = [
        shapely.from_geojson(json.dumps(f["geometry"])) if f.get("geometry") else None
        for f in features
    ]
    return gpd.GeoDataFrame(props, geometry=geoms, crs="EPSG:4326")


def _polygonal(geoms: Iterable[Any], path: Path, ids: list[str]) -> list[shapely.Geometry]:
    """Check that every geometry is a non-empty valid (Multi)Polygon in lon/lat range."""
    out = []
    for geom, fid in zip(geoms, ids, strict=True):
        if geom is None or shapely.is_empty(geom):
            raise DataError(f"zones file {str(path)!r}: feature {fid} has no geometry")
        gtype = shapely.get_type_id(geom)
        if gtype not in (3, 6):
            raise DataError(
                f"zones file {str(path)!r}: feature {fid} is a {geom.geom_type}; "
                "expected Polygon or MultiPolygon"
            )
        xy = shapely.get_coordinates(geom)
        if not np.isfinite(xy).all():
            raise DataError(
                f"zones file {str(path)!r}: feature {fid} has NaN or infinite coordinates"
            )
        x0, y0, x1, y1 = shapely.bounds(geom)
        if x0 < -180 or x1 > 360 or y0 < -90 or y1 > 90:
            raise DataError(
                f"zones file {str(path)!r}: feature {fid} has bounds "
                f"({x0:g}, {y0:g}, {x1:g}, {y1:g}) outside lon [-180, 360], lat [-90, 90]"
            )
        if not shapely.is_valid(geom):
            reason = shapely.is_valid_reason(geom)
            warnings.warn(
                f"zones file {str(path)!r}: feature {fid} is invalid ({reason}); "
                "repaired with shapely.make_valid",
                LaunchgeoWarning,
                stacklevel=4,
            )
            geom = shapely.make_valid(geom)
            polys = [p for p in shapely.get_parts(geom) if shapely.get_type_id(p) in (3, 6)]
            geom = shapely.union_all(polys)
            if shapely.is_empty(geom) or shapely.area(geom) == 0:
                raise DataError(
                    f"zones file {str(path)!r}: feature {fid} has no area (a degenerate "
                    f"polygon: {reason}); fix or remove it"
                )
        out.append(geom)
    return out


_Row = tuple[str, tuple[str, ...], str, str, shapely.Geometry, Mapping[str, Any]]


def _dissolve(rows: Sequence[_Row]) -> tuple[ZoneRecord, ...]:
    groups: dict[str, list[_Row]] = {}
    for row in rows:
        groups.setdefault(row[0], []).append(row)
    records = []
    for label, grp in groups.items():
        geom = grp[0][4] if len(grp) == 1 else shapely.union_all([g[4] for g in grp])
        names = list(dict.fromkeys(g[3] for g in grp if g[3]))
        records.append(
            ZoneRecord(label, grp[0][2], grp[0][1], "; ".join(names), geom, grp[0][5])
        )
    return tuple(records)


def _bounds(records: Iterable[ZoneRecord]) -> tuple[float, float, float, float]:
    b = shapely.total_bounds([r.geometry for r in records])
    return (float(b[0]), float(b[1]), float(b[2]), float(b[3]))


# -- the two formats ------------------------------------------------------------------------------


def read_zone_file(path: Path) -> ZoneFile:
    """Read a launchgeo-format or Marine Regions zones file."""
    if path.suffix.lower() == _format.SUFFIX:
        return _read_binary(path, None, trusted=False)
    gdf, meta, digest = _read_table(path)
    cols = set(gdf.columns)
    if "label" in cols:
        records = _own_records(gdf, path)
        fmt = "launchgeo"
    elif {"pol_type", "iso_sov1"} <= cols:
        records = _mr_records(gdf, path)
        fmt = "marine_regions"
    else:
        raise DataError(
            f"zones file {str(path)!r} has columns {sorted(c for c in cols if c != 'geometry')}; "
            "expected launchgeo's 'label' (with 'kind', 'states', 'name') or Marine Regions' "
            "'POL_TYPE' and 'ISO_SOV1' (with ISO_SOV2/3 or SOVEREIGN2/3, MRGID, GEONAME)"
        )
    return ZoneFile(records, fmt, meta, _bounds(records), digest)


def _own_records(gdf: Any, path: Path) -> tuple[ZoneRecord, ...]:
    columns = {str(c): list(gdf[c]) for c in gdf.columns if c != gdf.geometry.name}
    geoms = _polygonal(gdf.geometry, path, [repr(str(x)) for x in gdf["label"]])
    return _records_from_columns(columns, geoms, path)


def _records_from_columns(
    columns: Mapping[str, Sequence[Any]], geoms: Sequence[shapely.Geometry], path: Path
) -> tuple[ZoneRecord, ...]:
    """Records from per-feature property columns (``label`` at least) and geometries."""
    labels = [str(x) for x in columns["label"]]
    names = [_text(x) for x in columns.get("name", [""] * len(labels))]
    extra = [k for k in columns if k not in _ZONE_FIELDS]
    rows: list[_Row] = []
    for i, label in enumerate(labels):
        try:
            states, kind = parse_label(label)
        except ValueError as exc:
            raise DataError(f"zones file {str(path)!r}: {exc}") from None
        for col, expect in (("kind", kind), ("states", "/".join(states))):
            if col in columns and str(columns[col][i]) != expect:
                raise DataError(
                    f"zones file {str(path)!r}: feature {label!r} has {col}="
                    f"{columns[col][i]!r}, but its label says {expect!r}"
                )
        props = {k: _plain(columns[k][i]) for k in extra}
        rows.append((label, states, kind, names[i], geoms[i], props))
    return _dissolve(rows)


def _plain(value: Any) -> Any:
    """A property value as a plain Python value (None for missing)."""
    if value is None or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, np.generic):
        return value.item()
    return value


def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return str(value).strip()


def _mr_records(gdf: Any, path: Path) -> tuple[ZoneRecord, ...]:
    n = len(gdf)

    def col(name: str) -> list[str]:
        return [_text(x) for x in gdf[name]] if name in gdf.columns else [""] * n

    mrgid = col("mrgid")
    ids = [f"MRGID {m}" if m else f"#{i}" for i, m in enumerate(mrgid)]
    geoms = _polygonal(gdf.geometry, path, ids)
    iso = [col("iso_sov1"), col("iso_sov2"), col("iso_sov3")]
    sov = [col("sovereign1"), col("sovereign2"), col("sovereign3")]
    pol = col("pol_type")
    geoname = col("geoname")
    name_to_iso = dict(MR_SOVEREIGN_ISO3)
    for k in range(3):
        for s, c in zip(sov[k], iso[k], strict=True):
            if s and _ISO3.match(c):
                name_to_iso[s] = c
    rows: list[_Row] = []
    for i in range(n):
        kind = MR_POL_TYPES.get(pol[i].lower())
        if kind is None:
            raise DataError(
                f"zones file {str(path)!r}: feature {ids[i]} has POL_TYPE {pol[i]!r}; expected "
                "one of '200NM', 'Joint regime', 'Overlapping claim' (or 'Land')"
            )
        states = []
        for k in range(1 if kind == "eez" else 3):
            code = iso[k][i]
            if not code and sov[k][i]:
                code = name_to_iso.get(sov[k][i], "")
                if not code:
                    raise DataError(
                        f"zones file {str(path)!r}: feature {ids[i]} names sovereign "
                        f"{sov[k][i]!r} without ISO_SOV{k + 1}, and launchgeo knows no ISO3 "
                        "code for that name"
                    )
            if code:
                if not _ISO3.match(code):
                    raise DataError(
                        f"zones file {str(path)!r}: feature {ids[i]} has ISO_SOV{k + 1}="
                        f"{code!r}; expected an ISO 3166-1 alpha-3 code"
                    )
                states.append(code)
        if not states:
            raise DataError(f"zones file {str(path)!r}: feature {ids[i]} has no ISO_SOV1")
        st = tuple(sorted(set(states)))
        rows.append((f"{'/'.join(st)}:{kind}", st, kind, geoname[i], geoms[i], {}))
    return _dissolve(rows)


def read_land_file(path: Path) -> ZoneFile:
    """Read a land file (properties ``iso3``, ``name``) into ``ISO3:land`` records."""
    if path.suffix.lower() == _format.SUFFIX:
        return _read_binary(path, None, trusted=False, land=True)
    gdf, meta, digest = _read_table(path)
    if "iso3" not in gdf.columns:
        if "label" in gdf.columns:  # a launchgeo zones file: keep its land
            recs = tuple(r for r in _own_records(gdf, path) if r.kind == "land")
            return ZoneFile(recs, "launchgeo", meta, _bounds(recs), digest)
        raise DataError(f"land file {str(path)!r} has no 'iso3' column")
    codes = [_text(x) for x in gdf["iso3"]]
    geoms = _polygonal(gdf.geometry, path, [f"{c or '?'} (#{i})" for i, c in enumerate(codes)])
    names = [_text(x) for x in gdf.get("name", [""] * len(gdf))]
    recs = _land_records(codes, names, geoms, path)
    return ZoneFile(recs, "launchgeo", meta, _bounds(recs), digest)


def _land_records(
    codes: Sequence[str], names: Sequence[str], geoms: Sequence[shapely.Geometry], path: Path
) -> tuple[ZoneRecord, ...]:
    rows: list[_Row] = []
    for i, code in enumerate(codes):
        states = tuple(code.split("/"))
        if not all(_ISO3.match(c) for c in states):
            raise DataError(
                f"land file {str(path)!r}: feature #{i} has iso3={code!r}; expected an ISO "
                "3166-1 alpha-3 code, or several joined by '/' for disputed land"
            )
        st = tuple(sorted(states))
        rows.append((f"{'/'.join(st)}:land", st, "land", names[i], geoms[i], {}))
    return _dissolve(rows)


# -- launchgeo's binary collection files -----------------------------------------------------------


def _collection(path: Path, data: bytes | None) -> _format.Collection:
    """Read a collection file (its bytes if given), as a DataError if it is not one."""
    try:
        return _format.read_collection(io.BytesIO(data) if data is not None else path)
    except FileNotFoundError as exc:
        raise DataError(f"zones file {str(path)!r} does not exist") from exc
    except (OSError, ValueError, KeyError, zipfile.BadZipFile) as exc:
        raise DataError(
            f"cannot read {str(path)!r} as a launchgeo collection file (.npz): {exc}"
        ) from exc


def _read_binary(
    path: Path, data: bytes | None, *, trusted: bool, land: bool = False
) -> ZoneFile:
    """Zones (or land) from a binary collection file; ``trusted``: shipped data, not re-checked.

    The shipped files are checked by the data build and the test suite (valid polygons, in
    range); files from elsewhere get the same checks as any other vector file.
    """
    if data is None:
        try:
            data = path.read_bytes()
        except FileNotFoundError as exc:
            raise DataError(f"zones file {str(path)!r} does not exist") from exc
        except OSError as exc:
            raise DataError(f"cannot read zones file {str(path)!r}: {exc}") from exc
    digest = hashlib.sha256(data).hexdigest()
    col = _collection(path, data)
    props = col.properties
    geoms = list(col.geometries)
    n = len(geoms)
    if land and "iso3" in props:
        ids = [f"{_text(c) or '?'} (#{i})" for i, c in enumerate(props["iso3"])]
        if not trusted:
            geoms = _polygonal(geoms, path, ids)
        names = [_text(x) for x in props.get("name", [""] * n)]
        recs = _land_records([_text(c) for c in props["iso3"]], names, geoms, path)
        return ZoneFile(recs, "launchgeo", col.metadata, _bounds(recs), digest)
    if "label" not in props:
        raise DataError(
            f"zones file {str(path)!r} has properties {sorted(props)}; expected launchgeo's "
            "'label' (with 'kind', 'states', 'name')" + (" or land's 'iso3'" if land else "")
        )
    if not trusted:
        geoms = _polygonal(geoms, path, [repr(str(x)) for x in props["label"]])
    records = _records_from_columns(props, geoms, path)
    if land:
        records = tuple(r for r in records if r.kind == "land")
    index = {
        name[len(_INDEX_PREFIX) :]: a
        for name, a in col.arrays.items()
        if name.startswith(_INDEX_PREFIX)
    }
    return ZoneFile(records, "launchgeo", col.metadata, _bounds(records), digest, index or None)


def _resource(name: str) -> tuple[Path, bytes]:
    """A packaged data file: its path (for messages) and bytes; DataError if not installed."""
    ref = resources.files("launchgeo.zones") / "data" / name
    try:
        return Path(str(ref)), ref.read_bytes()
    except OSError as exc:
        raise DataError(
            f"launchgeo's embedded data file {name!r} is not installed "
            f"(looked for {str(ref)!r}: {exc}); reinstall launchgeo or pass a path"
        ) from exc


def read_embedded(name: str, *, land: bool = False) -> ZoneFile:
    """The embedded zones (or, ``land=True``, land) file ``name`` of ``zones/data/``.

    Zones are read lazily (see :class:`ZoneFile`): loading reads the header alone, and a
    first ``classify`` inflates only what it needs.
    """
    path, data = _resource(name)
    if not land:
        lazy = _read_lazy(path, data)
        if lazy is not None:
            return lazy
    return _read_binary(path, data, trusted=True, land=land)


class _Prefixed(Mapping[str, Any]):
    """The arrays of a mapping whose names start with ``prefix``, without it (read lazily)."""

    def __init__(self, arrays: Mapping[str, Any], prefix: str) -> None:
        self._arrays = arrays
        self._prefix = prefix
        self._names = tuple(n[len(prefix) :] for n in arrays if n.startswith(prefix))

    def __getitem__(self, name: str) -> Any:
        if name not in self._names:
            raise KeyError(name)
        return self._arrays[self._prefix + name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)


def _read_lazy(path: Path, data: bytes) -> ZoneFile | None:
    """A shipped zones file without decoding its geometries (None: read it eagerly).

    Only for a file with one feature per label (the shipped files are), so records need no
    dissolving; its labels and property columns are checked as for any file.
    """
    try:
        col = _format.LazyCollection(data)
    except (OSError, ValueError, KeyError, zipfile.BadZipFile) as exc:
        raise DataError(
            f"cannot read {str(path)!r} as a launchgeo collection file (.npz): {exc}"
        ) from exc
    props = col.properties
    labels = [str(x) for x in props.get("label", [])]
    if not labels or len(set(labels)) != len(labels):
        return None
    n = len(labels)
    records = _records_from_columns(props, [None] * n, path)
    index = _Prefixed(col.arrays, _INDEX_PREFIX)
    digest = hashlib.sha256(data).hexdigest()
    return ZoneFile(records, "launchgeo", col.metadata, None, digest, index or None,
                    LazyGeometries(col, path))  # fmt: skip


def read_embedded_frame(name: str) -> Any:
    """An embedded collection file as a GeoDataFrame (EPSG:4326; metadata in ``.attrs``)."""
    import geopandas as gpd

    path, data = _resource(name)
    col = _collection(path, data)
    gdf = gpd.GeoDataFrame(dict(col.properties), geometry=list(col.geometries), crs="EPSG:4326")
    gdf.attrs["launchgeo"] = col.metadata
    return gdf
