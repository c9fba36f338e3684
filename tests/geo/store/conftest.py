"""Fixtures: the same tests run on the embedded SQLite file and on PostgreSQL + PostGIS.

``store_url`` is parametrised over ``sqlite`` (a file in ``tmp_path``) and ``postgres`` (a fresh
schema per test in the database at ``ATLAS_TEST_DATABASE_URL``, put first on the connection's
``search_path`` and dropped afterwards, so tests never see each other's data). Without that
variable the postgres cases are skipped locally, and fail under CI (``CI`` set): `.ci/run` starts
PostgreSQL + PostGIS and sets it, so CI can never silently skip PostGIS.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import MultiPolygon, Polygon
from sqlalchemy import Engine, create_engine, make_url

from geo.store import SqlStore, open_store
from geo.userdata.model import Column, Dataset, DatasetMeta

PG_ENV = "ATLAS_TEST_DATABASE_URL"

HOSTILE_NAME = "<img src=x onerror=alert(1)>"
HOSTILE_SOURCE = '=HYPERLINK("x")'


@pytest.fixture(scope="session")
def pg_admin() -> Iterator[Engine]:
    """An engine on the test database, to create and drop the per-test schemas."""
    url = os.environ.get(PG_ENV, "").strip()
    if not url:
        reason = f"{PG_ENV} is not set (.ci/run starts PostgreSQL + PostGIS on loopback and sets it)"
        if os.environ.get("CI"):
            pytest.fail(f"the PostgreSQL storage tests cannot run in CI: {reason}", pytrace=False)
        pytest.skip(f"PostgreSQL storage tests skipped: {reason}")
    engine = create_engine(make_url(url).set(drivername="postgresql+psycopg"))
    yield engine
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:
    """A database URL for one test: its own SQLite file, or its own PostgreSQL schema."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'atlas.sqlite'}"
        return
    admin: Engine = request.getfixturevalue("pg_admin")
    schema = f"atlas_test_{uuid.uuid4().hex[:12]}"
    with admin.begin() as conn:
        conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    url = make_url(os.environ[PG_ENV]).update_query_dict({"options": f"-c search_path={schema},public"})
    yield url.render_as_string(hide_password=False)
    with admin.begin() as conn:
        conn.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.fixture
def store(store_url: str) -> Iterator[SqlStore]:
    opened = open_store(store_url)
    assert isinstance(opened, SqlStore)
    yield opened
    opened.close()


def square(x: float, y: float, size: float = 0.1) -> Polygon:
    return Polygon([(x, y), (x + size, y), (x + size, y + size), (x, y + size)])


@pytest.fixture
def make_dataset() -> Callable[..., Dataset]:
    """``make_dataset(name=…, rows=…, boundaries=…, imported_at=…)``: a valid dataset to save."""

    def make(
        name: str = "农村居民人均可支配收入",
        *,
        rows: int = 6,
        boundaries: bool = False,
        imported_at: datetime | None = None,
        source: str = "国家统计局，2021年",
    ) -> Dataset:
        columns = (Column("c1", "农村居民人均可支配收入", "元"), Column("c2", "人口", "万人"))
        values = pd.DataFrame(
            {
                "adcode": [str(110101 + i // 2) for i in range(rows)],
                "column": ["c1" if i % 2 == 0 else "c2" for i in range(rows)],
                "year": pd.array([None if i % 3 == 2 else 2015 + i % 6 for i in range(rows)], dtype="Int64"),
                "value": [1000.25 + i * 0.1 for i in range(rows)],
            }
        )
        features = None
        if boundaries:
            holed = Polygon(
                [(116.123456789012, 39.0), (117.0, 39.0), (117.0, 40.0), (116.123456789012, 40.0)],
                holes=[[(116.4, 39.4), (116.6, 39.4), (116.6, 39.6)]],
            )
            features = gpd.GeoDataFrame(
                {"adcode": ["110101", "", "110102"], "name": ["东城区", "<script>alert(1)</script>", "西城区"]},
                geometry=[holed, MultiPolygon([square(100.0, 30.0), square(101.0, 30.0)]), square(116.3, 39.9)],
                crs="EPSG:4490",
            )
        meta = DatasetMeta(
            id=DatasetMeta.new_id(),
            name=name,
            source=source,
            imported_at=imported_at or DatasetMeta.now(),
            kind="boundaries" if boundaries else "table",
            filename="县域数据.xlsx" if not boundaries else "边界.zip",
            columns=columns,
            rows=rows // 2,
            join_summary={"matched": rows // 2, "unmatched": 1, "ambiguous": 0},
        )
        return Dataset(meta=meta, values=values, features=features)

    return make


@pytest.fixture
def when() -> Callable[[int], datetime]:
    """``when(n)``: a distinct import time, n days into 2024 (UTC)."""
    return lambda n: datetime(2024, 1, 1, tzinfo=UTC).replace(day=1 + n)
