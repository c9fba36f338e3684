"""The programme catalogue and the counties tied to each programme."""

from __future__ import annotations

import re

import pytest

from geo.data import poverty_counties, read_table
from geo.i18n import use_language
from geo.i18n.check import has_cjk
from geo.paths import DATA_DIR
from geo.taxonomy import BY_ID, GROUPS, PROGRAMMES, definition, group_name, programme_counties, programme_name

SEEDS_FACTS = DATA_DIR.parent.parent / "shared" / "reference" / "seeds_facts.md"
CITATION = re.compile(r"^\d{3}:L\d+(–\d+)?(, L\d+(–\d+)?)*(; \d{3}:L\d+(–\d+)?(, L\d+(–\d+)?)*)*$")


@pytest.fixture(scope="module")
def tied() -> dict[str, set[str]]:
    return programme_counties(poverty_counties(), read_table("pairings"), read_table("relocation_sites"))


def test_catalogue_is_well_formed() -> None:
    ids = [p.id for p in PROGRAMMES]
    assert len(ids) == len(set(ids)) == len(BY_ID)
    assert all(re.fullmatch(r"[a-z_]+", i) for i in ids)
    assert {p.group for p in PROGRAMMES} == set(GROUPS)
    assert [p.name_zh for p in PROGRAMMES if p.group == "五个一批"] == [
        "发展生产脱贫（产业扶贫）",
        "易地扶贫搬迁",
        "生态补偿脱贫",
        "发展教育脱贫",
        "社会保障兜底",
    ]
    for p in PROGRAMMES:
        assert p.name_zh and p.name_en and p.definition_zh.endswith("。")
        assert CITATION.fullmatch(p.citation), p.citation


@pytest.mark.skipif(not SEEDS_FACTS.exists(), reason="shared reference folder not present")
def test_citations_are_verbatim_from_seeds_facts() -> None:
    section = SEEDS_FACTS.read_text(encoding="utf-8").split("## 3.")[1].split("## 4.")[0]
    for p in PROGRAMMES:
        assert f"| {p.citation} |" in section, p.id


def test_county_data_only_where_a_table_exists(tied: dict[str, set[str]]) -> None:
    assert {p.id: p.county_data for p in PROGRAMMES if p.county_data} == {
        "relocation": "relocation_sites",
        "east_west": "pairings",
    }
    assert set(tied) == {"relocation", "east_west"}


def test_relocation_counties_are_832_codes(tied: dict[str, set[str]]) -> None:
    codes = set(poverty_counties()["adcode"])
    assert tied["relocation"] and tied["relocation"] <= codes
    assert "520502" in tied["relocation"]  # 柏杨林 site, 七星关区
    assert "520600" not in tied["relocation"]  # prefecture-coded site is not spread


def test_pairing_recipients_expand_provinces_and_prefectures(tied: dict[str, set[str]]) -> None:
    counties = poverty_counties()
    paired = tied["east_west"]
    assert paired <= set(counties["adcode"])
    gansu = set(counties.loc[counties["adcode"].str[:2] == "62", "adcode"])
    assert gansu <= paired  # 天津 → 甘肃省 (whole province)
    zhangjiakou = set(counties.loc[counties["adcode"].str[:4] == "1307", "adcode"])
    assert zhangjiakou and zhangjiakou <= paired  # 北京 → 张家口市
    assert not any(c.startswith("54") for c in paired)  # 西藏 has 对口支援, not 东西部协作
    without_jingchuan = counties.loc[counties["adcode"] != "620821"]
    relocation, pairings = read_table("relocation_sites"), read_table("pairings")
    assert "620821" not in programme_counties(without_jingchuan, pairings, relocation)["east_west"]


def test_period_selects_pairings() -> None:
    counties = poverty_counties()
    tied_2021 = programme_counties(counties, read_table("pairings"), read_table("relocation_sites"), period=2021)
    assert any(c.startswith("52") for c in tied_2021["east_west"])  # 贵州 province row, 2021 only
    no_pairs = programme_counties(counties, read_table("pairings").iloc[0:0], read_table("relocation_sites"))
    assert no_pairs["east_west"] == set()


def test_every_programme_has_english() -> None:
    for p in PROGRAMMES:
        assert p.name_en and p.definition_en.endswith("."), p.id
        assert not has_cjk(p.name_en + p.definition_en), p.id
    relocation = BY_ID["relocation"]
    assert (programme_name(relocation), definition(relocation)) == (relocation.name_zh, relocation.definition_zh)
    with use_language("en"):
        assert programme_name(relocation) == "Poverty-relief relocation"
        assert definition(relocation) == relocation.definition_en
        assert [group_name(g) for g in GROUPS] == ["The five batches", "Special programmes", "Who helps"]
    assert [group_name(g) for g in GROUPS] == list(GROUPS)
