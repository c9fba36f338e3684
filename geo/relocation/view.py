"""The relocation page for one filter state (:func:`build_view`) and its folium map (:func:`site_map`).

No Streamlit here: :mod:`geo.ui.relocation_view` caches :func:`build_view`. The map puts
the site markers, clustered where they crowd, on the county base map and loads nothing
from the internet.
"""

from __future__ import annotations

from dataclasses import dataclass

import folium
import folium.plugins
import pandas as pd

from geo import maps
from geo.choropleth import ChoroplethStyle, CountyAttributes
from geo.filters import FilterState
from geo.i18n import t
from geo.offline import localize
from geo.overview import AtlasData, selection
from geo.relocation.base_map import base_style
from geo.relocation.markers import SiteMarker, site_markers
from geo.relocation.national import NationalFigure, national_figures
from geo.relocation.sites import county_sums, county_value_labels, filter_sites, prepare_sites
from geo.relocation.tables import county_table, site_table, totals_table
from geo.relocation.totals import local_totals, people_totals, province_totals

SITE_CLASS = "atlas-site"
CLUSTER_RADIUS = 35  # px: markers closer than this on screen are clustered


@dataclass(frozen=True)
class RelocationView:
    """Everything the relocation page shows for one filter state."""

    state: FilterState
    style: ChoroplethStyle
    legend: maps.LegendSpec
    markers: tuple[SiteMarker, ...]
    sites: pd.DataFrame  # the table shown (renamed columns)
    counties: pd.DataFrame  # per-county sums of named sites (renamed columns)
    provinces: pd.DataFrame  # province_totals()
    province_rows: pd.DataFrame  # every province people figure (renamed columns)
    local_rows: pd.DataFrame  # prefecture and county figures (renamed columns)
    national: dict[str, NationalFigure]
    notices: tuple[str, ...]
    site_count: int
    sites_with_people: int


def _fit(state: FilterState, codes: set[str], data: AtlasData) -> list[list[float]] | None:
    """Zoom to the selection when it is narrowed by place; the national view otherwise."""
    if not (state.provinces or state.areas) or not codes:
        return None
    chosen = data.polygons[data.polygons["adcode"].isin(codes)]
    if chosen.empty:
        return None
    return [
        [round(float(chosen["miny"].min()), 3), round(float(chosen["minx"].min()), 3)],
        [round(float(chosen["maxy"].max()), 3), round(float(chosen["maxx"].max()), 3)],
    ]


def build_view(state: FilterState, data: AtlasData, sites: pd.DataFrame, totals: pd.DataFrame) -> RelocationView:
    """The relocation page for ``state``: base map styling, markers, tables, totals (texts in the current language)."""
    prepared = prepare_sites(sites, data.poverty)
    max_people = float(prepared["people"].max()) if prepared["people"].notna().any() else 0.0
    chosen, notices = filter_sites(prepared, state, data.poverty, data.programme_counties)
    sums = county_sums(chosen)
    codes, _, _ = selection(state, data)
    site_counties = set(chosen["adcode"]) & set(data.attrs.order)
    fit = _fit(state, codes | site_counties, data)
    style, legend = base_style(data.attrs, codes, site_counties, county_value_labels(sums), fit)
    provinces = province_totals(totals, state.provinces)
    province_rows = people_totals(totals, "province")
    local = local_totals(totals, state.provinces)
    if state.provinces:
        province_rows = province_rows[province_rows["province_code"].isin(state.provinces)]
    return RelocationView(
        state=state,
        style=style,
        legend=legend,
        markers=site_markers(chosen, max_people),
        sites=site_table(chosen),
        counties=county_table(sums),
        provinces=provinces,
        province_rows=totals_table(province_rows, provinces),
        local_rows=totals_table(local),
        national=national_figures(totals),
        notices=tuple(notices),
        site_count=len(chosen),
        sites_with_people=int(chosen["people"].notna().sum()),
    )


def site_map(view: RelocationView, attrs: CountyAttributes, urls: dict[str, str]) -> folium.Map:
    """The county base map with the site markers (clustered where they crowd), offline."""
    m = maps.county_map(attrs, view.style, urls, view.legend)
    cluster = folium.plugins.MarkerCluster(
        name=t("relocation.map_title"),
        options={
            "maxClusterRadius": CLUSTER_RADIUS,
            "showCoverageOnHover": False,
            "spiderfyOnMaxZoom": True,
        },
    )
    for marker in view.markers:
        folium.CircleMarker(
            location=[marker.lat, marker.lon],
            radius=marker.radius,
            color=marker.color,
            weight=2,
            fill=True,
            fill_color=marker.color,
            fill_opacity=marker.fill_opacity,
            dash_array=marker.dash_array,
            class_name=SITE_CLASS,
            popup=folium.Popup(marker.popup, max_width=360),
            tooltip=folium.Tooltip(marker.tooltip, sticky=False),
        ).add_to(cluster)
    cluster.add_to(m)
    return localize(m)
