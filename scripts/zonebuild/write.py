"""Step: writing the data files, byte-identical from build to build.

Every zone feature has the properties ``label``, ``kind``, ``states`` (the label's codes),
``sovereign`` (the sovereign state(s) of those codes: ``FRA`` for ``PYF:eez``; claimants for a
dispute) and ``name``; the collection's ``launchgeo`` member has the coverage box, the version,
the sources and ``sovereigns`` (territory code -> sovereign, for every code that differs).

The shipped files are launchgeo's binary collection files (``.npz``, format in
``src/launchgeo/zones/_format.py``): polygons as ragged coordinate arrays (int32 differences on
the 1e-5 degree grid), every feature property, the collection metadata, and for a zones file its
classify index, so that loading parses no JSON and builds no index. :func:`write_collection_file`
takes the same FeatureCollection dicts as the gzipped GeoJSON writer (``write_gz_json``, kept for
inspection, for the resolution study and for the converter, ``zonebuild.convert``).
"""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path
from typing import Any

import numpy as np
import shapely

from launchgeo.zones.core import _collection_file_bytes
from zonebuild.claims import CODE_BY_NAME, DISPUTE_BY_NAME, DISPUTES, sovereign_of
from zonebuild.geometry import polygons
from zonebuild.partition import feature_name, kind_of
from zonebuild.settings import COVERAGE_BBOX, GRID_DEG, VERSION
from zonebuild.sources import NATURAL_EARTH_VERSION, WORLD_ATLAS_SHA256, WORLD_ATLAS_VERSION

BUILT_FROM = (
    f"Natural Earth {NATURAL_EARTH_VERSION} admin-0 10m via npm world-atlas@{WORLD_ATLAS_VERSION} "
    f"(sha256 {WORLD_ATLAS_SHA256}); data/island_basepoints.csv; "
    "data/maritime_boundary_lines.csv; data/maritime_boundary_points.csv; scripts/build_zones.py"
)


def zones_collection(zones: dict[str, Any], names: dict[str, str]) -> dict[str, Any]:
    """The zones file: one feature per label (sorted), with the build's metadata."""
    fc = []
    codes = set()
    for label, geom in sorted(zones.items()):
        polys = polygons(geom)
        if not polys:
            continue
        states, kind = label.split(":")[0], kind_of(label)
        codes.update(states.split("/"))
        mp = shapely.orient_polygons(shapely.MultiPolygon(polys) if len(polys) > 1 else polys[0])
        fc.append(
            {
                "type": "Feature",
                "properties": {
                    "label": label,
                    "kind": kind,
                    "states": states,
                    "sovereign": sovereign_of(states),
                    "name": feature_name(kind, states, names),
                },
                "geometry": geojson_geometry(mp),
            }
        )
    return {
        "type": "FeatureCollection",
        "launchgeo": {
            "coverage_bbox": list(COVERAGE_BBOX),
            "version": VERSION,
            "built_from": BUILT_FROM,
            "sovereigns": {c: sovereign_of(c) for c in sorted(codes) if sovereign_of(c) != c},
        },
        "features": fc,
    }


def land_code(iso: str | None, name: str) -> str | None:
    """Code of a Natural Earth unit in the map land files (its own ISO code, else by name)."""
    if iso:
        return iso
    if name in DISPUTE_BY_NAME:
        return next(d.owner for d in DISPUTES if d.name == DISPUTE_BY_NAME[name])
    if name == "Indian Ocean Ter.":
        return "AUS"
    return CODE_BY_NAME.get(name)


def land_map(countries: list[tuple[str | None, str, Any]], resolution: str) -> dict[str, Any]:
    """A world land file for maps: one feature per Natural Earth unit (properties iso3, name)."""
    feats = []
    for iso, name, geom in countries:
        g = shapely.set_precision(geom, GRID_DEG)
        polys = [p for p in polygons(g) if p.area > 0]
        if not polys:
            continue
        mp = shapely.orient_polygons(shapely.MultiPolygon(polys))
        feats.append(
            {
                "type": "Feature",
                "properties": {"iso3": land_code(iso, name), "name": name},
                "geometry": geojson_geometry(mp),
            }
        )
    feats.sort(key=lambda f: (f["properties"]["iso3"] or "~", f["properties"]["name"]))
    return {
        "type": "FeatureCollection",
        "launchgeo": {
            "version": VERSION,
            "resolution": resolution,
            "built_from": f"Natural Earth {NATURAL_EARTH_VERSION} admin-0 {resolution} via npm "
            f"world-atlas@{WORLD_ATLAS_VERSION}; scripts/build_zones.py",
        },
        "features": feats,
    }


def geojson_geometry(geom: Any) -> dict[str, Any]:
    def ring(r: Any) -> list[list[float]]:
        c = np.round(shapely.get_coordinates(r), 5)
        return [[float(x), float(y)] for x, y in c]

    def poly(p: Any) -> list[list[list[float]]]:
        return [ring(p.exterior)] + [ring(h) for h in p.interiors]

    if geom.geom_type == "Polygon":
        return {"type": "Polygon", "coordinates": poly(geom)}
    return {"type": "MultiPolygon", "coordinates": [poly(p) for p in geom.geoms]}


def write_gz_json(path: Path, obj: Any) -> bytes:
    text = json.dumps(obj, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as gz:
        gz.write(text)
    data = buf.getvalue()
    path.write_bytes(data)
    return data


def shape(geometry: Any) -> shapely.Geometry:
    """A shapely (Multi)Polygon from a GeoJSON geometry dict (coordinates taken exactly)."""
    if not isinstance(geometry, dict):
        return geometry  # already a shapely geometry
    gtype = geometry["type"]
    parts = [geometry["coordinates"]] if gtype == "Polygon" else geometry["coordinates"]
    if gtype not in ("Polygon", "MultiPolygon"):
        raise SystemExit(f"collection files hold polygons, got a {gtype}")
    polys = [
        shapely.Polygon(np.asarray(p[0], dtype=float), [np.asarray(h, dtype=float) for h in p[1:]])
        for p in parts
    ]
    return polys[0] if gtype == "Polygon" else shapely.MultiPolygon(polys)


def collection_file_bytes(fc: dict[str, Any]) -> bytes:
    """The binary file of a FeatureCollection dict (its ``launchgeo`` member as metadata).

    A zones collection (features with a ``label``) also gets its classify index, built by
    launchgeo exactly as loading the file would build it.
    """
    feats = fc["features"]
    geoms = [shape(f["geometry"]) for f in feats]
    keys = list(dict.fromkeys(k for f in feats for k in f["properties"]))
    props = {k: [f["properties"].get(k) for f in feats] for k in keys}
    return _collection_file_bytes(geoms, props, dict(fc.get("launchgeo") or {}))


def write_collection_file(path: Path, fc: dict[str, Any]) -> bytes:
    """Write the binary file of a FeatureCollection dict atomically; return its bytes."""
    data = collection_file_bytes(fc)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
    return data
