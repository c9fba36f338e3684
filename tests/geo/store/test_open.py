"""open_store: where the store lives, which URLs are accepted, and that passwords never leak."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import exc as sa_exc

from geo.paths import REPO_ROOT
from geo.store import DB_FILENAME, SqlStore, StoreError, default_data_dir, mask_url, open_store

SECRET = "s3cr3t-Passw0rd"


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    monkeypatch.delenv("ATLAS_DATABASE_URL", raising=False)
    monkeypatch.delenv("ATLAS_DATA_DIR", raising=False)
    return monkeypatch


@pytest.mark.usefixtures("clean_env")
def test_default_data_dir_is_userdata_in_the_repo() -> None:
    assert default_data_dir() == REPO_ROOT / "userdata"
    # Anchored: only the data directory at the root, not the geo/userdata package.
    assert "/userdata/" in (REPO_ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()


def test_atlas_data_dir_holds_the_sqlite_file(clean_env: pytest.MonkeyPatch, tmp_path: Path) -> None:
    clean_env.setenv("ATLAS_DATA_DIR", str(tmp_path / "data"))
    store = open_store()
    try:
        assert isinstance(store, SqlStore)
        assert store.backend == "sqlite"
        assert (tmp_path / "data" / DB_FILENAME).is_file()
        assert store.location == str(tmp_path / "data" / DB_FILENAME)
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 1000
        assert open_store() is store  # one engine per database and process
    finally:
        store.close()
    assert open_store(data_dir=tmp_path / "data") is not store  # closed: a new engine


def test_explicit_data_dir_wins_over_the_environment(clean_env: pytest.MonkeyPatch, tmp_path: Path) -> None:
    clean_env.setenv("ATLAS_DATABASE_URL", f"mysql://root:{SECRET}@db/atlas")
    store = open_store(data_dir=tmp_path)
    try:
        assert store.backend == "sqlite"
    finally:
        store.close()


def test_isolated_stores_do_not_share_data(tmp_path: Path, make_dataset) -> None:
    one, two = open_store(data_dir=tmp_path / "one"), open_store(data_dir=tmp_path / "two")
    try:
        one.save(make_dataset("只在一号库"))
        assert two.list_datasets() == []
    finally:
        one.close()
        two.close()


def test_sqlite_url_is_accepted(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'x' / 'atlas.db'}")
    try:
        assert store.backend == "sqlite"
        assert (tmp_path / "x" / "atlas.db").is_file()
    finally:
        store.close()


@pytest.mark.parametrize(
    "url",
    [
        f"mysql://root:{SECRET}@db.example/atlas",
        f"postgresql+psycopg2://atlas:{SECRET}@db.example/atlas",
        f"ftp://atlas:{SECRET}@db.example/atlas",
        f"atlas:{SECRET}@db.example/atlas",
        "sqlite://",
        "sqlite:///:memory:",
        f"sqlite:///x.db?mode=memory&password={SECRET}",
        f"postgresql://atlas:{SECRET}@db.example",  # no database name
        f"postgresql://atlas:{SECRET}@db.example:notaport/atlas",
    ],
)
def test_unsupported_urls_are_refused_without_leaking_the_password(url: str, clean_env: pytest.MonkeyPatch) -> None:
    with pytest.raises(StoreError) as err:
        open_store(url)
    message = str(err.value)
    assert SECRET not in message and SECRET not in repr(err.value)
    assert "请" in message
    clean_env.setenv("ATLAS_DATABASE_URL", url)  # the same through the environment
    with pytest.raises(StoreError) as err:
        open_store()
    assert SECRET not in str(err.value)


def test_unreachable_postgres_is_a_store_error_without_the_password() -> None:
    # Port 9 on loopback: nothing listens there, the connection is refused at once.
    with pytest.raises(StoreError) as err:
        open_store(f"postgresql://atlas:{SECRET}@127.0.0.1:9/atlas")
    message = str(err.value)
    assert SECRET not in message
    assert "atlas:***@127.0.0.1:9/atlas" in message
    assert "暂时无法访问数据库" in message
    assert SECRET not in str(err.value.__cause__)  # the driver's error, logged by the app, neither


@pytest.mark.parametrize(
    ("url", "masked"),
    [
        ("postgresql://atlas:pw@h:5432/db", "postgresql://atlas:***@h:5432/db"),
        ("postgresql+psycopg://atlas@h/db", "postgresql+psycopg://atlas@h/db"),
        ("postgresql://u:p@ss@word@h/db", "postgresql://u:***@h/db"),  # unencoded "@" in the password
        ("postgresql://u:pa/ss@h/db", "postgresql://u:***@h/db"),  # unencoded "/" in the password
        ("weird://u:p:w@[::1/x", "weird://u:***@[::1/x"),
        ("atlas:pw@h/db", "atlas:***@h/db"),  # no scheme
        ("u/x@h/db", "***@h/db"),
        ("sqlite:///x.db?mode=ro&Password=pw&a=1", "sqlite:///x.db?mode=ro&Password=***&a=1"),
        ("postgresql://h/db?password=pw", "postgresql://h/db?password=***"),
    ],
)
def test_mask_url(url: str, masked: str) -> None:
    assert mask_url(url) == masked


class _Result:
    def __init__(self, row: tuple[int] | None) -> None:
        self.row = row

    def first(self) -> tuple[int] | None:
        return self.row


class _NoPostGIS:
    """A PostgreSQL connection where PostGIS is not enabled (and maybe not installed at all)."""

    def __init__(self, available: bool) -> None:
        self.available = available

    def execute(self, statement: object, *_args: object) -> _Result:
        sql = str(statement)
        if "pg_extension" in sql:
            return _Result(None)
        if "pg_available_extensions" in sql:
            return _Result((1,) if self.available else None)
        raise sa_exc.ProgrammingError(sql, {}, Exception('permission denied to create extension "postgis"'))


@pytest.mark.parametrize(
    ("available", "fragment"),
    [(False, "没有安装 PostGIS"), (True, "CREATE EXTENSION postgis")],
    ids=["missing", "denied"],
)
def test_missing_postgis_is_a_clear_store_error(available: bool, fragment: str) -> None:
    store = object.__new__(SqlStore)  # only the message's location is needed
    store.location = "postgresql+psycopg://atlas:***@db/atlas"
    with pytest.raises(StoreError) as err:
        store._ensure_postgis(_NoPostGIS(available))  # type: ignore[arg-type]
    assert fragment in str(err.value) and "请管理员" in str(err.value)
