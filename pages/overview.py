"""全国总览: the 832 national poverty counties by exit year."""

import streamlit as st

from geo import maps
from geo.ui import cache
from geo.ui.county_panel import show_county
from geo.ui.map_view import show_map

st.title("脱贫攻坚地图 · 全国总览")
st.caption("832个国家贫困县按摘帽年份着色；灰色为非国家贫困县。点击县域查看概况。")

attrs = cache.county_attributes()
left, right = st.columns([3, 1])
with left:
    style, legend = maps.exit_year_style(attrs)
    m = maps.county_map(attrs, style, cache.web_layers(), legend)
    clicked = show_map(m, key="overview_map")
with right:
    show_county(clicked and str(clicked["adcode"]), cache.county_polygons("national"), cache.poverty_counties())
