"""Choosing and naming pairs: the periods, level labels, the period and province filters, and
the pair id in a clicked link's tooltip."""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import Literal

import pandas as pd

PERIODS: tuple[int, ...] = (2016, 2021)
PERIOD_LABELS: dict[int, str] = {2016: "2016年调整（东西部扶贫协作）", 2021: "2021年调整（东西部协作）"}
#: The table's own ``level`` (how the source describes the pair).
PAIR_LEVEL_LABELS: dict[str, str] = {
    "province": "省级结对",
    "prefecture": "地市级结对",
    "county": "县级结对（携手奔小康）",
    "county-to-prefecture": "县对地市",
}
NO_DATA = "暂无数据"


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


def pair_label(link: pd.Series | dict) -> str:
    """``2016-18 福建省 → 宁夏回族自治区（省级结对）`` (plain text, for select boxes)."""
    level = PAIR_LEVEL_LABELS.get(link["level"], link["level"])
    return f"{link['pair_id']} {link['helper_label']} → {link['recipient_label']}（{level}）"


def pair_from_tooltip(text: object, known: Collection[str]) -> str | None:
    """The pair id in a clicked link's tooltip text, when it is one of ``known``."""
    if not isinstance(text, str):
        return None
    found = _PAIR_ID.search(text)
    return found.group(1) if found and found.group(1) in known else None
