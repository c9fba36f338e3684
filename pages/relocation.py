"""易地扶贫搬迁: named relocation sites on the county map, province totals, tables."""

import dataclasses

import streamlit as st

from geo.relocation.labels import NO_DATA, SCOPE_NOTE, SITE_NOTE
from geo.relocation.view import site_map
from geo.ui import cache
from geo.ui.county_view import profile_link
from geo.ui.filters import (
    filter_sidebar,
    map_highlight,
    select_county_from_click,
    shared_state,
    show_url_notices,
)
from geo.ui.map_view import clicked_properties, show_map
from geo.ui.page import ensure_navigation
from geo.ui.relocation_view import (
    MAP_KEY,
    relocation_view,
    show_counties,
    show_national,
    show_province_totals,
    show_sites,
)

ensure_navigation()

atlas = cache.atlas_data()
filter_sidebar(cache.vocabulary())
select_county_from_click(clicked_properties(st.session_state.get(MAP_KEY)))

st.title("脱贫攻坚地图 · 易地扶贫搬迁")
show_url_notices()
state = shared_state()
view_state = dataclasses.replace(state, county=None)  # a click must not recompute the view
view = relocation_view(view_state)
for notice in view.notices:
    st.info(notice)

show_national(view)
view = dataclasses.replace(
    view, style=dataclasses.replace(view.style, selected=map_highlight(view_state, state.county))
)
show_map(site_map(view, atlas.attrs, cache.web_layers()), key=MAP_KEY)
profile_link(state.county, atlas.county_name(state.county))
st.caption(SITE_NOTE)
st.caption(SCOPE_NOTE)
if not view.site_count:
    st.info(f"{NO_DATA}：所选范围内没有具名安置点，地图只显示县域底图。")

show_province_totals(view)
show_sites(view)
show_counties(view)
