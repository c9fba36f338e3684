"""Side panel with the facts of the clicked county (until the drill-down page exists)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo.facts import county_facts, exits_per_year, rows_by
from geo.i18n import place, t


def show_county(
    adcode: str | None, polygons: pd.DataFrame, poverty: pd.DataFrame, exits: dict[int, int] | None = None
) -> None:
    """Facts of the clicked county, or exits per year (of the selection, if given) when none is."""
    rows = rows_by(polygons, "adcode").get(adcode) if adcode else None
    names = polygons["name"].iloc[rows] if rows is not None else pd.Series(dtype=str)
    if names.empty:
        st.subheader(t("overview.exit_progress"))
        per_year = exits_per_year(poverty) if exits is None else pd.Series(exits)
        st.dataframe(
            per_year.rename_axis(t("table.year")).reset_index(name=t("overview.exits_count")),
            hide_index=True,
            width="stretch",
        )
        st.caption(t("overview.panel_caption", count=int(per_year.sum())))
        return
    st.subheader(place(names.iloc[0]))
    facts = county_facts(adcode, poverty)
    if not facts:
        st.info(t("overview.not_poverty_county"))
        return
    item, value = t("overview.fact_item"), t("overview.fact_value")
    for fact in facts:
        st.table(pd.DataFrame({item: list(fact), value: list(fact.values())}).set_index(item))
