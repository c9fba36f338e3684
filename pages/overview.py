"""全国总览: any county indicator as a choropleth, filtered by the shared sidebar."""

import dataclasses

import streamlit as st

from geo import maps, overview
from geo.i18n import t
from geo.ui import cache
from geo.ui.county_panel import show_county
from geo.ui.county_view import profile_link
from geo.ui.exports import map_downloads
from geo.ui.filters import (
    classing_controls,
    filter_sidebar,
    indicator_picker,
    map_highlight,
    select_county_from_click,
    shared_state,
    show_url_notices,
)
from geo.ui.map_view import MAP_KEY, clicked_properties, show_map
from geo.ui.page import ensure_navigation
from geo.ui.presentation import controls
from geo.ui.summary import show_kpis, show_national_series
from geo.ui.table import show_table

ensure_navigation()

atlas = cache.atlas_data()
filter_sidebar(cache.vocabulary())
select_county_from_click(clicked_properties(st.session_state.get(MAP_KEY)))

st.title(t("app.page_heading", page=t("page.overview")))
show_url_notices()
labels = {"exit_year": t("overview.exit_year_indicator")} | atlas.indicator_labels()
with controls("indicator"):
    indicator_picker(labels, lambda indicator: overview.indicator_years(atlas, indicator))
classing = classing_controls()
state = shared_state()
view_state = dataclasses.replace(state, county=None)  # a click must not recompute the view
view = cache.overview_view(view_state, classing)
style = dataclasses.replace(view.style, selected=map_highlight((view_state, classing), state.county))

for notice in view.notices:
    st.info(notice)
if view.table.empty:
    st.info(t("overview.empty_selection"))
show_kpis(view.kpis, scope_all=not state.poverty_only)
left, right = st.columns([3, 1])
with left:
    show_map(maps.county_map(atlas.attrs, style, cache.web_layers(), view.legend))
    map_downloads(
        view.style,
        view.legend,
        lambda: maps.county_map(atlas.attrs, view.style, cache.web_layers(), view.legend),
        title=view.indicator_label,
        source=overview.source_line(atlas, state.indicator),
        key="overview",
    )
with right:
    show_county(state.county, atlas.polygons, atlas.poverty, view.kpis["exits_by_year"])
    profile_link(state.county, atlas.county_name(state.county))
show_national_series()

st.subheader(t("table.selected_counties", count=len(view.table)))
show_table(view.table, file_stem=t("table.map_file", title=view.indicator_label), key="overview")
