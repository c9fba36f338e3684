"""The county profile's plotly figures, each with its title, source and unit.

A chart whose county series is missing has ``figure=None``: the page then says "暂无数据"
instead of drawing an empty axis. Every figure uses :data:`geo.charts.LAYOUT` (CJK fonts)
and carries its source line, so a PNG export is self-describing. Titles, axis labels,
legends and hover texts are in the current language (:func:`geo.i18n.t`); indicator labels
come from ``indicators.csv`` (``label_zh`` / ``label_en``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from geo.charts import LAYOUT
from geo.county.peers import PeerGroup, county_series, county_values, median_series, median_values, shares
from geo.i18n import current_language, place, t, unit

#: Source id (``indicators.csv``) → catalogue key of how the source is cited.
SOURCE_KEYS = {
    "census2020": "county.source_census2020",
    "clebeech_income": "county.source_clebeech",
    "clebeech_population": "county.source_clebeech",
    "clebeech_gdp": "county.source_clebeech",
}
COUNTY_COLOR = "#253494"
SERIES_COLORS = {"rural_disposable_income": "#2c7fb8", "urban_disposable_income": "#d95f0e"}
#: Income series → catalogue key of its short name in the legend (农村居民 / 城镇居民).
SERIES_KEYS = {"rural_disposable_income": "county.series_rural", "urban_disposable_income": "county.series_urban"}
GROUP_COLORS = {"county": "#253494", "province": "#41b6c4", "area": "#a1dab4", "all832": "#bdbdbd"}
PEER_DASH = {"province": "dash", "area": "dashdot", "all832": "dot"}
SECTOR_COLORS = {"gdp_primary": "#a1dab4", "gdp_secondary": "#41b6c4", "gdp_tertiary": "#253494"}
#: Sector → catalogue key of its name in the legend (第一产业 …).
SECTOR_KEYS = {
    "gdp_primary": "county.sector_primary",
    "gdp_secondary": "county.sector_secondary",
    "gdp_tertiary": "county.sector_tertiary",
}
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
# Units as the data write them (shown through geo.i18n.unit / number).
YUAN = "元"  # i18n: data
YI_YUAN = "亿元"  # i18n: data
WAN_PEOPLE = "万人"  # i18n: data


def label_column() -> str:
    """The ``indicators.csv`` label column of the current language."""
    return "label_zh" if current_language() == "zh" else "label_en"


def _value_unit(value: str, unit_name: str) -> str:
    """A plotly number format with its unit: ``%{y:,.0f}元`` / ``%{y:,.0f} yuan``."""
    text = unit(unit_name)
    if not text:
        return value
    return f"{value}{text}" if current_language() == "zh" or text == "%" else f"{value} {text}"


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
        parts = [t("county.caption_source", source=self.source), t("county.caption_unit", unit=self.unit), *self.notes]
        return t("common.clause_separator").join(parts)


@dataclass(frozen=True)
class Catalogue:
    """Labels, units and sources of the indicators (from ``indicators.csv``; labels in the current language)."""

    labels: dict[str, str]
    units: dict[str, str]
    sources: dict[str, str]

    @classmethod
    def from_table(cls, indicators: pd.DataFrame) -> Catalogue:
        table = indicators.set_index("indicator")
        return cls(table[label_column()].to_dict(), table["unit"].to_dict(), table["source"].to_dict())

    def source(self, *indicators: str) -> str:
        keys = dict.fromkeys(self.sources.get(i, "") for i in indicators)
        cited = dict.fromkeys(t(SOURCE_KEYS[k]) if k in SOURCE_KEYS else k for k in keys if k)
        return t("common.clause_separator").join(cited) or t("common.no_data")


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
            annotation_text=t("legend.exited_in", year=exit_year), annotation_position="top left",
            annotation_font={"color": EXIT_COLOR, "size": 11},
        )  # fmt: skip


def _caption(*parts: str) -> str:
    return t("common.clause_separator").join(parts)


def _no_data(label: str) -> str:
    return t("county.label_no_data", label=label, no_data=t("common.no_data"))


def income_chart(
    adcode: str,
    name: str,
    stats: pd.DataFrame,
    groups: Sequence[PeerGroup],
    catalogue: Catalogue,
    exit_year: int | None = None,
) -> CountyChart:
    """Rural and urban disposable income of the county against its peers' medians."""
    title = t("county.chart_income")
    unit_text = t("county.unit_yuan_current")
    source = catalogue.source(*INCOME)
    own = {i: county_series(stats, adcode, i) for i in INCOME}
    notes = [_no_data(catalogue.labels[i]) for i, s in own.items() if s.empty]
    present = {i: s for i, s in own.items() if not s.empty}
    if not present:
        if not county_series(stats, adcode, "rural_net_income").empty:
            notes.append(t("county.only_net_income"))
        return CountyChart("income", title, None, source, unit_text, tuple(notes))
    first = min(int(s.index.min()) for s in present.values())
    last = max(int(s.index.max()) for s in present.values())
    fig = go.Figure()
    shown_name = place(name)
    for indicator, series in present.items():
        label = t(SERIES_KEYS[indicator])
        color = SERIES_COLORS[indicator]
        fig.add_scatter(
            x=series.index, y=series.values, name=t("county.series_of", name=shown_name, series=label),
            mode="lines+markers", line={"color": color, "width": 2.5}, hovertemplate=_value_unit("%{y:,.0f}", YUAN),
        )  # fmt: skip
        for group in groups:
            if group.key == "area":
                continue
            med = median_series(stats, group.codes, indicator)
            med = med[(med["year"] >= first) & (med["year"] <= last)]
            if med.empty:
                continue
            fig.add_scatter(
                x=med["year"], y=med["median"], name=t("county.median_series", group=group.label, series=label),
                mode="lines", line={"color": color, "dash": PEER_DASH[group.key], "width": 1.5}, customdata=med["n"],
                hovertemplate=t("county.hover_median", value=_value_unit("%{y:,.0f}", YUAN), count="%{customdata}"),
            )  # fmt: skip
    _mark_exit(fig, exit_year)
    caption = _caption(
        t("county.caption_source", source=source), t("county.caption_unit", unit=unit_text), t("county.peer_lines")
    )
    _layout(fig, title, caption, 380, yaxis={"title": unit(YUAN), "rangemode": "tozero"}, xaxis={"dtick": 2})
    return CountyChart("income", title, fig, source, unit_text, tuple(notes))


def population_chart(
    adcode: str, name: str, stats: pd.DataFrame, catalogue: Catalogue, exit_year: int | None = None
) -> CountyChart:
    """Registered (户籍) population by year, with the 2020 census resident population as a point."""
    title = t("county.chart_population")
    unit_text = unit(WAN_PEOPLE)
    source = catalogue.source("registered_population", "census_population")
    series = county_series(stats, adcode, "registered_population")
    if series.empty:
        return CountyChart("population", title, None, source, unit_text, (_no_data(title),))
    fig = go.Figure()
    fig.add_scatter(
        x=series.index, y=series.values, name=t("county.series_of", name=place(name), series=title),
        mode="lines+markers", line={"color": COUNTY_COLOR, "width": 2.5},
        hovertemplate=_value_unit("%{y:,.2f}", WAN_PEOPLE),
    )  # fmt: skip
    census = county_series(stats, adcode, "census_population")
    if CENSUS_YEAR in census.index:
        fig.add_scatter(
            x=[CENSUS_YEAR], y=[census[CENSUS_YEAR] / 1e4], name=t("county.census_resident"), mode="markers",
            marker={"color": "#d95f0e", "size": 10, "symbol": "diamond"},
            hovertemplate=_value_unit("%{y:,.2f}", WAN_PEOPLE),
        )  # fmt: skip
    _mark_exit(fig, exit_year)
    caption = _caption(t("county.caption_source", source=source), t("county.caption_unit", unit=unit_text))
    _layout(fig, title, caption, 320, yaxis={"title": unit_text, "rangemode": "tozero"}, xaxis={"dtick": 2})
    return CountyChart("population", title, fig, source, unit_text)


def gdp_chart(
    adcode: str, name: str, stats: pd.DataFrame, catalogue: Catalogue, exit_year: int | None = None
) -> CountyChart:
    """GDP at current prices by year."""
    title = t("county.chart_gdp")
    unit_text = t("county.unit_yi_yuan_current")
    source = catalogue.source("gdp")
    series = county_series(stats, adcode, "gdp") / WAN_PER_YI
    if series.empty:
        return CountyChart("gdp", title, None, source, unit_text, (_no_data(title),))
    fig = go.Figure()
    fig.add_bar(
        x=series.index, y=series.values, name=t("county.series_of", name=place(name), series=title),
        marker_color="#41b6c4", hovertemplate=_value_unit("%{y:,.2f}", YI_YUAN),
    )  # fmt: skip
    _mark_exit(fig, exit_year)
    caption = _caption(t("county.caption_source", source=source), t("county.caption_unit", unit=unit_text))
    _layout(fig, title, caption, 320, yaxis={"title": unit(YI_YUAN)}, xaxis={"dtick": 2})
    return CountyChart("gdp", title, fig, source, unit_text)


def structure_chart(
    adcode: str, stats: pd.DataFrame, catalogue: Catalogue, exit_year: int | None = None
) -> CountyChart:
    """Shares of the three sectors in GDP by year (stacked)."""
    title = t("county.chart_structure")
    unit_text = t("county.unit_share_of_gdp")
    source = catalogue.source(*SECTORS)
    parts = pd.DataFrame({s: county_series(stats, adcode, s) for s in SECTORS})
    table = shares(parts, county_series(stats, adcode, "gdp")) if not parts.empty else parts
    if table.empty:
        return CountyChart("structure", title, None, source, unit_text, (_no_data(t("county.sectors_value_added")),))
    fig = go.Figure()
    for sector in SECTORS:
        fig.add_bar(
            x=table.index, y=table[sector], name=t(SECTOR_KEYS[sector]),
            marker_color=SECTOR_COLORS[sector], hovertemplate="%{y:.1f}%",
        )  # fmt: skip
    _mark_exit(fig, exit_year)
    caption = _caption(
        t("county.caption_source", source=source),
        t("county.caption_unit", unit=unit_text),
        t("county.structure_method"),
    )
    _layout(fig, title, caption, 320, barmode="stack", yaxis={"title": "%"}, xaxis={"dtick": 2})
    return CountyChart("structure", title, fig, source, unit_text)


def census_chart(
    adcode: str, name: str, stats: pd.DataFrame, groups: Sequence[PeerGroup], catalogue: Catalogue
) -> CountyChart:
    """2020 census profile: the county against the medians of its peer groups, one panel per indicator."""
    title = t("county.chart_census")
    unit_text = t("county.unit_census")
    source = catalogue.source(*CENSUS)
    own = county_values(stats, adcode, CENSUS, CENSUS_YEAR)
    if own.isna().all():
        return CountyChart("census", title, None, source, unit_text, (_no_data(t("county.census_data")),))
    bars = [("county", place(name), own)]
    for group in groups:
        med = median_values(stats, group.codes, CENSUS, CENSUS_YEAR).set_index("indicator")["median"]
        bars.append((group.key, t("county.median", group=group.label), med))
    titles = [t("county.label_unit", label=catalogue.labels[i], unit=unit(catalogue.units[i])) for i in CENSUS]
    fig = make_subplots(rows=2, cols=4, subplot_titles=titles, vertical_spacing=0.2, horizontal_spacing=0.06)
    for index, indicator in enumerate(CENSUS):
        row, col = divmod(index, 4)
        value = _value_unit("%{y:,.2f}", catalogue.units[indicator])
        for key, label, values in bars:
            fig.add_bar(
                x=[label], y=[values.get(indicator)], name=label, legendgroup=key, showlegend=index == 0,
                marker_color=GROUP_COLORS[key], row=row + 1, col=col + 1,
                hovertemplate=t("county.hover_bar", label=label, value=value) + "<extra></extra>",
            )  # fmt: skip
    fig.update_xaxes(showticklabels=False)
    fig.update_annotations(font_size=11)
    caption = t("county.caption_source", source=source)
    _layout(fig, title, caption, 500, hovermode="closest", margin={**LAYOUT["margin"], "t": 110, "b": 20})
    notes = tuple(_no_data(catalogue.labels[i]) for i in CENSUS if pd.isna(own[i]))
    return CountyChart("census", title, fig, source, unit_text, notes)


def county_charts(
    adcode: str,
    name: str,
    exit_year: int | None,
    stats: pd.DataFrame,
    groups: Sequence[PeerGroup],
    indicators: pd.DataFrame,
) -> tuple[CountyChart, ...]:
    """Every chart of the profile, in page order (texts in the current language)."""
    catalogue = Catalogue.from_table(indicators)
    own = stats[stats["adcode"] == adcode]  # one filter, then every chart reads the small table
    return (
        income_chart(adcode, name, stats, groups, catalogue, exit_year),
        population_chart(adcode, name, own, catalogue, exit_year),
        gdp_chart(adcode, name, own, catalogue, exit_year),
        structure_chart(adcode, own, catalogue, exit_year),
        census_chart(adcode, name, stats, groups, catalogue),
    )
