"""Colours and line styles of launchgeo's maps (private): one place for figures and web maps.

Arcs are coloured by what they mean for the *focus state* (the state the assessment is about,
Japan by default), not by which state they are in: the focus state's EEZ stands apart (a
saturated vermillion, drawn thicker), its territorial sea and land are near-black, overlapping
claims purple, every other state's sea amber, other states' land dark grey, the high seas a
dashed grey. The map's zone labels and dashed boundaries say whose sea an amber arc is in.

The colours are chosen so that every pair of legend entries drawn the same way (same glyph and
dash pattern) differs by at least 10 in CIELAB lightness (so they stay apart when printed in
greyscale) and by at least 15 in CIELAB after a simulation of deuteranopia or protanopia
(Machado et al. 2009); ``tests/test_plotting.py`` checks the legends of the report figures.
"""

from __future__ import annotations

from dataclasses import dataclass

from launchgeo.zones._labels import split_label

__all__ = ["ArcStyle", "arc_category", "arc_style", "zone_color"]

OCEAN = "#eef4f8"
LAND = "#e6e1d3"
COAST = "#9a9483"
FOCUS_FILL = "#9ecae1"
FOCUS_EDGE = "#2171b5"
OTHER_EEZ = "#5f6b78"
DISPUTED = "#9040b0"
IMPACT = "#e6550d"
SITE = "#000000"
PLACE = "#333333"
#: Range-ring colours, in order of range; lightness 38, 63, 13 (then repeated, dashed).
RING_COLORS = ("#b2182b", "#e08214", "#40004b")


@dataclass(frozen=True)
class ArcStyle:
    """How an arc of one category is drawn and named in the legend."""

    color: str
    linewidth: float
    dashes: tuple[float, float] | None
    legend: str


_FOCUS_NAMES = {"JPN": "Japan"}

#: Arc categories, in legend order.
ARC_STYLES = {
    "focus_eez": ArcStyle("#e8600a", 3.4, None, "Arc in {focus} EEZ"),
    "focus_near": ArcStyle("#3d0f00", 3.4, None, "Arc in {focus} territorial sea or land"),
    "disputed": ArcStyle(DISPUTED, 2.6, None, "Arc in an overlapping claim / joint regime"),
    "other_sea": ArcStyle("#e8a800", 2.6, None, "Arc in another state's EEZ or territorial sea"),
    "other_land": ArcStyle("#4a4a4a", 1.8, None, "Arc over another state's land"),
    "high_seas": ArcStyle("#8c8c8c", 1.8, (3.0, 2.0), "Arc in the high seas"),
    "no_data": ArcStyle("#bdbdbd", 1.5, (1.0, 2.0), "Arc outside the zone data"),
}


def arc_category(label: str, *, focus: str = "JPN") -> str:
    """The category of a zone label for ``focus`` (a key of ``ARC_STYLES``).

    Examples
    --------
    >>> arc_category("JPN:eez"), arc_category("KOR:eez"), arc_category("JPN/KOR:overlapping_claim")
    ('focus_eez', 'other_sea', 'disputed')
    """
    states, kind = split_label(label)
    if not states:
        return "no_data" if kind == "no_data" else "high_seas"
    if kind in {"overlapping_claim", "joint_regime"}:
        return "disputed"
    if states == (focus,):
        return "focus_eez" if kind == "eez" else "focus_near"
    return "other_land" if kind == "land" else "other_sea"


def arc_style(label: str, *, focus: str = "JPN") -> ArcStyle:
    """Colour, width, dashes and legend text of an arc in the zone ``label``."""
    return ARC_STYLES[arc_category(label, focus=focus)]


def arc_legend(category: str, *, focus: str = "JPN") -> str:
    """Legend text of an arc category ("Arc in Japan EEZ")."""
    from launchgeo.zones._labels import STATE_NAMES

    name = _FOCUS_NAMES.get(focus) or STATE_NAMES.get(focus, focus)
    return ARC_STYLES[category].legend.format(focus=name)


def zone_color(label: str, *, focus: str = "JPN") -> str:
    """Colour of a zone's arcs: the focus state's EEZ vermillion, other states' seas amber, ...

    Examples
    --------
    >>> zone_color("JPN:eez"), zone_color("high_seas")
    ('#e8600a', '#8c8c8c')
    """
    return arc_style(label, focus=focus).color
