"""Streamlit caches around the plain loaders in :mod:`geo` (keyed by simple values)."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import streamlit as st

from geo import boundaries, data, maps


@st.cache_resource(show_spinner="首次启动：正在构建县级边界缓存（约需数秒）…")
def county_polygons(level: boundaries.Level = "national") -> gpd.GeoDataFrame:
    return boundaries.counties(level)


@st.cache_resource(show_spinner=False)
def province_polygons(level: boundaries.Level = "national") -> gpd.GeoDataFrame:
    return boundaries.provinces(level)


@st.cache_resource(show_spinner=False)
def border_lines() -> gpd.GeoDataFrame:
    return boundaries.border_lines()


@st.cache_data(show_spinner=False)
def poverty_counties() -> pd.DataFrame:
    return data.poverty_counties()


@st.cache_resource(show_spinner="正在准备地图图层…")
def exit_year_layer(level: boundaries.Level = "national") -> gpd.GeoDataFrame:
    return maps.exit_year_layer(county_polygons(level), poverty_counties())
