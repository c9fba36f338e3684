"""The table of selected counties, with downloads of exactly what is shown."""

from __future__ import annotations

import functools

import pandas as pd
import streamlit as st

from geo.export import safe_filename, to_csv_bytes, to_xlsx_bytes
from geo.i18n import t
from geo.ui.presentation import downloads


def show_table(table: pd.DataFrame, file_stem: str, key: str) -> None:
    """Sortable table plus CSV and XLSX downloads of the same rows and columns.

    The files are built only when a button is clicked (callable ``data``): building (and
    cache-hashing) them on every rerun cost ~10 % of a rerun under load.
    """
    st.dataframe(table, hide_index=True, width="stretch", height=360, key=f"{key}_table")
    csv, xlsx = functools.partial(to_csv_bytes, table), functools.partial(to_xlsx_bytes, table)
    file_stem = safe_filename(file_stem)
    left, right, _ = downloads(key).columns([1, 1, 4])
    left.download_button(
        t("table.download_csv"), csv, f"{file_stem}.csv", "text/csv", key=f"{key}_csv", on_click="ignore"
    )
    right.download_button(
        t("table.download_xlsx"),
        xlsx,
        f"{file_stem}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"{key}_xlsx",
        on_click="ignore",
    )
