"""A county's values in the user's saved datasets, beside the medians of its peer groups."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from geo.county.peers import PeerGroup
from geo.userdata.indicators import NO_YEAR, is_user_indicator

COLUMNS = ["指标", "年份", "本县", "单位"]


def user_data_table(
    adcode: str, stats: pd.DataFrame, indicators: pd.DataFrame, groups: Sequence[PeerGroup]
) -> pd.DataFrame:
    """One row per user indicator and year with a value for ``adcode``; empty when none."""
    user = stats[stats["indicator"].map(is_user_indicator)]
    own = user[user["adcode"] == adcode]
    labels = indicators.set_index("indicator")["label_zh"]
    medians = [f"{group.label}中位数" for group in groups]
    if own.empty:
        return pd.DataFrame(columns=[*COLUMNS, *medians, "来源"])
    keys = own[["indicator", "year"]]
    scoped = user.merge(keys, on=["indicator", "year"])
    out = pd.DataFrame(
        {
            "指标": own["indicator"].map(labels).to_numpy(),
            "年份": [str(y) if y != NO_YEAR else "—" for y in own["year"]],
            "本县": own["value"].to_numpy(),
            "单位": own["unit"].to_numpy(),
        }
    )
    for label, group in zip(medians, groups, strict=True):
        peers = scoped[scoped["adcode"].isin(group.codes)]
        median = peers.groupby(["indicator", "year"])["value"].median()
        out[label] = [median.get((i, y)) for i, y in zip(own["indicator"], own["year"], strict=True)]
    out["来源"] = own["source"].to_numpy()
    return out.sort_values(["指标", "年份"]).reset_index(drop=True)
