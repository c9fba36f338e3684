"""县域档案: one county's facts, locator map, charts and downloads (``/county?county=130624``)."""

import streamlit as st

from geo.ui import cache, county_view
from geo.ui.filters import KEYS, seed_from_url, shared_state, show_url_notices
from geo.ui.page import ensure_navigation
from geo.ui.presentation import controls

ensure_navigation()

seed_from_url(cache.vocabulary())  # the shared state (filters stay in the URL for the way back)
county_view.follow_locator_click(st.session_state.get(KEYS["county"]))
state = shared_state()

st.title("县域档案")
show_url_notices()
st.sidebar.caption("其他页面的筛选条件保留在链接中，返回地图页时恢复。")
with controls("search"):
    county_view.search_box()
if state.county is None:
    st.info("搜索一个县（县名、拼音首字母或区划代码），或在全国总览地图上点击一个县，查看其档案。")
else:
    county_view.show_profile(state.county)
