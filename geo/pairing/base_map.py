"""County styling of the pairing map: recipients by level (the most specific wins), helpers
light green, per-county tooltips, the fit to the shown links, and the legend."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from geo.choropleth import NO_CLASS, ChoroplethStyle, encode_selection
from geo.maps import BOUNDARY_NOTE, LegendItem, LegendSpec
from geo.pairing.endpoints import UNIT_LABELS, UNIT_LEVELS
from geo.pairing.pairs import NO_DATA
from geo.pairing.palette import HELPER_FILL, LINK_SHADE, RECIPIENT_FILL


def county_classes(links: pd.DataFrame, order: Sequence[str]) -> tuple[str, tuple[str, ...], set[str]]:
    """Per-county class string (0 helper, 1–3 recipient province/prefecture/county; the most
    specific wins), tooltip values, and the set of counties involved."""
    rank: dict[str, int] = {}
    notes: dict[str, list[str]] = {}
    for link in links.itertuples(index=False):
        level_cls = 1 + UNIT_LEVELS.index(link.recipient_level)
        text = f"受援（{UNIT_LABELS[link.recipient_level]}）：{link.helper_label} → {link.recipient_label}"
        for code in link.recipient_counties:
            rank[code] = max(rank.get(code, 0), level_cls)
            notes.setdefault(code, []).append(text)
        for code in link.helper_counties:
            rank.setdefault(code, 0)
            notes.setdefault(code, []).append(f"帮扶方：{link.helper_label} → {link.recipient_label}")
    classes = "".join(str(rank[c]) if c in rank else NO_CLASS for c in order)
    values = tuple("；".join(dict.fromkeys(notes.get(c, []))) for c in order)
    return classes, values, set(rank)


def _fit(links: pd.DataFrame) -> list[list[float]]:
    lons = [p[0] for p in links["helper_point"]]
    lats = [p[1] for p in links["helper_point"]]
    for box in links["recipient_bounds"]:
        lons += [box[0], box[2]]
        lats += [box[1], box[3]]
    pad = 0.8
    return [[min(lats) - pad, min(lons) - pad], [max(lats) + pad, max(lons) + pad]]


def map_style(
    links: pd.DataFrame, order: Sequence[str], period: int, fit: bool = False
) -> tuple[ChoroplethStyle, LegendSpec]:
    """County styling (recipients by level, helpers light green) and the legend."""
    classes, values, involved = county_classes(links, order)
    style = ChoroplethStyle(
        indicator=f"东西部协作（{period}年）",
        classes=classes,
        colors=(HELPER_FILL, *(RECIPIENT_FILL[lv] for lv in UNIT_LEVELS)),
        values=values,
        selection=encode_selection(order, involved),
        fit=_fit(links) if fit and len(links) else None,
    )
    if links.empty:
        return style, LegendSpec(f"东西部协作结对（{period}年）", (), note=f"{NO_DATA}；{BOUNDARY_NOTE}")
    shown = set(links["recipient_level"])
    items = [
        LegendItem(RECIPIENT_FILL[lv], f"受援方·{UNIT_LABELS[lv]}（{LINK_SHADE[lv]}连线）")
        for lv in UNIT_LEVELS
        if lv in shown
    ]
    items.append(LegendItem(HELPER_FILL, "帮扶方所在区划"))
    note = f"{len(links)}对；箭头指向受援方。{BOUNDARY_NOTE}"
    return style, LegendSpec(f"东西部协作结对（{period}年）", tuple(items), note=note)
