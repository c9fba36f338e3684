import dataclasses

from geo import overview
from geo.filters import FilterState


def test_default_view_is_the_832_by_exit_year(atlas) -> None:
    view = overview.build_view(FilterState(), atlas)
    assert len(view.table) == 832
    assert view.kpis["exits_by_year"] == {2016: 28, 2017: 125, 2018: 283, 2019: 344, 2020: 52}
    assert view.style.selection.count("1") == 831  # 冷湖 and 茫崖 share one polygon
    assert view.legend.title == "国家贫困县摘帽年份"
    assert view.style.fit is None


def test_province_filter_narrows_map_table_and_zooms(atlas) -> None:
    view = overview.build_view(FilterState(provinces=("52",)), atlas)
    assert len(view.table) == 66
    assert set(view.table["省份"]) == {"贵州省"}
    assert view.style.selection.count("1") == 66
    (south, west), (north, east) = view.style.fit
    assert 24 < south < north < 30 and 103 < west < east < 110


def test_indicator_choropleth_classes_only_the_selection(atlas) -> None:
    state = FilterState(indicator="rural_disposable_income", year=2019, provinces=("52",))
    view = overview.build_view(state, atlas)
    assert view.indicator_label == "农村居民人均可支配收入（2019年）"
    in_selection = [c for c, s in zip(view.style.classes, view.style.selection, strict=True) if s == "1"]
    outside = [c for c, s in zip(view.style.classes, view.style.selection, strict=True) if s == "0"]
    assert set(outside) == {"-"}
    assert set(in_selection) <= set("01234-")
    assert len(set(in_selection) - {"-"}) == 5
    column = view.table["农村居民人均可支配收入（2019年）"]
    fuping_like = view.table.set_index("区划代码")
    assert column.notna().sum() > 50
    assert fuping_like.loc["520203", "农村居民人均可支配收入（2019年）"] > 0
    assert "元" in view.legend.items[0].label


def test_default_year_is_the_latest_with_data(atlas) -> None:
    view = overview.build_view(FilterState(indicator="census_population"), atlas)
    assert view.year == 2020


def test_all_counties_scope(atlas) -> None:
    view = overview.build_view(FilterState(poverty_only=False, provinces=("53",)), atlas)
    assert view.kpis["selected"] == 129  # every county-level unit of 云南 in the boundary data
    assert view.kpis["counties"] == 88
    assert len(view.table) == 129
    # an 832-only filter brings the selection back to poor counties
    narrowed = overview.build_view(FilterState(poverty_only=False, provinces=("53",), exit_years=(2020,)), atlas)
    assert narrowed.kpis["selected"] == narrowed.kpis["counties"] == 9


def test_programme_without_county_data_is_reported(atlas) -> None:
    view = overview.build_view(FilterState(programmes=("health",)), atlas)
    assert len(view.table) == 832
    assert any("暂无县级数据" in n for n in view.notices)


def test_county_does_not_change_the_selection(atlas) -> None:
    plain = overview.build_view(FilterState(), atlas)
    clicked = overview.build_view(dataclasses.replace(FilterState(), county="130624"), atlas)
    assert clicked.style.selected == "130624"
    assert clicked.style.selection == plain.style.selection


def test_classing_controls_classes_and_palette(atlas) -> None:
    state = FilterState(indicator="census_population")
    view = overview.build_view(state, atlas, overview.Classing("equal_interval", 3, "YlOrRd"))
    assert len(view.style.colors) == 3
    assert view.style.colors[0] == "#ffeda0"  # ColorBrewer YlOrRd-3
    assert "等间距" in view.legend.note
