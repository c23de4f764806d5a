"""Zone labels (``"STATES:kind"``) and state names in words (private, shared by all modules).

State names cover every ISO 3166-1 code (``zones/data/state_names.csv``, built by
``scripts/build_state_names.py`` from the pinned iso-codes list; provenance in
``zones/data/STATE_NAMES.md``). Names are read lazily, on first use.

Examples
--------
>>> split_label("JPN/KOR:overlapping_claim"), split_label("high_seas")
((('JPN', 'KOR'), 'overlapping_claim'), ((), 'high_seas'))
>>> state_name("MHL"), state_name("MHL", article=False), possessive("MHL"), possessive("JPN")
('the Marshall Islands', 'Marshall Islands', "the Marshall Islands'", "Japan's")
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping
from functools import cache
from importlib import resources

__all__ = [
    "KIND_NAMES",
    "STATE_NAMES",
    "possessive",
    "sentence_start",
    "split_label",
    "state_name",
]


@cache
def _table() -> dict[str, tuple[str, str]]:
    """alpha-3 code -> (short name, article), from the shipped CSV."""
    text = resources.files("launchgeo.zones").joinpath("data", "state_names.csv").read_text("utf-8")
    return {r["alpha_3"]: (r["name"], r["article"]) for r in csv.DictReader(io.StringIO(text))}


class _StateNames(Mapping[str, str]):
    """Read-only mapping ISO 3166-1 alpha-3 code -> short name (no article), loaded lazily."""

    def __getitem__(self, code: str) -> str:
        return _table()[code][0]

    def __iter__(self) -> Iterator[str]:
        return iter(_table())

    def __len__(self) -> int:
        return len(_table())


#: Short names of every ISO 3166-1 state and territory ("MHL" -> "Marshall Islands").
STATE_NAMES: Mapping[str, str] = _StateNames()

#: Zone kinds in words.
KIND_NAMES = {
    "eez": "EEZ",
    "territorial_sea": "territorial sea",
    "land": "land",
    "overlapping_claim": "overlapping claim",
    "joint_regime": "joint regime",
}


def split_label(label: str) -> tuple[tuple[str, ...], str]:
    """(states, kind) of a label; no states for ``"high_seas"``, ``"no_data"`` and the like."""
    states, sep, kind = str(label).partition(":")
    return (tuple(states.split("/")), kind) if sep else ((), str(label))


def state_name(code: str, *, article: bool = True) -> str:
    """Name of a state code in running text ("JPN" -> "Japan", "MHL" -> "the Marshall Islands").

    Unknown codes are returned as they are. ``article=False`` drops a leading "the".
    """
    entry = _table().get(code)
    if entry is None:
        return code
    name, the = entry
    return f"{the} {name}" if article and the else name


def possessive(code: str) -> str:
    """Possessive of a state's name: JPN -> "Japan's", MHL -> "the Marshall Islands'"."""
    name = state_name(code)
    return f"{name}'" if name.endswith("s") and name != code else f"{name}'s"


def sentence_start(text: str) -> str:
    """``text`` with its first letter upper-cased ("the Marshall Islands' EEZ" -> "The ...")."""
    return text[:1].upper() + text[1:]
