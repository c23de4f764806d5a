"""The bad-input contract as checks, and hypothesis strategies of bad and edge values.

Used by tests/test_fuzz_*.py. The contract (docs/errors.md): a public function given any value
either returns or raises a subclass of ``LaunchgeoError`` whose message names the value; it
never modifies its inputs; a failed write leaves the old file as it was.

Profiles: the default (``LAUNCHGEO_FUZZ`` unset, what ``make test`` runs) draws a few examples
per function, derandomized so CI never flakes; ``LAUNCHGEO_FUZZ=long`` draws 20 times as many
(the ``slow``-marked tests run only then: ``LAUNCHGEO_FUZZ=long pytest -m slow tests/``).
"""

from __future__ import annotations

import copy
import dataclasses
import html.parser
import math
import os
import re
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable, Mapping, Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyogrio
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from launchgeo.errors import LaunchgeoError

LONG = os.environ.get("LAUNCHGEO_FUZZ", "") == "long"
#: Examples per function: the default profile keeps ``make test`` fast, "long" digs deeper.
SCALE = 20 if LONG else 1


def fuzz_settings(examples: int) -> settings:
    """Derandomized settings (CI never flakes) with ``examples`` times the profile's scale."""
    return settings(
        max_examples=max(1, examples * SCALE),
        derandomize=not LONG,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
        print_blob=True,
    )


# -- values ---------------------------------------------------------------------------------------


class Opaque:
    """An object launchgeo knows nothing about (with a recognisable repr)."""

    def __repr__(self) -> str:
        return "<Opaque object>"


#: Text that no format can hold or that a parser must survive.
NASTY_TEXT = [
    "",
    " ",
    "\x00",
    "ab\x00cd",
    "a\x01b",
    "tab\x0bvt",
    "\ud800",
    "lone \udfff surrogate",
    "x\ufffey",
    "\uffff",
    "é\u0301",
    "👍🏽",
    "$\\foo$ 100%",
    "<kml>&amp;</kml>",
    "'; DROP TABLE zones; --",
    "\u202eRTL override",
    "Okushiri\nIsland",
    "1 km from " * 50,
]

#: Numbers a coordinate, range or bearing must survive (or refuse by name).
EDGE_NUMBERS: list[Any] = [
    0.0,
    -0.0,
    1e-300,
    -1e-300,
    5e-324,
    180.0,
    -180.0,
    360.0,
    90.0,
    -90.0,
    90.00000001,
    20_003.931458625448,
    20_003.932,
    1e6,
    1e300,
    -1e300,
    1.7976931348623157e308,
    math.nan,
    math.inf,
    -math.inf,
    np.float32(45.5),
    np.int64(3),
    np.uint8(7),
    Fraction(1, 3),
]

#: Values that are not numbers at all (each must be refused by name, never converted).
NOT_NUMBERS: list[Any] = [
    None,
    "abc",
    "125",
    b"125",
    True,
    False,
    np.bool_(True),
    1 + 1j,
    np.datetime64("2020-01-01"),
    np.timedelta64(5, "s"),
    [],
    [[1.0, 2.0], [3.0]],
    {125.0, 39.0},
    {"lon": 125.0},
    Opaque(),
    np.array(["1.0", "2.0"]),
    np.array([True, False]),
    np.array([], dtype=float),
    np.zeros((2, 3)),
    np.array([1.0, np.nan]),
    [1.0, None],
    range(3),
]


def numbers() -> st.SearchStrategy[Any]:
    """Edge numbers, any float (NaN and infinities too), and things that are not numbers."""
    return st.one_of(
        st.sampled_from(EDGE_NUMBERS),
        st.floats(allow_nan=True, allow_infinity=True),
        st.integers(min_value=-(10**30), max_value=10**30),
        st.sampled_from(NOT_NUMBERS),
    )


def texts(*, long: bool = True) -> st.SearchStrategy[Any]:
    """Nasty and random text, text too long to read, and things that are not text."""
    parts = [
        st.sampled_from(NASTY_TEXT),
        st.text(max_size=40),
        st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x3F), max_size=20),
        st.sampled_from([None, 5, 3.5, b"bytes", ["a"], Opaque(), True]),
    ]
    if long:
        parts.append(st.sampled_from(["x" * 100_001, "about 250 km west of " * 6000]))
    return st.one_of(*parts)


def centres_any() -> st.SearchStrategy[Any]:
    """Centres as users pass them, right and wrong."""
    from launchgeo.testing.strategies import centres

    return st.one_of(
        centres(),
        st.tuples(numbers(), numbers()),
        st.sampled_from(
            [
                "Sunan",
                "Sohae",
                "Nowhere-ri",
                "39N 125E",
                "39°13'26\"N",
                (125.0, 39.0, 0.0),
                [125.0],
                {125.0, 39.0},
                {"lon": 125.0, "lat": 39.0},
                np.array([125.0, 39.0]),
                np.array([[125.0, 39.0]]),
                (True, False),
                ("125", "39"),
                (400.0, 39.0),
                (125.0, 91.0),
                None,
                Opaque(),
            ]
        ),
        texts(long=False),
    )


def zones_args() -> st.SearchStrategy[Any]:
    """Wrong things to pass as ``zones=``."""
    return st.sampled_from(["JPN", 5, [], {"JPN:eez": 1}, Opaque(), True, Path("zones.gpkg")])


def landmark_args() -> st.SearchStrategy[Any]:
    """Wrong things to pass as ``landmarks=``."""
    return st.sampled_from(["Okushiri", 5, [None], [("Oga", 139.7, 39.9)], Opaque(), {"a": 1}, ()])


def any_value() -> st.SearchStrategy[Any]:
    """Anything: numbers, text, containers, objects."""
    return st.one_of(numbers(), texts(long=False), zones_args())


# -- the contract --------------------------------------------------------------------------------


def _short_forms(value: Any, depth: int = 0) -> list[str]:
    """Ways a message may name ``value`` (its repr or str, cut, its type, NaN and infinity)."""
    forms: list[str] = []
    for text in (repr(value), str(value)):
        forms += [text, text[:20], text[:12]]
        if len(text) > 8:
            forms.append(text[1:9])  # inside quotes
    if isinstance(value, float | np.floating) and not isinstance(value, bool):
        v = float(value)
        forms += [repr(v), f"{v:g}", f"{v:,}", f"{v:,.3f}", f"{v:,.1f}", f"{v:.0f}", f"{v:,.0f}"]
        if math.isnan(v):
            forms.append("nan")
        if math.isinf(v):
            forms.append("inf")
    if isinstance(value, Fraction):
        forms += [repr(float(value)), f"{float(value):g}"]
    if isinstance(value, int | np.integer) and not isinstance(value, bool | np.timedelta64):
        forms += [f"{int(value):,}", f"{float(value):g}", f"{float(value)!r}"]
    if isinstance(value, np.ndarray):
        forms += [str(value.shape), str(value.dtype), "array"]
        for x in value.reshape(-1)[:16].tolist():
            forms += _short_forms(x, depth + 1) if depth < 2 else [repr(x)]
    if isinstance(value, list | tuple | set | frozenset | range) and value and depth < 2:
        for item in list(value)[:8]:
            forms += _short_forms(item, depth + 1)
    if isinstance(value, str):
        if value.strip() == "":
            forms += ["empty", "''"]
        forms.append(f"{len(value):,} characters")
        forms += [f"U+{ord(c):04X}" for c in value[:200]]
    forms += [type(value).__name__]
    return [f for f in forms if f]


def names_value(message: str, value: Any) -> bool:
    """Whether an error message names ``value`` (or, for an object, its type)."""
    return any(form in message for form in _short_forms(value))


def snapshot(value: Any) -> Any:
    """A deep copy to compare with after a call (objects that cannot be copied: themselves)."""
    try:
        return copy.deepcopy(value)
    except Exception:
        return value


def same(a: Any, b: Any, top: bool = True) -> bool:
    """Deep equality for what users pass: arrays (NaN == NaN), frames, geometries, containers.

    An array passed directly must also keep its writeable flag (deep copies of arrays inside
    other objects do not keep it, so it is compared at the top level only).
    """
    if a is b:
        return True
    if type(a) is not type(b):
        return False
    if isinstance(a, np.ndarray):
        return (
            a.shape == b.shape
            and a.dtype == b.dtype
            and (not top or a.flags.writeable == b.flags.writeable)
            and bool(np.array_equal(a, b, equal_nan=a.dtype.kind in "fcmM"))
        )
    if hasattr(a, "equals") and hasattr(a, "columns"):  # DataFrame, GeoDataFrame
        crs_same = getattr(a, "crs", None) == getattr(b, "crs", None)
        return (
            bool(a.equals(b))
            and list(a.columns) == list(b.columns)
            and list(a.dtypes) == list(b.dtypes)
            and a.index.equals(b.index)
            and dict(a.attrs) == dict(b.attrs)
            and crs_same
        )
    if hasattr(a, "equals") and hasattr(a, "index"):  # Series, GeoSeries
        return bool(a.equals(b)) and a.name == b.name and a.dtype == b.dtype
    if hasattr(a, "wkb") and hasattr(a, "geom_type"):  # shapely
        return bool(a.wkb == b.wkb)
    if isinstance(a, Mapping):
        return a.keys() == b.keys() and all(same(a[k], b[k], False) for k in a)
    if isinstance(a, list | tuple):
        return len(a) == len(b) and all(same(x, y, False) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    if dataclasses.is_dataclass(a) and not isinstance(a, type):
        return all(
            same(getattr(a, f.name), getattr(b, f.name), False) for f in dataclasses.fields(a)
        )
    if type(a).__eq__ is object.__eq__:  # no equality of its own: compare its attributes
        return not hasattr(a, "__dict__") or same(vars(a), vars(b), False)
    try:
        return bool(a == b)
    except Exception:
        return True  # not comparable: nothing to say


def check_call(
    fn: Callable[..., Any],
    kwargs: Mapping[str, Any],
    *,
    bad: Sequence[str] = (),
    args: Sequence[Any] = (),
) -> tuple[Any, BaseException | None]:
    """Call ``fn(*args, **kwargs)`` and check the contract; return (result, error).

    Only LaunchgeoError may escape (anything else fails the test with the call shown); when
    it does, its message must name one of the values of the arguments listed in ``bad``;
    every argument must be as it was before the call.
    """
    before_args = [snapshot(a) for a in args]
    before = {k: snapshot(v) for k, v in kwargs.items()}
    shown = ", ".join([*(_cut(repr(a)) for a in args),
                       *(f"{k}={_cut(repr(v))}" for k, v in kwargs.items())])  # fmt: skip
    result: Any = None
    error: BaseException | None = None
    try:
        result = fn(*args, **kwargs)
    except LaunchgeoError as exc:
        error = exc
        message = str(exc)
        assert message.strip(), f"{fn.__name__}({shown}) raised {type(exc).__name__} without text"
        if bad:
            assert any(names_value(message, kwargs[k]) for k in bad if k in kwargs), (
                f"{fn.__name__}({shown}) raised {type(exc).__name__}({message!r}), which names "
                f"none of {[_cut(repr(kwargs[k])) for k in bad if k in kwargs]}"
            )
    except Exception as exc:  # the contract: only LaunchgeoError escapes
        raise AssertionError(
            f"{fn.__name__}({shown}) raised {type(exc).__name__}: {exc}"
        ) from exc
    for i, (was, now) in enumerate(zip(before_args, args, strict=True)):
        assert same(was, now), f"{fn.__name__} modified its argument {i}: {_cut(repr(now))}"
    for k, was in before.items():
        assert same(was, kwargs[k]), f"{fn.__name__} modified {k}: {_cut(repr(kwargs[k]))}"
    return result, error


def _cut(text: str, n: int = 80) -> str:
    return text if len(text) <= n else text[: n - 3] + "..."


def strict_json(text: str) -> Any:
    """json.loads that refuses NaN and Infinity (not JSON, though Python writes them)."""
    import json

    def refuse(name: str) -> Any:
        raise ValueError(f"{name} is not JSON")

    return json.loads(text, parse_constant=refuse)


#: Characters XML 1.0 forbids (what a KML file must never hold).
XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


# -- independent readers -------------------------------------------------------------------------


def _texts(frame: Any) -> list[str]:
    """The text values of a frame (not its geometry)."""
    out = []
    for col in frame.columns:
        if col == getattr(frame, "geometry", pd.Series()).name:
            continue
        out += [x for x in frame[col].tolist() if isinstance(x, str)]
    return out


def read_back(path: Path, *, wkt: bool = True) -> list[str]:
    """Parse ``path`` with readers that are not launchgeo's; return the text values it holds."""
    suffix = path.suffix.lower()
    if suffix == ".geojson":
        doc = strict_json(path.read_text(encoding="utf-8"))
        assert doc["type"] == "FeatureCollection"
        values = [v for f in doc["features"] for v in f["properties"].values()]
        frame = pyogrio.read_dataframe(path)
        assert len(frame) == len(doc["features"])
        return [v for v in values if isinstance(v, str)]
    if suffix in (".kml", ".kmz"):
        if suffix == ".kmz":
            with zipfile.ZipFile(path) as zf:
                assert zf.namelist() == ["doc.kml"]
                data = zf.read("doc.kml")
        else:
            data = path.read_bytes()
        text = data.decode("utf-8")
        assert not XML_FORBIDDEN.search(text)
        root = ET.fromstring(data)
        ns = "{http://www.opengis.net/kml/2.2}"
        return [el.text or "" for el in root.iter(f"{ns}SimpleData")]
    if suffix == ".gpkg":
        values: list[str] = []
        for name, _ in pyogrio.list_layers(path):
            values += _texts(pyogrio.read_dataframe(path, layer=name))
        return values
    if suffix == ".fgb":
        return _texts(pyogrio.read_dataframe(path))
    if suffix == ".csv":
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        assert "WKT" in frame.columns or not wkt
        return [x for col in frame.columns if col != "WKT" for x in frame[col].tolist()]
    if suffix == ".html":
        parser = html.parser.HTMLParser()
        parser.feed(path.read_text(encoding="utf-8"))
        parser.close()
        return []
    raise AssertionError(suffix)
