"""Shared fixtures of the relocation tests: the totals table, the prepared sites, the atlas data."""

from __future__ import annotations

import pandas as pd
import pytest

from geo import data
from geo.relocation.sites import prepare_sites


@pytest.fixture(scope="module")
def totals() -> pd.DataFrame:
    return data.read_table("relocation_totals")


@pytest.fixture(scope="module")
def sites() -> pd.DataFrame:
    return prepare_sites(data.relocation_sites(), data.poverty_counties())
