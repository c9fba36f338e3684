"""AppTest helpers shared by the page tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest

from geo.paths import REPO_ROOT
from geo.store import open_store
from geo.store.base import DatasetStore


def _open(page: str | None = None, **params: str) -> AppTest:
    """Open ``page`` (default: the overview) with URL parameters, as a shared link would."""
    at = AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=120)
    for key, value in params.items():
        at.query_params[key] = value
    if page:
        at.switch_page(page)
    return at.run()


@pytest.fixture
def open_app() -> Callable[..., AppTest]:
    """``open_app(page=None, **url_params) -> AppTest`` after the page's first run."""
    return _open


@pytest.fixture
def empty_store() -> DatasetStore:
    """The test session's dataset store (``ATLAS_DATA_DIR``, see tests/conftest.py), emptied."""
    store = open_store()
    for meta in store.list_datasets():
        store.delete(meta.id)
    for view in store.list_views():
        store.delete_view(view.id)
    return store
