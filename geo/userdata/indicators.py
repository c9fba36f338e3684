"""Saved user datasets as atlas indicators, in the shapes of ``indicators.csv`` and ``county_stats.csv``.

Each numeric column of a dataset becomes one indicator with id ``u_<12 hex>_<column key>``
(URL-safe, so a shared link can name it) and a label that says it is user data. Values
without a year are kept under :data:`NO_YEAR`, which the year picker shows as "—".
Both labels (``label_zh``, ``label_en``) are written; the source line is in the current
language. Dataset and column names stay as the user typed them.
"""

from __future__ import annotations

from collections.abc import Sequence
from zoneinfo import ZoneInfo

import pandas as pd

from geo.i18n import t
from geo.userdata.model import DatasetMeta

PREFIX = "u_"
NO_YEAR = 0
USER_LABEL = "用户数据"  # i18n: data (part of the Chinese label column, label_zh)
DISPLAY_TZ = ZoneInfo("Asia/Shanghai")
CATALOGUE_COLUMNS = [
    "indicator", "label_zh", "label_en", "unit", "source", "years", "description_zh", "dataset_id",
]  # fmt: skip
STATS_COLUMNS = ["adcode", "year", "indicator", "value", "unit", "source"]


def indicator_id(dataset_id: str, column_key: str) -> str:
    return f"{PREFIX}{dataset_id[:12]}_{column_key}"


def is_user_indicator(indicator: str) -> bool:
    return indicator.startswith(PREFIX)


def imported_label(meta: DatasetMeta) -> str:
    """Import time in Beijing time, e.g. ``2026-11-23 15:04``."""
    return meta.imported_at.astimezone(DISPLAY_TZ).strftime("%Y-%m-%d %H:%M")


def source_line(meta: DatasetMeta) -> str:
    """Who said so: the uploader's source, the file and the import time."""
    source = meta.source or t("overview.user_source_missing")
    return t("overview.user_source", source=source, filename=meta.filename, time=imported_label(meta))


def _years(values: pd.DataFrame) -> str:
    years = sorted({int(y) for y in values["year"].dropna()})
    if not years:
        return ""
    return str(years[0]) if len(years) == 1 else f"{years[0]}-{years[-1]}"


def catalogue(metas: Sequence[DatasetMeta], values: pd.DataFrame) -> pd.DataFrame:
    """One catalogue row per dataset column; ``values`` is the store's all-datasets table."""
    rows = []
    for meta in metas:
        mine = values[values["dataset_id"] == meta.id]
        for column in meta.columns:
            own = mine[mine["column"] == column.key]
            rows.append(
                {
                    "indicator": indicator_id(meta.id, column.key),
                    "label_zh": f"{column.label}（{USER_LABEL}·{meta.name}）",  # i18n: data (the Chinese label)
                    "label_en": f"{column.label} (user data: {meta.name})",
                    "unit": column.unit,
                    "source": source_line(meta),
                    "years": _years(own),
                    "description_zh": f"{USER_LABEL}“{meta.name}”的“{column.label}”列",  # i18n: data (Chinese)
                    "dataset_id": meta.id,
                }
            )
    return pd.DataFrame(rows, columns=CATALOGUE_COLUMNS)


def stats(metas: Sequence[DatasetMeta], values: pd.DataFrame) -> pd.DataFrame:
    """The datasets' values in the long ``county_stats`` shape (year :data:`NO_YEAR` when none)."""
    known = {meta.id: meta for meta in metas}
    rows = values[values["dataset_id"].isin(known)]
    if rows.empty:
        return pd.DataFrame(columns=STATS_COLUMNS).astype({"year": "int64", "value": "float64"})
    units = {indicator_id(m.id, c.key): c.unit for m in metas for c in m.columns}
    sources = {m.id: source_line(m) for m in metas}
    ids = [indicator_id(d, c) for d, c in zip(rows["dataset_id"], rows["column"], strict=True)]
    out = pd.DataFrame(
        {
            "adcode": rows["adcode"].astype(str).to_numpy(),
            "year": rows["year"].fillna(NO_YEAR).astype("int64").to_numpy(),
            "indicator": ids,
            "value": rows["value"].astype("float64").to_numpy(),
            "unit": [units.get(i, "") for i in ids],
            "source": rows["dataset_id"].map(sources).to_numpy(),
        }
    )
    return out[out["indicator"].isin(units)].reset_index(drop=True)
