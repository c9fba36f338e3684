"""Shared fixtures of the pairing tests: the resolved links and the county attributes."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pytest

from geo import choropleth, data
from geo.pairing.endpoints import resolve


@pytest.fixture(scope="module")
def links(national_counties: gpd.GeoDataFrame) -> pd.DataFrame:
    return resolve(data.pairings(), national_counties)


@pytest.fixture(scope="module")
def attrs(national_counties: gpd.GeoDataFrame) -> choropleth.CountyAttributes:
    return choropleth.county_attributes(national_counties, data.poverty_counties())
