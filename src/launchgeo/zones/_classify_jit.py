"""The classify index's look-up as one compiled loop (private; see ``launchgeo/_jit.py``).

Imported only by :meth:`ZoneIndex.codes_compiled` for large calls, so numba is imported only
then. The loop does, point by point, what :meth:`ZoneIndex.lookup`, :meth:`ZoneIndex.resolve`
and :func:`launchgeo.zones._index.crossings` do array by array, with the same floating-point
operations in the same order (so the same cells, reference points and orientation signs): a
level-0 gather, the descent through the blocks, and in a leaf the parity of the crossings of
the segment to its reference point. What the numpy path hands to shapely (an orientation sign
that is not certain, a leaf marked exact) or to the slower path (a point outside the box, NaN)
is marked instead, and the caller finishes it.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numba import njit

__all__ = ["MIXED16", "OUTSIDE", "OUTSIDE16", "UNSURE", "codes16", "fits", "index_codes"]

#: Marks in the output: the point is outside the index's box (or NaN); the point needs the
#: exact rule (shapely).
OUTSIDE = -2
UNSURE = -1
#: Entries of the 16-bit level-0 grid (``codes16``) that are not codes.
OUTSIDE16 = 65534
MIXED16 = 65535


#: Points per batch: the batch's pending points and leaves stay in cache.
BATCH = 1 << 14


@njit(cache=True, nogil=True, boundscheck=False)
def _codes(
    lon: Any, lat: Any, box: Any, x0: float, y0: float, inv_d: float, width: int, nx: int,
    ny: int, root: Any, codes16: Any, blocks: Any, sizes: Any, ref_x: Any, ref_y: Any,
    ref_choice: Any, edge_ptr: Any, edge_vtx: Any, edge_pos: Any, edge_slot: Any,
    lut_ptr: Any, lut: Any, exact: Any, vx: Any, vy: Any, bound: float, out: Any,
) -> tuple[int, int]:  # fmt: skip
    west, east, frame_end, south, north = box[0], box[1], box[2], box[3], box[4]
    n_outside = 0
    n_unsure = 0
    # per batch, stage by stage, so that the loads of one stage are independent from point to
    # point (the processor overlaps their cache misses): pending points, then leaves
    scratch = np.empty((16, BATCH), dtype=np.int64)  # one row per per-point list
    todo, node, ci_, cj_ = scratch[0], scratch[1], scratch[2], scratch[3]
    l_pt, l_leaf, l_level, l_ci, l_cj = scratch[4], scratch[5], scratch[6], scratch[7], scratch[8]
    e0, e1, lp, a0, rc = scratch[9], scratch[10], scratch[11], scratch[12], scratch[13]
    child, entry = scratch[14], scratch[15]
    ex = np.empty(BATCH, dtype=np.bool_)
    touch = np.empty(BATCH, dtype=np.float64)
    beyond = root.size  # codes16's last entry, OUTSIDE16
    # level 0 (as ZoneIndex.lookup) in two flat passes over all points, ``out`` holding the
    # cells between them: the cells (no loads from the index, no branches: vectorized), then
    # the gathers alone from the 16-bit grid (independent, so their cache misses overlap;
    # measured twice as fast as the same loop cut into batches, and the 16-bit grid half the
    # time of the 32-bit one on points all over the world)
    for i in range(lon.size):
        px = lon[i]
        py = lat[i]
        ok = (px >= west) & (px <= east) & (px < frame_end) & (py >= south) & (py <= north)
        u = px - x0
        u *= inv_d
        v = py - y0
        v *= inv_d
        u = u if ok else 0.0  # selects, not branches (NaN is not ok)
        v = v if ok else 0.0
        c = np.int32(v) * width + np.int32(u)
        out[i] = c if ok else beyond
    for i in range(lon.size):
        out[i] = codes16[out[i]]
    # then batch by batch: the points outside the box and those in mixed cells (whose level-0
    # entry, a block or a leaf, is read from the 32-bit grid)
    for start in range(0, lon.size, BATCH):
        stop = min(start + BATCH, lon.size)
        m = 0
        for i in range(start, stop):  # the points to look at again, listed without a branch
            todo[m] = i
            m += out[i] >= OUTSIDE16
        k = 0
        for j in range(m):
            i = todo[j]
            if out[i] == OUTSIDE16:
                out[i] = OUTSIDE
                n_outside += 1
                continue
            u = lon[i] - x0
            u *= inv_d
            v = lat[i] - y0
            v *= inv_d
            iu = np.int32(u)
            iv = np.int32(v)
            todo[k] = i
            node[k] = ~np.int64(root[iv * width + iu])
            ci_[k] = min(iu, nx - 1)
            cj_[k] = min(iv, ny - 1)
            k += 1
        m = k
        # descend level by level (as ZoneIndex.resolve and _descend)
        nl = 0
        level = 0
        scale = 1.0
        while m:
            # the leaves reached leave the list; for the blocks, the children's entries: the
            # child cells, then the gathers alone, then what they hold
            m2 = 0
            for j in range(m):
                t = node[j]
                if t & 1:  # a leaf
                    l_pt[nl] = todo[j]
                    l_leaf[nl] = t >> 1
                    l_level[nl] = level
                    l_ci[nl] = ci_[j]
                    l_cj[nl] = cj_[j]
                    nl += 1
                else:
                    todo[m2] = todo[j]
                    node[m2] = t
                    ci_[m2] = ci_[j]
                    cj_[m2] = cj_[j]
                    m2 += 1
            m = m2
            for j in range(m):
                i = todo[j]
                u = lon[i] - x0
                u *= inv_d
                v = lat[i] - y0
                v *= inv_d
                pi = ci_[j] * 4
                pj = cj_[j] * 4
                ci = np.int32(u * (scale * 4.0)) - pi
                cj = np.int32(v * (scale * 4.0)) - pj
                ci = min(max(ci, 0), 3)
                cj = min(max(cj, 0), 3)
                child[j] = (node[j] >> 1) * 16 + cj * 4 + ci
                ci_[j] = pi + ci
                cj_[j] = pj + cj
            for j in range(m):
                entry[j] = blocks[child[j]]
            m2 = 0
            for j in range(m):
                e = entry[j]
                if e >= 0:
                    out[todo[j]] = e
                    continue
                todo[m2] = todo[j]
                node[m2] = ~np.int64(e)
                ci_[m2] = ci_[j]
                cj_[m2] = cj_[j]
                m2 += 1
            m = m2
            level += 1
            scale *= 4.0
        # leaves (as _in_leaves): first their tables and first edge's vertex, in tight loops
        # of independent loads, then the parity of crossings of p-r with each slot's edges
        for j in range(nl):
            leaf = l_leaf[j]
            e0[j] = edge_ptr[leaf]
            e1[j] = edge_ptr[leaf + 1]
            lp[j] = lut_ptr[leaf]
            rc[j] = ref_choice[leaf]
            ex[j] = exact[leaf]
        for j in range(nl):
            a0[j] = edge_vtx[e0[j]] if e1[j] > e0[j] else 0
        for j in range(nl):
            touch[j] = vx[a0[j]] + vy[a0[j]] + vx[a0[j] + 1] + vy[a0[j] + 1]
        for j in range(nl):
            i = l_pt[j]
            if ex[j]:
                out[i] = UNSURE
                n_unsure += 1
                continue
            px = lon[i]
            py = lat[i]
            size = sizes[l_level[j]]
            c = rc[j]
            rx = x0 + (l_ci[j] + ref_x[c]) * size
            ry = y0 + (l_cj[j] + ref_y[c]) * size
            bits = 0
            sure = True
            for k in range(e0[j], e1[j]):
                a = edge_vtx[k]
                ax = vx[a]
                ay = vy[a]
                bx = vx[a + 1]
                by = vy[a + 1]
                dax = ax - px
                day = ay - py
                dbx = bx - px
                dby = by - py
                d1 = dax * dby - day * dbx
                cross = (d1 > 0) != edge_pos[k]
                certain = abs(d1) > bound
                if cross:
                    d3 = dax * (ry - ay) - day * (rx - ax)
                    d4 = dbx * (ry - by) - dby * (rx - bx)
                    certain = certain and abs(d3) > bound and abs(d4) > bound
                    cross = (d3 > 0) != (d4 > 0)
                if not certain:
                    sure = False
                    break
                if cross:
                    bits ^= 1 << edge_slot[k]
            if sure:
                out[i] = lut[lp[j] + bits]
            else:
                out[i] = UNSURE
                n_unsure += 1
    return n_outside, n_unsure


def index_codes(index: Any, lon: Any, lat: Any, box: Any, out: Any) -> tuple[int, int]:
    """Codes of points into ``out``; marks (see above) and their counts: outside, unsure.

    ``box``: (west, east, frame end, south, north) of the points the index may place (the
    caller's checks on the numpy path).
    """
    from launchgeo.zones._index import _REF_X, _REF_Y

    return _codes(
        lon, lat, np.asarray(box, dtype=np.float64), index.x0, index.y0, index.inv_d,
        index.width, index.nx, index.ny, index.root, codes16(index), index.blocks,
        index.sizes, _REF_X, _REF_Y, index.ref_choice, index.edge_ptr, index.edge_vtx,
        index.edge_pos, index.edge_slot, index.lut_ptr, index.lut, index.exact, index.x,
        index.y, index.bound, out,
    )  # fmt: skip


def fits(index: Any) -> bool:
    """Whether the index's codes fit the 16-bit grid (fewer than ``OUTSIDE16`` codes)."""
    return bool(index.background + 2 <= OUTSIDE16)


def codes16(index: Any) -> Any:
    """Level 0 as uint16, made once per index and kept on it.

    A pure cell's code, MIXED16 for a cell whose entry is a block or a leaf, and one more
    entry after the grid, OUTSIDE16, where the loop sends points outside the box.
    """
    grid = index.__dict__.get("_codes16")
    if grid is None:
        root = index.root
        grid = np.empty(root.size + 1, dtype=np.uint16)
        grid[:-1] = np.where(root >= 0, root, MIXED16)
        grid[-1] = OUTSIDE16
        index.__dict__["_codes16"] = grid
    return grid
