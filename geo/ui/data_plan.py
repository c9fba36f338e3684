"""Step ② of the data page, shared by tables and boundary layers: which columns are keys and values.

The pickers start from :func:`geo.userdata.importer.suggest_plan`; the user confirms or changes
them. Column headers come from the upload, so they are shown as option text (plain) or, in
widget labels (which render markdown), escaped.
"""

from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from geo.i18n import t
from geo.ui.data_common import Upload, memo
from geo.ui.text import md
from geo.userdata.importer import (
    MAX_LABEL_CHARS,
    MAX_YEAR,
    MIN_YEAR,
    ImportPlan,
    ValueChoice,
    attribute_columns,
    guess_unit,
    suggest_plan,
)

NONE = ""  # the "no column" option of a key picker
#: The key pickers → catalogue keys of their labels (``data.key_<role>``) and help (``data.key_<role>_help``).
KEY_ROLES = {role: f"data.key_{role}" for role in ("code", "province", "name", "prefecture")}
KEY_HELP = {role: f"{key}_help" for role, key in KEY_ROLES.items()}
YEAR_MODES = {mode: f"data.year_mode_{mode}" for mode in ("column", "fixed", "none")}
DEFAULT_YEAR = 2020
_YEAR_IN_TITLE = re.compile(r"(?<!\d)((?:19|20)\d{2})(?:\s*[—–~～至到-]\s*((?:19|20)\d{2}))?\s*年")


def year_hint(rows: list[list[str]]) -> int | None:
    """A year written in the title rows above the header (``"2020年县域统计"`` → 2020), if exactly one."""
    found = (y for row in rows for cell in row for m in _YEAR_IN_TITLE.findall(cell) for y in m if y)
    years = {int(y) for y in found}
    years = {y for y in years if MIN_YEAR <= y <= MAX_YEAR}
    return years.pop() if len(years) == 1 else None


def _index(options: list[str], value: str | None) -> int:
    return options.index(value) if value in options else 0


def plan_controls(
    upload: Upload, frame: pd.DataFrame, scope: str, *, boundaries: bool, title_year: int | None = None
) -> ImportPlan:
    """Key, value and year pickers for ``frame``; ``scope`` separates the widgets of different headers."""
    columns = attribute_columns(frame)
    default = memo(upload, ("plan", scope), lambda: suggest_plan(frame))

    def key(*parts: object) -> str:
        return upload.key("plan", scope, *parts)

    st.markdown(t("data.keys_intro"))
    options = [NONE, *columns]
    no_column = t("data.no_column")
    picked: dict[str, str | None] = {}
    for col, (role, label) in zip(st.columns(len(KEY_ROLES)), KEY_ROLES.items(), strict=True):
        picked[role] = (
            col.selectbox(
                t(label),
                options,
                index=_index(options, getattr(default, role)),
                format_func=lambda c: c or no_column,
                key=key(role),
                help=t(KEY_HELP[role]),
            )
            or None
        )

    values = st.multiselect(
        t("data.values_optional") if boundaries else t("data.values"),
        columns,
        default=[v.column for v in default.values if v.column in columns],
        key=key("values"),
        help=t("data.values_help"),
        placeholder=t("data.values_placeholder") if not boundaries else t("data.values_placeholder_boundaries"),
    )
    units = {v.column: v.unit for v in default.values}
    choices = []
    if values:
        st.caption(t("data.units_intro"))
        unit_cols = st.columns(min(len(values), 4))
        for i, column in enumerate(values):
            unit = unit_cols[i % len(unit_cols)].text_input(
                md(t("data.unit_of", column=column), limit=80),
                value=units.get(column) or guess_unit(column),
                key=key("unit", columns.index(column)),
                max_chars=MAX_LABEL_CHARS,
                placeholder=t("data.unit_placeholder"),
            )
            choices.append(ValueChoice(column, unit.strip()))

    year = year_column = None
    if choices:  # a year only means something for values
        year, year_column = _year_controls(columns, default, key, title_year)
    return ImportPlan(
        code=picked["code"],
        province=picked["province"],
        name=picked["name"],
        prefecture=picked["prefecture"],
        values=tuple(choices),
        year=year,
        year_column=year_column,
    )


def _year_controls(
    columns: list[str], default: ImportPlan, key, title_year: int | None
) -> tuple[int | None, str | None]:
    modes = list(YEAR_MODES)
    initial = "column" if default.year_column else "fixed" if title_year else "none"
    left, right = st.columns([2, 1])
    mode = left.radio(
        t("data.year"),
        modes,
        index=modes.index(initial),
        format_func=lambda m: t(YEAR_MODES[m]),
        horizontal=True,
        key=key("year_mode"),
        help=t("data.year_help"),
    )
    if mode == "column":
        column = right.selectbox(
            t("data.year_column"), columns, index=_index(columns, default.year_column), key=key("year_column")
        )
        return None, column
    if mode == "fixed":
        year = right.number_input(
            t("data.year"), MIN_YEAR, MAX_YEAR, value=title_year or DEFAULT_YEAR, step=1, key=key("year_value")
        )
        return int(year), None
    return None, None
