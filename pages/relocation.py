"""易地扶贫搬迁: named relocation sites on the county map, province totals, tables."""

import dataclasses

import streamlit as st

from geo.i18n import t
from geo.relocation.view import site_map
from geo.ui import cache
from geo.ui.county_view import profile_link
from geo.ui.exports import map_html_download
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

st.title(t("app.page_heading", page=t("page.relocation")))
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
map_html_download(lambda: site_map(view, atlas.attrs, cache.web_layers()), title=t("page.relocation"), key="relocation")
profile_link(state.county, atlas.county_name(state.county))
st.caption(t("relocation.site_note"))
st.caption(t("relocation.scope_note"))
if not view.site_count:
    st.info(t("relocation.no_sites_map", no_data=t("common.no_data")))

show_province_totals(view)
show_sites(view)
show_counties(view)
