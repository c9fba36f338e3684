"""County styling of the pairing map: recipients by level (the most specific wins), helpers
light green, per-county tooltips, the fit to the shown links, and the legend."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from geo.choropleth import NO_CLASS, ChoroplethStyle, encode_selection
from geo.i18n import t
from geo.maps import LegendItem, LegendSpec
from geo.pairing.endpoints import UNIT_LEVELS, unit_label
from geo.pairing.pairs import side_name
from geo.pairing.palette import HELPER_FILL, LINK_SHADE_KEYS, RECIPIENT_FILL


def county_classes(links: pd.DataFrame, order: Sequence[str]) -> tuple[str, tuple[str, ...], set[str]]:
    """Per-county class string (0 helper, 1–3 recipient province/prefecture/county; the most
    specific wins), tooltip values, and the set of counties involved."""
    rank: dict[str, int] = {}
    notes: dict[str, list[str]] = {}
    for link in links.to_dict("records"):
        level = link["recipient_level"]
        level_cls = 1 + UNIT_LEVELS.index(level)
        ends = {"helper": side_name(link, "helper"), "recipient": side_name(link, "recipient")}
        text = t("pairing.tip_recipient", level=unit_label(level), **ends)
        for code in link["recipient_counties"]:
            rank[code] = max(rank.get(code, 0), level_cls)
            notes.setdefault(code, []).append(text)
        for code in link["helper_counties"]:
            rank.setdefault(code, 0)
            notes.setdefault(code, []).append(t("pairing.tip_helper", **ends))
    classes = "".join(str(rank[c]) if c in rank else NO_CLASS for c in order)
    separator = t("common.clause_separator")
    values = tuple(separator.join(dict.fromkeys(notes.get(c, []))) for c in order)
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
        indicator=t("pairing.map_indicator", period=period),
        classes=classes,
        colors=(HELPER_FILL, *(RECIPIENT_FILL[lv] for lv in UNIT_LEVELS)),
        values=values,
        selection=encode_selection(order, involved),
        fit=_fit(links) if fit and len(links) else None,
    )
    title = t("legend.pairing_title", year=period)
    boundary_note = t("legend.boundary_note")
    if links.empty:
        note = t("common.no_data") + t("common.clause_separator") + boundary_note
        return style, LegendSpec(title, (), note=note)
    shown = set(links["recipient_level"])
    items = [
        LegendItem(
            RECIPIENT_FILL[lv], t("pairing.legend_recipient", level=unit_label(lv), shade=t(LINK_SHADE_KEYS[lv]))
        )
        for lv in UNIT_LEVELS
        if lv in shown
    ]
    items.append(LegendItem(HELPER_FILL, t("pairing.legend_helper")))
    note = t("pairing.legend_note", count=len(links), boundary_note=boundary_note)
    return style, LegendSpec(title, tuple(items), note=note)
