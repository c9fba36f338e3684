"""The per-area summary of the contiguous-areas page."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo import areas, charts
from geo.i18n import place, t
from geo.ui.summary import population_text
from geo.ui.table import show_table


def show_area_summary(area: str, poverty: pd.DataFrame, catalogue: pd.DataFrame, stats: pd.DataFrame) -> None:
    """Type, counts, population, exits by province and year, income vs the 832, members."""
    facts = areas.summary(area, poverty, catalogue, stats)
    st.subheader(f"{place(area)} · {facts.type}")
    st.caption(t("areas.provinces_caption", provinces=facts.provinces))
    cols = st.columns(4)
    cols[0].metric(
        t("areas.counties_in_data"), facts.counties, help=t("areas.official_count", count=facts.official_count)
    )
    missing = facts.population_missing
    cols[1].metric(
        t("kpi.population"),
        population_text(facts.population),
        help=t("areas.population_missing", count=missing) if missing else t("kpi.census"),
    )
    explicit = facts.evidence_by_code.get("explicit", 0)
    cols[2].metric(t("areas.explicit_metric"), f"{explicit} / {facts.counties}")
    cols[3].metric(t("areas.unverified_metric"), facts.evidence_by_code.get("unverified", 0))
    if explicit < facts.counties:
        st.info(t("areas.evidence_note"))
    left, right = st.columns(2)
    with left:
        table = areas.counties_by_province(area, poverty)
        st.plotly_chart(charts.exits_by_province(table, t("areas.by_province_title")), width="stretch")
    with right:
        year, incomes = areas.income_comparison(area, poverty, stats)
        if year is None:
            st.info(t("areas.no_income"))
        else:
            st.plotly_chart(charts.income_boxes(incomes, year), width="stretch")
            st.caption(t("areas.income_source"))
    st.markdown(t("areas.members_heading"))
    show_table(areas.member_table(area, poverty), file_stem=t("areas.members_file", area=area), key="area_members")
