"""Plotly figures with Chinese labels. The CJK font family is set once, in :data:`LAYOUT`."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

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
