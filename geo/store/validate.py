"""Checks a dataset or a view before anything is written, and turns it into table rows.

Every problem raises :class:`~geo.store.base.StoreError` with a Chinese message that says what is
wrong and what to do. Strings are stored verbatim (display code escapes them); only characters a
database cannot hold (NUL, lone surrogates) are refused everywhere, and names additionally refuse
control and bidirectional-override characters, which would make two names look alike in a list.
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
    return "、".join(shown)


def check_text(value: object, what: str, *, limit: int) -> str:
    """A string the databases can hold (no NUL, no lone surrogate), at most ``limit`` characters."""
    if not isinstance(value, str):
        raise StoreError(f"{what}必须是文字（现在是 {type(value).__name__}），请检查导入程序。")
    if len(value) > limit:
        raise StoreError(f"{what}最多 {limit} 个字符（现在 {len(value)} 个），请缩短后再保存。")
    if "\x00" in value or any(unicodedata.category(ch) == "Cs" for ch in value):
        raise StoreError(f"{what}含有无法保存的字符（NUL 或残缺的编码），请清理该文字后再保存。")
    return value


def check_name(value: object, what: str = "名称") -> str:
    """A display name: stripped, non-empty, at most :data:`MAX_NAME_CHARS`, no control characters."""
    if not isinstance(value, str):
        raise StoreError(f"{what}必须是文字，请重新填写。")
    name = value.strip()
    if not name:
        raise StoreError(f"{what}不能为空，请填写一个名称。")
    check_text(name, what, limit=MAX_NAME_CHARS)
    if any(unicodedata.category(ch) == "Cc" or ch in _BIDI_CONTROLS for ch in name):
        raise StoreError(f"{what}含有换行、制表符或其他不可见的控制字符，请删除这些字符后再保存。")
    return name


def check_id(value: object, what: str = "数据集") -> str:
    if not isinstance(value, str) or not _ID.fullmatch(value):
        raise StoreError(f"{what}编号“{_show(value)}”无效（应为32位十六进制），请刷新页面后重试。")
    return value


def check_time(value: object, what: str) -> datetime:
    if not isinstance(value, datetime) or value.tzinfo is None or value.utcoffset() is None:
        raise StoreError(f"{what}必须是带时区的时间（UTC），请检查导入程序。")
    return value


def _check_columns(columns: object) -> tuple[Column, ...]:
    if not isinstance(columns, tuple) or not all(isinstance(col, Column) for col in columns):
        raise StoreError("数据集的指标列（columns）必须是 Column 的元组，请检查导入程序。")
    keys = [col.key for col in columns]
    for col in columns:
        key = check_text(col.key, "指标列的键", limit=MAX_KEY_CHARS)
        if not key.strip():
            raise StoreError("指标列的键不能为空，请检查导入程序。")
        check_text(col.label, f"指标列“{_show(key)}”的标题", limit=MAX_LABEL_CHARS)
        check_text(col.unit, f"指标列“{_show(key)}”的单位", limit=MAX_LABEL_CHARS)
    duplicated = sorted({key for key in keys if keys.count(key) > 1})
    if duplicated:
        raise StoreError(f"指标列的键重复：{_examples(duplicated)}，请让每一列的键各不相同。")
    return columns


def check_meta(meta: object) -> DatasetMeta:
    """The meta with its name and source stripped; :class:`StoreError` on any invalid field."""
    if not isinstance(meta, DatasetMeta):
        raise StoreError("数据集说明（meta）必须是 DatasetMeta，请检查导入程序。")
    check_id(meta.id)
    name = check_name(meta.name, "数据集名称")
    source = meta.source.strip() if isinstance(meta.source, str) else meta.source
    source = check_text(source, "来源说明", limit=MAX_SOURCE_CHARS)
    check_time(meta.imported_at, "导入时间")
    if meta.kind not in KINDS:
        raise StoreError(f"数据集类型“{_show(meta.kind)}”无效（应为 table 或 boundaries），请检查导入程序。")
    check_text(meta.filename, "文件名", limit=MAX_FILENAME_CHARS)
    _check_columns(meta.columns)
    if isinstance(meta.rows, bool) or not isinstance(meta.rows, int | np.integer) or meta.rows < 0:
        raise StoreError(f"行数“{_show(meta.rows)}”无效（应为非负整数），请检查导入程序。")
    summary = meta.join_summary
    if not isinstance(summary, dict) or not all(
        isinstance(key, str) and isinstance(count, int | np.integer) and not isinstance(count, bool)
        for key, count in summary.items()
    ):
        raise StoreError("匹配统计（join_summary）必须是“名称 → 整数”的字典，请检查导入程序。")
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
        raise StoreError(f"年份必须是整数或留空，以下值无效：{_examples(bad)}，请检查年份列。")
    out_of_range = [year for year in years if year is not None and not MIN_YEAR <= year <= MAX_YEAR]
    if out_of_range:
        raise StoreError(
            f"年份应在 {MIN_YEAR}–{MAX_YEAR} 之间，以下年份超出范围：{_examples(out_of_range)}，请检查年份列。"
        )
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
            raise StoreError(f"数值必须是数字，以下值无效：{_examples(non_numeric)}，请检查数值列。")
        values = np.array([np.nan if _missing(item) else float(item) for item in items], dtype="float64")
    bad = ~np.isfinite(values)
    if bad.any():
        raise StoreError(
            f"数值中有 {int(bad.sum())} 个缺失或无穷大的值，请删除这些行（缺失的数据不必保存）后重新导入。"
        )
    return values


def value_rows(values: object, column_keys: Iterable[str]) -> list[dict[str, Any]]:
    """The ``atlas_dataset_values`` rows (without ``dataset_id``) of a ``VALUE_COLUMNS`` frame."""
    if not isinstance(values, pd.DataFrame):
        raise StoreError("数值表必须是 DataFrame，请检查导入程序。")
    columns = [str(col) for col in values.columns]
    if sorted(columns) != sorted(VALUE_COLUMNS):
        raise StoreError(
            f"数值表的列应当正好是 {'、'.join(VALUE_COLUMNS)}（现在是 {'、'.join(columns) or '无'}），请检查导入程序。"
        )
    adcodes = values["adcode"].astype(object).tolist()
    bad_codes = [code for code in adcodes if not (isinstance(code, str) and _ADCODE.fullmatch(code))]
    if bad_codes:
        raise StoreError(
            f"数值表中有 {len(bad_codes)} 个区划代码不是6位数字：{_examples(bad_codes)}，请核对县代码后重新导入。"
        )
    keys = set(column_keys)
    names = values["column"].astype(object).tolist()
    unknown = [name for name in names if not isinstance(name, str) or name not in keys]
    if unknown:
        raise StoreError(
            f"数值表引用了数据集说明中没有的指标列：{_examples(unknown)}，请在 columns 中登记这些列后再保存。"
        )
    years = _years(values["year"])
    numbers = _numbers(values["value"]).tolist()
    seen: set[tuple[str, str, int | None]] = set()
    duplicated: list[str] = []
    for code, name, year in zip(adcodes, names, years, strict=True):
        if (code, name, year) in seen:
            duplicated.append(f"{code} {name} {year if year is not None else '（无年份）'}")
        seen.add((code, name, year))
    if duplicated:
        raise StoreError(
            f"同一县、同一指标、同一年份出现了多次：{_examples(duplicated)}，请合并或删除重复的行后重新导入。"
        )
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
        raise StoreError("边界要素必须是带几何列的 GeoDataFrame，请检查导入程序。")
    columns = [str(col) for col in features.columns if col != geometry_name]
    if sorted(columns) != sorted(FEATURE_COLUMNS):
        raise StoreError(
            f"边界要素的属性列应当正好是 {'、'.join(FEATURE_COLUMNS)}（现在是 {'、'.join(columns) or '无'}），"
            "请检查导入程序。"
        )
    if features.crs is None or features.crs.to_epsg() != 4490:
        raise StoreError("边界要素必须使用 CGCS2000 经纬度坐标（EPSG:4490），请先转换坐标系后再保存。")
    adcodes = features["adcode"].astype(object).tolist()
    bad_codes = [code for code in adcodes if not (isinstance(code, str) and (code == "" or _ADCODE.fullmatch(code)))]
    if bad_codes:
        raise StoreError(
            f"边界要素中有 {len(bad_codes)} 个区划代码既不是6位数字也不是空白：{_examples(bad_codes)}，请检查导入程序。"
        )
    names = [check_text(name, "要素名称", limit=MAX_LABEL_CHARS) for name in features["name"].astype(object)]
    geoms = features.geometry.to_numpy()
    if not all(geom is None or isinstance(geom, shapely.Geometry) for geom in geoms):
        raise StoreError("边界要素的几何列含有不是几何图形的值，请检查导入程序。")
    wkbs = shapely.to_wkb(geoms, output_dimension=2, include_srid=False)
    return [
        {"fid": fid, "adcode": code, "name": name, "wkb": None if wkb is None else bytes(wkb)}
        for fid, (code, name, wkb) in enumerate(zip(adcodes, names, wkbs, strict=True))
    ]


def check_dataset(dataset: object) -> tuple[DatasetMeta, list[dict[str, Any]], list[dict[str, Any]] | None]:
    """A dataset's checked meta, value rows and feature rows (None for a table)."""
    if not isinstance(dataset, Dataset):
        raise StoreError("要保存的对象必须是 Dataset，请检查导入程序。")
    meta = check_meta(dataset.meta)
    rows = value_rows(dataset.values, (col.key for col in meta.columns))
    if meta.kind == "table" and dataset.features is not None:
        raise StoreError("统计表类数据集不应带边界要素，请将类型设为 boundaries 或去掉要素。")
    if meta.kind == "boundaries" and dataset.features is None:
        raise StoreError("边界类数据集缺少边界要素，请重新上传边界文件。")
    features = None if dataset.features is None else feature_rows(dataset.features)
    return meta, rows, features


def check_view(name: object, page: object, query: object) -> tuple[str, str, str]:
    """A saved view's name, page path and query string, checked."""
    name = check_name(name, "视图名称")
    page = check_text(page, "页面路径", limit=MAX_PAGE_CHARS)
    if not _PAGE.fullmatch(page):
        raise StoreError(f"页面路径“{_show(page)}”无效（只能含小写字母、数字、- 和 _），请从地图页面保存视图。")
    query = check_text(query, "视图参数", limit=MAX_QUERY_CHARS)
    if any(unicodedata.category(ch) == "Cc" or ch.isspace() for ch in query):
        raise StoreError("视图参数（链接中的查询字符串）不能含空白或控制字符，请从地图页面保存视图。")
    return name, page, query
