"""Headline figures (KPI cards) and the national poverty series for the current selection."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo import charts


def show_kpis(kpis: dict, scope_all: bool) -> None:
    """KPI cards: counties selected, exits by year, resident population, 三区三州."""
    cols = st.columns(4)
    label = "所选县级区划" if scope_all else "所选国家贫困县"
    cols[0].metric(label, f"{kpis['selected'] if scope_all else kpis['counties']:,}")
    exits = kpis["exits_by_year"]
    cols[1].metric(
        "2020年最后一批摘帽",
        f"{exits[2020]:,}",
        help="各年摘帽县数：" + "、".join(f"{y}年 {n}" for y, n in exits.items()),
    )
    population = kpis["population"]
    missing = kpis["population_missing"]
    cols[2].metric(
        "常住人口（2020年普查）",
        "暂无数据" if population is None else f"{population / 1e4:,.0f} 万人",
        help=f"{missing}个县无普查数据，未计入" if missing else "第七次全国人口普查",
    )
    cols[3].metric("三区三州县", f"{kpis['sanqu_sanzhou']:,}")


def show_national_series(series: pd.DataFrame) -> None:
    st.plotly_chart(charts.national_poverty_series(series), width="stretch", config={"displaylogo": False})
    st.caption(charts.SERIES_SOURCE)
