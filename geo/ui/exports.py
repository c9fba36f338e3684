"""Download buttons for what is shown: the map as PNG and standalone HTML, PDF briefs.

Every file is rendered only when its button is clicked (a callable ``data``), once per view
(cached), so the buttons cost nothing on a normal rerun. The renderers live in
:mod:`geo.static_map`, :mod:`geo.standalone` and :mod:`geo.brief`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import folium
import streamlit as st

from geo.choropleth import ChoroplethStyle
from geo.export import safe_filename
from geo.maps import LegendSpec
from geo.ui import cache
from geo.ui.presentation import downloads

_RENDER_HELP = "点击后在服务器上生成（约1–3秒）"


@st.cache_data(show_spinner=False, max_entries=16)
def _map_png(style: ChoroplethStyle, legend: LegendSpec, title: str, source: str) -> bytes:
    from geo.static_map import render_map_png  # matplotlib: imported on first export only

    return render_map_png(style, legend, cache.county_polygons("national"), title=title, source_line=source)


def _map_html(build_map: Callable[[], folium.Map], title: str) -> bytes:
    """Not cached: building the map and inlining its assets takes ~20 ms."""
    from geo.standalone import standalone_html

    return standalone_html(build_map(), title=title).encode("utf-8")


def map_downloads(
    style: ChoroplethStyle,
    legend: LegendSpec,
    build_map: Callable[[], folium.Map],
    *,
    title: str,
    source: str,
    key: str,
) -> None:
    """ "下载地图 PNG" (the same classes, legend, title, source and South China Sea inset) and "HTML"."""
    stem = safe_filename(f"脱贫攻坚地图_{title}")
    left, right, _ = downloads(f"{key}_map").columns([1, 1, 4])
    left.download_button(
        "下载地图 PNG",
        data=functools.partial(_map_png, style, legend, title, source),
        file_name=f"{stem}.png",
        mime="image/png",
        key=f"{key}_map_png",
        on_click="ignore",
        help=_RENDER_HELP,
    )
    right.download_button(
        "下载地图 HTML",
        data=functools.partial(_map_html, build_map, title),
        file_name=f"{stem}.html",
        mime="text/html",
        key=f"{key}_map_html",
        on_click="ignore",
        help="单个文件，离线可用：用浏览器直接打开即可缩放、悬停查看。",
    )


@st.cache_data(show_spinner=False, max_entries=32)
def _county_pdf(adcode: str, revision: int) -> bytes:
    from geo.brief import county_brief_pdf

    return county_brief_pdf(adcode, cache.atlas_data_at(revision))


@st.cache_data(show_spinner=False, max_entries=16)
def _area_pdf(area: str, revision: int) -> bytes:
    from geo.brief import area_brief_pdf

    return area_brief_pdf(area, cache.atlas_data_at(revision))


def county_brief(adcode: str, name: str) -> None:
    """ "下载县域简报 PDF": one A4 page with map, key charts, facts and sources."""
    downloads("county_brief").download_button(
        "下载县域简报 PDF",
        data=functools.partial(_county_pdf, adcode, cache.user_revision()),
        file_name=safe_filename(f"县域简报_{name}_{adcode}") + ".pdf",
        mime="application/pdf",
        key="county_brief_pdf",
        on_click="ignore",
        help=_RENDER_HELP,
    )


def area_brief(area: str) -> None:
    """ "下载片区简报 PDF" for one contiguous poor area."""
    downloads("area_brief").download_button(
        "下载片区简报 PDF",
        data=functools.partial(_area_pdf, area, cache.user_revision()),
        file_name=safe_filename(f"片区简报_{area}") + ".pdf",
        mime="application/pdf",
        key="area_brief_pdf",
        on_click="ignore",
        help=_RENDER_HELP,
    )
