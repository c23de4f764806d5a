"""Step: writing the data files, byte-identical from build to build.

The shipped files are launchgeo's binary collection files (``.npz``, format in
``src/launchgeo/zones/_format.py``): polygons as ragged coordinate arrays (int32 differences on
the 1e-5 degree grid), every feature property, the collection metadata, and for a zones file its
classify index, so that loading parses no JSON and builds no index. :func:`write_collection_file`
takes the same FeatureCollection dicts as the GeoJSON writer (``write_gz_json``, kept for
inspection and for the converter of older builds, ``zonebuild.convert``).
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
from zonebuild.claims import LAND_CODE_BY_NAME
from zonebuild.geometry import polygons
from zonebuild.partition import Feature, feature_name
from zonebuild.settings import COVERAGE_BBOX, GRID_DEG, VERSION
from zonebuild.sources import NATURAL_EARTH_VERSION, WORLD_ATLAS_SHA256, WORLD_ATLAS_VERSION


def zones_collection(features: list[Feature], names: dict[str, str]) -> dict[str, Any]:
    """The zones file: one feature per label, with the build's metadata."""
    fc = []
    for label, kind, states, geom in features:
        polys = polygons(geom)
        if not polys:
            continue
        mp = shapely.orient_polygons(shapely.MultiPolygon(polys) if len(polys) > 1 else polys[0])
        fc.append(
            {
                "type": "Feature",
                "properties": {
                    "label": label,
                    "kind": kind,
                    "states": states,
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
            "built_from": f"Natural Earth {NATURAL_EARTH_VERSION} admin-0 10m via npm world-atlas@"
            f"{WORLD_ATLAS_VERSION} (sha256 {WORLD_ATLAS_SHA256}); data/island_basepoints.csv; "
            "data/japan_korea_1974_shelf_boundary.csv; scripts/build_zones.py",
        },
        "features": fc,
    }


def land_map(countries: list[tuple[str | None, str, Any]], boxes: Any) -> dict[str, Any]:
    feats = []
    for iso, name, geom in countries:
        g = geom
        if boxes is not None:
            g = shapely.union_all([shapely.intersection(geom, shapely.box(*b)) for b in boxes])
        g = shapely.set_precision(g, GRID_DEG)
        polys = [p for p in polygons(g) if p.area > 0]
        if not polys:
            continue
        mp = shapely.orient_polygons(shapely.MultiPolygon(polys))
        code = iso or LAND_CODE_BY_NAME.get(name)
        if code is None and boxes is not None:  # the regional file feeds zone labels: no gaps
            raise SystemExit(f"land unit {name!r} has no ISO code; add it to LAND_CODE_BY_NAME")
        feats.append(
            {
                "type": "Feature",
                "properties": {"iso3": code, "name": name},
                "geometry": geojson_geometry(mp),
            }
        )
    feats.sort(key=lambda f: (f["properties"]["iso3"] or "~", f["properties"]["name"]))
    return {
        "type": "FeatureCollection",
        "launchgeo": {
            "version": VERSION,
            "built_from": f"Natural Earth {NATURAL_EARTH_VERSION} admin-0 via npm world-atlas@"
            f"{WORLD_ATLAS_VERSION}; scripts/build_zones.py",
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
