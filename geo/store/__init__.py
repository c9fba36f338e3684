"""Where user datasets and saved views are kept (issue 6).

:func:`open_store` returns a :class:`~geo.store.base.DatasetStore`: an embedded SQLite file
in ``ATLAS_DATA_DIR`` by default, or PostgreSQL + PostGIS when ``ATLAS_DATABASE_URL`` is set.

- ``ATLAS_DATA_DIR`` — directory of the embedded database ``atlas.sqlite`` (default ``<repo>/userdata``).
- ``ATLAS_DATABASE_URL`` — ``postgresql://user:password@host:port/database`` for a shared deployment
  (the same datasets in PostgreSQL; PostGIS must be installed on the server). ``sqlite:///path`` is
  accepted too. The password never appears in messages.

Why SQLite, and the tables: :mod:`geo.store.schema`. The implementation: :mod:`geo.store.sql`.
"""

from __future__ import annotations

import os
import re
import threading
from pathlib import Path

from sqlalchemy import URL, make_url
from sqlalchemy import exc as sa_exc

from geo.i18n import t
from geo.paths import REPO_ROOT
from geo.store.base import DatasetStore, StoreError
from geo.store.sql import SqlStore, postgres_engine, sqlite_engine

__all__ = ["DB_FILENAME", "DatasetStore", "SqlStore", "StoreError", "default_data_dir", "mask_url", "open_store"]

#: File name of the embedded database inside the data directory.
DB_FILENAME = "atlas.sqlite"

_POSTGRES_SCHEMES = ("postgresql", "postgresql+psycopg")

_PASSWORD_PARAM = re.compile(r"(?i)([?&](?:password|passwd|pwd|sslpassword)=)[^&#]*")

_stores: dict[str, SqlStore] = {}
_lock = threading.Lock()


def default_data_dir() -> Path:
    """The embedded store's directory: ``ATLAS_DATA_DIR``, else ``<repo>/userdata``."""
    return Path(os.environ.get("ATLAS_DATA_DIR") or REPO_ROOT / "userdata")


def mask_url(url: str) -> str:
    """``url`` safe to show or log: the password of the user part and of ``password=`` parameters masked.

    Works on text rather than on a parsed URL, so a malformed URL (an unencoded ``@`` or ``/`` in the
    password, no scheme) is masked too: everything up to the last ``@`` is treated as the user part,
    and only the user name before the first ``:`` is kept.
    """
    scheme, sep, rest = url.partition("://")
    if not sep:
        scheme, rest = "", url
    if "@" in rest:
        userinfo, _, host = rest.rpartition("@")
        user, colon, _ = userinfo.partition(":")
        if "/" in user or "@" in user:  # not a user name: hide all of it
            user, colon = "***", ""
        rest = f"{user}{':***' if colon else ''}@{host}"
    rest = _PASSWORD_PARAM.sub(r"\1***", rest)
    return f"{scheme}{sep}{rest}"


def _parse(url: str) -> URL:
    """A database URL this atlas supports, with PostgreSQL mapped to the psycopg 3 driver."""
    shown = mask_url(url)
    supported = t("store.supported_urls")
    scheme = url.split("://", 1)[0].lower() if "://" in url else ""
    if scheme not in (*_POSTGRES_SCHEMES, "sqlite"):
        raise StoreError(t("store.url_unsupported", url=shown, supported=supported))
    try:
        parsed = make_url(url)
    except (sa_exc.ArgumentError, ValueError):
        # "from None": the parser's own message quotes the URL with its password.
        raise StoreError(t("store.url_unparsable", url=shown, supported=supported)) from None
    if scheme == "sqlite":
        if not parsed.database or parsed.database == ":memory:" or parsed.query:
            raise StoreError(t("store.sqlite_not_a_file", url=shown))
        return parsed
    if not parsed.database:
        raise StoreError(t("store.url_no_database", url=shown, supported=supported))
    return parsed.set(drivername="postgresql+psycopg")


def _open(key: str, target: URL | Path, location: str) -> SqlStore:
    """The cached store of ``key`` (the full URL), or a new one on ``target``."""
    with _lock:
        store = _stores.get(key)
        if store is None:
            store = _new_store(key, target, location)
            _stores[key] = store
        return store


def _forget(key: str, store: SqlStore) -> None:
    with _lock:
        if _stores.get(key) is store:  # not a newer store opened on the same database since
            del _stores[key]


def _new_store(key: str, target: URL | Path, location: str) -> SqlStore:
    if isinstance(target, Path):
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise StoreError(t("store.data_dir_failed", path=target.parent, error=err.strerror)) from err
        engine = sqlite_engine(target)
    else:
        engine = postgres_engine(target)
    try:
        return SqlStore(engine, location, on_close=lambda store: _forget(key, store))
    except BaseException:
        engine.dispose()
        raise


def open_store(url: str | None = None, data_dir: Path | None = None) -> DatasetStore:
    """The dataset store, opened once per database and process (tables created on first open).

    ``url`` wins; else an explicit ``data_dir`` opens the embedded SQLite file there; else
    ``ATLAS_DATABASE_URL``, else the embedded file in ``ATLAS_DATA_DIR`` (default ``<repo>/userdata``).
    Raises :class:`StoreError` (message in the current language, password masked) when the URL is not supported or
    the database cannot be opened.
    """
    if url is None and data_dir is None:
        url = os.environ.get("ATLAS_DATABASE_URL", "").strip() or None
    if url is None:
        path = ((data_dir if data_dir is not None else default_data_dir()) / DB_FILENAME).expanduser().absolute()
        return _open(f"sqlite:///{path}", path, str(path))
    parsed = _parse(url)
    if parsed.drivername == "sqlite":
        path = Path(parsed.database or "").expanduser().absolute()
        return _open(f"sqlite:///{path}", path, str(path))
    key = parsed.render_as_string(hide_password=False)
    return _open(key, parsed, mask_url(key))
