"""The county profile's plotly figures, each with its title, source and unit.

A chart whose county series is missing has ``figure=None``: the page then says "暂无数据"
instead of drawing an empty axis. Every figure uses :data:`geo.charts.LAYOUT` (CJK fonts)
and carries its source line, so a PNG export is self-describing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from geo.charts import LAYOUT
from geo.county.peers import PeerGroup, county_series, county_values, median_series, median_values, shares

NO_DATA = "暂无数据"
SOURCE_LABELS = {
    "census2020": "第七次全国人口普查分县资料（leiii/census 整理，MIT）",
    "clebeech_income": "县域统计面板（Clebeech/ds_project 整理，原始出处未注明）",
    "clebeech_population": "县域统计面板（Clebeech/ds_project 整理，原始出处未注明）",
    "clebeech_gdp": "县域统计面板（Clebeech/ds_project 整理，原始出处未注明）",
}
COUNTY_COLOR = "#253494"
SERIES_COLORS = {"rural_disposable_income": "#2c7fb8", "urban_disposable_income": "#d95f0e"}
GROUP_COLORS = {"county": "#253494", "province": "#41b6c4", "area": "#a1dab4", "all832": "#bdbdbd"}
PEER_DASH = {"province": "dash", "area": "dashdot", "all832": "dot"}
SECTOR_COLORS = {"gdp_primary": "#a1dab4", "gdp_secondary": "#41b6c4", "gdp_tertiary": "#253494"}
EXIT_COLOR = "#b3261e"
INCOME = ("rural_disposable_income", "urban_disposable_income")
SECTORS = ("gdp_primary", "gdp_secondary", "gdp_tertiary")
CENSUS_YEAR = 2020
CENSUS = (
    "census_age_0_14_share",
    "census_age_15_64_share",
    "census_age_65plus_share",
    "census_avg_schooling_years",
    "census_illiteracy_rate",
    "census_urban_share",
    "census_housing_area_per_capita",
    "census_household_size",
)
WAN_PER_YI = 1e4  # GDP is stored in 万元, shown in 亿元


@dataclass(frozen=True)
class CountyChart:
    key: str
    title: str
    figure: go.Figure | None
    source: str
    unit: str
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def caption(self) -> str:
        parts = [f"来源：{self.source}", f"单位：{self.unit}", *self.notes]
        return "；".join(parts)


@dataclass(frozen=True)
class Catalogue:
    """Labels, units and sources of the indicators (from ``indicators.csv``)."""

    labels: dict[str, str]
    units: dict[str, str]
    sources: dict[str, str]

    @classmethod
    def from_table(cls, indicators: pd.DataFrame) -> Catalogue:
        table = indicators.set_index("indicator")
        return cls(table["label_zh"].to_dict(), table["unit"].to_dict(), table["source"].to_dict())

    def source(self, *indicators: str) -> str:
        keys = dict.fromkeys(self.sources.get(i, "") for i in indicators)
        return "；".join(SOURCE_LABELS.get(k, k) for k in keys if k) or NO_DATA


def _layout(fig: go.Figure, title: str, caption: str, height: int, **extra: object) -> go.Figure:
    fig.update_layout(**LAYOUT)
    settings = {
        # the subtitle carries source and unit, so an exported PNG says where its numbers come from
        "title": {
            "text": title,
            "font": {"size": 15},
            "subtitle": {"text": caption, "font": {"size": 10, "color": "#666666"}},
        },
        "height": height,
        "margin": {**LAYOUT["margin"], "t": 70, "b": 20},
        "legend": {"orientation": "h", "y": -0.15, "yanchor": "top"},
        "hovermode": "x unified",
        "separators": ".,",
    }
    fig.update_layout(**(settings | extra))
    fig.update_yaxes(tickformat=",~g")
    return fig


def _mark_exit(fig: go.Figure, exit_year: int | None) -> None:
    if exit_year:
        fig.add_vline(
            x=exit_year, line_dash="dot", line_color=EXIT_COLOR, line_width=1.5,
            annotation_text=f"{exit_year}年摘帽", annotation_position="top left",
            annotation_font={"color": EXIT_COLOR, "size": 11},
        )  # fmt: skip


def income_chart(
    adcode: str,
    name: str,
    stats: pd.DataFrame,
    groups: Sequence[PeerGroup],
    catalogue: Catalogue,
    exit_year: int | None = None,
) -> CountyChart:
    """Rural and urban disposable income of the county against its peers' medians."""
    title = "居民人均可支配收入"
    unit = "元（当年价）"
    source = catalogue.source(*INCOME)
    own = {i: county_series(stats, adcode, i) for i in INCOME}
    notes = [f"{catalogue.labels[i]}：{NO_DATA}" for i, s in own.items() if s.empty]
    present = {i: s for i, s in own.items() if not s.empty}
    if not present:
        if not county_series(stats, adcode, "rural_net_income").empty:
            notes.append("仅有农民人均纯收入（旧口径，与可支配收入不可比），见数据下载")
        return CountyChart("income", title, None, source, unit, tuple(notes))
    first = min(int(s.index.min()) for s in present.values())
    last = max(int(s.index.max()) for s in present.values())
    fig = go.Figure()
    for indicator, series in present.items():
        label = catalogue.labels[indicator].replace("人均可支配收入", "")
        color = SERIES_COLORS[indicator]
        fig.add_scatter(
            x=series.index, y=series.values, name=f"{name}·{label}", mode="lines+markers",
            line={"color": color, "width": 2.5}, hovertemplate="%{y:,.0f}元",
        )  # fmt: skip
        for group in groups:
            if group.key == "area":
                continue
            med = median_series(stats, group.codes, indicator)
            med = med[(med["year"] >= first) & (med["year"] <= last)]
            if med.empty:
                continue
            fig.add_scatter(
                x=med["year"], y=med["median"], name=f"{group.label}中位数·{label}", mode="lines",
                line={"color": color, "dash": PEER_DASH[group.key], "width": 1.5}, customdata=med["n"],
                hovertemplate="%{y:,.0f}元（%{customdata}县）",
            )  # fmt: skip
    _mark_exit(fig, exit_year)
    caption = "；".join([f"来源：{source}", f"单位：{unit}", "虚线/点线：同组县的中位数"])
    _layout(fig, title, caption, 380, yaxis={"title": "元", "rangemode": "tozero"}, xaxis={"dtick": 2})
    return CountyChart("income", title, fig, source, unit, tuple(notes))


def population_chart(
    adcode: str, name: str, stats: pd.DataFrame, catalogue: Catalogue, exit_year: int | None = None
) -> CountyChart:
    """Registered (户籍) population by year, with the 2020 census resident population as a point."""
    title = "户籍人口"
    unit = "万人"
    source = catalogue.source("registered_population", "census_population")
    series = county_series(stats, adcode, "registered_population")
    if series.empty:
        return CountyChart("population", title, None, source, unit, (f"户籍人口：{NO_DATA}",))
    fig = go.Figure()
    fig.add_scatter(
        x=series.index, y=series.values, name=f"{name}·户籍人口", mode="lines+markers",
        line={"color": COUNTY_COLOR, "width": 2.5}, hovertemplate="%{y:,.2f}万人",
    )  # fmt: skip
    census = county_series(stats, adcode, "census_population")
    if CENSUS_YEAR in census.index:
        fig.add_scatter(
            x=[CENSUS_YEAR], y=[census[CENSUS_YEAR] / 1e4], name="2020年普查常住人口", mode="markers",
            marker={"color": "#d95f0e", "size": 10, "symbol": "diamond"}, hovertemplate="%{y:,.2f}万人",
        )  # fmt: skip
    _mark_exit(fig, exit_year)
    caption = f"来源：{source}；单位：{unit}"
    _layout(fig, title, caption, 320, yaxis={"title": unit, "rangemode": "tozero"}, xaxis={"dtick": 2})
    return CountyChart("population", title, fig, source, unit)


def gdp_chart(
    adcode: str, name: str, stats: pd.DataFrame, catalogue: Catalogue, exit_year: int | None = None
) -> CountyChart:
    """GDP at current prices by year."""
    title = "地区生产总值"
    unit = "亿元（当年价）"
    source = catalogue.source("gdp")
    series = county_series(stats, adcode, "gdp") / WAN_PER_YI
    if series.empty:
        return CountyChart("gdp", title, None, source, unit, (f"地区生产总值：{NO_DATA}",))
    fig = go.Figure()
    fig.add_bar(
        x=series.index, y=series.values, name=f"{name}·地区生产总值", marker_color="#41b6c4",
        hovertemplate="%{y:,.2f}亿元",
    )  # fmt: skip
    _mark_exit(fig, exit_year)
    _layout(fig, title, f"来源：{source}；单位：{unit}", 320, yaxis={"title": "亿元"}, xaxis={"dtick": 2})
    return CountyChart("gdp", title, fig, source, unit)


def structure_chart(
    adcode: str, stats: pd.DataFrame, catalogue: Catalogue, exit_year: int | None = None
) -> CountyChart:
    """Shares of the three sectors in GDP by year (stacked)."""
    title = "三次产业结构"
    unit = "%（占地区生产总值）"
    source = catalogue.source(*SECTORS)
    parts = pd.DataFrame({s: county_series(stats, adcode, s) for s in SECTORS})
    table = shares(parts, county_series(stats, adcode, "gdp")) if not parts.empty else parts
    if table.empty:
        return CountyChart("structure", title, None, source, unit, (f"三次产业增加值：{NO_DATA}",))
    fig = go.Figure()
    for sector in SECTORS:
        fig.add_bar(
            x=table.index, y=table[sector], name=catalogue.labels[sector].replace("增加值", ""),
            marker_color=SECTOR_COLORS[sector], hovertemplate="%{y:.1f}%",
        )  # fmt: skip
    _mark_exit(fig, exit_year)
    caption = f"来源：{source}；单位：{unit}；各产业增加值÷地区生产总值"
    _layout(fig, title, caption, 320, barmode="stack", yaxis={"title": "%"}, xaxis={"dtick": 2})
    return CountyChart("structure", title, fig, source, unit)


def census_chart(
    adcode: str, name: str, stats: pd.DataFrame, groups: Sequence[PeerGroup], catalogue: Catalogue
) -> CountyChart:
    """2020 census profile: the county against the medians of its peer groups, one panel per indicator."""
    title = "2020年人口普查概况：与同组县对比"
    unit = "见各小图（%、年、平方米/人、人/户）"
    source = catalogue.source(*CENSUS)
    own = county_values(stats, adcode, CENSUS, CENSUS_YEAR)
    if own.isna().all():
        return CountyChart("census", title, None, source, unit, (f"2020年普查数据：{NO_DATA}",))
    bars = [("county", name, own)]
    for group in groups:
        med = median_values(stats, group.codes, CENSUS, CENSUS_YEAR).set_index("indicator")["median"]
        bars.append((group.key, f"{group.label}中位数", med))
    titles = [f"{catalogue.labels[i]}（{catalogue.units[i]}）" for i in CENSUS]
    fig = make_subplots(rows=2, cols=4, subplot_titles=titles, vertical_spacing=0.2, horizontal_spacing=0.06)
    for index, indicator in enumerate(CENSUS):
        row, col = divmod(index, 4)
        for key, label, values in bars:
            value = values.get(indicator)
            fig.add_bar(
                x=[label], y=[value], name=label, legendgroup=key, showlegend=index == 0,
                marker_color=GROUP_COLORS[key], row=row + 1, col=col + 1,
                hovertemplate=f"{label}：%{{y:,.2f}}{catalogue.units[indicator]}<extra></extra>",
            )  # fmt: skip
    fig.update_xaxes(showticklabels=False)
    fig.update_annotations(font_size=11)
    _layout(fig, title, f"来源：{source}", 500, hovermode="closest", margin={**LAYOUT["margin"], "t": 110, "b": 20})
    notes = tuple(f"{catalogue.labels[i]}：{NO_DATA}" for i in CENSUS if pd.isna(own[i]))
    return CountyChart("census", title, fig, source, unit, notes)


def county_charts(
    adcode: str,
    name: str,
    exit_year: int | None,
    stats: pd.DataFrame,
    groups: Sequence[PeerGroup],
    indicators: pd.DataFrame,
) -> tuple[CountyChart, ...]:
    """Every chart of the profile, in page order."""
    catalogue = Catalogue.from_table(indicators)
    own = stats[stats["adcode"] == adcode]  # one filter, then every chart reads the small table
    return (
        income_chart(adcode, name, stats, groups, catalogue, exit_year),
        population_chart(adcode, name, own, catalogue, exit_year),
        gdp_chart(adcode, name, own, catalogue, exit_year),
        structure_chart(adcode, own, catalogue, exit_year),
        census_chart(adcode, name, stats, groups, catalogue),
    )
