"""Shared fixtures: the real boundary layers and gazetteer, built once per session."""

from __future__ import annotations

import geopandas as gpd
import pytest

from geo import boundaries
from geo.join import Gazetteer


@pytest.fixture(scope="session")
def national_counties() -> gpd.GeoDataFrame:
    return boundaries.counties("national")


@pytest.fixture(scope="session")
def gazetteer(national_counties: gpd.GeoDataFrame) -> Gazetteer:
    return Gazetteer.build(national_counties)
