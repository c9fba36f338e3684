"""集中连片特困地区: the 14 contiguous poor areas, their counties and how each is sourced."""

import dataclasses

import streamlit as st

from geo import areas, data, maps, overview
from geo.i18n import t
from geo.ui import cache
from geo.ui.area_view import show_area_summary
from geo.ui.county_view import profile_link
from geo.ui.exports import area_brief, map_downloads
from geo.ui.filters import (
    KEYS,
    classing_controls,
    filter_sidebar,
    indicator_picker,
    seed_from_url,
    set_value,
    shared_state,
    show_url_notices,
)
from geo.ui.map_view import clicked_properties, show_map
from geo.ui.page import ensure_navigation
from geo.ui.presentation import controls
from geo.ui.table import show_table

ensure_navigation()

MAP_KEY = "areas_map"

atlas = cache.atlas_data()
vocabulary = cache.vocabulary()
seed_from_url(vocabulary)
clicked = clicked_properties(st.session_state.get(MAP_KEY))
if clicked and clicked["adcode"] != st.session_state.get("areas_last_click"):
    # clicking a county selects its area
    st.session_state["areas_last_click"] = clicked["adcode"]
    area_clicked = areas.area_of_county(str(clicked["adcode"]), atlas.poverty)
    if area_clicked:
        set_value(KEYS["areas"], [area_clicked])
filter_sidebar(vocabulary)

st.title(t("page.areas"))
st.caption(t("areas.caption"))
show_url_notices()
labels = {"exit_year": t("overview.exit_year")} | atlas.indicator_labels()
with controls("indicator"):
    indicator_picker(labels, lambda indicator: overview.indicator_years(atlas, indicator))
classing = classing_controls()
state = shared_state()

catalogue = data.contiguous_areas()
shown = state.areas or tuple(catalogue["area"])
view = cache.overview_view(dataclasses.replace(state, areas=shown, county=None, poverty_only=True), classing)
style = dataclasses.replace(view.style, visible=("provinces", "areas", "borders"))
show_map(maps.county_map(atlas.attrs, style, cache.web_layers(), view.legend), key=MAP_KEY)
map_downloads(
    style,
    view.legend,
    lambda: maps.county_map(atlas.attrs, style, cache.web_layers(), view.legend),
    title=view.indicator_label,
    source=overview.source_line(atlas, state.indicator),
    key="areas",
)
clicked_code = st.session_state.get("areas_last_click")
profile_link(clicked_code, atlas.county_name(clicked_code))

if len(state.areas) == 1:
    show_area_summary(state.areas[0], atlas.poverty, catalogue, atlas.stats)
    area_brief(state.areas[0])
else:
    st.subheader(t("areas.all_heading"))
    if len(state.areas) > 1:
        st.info(t("areas.several_selected"))
    else:
        st.info(t("areas.choose_one"))
    show_table(areas.areas_table(catalogue), file_stem=t("page.areas"), key="areas_all")
