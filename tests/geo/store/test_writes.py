"""Writes on both backends: validation, name clashes, rename, delete, revision, atomicity, views."""

from __future__ import annotations

import re
import threading
from dataclasses import replace
from datetime import datetime

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from sqlalchemy import func, select

from geo.store import SqlStore, StoreError, open_store, sql
from geo.store.schema import dataset_features, dataset_values, datasets, schema_info
from geo.userdata.model import MAX_NAME_CHARS, MAX_SOURCE_CHARS, Column, Dataset

_CJK = re.compile(r"[\u4e00-\u9fff]")


def chinese(err: pytest.ExceptionInfo[StoreError], *fragments: str) -> str:
    """A Chinese sentence that says what to do, containing ``fragments``."""
    message = str(err.value)
    assert len(_CJK.findall(message)) >= 8 and "请" in message, message
    for fragment in fragments:
        assert fragment in message, (fragment, message)
    return message


def row_counts(store: SqlStore, dataset_id: str | None = None) -> tuple[int, int, int]:
    """Rows in the datasets, values and features tables (of one dataset when given)."""
    counts = []
    with store.engine.connect() as conn:
        for table in (datasets, dataset_values, dataset_features):
            key = table.c.id if table is datasets else table.c.dataset_id
            query = select(func.count()).select_from(table)
            counts.append(conn.execute(query if dataset_id is None else query.where(key == dataset_id)).scalar_one())
    return counts[0], counts[1], counts[2]


# ------------------------------------------------------------------------------- name clashes


def test_duplicate_name_is_refused_and_nothing_written(store: SqlStore, make_dataset) -> None:
    store.save(make_dataset("贵州省收入"))
    before, revision = row_counts(store), store.revision()
    with pytest.raises(StoreError) as err:
        store.save(make_dataset(" 贵州省收入 ", rows=50, boundaries=True))  # same name once stripped
    chinese(err, "已有名为“贵州省收入”的数据集", "换一个名称")
    assert row_counts(store) == before
    assert store.revision() == revision


def test_saving_the_same_dataset_twice_is_refused(store: SqlStore, make_dataset) -> None:
    dataset = make_dataset("甲")
    store.save(dataset)
    with pytest.raises(StoreError) as err:
        store.save(replace(dataset, meta=replace(dataset.meta, name="乙")))
    chinese(err, "已经保存过")
    assert [meta.name for meta in store.list_datasets()] == ["甲"]


# ------------------------------------------------------------------------------- validation


def _values(dataset: Dataset, **changes: object) -> Dataset:
    values = dataset.values.copy()
    for column, value in changes.items():
        values[column] = values[column].astype(object)
        values.loc[0, column] = value
    return replace(dataset, values=values)


def _meta(dataset: Dataset, **changes: object) -> Dataset:
    return replace(dataset, meta=replace(dataset.meta, **changes))


INVALID = {
    "empty name": (lambda d: _meta(d, name="  \t "), ["名称不能为空"]),
    "long name": (lambda d: _meta(d, name="县" * (MAX_NAME_CHARS + 1)), [f"最多 {MAX_NAME_CHARS} 个字符"]),
    "newline in name": (lambda d: _meta(d, name="第一行\n第二行"), ["控制字符"]),
    "bidi override in name": (lambda d: _meta(d, name="abc\u202edcba"), ["控制字符"]),
    "long source": (lambda d: _meta(d, source="源" * (MAX_SOURCE_CHARS + 1)), [f"最多 {MAX_SOURCE_CHARS} 个字符"]),
    "NUL in source": (lambda d: _meta(d, source="a\x00b"), ["无法保存的字符"]),
    "naive time": (lambda d: _meta(d, imported_at=datetime(2024, 1, 1)), ["带时区"]),
    "bad id": (lambda d: _meta(d, id="../../x"), ["编号"]),
    "5-digit adcode": (lambda d: _values(d, adcode="11010"), ["不是6位数字", "“11010”"]),
    "integer adcode": (lambda d: _values(d, adcode=110101), ["不是6位数字"]),
    "full-width digits": (lambda d: _values(d, adcode="１１０１０１"), ["不是6位数字"]),
    "unknown column key": (lambda d: _values(d, column="c9"), ["columns", "“c9”"]),
    "fractional year": (lambda d: _values(d, year=2019.5), ["年份", "2019.5"]),
    "year out of range": (lambda d: _values(d, year=20190), ["年份", "20190"]),
    "NaN value": (lambda d: _values(d, value=np.nan), ["缺失或无穷大"]),
    "infinite value": (lambda d: _values(d, value=np.inf), ["缺失或无穷大"]),
    "text value": (lambda d: _values(d, value="12"), ["数值必须是数字", "“12”"]),
    "extra column": (lambda d: replace(d, values=d.values.assign(note="x")), ["正好是"]),
    "missing column": (lambda d: replace(d, values=d.values.drop(columns="year")), ["正好是"]),
    "duplicate rows": (lambda d: replace(d, values=pd.concat([d.values, d.values.iloc[:1]])), ["出现了多次"]),
    "duplicate column keys": (
        lambda d: _meta(d, columns=(Column("c1", "甲"), Column("c1", "乙"), Column("c2", "丙"))),
        ["键重复"],
    ),
    "features on a table": (lambda d: replace(d, features=gpd.GeoDataFrame(geometry=[], crs=4490)), ["不应带边界要素"]),
}


# Validation runs before any SQL, so every case runs on SQLite and a few on PostgreSQL as well
# (strings PostgreSQL cannot hold, codes, numbers) to keep the folder fast.
ON_BOTH = ("NUL in source", "5-digit adcode", "NaN value", "duplicate rows")
INVALID_CASES = [
    pytest.param(backend, case, id=f"{backend}-{case}", marks=[pytest.mark.postgres] if backend == "postgres" else [])
    for case in INVALID
    for backend in (("sqlite", "postgres") if case in ON_BOTH else ("sqlite",))
]


@pytest.mark.parametrize(("store_url", "case"), INVALID_CASES, indirect=["store_url"])
def test_invalid_dataset_is_refused_and_nothing_written(store: SqlStore, make_dataset, case: str) -> None:
    store.save(make_dataset("已有的数据"))
    before, revision = row_counts(store), store.revision()
    corrupt, fragments = INVALID[case]
    with pytest.raises(StoreError) as err:
        store.save(corrupt(make_dataset("新数据", rows=12)))
    chinese(err, *fragments)
    assert row_counts(store) == before
    assert store.revision() == revision


@pytest.mark.parametrize(
    ("change", "fragment"),
    [
        (lambda f: f.to_crs(4326), "EPSG:4490"),
        (lambda f: f.assign(adcode=["110101", "1101", ""]), "区划代码"),
        (lambda f: f.assign(extra=1), "正好是"),
    ],
    ids=["wrong crs", "bad adcode", "extra column"],
)
def test_invalid_features_are_refused(store: SqlStore, make_dataset, change, fragment: str) -> None:
    dataset = make_dataset(boundaries=True)
    with pytest.raises(StoreError) as err:
        store.save(replace(dataset, features=change(dataset.features)))
    chinese(err, fragment)
    assert row_counts(store) == (0, 0, 0)


# ------------------------------------------------------------------------------- rename / delete


def test_rename(store: SqlStore, make_dataset) -> None:
    dataset = make_dataset("旧名称")
    store.save(dataset)
    renamed = store.rename(dataset.meta.id, "  新名称 <b>粗体</b> ")
    assert renamed == replace(dataset.meta, name="新名称 <b>粗体</b>")
    assert store.get(dataset.meta.id).name == "新名称 <b>粗体</b>"
    assert store.rename(dataset.meta.id, "新名称 <b>粗体</b>").name == "新名称 <b>粗体</b>"  # its own name is fine
    assert len(store.values(dataset.meta.id)) == len(dataset.values)


def test_rename_refuses_clash_unknown_id_and_invalid_names(store: SqlStore, make_dataset) -> None:
    first, second = make_dataset("甲"), make_dataset("乙")
    store.save(first)
    store.save(second)
    revision = store.revision()
    with pytest.raises(StoreError) as err:
        store.rename(second.meta.id, "甲")
    chinese(err, "已有名为“甲”的数据集")
    with pytest.raises(StoreError) as err:
        store.rename("0" * 32, "丙")
    chinese(err, "找不到")
    with pytest.raises(StoreError) as err:
        store.rename(first.meta.id, "")
    chinese(err, "不能为空")
    with pytest.raises(StoreError):
        store.rename(first.meta.id, "名" * (MAX_NAME_CHARS + 1))
    assert sorted(meta.name for meta in store.list_datasets()) == ["乙", "甲"]
    assert store.revision() == revision


def test_delete_cascades_to_values_and_features(store: SqlStore, make_dataset) -> None:
    kept, doomed = make_dataset("保留", rows=8, boundaries=True), make_dataset("删除", rows=10, boundaries=True)
    store.save(kept)
    store.save(doomed)
    assert row_counts(store, doomed.meta.id) == (1, 10, 3)
    store.delete(doomed.meta.id)
    assert row_counts(store, doomed.meta.id) == (0, 0, 0)  # ON DELETE CASCADE on both backends
    assert row_counts(store, kept.meta.id) == (1, 8, 3)
    assert [meta.id for meta in store.list_datasets()] == [kept.meta.id]
    for read in (store.get, store.values, store.features):
        with pytest.raises(StoreError) as err:
            read(doomed.meta.id)
        chinese(err, "找不到")
    with pytest.raises(StoreError) as err:
        store.delete(doomed.meta.id)
    chinese(err, "找不到")


def test_ids_are_checked_before_querying(store: SqlStore) -> None:
    for hostile in ("' OR 1=1 --", "", "A" * 32):
        with pytest.raises(StoreError):
            store.get(hostile)
        with pytest.raises(StoreError):
            store.delete(hostile)


# ------------------------------------------------------------------------------- revision


def test_revision_changes_on_each_write_and_not_on_reads(store: SqlStore, make_dataset) -> None:
    seen = [store.revision()]

    def changed() -> None:
        seen.append(store.revision())
        assert seen[-1] != seen[-2], seen

    dataset = make_dataset(boundaries=True)
    store.save(dataset)
    changed()
    store.list_datasets(), store.get(dataset.meta.id), store.values(), store.values(dataset.meta.id)
    store.features(dataset.meta.id), store.list_views(), store.revision()
    assert store.revision() == seen[-1]
    store.rename(dataset.meta.id, "改名")
    changed()
    view = store.save_view("视图", "county", "county=520402")
    changed()
    store.delete_view(view.id)
    changed()
    store.delete(dataset.meta.id)
    changed()
    assert len(set(seen)) == len(seen)


# ------------------------------------------------------------------------------- atomicity


@pytest.mark.parametrize("fail_at", ["values", "features"])
def test_error_in_the_middle_of_a_save_leaves_nothing(
    store: SqlStore, make_dataset, monkeypatch: pytest.MonkeyPatch, fail_at: str
) -> None:
    """An exception while writing the second values batch (or the features) rolls everything back."""
    store.save(make_dataset("已有的数据"))
    before, revision = row_counts(store), store.revision()
    monkeypatch.setattr(sql, "BATCH_ROWS", 100)
    real = SqlStore._write_batch
    calls: list[int] = []

    def failing(self: SqlStore, conn, statement, rows) -> None:
        calls.append(len(rows))
        table = statement.table.name
        if (fail_at == "values" and len(calls) == 2) or (fail_at == "features" and table == dataset_features.name):
            raise RuntimeError("disk on fire")
        real(self, conn, statement, rows)

    monkeypatch.setattr(SqlStore, "_write_batch", failing)
    with pytest.raises(RuntimeError, match="disk on fire"):
        store.save(make_dataset("写到一半", rows=350, boundaries=True))
    assert calls[0] == 100  # the first batch had really been written before the failure
    monkeypatch.undo()
    assert row_counts(store) == before
    assert [meta.name for meta in store.list_datasets()] == ["已有的数据"]
    assert store.revision() == revision
    store.save(make_dataset("写到一半", rows=350, boundaries=True))  # nothing left to clash with


def test_concurrent_saves_all_commit(store: SqlStore, make_dataset) -> None:
    """Writers from several threads queue (BEGIN IMMEDIATE + busy_timeout / the revision row lock)."""
    revision = store.revision()
    errors: list[BaseException] = []

    def save(name: str) -> None:
        try:
            store.save(make_dataset(name, rows=400))
        except BaseException as err:
            errors.append(err)

    threads = [threading.Thread(target=save, args=(f"并发{i}",)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(store.list_datasets()) == 4
    assert store.revision() == revision + 4


def test_newer_schema_is_refused(store_url: str) -> None:
    store = open_store(store_url)
    with store.engine.begin() as conn:
        conn.execute(schema_info.update().values(version=99))
    store.close()
    with pytest.raises(StoreError) as err:
        open_store(store_url)
    chinese(err, "更新版本", "升级")


# ------------------------------------------------------------------------------- saved views


def test_saved_views(store: SqlStore) -> None:
    first = store.save_view("  贵州收入 ", "", "province=52&indicator=rural_disposable_income")
    second = store.save_view("<img src=x onerror=alert(1)>", "county", "county=520402")
    third = store.save_view("贵州收入", "areas", "area=%E4%B9%8C%E8%92%99%E5%B1%B1%E5%8C%BA")  # names may repeat
    assert first.name == "贵州收入"
    assert store.list_views() == [first, second, third]  # oldest first
    assert store.list_views()[0].created_at.utcoffset().total_seconds() == 0
    store.delete_view(second.id)
    assert store.list_views() == [first, third]
    with pytest.raises(StoreError) as err:
        store.delete_view(second.id)
    chinese(err, "找不到")


@pytest.mark.parametrize(
    ("name", "page", "query", "fragment"),
    [
        ("", "", "a=1", "不能为空"),
        ("视图", "../admin", "a=1", "页面路径"),
        ("视图", "", "a=1\nSet-Cookie: x", "空白或控制字符"),
        ("视图", "", "a=" + "x" * 3000, "最多"),
    ],
    ids=["empty name", "bad page", "newline in query", "long query"],
)
def test_invalid_views_are_refused(store: SqlStore, name: str, page: str, query: str, fragment: str) -> None:
    revision = store.revision()
    with pytest.raises(StoreError) as err:
        store.save_view(name, page, query)
    chinese(err, fragment)
    assert store.list_views() == []
    assert store.revision() == revision
