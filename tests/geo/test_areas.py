import pandas as pd
import pytest

from geo import areas, charts, data
from geo.i18n import use_language
from geo.i18n.check import has_cjk


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


def test_english_areas_table_summary_and_charts(tables) -> None:
    poverty, catalogue, stats = tables
    with use_language("en"):
        table = areas.areas_table(catalogue)
        facts = areas.summary("乌蒙山区", poverty, catalogue, stats)
        special = areas.area_type("新疆南疆三地州", catalogue)
        members = areas.member_table("燕山-太行山区", poverty)
        year, incomes = areas.income_comparison("武陵山区", poverty, stats)
        bars = charts.exits_by_province(areas.counties_by_province("乌蒙山区", poverty), "t")
        boxes = charts.income_boxes(incomes, year)
    assert table.columns.tolist()[:4] == ["Area", "Type", "Provinces", "Official county count"]
    assert (table["Type"] == "Mountain contiguous poor area").sum() == 11
    assert set(table.loc[table["Area"] == "乌蒙山区 (Wumeng Shanqu)", "Official county count"]) == {"No source yet"}
    assert facts.provinces == "四川省 (Sichuan Sheng), 贵州省 (Guizhou Sheng), 云南省 (Yunnan Sheng)"
    assert facts.evidence == {"Not yet verified by a source": 38} and facts.evidence_by_code == {"unverified": 38}
    assert special == "Special policy area (Southern Xinjiang)"
    assert members.columns.tolist() == [
        "Code",
        "County",
        "Prefecture",
        "Province",
        "Exit year",
        "Area membership evidence",
    ]
    assert set(incomes["group"]) == {"武陵山区", "832 national poverty counties"}
    assert bars.data[0].name == "Exited 2016" and "云南省 (Yunnan Sheng)" in bars.data[0].x
    assert boxes.layout.title.text == f"Distribution of rural per-capita disposable income ({year})"
    assert boxes.data[0].name.startswith("武陵山区 (Wuling Shanqu) (") and boxes.layout.yaxis.title.text == "yuan"


def test_chinese_area_texts_after_english(tables) -> None:
    poverty, catalogue, stats = tables
    with use_language("en"):
        areas.summary("乌蒙山区", poverty, catalogue, stats)
    assert areas.summary("乌蒙山区", poverty, catalogue, stats).evidence == {"暂无来源核实": 38}
    assert charts.national_poverty_series(data.poverty_series()).layout.title.text == "全国农村贫困人口与贫困发生率"


def test_english_national_series_is_in_millions() -> None:
    series = data.poverty_series()
    with use_language("en"):
        fig = charts.national_poverty_series(series)
        source = charts.series_source()
    people = series[(series["level"] == "national") & (series["indicator"] == "rural_poor_population")]
    assert max(fig.data[0].y) == pytest.approx(people["value"].max() / 100)  # 万 → million
    assert fig.layout.yaxis.title.text == "million people"
    assert not has_cjk(fig.layout.title.text + fig.data[0].name + fig.data[1].hovertemplate + source)
