"""Label placement for the report figures (private): no label on another, none across a line.

Each movable label comes with candidate positions, best first. Once the figure is laid out, the
labels are placed in order (zone names, ring ranges, the site, impact points, places): each takes
the first candidate whose box overlaps no label placed before it, stays inside the axes and,
for point labels, crosses no boundary, ring or arc; failing that, the candidate with the fewest
overlaps and the shortest crossing. Degree labels inside a disk map are dropped where they
would overlap a label.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import shapely
from shapely.geometry import MultiLineString, box

__all__ = ["Candidate", "place_labels"]

#: Order in which kinds of labels are placed (earlier ones have the pick of the positions).
_ORDER = {"zone": 0, "ring": 1, "site": 2, "impact": 3, "place": 4}
#: Kinds of labels that must not cross boundary, ring or arc lines (they sit beside a point).
_POINT_KINDS = {"site", "impact", "place"}
_PAD_PX = 2.0


@dataclass(frozen=True)
class Candidate:
    """One position to try for a label.

    ``xy`` moves a Text (data coordinates); ``offset`` moves an Annotation's text (points from
    its anchor), with its alignment; ``text`` replaces the string (e.g. wrapped on two lines).
    """

    xy: tuple[float, float] | None = None
    offset: tuple[float, float] | None = None
    ha: str | None = None
    va: str | None = None
    text: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def apply(self, artist: Any) -> None:
        if self.text is not None:
            artist.set_text(self.text)
        if self.xy is not None:
            artist.set_position(self.xy)
        if self.offset is not None:
            artist.set_position(self.offset)  # an Annotation's text offset (xyann)
        if self.ha is not None:
            artist.set_horizontalalignment(self.ha)
        if self.va is not None:
            artist.set_verticalalignment(self.va)


def point_candidates(
    name: str, *, wrap_at: int = 18, distances: tuple[float, ...] = (7.0, 16.0, 26.0, 36.0)
) -> list[Candidate]:
    """Positions around a point for its label, near ones first.

    At each distance the name is tried on one line, then on two; a leader line joins a label
    to its point.
    """
    import textwrap

    texts = [name]
    wrapped = "\n".join(textwrap.wrap(name, max(wrap_at, (len(name) + 1) // 2 + 4)))
    if wrapped != name:
        texts.append(wrapped)
    directions = [(1, 0.6), (-1, 0.6), (1, -0.6), (-1, -0.6), (0, 1), (0, -1), (1, 0), (-1, 0)]
    out = []
    for d in distances:
        for text in texts:
            for ux, uy in directions:
                ha = "left" if ux > 0 else "right" if ux < 0 else "center"
                va = "bottom" if uy > 0 else "top" if uy < 0 else "center"
                out.append(Candidate(offset=(ux * d, uy * d), ha=ha, va=va, text=text))
    return out


def _bbox(artist: Any, renderer: Any) -> Any:
    """The box of a label's text (without an Annotation's leader line), padded."""
    from matplotlib.text import Annotation, Text

    if isinstance(artist, Annotation):
        artist.update_positions(renderer)  # the text's place from its anchor and offset
    return Text.get_window_extent(artist, renderer).padded(_PAD_PX)


def _overlaps(a: Any, b: Any) -> bool:
    return bool(a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1)


@dataclass
class _Obstacles:
    """Lines a point label must not cross, in display coordinates.

    ``above`` are drawn above the land (rings, arcs); ``below`` under it (zone boundaries),
    where only their parts outside the land patch (``land``, a display-coordinate path) show.
    """

    above: Any
    below: Any
    land: Any

    def crossing(self, bb: Any) -> float:
        """Visible length (px) of the lines inside the box ``bb``."""
        rect = box(bb.x0, bb.y0, bb.x1, bb.y1)
        total = 0.0
        if self.above is not None and self.above.intersects(rect):
            total += float(shapely.intersection(self.above, rect).length)
        if self.below is not None and self.below.intersects(rect):
            part = shapely.intersection(self.below, rect)
            if self.land is None:
                total += float(part.length)
            else:
                pts = shapely.get_coordinates(shapely.segmentize(part, 1.0))
                if len(pts):
                    hidden = self.land.contains_points(pts)
                    total += float(part.length) * (1.0 - float(np.mean(hidden)))
        return total


def _lines(ax: Any, artists: list[Any]) -> Any:
    from matplotlib.collections import LineCollection

    segs = []
    for artist in artists:
        if isinstance(artist, LineCollection) and artist.get_visible():
            for seg in artist.get_segments():
                if len(seg) >= 2:
                    xy = ax.transData.transform(np.asarray(seg))
                    if np.isfinite(xy).all():
                        segs.append(xy)
    if not segs:
        return None
    lines = MultiLineString(segs)
    shapely.prepare(lines)
    return lines


def _obstacles(ax: Any, out: dict[str, list[Any]]) -> _Obstacles:
    land = [a for a in out.get("land", []) if a.get_gid() == "land"]
    land_z = land[0].get_zorder() if land else float("inf")
    zones = out.get("zones", [])
    above = [a for a in zones if a.get_zorder() >= land_z] + out.get("rings", [])
    above += out.get("arcs", [])
    below = [a for a in zones if a.get_zorder() < land_z]
    land_path = ax.transData.transform_path(land[0].get_path()) if land else None
    return _Obstacles(_lines(ax, above), _lines(ax, below), land_path)


def place_labels(ax: Any, out: dict[str, list[Any]]) -> None:
    """Place the labels registered in ``out["_label_candidates"]`` (see the module doc)."""
    candidates = out.pop("_label_candidates", [])
    fig = ax.figure
    engine = fig.get_layout_engine()
    if engine is not None:
        engine.execute(fig)
    ax.apply_aspect()  # as at draw time: the equal aspect shrinks the axes box
    if hasattr(fig.canvas, "get_renderer"):
        renderer = fig.canvas.get_renderer()
    else:  # a Figure without a raster canvas (vector backends): measure text as Agg would
        from matplotlib.backends.backend_agg import RendererAgg

        renderer = RendererAgg(int(fig.bbox.width), int(fig.bbox.height), fig.dpi)
    frame = ax.get_window_extent(renderer)
    obstacles = _obstacles(ax, out)
    placed = [
        leg.get_window_extent(renderer).padded(_PAD_PX)
        for leg in out.get("legend", [])
        if _inside_axes(leg)
    ]
    for text, raw, kind in sorted(candidates, key=lambda c: _ORDER.get(c[2], 9)):
        options = [c if isinstance(c, Candidate) else Candidate(xy=tuple(c)) for c in raw]
        best: tuple[tuple[float, ...], Candidate] | None = None
        for rank, cand in enumerate(options):
            cand.apply(text)
            bb = _bbox(text, renderer)
            overlaps = sum(_overlaps(bb, p) for p in placed)
            outside = not (
                frame.x0 <= bb.x0 and bb.x1 <= frame.x1 and frame.y0 <= bb.y0 and bb.y1 <= frame.y1
            )
            crossing = obstacles.crossing(bb) if kind in _POINT_KINDS else 0.0
            score = (float(overlaps) + float(outside), crossing, float(rank))
            if best is None or score < best[0]:
                best = (score, cand)
            if score[0] == 0 and score[1] == 0:
                break
        assert best is not None
        best[1].apply(text)
        placed.append(_bbox(text, renderer))
    for text in list(out.get("graticule_labels", [])):
        bb = _bbox(text, renderer)
        if any(_overlaps(bb, p) for p in placed):
            text.remove()
            out["graticule_labels"].remove(text)
        else:
            placed.append(bb)


def _inside_axes(legend: Any) -> bool:
    anchor = legend.get_bbox_to_anchor()
    axes_box = legend.axes.bbox if legend.axes is not None else None
    return axes_box is not None and anchor.x0 <= axes_box.x1
