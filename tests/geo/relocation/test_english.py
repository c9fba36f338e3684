"""The relocation page's texts in English: figures, labels, legend, popups, chart, tables."""

from __future__ import annotations

import html
from collections.abc import Iterator

import pandas as pd
import pytest

from geo import data
from geo.filters import FilterState
from geo.i18n import catalogue, use_language
from geo.i18n.check import untranslated
from geo.overview import AtlasData
from geo.relocation.base_map import COUNTY_CLASSES
from geo.relocation.chart import _hover_source, chart_caption, province_chart
from geo.relocation.labels import PLACEMENT_KEYS, QUALIFIER_KEYS, people_label, source_label, source_parts
from geo.relocation.markers import site_markers
from geo.relocation.national import NOTE_QUALIFIERS, WANTED, national_caption, national_figures
from geo.relocation.sites import prepare_sites
from geo.relocation.tables import COUNTY_COLUMNS, SITE_COLUMNS, TOTAL_COLUMNS, region_label
from geo.relocation.totals import BASIS_KEYS, KIND_KEYS, province_totals
from geo.relocation.view import build_view


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with use_language("en"):
        yield


def _data_texts(totals: pd.DataFrame) -> set[str]:
    """What the page shows verbatim: site names, source texts, indicators as stated, notes, sources."""
    sites = data.relocation_sites()
    texts = {*sites["site_name"], *sites["figures_as_stated"], *sites["note"], *totals["indicator"], *totals["note"]}
    for source in (*sites["source"], *totals["source"]):
        texts |= {source, source_label(source), _hover_source(source), *source_parts(source)}
    texts |= {text[:160] + "…" for text in texts}
    return {text for text in texts if text}


def test_key_tables_name_catalogue_entries() -> None:
    keys = [*QUALIFIER_KEYS.values(), *PLACEMENT_KEYS.values(), *KIND_KEYS.values(), *BASIS_KEYS.values()]
    keys += [key for _, key in COUNTY_CLASSES] + list(NOTE_QUALIFIERS.values()) + [key for key, _ in WANTED.values()]
    keys += [*SITE_COLUMNS.values(), *COUNTY_COLUMNS.values(), *TOTAL_COLUMNS.values()]
    assert set(keys) <= set(catalogue())


@pytest.mark.parametrize(
    ("people", "qualifier", "label"),
    [
        (29_000, "approx", "29,000 people (approximate)"),
        (35_585, "", "35,585 people"),
        (2_300_000, "cumulative", "2.3 million people (cumulative over several years)"),
        (None, "approx", "no people figure"),
    ],
)
def test_people_labels(people, qualifier, label) -> None:
    assert people_label(people, qualifier) == label


def test_national_figures_and_caption(totals: pd.DataFrame) -> None:
    national = national_figures(totals)
    assert national["plan"].text == "about 9.81 million people"
    assert national["completed"].text == "more than 9.6 million people"
    assert national["sites"].text == "about 35,000"
    assert (national["plan"].card, national["completed"].card, national["homes"].card) == ("≈9.81M", ">9.6M", ">2.66M")
    assert national["plan"].label == "Registered poor people to relocate, 13th Five-Year Plan"
    caption = national_caption(national)
    assert caption.startswith("Sources of the national figures: ")
    assert untranslated(caption, allowed=_data_texts(totals)) == []


def test_province_chart_in_english(totals: pd.DataFrame) -> None:
    table = province_totals(totals)
    fig = province_chart(table, national_figures(totals))
    assert fig.layout.title.text == "People relocated by province (million people)"
    assert fig.layout.xaxis.title.text == "million people"
    assert [t.name for t in fig.data] == [
        "Completed (13th Five-Year Plan)",
        "Interim progress (no completed figure found)",
        "Plan / task",
    ]
    assert list(fig.layout.yaxis.categoryarray)[-1] == "贵州省 (Guizhou Sheng)"
    guizhou = next(t for t in fig.data if t.type == "bar")
    assert max(guizhou.x) == pytest.approx(1.88)  # 188万 = 1.88 million
    texts = [
        fig.layout.title.text,
        fig.layout.annotations[0].text,
        *(t.hovertemplate for t in fig.data),
        *(str(v) for t in fig.data for row in t.customdata for v in row),
        *fig.layout.yaxis.categoryarray,
        chart_caption(table),
    ]
    assert untranslated("\n".join(texts), allowed=_data_texts(totals)) == []


def test_view_tables_legend_and_popups(atlas: AtlasData, totals: pd.DataFrame) -> None:
    view = build_view(FilterState(), atlas, data.relocation_sites(), totals)
    assert view.legend.title == "Poverty-relief relocation sites"
    assert "Dashed circle: Position: the county's representative point (approximate)" in view.legend.note
    assert list(view.sites.columns)[:3] == ["Site", "Province", "Prefecture"]
    assert "People at named sites (not the county's total)" in view.counties.columns
    assert list(view.province_rows.columns)[:3] == ["Region", "Kind", "Indicator (as stated)"]
    texts = [view.legend.title, view.legend.note, *(i.label for i in view.legend.items), *view.style.values]
    for table in (view.sites, view.counties, view.province_rows, view.local_rows):
        texts += [str(v) for column in table.columns for v in [column, *table[column]]]
    allowed = _data_texts(totals)
    assert untranslated("\n".join(texts), allowed=allowed) == []
    sites = view.sites.set_index("Site")
    assert sites.loc["闽宁镇", "County"] == "永宁县 (Yongning Xian)"
    assert sites.loc["闽宁镇", "In a national poverty county"] == "No"


def test_popups_in_english(totals: pd.DataFrame) -> None:
    prepared = prepare_sites(data.relocation_sites(), data.poverty_counties())  # labels in English
    markers = site_markers(prepared, float(prepared["people"].max()))
    first = next(m for m in markers if m.site_id == "RS01")
    assert "<th" in first.popup and ">People relocated</th>" in first.popup and "29,000 people" in first.popup
    assert "Position: the county&#x27;s representative point (approximate)" in first.popup
    texts = [html.unescape(text) for m in markers for text in (m.popup, m.tooltip)]
    assert untranslated("\n".join(texts), allowed=_data_texts(totals)) == []


def test_region_labels() -> None:
    assert region_label("贵州省铜仁市") == "贵州省 (Guizhou Sheng) 铜仁市 (Tongren Shi)"
    assert region_label("云南省楚雄彝族自治州武定县") == (
        "云南省 (Yunnan Sheng) 楚雄彝族自治州 (Chuxiong Yizu Zizhizhou) 武定县 (Wuding Xian)"
    )
    with use_language("zh"):
        assert region_label("贵州省铜仁市") == "贵州省铜仁市"
