"""Read-only copies of metadata that cached objects share (private).

``load_zones()`` is cached: every caller gets the same :class:`~launchgeo.ZonesInfo`, so its
``provenance`` must not be changeable, or one caller's change would show in every later call.
:class:`FrozenDict` is a ``dict`` (``json.dumps`` and ``isinstance(x, dict)`` keep working)
that refuses every change; lists become tuples. It pickles (dask ships zones to workers).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NoReturn

__all__ = ["FrozenDict", "freeze"]


class FrozenDict(dict[Any, Any]):
    """A dict that cannot be changed (TypeError on any change).

    Examples
    --------
    >>> d = freeze({"sources": [{"name": "Natural Earth"}]})
    >>> d["sources"][0]["name"]
    'Natural Earth'
    >>> d["version"] = "2"
    Traceback (most recent call last):
    ...
    TypeError: this mapping is read-only (shared by every caller); copy it with dict(...) first
    """

    def _refuse(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise TypeError(
            "this mapping is read-only (shared by every caller); copy it with dict(...) first"
        )

    __setitem__ = __delitem__ = __ior__ = _refuse
    clear = pop = popitem = setdefault = update = _refuse

    def __reduce__(self) -> tuple[Any, ...]:
        return (FrozenDict, (dict(self),))

    def __copy__(self) -> FrozenDict:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> FrozenDict:
        return self


def freeze(value: Any) -> Any:
    """A read-only deep copy: mappings become FrozenDict, lists and sets tuples."""
    if isinstance(value, Mapping):
        return FrozenDict({k: freeze(v) for k, v in value.items()})
    if isinstance(value, list | tuple | set | frozenset):
        return tuple(freeze(v) for v in value)
    return value
