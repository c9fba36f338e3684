"""Header facts, pairings seen from a county, relocation sites, the long data table."""

from __future__ import annotations

import pandas as pd
import pytest

from geo import data
from geo.county.profile import build_profile, header_facts, long_table, pairing_links, pairings_table, region_of


@pytest.fixture(scope="module")
def places(national_counties) -> pd.DataFrame:
    return pd.DataFrame(national_counties.drop(columns="geometry"))


def _profile(adcode: str, places: pd.DataFrame):
    return build_profile(adcode, places, data.poverty_counties(), data.pairings(), data.relocation_sites())


def test_fuping(places: pd.DataFrame) -> None:
    profile = _profile("130624", places)
    facts = header_facts(profile)
    assert facts["地市"] == "保定市" and facts["省份"] == "河北省" and facts["地区"] == "东部"
    assert facts["摘帽年份"] == "2019年"
    assert facts["贫困县身份"].startswith("国家贫困县")
    assert facts["集中连片特困地区"] == "燕山-太行山区（归属依据：有来源明确列出）"
    assert facts["三区三州"] == "否"
    (link,) = profile.pairings
    assert (link.period, link.role, link.via, link.partner, link.unit) == (
        "2016",
        "recipient",
        "prefecture",
        "北京市",
        "保定市",
    )


def test_pairings_by_county_and_province_both_directions(places: pd.DataFrame) -> None:
    zhouzhi = _profile("610124", places)  # 周至县: 太仓市 (2016, 2021) and 江苏→陕西 by province
    vias = {(p.period, p.via, p.partner) for p in zhouzhi.pairings}
    assert ("2016", "county", "江苏省苏州市太仓市") in vias
    assert ("2021", "county", "江苏省苏州市太仓市") in vias
    assert ("2016", "province", "江苏省") in vias
    taicang = _profile("320585", places)  # the helper side
    helped = [p for p in taicang.pairings if p.via == "county"]
    assert {p.role for p in helped} == {"helper"} and helped[0].partner == "陕西省西安市周至县"
    assert "太仓市 → 陕西省西安市周至县" in helped[0].text
    assert any(p.via == "province" and p.role == "helper" for p in taicang.pairings)  # 江苏省 helps 陕西/青海
    table = pairings_table(taicang)
    assert list(table.columns) == ["时期", "角色", "结对层级", "本方", "对方", "来源"] and len(table) == len(
        taicang.pairings
    )


def test_a_county_no_pairing_names() -> None:
    assert pairing_links("659001", {"county": "x"}, data.pairings()) == ()


def test_a_county_outside_the_832_with_relocation_sites(places: pd.DataFrame) -> None:
    profile = _profile("640121", places)  # 永宁县 (闽宁镇)
    facts = header_facts(profile)
    assert facts["贫困县身份"] == "非国家贫困县" and facts["摘帽年份"].startswith("不适用")
    assert facts["地区"] == "西部"
    assert {s.name for s in profile.sites} >= {"闽宁镇"}


def test_gaps_read_no_data(places: pd.DataFrame) -> None:
    hk = places[places["province"] == "香港特别行政区"].iloc[0]["adcode"]
    profile = _profile(hk, places)
    facts = header_facts(profile)
    assert facts["地区"] == "暂无数据" and facts["地市"] == "暂无数据"


def test_unknown_code(places: pd.DataFrame) -> None:
    assert _profile("999999", places) is None


def test_municipality_districts(places: pd.DataFrame) -> None:
    profile = _profile("500240", places)  # 石柱县, 重庆
    assert profile.prefecture_label == "直辖市辖区（县）"


def test_regions_agree_with_the_832_list() -> None:
    poverty = data.poverty_counties()
    listed = poverty[poverty["adcode"] != ""]
    assert all(region_of(c) == f"{r}部" for c, r in zip(listed["adcode"], listed["region"], strict=True))


def test_long_table() -> None:
    table = long_table("130624", data.county_stats(), data.indicators())
    assert list(table.columns) == ["区划代码", "年份", "指标", "指标代码", "数值", "单位", "来源"]
    assert (table["区划代码"] == "130624").all() and table["指标"].str.contains("农村居民人均可支配收入").any()
    assert long_table("999999", data.county_stats(), data.indicators()).empty
