"""Step ② for a statistics table: encoding / sheet, header row, then the shared column pickers."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo.i18n import t
from geo.ui.data_common import Joined, Upload, gazetteer, memo, show_problem, step, tag
from geo.ui.data_plan import plan_controls, year_hint
from geo.ui.text import md
from geo.upload.errors import UploadError
from geo.upload.tables import RawGrid, guess_header_row, read_grid, table_from_grid
from geo.userdata.importer import match_table, review_label

#: CSV reading options offered: how each is shown (catalogue keys where the name has words).
ENCODINGS = {"": "data.detect", "utf-8": "UTF-8", "gb18030": "GBK / GB18030"}
DELIMITERS = {"": "data.detect", ",": "data.delimiter_comma", "\t": "data.delimiter_tab"}
HEADER_SCAN = 30  # rows offered as the header row
PREVIEW_ROWS = 12
PREVIEW_COLUMNS = 40
_XLSX_MAGIC = b"PK\x03\x04"


def _shown(label: str) -> str:
    """An entry of :data:`ENCODINGS` / :data:`DELIMITERS`: a catalogue key, or a name as is."""
    return t(label) if label.startswith("data.") else label


def grid_preview(grid: RawGrid, rows: int = PREVIEW_ROWS, columns: int = PREVIEW_COLUMNS) -> pd.DataFrame:
    """The first rows of the file as read, numbered as in the file (for choosing the header row)."""
    top = [r[:columns] for r in grid.rows[:rows]]
    width = max((len(r) for r in top), default=0)
    return pd.DataFrame(
        top,
        columns=[t("upload.column_n", number=j + 1) for j in range(width)],
        index=pd.Index(range(1, len(top) + 1), name=review_label("row")),
        dtype=object,
    )


def row_label(grid: RawGrid, i: int) -> str:
    """A header-row option: the row number and its first cells (``第 3 行：省份｜县名｜…``)."""
    cells = [c for c in grid.rows[i] if c]
    text = t("data.cell_separator").join(cells[:4]) + ("…" if len(cells) > 4 else "")
    return t("data.header_row_option", row=i + 1, cells=text[:60] or t("data.empty_row"))


def table_step(upload: Upload) -> Joined | None:
    """Read the table, let the user pick the header row and columns, and join it to the counties."""
    step(t("data.step_table"))
    encoding = delimiter = ""
    if not upload.data.startswith(_XLSX_MAGIC):  # CSV: the guesses can be overridden
        left, right, _ = st.columns([1, 1, 2])
        encoding = left.selectbox(
            t("data.encoding"),
            list(ENCODINGS),
            format_func=lambda e: _shown(ENCODINGS[e]),
            key=upload.key("encoding"),
            help=t("data.encoding_help"),
        )
        delimiter = right.selectbox(
            t("data.delimiter"),
            list(DELIMITERS),
            format_func=lambda d: _shown(DELIMITERS[d]),
            key=upload.key("delimiter"),
        )
    sheet = st.session_state.get(upload.key("sheet"))
    try:
        with st.spinner(t("data.reading_table")):
            grid = memo(
                upload,
                ("grid", encoding, delimiter, sheet),
                lambda: read_grid(
                    upload.data, upload.filename, sheet=sheet, encoding=encoding or None, delimiter=delimiter or None
                ),
            )
    except UploadError as err:
        show_problem(err)
        return None
    if grid.format == "xlsx" and len(grid.sheet_names) > 1:
        st.selectbox(t("data.sheet"), grid.sheet_names, key=upload.key("sheet"))
    st.caption(t("data.grid_read", description=md(grid.description), rows=len(grid.rows)))

    top = min(len(grid.rows), HEADER_SCAN)
    guess = min(guess_header_row(grid), top - 1)
    header = st.selectbox(
        t("data.header_row"),
        list(range(top)),
        index=guess,
        format_func=lambda i: row_label(grid, i),
        key=upload.key("header", tag(encoding, delimiter, sheet)),
        help=t("data.header_row_help"),
    )
    st.dataframe(grid_preview(grid), width="stretch", height=280)
    try:
        table = memo(upload, ("table", encoding, delimiter, sheet, header), lambda: table_from_grid(grid, header))
    except UploadError as err:
        show_problem(err)
        return None
    st.caption(t("data.table_read", rows=len(table), columns=len(table.columns)))

    scope = tag(encoding, delimiter, sheet, header)
    plan = plan_controls(upload, table, scope, boundaries=False, title_year=year_hint(grid.rows[:header]))
    key = ("match", scope, plan)
    try:
        with st.spinner(t("data.matching_table")):
            match = memo(upload, key, lambda: match_table(table, plan, gazetteer()))
    except UploadError as err:
        show_problem(err)
        return None
    return Joined(match=match, key=key)
