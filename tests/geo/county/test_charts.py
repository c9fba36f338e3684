"""The profile's figures: present or None ("暂无数据"), sources and units, exit year marked."""

from __future__ import annotations

import pandas as pd
import pytest

from geo import data
from geo.charts import CJK_FONT
from geo.county.charts import county_charts
from geo.county.peers import peer_groups


@pytest.fixture(scope="module")
def places(national_counties) -> pd.DataFrame:
    return pd.DataFrame(national_counties.drop(columns="geometry"))


def _charts(adcode: str, name: str, exit_year: int | None, places: pd.DataFrame):
    groups = peer_groups(adcode, data.poverty_counties(), places)
    return {c.key: c for c in county_charts(adcode, name, exit_year, data.county_stats(), groups, data.indicators())}


def test_full_data(places: pd.DataFrame) -> None:
    charts = _charts("130624", "阜平县", 2019, places)
    assert list(charts) == ["income", "population", "gdp", "structure", "census"]
    for chart in charts.values():
        assert chart.figure is not None
        assert chart.figure.layout.font.family == CJK_FONT
        assert "来源：" in chart.caption and "单位：" in chart.caption
        assert chart.figure.layout.title.subtitle.text.startswith("来源：")  # the PNG carries its source
    income = charts["income"].figure
    names = [t.name for t in income.data]
    assert "阜平县·农村居民" in names and "河北省国家贫困县中位数·农村居民" in names
    assert "832个国家贫困县中位数·城镇居民" in names
    assert any(s.x0 == 2019 for s in income.layout.shapes)  # the exit year on the timeline
    assert any("2019年摘帽" in (a.text or "") for a in income.layout.annotations)
    census = charts["census"].figure
    assert {t.name for t in census.data} >= {"阜平县", "燕山-太行山区片区县中位数"}


def test_gaps_give_no_figure(places: pd.DataFrame) -> None:
    charts = _charts("130705", "宣化区", 2019, places)
    assert charts["income"].figure is None and "暂无数据" in charts["income"].caption
    assert charts["gdp"].figure is None and charts["structure"].figure is None
    assert charts["population"].figure is not None and charts["census"].figure is not None


def test_no_data_at_all(places: pd.DataFrame) -> None:
    hk = places[places["province"] == "香港特别行政区"].iloc[0]["adcode"]
    charts = _charts(hk, "x", None, places)
    assert all(c.figure is None for c in charts.values())


def test_structure_shares_sum_to_about_100(places: pd.DataFrame) -> None:
    fig = _charts("130624", "阜平县", 2019, places)["structure"].figure
    totals = pd.DataFrame({t.name: pd.Series(t.y, index=t.x) for t in fig.data}).sum(axis=1)
    assert ((totals > 90) & (totals < 110)).mean() > 0.9
