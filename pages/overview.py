"""全国总览: the 832 national poverty counties by exit year."""

import streamlit as st

from geo import maps
from geo.ui import cache
from geo.ui.county_panel import show_county
from geo.ui.map_view import show_map

st.title("脱贫攻坚地图 · 全国总览")
st.caption("832个国家贫困县按摘帽年份着色；灰色为非国家贫困县。点击县域查看概况。")

layer = cache.exit_year_layer("national")
left, right = st.columns([3, 1])
with left:
    m = maps.exit_year_map(layer, cache.province_polygons("national"), cache.border_lines())
    clicked = show_map(m, key="overview_map")
with right:
    show_county(clicked and str(clicked["adcode"]), layer, cache.poverty_counties())
