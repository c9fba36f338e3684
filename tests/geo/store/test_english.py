"""The dataset store in English: every refusal triggered once with the language set to English
(SQLite, and the PostgreSQL messages through stand-ins), and every ``store.*`` catalogue key
rendered by those triggers. Names and sources stay as the user typed them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from sqlalchemy import exc as sa_exc

from geo.i18n import t, use_language
from geo.store import SqlStore, StoreError, open_store, validate
from geo.userdata.model import Column, Dataset
from tests.geo.upload.english import english, rendered_keys, section_keys

#: The user's strings below (and the fixture's dataset names), shown as typed in both languages.
USER = ("甲", "乙", "东城区", "西城区", "县域数据.xlsx", "农村居民人均可支配收入")
#: A GeoDataFrame's geometry column holds geometries only, so that refusal cannot be reached.
UNREACHABLE = {"store.not_geometries"}
SECRET = "s3cret-pw"


@pytest.fixture
def sqlite_store(tmp_path: Path):
    store = open_store(f"sqlite:///{tmp_path / 'atlas.sqlite'}")
    yield store
    store.close()


def _meta(dataset: Dataset, **changes: object) -> Dataset:
    return replace(dataset, meta=replace(dataset.meta, **changes))


def _values(dataset: Dataset, **changes: object) -> Dataset:
    values = dataset.values.copy()
    for column, value in changes.items():
        values[column] = values[column].astype(object)
        values.loc[0, column] = value
    return replace(dataset, values=values)


def _features(dataset: Dataset, change: Callable[[gpd.GeoDataFrame], object]) -> Dataset:
    return replace(dataset, features=change(dataset.features))


# Invalid datasets: name → (change of a valid dataset, boundaries?, a fragment of the English message).
INVALID: dict[str, tuple[Callable[[Dataset], object], bool, str]] = {
    "not a dataset": (lambda _: "x", False, "What is saved must be a Dataset"),
    "not a meta": (lambda d: replace(d, meta="x"), False, "The dataset description (meta) must be a DatasetMeta"),
    "bad id": (lambda d: _meta(d, id="../x"), False, "The dataset ID “../x” is not valid"),
    "name not text": (lambda d: _meta(d, name=1), False, "The dataset name must be text; fill it in again."),
    "empty name": (lambda d: _meta(d, name=" "), False, "The dataset name is empty; fill in a name."),
    "long name": (lambda d: _meta(d, name="甲" * 61), False, "The dataset name can have at most 60 characters"),
    "control character": (lambda d: _meta(d, name="甲\u202e"), False, "The dataset name contains line breaks"),
    "NUL in source": (lambda d: _meta(d, source="a\x00"), False, "The source contains characters that cannot be saved"),
    "naive time": (lambda d: _meta(d, imported_at=datetime(2024, 1, 1)), False, "The import time must be a time with"),
    "bad kind": (lambda d: _meta(d, kind="map"), False, "The dataset kind “map” is not valid"),
    "filename not text": (lambda d: _meta(d, filename=None), False, "The file name must be text (it is a NoneType)"),
    "columns not a tuple": (lambda d: _meta(d, columns=[]), False, "must be a tuple of Column"),
    "long column key": (lambda d: _meta(d, columns=(Column("k" * 33, "甲"),)), False, "The key of an indicator column"),
    "empty column key": (lambda d: _meta(d, columns=(Column(" ", "甲"),)), False, "The key of an indicator column is"),
    "long column title": (
        lambda d: _meta(d, columns=(Column("c1", "甲" * 501), Column("c2", "乙"))),
        False,
        "The title of the indicator column “c1” can have at most 500 characters",
    ),
    "NUL in a unit": (
        lambda d: _meta(d, columns=(Column("c1", "甲", "\x00"), Column("c2", "乙"))),
        False,
        "The unit of the indicator column “c1” contains characters",
    ),
    "repeated column keys": (
        lambda d: _meta(d, columns=(Column("c1", "甲"), Column("c1", "乙"), Column("c2", "乙"))),
        False,
        "Indicator column keys repeat: “c1”; give every column a different key.",
    ),
    "bad rows": (lambda d: _meta(d, rows=-1), False, "The row count “-1” is not valid"),
    "bad join summary": (lambda d: _meta(d, join_summary={"a": "b"}), False, "The match counts (join_summary)"),
    "values not a frame": (lambda d: replace(d, values="x"), False, "The table of values must be a DataFrame"),
    "no value columns": (
        lambda d: replace(d, values=pd.DataFrame()),
        False,
        "must have exactly the columns adcode, column, year, value (it has none)",
    ),
    "bad codes": (lambda d: _values(d, adcode="11010"), False, "1 codes in the table of values are not 6 digits"),
    "unknown column": (lambda d: _values(d, column="c9"), False, "refers to indicator columns"),
    "fractional year": (lambda d: _values(d, year=2019.5), False, "Years must be whole numbers or empty"),
    "year out of range": (lambda d: _values(d, year=20190), False, "Years must be between 1900 and 2100"),
    "text value": (lambda d: _values(d, value="12"), False, "Values must be numbers; these are not valid: “12”."),
    "NaN value": (lambda d: _values(d, value=np.nan), False, "1 values are missing or infinite"),
    "repeated rows": (
        lambda d: replace(d, values=pd.concat([d.values.iloc[2:3], d.values.iloc[2:3]])),
        False,
        "The same county, indicator and year appear more than once: “110102 c1 (no year)”.",
    ),
    "features on a table": (
        lambda d: replace(d, features=gpd.GeoDataFrame(geometry=[], crs=4490)),
        False,
        "A statistics-table dataset must not carry boundary features",
    ),
    "no features": (lambda d: replace(d, features=None), True, "The boundary dataset has no boundary features"),
    "features not a frame": (
        lambda d: replace(d, features=pd.DataFrame(d.features)),
        True,
        "must be a GeoDataFrame with a geometry column",
    ),
    "feature columns": (
        lambda d: _features(d, lambda f: f.assign(extra=1)),
        True,
        "must have exactly the attribute columns adcode, name (they have adcode, name, extra)",
    ),
    "feature crs": (lambda d: _features(d, lambda f: f.to_crs(4326)), True, "(EPSG:4490); reproject them"),
    "feature codes": (
        lambda d: _features(d, lambda f: f.assign(adcode=["110101", "1101", ""])),
        True,
        "1 codes of the boundary features are neither 6 digits nor empty: “1101”.",
    ),
    "long feature name": (
        lambda d: _features(d, lambda f: f.assign(name=["甲" * 501, "", ""])),
        True,
        "The feature name can have at most 500 characters",
    ),
}


@pytest.mark.parametrize("case", list(INVALID))
def test_invalid_datasets_are_refused_in_english(sqlite_store, make_dataset, case) -> None:
    change, boundaries, fragment = INVALID[case]
    with use_language("en"), pytest.raises(StoreError) as caught:
        sqlite_store.save(change(make_dataset("甲", boundaries=boundaries)))
    assert fragment in english(str(caught.value), allowed=(*USER, "甲" * 61))
    assert sqlite_store.list_datasets() == []


def _saved_twice(store: SqlStore, make_dataset) -> None:
    first = make_dataset("甲")
    store.save(first)
    store.save(_meta(first, name="乙"))


def _name_taken(store: SqlStore, make_dataset) -> None:
    store.save(make_dataset("乙"))
    store.save(make_dataset("乙"))


def _newer_schema(store: SqlStore, _) -> None:
    path = Path(store.location)
    store.close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE atlas_schema SET version = 999")
    open_store(f"sqlite:///{path}")


def _data_dir_under_a_file(store: SqlStore, _) -> None:
    blocker = Path(store.location).parent / "a-file"
    blocker.write_text("x")
    open_store(data_dir=blocker / "sub")


class _NoPostGIS:
    """A PostgreSQL connection where PostGIS is not enabled (and maybe not installed at all)."""

    def __init__(self, available: bool) -> None:
        self.available = available

    def execute(self, statement: object, *_args: object):
        sql = str(statement)
        if "pg_extension" in sql:
            return _Result(None)
        if "pg_available_extensions" in sql:
            return _Result((1,) if self.available else None)
        raise sa_exc.ProgrammingError(sql, {}, Exception('permission denied to create extension "postgis"'))


class _Result:
    def __init__(self, row: tuple[int] | None) -> None:
        self.row = row

    def first(self) -> tuple[int] | None:
        return self.row


def _postgis(available: bool) -> Callable[[SqlStore, object], None]:
    def trigger(*_: object) -> None:
        store = object.__new__(SqlStore)  # only the message's location is needed
        store.location = "postgresql+psycopg://atlas:***@db/atlas"
        store._ensure_postgis(_NoPostGIS(available))  # type: ignore[arg-type]

    return trigger


# Refusals of the store itself: name → (trigger(store, make_dataset), a fragment of the English message).
REFUSALS: dict[str, tuple[Callable[[SqlStore, object], object], str]] = {
    "unsupported URL": (
        lambda *_: open_store(f"mysql://root:{SECRET}@db/atlas"),
        "The database URL “mysql://root:***@db/atlas” is not supported. ATLAS_DATABASE_URL accepts only "
        "postgresql://user:password@host:port/database or sqlite:///file-path",
    ),
    "unparsable URL": (
        lambda *_: open_store(f"postgresql://atlas:{SECRET}@db:notaport/atlas"),
        "cannot be read; write it as postgresql://",
    ),
    "in-memory SQLite": (lambda *_: open_store("sqlite:///:memory:"), "must point to a file"),
    "no database name": (lambda *_: open_store(f"postgresql://atlas:{SECRET}@db"), "names no database"),
    "unreachable server": (
        lambda *_: open_store(f"postgresql://atlas:{SECRET}@127.0.0.1:9/atlas"),
        "The database (postgresql+psycopg://atlas:***@127.0.0.1:9/atlas) cannot be reached right now",
    ),
    "data folder": (_data_dir_under_a_file, "Cannot create the data folder"),
    "newer schema": (_newer_schema, "was created by a newer version of the atlas (schema version 999;"),
    "no PostGIS": (_postgis(False), "does not have the PostGIS extension"),
    "PostGIS not enabled": (_postgis(True), "run CREATE EXTENSION postgis; in that database"),
    "unknown dataset": (lambda s, _: s.delete("0" * 32), "There is no dataset with the ID 000"),
    "name taken": (_name_taken, "There is already a dataset named “乙”; choose another name."),
    "saved twice": (_saved_twice, "has already been saved; import the file again"),
    "rename to nothing": (lambda s, _: s.rename("0" * 32, "  "), "The dataset name is empty"),
    "unknown view": (lambda s, _: s.delete_view("0" * 32), "This view no longer exists"),
    "bad view id": (lambda s, _: s.delete_view("x"), "The view ID “x” is not valid"),
    "view without a name": (lambda s, _: s.save_view("", "", "a=1"), "The view name is empty"),
    "bad page": (lambda s, _: s.save_view("甲", "Bad Page", "a=1"), "The page path “Bad Page” is not valid"),
    "bad query": (lambda s, _: s.save_view("甲", "", "a=1 b"), "must not contain spaces or control characters"),
    "name, default wording": (lambda *_: validate.check_name(""), "The name is empty; fill in a name."),
}


@pytest.mark.parametrize("case", list(REFUSALS))
def test_store_refusals_are_english(sqlite_store, make_dataset, case) -> None:
    trigger, fragment = REFUSALS[case]
    with use_language("en"), pytest.raises(StoreError) as caught:
        trigger(sqlite_store, make_dataset)
    message = english(str(caught.value), allowed=USER)
    assert fragment in message
    assert SECRET not in message


def test_the_chinese_messages_are_unchanged_by_default(sqlite_store, make_dataset) -> None:
    with pytest.raises(StoreError) as caught:
        _name_taken(sqlite_store, make_dataset)
    assert str(caught.value) == "已有名为“乙”的数据集，请换一个名称。"


def test_every_store_key_is_rendered_in_english(tmp_path, make_dataset, monkeypatch) -> None:
    with rendered_keys(monkeypatch) as seen, use_language("en"):
        for i, (change, boundaries, _) in enumerate(INVALID.values()):
            store = open_store(f"sqlite:///{tmp_path / f'v{i}' / 'atlas.sqlite'}")
            with pytest.raises(StoreError):
                store.save(change(make_dataset("甲", boundaries=boundaries)))
            store.close()
        for i, (trigger, _) in enumerate(REFUSALS.values()):
            store = open_store(f"sqlite:///{tmp_path / f'r{i}' / 'atlas.sqlite'}")
            with pytest.raises(StoreError):
                trigger(store, make_dataset)
            store.close()
    assert section_keys("store") - seen - UNREACHABLE == set()
    with use_language("en"):
        for key in UNREACHABLE:
            english(t(key))
