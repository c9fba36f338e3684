"""The county profile in English: header facts, pairings, tables, charts, locator, search."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pandas as pd
import pytest

from geo import choropleth, data
from geo.county.charts import SECTOR_KEYS, SERIES_KEYS, SOURCE_KEYS, county_charts
from geo.county.locator import CLASS_KEYS, Neighbours, locator_style
from geo.county.peers import peer_groups
from geo.county.profile import (
    FACT_KEYS,
    KEY_COUNTY_KEYS,
    REGION_KEYS,
    ROLE_KEYS,
    VIA_KEYS,
    build_profile,
    header_facts,
    long_table,
    pairings_table,
    sites_table,
)
from geo.county.search import SearchIndex
from geo.i18n import catalogue, use_language
from geo.i18n.check import untranslated


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with use_language("en"):
        yield


@pytest.fixture(scope="module")
def places(national_counties) -> pd.DataFrame:
    table = pd.DataFrame(national_counties.drop(columns="geometry"))
    return table.join(national_counties.geometry.bounds)


def _profile(adcode: str, places: pd.DataFrame):
    return build_profile(adcode, places, data.poverty_counties(), data.pairings(), data.relocation_sites())


def _data_texts() -> set[str]:
    """Pairing sources, relocation site names and sources: shown verbatim."""
    pairs, sites = data.pairings(), data.relocation_sites()
    return {text for text in (*pairs["source"], *sites["site_name"], *sites["source"]) if text}


def _strings(value: object) -> list[str]:
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return [value] if isinstance(value, str) else []


def test_key_tables_name_catalogue_entries() -> None:
    keys = [*SOURCE_KEYS.values(), *SERIES_KEYS.values(), *SECTOR_KEYS.values(), *FACT_KEYS.values()]
    keys += [*REGION_KEYS.values(), *VIA_KEYS.values(), *ROLE_KEYS.values(), *KEY_COUNTY_KEYS.values()]
    keys += [key for _, key in CLASS_KEYS]
    assert set(keys) <= set(catalogue())


def test_header_facts_and_tables(places: pd.DataFrame) -> None:
    profile = _profile("520402", places)  # 西秀区
    facts = header_facts(profile)
    assert facts["Prefecture"] == "安顺市 (Anshun Shi)" and facts["Province"] == "贵州省 (Guizhou Sheng)"
    assert facts["Region"] == "West" and facts["Exit year"] == "2017"
    assert facts["Poverty-county status"].startswith("National poverty county")
    assert facts["Contiguous poor area"].startswith("滇桂黔石漠化区 (Dian-Gui-Qian Shimohuaqu) (membership: ")
    assert facts["Three Regions and Three Prefectures"] == "No"
    texts = [*facts, *facts.values(), *(link.text for link in profile.pairings)]
    assert profile.pairings[0].text == (
        "2016 · Recipient · 山东省 (Shandong Sheng) 青岛市 (Qingdao Shi) → 安顺市 (Anshun Shi) "
        "(paired via its prefecture)"
    )
    for table in (
        pairings_table(profile),
        sites_table(profile),
        long_table("520402", data.county_stats(), data.indicators()),
    ):
        texts += [str(v) for column in table.columns for v in [column, *table[column]]]
    assert untranslated("\n".join(texts), allowed=_data_texts()) == []
    assert list(long_table("520402", data.county_stats(), data.indicators()).columns) == [
        "Code", "Year", "Indicator", "Indicator code", "Value", "Unit", "Source",
    ]  # fmt: skip


def test_a_county_outside_the_832(places: pd.DataFrame) -> None:
    profile = _profile("640121", places)  # 永宁县
    facts = header_facts(profile)
    assert facts["Poverty-county status"] == "Not a national poverty county"
    assert facts["Exit year"].startswith("Not applicable")
    table = sites_table(profile)
    assert list(table.columns) == ["Site", "People relocated", "Year", "Source"]
    texts = [*facts.values(), *(str(v) for column in table.columns for v in table[column])]
    assert untranslated("\n".join(texts), allowed=_data_texts()) == []


def test_charts_in_english(places: pd.DataFrame) -> None:
    groups = peer_groups("130624", data.poverty_counties(), places)
    assert [g.label for g in groups] == [
        "national poverty counties of 河北省 (Hebei Sheng)",
        "counties of 燕山-太行山区 (Yanshan-Taihang Shanqu)",
        "832 national poverty counties",
    ]
    charts = {c.key: c for c in county_charts("130624", "阜平县", 2019, data.county_stats(), groups, data.indicators())}
    assert [c.title for c in charts.values()] == [
        "Per-capita disposable income",
        "Registered population",
        "GDP",
        "Economic structure (three sectors)",
        "2020 census profile compared with peer counties",
    ]
    income = charts["income"].figure
    names = [t.name for t in income.data]
    assert "阜平县 (Fuping Xian) · Rural" in names
    assert "Median of national poverty counties of 河北省 (Hebei Sheng) · Urban" in names
    assert income.layout.yaxis.title.text == "yuan"
    assert income.layout.title.subtitle.text.startswith("Source: County statistics panel")
    assert any(a.text == "Exited 2019" for a in income.layout.annotations)
    assert income.data[0].hovertemplate == "%{y:,.0f} yuan"
    census = charts["census"].figure
    assert "Household size (people per household)" in [a.text for a in census.layout.annotations]
    for chart in charts.values():
        assert chart.caption.startswith("Source: ") and "Unit: " in chart.caption
        spec = json.loads(chart.figure.to_json())
        texts = _strings(spec["layout"]) + [s for trace in spec["data"] for s in _strings(trace)]
        assert untranslated("\n".join([chart.caption, *texts])) == [], chart.key


def test_charts_without_data_say_so(places: pd.DataFrame) -> None:
    groups = peer_groups("130705", data.poverty_counties(), places)
    charts = {c.key: c for c in county_charts("130705", "宣化区", 2019, data.county_stats(), groups, data.indicators())}
    assert charts["income"].figure is None
    assert "Rural per-capita disposable income: No data" in charts["income"].caption
    assert charts["gdp"].notes == ("GDP: No data",)


def test_locator_in_english(national_counties, places: pd.DataFrame) -> None:
    attrs = choropleth.county_attributes(national_counties, data.poverty_counties())
    style, legend = locator_style("130624", attrs, places, Neighbours.build(national_counties)("130624"))
    assert legend.title == "Location of the county"
    assert legend.items[0].label == "This county"
    assert legend.note.startswith("Click another county to open its profile; ")
    values = dict(zip(attrs.order, style.values, strict=True))
    assert values["130634"] == "Counties of the same prefecture (click to open)"
    assert (
        untranslated("\n".join([legend.title, legend.note, *(i.label for i in legend.items), *set(style.values)])) == []
    )


def test_search_hits_in_english(places: pd.DataFrame) -> None:
    index = SearchIndex.build(places, data.poverty_counties())
    assert (
        index.search("fp")[0].label == "阜平县 (Fuping Xian), 河北省 (Hebei Sheng) · 130624 · national poverty county"
    )
    gulou = [h.label for h in index.search("鼓楼区")]
    assert all(", " in label and "·" in label for label in gulou)
    assert untranslated("\n".join(gulou)) == []
