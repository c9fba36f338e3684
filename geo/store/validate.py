"""Checks a dataset or a view before anything is written, and turns it into table rows.

Every problem raises :class:`~geo.store.base.StoreError` with a message (``store.*`` in
``geo/i18n/catalogue/data.toml``, in the current language) that says what is wrong and what to
do. Strings are stored verbatim (display code escapes them); only characters a database cannot
hold (NUL, lone surrogates) are refused everywhere, and names additionally refuse control and
bidirectional-override characters, which would make two names look alike in a list.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.i18n import t
from geo.store.base import StoreError
from geo.userdata.model import (
    FEATURE_COLUMNS,
    MAX_NAME_CHARS,
    MAX_SOURCE_CHARS,
    VALUE_COLUMNS,
    Column,
    Dataset,
    DatasetMeta,
)

MAX_FILENAME_CHARS = 255
MAX_LABEL_CHARS = 500
MAX_KEY_CHARS = 32
MAX_PAGE_CHARS = 64
MAX_QUERY_CHARS = 2000
MIN_YEAR, MAX_YEAR = 1900, 2100
KINDS = ("table", "boundaries")

_ID = re.compile(r"[0-9a-f]{32}")
_ADCODE = re.compile(r"[0-9]{6}")
_PAGE = re.compile(r"[a-z0-9_-]*")
_BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_EXAMPLES = 3


def _show(value: object, limit: int = 20) -> str:
    """A user value quoted in a message: short, on one line (display code still escapes it)."""
    text = "".join(ch if ch.isprintable() else "\ufffd" for ch in str(value))
    return text if len(text) <= limit else text[:limit] + "…"


def _examples(values: Iterable[object]) -> str:
    shown: list[str] = []
    for value in values:
        text = f"“{_show(value)}”"
        if text not in shown:
            shown.append(text)
        if len(shown) == _EXAMPLES:
            break
    return t("common.list_separator").join(shown)


def _listed(names: Iterable[str]) -> str:
    return t("common.list_separator").join(names) or t("store.nothing")


def check_text(value: object, what: str, *, limit: int) -> str:
    """A string the databases can hold (no NUL, no lone surrogate), at most ``limit`` characters.

    ``what`` names the value in messages, in the current language (e.g. ``t("store.what_filename")``).
    """
    if not isinstance(value, str):
        raise StoreError(t("store.not_text", what=what, type=type(value).__name__))
    if len(value) > limit:
        raise StoreError(t("store.too_long", what=what, limit=limit, count=len(value)))
    if "\x00" in value or any(unicodedata.category(ch) == "Cs" for ch in value):
        raise StoreError(t("store.unsavable_characters", what=what))
    return value


def check_name(value: object, what: str | None = None) -> str:
    """A display name: stripped, non-empty, at most :data:`MAX_NAME_CHARS`, no control characters.

    ``what`` names it in messages (default ``t("store.what_name")``).
    """
    what = what or t("store.what_name")
    if not isinstance(value, str):
        raise StoreError(t("store.name_not_text", what=what))
    name = value.strip()
    if not name:
        raise StoreError(t("store.name_empty", what=what))
    check_text(name, what, limit=MAX_NAME_CHARS)
    if any(unicodedata.category(ch) == "Cc" or ch in _BIDI_CONTROLS for ch in name):
        raise StoreError(t("store.name_control", what=what))
    return name


def check_id(value: object, what: str | None = None) -> str:
    """A 32-hex-digit id; ``what`` names its object in messages (default ``t("store.what_dataset")``)."""
    if not isinstance(value, str) or not _ID.fullmatch(value):
        raise StoreError(t("store.bad_id", what=what or t("store.what_dataset"), id=_show(value)))
    return value


def check_time(value: object, what: str) -> datetime:
    if not isinstance(value, datetime) or value.tzinfo is None or value.utcoffset() is None:
        raise StoreError(t("store.naive_time", what=what))
    return value


def _check_columns(columns: object) -> tuple[Column, ...]:
    if not isinstance(columns, tuple) or not all(isinstance(col, Column) for col in columns):
        raise StoreError(t("store.columns_type"))
    keys = [col.key for col in columns]
    for col in columns:
        key = check_text(col.key, t("store.what_column_key"), limit=MAX_KEY_CHARS)
        if not key.strip():
            raise StoreError(t("store.column_key_empty"))
        check_text(col.label, t("store.what_column_label", column=_show(key)), limit=MAX_LABEL_CHARS)
        check_text(col.unit, t("store.what_column_unit", column=_show(key)), limit=MAX_LABEL_CHARS)
    duplicated = sorted({key for key in keys if keys.count(key) > 1})
    if duplicated:
        raise StoreError(t("store.column_keys_repeated", keys=_examples(duplicated)))
    return columns


def check_meta(meta: object) -> DatasetMeta:
    """The meta with its name and source stripped; :class:`StoreError` on any invalid field."""
    if not isinstance(meta, DatasetMeta):
        raise StoreError(t("store.meta_type"))
    check_id(meta.id)
    name = check_name(meta.name, t("store.what_dataset_name"))
    source = meta.source.strip() if isinstance(meta.source, str) else meta.source
    source = check_text(source, t("store.what_source"), limit=MAX_SOURCE_CHARS)
    check_time(meta.imported_at, t("store.what_import_time"))
    if meta.kind not in KINDS:
        raise StoreError(t("store.bad_kind", kind=_show(meta.kind)))
    check_text(meta.filename, t("store.what_filename"), limit=MAX_FILENAME_CHARS)
    _check_columns(meta.columns)
    if isinstance(meta.rows, bool) or not isinstance(meta.rows, int | np.integer) or meta.rows < 0:
        raise StoreError(t("store.bad_rows", rows=_show(meta.rows)))
    summary = meta.join_summary
    if not isinstance(summary, dict) or not all(
        isinstance(key, str) and isinstance(count, int | np.integer) and not isinstance(count, bool)
        for key, count in summary.items()
    ):
        raise StoreError(t("store.bad_join_summary"))
    counts = {key: int(count) for key, count in summary.items()}
    return replace(meta, name=name, source=source, rows=int(meta.rows), join_summary=counts)


def meta_row(meta: DatasetMeta) -> dict[str, Any]:
    """The ``atlas_datasets`` row of a checked meta (without ``seq``)."""
    return {
        "id": meta.id,
        "name": meta.name,
        "source": meta.source,
        "imported_at": meta.imported_at,
        "kind": meta.kind,
        "filename": meta.filename,
        "columns": json.dumps(
            [{"key": col.key, "label": col.label, "unit": col.unit} for col in meta.columns], ensure_ascii=False
        ),
        "rows": meta.rows,
        "join_summary": json.dumps(meta.join_summary, ensure_ascii=False, sort_keys=True),
    }


def _missing(item: object) -> bool:
    return item is None or (np.ndim(item) == 0 and not isinstance(item, str) and pd.isna(item) is True)


def _years(series: pd.Series) -> list[int | None]:
    """Nullable whole-number years; :class:`StoreError` for anything else."""
    bad: list[object] = []
    years: list[int | None] = []
    for item in series.astype(object):
        missing = _missing(item)
        whole = (isinstance(item, int | np.integer) and not isinstance(item, bool | np.bool_)) or (
            isinstance(item, float | np.floating) and float(item).is_integer()
        )
        if missing or whole:
            years.append(None if missing else int(item))
        else:
            bad.append(item)
            years.append(None)
    if bad:
        raise StoreError(t("store.bad_years", values=_examples(bad)))
    out_of_range = [year for year in years if year is not None and not MIN_YEAR <= year <= MAX_YEAR]
    if out_of_range:
        raise StoreError(t("store.years_out_of_range", min=MIN_YEAR, max=MAX_YEAR, values=_examples(out_of_range)))
    return years


def _numbers(series: pd.Series) -> np.ndarray:
    """Finite float64 values; :class:`StoreError` for text, booleans, missing or infinite values."""
    if pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series):
        values = series.astype("Float64").to_numpy(dtype="float64", na_value=np.nan)
    else:  # object (or bool) column: each item must be a number
        items = series.astype(object).tolist()
        non_numeric = [
            item
            for item in items
            if not _missing(item)
            and (isinstance(item, bool | np.bool_) or not isinstance(item, int | float | np.integer | np.floating))
        ]
        if non_numeric:
            raise StoreError(t("store.non_numeric", values=_examples(non_numeric)))
        values = np.array([np.nan if _missing(item) else float(item) for item in items], dtype="float64")
    bad = ~np.isfinite(values)
    if bad.any():
        raise StoreError(t("store.not_finite", count=int(bad.sum())))
    return values


def value_rows(values: object, column_keys: Iterable[str]) -> list[dict[str, Any]]:
    """The ``atlas_dataset_values`` rows (without ``dataset_id``) of a ``VALUE_COLUMNS`` frame."""
    if not isinstance(values, pd.DataFrame):
        raise StoreError(t("store.values_type"))
    columns = [str(col) for col in values.columns]
    if sorted(columns) != sorted(VALUE_COLUMNS):
        raise StoreError(t("store.value_columns", expected=_listed(VALUE_COLUMNS), found=_listed(columns)))
    adcodes = values["adcode"].astype(object).tolist()
    bad_codes = [code for code in adcodes if not (isinstance(code, str) and _ADCODE.fullmatch(code))]
    if bad_codes:
        raise StoreError(t("store.bad_value_codes", count=len(bad_codes), codes=_examples(bad_codes)))
    keys = set(column_keys)
    names = values["column"].astype(object).tolist()
    unknown = [name for name in names if not isinstance(name, str) or name not in keys]
    if unknown:
        raise StoreError(t("store.unknown_columns", columns=_examples(unknown)))
    years = _years(values["year"])
    numbers = _numbers(values["value"]).tolist()
    seen: set[tuple[str, str, int | None]] = set()
    duplicated: list[str] = []
    for code, name, year in zip(adcodes, names, years, strict=True):
        if (code, name, year) in seen:
            duplicated.append(f"{code} {name} {year if year is not None else t('store.no_year')}")
        seen.add((code, name, year))
    if duplicated:
        raise StoreError(t("store.duplicate_values", rows=_examples(duplicated)))
    return [
        {"seq": seq, "adcode": code, "column": name, "year": year, "value": number}
        for seq, (code, name, year, number) in enumerate(zip(adcodes, names, years, numbers, strict=True))
    ]


def feature_rows(features: object) -> list[dict[str, Any]]:
    """The ``atlas_dataset_features`` rows (without ``dataset_id``), geometries as 2-D WKB."""
    try:
        geometry_name = features.geometry.name  # type: ignore[union-attr]
    except AttributeError:  # not a GeoDataFrame, or one without an active geometry column
        geometry_name = None
    if not isinstance(features, gpd.GeoDataFrame) or geometry_name is None:
        raise StoreError(t("store.features_type"))
    columns = [str(col) for col in features.columns if col != geometry_name]
    if sorted(columns) != sorted(FEATURE_COLUMNS):
        raise StoreError(t("store.feature_columns", expected=_listed(FEATURE_COLUMNS), found=_listed(columns)))
    if features.crs is None or features.crs.to_epsg() != 4490:
        raise StoreError(t("store.features_crs"))
    adcodes = features["adcode"].astype(object).tolist()
    bad_codes = [code for code in adcodes if not (isinstance(code, str) and (code == "" or _ADCODE.fullmatch(code)))]
    if bad_codes:
        raise StoreError(t("store.bad_feature_codes", count=len(bad_codes), codes=_examples(bad_codes)))
    what = t("store.what_feature_name")
    names = [check_text(name, what, limit=MAX_LABEL_CHARS) for name in features["name"].astype(object)]
    geoms = features.geometry.to_numpy()
    if not all(geom is None or isinstance(geom, shapely.Geometry) for geom in geoms):
        raise StoreError(t("store.not_geometries"))
    wkbs = shapely.to_wkb(geoms, output_dimension=2, include_srid=False)
    return [
        {"fid": fid, "adcode": code, "name": name, "wkb": None if wkb is None else bytes(wkb)}
        for fid, (code, name, wkb) in enumerate(zip(adcodes, names, wkbs, strict=True))
    ]


def check_dataset(dataset: object) -> tuple[DatasetMeta, list[dict[str, Any]], list[dict[str, Any]] | None]:
    """A dataset's checked meta, value rows and feature rows (None for a table)."""
    if not isinstance(dataset, Dataset):
        raise StoreError(t("store.dataset_type"))
    meta = check_meta(dataset.meta)
    rows = value_rows(dataset.values, (col.key for col in meta.columns))
    if meta.kind == "table" and dataset.features is not None:
        raise StoreError(t("store.table_with_features"))
    if meta.kind == "boundaries" and dataset.features is None:
        raise StoreError(t("store.boundaries_without_features"))
    features = None if dataset.features is None else feature_rows(dataset.features)
    return meta, rows, features


def check_view(name: object, page: object, query: object) -> tuple[str, str, str]:
    """A saved view's name, page path and query string, checked."""
    name = check_name(name, t("store.what_view_name"))
    page = check_text(page, t("store.what_page"), limit=MAX_PAGE_CHARS)
    if not _PAGE.fullmatch(page):
        raise StoreError(t("store.bad_page", page=_show(page)))
    query = check_text(query, t("store.what_query"), limit=MAX_QUERY_CHARS)
    if any(unicodedata.category(ch) == "Cc" or ch.isspace() for ch in query):
        raise StoreError(t("store.bad_query"))
    return name, page, query
