"""County search: names, pinyin initials, codes, colliding names, junk input."""

from __future__ import annotations

import pandas as pd
import pytest

from geo import codes, data
from geo.county.search import EXACT_CODE, OLD_CODE, SearchIndex, normalise


@pytest.fixture(scope="module")
def index(national_counties) -> SearchIndex:
    polygons = pd.DataFrame(national_counties.drop(columns="geometry"))
    return SearchIndex.build(polygons, data.poverty_counties(), codes.codebook().resolve)


def _codes(hits) -> list[str]:
    return [h.adcode for h in hits]


@pytest.mark.parametrize("query", ["阜平", "阜平县", "fp", "FP", "fuping", "130624", "１３０６２４", " 阜 平 "])
def test_fuping_is_found_first(index: SearchIndex, query: str) -> None:
    assert _codes(index.search(query))[0] == "130624"


def test_an_exact_code_is_one_hit(index: SearchIndex) -> None:
    hits = index.search("130624")
    assert len(hits) == 1 and hits[0].rank == EXACT_CODE and hits[0].poverty


def test_a_retired_code_leads_to_todays_county(index: SearchIndex) -> None:
    hits = index.search("540530")  # 错那县 → 错那市
    assert _codes(hits) == ["540581"] and hits[0].rank == OLD_CODE and "原代码 540530" in hits[0].label


def test_colliding_names_show_prefecture_and_province(index: SearchIndex) -> None:
    hits = index.search("鼓楼区")
    assert len(hits) == 4 and all(h.ambiguous for h in hits)
    labels = [h.label for h in hits]
    assert "鼓楼区（江苏省·南京市）320106" in labels
    assert "鼓楼区（福建省·福州市）350102" in labels
    chengguan = index.search("城关区")
    assert {h.province for h in chengguan} == {"西藏自治区", "甘肃省"}
    assert chengguan[0].adcode == "540102"  # the poverty county first


def test_a_unique_name_shows_only_its_province(index: SearchIndex) -> None:
    hit = index.search("阜平")[0]
    assert not hit.ambiguous and hit.label == "阜平县（河北省）130624 · 国家贫困县"


def test_initials_rank_poverty_counties_first(index: SearchIndex) -> None:
    hits = index.search("fp")
    assert {"130624", "610528", "610730"} <= set(_codes(hits)[:3])  # 阜平, 富平, 佛坪
    assert all(h.poverty for h in hits[:3])


def test_full_pinyin_matches_every_county_of_that_sound(index: SearchIndex) -> None:
    assert {"640121", "450109"} <= set(_codes(index.search("yongning")))  # 永宁县, 邕宁区


def test_a_rarer_reading_still_finds_the_county(index: SearchIndex) -> None:
    assert "522729" in _codes(index.search("changshun"))  # 长顺县 (pypinyin reads 长 as zhang)


def test_an_alias_from_the_832_list(index: SearchIndex) -> None:
    assert _codes(index.search("冷湖"))[0] == "632803"  # 冷湖行委 is drawn by 茫崖市


def test_a_code_prefix_lists_the_prefecture(index: SearchIndex) -> None:
    hits = index.search("1306", limit=50)
    assert hits and all(h.adcode.startswith("1306") for h in hits)


def test_a_prefecture_name_lists_its_counties_last(index: SearchIndex) -> None:
    hits = index.search("保定", limit=50)
    assert "130624" in _codes(hits)


@pytest.mark.parametrize(
    "query", ["", "   ", "!!!", "<script>", "'; drop table", None, 42, "9", "1234567", "999999", "qqqqqq", "𠀀𠀀"]
)
def test_junk_finds_nothing_and_does_not_fail(index: SearchIndex, query: object) -> None:
    assert index.search(query) == []


def test_limit(index: SearchIndex) -> None:
    assert len(index.search("x", limit=3)) == 3
    assert index.search("x", limit=0) == []


def test_normalise() -> None:
    assert normalise("  Ｆｐ ") == "fp"
    assert normalise("阜平-县") == "阜平县"
    assert len(normalise("a" * 500)) == 40
