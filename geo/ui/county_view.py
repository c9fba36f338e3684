"""The county drill-down page's Streamlit parts: search, header, locator map, charts, downloads.

The selected county is the shared ``KEYS["county"]`` (and the ``county`` URL parameter),
so the overview's click, a search hit, a neighbour on the locator map and a shared link
all open the same profile. The content comes from the pure modules in :mod:`geo.county`.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from geo import codes, data, maps
from geo.county import png
from geo.county.charts import CountyChart, county_charts
from geo.county.locator import Neighbours, locator_style
from geo.county.peers import peer_groups
from geo.county.profile import CountyProfile, build_profile, header_facts, long_table, pairings_table, sites_table
from geo.county.search import SearchIndex
from geo.county.user_data import user_data_table
from geo.ui import cache
from geo.ui.exports import county_brief
from geo.ui.filters import KEYS, set_value
from geo.ui.map_view import clicked_properties, show_map
from geo.ui.table import show_table

PAGE = "pages/county.py"
QUERY_KEY = "county_query"
LOCATOR_PREFIX = "county_locator_"
SEARCH_LIMIT = 10
NO_DATA = "暂无数据"


@dataclass(frozen=True)
class CountyView:
    """Everything the page shows for one county (cached per county)."""

    profile: CountyProfile
    facts: dict[str, str]
    charts: tuple[CountyChart, ...]
    table: pd.DataFrame
    pairings: pd.DataFrame
    sites: pd.DataFrame
    neighbours: tuple[tuple[str, str], ...]  # (adcode, name)
    user_data: pd.DataFrame  # values of the county in saved user datasets


@st.cache_resource(show_spinner=False)
def search_index() -> SearchIndex:
    atlas = cache.atlas_data()
    return SearchIndex.build(atlas.polygons, atlas.poverty, codes.codebook().resolve)


@st.cache_resource(show_spinner=False)
def neighbour_index() -> Neighbours:
    return Neighbours.build(cache.county_polygons("national"))


def county_view(adcode: str) -> CountyView | None:
    """The profile, charts and tables of ``adcode``; None when no county polygon has that code."""
    return _county_view(adcode, cache.user_revision())


@st.cache_resource(show_spinner="正在生成县域档案…", max_entries=128)
def _county_view(adcode: str, revision: int) -> CountyView | None:
    atlas = cache.atlas_data_at(revision)
    profile = build_profile(adcode, atlas.polygons, atlas.poverty, data.pairings(), data.relocation_sites())
    if profile is None:
        return None
    groups = peer_groups(adcode, atlas.poverty, atlas.polygons)
    charts = county_charts(adcode, profile.name, profile.exit_year, atlas.stats, groups, atlas.indicators)
    return CountyView(
        profile=profile,
        facts=header_facts(profile),
        charts=charts,
        table=long_table(adcode, atlas.stats, atlas.indicators),
        pairings=pairings_table(profile),
        sites=sites_table(profile),
        neighbours=tuple((code, atlas.county_name(code) or code) for code in neighbour_index()(adcode)),
        user_data=user_data_table(adcode, atlas.stats, atlas.indicators, groups),
    )


def locator_key(adcode: str) -> str:
    """One map component per county: a new county's map starts without a stale click."""
    return f"{LOCATOR_PREFIX}{adcode}"


def choose(adcode: str) -> None:
    """Callback: open ``adcode`` (a search hit or a neighbour button)."""
    set_value(KEYS["county"], adcode)
    st.session_state[QUERY_KEY] = ""


def follow_locator_click(adcode: str | None) -> None:
    """Make a click on another county of the locator map the selected county."""
    if adcode is None:
        return
    clicked = clicked_properties(st.session_state.get(locator_key(adcode)))
    code = str(clicked["adcode"]) if clicked else None
    if code and code != adcode:
        set_value(KEYS["county"], code)


def search_box() -> None:
    """Search by name, pinyin initials or code; each hit is a button that opens it."""
    query = st.text_input(
        "搜索县（市、区）",
        key=QUERY_KEY,
        placeholder="县名、拼音首字母或区划代码，如 阜平 / fp / 130624",
    )
    if not query:
        return
    hits = search_index().search(query, limit=SEARCH_LIMIT)
    if not hits:
        st.caption(f"没有找到“{query.strip()[:40]}”。可输入县名、拼音首字母（如 fp）或6位区划代码。")
        return
    st.caption(f"找到 {len(hits)} 个结果{'（仅显示前10个）' if len(hits) == SEARCH_LIMIT else ''}，点击打开：")
    with st.container(horizontal=True):
        for hit in hits:
            st.button(hit.label, key=f"county_hit_{hit.adcode}", on_click=choose, args=(hit.adcode,))


def show_profile(adcode: str) -> None:
    view = county_view(adcode)
    if view is None:
        st.warning(f"区划代码 {adcode} 没有对应的县级区划。")
        return
    profile = view.profile
    st.header(profile.name, anchor=False)
    st.caption(f"{profile.province} · {profile.prefecture_label} · 区划代码 {profile.adcode}")
    county_brief(profile.adcode, profile.name)
    left, right = st.columns(2)
    with left:
        facts = pd.DataFrame({"项目": list(view.facts), "内容": list(view.facts.values())}).set_index("项目")
        st.table(facts)
    with right:
        show_programmes(view)
    st.subheader("位置", anchor=False)
    show_locator(adcode, view)
    st.subheader("统计图表", anchor=False)
    for chart in view.charts:
        show_chart(adcode, profile.name, chart)
    show_user_data(view)
    st.subheader("本县数据（长表）", anchor=False)
    st.caption("本县全部指标，含旧口径“农民人均纯收入”；来源与口径见 data/SOURCES.md。")
    if view.table.empty:
        st.info(f"本县统计数据：{NO_DATA}")
    else:
        show_table(view.table, file_stem=f"县域档案_{profile.name}_{profile.adcode}", key="county_data")


def show_user_data(view: CountyView) -> None:
    """The county's values in saved user datasets (labelled as such), or where to import some."""
    st.subheader("用户数据", anchor=False)
    if not cache.user_datasets():
        st.caption(f"用户数据：{NO_DATA}。可在“数据导入”页导入本地统计表，导入后在此与同组县比较。")
        return
    if view.user_data.empty:
        st.info(f"已保存的用户数据集中没有本县的数值：{NO_DATA}")
        return
    st.caption("以下数值来自用户导入的数据集（非本图集内置数据），来源为导入者填写的说明。")
    st.dataframe(view.user_data, hide_index=True, width="stretch")


def show_locator(adcode: str, view: CountyView) -> None:
    atlas = cache.atlas_data()
    style, legend = locator_style(adcode, atlas.attrs, atlas.polygons, tuple(c for c, _ in view.neighbours))
    show_map(maps.county_map(atlas.attrs, style, cache.web_layers(), legend), key=locator_key(adcode), height=460)
    if view.neighbours:
        with st.container(horizontal=True):
            st.caption("相邻县：")
            for code, name in view.neighbours:
                st.button(name, key=f"county_nb_{code}", on_click=choose, args=(code,), type="tertiary")


def show_programmes(view: CountyView) -> None:
    st.markdown("**东西部扶贫协作结对**")
    if view.pairings.empty:
        st.info(f"本县、所在地市和省份均未出现在结对名单中：{NO_DATA}")
    else:
        for link in view.profile.pairings:
            st.markdown(f"- {link.text}")
        st.caption("结对层级：名单中出现的是本县、所在地市还是所在省份。")
        with st.expander("结对明细与来源"):
            st.dataframe(view.pairings, hide_index=True, width="stretch")
    st.markdown("**易地扶贫搬迁安置点（县内）**")
    if view.sites.empty:
        st.info(f"县内已命名的安置点：{NO_DATA}")
    else:
        st.dataframe(view.sites, hide_index=True, width="stretch")


def show_chart(adcode: str, name: str, chart: CountyChart) -> None:
    """The chart (or "暂无数据"), its source and unit, and a PNG download rendered on demand."""
    if chart.figure is None:
        st.markdown(f"**{chart.title}**")
        st.info(f"{chart.title}：{NO_DATA}")
        st.caption(chart.caption)
        return
    st.plotly_chart(chart.figure, key=f"county_chart_{chart.key}", config={"displaylogo": False})
    caption, button = st.columns([5, 1])
    caption.caption(chart.caption)
    if png.available():
        button.download_button(
            "下载 PNG",
            data=functools.partial(png.cached_png, (adcode, chart.key), chart.figure),
            file_name=f"县域档案_{name}_{adcode}_{chart.title}.png",
            mime="image/png",
            key=f"county_png_{chart.key}",
            on_click="ignore",
            help="点击后在服务器上用 Chromium 渲染（首次约2–4秒）",
        )
    else:
        button.caption("PNG 导出需要 Chromium")


def profile_link(adcode: str | None, name: str | None = None) -> None:
    """A link to the county's profile page (for the overview's county panel).

    Makes ``adcode`` the shared selected county, so the profile opens on it in this
    session; the link's ``?county=`` also opens it in a new tab.
    """
    if not adcode:
        return
    if st.session_state.get(KEYS["county"]) != adcode:
        set_value(KEYS["county"], adcode)
    st.page_link(
        PAGE,
        label=f"查看{name or adcode}县域档案",
        icon=":material/location_city:",
        query_params={"county": adcode},
    )
