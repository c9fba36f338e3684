"""Step ⑥ of the data page: the saved datasets, renaming and deleting them, and where they are kept."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from geo.i18n import t
from geo.store.base import StoreError
from geo.ui import cache
from geo.ui.data_common import column_label, show_problem, step
from geo.ui.data_finish import OVERVIEW, overview_link
from geo.ui.language import in_language
from geo.ui.text import md
from geo.userdata import indicators
from geo.userdata.model import MAX_NAME_CHARS, DatasetMeta

#: Dataset kinds → catalogue keys of their names.
KIND_LABELS = {"table": "data.saved_kind_table", "boundaries": "data.saved_kind_boundaries"}
#: The saved-datasets table: column → catalogue key of its header.
TABLE_COLUMNS = {
    "name": "data.saved_col_name",
    "kind": "data.saved_col_kind",
    "source": "data.saved_col_source",
    "filename": "data.saved_col_file",
    "imported": "data.saved_col_imported",
    "columns": "data.saved_col_columns",
    "rows": "data.saved_col_rows",
    "matching": "data.saved_col_matching",
}
_FLASH = "data_saved_flash"
_ERROR = "data_saved_error"


def saved_table(metas: Sequence[DatasetMeta]) -> pd.DataFrame:
    """One row per saved dataset (every string as the uploader wrote it: a table shows it as text)."""
    rows = []
    for meta in metas:
        summary = meta.join_summary or {}
        matching = t(
            "data.saved_matching",
            matched=summary.get("matched", meta.rows),
            unmatched=summary.get("unmatched", 0),
            ambiguous=summary.get("ambiguous", 0),
        )
        if summary.get("manual"):
            matching += t("data.saved_matching_manual", count=summary["manual"])
        rows.append(
            {
                "name": meta.name,
                "kind": t(KIND_LABELS[meta.kind]) if meta.kind in KIND_LABELS else meta.kind,
                "source": meta.source,
                "filename": meta.filename,
                "imported": indicators.imported_label(meta),
                "columns": t("common.list_separator").join(column_label(c) for c in meta.columns) or "—",
                "rows": meta.rows,
                "matching": matching,
            }
        )
    table = pd.DataFrame(rows, columns=list(TABLE_COLUMNS))
    return table.rename(columns={column: t(key) for column, key in TABLE_COLUMNS.items()})


def backend_line(store: object) -> str:
    """Where the datasets are kept, for the page (PostgreSQL's password is already masked)."""
    location = str(getattr(store, "location", ""))
    if getattr(store, "backend", "") == "postgresql":
        return t("data.backend_postgresql", location=location)
    return t("data.backend_sqlite", location=location)


@in_language
def _rename(meta: DatasetMeta) -> None:
    key = f"data_rename_{meta.id}"
    new = str(st.session_state.get(key, "")).strip()
    try:
        saved = cache.store().rename(meta.id, new)
    except StoreError as err:
        st.session_state[_ERROR] = str(err)
        return
    st.session_state[key] = ""
    st.session_state[_FLASH] = t("data.renamed", old=md(meta.name), new=md(saved.name))


@in_language
def _delete(meta: DatasetMeta) -> None:
    if not st.session_state.get(f"data_delete_ok_{meta.id}"):
        return
    try:
        cache.store().delete(meta.id)
    except StoreError as err:
        st.session_state[_ERROR] = str(err)
        return
    st.session_state[_FLASH] = t("data.deleted", name=md(meta.name))


def _manage(meta: DatasetMeta) -> None:
    with st.expander(t("data.manage", name=md(meta.name))):
        left, right = st.columns([3, 1], vertical_alignment="bottom")
        left.text_input(
            t("data.new_name"), key=f"data_rename_{meta.id}", max_chars=MAX_NAME_CHARS, placeholder=meta.name
        )
        right.button(t("data.rename"), key=f"data_rename_go_{meta.id}", on_click=_rename, args=(meta,))
        left, right = st.columns([3, 1], vertical_alignment="bottom")
        left.checkbox(t("data.delete_confirm"), key=f"data_delete_ok_{meta.id}")
        right.button(
            t("data.delete"),
            key=f"data_delete_go_{meta.id}",
            on_click=_delete,
            args=(meta,),
            disabled=not st.session_state.get(f"data_delete_ok_{meta.id}"),
        )
        params = overview_link(meta)
        if params:
            st.page_link(OVERVIEW, label=t("data.show_in_overview"), icon=":material/map:", query_params=params)


def saved_step() -> None:
    """The table of saved datasets with rename / delete, the storage line and any store problem."""
    step(t("data.step_saved"))
    flash = st.session_state.pop(_FLASH, None)
    if flash:
        st.success(flash)
    error = st.session_state.pop(_ERROR, None)
    if error:
        show_problem(StoreError(error), t("data.not_done"))
    try:
        st.caption(t("data.storage", location=md(backend_line(cache.store()), limit=400)))
    except StoreError as err:
        show_problem(err, t("data.store_unavailable"))
    problem = cache.store_problem()
    if problem:
        st.warning(md(problem, limit=600))
    metas = cache.user_datasets()
    if not metas:
        st.info(t("common.no_data"))
        st.caption(t("data.saved_empty", overview=t("page.overview"), county=t("page.county")))
        return
    st.dataframe(saved_table(metas), hide_index=True, width="stretch")
    for meta in metas:
        _manage(meta)
