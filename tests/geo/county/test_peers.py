"""Peer statistics on small hand-made tables, and the peer groups on the real 832 list."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from geo import data
from geo.county.peers import county_series, county_values, median_series, median_values, peer_groups, shares


def _stats(rows: list[tuple[str, int, str, float]]) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=["adcode", "year", "indicator", "value"])
    return df.assign(unit="元", source="test")


STATS = _stats(
    [
        ("a", 2019, "inc", 10.0),
        ("b", 2019, "inc", 20.0),
        ("c", 2019, "inc", 30.0),
        ("d", 2019, "inc", 1000.0),
        ("a", 2020, "inc", 12.0),
        ("b", 2020, "inc", 22.0),
        ("c", 2020, "inc", float("nan")),
        ("a", 2018, "inc", 8.0),
        ("a", 2020, "pop", 5.0),
        ("b", 2020, "pop", 7.0),
        ("c", 2020, "pop", 9.0),
    ]
)


def test_median_series_counts_and_drops_thin_years() -> None:
    out = median_series(STATS, ["a", "b", "c"], "inc")
    assert out.to_dict("records") == [{"year": 2019, "median": 20.0, "n": 3}]  # 2020: 2 values, 2018: 1
    everything = median_series(STATS, ["a", "b", "c"], "inc", min_peers=1)
    assert list(everything["year"]) == [2018, 2019, 2020]
    assert everything.set_index("year").loc[2020, "median"] == 17.0  # NaN is not a value


def test_median_is_robust_to_an_outlier() -> None:
    assert median_series(STATS, ["a", "b", "c", "d"], "inc").iloc[0]["median"] == 25.0


def test_median_series_of_an_empty_group() -> None:
    out = median_series(STATS, [], "inc")
    assert out.empty and list(out.columns) == ["year", "median", "n"]


def test_median_values_keeps_the_order_and_marks_missing() -> None:
    out = median_values(STATS, ["a", "b", "c"], ["pop", "inc", "none"], 2020).set_index("indicator")
    assert list(out.index) == ["pop", "inc", "none"]
    assert out.loc["pop", "median"] == 7.0 and out.loc["pop", "n"] == 3
    assert math.isnan(out.loc["inc", "median"]) and out.loc["inc", "n"] == 2  # too few values
    assert math.isnan(out.loc["none", "median"]) and out.loc["none", "n"] == 0


def test_county_series_and_values() -> None:
    series = county_series(STATS, "a", "inc")
    assert list(series.index) == [2018, 2019, 2020] and list(series) == [8.0, 10.0, 12.0]
    assert county_series(STATS, "zz", "inc").empty
    values = county_values(STATS, "a", ["pop", "inc", "none"], 2020)
    assert values["pop"] == 5.0 and values["inc"] == 12.0 and math.isnan(values["none"])


def test_shares_of_the_total() -> None:
    parts = pd.DataFrame({"p": [1.0, 2.0, 5.0], "s": [3.0, 2.0, 5.0]}, index=[2019, 2020, 2021])
    total = pd.Series([4.0, 0.0, float("nan")], index=[2019, 2020, 2021])
    out = shares(parts, total)
    assert list(out.index) == [2019]
    assert out.loc[2019].tolist() == [25.0, 75.0]


@pytest.fixture(scope="module")
def places(national_counties) -> pd.DataFrame:
    return pd.DataFrame(national_counties.drop(columns="geometry"))


def test_peer_groups_of_a_poverty_county(places: pd.DataFrame) -> None:
    poverty = data.poverty_counties()
    groups = {g.key: g for g in peer_groups("130624", poverty, places)}
    assert list(groups) == ["province", "area", "all832"]
    assert groups["province"].label == "河北省国家贫困县" and len(groups["province"].codes) == 45
    assert groups["area"].label == "燕山-太行山区片区县"
    assert "130624" in groups["area"].codes
    assert len(groups["all832"].codes) == 831  # 冷湖行委 has no code of its own


def test_peer_groups_of_a_province_without_poverty_counties(places: pd.DataFrame) -> None:
    groups = peer_groups("320106", data.poverty_counties(), places)  # 南京 鼓楼区
    assert [g.key for g in groups] == ["province", "all832"]
    assert groups[0].label == "江苏省各县（市、区）" and "320106" in groups[0].codes


def test_peer_groups_of_an_unknown_code(places: pd.DataFrame) -> None:
    assert peer_groups("999999", data.poverty_counties(), places) == ()


def test_real_medians_are_plausible() -> None:
    stats = data.county_stats()
    poverty = data.poverty_counties()
    out = median_series(stats, poverty["adcode"], "rural_disposable_income")
    row = out.set_index("year").loc[2020]
    assert 9_000 < row["median"] < 16_000 and row["n"] > 300
