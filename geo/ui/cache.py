"""Streamlit caches around the plain loaders in :mod:`geo` (keyed by simple values).

A cached result that carries text is keyed by the language too (:func:`geo.i18n.current_language`):
the public functions keep their signatures and add it internally. Spinner texts are translated
at each call (``st.spinner`` shows only when a call takes more than half a second, i.e. on a miss).
"""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from geo import boundaries, choropleth, data, overview, taxonomy, url_state
from geo.filters import FilterState
from geo.i18n import current_language, t
from geo.store import open_store
from geo.store.base import DatasetStore
from geo.userdata import indicators as user_indicators
from geo.userdata.model import DatasetMeta, SavedView

#: Revision reported when the store cannot be read: the atlas runs on its embedded data alone.
STORE_UNAVAILABLE = -1
#: Attribute of the script run context holding this run's revision (see user_revision).
_REVISION_MEMO = "_atlas_store_revision"


@st.cache_resource(show_spinner=False)
def _county_polygons(level: boundaries.Level) -> gpd.GeoDataFrame:
    return boundaries.counties(level)


def county_polygons(level: boundaries.Level = "national") -> gpd.GeoDataFrame:
    """County polygons of a view level (the first start builds the boundary cache)."""
    with st.spinner(t("app.building_boundaries")):
        return _county_polygons(level)


@st.cache_resource(show_spinner=False)
def web_layers() -> dict[str, str]:
    """URLs of the boundary files the browser loads (published once per source version)."""
    return boundaries.publish_web_layers()


@st.cache_data(show_spinner=False)
def poverty_counties() -> pd.DataFrame:
    return data.poverty_counties()


@st.cache_data(show_spinner=False)
def poverty_series() -> pd.DataFrame:
    return data.poverty_series()


@st.cache_resource(show_spinner=False)
def _embedded_atlas_data() -> overview.AtlasData:
    polygons = _county_polygons("national")
    poverty = data.poverty_counties()
    programmes = taxonomy.programme_counties(poverty, data.pairings(), data.relocation_sites())
    attrs = choropleth.county_attributes(polygons, poverty)
    return overview.AtlasData.build(polygons, poverty, data.county_stats(), data.indicators(), programmes, attrs)


def embedded_atlas_data() -> overview.AtlasData:
    """The atlas's own data (``data/`` and the boundaries), built once per process."""
    with st.spinner(t("app.loading_stats")):
        return _embedded_atlas_data()


@st.cache_resource(show_spinner=False)
def store() -> DatasetStore:
    """The dataset store of this process (``ATLAS_DATABASE_URL`` or the embedded SQLite file)."""
    return open_store()


def store_problem() -> str | None:
    """Why saved datasets cannot be read right now, or None when the store works."""
    try:
        store().revision()
    except Exception as err:  # any driver error means "no user data", shown as text
        return t("app.store_problem", kind=type(err).__name__, error=err)
    return None


def user_revision() -> int:
    """The store's revision: every cache of user-data-dependent results is keyed by it.

    Read from the store once per script run (a page asks for it several times): the value is
    kept on the run's context until the run ends or this process writes to the store, so a
    dataset or view saved in this run (a callback, a button) is seen at once, and a write by
    another process at the next run, as before.
    """
    try:
        current = store()
    except Exception:  # the store cannot even be opened: the atlas runs on its own data
        return STORE_UNAVAILABLE
    ctx = get_script_run_ctx()
    writes = getattr(current, "writes", None)
    if ctx is not None and writes is not None:
        memo = getattr(ctx, _REVISION_MEMO, None)
        # ``cursors`` is a new dict at every run's reset: identity = this run.
        if memo is not None and memo[0] is ctx.cursors and memo[1] == writes and memo[2] is current:
            return memo[3]
    try:
        value = current.revision()
    except Exception:  # see store_problem(); the atlas falls back to its own data
        value = STORE_UNAVAILABLE
    if ctx is not None and writes is not None:
        setattr(ctx, _REVISION_MEMO, (ctx.cursors, writes, current, value))
    return value


@st.cache_resource(show_spinner=False, max_entries=4)
def _saved_views(store_key: tuple[str, int], revision: int) -> tuple[SavedView, ...]:  # noqa: ARG001 - cache keys
    """Keyed by the store (a reopened store restarts its revisions) and its revision (every write bumps it)."""
    return tuple(store().list_views())


def saved_views() -> list[SavedView]:
    """Saved views, oldest first; read from the store only when its revision has changed.

    Raises like the store when it cannot be read.
    """
    revision = user_revision()
    if revision == STORE_UNAVAILABLE:
        return list(store().list_views())  # raises the store's error for the caller
    current = store()
    return list(_saved_views((str(getattr(current, "location", "")), id(current)), revision))


@st.cache_resource(show_spinner=False, max_entries=4)
def _user_tables(revision: int) -> tuple[tuple[DatasetMeta, ...], pd.DataFrame]:
    if revision == STORE_UNAVAILABLE:
        return (), pd.DataFrame(columns=["dataset_id", "adcode", "column", "year", "value"])
    return tuple(store().list_datasets()), store().values(None)


def user_datasets() -> tuple[DatasetMeta, ...]:
    """Saved datasets, newest first (empty when the store cannot be read)."""
    with st.spinner(t("app.loading_user_data")):
        return _user_tables(user_revision())[0]


@st.cache_resource(show_spinner=False, max_entries=8)
def _atlas_data_at(revision: int, lang: str) -> overview.AtlasData:  # noqa: ARG001 - lang: a cache key
    """Keyed by ``lang``: the user datasets' source lines are text (see geo.userdata.indicators)."""
    metas, values = _user_tables(revision)
    base = _embedded_atlas_data()
    return base.with_user_data(user_indicators.catalogue(metas, values), user_indicators.stats(metas, values))


def atlas_data_at(revision: int) -> overview.AtlasData:
    """:func:`atlas_data` at a given store revision (for caches keyed by the revision)."""
    return _atlas_data_at(revision, current_language())


def atlas_data() -> overview.AtlasData:
    """Every input of the map pages: the embedded data plus the saved user datasets."""
    with st.spinner(t("app.loading_data")):
        return atlas_data_at(user_revision())


@st.cache_resource(show_spinner=False, max_entries=4)
def _vocabulary(revision: int) -> url_state.Vocabulary:
    atlas = atlas_data_at(revision)
    return url_state.Vocabulary.from_tables(atlas.poverty, atlas.indicators, atlas.polygons)


def vocabulary() -> url_state.Vocabulary:
    return _vocabulary(user_revision())


@st.cache_data(show_spinner=False, max_entries=256)
def _overview_view(
    state: FilterState,
    classing: overview.Classing,
    revision: int,
    lang: str,  # noqa: ARG001 - a cache key: the view's labels are in this language
) -> overview.OverviewView:
    return overview.build_view(state, atlas_data_at(revision), classing)


def overview_view(state: FilterState, classing: overview.Classing) -> overview.OverviewView:
    """The overview for ``state`` in the current language (cached per state, revision and language)."""
    with st.spinner(t("common.computing")):
        return _overview_view(state, classing, user_revision(), current_language())
