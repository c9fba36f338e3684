"""Plain summaries of the poverty-county table for panels and cards."""

from __future__ import annotations

import pandas as pd

EVIDENCE_LABELS = {
    "explicit": "有来源明确列出",
    "derived": "由已有来源推得",
    "unverified": "暂无来源核实",
}


def exits_per_year(poverty: pd.DataFrame) -> pd.Series:
    """Number of counties that exited (摘帽) in each year, 2016–2020."""
    return poverty["exit_year"].value_counts().sort_index().astype(int)


def county_facts(polygon_adcode: str, poverty: pd.DataFrame) -> list[dict[str, str]]:
    """Facts of the listed poverty county (or counties) drawn by one polygon.

    Returns one dict per listed county, ``[]`` when the polygon is not a poverty county.
    """
    rows = poverty[poverty["polygon_adcode"] == polygon_adcode]
    return [
        {
            "县（市、区）": row.name + (f"（名单中为{row.name_then}）" if row.name_then else ""),
            "区划代码": row.adcode or "无（行委，无民政部代码）",
            "地市": row.prefecture,
            "省份": row.province,
            "地区": f"{row.region}部",
            "摘帽年份": f"{int(row.exit_year)}年",
            "连片特困地区": row.contiguous_area or "不属于14个片区",
            "片区归属依据": EVIDENCE_LABELS.get(row.area_evidence, "—"),
            "三区三州": "是" if row.sanqu_sanzhou else "否",
        }
        for row in rows.itertuples(index=False)
    ]
