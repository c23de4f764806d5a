"""Step: the partition of the globe into land, territorial sea, EEZ, claims and joint regimes.

Every line where a label can change is drawn into one arrangement: coastlines and land borders,
the territorial-sea and 200-nm limits, the Voronoi ridges between owners, the agreed-boundary
corridors and the frame at ±180°. The lines are noded and snap-rounded together onto the output
grid (``shapely.union_all(..., grid_size=GRID_DEG)``) and polygonized, so the faces form an exact
polygonal coverage whose vertices all lie on the grid *by construction* (no rounding afterwards
can break it). Each face is labelled from one interior point: the land it lies in, else the owner
of the nearest coastline site (after the agreed lines) and whether it is within the owner's
territorial sea or beyond 200 nm. Faces are dissolved by label.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import shapely

from zonebuild.basepoints import Sites
from zonebuild.boundaries import Corridor, reassign
from zonebuild.claims import DISPUTES, TERRITORIAL_SEA_ONLY
from zonebuild.equidistance import Diagram
from zonebuild.geometry import polygons, wrap_near
from zonebuild.settings import GRID_DEG

Feature = tuple[str, str, str, Any]  # (label, kind, states, geometry)
Log = Callable[[str], None]

#: The states around the Caspian Sea: beyond their 15-nm territorial waters it is one joint regime.
CASPIAN_STATES = "AZE/IRN/KAZ/RUS/TKM"


def fold_path(path: np.ndarray) -> list[Any]:
    """A densified path (any longitude frame) as LineStrings in [-180, 180], cut at ±180."""
    lon = path[0, 0] + np.concatenate(
        [[0.0], np.cumsum((np.diff(path[:, 0]) + 180.0) % 360.0 - 180.0)]
    )
    if lon.min() >= -180.0 and lon.max() <= 180.0:
        return [shapely.LineString(path)]
    line = shapely.LineString(np.column_stack([lon, path[:, 1]]))
    out = []
    for turn in (-1, 0, 1):
        band = shapely.box(-180.0 + 360.0 * turn, -90.0, 180.0 + 360.0 * turn, 90.0)
        part = shapely.intersection(line, band)
        if not part.is_empty:
            out.append(shapely.transform(part, lambda c, t=turn: c - [360.0 * t, 0.0]))
    return out


def arrangement(lines: list[Any], log: Log) -> np.ndarray:
    """Faces of the noded, snap-rounded arrangement of all lines (an exact coverage)."""
    frame = shapely.box(-180.0, -90.0, 180.0, 90.0).boundary
    noded = shapely.union_all([*lines, frame], grid_size=GRID_DEG)
    log(f"arrangement noded: {shapely.get_num_coordinates(noded)} vertices")
    faces = shapely.get_parts(shapely.polygonize(shapely.get_parts(noded)))
    log(f"arrangement polygonized: {len(faces)} faces")
    return faces


def label_faces(
    faces: np.ndarray,
    land: dict[str, Any],
    sites: Sites,
    diagram: Diagram,
    corridors: list[Corridor],
    belt: Any,
    beyond: Any,
) -> list[str | None]:
    """The label of each face (None: high seas)."""
    pts = shapely.get_coordinates(shapely.point_on_surface(faces))
    lon, lat = pts[:, 0], pts[:, 1]
    land_owner = np.full(len(faces), -1)
    land_codes = sorted(land)
    parts, part_owner = [], []
    for k, code in enumerate(land_codes):
        for p in polygons(land[code]):
            parts.append(p)
            part_owner.append(k)
    tree = shapely.STRtree(parts)
    q_pt, q_geom = tree.query(shapely.points(pts), predicate="intersects")
    order = np.lexsort((np.asarray(part_owner)[q_geom], q_pt))
    first = np.unique(q_pt[order], return_index=True)[1]
    land_owner[q_pt[order][first]] = np.asarray(part_owner)[q_geom[order][first]]
    nearest = diagram.nearest_site(lon, lat)
    owner = np.where(nearest >= 0, sites.owner[np.maximum(nearest, 0)], -1)
    owner = reassign(owner, lon, lat, corridors, sites.owners)
    shapely.prepare(belt)
    shapely.prepare(beyond)
    in_belt = shapely.contains_xy(belt, lon, lat)
    in_beyond = shapely.contains_xy(beyond, lon, lat)
    in_caspian = shapely.contains_xy(sites.caspian, lon, lat)
    for t in TERRITORIAL_SEA_ONLY:
        inside = (lon >= t.box[0]) & (lon <= t.box[2]) & (lat >= t.box[1]) & (lat <= t.box[3])
        moved = inside & ~in_belt & (owner == sites.owners.index(t.owner))
        owner[moved] = sites.owners.index(t.beyond)
    rock_of = np.full(len(faces), -1)
    for k, (_, ts) in enumerate(sites.rocks):
        rock_of[shapely.intersects_xy(ts, lon, lat)] = k
    labels: list[str | None] = []
    for i in range(len(faces)):
        if land_owner[i] >= 0:
            labels.append(f"{land_codes[land_owner[i]]}:land")
            continue
        if rock_of[i] >= 0:
            labels.append(f"{sites.rocks[rock_of[i]][0]}:territorial_sea")
            continue
        o = sites.owners[owner[i]] if owner[i] >= 0 else None
        if in_caspian[i] and not in_belt[i]:
            labels.append(f"{CASPIAN_STATES}:joint_regime")
        elif o is None or (in_beyond[i] and not in_belt[i]):
            labels.append(None)
        elif "/" in o:
            labels.append(f"{o}:overlapping_claim")
        elif in_belt[i]:
            labels.append(f"{o}:territorial_sea")
        else:
            labels.append(f"{o}:eez")
    return labels


def owner_ridge_lines(diagram: Diagram, sites: Sites) -> tuple[list[Any], list[tuple]]:
    """LineStrings of the ridges between owners, and (owner a, owner b, path) for reports."""
    lines, named = [], []
    for i, j, path in diagram.ridges(sites.owner):
        lines.extend(fold_path(path))
        p = path.copy()
        p[:, 0] = wrap_near(p[:, 0], np.zeros(len(p)))
        named.append((sites.owners[sites.owner[i]], sites.owners[sites.owner[j]], p))
    return lines, named


def dissolve(faces: np.ndarray, labels: list[str | None]) -> dict[str, Any]:
    """Faces merged by label (coverage union: the faces share their edges exactly)."""
    groups: dict[str, list[Any]] = {}
    for f, lab in zip(faces, labels, strict=True):
        if lab is not None:
            groups.setdefault(lab, []).append(f)
    return {lab: shapely.coverage_union_all(g) for lab, g in sorted(groups.items())}


def kind_of(label: str) -> str:
    return label.split(":")[1]


def feature_name(kind: str, states: str, names: dict[str, str]) -> str:
    """Human-readable name of a zone."""
    who = " / ".join(names.get(s, s) for s in states.split("/"))
    if kind == "overlapping_claim":
        disputes = list(dict.fromkeys(d.name for d in DISPUTES if d.owner == states))
        if disputes:
            return f"{'; '.join(disputes)}: area claimed by {who}"
    if kind == "joint_regime" and states == CASPIAN_STATES:
        return (
            "Caspian Sea beyond the 15-nm territorial waters: common maritime space of "
            f"{who} (2018 Convention; fishery zones not separated)"
        )
    text = {
        "land": "land",
        "territorial_sea": "territorial sea (12 nm, approximation)",
        "eez": "exclusive economic zone beyond 12 nm (equidistance approximation)",
        "overlapping_claim": "overlapping claim",
        "joint_regime": "joint regime",
    }[kind]
    if kind == "territorial_sea" and states in CASPIAN_STATES.split("/"):
        text = "territorial sea (12 nm; 15 nm in the Caspian Sea; approximation)"
    return f"{who}: {text}"
