"""Maritime zones: which state's land, territorial sea or EEZ a point is in.

:func:`load_zones` returns a :class:`Zones`: the embedded world zones by default,
or zones read from a Marine Regions World EEZ file or a file in launchgeo's own format.

Label vocabulary
----------------
``Zones.classify`` returns, for each point, one of:

- ``"STATES:kind"`` for a zone, where STATES is one ISO 3166-1 alpha-3 code or several joined by
  ``/`` in alphabetical order and kind is one of ``land``, ``territorial_sea``,
  ``overlapping_claim``, ``joint_regime``, ``eez``: ``"JPN:eez"``, ``"JPN:territorial_sea"``,
  ``"JPN:land"``, ``"JPN/KOR:overlapping_claim"``, ``"JPN/KOR:joint_regime"``;
- ``"high_seas"``: inside the coverage box, in no zone;
- ``"unzoned"`` instead of ``"high_seas"`` for zones read from a Marine Regions file with
  ``land=None``: such a file has no land, so a point in no zone may be land or high seas;
- ``"no_data"``: outside the coverage box (``Zones.coverage_bbox``), where the data say nothing.

Boundary rule
-------------
Zones are closed sets with straight edges in (lon, lat), as in GeoJSON and shapely. A point on
the boundary of several zones gets the first of them in precedence order: by kind ``land``,
``territorial_sea``, ``overlapping_claim``, ``joint_regime``, ``eez``, then by label
alphabetically (``Zones.labels`` is in that order). So a point on the coastline is land, one on
the JPN/KOR median line is ``"JPN:eez"``, and one on the 200-NM limit is in the EEZ, not the
high seas. Classification is exact under this rule: it equals testing the zones in order with
``shapely.intersects_xy`` (a grid index only skips tests whose answer is already known).

Marine Regions files
--------------------
``POL_TYPE`` "200NM" becomes ``"ISO_SOV1:eez"``, "Joint regime" ``"A/B:joint_regime"`` and
"Overlapping claim" ``"A/B(/C):overlapping_claim"`` with the ISO_SOV1..3 codes (or the ISO3
codes of SOVEREIGN1..3 where a file lacks ISO_SOV2/3) sorted; features with the same label are
dissolved. Marine Regions EEZ polygons include the territorial sea (so there is no
``territorial_sea`` label) and exclude land. Land comes from the file itself (``POL_TYPE``
"Land") or ``land=``: by default the land of launchgeo's embedded zones, minus the Marine
Regions polygons (where the two disagree on the coast, the Marine Regions zone wins), and the
coverage is then the part of the file's extent that the land data cover (the embedded land
covers the world); beyond it points are ``"no_data"``, never ``"high_seas"``
(``zones/_marine_regions.py``). The coverage never extends past the file's extent, but inside it a
file holding only some states' zones (e.g. Japan's alone) shows its neighbours' sea as high
seas: use the complete World EEZ file, or a regional extract of it.

Coordinates and speed
---------------------
Points are (lon, lat) in degrees, lon in [-180, 360] (shifted by whole turns into the coverage's
longitude frame, so 0..360 and -180..180 conventions both work: 180 and -180 are the same
meridian and are classified as the frame's), lat in [-90, 90]. Classification uses an index
(``zones/_index.py``): a grid, refined where boundaries pass, with each finest cell's few edges
tested exactly. The embedded world zones ship with it (loading is 0.2-0.4 s, the first
classification about 0.1 s more; ``benchmarks/startup.py``); for a file without one the first
classification builds it (seconds; 10-30 s for the embedded world zones' detail). Then tens of
millions of points per second on one core. ``classify_codes`` gives int32 codes (4 bytes a
point) for counting with ``np.bincount``; ``classify`` gives labels (an object array, 8 bytes a
point). Beyond the result, memory is a fixed working chunk; input arrays are not copied
(``benchmarks/classify.py`` measures time and memory against shapely, a tiled index, geopandas
and a plain grid lookup).

Examples
--------
>>> import geopandas as gpd, shapely
>>> from launchgeo.zones.core import Zones
>>> land = shapely.box(139, 35, 140, 36)
>>> gdf = gpd.GeoDataFrame({"label": ["JPN:land", "JPN:eez"]},
...                        geometry=[land, shapely.box(136, 32, 143, 39).difference(land)],
...                        crs="EPSG:4326")
>>> zones = Zones.from_geodataframe(gdf, coverage_bbox=(130, 30, 150, 40))
>>> zones.classify([139.5, 137.0, 145.0, 160.0], [35.5, 33.0, 35.0, 35.0]).tolist()
['JPN:land', 'JPN:eez', 'high_seas', 'no_data']
"""

from __future__ import annotations

import functools
import math
import os
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt
import shapely

from launchgeo import _jit
from launchgeo import _validate as v
from launchgeo._inputs import points as _adapt_points
from launchgeo.errors import CoordinateError, DataError, UnknownZoneError, ValidationError
from launchgeo.zones import _readers as zio
from launchgeo.zones._coords import _arrays, _check_points, _points
from launchgeo.zones._frozen import freeze
from launchgeo.zones._index import StaleIndexError, ZoneIndex, first_holding

if TYPE_CHECKING:  # imported when first needed: it brings pyproj (geodesics)
    from launchgeo.zones._distance import BoundaryDistance

__all__ = ["NO_DATA", "ZONE_KINDS", "Zones", "ZonesInfo", "load_zones"]

#: Zone kinds, in boundary precedence order.
ZONE_KINDS: tuple[str, ...] = zio.KINDS
#: Label of points outside the coverage box.
NO_DATA = "no_data"
HIGH_SEAS = "high_seas"
UNZONED = "unzoned"

_CHUNK = 1 << 18  # points per chunk: bounds the temporaries of classify()
#: Most points in mixed cells answered zone by zone while a lazy index is not loaded.
_FEW_EXACT = 16
_MAX_CELLS = 4_000_000  # level-0 cells (stored as tiles: open sea takes no memory)
_MIN_CELL_DEG = 0.025


@dataclass(frozen=True, slots=True)
class ZonesInfo:
    """Where a :class:`Zones` came from, for reports.

    Attributes
    ----------
    source : str
        ``"launchgeo embedded"`` or the path that was read.
    format : str
        ``"launchgeo"`` or ``"marine_regions"``.
    version : str
        The data version as the file states it (``"unknown"`` if it does not).
    sha256 : str
        Checksum of the file read ("" for in-memory data).
    coverage_bbox : tuple of float
        (lon_min, lat_min, lon_max, lat_max) where classification is defined.
    land_source : str or None
        For Marine Regions files, where the land came from.
    provenance : Mapping
        The file's own ``"launchgeo"`` metadata member, if any (read-only: a ``dict`` that
        refuses changes, its lists as tuples).

    Examples
    --------
    >>> ZonesInfo("my.gpkg", "launchgeo", "1", "", (100.0, 0.0, 180.0, 60.0)).coverage_bbox
    (100.0, 0.0, 180.0, 60.0)
    """

    source: str
    format: str
    version: str
    sha256: str
    coverage_bbox: tuple[float, float, float, float]
    land_source: str | None = None
    provenance: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # load_zones() is cached and its info shared: a read-only copy (see zones/_frozen.py)
        object.__setattr__(self, "provenance", freeze(self.provenance))


def _check_bbox(bbox: Any) -> tuple[float, float, float, float]:
    return v.lon_lat_box(bbox, "coverage_bbox")


class Zones:
    """Maritime zones with exact, fast point classification.

    Build one with :func:`load_zones` or :meth:`Zones.from_geodataframe`. Instances are
    immutable; the classification index and boundary-distance tables are built on first use.

    Examples
    --------
    >>> import geopandas as gpd, shapely
    >>> gdf = gpd.GeoDataFrame({"label": ["JPN:eez", "KOR:eez"]},
    ...     geometry=[shapely.box(131, 34, 136, 40), shapely.box(127, 34, 131, 40)], crs=4326)
    >>> zones = Zones.from_geodataframe(gdf, coverage_bbox=(120, 30, 150, 45))
    >>> zones.labels
    ('JPN:eez', 'KOR:eez')
    >>> zones.classify(131.0, 36.0)  # on the shared edge: the first label in precedence order
    'JPN:eez'
    """

    __slots__ = (
        "_background",
        "_cell_deg",
        "_dist",
        "_frame",
        "_geom_list",
        "_geom_one",
        "_index",
        "_info",
        "_kinds",
        "_labels",
        "_lazy",
        "_names",
        "_order",
        "_props",
        "_states",
        "_stored_index",
        "_vocab_arr",
    )

    def __init__(
        self,
        records: Sequence[zio.ZoneRecord],
        info: ZonesInfo,
        *,
        background: str = HIGH_SEAS,
        cell_deg: float | None = None,
        index: Mapping[str, Any] | None = None,
        lazy: zio.LazyGeometries | None = None,
    ) -> None:
        rank = {k: i for i, k in enumerate(ZONE_KINDS)}
        order = sorted(range(len(records)), key=lambda i: (rank[records[i].kind],
                                                           records[i].label))  # fmt: skip
        recs = [records[i] for i in order]
        if not recs:
            raise DataError(f"zones from {info.source!r} hold no zone")
        self._labels = tuple(r.label for r in recs)
        if len(set(self._labels)) != len(self._labels):
            raise DataError(f"zones from {info.source!r} repeat a label")
        self._kinds = tuple(r.kind for r in recs)
        self._states = tuple(r.states for r in recs)
        self._names = tuple(r.name for r in recs)
        # the geometries, or (lazy embedded zones) where to make them: records in file order
        # without geometries; all made on first use of all, one on first use of one
        self._order = tuple(order)
        self._lazy = lazy
        self._geom_list: tuple[shapely.Geometry, ...] | None = None
        self._geom_one: dict[int, shapely.Geometry] = {}
        if lazy is None:
            self._geom_list = tuple(r.geometry for r in recs)
        self._props = tuple(dict(r.properties) for r in recs)
        self._info = info
        self._background = background
        x0, y0, x1, y1 = info.coverage_bbox
        self._frame = x0
        area = (x1 - x0) * (y1 - y0)
        self._cell_deg = cell_deg or max(_MIN_CELL_DEG, math.sqrt(area / _MAX_CELLS))
        vocab = (*self._labels, background, NO_DATA)
        self._vocab_arr = np.array(vocab, dtype=object)
        self._index: ZoneIndex | None = None
        self._stored_index = index if index else None  # read lazily by the index
        self._dist: dict[str, BoundaryDistance] = {}

    @property
    def _geoms(self) -> tuple[shapely.Geometry, ...]:
        """The zones' geometries in precedence order (made on first use for lazy zones)."""
        if self._geom_list is None:
            assert self._lazy is not None
            made = self._lazy.all()
            self._geom_list = tuple(made[i] for i in self._order)
            self._geom_one.clear()
        return self._geom_list

    def _geom(self, zone: int) -> shapely.Geometry:
        """One zone's geometry (lazy zones make only that one)."""
        if self._geom_list is not None:
            return self._geom_list[zone]
        if zone not in self._geom_one:
            assert self._lazy is not None
            self._geom_one[zone] = self._lazy.one(self._order[zone])
        return self._geom_one[zone]

    def __getstate__(self) -> dict[str, Any]:
        """Pickled whole: lazy parts are made first (dask ships zones to workers)."""
        _ = self._geoms
        if self._index is not None:
            self._index.load()
        state = {name: getattr(self, name) for name in self.__slots__}
        state.update(_lazy=None)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        for name, value in state.items():
            object.__setattr__(self, name, value)

    # -- construction ------------------------------------------------------------------------
    @classmethod
    def from_geodataframe(
        cls,
        gdf: Any,
        *,
        coverage_bbox: Sequence[float] | None = None,
        source: str = "GeoDataFrame",
        version: str = "unknown",
    ) -> Zones:
        """Zones from a GeoDataFrame in launchgeo's format (a ``label`` column at least).

        Parameters
        ----------
        gdf : geopandas.GeoDataFrame
            One row per zone part, column ``label`` (``"STATES:kind"``; rows with the same
            label are dissolved), optionally ``name``; any CRS (reprojected to EPSG:4326).
        coverage_bbox : sequence of 4 float, optional
            (lon_min, lat_min, lon_max, lat_max) where the zones are complete; defaults to the
            zones' total bounds.
        source, version : str
            Recorded in :attr:`Zones.info`.

        Returns
        -------
        Zones

        Examples
        --------
        >>> import geopandas as gpd, shapely
        >>> gdf = gpd.GeoDataFrame({"label": ["KOR:land"]},
        ...                        geometry=[shapely.box(126, 35, 129, 38)], crs="EPSG:4326")
        >>> Zones.from_geodataframe(gdf).coverage_bbox
        (126.0, 35.0, 129.0, 38.0)
        """
        if not (hasattr(gdf, "crs") and hasattr(gdf, "geometry") and hasattr(gdf, "to_crs")):
            raise ValidationError(f"gdf must be a GeoDataFrame, got {type(gdf).__name__}")
        if len(gdf) == 0:
            raise DataError(f"GeoDataFrame {source!r} holds no zone (it has no rows)")
        if gdf.crs is None:
            raise DataError(f"GeoDataFrame {source!r} has no CRS; set one (e.g. EPSG:4326)")
        gdf = gdf.to_crs("EPSG:4326")
        gdf.columns = [c if c == gdf.geometry.name else str(c).lower() for c in gdf.columns]
        if "label" not in gdf.columns:
            raise DataError(f"GeoDataFrame {source!r} has no 'label' column")
        records = zio._own_records(gdf, Path(source))
        bbox = _check_bbox(coverage_bbox if coverage_bbox is not None else zio._bounds(records))
        return cls(records, ZonesInfo(source, "launchgeo", version, "", bbox))

    # -- properties --------------------------------------------------------------------------
    @property
    def labels(self) -> tuple[str, ...]:
        """Zone labels, in boundary precedence order."""
        return self._labels

    @property
    def vocabulary(self) -> tuple[str, ...]:
        """Every label :meth:`classify` can return: the zones, the background, ``"no_data"``."""
        return tuple(self._vocab_arr.tolist())

    @property
    def code_labels(self) -> tuple[str, ...]:
        """Label of each code of :meth:`classify_codes`: ``code_labels[code]``.

        The zones in precedence order (codes 0 .. n-1, as :attr:`labels`), then the background
        (``"high_seas"`` or ``"unzoned"``, code n), then ``"no_data"`` (code n + 1); the same
        tuple as :attr:`vocabulary`.

        Examples
        --------
        >>> import geopandas as gpd, numpy as np, shapely
        >>> z = Zones.from_geodataframe(gpd.GeoDataFrame(
        ...     {"label": ["JPN:eez"]}, geometry=[shapely.box(131, 34, 136, 40)], crs=4326),
        ...     coverage_bbox=(120, 30, 150, 45))
        >>> z.code_labels
        ('JPN:eez', 'high_seas', 'no_data')
        >>> codes = z.classify_codes([132.0, 133.0, 140.0, 160.0], [35.0, 36.0, 35.0, 35.0])
        >>> dict(zip(z.code_labels, np.bincount(codes, minlength=len(z.code_labels)).tolist()))
        {'JPN:eez': 2, 'high_seas': 1, 'no_data': 1}
        """
        return self.vocabulary

    @property
    def background_label(self) -> str:
        """Label of covered points in no zone: ``"high_seas"`` (or ``"unzoned"``, see module)."""
        return self._background

    @property
    def states(self) -> tuple[str, ...]:
        """ISO3 codes of every state named by a zone, sorted."""
        return tuple(sorted({s for st in self._states for s in st}))

    @property
    def coverage_bbox(self) -> tuple[float, float, float, float]:
        """(lon_min, lat_min, lon_max, lat_max): outside it, points are ``"no_data"``."""
        return self._info.coverage_bbox

    @property
    def info(self) -> ZonesInfo:
        """Source, version, checksum and coverage of the data, for reports."""
        return self._info

    def __repr__(self) -> str:
        return (
            f"<Zones {len(self._labels)} zones, coverage {self.coverage_bbox}, "
            f"source {self._info.source!r}, version {self._info.version!r}>"
        )

    def _zone(self, label: str) -> int:
        try:
            return self._labels.index(label)
        except ValueError:
            shown = ", ".join(self._labels[:40]) + (", ..." if len(self._labels) > 40 else "")
            raise UnknownZoneError(
                f"no zone labelled {label!r} in {self._info.source!r}; zones are: {shown}"
            ) from None

    def geometry(self, label: str) -> shapely.Geometry:
        """Geometry (Polygon or MultiPolygon, EPSG:4326) of the zone ``label``.

        Examples
        --------
        >>> import geopandas as gpd, shapely
        >>> z = Zones.from_geodataframe(gpd.GeoDataFrame(
        ...     {"label": ["JPN:eez"]}, geometry=[shapely.box(131, 34, 136, 40)], crs=4326))
        >>> z.geometry("JPN:eez").bounds
        (131.0, 34.0, 136.0, 40.0)
        """
        return self._geom(self._zone(label))

    def sovereign(self, label: str) -> str:
        """Sovereign state(s) of a zone: ``"PYF:eez"`` -> ``"FRA"``, ``"JPN:eez"`` -> ``"JPN"``.

        The embedded zones are labelled by territory (French Polynesia ``PYF``, Guam ``GUM``);
        their ``sovereigns`` table (``info.provenance``) maps each territory to its state.
        Claimants of a dispute map one by one and are joined by ``/``. Files without such a
        table (Marine Regions files are labelled by sovereign already) map codes to themselves.

        Examples
        --------
        >>> import geopandas as gpd, shapely
        >>> z = Zones.from_geodataframe(gpd.GeoDataFrame(
        ...     {"label": ["PYF:eez"]}, geometry=[shapely.box(-150, -18, -148, -16)], crs=4326))
        >>> z.sovereign("PYF:eez")  # no table in an in-memory frame
        'PYF'
        """
        table = self._info.provenance.get("sovereigns", {})
        states = self._states[self._zone(label)]
        return "/".join(sorted({str(table.get(s, s)) for s in states}))

    def to_geodataframe(self) -> Any:
        """One row per zone: columns ``label``, ``kind``, ``states``, ``name``, ``geometry``.

        Other per-zone properties of the file (e.g. ``sovereign``) follow ``name``.

        Returns
        -------
        geopandas.GeoDataFrame
            In precedence order, CRS EPSG:4326.

        Examples
        --------
        >>> import geopandas as gpd, shapely
        >>> z = Zones.from_geodataframe(gpd.GeoDataFrame(
        ...     {"label": ["JPN/KOR:joint_regime"]},
        ...     geometry=[shapely.box(126, 29, 129, 33)], crs=4326))
        >>> z.to_geodataframe()[["label", "kind", "states"]].values.tolist()
        [['JPN/KOR:joint_regime', 'joint_regime', 'JPN/KOR']]
        """
        import geopandas as gpd

        columns: dict[str, list[Any]] = {
            "label": list(self._labels),
            "kind": list(self._kinds),
            "states": ["/".join(s) for s in self._states],
            "name": list(self._names),
        }
        for key in dict.fromkeys(k for p in self._props for k in p):
            if key not in columns and key != "geometry":
                columns[key] = [p.get(key) for p in self._props]
        return gpd.GeoDataFrame(columns, geometry=list(self._geoms), crs="EPSG:4326")

    @property
    def __geo_interface__(self) -> dict[str, Any]:
        """The zones as a GeoJSON FeatureCollection (one feature per zone, EPSG:4326)."""
        return dict(self.to_geodataframe().__geo_interface__)

    # -- classification ----------------------------------------------------------------------
    def _grid(self) -> ZoneIndex:
        """The classify index: the stored one if the file had a fitting one, else built."""
        if self._index is None:
            index = None
            if self._stored_index is not None and self._lazy is not None:
                # lazy: level 0 now, the rest (and its checks) when a point needs it
                stored = self._stored_index
                index = self._from_stored(lambda: ZoneIndex.from_stored_lazy(
                    stored, self._vertices, lambda: self._geoms, self._damaged_index))  # fmt: skip
            if index is None and self._stored_index is not None:
                geoms = self._geoms
                xy = shapely.get_coordinates(list(geoms))
                x, y = np.ascontiguousarray(xy[:, 0]), np.ascontiguousarray(xy[:, 1])
                stored = self._stored_index
                index = self._from_stored(lambda: ZoneIndex.from_stored(stored, x, y, geoms))
            if index is None:
                from launchgeo.zones._indexbuild import build_index

                index = build_index(self._geoms, self.coverage_bbox, cell_deg=self._cell_deg,
                                    background=len(self._labels))  # fmt: skip
            self._index = index
            self._stored_index = None
        return self._index

    def _from_stored(self, make: Callable[[], ZoneIndex]) -> ZoneIndex | None:
        """The index ``make()`` makes from stored arrays, or None.

        None when the arrays are stale (another version, other zones) or do not fit these
        zones; DataError when they are damaged.
        """
        try:
            index = make()
        except StaleIndexError:
            return None
        except (ValueError, KeyError, TypeError, IndexError) as exc:
            raise self._damaged_index(exc) from exc
        return index if self._fits(index) else None

    def _vertices(self) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
        assert self._lazy is not None
        xy = self._lazy.vertices(self._order)
        return np.ascontiguousarray(xy[:, 0]), np.ascontiguousarray(xy[:, 1])

    def _damaged_index(self, exc: Exception) -> DataError:
        return DataError(
            f"zones file {self._info.source!r}: its stored classify index is damaged ({exc}); "
            "re-make the file (scripts/convert_zones.py --reindex) or reinstall launchgeo"
        )

    def _fits(self, index: ZoneIndex) -> bool:
        x0, y0, x1, y1 = self.coverage_bbox
        return (
            index.x0 == x0 and index.y0 == y0 and index.n_zones == len(self._labels)
            and index.background == len(self._labels)
            and index.nx == max(1, math.ceil((x1 - x0) / index.d - 1e-9))
            and index.ny == max(1, math.ceil((y1 - y0) / index.d - 1e-9))
        )  # fmt: skip

    def _in_frame(self, lon: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        """Longitudes shifted by whole turns into [lon_min, lon_min + 360) (copy only if needed)."""
        out = (lon < self._frame) | (lon >= self._frame + 360.0)
        if not out.any():
            return lon
        shifted = lon.copy()
        shifted[out] = self._frame + np.mod(shifted[out] - self._frame, 360.0)
        return shifted

    def classify_codes(self, lon: Any, lat: Any = None) -> Any:
        """Like :meth:`classify`, but int32 codes: ``code_labels[code]`` is the label.

        For counting, ``np.bincount(codes, minlength=len(zones.code_labels))`` gives the number
        of points per label without making label strings.

        Parameters
        ----------
        lon, lat : float or array_like
            Degrees, as for :meth:`classify` (which also says what point objects are taken).

        Returns
        -------
        numpy.ndarray of int32 or pandas.Series
            Codes into :attr:`code_labels`, of the broadcast shape (0-d for scalar input); a
            Series named ``"zone_code"`` on the input's index for pandas input.

        Raises
        ------
        CoordinateError
            NaN, infinite or out-of-range coordinates (naming the first bad value).

        Examples
        --------
        >>> import geopandas as gpd, shapely
        >>> z = Zones.from_geodataframe(gpd.GeoDataFrame(
        ...     {"label": ["JPN:eez"]}, geometry=[shapely.box(131, 34, 136, 40)], crs=4326))
        >>> codes = z.classify_codes([132.0, 131.5], [35.0, 45.0])
        >>> codes.dtype, [z.code_labels[c] for c in codes]
        (dtype('int32'), ['JPN:eez', 'no_data'])
        """
        given = _adapt_points(lon, lat)  # point objects, GeoSeries, pandas Series
        return given.wrap(self._codes(given.lon, given.lat), "zone_code")

    def _codes(self, lon: Any, lat: Any) -> npt.NDArray[np.int32]:
        """Codes of plain (lon, lat) arrays: checked in chunks, looked up, then resolved."""
        lon_f, lat_f, shape = _arrays(lon, lat)
        out = np.empty(lon_f.size, dtype=np.int32)
        x0, y0, x1, y1 = self.coverage_bbox
        east = min(x1, x0 + 360.0)  # lon == x0 + 360 is shifted to x0
        grid = self._grid()
        if _jit.use_compiled(lon_f.size) and self._codes_compiled(
            grid, lon_f, lat_f, (x0, east, x0 + 360.0, y0, y1), out
        ):
            return out.reshape(shape)
        checked = False
        pending: list[npt.NDArray[np.int64]] = []  # points in mixed cells, resolved at the end
        for s in range(0, lon_f.size, _CHUNK):
            lo, la, part = lon_f[s : s + _CHUNK], lat_f[s : s + _CHUNK], out[s : s + _CHUNK]
            # NaN fails every comparison, so one min and max per array also catch it
            lo_min, lo_max, la_min, la_max = lo.min(), lo.max(), la.min(), la.max()
            if lo_min >= x0 and lo_max <= east and lo_max < x0 + 360.0 and la_min >= y0 and (
                la_max <= y1
            ):
                sel = grid.lookup(lo, la, part)
                if sel.size:
                    pending.append(sel + s)
                continue
            if not checked:
                _check_points(lon_f, lat_f)  # raises on bad values (naming the first)
                checked = True
            self._codes_some_outside(grid, lo, la, part)
        if pending:
            todo = np.concatenate(pending)
            for s in range(0, todo.size, _CHUNK // 4):
                idx = todo[s : s + _CHUNK // 4]
                out[idx] = self._resolve(grid, lon_f[idx], lat_f[idx], out[idx])
        return out.reshape(shape)

    def _resolve(
        self, grid: ZoneIndex, lon: npt.NDArray[np.float64], lat: npt.NDArray[np.float64],
        entry: npt.NDArray[np.int32],
    ) -> npt.NDArray[np.int32]:  # fmt: skip
        """Codes of points in mixed level-0 cells (``entry`` from :meth:`ZoneIndex.lookup`).

        While the rest of a lazy index is not loaded, a few points are answered by the rule
        itself on the few zones whose boxes hold them, each made alone: a first classify
        near a coast then inflates a zone or two, not the whole index.
        """
        if not grid.loaded and lon.size <= _FEW_EXACT:
            return self._exact_few(lon, lat)
        return grid.resolve(lon, lat, entry)

    def _exact_few(
        self, lon: npt.NDArray[np.float64], lat: npt.NDArray[np.float64]
    ) -> npt.NDArray[np.int32]:
        """The rule itself (:func:`first_holding`), each zone made only if its box holds a point."""
        assert self._lazy is not None
        bounds = self._lazy.feature_bounds()[list(self._order)]
        return first_holding(lon, lat, bounds, self._geom, len(self._labels))

    def _codes_compiled(
        self, grid: ZoneIndex, lon: npt.NDArray[np.float64], lat: npt.NDArray[np.float64],
        box: tuple[float, ...], out: npt.NDArray[np.int32],
    ) -> bool:  # fmt: skip
        """:meth:`_codes` as one compiled loop (``launchgeo/_jit.py``): the same codes.

        False (nothing done) when the compiled loop cannot be loaded.
        """
        try:
            from launchgeo.zones import _classify_jit as cj
        except Exception as exc:  # numba could not compile or cache it: the numpy path
            _jit.failed(exc)
            return False
        if not cj.fits(grid):  # more codes than a 16-bit grid holds: the numpy path
            return False
        n_outside, n_unsure = cj.index_codes(grid, lon, lat, box, out)
        if n_outside:
            _check_points(lon, lat)  # raises on bad values (naming the first)
            idx = np.flatnonzero(out == cj.OUTSIDE)
            part = np.empty(idx.size, dtype=np.int32)
            self._codes_some_outside(grid, lon[idx], lat[idx], part)
            out[idx] = part
        if n_unsure:
            idx = np.flatnonzero(out == cj.UNSURE)
            out[idx] = grid.exact_codes(lon[idx], lat[idx])
        return True

    def _codes_some_outside(
        self, grid: ZoneIndex, lon: npt.NDArray[np.float64], lat: npt.NDArray[np.float64],
        out: npt.NDArray[np.int32],
    ) -> None:  # fmt: skip
        """Codes of valid points of which some need a longitude shift or are outside the box."""
        _, y0, x1, y1 = self.coverage_bbox
        lo = self._in_frame(lon)
        inside = (lo <= x1) & (lat >= y0) & (lat <= y1)
        out[:] = len(self._labels) + 1  # no_data
        idx = np.flatnonzero(inside)
        if idx.size:
            lo_in, la_in = lo[idx], lat[idx]
            part = np.empty(idx.size, dtype=np.int32)
            sel = grid.lookup(lo_in, la_in, part)
            if sel.size:
                part[sel] = self._resolve(grid, lo_in[sel], la_in[sel], part[sel])
            out[idx] = part

    def classify(self, lon: Any, lat: Any = None) -> Any:
        """Label of the zone each point is in.

        Parameters
        ----------
        lon, lat : float or array_like
            Degrees; lon in [-180, 360], lat in [-90, 90], broadcast together. pandas Series
            give a Series on their index. Or, with ``lat`` omitted, point objects: a shapely
            Point (or a list of them), anything with ``__geo_interface__``, or a GeoSeries/
            GeoDataFrame of points (converted from its CRS to EPSG:4326; refused without one).

        Returns
        -------
        str, numpy.ndarray or pandas.Series
            For array input, an object array of str (labels are shared, 8 bytes a point) of the
            broadcast shape; a str for scalar input (and for one Point); a Series named
            ``"zone"`` on the input's index for pandas input. Labels are from
            :attr:`vocabulary`: see the module docstring for their meaning and the boundary rule.

        Raises
        ------
        CoordinateError
            NaN, infinite or out-of-range coordinates (naming the first bad value).

        Examples
        --------
        >>> import geopandas as gpd, shapely
        >>> z = Zones.from_geodataframe(gpd.GeoDataFrame(
        ...     {"label": ["JPN:eez"]}, geometry=[shapely.box(131, 34, 136, 40)], crs=4326),
        ...     coverage_bbox=(120, 30, 150, 45))
        >>> z.classify([132.0, 140.0], [35.0, 35.0]).tolist()
        ['JPN:eez', 'high_seas']
        """
        given = _adapt_points(lon, lat)
        codes = self._codes(given.lon, given.lat)
        labels = self._vocab_arr[codes]
        return str(labels) if codes.ndim == 0 else given.wrap(labels, "zone")

    def _state_zones(self, state: str, kinds: set[str]) -> list[int]:
        if not isinstance(state, str) or not re.fullmatch(r"[A-Z]{3}", state):
            raise ValidationError(
                f"state must be an ISO 3166-1 alpha-3 code such as 'JPN', got {state!r}"
            )
        if state not in self.states:
            raise UnknownZoneError(
                f"no zone names state {state!r} in {self._info.source!r}; states are: "
                f"{', '.join(self.states)}"
            )
        return [i for i, (k, st) in enumerate(zip(self._kinds, self._states, strict=True))
                if k in kinds and state in st]  # fmt: skip

    def in_eez(
        self,
        lon: Any,
        lat: Any,
        state: str,
        *,
        include_overlapping: bool = True,
        include_joint: bool = True,
    ) -> Any:
        """Whether each point is in ``state``'s EEZ or territorial sea.

        This is what statements such as Japan's "fell inside Japan's EEZ" mean. By default a
        point in an overlapping claim (e.g. ``"JPN/KOR:overlapping_claim"`` around Liancourt
        Rocks) or a joint regime naming ``state`` counts as inside, since the state claims or
        shares rights there; pass ``include_overlapping=False`` or ``include_joint=False`` to
        count only undisputed, exclusive zones. Land is never inside.

        Parameters
        ----------
        lon, lat : float or array_like
            Degrees, as for :meth:`classify`.
        state : str
            ISO 3166-1 alpha-3 code, e.g. ``"JPN"``.
        include_overlapping, include_joint : bool
            Count overlapping claims / joint regimes that name ``state``.

        Returns
        -------
        bool or numpy.ndarray of bool

        Raises
        ------
        UnknownZoneError
            If no zone names ``state``.
        CoordinateError
            Bad coordinates, or points outside the coverage box (where the answer is unknown).

        Examples
        --------
        >>> import geopandas as gpd, shapely
        >>> z = Zones.from_geodataframe(gpd.GeoDataFrame(
        ...     {"label": ["JPN:eez", "JPN/KOR:overlapping_claim"]},
        ...     geometry=[shapely.box(131, 34, 136, 40), shapely.box(130, 36, 131, 38)], crs=4326),
        ...     coverage_bbox=(120, 30, 150, 45))
        >>> z.in_eez([132.0, 130.5, 140.0], [35.0, 37.0, 35.0], "JPN").tolist()
        [True, True, False]
        >>> z.in_eez(130.5, 37.0, "JPN", include_overlapping=False)
        False
        """
        kinds = {"eez", "territorial_sea"}
        if include_overlapping:
            kinds.add("overlapping_claim")
        if include_joint:
            kinds.add("joint_regime")
        zones = self._state_zones(state, kinds)
        given = _adapt_points(lon, lat)  # pandas Series in, Series out
        lon, lat = given.lon, given.lat
        codes = self._codes(lon, lat)
        no_data = codes == len(self._labels) + 1
        if no_data.any():
            lon_f, lat_f, _ = _points(lon, lat)
            i = int(np.flatnonzero(no_data.ravel())[0])
            raise CoordinateError(
                f"point ({float(lon_f[i])!r}, {float(lat_f[i])!r}) (element {i}) is outside the "
                f"zones' coverage {self.coverage_bbox}; in_eez cannot answer there"
            )
        lut = np.zeros(len(self._vocab_arr), dtype=bool)
        lut[zones] = True
        res = lut[codes]
        return bool(res) if res.ndim == 0 else given.wrap(res, "in_eez")

    def signed_distance_km(self, lon: Any, lat: Any, label: str) -> Any:
        """Geodesic distance (km, WGS84) from each point to the boundary of zone ``label``.

        Negative inside the zone (closed: a point on the boundary is at 0), positive outside.
        The boundary is the zone geometry's, edges straight in (lon, lat) as for
        :meth:`classify`. Error: at most 50 m by construction (the boundary is densified
        every 0.1 km), and within 2 m in practice: points within 2 km of the boundary are
        refined to sub-metre, farther ones err by at most 0.01 km^2 / (8 d) (1.25 m at
        d = 1 km); tests check it against brute force to 10 m. The first call for a label
        builds a search tree over its densified boundary (about a second for Japan's EEZ);
        then roughly 20,000 points/s.

        This is the distance to the zone polygon's nearest edge, wherever it runs: for
        ``"JPN:eez"`` that includes the territorial-sea line and, on islands without one, the
        coast. For "how far inside the EEZ" use :meth:`distance_to_limit_km` (the outer limit).

        Examples
        --------
        >>> import geopandas as gpd, shapely
        >>> z = Zones.from_geodataframe(gpd.GeoDataFrame(
        ...     {"label": ["JPN:eez"]}, geometry=[shapely.box(131, 34, 136, 40)], crs=4326))
        >>> d = z.signed_distance_km([136.1, 135.0], [37.0, 37.0], "JPN:eez")
        >>> [round(float(x), 2) for x in d]
        [8.9, -89.01]
        """
        zone = self._zone(label)
        given = _adapt_points(lon, lat)  # pandas Series in, Series out
        lon_f, lat_f, shape = _points(given.lon, given.lat)
        if label not in self._dist:
            from launchgeo.zones._distance import BoundaryDistance

            self._dist[label] = BoundaryDistance(self._geom(zone))
        geom = self._geom(zone)
        shapely.prepare(geom)
        out = np.empty(lon_f.size, dtype=np.float64)
        for s in range(0, lon_f.size, _CHUNK):
            lo = self._in_frame(lon_f[s : s + _CHUNK])
            la = lat_f[s : s + _CHUNK]
            d = self._dist[label].distance_km(lo, la)
            inside = shapely.intersects_xy(geom, lo, la)
            out[s : s + _CHUNK] = np.where(inside, -d, d)
        res = out.reshape(shape)
        return float(res) if res.ndim == 0 else given.wrap(res, "signed_distance_km")

    def distance_to_limit_km(
        self, lon: Any, lat: Any, state: str, limit: str = "eez", *, disputed: bool = False
    ) -> Any:
        """Signed distance (km) to a state's EEZ limit, territorial-sea limit or coast.

        ``limit`` is ``"eez"`` (the outer limit: 200 nm, or the boundary with a neighbour),
        ``"territorial_sea"`` or ``"coast"``; negative inside. See
        :mod:`launchgeo.zones.limits`.

        Examples
        --------
        >>> round(float(load_zones().distance_to_limit_km(136.9, 39.0, "JPN", "eez")))
        -189
        """
        from launchgeo.zones.limits import distance_to_limit_km

        return distance_to_limit_km(lon, lat, state, limit, zones=self, disputed=disputed)


# -- loading --------------------------------------------------------------------------------------


def _version_from(meta: dict[str, Any], path: Path, fmt: str) -> str:
    if meta.get("version"):
        return str(meta["version"])
    if fmt == "marine_regions":
        m = re.search(r"v(\d+(?:[._]\d+)?)", path.name, flags=re.IGNORECASE)
        return f"World EEZ v{m.group(1)} (from the file name)" if m else "unknown"
    return "unknown"


@functools.lru_cache(maxsize=1)
def _embedded() -> Zones:
    zf = zio.read_embedded(zio.ZONES_RESOURCE)
    bbox = _check_bbox(zf.meta.get("coverage_bbox", zf.bounds))
    version = _version_from(zf.meta, Path(zio.ZONES_RESOURCE), zf.format)
    info = ZonesInfo("launchgeo embedded", zf.format, version, zf.sha256, bbox, None, zf.meta)
    return Zones(zf.records, info, index=zf.index, lazy=zf.lazy)


def _collection_file_bytes(
    geometries: Sequence[shapely.Geometry],
    properties: Mapping[str, Sequence[Any]],
    metadata: Mapping[str, Any],
) -> bytes:
    """Bytes of a binary collection file; a zones collection (``label``) with its classify index.

    The data build writes the shipped files with this. The index is built from the file's own
    contents read back, exactly as loading would build it, so loading can use it as it is.
    """
    data = zio._format.collection_bytes(geometries, properties, metadata)
    if "label" not in properties:
        return data
    zf = zio._read_binary(Path("collection"), data, trusted=True)
    bbox = _check_bbox(zf.meta.get("coverage_bbox", zf.bounds))
    zones = Zones(zf.records, ZonesInfo("collection", zf.format, "", "", bbox))
    index = {f"index/{k}": v for k, v in zones._grid().to_stored().items()}
    return zio._format.collection_bytes(geometries, properties, metadata, index)


def load_zones(
    path: str | Path | None = None,
    *,
    land: str | Path | None = "embedded",
    coverage_bbox: Sequence[float] | None = None,
) -> Zones:
    """Load maritime zones: the embedded default, or a Marine Regions or launchgeo file.

    Parameters
    ----------
    path : str or Path, optional
        None (default): launchgeo's embedded world zones, loaded once and cached.
        Otherwise a Marine Regions World EEZ file (shapefile, GeoPackage, GeoJSON, ...; any CRS,
        reprojected to EPSG:4326; column names in any case) or a file in launchgeo's own format
        (column ``label``: launchgeo's binary ``.npz`` as shipped, ``.geojson.gz``, or anything
        ``to_geodataframe()`` wrote).
    land : "embedded", str, Path or None
        Marine Regions files only (they exclude land): where land comes from, unless the file
        has its own (``POL_TYPE`` "Land"). ``"embedded"`` uses launchgeo's Natural Earth land,
        and the coverage is the file's extent cut to where that land is complete (beyond it:
        ``"no_data"``; a file wholly outside it is refused); a path reads a land file (column
        ``iso3``); None uses none, and points in no zone are then labelled ``"unzoned"``.
        ``info.land_source`` says which was used.
    coverage_bbox : sequence of 4 float, optional
        (lon_min, lat_min, lon_max, lat_max) where the zones are complete. Default: the file's
        own statement, else (Marine Regions) its extent within the land data's coverage, else
        the zones' total bounds.

    Returns
    -------
    Zones

    Raises
    ------
    DataError
        Missing or unreadable file, no CRS, non-polygon or out-of-range geometry, unknown
        ``POL_TYPE``, columns of neither format.

    Examples
    --------
    >>> import tempfile, pathlib, geopandas as gpd, shapely
    >>> gdf = gpd.GeoDataFrame({"label": ["JPN:eez"]}, geometry=[shapely.box(131, 34, 136, 40)],
    ...                        crs="EPSG:4326")
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     file = pathlib.Path(tmp) / "zones.gpkg"
    ...     gdf.to_file(file)
    ...     zones = load_zones(file, coverage_bbox=(120, 30, 150, 45))
    >>> zones.classify(132.0, 35.0), zones.info.format
    ('JPN:eez', 'launchgeo')
    """
    if path is None:
        if coverage_bbox is not None:
            raise ValidationError(
                f"coverage_bbox applies to a file path, not to the embedded zones; got "
                f"coverage_bbox={coverage_bbox!r} with path=None"
            )
        return _embedded()
    if coverage_bbox is not None:
        coverage_bbox = _check_bbox(coverage_bbox)  # fail before reading a large file
    if not isinstance(path, str | os.PathLike) or not str(path).strip():
        raise ValidationError(f"path must be a file path, got {type(path).__name__} {path!r}")
    path = Path(path)
    try:
        path.stat()
    except FileNotFoundError:
        pass  # the reader names it
    except (OSError, ValueError) as exc:  # a name too long, a NUL, no permission
        raise DataError(f"cannot read zones file {str(path)[:200]!r}: {exc}"[:400]) from exc
    zf = zio.read_zone_file(path)
    records = list(zf.records)
    background = HIGH_SEAS
    land_source: str | None = None
    bbox = zf.meta.get("coverage_bbox", zf.bounds)
    if zf.format == "marine_regions":  # no land of its own: see zones/_marine_regions.py
        from launchgeo.zones._marine_regions import with_land

        landed = with_land(zf, path, land)
        records, bbox = list(landed.records), landed.coverage
        background, land_source = landed.background, landed.land_source
    bbox = _check_bbox(coverage_bbox if coverage_bbox is not None else bbox)
    info = ZonesInfo(str(path), zf.format, _version_from(zf.meta, path, zf.format), zf.sha256,
                     bbox, land_source, zf.meta)  # fmt: skip
    return Zones(records, info, background=background, index=zf.index)
