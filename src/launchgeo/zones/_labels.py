"""Zone labels (``"STATES:kind"``) and their names in words (private, shared by all modules).

Examples
--------
>>> split_label("JPN/KOR:overlapping_claim"), split_label("high_seas")
((('JPN', 'KOR'), 'overlapping_claim'), ((), 'high_seas'))
"""

from __future__ import annotations

#: Short names of the states that appear in the embedded zones and in reports.
STATE_NAMES = {
    "JPN": "Japan",
    "KOR": "South Korea",
    "PRK": "North Korea",
    "CHN": "China",
    "RUS": "Russia",
    "TWN": "Taiwan",
    "PHL": "Philippines",
    "USA": "United States",
}

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


def state_name(code: str) -> str:
    """Name of a state code ("JPN" -> "Japan"); unknown codes are returned as they are."""
    return STATE_NAMES.get(code, code)


def possessive(code: str) -> str:
    """Possessive of a state's name: JPN -> Japan's."""
    return f"{state_name(code)}'s"
