"""launchgeo's binary feature-collection file (``.npz``): polygons, properties, metadata, index.

Private; used by the readers and by the data build (``scripts/zonebuild/write.py``).

The file is a zip archive (numpy's ``.npz`` layout, so ``numpy.load`` opens it too) whose
members are written in a fixed order with fixed timestamps and compression, so that the same
content always gives the same bytes:

``header.json``
    ``{"format": "launchgeo-collection", "format_version": 1, "n_features": n, "geometry":
    {...}, "properties": {name: [value per feature]}, "metadata": {...}, "arrays": [...]}``:
    properties are any JSON values (str, number, bool, null), one list per property name;
    metadata is the collection's own description (coverage, version, sources).
``geom_type.npy``
    Per feature 3 (Polygon) or 6 (MultiPolygon), as ``shapely.GeometryType``.
``part_offsets.npy``, ``ring_offsets.npy``, ``coord_offsets.npy``
    Ragged offsets as ``shapely.to_ragged_array`` gives them for MultiPolygons: polygons per
    feature, rings per polygon, coordinates per ring (rings closed).
``coords/<k>.npy`` (version 2; version 1 had one ``coords.npy``)
    The (n, 2) coordinates in chunks of whole features (about ``CHUNK_COORDS`` coordinates
    each; ``header["geometry"]["chunks"]`` gives each chunk's first feature, size and
    encoding), so that one feature's coordinates are read without inflating the others.
    Encoding ``"delta"``: int32 differences of ``round(coordinate * scale)`` from the previous
    coordinate (the chunk's first from 0), used when every coordinate is exactly ``k / scale``
    for an integer k (decoded as ``cumsum / scale``, which gives the same float back);
    ``"float64"`` otherwise. Either way the round trip is exact.
``feature_bounds.npy`` (version 2)
    (n_features, 4) float64: each feature's (lon_min, lat_min, lon_max, lat_max).
``index/<name>.npy``
    Optional: the classify index of a zones file (``zones/_index.py``), stored so that loading
    needs no rebuild.

Reading never unpickles (``allow_pickle=False``) and checks every size it relies on.
"""

from __future__ import annotations

import io
import itertools
import json
import os
import tempfile
import zipfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import numpy as np
import numpy.typing as npt
import shapely

__all__: list[str] = []

FORMAT = "launchgeo-collection"
FORMAT_VERSION = 2
#: Versions this launchgeo reads.
READ_VERSIONS = (1, 2)
#: Coordinates per chunk (chunks end at a feature's end, so a large feature is one chunk).
CHUNK_COORDS = 1 << 17
SUFFIX = ".npz"
#: Scales tried for the delta encoding (coordinates on a 1e-5, 1e-6 or 1e-7 degree grid).
_SCALES = (100_000, 1_000_000, 10_000_000)
_DATE = (1980, 1, 1, 0, 0, 0)
_POLYGON, _MULTIPOLYGON = 3, 6


@dataclass(frozen=True, slots=True)
class Collection:
    """Contents of a collection file."""

    geometries: npt.NDArray[np.object_]  # shapely Polygon/MultiPolygon per feature
    properties: dict[str, list[Any]]
    metadata: dict[str, Any]
    arrays: dict[str, npt.NDArray[Any]]  # extra arrays by name (e.g. "index/root")


# -- writing -------------------------------------------------------------------------------------


def _npy(array: npt.NDArray[Any]) -> bytes:
    buf = io.BytesIO()
    np.lib.format.write_array(buf, np.ascontiguousarray(array), allow_pickle=False)
    return buf.getvalue()


def _coords(coords: npt.NDArray[np.float64]) -> tuple[dict[str, Any], npt.NDArray[Any]]:
    """Choose the exact encoding of the coordinates."""
    if coords.size and np.isfinite(coords).all() and np.abs(coords).max() < 1000:
        for scale in _SCALES:
            q = np.round(coords * scale)
            if np.array_equal(q / scale, coords):
                k = q.astype(np.int64)
                delta = np.diff(k, axis=0, prepend=np.zeros((1, 2), dtype=np.int64))
                if np.abs(delta).max() < 2**31 - 1:
                    return {"encoding": "delta", "scale": scale}, delta.astype(np.int32)
    return {"encoding": "float64"}, coords.astype(np.float64)


def collection_bytes(
    geometries: Sequence[shapely.Geometry],
    properties: Mapping[str, Sequence[Any]],
    metadata: Mapping[str, Any],
    arrays: Mapping[str, npt.NDArray[Any]] | None = None,
) -> bytes:
    """The bytes of a collection file (deterministic: same input, same bytes)."""
    geoms = np.asarray(geometries, dtype=object)
    n = geoms.size
    types = shapely.get_type_id(geoms)
    if n == 0 or not np.isin(types, (_POLYGON, _MULTIPOLYGON)).all():
        raise ValueError("a collection file holds one or more Polygon/MultiPolygon features")
    for name, values in properties.items():
        if len(values) != n:
            raise ValueError(f"property {name!r} has {len(values)} values for {n} features")
    parts, part_index = shapely.get_parts(geoms, return_index=True)
    as_multi = shapely.multipolygons(parts, indices=part_index)
    kind, coords, (coord_off, ring_off, part_off) = shapely.to_ragged_array(as_multi)
    if kind != shapely.GeometryType.MULTIPOLYGON:  # pragma: no cover - guarded above
        raise ValueError(f"unexpected ragged geometry type {kind!r}")
    # chunks of whole features: feature f's coordinates are first[f]:first[f + 1]
    first = coord_off[ring_off[part_off]]
    chunks: list[dict[str, Any]] = []
    members_xy: list[npt.NDArray[Any]] = []
    f = 0
    while f < n:
        g = int(np.searchsorted(first, first[f] + CHUNK_COORDS, side="right")) - 1
        g = min(max(g, f + 1), n)  # at least one feature; end at or before the target
        encoding, stored = _coords(coords[first[f] : first[g]])
        chunks.append({"first_feature": f, "n_coordinates": int(first[g] - first[f]),
                       "encoding": encoding})  # fmt: skip
        members_xy.append(stored)
        f = g
    bounds = shapely.bounds(geoms).astype(np.float64)
    extra = dict(arrays or {})
    header = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "n_features": int(n),
        "geometry": {"chunks": chunks, "n_coordinates": int(coords.shape[0])},
        "properties": {k: list(v) for k, v in properties.items()},
        "metadata": dict(metadata),
        "arrays": sorted(extra),
    }
    text = json.dumps(header, sort_keys=True, ensure_ascii=False, separators=(",", ":"))

    def small(a: npt.NDArray[Any]) -> npt.NDArray[Any]:
        return a.astype(np.int32) if a.size == 0 or a.max() < 2**31 - 1 else a.astype(np.int64)

    members: list[tuple[str, bytes]] = [
        ("header.json", text.encode("utf-8")),
        ("geom_type.npy", _npy(types.astype(np.int8))),
        ("part_offsets.npy", _npy(small(part_off))),
        ("ring_offsets.npy", _npy(small(ring_off))),
        ("coord_offsets.npy", _npy(small(coord_off))),
        ("feature_bounds.npy", _npy(bounds)),
    ]
    members += [(f"coords/{k}.npy", _npy(xy)) for k, xy in enumerate(members_xy)]
    members += [(f"{name}.npy", _npy(extra[name])) for name in sorted(extra)]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            zf.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    return buf.getvalue()


def write_collection(
    path: Path,
    geometries: Sequence[shapely.Geometry],
    properties: Mapping[str, Sequence[Any]],
    metadata: Mapping[str, Any],
    arrays: Mapping[str, npt.NDArray[Any]] | None = None,
) -> bytes:
    """Write a collection file atomically (temporary file, then rename); return its bytes."""
    data = collection_bytes(geometries, properties, metadata, arrays)
    path = Path(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return data


# -- reading -------------------------------------------------------------------------------------


def _array(zf: zipfile.ZipFile, name: str) -> npt.NDArray[Any]:
    """A member ``.npy`` as a read-only array on the member's bytes (no pickles, one copy)."""
    data = zf.read(name)
    f = io.BytesIO(data)
    version = np.lib.format.read_magic(f)
    if version == (1, 0):
        shape, fortran, dtype = np.lib.format.read_array_header_1_0(f)
    else:
        shape, fortran, dtype = np.lib.format.read_array_header_2_0(f)
    if dtype.hasobject:
        raise ValueError(f"{name} holds Python objects; a collection file holds numbers only")
    count = int(np.prod(shape, dtype=np.int64))
    arr = np.frombuffer(data, dtype=dtype, count=count, offset=f.tell())
    return arr.reshape(shape, order="F" if fortran else "C")


class LazyCollection:
    """A collection file opened without decoding its geometries (members read on demand).

    ``properties``, ``metadata`` and ``n_features`` come from the header at once;
    :meth:`coords` decodes the coordinates, :meth:`geometries` makes the shapely geometries
    and :attr:`arrays` inflates an extra array when it is first asked for (each once). So a
    caller that needs only some extra arrays (the classify index's level 0) pays only for those.
    Raises ValueError (what is wrong) as :func:`read_collection` does, when the part is read.
    """

    def __init__(self, source: Path | IO[bytes] | bytes) -> None:
        if isinstance(source, bytes):
            source = io.BytesIO(source)
        self._zip = zipfile.ZipFile(source)
        try:
            self._read_header()
        except BaseException:
            self._zip.close()
            raise

    def _read_header(self) -> None:
        header = json.loads(self._zip.read("header.json").decode("utf-8"))
        if not isinstance(header, dict) or header.get("format") != FORMAT:
            got = header.get("format") if isinstance(header, dict) else type(header).__name__
            raise ValueError(f"not a {FORMAT} file (header.json says {got!r})")
        if header.get("format_version") not in READ_VERSIONS:
            raise ValueError(
                f"{FORMAT} version {header.get('format_version')!r}; this launchgeo reads "
                f"versions {', '.join(map(str, READ_VERSIONS))} (upgrade launchgeo)"
            )
        self.n_features = n = int(header["n_features"])
        self._header = header
        props = {str(k): list(v) for k, v in dict(header.get("properties") or {}).items()}
        for name, values in props.items():
            if len(values) != n:
                raise ValueError(f"property {name!r} has {len(values)} values for {n} features")
        self.properties: dict[str, list[Any]] = props
        self.metadata: dict[str, Any] = dict(header.get("metadata") or {})
        names = [str(x) for x in header.get("arrays", [])]
        self.arrays: Mapping[str, npt.NDArray[Any]] = _LazyArrays(self._zip, names)
        self._coords: npt.NDArray[np.float64] | None = None
        self._offsets: tuple[npt.NDArray[Any], ...] | None = None
        self._geoms: npt.NDArray[np.object_] | None = None
        self._bounds: npt.NDArray[np.float64] | None = None
        self._decoded: dict[int, npt.NDArray[np.float64]] = {}

    def close(self) -> None:
        """Close the archive (parts not read yet can no longer be read)."""
        self._zip.close()

    def _geometry_offsets(self) -> tuple[npt.NDArray[Any], ...]:
        """Types and ragged offsets (checked against each other), read once."""
        if self._offsets is None:
            n = self.n_features
            types = _array(self._zip, "geom_type.npy")
            part_off = _array(self._zip, "part_offsets.npy").astype(np.int64)
            ring_off = _array(self._zip, "ring_offsets.npy").astype(np.int64)
            coord_off = _array(self._zip, "coord_offsets.npy").astype(np.int64)
            n_coords = int(self._header["geometry"]["n_coordinates"])
            ok = (
                types.shape == (n,)
                and part_off.shape == (n + 1,)
                and part_off[-1] == ring_off.size - 1
                and ring_off[-1] == coord_off.size - 1
                and coord_off[-1] == n_coords
                and all(np.all(np.diff(o) >= 0) for o in (part_off, ring_off, coord_off))
                and all(o[0] == 0 for o in (part_off, ring_off, coord_off))
            )
            if not ok:
                raise ValueError(
                    "geometry offsets are inconsistent with each other or with coords"
                )
            self._offsets = (types, coord_off, ring_off, part_off)
        return self._offsets

    def _chunks(self) -> list[tuple[str, int, int, dict[str, Any]]]:
        """(member, first coordinate, coordinates, encoding) of each coordinate chunk."""
        geometry = self._header["geometry"]
        n_coords = int(geometry["n_coordinates"])
        if "chunks" not in geometry:  # version 1: one member
            return [("coords.npy", 0, n_coords, dict(geometry["coordinates"]))]
        _, coord_off, ring_off, part_off = self._geometry_offsets()
        first = coord_off[ring_off[part_off]]
        out = []
        for k, chunk in enumerate(geometry["chunks"]):
            start, size = int(first[int(chunk["first_feature"])]), int(chunk["n_coordinates"])
            out.append((f"coords/{k}.npy", start, size, dict(chunk["encoding"])))
        if sum(c[2] for c in out) != n_coords or any(
            a[1] + a[2] != b[1] for a, b in itertools.pairwise(out)
        ):
            raise ValueError("coordinate chunks do not cover the coordinates in order")
        return out

    def _decode_chunk(self, k: int) -> npt.NDArray[np.float64]:
        """Chunk k's coordinates, (m, 2) float64, decoded once."""
        if k not in self._decoded:
            member, _, size, enc = self._chunks()[k]
            stored = _array(self._zip, member)
            if stored.shape != (size, 2):
                raise ValueError(f"{member} has shape {stored.shape}, header says ({size}, 2)")
            if enc["encoding"] == "delta":
                xy = np.empty((size, 2))
                for axis in (0, 1):  # column by column: several times faster than axis=0
                    xy[:, axis] = np.cumsum(stored[:, axis], dtype=np.int64)
                xy /= float(enc["scale"])
            elif enc["encoding"] == "float64":
                xy = np.array(stored, dtype=np.float64)
            else:
                raise ValueError(f"unknown coordinate encoding {enc['encoding']!r}")
            xy.flags.writeable = False
            self._decoded[k] = xy
        return self._decoded[k]

    def coords(self) -> npt.NDArray[np.float64]:
        """All coordinates, (n, 2) float64, decoded once (read-only)."""
        if self._coords is None:
            self._geometry_offsets()
            parts = [self._decode_chunk(k) for k in range(len(self._chunks()))]
            coords = parts[0] if len(parts) == 1 else np.concatenate(parts)
            coords.flags.writeable = False
            self._coords = coords
            self._decoded.clear()
        return self._coords

    def feature_bounds(self) -> npt.NDArray[np.float64]:
        """Each feature's (lon_min, lat_min, lon_max, lat_max), (n_features, 4)."""
        if self._bounds is None:
            if "feature_bounds.npy" in self._zip.namelist():
                bounds = _array(self._zip, "feature_bounds.npy")
                if bounds.shape != (self.n_features, 4):
                    raise ValueError(f"feature_bounds has shape {bounds.shape}")
            else:  # version 1
                bounds = shapely.bounds(self.geometries())
            self._bounds = np.asarray(bounds, dtype=np.float64)
        return self._bounds

    def geometry(self, feature: int) -> shapely.Geometry:
        """One feature's geometry, inflating only the coordinate chunk that holds it."""
        if self._geoms is not None:
            return self._geoms[feature]
        types, coord_off, ring_off, part_off = self._geometry_offsets()
        p0, p1 = part_off[feature], part_off[feature + 1]
        r0, r1 = ring_off[p0], ring_off[p1]
        c0, c1 = coord_off[r0], coord_off[r1]
        if self._coords is not None:
            xy = self._coords[c0:c1]
        else:
            chunks = self._chunks()
            k = max(i for i, c in enumerate(chunks) if c[1] <= c0)
            if c1 > chunks[k][1] + chunks[k][2]:
                raise ValueError(f"feature {feature} is split across coordinate chunks")
            xy = self._decode_chunk(k)[c0 - chunks[k][1] : c1 - chunks[k][1]]
        geom = shapely.from_ragged_array(
            shapely.GeometryType.MULTIPOLYGON, xy,
            (coord_off[r0 : r1 + 1] - c0, ring_off[p0 : p1 + 1] - r0, np.array([0, p1 - p0])),
        )[0]  # fmt: skip
        return shapely.get_geometry(geom, 0) if types[feature] == _POLYGON else geom

    def coords_of(self, features: Sequence[int]) -> npt.NDArray[np.float64]:
        """The coordinates of the given features, one after the other, as (n, 2) float64.

        In the order ``shapely.get_coordinates`` lists each feature's geometry (parts, then
        exterior ring and holes, rings closed), without making the geometries.
        """
        coords = self.coords()
        _, coord_off, ring_off, part_off = self._geometry_offsets()
        first = coord_off[ring_off[part_off]]  # first coordinate of each feature, and the end
        feats = np.asarray(features, dtype=np.int64)
        if np.array_equal(feats, np.arange(self.n_features)):
            return coords
        starts, stops = first[feats], first[feats + 1]
        counts = stops - starts
        # one gather: for each output row, its feature's start plus its rank within it
        rank = np.arange(int(counts.sum())) - np.repeat(np.cumsum(counts) - counts, counts)
        return coords[np.repeat(starts, counts) + rank]

    def geometries(self) -> npt.NDArray[np.object_]:
        """The shapely Polygon/MultiPolygon of each feature, made once."""
        if self._geoms is None:
            coords = self.coords()
            types, coord_off, ring_off, part_off = self._geometry_offsets()
            geoms = shapely.from_ragged_array(
                shapely.GeometryType.MULTIPOLYGON, coords, (coord_off, ring_off, part_off)
            )
            single = np.flatnonzero(types == _POLYGON)
            if single.size:
                geoms[single] = shapely.get_geometry(geoms[single], 0)
            self._geoms = geoms
        return self._geoms


class _LazyArrays(Mapping[str, npt.NDArray[Any]]):
    """The extra arrays of a collection file, each inflated when first asked for."""

    def __init__(self, zf: zipfile.ZipFile, names: Sequence[str]) -> None:
        self._zip = zf
        self._names = tuple(names)
        self._loaded: dict[str, npt.NDArray[Any]] = {}

    def __getitem__(self, name: str) -> npt.NDArray[Any]:
        if name not in self._loaded:
            if name not in self._names:
                raise KeyError(name)
            self._loaded[name] = _array(self._zip, f"{name}.npy")
        return self._loaded[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)


def read_collection(source: Path | IO[bytes], *, arrays: bool = True) -> Collection:
    """Read a collection file (a path or a binary file object).

    Raises ValueError (with what is wrong) for anything that is not a valid collection file;
    zip and numpy errors pass through as they are (OSError, zipfile.BadZipFile, ValueError).
    """
    col = LazyCollection(source)
    try:
        geoms = col.geometries()
        extra = {name: col.arrays[name] for name in col.arrays} if arrays else {}
    finally:
        col.close()
    return Collection(geoms, col.properties, col.metadata, extra)
