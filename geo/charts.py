"""Plotly figures, labelled in the current language (:mod:`geo.i18n`).

The CJK-capable font family is set once, in :data:`LAYOUT`: place names stay Chinese in English.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from geo.i18n import current_language, place, t
from geo.i18n import unit as unit_text
from geo.maps import EXIT_YEAR_COLORS

CJK_FONT = "Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, sans-serif"
LAYOUT = {
    "font": {"family": CJK_FONT, "size": 13},
    "margin": {"l": 10, "r": 10, "t": 40, "b": 10},
    "paper_bgcolor": "rgba(0,0,0,0)",
    "plot_bgcolor": "rgba(0,0,0,0)",
}
# The poor population is published in 万人; English has no 万, so the chart shows millions.
_PEOPLE_SCALE = {"zh": 1.0, "en": 1e4 / 1e6}


def series_source() -> str:
    """The source line under the national series chart."""
    return t("overview.series_source")


def national_poverty_series(series: pd.DataFrame) -> go.Figure:
    """Rural poor population (bars, 万人 / millions) and incidence (line, %) 2012–2020."""
    national = series[series["level"] == "national"]
    people = national[national["indicator"] == "rural_poor_population"].sort_values("year")
    rate = national[national["indicator"] == "rural_poverty_incidence"].sort_values("year")
    rate = rate[rate["year"] >= people["year"].min()]
    scale = _PEOPLE_SCALE.get(current_language(), 1.0)
    fig = go.Figure()
    fig.add_bar(
        x=people["year"], y=people["value"] * scale, name=t("overview.series_people"), marker_color="#41b6c4",
        hovertemplate=t("overview.series_people_hover"),
    )  # fmt: skip
    fig.add_scatter(
        x=rate["year"], y=rate["value"], name=t("overview.series_rate"), yaxis="y2", mode="lines+markers",
        line={"color": "#b3261e"}, hovertemplate=t("overview.series_rate_hover"),
    )  # fmt: skip
    fig.update_layout(
        **LAYOUT,
        title={"text": t("overview.series_title"), "font": {"size": 14}},
        height=260,
        legend={"orientation": "h", "y": -0.2},
        yaxis={"title": t("overview.series_people_axis"), "rangemode": "tozero"},
        yaxis2={"title": "%", "overlaying": "y", "side": "right", "rangemode": "tozero", "showgrid": False},
        xaxis={"dtick": 1},
    )
    return fig


def exits_by_province(table: pd.DataFrame, title: str) -> go.Figure:
    """Stacked bars: counties per province, split by exit year (table from geo.areas)."""
    fig = go.Figure()
    provinces = [place(p) for p in table.index]
    for year, color in EXIT_YEAR_COLORS.items():
        if year in table.columns:
            fig.add_bar(
                x=provinces, y=table[year], name=t("legend.exited_in", year=year), marker_color=color,
                marker_line={"color": "#888", "width": 0.5},
                hovertemplate=t("areas.chart_counties_hover", year=year),
            )  # fmt: skip
    # English province names carry their pinyin: long, slanted ticks, so the legend moves to the right
    legend = {"orientation": "h", "y": -0.25} if current_language() == "zh" else {"orientation": "v"}
    fig.update_layout(
        **LAYOUT, barmode="stack", title={"text": title, "font": {"size": 14}}, height=320,
        yaxis={"title": t("areas.chart_counties_axis")}, legend=legend,
    )  # fmt: skip
    return fig


def income_boxes(frame: pd.DataFrame, year: int, unit: str = "元") -> go.Figure:  # i18n: data (a unit)
    """Distribution of county rural disposable income per group (area vs the 832)."""
    fig = go.Figure()
    for group, rows in frame.groupby("group", sort=False):
        name = t("areas.income_group", group=place(str(group)), count=len(rows))
        fig.add_box(y=rows["value"], name=name, boxpoints="outliers", marker_color="#2c7fb8")
    fig.update_layout(
        **LAYOUT, height=320, showlegend=False, yaxis={"title": unit_text(unit)},
        title={"text": t("areas.income_title", year=year), "font": {"size": 14}},
    )  # fmt: skip
    return fig
