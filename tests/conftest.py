"""Shared fixtures: the real boundary layers and gazetteer, built once per session."""

from __future__ import annotations

import os
import tempfile

import geopandas as gpd
import pytest

from geo import boundaries, choropleth, data, taxonomy
from geo.join import Gazetteer
from geo.overview import AtlasData


def pytest_configure(config: pytest.Config) -> None:  # noqa: ARG001 - pytest hook signature
    """Tests never touch a real dataset store: a fresh SQLite directory, no shared database.

    Set in the environment (not a fixture) so app servers started by browser tests inherit it.
    """
    os.environ["ATLAS_DATA_DIR"] = tempfile.mkdtemp(prefix="atlas-test-data-")
    os.environ.pop("ATLAS_DATABASE_URL", None)


@pytest.fixture(scope="session")
def national_counties() -> gpd.GeoDataFrame:
    return boundaries.counties("national")


@pytest.fixture(scope="session")
def gazetteer(national_counties: gpd.GeoDataFrame) -> Gazetteer:
    return Gazetteer.build(national_counties)


@pytest.fixture(scope="session")
def atlas(national_counties: gpd.GeoDataFrame) -> AtlasData:
    """The atlas's embedded data, assembled as the app does (without Streamlit)."""
    poverty = data.poverty_counties()
    programmes = taxonomy.programme_counties(poverty, data.pairings(), data.relocation_sites())
    attrs = choropleth.county_attributes(national_counties, poverty)
    return AtlasData.build(national_counties, poverty, data.county_stats(), data.indicators(), programmes, attrs)
