"""县域档案: one county's facts, locator map, charts and downloads (``/county?county=130624``)."""

import streamlit as st

from geo.i18n import t
from geo.ui import cache, county_view
from geo.ui.filters import KEYS, seed_from_url, shared_state, show_url_notices
from geo.ui.page import ensure_navigation
from geo.ui.presentation import controls

ensure_navigation()

seed_from_url(cache.vocabulary())  # the shared state (filters stay in the URL for the way back)
county_view.follow_locator_click(st.session_state.get(KEYS["county"]))
state = shared_state()

st.title(t("page.county"))
show_url_notices()
st.sidebar.caption(t("filter.kept_in_link"))
with controls("search"):
    county_view.search_box()
if state.county is None:
    st.info(t("county.invite_search"))
else:
    county_view.show_profile(state.county)
