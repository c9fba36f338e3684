"""Streamlit caches around the plain loaders in :mod:`geo` (keyed by simple values)."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import streamlit as st

from geo import boundaries, choropleth, data, overview, taxonomy, url_state
from geo.filters import FilterState


@st.cache_resource(show_spinner="首次启动：正在构建县级边界缓存（约需数秒）…")
def county_polygons(level: boundaries.Level = "national") -> gpd.GeoDataFrame:
    return boundaries.counties(level)


@st.cache_resource(show_spinner=False)
def web_layers() -> dict[str, str]:
    """URLs of the boundary files the browser loads (published once per source version)."""
    return boundaries.publish_web_layers()


@st.cache_data(show_spinner=False)
def poverty_counties() -> pd.DataFrame:
    return data.poverty_counties()


@st.cache_data(show_spinner=False)
def poverty_series() -> pd.DataFrame:
    return data.poverty_series()


@st.cache_resource(show_spinner="正在载入县级统计数据…")
def atlas_data() -> overview.AtlasData:
    """Every session-constant input of the map pages, built once per process."""
    polygons = county_polygons("national")
    poverty = data.poverty_counties()
    programmes = taxonomy.programme_counties(poverty, data.pairings(), data.relocation_sites())
    attrs = choropleth.county_attributes(polygons, poverty)
    return overview.AtlasData.build(polygons, poverty, data.county_stats(), data.indicators(), programmes, attrs)


@st.cache_resource(show_spinner=False)
def vocabulary() -> url_state.Vocabulary:
    atlas = atlas_data()
    return url_state.Vocabulary.from_tables(atlas.poverty, atlas.indicators, atlas.polygons)


@st.cache_data(show_spinner="正在计算…", max_entries=256)
def overview_view(state: FilterState, classing: overview.Classing) -> overview.OverviewView:
    return overview.build_view(state, atlas_data(), classing)
