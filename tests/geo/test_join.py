import pandas as pd
import pytest

from geo import data
from geo.join import Gazetteer, join_to_polygons, match_counties, normalise_code


@pytest.mark.parametrize(
    ("raw", "code"),
    [("130631.0", "130631"), (" 130631 ", "130631"), ("156130631", "130631"), ("130631000000", "130631"),
     ("13063", ""), ("abc", ""), (None, ""), (float("nan"), "")],
)  # fmt: skip
def test_normalise_code(raw: object, code: str) -> None:
    assert normalise_code(raw) == code


def _one(gaz: Gazetteer, **row: str) -> pd.Series:
    table = pd.DataFrame([row])
    cols = {k: k for k in row}
    return match_counties(table, gaz, **cols).rows.iloc[0]


def test_current_code(gazetteer: Gazetteer) -> None:
    r = _one(gazetteer, code="130624")
    assert (r.status, r.adcode, r.method, r.matched_name) == ("matched", "130624", "code", "阜平县")


def test_historical_code_is_crosswalked(gazetteer: Gazetteer) -> None:
    r = _one(gazetteer, code="540530")
    assert (r.status, r.adcode, r.method) == ("matched", "540581", "historical_code")


def test_split_code_is_ambiguous_with_candidates(gazetteer: Gazetteer) -> None:
    r = _one(gazetteer, code="130721")  # 宣化县, split in 2016
    assert r.status == "ambiguous"
    assert "130705" in r.candidates and "130702" in r.candidates


def test_prefecture_code_is_explained(gazetteer: Gazetteer) -> None:
    r = _one(gazetteer, code="532600")  # the 832 source's code for 文山市
    assert r.status == "unmatched"
    assert "地级" in r.reason


def test_name_with_suffix_variant(gazetteer: Gazetteer) -> None:
    r = _one(gazetteer, province="河北", name="阜平")
    assert (r.status, r.adcode, r.method) == ("matched", "130624", "name_variant")
    r = _one(gazetteer, province="云南", name="禄劝彝族苗族自治县 ")
    assert (r.status, r.adcode, r.method) == ("matched", "530128", "name")


def test_former_name(gazetteer: Gazetteer) -> None:
    r = _one(gazetteer, province="山西省", name="大同县")
    assert (r.status, r.adcode, r.method) == ("matched", "140215", "former_name")


def test_colliding_names_need_a_province(gazetteer: Gazetteer) -> None:
    assert _one(gazetteer, name="城关区").status == "ambiguous"
    assert _one(gazetteer, province="甘肃", name="城关区").adcode == "620102"
    assert _one(gazetteer, province="西藏自治区", name="城关区").adcode == "540102"


def test_prefecture_disambiguates(gazetteer: Gazetteer) -> None:
    assert _one(gazetteer, province="江苏", name="鼓楼区").status == "ambiguous"
    r = _one(gazetteer, province="江苏", prefecture="徐州市", name="鼓楼区")
    assert (r.status, r.adcode) == ("matched", "320302")


def test_code_contradicting_name_is_flagged(gazetteer: Gazetteer) -> None:
    # The 832 source codes 冷湖行委 as 630104, which is 西宁市城西区.
    r = _one(gazetteer, code="630104", province="青海", name="冷湖行委")
    assert r.status == "ambiguous"
    assert "城西区" in r.reason


def test_unknown_name_gets_suggestions(gazetteer: Gazetteer) -> None:
    r = _one(gazetteer, province="河北", name="阜平镇")
    assert r.status == "unmatched"
    assert "阜平县" in r.reason


def test_unknown_province_is_reported(gazetteer: Gazetteer) -> None:
    r = _one(gazetteer, province="火星", name="阜平县")
    assert (r.status, r.reason) == ("unmatched", "无法识别省份“火星”")


def test_missing_columns_are_refused(gazetteer: Gazetteer) -> None:
    with pytest.raises(ValueError, match="code column"):
        match_counties(pd.DataFrame({"x": [1]}), gazetteer)
    with pytest.raises(KeyError):
        match_counties(pd.DataFrame({"x": [1]}), gazetteer, code="adcode")


def test_report_and_join(gazetteer: Gazetteer, national_counties) -> None:
    table = pd.DataFrame(
        {"code": ["130624", "", "999999"], "prov": ["河北", "湖南", "河北"], "county": ["阜平县", "花垣县", ""],
         "value": [1.0, 2.0, 3.0]}
    )  # fmt: skip
    report = match_counties(table, gazetteer, code="code", province="prov", name="county")
    assert report.summary() == {"matched": 2, "unmatched": 1, "ambiguous": 0}
    joined = join_to_polygons(national_counties, table, report).set_index("adcode")
    assert joined.loc["130624", "value"] == 1.0
    assert joined.loc["433124", "value"] == 2.0
    assert joined["value"].notna().sum() == 2
    assert len(joined) == len(national_counties)


def test_the_832_list_matches_every_county_polygon(gazetteer: Gazetteer) -> None:
    counties = data.poverty_counties()
    by_polygon = match_counties(counties, gazetteer, code="polygon_adcode")
    assert by_polygon.summary() == {"matched": 832, "unmatched": 0, "ambiguous": 0}
    by_code = match_counties(counties[counties["adcode"] != ""], gazetteer, code="adcode", name="name")
    assert by_code.summary() == {"matched": 831, "unmatched": 0, "ambiguous": 0}
    assert (by_code.rows["adcode"].to_numpy() == counties.loc[counties["adcode"] != "", "adcode"].to_numpy()).all()


def test_the_832_list_matches_by_province_and_name(gazetteer: Gazetteer) -> None:
    counties = data.poverty_counties()
    report = match_counties(counties, gazetteer, province="province", prefecture="prefecture", name="name")
    # 冷湖行委 has no polygon of its own (it lies within 茫崖市): reported, not guessed.
    assert report.summary() == {"matched": 831, "unmatched": 1, "ambiguous": 0}
    assert report.of("unmatched")["input_name"].tolist() == ["冷湖行委"]
    matched = report.of("matched").set_index("row")["adcode"]
    assert (matched == counties.loc[matched.index, "polygon_adcode"]).all()
