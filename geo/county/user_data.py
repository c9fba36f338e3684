"""A county's values in the user's saved datasets, beside the medians of its peer groups."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from geo.county.charts import label_column
from geo.county.peers import PeerGroup
from geo.i18n import t, unit
from geo.userdata.indicators import NO_YEAR, is_user_indicator

#: Catalogue keys of the leading columns (指标, 年份, 本县, 单位); the peer medians and 来源 follow.
COLUMN_KEYS = ("table.indicator", "table.year", "county.this_county", "table.unit")


def user_data_table(
    adcode: str, stats: pd.DataFrame, indicators: pd.DataFrame, groups: Sequence[PeerGroup]
) -> pd.DataFrame:
    """One row per user indicator and year with a value for ``adcode``; empty when none.

    Headers are in the current language; labels, units and sources are the user's own.
    """
    user = stats[stats["indicator"].map(is_user_indicator)]
    own = user[user["adcode"] == adcode]
    labels = indicators.set_index("indicator")[label_column()]
    indicator, year, value, unit_header = (t(key) for key in COLUMN_KEYS)
    medians = [t("county.median", group=group.label) for group in groups]
    source = t("table.source")
    if own.empty:
        return pd.DataFrame(columns=[indicator, year, value, unit_header, *medians, source])
    keys = own[["indicator", "year"]]
    scoped = user.merge(keys, on=["indicator", "year"])
    out = pd.DataFrame(
        {
            indicator: own["indicator"].map(labels).to_numpy(),
            year: [str(y) if y != NO_YEAR else "—" for y in own["year"]],
            value: own["value"].to_numpy(),
            unit_header: own["unit"].map(unit).to_numpy(),
        }
    )
    for label, group in zip(medians, groups, strict=True):
        peers = scoped[scoped["adcode"].isin(group.codes)]
        median = peers.groupby(["indicator", "year"])["value"].median()
        out[label] = [median.get((i, y)) for i, y in zip(own["indicator"], own["year"], strict=True)]
    out[source] = own["source"].to_numpy()
    return out.sort_values([indicator, year]).reset_index(drop=True)
