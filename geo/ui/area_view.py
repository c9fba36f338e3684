"""The per-area summary of the contiguous-areas page."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo import areas, charts
from geo.ui.table import show_table


def show_area_summary(area: str, poverty: pd.DataFrame, catalogue: pd.DataFrame, stats: pd.DataFrame) -> None:
    """Type, counts, population, exits by province and year, income vs the 832, members."""
    facts = areas.summary(area, poverty, catalogue, stats)
    st.subheader(f"{area} · {facts.type}")
    st.caption(f"涉及省份：{facts.provinces}")
    cols = st.columns(4)
    cols[0].metric("本数据县数", facts.counties, help=f"官方县数：{facts.official_count}")
    cols[1].metric(
        "常住人口（2020年普查）",
        "暂无数据" if facts.population is None else f"{facts.population / 1e4:,.0f} 万人",
        help=f"{facts.population_missing}个县无普查数据" if facts.population_missing else "第七次全国人口普查",
    )
    explicit = facts.evidence.get("有来源明确列出", 0)
    cols[2].metric("归属有来源明确列出", f"{explicit} / {facts.counties}")
    cols[3].metric("归属暂无来源核实", facts.evidence.get("暂无来源核实", 0))
    if explicit < facts.counties:
        st.info(
            "本片区部分县的归属并非由来源逐一列出（“由来源推得”或“暂无来源核实”），"
            "已在地图提示和下表中标明；官方分县名单（国务院扶贫办，2012）尚未找到。"
        )
    left, right = st.columns(2)
    with left:
        table = areas.counties_by_province(area, poverty)
        st.plotly_chart(charts.exits_by_province(table, "各省片区县数（按摘帽年份）"), width="stretch")
    with right:
        year, incomes = areas.income_comparison(area, poverty, stats)
        if year is None:
            st.info("农村居民人均可支配收入：本片区暂无数据。")
        else:
            st.plotly_chart(charts.income_boxes(incomes, year), width="stretch")
            st.caption("来源：县域统计汇编（见 data/SOURCES.md）；全国农村居民收入：暂无数据。")
    st.markdown("**片区县名单**")
    show_table(areas.member_table(area, poverty), file_stem=f"集中连片特困地区_{area}", key="area_members")
