"""The national overview as a pure function of the filter state.

``build_view`` turns a :class:`~geo.filters.FilterState` into everything the page
shows: which counties are selected, how each is coloured, the legend, the table and
the headline figures. No Streamlit here; the page caches the result by state and language
(labels, legend and table headers are in the current language, :mod:`geo.i18n`).
"""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd

from geo import filters
from geo.choropleth import ChoroplethStyle, CountyAttributes, encode_classes, encode_selection, format_value
from geo.classify import DEFAULT_PALETTE, classify, no_data_label
from geo.county.charts import Catalogue
from geo.facts import evidence_labels
from geo.filters import DEFAULT_INDICATOR, FilterState
from geo.i18n import current_language, label_of, t, unit
from geo.maps import NO_DATA_COLOR, LegendItem, LegendSpec, exit_year_style, outside_legend
from geo.userdata.indicators import NO_YEAR

# Option → catalogue key of its name (the options are mapclassify schemes and ColorBrewer palettes).
PALETTE_KEYS = {
    "YlGnBu": "classing.palette_ylgnbu",
    "YlOrRd": "classing.palette_ylorrd",
    "Blues": "classing.palette_blues",
    "Purples": "classing.palette_purples",
    "Greens": "classing.palette_greens",
}
SCHEME_KEYS = {
    "quantiles": "classing.quantiles",
    "fisher_jenks": "classing.fisher_jenks",
    "equal_interval": "classing.equal_interval",
}
POPULATION_INDICATOR = "census_population"
# Table column → catalogue key of its header.
TABLE_COLUMN_KEYS = {
    "adcode": "table.adcode",
    "name": "table.county",
    "prefecture": "table.prefecture",
    "province": "table.province",
    "exit_year": "table.exit_year",
    "contiguous_area": "table.contiguous_area",
    "area_evidence": "table.area_evidence",
    "sanqu_sanzhou": "table.sanqu_sanzhou",
}


def palette_label(palette: str) -> str:
    return label_of(PALETTE_KEYS, palette)


def scheme_label(scheme: str) -> str:
    return label_of(SCHEME_KEYS, scheme)


@dataclass(frozen=True)
class AtlasData:
    """Session-constant inputs: polygons (no geometry needed), tables, county attributes."""

    polygons: pd.DataFrame  # adcode, name, prefecture, province, minx, miny, maxx, maxy
    poverty: pd.DataFrame
    stats: pd.DataFrame
    indicators: pd.DataFrame
    programme_counties: dict[str, set[str]]
    attrs: CountyAttributes
    names: dict[str, str] = dataclasses.field(default_factory=dict)  # adcode -> county name

    @classmethod
    def build(
        cls,
        polygons: gpd.GeoDataFrame,
        poverty: pd.DataFrame,
        stats: pd.DataFrame,
        indicators: pd.DataFrame,
        programme_counties: dict[str, set[str]],
        attrs: CountyAttributes,
    ) -> AtlasData:
        bounds = polygons.geometry.bounds
        table = pd.DataFrame(polygons.drop(columns="geometry")).join(bounds)
        names = dict(zip(table["adcode"], table["name"], strict=True))
        return cls(table, poverty, stats, indicators, programme_counties, attrs, names)

    @functools.cached_property
    def years_by_indicator(self) -> dict[str, tuple[int, ...]]:
        """Indicator → years with any county value, newest first (computed once per instance)."""
        years = self.stats.groupby("indicator", observed=True, sort=False)["year"].unique()
        return {str(k): tuple(sorted((int(y) for y in v), reverse=True)) for k, v in years.items()}

    def county_name(self, adcode: str | None) -> str | None:
        """Today's name of a county polygon, or None for an unknown or missing code."""
        return self.names.get(adcode) if adcode else None

    def with_user_data(self, catalogue: pd.DataFrame, stats: pd.DataFrame) -> AtlasData:
        """These tables plus user datasets (see :mod:`geo.userdata.indicators`) as extra indicators."""
        if catalogue.empty:
            return self
        indicators = pd.concat([self.indicators, catalogue[self.indicators.columns]], ignore_index=True)
        return dataclasses.replace(self, indicators=indicators, stats=pd.concat([self.stats, stats], ignore_index=True))

    def indicator(self, indicator: str) -> pd.Series:
        """The catalogue row of an indicator (label_zh, unit, years…)."""
        return self.indicators.set_index("indicator").loc[indicator]

    def indicator_labels(self) -> dict[str, str]:
        """Indicator id → its label in the current language (``label_en`` in English, when given)."""
        table = self.indicators
        labels = table["label_zh"]
        if current_language() == "en" and "label_en" in table:
            labels = table["label_en"].where(table["label_en"].fillna("").astype(str).str.strip() != "", labels)
        return dict(zip(table["indicator"], labels.astype(str), strict=True))


@dataclass(frozen=True)
class Classing:
    """How indicator values become colours: mapclassify scheme, class count, palette."""

    scheme: str = "quantiles"
    k: int = 5
    palette: str = DEFAULT_PALETTE


@dataclass(frozen=True)
class OverviewView:
    """Everything the overview page shows for one filter state."""

    state: FilterState
    style: ChoroplethStyle
    legend: LegendSpec
    table: pd.DataFrame
    kpis: dict
    notices: tuple[str, ...]
    indicator_label: str
    year: int | None


def source_line(data: AtlasData, indicator: str) -> str:
    """Where the mapped values come from, for a printed map's foot."""
    if indicator == DEFAULT_INDICATOR:
        return t("overview.source_line", source=t("overview.exit_year_source"))
    return t("overview.source_line", source=Catalogue.from_table(data.indicators).source(indicator))


def indicator_years(data: AtlasData, indicator: str) -> list[int]:
    """Years with any county value for ``indicator``, newest first."""
    return list(data.years_by_indicator.get(indicator, ()))


def indicator_values(data: AtlasData, indicator: str, year: int) -> pd.Series:
    """County values (index adcode) of one indicator in one year."""
    rows = data.stats[(data.stats["indicator"] == indicator) & (data.stats["year"] == year)]
    return rows.set_index("adcode")["value"]


def selection(state: FilterState, data: AtlasData) -> tuple[set[str], pd.DataFrame, list[str]]:
    """Polygon codes in the selection, the selected rows of the 832 list, and notices.

    With ``poverty_only`` off every county is in scope, narrowed by province; the filters
    that only make sense for the 832 (area, programme, exit year, 三区三州) then still
    restrict the selection to the 832 that pass them.
    """
    result = filters.apply(state, data.poverty, data.programme_counties)
    listed = result.counties
    poverty_filters = (state.areas, state.programmes, state.exit_years, state.still_poor_at_end_of, state.sanqu_sanzhou)
    if state.poverty_only or any(f not in ((), None) for f in poverty_filters):
        codes = set(listed["polygon_adcode"])
    else:
        all_codes = data.polygons["adcode"]
        codes = set(all_codes[all_codes.str[:2].isin(state.provinces)] if state.provinces else all_codes)
    return codes, listed, list(result.notices)


def build_view(state: FilterState, data: AtlasData, classing: Classing = Classing()) -> OverviewView:
    """The overview for ``state``: styling, legend, table and headline figures."""
    codes, listed, notices = selection(state, data)
    order = data.attrs.order
    if state.indicator == DEFAULT_INDICATOR:
        style, legend = exit_year_style(data.attrs, codes)
        label, year, values = t("overview.exit_year"), None, None
    else:
        meta = data.indicator(state.indicator)
        year = state.year or indicator_years(data, state.indicator)[0]
        values = indicator_values(data, state.indicator, year)
        name = data.indicator_labels()[state.indicator]
        label = t("overview.indicator_in_year", label=name, year=year) if year != NO_YEAR else name
        style, legend = _indicator_style(values, codes, order, label, meta["unit"], classing)
    style = dataclasses.replace(style, selected=state.county, fit=_fit(state, codes, data))
    table = _table(codes, listed, data, values, label, state)
    return OverviewView(state, style, legend, table, _kpis(listed, codes, data), tuple(notices), label, year)


def _indicator_style(
    values: pd.Series,
    codes: set[str],
    order: tuple[str, ...],
    label: str,
    unit: str,
    classing: Classing,
) -> tuple[ChoroplethStyle, LegendSpec]:
    in_scope = values.reindex(sorted(codes))
    classes = classify(in_scope, classing.scheme, classing.k, unit=unit_text(unit), palette_name=classing.palette)
    class_of = pd.Series(classes.class_of, index=in_scope.index)
    shown = values.reindex(list(order))
    labels = tuple(format_value(v, unit) if code in codes and not np.isnan(v) else "" for code, v in shown.items())
    style = ChoroplethStyle(
        indicator=label,
        classes=encode_classes(order, class_of),
        colors=tuple(classes.colors),
        values=labels,
        selection=encode_selection(order, codes),
    )
    items = [LegendItem(color, text) for color, text in classes.legend()]
    if not any(text == no_data_label() for _, text in classes.legend()):
        items.append(LegendItem(NO_DATA_COLOR, no_data_label()))
    items.extend(outside_legend(style.selection))
    note = t("legend.classes_note", scheme=scheme_label(classing.scheme), boundary_note=t("legend.boundary_note"))
    return style, LegendSpec(label, tuple(items), note=note)


def unit_text(name: str) -> str:
    """A unit for legend labels: as the data writes it in Chinese, translated in English (万人 → 10k people)."""
    return name if current_language() == "zh" else unit(name)


def _fit(state: FilterState, codes: set[str], data: AtlasData) -> list[list[float]] | None:
    """Zoom to the selection when it is narrowed by place; the national view otherwise."""
    if not (state.provinces or state.areas) or not codes:
        return None
    chosen = data.polygons[data.polygons["adcode"].isin(codes)]
    return [
        [round(float(chosen["miny"].min()), 3), round(float(chosen["minx"].min()), 3)],
        [round(float(chosen["maxy"].max()), 3), round(float(chosen["maxx"].max()), 3)],
    ]


def _table(
    codes: set[str],
    listed: pd.DataFrame,
    data: AtlasData,
    values: pd.Series | None,
    label: str,
    state: FilterState,
) -> pd.DataFrame:
    """One row per selected county: the 832 rows, or every county in scope."""
    if state.poverty_only:
        rows = listed.assign(key=listed["polygon_adcode"])
    else:
        rows = data.polygons[data.polygons["adcode"].isin(codes)][["adcode", "name", "prefecture", "province"]]
        info = data.poverty.drop_duplicates("polygon_adcode").set_index("polygon_adcode")
        extra = info.reindex(rows["adcode"])[["exit_year", "contiguous_area", "area_evidence", "sanqu_sanzhou"]]
        rows = rows.reset_index(drop=True).join(extra.reset_index(drop=True)).assign(key=rows["adcode"].to_numpy())
    table = rows[[*TABLE_COLUMN_KEYS, "key"]].copy()
    table["sanqu_sanzhou"] = table["sanqu_sanzhou"].map({True: t("common.yes"), False: t("common.no")})
    table["area_evidence"] = table["area_evidence"].map(evidence_labels())
    if values is not None:
        table[label] = table["adcode"].map(values)
    table = table.drop(columns="key").sort_values("adcode").reset_index(drop=True)
    return table.rename(columns={column: t(key) for column, key in TABLE_COLUMN_KEYS.items()})


def _kpis(listed: pd.DataFrame, codes: set[str], data: AtlasData) -> dict:
    figures = filters.kpis(listed)
    population = indicator_values(data, POPULATION_INDICATOR, 2020).reindex(sorted(codes))
    figures["population"] = float(population.sum()) if population.notna().any() else None
    figures["population_missing"] = int(population.isna().sum())
    figures["selected"] = len(codes)
    return figures
