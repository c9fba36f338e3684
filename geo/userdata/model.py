"""The shape of a user dataset, shared by the importer, the stores and the pages.

A dataset is what one import saves: a description (:class:`DatasetMeta`), county values in
a long table (``VALUE_COLUMNS``) and, for boundary uploads, the uploaded features. Every
string in a dataset comes from the uploader and is untrusted: display code must escape it.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Literal

import geopandas as gpd
import pandas as pd

Kind = Literal["table", "boundaries"]

#: Columns of :attr:`Dataset.values`: ``adcode`` (6-digit current code, str), ``column`` (a
#: :attr:`Column.key`), ``year`` (nullable Int64) and ``value`` (float64).
VALUE_COLUMNS = ("adcode", "column", "year", "value")

#: Columns of :attr:`Dataset.features` besides ``geometry`` (EPSG:4490): the matched code
#: (``""`` when the feature did not match a county) and the feature's own name.
FEATURE_COLUMNS = ("adcode", "name")

MAX_NAME_CHARS = 60
MAX_SOURCE_CHARS = 300


@dataclass(frozen=True)
class Column:
    """One numeric column of an uploaded table, saved as one indicator."""

    key: str  # stable within the dataset: "c1", "c2", …
    label: str  # the uploader's column header
    unit: str = ""  # the uploader's unit, "" when none was given


@dataclass(frozen=True)
class DatasetMeta:
    """Who, what and when of a saved dataset."""

    id: str  # 32 hex characters
    name: str
    source: str
    imported_at: datetime  # timezone-aware, UTC
    kind: Kind
    filename: str
    columns: tuple[Column, ...]
    rows: int  # county rows saved (matched rows)
    join_summary: dict[str, int] = field(default_factory=dict)  # matched / unmatched / ambiguous

    @staticmethod
    def new_id() -> str:
        return uuid.uuid4().hex

    @staticmethod
    def now() -> datetime:
        return datetime.now(UTC).replace(microsecond=0)


@dataclass(frozen=True)
class Dataset:
    """A dataset ready to save, or loaded back from a store."""

    meta: DatasetMeta
    values: pd.DataFrame  # VALUE_COLUMNS
    features: gpd.GeoDataFrame | None = None  # FEATURE_COLUMNS + geometry, boundary uploads only


@dataclass(frozen=True)
class SavedView:
    """A named atlas view: the URL query string of a page (filters, indicator, county)."""

    id: str
    name: str
    page: str  # url path of the page, e.g. "" (overview) or "county"
    query: str  # e.g. "prov=52&ind=gdp"
    created_at: datetime
