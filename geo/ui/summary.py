"""Headline figures (KPI cards) and the national poverty series for the current selection."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from geo import charts
from geo.i18n import current_language, t
from geo.ui import cache


def population_text(population: float | None) -> str:
    """A resident population for a card: ``25,152 万人`` / ``251.5 million`` (short: cards are narrow)."""
    if population is None:
        return t("common.no_data")
    value = f"{population / 1e4:,.0f}" if current_language() == "zh" else f"{population / 1e6:,.1f}"
    return t("kpi.population_value", value=value)


def show_kpis(kpis: dict, scope_all: bool) -> None:
    """KPI cards: counties selected, exits by year, resident population, 三区三州."""
    cols = st.columns(4)
    label = t("kpi.selected_units") if scope_all else t("kpi.selected_poverty_counties")
    cols[0].metric(label, f"{kpis['selected'] if scope_all else kpis['counties']:,}")
    exits = kpis["exits_by_year"]
    counts = t("common.list_separator").join(t("kpi.year_count", year=y, count=n) for y, n in exits.items())
    cols[1].metric(t("kpi.last_exits"), f"{exits[2020]:,}", help=t("kpi.exits_by_year_help", counts=counts))
    missing = kpis["population_missing"]
    cols[2].metric(
        t("kpi.population"),
        population_text(kpis["population"]),
        help=t("kpi.population_missing", count=missing) if missing else t("kpi.census"),
    )
    cols[3].metric(t("kpi.sanqu_sanzhou_counties"), f"{kpis['sanqu_sanzhou']:,}")


@st.cache_resource(show_spinner=False, max_entries=2)
def _national_series_figure(lang: str) -> go.Figure:  # noqa: ARG001 - the cache key: the figure's text
    """Built once per language: the series is constant, and rebuilding it cost ~14 % of a rerun."""
    return charts.national_poverty_series(cache.poverty_series())


def show_national_series() -> None:
    """The national poor-population series, 2012–2020, with its source."""
    st.plotly_chart(_national_series_figure(current_language()), width="stretch", config={"displaylogo": False})
    st.caption(charts.series_source())
