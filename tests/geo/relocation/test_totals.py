"""Province totals: every figure classified, relocated and plan figures chosen and kept apart."""

from __future__ import annotations

import math

import pytest

from geo.relocation.totals import BASIS_ALL, BASIS_POOR, INDICATOR_KINDS, people_totals, province_totals


def test_every_province_people_figure_is_classified(totals) -> None:
    rows = people_totals(totals, ("province", "prefecture", "county"))
    provincial = rows[rows["level"] == "province"]
    unknown = sorted(set(provincial["indicator"]) - set(INDICATOR_KINDS))
    assert unknown == [], f"classify these in geo.relocation.totals.INDICATOR_KINDS: {unknown}"


def test_province_totals_pick_completed_then_interim_and_keep_plans_apart(totals) -> None:
    table = province_totals(totals).set_index("province")
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
    assert shanxi["relocated_basis"] == shanxi["plan_basis"] == BASIS_ALL
    gansu = table.loc["甘肃省"]  # 建档立卡 result vs a plan incl. 同步搬迁: the plan stays out of the chart
    assert gansu["relocated_wan"] == 49.9 and math.isnan(gansu["plan_wan"])
    hebei = table.loc["河北省"]  # 135214人 → 万人, the 建档立卡 figure preferred
    assert hebei["relocated_wan"] == pytest.approx(13.5214) and hebei["relocated_basis"] == BASIS_POOR
    shaanxi = table.loc["陕西省"]  # 92.42万 is the programme size (91.91% moved in): plan, not completed
    assert math.isnan(shaanxi["relocated_wan"]) and shaanxi["plan_wan"] == 92.42
    assert "安徽省" not in table.index  # only a one-year plan: not comparable
    assert table["relocated_source"].dropna().str.len().min() > 0


def test_province_totals_follow_the_province_filter(totals) -> None:
    assert list(province_totals(totals, ("52",))["province"]) == ["贵州省"]
    assert province_totals(totals, ("34",)).empty  # 安徽: no comparable figure
