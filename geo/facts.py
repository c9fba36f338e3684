"""Plain summaries of the poverty-county table for panels and cards."""

from __future__ import annotations

import weakref

import numpy as np
import pandas as pd

from geo.i18n import label_of, place, t

# ``area_evidence`` code → catalogue key of its label.
EVIDENCE_KEYS = {
    "explicit": "overview.evidence_explicit",
    "derived": "overview.evidence_derived",
    "unverified": "overview.evidence_unverified",
}
# ``region`` as counties.csv writes it → catalogue key.
REGION_KEYS = {"东": "overview.region_east", "中": "overview.region_central", "西": "overview.region_west"}


def evidence_label(code: str, default: str = "—") -> str:
    """How an area membership is sourced (``explicit`` …), in the current language."""
    return label_of(EVIDENCE_KEYS, code, default)


def evidence_labels() -> dict[str, str]:
    """Every evidence code → its label in the current language."""
    return {code: t(key) for code, key in EVIDENCE_KEYS.items()}


def exits_per_year(poverty: pd.DataFrame) -> pd.Series:
    """Number of counties that exited (摘帽) in each year, 2016–2020."""
    return poverty["exit_year"].value_counts().sort_index().astype(int)


_NO_ROWS = np.array([], dtype=np.intp)
_ROW_INDEXES: dict[tuple[int, str], tuple[weakref.ref, dict[str, np.ndarray]]] = {}


def rows_by(table: pd.DataFrame, column: str) -> dict[str, np.ndarray]:
    """Value of ``column`` → row positions in ``table`` (in table order).

    Built once per table object and kept while it lives: the tables passed here are the
    cached, shared ones, which are never modified. Replaces a comparison over the whole
    column on every rerun.
    """
    key = (id(table), column)
    entry = _ROW_INDEXES.get(key)
    if entry is not None and entry[0]() is table:
        return entry[1]
    index = {str(k): v for k, v in table.groupby(column, sort=False).indices.items()}
    for stale in [k for k, (ref, _) in list(_ROW_INDEXES.items()) if ref() is None]:
        _ROW_INDEXES.pop(stale, None)
    _ROW_INDEXES[key] = (weakref.ref(table), index)
    return index


def county_facts(polygon_adcode: str, poverty: pd.DataFrame) -> list[dict[str, str]]:
    """Facts of the listed poverty county (or counties) drawn by one polygon.

    Returns one dict per listed county, ``[]`` when the polygon is not a poverty county.
    """
    rows = poverty.iloc[rows_by(poverty, "polygon_adcode").get(polygon_adcode, _NO_ROWS)]
    return [
        {
            t("table.county"): place(row.name)
            + (t("overview.fact_listed_as", name=place(row.name_then)) if row.name_then else ""),
            t("table.adcode"): row.adcode or t("overview.fact_no_code"),
            t("table.prefecture"): place(row.prefecture),
            t("table.province"): place(row.province),
            t("overview.fact_region"): t(REGION_KEYS[row.region]) if row.region in REGION_KEYS else row.region,
            t("table.exit_year"): t("common.year", year=int(row.exit_year)),
            t("table.contiguous_area"): place(row.contiguous_area)
            if row.contiguous_area
            else t("overview.fact_no_area"),
            t("table.area_evidence"): evidence_label(row.area_evidence),
            t("table.sanqu_sanzhou"): t("common.yes") if row.sanqu_sanzhou else t("common.no"),
        }
        for row in rows.itertuples(index=False)
    ]
