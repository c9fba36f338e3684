"""Invariants of the curated data layer (data/*.csv); a bad edit must fail here."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pandas as pd
import pytest

DATA = Path(__file__).resolve().parents[2] / "data"

DACHAIDAN = "632857"  # NBS/天地图 statistical code, explicitly allowed (not an MCA code)

PROVINCE_COUNTS = {
    "云南": 88,
    "西藏": 74,
    "四川": 66,
    "贵州": 66,
    "甘肃": 58,
    "陕西": 56,
    "河北": 45,
    "青海": 42,
    "湖南": 40,
    "河南": 38,
    "山西": 36,
    "广西": 33,
    "新疆": 32,
    "内蒙古": 31,
    "湖北": 28,
    "江西": 24,
    "黑龙江": 20,
    "安徽": 20,
    "重庆": 14,
    "吉林": 8,
    "宁夏": 8,
    "海南": 5,
}
EXITS = {2016: 28, 2017: 125, 2018: 283, 2019: 344, 2020: 52}

# 《关于进一步加强东西部扶贫协作工作的指导意见》 (seed 004:L2541; seeds_facts.md §2.7).
# (helper, recipient) by most specific name; 中山市 + 东莞市 → 昭通市 is one seed pair.
SEED_PAIRS_2016 = [
    ("北京市", "内蒙古自治区"),
    ("北京市", "张家口市"),
    ("北京市", "保定市"),
    ("天津市", "甘肃省"),
    ("天津市", "承德市"),
    ("大连市", "六盘水市"),
    ("上海市", "云南省"),
    ("上海市", "遵义市"),
    ("江苏省", "陕西省"),
    ("江苏省", "西宁市"),
    ("江苏省", "海东市"),
    ("苏州市", "铜仁市"),
    ("浙江省", "四川省"),
    ("杭州市", "恩施土家族苗族自治州"),
    ("杭州市", "黔东南苗族侗族自治州"),
    ("宁波市", "延边朝鲜族自治州"),
    ("宁波市", "黔西南布依族苗族自治州"),
    ("福建省", "宁夏回族自治区"),
    ("福州市", "定西市"),
    ("厦门市", "临夏回族自治州"),
    ("山东省", "重庆市"),
    ("济南市", "湘西土家族苗族自治州"),
    ("青岛市", "安顺市"),
    ("青岛市", "陇南市"),
    ("广东省", "广西壮族自治区"),
    ("广东省", "甘孜藏族自治州"),
    ("广州市", "黔南布依族苗族自治州"),
    ("广州市", "毕节市"),
    ("佛山市", "凉山彝族自治州"),
    (("中山市", "东莞市"), "昭通市"),
    ("珠海市", "怒江傈僳族自治州"),
]


@cache
def load(name: str) -> pd.DataFrame:
    """Read a data CSV with every column as text; blanks stay ''."""
    return pd.read_csv(DATA / name, dtype=str, keep_default_na=False)


@cache
def in_use() -> frozenset[str]:
    """Codes whose status is 在用 in areacodes_history.csv."""
    ac = load("areacodes_history.csv")
    return frozenset(ac.loc[ac["status"] == "在用", "code"])


def counties() -> pd.DataFrame:
    return load("counties.csv")


def county(name: str) -> pd.Series:
    rows = counties()[counties()["name"] == name]
    assert len(rows) == 1, name
    return rows.iloc[0]


# ---------------------------------------------------------------- files


@pytest.mark.parametrize("path", sorted(DATA.glob("*.csv")), ids=lambda p: p.name)
def test_csv_encoding(path: Path) -> None:
    raw = path.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf"), "BOM"
    assert b"\r\n" not in raw, "CRLF"
    raw.decode("utf-8")


def test_areacodes_history() -> None:
    ac = load("areacodes_history.csv")
    assert list(ac.columns) == [
        "code",
        "province",
        "prefecture",
        "name",
        "level",
        "status",
        "start_year",
        "end_year",
        "new_code",
    ]
    assert len(ac) == 6823
    assert ac["code"].str.fullmatch(r"\d{6}").all()
    assert set(ac["level"]) == {"省级", "地级", "县级"}
    assert set(ac["status"]) == {"在用", "弃用", "变更"}
    assert not ac.loc[ac["status"] == "在用", "code"].duplicated().any()


# ---------------------------------------------------------------- counties


def test_counties_rows_and_keys() -> None:
    c = counties()
    assert len(c) == 832
    assert not c.duplicated(["province", "name"]).any()
    coded = c.loc[c["adcode"] != "", "adcode"]
    assert coded.is_unique
    blank = c[c["adcode"] == ""]
    assert list(blank["name"]) == ["冷湖行委"]


def test_counties_codes_in_use() -> None:
    c = counties()
    for col in ("adcode", "polygon_adcode"):
        codes = c.loc[c[col] != "", col]
        assert codes.str.fullmatch(r"\d{6}").all(), col
        bad = set(codes) - in_use() - {DACHAIDAN}
        assert not bad, (col, bad)
    assert (c["polygon_adcode"] != "").all()
    differ = c[c["polygon_adcode"] != c["adcode"]]
    assert set(differ["name"]) == {"冷湖行委"}


def test_counties_names_match_areacodes() -> None:
    ac = load("areacodes_history.csv")
    names = dict(zip(ac.loc[ac["status"] == "在用", "code"], ac.loc[ac["status"] == "在用", "name"], strict=True))
    c = counties()
    c = c[c["adcode"].isin(names.keys())]
    assert (c["name"] == c["adcode"].map(names)).all()


def test_province_counts() -> None:
    c = counties()
    for short, n in PROVINCE_COUNTS.items():
        assert c["province"].str.startswith(short).sum() == n, short
    assert sum(PROVINCE_COUNTS.values()) == 832


def test_exit_years() -> None:
    years = counties()["exit_year"].astype(int)
    assert years.value_counts().to_dict() == EXITS
    assert county("双柏县")["exit_year"] == "2018"
    assert "2018" in county("双柏县")["note"]


def test_fixed_defects() -> None:
    assert county("文山市")["adcode"] == "532601"
    assert county("临夏市")["adcode"] == "622901"
    assert county("宣化区")["adcode"] == "130705" and county("宣化区")["note"]
    dcd = county("大柴旦行委")
    assert dcd["adcode"] == DACHAIDAN and dcd["polygon_adcode"] == DACHAIDAN and dcd["note"]
    lh = county("冷湖行委")
    assert lh["polygon_adcode"] == "632803"
    assert lh["prefecture"] == "海西蒙古族藏族自治州"
    assert lh["note"]
    assert "[]" not in set(counties()["prefecture"])
    assert (counties()["prefecture"] != "").all()


def test_county_columns_domains() -> None:
    c = counties()
    assert set(c["region"]) == {"东", "中", "西"}
    assert set(c["sanqu_sanzhou"]) == {"true", "false"}
    assert set(c["key_county_2012"]) <= {"yes", "no", ""}
    assert (c["key_county_2012"] == "yes").sum() == 311
    assert set(c["area_evidence"]) == {"explicit", "derived", "unverified", ""}
    assert ((c["contiguous_area"] == "") == (c["area_evidence"] == "")).all()
    assert (c.loc[c["province"] == "西藏自治区", "sanqu_sanzhou"] == "true").all()
    assert (c.loc[c["contiguous_area"] == "四省藏区", "sanqu_sanzhou"] == "true").all()


def test_spot_checks() -> None:
    fp = county("阜平县")
    assert fp["adcode"] == "130624" and fp["exit_year"] == "2019"
    hy = county("花垣县")
    assert hy["adcode"] == "433124" and hy["exit_year"] == "2019"
    s = load("county_stats.csv").set_index(["adcode", "year", "indicator"])["value"]
    assert float(s[("130624", "2020", "census_population")]) == 194004
    assert float(s[("130624", "2020", "rural_disposable_income")]) == 10829
    assert float(s[("433124", "2020", "census_population")]) == 249238


# ---------------------------------------------------------------- areas


def test_contiguous_areas() -> None:
    a = load("contiguous_areas.csv")
    c = counties()
    assert len(a) == 14 and a["area"].is_unique
    assert set(a["type"]) == {"山区", "特殊政策区"}
    assert (a["type"] == "山区").sum() == 11
    members = c.loc[c["contiguous_area"] != "", "contiguous_area"]
    assert len(members) == 680
    assert set(members) <= set(a["area"])
    per_area = members.value_counts()
    for _, r in a.iterrows():
        n = int(r["counties_in_data"])
        assert per_area.get(r["area"], 0) == n, r["area"]
        assert int(r["explicit"]) + int(r["derived"]) + int(r["unverified"]) == n
        if r["official_county_count"]:
            assert int(r["official_county_count"]) == n, r["area"]
    assert a["unverified"].astype(int).sum() == 268


# ---------------------------------------------------------------- pairings


def _endpoint(df: pd.DataFrame, side: str) -> pd.Series:
    unit = "city" if side == "helper" else "prefecture"
    out = df[f"{side}_county"].where(df[f"{side}_county"] != "", df[f"{side}_{unit}"])
    return out.where(out != "", df[f"{side}_province"])


def test_pairings() -> None:
    p = load("pairings.csv")
    assert p["pair_id"].is_unique
    assert set(p["period"]) == {"2016", "2021"}
    assert set(p["level"]) <= {"province", "prefecture", "county", "county-to-prefecture"}
    for col in ("helper_adcode", "recipient_adcode"):
        assert p[col].str.fullmatch(r"\d{6}").all()
        assert not set(p[col]) - in_use(), col
    whole = p[(p["helper_city"] == "") & (p["helper_county"] == "")]
    assert whole["helper_adcode"].str.fullmatch(r"\d{2}0000").all()


def test_pairings_2016_seed_list() -> None:
    p = load("pairings.csv")
    p16 = p[(p["period"] == "2016") & p["level"].isin(["province", "prefecture"])]
    got = set(zip(_endpoint(p16, "helper"), _endpoint(p16, "recipient"), strict=True))
    expected = set()
    for helper, recipient in SEED_PAIRS_2016:
        for h in helper if isinstance(helper, tuple) else (helper,):
            expected.add((h, recipient))
    assert expected <= got, expected - got
    assert got <= expected, got - expected
    assert len(p16) == 32


# ---------------------------------------------------------------- county stats


def test_county_stats() -> None:
    s = load("county_stats.csv")
    ind = load("indicators.csv")
    assert list(s.columns) == ["adcode", "year", "indicator", "value", "unit", "source"]
    assert not s.duplicated(["adcode", "year", "indicator"]).any()
    assert set(s["indicator"]) == set(ind["indicator"])
    assert (s["unit"] != "").all() and (s["source"] != "").all()
    assert pd.to_numeric(s["value"], errors="coerce").notna().all()
    assert s["year"].str.fullmatch(r"\d{4}").all()
    assert s["adcode"].str.fullmatch(r"\d{6}").all()
    assert not set(s["adcode"]) - in_use() - {DACHAIDAN}
    units = s.drop_duplicates("indicator").set_index("indicator")["unit"]
    assert (ind.set_index("indicator")["unit"] == units.reindex(ind["indicator"])).all()
    assert (DATA / "county_stats.csv").stat().st_size < 8_500_000


def test_census_covers_832() -> None:
    s = load("county_stats.csv")
    pop = set(s.loc[s["indicator"] == "census_population", "adcode"])
    codes = set(counties()["adcode"]) - {""}
    assert codes <= pop


# ---------------------------------------------------------------- relocation & series


def test_relocation_sites() -> None:
    r = load("relocation_sites.csv")
    assert r["site_id"].is_unique
    assert set(r["location_precision"]) <= {"exact", "county", "prefecture"}
    lon, lat = pd.to_numeric(r["lon"]), pd.to_numeric(r["lat"])
    assert lon.between(73, 136).all() and lat.between(18, 54).all()
    assert not set(r["adcode"]) - in_use()
    q = r["people_qualifier"]
    assert set(q) <= {"", "lower_bound", "approx", "capacity", "planned", "interim", "cumulative"}
    assert (r.loc[q != "", "people"] != "").all()


def test_relocation_totals() -> None:
    t = load("relocation_totals.csv")
    assert len(t) == 79
    assert pd.to_numeric(t["value"], errors="coerce").notna().all()
    assert t["year"].str.fullmatch(r"\d{4}").all()
    assert ((t["adcode"] == "") == (t["level"] == "national")).all()
    assert not set(t.loc[t["adcode"] != "", "adcode"]) - in_use()


def test_poverty_series() -> None:
    p = load("poverty_series.csv")
    assert len(p) == 185
    nat = p[p["level"] == "national"].set_index(["year", "indicator"])["value"]
    assert nat[("2012", "rural_poor_population")] == "9899"
    assert nat[("2020", "rural_poor_population")] == "0"
    for year, n in EXITS.items():
        key = (str(year), "poor_counties_exited")
        if key in nat.index:
            assert int(nat[key]) == n
    prov = p[p["level"] == "province"]
    assert prov["adcode"].str.fullmatch(r"\d{2}0000").all()
    assert (p.loc[p["level"] != "province", "adcode"] == "").all()
