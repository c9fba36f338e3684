"""Relocation logic: marker scale, labels, approximate placement, filters, totals, national figures."""

from __future__ import annotations

import math

import folium.plugins
import pandas as pd
import pytest

from geo import choropleth, data, offline, relocation, taxonomy
from geo.filters import FilterState
from geo.overview import AtlasData

SITES = 45


@pytest.fixture(scope="module")
def totals() -> pd.DataFrame:
    return data.read_table("relocation_totals")


@pytest.fixture(scope="module")
def sites() -> pd.DataFrame:
    return relocation.prepare_sites(data.relocation_sites(), data.poverty_counties())


@pytest.fixture(scope="module")
def atlas(national_counties) -> AtlasData:
    poverty = data.poverty_counties()
    programmes = taxonomy.programme_counties(poverty, data.pairings(), data.relocation_sites())
    attrs = choropleth.county_attributes(national_counties, poverty)
    stats = pd.DataFrame(columns=["adcode", "year", "indicator", "value", "unit", "source"])  # not used here
    return AtlasData.build(national_counties, poverty, stats, data.indicators(), programmes, attrs)


def _view(atlas: AtlasData, totals: pd.DataFrame, **state) -> relocation.RelocationView:
    return relocation.build_view(FilterState(**state), atlas, data.relocation_sites(), totals)


# ---------------------------------------------------------------------------- markers and labels


def test_radius_grows_with_people_on_a_sqrt_scale() -> None:
    people = [1, 100, 1_000, 10_000, 50_000, 230_000]
    radii = [relocation.radius(p, 230_000) for p in people]
    assert radii == sorted(radii) and len(set(radii)) == len(radii)
    assert radii[-1] == relocation.R_MAX
    assert relocation.R_MIN <= radii[0] < relocation.R_MIN + 0.1
    # area ∝ people: four times the people, twice the radius above the minimum
    small, large = (relocation.radius(p, 100_000) - relocation.R_MIN for p in (10_000, 40_000))
    assert large == pytest.approx(2 * small, abs=0.02)
    assert relocation.radius(10**7, 100) == relocation.R_MAX  # capped


@pytest.mark.parametrize("people", [None, math.nan, 0])
def test_sites_without_a_figure_get_a_small_fixed_radius(people) -> None:
    assert relocation.radius(people, 230_000) == relocation.R_UNKNOWN < relocation.R_MIN


@pytest.mark.parametrize(
    ("people", "qualifier", "label"),
    [
        (29_000, "approx", "2.9万人（约数）"),
        (29_000, "", "2.9万人"),
        (35_585, "", "35,585人"),
        (18_000, "lower_bound", "1.8万人（下限：原文为“超过/多”）"),
        (8_000, "capacity", "8,000人（设计容量，非实际入住）"),
        (230_000, "cumulative", "23万人（多年累计）"),
        (None, "approx", "人数暂无"),
        (math.nan, "", "人数暂无"),
    ],
)
def test_people_labels_say_what_the_figure_is(people, qualifier, label) -> None:
    assert relocation.people_label(people, qualifier) == label


def test_every_qualifier_in_the_data_has_a_label(sites) -> None:
    assert set(sites["people_qualifier"]) <= set(relocation.QUALIFIER_LABELS)
    assert set(sites["location_precision"]) <= set(relocation.PLACEMENT_LABELS)


def test_approximate_placement_is_flagged_drawn_dashed_and_labelled(sites) -> None:
    assert not relocation.is_approximate("exact")
    assert relocation.is_approximate("county") and relocation.is_approximate("prefecture")
    assert sites["approximate"].all()  # no source gives coordinates
    markers = relocation.site_markers(sites, float(sites["people"].max()))
    assert len(markers) == SITES
    assert all(m.dash_array for m in markers)
    tongren = next(m for m in markers if m.site_id == "RS04")
    assert tongren.dash_array == relocation.DASH_PREFECTURE
    assert "位置为地市代表点（近似" in tongren.popup
    first = next(m for m in markers if m.site_id == "RS01")
    assert "位置为县域代表点（近似）" in first.popup
    assert "柏杨林街道易地扶贫搬迁安置点" in first.popup and "七星关区" in first.popup
    assert "2.9万人" in first.popup and "2019年" in first.popup and "科技日报" in first.popup
    assert first.dash_array == relocation.DASH_COUNTY
    assert first.color == relocation.COLOR_KNOWN
    unknown = next(m for m in markers if m.site_id == "RS09")  # 黎平: no figures
    assert unknown.radius == relocation.R_UNKNOWN and unknown.color == relocation.COLOR_UNKNOWN
    assert "人数暂无" in unknown.popup and "户数暂无" in unknown.popup and "年份暂无" in unknown.popup


def test_popups_escape_html_and_carry_no_urls(sites) -> None:
    hostile = sites.iloc[[0]].assign(
        site_name="<script>alert(1)</script>`${x}`", figures_as_stated="<b>x</b>", source="javascript:alert(1)"
    )
    (marker,) = relocation.site_markers(hostile, 1000.0)
    for text in (marker.popup, marker.tooltip):
        assert "<script>" not in text and "`" not in text and "${" not in text
    assert "&lt;script&gt;" in marker.popup
    for marker in relocation.site_markers(sites, 1000.0):
        assert "http" not in marker.popup and "//" not in marker.popup


def test_source_labels_keep_the_outlet_and_host_without_the_url() -> None:
    source = "https://a.example.com/x?y=1 (新华社 2020-03-17); http://b.example.org/z"
    assert relocation.source_label(source) == "新华社 2020-03-17（a.example.com）；b.example.org"
    assert relocation.source_label("seed ../shared/seeds/004.txt line 1581") == "seed ../shared/seeds/004.txt line 1581"


# ---------------------------------------------------------------------------- filters


def test_province_filter_keeps_that_provinces_sites(sites, atlas) -> None:
    chosen, notices = relocation.filter_sites(
        sites, FilterState(provinces=("52",)), atlas.poverty, atlas.programme_counties
    )
    assert len(chosen) == 11 and set(chosen["province"]) == {"贵州省"} and notices == []
    both, _ = relocation.filter_sites(
        sites, FilterState(provinces=("52", "64")), atlas.poverty, atlas.programme_counties
    )
    assert len(both) == 14
    none, _ = relocation.filter_sites(sites, FilterState(provinces=("15",)), atlas.poverty, atlas.programme_counties)
    assert none.empty


def test_scope_does_not_hide_sites_but_county_filters_do(sites, atlas) -> None:
    def count(**state) -> int:
        chosen, _ = relocation.filter_sites(sites, FilterState(**state), atlas.poverty, atlas.programme_counties)
        return len(chosen)

    assert count() == count(poverty_only=False) == count(programmes=("relocation",)) == SITES
    assert count(areas=("乌蒙山区",)) < SITES
    assert count(sanqu_sanzhou=True) < count(sanqu_sanzhou=False) + count(sanqu_sanzhou=True) <= SITES
    chosen, _ = relocation.filter_sites(
        sites, FilterState(areas=("乌蒙山区",)), atlas.poverty, atlas.programme_counties
    )
    members = set(atlas.poverty.loc[atlas.poverty["contiguous_area"] == "乌蒙山区", "adcode"])
    assert set(chosen["adcode"]) <= members


def test_programme_without_county_data_gives_a_notice(sites, atlas) -> None:
    _, notices = relocation.filter_sites(
        sites, FilterState(programmes=("education",)), atlas.poverty, atlas.programme_counties
    )
    assert notices and "暂无县级数据" in notices[0]


# ---------------------------------------------------------------------------- per county


def test_county_sums_are_named_sites_only_without_double_counting(sites) -> None:
    sums = relocation.county_sums(sites).set_index("adcode")
    yongning = sums.loc["640121"]  # 闽宁镇 (6万多) contains 原隆村 (近万): not added twice
    assert yongning["sites"] == 2 and yongning["people"] == 60_000
    assert "原隆村" in yongning["excluded"]
    shanyang = sums.loc["611024"]  # four sites, no people figure
    assert shanyang["sites"] == 4 and math.isnan(shanyang["people"])
    assert sums.loc["520600", "county"].startswith("铜仁市（地市")
    assert sums["sites"].sum() == SITES
    labels = relocation.county_value_labels(sums.reset_index())
    assert "非全县总数" in labels["640121"]


# ---------------------------------------------------------------------------- totals


def test_every_province_people_figure_is_classified(totals) -> None:
    rows = relocation.people_totals(totals, ("province", "prefecture", "county"))
    provincial = rows[rows["level"] == "province"]
    unknown = sorted(set(provincial["indicator"]) - set(relocation.INDICATOR_KINDS))
    assert unknown == [], f"classify these in geo.relocation.INDICATOR_KINDS: {unknown}"


def test_province_totals_pick_completed_then_interim_and_keep_plans_apart(totals) -> None:
    table = relocation.province_totals(totals).set_index("province")
    assert set(table["relocated_kind"].dropna()) <= {"completed", "progress"}
    assert set(table["plan_kind"].dropna()) == {"plan"}
    guizhou = table.loc["贵州省"]
    assert guizhou["relocated_wan"] == 188 and guizhou["relocated_kind"] == "completed"
    assert guizhou["relocated_indicator"] == "十三五 relocation completed"  # not the unexplained 192 headline
    sichuan = table.loc["四川省"]  # no completion figure found: latest interim count, labelled so
    assert sichuan["relocated_kind"] == "progress" and sichuan["relocated_wan"] == 128.4
    assert sichuan["plan_wan"] == 136  # the 2020 plan, not the superseded 2016 one
    shanxi = table.loc["山西省"]  # completed and plan on the same basis (incl. 同步搬迁)
    assert (shanxi["relocated_wan"], shanxi["plan_wan"]) == (47.2, 56)
    assert shanxi["relocated_basis"] == shanxi["plan_basis"] == relocation.BASIS_ALL
    gansu = table.loc["甘肃省"]  # 建档立卡 result vs a plan incl. 同步搬迁: the plan stays out of the chart
    assert gansu["relocated_wan"] == 49.9 and math.isnan(gansu["plan_wan"])
    hebei = table.loc["河北省"]  # 135214人 → 万人, the 建档立卡 figure preferred
    assert hebei["relocated_wan"] == pytest.approx(13.5214) and hebei["relocated_basis"] == relocation.BASIS_POOR
    shaanxi = table.loc["陕西省"]  # 92.42万 is the programme size (91.91% moved in): plan, not completed
    assert math.isnan(shaanxi["relocated_wan"]) and shaanxi["plan_wan"] == 92.42
    assert "安徽省" not in table.index  # only a one-year plan: not comparable
    assert table["relocated_source"].dropna().str.len().min() > 0


def test_province_totals_follow_the_province_filter(totals) -> None:
    assert list(relocation.province_totals(totals, ("52",))["province"]) == ["贵州省"]
    assert relocation.province_totals(totals, ("34",)).empty  # 安徽: no comparable figure


def test_national_plan_and_completed_come_from_the_data_with_sources(totals) -> None:
    national = relocation.national_figures(totals)
    assert national["plan"].value == 981 and national["plan"].text == "约981万人" and national["plan"].year == 2016
    assert national["completed"].value == 960 and national["completed"].text == "960多万人"
    assert all(f.source for f in national.values())
    caption = relocation.national_caption(national)
    assert "981" in caption and "960" in caption and "http" not in caption


def test_province_chart_labels_kinds_and_national_context(totals) -> None:
    table = relocation.province_totals(totals)
    fig = relocation.province_chart(table, relocation.national_figures(totals))
    names = [trace.name for trace in fig.data]
    assert names == [relocation.KIND_LABELS[k] for k in ("completed", "progress", "plan")]
    annotation = fig.layout.annotations[0].text
    assert "约981万人" in annotation and "960多万人" in annotation
    assert fig.layout.font.family.startswith("Noto Sans CJK SC")
    assert list(fig.layout.yaxis.categoryarray)[-1] == "贵州省"  # largest on top, whatever its kind
    assert "来源" in relocation.chart_caption(table)


def test_totals_table_marks_what_the_chart_uses(totals) -> None:
    rows = relocation.people_totals(totals, "province")
    chosen = relocation.province_totals(totals)
    table = relocation.totals_table(rows, chosen)
    used = table[table["用于图表"] == "是"]
    assert len(used) == chosen["relocated_wan"].notna().sum() + chosen["plan_wan"].notna().sum()
    assert "relocated (headline figure)" in set(table.loc[table["用于图表"] == "否", "指标（原文）"])


# ---------------------------------------------------------------------------- view and map


def test_default_view_shows_every_site_and_shades_their_counties(atlas, totals) -> None:
    view = _view(atlas, totals)
    assert view.site_count == len(view.sites) == len(view.markers) == SITES
    assert view.sites_with_people == 22
    site_counties = set(data.relocation_sites()["adcode"]) & set(atlas.attrs.order)
    shaded = {code for code, c in zip(atlas.attrs.order, view.style.classes, strict=True) if c == "0"}
    assert shaded == site_counties
    selected = {code for code, s in zip(atlas.attrs.order, view.style.selection, strict=True) if s == "1"}
    assert site_counties <= selected
    assert view.style.fit is None
    assert view.legend.title == relocation.MAP_TITLE
    assert "近似" in view.legend.note


def test_province_view_narrows_sites_and_zooms(atlas, totals) -> None:
    view = _view(atlas, totals, provinces=("52",))
    assert len(view.sites) == 11 and set(view.sites["省份"]) == {"贵州省"}
    (south, west), (north, east) = view.style.fit
    assert 24 < south < north < 30 and 103 < west < east < 110
    assert set(view.province_rows["地区"]) == {"贵州省"}
    empty = _view(atlas, totals, provinces=("15",))
    assert empty.site_count == 0 and empty.markers == () and not empty.provinces.empty  # 内蒙古: plans only


def test_site_map_is_offline_and_clusters_the_markers(atlas, totals) -> None:
    view = _view(atlas, totals)
    m = relocation.site_map(view, atlas.attrs, {"counties-national": "/t.json", "border_lines": "/b.json"})
    clusters = [e for e in offline.walk(m) if isinstance(e, folium.plugins.MarkerCluster)]
    assert len(clusters) == 1
    circles = [e for e in offline.walk(m) if isinstance(e, folium.CircleMarker)]
    assert len(circles) == SITES
    assert all(c.options["className"] == relocation.SITE_CLASS for c in circles)
    assert offline.external_urls(m) == []
    assert "preventScroll: true" in m.get_root().render()  # a marker click must not scroll the page
