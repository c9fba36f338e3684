"""The county drill-down page's Streamlit parts: search, header, locator map, charts, downloads.

The selected county is the shared ``KEYS["county"]`` (and the ``county`` URL parameter),
so the overview's click, a search hit, a neighbour on the locator map and a shared link
all open the same profile. The content comes from the pure modules in :mod:`geo.county`.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from geo import codes, data, maps
from geo.county import png
from geo.county.charts import CountyChart, county_charts
from geo.county.locator import Neighbours, locator_style
from geo.county.peers import peer_groups
from geo.county.profile import CountyProfile, build_profile, header_facts, long_table, pairings_table, sites_table
from geo.county.search import SearchIndex
from geo.county.user_data import user_data_table
from geo.i18n import current_language, place, t
from geo.ui import cache
from geo.ui.exports import county_brief
from geo.ui.filters import KEYS, set_value
from geo.ui.map_view import clicked_properties, show_map
from geo.ui.table import show_table

PAGE = "pages/county.py"
QUERY_KEY = "county_query"
LOCATOR_PREFIX = "county_locator_"
SEARCH_LIMIT = 10


@dataclass(frozen=True)
class CountyView:
    """Everything the page shows for one county (cached per county)."""

    profile: CountyProfile
    facts: dict[str, str]  # label → text
    charts: tuple[CountyChart, ...]
    table: pd.DataFrame
    pairings: pd.DataFrame
    sites: pd.DataFrame
    neighbours: tuple[tuple[str, str], ...]  # (adcode, name as shown)
    user_data: pd.DataFrame  # values of the county in saved user datasets


@st.cache_resource(show_spinner=False)
def search_index() -> SearchIndex:
    atlas = cache.atlas_data()
    return SearchIndex.build(atlas.polygons, atlas.poverty, codes.codebook().resolve)


@st.cache_resource(show_spinner=False)
def neighbour_index() -> Neighbours:
    return Neighbours.build(cache.county_polygons("national"))


def county_view(adcode: str) -> CountyView | None:
    """The profile, charts and tables of ``adcode`` in the current language; None when no county
    polygon has that code."""
    with st.spinner(t("county.computing")):
        return _county_view(adcode, cache.user_revision(), current_language())


@st.cache_resource(show_spinner=False, max_entries=128)
def _county_view(adcode: str, revision: int, lang: str) -> CountyView | None:  # noqa: ARG001 — lang keys the cache
    atlas = cache.atlas_data_at(revision)
    profile = build_profile(adcode, atlas.polygons, atlas.poverty, data.pairings(), data.relocation_sites())
    if profile is None:
        return None
    groups = peer_groups(adcode, atlas.poverty, atlas.polygons)
    charts = county_charts(adcode, profile.name, profile.exit_year, atlas.stats, groups, atlas.indicators)
    return CountyView(
        profile=profile,
        facts=header_facts(profile),
        charts=charts,
        table=long_table(adcode, atlas.stats, atlas.indicators),
        pairings=pairings_table(profile),
        sites=sites_table(profile),
        neighbours=tuple((code, place(atlas.county_name(code)) or code) for code in neighbour_index()(adcode)),
        user_data=user_data_table(adcode, atlas.stats, atlas.indicators, groups),
    )


def locator_key(adcode: str) -> str:
    """One map component per county: a new county's map starts without a stale click."""
    return f"{LOCATOR_PREFIX}{adcode}"


def choose(adcode: str) -> None:
    """Callback: open ``adcode`` (a search hit or a neighbour button)."""
    set_value(KEYS["county"], adcode)
    st.session_state[QUERY_KEY] = ""


def follow_locator_click(adcode: str | None) -> None:
    """Make a click on another county of the locator map the selected county."""
    if adcode is None:
        return
    clicked = clicked_properties(st.session_state.get(locator_key(adcode)))
    code = str(clicked["adcode"]) if clicked else None
    if code and code != adcode:
        set_value(KEYS["county"], code)


def search_box() -> None:
    """Search by name, pinyin initials or code; each hit is a button that opens it."""
    query = st.text_input(t("county.search_label"), key=QUERY_KEY, placeholder=t("county.search_placeholder"))
    if not query:
        return
    hits = search_index().search(query, limit=SEARCH_LIMIT)
    if not hits:
        st.caption(t("county.search_none", query=query.strip()[:40]))
        return
    more = t("county.search_first", limit=SEARCH_LIMIT) if len(hits) == SEARCH_LIMIT else ""
    st.caption(t("county.search_found", count=len(hits), more=more))
    with st.container(horizontal=True):
        for hit in hits:
            st.button(hit.label, key=f"county_hit_{hit.adcode}", on_click=choose, args=(hit.adcode,))


def show_profile(adcode: str) -> None:
    view = county_view(adcode)
    if view is None:
        st.warning(t("county.unknown_code", adcode=adcode))
        return
    profile = view.profile
    st.header(place(profile.name), anchor=False)
    st.caption(
        t(
            "county.subtitle",
            province=place(profile.province),
            prefecture=profile.prefecture_label,
            adcode=profile.adcode,
        )
    )
    county_brief(profile.adcode, profile.name)
    left, right = st.columns(2)
    with left:
        item, content = t("overview.fact_item"), t("overview.fact_value")
        facts = pd.DataFrame({item: list(view.facts), content: list(view.facts.values())}).set_index(item)
        st.table(facts)
    with right:
        show_programmes(view)
    st.subheader(t("county.location"), anchor=False)
    show_locator(adcode, view)
    st.subheader(t("county.charts"), anchor=False)
    for chart in view.charts:
        show_chart(adcode, profile.name, chart)
    show_user_data(view)
    st.subheader(t("county.long_table"), anchor=False)
    st.caption(t("county.long_table_note"))
    if view.table.empty:
        st.info(t("county.no_stats", no_data=t("common.no_data")))
    else:
        file_stem = t("county.file_stem", name=profile.name, adcode=profile.adcode)
        show_table(view.table, file_stem=file_stem, key="county_data")


def show_user_data(view: CountyView) -> None:
    """The county's values in saved user datasets (labelled as such), or where to import some."""
    st.subheader(t("county.user_data"), anchor=False)
    if not cache.user_datasets():
        st.caption(t("county.user_data_none", no_data=t("common.no_data"), page=t("page.import")))
        return
    if view.user_data.empty:
        st.info(t("county.user_data_no_county", no_data=t("common.no_data")))
        return
    st.caption(t("county.user_data_note"))
    st.dataframe(view.user_data, hide_index=True, width="stretch")


def show_locator(adcode: str, view: CountyView) -> None:
    atlas = cache.atlas_data()
    style, legend = locator_style(adcode, atlas.attrs, atlas.polygons, tuple(c for c, _ in view.neighbours))
    show_map(maps.county_map(atlas.attrs, style, cache.web_layers(), legend), key=locator_key(adcode), height=460)
    if view.neighbours:
        with st.container(horizontal=True):
            st.caption(t("county.neighbours"))
            for code, name in view.neighbours:
                st.button(name, key=f"county_nb_{code}", on_click=choose, args=(code,), type="tertiary")


def show_programmes(view: CountyView) -> None:
    st.markdown(f"**{t('county.pairings_heading')}**")
    if view.pairings.empty:
        st.info(t("county.no_pairings", no_data=t("common.no_data")))
    else:
        for link in view.profile.pairings:
            st.markdown(f"- {link.text}")
        st.caption(t("county.pairings_via_note"))
        with st.expander(t("county.pairings_details")):
            st.dataframe(view.pairings, hide_index=True, width="stretch")
    st.markdown(f"**{t('county.sites_heading')}**")
    if view.sites.empty:
        st.info(t("county.no_sites", no_data=t("common.no_data")))
    else:
        st.dataframe(view.sites, hide_index=True, width="stretch")


def show_chart(adcode: str, name: str, chart: CountyChart) -> None:
    """The chart (or "暂无数据"), its source and unit, and a PNG download rendered on demand."""
    if chart.figure is None:
        st.markdown(f"**{chart.title}**")
        st.info(t("county.label_no_data", label=chart.title, no_data=t("common.no_data")))
        st.caption(chart.caption)
        return
    st.plotly_chart(chart.figure, key=f"county_chart_{chart.key}", config={"displaylogo": False})
    caption, button = st.columns([5, 1])
    caption.caption(chart.caption)
    if png.available():
        button.download_button(
            t("county.download_png"),
            data=functools.partial(png.cached_png, (adcode, chart.key, current_language()), chart.figure),
            file_name=t("county.png_file", name=name, adcode=adcode, title=chart.title),
            mime="image/png",
            key=f"county_png_{chart.key}",
            on_click="ignore",
            help=t("county.download_png_help"),
        )
    else:
        button.caption(t("county.png_needs_chromium"))


def profile_link(adcode: str | None, name: str | None = None) -> None:
    """A link to the county's profile page (for the overview's county panel).

    Makes ``adcode`` the shared selected county, so the profile opens on it in this
    session; the link's ``?county=`` also opens it in a new tab.
    """
    if not adcode:
        return
    if st.session_state.get(KEYS["county"]) != adcode:
        set_value(KEYS["county"], adcode)
    st.page_link(
        PAGE,
        label=t("county.profile_link", name=place(name) if name else adcode),
        icon=":material/location_city:",
        query_params={"county": adcode},
    )
