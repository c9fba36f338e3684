"""Choosing and naming pairs: the periods, level labels, the period and province filters, and
the pair id in a clicked link's tooltip."""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import Literal

import pandas as pd

from geo.i18n import current_language, label_of, place, t
from geo.pairing.endpoints import place_names

PERIODS: tuple[int, ...] = (2016, 2021)
#: Period → catalogue key of its label.
PERIOD_KEYS: dict[int, str] = {2016: "pairing.period_2016", 2021: "pairing.period_2021"}
#: The table's own ``level`` (how the source describes the pair) → catalogue key of its label.
PAIR_LEVEL_KEYS: dict[str, str] = {
    "province": "pairing.level_province",
    "prefecture": "pairing.level_prefecture",
    "county": "pairing.level_county",
    "county-to-prefecture": "pairing.level_county_to_prefecture",
}


def period_label(period: int) -> str:
    """``2016年调整（东西部扶贫协作）`` in the current language."""
    return t(PERIOD_KEYS[int(period)])


def level_label(level: str) -> str:
    """The label of a pair's ``level`` in the current language (the value itself when unknown)."""
    return label_of(PAIR_LEVEL_KEYS, level)


_PAIR_ID = re.compile(r"(?<!\d)(20\d\d-\d{2})(?!\d)")


def select(
    links: pd.DataFrame,
    period: int,
    helper_provinces: Collection[str] = (),
    recipient_provinces: Collection[str] = (),
) -> pd.DataFrame:
    """Links of one period, optionally restricted to helper and/or recipient provinces.

    Provinces are two-digit codes (as in :class:`geo.filters.FilterState.provinces`, which
    means the *recipient* province on this page); an empty collection means all.
    """
    if period not in PERIODS:
        raise ValueError(f"unknown period {period!r}; expected one of {PERIODS}")
    keep = links["period"].astype(int) == period
    if helper_provinces:
        keep &= links["helper_prov"].isin(list(helper_provinces))
    if recipient_provinces:
        keep &= links["recipient_prov"].isin(list(recipient_provinces))
    return links[keep].reset_index(drop=True)


def province_names(links: pd.DataFrame, side: Literal["helper", "recipient"]) -> dict[str, str]:
    """Two-digit code → province name of one side of the links, sorted by code."""
    pairs = links[[f"{side}_prov", f"{side}_province"]].drop_duplicates()
    return dict(sorted(zip(pairs[f"{side}_prov"], pairs[f"{side}_province"], strict=True)))


def side_name(link: pd.Series | dict, side: Literal["helper", "recipient"], full: bool = False) -> str:
    """One end of a pair as shown, from its name parts (pinyin added in English).

    ``full=False``: the most specific unit (``helper_label``/``recipient_label``: 北京市朝阳区,
    安顺市); ``full=True``: with province and prefecture (``helper_full``/``recipient_full``).
    In Chinese those columns of :func:`geo.pairing.endpoints.resolve` are the names as shown.
    """
    column = f"{side}_{'full' if full else 'label'}"
    if current_language() == "zh" and column in link:
        return str(link[column])
    if side == "helper":
        prov, city, county = link["helper_province"], link["helper_city"], link["helper_county"]
        if full:
            return place_names(prov, city, county)
        return place_names(city, county) if county else place_names(city or prov)
    prov, pref, county = link["recipient_province"], link["recipient_prefecture"], link["recipient_county"]
    return place_names(prov, pref, county) if full else place_names(county or pref or prov)


def province_label(name: str) -> str:
    """A province name as shown (pinyin added in English)."""
    return place(name)


def pair_label(link: pd.Series | dict) -> str:
    """``2016-18 福建省 → 宁夏回族自治区（省级结对）`` (plain text, for select boxes)."""
    return t(
        "pairing.pair_label",
        pair_id=link["pair_id"],
        helper=side_name(link, "helper"),
        recipient=side_name(link, "recipient"),
        level=level_label(link["level"]),
    )


def pair_from_tooltip(text: object, known: Collection[str]) -> str | None:
    """The pair id in a clicked link's tooltip text, when it is one of ``known``."""
    if not isinstance(text, str):
        return None
    found = _PAIR_ID.search(text)
    return found.group(1) if found and found.group(1) in known else None
