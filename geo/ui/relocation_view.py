"""Streamlit parts of the relocation page: the cached view, national figures, chart and tables."""

from __future__ import annotations

import streamlit as st

from geo import data
from geo.filters import FilterState
from geo.relocation.chart import chart_caption, province_chart
from geo.relocation.labels import COUNTY_SUM_NOTE, IMPORT_HINT, NO_DATA, source_label
from geo.relocation.national import national_caption
from geo.relocation.view import RelocationView, build_view
from geo.ui import cache
from geo.ui.table import show_table

MAP_KEY = "relocation_map"


@st.cache_data(show_spinner="正在计算…", max_entries=128)
def relocation_view(state: FilterState) -> RelocationView:
    totals = data.read_table("relocation_totals")
    return build_view(state, cache.atlas_data(), data.relocation_sites(), totals)


def show_national(view: RelocationView) -> None:
    """KPI cards: the national plan and result (from the data file, with sources) and the sites shown."""
    national = view.national
    cols = st.columns(4)
    for col, key, label in (
        (cols[0], "plan", "全国规划搬迁（十三五）"),
        (cols[1], "completed", "全国已搬迁（十三五）"),
        (cols[2], "sites", "全国建成集中安置区"),
    ):
        figure = national.get(key)
        col.metric(
            label,
            NO_DATA if figure is None else figure.text,
            help=None if figure is None else f"{figure.year}年；{source_label(figure.source)}",
        )
    cols[3].metric(
        "本页具名安置点",
        f"{view.site_count:,}",
        help=f"其中{view.sites_with_people}个有人数；仅为新闻报道中点名的安置点，不是全部安置点",
    )
    if national:
        st.caption(national_caption(national))


def show_province_totals(view: RelocationView) -> None:
    st.subheader("各省搬迁人数")
    if view.provinces.empty:
        st.info(f"{NO_DATA}：所选省份没有省级搬迁人数。{IMPORT_HINT}")
    else:
        figure = province_chart(view.provinces, view.national)
        st.plotly_chart(figure, width="stretch", config={"displaylogo": False}, key="relocation_chart")
        st.caption(
            "实心柱：十三五已完成数；斜线柱：未见完成数时的最新阶段性数字（注明截至年份）；竖线：规划/任务数。"
            "各省口径不一（建档立卡贫困人口或含同步搬迁人口，见悬停提示），不可相加。"
        )
        st.caption(chart_caption(view.provinces))
    if not view.province_rows.empty:
        with st.expander(f"全部省级数字（{len(view.province_rows)}条，含未用于图表的口径）"):
            st.dataframe(view.province_rows, hide_index=True, width="stretch", key="relocation_province_rows")


def show_sites(view: RelocationView) -> None:
    st.subheader(f"具名安置点（{view.site_count:,}）")
    if view.sites.empty:
        st.info(f"{NO_DATA}：所选范围内没有具名安置点。{IMPORT_HINT}")
        return
    show_table(view.sites, file_stem="脱贫攻坚地图_易地扶贫搬迁安置点", key="relocation_sites")


def show_counties(view: RelocationView) -> None:
    st.subheader("按县汇总：具名安置点人数")
    st.caption(COUNTY_SUM_NOTE)
    if view.counties.empty:
        st.info(f"{NO_DATA}：所选范围内没有具名安置点。")
    else:
        st.dataframe(view.counties, hide_index=True, width="stretch", key="relocation_counties")
    if not view.local_rows.empty:
        st.markdown("**地市和县级搬迁数字（来源原文，口径各异）**")
        st.dataframe(view.local_rows, hide_index=True, width="stretch", key="relocation_local_rows")
