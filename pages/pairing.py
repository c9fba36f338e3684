"""东西部扶贫协作: curved helper → recipient links on the county map, a Sankey and the sources."""

import streamlit as st

from geo.pairing.notes import notes_table
from geo.pairing.pairs import NO_DATA, province_names, select
from geo.pairing.sankey import sankey_data, sankey_figure
from geo.pairing.view import pairing_map, pairs_table
from geo.ui import cache
from geo.ui.filters import filter_sidebar, shared_state, show_url_notices
from geo.ui.page import ensure_navigation
from geo.ui.pairing_view import (
    SANKEY_KEY,
    SANKEY_LABELS,
    pair_picker,
    pairing_links,
    period_and_helpers,
    select_pair_from_click,
    show_pair,
    show_pairing_map,
    unused_filters_notice,
)
from geo.ui.presentation import controls
from geo.ui.table import show_table

ensure_navigation()

atlas = cache.atlas_data()
links = pairing_links()
filter_sidebar(cache.vocabulary())
select_pair_from_click(set(links["pair_id"]))

st.title("东西部扶贫协作 · 结对关系")
show_url_notices()
st.caption(
    "东部省市对口帮扶西部（及京津冀）地区：2016年《关于进一步加强东西部扶贫协作工作的指导意见》的全国结对名单"
    "与携手奔小康县级结对，2021年调整后的东西部协作结对（各行均有来源，见下表）。侧栏“省份”筛选受援省份。"
)
with controls("pairing"):
    period, helpers = period_and_helpers(province_names(links, "helper"))
state = shared_state()
if notice := unused_filters_notice(state):
    st.info(notice)
shown = select(links, period, helpers, state.provinces)
if shown.empty:
    st.info(f"{NO_DATA}：{period}年没有符合所选帮扶省份和受援省份的结对。")

left, right = st.columns([3, 1])
with left:
    fit = bool(helpers or state.provinces) and not shown.empty
    show_pairing_map(pairing_map(atlas.attrs, shown, cache.web_layers(), period, fit=fit))
with right:
    st.subheader("结对说明")
    show_pair(pair_picker(shown), shown)

st.subheader(f"帮扶流向（{period}年）")
if shown.empty:
    st.info(NO_DATA)
else:
    by = st.radio("分组", list(SANKEY_LABELS), format_func=SANKEY_LABELS.get, key=SANKEY_KEY, horizontal=True)
    figure = sankey_figure(sankey_data(shown, by), f"帮扶方 → 受援方（{len(shown)}对）")
    st.plotly_chart(figure, width="stretch", config={"displaylogo": False})

st.subheader(f"结对关系（{len(shown)}）")
show_table(pairs_table(shown), file_stem=f"东西部协作结对_{period}", key="pairing")
with st.expander("重点结对说明（种子文献转述）"):
    st.dataframe(notes_table(), hide_index=True, width="stretch")
