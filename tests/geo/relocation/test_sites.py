"""Relocation sites: the filter state applied to the sites, and per-county sums."""

from __future__ import annotations

import math

from geo.filters import FilterState
from geo.relocation.sites import county_sums, county_value_labels, filter_sites

SITES = 45


def test_province_filter_keeps_that_provinces_sites(sites, atlas) -> None:
    chosen, notices = filter_sites(sites, FilterState(provinces=("52",)), atlas.poverty, atlas.programme_counties)
    assert len(chosen) == 11 and set(chosen["province"]) == {"贵州省"} and notices == []
    both, _ = filter_sites(sites, FilterState(provinces=("52", "64")), atlas.poverty, atlas.programme_counties)
    assert len(both) == 14
    none, _ = filter_sites(sites, FilterState(provinces=("15",)), atlas.poverty, atlas.programme_counties)
    assert none.empty


def test_scope_does_not_hide_sites_but_county_filters_do(sites, atlas) -> None:
    def count(**state) -> int:
        chosen, _ = filter_sites(sites, FilterState(**state), atlas.poverty, atlas.programme_counties)
        return len(chosen)

    assert count() == count(poverty_only=False) == count(programmes=("relocation",)) == SITES
    assert count(areas=("乌蒙山区",)) < SITES
    assert count(sanqu_sanzhou=True) < count(sanqu_sanzhou=False) + count(sanqu_sanzhou=True) <= SITES
    chosen, _ = filter_sites(sites, FilterState(areas=("乌蒙山区",)), atlas.poverty, atlas.programme_counties)
    members = set(atlas.poverty.loc[atlas.poverty["contiguous_area"] == "乌蒙山区", "adcode"])
    assert set(chosen["adcode"]) <= members


def test_programme_without_county_data_gives_a_notice(sites, atlas) -> None:
    _, notices = filter_sites(sites, FilterState(programmes=("education",)), atlas.poverty, atlas.programme_counties)
    assert notices and "暂无县级数据" in notices[0]


def test_county_sums_are_named_sites_only_without_double_counting(sites) -> None:
    sums = county_sums(sites).set_index("adcode")
    yongning = sums.loc["640121"]  # 闽宁镇 (6万多) contains 原隆村 (近万): not added twice
    assert yongning["sites"] == 2 and yongning["people"] == 60_000
    assert "原隆村" in yongning["excluded"]
    shanyang = sums.loc["611024"]  # four sites, no people figure
    assert shanyang["sites"] == 4 and math.isnan(shanyang["people"])
    assert sums.loc["520600", "county"].startswith("铜仁市（地市")
    assert sums["sites"].sum() == SITES
    labels = county_value_labels(sums.reset_index())
    assert "非全县总数" in labels["640121"]
