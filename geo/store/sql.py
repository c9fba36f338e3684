"""The :class:`~geo.store.base.DatasetStore` on SQLAlchemy Core: one class for SQLite and PostgreSQL.

The dialects differ in three explicit places only:

- **transactions** — SQLite: the driver's own implicit transactions are switched off and every
  transaction starts with ``BEGIN`` (reads) or ``BEGIN IMMEDIATE`` (writes: take the write lock
  first, so two writers queue on ``busy_timeout`` instead of failing when upgrading a read lock);
  WAL journal and foreign keys are switched on for every connection (:func:`sqlite_engine`).
  PostgreSQL: every write first bumps the single revision row, which queues concurrent writers.
- **geometry** — SQLite keeps WKB in a BLOB; PostgreSQL keeps a PostGIS ``geometry(Geometry, 4490)``
  written with ``ST_GeomFromWKB(:wkb, 4490)`` and read with ``ST_AsBinary`` (:meth:`SqlStore._geometry_in`,
  :meth:`SqlStore._geometry_out`).
- **schema creation** — PostgreSQL serialises it with an advisory lock and enables PostGIS first.

Tables and the reasons for SQLite as the embedded default are in :mod:`geo.store.schema`.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from sqlalchemy import (
    URL,
    Connection,
    Engine,
    LargeBinary,
    bindparam,
    create_engine,
    delete,
    event,
    func,
    insert,
    or_,
    select,
    text,
    update,
)
from sqlalchemy import exc as sa_exc
from sqlalchemy.sql.elements import ColumnElement

from geo.i18n import t
from geo.store import validate
from geo.store.base import StoreError
from geo.store.schema import (
    SCHEMA_VERSION,
    SRID,
    dataset_features,
    dataset_values,
    datasets,
    metadata,
    revision,
    schema_info,
    views,
)
from geo.userdata import model
from geo.userdata.model import VALUE_COLUMNS, Dataset, DatasetMeta, SavedView

#: Rows per ``executemany`` call when saving values and features.
BATCH_ROWS = 1000
SQLITE_BUSY_TIMEOUT_MS = 10_000
PG_CONNECT_TIMEOUT_S = 10
#: Key of the PostgreSQL advisory lock held while the tables are created ("atlas" in ASCII).
_PG_SCHEMA_LOCK = 0x61746C6173
#: Execution option that makes the SQLite ``begin`` listener take the write lock.
_WRITE = "atlas_write"


# --------------------------------------------------------------------------------------- engines


def _sqlite_on_connect(dbapi_connection: Any, _record: Any) -> None:
    # Switch off pysqlite's implicit transactions: _sqlite_on_begin emits BEGIN itself, so reads
    # are snapshots and DDL is transactional too.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode = WAL")  # readers and one writer at once, across processes
    cursor.execute("PRAGMA foreign_keys = ON")  # for ON DELETE CASCADE
    cursor.close()


def _sqlite_on_begin(connection: Connection) -> None:
    write = connection.get_execution_options().get(_WRITE, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def sqlite_engine(path: Path) -> Engine:
    """An engine on the SQLite file ``path`` (created on first use), WAL journal, busy timeout."""
    url = URL.create("sqlite", database=str(path))
    engine = create_engine(
        url,
        connect_args={"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_MS / 1000},
        hide_parameters=True,  # error messages must not carry user data (or thousands of rows)
    )
    event.listen(engine, "connect", _sqlite_on_connect)
    event.listen(engine, "begin", _sqlite_on_begin)
    return engine


def postgres_engine(url: URL) -> Engine:
    """An engine on PostgreSQL through psycopg 3 (``url.drivername`` must be ``postgresql+psycopg``)."""
    connect_args: dict[str, Any] = {}
    if "connect_timeout" not in url.query:
        connect_args["connect_timeout"] = PG_CONNECT_TIMEOUT_S
    if "application_name" not in url.query:
        connect_args["application_name"] = "poverty-atlas"
    return create_engine(url, pool_pre_ping=True, connect_args=connect_args, hide_parameters=True)


# ------------------------------------------------------------------------------------- the store


def _not_found(dataset_id: str) -> StoreError:
    return StoreError(t("store.not_found", id=dataset_id))


def _name_taken(name: str) -> StoreError:
    return StoreError(t("store.name_taken", name=name))


def _batches(rows: Sequence[dict[str, Any]], size: int) -> Iterator[Sequence[dict[str, Any]]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def _meta(row: Any) -> DatasetMeta:
    mapping = row._mapping
    return DatasetMeta(
        id=mapping["id"],
        name=mapping["name"],
        source=mapping["source"],
        imported_at=mapping["imported_at"],
        kind=mapping["kind"],
        filename=mapping["filename"],
        columns=tuple(model.Column(**col) for col in json.loads(mapping["columns"])),
        rows=mapping["rows"],
        join_summary=json.loads(mapping["join_summary"]),
    )


def _view(row: Any) -> SavedView:
    mapping = row._mapping
    return SavedView(
        id=mapping["id"],
        name=mapping["name"],
        page=mapping["page"],
        query=mapping["query"],
        created_at=mapping["created_at"],
    )


def _values_frame(rows: Sequence[Sequence[Any]], with_id: bool) -> pd.DataFrame:
    names = (["dataset_id"] if with_id else []) + list(VALUE_COLUMNS)
    columns = dict(zip(names, map(list, zip(*rows, strict=True)), strict=True)) if rows else {n: [] for n in names}
    data: dict[str, Any] = {}
    if with_id:
        data["dataset_id"] = pd.Series(columns["dataset_id"], dtype="str")
    data["adcode"] = pd.Series(columns["adcode"], dtype="str")
    data["column"] = pd.Series(columns["column"], dtype="str")
    data["year"] = pd.Series(pd.array(columns["year"], dtype="Int64"))
    data["value"] = pd.Series(np.asarray(columns["value"], dtype="float64"))
    return pd.DataFrame(data)


class SqlStore:
    """Datasets and saved views in one SQL database (see :func:`geo.store.open_store`)."""

    def __init__(self, engine: Engine, location: str, on_close: Callable[[SqlStore], None] | None = None) -> None:
        """Open the store on ``engine`` and create its tables if needed.

        ``location`` names the database in messages (a path, or a URL with its password masked).
        """
        self._engine = engine
        self._pg = engine.dialect.name == "postgresql"
        self._on_close = on_close
        self.location = location
        #: Write transactions this object has started (committed or not): a reader that keeps the
        #: revision for a while (geo.ui.cache.user_revision, one script run) re-reads it when this moves.
        self.writes = 0
        self._create_schema()

    # ------------------------------------------------------------------ plumbing

    @property
    def backend(self) -> str:
        """``"sqlite"`` or ``"postgresql"``."""
        return self._engine.dialect.name

    @property
    def engine(self) -> Engine:
        return self._engine

    def close(self) -> None:
        """Close the pooled connections; the next :func:`~geo.store.open_store` opens a new engine."""
        if self._on_close is not None:
            self._on_close(self)
        self._engine.dispose()

    @contextmanager
    def _errors(self) -> Iterator[None]:
        """Turn "cannot reach or lock the database" into a :class:`StoreError` for the user."""
        try:
            yield
        except (sa_exc.OperationalError, sa_exc.InterfaceError) as err:
            raise StoreError(t("store.unavailable", location=self.location)) from err

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        with self._errors(), self._engine.connect() as conn:
            yield conn

    @contextmanager
    def _write(self, bump: bool = True) -> Iterator[tuple[Connection, int]]:
        """One write transaction: committed when the block ends, rolled back on any exception.

        Yields the connection and the new revision, which the block may use as an insertion order.
        """
        self.writes += 1  # before and after: a revision read while this runs is not kept
        try:
            with self._errors(), self._engine.connect() as conn:
                conn.execution_options(**{_WRITE: True})
                with conn.begin():
                    new_revision = 0
                    if bump:
                        new_revision = conn.execute(
                            update(revision)
                            .where(revision.c.id == 1)
                            .values(value=revision.c.value + 1)
                            .returning(revision.c.value)
                        ).scalar_one()
                    yield conn, new_revision
        finally:
            self.writes += 1

    def _write_batch(self, conn: Connection, statement: Any, rows: Sequence[dict[str, Any]]) -> None:
        """One ``executemany`` of at most :data:`BATCH_ROWS` rows (a seam for the atomicity tests)."""
        conn.execute(statement, list(rows))

    def _geometry_in(self) -> ColumnElement[Any]:
        """The value written to the geometry column from the ``wkb`` parameter."""
        wkb = bindparam("wkb", type_=LargeBinary)
        return func.ST_GeomFromWKB(wkb, SRID) if self._pg else wkb

    def _geometry_out(self) -> ColumnElement[Any]:
        """The geometry column read back as WKB."""
        column = dataset_features.c.geometry
        return func.ST_AsBinary(column, type_=LargeBinary) if self._pg else column

    def _ensure_postgis(self, conn: Connection) -> None:
        if conn.execute(text("SELECT 1 FROM pg_extension WHERE extname = 'postgis'")).first():
            return
        if not conn.execute(text("SELECT 1 FROM pg_available_extensions WHERE name = 'postgis'")).first():
            raise StoreError(t("store.postgis_missing", location=self.location))
        try:
            conn.execute(text("CREATE EXTENSION IF NOT EXISTS postgis"))
        except sa_exc.DBAPIError as err:
            raise StoreError(t("store.postgis_disabled", location=self.location)) from err

    def _create_schema(self) -> None:
        """Create the tables once (idempotent, safe when several processes start together)."""
        with self._write(bump=False) as (conn, _):
            if self._pg:
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_SCHEMA_LOCK})
                self._ensure_postgis(conn)
            metadata.create_all(conn)
            version = conn.execute(select(schema_info.c.version).where(schema_info.c.id == 1)).scalar()
            if version is None:
                conn.execute(insert(schema_info), {"id": 1, "version": SCHEMA_VERSION})
            elif version > SCHEMA_VERSION:
                raise StoreError(t("store.schema_newer", location=self.location, version=version, known=SCHEMA_VERSION))
            # version < SCHEMA_VERSION: migrations go here when the tables change.
            if conn.execute(select(revision.c.value).where(revision.c.id == 1)).scalar() is None:
                conn.execute(insert(revision), {"id": 1, "value": 0})

    def _require(self, conn: Connection, dataset_id: str) -> DatasetMeta:
        validate.check_id(dataset_id)
        row = conn.execute(select(datasets).where(datasets.c.id == dataset_id)).first()
        if row is None:
            raise _not_found(dataset_id)
        return _meta(row)

    # ------------------------------------------------------------------ datasets

    def list_datasets(self) -> list[DatasetMeta]:
        """Saved datasets, newest first."""
        with self._read() as conn:
            rows = conn.execute(select(datasets).order_by(datasets.c.imported_at.desc(), datasets.c.seq.desc()))
            return [_meta(row) for row in rows]

    def get(self, dataset_id: str) -> DatasetMeta:
        """One dataset's description; :class:`StoreError` if there is none."""
        with self._read() as conn:
            return self._require(conn, dataset_id)

    def save(self, dataset: Dataset) -> DatasetMeta:
        """Save a new dataset atomically; :class:`StoreError` if it is invalid or the name is taken.

        Returns the meta as saved (name and source stripped).
        """
        meta, value_rows, feature_rows = validate.check_dataset(dataset)  # before taking the write lock
        with self._write() as (conn, new_revision):
            clash = conn.execute(
                select(datasets.c.id, datasets.c.name).where(
                    or_(datasets.c.id == meta.id, datasets.c.name == meta.name)
                )
            ).first()
            if clash is not None and clash.id == meta.id:
                raise StoreError(t("store.already_saved", id=meta.id))
            if clash is not None:
                raise _name_taken(meta.name)
            try:
                conn.execute(insert(datasets), {**validate.meta_row(meta), "seq": new_revision})
            except sa_exc.IntegrityError as err:  # saved by another program between check and insert
                raise _name_taken(meta.name) from err
            statement = insert(dataset_values)
            for batch in _batches(value_rows, BATCH_ROWS):
                self._write_batch(conn, statement, [{"dataset_id": meta.id, **row} for row in batch])
            if feature_rows is not None:
                statement = insert(dataset_features).values(geometry=self._geometry_in())
                for batch in _batches(feature_rows, BATCH_ROWS):
                    self._write_batch(conn, statement, [{"dataset_id": meta.id, **row} for row in batch])
        return meta

    def values(self, dataset_id: str | None = None) -> pd.DataFrame:
        """``VALUE_COLUMNS`` of one dataset (in saved order), or of all with a leading ``dataset_id``.

        dtypes: ``dataset_id``, ``adcode`` and ``column`` str, ``year`` Int64, ``value`` float64.
        """
        v = dataset_values.c
        with self._read() as conn:
            if dataset_id is None:
                query = select(v.dataset_id, v.adcode, v.column, v.year, v.value).order_by(v.dataset_id, v.seq)
            else:
                self._require(conn, dataset_id)
                query = select(v.adcode, v.column, v.year, v.value).where(v.dataset_id == dataset_id)
                query = query.order_by(v.seq)
            rows = conn.execute(query).all()
        return _values_frame(rows, with_id=dataset_id is None)

    def features(self, dataset_id: str) -> gpd.GeoDataFrame | None:
        """The uploaded features of a boundary dataset (EPSG:4490, in upload order), None for a table."""
        f = dataset_features.c
        with self._read() as conn:
            meta = self._require(conn, dataset_id)
            if meta.kind != "boundaries":
                return None
            query = select(f.adcode, f.name, self._geometry_out()).where(f.dataset_id == dataset_id).order_by(f.fid)
            rows = conn.execute(query).all()
        adcodes, names, wkbs = (list(col) for col in zip(*rows, strict=True)) if rows else ([], [], [])
        geometries = shapely.from_wkb([None if wkb is None else bytes(wkb) for wkb in wkbs])
        return gpd.GeoDataFrame(
            {"adcode": pd.Series(adcodes, dtype="str"), "name": pd.Series(names, dtype="str")},
            geometry=gpd.GeoSeries(geometries, crs=f"EPSG:{SRID}"),
        )

    def rename(self, dataset_id: str, name: str) -> DatasetMeta:
        """Rename a dataset; :class:`StoreError` if the id is unknown, or the name invalid or taken."""
        validate.check_id(dataset_id)
        name = validate.check_name(name, t("store.what_dataset_name"))
        with self._write() as (conn, _):
            self._require(conn, dataset_id)
            clash = conn.execute(
                select(datasets.c.id).where(datasets.c.name == name, datasets.c.id != dataset_id)
            ).first()
            if clash is not None:
                raise _name_taken(name)
            conn.execute(update(datasets).where(datasets.c.id == dataset_id).values(name=name))
            return self._require(conn, dataset_id)

    def delete(self, dataset_id: str) -> None:
        """Delete a dataset with its values and features; :class:`StoreError` if the id is unknown."""
        validate.check_id(dataset_id)
        with self._write() as (conn, _):
            if conn.execute(delete(datasets).where(datasets.c.id == dataset_id)).rowcount == 0:
                raise _not_found(dataset_id)

    def revision(self) -> int:
        """A number that changes on every committed write (cache key for readers)."""
        with self._read() as conn:
            return int(conn.execute(select(revision.c.value).where(revision.c.id == 1)).scalar_one())

    # ------------------------------------------------------------------ saved views

    def list_views(self) -> list[SavedView]:
        """Saved views, oldest first (presentation order)."""
        with self._read() as conn:
            return [_view(row) for row in conn.execute(select(views).order_by(views.c.created_at, views.c.seq))]

    def save_view(self, name: str, page: str, query: str) -> SavedView:
        """Save a named view of ``page`` with its URL ``query``; names need not be unique."""
        name, page, query = validate.check_view(name, page, query)
        view = SavedView(id=uuid.uuid4().hex, name=name, page=page, query=query, created_at=datetime.now(UTC))
        with self._write() as (conn, new_revision):
            row = {"id": view.id, "name": name, "page": page, "query": query, "created_at": view.created_at}
            conn.execute(insert(views), {**row, "seq": new_revision})
        return view

    def delete_view(self, view_id: str) -> None:
        """Delete a saved view; :class:`StoreError` if there is none."""
        validate.check_id(view_id, t("store.what_view"))
        with self._write() as (conn, _):
            if conn.execute(delete(views).where(views.c.id == view_id)).rowcount == 0:
                raise StoreError(t("store.view_not_found"))
