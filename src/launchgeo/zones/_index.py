"""Exact point-in-zone classification: a grid refined by a quadtree, with cell-local edges.

Private; used by ``zones/core.py``. Built by ``zones/_indexbuild.py``.

The classification rule
-----------------------
Zones are closed sets (a polygon with its boundary) with straight edges in (lon, lat), as in
GeoJSON and shapely. The zones are ordered by precedence; a point gets the FIRST zone in that
order that covers it (``shapely.intersects_xy`` is true), else the background code. On data
whose zones do not overlap, that only decides points on a shared boundary.

The index
---------
Level 0 is a grid of square cells over the coverage box, in cell units
``u = (lon - lon_min) * (1 / cell_deg)`` and ``v`` likewise (one formula for points and edges).
A cell is *pure* when no zone boundary passes within ``EPS_CELL`` cells of its closed box: every
edge is cut into pieces no longer than half a cell and the box of each piece, grown by that
margin, marks the cells it touches (over-marking only costs time). All points of a pure cell get
one answer, and 4-connected runs of pure level-0 cells share it (no boundary separates them), so
one shapely test per run labels them all. Level 0 is stored as 16 x 16 tiles (a table of where
each tile is; tiles of one code shared, so open sea takes no room) and made one dense grid in
memory: a point's level-0 entry is one gather.

A *mixed* level-0 cell, and a finer mixed cell with more than a few edges, is split into 4 x 4
children (its edges are clipped to it and marked again at the finer size), down to
``MAX_DEPTH`` levels; cell sizes are powers of 4 apart, so ``floor(u * 4**k)`` places a point
at every level exactly. Every other mixed cell is a *leaf*, which stores

- a reference point r inside it, on no edge's line (every orientation of r is certain);
- its *base*: the first zone in precedence order with no edge in the leaf that holds r (it holds
  the whole leaf, since none of its boundary is there), or the background;
- its *candidates*, the zones with edges in the leaf that precede the base, and whether each
  holds r; the edges of the candidates in the leaf, each with a *slot*: candidates whose edges in
  the leaf are the same (the two sides of a shared boundary) share one slot.

A point p of the leaf is in a candidate iff r is, XOR the segment p-r crosses the candidate's
edges an odd number of times (the segment lies in the leaf, so no other edge can cross it). The
parities of the m slots (m <= ``MAX_SLOTS``) make an m-bit number; a table of 2**m codes per leaf,
made when the index is built, gives the first candidate holding p, else the base.

The crossing test evaluates orientations in floating point. Each is a difference of two products
of rounded differences, whose error Shewchuk's bound for orient2d limits to
(3u + 16u^2) (|left| + |right|); ``bound`` is that bound maximised over every leaf's box and
edges (a few 1e-14 deg^2 at most), so a sign whose magnitude exceeds it is certain. Where a sign
that matters is not certain (p within ~1e-12 deg of an edge's line, or the segment through a
vertex) the point is resolved by the rule itself, ``shapely.intersects_xy`` zone by zone. So
every answer is the rule's: the index only skips tests whose answer it knows. The margins absorb
the round-off of placing points and edges in cells (below 1e-8 cells at the finest level for any
coverage up to 720 x 360 degrees, against a margin of 1e-6 cells).

The arrays (:meth:`ZoneIndex.to_stored`) can be stored beside the zones and loaded without
shapely geometries: edges refer to vertices of the zones' coordinates, numbered through the zones
in precedence order (:func:`zone_vertices`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
import shapely

__all__: list[str] = []

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
Int32Array = npt.NDArray[np.int32]
BoolArray = npt.NDArray[np.bool_]

#: Version of the stored index arrays; stored arrays of another version are rebuilt on load.
INDEX_VERSION = 1
#: A split cell has SPLIT x SPLIT children.
SPLIT = 4
#: Level 0 is stored as tiles of TILE x TILE cells (a power of two): a table gives each tile's
#: place; tiles of one code are shared, so only tiles that boundaries cross take room.
TILE_BITS = 4
TILE = 1 << TILE_BITS
#: Deepest level (cells 4**-6 = 1/4096 of a level-0 cell).
MAX_DEPTH = 6
#: Most slots (distinct crossing counts) a leaf resolves with its table; more: shapely.
MAX_SLOTS = 4
#: Margin, in cell widths, by which boundary pieces are grown before marking cells.
EPS_CELL = 1e-6
#: Shewchuk's ccwerrboundA: |det| above this times (|left| + |right|) has a certain sign.
CCW_ERR = (3.0 + 16.0 * 2.0**-53) * 2.0**-53

#: Positions (in cell widths) tried for a leaf's reference point, first the centre.
REF_OFFSETS = np.array([
    (0.5, 0.5), (0.381966, 0.618034), (0.618034, 0.381966), (0.271828, 0.314159),
    (0.707107, 0.732051), (0.414214, 0.223607), (0.693147, 0.301030), (0.301030, 0.693147),
])  # fmt: skip


class StaleIndexError(ValueError):
    """Stored index arrays of another index version, or made for other zones: rebuild them."""


class CorruptIndexError(ValueError):
    """Stored index arrays that do not fit together (a damaged file): never used."""


_REF_X = np.ascontiguousarray(REF_OFFSETS[:, 0])
_REF_Y = np.ascontiguousarray(REF_OFFSETS[:, 1])


def cell_sizes(d: float) -> FloatArray:
    """Cell width (degrees) at each level: ``d / 4**level`` (exact: powers of two)."""
    return np.array([d / float(SPLIT**k) for k in range(MAX_DEPTH + 1)])


def ref_points(
    x0: float, y0: float, sizes: FloatArray, level: npt.NDArray[Any], ci: npt.NDArray[Any],
    cj: npt.NDArray[Any], choice: npt.NDArray[Any],
) -> tuple[FloatArray, FloatArray]:  # fmt: skip
    """Reference points of cells (level, ci, cj) at offsets ``REF_OFFSETS[choice]``.

    The build and the query both compute them with this one formula, so they are the same
    floats (the index stores only ``choice``).
    """
    size = sizes[level]
    return x0 + (ci + _REF_X[choice]) * size, y0 + (cj + _REF_Y[choice]) * size


def leaf_cells(
    root: Int32Array, blocks: Int32Array, nx: int, n_leaves: int
) -> tuple[IntArray, IntArray, IntArray]:
    """Level and cell (ci, cj) of every leaf, found by walking the tree from the root."""
    level = np.zeros(n_leaves, dtype=np.int64)
    ci = np.zeros(n_leaves, dtype=np.int64)
    cj = np.zeros(n_leaves, dtype=np.int64)
    flat = np.flatnonzero(root < 0)
    t = ~root[flat].astype(np.int64)
    ni, nj = flat % nx, flat // nx
    depth = 0
    while t.size:
        leaf = (t & 1) == 1
        ids = t[leaf] >> 1
        level[ids], ci[ids], cj[ids] = depth, ni[leaf], nj[leaf]
        blk = t[~leaf] >> 1
        child = (blk[:, None] * (SPLIT * SPLIT) + np.arange(SPLIT * SPLIT)).ravel()
        entry = blocks[child]
        node = np.flatnonzero(entry < 0)
        loc = node % (SPLIT * SPLIT)
        parent = node // (SPLIT * SPLIT)
        ni = ni[~leaf][parent] * SPLIT + loc % SPLIT
        nj = nj[~leaf][parent] * SPLIT + loc // SPLIT
        t = ~entry[node].astype(np.int64)
        depth += 1
    return level, ci, cj


def _counts(ptr: IntArray) -> npt.NDArray[Any]:
    """CSR offsets as per-row counts in the smallest unsigned type."""
    c = np.diff(ptr)
    for dtype in (np.uint8, np.uint16, np.uint32):
        if c.size == 0 or c.max() <= np.iinfo(dtype).max:
            return c.astype(dtype)
    return c.astype(np.int64)  # pragma: no cover - more than 4e9 in one leaf


def tile_root(root: Int32Array, nx: int, ny: int) -> tuple[Int32Array, Int32Array]:
    """A (ny, nx) level-0 grid as a tile table and tiles (see ``TILE``).

    The grid gets one more column and row (copies of the last), so that a point on the east
    or north edge of the box finds its cell without a clip; tiles are padded the same way.
    Returns the tile of each table entry (row-major) and the tiles' entries, one constant
    tile per pure code first.
    """
    ntx = (nx + 1 + TILE - 1) >> TILE_BITS
    nty = (ny + 1 + TILE - 1) >> TILE_BITS
    full = np.empty((nty * TILE, ntx * TILE), dtype=np.int32)
    full[:ny, :nx] = root.reshape(ny, nx)
    full[:ny, nx:] = full[:ny, nx - 1 : nx]
    full[ny:, :] = full[ny - 1 : ny, :]
    t = full.reshape(nty, TILE, ntx, TILE).transpose(0, 2, 1, 3).reshape(nty * ntx, TILE * TILE)
    first = t[:, 0]
    const = (t == first[:, None]).all(axis=1) & (first >= 0)
    codes = np.unique(first[const])
    tile_of = np.empty(nty * ntx, dtype=np.int32)
    tile_of[const] = np.searchsorted(codes, first[const])
    mixed = np.flatnonzero(~const)
    tile_of[mixed] = codes.size + np.arange(mixed.size)
    tiles = np.concatenate([np.repeat(codes.astype(np.int32), TILE * TILE), t[mixed].ravel()])
    return tile_of, tiles


def _small_int(a: npt.NDArray[Any]) -> type:
    """The smallest signed integer type that holds ``a``."""
    for dtype in (np.int8, np.int16, np.int32):
        info = np.iinfo(dtype)
        if a.size == 0 or (a.min() >= info.min and a.max() <= info.max):
            return dtype
    return np.int64


def _blocks_to(blocks: Int32Array) -> dict[str, npt.NDArray[Any]]:
    """Blocks as the kind of each entry (0 code, 1 leaf, 2 block) and the codes alone.

    The builder numbers leaves and blocks in the order their entries appear in the blocks
    (after those of level 0), so the numbers need not be stored: they are checked here, and
    stored as they are if ever they are not in order.
    """
    t = ~blocks[blocks < 0].astype(np.int64)
    kind = np.zeros(blocks.size, dtype=np.uint8)
    kind[blocks < 0] = 1 + (t & 1 == 0)
    first = np.array([(t[t & 1 == 1] >> 1)[:1].sum(), (t[t & 1 == 0] >> 1)[:1].sum()])
    ids_ok = all(
        np.array_equal(t[t & 1 == bit] >> 1, first[1 - bit] + np.arange((t & 1 == bit).sum()))
        for bit in (1, 0)
    )
    if not ids_ok:  # pragma: no cover - the builder numbers them in order
        return {"blocks": blocks}
    codes = blocks[blocks >= 0]
    return {"blocks_kind": kind, "blocks_code": codes.astype(_small_int(codes)),
            "blocks_first": first.astype(np.int64)}  # fmt: skip


def _blocks_from(stored: Mapping[str, Any]) -> Int32Array:
    """Inverse of :func:`_blocks_to`."""
    if "blocks" in stored:
        return np.asarray(stored["blocks"], dtype=np.int32)
    kind = np.asarray(stored["blocks_kind"])
    first_leaf, first_block = (int(v) for v in stored["blocks_first"])
    blocks = np.empty(kind.size, dtype=np.int32)
    blocks[kind == 0] = stored["blocks_code"]
    leaf = kind == 1
    blocks[leaf] = ~(2 * (first_leaf + np.arange(int(leaf.sum()), dtype=np.int64)) + 1)
    blk = kind == 2
    blocks[blk] = ~(2 * (first_block + np.arange(int(blk.sum()), dtype=np.int64)))
    return blocks


def _block_depth(
    root: Int32Array, blocks: Int32Array, n_codes: int, n_leaves: int, n_blocks: int
) -> str | None:
    """What is wrong with the entries of level 0 and the blocks (None: nothing).

    An entry is a code (>= 0, below ``n_codes``) or ``~t``: a leaf ``t >> 1`` (``t`` odd) or a
    block ``t >> 1``. Every block must be reached from level 0 within ``MAX_DEPTH`` levels and
    only once, so a descent ends.
    """
    if (root.size and root.max() >= n_codes) or (blocks.size and blocks.max() >= n_codes):
        return "codes out of range at level 0 or in the blocks"
    level = root
    seen = np.zeros(n_blocks, dtype=bool)
    for _ in range(MAX_DEPTH + 1):
        t = ~level[level < 0]
        ids = t >> 1
        leaf = (t & 1).astype(bool)
        if leaf.any() and ids[leaf].max() >= n_leaves:
            return "references to missing leaves"
        ids = ids[~leaf]
        if not ids.size:
            return None
        if ids.max() >= n_blocks:
            return "references to missing blocks"
        mark = np.zeros(n_blocks, dtype=bool)
        mark[ids] = True
        if (mark & seen).any():
            return "blocks reached twice"
        seen |= mark
        blk = np.flatnonzero(mark)
        level = blocks.reshape(-1, SPLIT * SPLIT)[blk].ravel()
    return f"blocks deeper than {MAX_DEPTH} levels"


def _offsets(counts: npt.NDArray[Any]) -> Int32Array:
    ptr = np.zeros(counts.size + 1, dtype=np.int64)
    np.cumsum(counts, dtype=np.int64, out=ptr[1:])
    return ptr.astype(np.int32) if ptr[-1] < 2**31 - 1 else ptr  # type: ignore[return-value]


def zone_vertices(
    geoms: Sequence[shapely.Geometry],
) -> tuple[FloatArray, FloatArray, IntArray, IntArray]:
    """Vertices of every zone in order, and the edges: start vertex and zone of each.

    Vertices are numbered through the zones in the given order, each zone's as
    ``shapely.get_coordinates`` lists them (parts in order, exterior ring then holes, ring
    closed). Edge ``k`` runs from vertex ``k`` to ``k + 1``; zero-length edges are left out.
    """
    xs: list[FloatArray] = []
    ring_ids: list[IntArray] = []
    zone_ids: list[IntArray] = []
    rings_before = 0
    for z, geom in enumerate(geoms):
        rings = shapely.get_rings(shapely.get_parts(geom))
        xy, ring = shapely.get_coordinates(rings, return_index=True)
        xs.append(xy)
        ring_ids.append(ring + rings_before)
        zone_ids.append(np.full(len(xy), z, dtype=np.int64))
        rings_before += len(rings)
    if not xs or not sum(len(a) for a in xs):
        empty = np.empty(0)
        return empty, empty, np.empty(0, np.int64), np.empty(0, np.int64)
    xy = np.concatenate(xs)
    ring = np.concatenate(ring_ids)
    zone = np.concatenate(zone_ids)
    x, y = np.ascontiguousarray(xy[:, 0]), np.ascontiguousarray(xy[:, 1])
    ok = (ring[1:] == ring[:-1]) & ((x[1:] != x[:-1]) | (y[1:] != y[:-1]))
    start = np.flatnonzero(ok)
    return x, y, start, zone[start]


def crossings(
    x: FloatArray, y: FloatArray, k: IntArray, qx: FloatArray, qy: FloatArray, rx: FloatArray,
    ry: FloatArray, ref_left: BoolArray, bound: float | None,
) -> tuple[BoolArray, BoolArray]:  # fmt: skip
    """Whether segment q-r properly crosses edge k (vertex k to k + 1); whether that is certain.

    ``ref_left``: r is left of the edge (orient2d(a, b, r) > 0, certain). ``bound``: a bound on
    the error of every orientation here, or None to use Shewchuk's bound for each.
    """
    ax, ay = x[k], y[k]
    k1 = k + 1
    bx, by = x[k1], y[k1]
    dax, day = ax - qx, ay - qy
    dbx, dby = bx - qx, by - qy
    # orient2d(a, b, q), and -orient2d(q, r, a), -orient2d(q, r, b): each is
    # (difference) * (difference) - (difference) * (difference), as Shewchuk's bound needs
    l1, r1 = dax * dby, day * dbx
    l3, r3 = dax * (ry - ay), day * (rx - ax)
    l4, r4 = dbx * (ry - by), dby * (rx - bx)
    d1, d3, d4 = l1 - r1, l3 - r3, l4 - r4
    if bound is None:
        certain = np.abs(d1) > CCW_ERR * (np.abs(l1) + np.abs(r1))
        sure34 = np.abs(d3) > CCW_ERR * (np.abs(l3) + np.abs(r3))
        sure34 &= np.abs(d4) > CCW_ERR * (np.abs(l4) + np.abs(r4))
    else:
        certain = np.abs(d1) > bound
        sure34 = np.abs(d3) > bound
        sure34 &= np.abs(d4) > bound
    cross = (d1 > 0) != ref_left
    # q and r (certainly) on one side of the edge's line: no crossing, whatever d3 and d4 are
    sure34 |= ~cross
    certain &= sure34
    cross &= (d3 > 0) != (d4 > 0)
    return cross, certain


def first_holding(
    px: FloatArray, py: FloatArray, bounds: FloatArray,
    geometry: Callable[[int], shapely.Geometry], background: int,
) -> Int32Array:  # fmt: skip
    """The classification rule itself: the first zone (precedence order) holding each point.

    ``bounds``: (n_zones, 4) boxes in precedence order; ``geometry(z)``: zone z's geometry,
    asked for only when its box holds a point still without a zone. Points in none get
    ``background``. Closed sets: ``shapely.intersects_xy``, boundaries included.
    """
    out = np.full(px.size, background, dtype=np.int32)
    todo = np.arange(px.size)
    for z, b in enumerate(bounds):
        x, y = px[todo], py[todo]
        near = np.flatnonzero((x >= b[0]) & (x <= b[2]) & (y >= b[1]) & (y <= b[3]))
        if near.size:
            hit = near[shapely.intersects_xy(geometry(z), x[near], y[near])]
            out[todo[hit]] = z
            todo = np.delete(todo, hit)
            if not todo.size:
                break
    return out


class ZoneIndex:
    """The classify index of a set of zones (see the module docstring).

    Parameters
    ----------
    arrays : dict
        The index arrays, as the builder or :meth:`from_stored` makes them.
    x, y : numpy.ndarray
        The zones' vertices (:func:`zone_vertices`).
    geoms : sequence of shapely geometries
        The zones in precedence order (for the rare exact fallback).
    """

    #: Attributes made by :meth:`_init_rest`; an index from :meth:`from_stored_lazy` makes them
    #: on first use (a point in a pure level-0 cell needs none of them).
    _REST = frozenset({
        "blocks", "ref_choice", "edge_ptr", "edge_vtx", "edge_pos", "edge_slot", "lut_ptr",
        "lut", "exact", "any_exact", "x", "y", "_geoms", "_bounds",
    })  # fmt: skip

    def __init__(
        self,
        arrays: Mapping[str, Any],
        x: FloatArray,
        y: FloatArray,
        geoms: Sequence[shapely.Geometry],
    ) -> None:
        tiles = self._init_level0(arrays)
        self._init_rest(arrays, x, y, geoms, tiles)

    def _init_level0(self, arrays: Mapping[str, Any]) -> Int32Array:
        """Parameters and the dense level-0 grid; returns the distinct tiles (for _check)."""
        params = np.asarray(arrays["params"], dtype=np.float64)
        sizes = np.asarray(arrays["sizes"], dtype=np.int64)
        self.x0, self.y0, self.d, self.bound = (float(v) for v in params[:4])
        self.nx, self.ny, self.background, self.n_zones, self.n_vertices, version = (
            int(v) for v in sizes
        )
        if version != INDEX_VERSION:
            raise StaleIndexError(
                f"index arrays of version {version} do not fit version {INDEX_VERSION}"
            )
        self.inv_d = 1.0 / self.d
        self.sizes = cell_sizes(self.d)
        self.ntx = (self.nx + 1 + TILE - 1) >> TILE_BITS  # one more column and row: a point on
        self.nty = (self.ny + 1 + TILE - 1) >> TILE_BITS  # the east or north edge needs no clip
        if "root" in arrays:
            tile_of, tiles = tile_root(np.asarray(arrays["root"], np.int32), self.nx, self.ny)
        else:
            tile_of, tiles = arrays["tile_of"], arrays["tiles"]
        tile_of = np.asarray(tile_of, dtype=np.int64)
        if tile_of.size != self.ntx * self.nty:
            raise CorruptIndexError(f"{tile_of.size} tiles for a {self.ntx} x {self.nty} table")
        n_tiles = np.asarray(tiles).size // (TILE * TILE)
        if np.asarray(tiles).size % (TILE * TILE) or (tile_of.size and not (
            tile_of.min() >= 0 and tile_of.max() < n_tiles
        )):
            raise CorruptIndexError("the level-0 tile table refers to tiles it does not have")
        # in memory one dense grid (one gather a point, measured faster than two through the
        # tile table), TILE * ntx cells a row: the tiles side by side, edge copies included
        full = np.asarray(tiles, dtype=np.int32).reshape(-1, TILE, TILE)[tile_of]
        full = full.reshape(self.nty, self.ntx, TILE, TILE).transpose(0, 2, 1, 3)
        self.width = self.ntx * TILE
        n_cells = full.size
        if n_cells >= 2**31 - 1:
            raise ValueError(f"level 0 of {n_cells} cells is too large for 32-bit indexes")
        self.root = np.ascontiguousarray(full).reshape(-1)
        return np.asarray(tiles, dtype=np.int32)

    def _init_rest(
        self, arrays: Mapping[str, Any], x: FloatArray, y: FloatArray,
        geoms: Sequence[shapely.Geometry] | Callable[[], Sequence[shapely.Geometry]],
        tiles: Int32Array,
    ) -> None:  # fmt: skip
        """The blocks, the leaves and the vertices, checked against level 0 (``tiles``).

        ``geoms`` may be a callable that makes them (used only by :meth:`exact_codes`).
        """
        if self.n_vertices != x.size:
            raise StaleIndexError(
                f"index arrays for {self.n_vertices} vertices do not fit {x.size} vertices"
            )

        def int_array(name: str, dtype: Any = np.int32) -> npt.NDArray[Any]:
            return np.asarray(arrays[name], dtype=dtype)

        self.blocks = int_array("blocks")
        self.ref_choice = int_array("ref_choice", np.uint8)
        wide = len(arrays["edge_vtx"]) >= 2**31 - 1
        self.edge_ptr = int_array("edge_ptr", np.int64 if wide else np.int32)
        self.edge_vtx = int_array("edge_vtx", np.int64 if x.size >= 2**31 else np.int32)
        self.edge_pos = int_array("edge_pos", bool)
        self.edge_slot = int_array("edge_slot", np.uint8)
        self.lut_ptr = int_array("lut_ptr")
        self.lut = int_array("lut")
        self.exact = int_array("exact", bool)
        self.any_exact = bool(self.exact.any())
        self.x, self.y = x, y
        self._geoms: Any = geoms
        self._bounds: FloatArray | None = None
        self._check(tiles)

    @property
    def loaded(self) -> bool:
        """False while a lazy index has made only level 0."""
        return "_pending" not in self.__dict__

    def load(self) -> ZoneIndex:
        """Make what a lazy index has not made yet (for pickling); return the index."""
        _ = self.blocks
        if callable(self._geoms):
            self._geoms = self._geoms()
        return self

    def __getattr__(self, name: str) -> Any:
        # only called for attributes not set: those of a lazy index not made yet
        rest = self.__dict__.get("_pending")
        if rest is None or name not in ZoneIndex._REST:
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        del self.__dict__["_pending"]
        rest()
        return getattr(self, name)

    def _check(self, tiles: Int32Array) -> None:
        """Raise :class:`CorruptIndexError` unless the arrays fit together.

        Every reference a query follows must stay in its array and every descent must end
        within ``MAX_DEPTH`` levels, so a damaged stored index cannot give an IndexError, a
        wrong answer from out-of-range entries, or an endless loop. ``tiles``: the distinct
        level-0 tiles (the dense grid holds only their entries).
        """
        n_leaves = self.exact.size
        n_codes = self.background + 2  # zones, background, no_data
        n_blocks, rest = divmod(self.blocks.size, SPLIT * SPLIT)
        problems = []
        if rest or self.ref_choice.size != n_leaves:
            problems.append("block or leaf tables of the wrong size")
        if self.edge_ptr.size != n_leaves + 1 or self.lut_ptr.size != n_leaves + 1:
            problems.append("edge or table offsets of the wrong size")
        elif (self.edge_ptr[0] != 0 or self.lut_ptr[0] != 0
              or (np.diff(self.edge_ptr) < 0).any() or (np.diff(self.lut_ptr) < 1).any()
              or self.edge_ptr[-1] != self.edge_vtx.size or self.lut_ptr[-1] != self.lut.size):
            problems.append("edge or table offsets that do not fit their arrays")  # fmt: skip
        if self.edge_vtx.size != self.edge_pos.size or self.edge_vtx.size != self.edge_slot.size:
            problems.append("edge arrays of different sizes")
        if self.edge_vtx.size and not (
            self.edge_vtx.min() >= 0 and self.edge_vtx.max() < self.x.size - 1
        ):
            problems.append("edges that refer to missing vertices")
        if self.edge_slot.size and self.edge_slot.max() >= MAX_SLOTS:
            problems.append("edge slots out of range")
        if self.ref_choice.size and self.ref_choice.max() >= len(REF_OFFSETS):
            problems.append("reference points out of range")
        if self.lut.size and not (self.lut.min() >= 0 and self.lut.max() < n_codes):
            problems.append("codes out of range in the leaf tables")
        depth = _block_depth(tiles, self.blocks, n_codes, n_leaves, n_blocks)
        if depth is not None:
            problems.append(depth)
        if problems:
            raise CorruptIndexError("; ".join(problems))

    @staticmethod
    def _check_stored(stored: Mapping[str, Any]) -> tuple[FloatArray, IntArray]:
        params = np.asarray(stored["params"], dtype=np.float64)
        sizes = np.asarray(stored["sizes"], dtype=np.int64)
        if sizes.size != 6 or params.size != 6 or int(sizes[5]) != INDEX_VERSION:
            raise StaleIndexError(f"stored index of another version ({sizes.tolist()})")
        return params, sizes

    @staticmethod
    def _check_vertices(params: FloatArray, sizes: IntArray, x: FloatArray, y: FloatArray) -> None:
        # the vertices must be those the index was built on (same zones, same order)
        sums = np.array([x.sum(), y.sum()])
        if int(sizes[4]) != x.size or not np.allclose(sums, params[4:], rtol=1e-12, atol=1e-9):
            raise StaleIndexError("stored index was built on other vertices")

    @staticmethod
    def _level0_stored(
        stored: Mapping[str, Any], params: FloatArray, sizes: IntArray
    ) -> dict[str, Any]:
        run_length = np.asarray(stored["tiles_run_length"])
        return {
            "params": params[:4],
            "sizes": np.array([*sizes[:5].tolist(), INDEX_VERSION]),
            "tile_of": stored["tile_of"],
            "tiles": np.repeat(np.asarray(stored["tiles_run_value"], dtype=np.int32), run_length),
        }

    @staticmethod
    def _rest_stored(stored: Mapping[str, Any]) -> dict[str, Any]:
        edge_ptr = _offsets(stored["edge_count"])
        edge_slot = np.asarray(stored["edge_slot"], dtype=np.uint8)
        exact = np.asarray(stored["exact"], dtype=bool)
        nslot = np.ones(exact.size, dtype=np.int64)
        has = np.diff(edge_ptr) > 0
        nslot[has] = np.maximum.reduceat(edge_slot, edge_ptr[:-1][has]).astype(np.int64) + 1
        nslot[exact] = 1
        return {
            "blocks": _blocks_from(stored),
            "ref_choice": stored["ref_choice"],
            "edge_ptr": edge_ptr,
            "edge_vtx": np.cumsum(stored["edge_vtx_delta"], dtype=np.int64),
            "edge_pos": stored["edge_pos"],
            "edge_slot": edge_slot,
            "lut_ptr": _offsets(np.left_shift(1, nslot)),
            "lut": stored["lut"],
            "exact": exact,
        }

    @classmethod
    def from_stored(
        cls,
        stored: Mapping[str, Any],
        x: FloatArray,
        y: FloatArray,
        geoms: Sequence[shapely.Geometry],
    ) -> ZoneIndex:
        """The index from :meth:`to_stored` arrays (ValueError if they do not fit ``x``, ``y``)."""
        params, sizes = cls._check_stored(stored)
        cls._check_vertices(params, sizes, x, y)
        arrays = {**cls._level0_stored(stored, params, sizes), **cls._rest_stored(stored)}
        return cls(arrays, x, y, geoms)

    @classmethod
    def from_stored_lazy(
        cls,
        stored: Mapping[str, Any],
        vertices: Callable[[], tuple[FloatArray, FloatArray]],
        geoms: Callable[[], Sequence[shapely.Geometry]],
        on_error: Callable[[Exception], Exception],
    ) -> ZoneIndex:
        """The index with level 0 only; the rest is made (and checked) when first needed.

        ``stored`` may read its arrays lazily (only level 0's are read here); ``vertices`` and
        ``geoms`` give the zones' vertices and geometries when asked. An index whose rest does
        not fit (stale or damaged) raises ``on_error(exc)`` then, from the query that needed it.
        """
        params, sizes = cls._check_stored(stored)
        index = cls.__new__(cls)
        tiles = index._init_level0(cls._level0_stored(stored, params, sizes))

        def rest() -> None:
            try:
                x, y = vertices()
                cls._check_vertices(params, sizes, x, y)
                index._init_rest(cls._rest_stored(stored), x, y, geoms, tiles)
            except (ValueError, KeyError, TypeError, IndexError) as exc:
                raise on_error(exc) from exc

        index.__dict__["_pending"] = rest
        return index

    def to_stored(self) -> dict[str, npt.NDArray[Any]]:
        """Compact arrays from which :meth:`from_stored` makes the index again, without shapely.

        The level-0 tiles are kept as runs, reference points as the choice of offset
        (the tree gives their cells), CSR offsets as counts, vertex numbers as differences, so
        the arrays are small and compress well.
        """
        vtx = self.edge_vtx.astype(np.int64)
        tile_of, tiles = tile_root(self._root_stored(), self.nx, self.ny)
        starts = np.flatnonzero(np.r_[True, tiles[1:] != tiles[:-1]])
        lengths = np.diff(np.r_[starts, tiles.size])
        return {
            "params": np.array(
                [self.x0, self.y0, self.d, self.bound, self.x.sum(), self.y.sum()]
            ),
            "sizes": np.array(
                [self.nx, self.ny, self.background, self.n_zones, self.x.size, INDEX_VERSION],
                dtype=np.int64,
            ),
            "tile_of": tile_of,
            "tiles_run_value": tiles[starts],
            "tiles_run_length": _counts(np.r_[0, np.cumsum(lengths)]),
            **_blocks_to(self.blocks),
            "ref_choice": self.ref_choice,
            "edge_count": _counts(self.edge_ptr),
            "edge_vtx_delta": np.diff(vtx, prepend=0).astype(np.int32),
            "edge_pos": self.edge_pos,
            "edge_slot": self.edge_slot,
            "lut": self.lut.astype(_small_int(self.lut)),
            "exact": self.exact,
        }

    def _root_stored(self) -> Int32Array:
        """Level 0 as one (ny, nx) grid."""
        return self.root.reshape(self.nty * TILE, self.width)[: self.ny, : self.nx]

    def leaf_refs(self) -> tuple[FloatArray, FloatArray]:
        """Reference point of every leaf (for tests and diagnostics; queries make their own)."""
        level, ci, cj = leaf_cells(self._root_stored().ravel(), self.blocks, self.nx,
                                   self.exact.size)  # fmt: skip
        return ref_points(self.x0, self.y0, self.sizes, level, ci, cj, self.ref_choice)

    @property
    def nbytes(self) -> int:
        """Memory held by the index arrays (not the vertices, which the zones share)."""
        return int(sum(a.nbytes for n, a in vars(self).items() if isinstance(a, np.ndarray)
                       and n not in ("x", "y")))  # fmt: skip

    @property
    def stats(self) -> dict[str, float]:
        """Sizes: level-0 grid, blocks, leaves, leaf edges, pure fraction of level 0, MiB."""
        return {
            "cell_deg": self.d,
            "nx": self.nx,
            "ny": self.ny,
            "pure_fraction": float((self._root_stored() >= 0).mean()),
            "tiles": int(tile_root(self._root_stored(), self.nx, self.ny)[1].size
                         // (TILE * TILE)),
            "blocks": self.blocks.size // (SPLIT * SPLIT),
            "leaves": int(self.exact.size),
            "leaf_edges": int(self.edge_vtx.size),
            "bound": self.bound,
            "mib": self.nbytes / 2**20,
        }

    # -- query -------------------------------------------------------------------------------
    def codes(self, lon: FloatArray, lat: FloatArray, out: Int32Array) -> None:
        """Codes of points in the closed coverage box (lon in its frame), written into ``out``."""
        sel = self.lookup(lon, lat, out)
        if sel.size:
            out[sel] = self.resolve(lon[sel], lat[sel], out[sel])

    def lookup(self, lon: FloatArray, lat: FloatArray, out: Int32Array) -> IntArray:
        """Level-0 entries of points in the box into ``out``; the points still to resolve.

        A pure cell's entry is the code; the others (negative) go to :meth:`resolve`. Doing this
        for all points first keeps the level-0 grid in the cache.
        """
        u = lon - self.x0
        u *= self.inv_d
        iu = u.astype(np.int32)  # >= 0: truncation is floor
        del u
        v = lat - self.y0
        v *= self.inv_d
        iv = v.astype(np.int32)
        del v
        iv *= self.width
        iv += iu
        np.take(self.root, iv, out=out)
        return np.flatnonzero(out < 0)

    def resolve(self, lon: FloatArray, lat: FloatArray, entry: Int32Array) -> Int32Array:
        """Codes of points whose level-0 entry (from :meth:`lookup`) is a block or a leaf."""
        out = np.empty(lon.size, dtype=np.int32)
        u = lon - self.x0
        u *= self.inv_d
        v = lat - self.y0
        v *= self.inv_d
        gi = np.minimum(u.astype(np.int32), self.nx - 1)
        gj = np.minimum(v.astype(np.int32), self.ny - 1)
        t = ~entry
        is_leaf = (t & 1).astype(bool)
        t >>= 1
        pts = np.flatnonzero(is_leaf)
        leaf, level, ci, cj = t[pts], np.zeros(pts.size, np.int32), gi[pts], gj[pts]
        if pts.size == 0:  # all in split cells (the usual case): no gathers
            found = self._descend(np.arange(lon.size), t, u, v, gi, gj, out)
            pts, leaf, level, ci, cj = found
        elif pts.size < lon.size:
            blk = np.flatnonzero(~is_leaf)
            found = self._descend(blk, t[blk], u[blk], v[blk], gi[blk], gj[blk], out)
            pts, leaf, level, ci, cj = (np.concatenate([a, b]) for a, b in zip(
                (pts, leaf, level, ci, cj), found, strict=True))  # fmt: skip
        if pts.size:
            out[pts] = self._in_leaves(lon[pts], lat[pts], leaf, level, ci, cj)
        return out

    def _descend(
        self, pts: IntArray, block: Int32Array, u: FloatArray, v: FloatArray, pi: Int32Array,
        pj: Int32Array, out: Int32Array,
    ) -> tuple[npt.NDArray[Any], ...]:  # fmt: skip
        """Points in split cells: write the codes of those in pure children; return the others.

        Returned: the points, their leaf, and the level and cell (ci, cj) of the leaf.
        """
        found: list[tuple[npt.NDArray[Any], ...]] = []
        scale = 1.0
        level = 0
        while pts.size:
            scale *= SPLIT
            level += 1
            pi *= SPLIT
            pj *= SPLIT
            ci = (u * scale).astype(np.int32)
            cj = (v * scale).astype(np.int32)
            ci -= pi
            cj -= pj
            for c in (ci, cj):  # np.clip costs more (its dtype checks) on these small arrays
                np.minimum(c, SPLIT - 1, out=c)
                np.maximum(c, 0, out=c)
            pi += ci
            pj += cj
            cj *= SPLIT
            cj += ci
            block *= SPLIT * SPLIT
            block += cj
            e = self.blocks[block]
            node = np.flatnonzero(e < 0)
            pure = np.flatnonzero(e >= 0)
            out[pts[pure]] = e[pure]
            t = ~e[node]
            is_leaf = (t & 1).astype(bool)
            t >>= 1
            lf = node[is_leaf]
            found.append((pts[lf], t[is_leaf], np.full(lf.size, level, np.int32), pi[lf], pj[lf]))
            deeper = node[~is_leaf]
            pts, block, u, v = pts[deeper], t[~is_leaf], u[deeper], v[deeper]
            pi, pj = pi[deeper], pj[deeper]
        return tuple(np.concatenate(parts) for parts in zip(*found, strict=True))

    def _in_leaves(
        self, px: FloatArray, py: FloatArray, leaf: npt.NDArray[Any], level: npt.NDArray[Any],
        gi: npt.NDArray[Any], gj: npt.NDArray[Any],
    ) -> Int32Array:  # fmt: skip
        rx, ry = ref_points(self.x0, self.y0, self.sizes, level, gi, gj, self.ref_choice[leaf])
        e = self.edge_ptr[leaf]
        ne = self.edge_ptr[leaf + 1] - e
        # round k tests the k-th edge of every point's leaf (leaves have a few edges): no
        # expansion into point-edge pairs; the parities of the slots are xor-ed into ``bits``
        cross, certain = crossings(self.x, self.y, self.edge_vtx[e], px, py, rx, ry,
                                   self.edge_pos[e], self.bound)  # fmt: skip
        bits = np.left_shift(cross, self.edge_slot[e], dtype=np.int64)
        unsure = ~certain
        more = np.flatnonzero(ne > 1)
        k = 1
        while more.size:
            ek = e[more] + k
            cross, certain = crossings(
                self.x, self.y, self.edge_vtx[ek], px[more], py[more], rx[more], ry[more],
                self.edge_pos[ek], self.bound,
            )  # fmt: skip
            bits[more] ^= np.left_shift(cross, self.edge_slot[ek], dtype=np.int64)
            unsure[more[~certain]] = True
            k += 1
            more = more[ne[more] > k]
        code = self.lut[self.lut_ptr[leaf] + bits]
        if self.any_exact:
            unsure |= self.exact[leaf]
        if unsure.any():
            u = np.flatnonzero(unsure)
            code[u] = self.exact_codes(px[u], py[u])
        return code

    def exact_codes(self, px: FloatArray, py: FloatArray) -> Int32Array:
        """The rule itself, with shapely: first zone (precedence order) holding each point.

        For the few points whose leaf test is uncertain (on or within ~1e-12 degrees of an
        edge's line, or in a leaf without a certain reference point).
        """
        if callable(self._geoms):  # a lazy index: the geometries are made on first need
            self._geoms = self._geoms()
        geoms = self._geoms
        if self._bounds is None:
            self._bounds = shapely.bounds(list(geoms))
        return first_holding(px, py, self._bounds, geoms.__getitem__, self.background)
