"""Streamlit caches around the plain loaders in :mod:`geo` (keyed by simple values)."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import streamlit as st

from geo import boundaries, choropleth, data


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


@st.cache_resource(show_spinner=False)
def county_attributes() -> choropleth.CountyAttributes:
    return choropleth.county_attributes(county_polygons("national"), poverty_counties())
