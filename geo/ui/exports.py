"""Download buttons for what is shown: the map as PNG and standalone HTML, PDF briefs.

Every file is rendered only when its button is clicked (a callable ``data``), once per view
(cached, per language), so the buttons cost nothing on a normal rerun. The renderers live in
:mod:`geo.static_map`, :mod:`geo.standalone` and :mod:`geo.brief`.

Streamlit runs such a callable later, in a thread of its own where the language is the default:
:func:`_deferred` runs it in the language of the run that drew the button.
"""

from __future__ import annotations

from collections.abc import Callable

import folium
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from geo.choropleth import ChoroplethStyle
from geo.export import safe_filename
from geo.i18n import current_language, t, use_language
from geo.maps import LegendSpec
from geo.ui import cache
from geo.ui.presentation import downloads


def _deferred(render: Callable[..., bytes], *args: object) -> Callable[[], bytes]:
    """``render(*args, lang)`` for a download button, run later in this run's language ``lang``."""
    lang = current_language()

    def run() -> bytes:
        with use_language(lang):
            return render(*args, lang)

    return run


@st.cache_data(show_spinner=False, max_entries=16)
def _map_png(style: ChoroplethStyle, legend: LegendSpec, title: str, source: str, lang: str) -> bytes:  # noqa: ARG001
    """``lang``: a cache key (the inset label, north arrow and boundary note are text)."""
    from geo.static_map import render_map_png  # matplotlib: imported on first export only

    return render_map_png(style, legend, cache.county_polygons("national"), title=title, source_line=source)


def _map_html(build_map: Callable[[], folium.Map], title: str, lang: str) -> bytes:  # noqa: ARG001
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
    """The map as PNG (the same classes, legend, title, source and South China Sea inset) and as HTML."""
    stem = safe_filename(t("table.map_file", title=title))
    widths = [1, 1, 4] if current_language() == "zh" else [2, 2, 3]  # the English labels are longer
    left, right, _ = downloads(f"{key}_map").columns(widths)
    left.download_button(
        t("table.download_map_png"),
        data=_deferred(_map_png, style, legend, title, source),
        file_name=f"{stem}.png",
        mime="image/png",
        key=f"{key}_map_png",
        on_click="ignore",
        help=t("table.render_help"),
    )
    _html_button(right, build_map, title=title, stem=stem, key=key)


def map_html_download(build_map: Callable[[], folium.Map], *, title: str, key: str) -> None:
    """The map as a standalone offline HTML file (maps with links or markers, which the PNG cannot draw)."""
    widths = [1, 5] if current_language() == "zh" else [2, 5]
    left, _ = downloads(f"{key}_map").columns(widths)
    _html_button(left, build_map, title=title, stem=safe_filename(t("table.map_file", title=title)), key=key)


def _html_button(
    where: DeltaGenerator, build_map: Callable[[], folium.Map], *, title: str, stem: str, key: str
) -> None:
    where.download_button(
        t("table.download_map_html"),
        data=_deferred(_map_html, build_map, title),
        file_name=f"{stem}.html",
        mime="text/html",
        key=f"{key}_map_html",
        on_click="ignore",
        help=t("table.download_map_html_help"),
    )


@st.cache_data(show_spinner=False, max_entries=32)
def _county_pdf(adcode: str, revision: int, lang: str) -> bytes:  # noqa: ARG001 - lang: a cache key
    from geo.brief import county_brief_pdf

    return county_brief_pdf(adcode, cache.atlas_data_at(revision))


@st.cache_data(show_spinner=False, max_entries=16)
def _area_pdf(area: str, revision: int, lang: str) -> bytes:  # noqa: ARG001 - lang: a cache key
    from geo.brief import area_brief_pdf

    return area_brief_pdf(area, cache.atlas_data_at(revision))


def county_brief(adcode: str, name: str) -> None:
    """The county brief as PDF: one A4 page with map, key charts, facts and sources."""
    downloads("county_brief").download_button(
        t("table.download_county_brief"),
        data=_deferred(_county_pdf, adcode, cache.user_revision()),
        file_name=safe_filename(t("table.county_brief_file", name=name, adcode=adcode)) + ".pdf",
        mime="application/pdf",
        key="county_brief_pdf",
        on_click="ignore",
        help=t("table.render_help"),
    )


def area_brief(area: str) -> None:
    """The brief of one contiguous poor area as PDF."""
    downloads("area_brief").download_button(
        t("table.download_area_brief"),
        data=_deferred(_area_pdf, area, cache.user_revision()),
        file_name=safe_filename(t("table.area_brief_file", area=area)) + ".pdf",
        mime="application/pdf",
        key="area_brief_pdf",
        on_click="ignore",
        help=t("table.render_help"),
    )
