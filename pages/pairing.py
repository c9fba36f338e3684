"""东西部扶贫协作: curved helper → recipient links on the county map, a Sankey and the sources."""

import streamlit as st

from geo.i18n import t
from geo.pairing.notes import notes_table
from geo.pairing.pairs import province_names, select
from geo.pairing.sankey import sankey_data, sankey_figure
from geo.pairing.view import pairing_map, pairs_table
from geo.ui import cache
from geo.ui.exports import map_html_download
from geo.ui.filters import filter_sidebar, shared_state, show_url_notices
from geo.ui.page import ensure_navigation
from geo.ui.pairing_view import (
    SANKEY_KEY,
    SANKEY_KEYS,
    pair_picker,
    pairing_links,
    period_and_helpers,
    sankey_label,
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

st.title(t("pairing.title"))
show_url_notices()
st.caption(t("pairing.intro"))
with controls("pairing"):
    period, helpers = period_and_helpers(province_names(links, "helper"))
state = shared_state()
if notice := unused_filters_notice(state):
    st.info(notice)
shown = select(links, period, helpers, state.provinces)
if shown.empty:
    st.info(t("pairing.none_selected", no_data=t("common.no_data"), period=period))

left, right = st.columns([3, 1])
with left:
    fit = bool(helpers or state.provinces) and not shown.empty
    show_pairing_map(pairing_map(atlas.attrs, shown, cache.web_layers(), period, fit=fit))
    map_html_download(
        lambda: pairing_map(atlas.attrs, shown, cache.web_layers(), period, fit=fit),
        title=t("page.pairing"),
        key="pairing",
    )
with right:
    st.subheader(t("pairing.pair_notes"))
    show_pair(pair_picker(shown), shown)

st.subheader(t("pairing.flows", period=period))
if shown.empty:
    st.info(t("common.no_data"))
else:
    by = st.radio(
        t("pairing.sankey_group"), list(SANKEY_KEYS), format_func=sankey_label, key=SANKEY_KEY, horizontal=True
    )
    figure = sankey_figure(sankey_data(shown, by), t("pairing.sankey_title", count=len(shown)))
    st.plotly_chart(figure, width="stretch", config={"displaylogo": False})

st.subheader(t("pairing.pairs_heading", count=len(shown)))
show_table(pairs_table(shown), file_stem=t("pairing.file_stem", period=period), key="pairing")
with st.expander(t("pairing.notes_expander")):
    st.dataframe(notes_table(), hide_index=True, width="stretch")
