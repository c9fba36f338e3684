"""Readers for the curated tables in ``data/`` (see ``data/SOURCES.md``).

Plain pandas, no Streamlit: the UI layer wraps these in its caches.
"""

from __future__ import annotations

from functools import cache

import pandas as pd

from geo.paths import DATA_DIR

_CODE_COLUMNS = ("adcode", "polygon_adcode", "helper_adcode", "recipient_adcode")


def read_table(name: str) -> pd.DataFrame:
    """Read ``data/<name>.csv`` keeping codes as strings and blanks as empty strings."""
    path = DATA_DIR / f"{name}.csv"
    df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    for col in df.columns:
        if col not in _CODE_COLUMNS and col.endswith(("_year", "year")):
            df[col] = pd.to_numeric(df[col], errors="coerce").astype("Int64")
    return df


@cache
def poverty_counties() -> pd.DataFrame:
    """The 832 national poverty counties, one row each."""
    df = read_table("counties")
    df["sanqu_sanzhou"] = df["sanqu_sanzhou"].str.lower().eq("true")
    return df


@cache
def contiguous_areas() -> pd.DataFrame:
    """The 14 contiguous poor areas with their type and county counts."""
    return read_table("contiguous_areas")


@cache
def county_stats() -> pd.DataFrame:
    """Long table ``adcode, year, indicator, value, unit, source`` (see data/SOURCES.md)."""
    df = pd.read_csv(
        DATA_DIR / "county_stats.csv",
        dtype={"adcode": str, "indicator": str, "unit": str, "source": str},
        encoding="utf-8",
    )
    return df.astype({"year": "int64", "value": "float64"})


@cache
def indicators() -> pd.DataFrame:
    """Catalogue of the indicators in ``county_stats.csv``: labels, unit, source, years."""
    return read_table("indicators")


@cache
def poverty_series() -> pd.DataFrame:
    """National, macro-region and provincial poverty figures by year, with sources."""
    df = read_table("poverty_series")
    df["value"] = pd.to_numeric(df["value"], errors="coerce")
    return df


@cache
def pairings() -> pd.DataFrame:
    """East–west pairing links (2016 and 2021 arrangements)."""
    return read_table("pairings")


@cache
def relocation_sites() -> pd.DataFrame:
    """Named relocation sites with people, households and location precision."""
    return read_table("relocation_sites")
