"""User datasets become indicators of the overview, the URL vocabulary and the county profile."""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd
import pytest

from geo import overview, url_state
from geo.county.peers import peer_groups
from geo.county.user_data import user_data_table
from geo.filters import FilterState
from geo.i18n import use_language
from geo.maps import legend_html
from geo.userdata import indicators
from geo.userdata.model import Column, DatasetMeta

HOSTILE = "<img src=x onerror=alert(1)>"
GUIZHOU = ("520402", "520423", "520424", "522327", "520203")  # 西秀, 镇宁, 关岭, 册亨, 六枝特区


def _meta(dataset_id: str, name: str, columns: tuple[Column, ...]) -> DatasetMeta:
    when = datetime(2026, 11, 23, 7, 30, tzinfo=UTC)
    return DatasetMeta(dataset_id, name, "县统计局2021年年鉴", when, "table", "yearbook.xlsx", columns, 5)


@pytest.fixture(scope="module")
def user_tables() -> tuple[list[DatasetMeta], pd.DataFrame]:
    metas = [
        _meta("a" * 32, "安顺调查", (Column("c1", "脱贫户数", "户"), Column("c2", HOSTILE, ""))),
        _meta("b" * 32, "无年份表", (Column("c1", '=HYPERLINK("http://x")', "元"),)),
    ]
    rows = [("a" * 32, code, "c1", 2021, float(i + 1) * 100) for i, code in enumerate(GUIZHOU)]
    rows += [("a" * 32, code, "c2", 2021, float(i)) for i, code in enumerate(GUIZHOU)]
    rows += [("b" * 32, GUIZHOU[0], "c1", None, 7.5)]
    values = pd.DataFrame(rows, columns=["dataset_id", "adcode", "column", "year", "value"])
    return metas, values.astype({"year": "Int64"})


@pytest.fixture(scope="module")
def with_user(atlas, user_tables) -> overview.AtlasData:
    metas, values = user_tables
    return atlas.with_user_data(indicators.catalogue(metas, values), indicators.stats(metas, values))


def test_catalogue_labels_each_column_as_user_data_with_source_and_time(user_tables) -> None:
    metas, values = user_tables
    table = indicators.catalogue(metas, values).set_index("indicator")
    assert list(table.index) == ["u_aaaaaaaaaaaa_c1", "u_aaaaaaaaaaaa_c2", "u_bbbbbbbbbbbb_c1"]
    first = table.loc["u_aaaaaaaaaaaa_c1"]
    assert first["label_zh"] == "脱贫户数（用户数据·安顺调查）"
    assert first["unit"] == "户" and first["years"] == "2021"
    assert "县统计局2021年年鉴" in first["source"] and "2026-11-23 15:30" in first["source"]  # Beijing time
    assert table.loc["u_bbbbbbbbbbbb_c1", "years"] == ""


def test_stats_are_long_rows_with_no_year_kept_apart(user_tables) -> None:
    metas, values = user_tables
    stats = indicators.stats(metas, values)
    assert len(stats) == 11
    assert stats["year"].dtype == "int64"
    assert stats.loc[stats["indicator"] == "u_bbbbbbbbbbbb_c1", "year"].tolist() == [indicators.NO_YEAR]
    assert indicators.stats(metas[:1], values)["indicator"].str.startswith("u_aaaa").all()  # deleted dataset gone


def test_user_indicator_drives_the_choropleth_and_table(with_user) -> None:
    state = FilterState(indicator="u_aaaaaaaaaaaa_c1", provinces=("52",))
    view = overview.build_view(state, with_user)
    assert view.year == 2021
    assert view.indicator_label == "脱贫户数（用户数据·安顺调查）（2021年）"
    column = view.table.set_index("区划代码")[view.indicator_label]
    assert column.notna().sum() == len(GUIZHOU)
    assert column["520402"] == 100.0


def test_hostile_label_is_data_in_the_view_and_text_in_the_legend(with_user) -> None:
    view = overview.build_view(FilterState(indicator="u_aaaaaaaaaaaa_c2"), with_user)
    assert HOSTILE in view.legend.title
    markup = legend_html(view.legend.title, view.legend.items, view.legend.note)
    assert "<img" not in markup and "&lt;img src=x onerror=alert(1)&gt;" in markup


def test_indicator_without_year_has_no_year_in_its_label(with_user) -> None:
    assert overview.indicator_years(with_user, "u_bbbbbbbbbbbb_c1") == [indicators.NO_YEAR]
    view = overview.build_view(FilterState(indicator="u_bbbbbbbbbbbb_c1"), with_user)
    assert view.indicator_label == '=HYPERLINK("http://x")（用户数据·无年份表）'


def test_shared_links_may_name_user_indicators(with_user) -> None:
    vocab = url_state.Vocabulary.from_tables(with_user.poverty, with_user.indicators, with_user.polygons)
    state, notices = url_state.parse({"indicator": "u_aaaaaaaaaaaa_c1", "year": "2021"}, vocab)
    assert (state.indicator, state.year, notices) == ("u_aaaaaaaaaaaa_c1", 2021, [])
    state, notices = url_state.parse({"indicator": "u_bbbbbbbbbbbb_c1", "year": "2021"}, vocab)
    assert state.indicator == "u_bbbbbbbbbbbb_c1" and state.year is None and notices


def test_county_profile_compares_user_values_with_peer_medians(with_user) -> None:
    groups = peer_groups("520402", with_user.poverty, with_user.polygons)
    table = user_data_table("520402", with_user.stats, with_user.indicators, groups)
    assert list(table["指标"]) == [
        "<img src=x onerror=alert(1)>（用户数据·安顺调查）",
        '=HYPERLINK("http://x")（用户数据·无年份表）',
        "脱贫户数（用户数据·安顺调查）",
    ]
    row = table.set_index("指标").loc["脱贫户数（用户数据·安顺调查）"]
    assert row["本县"] == 100.0 and row["年份"] == "2021"
    province_median = next(c for c in table.columns if c.startswith("贵州"))
    assert row[province_median] == 300.0  # median of 100…500 over the five Guizhou counties
    assert user_data_table("110101", with_user.stats, with_user.indicators, groups).empty


def test_source_line_follows_the_language(user_tables) -> None:
    metas, _ = user_tables
    assert (
        indicators.source_line(metas[0]) == "用户数据：县统计局2021年年鉴（文件 yearbook.xlsx，2026-11-23 15:30 导入）"
    )
    with use_language("en"):
        english = indicators.source_line(metas[0])
    assert english == "User data: 县统计局2021年年鉴 (file yearbook.xlsx, imported 2026-11-23 15:30)"


def test_english_indicator_labels_use_label_en(with_user) -> None:
    with use_language("en"):
        labels = with_user.indicator_labels()
    assert labels["u_aaaaaaaaaaaa_c1"] == "脱贫户数 (user data: 安顺调查)"  # the user's names stay as typed
    assert labels["rural_disposable_income"] == "Rural per-capita disposable income"
