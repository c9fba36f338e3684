"""Plain summaries of the poverty-county table for panels and cards."""

from __future__ import annotations

import pandas as pd

from geo.i18n import place, t

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
    return t(EVIDENCE_KEYS[code]) if code in EVIDENCE_KEYS else default


def evidence_labels() -> dict[str, str]:
    """Every evidence code → its label in the current language."""
    return {code: t(key) for code, key in EVIDENCE_KEYS.items()}


def exits_per_year(poverty: pd.DataFrame) -> pd.Series:
    """Number of counties that exited (摘帽) in each year, 2016–2020."""
    return poverty["exit_year"].value_counts().sort_index().astype(int)


def county_facts(polygon_adcode: str, poverty: pd.DataFrame) -> list[dict[str, str]]:
    """Facts of the listed poverty county (or counties) drawn by one polygon.

    Returns one dict per listed county, ``[]`` when the polygon is not a poverty county.
    """
    rows = poverty[poverty["polygon_adcode"] == polygon_adcode]
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
