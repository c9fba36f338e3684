"""The relocation page's tables with Chinese column names: sites, per-county sums, reported figures."""

from __future__ import annotations

import pandas as pd

from geo.relocation.totals import KIND_LABELS

SITE_COLUMNS = {
    "site_name": "安置点",
    "province": "省份",
    "prefecture": "地市",
    "county_label": "县（市、区）",
    "adcode": "区划代码",
    "people": "搬迁人数",
    "people_text": "人数（口径）",
    "households": "户数",
    "year": "年份",
    "placement": "位置",
    "in_832": "所在县为国家贫困县",
    "figures_as_stated": "原文",
    "source": "来源",
    "note": "备注",
}
COUNTY_COLUMNS = {
    "adcode": "区划代码",
    "province": "省份",
    "prefecture": "地市",
    "county": "县（市、区）",
    "sites": "具名安置点",
    "sites_with_people": "其中有人数",
    "people": "具名安置点人数合计（非全县总数）",
    "qualifiers": "所含口径",
    "excluded": "未重复计入",
}
TOTAL_COLUMNS = {
    "region": "地区",
    "kind_label": "类别",
    "indicator": "指标（原文）",
    "value": "数值",
    "unit": "单位",
    "year": "年份",
    "basis": "人数口径",
    "in_chart": "用于图表",
    "source": "来源",
    "note": "备注",
}


def site_table(sites: pd.DataFrame) -> pd.DataFrame:
    table = sites[list(SITE_COLUMNS)].copy()
    table["people"] = table["people"].round().astype("Int64")
    table["households"] = table["households"].round().astype("Int64")
    table["in_832"] = table["in_832"].map({True: "是", False: "否"})
    return table.rename(columns=SITE_COLUMNS).reset_index(drop=True)


def county_table(sums: pd.DataFrame) -> pd.DataFrame:
    table = sums.copy()
    table["people"] = table["people"].round().astype("Int64")
    return table.rename(columns=COUNTY_COLUMNS).reset_index(drop=True)


def totals_table(rows: pd.DataFrame, chosen: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every people figure as reported, with its kind and whether the chart uses it."""
    used: set[tuple[str, str, int]] = set()
    if chosen is not None and not chosen.empty:
        for prefix in ("relocated", "plan"):
            for row in chosen[chosen[f"{prefix}_indicator"].notna()].itertuples(index=False):
                used.add((row.province, getattr(row, f"{prefix}_indicator"), int(getattr(row, f"{prefix}_year"))))
    table = rows.copy()
    table["kind_label"] = table["kind"].map(KIND_LABELS)
    table["in_chart"] = [
        "是" if (r, i, y) in used else "否"
        for r, i, y in zip(table["region"], table["indicator"], table["year"], strict=True)
    ]
    return table[list(TOTAL_COLUMNS)].rename(columns=TOTAL_COLUMNS).reset_index(drop=True)
