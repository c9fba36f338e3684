"""Plotly figures with Chinese labels. The CJK font family is set once, in :data:`LAYOUT`."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from geo.maps import EXIT_YEAR_COLORS

CJK_FONT = "Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, sans-serif"
LAYOUT = {
    "font": {"family": CJK_FONT, "size": 13},
    "margin": {"l": 10, "r": 10, "t": 40, "b": 10},
    "paper_bgcolor": "rgba(0,0,0,0)",
    "plot_bgcolor": "rgba(0,0,0,0)",
}
SERIES_SOURCE = "来源：国家统计局农村贫困监测（现行标准，2010年不变价2300元）；2020年为“全部脱贫”表述"


def national_poverty_series(series: pd.DataFrame) -> go.Figure:
    """Rural poor population (bars, 万人) and incidence (line, %) 2012–2020."""
    national = series[series["level"] == "national"]
    people = national[national["indicator"] == "rural_poor_population"].sort_values("year")
    rate = national[national["indicator"] == "rural_poverty_incidence"].sort_values("year")
    rate = rate[rate["year"] >= people["year"].min()]
    fig = go.Figure()
    fig.add_bar(
        x=people["year"], y=people["value"], name="农村贫困人口（万人）", marker_color="#41b6c4",
        hovertemplate="%{x}年：%{y:,.0f}万人<extra></extra>",
    )  # fmt: skip
    fig.add_scatter(
        x=rate["year"], y=rate["value"], name="贫困发生率（%）", yaxis="y2", mode="lines+markers",
        line={"color": "#b3261e"}, hovertemplate="%{x}年：%{y}%<extra></extra>",
    )  # fmt: skip
    fig.update_layout(
        **LAYOUT,
        title={"text": "全国农村贫困人口与贫困发生率", "font": {"size": 14}},
        height=260,
        legend={"orientation": "h", "y": -0.2},
        yaxis={"title": "万人", "rangemode": "tozero"},
        yaxis2={"title": "%", "overlaying": "y", "side": "right", "rangemode": "tozero", "showgrid": False},
        xaxis={"dtick": 1},
    )
    return fig


def exits_by_province(table: pd.DataFrame, title: str) -> go.Figure:
    """Stacked bars: counties per province, split by exit year (table from geo.areas)."""
    fig = go.Figure()
    for year, color in EXIT_YEAR_COLORS.items():
        if year in table.columns:
            fig.add_bar(
                x=table.index, y=table[year], name=f"{year}年摘帽", marker_color=color,
                marker_line={"color": "#888", "width": 0.5},
                hovertemplate="%{x}：%{y}个县<extra>" + f"{year}年</extra>",
            )  # fmt: skip
    fig.update_layout(
        **LAYOUT, barmode="stack", title={"text": title, "font": {"size": 14}}, height=320,
        yaxis={"title": "县数"}, legend={"orientation": "h", "y": -0.25},
    )  # fmt: skip
    return fig


def income_boxes(frame: pd.DataFrame, year: int, unit: str = "元") -> go.Figure:
    """Distribution of county rural disposable income per group (area vs the 832)."""
    fig = go.Figure()
    for group, rows in frame.groupby("group", sort=False):
        fig.add_box(y=rows["value"], name=f"{group}（{len(rows)}县）", boxpoints="outliers", marker_color="#2c7fb8")
    fig.update_layout(
        **LAYOUT, height=320, showlegend=False, yaxis={"title": unit},
        title={"text": f"农村居民人均可支配收入分布（{year}年）", "font": {"size": 14}},
    )  # fmt: skip
    return fig
