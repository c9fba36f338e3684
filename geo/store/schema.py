"""The tables of the dataset store, one definition for SQLite and PostgreSQL + PostGIS.

Why SQLite is the embedded default
----------------------------------
- **No extra dependency**: Python's standard library ships the driver.
- **ACID in one file**: an import is one transaction, so a crash or an error in the middle of an
  import leaves no half dataset; the file (``atlas.sqlite`` in ``ATLAS_DATA_DIR``) survives restarts
  and is backed up by copying it.
- **Several app processes can share it**: in WAL mode readers never block the writer and writers
  queue on ``busy_timeout`` instead of failing at once.
- **The same SQL shape as PostgreSQL**: one SQLAlchemy Core implementation serves both backends.

Alternatives considered: **DuckDB** takes a lock for a single writer *process*, so two app processes
(or the app and a maintenance script) cannot open the same file for writing. **GeoPackage** is
SQLite too, but its geometry blob header and metadata tables add nothing here: geometries are only
written and read back by this module, never queried spatially in the file.

The only dialect difference in the tables is the geometry column: WKB in a BLOB on SQLite, a real
PostGIS ``geometry(Geometry, 4490)`` on PostgreSQL (see :mod:`geo.store.sql` for how it is written
and read). Times are ISO-8601 UTC text on SQLite and ``timestamptz`` on PostgreSQL.

Every table is prefixed ``atlas_`` so the store can share a PostgreSQL schema with other software.
``atlas_schema`` holds :data:`SCHEMA_VERSION`, for migrations when the tables change.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    Double,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeEngine, UserDefinedType

#: Version of the tables below; bump it and add a migration in :mod:`geo.store.sql` when they change.
SCHEMA_VERSION = 1

#: CGCS2000 geographic, the CRS of every feature in the store.
SRID = 4490


class PostGISGeometry(UserDefinedType[bytes]):
    """PostGIS ``geometry(Geometry, 4490)``; values go in and out as WKB (see :mod:`geo.store.sql`)."""

    cache_ok = True

    def get_col_spec(self, **_kw: Any) -> str:
        return f"geometry(Geometry, {SRID})"


class UtcDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC time: ISO-8601 text on SQLite, ``timestamptz`` on PostgreSQL."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(String(32))
        return dialect.type_descriptor(DateTime(timezone=True))

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: the store only keeps timezone-aware times")
        value = value.astimezone(UTC)
        # Fixed width (always microseconds, always +00:00) so the text sorts like the time.
        return value.isoformat(timespec="microseconds") if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if dialect.name == "sqlite":
            value = datetime.fromisoformat(value)
        return value.astimezone(UTC)


#: WKB bytes on SQLite, a PostGIS geometry column on PostgreSQL.
GEOMETRY = LargeBinary().with_variant(PostGISGeometry(), "postgresql")

metadata = MetaData()

schema_info = Table(
    "atlas_schema",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),  # always 1: a single row
    Column("version", Integer, nullable=False),
)

#: A single-row counter incremented inside every write transaction (cache key for readers). It is
#: also the first row every write updates, which queues concurrent writers on PostgreSQL.
revision = Table(
    "atlas_revision",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),  # always 1: a single row
    Column("value", BigInteger, nullable=False),
)

datasets = Table(
    "atlas_datasets",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("name", Text, nullable=False, unique=True),
    Column("source", Text, nullable=False),
    Column("imported_at", UtcDateTime, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("filename", Text, nullable=False),
    Column("columns", Text, nullable=False),  # JSON list of {"key", "label", "unit"}
    Column("rows", Integer, nullable=False),
    Column("join_summary", Text, nullable=False),  # JSON object of counts
    Column("seq", BigInteger, nullable=False),  # the revision that saved it: insertion order for ties
)

#: The long table of county values. The primary key (dataset_id, seq) is the index on dataset_id
#: that ``values(dataset_id)`` and the cascade use, and ``seq`` keeps the rows in saved order.
dataset_values = Table(
    "atlas_dataset_values",
    metadata,
    Column("dataset_id", String(32), ForeignKey("atlas_datasets.id", ondelete="CASCADE"), primary_key=True),
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("column", Text, nullable=False),
    Column("adcode", String(6), nullable=False),
    Column("year", Integer, nullable=True),
    Column("value", Double, nullable=False),
)

dataset_features = Table(
    "atlas_dataset_features",
    metadata,
    Column("dataset_id", String(32), ForeignKey("atlas_datasets.id", ondelete="CASCADE"), primary_key=True),
    Column("fid", Integer, primary_key=True, autoincrement=False),  # position in the uploaded layer
    Column("adcode", String(6), nullable=False),  # "" when the feature matched no county
    Column("name", Text, nullable=False),
    Column("geometry", GEOMETRY, nullable=True),
)

views = Table(
    "atlas_views",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("name", Text, nullable=False),
    Column("page", Text, nullable=False),
    Column("query", Text, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("seq", BigInteger, nullable=False),  # the revision that saved it: insertion order for ties
)
