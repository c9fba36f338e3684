"""FilterState and filter application on the real 832-county table."""

from __future__ import annotations

import pandas as pd
import pytest

from geo.data import poverty_counties, read_table
from geo.filters import FilterState, apply, kpis
from geo.i18n import use_language
from geo.taxonomy import programme_counties


@pytest.fixture(scope="module")
def counties() -> pd.DataFrame:
    return poverty_counties()


@pytest.fixture(scope="module")
def tied(counties: pd.DataFrame) -> dict[str, set[str]]:
    return programme_counties(counties, read_table("pairings"), read_table("relocation_sites"))


def count(state: FilterState, counties: pd.DataFrame, tied: dict[str, set[str]]) -> int:
    return len(apply(state, counties, tied).counties)


def test_default_state_keeps_all(counties: pd.DataFrame, tied: dict[str, set[str]]) -> None:
    result = apply(FilterState(), counties, tied)
    assert len(result.counties) == 832 and result.notices == []


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        (FilterState(provinces=("52",)), 66),
        (FilterState(provinces=("52", "53")), 66 + 88),
        (FilterState(provinces=("63",)), 42),  # 冷湖行委 has no adcode: province from polygon_adcode
        (FilterState(still_poor_at_end_of=2018), 344 + 52),
        (FilterState(still_poor_at_end_of=2015), 832),
        (FilterState(still_poor_at_end_of=2020), 0),
        (FilterState(exit_years=(2016,)), 28),
        (FilterState(exit_years=(2016, 2020)), 28 + 52),
        (FilterState(sanqu_sanzhou=True), 199),
        (FilterState(sanqu_sanzhou=False), 832 - 199),
        (FilterState(provinces=("54",), sanqu_sanzhou=False), 0),
    ],
)
def test_filter_counts(state: FilterState, expected: int, counties: pd.DataFrame, tied: dict[str, set[str]]) -> None:
    assert count(state, counties, tied) == expected


def test_area_count_matches_contiguous_areas_table(counties: pd.DataFrame, tied: dict[str, set[str]]) -> None:
    areas = read_table("contiguous_areas").set_index("area")["counties_in_data"].astype(int)
    assert count(FilterState(areas=("乌蒙山区",)), counties, tied) == areas["乌蒙山区"] == 38
    assert count(FilterState(areas=tuple(areas.index)), counties, tied) == areas.sum() == 680


def test_dimensions_combine_with_and(counties: pd.DataFrame, tied: dict[str, set[str]]) -> None:
    state = FilterState(provinces=("52",), areas=("乌蒙山区",), still_poor_at_end_of=2018)
    selected = apply(state, counties, tied).counties
    assert len(selected) > 0
    assert (selected["polygon_adcode"].str[:2] == "52").all()
    assert (selected["contiguous_area"] == "乌蒙山区").all()
    assert (selected["exit_year"] > 2018).all()


def test_programme_with_data_intersects(counties: pd.DataFrame, tied: dict[str, set[str]]) -> None:
    result = apply(FilterState(programmes=("relocation",)), counties, tied)
    assert set(result.counties["adcode"]) == tied["relocation"] and result.notices == []
    both = apply(FilterState(programmes=("relocation", "east_west")), counties, tied).counties
    assert set(both["adcode"]) == tied["relocation"] | tied["east_west"]


def test_programme_without_data_is_reported_not_applied(counties: pd.DataFrame, tied: dict[str, set[str]]) -> None:
    result = apply(FilterState(provinces=("52",), programmes=("health",)), counties, tied)
    assert len(result.counties) == 66
    assert result.notices == ["“健康扶贫”暂无县级数据，未按此筛选"]
    mixed = apply(FilterState(programmes=("health", "relocation")), counties, tied)
    assert set(mixed.counties["adcode"]) == tied["relocation"] and len(mixed.notices) == 1


def test_state_is_canonical() -> None:
    assert FilterState(provinces=("53", "52", "53")) == FilterState(provinces=("52", "53"))
    with pytest.raises(AttributeError):
        FilterState().year = 2019  # type: ignore[misc]


def test_kpis(counties: pd.DataFrame, tied: dict[str, set[str]]) -> None:
    assert kpis(counties) == {
        "counties": 832,
        "exits_by_year": {2016: 28, 2017: 125, 2018: 283, 2019: 344, 2020: 52},
        "sanqu_sanzhou": 199,
        "contiguous_area": 680,
    }
    guizhou = kpis(apply(FilterState(provinces=("52",)), counties, tied).counties)
    assert guizhou["counties"] == 66 and sum(guizhou["exits_by_year"].values()) == 66
    assert guizhou["sanqu_sanzhou"] == 0
    assert kpis(counties.iloc[0:0])["counties"] == 0


def test_notice_in_english(counties: pd.DataFrame, tied: dict[str, set[str]]) -> None:
    with use_language("en"):
        result = apply(FilterState(programmes=("health",)), counties, tied)
    assert result.notices == ["“Health” has no county data yet, so it was not used to filter"]
