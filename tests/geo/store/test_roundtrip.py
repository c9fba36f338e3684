"""Save → list / get / values / features on both backends, and what survives reopening."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta, timezone

import numpy as np
import pandas as pd
import pytest
import shapely
from sqlalchemy import text

from geo.store import SqlStore, open_store
from geo.userdata.model import VALUE_COLUMNS, Column, Dataset

HOSTILE_NAME = "<img src=x onerror=alert(1)>"
HOSTILE_FORMULA = '=HYPERLINK("x")'
HOSTILE_SQL = "'); DROP TABLE atlas_datasets; --"


def assert_values_equal(got: pd.DataFrame, expected: pd.DataFrame) -> None:
    assert list(got.columns) == list(VALUE_COLUMNS)
    assert [str(t) for t in got.dtypes] == ["str", "str", "Int64", "float64"]
    pd.testing.assert_frame_equal(
        got.reset_index(drop=True), expected[list(VALUE_COLUMNS)].reset_index(drop=True), check_dtype=False
    )


def test_table_round_trip(store: SqlStore, make_dataset) -> None:
    dataset = make_dataset(rows=9)
    saved = store.save(dataset)
    assert saved == dataset.meta
    assert store.list_datasets() == [dataset.meta]
    assert store.get(dataset.meta.id) == dataset.meta
    got = store.values(dataset.meta.id)
    assert_values_equal(got, dataset.values)
    assert got["year"].isna().sum() == 3  # nullable year kept as <NA>
    assert store.features(dataset.meta.id) is None  # a table has no features


def test_hostile_and_chinese_strings_are_stored_verbatim(store: SqlStore, make_dataset) -> None:
    base = make_dataset(HOSTILE_NAME, source=HOSTILE_FORMULA)
    columns = (Column("c1", HOSTILE_SQL, '"元"'), Column("c2", "=1+1", "<b>万人</b>"))
    meta = base.meta.__class__(
        **{**base.meta.__dict__, "columns": columns, "filename": "../../etc/passwd.csv", "join_summary": {"匹配": 3}}
    )
    store.save(Dataset(meta, base.values))
    (got,) = store.list_datasets()
    assert got.name == HOSTILE_NAME
    assert got.source == HOSTILE_FORMULA
    assert got.columns == columns
    assert got.filename == "../../etc/passwd.csv"
    assert got.join_summary == {"匹配": 3}
    assert store.values(meta.id)["column"].tolist() == base.values["column"].tolist()


def test_name_and_source_are_stripped(store: SqlStore, make_dataset) -> None:
    dataset = make_dataset("  贵州省县域统计 \t", source="  统计年鉴  ")
    saved = store.save(dataset)
    assert (saved.name, saved.source) == ("贵州省县域统计", "统计年鉴")
    assert store.get(dataset.meta.id).name == "贵州省县域统计"


def test_times_come_back_as_utc(store: SqlStore, make_dataset) -> None:
    beijing = timezone(timedelta(hours=8))
    dataset = make_dataset(imported_at=datetime(2024, 5, 1, 8, 30, 15, 123456, tzinfo=beijing))
    store.save(dataset)
    got = store.get(dataset.meta.id).imported_at
    assert got == datetime(2024, 5, 1, 0, 30, 15, 123456, tzinfo=UTC)
    assert got.utcoffset() == timedelta(0)


def test_list_is_newest_first_with_ties_in_save_order(store: SqlStore, make_dataset, when) -> None:
    old = make_dataset("甲", imported_at=when(1))
    new = make_dataset("乙", imported_at=when(5))
    same_time_later = make_dataset("丙", imported_at=when(5))
    for dataset in (old, new, same_time_later):
        store.save(dataset)
    assert [meta.name for meta in store.list_datasets()] == ["丙", "乙", "甲"]


def test_boundaries_round_trip_exact_geometry(store: SqlStore, make_dataset) -> None:
    dataset = make_dataset("上传的县界", boundaries=True)
    store.save(dataset)
    got = store.features(dataset.meta.id)
    assert got is not None
    assert got.crs.to_epsg() == 4490
    assert list(got.columns) == ["adcode", "name", "geometry"]
    assert got["adcode"].tolist() == ["110101", "", "110102"]
    assert got["name"].tolist() == ["东城区", "<script>alert(1)</script>", "西城区"]
    # Byte-exact coordinates, holes and multi-parts.
    assert shapely.to_wkb(got.geometry.to_numpy()).tolist() == shapely.to_wkb(dataset.features.geometry).tolist()


@pytest.mark.postgres
@pytest.mark.parametrize("store_url", ["postgres"], indirect=True)
def test_postgis_column_is_a_real_geometry_with_srid_4490(store: SqlStore, make_dataset) -> None:
    assert store.backend == "postgresql"
    store.save(make_dataset(boundaries=True))
    with store.engine.connect() as conn:
        column = conn.execute(
            text(
                "SELECT type, srid FROM geometry_columns "
                "WHERE f_table_schema = current_schema() AND f_table_name = 'atlas_dataset_features'"
            )
        ).one()
        assert tuple(column) == ("GEOMETRY", 4490)
        srids = conn.execute(text("SELECT DISTINCT ST_SRID(geometry) FROM atlas_dataset_features")).scalars().all()
        assert srids == [4490]
        # Spatial functions work on it: the stored multipolygon contains a point of its second part.
        point = "ST_SetSRID(ST_Point(101.05, 30.05), 4490)"
        hits = conn.execute(text(f"SELECT name FROM atlas_dataset_features WHERE ST_Contains(geometry, {point})"))
        assert hits.scalars().all() == ["<script>alert(1)</script>"]


def test_values_of_all_datasets_have_a_leading_dataset_id(store: SqlStore, make_dataset) -> None:
    first, second = make_dataset("甲", rows=4), make_dataset("乙", rows=6)
    store.save(first)
    store.save(second)
    got = store.values()
    assert list(got.columns) == ["dataset_id", *VALUE_COLUMNS]
    assert str(got["dataset_id"].dtype) == "str"
    for dataset in (first, second):
        part = got[got["dataset_id"] == dataset.meta.id].drop(columns="dataset_id")
        assert_values_equal(part, dataset.values)


def test_empty_store(store: SqlStore) -> None:
    assert store.list_datasets() == []
    assert store.list_views() == []
    got = store.values()
    assert got.empty
    assert [str(t) for t in got.dtypes] == ["str", "str", "str", "Int64", "float64"]


def test_survives_reopening_with_a_new_engine(store_url: str, make_dataset) -> None:
    first = open_store(store_url)
    dataset = make_dataset("重启后仍在", boundaries=True)
    first.save(dataset)
    view = first.save_view("贵州收入", "", "prov=52&ind=gdp")
    revision = first.revision()
    first.close()

    second = open_store(store_url)
    try:
        assert second is not first
        assert second.engine is not first.engine
        assert second.list_datasets() == [dataset.meta]
        assert_values_equal(second.values(dataset.meta.id), dataset.values)
        assert second.features(dataset.meta.id) is not None
        assert second.list_views() == [view]
        assert second.revision() == revision
    finally:
        second.close()


def test_values_of_all_datasets_load_fast(store: SqlStore, make_dataset) -> None:
    """The atlas indicators read every dataset on each rerun: 3 × 3,000 rows in well under 100 ms."""
    for name in ("甲", "乙", "丙"):
        dataset = make_dataset(name, rows=3000)
        store.save(dataset)
    timings = []
    for _ in range(3):
        start = time.perf_counter()
        got = store.values()
        timings.append(time.perf_counter() - start)
    assert len(got) == 9000
    assert np.isfinite(got["value"]).all()
    assert min(timings) < 0.1, timings
