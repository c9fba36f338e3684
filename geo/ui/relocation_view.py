"""Streamlit parts of the relocation page: the cached view, national figures, chart and tables."""

from __future__ import annotations

import streamlit as st

from geo import data
from geo.filters import FilterState
from geo.i18n import current_language, t
from geo.relocation.chart import chart_caption, province_chart
from geo.relocation.labels import source_label
from geo.relocation.national import national_caption
from geo.relocation.view import RelocationView, build_view
from geo.ui import cache
from geo.ui.table import show_table

MAP_KEY = "relocation_map"


def relocation_view(state: FilterState) -> RelocationView:
    """The page's view for ``state`` in the current language (cached per state and language)."""
    with st.spinner(t("common.computing")):
        return _relocation_view(state, current_language())


@st.cache_data(show_spinner=False, max_entries=128)
def _relocation_view(state: FilterState, lang: str) -> RelocationView:  # noqa: ARG001 — the cache key
    totals = data.read_table("relocation_totals")
    return build_view(state, cache.atlas_data(), data.relocation_sites(), totals)


def show_national(view: RelocationView) -> None:
    """KPI cards: the national plan and result (from the data file, with sources) and the sites shown."""
    national = view.national
    cols = st.columns(4)
    for col, key, label_key in (
        (cols[0], "plan", "relocation.kpi_plan"),
        (cols[1], "completed", "relocation.kpi_completed"),
        (cols[2], "sites", "relocation.kpi_sites"),
    ):
        figure = national.get(key)
        if figure is None:
            col.metric(t(label_key), t("common.no_data"))
            continue
        help_text = t("relocation.kpi_help", year=figure.year, source=source_label(figure.source))
        if figure.card != figure.text:  # a compact card (English): the full figure leads the help
            help_text = t("common.clause_separator").join([figure.text, help_text])
        col.metric(t(label_key), figure.card, help=help_text)
    cols[3].metric(
        t("relocation.kpi_named_sites"),
        f"{view.site_count:,}",
        help=t("relocation.kpi_named_sites_help", count=view.sites_with_people),
    )
    if national:
        st.caption(national_caption(national))


def show_province_totals(view: RelocationView) -> None:
    st.subheader(t("relocation.province_heading"))
    if view.provinces.empty:
        st.info(t("relocation.no_province_figures", no_data=t("common.no_data"), hint=t("relocation.import_hint")))
    else:
        figure = province_chart(view.provinces, view.national)
        st.plotly_chart(figure, width="stretch", config={"displaylogo": False}, key="relocation_chart")
        st.caption(t("relocation.chart_note"))
        st.caption(chart_caption(view.provinces))
    if not view.province_rows.empty:
        with st.expander(t("relocation.province_rows", count=len(view.province_rows))):
            st.dataframe(view.province_rows, hide_index=True, width="stretch", key="relocation_province_rows")


def show_sites(view: RelocationView) -> None:
    st.subheader(t("relocation.sites_heading", count=view.site_count))
    if view.sites.empty:
        st.info(t("relocation.no_sites_hint", no_data=t("common.no_data"), hint=t("relocation.import_hint")))
        return
    show_table(view.sites, file_stem=t("relocation.sites_file_stem"), key="relocation_sites")


def show_counties(view: RelocationView) -> None:
    st.subheader(t("relocation.counties_heading"))
    st.caption(t("relocation.county_sum_note"))
    if view.counties.empty:
        st.info(t("relocation.no_sites", no_data=t("common.no_data")))
    else:
        st.dataframe(view.counties, hide_index=True, width="stretch", key="relocation_counties")
    if not view.local_rows.empty:
        st.markdown(f"**{t('relocation.local_heading')}**")
        st.dataframe(view.local_rows, hide_index=True, width="stretch", key="relocation_local_rows")
