"""Speed of Zones.classify against the best a user could write, and the distance to the floor.

Two point sets, each 10,000,000 points plus 100,000 within 1 m (geodesic) of a zone boundary:

- East Asia: uniform over 120-150 E, 25-50 N, with the embedded zones (``load_zones()``);
- world: uniform on the sphere, with world zones: ``--world FILE`` (anything ``load_zones``
  reads), else the embedded zones if they cover the globe, else the Marine Regions world oracle
  in ``../shared`` (v8 low resolution, 251 zones; its 18 joint or disputed zones carry no ISO
  codes in that file, so this script gives them theirs in a temporary copy, then loads it with
  ``load_zones(path, land=None)``). Without any, the world part is skipped.

Every approach labels the same points by the same rule (the first zone in launchgeo's precedence
order that holds the point, boundaries included; else the background) and gives int codes:

- ``Zones.classify_codes`` and ``Zones.classify`` (labels): the library defaults as a user gets
  them (the index as loaded or built by the first call; that first call is not timed). On
  10^7 points they use the compiled loop (``launchgeo/_jit.py``; numba's import and the loop's
  loading are paid once per process, in the warm-up); its numpy path (``LAUNCHGEO_JIT=0``)
  runs beside them and must give the same codes;
- prepared ``intersects_xy`` per zone, bounding-box prefiltered: points sorted by longitude once
  per call, each zone tests only the unassigned points in its box (``contains_xy`` with the
  closed-set rule);
- tiled: the zones clipped to 0.5-degree tiles; a tile whose first piece covers it is one code,
  the points of the other tiles are grouped by tile and tested against its pieces in order with
  prepared ``intersects_xy`` (the clipping is done once, outside the timings);
- ``geopandas.sjoin(predicate="intersects")`` on a ``--sjoin-n`` sample (Point objects
  included), scaled linearly to the full count; its disagreements are counted on the sample;
- floor: a plain numpy grid lookup (cell index, one gather, no input checks) in a dense int32
  grid of about 4 million cells over the coverage (the grid of launchgeo's earlier index, and of
  the "65 ms floor" in issue 16): what one grid lookup per point costs.

Each side is warmed once, then all run in interleaved rounds (order rotated every round), the
same number for each (``--rounds``, default 5); medians (min-max) are reported. One thread.
Peak extra memory of the library's calls is measured with tracemalloc (numpy reports its buffers
to it) in separate untimed runs. Cold start (fresh interpreters): import, ``load_zones()`` and the
first ``classify`` of one point, medians of 5.

    .venv/bin/python benchmarks/classify.py                 # both sets, 10 M points each
    .venv/bin/python benchmarks/classify.py --n 1000000 --rounds 3
    .venv/bin/python benchmarks/classify.py --world out/zones_world.npz
    .venv/bin/python benchmarks/classify.py --zones z.npz --world z.npz  # one file, both sets
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import numpy as np  # noqa: E402
import shapely  # noqa: E402
from pyproj import Geod  # noqa: E402

from launchgeo.zones.core import Zones, load_zones  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
MR_WORLD = SHARED / "reference" / "eez_global" / "eez_global_mr_v8_v10.gpkg"
WINDOW = (120.0, 25.0, 150.0, 50.0)
TILE_DEG = 0.5
CHUNK = 1 << 16  # the floor's best chunk on this machine (measured: 2^14..2^20 within 10 %)

from _common import compare, numpy_path  # noqa: E402  (the shared harness: same rule for every side)

# -- zones and points ----------------------------------------------------------------------------

#: ISO codes of the Marine Regions v8 zones that have none in the oracle file (by MRGID-free
#: name), so that ``load_zones`` can label them; only used to make the world test set.
MR_V8_CODES = {
    "Paracel Islands Exclusive Economic Zone": ("CHN", "TWN", "VNM"),
    "Spratly Islands Exclusive Economic Zone": ("CHN", "PHL", "VNM"),
    "Colombia - Jamaica (Joint Regime)": ("COL", "JAM"),
    "Nigeria - Sao Tome and Principe Joint": ("NGA", "STP"),
    "Japan - South Korea Conflict Zone": ("JPN", "KOR"),
    "Joint Development Area Australia - East Timor": ("AUS", "TLS"),
    "Protected Zone established under the Torres Strait Treaty": ("AUS", "PNG"),
    "Area of overlap between Australian Seabed Jurisdiction and Indonesian Exclusive Economic "
    "Zone Jurisdiction": ("AUS", "IDN"),
    "Conflict Zone": ("EGY", "SDN"),
    "Russia-Japan conflict zone": ("JPN", "RUS"),
    "Joint Japan - Korea": ("JPN", "KOR"),
    "Disputed Western Sahara/Mauritania": ("MAR", "MRT"),
    "Disputed Kenya/Somalia": ("KEN", "SOM"),
    "Disputed Trinidad and Tobago/Venezuela/Guyana": ("GUY", "TTO", "VEN"),
}


def mr_world_copy(out: Path) -> Path:
    """The Marine Regions world oracle with ISO codes where the file has none (GeoPackage)."""
    import geopandas as gpd

    gdf = gpd.read_file(MR_WORLD)
    for col in ("iso_sov1", "iso_sov2", "iso_sov3"):
        if col not in gdf.columns:
            gdf[col] = None
        gdf[col] = gdf[col].astype(object)
    for i, row in gdf.iterrows():
        codes = MR_V8_CODES.get(row["name"])
        if codes is None and not isinstance(row["iso_sov1"], str):  # NaN: none in the file
            codes = (row["iso_ter1"],)
        if codes:
            for k, code in enumerate(codes):
                gdf.at[i, f"iso_sov{k + 1}"] = code
    path = out / "eez_world_v8_coded.gpkg"
    gdf.to_file(path)
    return path


def world_zones(arg: str | None, tmp: Path) -> tuple[Zones | None, str]:
    if arg:
        return load_zones(arg, land=None), f"{arg} (load_zones(path, land=None))"
    zones = load_zones()
    if zones.coverage_bbox == (-180.0, -90.0, 180.0, 90.0):
        return zones, "launchgeo embedded zones"
    if MR_WORLD.is_file():
        path = mr_world_copy(tmp)
        return load_zones(path, land=None), (
            "Marine Regions world oracle v8 (../shared), load_zones(path, land=None)"
        )
    return None, "none (no world zones: embedded data regional, ../shared absent)"


def near_boundaries(zones: Zones, n: int, window: tuple[float, ...], rng: np.random.Generator
                    ) -> tuple[np.ndarray, np.ndarray]:  # fmt: skip
    """Points uniform by length along the zone boundaries in the window, moved 0-1 m."""
    edges = shapely.boundary([zones.geometry(lab) for lab in zones.labels])
    lines = shapely.get_parts(shapely.get_parts(shapely.clip_by_rect(edges, *window)))
    lines = lines[shapely.length(lines) > 0]
    length = shapely.length(lines)
    pick = rng.choice(len(lines), n, p=length / length.sum())
    on = shapely.line_interpolate_point(lines[pick], rng.uniform(0, 1, n), normalized=True)
    xy = shapely.get_coordinates(on)
    lon, lat, _ = Geod(ellps="WGS84").fwd(
        xy[:, 0], xy[:, 1], rng.uniform(0, 360, n), rng.uniform(0, 1.0, n)
    )
    lon = np.where(lon >= 180.0, lon - 360.0, lon) if window[0] < 0 else lon
    return np.asarray(lon), np.clip(np.asarray(lat), -90, 90)


def points(zones: Zones, n: int, nb: int, world: bool, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    if world:
        lon = rng.uniform(-180, 180, n)
        lat = np.degrees(np.arcsin(rng.uniform(-1, 1, n)))
        window: tuple[float, ...] = (-180.0, -90.0, 180.0, 90.0)
    else:
        x0, y0, x1, y1 = WINDOW
        lon, lat = rng.uniform(x0, x1, n), rng.uniform(y0, y1, n)
        window = WINDOW
    blon, blat = near_boundaries(zones, nb, window, rng)
    return np.concatenate([lon, blon]), np.concatenate([lat, blat])


# -- the user's approaches -----------------------------------------------------------------------


class PerZone:
    """Prepared intersects_xy per zone, points prefiltered by each zone's bounding box."""

    def __init__(self, zones: Zones) -> None:
        self.geoms = [zones.geometry(lab) for lab in zones.labels]
        shapely.prepare(self.geoms)
        self.bounds = shapely.bounds(self.geoms)

    def codes(self, lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
        order = np.argsort(lon, kind="stable")
        slon = lon[order]
        out = np.full(lon.size, len(self.geoms), dtype=np.int32)
        done = np.zeros(lon.size, dtype=bool)
        for code, (g, (x0, y0, x1, y1)) in enumerate(zip(self.geoms, self.bounds, strict=True)):
            a = np.searchsorted(slon, x0, side="left")
            b = np.searchsorted(slon, x1, side="right")
            idx = order[a:b]
            la = lat[idx]
            idx = idx[~done[idx] & (la >= y0) & (la <= y1)]
            if idx.size:
                hit = idx[shapely.intersects_xy(g, lon[idx], lat[idx])]
                out[hit] = code
                done[hit] = True
        return out


class Tiled:
    """Zones clipped to square tiles; a covered tile is one code, others test their pieces."""

    def __init__(self, zones: Zones, tile_deg: float) -> None:
        x0, y0, x1, y1 = zones.coverage_bbox
        self.x0, self.y0, self.d = x0, y0, tile_deg
        self.nx = int(np.ceil((x1 - x0) / tile_deg))
        self.ny = int(np.ceil((y1 - y0) / tile_deg))
        background = len(zones.labels)
        pieces: dict[int, list[tuple[int, Any, Any]]] = {}
        coarse = 16  # clip to 8-degree tiles first, then those pieces to 0.5-degree tiles
        for code, lab in enumerate(zones.labels):
            for big in self._clip(zones.geometry(lab), tile_deg * coarse, None):
                for t, piece, box in self._clip(big[1], tile_deg, big[2]):
                    pieces.setdefault(t, []).append((code, piece, box))
        self.lut = np.full(self.nx * self.ny, background, dtype=np.int32)
        self.pieces: dict[int, list[tuple[int, Any]]] = {}
        for t, plist in pieces.items():
            if shapely.covers(plist[0][1], plist[0][2]):
                self.lut[t] = plist[0][0]  # the first zone covers the tile: it wins everywhere
            else:
                self.lut[t] = -1
                kept = [(c, p) for c, p, _ in plist]
                shapely.prepare([p for _, p in kept])
                self.pieces[t] = kept
        self.background = background

    def _clip(self, g: Any, size: float, within: Any) -> list[tuple[int, Any, Any]]:
        """Pieces of ``g`` in the tiles of ``size`` degrees it touches: (tile id, piece, box).

        The tile id is that of the 0.5-degree tile grid when ``size`` is the tile size.
        """
        bx0, by0, bx1, by1 = shapely.bounds(g)
        i0, i1 = int((bx0 - self.x0) // size), int((bx1 - self.x0) // size)
        j0, j1 = int((by0 - self.y0) // size), int((by1 - self.y0) // size)
        ii, jj = np.meshgrid(np.arange(i0, i1 + 1), np.arange(j0, j1 + 1))
        ii, jj = ii.ravel(), jj.ravel()
        boxes = shapely.box(self.x0 + ii * size, self.y0 + jj * size,
                            self.x0 + (ii + 1) * size, self.y0 + (jj + 1) * size)  # fmt: skip
        clipped = shapely.intersection(g, boxes)
        keep = ~shapely.is_empty(clipped) & (shapely.area(clipped) > 0)
        keep &= (ii >= 0) & (jj >= 0) & (ii < np.ceil(self.nx * self.d / size)) & (
            jj < np.ceil(self.ny * self.d / size)
        )
        tile = jj * self.nx + ii
        return [(int(t), p, b) for t, p, b in zip(tile[keep], clipped[keep], boxes[keep],
                                                   strict=True)]  # fmt: skip

    def codes(self, lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
        i = np.clip(((lon - self.x0) / self.d).astype(np.int64), 0, self.nx - 1)
        j = np.clip(((lat - self.y0) / self.d).astype(np.int64), 0, self.ny - 1)
        tile = j * self.nx + i
        out = self.lut[tile]
        sel = np.flatnonzero(out < 0)
        order = sel[np.argsort(tile[sel], kind="stable")]
        tiles, starts = np.unique(tile[order], return_index=True)
        ends = np.r_[starts[1:], order.size]
        for t, a, b in zip(tiles.tolist(), starts.tolist(), ends.tolist(), strict=True):
            pts = order[a:b]
            res = np.full(pts.size, self.background, dtype=np.int32)
            todo = np.arange(pts.size)
            for code, piece in self.pieces[t]:
                hit = shapely.intersects_xy(piece, lon[pts[todo]], lat[pts[todo]])
                res[todo[hit]] = code
                todo = todo[~hit]
                if not todo.size:
                    break
            out[pts] = res
        return out


def sjoin_codes(zones: Zones, lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    import geopandas as gpd

    zgdf = zones.to_geodataframe()[["geometry"]]
    zgdf["code"] = np.arange(len(zgdf))
    pts = gpd.GeoDataFrame(geometry=gpd.points_from_xy(lon, lat), crs="EPSG:4326")
    joined = gpd.sjoin(pts, zgdf, predicate="intersects", how="left")
    code = joined["code"].fillna(len(zgdf)).astype(np.int64)
    first = code.groupby(level=0).min()  # a point in two zones: the first in precedence order
    return first.reindex(range(lon.size)).to_numpy().astype(np.int32)


class FloorGrid:
    """A dense int32 grid of about 4 million cells over the coverage (contents: any codes),
    extended to every point given (a world file may stop short of the poles)."""

    def __init__(self, zones: Zones, lon: np.ndarray, lat: np.ndarray, cells: float = 4e6) -> None:
        x0, y0, x1, y1 = zones.coverage_bbox
        d = float(np.sqrt((x1 - x0) * (y1 - y0) / cells))
        x0, y0 = min(x0, float(lon.min())), min(y0, float(lat.min()))
        x1, y1 = max(x1, float(lon.max())), max(y1, float(lat.max()))
        self.x0, self.y0 = x0, y0
        self.inv_d = 1.0 / d
        self.nx, self.ny = int(np.ceil((x1 - x0) / d)) + 1, int(np.ceil((y1 - y0) / d)) + 1
        rng = np.random.default_rng(0)  # every page touched, as a real grid's would be
        self.root = rng.integers(0, len(zones.code_labels), self.nx * self.ny).astype(np.int32)


def floor_codes(root: np.ndarray, x0: float, y0: float, inv_d: float, width: int,
                lon: np.ndarray, lat: np.ndarray) -> np.ndarray:  # fmt: skip
    """Plain grid lookup: the cell of each point, one gather (no checks, no mixed cells)."""
    out = np.empty(lon.size, dtype=np.int32)
    for s in range(0, lon.size, CHUNK):
        i = ((lon[s : s + CHUNK] - x0) * inv_d).astype(np.int32)
        j = ((lat[s : s + CHUNK] - y0) * inv_d).astype(np.int32)
        j *= width
        j += i
        np.take(root, j, out=out[s : s + CHUNK])
    return out


# -- measuring -----------------------------------------------------------------------------------


def peak_mib(fn: Callable[[], Any]) -> float:
    tracemalloc.start()
    base = tracemalloc.get_traced_memory()[0]
    res = fn()
    peak = tracemalloc.get_traced_memory()[1] - base
    tracemalloc.stop()
    del res
    return peak / 2**20


COLD = """
import time
t0 = time.perf_counter()
import launchgeo
t1 = time.perf_counter()
z = launchgeo.load_zones({arg})
t2 = time.perf_counter()
z.classify(139.7, 35.7)
t3 = time.perf_counter()
print(t1 - t0, t2 - t1, t3 - t2)
"""


def cold_start(arg: str, runs: int = 5) -> tuple[float, float, float]:
    """Medians over fresh interpreters: import, load_zones(...), first classify of one point."""
    rows = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", COLD.format(arg=arg)], capture_output=True,
                             text=True, check=True).stdout  # fmt: skip
        rows.append([float(v) for v in out.split()])
    med = np.median(np.array(rows), axis=0)
    return float(med[0]), float(med[1]), float(med[2])


@dataclass
class Result:
    name: str
    zones: str
    n: int
    timings: dict[str, Any]
    scale: dict[str, float]
    disagree: dict[str, str]
    prep_s: dict[str, float]
    index: dict[str, float]
    build_s: float
    mem_codes: float
    mem_labels: float
    in_mib: float


def run_set(name: str, zones: Zones, desc: str, lon: np.ndarray, lat: np.ndarray,
            args: argparse.Namespace) -> Result:  # fmt: skip
    print(f"\n== {name}: {desc}; {len(zones.labels)} zones; {lon.size:,} points", flush=True)
    t = time.perf_counter()
    zones.classify(lon[0], lat[0])  # the index, as a user's first call gets it (not timed)
    first_s = time.perf_counter() - t
    index = zones._grid()
    from launchgeo.zones._indexbuild import build_index

    t = time.perf_counter()
    build_index(list(zones._geoms), zones.coverage_bbox, cell_deg=index.d,
                background=len(zones.labels))  # fmt: skip
    build_s = time.perf_counter() - t
    print(f"index: first call {first_s:.2f} s; built from scratch in {build_s:.2f} s; "
          f"{index.stats}", flush=True)  # fmt: skip
    prep: dict[str, float] = {}
    t = time.perf_counter()
    per_zone = PerZone(zones)
    prep["per_zone"] = time.perf_counter() - t
    t = time.perf_counter()
    tiled = Tiled(zones, TILE_DEG)
    prep["tiled"] = time.perf_counter() - t
    print(f"prepared baselines: per-zone {prep['per_zone']:.1f} s, tiled {prep['tiled']:.1f} s "
          f"({len(tiled.pieces):,} mixed tiles)", flush=True)  # fmt: skip
    rng = np.random.default_rng(args.seed + 1)
    m = min(args.sjoin_n, lon.size)
    sub = np.sort(rng.choice(lon.size, m, replace=False))
    slon, slat = lon[sub], lat[sub]
    grid = FloorGrid(zones, lon, lat)
    vocab = np.asarray(zones.code_labels, dtype=object)
    codes0 = zones.classify_codes(lon, lat)
    x0, y0, x1, y1 = zones.coverage_bbox
    no_data = len(zones.labels) + 1

    def outside(fn: Callable[[np.ndarray, np.ndarray], np.ndarray], lo: np.ndarray,
                la: np.ndarray) -> np.ndarray:  # fmt: skip
        """Points outside the coverage are no_data for every approach (as for launchgeo)."""
        out = fn(lo, la)
        out[(lo < x0) | (lo > x1) | (la < y0) | (la > y1)] = no_data
        return out

    sides: dict[str, Callable[[], Any]] = {
        "launchgeo classify_codes": lambda: zones.classify_codes(lon, lat),
        "launchgeo classify (labels)": lambda: zones.classify(lon, lat),
        "classify_codes, numpy path (LAUNCHGEO_JIT=0)": numpy_path(
            lambda: zones.classify_codes(lon, lat)
        ),
        "prepared intersects_xy per zone, bbox-prefiltered": lambda: outside(
            per_zone.codes, lon, lat
        ),
        f"tiled {TILE_DEG} deg + intersects_xy": lambda: outside(tiled.codes, lon, lat),
        f"geopandas.sjoin ({m:,} sample, scaled)": lambda: outside(
            lambda a, b: sjoin_codes(zones, a, b), slon, slat
        ),
        "floor: numpy grid lookup": lambda: floor_codes(
            grid.root, grid.x0, grid.y0, grid.inv_d, grid.nx, lon, lat
        ),
        "label gather alone: code_labels[codes]": lambda: vocab[codes0],
    }
    res = compare(sides, rounds=args.rounds, warmup=1)
    codes = res["launchgeo classify_codes"].result
    labels = res["launchgeo classify (labels)"].result
    assert np.array_equal(np.asarray(zones.code_labels, dtype=object)[codes], labels)
    scale = {k: 1.0 for k in sides}
    disagree: dict[str, str] = {}
    for key, timing in res.items():
        if key.startswith("geopandas"):
            scale[key] = lon.size / m
            d = int((timing.result != codes[sub]).sum())
            disagree[key] = f"{d} of {m:,}"
        elif key.startswith(("floor", "label gather")):
            disagree[key] = "(not a classification)"
        elif key.startswith("launchgeo"):
            disagree[key] = "—"
        else:
            d = int((timing.result != codes).sum())
            db = int((timing.result[args.n :] != codes[args.n :]).sum())
            disagree[key] = f"{d} of {lon.size:,} ({db} near boundaries)"
    mem_codes = peak_mib(lambda: zones.classify_codes(lon, lat))
    mem_labels = peak_mib(lambda: zones.classify(lon, lat))
    return Result(name, desc, lon.size, res, scale, disagree, prep, index.stats, build_s,
                  mem_codes, mem_labels, (lon.nbytes + lat.nbytes) / 2**20)  # fmt: skip


def report(r: Result) -> list[str]:
    lg = r.timings["launchgeo classify_codes"]
    labels = r.timings["launchgeo classify (labels)"]
    floor = r.timings["floor: numpy grid lookup"]
    lines = [
        f"### {r.name}: {r.zones}",
        "",
        f"{r.n:,} points; {r.index['leaves']:,.0f} leaves under a "
        f"{r.index['nx']:.0f} × {r.index['ny']:.0f} grid of {r.index['cell_deg']:.4f}° "
        f"({100 * r.index['pure_fraction']:.1f} % pure, stored as {r.index['tiles']:,.0f} "
        f"tiles), index {r.index['mib']:.0f} MiB, built from scratch in {r.build_s:.1f} s.",
        "",
        "| approach | median (min–max) | points/s | classify_codes faster by | disagreements |",
        "|---|---:|---:|---:|---:|",
    ]
    for key, t in r.timings.items():
        s = r.scale[key]
        med = t.median * s
        rng_txt = f"{med:.3f} s ({t.min * s:.3f}–{t.max * s:.3f})"
        ratio = "—" if key == "launchgeo classify_codes" else f"{med / lg.median:.2f}×"
        lines.append(f"| {key} | {rng_txt} | {r.n / med / 1e6:.1f} M | {ratio} | "
                     f"{r.disagree[key]} |")  # fmt: skip
    per = r.timings["prepared intersects_xy per zone, bbox-prefiltered"]
    tiled = next(v for k, v in r.timings.items() if k.startswith("tiled"))
    gather = r.timings["label gather alone: code_labels[codes]"].median
    lines += [
        "",
        f"Ratios (medians), codes against codes: classify_codes is "
        f"{per.median / lg.median:.1f}× the per-zone baseline and "
        f"{tiled.median / lg.median:.1f}× the tiled one, at {lg.median / floor.median:.2f}× "
        "the floor. Labels against labels (each other approach plus the same label gather, "
        f"{gather:.3f} s): classify is {(per.median + gather) / labels.median:.1f}× / "
        f"{(tiled.median + gather) / labels.median:.1f}×, at "
        f"{labels.median / (floor.median + gather):.2f}× the floor + gather "
        f"({labels.median / floor.median:.2f}× the bare floor). Baseline preparation "
        f"(untimed): per-zone {r.prep_s['per_zone']:.1f} s, tiles {r.prep_s['tiled']:.1f} s.",
        f"Peak extra memory: classify_codes {r.mem_codes:.0f} MiB, classify "
        f"{r.mem_labels:.0f} MiB (input arrays {r.in_mib:.0f} MiB).",
        "",
    ]
    return lines


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--n", type=int, default=10_000_000, help="uniform points per set")
    ap.add_argument("--boundary-n", type=int, default=100_000, help="points within 1 m of edges")
    ap.add_argument("--sjoin-n", type=int, default=100_000, help="sjoin sample size")
    ap.add_argument("--rounds", type=int, default=5, help="timed rounds per side (>= 5)")
    ap.add_argument("--world", default=None, help="world zones file (default: see docstring)")
    ap.add_argument("--zones", default=None,
                    help="zones file for the East Asia set too (default: embedded)")  # fmt: skip
    ap.add_argument("--skip-world", action="store_true")
    ap.add_argument("--skip-east-asia", action="store_true")
    ap.add_argument("--seed", type=int, default=20261129)
    args = ap.parse_args()
    print(f"python {sys.version.split()[0]}, numpy {np.__version__}, shapely "
          f"{shapely.__version__}; load average {os.getloadavg()[0]:.2f}", flush=True)  # fmt: skip
    cold = cold_start("")
    print(f"cold start (embedded): import {cold[0]:.3f} s, load_zones() {cold[1]:.3f} s, "
          f"first classify {cold[2]:.3f} s", flush=True)  # fmt: skip
    results = []
    if not args.skip_east_asia:
        ea = load_zones(args.zones, land=None) if args.zones else load_zones()
        desc = f"{args.zones} (load_zones(path, land=None))" if args.zones else (
            "launchgeo embedded zones"
        )
        lon, lat = points(ea, args.n, args.boundary_n, False, args.seed)
        results.append(run_set("East Asia", ea, desc, lon, lat, args))
        print("\n".join(report(results[-1])), flush=True)
        del lon, lat
    cold_world: tuple[float, float, float] | None = None
    with tempfile.TemporaryDirectory() as tmp:
        world, desc = (None, "skipped") if args.skip_world else world_zones(args.world, Path(tmp))
        if world is not None:
            if world.info.source != "launchgeo embedded":
                cold_world = cold_start(f"{world.info.source!r}, land=None")
            lon, lat = points(world, args.n, args.boundary_n, True, args.seed + 7)
            results.append(run_set("World", world, desc, lon, lat, args))
            print("\n".join(report(results[-1])), flush=True)
    lines = [
        f"{time.strftime('%Y-%m-%d')}, python {sys.version.split()[0]}, numpy {np.__version__}, "
        f"shapely {shapely.__version__}, {os.cpu_count()} cores shared with other jobs (load "
        f"average at the end {os.getloadavg()[0]:.1f}); one thread; medians of {args.rounds} "
        "interleaved rounds after one warm-up each. Same rule everywhere (first zone in "
        "precedence order holding the point, boundaries included).",
        "",
        f"Cold start, fresh interpreters (median of 5): `import launchgeo` {cold[0]:.2f} s, "
        f"`load_zones()` {cold[1]:.3f} s, first `classify` of one point {cold[2]:.3f} s "
        "(the index is stored in the zones file).",
    ]
    if cold_world is not None:
        lines.append(
            f"World file cold: `load_zones(path)` {cold_world[1]:.2f} s, first `classify` "
            f"{cold_world[2]:.2f} s (no stored index: the first call builds it)."
        )
    lines.append("")
    for r in results:
        lines += report(r)
    print()
    print("## Zone classification — `benchmarks/classify.py`")
    print()
    print("\n".join(lines).rstrip())


if __name__ == "__main__":
    main()
