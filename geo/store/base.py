"""The storage interface every backend implements."""

from __future__ import annotations

from typing import Protocol

import geopandas as gpd
import pandas as pd

from geo.userdata.model import Dataset, DatasetMeta, SavedView


class StoreError(ValueError):
    """A storage request was refused; ``str(err)`` is a message for the user in the current language."""


class DatasetStore(Protocol):
    """Datasets and saved views. Every write is one transaction: all of it or nothing."""

    def list_datasets(self) -> list[DatasetMeta]:
        """Saved datasets, newest first."""
        ...

    def get(self, dataset_id: str) -> DatasetMeta:
        """One dataset's description; :class:`StoreError` if there is none."""
        ...

    def save(self, dataset: Dataset) -> DatasetMeta:
        """Save a new dataset atomically; :class:`StoreError` if the name is taken."""
        ...

    def values(self, dataset_id: str | None = None) -> pd.DataFrame:
        """``VALUE_COLUMNS`` of one dataset, or of all with a leading ``dataset_id`` column."""
        ...

    def features(self, dataset_id: str) -> gpd.GeoDataFrame | None:
        """The uploaded features of a boundary dataset (EPSG:4490), None for a table."""
        ...

    def rename(self, dataset_id: str, name: str) -> DatasetMeta: ...

    def delete(self, dataset_id: str) -> None: ...

    def revision(self) -> int:
        """A number that changes on every committed write (cache key for readers)."""
        ...

    def list_views(self) -> list[SavedView]:
        """Saved views, oldest first (presentation order)."""
        ...

    def save_view(self, name: str, page: str, query: str) -> SavedView: ...

    def delete_view(self, view_id: str) -> None: ...
