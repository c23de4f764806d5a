"""Step: convert GeoJSON data files (``*.geojson.gz`` of an earlier build) to binary files.

The full build (``scripts/build_zones.py``) writes the binary files itself; this step makes
them from existing GeoJSON output without rebuilding the zones (minutes), e.g. after a change of
the file format or of the classify index::

    python scripts/convert_zones.py                      # every *.geojson.gz in zones/data/
    python scripts/convert_zones.py a.geojson.gz -o out/ # given files, into out/
    python scripts/convert_zones.py --check              # shipped .npz == rewritten (bytes)

A shipped ``.npz`` is re-made from its own contents by ``--reindex`` (after a change of the
index): geometries, properties and metadata are read back exactly.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

from launchgeo.zones import _format
from zonebuild.settings import DATA_OUT
from zonebuild.write import collection_file_bytes


def geojson_to_fc(path: Path) -> dict[str, Any]:
    """A (gzipped) GeoJSON FeatureCollection as a dict."""
    raw = path.read_bytes()
    if path.suffix == ".gz":
        raw = gzip.decompress(raw)
    fc: dict[str, Any] = json.loads(raw)
    return fc


def npz_to_fc(path: Path) -> dict[str, Any]:
    """A binary collection file as a FeatureCollection dict with shapely geometries."""
    col = _format.read_collection(path, arrays=False)
    keys = list(col.properties)
    feats = [
        {"properties": {k: col.properties[k][i] for k in keys}, "geometry": g}
        for i, g in enumerate(col.geometries)
    ]
    return {"type": "FeatureCollection", "launchgeo": col.metadata, "features": feats}


def binary_name(path: Path) -> str:
    name = path.name
    for suffix in (".geojson.gz", ".geojson", ".json.gz", ".json", ".npz"):
        if name.endswith(suffix):
            return name[: -len(suffix)] + _format.SUFFIX
    raise SystemExit(f"{path}: expected a .geojson(.gz) or .npz file")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, help="GeoJSON (.gz) or .npz files")
    parser.add_argument("-o", "--out", type=Path, default=None, help="output folder")
    parser.add_argument("--reindex", action="store_true", help="re-make the shipped .npz files")
    parser.add_argument(
        "--check", action="store_true", help="re-make the shipped .npz files in memory, compare"
    )
    args = parser.parse_args(argv)
    if args.check or args.reindex:
        files = args.files or sorted(DATA_OUT.glob(f"*{_format.SUFFIX}"))
    else:
        files = args.files or sorted(DATA_OUT.glob("*.geojson.gz"))
    if not files:
        print("nothing to convert", file=sys.stderr)
        return 1
    ok = True
    for src in files:
        fc = npz_to_fc(src) if src.suffix == _format.SUFFIX else geojson_to_fc(src)
        data = collection_file_bytes(fc)
        again = collection_file_bytes(fc)
        if data != again:
            print(f"NOT REPRODUCIBLE {src.name}")
            ok = False
            continue
        digest = hashlib.sha256(data).hexdigest()
        if args.check:
            same = src.read_bytes() == data
            ok &= same
            print(f"{'OK  ' if same else 'DIFF'} {src.name} sha256 {digest[:16]}")
            continue
        out_dir = args.out or src.parent
        out_dir.mkdir(parents=True, exist_ok=True)
        dst = out_dir / binary_name(src)
        tmp = dst.with_name(f".{dst.name}.tmp")
        tmp.write_bytes(data)
        tmp.replace(dst)
        print(f"wrote {dst} ({len(data) / 1e6:.2f} MB, sha256 {digest})")
    return 0 if ok else 1
