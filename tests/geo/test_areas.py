import pandas as pd
import pytest

from geo import areas, data


@pytest.fixture(scope="module")
def tables() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    return data.poverty_counties(), data.contiguous_areas(), data.county_stats()


def test_areas_table_lists_the_14_with_types(tables) -> None:
    _, catalogue, _ = tables
    table = areas.areas_table(catalogue)
    assert len(table) == 14
    assert (table["类型"] == "山区集中连片特困地区").sum() == 11
    assert table["本数据县数"].astype(int).sum() == 680
    assert set(table.loc[table["片区"] == "乌蒙山区", "官方县数"]) == {"暂无来源"}


def test_summary_of_an_area(tables) -> None:
    poverty, catalogue, stats = tables
    facts = areas.summary("乌蒙山区", poverty, catalogue, stats)
    assert facts.counties == 38
    assert facts.provinces == "四川省、贵州省、云南省"
    assert facts.evidence == {"暂无来源核实": 38}
    assert facts.population == pytest.approx(19_326_723)
    assert areas.summary("滇西边境山区", poverty, catalogue, stats).official_count == "56"
    assert areas.area_type("四省藏区", catalogue) == "特殊政策区（四省藏区）"


def test_counties_by_province_adds_up(tables) -> None:
    poverty, _, _ = tables
    table = areas.counties_by_province("乌蒙山区", poverty)
    assert table.loc["云南省", "合计"] == 15
    assert table["合计"].sum() == 38
    assert list(table.columns) == [2016, 2017, 2018, 2019, 2020, "合计"]


def test_member_table_marks_the_evidence(tables) -> None:
    poverty, _, _ = tables
    table = areas.member_table("燕山-太行山区", poverty)
    assert len(table) == 33
    assert set(table["片区归属依据"]) == {"有来源明确列出", "由已有来源推得", "暂无来源核实"}


def test_income_comparison_prefers_a_programme_year(tables) -> None:
    poverty, _, stats = tables
    year, frame = areas.income_comparison("武陵山区", poverty, stats)
    assert year is not None and year <= 2020
    assert set(frame["group"]) == {"武陵山区", "832个国家贫困县"}
    assert (frame["group"] == "武陵山区").sum() <= 64
    none_year, empty = areas.income_comparison("西藏区", poverty, stats)
    assert none_year is None
    assert empty.empty


def test_area_of_county(tables) -> None:
    poverty, _, _ = tables
    assert areas.area_of_county("130624", poverty) == "燕山-太行山区"
    assert areas.area_of_county("110101", poverty) is None
