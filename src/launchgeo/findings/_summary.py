"""The text of a launch assessment (:meth:`LaunchAssessment.summary`), for any state.

Private: :func:`summary_text` is called by ``LaunchAssessment.summary``. States are named in
words everywhere ("the Marshall Islands' EEZ", never "MHL's EEZ").
"""

from __future__ import annotations

import math
from typing import Any

from launchgeo.findings.assessment import (
    _DISPUTED_KINDS,
    _REACH_KINDS,
    _in_state_eez,
    _intervals,
    _kind_of,
    _state_of,
    compass_point,
    describe_label,
)
from launchgeo.zones._labels import possessive, sentence_start, state_name

__all__ = ["summary_text"]

_KIND_WORDS = {"eez": "EEZ", "territorial_sea": "territorial sea", "land": "land"}


def _fmt_interval(a: float, b: float) -> str:
    width = (b - a) % 360.0
    mid = (a + width / 2.0) % 360.0
    return f"{a:.0f}°–{b:.0f}° (toward the {compass_point(mid)})"


def _pct(share: float) -> str:
    return f"{share:.0%}" if share >= 0.01 else f"{share:.1%}"


def _and(words: list[str]) -> str:
    if len(words) <= 2:
        return " and ".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def _uncertainty(a: Any) -> list[str]:
    unc = a.site_uncertainty_km
    if not (isinstance(unc, float) and math.isfinite(unc) and unc > 0):
        return []
    shift = math.degrees(math.asin(min(unc / a.range_km, 1.0)))
    if a.site_kind == "area":
        text = (
            f"{a.site} is an area, not a launch point: the launch may have been anywhere within "
            f"about {unc:,.0f} km of the point used here, which can move the bearings below by "
            f"up to {shift:.0f}°."
        )
        if a.states_within_uncertainty:
            names = _and([state_name(s) for s in a.states_within_uncertainty])
            text += (
                " From elsewhere in the area the flight could also end in the waters or on the "
                f"land of {names}."
            )
        return [text]
    return [f"The launch point is known to within about {unc:,.0f} km."]


def _states(a: Any, head: str) -> list[str]:
    no_data = float(a.arcs.loc[a.arcs["zone"] == "no_data", "share"].sum())
    if no_data >= 0.999:
        return [
            f"{head} has its whole ring outside the coverage of the zone data, so these data "
            "support no finding about it; pass world zone data (launchgeo.load_zones(path))."
        ]
    lines = []
    if a.states:
        parts = []
        for r in a.states:
            kinds = _and([_KIND_WORDS[k] for k in r.kinds])
            spans = "; ".join(_fmt_interval(lo, hi) for lo, hi in r.intervals)
            text = f"{r.name} ({kinds}: bearings {spans}; {_pct(r.share)} of bearings"
            if r.overflown:
                text += ", over " + _and([state_name(s) for s in r.overflown])
            parts.append(text + ")")
        n = len(a.states)
        lines.append(
            f"{head} can end in the waters or on the land of {n} state{'s' if n > 1 else ''}: "
            + "; ".join(parts)
            + "."
        )
    else:
        lines.append(f"{head} reaches no state's EEZ, territorial sea or land on any bearing.")
    if no_data > 0.001:
        lines.append(
            f"{_pct(no_data)} of the ring lies outside the zone data, which says nothing there."
        )
    return lines


def _elsewhere(a: Any) -> list[str]:
    state_labels = {
        f"{r.state}:{k}" for r in a.states for k in _REACH_KINDS
    }  # counted with the states
    focus = a.focus_state
    other = a.arcs[
        [
            str(z) not in state_labels
            and str(z) != "no_data"
            and not (focus and _in_state_eez(z, focus, disputed=True))
            for z in a.arcs["zone"]
        ]
    ]
    if not len(other):
        return []
    by_zone = other.groupby("zone")["share"].sum().sort_values(ascending=False)
    top = [f"{describe_label(str(z))} {_pct(s)}" for z, s in by_zone.items() if s >= 0.001]
    return (
        ["Elsewhere on the ring the impact point lies in: " + ", ".join(top) + "."] if top else []
    )


def _out_of_reach(a: Any) -> list[str]:
    if not a.nearest_out_of_reach:
        return []
    no_data = float(a.arcs.loc[a.arcs["zone"] == "no_data", "share"].sum())
    if no_data >= 0.999:
        return []  # distances inside the coverage would mislead about the world outside it
    parts = [
        f"{state_name(m.zone)} ({m.range_km:,.0f} km away, bearing {m.bearing_deg:.0f}°)"
        for m in a.nearest_out_of_reach
    ]
    where = " within the coverage of the zone data" if no_data > 0.001 else ""
    return [f"Out of reach at this range{where}, the nearest states are " + "; ".join(parts) + "."]


def _focus(a: Any) -> list[str]:
    """Sentences about the focus state's EEZ (the form of Japan's statements)."""
    state = a.focus_state
    if state is None:
        return []
    eez = f"{possessive(state)} EEZ"
    site = a.site
    lines = []
    intervals = _intervals(a.arcs, lambda z: _in_state_eez(z, state) or str(z) == f"{state}:land")
    if not intervals:
        lines.append(
            f"A {a.range_km:,.0f} km flight from {site} cannot reach {eez} on any bearing."
        )
    else:
        share = float(a.arcs.loc[[_in_state_eez(z, state) for z in a.arcs["zone"]], "share"].sum())
        parts = []
        for lo, hi in intervals:
            text = _fmt_interval(lo, hi)
            over = a.overflown.get(f"{lo:.1f}-{hi:.1f}", ())
            others = [s for s in over if s != state and s not in _state_of(a.launch_zone)]
            if others:
                text += ", over " + " and ".join(state_name(s) for s in others)
            parts.append(text)
        lines.append(
            f"A {a.range_km:,.0f} km flight from {site} reaches {eez} only on bearings "
            + "; ".join(parts)
            + f" ({share:.0%} of all bearings)."
        )
    if a.min_range_to_eez is not None:
        m = a.min_range_to_eez
        lines.append(
            f"The nearest point of {eez} (including its territorial sea) is "
            f"{m.range_km:,.0f} km away, on bearing {m.bearing_deg:.0f}°."
        )
    for label in sorted({str(z) for z in a.arcs["zone"]}):
        if state in _state_of(label) and _kind_of(label) in _DISPUTED_KINDS:
            spans = "; ".join(_fmt_interval(lo, hi) for lo, hi in _intervals(a.arcs, label.__eq__))
            lines.append(
                f"It also reaches {describe_label(label)} (claimed by {state_name(state)} as part "
                f"of its EEZ) on bearings {spans}."
            )
    return lines


def _impact(a: Any) -> list[str]:
    if a.bearing_deg is None or a.impact_zone is None:
        return []
    where = describe_label(a.impact_zone)
    dist = a.impact_eez_distance_km
    rel = ""
    if dist is not None and a.focus_state is not None:
        eez = f"{possessive(a.focus_state)} EEZ"
        rel = (
            f", {abs(dist):,.0f} km {'inside' if dist < 0 else 'outside'} the boundary of {eez}"
            if abs(dist) >= 1
            else f", within 1 km of the boundary of {eez}"
        )
    ns = "N" if a.impact_lat >= 0 else "S"
    ew = "E" if a.impact_lon >= 0 else "W"
    return [
        f"On bearing {a.bearing_deg:.0f}° the impact point is {abs(a.impact_lat):.2f}° {ns}, "
        f"{abs(a.impact_lon):.2f}° {ew}, in {where}{rel}."
    ]


def summary_text(a: Any) -> str:
    """The finding in words: states reached, the focus state, what is out of reach, caveats."""
    head = f"A {a.range_km:,.0f} km flight from {a.site}"
    lines = _uncertainty(a) if a.site_kind == "area" else []
    lines += _states(a, head)
    lines += _focus(a)
    lines += _elsewhere(a)
    lines += _out_of_reach(a)
    lines += _impact(a)
    if a.site_kind != "area":
        lines += _uncertainty(a)
    lines.append(f"Zone data: {a.zone_source}.")
    return " ".join(sentence_start(line) for line in lines)
