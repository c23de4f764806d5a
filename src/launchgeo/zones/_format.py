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
``coords.npy``
    (n, 2) coordinates. Encoding ``"delta"``: int32 differences of ``round(coordinate * scale)``
    from the previous coordinate (the first from 0), used when every coordinate is exactly
    ``k / scale`` for an integer k (decoded as ``cumsum / scale``, which gives the same float
    back); ``"float64"`` otherwise. Either way the round trip is exact.
``index/<name>.npy``
    Optional: the classify index of a zones file (``zones/_index.py``), stored so that loading
    needs no rebuild.

Reading never unpickles (``allow_pickle=False``) and checks every size it relies on.
"""

from __future__ import annotations

import io
import json
import os
import tempfile
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import numpy as np
import numpy.typing as npt
import shapely

__all__: list[str] = []

FORMAT = "launchgeo-collection"
FORMAT_VERSION = 1
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
    encoding, stored = _coords(coords)
    extra = dict(arrays or {})
    header = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "n_features": int(n),
        "geometry": {"coordinates": encoding, "n_coordinates": int(coords.shape[0])},
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
        ("coords.npy", _npy(stored)),
    ]
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


def read_collection(source: Path | IO[bytes], *, arrays: bool = True) -> Collection:
    """Read a collection file (a path or a binary file object).

    Raises ValueError (with what is wrong) for anything that is not a valid collection file;
    zip and numpy errors pass through as they are (OSError, zipfile.BadZipFile, ValueError).
    """
    with zipfile.ZipFile(source) as zf:
        header = json.loads(zf.read("header.json").decode("utf-8"))
        if not isinstance(header, dict) or header.get("format") != FORMAT:
            raise ValueError(f"not a {FORMAT} file (header.json says {header.get('format')!r})")
        if header.get("format_version") != FORMAT_VERSION:
            raise ValueError(
                f"{FORMAT} version {header.get('format_version')!r}; this launchgeo reads "
                f"version {FORMAT_VERSION} (upgrade launchgeo)"
            )
        n = int(header["n_features"])
        types = _array(zf, "geom_type.npy")
        part_off = _array(zf, "part_offsets.npy").astype(np.int64)
        ring_off = _array(zf, "ring_offsets.npy").astype(np.int64)
        coord_off = _array(zf, "coord_offsets.npy").astype(np.int64)
        stored = _array(zf, "coords.npy")
        extra = {
            name: _array(zf, f"{name}.npy") for name in header.get("arrays", []) if arrays
        }
    enc = header["geometry"]["coordinates"]
    n_coords = int(header["geometry"]["n_coordinates"])
    if stored.shape != (n_coords, 2):
        raise ValueError(f"coords has shape {stored.shape}, header says ({n_coords}, 2)")
    if enc["encoding"] == "delta":
        coords = np.empty((n_coords, 2))
        for axis in (0, 1):  # column by column: several times faster than cumsum(axis=0)
            coords[:, axis] = np.cumsum(stored[:, axis], dtype=np.int64)
        coords /= float(enc["scale"])
    elif enc["encoding"] == "float64":
        coords = np.asarray(stored, dtype=np.float64)
    else:
        raise ValueError(f"unknown coordinate encoding {enc['encoding']!r}")
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
        raise ValueError("geometry offsets are inconsistent with each other or with coords")
    geoms = shapely.from_ragged_array(
        shapely.GeometryType.MULTIPOLYGON, coords, (coord_off, ring_off, part_off)
    )
    single = np.flatnonzero(types == _POLYGON)
    if single.size:
        geoms[single] = shapely.get_geometry(geoms[single], 0)
    props = {str(k): list(v) for k, v in dict(header.get("properties") or {}).items()}
    for name, values in props.items():
        if len(values) != n:
            raise ValueError(f"property {name!r} has {len(values)} values for {n} features")
    return Collection(geoms, props, dict(header.get("metadata") or {}), extra)
