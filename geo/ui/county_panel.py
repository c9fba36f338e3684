"""Side panel with the facts of the clicked county (until the drill-down page exists)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo.facts import county_facts, exits_per_year


def show_county(
    adcode: str | None, polygons: pd.DataFrame, poverty: pd.DataFrame, exits: dict[int, int] | None = None
) -> None:
    """Facts of the clicked county, or exits per year (of the selection, if given) when none is."""
    names = polygons.loc[polygons["adcode"] == adcode, "name"]
    if adcode is None or names.empty:
        st.subheader("摘帽进度")
        per_year = exits_per_year(poverty) if exits is None else pd.Series(exits)
        st.dataframe(
            per_year.rename_axis("年份").reset_index(name="摘帽县数"),
            hide_index=True,
            width="stretch",
        )
        st.caption(f"所选 {int(per_year.sum())} 个国家贫困县。点击地图上的县查看详情。")
        return
    st.subheader(names.iloc[0])
    facts = county_facts(adcode, poverty)
    if not facts:
        st.info("非国家贫困县：暂无脱贫攻坚名单数据。")
        return
    for fact in facts:
        st.table(pd.DataFrame({"项目": list(fact), "内容": list(fact.values())}).set_index("项目"))
