"""Building the classify index of ``zones/_index.py`` (private; see that module's docstring).

Level 0: edges are marked into the grid; 4-connected runs of pure cells are labelled with one
shapely test each; the reference points of mixed cells with shapely (zone by zone, in precedence
order, until a zone without edges in the cell holds the point). Finer levels: the children of a
split cell are marked from its edges clipped to it; a child's reference point (or, for a pure
child, any point of it) is labelled by the crossing test from the parent's reference point, with
shapely where a sign is uncertain. Everything is vectorized over the cells of one level.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, fields
from typing import Any

import numpy as np
import shapely

from launchgeo.zones._index import (
    CCW_ERR,
    EPS_CELL,
    INDEX_VERSION,
    MAX_DEPTH,
    MAX_SLOTS,
    REF_OFFSETS,
    SPLIT,
    BoolArray,
    FloatArray,
    Int32Array,
    IntArray,
    ZoneIndex,
    cell_sizes,
    crossings,
    ref_points,
    zone_vertices,
)

__all__: list[str] = []

#: A mixed cell with more distinct edges than this is split (if not at MAX_DEPTH).
LEAF_EDGES = 4
#: Mixed cells above this level are split whatever their edges: fewer points reach a leaf
#: (measured: classify 20-25 % faster; the index about 1.7 times larger).
MIN_DEPTH = 1
#: Largest piece of an edge, in cell widths, used for marking.
_PIECE_CELL = 0.5
#: Edges are clipped to a split cell grown by this many child cells before marking its children.
_CLIP_CELL = 0.01
_BIG = np.iinfo(np.int64).max
_U = 2.0**-53


def build_index(
    geoms: Sequence[shapely.Geometry],
    bbox: tuple[float, float, float, float],
    *,
    cell_deg: float,
    background: int,
) -> ZoneIndex:
    """Build the classify index of ``geoms`` (in precedence order) over ``bbox``."""
    return _Builder(geoms, bbox, cell_deg, background).run()


# -- helpers -------------------------------------------------------------------------------------


def _ragged(ptr: IntArray, rows: IntArray) -> tuple[IntArray, IntArray]:
    """For CSR offsets ``ptr``, the offsets and flat element indices of the given rows."""
    start = ptr[rows]
    count = ptr[rows + 1] - start
    new_ptr = np.zeros(rows.size + 1, dtype=np.int64)
    np.cumsum(count, out=new_ptr[1:])
    flat = np.arange(new_ptr[-1], dtype=np.int64) + np.repeat(start - new_ptr[:-1], count)
    return new_ptr, flat


def _unique(keys: IntArray) -> IntArray:
    """Sorted unique integers (sort and compare: faster here than numpy's hashing unique)."""
    k = np.sort(keys, kind="stable")
    if k.size:
        k = k[np.r_[True, k[1:] != k[:-1]]]
    return k


def _unique_inverse(keys: IntArray) -> tuple[IntArray, IntArray]:
    """Sorted unique integers of a sorted array, and the index of each key among them."""
    new = np.r_[True, keys[1:] != keys[:-1]] if keys.size else np.zeros(0, dtype=bool)
    return keys[new], np.cumsum(new) - 1


def _csr(group: IntArray, n: int) -> IntArray:
    """CSR offsets of ``n`` groups from the (sorted) group of each element."""
    ptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(group, minlength=n), out=ptr[1:])
    return ptr


def _lookup(keys: IntArray, sorted_keys: IntArray) -> tuple[IntArray, BoolArray]:
    """Position of each key in a sorted unique array, and whether it is there."""
    if not sorted_keys.size:
        return np.zeros(keys.size, dtype=np.int64), np.zeros(keys.size, dtype=bool)
    pos = np.minimum(np.searchsorted(sorted_keys, keys), sorted_keys.size - 1)
    return pos, sorted_keys[pos] == keys


def _mark(
    ua: FloatArray, va: FloatArray, ub: FloatArray, vb: FloatArray, nx: int, ny: int
) -> tuple[IntArray, IntArray]:
    """Cells (i, j in [0, nx) x [0, ny)) within the margin of each edge (cell units): pairs."""
    npieces = np.maximum(
        1, np.ceil(np.maximum(np.abs(ub - ua), np.abs(vb - va)) / _PIECE_CELL)
    ).astype(np.int64)
    rep = np.repeat(np.arange(ua.size), npieces)
    k = np.arange(rep.size) - np.repeat(np.cumsum(npieces) - npieces, npieces)
    n = npieces[rep]
    t0, t1 = k / n, (k + 1) / n
    du, dv = (ub - ua)[rep], (vb - va)[rep]
    pa_u, pb_u = ua[rep] + du * t0, ua[rep] + du * t1
    pa_v, pb_v = va[rep] + dv * t0, va[rep] + dv * t1
    # Interpolation round-off (~1e-15 cells) is far below the margin.
    i_lo = np.floor(np.minimum(pa_u, pb_u) - EPS_CELL).astype(np.int64)
    i_hi = np.floor(np.maximum(pa_u, pb_u) + EPS_CELL).astype(np.int64)
    j_lo = np.floor(np.minimum(pa_v, pb_v) - EPS_CELL).astype(np.int64)
    j_hi = np.floor(np.maximum(pa_v, pb_v) + EPS_CELL).astype(np.int64)
    i = np.concatenate([i_lo, i_lo, i_hi, i_hi])
    j = np.concatenate([j_lo, j_hi, j_lo, j_hi])
    edge = np.tile(rep, 4)
    inside = (i >= 0) & (i < nx) & (j >= 0) & (j < ny)
    return (j * nx + i)[inside], edge[inside]


def _clip_mark(
    ua: FloatArray, va: FloatArray, ub: FloatArray, vb: FloatArray
) -> tuple[IntArray, IntArray]:
    """Children (0..15) of a split cell near each edge: pairs (edge row, child).

    Coordinates in child units, the split cell spanning [0, 4) x [0, 4); each edge is first
    clipped to the cell grown by ``_CLIP_CELL`` (far more than the marking margin).
    """
    lo_b, hi_b = -_CLIP_CELL, SPLIT + _CLIP_CELL
    t0 = np.zeros(ua.size)
    t1 = np.ones(ua.size)
    with np.errstate(divide="ignore", invalid="ignore"):
        for p, q in ((ua, ub), (va, vb)):
            d = q - p
            moving = d != 0
            ta = np.where(moving, (lo_b - p) / d, 0.0)
            tb = np.where(moving, (hi_b - p) / d, 0.0)
            inside = (p >= lo_b) & (p <= hi_b)
            t0 = np.maximum(t0, np.where(moving, np.minimum(ta, tb), np.where(inside, 0.0, 2.0)))
            t1 = np.minimum(t1, np.where(moving, np.maximum(ta, tb), np.where(inside, 1.0, -1.0)))
    keep = np.flatnonzero(t0 <= t1)
    t0, t1 = t0[keep], t1[keep]
    du, dv = (ub - ua)[keep], (vb - va)[keep]
    a_u, a_v = ua[keep] + du * t0, va[keep] + dv * t0
    b_u, b_v = ua[keep] + du * t1, va[keep] + dv * t1
    cells, rows = _mark(a_u, a_v, b_u, b_v, SPLIT, SPLIT)
    return keep[rows], cells


def _distinct_edges(
    x: FloatArray, y: FloatArray, start: IntArray, zone: IntArray
) -> tuple[IntArray, IntArray, IntArray]:
    """Geometrically distinct edges (either direction): a start vertex of each, its zones (CSR)."""
    ax, ay, bx, by = x[start] + 0.0, y[start] + 0.0, x[start + 1] + 0.0, y[start + 1] + 0.0
    swap = (bx < ax) | ((bx == ax) & (by < ay))
    c0, c1 = np.where(swap, bx, ax), np.where(swap, by, ay)
    c2, c3 = np.where(swap, ax, bx), np.where(swap, ay, by)
    order = np.lexsort((c3, c2, c1, c0))
    c0, c1, c2, c3 = c0[order], c1[order], c2[order], c3[order]
    new = np.ones(start.size, dtype=bool)
    new[1:] = (c0[1:] != c0[:-1]) | (c1[1:] != c1[:-1]) | (c2[1:] != c2[:-1]) | (c3[1:] != c3[:-1])
    uid_sorted = np.cumsum(new) - 1
    uid = np.empty(start.size, dtype=np.int64)
    uid[order] = uid_sorted
    n_uid = int(uid_sorted[-1]) + 1 if start.size else 0
    rep = start[order][np.flatnonzero(new)]  # the first edge (in vertex order) of each
    nzp = int(zone.max(initial=0)) + 1
    pair = _unique(uid * nzp + zone)
    return rep, _csr(pair // nzp, n_uid), pair % nzp


# -- cells of one level --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Cells:
    """Reference points, bases, candidates and edges of the mixed cells of one level (CSR)."""

    ref_x: FloatArray
    ref_y: FloatArray
    ref_choice: IntArray
    base: Int32Array
    exact: BoolArray  # no certain reference point (or too many slots): shapely for every point
    cand_ptr: IntArray
    cand_zone: Int32Array
    cand_in: BoolArray  # the zone holds the reference point
    cand_slot: Int32Array  # the crossing count it uses (its own, or an identical earlier one's)
    nslot: Int32Array
    edge_ptr: IntArray
    edge_vtx: IntArray  # start vertex of the edge
    edge_pos: BoolArray  # the reference point is left of the edge
    edge_slot: Int32Array
    level: IntArray
    ci: IntArray
    cj: IntArray

    def take(self, rows: IntArray) -> _Cells:
        cand_ptr, cflat = _ragged(self.cand_ptr, rows)
        edge_ptr, eflat = _ragged(self.edge_ptr, rows)
        cols: dict[str, Any] = {"cand_ptr": cand_ptr, "edge_ptr": edge_ptr}
        for f in fields(_Cells):
            if f.name.startswith("cand_") and f.name != "cand_ptr":
                cols[f.name] = getattr(self, f.name)[cflat]
            elif f.name.startswith("edge_") and f.name != "edge_ptr":
                cols[f.name] = getattr(self, f.name)[eflat]
            elif not f.name.endswith("_ptr"):
                cols[f.name] = getattr(self, f.name)[rows]
        return _Cells(**cols)

    @staticmethod
    def concat(parts: Sequence[_Cells]) -> _Cells:
        cols: dict[str, Any] = {}
        for f in fields(_Cells):
            if f.name.endswith("_ptr"):
                out = [np.zeros(1, dtype=np.int64)]
                total = 0
                for p in parts:
                    a = getattr(p, f.name)
                    out.append(a[1:] + total)
                    total += int(a[-1])
                cols[f.name] = np.concatenate(out)
            else:
                cols[f.name] = np.concatenate([getattr(p, f.name) for p in parts])
        return _Cells(**cols)


def _membership(
    cells: _Cells, x: FloatArray, y: FloatArray, px: FloatArray, py: FloatArray, cell: IntArray,
    geoms: Sequence[shapely.Geometry],
) -> tuple[IntArray, IntArray, BoolArray]:  # fmt: skip
    """Whether each point is in each candidate of its cell, exactly.

    Returns the candidate rows (grouped by point, in precedence order), the point of each, and
    the flags; points with an uncertain sign are tested with shapely.
    """
    n = cell.size
    e0 = cells.edge_ptr[cell]
    ne = cells.edge_ptr[cell + 1] - e0
    pp = np.repeat(np.arange(n), ne)
    eidx = np.arange(pp.size) + np.repeat(e0 - (np.cumsum(ne) - ne), ne)
    lp = cell[pp]
    cross, certain = crossings(
        x, y, cells.edge_vtx[eidx], px[pp], py[pp], cells.ref_x[lp], cells.ref_y[lp],
        cells.edge_pos[eidx], None,
    )  # fmt: skip
    unsure = np.bincount(pp[~certain], minlength=n) > 0
    unsure |= cells.exact[cell]
    nslot = cells.nslot[cell].astype(np.int64)
    gstart = np.cumsum(nslot) - nslot
    group = gstart[pp] + cells.edge_slot[eidx]
    parity = (np.bincount(group[cross], minlength=int(nslot.sum())) & 1).astype(bool)
    c0 = cells.cand_ptr[cell]
    nc = cells.cand_ptr[cell + 1] - c0
    pc = np.repeat(np.arange(n), nc)
    cidx = np.arange(pc.size) + np.repeat(c0 - (np.cumsum(nc) - nc), nc)
    inside = cells.cand_in[cidx] ^ parity[gstart[pc] + cells.cand_slot[cidx]]
    redo = np.flatnonzero(unsure[pc])
    if redo.size:
        zone = cells.cand_zone[cidx[redo]]
        for z in np.unique(zone):
            sel = redo[zone == z]
            inside[sel] = shapely.intersects_xy(geoms[int(z)], px[pc[sel]], py[pc[sel]])
    return cidx, pc, inside


def _first(
    cells: _Cells, cell: IntArray, cidx: IntArray, pc: IntArray, inside: BoolArray
) -> Int32Array:
    """Per point: the first candidate holding it, else its cell's base."""
    code = cells.base[cell].astype(np.int32)
    if cidx.size:
        starts = np.flatnonzero(np.r_[True, pc[1:] != pc[:-1]])
        first = np.minimum.reduceat(np.where(inside, cidx, _BIG), starts)
        hit = first != _BIG
        code[pc[starts[hit]]] = cells.cand_zone[first[hit]]
    return code


# -- the builder ---------------------------------------------------------------------------------


class _Builder:
    """Builds a :class:`ZoneIndex` level by level (see the module docstring)."""

    def __init__(
        self, geoms: Sequence[shapely.Geometry], bbox: tuple[float, float, float, float],
        cell_deg: float, background: int,
    ) -> None:  # fmt: skip
        self.geoms = list(geoms)
        for g in self.geoms:
            shapely.prepare(g)
        self.nz = len(self.geoms)
        self.background = background
        x0, y0, x1, y1 = bbox
        self.x0, self.y0, self.d = float(x0), float(y0), float(cell_deg)
        self.inv_d = 1.0 / self.d
        self.nx = max(1, math.ceil((x1 - x0) / self.d - 1e-9))
        self.ny = max(1, math.ceil((y1 - y0) / self.d - 1e-9))
        self.x, self.y, start, zone = zone_vertices(self.geoms)
        self.uid_k, self.uid_zone_ptr, self.uid_zone = _distinct_edges(self.x, self.y, start, zone)
        self.sizes = cell_sizes(self.d)
        self.u = (self.x - self.x0) * self.inv_d
        self.v = (self.y - self.y0) * self.inv_d

    def _exact(self, px: FloatArray, py: FloatArray) -> Int32Array:
        """First zone (precedence order) holding each point, else the background (shapely)."""
        out = np.full(px.shape, self.background, dtype=np.int32)
        todo = np.arange(px.size)
        for z, g in enumerate(self.geoms):
            if not todo.size:
                break
            hit = shapely.intersects_xy(g, px[todo], py[todo])
            out[todo[hit]] = z
            todo = todo[~hit]
        return out

    def _cell_zone_keys(self, pc: IntArray, pu: IntArray) -> IntArray:
        """Sorted unique keys cell * nz + zone of the zones with edges in each cell."""
        zp, zflat = _ragged(self.uid_zone_ptr, pu)
        rows = np.repeat(np.arange(pu.size), np.diff(zp))
        return _unique(pc[rows] * self.nz + self.uid_zone[zflat])

    # -- level 0 -----------------------------------------------------------------------------
    def _root(self) -> tuple[Int32Array, IntArray, IntArray, IntArray]:
        """Level-0 codes of pure cells; mixed cells (flat ids) and their (cell, edge) pairs."""
        from scipy import ndimage  # lazy: keep `import launchgeo` light

        k = self.uid_k
        cells, uid = _mark(self.u[k], self.v[k], self.u[k + 1], self.v[k + 1], self.nx, self.ny)
        n_uid = max(1, k.size)
        key = _unique(cells * n_uid + uid)
        pcell, pu = key // n_uid, key % n_uid
        mixed, pc = _unique_inverse(pcell)  # pcell is sorted
        is_mixed = np.zeros(self.ny * self.nx, dtype=bool)
        is_mixed[mixed] = True
        runs, nruns = ndimage.label(~is_mixed.reshape(self.ny, self.nx))  # 4-connectivity
        root = np.zeros(self.ny * self.nx, dtype=np.int32)
        if nruns:
            flat_runs = runs.ravel()
            del runs
            # runs are numbered in raster order of their first cell: where the running maximum
            # of the labels grows is the first cell of each (checked; else sort)
            top = np.maximum.accumulate(flat_runs)
            first = np.flatnonzero(np.diff(top, prepend=0) > 0)
            if first.size != nruns or not np.array_equal(flat_runs[first],
                                                          np.arange(1, nruns + 1)):  # fmt: skip
                order = np.argsort(flat_runs, kind="stable")
                first = order[np.searchsorted(flat_runs[order], np.arange(1, nruns + 1))]
            del top
            ci, cj = first % self.nx, first // self.nx
            px = np.asarray(self.x0 + (ci + 0.5) * self.d, dtype=np.float64)
            py = np.asarray(self.y0 + (cj + 0.5) * self.d, dtype=np.float64)
            codes = self._exact(px, py)
            root[:] = np.concatenate([[0], codes]).astype(np.int32)[flat_runs]
        return root, mixed, pc.astype(np.int64), pu

    def _root_membership(
        self, rx: FloatArray, ry: FloatArray, pc: IntArray, pu: IntArray
    ) -> tuple[Int32Array, IntArray, BoolArray]:
        """Base of each cell; keys cell * nz + zone of its candidates; whether each holds r."""
        ckeys = self._cell_zone_keys(pc, pu)
        base = np.full(rx.size, self.background, dtype=np.int32)
        holds = np.zeros(ckeys.size, dtype=bool)
        active = np.ones(rx.size, dtype=bool)
        bounds = shapely.bounds(self.geoms)
        for z, g in enumerate(self.geoms):
            b = bounds[z]
            idx = np.flatnonzero(active & (rx >= b[0]) & (rx <= b[2]) & (ry >= b[1]) & (ry <= b[3]))
            if not idx.size:
                continue
            hit = idx[shapely.intersects_xy(g, rx[idx], ry[idx])]
            pos, has = _lookup(hit * self.nz + z, ckeys)
            holds[pos[has]] = True
            base[hit[~has]] = z
            active[hit[~has]] = False
        return base, ckeys, holds

    # -- any level ---------------------------------------------------------------------------
    def _refs(
        self, level: int, ci: IntArray, cj: IntArray, pc: IntArray, pu: IntArray
    ) -> tuple[FloatArray, FloatArray, IntArray, BoolArray, BoolArray]:
        """Reference point of each cell and which offset it is; sides; whether all certain.

        The side (left or not) of the reference point of each pair's cell to the pair's edge.
        """
        n = ci.size
        rx, ry = np.empty(n), np.empty(n)
        choice = np.zeros(n, dtype=np.int64)
        ok = np.zeros(n, dtype=bool)
        pos = np.zeros(pc.size, dtype=bool)
        todo = np.arange(n)
        flag = np.zeros(n, dtype=bool)
        lev = np.full(n, level, dtype=np.int64)
        for c_try in range(len(REF_OFFSETS)):
            choice[todo] = c_try
            rx[todo], ry[todo] = ref_points(
                self.x0, self.y0, self.sizes, lev[todo], ci[todo], cj[todo], choice[todo]
            )
            flag[:] = False
            flag[todo] = True
            sel = np.flatnonzero(flag[pc])
            k = self.uid_k[pu[sel]]
            c = pc[sel]
            ax, ay, bx, by = self.x[k], self.y[k], self.x[k + 1], self.y[k + 1]
            left, right = (ax - rx[c]) * (by - ry[c]), (ay - ry[c]) * (bx - rx[c])
            det = left - right
            certain = np.abs(det) > CCW_ERR * (np.abs(left) + np.abs(right))
            pos[sel] = det > 0
            bad = np.bincount(c[~certain], minlength=n) > 0
            ok[todo] = ~bad[todo]
            todo = todo[bad[todo]]
            if not todo.size:
                break
        return rx, ry, choice, pos, ok

    def _cells(
        self, level: int, ci: IntArray, cj: IntArray, rx: FloatArray, ry: FloatArray,
        choice: IntArray, ok: BoolArray, base: Int32Array, ckeys: IntArray, holds: BoolArray,
        pc: IntArray, pu: IntArray, pos: BoolArray,
    ) -> tuple[_Cells, IntArray, BoolArray]:  # fmt: skip
        """Records of cells; distinct edges of candidates per cell; pairs kept.

        ``ckeys``/``holds``: candidates (cell * nz + zone, sorted), limited to zones before each
        cell's base.
        """
        n, nz = base.size, self.nz
        # (pair, zone) triples whose zone is a candidate of the pair's cell
        zp, zflat = _ragged(self.uid_zone_ptr, pu)
        prow = np.repeat(np.arange(pu.size), np.diff(zp))
        cand, keep = _lookup(pc[prow] * nz + self.uid_zone[zflat], ckeys)
        prow, cand = prow[keep], cand[keep]
        pair_kept = np.zeros(pu.size, dtype=bool)
        pair_kept[prow] = True
        order = np.lexsort((pu[prow], cand))
        prow, cand = prow[order], cand[order]
        tuid = pu[prow]
        ccell = ckeys // nz
        ncand = ckeys.size
        count = np.bincount(cand, minlength=ncand)
        cstart = np.r_[np.cumsum(count) - count, tuid.size]
        # a candidate whose edges equal an earlier candidate's (same cell) reuses its count
        mix = (tuid.astype(np.uint64) + np.uint64(1)) * np.uint64(0x9E3779B97F4A7C15)
        mix ^= mix >> np.uint64(29)
        h = np.zeros(ncand, dtype=np.uint64)
        np.add.at(h, cand, mix)
        grp = np.lexsort((np.arange(ncand), h, count, ccell))
        same = np.zeros(ncand, dtype=bool)
        same[1:] = (
            (ccell[grp][1:] == ccell[grp][:-1])
            & (count[grp][1:] == count[grp][:-1])
            & (h[grp][1:] == h[grp][:-1])
        )
        src = np.arange(ncand)
        head = np.maximum.accumulate(np.where(same, 0, np.arange(ncand)))
        src[grp] = grp[head]
        alias = np.flatnonzero(src != np.arange(ncand))
        if alias.size:  # the hash only proposes: check the edge lists are equal
            a_ptr, a_flat = _ragged(cstart, alias)
            _, s_flat = _ragged(cstart, src[alias])
            diff = (tuid[a_flat] != tuid[s_flat]).astype(np.float64)
            rows = np.repeat(np.arange(alias.size), np.diff(a_ptr))
            bad = np.bincount(rows, weights=diff, minlength=alias.size) > 0
            src[alias[bad]] = alias[bad]
        own = src == np.arange(ncand)
        own_per_cell = np.bincount(ccell[own], minlength=n)
        own_before = np.cumsum(own_per_cell) - own_per_cell
        slot = (np.cumsum(own) - 1 - own_before[ccell])[src].astype(np.int32)
        t_own = own[cand]
        eprow, ecand = prow[t_own], cand[t_own]
        # too many slots for a table, or too many edges (a query round per edge): shapely decides
        exact = ~ok | (own_per_cell > MAX_SLOTS) | (np.bincount(ccell[ecand], minlength=n) > 64)
        cells = _Cells(
            rx, ry, choice, base.astype(np.int32), exact, _csr(ccell, n),
            (ckeys % nz).astype(np.int32), holds, slot, own_per_cell.astype(np.int32),
            _csr(ccell[ecand], n), self.uid_k[pu[eprow]], pos[eprow], slot[ecand],
            np.full(n, level, dtype=np.int64), ci, cj,
        )  # fmt: skip
        distinct = np.bincount(pc[pair_kept], minlength=n)
        return cells, distinct, pair_kept

    def _children(
        self, level: int, parent: _Cells, pc: IntArray, pu: IntArray, target: Int32Array
    ) -> tuple[Any, ...]:
        """Children of split cells: pure ones written to ``target``, the mixed ones returned."""
        nsplit = parent.base.size
        nchild = SPLIT * SPLIT
        scale = float(SPLIT ** (level + 1))
        k = self.uid_k[pu]
        ox, oy = (parent.ci * SPLIT)[pc], (parent.cj * SPLIT)[pc]
        rows, child = _clip_mark(
            self.u[k] * scale - ox, self.v[k] * scale - oy,
            self.u[k + 1] * scale - ox, self.v[k + 1] * scale - oy,
        )  # fmt: skip
        n_uid = max(1, self.uid_k.size)
        key = _unique((pc[rows] * nchild + child) * n_uid + pu[rows])
        cflat, cu = key // n_uid, key % n_uid
        mixed, cpc = _unique_inverse(cflat)  # cflat is sorted
        cpc = cpc.astype(np.int64)
        every = np.arange(nsplit * nchild)
        par, loc = every // nchild, every % nchild
        gci = parent.ci[par] * SPLIT + loc % SPLIT
        gcj = parent.cj[par] * SPLIT + loc // SPLIT
        d = self.d / float(SPLIT ** (level + 1))
        is_mixed = np.zeros(every.size, dtype=bool)
        is_mixed[mixed] = True
        pure = np.flatnonzero(~is_mixed)
        if pure.size:
            # 4-connected pure children of one split cell share their code (no boundary runs
            # between them); label one child of each run, at its centre
            from scipy import ndimage  # lazy: keep `import launchgeo` light

            # blocks stacked into one image, a mixed row between blocks so runs stay in one
            img = np.zeros((nsplit, SPLIT + 1, SPLIT), dtype=bool)
            img[:, :SPLIT, :] = ~is_mixed.reshape(nsplit, SPLIT, SPLIT)
            runs, nruns = ndimage.label(img.reshape(-1, SPLIT))
            run_of = runs.reshape(nsplit, SPLIT + 1, SPLIT)[:, :SPLIT, :].ravel()[pure]
            order = np.argsort(run_of, kind="stable")
            first = pure[order[np.r_[True, run_of[order][1:] != run_of[order][:-1]]]]
            px = np.asarray(self.x0 + (gci[first] + 0.5) * d, dtype=np.float64)
            py = np.asarray(self.y0 + (gcj[first] + 0.5) * d, dtype=np.float64)
            cidx, ppt, inside = _membership(parent, self.x, self.y, px, py, par[first], self.geoms)
            code_of_run = np.zeros(nruns + 1, dtype=np.int32)
            code_of_run[runs.reshape(nsplit, SPLIT + 1, SPLIT)[:, :SPLIT, :].ravel()[first]] = (
                _first(parent, par[first], cidx, ppt, inside)
            )
            target[pure] = code_of_run[run_of]
        m_ci, m_cj, m_par = gci[mixed], gcj[mixed], par[mixed]
        rx, ry, choice, pos, ok = self._refs(level + 1, m_ci, m_cj, cpc, cu)
        cidx, pcx, inside = _membership(parent, self.x, self.y, rx, ry, m_par, self.geoms)
        czone = parent.cand_zone[cidx].astype(np.int64)
        key = pcx * self.nz + czone
        _, has_edges = _lookup(key, self._cell_zone_keys(cpc, cu))
        base = parent.base[m_par].astype(np.int32)
        held = inside & ~has_edges  # no edge in the child: holds all of it
        np.minimum.at(base, pcx[held], czone[held].astype(np.int32))
        cand = has_edges & (czone < base[pcx])
        return (mixed, m_ci, m_cj, cpc, cu, rx, ry, choice, pos, ok, base, key[cand],
                inside[cand])  # fmt: skip

    # -- all levels --------------------------------------------------------------------------
    def run(self) -> ZoneIndex:
        root, mixed, pc, pu = self._root()
        ci, cj = mixed % self.nx, mixed // self.nx
        rx, ry, choice, pos, ok = self._refs(0, ci, cj, pc, pu)
        base, ckeys, holds = self._root_membership(rx, ry, pc, pu)
        target, write = root, mixed
        blocks: list[Int32Array] = []
        leaves: list[_Cells] = []
        n_blocks = n_leaves = 0
        level = 0
        while True:
            n = ci.size
            keep = (ckeys % self.nz) < base[ckeys // self.nz]  # candidates precede the base
            ckeys, holds = ckeys[keep], holds[keep]
            has = np.bincount(ckeys // self.nz, minlength=n) > 0
            pure = np.flatnonzero(~has)  # no candidate: the base holds the whole cell
            target[write[pure]] = base[pure]
            cells, distinct, pair_kept = self._cells(
                level, ci, cj, rx, ry, choice, ok, base, ckeys, holds, pc, pu, pos
            )
            split = has & ((distinct > LEAF_EDGES) | (level < MIN_DEPTH)) & (level < MAX_DEPTH)
            leaf_rows = np.flatnonzero(has & ~split)
            leaves.append(cells.take(leaf_rows))
            target[write[leaf_rows]] = ~(2 * (n_leaves + np.arange(leaf_rows.size)) + 1)
            n_leaves += leaf_rows.size
            split_rows = np.flatnonzero(split)
            if not split_rows.size:
                break
            target[write[split_rows]] = ~(2 * (n_blocks + np.arange(split_rows.size)))
            n_blocks += split_rows.size
            target = np.zeros(split_rows.size * SPLIT * SPLIT, dtype=np.int32)
            blocks.append(target)
            sel = pair_kept & split[pc]
            remap = np.full(n, -1, dtype=np.int64)
            remap[split_rows] = np.arange(split_rows.size)
            state = self._children(level, cells.take(split_rows), remap[pc[sel]], pu[sel], target)
            level += 1
            write, ci, cj, pc, pu, rx, ry, choice, pos, ok, base, ckeys, holds = state
        final = _Cells.concat(leaves)
        lut_ptr, lut = _tables(final)
        arrays: dict[str, Any] = {
            "params": np.array([self.x0, self.y0, self.d, self._bound(final)]),
            "sizes": np.array(
                [self.nx, self.ny, self.background, self.nz, self.x.size, INDEX_VERSION]
            ),
            "root": root,
            "blocks": np.concatenate(blocks) if blocks else np.zeros(0, dtype=np.int32),
            "edge_ptr": final.edge_ptr,
            "edge_vtx": final.edge_vtx,
            "edge_pos": final.edge_pos,
            "edge_slot": np.where(
                np.repeat(final.exact, np.diff(final.edge_ptr)), 0, final.edge_slot
            ).astype(np.uint8),
            "lut_ptr": lut_ptr,
            "lut": lut,
            "exact": final.exact,
            "ref_choice": final.ref_choice,
        }
        geoms = tuple(self.geoms)
        return ZoneIndex(arrays, self.x, self.y, geoms)

    def _bound(self, lv: _Cells) -> float:
        """Error bound of every orientation the query computes (module docstring of _index)."""
        if not lv.edge_vtx.size:
            return 0.0
        leaf = np.repeat(np.arange(lv.base.size), np.diff(lv.edge_ptr))
        d = self.d / SPLIT ** lv.level[leaf].astype(np.float64)
        grow = 1e-6 * d
        lo_x = self.x0 + lv.ci[leaf] * d - grow
        hi_x = self.x0 + (lv.ci[leaf] + 1) * d + grow
        lo_y = self.y0 + lv.cj[leaf] * d - grow
        hi_y = self.y0 + (lv.cj[leaf] + 1) * d + grow
        k = lv.edge_vtx
        ax, ay, bx, by = self.x[k], self.y[k], self.x[k + 1], self.y[k + 1]
        rx, ry = lv.ref_x[leaf], lv.ref_y[leaf]

        def far(a: FloatArray, lo: FloatArray, hi: FloatArray) -> FloatArray:
            return np.asarray(np.maximum(np.abs(a - lo), np.abs(a - hi)))

        fax, fay, fbx, fby = far(ax, lo_x, hi_x), far(ay, lo_y, hi_y), far(bx, lo_x, hi_x), far(
            by, lo_y, hi_y
        )
        worst = np.maximum.reduce(
            [
                fax * fby + fay * fbx,  # orient2d(a, b, q)
                fax * np.abs(ry - ay) + fay * np.abs(rx - ax),  # with r and a
                fbx * np.abs(ry - by) + fby * np.abs(rx - bx),  # with r and b
            ]
        )
        # products of rounded differences exceed the exact ones by at most (1 + u)^3
        return float(worst.max() * CCW_ERR * (1.0 + _U) ** 3 * 1.01)


def _tables(lv: _Cells) -> tuple[IntArray, Int32Array]:
    """Per leaf, the code for each combination of slot parities (2**nslot entries)."""
    m = np.where(lv.exact, 1, lv.nslot).astype(np.int64)  # exact leaves: slot 0 only, unused
    size = 1 << m
    lut_ptr = np.zeros(m.size + 1, dtype=np.int64)
    np.cumsum(size, out=lut_ptr[1:])
    entry_leaf = np.repeat(np.arange(m.size), size)
    bits = np.arange(entry_leaf.size) - lut_ptr[entry_leaf]
    c0 = lv.cand_ptr[entry_leaf]
    nc = lv.cand_ptr[entry_leaf + 1] - c0
    pc = np.repeat(np.arange(entry_leaf.size), nc)
    cidx = np.arange(pc.size) + np.repeat(c0 - (np.cumsum(nc) - nc), nc)
    inside = lv.cand_in[cidx] ^ (((bits[pc] >> lv.cand_slot[cidx]) & 1) == 1)
    return lut_ptr, _first(lv, entry_leaf, cidx, pc, inside)
