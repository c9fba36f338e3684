"""Shared fixtures of the relocation tests: the totals table, the prepared sites, the atlas data."""

from __future__ import annotations

import pandas as pd
import pytest

from geo import choropleth, data, taxonomy
from geo.overview import AtlasData
from geo.relocation.sites import prepare_sites


@pytest.fixture(scope="module")
def totals() -> pd.DataFrame:
    return data.read_table("relocation_totals")


@pytest.fixture(scope="module")
def sites() -> pd.DataFrame:
    return prepare_sites(data.relocation_sites(), data.poverty_counties())


@pytest.fixture(scope="module")
def atlas(national_counties) -> AtlasData:
    poverty = data.poverty_counties()
    programmes = taxonomy.programme_counties(poverty, data.pairings(), data.relocation_sites())
    attrs = choropleth.county_attributes(national_counties, poverty)
    stats = pd.DataFrame(columns=["adcode", "year", "indicator", "value", "unit", "source"])  # not used here
    return AtlasData.build(national_counties, poverty, stats, data.indicators(), programmes, attrs)
